#!/usr/bin/env python3
"""Reading results back from Python: btsnap.runs() (paged through the warm service) and
Runs.to_pandas() over a store of N runs of a grid, each with params, a label and metrics.

    python3 python/benchmarks/results_bench.py [--runs 10000] [--repeat 5]

Uses the launcher of this tree and the client from python/src, a fresh store under a temporary
folder and a copy of examples/rsi_bb as the project. Prints medians over the repeats.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]

SCRIPT = textwrap.dedent("""
    import json, statistics, sys, time
    import btsnap
    n, repeat = int(sys.argv[1]), int(sys.argv[2])
    for i in range(n):
        run = btsnap.capture(params={"rsi_period": 10 + i % 20, "bb_std": 1.5 + (i // 20) % 4 * 0.5, "i": i},
                             sweep="bench", mode="imports")
        run.annotate(sharpe=(i % 97) / 50 - 1, max_dd=-(i % 13) / 100)
    listing, table = [], []
    for _ in range(repeat):
        t0 = time.perf_counter()
        runs = btsnap.runs(sweep="bench")
        t1 = time.perf_counter()
        frame = runs.to_pandas()
        t2 = time.perf_counter()
        listing.append(t1 - t0)
        table.append(t2 - t1)
    print(json.dumps({"runs": len(runs), "rows": len(frame), "columns": len(frame.columns),
                      "runs_s": statistics.median(listing), "to_pandas_s": statistics.median(table)}))
""")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="btsnap-results-bench-"))
    try:
        project = work / "rsi_bb"
        shutil.copytree(REPO / "examples" / "rsi_bb", project, ignore=shutil.ignore_patterns("__pycache__"))
        (project / "bench.py").write_text("from rsi_bb_strategy import backtest\n" + SCRIPT)
        env = dict(os.environ, PYTHONPATH=str(REPO / "python" / "src"), BTSNAP=str(REPO / "btsnap"),
                   BTSNAP_HOME=str(work / "store"))
        done = subprocess.run([sys.executable, "bench.py", str(args.runs), str(args.repeat)], cwd=project, env=env,
                              capture_output=True, text=True)
        subprocess.run([str(REPO / "btsnap"), "--store", str(work / "store"), "serve", "--stop"], capture_output=True)
        if done.returncode != 0:
            print(done.stderr, file=sys.stderr)
            return 1
        out = json.loads(done.stdout)
        print("%d runs: btsnap.runs() %.0f ms, to_pandas() %.0f ms (%d rows x %d columns), medians of %d"
              % (out["runs"], out["runs_s"] * 1000, out["to_pandas_s"] * 1000, out["rows"], out["columns"], args.repeat))
        return 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
