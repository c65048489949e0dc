"""One rule for the entry, the same in every process: which file's code produced this result.

In order: an explicit ``entry=``; ``$BTSNAP_ENTRY``; this process's own main script when it is
project code (a script, ``-m``, a ``multiprocessing`` worker that re-imported it); else what an
engine knows (a Jupyter kernel's notebook, a Ray worker's driver, or the driver script recorded
in ``$BTSNAP_DRIVER`` when it imported btsnap, inherited by joblib/loky, Dask and other pool
workers); else the outermost project file on the calling stack. A worker's own main (loky's
``popen_loky_posix.py``, Ray's ``default_worker.py``, ``bin/dask``, ``ipykernel_launcher``) is
never project code, and neither is anything under the interpreter's folders or site-packages.

Each way of finding the entry yields the request fields the service reads (``entry``, ``how``,
and for a process that ran the entry, ``module``, ``sysPath0`` and ``pythonPath``); ``how`` names
the step, stays the same across the runs of one grid, and is kept in the run's provenance.
"""

from __future__ import annotations

import os
import sys
from typing import Any, Dict, Optional

from ._steps import driver_record, main_script, outermost_frame

ENTRY_VARIABLE = "BTSNAP_ENTRY"
NOT_FOUND = ("entry point not detected: no project code runs in this process; name it with"
             " btsnap.capture(entry=...) or $BTSNAP_ENTRY, or list files in strategy.yaml")

Fields = Dict[str, Any]


def find(explicit: Optional[str]) -> Fields:
    """Returns the request fields that name the entry, following the rule above; none when no
    project code runs here, and the service then takes a ``strategy.yaml`` from the working
    folder or refuses with one line."""
    if explicit is not None:
        return {"entry": os.path.abspath(explicit), "how": "given"}
    named = os.environ.get(ENTRY_VARIABLE, "").strip()
    if named:
        # As `btsnap capture FILE` takes it: a named file, not this process's script, so no launch.
        return {"entry": os.path.abspath(named), "how": "$" + ENTRY_VARIABLE}
    main = main_script()
    if main is not None:
        return main
    for engine in _engines():
        found = engine()
        if found is not None:
            return found
    return outermost_frame() or {}


def _engines():
    """The engine steps, cheapest test first; each returns request fields or None."""
    if "ipykernel" in sys.modules:
        from . import _notebook

        yield _notebook.find
    if "ray" in sys.modules:
        from . import _ray

        yield _ray.find
    yield driver_record
