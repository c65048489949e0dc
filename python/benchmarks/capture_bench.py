#!/usr/bin/env python3
"""Capture cost from Python, side by side in one run: the client with a warm service, the first
capture of a session (service start included), the first 300 captures after the service started
and captures 1000-1300, the btsnap command once per capture, 8 clients
at once, a grid of 100 ms backtests with and without capture, and the idle service's memory.

    python3 python/benchmarks/capture_bench.py [--captures 1000]

Uses the launcher of this tree and the client from python/src; each part gets a fresh store
under a temporary folder, with a copy of examples/rsi_bb as the project (imports mode: 7 files).
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
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SRC = REPO / "python" / "src"
LAUNCHER = REPO / "btsnap"

WORKER = textwrap.dedent("""
    import json, sys, time
    import btsnap
    from rsi_bb_strategy import backtest
    start_at, count = float(sys.argv[1]), int(sys.argv[2])
    btsnap.capture(params={"warm-up": 1}, mode="imports")  # connect, read the environment once
    while time.time() < start_at:
        time.sleep(0.0005)
    ids = []
    t0 = time.perf_counter()
    for i in range(count):
        ids.append(btsnap.capture(params={"i": i}, mode="imports").id)
    print(json.dumps({"ids": ids, "seconds": time.perf_counter() - t0}))
""")

GRID = textwrap.dedent("""
    import json, sys, time
    import btsnap
    from rsi_bb_strategy import backtest
    capture, runs = sys.argv[1] == "1", int(sys.argv[2])
    def backtest_100ms():
        end = time.perf_counter() + 0.1
        x = 0
        while time.perf_counter() < end:
            x += 1
    t0 = time.perf_counter()
    for i in range(runs):
        backtest_100ms()
        if capture:
            btsnap.capture(params={"i": i}, mode="imports")
    print(time.perf_counter() - t0)
