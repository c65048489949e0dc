#!/usr/bin/env python3
"""Grid search over the RSI/Bollinger strategy, each backtest captured with btsnap.

Runs every (rsi_period, bb_std) pair and records each backtest's code and parameters with
btsnap, keeping the run id next to the result. With the Python client installed (`pip install
./python`), `btsnap.capture()` goes through btsnap's warm capture service: a few milliseconds
per capture. Without it, the script runs `btsnap capture` once per backtest (a few hundred
milliseconds). Either way btsnap finds this script as the entry point by itself and, in imports
mode, captures it with every local module it imports.

    python3 grid_search.py                 # full grid, store in $BTSNAP_HOME or ~/.btsnap
    python3 grid_search.py --store /tmp/s  # another store
    python3 grid_search.py --via cli       # the btsnap command even where the client is installed
    BTSNAP=/path/to/btsnap python3 grid_search.py   # another btsnap command
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

try:
    import btsnap as client
except ImportError:
    client = None


def btsnap_command():
    """The btsnap command: $BTSNAP, else the launcher of this repository, else btsnap on PATH."""
    if os.environ.get("BTSNAP"):
        return shlex.split(os.environ["BTSNAP"])
    launcher = HERE.parent.parent / "btsnap"
    return [str(launcher)] if launcher.exists() else ["btsnap"]


class CommandLineBtsnap:
    """Captures and reads runs by running the btsnap command: nothing to install."""

    def __init__(self, store):
        self.base = btsnap_command() + (["--store", store] if store else [])

    def _run(self, args):
        done = subprocess.run(self.base + args, capture_output=True, text=True)
        if done.returncode != 0:
            # btsnap's own one-line message, not a bare exit status
            sys.exit(done.stderr.strip() or f"btsnap exited with {done.returncode}")
        return done.stdout

    def capture(self, params, labels):
        args = ["capture", "--mode", "imports"]
        for key, value in params.items():
            args += ["-p", f"{key}={value}"]
        for key, value in labels.items():
            args += ["-l", f"{key}={value}"]
        return self._run(args).strip()

    def show(self, run_id):
        return json.loads(self._run(["show", run_id, "--json"]))


class ClientBtsnap:
    """Captures through the Python client and btsnap's warm capture service."""

    def __init__(self, store):
        self.store = store

    def capture(self, params, labels):
        try:
            return client.capture(params=params, labels=labels, mode="imports", store=self.store).id
        except client.BtsnapError as e:
            sys.exit(f"btsnap: {e}")

    def show(self, run_id):
        return client.show(run_id, store=self.store)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", help="btsnap store folder (default: $BTSNAP_HOME or ~/.btsnap)")
    parser.add_argument("--quick", action="store_true", help="a 2x2 grid on a short price series")
    parser.add_argument("--via", choices=["client", "cli"], default="client" if client else "cli",
                        help="capture through the Python client (default when installed) or the btsnap command")
    args = parser.parse_args(argv)

    if args.via == "client" and client is None:
        parser.error("the btsnap Python client is not installed: pip install ./python (or use --via cli)")
    btsnap = ClientBtsnap(args.store) if args.via == "client" else CommandLineBtsnap(args.store)
    periods = [10, 14] if args.quick else [10, 14, 20, 25, 30]
    stds = [2.0, 2.5] if args.quick else [1.5, 2.0, 2.5, 3.0]
    prices = synthetic_prices(500 if args.quick else 750)

    results = []
    for period in periods:
        for std in stds:
            stats = backtest(prices, SignalConfig(rsi_period=period, bb_std=std), RiskLimits())
            run_id = btsnap.capture({"rsi_period": period, "bb_std": std}, {"grid": "rsi_bb"})
            results.append({"run": run_id, "rsi_period": period, "bb_std": std, **stats})
            print(f"rsi_period={period:<3} bb_std={std:<4} return={stats['return_pct']:+.2f}%  run {run_id}")

    best = max(results, key=lambda r: r["sharpe"])
    run = btsnap.show(best["run"])
    print()
    print(f"best: run {run['id']} params {run['params']} sharpe {best['sharpe']}")
    for f in run["files"]:
        print(f"  {f['hash'][:12]}  {f['path']:<28} {f['reason']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
