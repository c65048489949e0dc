"""Captures from Ray tasks and actors record the driver's code: through one real local Ray
cluster (two CPUs), started by a driver script after it imported btsnap, which other drivers
then join. Every worker's run is checked against the driver's own capture of the same code."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading

import pytest

import ray_project
from conftest import SRC, btsnap

if os.environ.get("CI") == "true":
    import ray  # noqa: F401  (in CI a missing Ray fails these tests rather than skipping them)
else:
    pytest.importorskip("ray")

FOREIGN = ("_ray_pkg_", "runtime_resources", "site-packages", "default_worker", sys.prefix, sys.base_prefix)


@pytest.fixture(scope="module")
def cluster(tmp_path_factory, cli):
    """Runs sweep.py, which starts the cluster, captures from its workers and stays up until the
    module's tests are done; yields its results, the project, the store and the cluster's address."""
    base = tmp_path_factory.mktemp("ray")
    project = ray_project.make(base / "proj")
    store = base / "store"
    env = {k: v for k, v in os.environ.items() if k not in ("BTSNAP_ENTRY", "BTSNAP_DRIVER", "XDG_RUNTIME_DIR", "RAY_ADDRESS")}
    env.update(PYTHONPATH=str(SRC), BTSNAP=cli, BTSNAP_HOME=str(store), RAY_USAGE_STATS_ENABLED="0")
    log = open(base / "sweep.log", "w")
    driver = subprocess.Popen([sys.executable, "sweep.py"], cwd=project, env=env, stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, stderr=log, text=True)
    timer = threading.Timer(600, driver.kill)  # a hung cluster must not hang the suite
    timer.start()
    try:
        lines = {}
        while len(lines) < 2:
            line = driver.stdout.readline()
            if not line:
                pytest.fail("sweep.py ended (%s) before its results: see %s" % (driver.poll(), base / "sweep.log"))
            key, _, value = line.rstrip("\n").partition(" ")
            if key in ("RESULT", "ADDRESS"):
                lines[key] = value
        yield {"results": json.loads(lines["RESULT"]), "project": project, "store": store, "env": env,
               "address": lines["ADDRESS"]}
    finally:
        try:
            driver.communicate("quit\n", timeout=120)
        except subprocess.TimeoutExpired:
            driver.kill()
        timer.cancel()
        log.close()
        subprocess.run([cli, "--store", str(store), "serve", "--stop"], capture_output=True)


def _join(cluster, *args):
    """Runs ``python ARGS --join`` as another driver on the cluster; returns its results."""
    env = dict(cluster["env"], RAY_ADDRESS=cluster["address"])
    done = subprocess.run([sys.executable, *args, "--join"], cwd=cluster["project"], env=env,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    line = next(l for l in done.stdout.splitlines() if l.startswith("RESULT "))
    return json.loads(line[len("RESULT "):])


@pytest.fixture(scope="module")
def late(cluster):
    """late.py on the running cluster: ray.init() before import btsnap."""
    return _join(cluster, "late.py")


def _check_like_driver(results, group, entry):
    """Every run of ``group`` has the manifest of the driver's capture in its mode, the driver's
    entry and root, no warning, and no path of the interpreter, site-packages or Ray's copies."""
    driver = results["driver"]
    runs = results[group]
    assert sorted(r["mode"] for r in runs) == sorted(list(ray_project.MODES) * 2)
    for run in runs:
        mode = run["mode"]
        assert run["pid"] != driver[mode]["pid"], "ran in the driver, not a worker"
        assert run["manifest"] == driver[mode]["manifest"], (group, mode, run["files"], driver[mode]["files"])
        assert run["entry"] == entry, (group, mode)
        assert run["root"] == driver[mode]["root"]
        git = {k: v for k, v in run["environment"].items() if k.startswith("git.")}
        assert git == {k: v for k, v in driver[mode]["environment"].items() if k.startswith("git.")} and git, git
        assert run["warnings"] == [] and run["caught"] == [], (group, mode, run["warnings"], run["caught"])
        recorded = json.dumps({k: v for k, v in run.items() if k not in ("pid", "cwd", "inherited", "caught")})
        for foreign in FOREIGN:
            assert foreign not in recorded, (group, mode, foreign, recorded)
    reasons = {f["reason"] for r in runs if r["mode"] != "files" for f in r["files"] if f["path"] == entry}
    return reasons


def test_a_task_defined_in_the_driver_script_records_the_drivers_code(cluster):
    reasons = _check_like_driver(cluster["results"], "script_task", "sweep.py")
    assert reasons == {"entry point (ray driver (recorded on import btsnap))"}


def test_a_task_defined_in_a_project_module_records_the_drivers_code(cluster):
    _check_like_driver(cluster["results"], "module_task", "sweep.py")


