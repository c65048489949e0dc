"""scripts/install: a btsnap that works from any project, apart from the build tree."""

from __future__ import annotations

import json
import subprocess

from conftest import REPO, python


def test_the_installed_command_serves_the_client_from_its_own_copy(store, project, tmp_path, monkeypatch):
    prefix = tmp_path / "prefix"
    done = subprocess.run([str(REPO / "scripts" / "install"), "--prefix", str(prefix), "--no-python"],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    installed = prefix / "bin" / "btsnap"
    assert (prefix / "share" / "btsnap" / "btsnap.jar").is_file()
    # Both class archives: the capture service starts from the remote one, warm.
    assert (prefix / "share" / "btsnap" / "btsnap.jsa").is_file()
    assert (prefix / "share" / "btsnap" / "btsnap-remote.jsa").is_file()
    assert (prefix / "share" / "man" / "man1" / "btsnap.1").read_text().startswith(".TH BTSNAP 1")
    assert "add it to PATH" in done.stdout
    monkeypatch.setenv("BTSNAP", str(installed))
    run_id = python(["-c", "import btsnap; print(btsnap.capture(entry='rsi_bb_strategy.py', mode='imports').id)"],
                    cwd=project).stdout.strip()
    status = json.loads(subprocess.run([str(installed), "--store", str(store), "serve", "--status", "--json"],
                                       capture_output=True, text=True, check=True).stdout)
    # The service runs the installed jar, not the build tree's.
    cmdline = open("/proc/%d/cmdline" % status["pid"], "rb").read().split(b"\0")
    assert any(str(prefix).encode() in arg and arg.endswith(b"btsnap.jar") for arg in cmdline), cmdline
    shown = subprocess.run([str(installed), "--store", str(store), "show", run_id], capture_output=True, text=True)
    assert shown.returncode == 0 and "rsi_bb_strategy.py" in shown.stdout
