#!/usr/bin/env python3
"""A parameter sweep on a Ray cluster: each task runs one backtest and stores the code that
produced it with btsnap, pushing the run to a shared remote.

    btsnap remote add shared s3://my-bucket/sweeps
    python3 sweep.py --remote shared            # a local cluster of 2 CPUs
    python3 sweep.py --remote shared --working-dir   # ship this folder to the workers

btsnap is imported before ray.init(): the cluster this driver starts passes its record of
this script to every worker, so each run names sweep.py and its modules, not Ray's worker.
"""

import argparse
import itertools
import json
import os

import btsnap
import ray

import strategy

FAST = (5, 10, 20)
SLOW = (40, 80)


@ray.remote
def backtest(fast, slow, remote):
    result = strategy.backtest(fast, slow)
    run = btsnap.capture(params={"fast": fast, "slow": slow}, mode="imports", sweep="ma_cross", push=remote)
    return dict(result, run=run.id, fast=fast, slow=slow)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--remote", help="the btsnap remote to push every run to (btsnap remote add)")
    parser.add_argument("--cpus", type=int, default=2, help="CPUs of the local cluster (default 2)")
    parser.add_argument("--working-dir", action="store_true", help="ship this folder as Ray's working_dir")
    parser.add_argument("--json", action="store_true", help="print the results as one JSON array")
    args = parser.parse_args()

    here = os.path.dirname(os.path.abspath(__file__))
    ray.init(num_cpus=args.cpus, include_dashboard=False,
             runtime_env={"working_dir": here} if args.working_dir else None)
    try:
        results = ray.get([backtest.remote(f, s, args.remote) for f, s in itertools.product(FAST, SLOW)])
    finally:
        ray.shutdown()
    if args.json:
        print(json.dumps(results))
        return
    for r in sorted(results, key=lambda r: -r["sharpe"]):
        print("fast=%-3d slow=%-3d sharpe=%7.3f return=%8.2f%%  run %s" % (
            r["fast"], r["slow"], r["sharpe"], 100 * r["total_return"], r["run"]))
    best = max(results, key=lambda r: r["sharpe"])
    print("best: run %s (btsnap show %s)" % (best["run"], best["run"]))


if __name__ == "__main__":
    main()
