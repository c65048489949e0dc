"""The run a capture returns."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any, Dict, List, Optional, Sequence


@dataclass(frozen=True)
class Run:
    """One captured run, as ``btsnap capture --json`` describes it.

    ``manifest`` is the id of the code: equal manifests mean identical code. ``files`` holds one
    dict per file (``path``, ``hash``, ``size``, ``executable``, ``reason``).
    """

    id: str
    manifest: str
    created: str
    mode: str
    entry: Optional[str]
    root: str
    params: Dict[str, str]
    labels: Dict[str, str]
    files: List[Dict[str, Any]]
    new_blobs: int = 0
    new_bytes: int = 0
    warnings: List[str] = field(default_factory=list)
    unresolved: List[str] = field(default_factory=list)
    metrics: Dict[str, float] = field(default_factory=dict)
    environment: Dict[str, str] = field(default_factory=dict, repr=False)
    store: Optional[str] = field(default=None, repr=False, compare=False)

    def annotate(self, **metrics: float) -> "Run":
        """Sets metrics (results of the backtest, e.g. ``sharpe=1.42``) on this run; returns the
        run with its metrics now."""
        from ._api import annotate

        changed = annotate(self.id, store=self.store, **metrics)
        return replace(self, metrics=changed["metrics"], labels=changed["labels"])

    def label(self, remove: Sequence[str] = (), **labels: Any) -> "Run":
        """Sets labels on this run and removes those named in ``remove``; returns the run with
        its labels now."""
        from ._api import label

        changed = label(self.id, remove=remove, store=self.store, **labels)
        return replace(self, metrics=changed["metrics"], labels=changed["labels"])

    @classmethod
    def from_json(cls, data: Dict[str, Any], store: Optional[str] = None) -> "Run":
        """Builds a run from the object ``capture --json`` prints."""
        return cls(
            id=data["id"],
            manifest=data["manifest"],
            created=data["created"],
            mode=data["mode"],
            entry=data.get("entry"),
            root=data["root"],
            params=dict(data.get("params") or {}),
            labels=dict(data.get("labels") or {}),
            files=list(data.get("files") or []),
            new_blobs=int(data.get("newBlobs", 0)),
            new_bytes=int(data.get("newBytes", 0)),
            warnings=list(data.get("warnings") or []),
            unresolved=list(data.get("unresolved") or []),
            metrics=dict(data.get("metrics") or {}),
            environment=dict(data.get("environment") or {}),
            store=store,
        )
