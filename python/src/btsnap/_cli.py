"""Running the ``btsnap`` command: for reading runs, and for capturing when the service is out
of reach. Errors carry btsnap's own one-line message, not a bare exit status."""

from __future__ import annotations

import json
import subprocess
from typing import Any, List, Optional

from ._errors import BtsnapError
from ._locations import cli_command


def command() -> List[str]:
    """The ``btsnap`` command, or an error that says how to provide it."""
    cli = cli_command()
    if not cli:
        raise BtsnapError("the btsnap command is not on PATH: install it (see the README) or set $BTSNAP to its path")
    return cli


def run(store: str, args: List[str], cwd: Optional[str] = None) -> str:
    """Runs ``btsnap --store STORE ARGS`` and returns its standard output."""
    return run_bytes(store, args, cwd).decode("utf-8")


def run_json(store: str, args: List[str], cwd: Optional[str] = None) -> Any:
    """Runs a btsnap command that prints JSON and returns it parsed."""
    return json.loads(run(store, args, cwd))


def run_bytes(store: str, args: List[str], cwd: Optional[str] = None) -> bytes:
    """Runs ``btsnap --store STORE ARGS`` and returns its standard output as printed (``cat``)."""
    try:
        done = subprocess.run([*command(), "--store", store, *args], cwd=cwd, stdin=subprocess.DEVNULL,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, check=False)
    except OSError as e:
        raise BtsnapError("cannot run btsnap: %s" % e)
    if done.returncode != 0:
        raise _failure(done.returncode, done.stderr)
    return done.stdout


def _failure(code: int, stderr: bytes) -> BtsnapError:
    """btsnap's own one-line message, not a bare exit status."""
    lines = stderr.decode("utf-8", "replace").strip().splitlines()
    message = lines[-1] if lines else "btsnap exited with %d" % code
    return BtsnapError(message[len("btsnap: "):] if message.startswith("btsnap: ") else message, code)
