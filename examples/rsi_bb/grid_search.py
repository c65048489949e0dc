#!/usr/bin/env python3
"""Grid search over the RSI/Bollinger strategy, each backtest captured with btsnap.

Runs every (rsi_period, bb_std) pair, records each backtest's code and parameters with
`btsnap capture`, and stores the run id next to the result. btsnap finds this script as the
entry point by itself (it is the process that runs btsnap) and, in imports mode, captures it
with every local module it imports.

    python3 grid_search.py                 # full grid, store in $BTSNAP_HOME or ~/.btsnap
    python3 grid_search.py --store /tmp/s  # another store
    BTSNAP="java -jar /path/btsnap.jar" python3 grid_search.py   # another btsnap command
"""

import argparse
import json
import os
import shlex
import subprocess
import sys
from pathlib import Path

from rsi_bb_strategy import backtest, synthetic_prices
from utils.risk import RiskLimits
from utils.signals import SignalConfig

HERE = Path(__file__).resolve().parent


def btsnap_command():
    """The btsnap command: $BTSNAP, else the launcher of this repository, else btsnap on PATH."""
    if os.environ.get("BTSNAP"):
        return shlex.split(os.environ["BTSNAP"])
    launcher = HERE.parent.parent / "btsnap"
    return [str(launcher)] if launcher.exists() else ["btsnap"]


def capture(btsnap, store, params, labels):
    """Capture this backtest's code with its parameters; return the run id."""
    cmd = btsnap + (["--store", store] if store else []) + ["capture", "--mode", "imports"]
    for key, value in params.items():
        cmd += ["-p", f"{key}={value}"]
    for key, value in labels.items():
        cmd += ["-l", f"{key}={value}"]
    done = subprocess.run(cmd, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(done.stderr.strip() or f"btsnap exited with {done.returncode}")
    return done.stdout.strip()


def show(btsnap, store, run_id):
    """Read a run back: its parameters and the files that produced it."""
    cmd = btsnap + (["--store", store] if store else []) + ["show", run_id, "--json"]
    return json.loads(subprocess.run(cmd, capture_output=True, text=True, check=True).stdout)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", help="btsnap store folder (default: $BTSNAP_HOME or ~/.btsnap)")
    parser.add_argument("--quick", action="store_true", help="a 2x2 grid on a short price series")
    args = parser.parse_args(argv)

    btsnap = btsnap_command()
    periods = [10, 14] if args.quick else [10, 14, 20, 25, 30]
    stds = [2.0, 2.5] if args.quick else [1.5, 2.0, 2.5, 3.0]
    prices = synthetic_prices(500 if args.quick else 750)

    results = []
    for period in periods:
        for std in stds:
            stats = backtest(prices, SignalConfig(rsi_period=period, bb_std=std), RiskLimits())
            run_id = capture(btsnap, args.store, {"rsi_period": period, "bb_std": std}, {"grid": "rsi_bb"})
            results.append({"run": run_id, "rsi_period": period, "bb_std": std, **stats})
            print(f"rsi_period={period:<3} bb_std={std:<4} return={stats['return_pct']:+.2f}%  run {run_id}")

    best = max(results, key=lambda r: r["sharpe"])
    run = show(btsnap, args.store, best["run"])
    print()
    print(f"best: run {run['id']} params {run['params']} sharpe {best['sharpe']}")
    for f in run["files"]:
        print(f"  {f['hash'][:12]}  {f['path']:<28} {f['reason']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
