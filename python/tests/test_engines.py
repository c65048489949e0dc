"""The bundled engine examples, run for real: every worker's run must name the code the driver's
own capture of the same script names (its manifest), not merely agree with the other workers."""

from __future__ import annotations

import json
import textwrap

import pytest

from conftest import btsnap, engine, python


def driver_capture(cli, store, project, script, mode="imports"):
    """The reference: the command line's capture of the driver script, in a process of its own."""
    return json.loads(btsnap(cli, store, "capture", "--json", "--mode", mode, str(project / script)).stdout)


def assert_runs_name_the_driver(cli, store, project, script, run_ids):
    reference = driver_capture(cli, store, project, script)
    assert reference["entry"] == script
    for run_id in run_ids:
        shown = json.loads(btsnap(cli, store, "show", "--json", run_id).stdout)
        assert shown["manifest"] == reference["manifest"], shown
        assert shown["entry"] == script and shown["root"] == str(project.resolve())
        assert all("site-packages" not in f["path"] for f in shown["files"])
    return reference


def test_joblib_workers_capture_the_driver_script_and_its_imports(store, project, cli):
    engine("joblib")
    runs = json.loads(python(["joblib_sweep.py", "--quick", "--json", "--jobs", "2"], cwd=project).stdout)
    assert len(runs) == 4
    reference = assert_runs_name_the_driver(cli, store, project, "joblib_sweep.py", [r["run"] for r in runs])
    assert {f["path"] for f in reference["files"]} >= {"joblib_sweep.py", "rsi_bb_strategy.py", "utils/risk.py"}


def test_dask_process_scheduler_workers_capture_the_driver_script(store, project, cli):
    engine("dask")
    runs = json.loads(python(["dask_sweep.py", "--quick", "--json", "--workers", "2"], cwd=project).stdout)
    assert len(runs) == 4
    assert_runs_name_the_driver(cli, store, project, "dask_sweep.py", [r["run"] for r in runs])


def test_dask_local_cluster_workers_capture_the_driver_script(store, project, cli):
    engine("dask")
    try:
        import distributed  # noqa: F401
    except ImportError:
        pytest.skip("dask's distributed is not installable here, so LocalCluster and `dask worker` can't run")
    runs = json.loads(python(["dask_sweep.py", "--quick", "--json", "--cluster"], cwd=project, timeout=300).stdout)
    assert_runs_name_the_driver(cli, store, project, "dask_sweep.py", [r["run"] for r in runs])


def test_optuna_trials_on_threads_keep_their_run_as_a_user_attribute(store, project, cli):
    engine("optuna")
    trials = json.loads(python(["optuna_study.py", "--trials", "6", "--jobs", "2", "--json"], cwd=project).stdout)
    assert len(trials) == 6 and all(t["run"] for t in trials)
    assert_runs_name_the_driver(cli, store, project, "optuna_study.py", [t["run"] for t in trials])
    for trial in trials:
        shown = json.loads(btsnap(cli, store, "show", "--json", trial["run"]).stdout)
        assert shown["params"] == {k: str(v) for k, v in trial["params"].items()}
        assert shown["labels"] == {"trial": str(trial["number"]), "sweep": "optuna"}
        assert shown["metrics"]["sharpe"] == pytest.approx(trial["value"])


@pytest.mark.parametrize("mode", ["entry", "files"])
def test_dask_process_workers_record_the_drivers_code_in_each_mode(store, project, cli, mode):
    engine("dask")
    (project / "strategy.yaml").write_text("files:\n  - dask_modes.py\n  - rsi_bb_strategy.py\n  - utils/*.py\n")
    (project / "dask_modes.py").write_text(textwrap.dedent("""
        import json, sys
        import btsnap, dask

        @dask.delayed
        def one(i):
            return btsnap.capture(params={"i": i}, mode=sys.argv[1]).manifest

        if __name__ == "__main__":
            print(json.dumps(list(dask.compute(*[one(i) for i in range(4)], scheduler="processes", num_workers=2))))
    """))
    manifests = json.loads(python(["dask_modes.py", mode], cwd=project).stdout)
    reference = driver_capture(cli, store, project, "dask_modes.py", mode)
    assert manifests == [reference["manifest"]] * 4
