"""The client side of the capture service's socket: connect, start the service when absent,
and exchange length-prefixed JSON frames.

Start race (as the service's design has it): a client that cannot connect takes
``start.lock``, tries again, and only then, finding ``serve.lock`` free (no service alive),
removes a stale socket and starts ``btsnap serve`` detached; it waits until the socket
answers and releases the lock. Two clients starting at once end with one service.
"""

from __future__ import annotations

import errno
import fcntl
import json
import os
import socket
import struct
import subprocess
import sys
import threading
import time
from typing import Any, Dict, List, Optional

from ._errors import BtsnapError
from ._locations import make_private_dir, service_dir

_MAX_FRAME = 4 << 20
START_TIMEOUT = 30.0


class ServiceUnavailable(Exception):
    """The service could not be reached or started; the reason is the message."""


class Connection:
    """One connection to one store's service, reused for every request of this process."""

    def __init__(self, cli: List[str], store: str) -> None:
        self.cli = cli
        self.store = store
        self.folder = service_dir(store)
        self._sock: Optional[socket.socket] = None
        self._pid = 0
        self._environment_sent: Optional[Dict[str, str]] = None
        self._lock = threading.Lock()

    def request(self, message: Dict[str, Any]) -> Dict[str, Any]:
        """Sends ``message`` and returns the reply; raises ``BtsnapError`` for an error reply."""
        with self._lock:
            for attempt in (1, 2):
                sock = self._connected()
                data = json.dumps(self._compact(message)).encode("utf-8")
                try:
                    sock.sendall(struct.pack(">I", len(data)) + data)
                except OSError as e:
                    # The service closed this connection (idle exit, a new build, killed)
                    # before reading the request: start or reach a new one, once.
                    self.close()
                    if attempt == 2:
                        raise ServiceUnavailable("connection to the capture service failed: %s" % e)
                    continue
                try:
                    reply = _read_frame(sock)
                    break
                except (OSError, ValueError) as e:
                    # It read the request and may have stored the run: retrying could store it
                    # twice, so the caller decides.
                    self.close()
                    raise BtsnapError("the capture service failed during the request (%s):"
                                      " whether it stored the run is unknown" % e)
        if not reply.get("ok"):
            raise BtsnapError(str(reply.get("error", "the capture service failed")), int(reply.get("code", 1)))
        return reply

    def _compact(self, message: Dict[str, Any]) -> Dict[str, Any]:
        """Sends the environment once per connection; later requests say it is the same."""
        environment = message.get("environment")
        if environment is None:
            return message
        if environment is self._environment_sent:
            message = dict(message)
            del message["environment"]
            message["sameEnvironment"] = True
            return message
        self._environment_sent = environment
        return message

    def close(self) -> None:
        self._environment_sent = None
        if self._sock is not None:
            try:
                self._sock.close()
            finally:
                self._sock = None

    def _connected(self) -> socket.socket:
        # A forked child must not share its parent's connection: replies would cross.
        if self._sock is not None and self._pid == os.getpid():
            return self._sock
        self._sock = None
        self._environment_sent = None
        sock = _connect(self.socket_path)
        if sock is None:
            sock = self._start()
        self._sock = sock
        self._pid = os.getpid()
        return sock

    @property
    def socket_path(self) -> str:
        return os.path.join(self.folder, "serve.sock")

    def _start(self) -> socket.socket:
        try:
            make_private_dir(self.folder)
        except OSError as e:
            raise ServiceUnavailable(str(e))
        fd = os.open(os.path.join(self.folder, "start.lock"), os.O_WRONLY | os.O_CREAT, 0o600)
        with os.fdopen(fd, "w") as start_lock:
            fcntl.lockf(start_lock, fcntl.LOCK_EX)
            try:
                sock = _connect(self.socket_path)
                if sock is not None:
                    return sock
                if _no_service_alive(self.folder):
                    for name in ("serve.sock", "serve.json"):
                        try:
                            os.unlink(os.path.join(self.folder, name))
                        except FileNotFoundError:
                            pass
                    process = self._spawn()
                else:
                    process = None  # one is starting: wait for its socket
                return self._await_socket(process)
            finally:
                fcntl.lockf(start_lock, fcntl.LOCK_UN)

    def _spawn(self) -> "_Detached":
        # Started by a short-lived go-between, so the service is nobody's child: an engine that
        # kills a worker's children when it stops the worker (Ray does) must not take the service
        # that other workers' captures are using with it.
        command = [*self.cli, "--store", self.store, "serve"]
        log_path = os.path.join(self.folder, "serve.log")
        try:
            done = subprocess.run([sys.executable, "-E", "-S", "-c", _DETACH, log_path, *command],
                                  stdin=subprocess.DEVNULL, capture_output=True, text=True, cwd="/", timeout=START_TIMEOUT)
        except (OSError, subprocess.TimeoutExpired) as e:
            raise ServiceUnavailable("cannot start '%s serve': %s" % (" ".join(self.cli), e))
        if done.returncode != 0 or not done.stdout.strip().isdigit():
            why = (done.stderr.strip().splitlines() or ["exit %d" % done.returncode])[-1]
            raise ServiceUnavailable("cannot start '%s serve': %s" % (" ".join(self.cli), why))
        return _Detached(int(done.stdout))

    def _await_socket(self, process: Optional["_Detached"]) -> socket.socket:
        deadline = time.monotonic() + START_TIMEOUT
        delay = 0.005
        while time.monotonic() < deadline:
            sock = _connect(self.socket_path)
            if sock is not None:
                return sock
            if process is not None and process.poll() is not None:
                raise ServiceUnavailable("'btsnap serve' exited: %s" % self._log_tail())
            time.sleep(delay)
            delay = min(delay * 2, 0.05)
        raise ServiceUnavailable("the capture service did not answer within %d s: %s" % (START_TIMEOUT, self._log_tail()))

    def _log_tail(self) -> str:
        try:
            with open(os.path.join(self.folder, "serve.log"), "rb") as log:
                lines = log.read().decode("utf-8", "replace").strip().splitlines()
            return lines[-1] if lines else "no output"
        except OSError:
            return "no log"


