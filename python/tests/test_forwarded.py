"""`btsnap capture` beside a warm service: the command sends its capture to the service and
prints what it would print capturing itself."""

from __future__ import annotations

import json
import subprocess

from conftest import btsnap, python


def status(cli, store):
    return json.loads(btsnap(cli, store, "serve", "--status", "--json").stdout)


def test_the_command_forwards_to_the_warm_service_and_prints_the_same(store, project, cli):
    python(["-c", "import btsnap; btsnap.capture(entry='rsi_bb_strategy.py')"], cwd=project)
    assert status(cli, store)["captures"] == 1
    text = btsnap(cli, store, "capture", str(project / "rsi_bb_strategy.py"), "-p", "a=1", "--sweep", "s")
    as_json = json.loads(btsnap(cli, store, "capture", "--json", "--mode", "imports", str(project / "rsi_bb_strategy.py")).stdout)
    assert status(cli, store)["captures"] == 3, "both went through the service"
    shown = json.loads(btsnap(cli, store, "show", "--json", text.stdout.strip()).stdout)
    assert shown["params"] == {"a": "1"} and shown["labels"] == {"sweep": "s"}
    assert text.stderr == ""
    # The same keys as a capture the command makes itself, with the service stopped.
    btsnap(cli, store, "serve", "--stop")
    local = json.loads(btsnap(cli, store, "capture", "--json", "--mode", "imports", str(project / "rsi_bb_strategy.py")).stdout)
    assert list(as_json) == list(local) and as_json["manifest"] == local["manifest"]


def test_a_failure_through_the_service_is_one_line_and_the_exit_code(store, project, cli):
    python(["-c", "import btsnap; btsnap.capture(entry='rsi_bb_strategy.py')"], cwd=project)
    done = subprocess.run([cli, "--store", str(store), "capture", str(project / "missing.py")], capture_output=True, text=True)
    assert done.returncode == 1 and done.stdout == ""
    assert done.stderr == "btsnap: entry not found: %s\n" % (project / "missing.py")
    (project / "main2.py").write_text("import utils.gone\n")
    warned = btsnap(cli, store, "capture", "--mode", "imports", str(project / "main2.py"))
    assert warned.stderr == ("btsnap: warning: unresolved import main2.py:1: import utils.gone"
                             " (no module utils.gone under the project root)\n")
    assert status(cli, store)["captures"] == 2
