"""Runs as Python objects: one :class:`Run`, and :class:`Runs`, a list that becomes a table."""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from typing import Any, Dict, Iterator, List, Optional, Sequence

from ._errors import BtsnapError

# The run's JSON keys (as `btsnap show --json` prints them) and the attribute each is read as.
_ATTRIBUTES = {"id": "id", "created": "created", "mode": "mode", "entry": "entry", "root": "root",
               "params": "params", "labels": "labels", "metrics": "metrics", "pinned": "pinned",
               "manifest": "manifest", "files": "files", "environment": "environment", "fileCount": "file_count",
               "newBlobs": "new_blobs", "newBytes": "new_bytes", "warnings": "warnings", "unresolved": "unresolved"}
_KEYS = {attribute: key for key, attribute in _ATTRIBUTES.items()}


class Run(Mapping):
    """One captured run: ``id``, ``created`` (ISO UTC text), ``mode``, ``entry``, ``root``,
    ``params``, ``labels``, ``metrics``, ``pinned``, ``manifest`` (the id of the code: equal
    manifests mean identical code), ``files`` (one dict per file: ``path``, ``hash``, ``size``,
    ``executable``, ``reason``), ``environment``; after a capture also ``new_blobs``,
    ``new_bytes``, ``warnings`` and ``unresolved``.

    It is also a read-only mapping of the JSON keys ``btsnap show --json`` prints
    (``run["params"]``), as the client's functions returned plain dicts before.
    """

    __slots__ = ("_data", "_store")

    def __init__(self, data: Dict[str, Any], store: Any = None) -> None:
        self._data = dict(data)
        self._store = store

    @classmethod
    def from_json(cls, data: Dict[str, Any], store: Any = None) -> "Run":
        """Builds a run from what ``capture --json``, ``show --json`` or ``ls --json`` prints."""
        return cls(data, store)

    def __getattr__(self, name: str) -> Any:
        key = _KEYS.get(name)
        if key is None:
            raise AttributeError("Run has no attribute %r" % name)
        return self[key]

    def __getitem__(self, key: str) -> Any:
        if key == "files" and "files" not in self._data:
            # A listed run carries its file count only: its files come with the first look.
            self._data["files"] = self._owner().run(self.id)._data.get("files", [])
        if key in self._data:
            return self._data[key]
        if key in ("params", "labels", "metrics", "environment"):
            return {}
        if key in ("warnings", "unresolved"):
            return []
        if key in ("newBlobs", "newBytes"):
            return 0
        if key in ("entry", "fileCount"):
            return None
        raise KeyError(key)

    def __iter__(self) -> Iterator[str]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Run) and other._data == self._data

    def __hash__(self) -> int:
        return hash(self._data["id"])

    def __repr__(self) -> str:
        return "Run(id=%r, manifest=%r, params=%r, metrics=%r)" % (
            self._data.get("id"), self._data.get("manifest", "")[:12], self["params"], self["metrics"])

    @property
    def store(self) -> Optional[str]:
        """The folder of the store this run is in."""
        return None if self._store is None else self._store.path

    def _owner(self) -> Any:
        if self._store is None:
            raise BtsnapError("run %s was made without its store" % self._data.get("id"))
        return self._store

    def annotate(self, **metrics: Any) -> "Run":
        """Sets metrics (results of the backtest, e.g. ``sharpe=1.42``) on this run; returns the
        run as it is now."""
        return self._owner().annotate(self.id, **metrics)

    def label(self, remove: Sequence[str] = (), **labels: Any) -> "Run":
        """Sets labels on this run and removes those named in ``remove``; returns the run as it
        is now."""
        return self._owner().label(self.id, remove=remove, **labels)

    def read(self, path: str) -> bytes:
        """The content of file ``path`` of this run, byte for byte."""
        return self._owner().read(self.id, path)

    def restore(self, dest: Any) -> None:
        """Writes this run's files into ``dest``, a folder that is new or empty."""
        self._owner().restore(self.id, dest)

    def diff(self, other: "Run") -> str:
        """A unified diff of every file from this run to ``other``: changed files with their
        changed lines, added and removed files whole; empty when the code is the same."""
        mine = {f["path"]: f for f in self.files}
        theirs = {f["path"]: f for f in other.files}
        out: List[str] = []
        for path in sorted(set(mine) | set(theirs)):
            before, after = mine.get(path), theirs.get(path)
            if before is not None and after is not None and before["hash"] == after["hash"]:
                continue
            old = _lines(self.read(path)) if before else []
            new = _lines(other.read(path)) if after else []
            out.extend(difflib.unified_diff(old, new, "a/" + path if before else "/dev/null",
                                            "b/" + path if after else "/dev/null"))
        return "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in out)


def _lines(content: bytes) -> List[str]:
    if b"\0" in content[:8192]:
        return ["Binary file, %d bytes, SHA-256 differs\n" % len(content)]
    return content.decode("utf-8", "replace").splitlines(keepends=True)


class Runs(list):
    """A list of :class:`Run`, newest first, as ``btsnap ls`` lists them."""

    def to_pandas(self):
        """One row per run: ``id``, ``created`` (a UTC timestamp), ``entry``, ``manifest``, then
        ``param.NAME`` (integer or float where every value reads as one), ``metric.NAME`` and
        ``label.NAME``. Needs pandas."""
        try:
            import pandas as pd
        except ImportError:
            raise BtsnapError("Runs.to_pandas() needs pandas: pip install pandas") from None
        rows = []
        for run in self:
            row = {"id": run.id, "created": run.created, "entry": run.entry, "manifest": run.manifest}
            row.update({"param." + k: v for k, v in run.params.items()})
            row.update({"metric." + k: v for k, v in run.metrics.items()})
            row.update({"label." + k: v for k, v in run.labels.items()})
            rows.append(row)
        columns = ["id", "created", "entry", "manifest"]
        for prefix in ("param.", "metric.", "label."):
            names = sorted({k for row in rows for k in row if k.startswith(prefix)})
            columns.extend(names)
        frame = pd.DataFrame(rows, columns=columns)
        # Whole seconds print without a fraction: the text is ISO 8601 in two shapes.
        frame["created"] = pd.to_datetime(frame["created"], utc=True, format="ISO8601")
        for column in columns:
            if column.startswith("param."):
                frame[column] = _numeric(pd, frame[column])
            elif column.startswith("metric."):
                frame[column] = frame[column].astype("float64")
        return frame


def _numeric(pd, column):
    """The column as integers, else floats, where every value reads as one; else as it is."""
    present = [v for v in column if isinstance(v, str)]
    missing = len(present) < len(column)
    for kind in (int, float):
        try:
            values = [kind(v) for v in present]
        except ValueError:
            continue
        if kind is float:
            return pd.to_numeric(column, errors="coerce").astype("float64")
        parsed = iter(values)
        return pd.Series([next(parsed) if isinstance(v, str) else None for v in column], index=column.index,
                         dtype="Int64" if missing else "int64")
    return column
