"""What this Python process holds: the modules it loaded, its environment, its start time.
(Its entry is found by :mod:`._entry`.)"""

from __future__ import annotations

import os
import sys
from typing import Dict, Optional

from ._steps import foreign_dirs

_ENVIRONMENT: Optional[Dict[str, str]] = None
_STARTED: Optional[int] = None


def loaded_modules() -> Dict[str, str]:
    """Returns ``{file: module name}`` for the loaded modules that are source files outside the
    interpreter's own folders (standard library, site-packages); btsnap keeps those under the
    project root."""
    skip = foreign_dirs()
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
