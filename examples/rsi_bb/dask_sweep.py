#!/usr/bin/env python3
"""The RSI/Bollinger grid on Dask's local process scheduler, each backtest captured with btsnap.

Dask's "processes" scheduler runs tasks in a pool of spawned worker processes; with
``--cluster`` (where ``distributed`` is installed) in a LocalCluster's worker processes instead.
Either way each worker's run records this script and the modules it imports, exactly as a
capture in this process would: btsnap finds the driver's script without any help from this code.

    python3 dask_sweep.py [--store DIR] [--workers 2] [--cluster] [--quick] [--json]
"""

import argparse
import json

import btsnap
import dask

from rsi_bb_strategy import backtest, synthetic_prices
from utils.risk import RiskLimits
from utils.signals import SignalConfig


@dask.delayed
def one_backtest(period, std, bars, store):
    stats = backtest(synthetic_prices(bars), SignalConfig(rsi_period=period, bb_std=std), RiskLimits())
    run = btsnap.capture(params={"rsi_period": period, "bb_std": std}, sweep="dask", mode="imports", store=store)
    run = run.annotate(sharpe=stats["sharpe"], return_pct=stats["return_pct"])
    return {"run": run.id, "manifest": run.manifest, "entry": run.entry, "sharpe": stats["sharpe"]}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", help="btsnap store folder (default: $BTSNAP_HOME or ~/.btsnap)")
    parser.add_argument("--workers", type=int, default=2, help="worker processes")
    parser.add_argument("--cluster", action="store_true", help="a distributed LocalCluster instead of the process pool")
    parser.add_argument("--quick", action="store_true", help="a 2x2 grid on a short price series")
    parser.add_argument("--json", action="store_true", help="print the runs as JSON")
    args = parser.parse_args(argv)
    periods = [10, 14] if args.quick else [10, 14, 20, 25, 30]
    stds = [2.0, 2.5] if args.quick else [1.5, 2.0, 2.5, 3.0]
    bars = 500 if args.quick else 750
    tasks = [one_backtest(p, s, bars, args.store) for p in periods for s in stds]
    if args.cluster:
        from dask.distributed import Client, LocalCluster

        with LocalCluster(n_workers=args.workers, threads_per_worker=1, processes=True) as cluster, Client(cluster):
            results = list(dask.compute(*tasks))
    else:
        results = list(dask.compute(*tasks, scheduler="processes", num_workers=args.workers))
    if args.json:
        print(json.dumps(results))
        return 0
    for r in results:
        print(f"run {r['run']}  code {r['manifest'][:12]}  entry {r['entry']}  sharpe {r['sharpe']:+.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
