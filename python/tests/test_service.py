"""The capture service under races, kills, hostile input and other users: real service
processes, real client processes."""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import textwrap
import threading
import time
from pathlib import Path

import pytest

from conftest import btsnap, python

CLIENT = textwrap.dedent("""
    import json, sys, time
    import btsnap
    start_at, count, label = float(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    pause = float(sys.argv[4]) if len(sys.argv) > 4 else 0.0
    while time.time() < start_at:
        time.sleep(0.001)
    results = []
    for i in range(count):
        try:
            run = btsnap.capture(params={"i": i, "client": label}, labels={"keep": "yes" if i % 2 else "no"}, mode="imports")
            results.append({"id": run.id})
        except btsnap.BtsnapError as e:
            results.append({"error": str(e)})
        time.sleep(pause)
    print(json.dumps(results))
""")


def status(cli, store):
    done = btsnap(cli, store, "serve", "--status", "--json", check=False)
    return json.loads(done.stdout) if done.returncode == 0 else None


def start_clients(project, n, count, delay=1.5, pause=0.0):
    (project / "client.py").write_text("from rsi_bb_strategy import backtest\n" + CLIENT)
    start_at = time.time() + delay
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parents[1] / "src"))
    return [subprocess.Popen([sys.executable, "client.py", str(start_at), str(count), "c%d" % k, str(pause)], cwd=project,
                             env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for k in range(n)]


def finish(clients):
    results = []
    for c in clients:
        out, err = c.communicate(timeout=300)
        assert c.returncode == 0, err
        results.append(json.loads(out))
    return results


def stored_ids(cli, store):
    return {r["id"] for r in json.loads(btsnap(cli, store, "ls", "--json").stdout)}


def service_folder(store):
    folders = list((store / "serve").glob("u*-p1"))
    assert len(folders) == 1
    return folders[0]


def test_clients_starting_the_service_at_the_same_instant_get_one_service(store, project, cli):
    results = finish(start_clients(project, 6, 3))
    ids = [r["id"] for rs in results for r in rs]
    assert len(ids) == 18 and len(set(ids)) == 18
    log = (service_folder(store) / "serve.log").read_text()
    assert log.count(" serving ") == 1, log
    assert status(cli, store)["captures"] == 18


def test_a_killed_service_leaves_a_stale_socket_the_next_client_recovers_from(store, project, cli):
    capture = ["-c", "import btsnap; print(btsnap.capture(entry='rsi_bb_strategy.py').id)"]
    python(capture, cwd=project)
    first = status(cli, store)["pid"]
    os.kill(first, signal.SIGKILL)
    time.sleep(0.3)
    folder = service_folder(store)
    assert (folder / "serve.sock").exists() and (folder / "serve.json").exists()
    run_id = python(capture, cwd=project).stdout.strip()
    assert status(cli, store)["pid"] != first
    assert run_id in stored_ids(cli, store)


def test_kill_9_of_the_service_during_captures_loses_no_acknowledged_run(store, project, cli):
    seed = random.randrange(1 << 30)
    rng = random.Random(seed)
    python(["-c", "import btsnap; btsnap.capture(entry='rsi_bb_strategy.py')"], cwd=project)
    # Each client pauses 10 ms between captures, so the grid lasts a second or more and the
    # kills land among its captures, not before or after them.
    clients = start_clients(project, 4, 50, delay=1.0, pause=0.01)
    time.sleep(1.0)
    kills = 0
    deadline = time.time() + 120
    while any(c.poll() is None for c in clients) and time.time() < deadline:
        time.sleep(rng.uniform(0.1, 0.4))
        s = status(cli, store)
        if s is not None:
            os.kill(s["pid"], signal.SIGKILL)
            kills += 1
    results = finish(clients)
    print("kill test: seed %d, %d kills" % (seed, kills))
    assert kills >= 1
    acknowledged = {r["id"] for rs in results for r in rs if "id" in r}
    assert all(("id" in r) != ("error" in r) for rs in results for r in rs)
    assert sum(len(rs) for rs in results) == 200
    assert acknowledged <= stored_ids(cli, store)
    assert json.loads(btsnap(cli, store, "store", "verify", "--json").stdout)["clean"] is True
    run_id = python(["-c", "import btsnap; print(btsnap.capture(entry='rsi_bb_strategy.py').id)"], cwd=project).stdout.strip()
    assert run_id in stored_ids(cli, store)


def raw_connect(store):
    sock = socket.socket(socket.AF_UNIX)
    sock.connect(str(service_folder(store) / "serve.sock"))
    sock.settimeout(30)
    return sock


def read_reply(sock):
    header = b""
    while len(header) < 4:
        chunk = sock.recv(4 - len(header))
        if not chunk:
            return None
        header += chunk
    (n,) = struct.unpack(">I", header)
    body = b""
    while len(body) < n:
        body += sock.recv(n - len(body))
    return json.loads(body)


def frame(obj):
    data = obj if isinstance(obj, bytes) else json.dumps(obj).encode()
    return struct.pack(">I", len(data)) + data


def test_hostile_frames_get_an_error_reply_and_the_service_serves_the_next_client(store, project, cli):
    python(["-c", "import btsnap; btsnap.capture(entry='rsi_bb_strategy.py')"], cwd=project)
    good = {"op": "capture", "cwd": str(project), "entry": "rsi_bb_strategy.py", "mode": "imports"}
    cases = {
        "garbage": b"garbage bytes that are no frame",
        "over the limit": struct.pack(">I", 64 << 20) + b"x" * 100,
        "bad json": frame(b"{not json"),
        "not utf-8": frame(b"\xff\xfe\xfd"),
        "not an object": frame([1, 2]),
        "unknown field": frame(dict(good, shell="rm -rf /")),
        "unknown op": frame({"op": "format-disk"}),
        "relative cwd": frame(dict(good, cwd="relative/dir")),
        "cwd out of reach": frame(dict(good, cwd="/nonexistent/folder")),
        "entry escaping the root": frame(dict(good, entry="../../../etc/passwd", root=str(project))),
        "wrong type": frame(dict(good, params={"a": 1})),
        "env not read by capture": frame(dict(good, env={"LD_PRELOAD": "/x.so"})),
        "same environment before any": frame(dict(good, sameEnvironment=True)),
        "git state from the client": frame(dict(good, environment={"git.commit": "forged"})),
    }
    for name, data in cases.items():
        sock = raw_connect(store)
        sock.sendall(data)
        reply = read_reply(sock)
        sock.close()
        assert reply is not None and reply["ok"] is False and reply["error"], name
        assert "\n" not in reply["error"], name
    truncated = raw_connect(store)
    truncated.sendall(struct.pack(">I", 1000) + b"{\"op\": ")
    truncated.close()
    sock = raw_connect(store)
    sock.sendall(frame(good))
    reply = read_reply(sock)
    assert reply["ok"] is True, reply
    sock.sendall(frame(dict(good, params={"again": "1"})))
    assert read_reply(sock)["ok"] is True, "the connection serves request after request"


@pytest.mark.skipif(os.geteuid() != 0 or not shutil.which("setpriv") or not os.path.exists("/usr/bin/python3"),
                    reason="needs root, setpriv and /usr/bin/python3 to act as a second user")
def test_another_user_cannot_connect(store, project, cli, monkeypatch):
    runtime = Path(tempfile.mkdtemp(prefix="btsnap-xdg-"))
    os.chmod(runtime, 0o711)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(runtime))
    try:
        python(["-c", "import btsnap; btsnap.capture(entry='rsi_bb_strategy.py')"], cwd=project)
        sock_path = next(runtime.glob("btsnap/*-p1/serve.sock"))
        probe = textwrap.dedent("""
            import json, socket, struct, sys
            s = socket.socket(socket.AF_UNIX)
            try:
                s.connect(sys.argv[1])
            except OSError as e:
                print("connect failed:", e.strerror); sys.exit(0)
            data = json.dumps({"op": "status"}).encode()
            try:
                s.sendall(struct.pack(">I", len(data)) + data)
            except OSError:
                pass  # the service may refuse and close before reading: its reply is still there
            header = s.recv(4)
            print("reply:", s.recv(struct.unpack(">I", header)[0]).decode() if len(header) == 4 else "closed")
        """)
        as_nobody = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "/usr/bin/python3", "-c", probe, str(sock_path)]
        first = subprocess.run(as_nobody, capture_output=True, text=True, timeout=30)
        assert "connect failed: Permission denied" in first.stdout, first
        # Even with the folder and socket opened up, the service checks who connects.
        os.chmod(sock_path.parent.parent, 0o711)
        os.chmod(sock_path.parent, 0o711)
        os.chmod(sock_path, 0o777)
        second = subprocess.run(as_nobody, capture_output=True, text=True, timeout=30)
        assert "refused: this service serves its own user only" in second.stdout, second
        assert "\"captures\"" not in second.stdout
    finally:
        subprocess.run([cli, "--store", str(store), "serve", "--stop"], capture_output=True,
                       env=dict(os.environ, XDG_RUNTIME_DIR=str(runtime)))
        shutil.rmtree(runtime, ignore_errors=True)


