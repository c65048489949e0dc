"""Captures pushed to a real S3 API server (S3Proxy) through the real service, from real
Python processes, and pulled by another store through the real command."""

from __future__ import annotations

import json
import os
import subprocess
import textwrap

from conftest import btsnap, python


PASSWORD = "pool passphrase"


def _remote(cli, store, s3, prefix, password=None):
    # remote add looks at the bucket: it creates an encrypted repository there, or opens it.
    env = dict(os.environ, AWS_ACCESS_KEY_ID=s3["key"], AWS_SECRET_ACCESS_KEY=s3["secret"])
    args = ["remote", "add", "shared", "s3://grid/" + prefix, "--endpoint", s3["endpoint"], "--path-style"]
    if password is None:
        args.append("--no-encryption")
    else:
        env["BTSNAP_REMOTE_PASSWORD"] = password
    done = subprocess.run([cli, "--store", str(store), *args], env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_pool_workers_capture_and_push_through_the_service_and_a_laptop_pulls_every_run(store, project, cli, s3, tmp_path):
    _remote(cli, store, s3, "pool", PASSWORD)
    # The service is started by a process without credentials: the pushes bring their own.
    python(["-c", "import btsnap; btsnap.capture(entry='rsi_bb_strategy.py', mode='imports', params={'warm': 1})"],
           cwd=project)
    (project / "grid.py").write_text(textwrap.dedent("""
        import json, multiprocessing, warnings
        import btsnap
        import rsi_bb_strategy  # the strategy and its modules are the run's code

        def backtest(i):
            with warnings.catch_warnings():
                warnings.simplefilter("error")  # a fall back to the command would warn
                return btsnap.capture(params={"i": i}, mode="imports", push="shared").id

        if __name__ == "__main__":
            with multiprocessing.get_context("spawn").Pool(4) as pool:
                print(json.dumps(pool.map(backtest, range(12))))
    """))
    creds = {"AWS_ACCESS_KEY_ID": s3["key"], "AWS_SECRET_ACCESS_KEY": s3["secret"]}
    # The passphrase travels to the service with each push, as the credentials do.
    ids = json.loads(python(["grid.py"], cwd=project, env=dict(creds, BTSNAP_REMOTE_PASSWORD=PASSWORD)).stdout)
    assert len(set(ids)) == 12
    status = json.loads(btsnap(cli, store, "serve", "--status", "--json").stdout)
    assert status["pushes"] == 12 and status["captures"] == 13
    # The service holds the key now: a push sends what a plain remote's does, and unlocks no more.
    later = python(["-c", textwrap.dedent("""
        import json, btsnap
        pushed = []
        for i in range(2):
            run = btsnap.capture(entry='rsi_bb_strategy.py', mode='imports', params={'later': i})
            pushed.append(btsnap.push(run, remote='shared'))
        print(json.dumps(pushed))
    """)], cwd=project, env=dict(creds, BTSNAP_REMOTE_PASSWORD=PASSWORD))
    first, second = json.loads(later.stdout)
    assert second["requests"] - first["requests"] == 4, (first, second)  # lease, gc/ listing, segment, lease deleted
    assert second["unlockMs"] == first["unlockMs"] > 0

    laptop = tmp_path / "laptop"
    _remote(cli, laptop, s3, "pool", PASSWORD)
    env = dict(os.environ, BTSNAP_REMOTE_PASSWORD=PASSWORD, **creds)
    pulled = subprocess.run([cli, "--store", str(laptop), "pull", "--all", "--json"], env=env, capture_output=True, text=True)
    assert pulled.returncode == 0, pulled.stderr
    pulled_ids = json.loads(pulled.stdout)["runs"]
    assert set(ids) <= set(pulled_ids) and len(pulled_ids) == 14
    restored = tmp_path / "restored"
    subprocess.run([cli, "--store", str(laptop), "restore", ids[5], str(restored)], check=True, capture_output=True)
    files = sorted(str(p.relative_to(restored)) for p in restored.rglob("*") if p.is_file())
    assert "grid.py" in files and "rsi_bb_strategy.py" in files and len(files) > 4, files
    for name in files:
        assert (restored / name).read_bytes() == (project / name).read_bytes(), name
    verify = subprocess.run([cli, "--store", str(laptop), "remote", "verify", "--read-data"], env=env, capture_output=True,
                            text=True)
    assert verify.returncode == 0 and verify.stdout.startswith("ok: 14 runs"), verify.stdout + verify.stderr


def test_a_failed_push_keeps_the_run_and_says_so_in_one_line(store, project, cli, s3):
    _remote(cli, store, s3, "failing")
    script = textwrap.dedent("""
        import json, btsnap
        out = {}
        for name, kwargs in [("unknown", {"push": "nowhere"}), ("refused", {"push": "shared"})]:
            try:
                btsnap.capture(entry="rsi_bb_strategy.py", params={"case": name}, **kwargs)
            except btsnap.BtsnapError as e:
                out[name] = {"message": str(e), "code": e.code, "run": e.run.id}
        print(json.dumps(out))
    """)
    env = {"AWS_ACCESS_KEY_ID": s3["key"], "AWS_SECRET_ACCESS_KEY": "wrong"}
    out = json.loads(python(["-c", script], cwd=project, env=env).stdout)
    unknown, refused = out["unknown"], out["refused"]
    assert unknown["message"] == "captured %s, but the push to nowhere failed: no remote named nowhere; remotes: shared" % unknown["run"]
    assert "refused the credentials" in refused["message"] and refused["message"].startswith("captured " + refused["run"])
    assert "\n" not in refused["message"] and refused["code"] == 1
    listed = {r["id"] for r in json.loads(btsnap(cli, store, "ls", "--json").stdout)}
    assert {unknown["run"], refused["run"]} <= listed  # both runs are stored all the same


def test_pushes_with_ever_new_credentials_keep_being_served(store, project, cli, s3):
    # Rotating credentials make a new S3 client each time: the service closes idle ones past 16.
    _remote(cli, store, s3, "rotating")
    script = textwrap.dedent("""
        import json, os, warnings, btsnap
        warnings.simplefilter("error")
        pushed = []
        for i in range(20):
            os.environ["AWS_PROFILE"] = "rotation-%d" % i  # the keys below win; the set is new each time
            run = btsnap.capture(entry="rsi_bb_strategy.py", params={"i": i})
            pushed += btsnap.push(run, "shared")["runs"]
        print(json.dumps(pushed))
    """)
    env = {"AWS_ACCESS_KEY_ID": s3["key"], "AWS_SECRET_ACCESS_KEY": s3["secret"]}
    pushed = json.loads(python(["-c", script], cwd=project, env=env).stdout)
    assert len(set(pushed)) == 20
    assert json.loads(btsnap(cli, store, "serve", "--status", "--json").stdout)["pushes"] == 20
