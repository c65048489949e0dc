"""A btsnap store, read and annotated through its warm capture service."""

from __future__ import annotations

import base64
import os
from typing import Any, Dict, List, Mapping, Optional, Sequence, Union

from . import _cli, _transport, _values
from ._capture import capture_run, push_runs
from ._errors import BtsnapError
from ._locations import store_dir
from ._run import Run, Runs

PathLike = Union[str, "os.PathLike[str]"]
_PAGE = 1000  # runs per reply: a few hundred KB, far under the service's frame limit


class Store:
    """The store at ``path`` (default: ``$BTSNAP_HOME``, else ``~/.btsnap``). Every call goes
    through the store's warm capture service (started on demand), or, where that is out of
    reach, through the ``btsnap`` command."""

    def __init__(self, path: Optional[PathLike] = None) -> None:
        self.path = store_dir(None if path is None else os.fspath(path))

    def __repr__(self) -> str:
        return "Store(%r)" % self.path

    def capture(self, params: Optional[Mapping[str, Any]] = None, labels: Optional[Mapping[str, Any]] = None,
                mode: Optional[str] = None, **options: Any) -> Run:
        """Stores the code of the running backtest as a new run: see :func:`btsnap.capture`."""
        return capture_run(self, params, labels, mode, **options)

    def push(self, runs: Union[str, Run, Sequence[Union[str, Run]]], remote: Optional[str] = None) -> Dict[str, Any]:
        """Sends runs to a remote: see :func:`btsnap.push`."""
        if isinstance(runs, (str, Run)):
            runs = [runs]
        ids = [r.id if isinstance(r, Run) else r for r in runs]
        if not ids:
            raise BtsnapError("push needs at least one run", 2)
        return push_runs(self.path, ids, remote)

    def runs(self, label: Union[None, str, Mapping[str, Any]] = None, *, sweep: Optional[str] = None,
             where: Union[None, str, Sequence[str]] = None) -> Runs:
        """The runs, newest first, as ``btsnap ls`` lists them: with ``label`` (``"k=v"`` or a
        dict) only those with every label given, with ``sweep`` only that sweep's, with
        ``where`` only those whose metrics satisfy each condition (``"sharpe>1"``, as
        ``ls --where`` takes them)."""
        labels = _labels(label)
        if sweep is not None:
            if labels.get("sweep", sweep) != sweep:
                raise BtsnapError("sweep %r and the label sweep=%r disagree" % (sweep, labels["sweep"]), 2)
            labels["sweep"] = sweep
        conditions = [where] if isinstance(where, str) else list(where or [])
        args = ["ls", "--json"]
        for key, value in labels.items():
            args += ["--label", "%s=%s" % (key, value)]
        for condition in conditions:
            args += ["--where", condition]
        found = Runs()
        after: Optional[str] = None
        while True:
            message: Dict[str, Any] = {"op": "runs", "labels": labels, "where": conditions, "limit": _PAGE}
            if after is not None:
                message["after"] = after
            reply = _transport.request(self.path, message, lambda: {"runs": _cli.run_json(self.path, args)})
            found.extend(Run(data, self) for data in reply["runs"])
            after = reply.get("next")
            if after is None:
                return found

    def run(self, ref: str) -> Run:
        """The run named by ``ref``: its id, the first or last 4+ characters of it, or ``latest``."""
        reply = _transport.request(self.path, {"op": "run", "run": ref},
                                   lambda: {"run": _cli.run_json(self.path, ["show", "--json", ref])})
        return Run(reply["run"], self)

    show = run

    def read(self, ref: str, path: str) -> bytes:
        """The content of file ``path`` of run ``ref``, byte for byte."""
        reply = _transport.request(self.path, {"op": "read", "run": ref, "path": path}, lambda: None)
        if reply is None:
            return _cli.run_bytes(self.path, ["cat", ref, path])
        return base64.b64decode(reply["content"])

    def annotate(self, ref: str, **metrics: Any) -> Run:
        """Sets metrics on run ``ref`` (``sharpe=1.42, max_dd=-0.12``), keeping its others, and
        returns the run. A metric may be an ``int``, a ``float``, a ``bool`` (1 or 0), a
        ``Decimal``, a numpy or pandas scalar or a 0-d array; NaN and the infinities are refused."""
        values = {key: _values.metric(key, value) for key, value in metrics.items()}
        if not values:
            raise BtsnapError("annotate needs at least one metric, e.g. sharpe=1.42", 2)
        cli_args = ["annotate", "--json", ref] + ["%s=%r" % (k, v) for k, v in values.items()]
        return self._changed({"op": "annotate", "run": ref, "metrics": values}, cli_args)

    def label(self, ref: str, *, remove: Sequence[str] = (), **labels: Any) -> Run:
        """Sets labels on run ``ref`` and removes those named in ``remove``; returns the run."""
        values = _values.strings("labels", labels)
        if not values and not remove:
            raise BtsnapError("label needs labels to set or keys to remove", 2)
        cli_args = ["label", "--json", ref] + ["%s=%s" % (k, v) for k, v in values.items()]
        for key in remove:
            cli_args += ["--remove", key]
        return self._changed({"op": "label", "run": ref, "set": values, "remove": list(remove)}, cli_args)

    def _changed(self, message: Dict[str, Any], cli_args: List[str]) -> Run:
        def through_cli() -> Dict[str, Any]:
            changed = _cli.run_json(self.path, cli_args)
            return {"run": _cli.run_json(self.path, ["show", "--json", changed["id"]])}

        return Run(_transport.request(self.path, message, through_cli)["run"], self)

    def restore(self, ref: str, dest: PathLike) -> None:
        """Writes the files of run ``ref`` into ``dest``, a folder that is new or empty."""
        _cli.run(self.path, ["restore", ref, os.fspath(dest)])

    def stop_service(self) -> None:
        """Stops the store's capture service, if one runs, once its requests in progress are done."""
        _transport.forget(self.path)
        if os.path.isfile(os.path.join(self.path, "btsnap-store.yaml")):
            _cli.run(self.path, ["serve", "--stop"])


def _labels(label: Union[None, str, Mapping[str, Any]]) -> Dict[str, str]:
    if label is None:
        return {}
    if isinstance(label, str):
        key, sep, value = label.partition("=")
        if not sep or not key:
            raise BtsnapError("label must be KEY=VALUE: '%s'" % label, 2)
        return {key: value}
    return _values.strings("labels", label)