""")


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


class Bench:
    def __init__(self, work: Path):
        self.work = work
        self.project = work / "rsi_bb"
        shutil.copytree(REPO / "examples" / "rsi_bb", self.project, ignore=shutil.ignore_patterns("__pycache__"))
        (self.project / "worker.py").write_text(WORKER)
        (self.project / "grid.py").write_text(GRID)
        self.stores = 0

    def store(self) -> Path:
        self.stores += 1
        return self.work / ("store%d" % self.stores)

    def env(self, store: Path) -> dict:
        return dict(os.environ, PYTHONPATH=str(SRC), BTSNAP=str(LAUNCHER), BTSNAP_HOME=str(store))

    def btsnap(self, store: Path, *args) -> str:
        return subprocess.run([str(LAUNCHER), "--store", str(store), *args], check=True, capture_output=True,
                              text=True).stdout

    def python(self, store: Path, *args) -> str:
        return subprocess.run([sys.executable, *args], cwd=self.project, env=self.env(store), check=True,
                              capture_output=True, text=True).stdout

    def stop(self, store: Path) -> None:
        subprocess.run([str(LAUNCHER), "--store", str(store), "serve", "--stop"], capture_output=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--captures", type=int, default=1000)
    parser.add_argument("--no-jmh", action="store_true", help="skip the in-process JMH figure")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="btsnap-bench-") as tmp:
        b = Bench(Path(tmp))
        results = {}

        # 1. The first capture of a session: no service runs, the store exists.
        store = b.store()
        b.btsnap(store, "store", "init")
        firsts = []
        for _ in range(5):
            b.stop(store)
            out = b.python(store, "-c", "import time, btsnap\nt = time.perf_counter()\n"
                           "btsnap.capture(entry='rsi_bb_strategy.py', mode='imports')\nprint(time.perf_counter() - t)")
            firsts.append(float(out))
        results["first capture, service start included (median of 5), s"] = statistics.median(firsts)

        # 2. Warm: N captures from one process.
        out = b.python(store, "-c", textwrap.dedent("""
            import json, time, btsnap
            times = []
            for i in range(%d):
                t = time.perf_counter()
                btsnap.capture(params={"i": i}, entry="rsi_bb_strategy.py", mode="imports")
                times.append(time.perf_counter() - t)
            print(json.dumps(times))
        """ % args.captures))
        warm = json.loads(out)
        results["client, warm service: median ms"] = statistics.median(warm) * 1000
        results["client, warm service: p99 ms"] = percentile(warm, 99) * 1000

        # 2b. What a short sweep sees and what a long one settles to: a fresh service, then the
        # first 300 captures and captures 1000-1300 from one client.
        b.stop(store)
        out = b.python(store, "-c", textwrap.dedent("""
            import json, time, btsnap
            btsnap.capture(params={"start": 1}, entry="rsi_bb_strategy.py", mode="imports")  # starts the service
            times = []
            for i in range(1300):
                t = time.perf_counter()
                btsnap.capture(params={"i": i}, entry="rsi_bb_strategy.py", mode="imports")
                times.append(time.perf_counter() - t)
            print(json.dumps(times))
        """))
        fresh = json.loads(out)
        for name, window in (("captures 1-300 after start", fresh[:300]), ("captures 1000-1300", fresh[1000:1300])):
            results["client, %s: median ms" % name] = statistics.median(window) * 1000
            results["client, %s: p99 ms" % name] = percentile(window, 99) * 1000

        # 3. The btsnap command once per capture.
        cli = []
        for i in range(21):
            t = time.perf_counter()
            subprocess.run([str(LAUNCHER), "--store", str(store), "capture", "--mode", "imports", "-p", "i=%d" % i,
                            str(b.project / "rsi_bb_strategy.py")], check=True, capture_output=True)
            cli.append(time.perf_counter() - t)
        results["btsnap command per capture: median ms"] = statistics.median(cli) * 1000

        # 4. Idle service memory.
        pid = json.loads(b.btsnap(store, "serve", "--status", "--json"))["pid"]
        time.sleep(3)
        with open("/proc/%d/status" % pid) as f:
            rss = next(int(line.split()[1]) for line in f if line.startswith("VmRSS:"))
        results["idle service resident memory, MB"] = rss / 1024
        b.stop(store)

        # 5. One client, then 8 at once (the service warmed first in both).
        per_client = 125
        for clients in (1, 8):
            store = b.store()
            # A warm service in both cases: the JIT has compiled the capture path.
            b.python(store, "-c", "import btsnap\nfor i in range(300): btsnap.capture(entry='rsi_bb_strategy.py', mode='imports')")
            start_at = time.time() + 3.0
            procs = [subprocess.Popen([sys.executable, "worker.py", str(start_at), str(per_client)], cwd=b.project,
                                      env=b.env(store), stdout=subprocess.PIPE, text=True) for _ in range(clients)]
            outs = [json.loads(p.communicate()[0]) for p in procs]
            ids = [i for o in outs for i in o["ids"]]
            wall = max(o["seconds"] for o in outs)
            stored = len(json.loads(b.btsnap(store, "ls", "--json"))) - 300 - clients
            clean = json.loads(b.btsnap(store, "store", "verify", "--json"))["clean"]
            results["%d client(s) x %d: captures/s" % (clients, per_client)] = len(ids) / wall
            results["%d client(s) x %d: all stored, ids unique, verify clean" % (clients, per_client)] = (
                stored == len(ids) == len(set(ids)) and clean)
            b.stop(store)
        results["throughput 8 clients / 1 client"] = (results["8 client(s) x 125: captures/s"]
                                                      / results["1 client(s) x 125: captures/s"])

        # 6. A 40-run grid of 100 ms backtests, with and without capture, service warm.
        store = b.store()
        b.python(store, "-c", "import btsnap\nfor i in range(300): btsnap.capture(entry='rsi_bb_strategy.py', mode='imports')")
        without = [float(b.python(store, "grid.py", "0", "40")) for _ in range(3)]
        with_capture = [float(b.python(store, "grid.py", "1", "40")) for _ in range(3)]
        results["grid of 40 x 100 ms: s without capture (median of 3)"] = statistics.median(without)
        results["grid of 40 x 100 ms: s with capture (median of 3)"] = statistics.median(with_capture)
        results["grid of 40 x 100 ms: capture overhead %"] = (
            100 * (statistics.median(with_capture) / statistics.median(without) - 1))
        b.stop(store)

        # 7. In-process, the same capture through the library (JMH), for comparison.
        jar = REPO / "benchmarks" / "target" / "btsnap-benchmarks.jar"
        if not args.no_jmh and jar.exists():
            out = subprocess.run(["java", "-jar", str(jar), "CaptureBenchmark.captureUnchanged", "-f", "1", "-wi", "3",
                                  "-i", "5", "-rf", "json", "-rff", str(b.work / "jmh.json")],
                                 capture_output=True, text=True)
            if out.returncode == 0:
                score = json.loads((b.work / "jmh.json").read_text())[0]["primaryMetric"]
                unit = score["scoreUnit"]
                factor = {"us/op": 0.001, "ms/op": 1.0}.get(unit, 1.0)
                results["in-process JMH captureUnchanged (average): ms"] = score["score"] * factor

        width = max(len(k) for k in results)
        for key, value in results.items():
            shown = ("%.2f" % value) if isinstance(value, float) else str(value)
            print("%-*s  %s" % (width, key, shown))
    return 0


if __name__ == "__main__":
    sys.exit(main())