def test_an_actors_method_records_the_drivers_code(cluster):
    runs = cluster["results"]["actor"]
    assert len({r["pid"] for r in runs}) == 1  # one actor, one process, every mode
    _check_like_driver(cluster["results"], "actor", "sweep.py")


def test_every_mode_takes_what_the_drivers_capture_takes(cluster):
    driver = cluster["results"]["driver"]
    paths = {m: [f["path"] for f in driver[m]["files"]] for m in ray_project.MODES}
    assert paths["entry"] == ["sweep.py"]
    assert {"sweep.py", "tasks.py", "rsi_bb_strategy.py", "indicators/rsi.py"} <= set(paths["imports"])
    assert "params.json" in paths["files"] and "late.py" in paths["files"]
    # strategy.yaml's files join the imports too: only entry mode is the main file alone.
    assert set(paths["files"]) <= set(paths["imports"]) and driver["entry"]["manifest"] != driver["imports"]["manifest"]


def test_working_dir_tasks_read_rays_copy_but_record_the_project_as_the_driver_sees_it(cluster):
    # sweep.py again, joining with its folder as the job's working_dir: the workers' inherited
    # record names this very script, so it is used, mapped into Ray's copy.
    results = _join(cluster, "sweep.py", "--working-dir")
    for group in ("script_task", "module_task", "actor"):
        assert all("_ray_pkg_" in r["cwd"] for r in results[group]), "the task did not run in Ray's copy"
        reasons = _check_like_driver(results, group, "sweep.py")
        assert reasons == {"entry point (ray driver (recorded on import btsnap))"}
    # The example's scripts are executable: Ray's copy keeps the bit, and so does the manifest.
    imports = next(r for r in results["module_task"] if r["mode"] == "imports")
    files = {f["path"]: f["executable"] for f in imports["files"]}
    assert files["rsi_bb_strategy.py"] is True
    assert results["driver"]["entry"]["root"] == str(cluster["project"].resolve())


def test_a_driver_that_imports_btsnap_after_ray_init_is_found_in_the_job_table(late):
    # Its workers inherited the record of sweep.py, which started the cluster: not this job's.
    assert all("sweep.py" in r["inherited"] for r in late["module_task"])
    for group in ("script_task", "module_task"):
        reasons = _check_like_driver(late, group, "late.py")
        assert reasons == {"entry point (ray driver (job entrypoint))"}


def test_a_driver_run_as_a_module_is_found_in_the_job_table(cluster):
    results = _join(cluster, "-m", "late")
    for group in ("script_task", "module_task"):
        reasons = _check_like_driver(results, group, "late.py")
        assert reasons == {"entry point (ray driver (job entrypoint))"}
    driver_reason = {f["reason"] for f in results["driver"]["entry"]["files"]}
    assert driver_reason == {"entry point (python client: -m late)"}


def test_a_job_wide_working_dir_without_the_drivers_record_still_names_the_driver_folder(cluster):
    results = _join(cluster, "late.py", "--working-dir")
    for group in ("script_task", "module_task"):
        assert all("_ray_pkg_" in r["cwd"] for r in results[group])
        reasons = _check_like_driver(results, group, "late.py")
        assert reasons == {"entry point (ray driver (job entrypoint))"}


