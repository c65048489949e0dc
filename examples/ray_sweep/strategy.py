"""A moving-average crossover: long while the fast average is above the slow one, else flat."""

import math

from data import prices


def moving_average(series, window):
    """The trailing mean of each bar over ``window`` bars; None until the window fills."""
    out, total = [], 0.0
    for i, value in enumerate(series):
        total += value
        if i >= window:
            total -= series[i - window]
        out.append(total / window if i + 1 >= window else None)
    return out


def backtest(fast, slow, seed=7):
    """Runs the crossover on the seed's prices; returns total return, Sharpe ratio and trades."""
    if fast >= slow:
        raise ValueError("the fast window (%d) must be shorter than the slow one (%d)" % (fast, slow))
    series = prices(seed=seed)
    fast_ma, slow_ma = moving_average(series, fast), moving_average(series, slow)
    returns, trades, holding = [], 0, False
    for i in range(1, len(series)):
        if holding:
            returns.append(series[i] / series[i - 1] - 1.0)
        signal = fast_ma[i] is not None and slow_ma[i] is not None and fast_ma[i] > slow_ma[i]
        if signal != holding:
            trades += 1
            holding = signal
    mean = sum(returns) / len(returns) if returns else 0.0
    spread = math.sqrt(sum((r - mean) ** 2 for r in returns) / len(returns)) if returns else 0.0
    growth = math.prod(1.0 + r for r in returns)
    return {
        "total_return": round(growth - 1.0, 6),
        "sharpe": round(mean / spread * math.sqrt(252), 4) if spread else 0.0,
        "trades": trades,
    }
