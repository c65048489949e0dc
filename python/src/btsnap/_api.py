"""The functions researchers call."""

from __future__ import annotations

import os
import threading
import warnings
from dataclasses import replace
from typing import Any, Dict, List, Mapping, Optional, Sequence, Union

from . import _cli, _entry, _process
from ._errors import BtsnapError, BtsnapWarning
from ._locations import store_dir
from ._run import Run
from ._service import Connection, ServiceUnavailable

_MODES = ("entry", "imports", "files", "loaded", "imports+loaded")
_TOO_LARGE_FOR_SERVICE = 3  # the service's reply code for a capture it leaves to the CLI
_AWS_VARIABLES = ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE")
_connections: Dict[str, Connection] = {}
_connections_lock = threading.Lock()
_fallback_warned = False

PathLike = Union[str, "os.PathLike[str]"]


def capture(
    params: Optional[Mapping[str, Any]] = None,
    labels: Optional[Mapping[str, Any]] = None,
    mode: Optional[str] = None,
    *,
    sweep: Optional[str] = None,
    entry: Optional[PathLike] = None,
    root: Optional[PathLike] = None,
    config: Optional[PathLike] = None,
    store: Optional[PathLike] = None,
    push: Optional[str] = None,
) -> Run:
    """Stores the code of the running backtest as a new run and returns it.

    :param params: the backtest's parameters; values are stored as ``str(value)``
    :param labels: labels to find the run by later, e.g. ``{"sweep": "rsi_bb"}``
    :param mode: ``entry`` (the main file), ``imports`` (and the local modules it imports),
        ``files`` (``strategy.yaml``'s list), ``loaded`` (the main file and every module this
        process loaded from the project) or ``imports+loaded``; default: ``files`` when a
        ``strategy.yaml`` is found, else ``entry``
    :param sweep: the parameter search this run belongs to (the label ``sweep``); a capture whose
        code differs from the sweep's previous run carries a warning
    :param entry: the main file; default: the script this process runs (``__main__``), or in a
        Jupyter kernel the cells it ran (docs/notebooks.md)
    :param root: the project root; default: found from the entry
    :param config: the ``strategy.yaml`` to use
    :param store: the store folder; default: ``$BTSNAP_HOME``, else ``~/.btsnap``
    :param push: a remote (``btsnap remote add``) to send the run to once it is stored
    :raises BtsnapError: with btsnap's one-line message when the capture fails; when only the
        push fails, the run is stored and the error's ``run`` is it
    """
    if mode is not None and mode not in _MODES:
        raise BtsnapError("unknown capture mode '%s': expected one of %s" % (mode, ", ".join(_MODES)), 2)
    folder = store_dir(None if store is None else os.fspath(store))
    if sweep is not None:
        if not sweep or (labels or {}).get("sweep", sweep) != sweep:
            raise BtsnapError("sweep %r and the label sweep=%r disagree" % (sweep, (labels or {}).get("sweep")), 2)
        labels = dict(labels or {}, sweep=sweep)
    request = _request(params, labels, mode, entry, root, config)
    notes = request.pop("notes", [])
    try:
        connection = _connection(folder)
        reply = connection.request(request)
        run = Run.from_json(reply["run"], folder)
        # What the client knows of the run (a saved notebook that differs from what ran) is
        # said with the service's warnings.
        run = _returned(replace(run, warnings=run.warnings + notes))
    except ServiceUnavailable as e:
        run = _capture_with_cli(folder, request, mode, entry, str(e))
    except BtsnapError as e:
        if e.code != _TOO_LARGE_FOR_SERVICE:
            raise
        run = _capture_with_cli(folder, request, mode, entry, str(e), warn=False)
    if push is not None:
        try:
            _push(folder, [run.id], push)
        except BtsnapError as e:
            failed = BtsnapError("captured %s, but the push to %s failed: %s" % (run.id, push, e), e.code)
            failed.run = run  # type: ignore[attr-defined]
            raise failed from None
    return run


