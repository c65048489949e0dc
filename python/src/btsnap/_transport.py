"""How a request reaches a store: through its warm capture service, or, when that is out of
reach, through one run of the ``btsnap`` command. One connection per store and process."""

from __future__ import annotations

import os
import threading
from typing import Any, Callable, Dict, List

from . import _cli
from ._errors import BtsnapError
from ._service import Connection, ServiceUnavailable

TOO_LARGE_FOR_SERVICE = 3  # the service's reply code for a request it leaves to the CLI
_connections: Dict[str, Connection] = {}
_connections_lock = threading.Lock()


def connection(folder: str) -> Connection:
    """The service connection of store ``folder``, made (and the store created) on first use."""
    with _connections_lock:
        found = _connections.get(folder)
        if found is None:
            if not os.path.isfile(os.path.join(folder, "btsnap-store.yaml")):
                try:
                    _cli.run(folder, ["store", "init"])
                except BtsnapError as e:
                    if "already" not in str(e):  # another process made it meanwhile
                        raise
            found = Connection(_cli.command(), folder)
            _connections[folder] = found
        return found


def forget(folder: str) -> None:
    """Closes and drops the connection of store ``folder``, if any."""
    with _connections_lock:
        found = _connections.pop(folder, None)
    if found is not None:
        found.close()


def request(folder: str, message: Dict[str, Any], fallback: Callable[[], Any]) -> Any:
    """Sends ``message`` to the store's service and returns its reply; ``fallback()`` (the same
    through the ``btsnap`` command) when the service is out of reach or leaves it to the CLI."""
    try:
        return connection(folder).request(message)
    except ServiceUnavailable:
        return fallback()
    except BtsnapError as e:
        if e.code != TOO_LARGE_FOR_SERVICE:
            raise
        return fallback()


def cli_json(folder: str, args: List[str]) -> Callable[[], Any]:
    """A fallback that runs ``btsnap ARGS`` and parses what it prints."""
    return lambda: _cli.run_json(folder, args)
