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


def engine(name: str):
    """Imports an engine the tests need. Under CI=true a missing engine fails the test: CI
    installs every engine, so a skip there would hide a broken set-up."""
    if os.environ.get("CI") == "true":
        return __import__(name)
    return pytest.importorskip(name)


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


S3PROXY_JAR = Path(os.environ.get("S3PROXY_JAR") or Path.home() / ".m2" / "repository" / "org" / "gaul" / "s3proxy" / "3.1.0"
                   / "s3proxy-3.1.0-jar-with-dependencies.jar")


@pytest.fixture(scope="session")
def s3(tmp_path_factory):
    """A real S3 API server (S3Proxy, filesystem backend, SigV4) on a free port, with a bucket
    "grid"; yields its endpoint and credentials. Maven fetches the jar for the Java tests."""
    import socket
    import time
    if not S3PROXY_JAR.exists():
        pytest.fail("S3Proxy is not in the Maven repository (run the Maven build first): %s" % S3PROXY_JAR)
    base = tmp_path_factory.mktemp("s3")
    (base / "data" / "grid").mkdir(parents=True)  # a folder of the filesystem backend is a bucket
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    endpoint = "http://127.0.0.1:%d" % port
    (base / "s3proxy.properties").write_text("\n".join([
        "s3proxy.endpoint=" + endpoint, "s3proxy.authorization=aws-v2-or-v4", "s3proxy.identity=py-test",
        "s3proxy.credential=py-test-secret", "jclouds.provider=filesystem", "jclouds.filesystem.basedir=%s" % (base / "data"),
    ]) + "\n")
    log = open(base / "s3proxy.log", "wb")
    server = subprocess.Popen(["java", "-jar", str(S3PROXY_JAR), "--properties", str(base / "s3proxy.properties")],
                              stdout=log, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 60
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            if time.monotonic() > deadline or server.poll() is not None:
                server.kill()
                pytest.fail("S3Proxy did not start: see %s" % (base / "s3proxy.log"))
            time.sleep(0.2)
    yield {"endpoint": endpoint, "key": "py-test", "secret": "py-test-secret", "data": base / "data"}
    server.terminate()
    server.wait(timeout=30)
    log.close()
