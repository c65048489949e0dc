"""Captures through the client from real Python processes, checked against the store."""

from __future__ import annotations

import json
import sys
import textwrap

import pytest

from conftest import btsnap, engine, python

CAPTURE = textwrap.dedent("""
    import json, sys
    import btsnap
    run = btsnap.capture(params={"rsi_period": 14, "bb_std": 2.0}, labels={"sweep": "t"}, mode=sys.argv[1])
    print(json.dumps({"id": run.id, "manifest": run.manifest, "files": sorted(f["path"] for f in run.files),
                      "params": run.params, "warnings": run.warnings}))
""")


def test_a_script_captures_itself_and_its_imports_with_the_manifest_the_cli_gives(store, project, cli):
    (project / "run_capture.py").write_text("from rsi_bb_strategy import backtest\n" + CAPTURE)
    out = json.loads(python(["run_capture.py", "imports"], cwd=project).stdout)

    assert out["params"] == {"rsi_period": "14", "bb_std": "2.0"}
    assert "run_capture.py" in out["files"] and "utils/risk.py" in out["files"] and "rsi_bb_strategy.py" in out["files"]
    shown = json.loads(btsnap(cli, store, "show", "--json", out["id"]).stdout)
    assert shown["manifest"] == out["manifest"]
    assert shown["labels"] == {"sweep": "t"}
    # The same code captured by the command line is the same manifest.
    status = json.loads(btsnap(cli, store, "serve", "--status", "--json").stdout)
    assert status["captures"] == 1, "the client captured through the service"
    by_cli = json.loads(btsnap(cli, store, "capture", "--json", "--mode", "imports", str(project / "run_capture.py")).stdout)
    assert by_cli["manifest"] == out["manifest"]
    status = json.loads(btsnap(cli, store, "serve", "--status", "--json").stdout)
    assert status["captures"] == 2, "the command forwarded its capture to the warm service"


def test_dash_m_resolves_imports_from_the_working_folder(store, tmp_path):
    top = tmp_path / "work"
    (top / "strategies").mkdir(parents=True)
    (top / "lib").mkdir()
    (top / "strategies" / "__init__.py").write_text("")
    (top / "lib" / "__init__.py").write_text("")
    (top / "lib" / "costs.py").write_text("FEE = 0.001\n")
    (top / "strategies" / "mean_rev.py").write_text("from lib.costs import FEE\n" + CAPTURE.replace("sys.argv[1]", '"imports"'))
    out = json.loads(python(["-m", "strategies.mean_rev"], cwd=top).stdout)
    assert out["files"] == ["lib/__init__.py", "lib/costs.py", "strategies/__init__.py", "strategies/mean_rev.py"]
    assert out["warnings"] == []


@pytest.mark.parametrize("method", ["spawn", "forkserver", "fork"])
def test_pool_workers_find_the_script_their_parent_ran(store, project, method):
    (project / "pool_grid.py").write_text(textwrap.dedent("""
        import json, multiprocessing, sys
        import btsnap
        from rsi_bb_strategy import backtest

        def one(period):
            return btsnap.capture(params={"rsi_period": period}, mode="imports").manifest

        if __name__ == "__main__":
            with multiprocessing.get_context(sys.argv[1]).Pool(3) as pool:
                print(json.dumps(pool.map(one, range(9))))
    """))
    manifests = json.loads(python(["pool_grid.py", method], cwd=project).stdout)
    assert len(manifests) == 9 and len(set(manifests)) == 1
    direct = json.loads(python(["-c", "import btsnap, json; print(json.dumps(btsnap.capture(entry='pool_grid.py', mode='imports').manifest))"],
                               cwd=project).stdout)
    assert manifests[0] == direct


