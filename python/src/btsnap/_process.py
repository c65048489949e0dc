"""What this Python process ran: its entry, its search path, the modules it loaded.

Found in-process, so a ``multiprocessing`` or joblib worker names the script its parent ran
(spawn and forkserver workers re-import it as ``__mp_main__``) without btsnap walking the
process tree.
"""

from __future__ import annotations

import os
import sys
import sysconfig
from typing import Dict, List, Optional, Tuple

_STDLIB_DIRS: Optional[Tuple[str, ...]] = None
_ENVIRONMENT: Optional[Dict[str, str]] = None
_STARTED: Optional[int] = None


def entry() -> Tuple[Optional[str], Optional[str], str]:
    """Returns ``(file, module, how)``: the main file, the module ``-m`` ran (if so), and a
    description that stays the same across the runs of one grid."""
    main = sys.modules.get("__main__")
    if main is None:
        return None, None, ""
    spec = getattr(main, "__spec__", None)
    name = getattr(spec, "name", None)
    origin = getattr(spec, "origin", None)
    if name and origin and name not in ("__main__", "__mp_main__") and origin.endswith(".py"):
        module = name[: -len(".__main__")] if name.endswith(".__main__") else name
        return os.path.abspath(origin), module, "python client: -m " + module
    file = getattr(main, "__file__", None)
    if file and file.endswith(".py"):
        return os.path.abspath(file), None, "python client: __main__"
    return None, None, ""


def search_path() -> Tuple[Optional[str], List[str]]:
    """Returns the first entry of ``sys.path`` (the script's folder, or for ``-m`` the working
    folder) and the folders of ``$PYTHONPATH``, absolute, as btsnap resolves imports over them."""
    first = None
    if sys.path and not getattr(sys.flags, "safe_path", False):
        first = os.path.abspath(sys.path[0] or os.getcwd())
    python_path: List[str] = []
    if not sys.flags.ignore_environment:
        for p in os.environ.get("PYTHONPATH", "").split(os.pathsep):
            if p:
                python_path.append(os.path.abspath(p))
    return first, python_path


def loaded_modules() -> Dict[str, str]:
    """Returns ``{file: module name}`` for the loaded modules that are source files outside the
    interpreter's own folders (standard library, site-packages); btsnap keeps those under the
    project root."""
    skip = _interpreter_dirs()
    loaded: Dict[str, str] = {}
    for name, module in list(sys.modules.items()):
        file = getattr(module, "__file__", None)
        if not isinstance(file, str) or not file.endswith(".py"):
            continue
        path = os.path.abspath(file)
        if path.startswith(skip) or "site-packages" in path or "dist-packages" in path:
            continue
        loaded.setdefault(path, "__main__" if name == "__mp_main__" else name)
    return loaded


def _interpreter_dirs() -> Tuple[str, ...]:
    global _STDLIB_DIRS
    if _STDLIB_DIRS is None:
        dirs = set()
        for key in ("stdlib", "platstdlib", "purelib", "platlib"):
            path = sysconfig.get_paths().get(key)
            if path:
                dirs.add(os.path.join(os.path.abspath(path), ""))
        for prefix in (sys.prefix, sys.base_prefix, sys.exec_prefix):
            dirs.add(os.path.join(os.path.abspath(prefix), "lib", ""))
        _STDLIB_DIRS = tuple(sorted(dirs))
    return _STDLIB_DIRS


def environment() -> Dict[str, str]:
    """Returns the interpreter, the platform and every installed distribution's version, as
    ``{"python": ..., "implementation": ..., "platform": ..., "pkg:NAME": VERSION}``; computed
    once per process."""
    global _ENVIRONMENT
    if _ENVIRONMENT is None:
        import platform

        values = {
            "python": platform.python_version(),
            "implementation": platform.python_implementation(),
            "platform": platform.platform(),
        }
        for name, version in _distributions():
            values.setdefault("pkg:" + name, version)
        _ENVIRONMENT = values
    return _ENVIRONMENT


def _distributions():
    """Yields (normalized name, version) of the installed distributions, first on ``sys.path``
    first, as ``importlib.metadata`` finds them. Read from the ``NAME-VERSION.dist-info``
    folder names: parsing every METADATA file costs ~70 ms for 100 distributions, the names
    about 1 ms. A folder whose name lacks the version is read the slow way."""
    import importlib.metadata

    for folder in sys.path:
        try:
            entries = os.scandir(folder or ".")
        except OSError:
            continue
        with entries:
            for entry in entries:
                for suffix in (".dist-info", ".egg-info"):
                    if not entry.name.endswith(suffix):
                        continue
                    name, _, version = entry.name[: -len(suffix)].partition("-")
                    version = version.split("-")[0]
                    if not version:
                        try:
                            version = importlib.metadata.PathDistribution(
                                __import__("pathlib").Path(entry.path)).version or ""
                        except Exception:  # unreadable metadata: leave it out
                            version = ""
                    if name and version:
                        yield name.lower().replace("_", "-"), version


def started_ms() -> Optional[int]:
    """When this process started, in epoch milliseconds, as Linux counts it (boot time plus
    the start field of /proc/self/stat); None elsewhere, and the service asks the system."""
    global _STARTED
    if _STARTED is None:
        try:
            with open("/proc/stat") as f:
                boot = next(int(line.split()[1]) for line in f if line.startswith("btime "))
            with open("/proc/self/stat") as f:
                stat = f.read()
            ticks = int(stat[stat.rindex(")") + 2:].split()[19])
            _STARTED = boot * 1000 + ticks * 1000 // os.sysconf("SC_CLK_TCK")
        except (OSError, ValueError, StopIteration, IndexError):
            _STARTED = -1
    return _STARTED if _STARTED >= 0 else None
