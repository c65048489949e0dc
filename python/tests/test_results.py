"""Results and sweeps from Python: metrics and labels through the service, the sweep warning."""

from __future__ import annotations

import json
import textwrap

from conftest import btsnap, python


def test_a_grid_records_metrics_and_labels_and_hears_when_its_code_moves(store, project, cli):
    (project / "grid.py").write_text(textwrap.dedent("""
        import json, warnings
        import btsnap
        from rsi_bb_strategy import backtest
        out = {"ids": [], "warnings": []}
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            for i in range(4):
                if i == 2:
                    with open("utils/risk.py", "a") as f:
                        f.write("# tuned mid-grid\\n")
                run = btsnap.capture(params={"i": i}, mode="imports", sweep="grid")
                run = run.annotate(sharpe=0.5 * i, trades=10 + i)
                if i == 3:
                    run = run.label(keep="yes")
                out["ids"].append(run.id)
                out["last"] = {"metrics": run.metrics, "labels": run.labels}
        out["warnings"] = [str(w.message) for w in caught]
        print(json.dumps(out))
    """))
    out = json.loads(python(["grid.py"], cwd=project).stdout)
    assert out["last"] == {"metrics": {"sharpe": 1.5, "trades": 13.0}, "labels": {"sweep": "grid", "keep": "yes"}}
    drift = [w for w in out["warnings"] if "code changed mid-sweep grid" in w]
    assert len(drift) == 1 and drift[0].endswith("utils/risk.py")
    best = json.loads(btsnap(cli, store, "ls", "--json", "--label", "sweep=grid", "--sort", "sharpe", "--limit", "1").stdout)
    assert [r["id"] for r in best] == [out["ids"][3]]
    assert json.loads(btsnap(cli, store, "serve", "--status", "--json").stdout)["captures"] == 4
    report = json.loads(btsnap(cli, store, "sweep", "grid", "--json").stdout)
    assert [v["runs"] for v in report["versions"]] == [2, 2]


def test_metrics_take_numpy_pandas_decimal_and_bool_as_python_prints_them(store, project, cli):
    (project / "values.py").write_text(textwrap.dedent("""
        import json
        from decimal import Decimal
        import numpy as np, pandas as pd
        import btsnap
        run = btsnap.capture(params={"i": 1})
        run = run.annotate(f32=np.float32(0.1), i64=np.int64(7), zero_d=np.array(1.25), dec=Decimal("0.3"),
                           flag=True, off=np.bool_(False), cell=pd.Series([2.5]).iloc[0])
        refused = []
        for bad in (float("nan"), np.float32("inf"), "1.5", np.array([1.0, 2.0])):
            try:
                run.annotate(bad=bad)
            except btsnap.BtsnapError as e:
                refused.append(str(e))
        print(json.dumps({"id": run.id, "metrics": run.metrics, "refused": refused}))
    """))
    out = json.loads(python(["values.py"], cwd=project).stdout)
    assert out["metrics"] == {"f32": 0.1, "i64": 7.0, "zero_d": 1.25, "dec": 0.3, "flag": 1.0, "off": 0.0, "cell": 2.5}
    assert out["refused"] == ["metric bad must be a finite number, not nan",
                              "metric bad must be a finite number, not np.float32(inf)",
                              "metric bad must be a number, not str '1.5'",
                              "metric bad must be a number, not ndarray array([1., 2.])"]
    shown = json.loads(btsnap(cli, store, "show", "--json", out["id"]).stdout)
    assert shown["metrics"]["f32"] == 0.1 and "bad" not in shown["metrics"]