def push(runs: Union[str, Run, Sequence[Union[str, Run]]], remote: Optional[str] = None, *,
         store: Optional[PathLike] = None) -> Dict[str, Any]:
    """Sends runs (ids or :class:`Run`) to a remote: only what it lacks. Returns what
    ``btsnap push --json`` prints: ``runs`` sent, ``alreadyThere``, ``blobs``, ``bytes``.

    :param remote: the remote's name; default: the store's only remote
    """
    if isinstance(runs, (str, Run)):
        runs = [runs]
    ids = [r.id if isinstance(r, Run) else r for r in runs]
    if not ids:
        raise BtsnapError("push needs at least one run", 2)
    return _push(store_dir(_opt(store)), ids, remote)


def _push(folder: str, ids: List[str], remote: Optional[str]) -> Dict[str, Any]:
    # The service's environment is that of whichever client started it: the credentials go along.
    aws = {k: os.environ[k] for k in _AWS_VARIABLES if k in os.environ}
    request: Dict[str, Any] = {"op": "push", "runs": ids, "aws": aws}
    cli_args = ["push", "--json"] + ids
    if remote is not None:
        request["remote"] = remote
        cli_args += ["--to", remote]
    try:
        return _connection(folder).request(request)
    except ServiceUnavailable:
        return _cli.run_json(folder, cli_args)
    except BtsnapError as e:
        if e.code != _TOO_LARGE_FOR_SERVICE:
            raise
        return _cli.run_json(folder, cli_args)


def annotate(run_id: str, *, store: Optional[PathLike] = None, **metrics: float) -> Dict[str, Any]:
    """Sets metrics on run ``run_id`` (``sharpe=1.42, max_dd=-0.12``), keeping its others;
    returns ``{"id", "labels", "metrics"}`` as they are now."""
    values: Dict[str, float] = {}
    for key, value in metrics.items():
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value != value or value in (
                float("inf"), float("-inf")):
            raise BtsnapError("metric %s must be a finite number, not %r" % (key, value), 2)
        values[key] = float(value)
    if not values:
        raise BtsnapError("annotate needs at least one metric, e.g. sharpe=1.42", 2)
    folder = store_dir(_opt(store))
    request = {"op": "annotate", "run": run_id, "metrics": values}
    cli_args = ["annotate", "--json", run_id] + ["%s=%r" % (k, v) for k, v in values.items()]
    return _change(folder, request, cli_args)


def label(run_id: str, *, remove: Sequence[str] = (), store: Optional[PathLike] = None, **labels: Any) -> Dict[str, Any]:
    """Sets labels on run ``run_id`` and removes those named in ``remove``; returns
    ``{"id", "labels", "metrics"}`` as they are now."""
    values = _strings("labels", labels)
    if not values and not remove:
        raise BtsnapError("label needs labels to set or keys to remove", 2)
    folder = store_dir(_opt(store))
    request = {"op": "label", "run": run_id, "set": values, "remove": list(remove)}
    cli_args = ["label", "--json", run_id] + ["%s=%s" % (k, v) for k, v in values.items()]
    for key in remove:
        cli_args += ["--remove", key]
    return _change(folder, request, cli_args)


def _change(folder: str, request: Dict[str, Any], cli_args: List[str]) -> Dict[str, Any]:
    try:
        return _connection(folder).request(request)["run"]
    except ServiceUnavailable:
        return _cli.run_json(folder, cli_args)


def show(run_id: str, *, store: Optional[PathLike] = None) -> Dict[str, Any]:
    """Returns run ``run_id`` (or ``latest``) as ``btsnap show --json`` prints it."""
    return _cli.run_json(store_dir(_opt(store)), ["show", "--json", run_id])


def runs(label: Optional[str] = None, *, store: Optional[PathLike] = None) -> List[Dict[str, Any]]:
    """Returns the runs of the store, oldest first, as ``btsnap ls --json`` lists them; with
    ``label="key=value"`` only those that carry that label."""
    args = ["ls", "--json"]
    if label is not None:
        key, sep, _ = label.partition("=")
        if not sep or not key:
            raise BtsnapError("label must be KEY=VALUE: '%s'" % label, 2)
        args += ["--label", label]
    return list(reversed(_cli.run_json(store_dir(_opt(store)), args)))


