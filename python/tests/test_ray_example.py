"""examples/ray_sweep for real: a Ray local cluster's tasks capture and push to an S3 remote
(S3Proxy); a fresh store pulls every run and restores the example's files byte for byte."""

from __future__ import annotations

import json
import os
import shutil
import subprocess

import pytest

from conftest import REPO, btsnap, python

if os.environ.get("CI") == "true":
    import ray  # noqa: F401  (in CI a missing Ray fails these tests rather than skipping them)
else:
    pytest.importorskip("ray")

EXAMPLE = REPO / "examples" / "ray_sweep"
CODE = ["data.py", "strategy.py", "sweep.py"]  # what imports mode takes from sweep.py


def _remote(cli, store, s3):
    # remote add looks at the bucket, so it needs the credentials; this sweep's remote is plain.
    env = dict(os.environ, AWS_ACCESS_KEY_ID=s3["key"], AWS_SECRET_ACCESS_KEY=s3["secret"])
    done = subprocess.run([cli, "--store", str(store), "remote", "add", "shared", "s3://grid/ray-sweep", "--endpoint",
                           s3["endpoint"], "--path-style", "--no-encryption"], env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_the_ray_sweep_pushes_every_run_and_a_fresh_store_restores_the_examples_files(store, cli, s3, tmp_path):
    project = tmp_path / "ray_sweep"
    shutil.copytree(EXAMPLE, project, ignore=shutil.ignore_patterns("__pycache__"))
    _remote(cli, store, s3)
    creds = {"AWS_ACCESS_KEY_ID": s3["key"], "AWS_SECRET_ACCESS_KEY": s3["secret"], "RAY_USAGE_STATS_ENABLED": "0"}
    done = python(["sweep.py", "--remote", "shared", "--working-dir", "--json"], cwd=project, env=dict(creds),
                  timeout=300)
    results = json.loads(done.stdout.strip().splitlines()[-1])
    ids = [r["run"] for r in results]
    assert len(set(ids)) == 6 and all(r["trades"] > 0 for r in results)

    laptop = tmp_path / "laptop"
    _remote(cli, laptop, s3)
    env = dict(os.environ, **creds)
    pulled = subprocess.run([cli, "--store", str(laptop), "pull", "--all", "--json"], env=env, capture_output=True,
                            text=True)
    assert pulled.returncode == 0, pulled.stderr
    assert sorted(json.loads(pulled.stdout)["runs"]) == sorted(ids)
    shown = [json.loads(btsnap(cli, laptop, "show", "--json", i).stdout) for i in ids]
    assert {s["entry"] for s in shown} == {"sweep.py"} and {s["root"] for s in shown} == {str(project.resolve())}
    assert len({s["manifest"] for s in shown}) == 1
    for run_id in ids:
        restored = tmp_path / "restored" / run_id
        btsnap(cli, laptop, "restore", run_id, str(restored))
        files = sorted(str(p.relative_to(restored)) for p in restored.rglob("*") if p.is_file())
        assert files == CODE, files
        for name in files:
            assert (restored / name).read_bytes() == (EXAMPLE / name).read_bytes(), name
        assert os.access(restored / "sweep.py", os.X_OK)  # the executable bit went through Ray's copy
