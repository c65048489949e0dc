#!/usr/bin/env python3
"""The RSI/Bollinger grid on joblib's worker processes, each backtest captured with btsnap.

joblib's default backend (loky) starts worker processes that never run this script, so btsnap
cannot ask a worker what its main file is. The driver, which imports btsnap, leaves its own
entry in $BTSNAP_DRIVER, and the workers inherit it: every worker's run records this script and
the modules it imports, exactly as a capture in this process would. No line of this script is
there for btsnap's sake but the capture itself.

    python3 joblib_sweep.py [--store DIR] [--jobs 2] [--quick] [--json]
"""

import argparse
import json

import btsnap
from joblib import Parallel, delayed

from rsi_bb_strategy import backtest, synthetic_prices
from utils.risk import RiskLimits
from utils.signals import SignalConfig


def one_backtest(period, std, bars, store):
    stats = backtest(synthetic_prices(bars), SignalConfig(rsi_period=period, bb_std=std), RiskLimits())
    run = btsnap.capture(params={"rsi_period": period, "bb_std": std}, sweep="joblib", mode="imports", store=store)
    run = run.annotate(sharpe=stats["sharpe"], return_pct=stats["return_pct"])
    return {"run": run.id, "manifest": run.manifest, "entry": run.entry, "sharpe": stats["sharpe"]}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", help="btsnap store folder (default: $BTSNAP_HOME or ~/.btsnap)")
    parser.add_argument("--jobs", type=int, default=2, help="worker processes")
    parser.add_argument("--quick", action="store_true", help="a 2x2 grid on a short price series")
    parser.add_argument("--json", action="store_true", help="print the runs as JSON")
    args = parser.parse_args(argv)
    periods = [10, 14] if args.quick else [10, 14, 20, 25, 30]
    stds = [2.0, 2.5] if args.quick else [1.5, 2.0, 2.5, 3.0]
    bars = 500 if args.quick else 750
    results = Parallel(n_jobs=args.jobs)(
        delayed(one_backtest)(p, s, bars, args.store) for p in periods for s in stds)
    if args.json:
        print(json.dumps(results))
        return 0
    for r in results:
        print(f"run {r['run']}  code {r['manifest'][:12]}  entry {r['entry']}  sharpe {r['sharpe']:+.3f}")
    best = max(results, key=lambda r: r["sharpe"])
    print(f"best: run {best['run']} (btsnap show {best['run']})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
