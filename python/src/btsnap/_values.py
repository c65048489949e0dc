"""Values as researchers hold them, turned into what the store keeps: metrics (numpy and pandas
scalars, 0-d arrays, ``Decimal``, ``bool``) as floats, parameters and labels as strings."""

from __future__ import annotations

import math
from decimal import Decimal
from typing import Any, Dict, Mapping, Optional

from ._errors import BtsnapError


def metric(key: str, value: Any) -> float:
    """Returns ``value`` as the float the store keeps, as Python prints it: ``np.float32(0.1)``
    is 0.1, not the 0.10000000149011612 its bits widen to; ``True`` is 1. Refuses NaN, the
    infinities and anything that is not a number, with one line naming the metric."""
    number = _unwrapped(value)
    if isinstance(number, bool):
        return 1.0 if number else 0.0
    if isinstance(number, (int, float, Decimal)):
        try:
            result = float(number)
        except (OverflowError, ValueError):
            result = math.inf
        if math.isfinite(result):
            return result
        raise BtsnapError("metric %s must be a finite number, not %s" % (key, _shown(value)), 2)
    raise BtsnapError("metric %s must be a number, not %s %s" % (key, type(value).__name__, _shown(value)), 2)


def _unwrapped(value: Any) -> Any:
    """A numpy scalar or 0-d array as the Python number it prints as (numpy not imported)."""
    if isinstance(value, (bool, int, float, Decimal)) or getattr(value, "ndim", None) != 0:
        return value
    dtype = getattr(value, "dtype", None)
    item = getattr(value, "item", None)
    if dtype is None or item is None:
        return value
    if getattr(dtype, "kind", "") == "f" and getattr(dtype, "itemsize", 8) < 8:
        # numpy prints a float32 with the fewest digits that read back as the same float32.
        return float(str(value))
    return item()


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def strings(what: str, values: Optional[Mapping[str, Any]]) -> Dict[str, str]:
    """Parameters or labels as the store keeps them: ``str(value)`` under a non-empty key
    without ``=``."""
    if values is None:
        return {}
    out: Dict[str, str] = {}
    for key, value in values.items():
        if not isinstance(key, str) or not key or "=" in key:
            raise BtsnapError("%s key must be a non-empty string without '=': %r" % (what, key), 2)
        out[key] = value if isinstance(value, str) else str(value)
    return out
