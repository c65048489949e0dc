#!/usr/bin/env python3
"""RSI + Bollinger Bands mean-reversion strategy: a toy backtest.

Buys when the RSI is oversold and the price is at or below the lower
Bollinger band; sells at the middle band, on an overbought RSI, or at the
stop. Prices come from a seeded random walk with regime changes, so every
run with the same parameters gives the same result.

    python3 rsi_bb_strategy.py --rsi-period 14 --bb-std 2.0
"""

import argparse
import json
import random
import sys

from indicators.rsi import rsi
from utils.risk import Account, RiskLimits, max_drawdown, sharpe
from utils.signals import Action, SignalConfig, apply, decide, prepare


def synthetic_prices(bars: int = 750, seed: int = 7, start: float = 100.0):
    """A random walk with alternating calm and volatile regimes, mean-reverting."""
    rng = random.Random(seed)
    prices = [start]
    anchor = start
    for i in range(1, bars):
        volatility = 0.004 if (i // 125) % 2 == 0 else 0.012
        pull = 0.02 * (anchor - prices[-1]) / anchor
        step = prices[-1] * (rng.gauss(0.0, volatility) + pull)
        prices.append(max(1.0, prices[-1] + step))
        anchor += 0.01 * (prices[-1] - anchor)
    return prices


def backtest(prices, config: SignalConfig, limits: RiskLimits, capital: float = 10_000.0):
    """Run the strategy over `prices` and return its statistics."""
    account = Account(equity=capital)
    bars = prepare(prices, config)
    trades = []
    for bar in bars:
        history = prices[: bar.index + 1]
        action = decide(bar, history, account, config, limits)
        pnl = apply(action, bar, history, account, limits)
        if pnl is not None:
            trades.append(pnl)
        account.mark(bar.price)
    curve = account.history
    returns = [curve[i] / curve[i - 1] - 1.0 for i in range(1, len(curve))]
    wins = [t for t in trades if t > 0]
    return {
        "final_equity": round(curve[-1], 2),
        "return_pct": round((curve[-1] / capital - 1.0) * 100.0, 3),
        "trades": len(trades),
        "win_rate": round(len(wins) / len(trades), 3) if trades else 0.0,
        "sharpe": round(sharpe(returns), 3),
        "max_drawdown_pct": round(max_drawdown(curve) * 100.0, 3),
        "last_rsi": round(rsi(prices, config.rsi_period)[-1] or 0.0, 2),
    }


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rsi-period", type=int, default=14)
    parser.add_argument("--bb-std", type=float, default=2.0)
    parser.add_argument("--bb-window", type=int, default=20)
    parser.add_argument("--oversold", type=float, default=30.0)
    parser.add_argument("--overbought", type=float, default=70.0)
    parser.add_argument("--bars", type=int, default=750)
    parser.add_argument("--seed", type=int, default=7)
    return parser.parse_args(argv)


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    config = SignalConfig(
        rsi_period=args.rsi_period,
        rsi_oversold=args.oversold,
        rsi_overbought=args.overbought,
        bb_window=args.bb_window,
        bb_std=args.bb_std,
    )
    result = backtest(synthetic_prices(args.bars, args.seed), config, RiskLimits())
    result["params"] = {"rsi_period": args.rsi_period, "bb_std": args.bb_std}
    print(json.dumps(result, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
