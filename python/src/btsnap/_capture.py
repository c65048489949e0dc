"""A capture and a push, as requests to the store's service, with the ``btsnap`` command as the
fallback when the service is out of reach."""

from __future__ import annotations

import os
import subprocess
import warnings
from typing import Any, Dict, List, Mapping, Optional

from . import _cli, _entry, _process, _transport, _values
from ._errors import BtsnapError, BtsnapWarning
from ._run import Run
from ._service import ServiceUnavailable

MODES = ("entry", "imports", "files", "loaded", "imports+loaded")
_AWS_VARIABLES = ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE")
_fallback_warned = False


def capture_run(store: Any, params: Optional[Mapping[str, Any]], labels: Optional[Mapping[str, Any]],
                mode: Optional[str], *, sweep: Optional[str] = None, entry: Any = None, root: Any = None,
                config: Any = None, push: Optional[str] = None) -> Run:
    """Captures into ``store`` (a :class:`Store`); the options are :func:`btsnap.capture`'s."""
    if mode is not None and mode not in MODES:
        raise BtsnapError("unknown capture mode '%s': expected one of %s" % (mode, ", ".join(MODES)), 2)
    folder = store.path
    if sweep is not None:
        if not sweep or (labels or {}).get("sweep", sweep) != sweep:
            raise BtsnapError("sweep %r and the label sweep=%r disagree" % (sweep, (labels or {}).get("sweep")), 2)
        labels = dict(labels or {}, sweep=sweep)
    request = _request(params, labels, mode, entry, root, config)
    notes = request.pop("notes", [])
    try:
        reply = _transport.connection(folder).request(request)
        data = reply["run"]
        # What the client knows of the run (a saved notebook that differs from what ran) is
        # said with the service's warnings.
        data["warnings"] = list(data.get("warnings") or []) + notes
        run = _returned(Run(data, store))
    except ServiceUnavailable as e:
        run = _with_cli(store, request, mode, str(e))
    except BtsnapError as e:
        if e.code != _transport.TOO_LARGE_FOR_SERVICE:
            if "entry" not in request and str(e).startswith("entry point not detected"):
                raise BtsnapError(_entry.NOT_FOUND) from None
            raise
        run = _with_cli(store, request, mode, str(e), warn=False)
    if push is not None:
        try:
            push_runs(folder, [run.id], push)
        except BtsnapError as e:
            failed = BtsnapError("captured %s, but the push to %s failed: %s" % (run.id, push, e), e.code)
            failed.run = run  # type: ignore[attr-defined]
            raise failed from None
    return run


def push_runs(folder: str, ids: List[str], remote: Optional[str]) -> Dict[str, Any]:
    """Pushes runs ``ids`` of store ``folder``; returns what ``btsnap push --json`` prints."""
    # The service's environment is that of whichever client started it: the credentials go along.
    aws = {k: os.environ[k] for k in _AWS_VARIABLES if k in os.environ}
    request: Dict[str, Any] = {"op": "push", "runs": ids, "aws": aws}
    password = _remote_password()
    if password is not None:
        request["password"] = password
    cli_args = ["push", "--json"] + ids
    if remote is not None:
        request["remote"] = remote
        cli_args += ["--to", remote]
    return _transport.request(folder, request, _transport.cli_json(folder, cli_args))


def _remote_password() -> Optional[str]:
    """An encrypted remote's passphrase, found where the btsnap command looks (its prompt aside).

    It goes to the service in the push request, as the AWS credentials do: the service's own
    environment is that of whichever client started it.
    """
    text = os.environ.get("BTSNAP_REMOTE_PASSWORD")
    if text:
        return text
    path = os.environ.get("BTSNAP_REMOTE_PASSWORD_FILE")
    if path:
        try:
            with open(path, encoding="utf-8") as f:
                return f.readline().rstrip("\r\n") or None
        except OSError as e:
            raise BtsnapError("BTSNAP_REMOTE_PASSWORD_FILE: cannot read %s (%s)" % (path, type(e).__name__)) from None
    command = os.environ.get("BTSNAP_REMOTE_PASSWORD_COMMAND")
    if command:
        done = subprocess.run(["sh", "-c", command], stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                              stderr=subprocess.DEVNULL, timeout=60)
        if done.returncode != 0:
            raise BtsnapError("BTSNAP_REMOTE_PASSWORD_COMMAND: the command exited %d" % done.returncode)
        return done.stdout.decode("utf-8").split("\n", 1)[0].rstrip("\r") or None
    return None


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
    request["params"] = _values.strings("params", params)
    request["labels"] = _values.strings("labels", labels)
    if root is not None:
        request["root"] = os.path.abspath(os.fspath(root))
    if config is not None:
        request["config"] = os.path.abspath(os.fspath(config))
    return request


def _with_cli(store: Any, request: Dict[str, Any], mode: Optional[str], why: str, warn: bool = True) -> Run:
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
                      " a few hundred ms per capture" % why, BtsnapWarning, stacklevel=4)
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
    return _returned(Run(_cli.run_json(store.path, args), store))


def _returned(run: Run) -> Run:
    for warning in run.warnings:
        warnings.warn("btsnap: " + warning, BtsnapWarning, stacklevel=4)
    return run
