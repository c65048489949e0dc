"""The README's example grid through the client."""

from __future__ import annotations

import json

from conftest import REPO, btsnap, python


def test_the_example_grid_search_captures_every_backtest_through_the_client(store, cli):
    done = python(["grid_search.py", "--quick", "--store", str(store)], cwd=REPO / "examples" / "rsi_bb")
    assert "best: run " in done.stdout and "entry point (python client: __main__)" in done.stdout
    runs = json.loads(btsnap(cli, store, "ls", "--json").stdout)
    assert len(runs) == 4
    assert {r["entry"] for r in runs} == {"grid_search.py"}
    assert {r["fileCount"] for r in runs} == {8}
    assert len({r["manifest"] for r in runs}) == 1
    assert json.loads(btsnap(cli, store, "serve", "--status", "--json").stdout)["captures"] == 4
