"""The environment recorded with each run: interpreter, platform, packages, git state."""

from __future__ import annotations

import json
import platform
import subprocess
import textwrap

from conftest import btsnap, python

SCRIPT = textwrap.dedent("""
    import json
    import btsnap
    import risk
    runs = [btsnap.capture(params={"i": i}, mode="imports") for i in range(3)]
    print(json.dumps([r.id for r in runs]))
""")


def git(repo, *args):
    return subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.com", "-C", str(repo), *args],
                          check=True, capture_output=True, text=True).stdout


def test_runs_record_python_packages_and_git_and_share_one_environment(store, cli, tmp_path):
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / "risk.py").write_text("LIMIT = 1\n")
    (repo / "main.py").write_text(SCRIPT)
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "first")
    ids = json.loads(python(["main.py"], cwd=repo).stdout)

    shown = [json.loads(btsnap(cli, store, "show", "--json", i).stdout)["environment"] for i in ids]
    env = shown[0]
    assert all(s == env for s in shown)
    assert env["python"] == platform.python_version()
    assert env["implementation"] == platform.python_implementation()
    assert env["git.commit"] == git(repo, "rev-parse", "HEAD").strip()
    assert env["git.branch"] == "main" and env["git.dirty"] == "false"
    assert env["pkg:pip"], "installed distributions are listed with their versions"
    assert "environ   %s %s" % (platform.python_implementation(), platform.python_version()) in \
        btsnap(cli, store, "show", ids[0]).stdout

    (repo / "risk.py").write_text("LIMIT = 2\n")
    later = json.loads(python(["main.py"], cwd=repo).stdout)[0]
    diff = btsnap(cli, store, "diff", ids[0], later).stdout.splitlines()
    assert diff == ["M\trisk.py", "env\tgit.dirty: false -> true"]
