"""Relative Strength Index (RSI), after J. Welles Wilder (1978).

The RSI measures the speed of price changes on a 0-100 scale. Wilder's
original smoothing is an exponential moving average with alpha = 1/period,
seeded with the simple average of the first `period` gains and losses.
Values above 70 are read as overbought, values below 30 as oversold.

Everything here is pure Python so the example runs without numpy.
"""

from typing import List, Optional


def price_changes(prices: List[float]) -> List[float]:
    """Return the first differences of a price series (one shorter than it)."""
    return [prices[i] - prices[i - 1] for i in range(1, len(prices))]


def split_gains_losses(changes: List[float]):
    """Split changes into gains (>= 0) and losses (positive numbers)."""
    gains = [c if c > 0 else 0.0 for c in changes]
    losses = [-c if c < 0 else 0.0 for c in changes]
    return gains, losses


def wilder_smooth(values: List[float], period: int) -> List[Optional[float]]:
    """Wilder's smoothing: SMA seed, then avg = (prev * (n - 1) + x) / n.

    The result has the same length as `values`; positions before the
    seed is available are None.
    """
    if period <= 0:
        raise ValueError("period must be positive, got %r" % period)
    out: List[Optional[float]] = [None] * len(values)
    if len(values) < period:
        return out
    avg = sum(values[:period]) / period
    out[period - 1] = avg
    for i in range(period, len(values)):
        avg = (avg * (period - 1) + values[i]) / period
        out[i] = avg
    return out


def rsi_from_averages(avg_gain: float, avg_loss: float) -> float:
    """Map average gain and loss to the 0-100 RSI scale."""
    if avg_loss == 0.0:
        return 100.0 if avg_gain > 0.0 else 50.0
    rs = avg_gain / avg_loss
    return 100.0 - 100.0 / (1.0 + rs)


def rsi(prices: List[float], period: int = 14) -> List[Optional[float]]:
    """Compute the RSI of `prices`.

    Returns a list aligned with `prices`: the first `period` values are
    None because at least `period` changes are needed to seed the averages.

    >>> values = rsi([1, 2, 3, 4, 5, 6], period=3)
    >>> values[:3]
    [None, None, None]
    >>> values[3]
    100.0
    """
    if len(prices) < 2:
        return [None] * len(prices)
    gains, losses = split_gains_losses(price_changes(prices))
    avg_gains = wilder_smooth(gains, period)
    avg_losses = wilder_smooth(losses, period)
    out: List[Optional[float]] = [None]
    for g, l in zip(avg_gains, avg_losses):
        out.append(None if g is None or l is None else rsi_from_averages(g, l))
    return out


def classify(value: Optional[float], oversold: float = 30.0, overbought: float = 70.0) -> str:
    """Name the zone an RSI value falls in: 'oversold', 'overbought' or 'neutral'."""
    if value is None:
        return "unknown"
    if value <= oversold:
        return "oversold"
    if value >= overbought:
        return "overbought"
    return "neutral"


def crossings(values: List[Optional[float]], level: float) -> List[int]:
    """Return the indices where the RSI crosses `level` in either direction."""
    result = []
    previous = None
    for i, v in enumerate(values):
        if v is None:
            continue
        if previous is not None and (previous - level) * (v - level) < 0:
            result.append(i)
        previous = v
    return result


def stochastic_rsi(values: List[Optional[float]], window: int = 14) -> List[Optional[float]]:
    """Stochastic RSI: where the RSI sits within its own recent range (0-1)."""
    out: List[Optional[float]] = []
    for i in range(len(values)):
        recent = [v for v in values[max(0, i - window + 1): i + 1] if v is not None]
        if len(recent) < window or values[i] is None:
            out.append(None)
            continue
        low, high = min(recent), max(recent)
        out.append(0.5 if high == low else (values[i] - low) / (high - low))
    return out


if __name__ == "__main__":
    import doctest

    doctest.testmod()
