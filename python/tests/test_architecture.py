"""The client's modules import no cycle, at module level or inside functions: a module that
imports another importing it back works only in one import order, and breaks the day a function
import moves to the top or a new entry point imports them the other way round."""

from __future__ import annotations

import ast
from pathlib import Path
from typing import Dict, List, Set

PACKAGE = "btsnap"
SOURCES = Path(__file__).resolve().parents[1] / "src" / PACKAGE


def module_graph(folder: Path, package: str = PACKAGE) -> Dict[str, Set[str]]:
    """Module name to the names of the package's modules it imports; the package itself (its
    ``__init__``) is named ``package``. Importing a submodule is an edge to the submodule only:
    Python runs the package's ``__init__`` first whatever imports it, so that edge says nothing."""
    modules = {p.stem: p for p in folder.glob("*.py")}
    names = {stem: package if stem == "__init__" else stem for stem in modules}
    submodules = {name for name in names.values() if name != package}
    graph: Dict[str, Set[str]] = {}
    for stem, path in sorted(modules.items()):
        name = names[stem]
        used: Set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if isinstance(node, ast.Import):
                for alias in node.names:
                    parts = alias.name.split(".")
                    if parts[0] == package:
                        used.add(parts[1] if len(parts) > 1 and parts[1] in submodules else package)
            elif isinstance(node, ast.ImportFrom):
                if node.level == 0:
                    parts = (node.module or "").split(".")
                    if parts[0] != package:
                        continue
                    rest = parts[1:]
                elif node.level == 1:
                    rest = node.module.split(".") if node.module else []
                else:
                    continue  # the package has no sub-packages for ``..`` to leave
                if rest:
                    used.add(rest[0] if rest[0] in submodules else package)
                else:
                    # ``from . import x``: a submodule when one is named x, else a name of __init__.
                    for alias in node.names:
                        used.add(alias.name if alias.name in submodules else package)
        used.discard(name)
        graph[name] = used
    return graph


def cycles(graph: Dict[str, Set[str]]) -> List[str]:
    """One shortest cycle through the first module of each group that reaches itself."""
    found: List[str] = []
    in_cycle: Set[str] = set()
    for start in sorted(graph):
        if start in in_cycle:
            continue
        previous: Dict[str, str] = {}
        queue = [start]
        last = None
        while queue and last is None:
            at = queue.pop(0)
            for nxt in sorted(graph.get(at, ())):
                if nxt == start:
                    last = at
                    break
                if nxt not in previous:
                    previous[nxt] = at
                    queue.append(nxt)
        if last is None:
            continue
        path = [last]
        while path[0] != start:
            path.insert(0, previous[path[0]])
        in_cycle.update(path)
        found.append(" -> ".join(path + [start]))
    return found


def test_client_modules_import_no_cycle():
    graph = module_graph(SOURCES)
    assert "_capture" in graph and PACKAGE in graph, "sources were found"
    assert cycles(graph) == []


def test_a_cycle_through_function_level_and_relative_imports_is_found(tmp_path):
    (tmp_path / "__init__.py").write_text("from ._a import a\n")
    (tmp_path / "_a.py").write_text("from . import _b\n\ndef a():\n    return _b\n")
    (tmp_path / "_b.py").write_text("def b():\n    from ._c import c\n    return c\n")
    (tmp_path / "_c.py").write_text("import os\n\ntry:\n    from btsnap._a import a\nexcept ImportError:\n    a = None\n")
    (tmp_path / "_d.py").write_text('"""from ._a import a"""\n# from ._a import a\n')

    graph = module_graph(tmp_path)

    assert graph["_d"] == set()
    assert cycles(graph) == ["_a -> _b -> _c -> _a"]


def test_a_name_of_the_package_itself_is_an_edge_to_its_init(tmp_path):
    (tmp_path / "__init__.py").write_text("from ._a import a\nVERSION = 1\n")
    (tmp_path / "_a.py").write_text("def a():\n    from . import VERSION\n    return VERSION\n")

    assert cycles(module_graph(tmp_path)) == ["_a -> btsnap -> _a"]
