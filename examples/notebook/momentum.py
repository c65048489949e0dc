"""A momentum backtest on synthetic prices: the local module the notebook imports."""

import math
import random


def prices(seed: int = 7, days: int = 500) -> list:
    """A reproducible random walk of daily closes."""
    rng = random.Random(seed)
    close = [100.0]
    for _ in range(days - 1):
        close.append(close[-1] * math.exp(rng.gauss(0.0003, 0.01)))
    return close


def backtest(close: list, lookback: int) -> dict:
    """Long when the close is above its close ``lookback`` days ago, flat otherwise."""
    returns = []
    for day in range(lookback + 1, len(close)):
        held = close[day - 1] > close[day - 1 - lookback]
        returns.append(close[day] / close[day - 1] - 1 if held else 0.0)
    mean = sum(returns) / len(returns)
    spread = math.sqrt(sum((r - mean) ** 2 for r in returns) / len(returns)) or 1.0
    return {"sharpe": round(mean / spread * math.sqrt(252), 4), "days": len(returns)}
