"""Fixtures: the real btsnap command of this repository, a fresh store, a copy of the example
project, and a way to run real Python processes that import the client from this source tree."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SRC = REPO / "python" / "src"
LAUNCHER = REPO / "btsnap"


@pytest.fixture(scope="session")
def cli() -> str:
    command = os.environ.get("BTSNAP") or str(LAUNCHER)
    jar = REPO / "cli" / "target" / "btsnap.jar"
    if not os.environ.get("BTSNAP") and not jar.exists():
        pytest.fail("build btsnap first (mvn -B -DskipTests package): %s is missing" % jar)
    return command


@pytest.fixture
def store(tmp_path, cli, monkeypatch):
    folder = tmp_path / "store"
    monkeypatch.setenv("BTSNAP", cli)
    monkeypatch.setenv("BTSNAP_HOME", str(folder))
    monkeypatch.delenv("BTSNAP_ENTRY", raising=False)
    monkeypatch.delenv("XDG_RUNTIME_DIR", raising=False)
    yield folder
    if (folder / "btsnap-store.yaml").exists():
        subprocess.run([cli, "--store", str(folder), "serve", "--stop"], capture_output=True)


@pytest.fixture
def project(tmp_path) -> Path:
    dest = tmp_path / "rsi_bb"
    shutil.copytree(REPO / "examples" / "rsi_bb", dest, ignore=shutil.ignore_patterns("__pycache__"))
    return dest


def python(args, cwd, check=True, env=None, timeout=120):
    """Runs a real Python process that imports btsnap from this source tree."""
    full_env = dict(os.environ)
    full_env["PYTHONPATH"] = str(SRC) + (os.pathsep + env.pop("PYTHONPATH") if env and "PYTHONPATH" in env else "")
    full_env.update(env or {})
    done = subprocess.run([sys.executable, *args], cwd=cwd, env=full_env, capture_output=True, text=True,
                          timeout=timeout)
    if check and done.returncode != 0:
        raise AssertionError("python %s failed (%d):\n%s\n%s" % (args, done.returncode, done.stdout, done.stderr))
    return done


def btsnap(cli, store, *args, check=True):
    done = subprocess.run([cli, "--store", str(store), *args], capture_output=True, text=True)
    if check and done.returncode != 0:
        raise AssertionError("btsnap %s failed: %s" % (args, done.stderr))
    return done
