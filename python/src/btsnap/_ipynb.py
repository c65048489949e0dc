"""A saved ``.ipynb`` as a run stores it: code and text, without what running or saving changes.

Outputs, execution counts, cell ids, and metadata that the front end rewrites (timings,
collapsed and scrolled state, ``language_info``, widget state) are dropped, so saving a notebook
after running it leaves its stored bytes, and the run's manifest, unchanged. Cell ids go since
nbformat adds them when it upgrades a 4.4 notebook on save; the stripped notebook says 4.4, a
version that has none.
"""

from __future__ import annotations

import json
import os
from typing import Any, Dict, List, Optional, Tuple

DROPPED_CELL_METADATA = ("collapsed", "scrolled", "execution", "ExecuteTime", "jupyter", "heading_collapsed", "hidden")
DROPPED_NOTEBOOK_METADATA = ("language_info", "widgets", "signature", "orig_nbformat", "vscode", "toc", "varInspector")

# (path, modification time, size) of the last notebook read, and what it gave: a sweep reads
# the same file a thousand times, and a notebook with its outputs can be megabytes.
_last: Optional[Tuple[Tuple[str, int, int], "Stripped"]] = None


class Stripped:
    """A notebook read and stripped: its ``text`` and the source of each code cell."""

    def __init__(self, text: str, code: List[str]):
        self.text = text
        self.code = code


def read(path: str) -> Stripped:
    """Reads the notebook at ``path`` and strips it; raises ``OSError`` or ``ValueError``."""
    global _last
    status = os.stat(path)
    key = (path, status.st_mtime_ns, status.st_size)
    if _last is not None and _last[0] == key:
        return _last[1]
    with open(path, "rb") as f:
        notebook = json.loads(f.read().decode("utf-8"))
    result = strip(notebook)
    _last = (key, result)
    return result


def strip(notebook: Any) -> Stripped:
    """Strips a parsed notebook (nbformat 4); raises ``ValueError`` for anything else."""
    if not isinstance(notebook, dict) or notebook.get("nbformat") != 4 or not isinstance(notebook.get("cells"), list):
        raise ValueError("not an nbformat 4 notebook")
    code: List[str] = []
    cells = []
    for cell in notebook["cells"]:
        if not isinstance(cell, dict):
            raise ValueError("a cell is not an object")
        kept: Dict[str, Any] = {k: v for k, v in cell.items() if k not in ("id", "outputs", "execution_count")}
        source = _text(cell.get("source", ""))
        kept["source"] = source.splitlines(keepends=True)
        metadata = cell.get("metadata") if isinstance(cell.get("metadata"), dict) else {}
        kept["metadata"] = {k: v for k, v in metadata.items() if k not in DROPPED_CELL_METADATA}
        if cell.get("cell_type") == "code":
            kept["outputs"] = []
            kept["execution_count"] = None
            code.append(source)
        cells.append(kept)
    stripped = {k: v for k, v in notebook.items() if k != "cells"}
    metadata = notebook.get("metadata") if isinstance(notebook.get("metadata"), dict) else {}
    stripped["metadata"] = {k: v for k, v in metadata.items() if k not in DROPPED_NOTEBOOK_METADATA}
    stripped["cells"] = cells
    stripped["nbformat_minor"] = min(notebook.get("nbformat_minor", 4), 4) if isinstance(
        notebook.get("nbformat_minor"), int) else 4
    # nbformat's own layout (one-space indent, sorted keys), so the file reads like a saved notebook.
    return Stripped(json.dumps(stripped, sort_keys=True, indent=1, ensure_ascii=False) + "\n", code)


def not_saved(executed: List[str], saved_code: List[str]) -> int:
    """How many of the ``executed`` cells are not among the saved code cells, ignoring
    trailing whitespace: cells edited since they ran, or run and never saved."""
    saved = {_normal(c) for c in saved_code}
    return sum(1 for cell in executed if _normal(cell) not in saved)


def _text(source: Any) -> str:
    if isinstance(source, list):
        return "".join(s for s in source if isinstance(s, str))
    return source if isinstance(source, str) else ""


def _normal(code: str) -> str:
    return "\n".join(line.rstrip() for line in code.splitlines()).strip("\n")