@pytest.mark.parametrize("mode", ["entry", "imports", "files"])
def test_joblib_loky_workers_record_what_the_driver_records(store, project, mode):
    engine("joblib")
    if mode == "files":
        (project / "strategy.yaml").write_text("files:\n  - loky_grid.py\n  - rsi_bb_strategy.py\n  - utils/*.py\n")
    (project / "loky_grid.py").write_text(textwrap.dedent("""
        import json, sys
        import btsnap
        from joblib import Parallel, delayed
        from rsi_bb_strategy import backtest

        def one(period):
            run = btsnap.capture(params={"rsi_period": period}, mode=sys.argv[1])
            return {"manifest": run.manifest, "entry": run.entry, "root": run.root,
                    "how": [f["reason"] for f in run.files if f["path"] == run.entry]}

        if __name__ == "__main__":
            driver = btsnap.capture(params={"driver": 1}, mode=sys.argv[1])
            workers = Parallel(n_jobs=2)(delayed(one)(p) for p in range(4))
            print(json.dumps({"driver": driver.manifest, "root": driver.root, "workers": workers}))
    """))
    out = json.loads(python(["loky_grid.py", mode], cwd=project).stdout)
    assert len(out["workers"]) == 4
    for worker in out["workers"]:
        assert worker["manifest"] == out["driver"], worker
        assert worker["entry"] == "loky_grid.py" and worker["root"] == out["root"]
        assert worker["how"] == ["entry point (driver script (python client: __main__))" if mode != "files"
                                 else "listed in strategy.yaml:2"]


def test_errors_raise_btsnap_error_with_the_one_line_message(store, project):
    done = python(["-c", textwrap.dedent("""
        import btsnap
        for kwargs in ({"entry": "missing.py"}, {"params": {"a=b": 1}}, {"mode": "everything"}):
            try:
                btsnap.capture(**kwargs)
            except btsnap.BtsnapError as e:
                print(e.code, e)
    """)], cwd=project)
    lines = done.stdout.splitlines()
    assert lines[0].startswith("1 entry not found: ") and lines[0].endswith("missing.py")
    assert lines[1] == "2 params key must be a non-empty string without '=': 'a=b'"
    assert lines[2].startswith("2 unknown capture mode 'everything'")


def test_show_runs_and_restore_read_back_what_was_captured(store, project, tmp_path):
    (project / "round_trip.py").write_text(textwrap.dedent("""
        import json, sys
        import btsnap
        from rsi_bb_strategy import backtest
        a = btsnap.capture(params={"p": 1}, labels={"sweep": "x"}, mode="imports")
        btsnap.capture(params={"p": 2}, labels={"sweep": "y"}, mode="imports")
        shown = btsnap.show(a.id)
        in_x = btsnap.runs(label="sweep=x")
        btsnap.restore(a.id, sys.argv[1])
        print(json.dumps({"shown": shown["params"], "in_x": [r["id"] for r in in_x], "a": a.id}))
    """))
    dest = tmp_path / "restored"
    out = json.loads(python(["round_trip.py", str(dest)], cwd=project).stdout)
    assert out["shown"] == {"p": "1"}
    assert out["in_x"] == [out["a"]]
    assert (dest / "round_trip.py").read_text() == (project / "round_trip.py").read_text()
    assert (dest / "utils" / "risk.py").read_text() == (project / "utils" / "risk.py").read_text()


def test_a_capture_too_large_for_the_service_goes_through_the_cli(store, cli, tmp_path):
    top = tmp_path / "big"
    top.mkdir()
    (top / "strategy.yaml").write_text("files:\n  - main.py\n  - prices.csv\n")
    (top / "prices.csv").write_bytes(b"1.0,2.0\n" * (5 << 20))  # 40 MiB, listed exactly
    (top / "main.py").write_text(textwrap.dedent("""
        import json, warnings
        import btsnap
        btsnap.capture(params={"warm": 1}, mode="entry")  # the service runs
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            run = btsnap.capture(params={"big": 1})
        print(json.dumps({"id": run.id, "files": sorted(f["path"] for f in run.files),
                          "warnings": [str(w.message) for w in caught]}))
    """))
    out = json.loads(python(["main.py"], cwd=top).stdout)
    assert out["files"] == ["main.py", "prices.csv"]
    assert out["warnings"] == []
    assert btsnap(cli, store, "cat", out["id"], "prices.csv").stdout.count("\n") == 5 << 20
    assert json.loads(btsnap(cli, store, "serve", "--status", "--json").stdout)["captures"] == 1
