"""Record exactly which code produced each backtest.

``capture`` stores the code of the running backtest as a new btsnap run, with its parameters
and labels, through btsnap's warm capture service. ``runs`` gives the store's runs as typed
:class:`Run` objects (``Runs.to_pandas()`` as a table), ``show``, ``annotate`` and ``label``
one run, ``restore`` its files; :class:`Store` does the same for a store other than the default.
``push`` (or ``capture(push=...)``) sends runs to an S3 remote. Every failure raises
:class:`BtsnapError` with btsnap's one-line message.
"""

from ._errors import BtsnapError, BtsnapWarning
from ._api import annotate, capture, label, push, restore, runs, show, stop_service
from ._run import Run, Runs
from ._store import Store
from ._steps import record_driver as _record_driver

_record_driver()  # workers this process starts inherit it: see _steps

__all__ = ["BtsnapError", "BtsnapWarning", "Run", "Runs", "Store", "annotate", "capture", "label", "push", "restore",
           "runs", "show", "stop_service"]
__version__ = "0.1.0"