# Run as `python -E -S -c _DETACH LOG COMMAND...`: starts COMMAND in a new session with its output
# appended to LOG, prints its pid and exits, leaving it to init.
_DETACH = """
import os, subprocess, sys
log = os.open(sys.argv[1], os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
try:
    child = subprocess.Popen(sys.argv[2:], stdin=subprocess.DEVNULL, stdout=log, stderr=log, close_fds=True,
                             start_new_session=True, cwd="/")
except OSError as e:
    sys.exit(str(e))
print(child.pid)
"""


class _Detached:
    """The service's process, started by a go-between: watched by its pid, as it is not a child."""

    def __init__(self, pid: int) -> None:
        self.pid = pid

    def poll(self) -> Optional[str]:
        """None while it runs; else a word saying it is gone (its exit status is init's)."""
        try:
            os.kill(self.pid, 0)
        except ProcessLookupError:
            return "gone"
        except PermissionError:
            return "gone"  # its pid was reused by another user's process
        return None


def _connect(path: str) -> Optional[socket.socket]:
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        sock.connect(path)
        return sock
    except OSError as e:
        sock.close()
        if e.errno in (errno.ENOENT, errno.ECONNREFUSED, errno.ENOTSOCK):
            return None
        raise ServiceUnavailable("cannot connect to %s: %s" % (path, e))


def _no_service_alive(folder: str) -> bool:
    """Whether no service holds ``serve.lock`` (it holds it for its whole life)."""
    path = os.path.join(folder, "serve.lock")
    try:
        fd = os.open(path, os.O_RDWR)
    except FileNotFoundError:
        return True
    try:
        fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    else:
        fcntl.lockf(fd, fcntl.LOCK_UN)
        return True
    finally:
        os.close(fd)


def _read_frame(sock: socket.socket) -> Dict[str, Any]:
    header = _read_exactly(sock, 4)
    (length,) = struct.unpack(">I", header)
    if length > _MAX_FRAME:
        raise OSError("reply of %d bytes is over the limit" % length)
    return json.loads(_read_exactly(sock, length).decode("utf-8"))


def _read_exactly(sock: socket.socket, n: int) -> bytes:
    chunks = []
    while n:
        chunk = sock.recv(n)
        if not chunk:
            raise OSError("the capture service closed the connection")
        chunks.append(chunk)
        n -= len(chunk)
    return b"".join(chunks)
