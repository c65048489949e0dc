"""Where the store, the ``btsnap`` command and the capture service's folder are.

The service folder's rules are the Java service's (``ServiceFolder``): change both together.
"""

from __future__ import annotations

import hashlib
import os
import shlex
import shutil
import stat
from typing import List, Optional

PROTOCOL = 1
_MAX_SOCKET_PATH = 107


def store_dir(store: Optional[str]) -> str:
    """The store: ``store`` if given, else ``$BTSNAP_HOME``, else ``~/.btsnap``."""
    if store:
        return os.path.abspath(os.path.expanduser(str(store)))
    home = os.environ.get("BTSNAP_HOME", "").strip()
    if home:
        return os.path.abspath(home)
    return os.path.join(os.path.expanduser("~"), ".btsnap")


def cli_command() -> Optional[List[str]]:
    """The ``btsnap`` command: ``$BTSNAP`` if set (a command line, split as a shell would),
    else ``btsnap`` on ``PATH``."""
    named = os.environ.get("BTSNAP", "").strip()
    if named:
        return shlex.split(named)
    found = shutil.which("btsnap")
    return [found] if found else None


def service_dir(store: str) -> str:
    """The service's folder for ``store`` (an existing store) and this user."""
    real = os.path.realpath(store)
    uid = os.getuid()
    name = hashlib.sha256(os.fsencode(real)).hexdigest()[:16] + "-p" + str(PROTOCOL)
    runtime = os.environ.get("XDG_RUNTIME_DIR", "")
    if runtime.startswith("/") and os.path.isdir(runtime):
        folder = os.path.join(runtime, "btsnap", name)
    else:
        folder = os.path.join(real, "serve", "u%d-p%d" % (uid, PROTOCOL))
    if len(os.fsencode(os.path.join(folder, "serve.sock"))) > _MAX_SOCKET_PATH:
        folder = os.path.join("/tmp", "btsnap-%d" % uid, name)
    return folder


def make_private_dir(folder: str) -> None:
    """Creates ``folder`` and its parent mode 0700, refusing one that is not this user's alone."""
    for d in (os.path.dirname(folder), folder):
        try:
            os.mkdir(d, 0o700)
        except FileExistsError:
            pass
        st = os.lstat(d)
        if not stat.S_ISDIR(st.st_mode) or st.st_uid != os.getuid():
            raise OSError("service folder %s is not a folder of this user: refusing to use it" % d)
        if st.st_mode & 0o077:
            raise OSError("service folder %s has mode %04o, others can reach it: refusing to use it"
                          % (d, stat.S_IMODE(st.st_mode)))
