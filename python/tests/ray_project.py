"""The project the Ray tests run: the example strategy, a module of Ray tasks and an actor, and
drivers that capture the same code themselves and from their workers."""

from __future__ import annotations

import shutil
import subprocess
import textwrap
from pathlib import Path

from conftest import REPO

MODES = ("entry", "imports", "files")

STRATEGY_YAML = """\
files:
  - sweep.py
  - late.py
  - tasks.py
  - rsi_bb_strategy.py
  - indicators/*.py
  - utils/*.py
  - params.json
"""

TASKS = '''\
"""Ray tasks and an actor that run a backtest and capture its code."""

import os
import subprocess
import warnings

import btsnap
import ray

import rsi_bb_strategy


def capture_here(mode, params):
    prices = rsi_bb_strategy.synthetic_prices(bars=50)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        run = btsnap.capture(params=dict(params, last=round(prices[-1], 4)), mode=mode)
    found = dict(run)  # a Run is a mapping of the keys show --json prints
    found["caught"] = [str(w.message) for w in caught]
    found["pid"] = os.getpid()
    found["cwd"] = os.getcwd()
    found["inherited"] = os.environ.get("BTSNAP_DRIVER")
    return found


@ray.remote
def in_module(mode, i):
    return capture_here(mode, {"where": "module", "i": i})


@ray.remote
class Backtester:
    def run(self, mode, i):
        return capture_here(mode, {"where": "actor", "i": i})


@ray.remote
def cli_capture():
    done = subprocess.run([os.environ["BTSNAP"], "capture", "--json", "--mode", "imports"], capture_output=True,
                          text=True)
    return {"code": done.returncode, "stdout": done.stdout, "stderr": done.stderr, "cwd": os.getcwd()}
'''

SWEEP = '''\
"""A grid on Ray. Run plainly, it starts a local cluster after importing btsnap (its workers
inherit the driver's record), prints its captures and keeps the cluster up until told; with
--join it runs on that cluster, and with --working-dir ships this folder as the job's working_dir."""

import json
import os
import sys

import btsnap
import ray

import tasks

MODES = {modes!r}
JOIN = "--join" in sys.argv


@ray.remote
def in_script(mode, i):
    return tasks.capture_here(mode, {{"where": "script", "i": i}})


def grid(task):
    return ray.get([task.remote(m, i) for m in MODES for i in range(2)])


if __name__ == "__main__":
    runtime_env = {{"working_dir": os.path.dirname(os.path.abspath(__file__))}} if "--working-dir" in sys.argv else None
    if JOIN:
        ray.init(address=os.environ["RAY_ADDRESS"], runtime_env=runtime_env)
    else:
        ray.init(num_cpus=2, include_dashboard=False, runtime_env=runtime_env)
    out = {{"driver": {{m: tasks.capture_here(m, {{"where": "driver"}}) for m in MODES}}}}
    out["script_task"] = grid(in_script)
    out["module_task"] = grid(tasks.in_module)
    actor = tasks.Backtester.remote()
    out["actor"] = ray.get([actor.run.remote(m, i) for m in MODES for i in range(2)])
    if not JOIN:
        out["cli"] = ray.get(tasks.cli_capture.remote())
    print("RESULT " + json.dumps(out), flush=True)
    if not JOIN:
        print("ADDRESS " + ray.get_runtime_context().gcs_address, flush=True)
        sys.stdin.readline()
    ray.shutdown()
'''

LATE = '''\
"""A driver that joins a running cluster before importing btsnap: its workers have no record of
it (they inherited that of the driver that started the cluster), so Ray's job table names the
entry. With --working-dir it ships this folder as the job's working_dir."""

import json
import os
import sys

import ray

ray.init(address=os.environ["RAY_ADDRESS"], runtime_env={{"working_dir": "."}} if "--working-dir" in sys.argv else None)

import btsnap  # noqa: E402
import tasks  # noqa: E402

MODES = {modes!r}


@ray.remote
def in_script(mode, i):
    return tasks.capture_here(mode, {{"where": "late", "i": i}})


if __name__ == "__main__":
    out = {{"driver": {{m: tasks.capture_here(m, {{"where": "driver"}}) for m in MODES}}}}
    out["script_task"] = ray.get([in_script.remote(m, i) for m in MODES for i in range(2)])
    out["module_task"] = ray.get([tasks.in_module.remote(m, i) for m in MODES for i in range(2)])
    print("RESULT " + json.dumps(out), flush=True)
    ray.shutdown()
'''


def make(dest: Path) -> Path:
    """Writes the project into ``dest`` and returns it."""
    shutil.copytree(REPO / "examples" / "rsi_bb", dest, ignore=shutil.ignore_patterns("__pycache__"))
    (dest / "strategy.yaml").write_text(STRATEGY_YAML)
    (dest / "params.json").write_text('{"rsi_period": [7, 14], "bb_std": [2.0, 2.5]}\n')
    (dest / "tasks.py").write_text(TASKS)
    (dest / "sweep.py").write_text(textwrap.dedent(SWEEP.format(modes=MODES)))
    (dest / "late.py").write_text(textwrap.dedent(LATE.format(modes=MODES)))
    # A repository: Ray's working_dir leaves .git out, yet the runs record the driver's git state.
    for args in (["init", "-q"], ["add", "."], ["-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q",
                                                 "-m", "strategy"]):
        subprocess.run(["git", "-C", str(dest), *args], check=True, capture_output=True)
    return dest
