"""Jupyter kernels: the executed cells and the notebook they came from.

A kernel runs no file of its own: what ran is its cells. The entry is a file generated from the
kernel's input history (``<notebook stem>.cells.py`` beside the notebook, or
``notebook.cells.py`` in the kernel's working folder when the notebook's path is unknown), sent
to the service with its text, as is the notebook without outputs when its path is known. IPython
is imported only here, and only in a process that already runs it.
"""

from __future__ import annotations

import os
import sys
from typing import Any, Dict, List, Optional

from . import _cells, _ipynb

UNKNOWN_NOTEBOOK_CELLS = "notebook.cells.py"
# The stripped notebook goes in the request; attachments can make it large, and the service
# takes at most 2 MiB of generated files per capture.
MAX_NOTEBOOK_BYTES = 1 << 20


def find() -> Optional[Dict[str, Any]]:
    """Request fields naming what the kernel ran when this process is a Jupyter kernel; else None.

    Beside the service's fields (``entry``, ``how``, ``generated``, ``sysPath0``,
    ``pythonPath``), ``notes`` lists what the run should say of the saved notebook; the client
    adds them to the run's warnings and does not send them."""
    shell = _kernel_shell()
    if shell is None:
        return None
    executed = [c for c in shell.history_manager.input_hist_raw[1:] if isinstance(c, str)]
    notebook, how = notebook_path(shell)
    folder = os.path.dirname(notebook) if notebook and os.path.isdir(os.path.dirname(notebook)) else os.getcwd()
    name = os.path.basename(notebook)[: -len(".ipynb")] + ".cells.py" if notebook else UNKNOWN_NOTEBOOK_CELLS
    entry = os.path.join(folder, name)
    generated = {entry: _script(shell, executed)}
    notes: List[str] = []
    if notebook and os.path.isfile(notebook):
        shown = os.path.basename(notebook)
        try:
            saved = _ipynb.read(notebook)
        except (OSError, ValueError) as e:
            notes.append("notebook %s not stored: it could not be read (%s); the run holds the cells that ran, %s"
                         % (shown, e, name))
        else:
            if len(saved.text.encode("utf-8")) > MAX_NOTEBOOK_BYTES:
                notes.append("notebook %s not stored: over %d bytes without outputs; the run holds the cells that"
                             " ran, %s" % (shown, MAX_NOTEBOOK_BYTES, name))
            else:
                generated[notebook] = saved.text
            missing = _ipynb.not_saved(executed, saved.code)
            if missing:
                notes.append("the saved notebook %s differs from what the kernel ran: %d of %d executed cells are not"
                             " in it as saved; the code that ran is in %s" % (shown, missing, len(executed), name))
    fields: Dict[str, Any] = {"entry": entry, "how": how, "generated": generated, "notes": notes}
    fields.update(_search_path())
    return fields


def notebook_path(shell: Any) -> "tuple[Optional[str], str]":
    """The notebook's absolute path as the kernel knows it (``__session__``, which ipykernel sets
    from ``$JPY_SESSION_NAME``, that variable, or VS Code's ``__vsc_ipynb_file__``), and the
    ``how`` of the run, which names where it came from and is the same for every capture of the
    session. A relative name is taken from the working folder, where Jupyter starts the kernel."""
    namespace = getattr(shell, "user_ns", {}) or {}
    candidates = (
        ("__session__", namespace.get("__session__")),
        ("$JPY_SESSION_NAME", os.environ.get("JPY_SESSION_NAME")),
        ("__vsc_ipynb_file__", namespace.get("__vsc_ipynb_file__")),
    )
    for source, value in candidates:
        if not isinstance(value, str) or not value.endswith(".ipynb"):
            continue
        path = os.path.abspath(value)
        if not os.path.isabs(value) and not os.path.isfile(path):
            path = os.path.abspath(os.path.basename(value))
        return path, "jupyter kernel: notebook from " + source
    return None, "jupyter kernel: notebook path unknown"


def _kernel_shell() -> Any:
    if "IPython" not in sys.modules:
        return None
    try:
        from IPython import get_ipython
    except ImportError:
        return None
    shell = get_ipython()
    if shell is None or getattr(shell, "kernel", None) is None or getattr(shell, "history_manager", None) is None:
        return None  # a terminal IPython runs a script or a console: the other steps find its entry
    return shell


def _script(shell: Any, executed: List[str]) -> str:
    """The cells as one file, IPython syntax found by IPython's own transformers."""
    try:
        from IPython.core import inputtransformer2 as transformers

        manager = shell.input_transformer_manager
        cleanup = list(manager.cleanup_transforms)
        classes = list(manager.token_transformers)
        order = transformers.TokenTransformBase.sortby
        make_tokens = transformers.make_tokens_by_line
    except (ImportError, AttributeError):
        return _cells.script(executed)

    def find_span(lines: List[str]) -> Optional["tuple[int, int]"]:
        tokens = make_tokens(lines)
        found = [t for t in (c.find(tokens) for c in classes) if t]
        for transformer in sorted(found, key=order):
            try:
                after = transformer.transform(list(lines))
            except SyntaxError:
                continue
            # Each transformer replaces the lines of one statement with one line of Python.
            return transformer.start_line, len(lines) - len(after) + 1
        return None

    try:
        return _cells.script(executed, find_span, cleanup)
    except Exception:  # IPython's internals changed: the line rule still gives a runnable file
        return _cells.script(executed)


def _search_path() -> Dict[str, Any]:
    """The kernel imports from its working folder (``''`` on ``sys.path``) and ``$PYTHONPATH``."""
    fields: Dict[str, Any] = {}
    if "" in sys.path or os.getcwd() in sys.path:
        fields["sysPath0"] = os.getcwd()
    python_path = [os.path.abspath(p) for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p]
    if python_path and not sys.flags.ignore_environment:
        fields["pythonPath"] = python_path
    return fields
