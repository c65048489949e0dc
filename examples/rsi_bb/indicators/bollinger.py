"""Bollinger Bands, after John Bollinger (1980s).

A simple moving average with an upper and a lower band `num_std`
population standard deviations away. Price touching the lower band in a
range-bound market is read as a mean-reversion buy opportunity.
"""

import math
from typing import List, NamedTuple, Optional


class Bands(NamedTuple):
    """One bar's bands; all None until the window is full."""

    middle: Optional[float]
    upper: Optional[float]
    lower: Optional[float]


def rolling_mean_std(values: List[float], window: int):
    """Yield (mean, std) for each full window, using running sums."""
    total = 0.0
    total_sq = 0.0
    for i, v in enumerate(values):
        total += v
        total_sq += v * v
        if i >= window:
            old = values[i - window]
            total -= old
            total_sq -= old * old
        if i >= window - 1:
            mean = total / window
            variance = max(total_sq / window - mean * mean, 0.0)
            yield i, mean, math.sqrt(variance)


def bollinger(prices: List[float], window: int = 20, num_std: float = 2.0) -> List[Bands]:
    """Compute Bollinger Bands aligned with `prices`."""
    if window <= 1:
        raise ValueError("window must be at least 2, got %r" % window)
    if num_std <= 0:
        raise ValueError("num_std must be positive, got %r" % num_std)
    out = [Bands(None, None, None)] * len(prices)
    for i, mean, std in rolling_mean_std(prices, window):
        out[i] = Bands(mean, mean + num_std * std, mean - num_std * std)
    return out


def percent_b(price: float, bands: Bands) -> Optional[float]:
    """%B: 0 at the lower band, 1 at the upper band."""
    if bands.upper is None or bands.lower is None or bands.upper == bands.lower:
        return None
    return (price - bands.lower) / (bands.upper - bands.lower)


def bandwidth(bands: Bands) -> Optional[float]:
    """Width of the bands relative to the middle band; low values mark a squeeze."""
    if bands.middle in (None, 0.0):
        return None
    return (bands.upper - bands.lower) / bands.middle


def is_squeeze(history: List[Bands], lookback: int = 50, quantile: float = 0.1) -> bool:
    """Whether the latest bandwidth is in the lowest `quantile` of the lookback."""
    widths = [w for w in (bandwidth(b) for b in history[-lookback:]) if w is not None]
    if len(widths) < 10:
        return False
    ranked = sorted(widths)
    cut = ranked[max(0, int(len(ranked) * quantile) - 1)]
    return widths[-1] <= cut
