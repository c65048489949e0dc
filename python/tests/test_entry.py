"""The one entry rule, from real processes: each way of finding the entry, checked against the
command line's or the driver's own capture of the same code."""

from __future__ import annotations

import json
import textwrap

from conftest import btsnap, python

REPORT = """
def report(run):
    return {"manifest": run.manifest, "entry": run.entry,
            "how": [f["reason"] for f in run.files if f["path"] == run.entry]}
"""


def test_btsnap_entry_gives_the_manifest_the_command_gives_for_that_file(store, project, cli):
    (project / "runner.py").write_text("import json, btsnap\n" + REPORT
                                       + "print(json.dumps(report(btsnap.capture(mode='imports'))))\n")
    out = json.loads(python(["runner.py"], cwd=project, env={"BTSNAP_ENTRY": "rsi_bb_strategy.py"}).stdout)
    by_cli = json.loads(btsnap(cli, store, "capture", "--json", "--mode", "imports",
                               str(project / "rsi_bb_strategy.py")).stdout)
    assert out["manifest"] == by_cli["manifest"]
    assert out["entry"] == "rsi_bb_strategy.py" and out["how"] == ["entry point ($BTSNAP_ENTRY)"]


def test_a_worker_whose_driver_never_imported_btsnap_takes_the_outermost_project_frame(store, project):
    # The driver imports btsnap only inside the task, so no driver record reaches the workers:
    # the task's function keeps its file (co_filename) when joblib pickles it by value.
    (project / "lazy_grid.py").write_text(textwrap.dedent("""
        import json
        from joblib import Parallel, delayed
        from rsi_bb_strategy import backtest

        def one(period):
            import btsnap
            run = btsnap.capture(params={"rsi_period": period}, mode="imports")
            return {"manifest": run.manifest, "entry": run.entry,
                    "how": [f["reason"] for f in run.files if f["path"] == run.entry]}

        if __name__ == "__main__":
            print(json.dumps(Parallel(n_jobs=2)(delayed(one)(p) for p in range(3))))
    """))
    workers = json.loads(python(["lazy_grid.py"], cwd=project).stdout)
    driver = json.loads(python(["-c", "import btsnap, json; print(json.dumps(btsnap.capture(entry='lazy_grid.py',"
                                      " mode='imports').manifest))"], cwd=project).stdout)
    for worker in workers:
        assert worker["manifest"] == driver
        assert worker["entry"] == "lazy_grid.py"
        assert worker["how"] == ["entry point (outermost project file on the calling stack)"]


def test_no_project_code_is_one_line_and_stores_nothing(store, tmp_path, cli):
    empty = tmp_path / "nowhere"
    empty.mkdir()
    done = python(["-c", textwrap.dedent("""
        import btsnap
        try:
            btsnap.capture(params={"a": 1})
        except btsnap.BtsnapError as e:
            print(e.code, e)
    """)], cwd=empty)
    assert done.stdout == "1 entry point not detected: no project code runs in this process; name it with" \
        " btsnap.capture(entry=...) or $BTSNAP_ENTRY, or list files in strategy.yaml\n"
    assert json.loads(btsnap(cli, store, "ls", "--json").stdout) == []


def test_a_subprocess_running_a_script_of_its_own_is_not_a_worker(store, project):
    # It inherits its parent's driver record, but its own main is project code: that is its entry.
    (project / "child.py").write_text("import json, btsnap\n" + REPORT + "print(json.dumps(report(btsnap.capture())))\n")
    (project / "parent.py").write_text(textwrap.dedent("""
        import subprocess, sys
        import btsnap
        print(subprocess.run([sys.executable, "child.py"], capture_output=True, text=True, check=True).stdout)
    """))
    out = json.loads(python(["parent.py"], cwd=project).stdout)
    assert out["entry"] == "child.py" and out["how"] == ["entry point (python client: __main__)"]