def test_a_driver_without_a_script_never_gets_another_drivers_record(cluster):
    # The workers inherited sweep.py's record; this job's driver is `python -c`: the capture
    # falls to the outermost project file of the task, the module that defines it.
    code = ("import json, os, ray; ray.init(address=os.environ['RAY_ADDRESS']); import tasks;"
            " print('RESULT ' + json.dumps(ray.get(tasks.in_module.remote('imports', 0)))); ray.shutdown()")
    env = dict(cluster["env"], RAY_ADDRESS=cluster["address"])
    done = subprocess.run([sys.executable, "-c", code], cwd=cluster["project"], env=env, capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    run = json.loads(next(l for l in done.stdout.splitlines() if l.startswith("RESULT "))[len("RESULT "):])
    assert "sweep.py" in run["inherited"]
    assert run["entry"] == "tasks.py"
    assert {f["reason"] for f in run["files"] if f["path"] == "tasks.py"} == {
        "entry point (outermost project file on the calling stack)"}


KILLED_ACTOR = """
import json, os, time, ray, btsnap

@ray.remote
class Backtester:
    def run(self, count):
        failed = []
        for i in range(count):
            try:
                btsnap.capture(entry="tasks.py", params={"i": i})
            except btsnap.BtsnapError as e:
                failed.append(str(e))
        return failed

# The cluster's workers have the environment of the driver that started it: this job's store goes along.
ray.init(address=os.environ["RAY_ADDRESS"], runtime_env={"env_vars": {"BTSNAP_HOME": os.environ["BTSNAP_HOME"]}})
first, second = Backtester.remote(), Backtester.remote()
ray.get(first.run.remote(1))  # the first actor's capture starts the store's service
busy = second.run.remote(300)
time.sleep(0.3)
ray.kill(first)
print("RESULT " + json.dumps(ray.get(busy)))
ray.shutdown()
"""


def test_the_service_an_actor_started_outlives_the_actor(cluster, tmp_path):
    # Ray kills a worker's children when it stops the worker: the service must not be one.
    store = tmp_path / "store"
    env = dict(cluster["env"], RAY_ADDRESS=cluster["address"], BTSNAP_HOME=str(store))
    done = subprocess.run([sys.executable, "-c", KILLED_ACTOR], cwd=cluster["project"], env=env, capture_output=True,
                          text=True, timeout=300)
    try:
        assert done.returncode == 0, done.stderr[-3000:]
        failed = json.loads(next(l for l in done.stdout.splitlines() if l.startswith("RESULT "))[len("RESULT "):])
        assert failed == []
        status = json.loads(btsnap(cluster["env"]["BTSNAP"], store, "serve", "--status", "--json").stdout)
        assert status["captures"] == 301
    finally:
        subprocess.run([cluster["env"]["BTSNAP"], "--store", str(store), "serve", "--stop"], capture_output=True)


MAPPING = """
import json, os, sys
from btsnap import _ray
base = sys.argv[1]
copy = os.path.join(base, "session", "runtime_resources", "working_dir_files", "_ray_pkg_ab12")
for folder in (os.path.join(base, "proj", "strategies"), os.path.join(copy, "strategies")):
    os.makedirs(folder)
    for name in ("pyproject.toml", os.path.join("strategies", "sweep.py")):
        open(os.path.join(os.path.dirname(folder), name), "w").close()
driver = os.path.join(base, "proj", "strategies", "sweep.py")
out = {
    "launched": [_ray._launched(a.split()) for a in (
        "/usr/bin/python3 -u -X dev sweep.py --grid 3", "python3.11 -m pkg.sweep x", "python -c pass",
        "python", "/opt/bin/ray_sweep.py a", "ipython sweep.py", "python3 -um pkg.sweep", "python -Wignore -X dev a.py",
        "python -W ignore -OO -- b.py")],
    "record": _ray._into_copy({"entry": driver, "sysPath0": os.path.dirname(driver), "how": "h"}, copy),
    "relative": _ray._into_copy({"entry": "strategies/sweep.py", "sysPath0": "strategies", "how": "h"}, copy),
    "absent": _ray._into_copy({"entry": "elsewhere/sweep.py", "sysPath0": "elsewhere", "how": "h"}, copy),
    "copy": copy, "driver": driver,
}
print(json.dumps(out))
"""


def test_the_driver_command_line_and_paths_map_into_rays_copy(tmp_path):
    done = subprocess.run([sys.executable, "-c", MAPPING, str(tmp_path)], env=dict(os.environ, PYTHONPATH=str(SRC)),
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert out["launched"] == [["script", "sweep.py"], ["module", "pkg.sweep"], None, None,
                               ["script", "/opt/bin/ray_sweep.py"], None, ["module", "pkg.sweep"],
                               ["script", "a.py"], ["script", "b.py"]]
    copy, proj = out["copy"], str(tmp_path / "proj")
    assert out["record"] == {"entry": copy + "/strategies/sweep.py", "sysPath0": copy + "/strategies", "how": "h",
                             "root": copy, "rootAs": proj}
    # Only a relative command line: the copy is read and recorded, never a guessed driver path.
    assert out["relative"] == {"entry": copy + "/strategies/sweep.py", "sysPath0": copy + "/strategies", "how": "h",
                               "root": copy}
    assert out["absent"] is None


def test_no_stored_run_names_a_copy_or_the_interpreter(cluster, late):
    runs = json.loads(btsnap(cluster["env"]["BTSNAP"], cluster["store"], "ls", "--json").stdout)
    assert len(runs) > 50
    assert {r["root"] for r in runs} == {str(cluster["project"].resolve())}
    assert {r["entry"] for r in runs} <= {"sweep.py", "late.py", "tasks.py"}


def test_the_btsnap_command_started_from_a_task_names_the_drivers_script(cluster):
    # Ray renames its workers ('ray::cli_capture'), so the command's walk of the process tree
    # ends there; the driver's record, which the task inherited, names the script.
    done = cluster["results"]["cli"]
    assert done["code"] == 0, done["stderr"]
    run = json.loads(done["stdout"])
    assert run["entry"] == "sweep.py", run["entry"]
    assert run["root"] == str(cluster["project"].resolve())
    assert run["manifest"] == cluster["results"]["driver"]["imports"]["manifest"]
