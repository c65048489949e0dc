"""The functions researchers call: each is the :class:`Store` method of the same name, on the
store given as ``store=`` (default: ``$BTSNAP_HOME``, else ``~/.btsnap``)."""

from __future__ import annotations

import os
from typing import Any, Dict, Mapping, Optional, Sequence, Union

from ._run import Run, Runs
from ._store import Store

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
    :param entry: the main file; default: found by btsnap's entry rule (``docs/python.md``): in
        a Jupyter kernel, the cells it ran (``docs/notebooks.md``)
    :param root: the project root; default: found from the entry
    :param config: the ``strategy.yaml`` to use
    :param store: the store folder; default: ``$BTSNAP_HOME``, else ``~/.btsnap``
    :param push: a remote (``btsnap remote add``) to send the run to once it is stored
    :raises BtsnapError: with btsnap's one-line message when the capture fails; when only the
        push fails, the run is stored and the error's ``run`` is it
    """
    return Store(store).capture(params, labels, mode, sweep=sweep, entry=entry, root=root, config=config, push=push)


def push(runs: Union[str, Run, Sequence[Union[str, Run]]], remote: Optional[str] = None, *,
         store: Optional[PathLike] = None) -> Dict[str, Any]:
    """Sends runs (ids or :class:`Run`) to a remote: only what it lacks. Returns what
    ``btsnap push --json`` prints: ``runs`` sent, ``alreadyThere``, ``blobs``, ``bytes``, ``requests`` and
    ``unlockMs`` (both for the process that pushed: the warm service unlocks once).

    :param remote: the remote's name; default: the store's only remote
    """
    return Store(store).push(runs, remote)


def runs(label: Union[None, str, Mapping[str, Any]] = None, *, sweep: Optional[str] = None,
         where: Union[None, str, Sequence[str]] = None, store: Optional[PathLike] = None) -> Runs:
    """The runs of the store, newest first, as ``btsnap ls`` lists them: see :meth:`Store.runs`."""
    return Store(store).runs(label, sweep=sweep, where=where)


def show(run_id: str, *, store: Optional[PathLike] = None) -> Run:
    """Run ``run_id`` (an id, its first or last 4+ characters, or ``latest``), files included."""
    return Store(store).run(run_id)


def annotate(run_id: str, *, store: Optional[PathLike] = None, **metrics: Any) -> Run:
    """Sets metrics on run ``run_id`` (``sharpe=1.42, max_dd=-0.12``), keeping its others;
    returns the run. See :meth:`Store.annotate` for the values a metric may be."""
    return Store(store).annotate(run_id, **metrics)


def label(run_id: str, *, remove: Sequence[str] = (), store: Optional[PathLike] = None, **labels: Any) -> Run:
    """Sets labels on run ``run_id`` and removes those named in ``remove``; returns the run."""
    return Store(store).label(run_id, remove=remove, **labels)


def restore(run_id: str, dest: PathLike, *, store: Optional[PathLike] = None) -> None:
    """Writes the files of run ``run_id`` into ``dest``, a folder that is new or empty."""
    Store(store).restore(run_id, dest)


def stop_service(*, store: Optional[PathLike] = None) -> None:
    """Stops the store's capture service, if one runs, once its requests in progress are done."""
    Store(store).stop_service()