def restore(run_id: str, dest: PathLike, *, store: Optional[PathLike] = None) -> None:
    """Writes the files of run ``run_id`` into ``dest``, a folder that is new or empty."""
    _cli.run(store_dir(_opt(store)), ["restore", run_id, os.fspath(dest)])


def stop_service(*, store: Optional[PathLike] = None) -> None:
    """Stops the store's capture service, if one runs, once its requests in progress are done."""
    folder = store_dir(_opt(store))
    with _connections_lock:
        connection = _connections.pop(folder, None)
    if connection is not None:
        connection.close()
    if os.path.isfile(os.path.join(folder, "btsnap-store.yaml")):
        _cli.run(folder, ["serve", "--stop"])


def _opt(store: Optional[PathLike]) -> Optional[str]:
    return None if store is None else os.fspath(store)


def _request(params, labels, mode, entry, root, config) -> Dict[str, Any]:
    request: Dict[str, Any] = {"op": "capture", "cwd": os.getcwd(), "pid": os.getpid()}
    found = _entry.find(None if entry is None else os.fspath(entry))
    if "sysPath0" in found or "module" in found:
        # The entry is what a process ran: its start and search path decide what it imported.
        started = _process.started_ms()
        if started is not None:
            request["started"] = started
    else:
        del request["pid"]
    request.update(found)
    if mode is not None:
        request["mode"] = mode
        if mode in ("loaded", "imports+loaded"):
            request["loaded"] = _process.loaded_modules()
    request["environment"] = _process.environment()
    request["params"] = _strings("params", params)
    request["labels"] = _strings("labels", labels)
    if root is not None:
        request["root"] = os.path.abspath(os.fspath(root))
    if config is not None:
        request["config"] = os.path.abspath(os.fspath(config))
    return request


def _strings(what: str, values: Optional[Mapping[str, Any]]) -> Dict[str, str]:
    if values is None:
        return {}
    out: Dict[str, str] = {}
    for key, value in values.items():
        if not isinstance(key, str) or not key or "=" in key:
            raise BtsnapError("%s key must be a non-empty string without '=': %r" % (what, key), 2)
        out[key] = value if isinstance(value, str) else str(value)
    return out


def _connection(folder: str) -> Connection:
    with _connections_lock:
        connection = _connections.get(folder)
        if connection is None:
            if not os.path.isfile(os.path.join(folder, "btsnap-store.yaml")):
                try:
                    _cli.run(folder, ["store", "init"])
                except BtsnapError as e:
                    if "already" not in str(e):  # another process made it meanwhile
                        raise
            connection = Connection(_cli.command(), folder)
            _connections[folder] = connection
        return connection


def _capture_with_cli(folder: str, request: Dict[str, Any], mode, entry, why: str, warn: bool = True) -> Run:
    global _fallback_warned
    if mode in ("loaded", "imports+loaded"):
        raise BtsnapError("mode %s needs the capture service, which can't take this capture: %s" % (mode, why))
    if "generated" in request:
        # The btsnap command reads files from disk; a kernel's cells are in no file.
        raise BtsnapError("a capture from a notebook needs the capture service, which can't take this capture: %s"
                          % why)
    if warn and not _fallback_warned:
        _fallback_warned = True
        warnings.warn("btsnap: capture service out of reach (%s): capturing through the btsnap command,"
                      " a few hundred ms per capture" % why, BtsnapWarning, stacklevel=3)
    args = ["capture", "--json"]
    # The command is a process of its own: it is told the entry this process found.
    if "entry" in request:
        args.append(request["entry"])
    if mode is not None:
        args += ["--mode", mode]
    for key, value in request["params"].items():
        args += ["-p", "%s=%s" % (key, value)]
    for key, value in request["labels"].items():
        args += ["-l", "%s=%s" % (key, value)]
    if "root" in request:
        args += ["--root", request["root"]]
    if "config" in request:
        args += ["--config", request["config"]]
    return _returned(Run.from_json(_cli.run_json(folder, args), folder))


def _returned(run: Run) -> Run:
    for warning in run.warnings:
        warnings.warn("btsnap: " + warning, BtsnapWarning, stacklevel=3)
    return run

