"""Daily prices for the example: a seeded random walk, the same for every run of one seed."""

import random


def prices(bars=500, seed=7, start=100.0):
    """A random walk with a slow drift and two volatility regimes."""
    rng = random.Random(seed)
    series = [start]
    for i in range(1, bars):
        volatility = 0.006 if (i // 100) % 2 == 0 else 0.015
        series.append(series[-1] * (1.0 + 0.0002 + rng.gauss(0.0, volatility)))
    return series
