"""Ray workers: the entry is the driver's script, as the driver recorded it or as Ray's job table
keeps it; with ``runtime_env={"working_dir": ...}`` it is read from Ray's unpacked copy and the
run names the project as the driver sees it.

Only reached from :mod:`btsnap._entry` when ``ray`` is already imported. A worker runs many
tasks of one job, so the answer is worked out once per process.
"""

from __future__ import annotations

import os
import shlex
import sys
from typing import Any, Dict, List, Optional, Tuple

from . import _steps

Fields = Dict[str, Any]

HOW_RECORD = "ray driver (recorded on import btsnap)"
HOW_JOB = "ray driver (job entrypoint)"

_COPY_MARK = os.sep + "working_dir_files" + os.sep + "_ray_pkg_"
_unset = object()
_found: Any = _unset


def find() -> Optional[Fields]:
    """Request fields naming the driver's entry when this process is a Ray worker; else None."""
    global _found
    if _found is _unset:
        worker = _worker()
        if worker is None:
            return None  # a driver, or not connected yet: ask again next time
        _found = _driver_entry(worker)
    if _found is None:
        # No driver to name: the record this worker may have inherited is another job's, so the
        # search ends here, with the task's own outermost project file if it has one.
        return _steps.outermost_frame() or {}
    return dict(_found)


def _worker():
    """Ray's worker object when this process is a task or actor worker, else None."""
    ray = sys.modules.get("ray")
    try:
        worker = ray._private.worker.global_worker  # type: ignore[union-attr]
        return worker if worker.mode == ray.WORKER_MODE else None  # type: ignore[union-attr]
    except AttributeError:
        return None


def _driver_entry(worker) -> Optional[Fields]:
    job = _job(worker)
    record = _steps.driver_record()
    if record is not None and _same_driver(record, job):
        # A local cluster started by the driver after it imported btsnap: its own record, exact.
        fields: Optional[Fields] = dict(record, how=HOW_RECORD)
    else:
        # The record is absent, or a cluster's workers inherited that of the driver that started
        # it while another driver's job runs now: Ray's job table is the authority.
        fields = _from_job(job)
    if fields is None:
        return None
    if fields.get("module") and fields.get("sysPath0"):
        # `python -m` imports from its working folder: the service takes it as the project's top.
        fields["cwd"] = fields["sysPath0"]
    copy = _working_dir_copy()
    if copy is not None:
        fields = _into_copy(fields, copy)
    if fields is None or not os.path.isabs(fields["entry"]) or not _steps.is_project_file(fields["entry"]):
        return None
    return fields


def _job(worker) -> Optional[Fields]:
    """This job's driver as Ray knows it: its command line, ``sys.path`` folders, pid and node."""
    try:
        job_id = worker.current_job_id.hex()
        sys_path = list(worker.core_worker.get_job_config().py_driver_sys_path)
        from ray._private import state

        rows = [j for j in state.state.job_table() if j.get("JobID") == job_id]
    except Exception:  # a Ray without these internals: fall back to the driver's record
        return None
    if not rows:
        return None
    row = rows[-1]
    try:
        argv = shlex.split(row.get("Entrypoint") or "")
    except ValueError:
        argv = []
    return {"launched": _launched(argv), "sysPath": sys_path, "pid": row.get("DriverPid"),
            "ip": row.get("DriverIPAddress")}


def _launched(argv: List[str]) -> Optional[Tuple[str, str]]:
    """``("script", path)`` or ``("module", name)`` from a Python command line; None for ``-c``,
    an interactive interpreter or a program that is not Python."""
    if not argv:
        return None
    if not os.path.basename(argv[0]).startswith("python"):
        return ("script", argv[0]) if argv[0].endswith(".py") else None
    i = 1
    while i < len(argv):
        arg = argv[i]
        if arg == "-" or arg == "--" or not arg.startswith("-"):
            script = argv[i + 1] if arg == "--" and i + 1 < len(argv) else arg
            return None if script in ("-", "--") else ("script", script)
        if arg.startswith("--"):
            i += 2 if arg == "--check-hash-based-pycs" else 1
            continue
        # Short options combine ("-um pkg.mod"); c, m, W and X take a value, joined or next.
        for k, option in enumerate(arg[1:], start=1):
            rest = arg[k + 1:]
            if option == "c":
                return None
            if option == "m":
                module = rest or (argv[i + 1] if i + 1 < len(argv) else "")
                return ("module", module) if module else None
            if option in "WX":
                i += 0 if rest else 1
                break
        i += 1
    return None


def _same_driver(record: Fields, job: Optional[Fields]) -> bool:
    """Whether the inherited record is this job's driver (not the driver that started the cluster)."""
    if job is None:
        return True  # nothing to check against
    if job["launched"] is None:
        return False  # the driver ran no script (python -c, a shell): the record is another's
    kind, name = job["launched"]
    if kind == "module":
        return record.get("module") == name
    if record.get("module"):
        return False
    if os.path.basename(record["entry"]) != os.path.basename(name):
        return False
    folder = _script_folder(job)
    return folder is None or os.path.realpath(os.path.dirname(record["entry"])) == os.path.realpath(folder)


