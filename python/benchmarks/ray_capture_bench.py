#!/usr/bin/env python3
"""Capture cost from Ray tasks, side by side with a plain script, through the same warm service.

    python3 python/benchmarks/ray_capture_bench.py [--captures 400]

A fresh store under a temporary folder and a copy of examples/ray_sweep as the project (imports
mode: 3 files). A plain script warms the service and makes N captures; then a Ray local cluster
of 2 CPUs (so 2 worker processes) runs N tasks that each capture once. Every figure is measured
in the capturing process, around ``btsnap.capture`` alone. A worker's first capture also reads
Ray's job table and opens its connection: shown on its own line, left out of the median and p99.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SRC = REPO / "python" / "src"
LAUNCHER = REPO / "btsnap"

PLAIN = textwrap.dedent("""
    import json, sys, time
    import btsnap
    import strategy
    count = int(sys.argv[1])
    for i in range(20):
        btsnap.capture(params={"warm-up": i}, mode="imports")  # service start, connection, JIT
    times = []
    for i in range(count):
        t0 = time.perf_counter()
        btsnap.capture(params={"i": i}, mode="imports")
        times.append(time.perf_counter() - t0)
    print(json.dumps({"times": times}))
""")

ON_RAY = textwrap.dedent("""
    import json, os, sys, time
    import btsnap
    import ray
    import strategy

    @ray.remote
    def backtest(i):
        first = not hasattr(sys, "_bench_captured")  # this worker's first capture
        sys._bench_captured = True
        t0 = time.perf_counter()
        run = btsnap.capture(params={"i": i}, mode="imports")
        return {"seconds": time.perf_counter() - t0, "pid": os.getpid(), "entry": run.entry, "first": first}

    count = int(sys.argv[1])
    ray.init(num_cpus=2, include_dashboard=False)
    results = ray.get([backtest.remote(i) for i in range(count)])
    ray.shutdown()
    print(json.dumps(results))
""")


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def run(script: str, project: Path, env, *args) -> str:
    done = subprocess.run([sys.executable, script, *args], cwd=project, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit("%s failed:\n%s" % (script, done.stderr[-3000:]))
    return done.stdout.strip().splitlines()[-1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--captures", type=int, default=400, help="captures per side (default 400)")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="btsnap-ray-bench-"))
    store = work / "store"
    project = work / "ray_sweep"
    shutil.copytree(REPO / "examples" / "ray_sweep", project, ignore=shutil.ignore_patterns("__pycache__"))
    (project / "plain.py").write_text(PLAIN)
    (project / "on_ray.py").write_text(ON_RAY)
    env = {k: v for k, v in os.environ.items() if k not in ("BTSNAP_ENTRY", "BTSNAP_DRIVER")}
    env.update(PYTHONPATH=str(SRC), BTSNAP=os.environ.get("BTSNAP", str(LAUNCHER)), BTSNAP_HOME=str(store),
               RAY_USAGE_STATS_ENABLED="0")
    try:
        plain = json.loads(run("plain.py", project, env, str(args.captures)))["times"]
        tasks = json.loads(run("on_ray.py", project, env, str(args.captures)))
        entries = {t["entry"] for t in tasks}
        if entries != {"on_ray.py"}:
            sys.exit("the tasks' runs name %s, not the driver on_ray.py" % sorted(entries))
        on_ray = [t["seconds"] for t in tasks if not t["first"]]
        firsts = [t["seconds"] * 1000 for t in tasks if t["first"]]
        print("captures per side: %d, imports mode, 3 files; one warm service for the store" % args.captures)
        print("%-34s %10s %10s %10s" % ("", "median", "p99", "max"))
        for name, times in (("plain script (1 process)", plain), ("Ray tasks (2 workers)", on_ray)):
            ms = [t * 1000 for t in times]
            print("%-34s %8.2f ms %8.2f ms %8.2f ms" % (name, statistics.median(ms), percentile(ms, 99), max(ms)))
        print("Ray worker processes: %d; their first captures (job table, connection): %s ms"
              % (len({t["pid"] for t in tasks}), ", ".join("%.1f" % f for f in sorted(firsts))))
    finally:
        subprocess.run([env["BTSNAP"], "--store", str(store), "serve", "--stop"], capture_output=True)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
