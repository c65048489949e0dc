"""The steps of the entry rule that look at this process (its own main script, the driver's
record it inherited, its calling stack), and what counts as project code at all. The rule's
order is :mod:`._entry`'s; the engines' own steps (:mod:`._ray`, :mod:`._notebook`) build on these.
"""

from __future__ import annotations

import json
import os
import sys
import sysconfig
from typing import Any, Dict, Optional, Tuple

DRIVER_VARIABLE = "BTSNAP_DRIVER"

_OWN_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "")
_FOREIGN_DIRS: Optional[Tuple[str, ...]] = None

Fields = Dict[str, Any]


def main_script() -> Optional[Fields]:
    """This process's own main file when it is project code, with how Python was launched."""
    main = sys.modules.get("__main__")
    if main is None:
        return None
    spec = getattr(main, "__spec__", None)
    name = getattr(spec, "name", None)
    origin = getattr(spec, "origin", None)
    fields: Optional[Fields] = None
    if name and origin and name not in ("__main__", "__mp_main__") and origin.endswith(".py"):
        module = name[: -len(".__main__")] if name.endswith(".__main__") else name
        fields = {"entry": os.path.abspath(origin), "module": module, "how": "python client: -m " + module}
    else:
        file = getattr(main, "__file__", None)
        if isinstance(file, str) and file.endswith(".py"):
            fields = {"entry": os.path.abspath(file), "how": "python client: __main__"}
    if fields is None or not is_project_file(fields["entry"]):
        return None
    fields.update(_search_path())
    return fields


def driver_record() -> Optional[Fields]:
    """The driver's entry as it recorded it in ``$BTSNAP_DRIVER`` on importing btsnap, for a
    worker whose own main is an engine's; None when absent or unusable."""
    text = os.environ.get(DRIVER_VARIABLE)
    if not text:
        return None
    try:
        record = json.loads(text)
    except ValueError:
        return None
    if not isinstance(record, dict) or not isinstance(record.get("entry"), str):
        return None
    fields = {k: v for k, v in record.items() if k in ("entry", "module", "sysPath0", "pythonPath")}
    fields["how"] = "driver script (%s)" % record.get("how", "recorded by the driver")
    return fields


def record_driver() -> None:
    """Puts this process's main script in ``$BTSNAP_DRIVER``, which every worker started from now
    on inherits (loky, Dask's process pools, a Ray cluster this process starts). Only a process
    running project code of its own records: a worker keeps its driver's record."""
    main = main_script()
    if main is None:
        return
    os.environ[DRIVER_VARIABLE] = json.dumps(main, separators=(",", ":"))


def outermost_frame() -> Optional[Fields]:
    """The outermost project file on the calling thread's stack: a task's function keeps the
    file it was defined in (``co_filename``), also when an engine pickled it by value."""
    frame = sys._getframe(1)
    found = None
    while frame is not None:
        file = frame.f_code.co_filename
        if file.endswith(".py") and is_project_file(file):
            found = os.path.abspath(file)
        frame = frame.f_back
    if found is None:
        return None
    return {"entry": found, "how": "outermost project file on the calling stack"}


def is_project_file(path: str) -> bool:
    """Whether ``path`` can be project code: an existing file outside the interpreter's folders,
    site-packages and btsnap's own package."""
    if not path or path.startswith("<"):
        return False
    full = os.path.abspath(path)
    if full.startswith(_OWN_DIR) or full.startswith(foreign_dirs()):
        return False
    parts = full.split(os.sep)
    if "site-packages" in parts or "dist-packages" in parts:
        return False
    return os.path.isfile(full)


def foreign_dirs() -> Tuple[str, ...]:
    """The interpreter's folders: the standard library, site-packages, the prefixes' ``lib`` and
    ``bin`` (where ``dask``, ``ray`` and ``jupyter`` launchers live)."""
    global _FOREIGN_DIRS
    if _FOREIGN_DIRS is None:
        dirs = set()
        paths = sysconfig.get_paths()
        for key in ("stdlib", "platstdlib", "purelib", "platlib", "scripts"):
            if paths.get(key):
                dirs.add(os.path.join(os.path.abspath(paths[key]), ""))
        for prefix in {sys.prefix, sys.base_prefix, sys.exec_prefix}:
            for sub in ("lib", "lib64", "bin"):
                dirs.add(os.path.join(os.path.abspath(prefix), sub, ""))
        if sys.executable:
            dirs.add(os.path.join(os.path.dirname(os.path.abspath(sys.executable)), ""))
        _FOREIGN_DIRS = tuple(sorted(dirs))
    return _FOREIGN_DIRS


def _search_path() -> Fields:
    """``sys.path[0]`` (the script's folder, or for ``-m`` the working folder) and
    ``$PYTHONPATH``, absolute, as the service resolves imports over them."""
    fields: Fields = {}
    if sys.path and not getattr(sys.flags, "safe_path", False):
        fields["sysPath0"] = os.path.abspath(sys.path[0] or os.getcwd())
    if not sys.flags.ignore_environment:
        python_path = [os.path.abspath(p) for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p]
        if python_path:
            fields["pythonPath"] = python_path
    return fields