def _script_folder(job: Fields) -> Optional[str]:
    # Ray puts the script's folder (a real path) before the working folder when it is on the
    # driver's sys.path, and neither when the job ships a working_dir.
    return job["sysPath"][0] if len(job["sysPath"]) >= 2 else None


def _from_job(job: Optional[Fields]) -> Optional[Fields]:
    if job is None or job["launched"] is None:
        return None
    kind, name = job["launched"]
    cwd = job["sysPath"][-1] if job["sysPath"] else _driver_cwd(job)
    fields: Fields = {"how": HOW_JOB}
    if kind == "module":
        if cwd is None:
            return None
        entry = _module_file(cwd, name)
        if entry is None:
            return None
        fields.update(entry=entry, module=name[: -len(".__main__")] if name.endswith(".__main__") else name,
                      sysPath0=cwd)
    else:
        folder = _script_folder(job)
        if os.path.isabs(name):
            entry = name
        elif folder is not None:
            entry = os.path.join(folder, os.path.basename(name))
        elif cwd is not None:
            entry = os.path.join(cwd, name)
        else:
            entry = name  # relative to a working folder unknown here: only Ray's copy can hold it
        fields.update(entry=os.path.normpath(entry), sysPath0=os.path.dirname(os.path.normpath(entry)))
    python_path = [os.path.abspath(p) for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p]
    if python_path:
        fields["pythonPath"] = python_path
    return fields


def _driver_cwd(job: Fields) -> Optional[str]:
    """The driver's working folder, read from /proc when the driver runs on this machine."""
    pid = job.get("pid")
    if not pid:
        return None
    try:
        from ray.util import get_node_ip_address

        if job.get("ip") and job["ip"] != get_node_ip_address():
            return None
        return os.readlink("/proc/%d/cwd" % pid)
    except (OSError, ImportError):
        return None


def _module_file(top: str, name: str) -> Optional[str]:
    base = os.path.join(top, *name.split("."))
    for candidate in (base + ".py", os.path.join(base, "__main__.py")):
        if os.path.isfile(candidate):
            return candidate
    return None


def _working_dir_copy() -> Optional[str]:
    """The folder Ray unpacked this worker's ``working_dir`` into, which it puts on ``sys.path``."""
    for folder in sys.path:
        if _COPY_MARK in folder and os.path.isdir(folder):
            return os.path.abspath(folder)
    return None


def _into_copy(fields: Fields, copy: str) -> Optional[Fields]:
    """The driver's fields mapped into Ray's copy of its working_dir, with the root to read
    (``root``, in the copy) and the root to record (``rootAs``, as the driver sees it)."""
    entry = fields["entry"]
    original = None
    if not os.path.isabs(entry):
        # Only the command line's path, relative to the driver's working folder, is known: the
        # copy is searched for it, and the copy's own path is recorded.
        tail = entry
        if not os.path.isfile(os.path.join(copy, tail)):
            return None
    else:
        # The copy holds the working_dir's files: the longest tail of the driver's path found in
        # it tells which folder it copies.
        parts = entry.split(os.sep)
        for i in range(1, len(parts)):
            tail = os.path.join(*parts[i:])
            if os.path.isfile(os.path.join(copy, tail)):
                original = os.sep.join(parts[:i]) or os.sep
                break
        if original is None:
            # The entry was not shipped: on the driver's machine it is read where it is.
            return fields if os.path.isfile(entry) else None

    def mapped(path: str) -> str:
        if original is not None and (path == original or path.startswith(os.path.join(original, ""))):
            return os.path.normpath(os.path.join(copy, os.path.relpath(path, original)))
        return path

    found = dict(fields)
    found["entry"] = os.path.join(copy, tail)
    for key in ("sysPath0", "cwd"):
        if key in found:
            found[key] = mapped(found[key]) if original is not None else os.path.normpath(os.path.join(copy, found[key]))
    if "pythonPath" in found:
        found["pythonPath"] = [mapped(p) for p in found["pythonPath"]]
    root = found["cwd"] if found.get("module") else _root_in_copy(found["entry"], copy, entry, original)
    found["root"] = root
    if original is not None:
        found["rootAs"] = os.path.normpath(os.path.join(original, os.path.relpath(root, copy)))
    return found


_MARKERS = (".git", "pyproject.toml", "setup.py", "strategy.yaml")  # the service's ProjectRoot.MARKERS


def _root_in_copy(entry: str, copy: str, driver_entry: str, original: Optional[str]) -> str:
    """The project root the driver's capture finds (the nearest folder holding a marker, else the
    entry's), taken in the copy; on the driver's machine the driver's own folders decide."""
    if original is not None and os.path.isfile(driver_entry):
        top = _marked(os.path.dirname(driver_entry), os.sep)
        if top is not None and (top == original or top.startswith(os.path.join(original, ""))):
            return os.path.normpath(os.path.join(copy, os.path.relpath(top, original)))
        if top is None:
            return os.path.dirname(entry)
        return copy  # the driver's project reaches above what Ray shipped: the copy is all there is
    return _marked(os.path.dirname(entry), copy) or os.path.dirname(entry)


def _marked(start: str, limit: str) -> Optional[str]:
    folder = start
    while True:
        if any(os.path.exists(os.path.join(folder, m)) for m in _MARKERS):
            return folder
        if folder == limit or os.path.dirname(folder) == folder:
            return None
        folder = os.path.dirname(folder)
