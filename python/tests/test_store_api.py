"""Runs as data from Python: typed runs through the warm service, paged listings, a table."""

from __future__ import annotations

import json
import textwrap

from conftest import btsnap, engine, python


def test_runs_come_back_typed_newest_first_through_the_service_alone(store, project, cli):
    (project / "grid.py").write_text(textwrap.dedent("""
        import json, os
        import btsnap
        from rsi_bb_strategy import backtest
        ids = []
        for i in range(1205):  # more than one page of the service's listing
            run = btsnap.capture(params={"i": i, "std": 1.5 + i % 2}, sweep="g" if i % 3 else "h", mode="imports")
            ids.append(run.id)
        first = btsnap.show(ids[0])
        # From here on no btsnap process may start: every call must go through the warm service.
        os.environ["BTSNAP"] = "/nonexistent/btsnap"
        btsnap.annotate(ids[-1], sharpe=2.5)
        noted = btsnap.annotate(ids[-2], sharpe=0.5)
        labelled = noted.label(keep="yes")
        store = btsnap.Store()
        all_runs = store.runs()
        in_g = btsnap.runs(sweep="g")
        good = btsnap.runs(where="sharpe>1")
        kept = btsnap.runs(label={"keep": "yes"}, where=["sharpe<1"])
        run = store.run(ids[-1][-6:])
        print(json.dumps({
            "ids": ids, "listed": [r.id for r in all_runs], "in_g": len(in_g), "good": [r.id for r in good],
            "kept": [r["id"] for r in kept], "noted": [noted.metrics, labelled.labels, labelled.manifest == noted.manifest],
            "types": [type(all_runs).__name__, type(all_runs[0]).__name__],
            "mapping": [first["params"], first["entry"], sorted(first.keys())[:3]],
            "files": [f["path"] for f in all_runs[0].files][:2], "file_count": all_runs[0].file_count,
            "read": run.read("grid.py").decode(), "shown": run.id,
        }))
    """))
    out = json.loads(python(["grid.py"], cwd=project, timeout=300).stdout)
    assert out["listed"] == list(reversed(out["ids"]))
    assert out["in_g"] == sum(1 for i in range(1205) if i % 3)
    assert out["good"] == [out["ids"][-1]]
    assert out["kept"] == [out["ids"][-2]]
    assert out["noted"] == [{"sharpe": 0.5}, {"sweep": "h", "keep": "yes"}, True]
    assert out["types"] == ["Runs", "Run"]
    assert out["mapping"] == [{"i": "0", "std": "1.5"}, "grid.py", ["created", "entry", "environment"]]
    assert out["files"] == ["grid.py", "indicators/__init__.py"] and out["file_count"] == 8
    assert out["read"] == (project / "grid.py").read_text()
    assert out["shown"] == out["ids"][-1]
    shown = json.loads(btsnap(cli, store, "show", "--json", out["ids"][-2]).stdout)
    assert shown["labels"] == {"sweep": "h", "keep": "yes"} and shown["metrics"] == {"sharpe": 0.5}


def test_to_pandas_gives_one_typed_row_per_run(store, project):
    engine("pandas")
    (project / "table.py").write_text(textwrap.dedent("""
        import json
        import btsnap
        for i, std in enumerate([1.5, 2.0, 2.5]):
            run = btsnap.capture(params={"period": 10 + i, "std": std, "name": "n%d" % i}, sweep="t")
            run.annotate(sharpe=i / 2)
        frame = btsnap.runs(sweep="t").to_pandas()
        print(json.dumps({"columns": list(frame.columns), "dtypes": {c: str(t) for c, t in frame.dtypes.items()},
                          "period": frame["param.period"].tolist(), "sharpe": frame["metric.sharpe"].tolist(),
                          "tz": str(frame["created"].dt.tz)}))
    """))
    out = json.loads(python(["table.py"], cwd=project).stdout)
    assert out["columns"] == ["id", "created", "entry", "manifest", "param.name", "param.period", "param.std",
                              "metric.sharpe", "label.sweep"]
    assert out["dtypes"]["param.period"] == "int64" and out["dtypes"]["param.std"] == "float64"
    assert out["dtypes"]["param.name"] in ("object", "str", "string") and out["dtypes"]["metric.sharpe"] == "float64"
    assert out["period"] == [12, 11, 10] and out["sharpe"] == [1.0, 0.5, 0.0]
    assert out["tz"] == "UTC"


def test_without_pandas_to_pandas_is_one_line(store, project):
    done = python(["-c", textwrap.dedent("""
        import sys
        sys.modules["pandas"] = None  # as if it were not installed
        import btsnap
        btsnap.capture(entry="rsi_bb_strategy.py")
        try:
            btsnap.runs().to_pandas()
        except btsnap.BtsnapError as e:
            print(e)
    """)], cwd=project)
    assert done.stdout == "Runs.to_pandas() needs pandas: pip install pandas\n"


def test_a_run_diffs_against_another_over_all_its_files(store, project):
    (project / "diffs.py").write_text(textwrap.dedent("""
        import btsnap
        from rsi_bb_strategy import backtest
        a = btsnap.capture(mode="imports")
        with open("utils/risk.py", "a") as f:
            f.write("EXTRA = 1\\n")
        b = btsnap.capture(mode="imports")
        print(a.diff(b), end="")
        print("same:", repr(a.diff(a)))
    """))
    out = python(["diffs.py"], cwd=project).stdout
    assert out.startswith("--- a/utils/risk.py\n+++ b/utils/risk.py\n@@ ")
    assert "+EXTRA = 1\n" in out and out.endswith("same: ''\n")


def test_to_pandas_reads_both_shapes_of_creation_time_and_keeps_text_params():
    engine("pandas")
    import sys
    from conftest import SRC
    sys.path.insert(0, str(SRC))
    import btsnap

    def run(i, created, params):
        return btsnap.Run({"id": "20261203-085153-00000%d" % i, "created": created, "entry": "a.py", "manifest": "ab" * 32,
                           "params": params, "labels": {}, "metrics": {}})

    frame = btsnap.Runs([run(1, "2026-12-03T08:51:53Z", {"n": "3", "x": "a"}),
                         run(2, "2026-12-03T08:51:53.250Z", {"n": "4", "x": "1"}),
                         run(3, "2026-12-03T08:51:54Z", {"x": "2"})]).to_pandas()
    assert [t.isoformat() for t in frame["created"]] == ["2026-12-03T08:51:53+00:00", "2026-12-03T08:51:53.250000+00:00",
                                                         "2026-12-03T08:51:54+00:00"]
    assert str(frame["param.n"].dtype) == "Int64" and frame["param.n"].tolist()[:2] == [3, 4]
    assert frame["param.x"].tolist() == ["a", "1", "2"]
