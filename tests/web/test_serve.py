"""``quotegraph serve``: the command starts the server on the given loopback port."""
from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

from .conftest import EXAMPLE_ID


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str):
    try:
        with urllib.request.urlopen(url, timeout=10) as r:
            return r.status, r.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode()


def test_serve(corpus_db):
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k != "QUOTEGRAPH_TOKEN"}
    proc = subprocess.Popen([sys.executable, "-m", "quotegraph", "serve", "--db", corpus_db, "--port", str(port),
                             "--no-gender"], env=env, stderr=subprocess.PIPE, text=True)
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            try:
                status, body = _get(f"{base}/api")
                break
            except OSError:
                assert proc.poll() is None and time.monotonic() < deadline, "the server did not start"
                time.sleep(0.2)
        assert status == 200 and json.loads(body)["writable"] is False
        status, body = _get(f"{base}/articles/{EXAMPLE_ID}")
        assert status == 200 and "<h1>Johnson and Lavrov clash over cyber attacks</h1>" in body
        assert json.loads(_get(f"{base}/api/overview")[1])["gender"] is None
        status, body = _get(f"{base}/api/people/0")
        assert (status, json.loads(body)) == (404, {"ok": False, "error": "no such person: 0", "status": 404})
    finally:
        proc.terminate()
        _, err = proc.communicate(timeout=20)
    assert f"quotegraph: serving {corpus_db} on http://127.0.0.1:{port}/ (read-only" in err


def test_serve_with_two_workers_on_sockets_of_their_own(corpus_db):
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k != "QUOTEGRAPH_TOKEN"}
    cmd = [sys.executable, "-m", "quotegraph", "serve", "--db", corpus_db, "--port", str(port), "--workers", "2"]
    proc = subprocess.Popen(cmd, env=env, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                assert _get(f"http://127.0.0.1:{port}/api")[0] == 200
                break
            except OSError:
                assert proc.poll() is None and time.monotonic() < deadline, "the server did not start"
                time.sleep(0.2)
        time.sleep(1)  # both workers up
        assert all(_get(f"http://127.0.0.1:{port}/people/0")[0] == 404 for _ in range(20))
        # the address is taken: a second server fails, it does not share it
        second = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=60)
        assert second.returncode != 0 and "address already in use" in second.stderr.lower()
    finally:
        proc.terminate()
        proc.communicate(timeout=20)
    assert proc.returncode is not None


def test_serve_needs_a_database(tmp_path):
    r = subprocess.run([sys.executable, "-m", "quotegraph", "serve", "--db", str(tmp_path / "none.db")],
                       capture_output=True, text=True, timeout=60)
    assert r.returncode == 2
    assert r.stderr == f"quotegraph: {tmp_path / 'none.db'}: no such database (create it with quotegraph ingest)\n"