def test_gc_in_another_process_while_the_service_captures(store, project, cli):
    python(["-c", "import btsnap; btsnap.capture(entry='rsi_bb_strategy.py')"], cwd=project)
    clients = start_clients(project, 3, 40, delay=0.3)
    gcs = 0
    while any(c.poll() is None for c in clients):
        btsnap(cli, store, "store", "gc", "--keep-label", "keep=yes", "--grace", "0s")
        gcs += 1
    results = finish(clients)
    kept = {r["id"] for rs in results for i, r in enumerate(rs) if i % 2 and "id" in r}
    assert gcs >= 1 and len(kept) == 60
    assert kept <= stored_ids(cli, store)
    assert json.loads(btsnap(cli, store, "store", "verify", "--json").stdout)["clean"] is True


def test_the_service_exits_when_idle_and_when_its_store_disappears(store, project, cli):
    btsnap(cli, store, "store", "init")
    idle = subprocess.Popen([cli, "--store", str(store), "serve", "--idle", "1s"], stdout=subprocess.PIPE, text=True)
    out, _ = idle.communicate(timeout=30)
    assert idle.returncode == 0 and "stopped: idle for 1s" in out
    forever = subprocess.Popen([cli, "--store", str(store), "serve", "--idle", "0"], stdout=subprocess.PIPE, text=True)
    deadline = time.time() + 30
    while status(cli, store) is None and time.time() < deadline:
        time.sleep(0.1)
    shutil.rmtree(store)
    out, _ = forever.communicate(timeout=30)
    assert forever.returncode == 0 and "is gone" in out


def test_without_a_reachable_service_the_client_captures_through_the_cli_and_says_so_once(store, project, cli, tmp_path, monkeypatch):
    runtime = tmp_path / "runtime"
    (runtime / "btsnap").mkdir(parents=True)
    os.chmod(runtime / "btsnap", 0o755)  # not private: neither client nor service will use it
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(runtime))
    (project / "fallback.py").write_text(textwrap.dedent("""
        import json, warnings
        import btsnap
        from rsi_bb_strategy import backtest
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            runs = [btsnap.capture(params={"i": i}, mode="imports") for i in range(2)]
        print(json.dumps({"ids": [r.id for r in runs], "files": len(runs[0].files),
                          "warnings": [str(w.message) for w in caught]}))
    """))
    out = json.loads(python(["fallback.py"], cwd=project).stdout)
    assert len(out["warnings"]) == 1 and "capture service out of reach" in out["warnings"][0]
    assert "refusing" in out["warnings"][0]
    assert out["files"] == 8  # fallback.py and the 7 files of the strategy
    assert set(out["ids"]) <= stored_ids(cli, store)
