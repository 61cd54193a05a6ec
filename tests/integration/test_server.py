"""The production server (gunicorn.conf.py) under faults: killed mid-write, a full disk, slow clients."""
import http.client
import json
import os
import resource
import signal
import socket
import sqlite3
import subprocess
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

import pytest

from backend import ROOT
from tests.benchmarks.driver import free_port

from .test_api import GOOD


class Server:
    """gunicorn with the repository's configuration, on a free port, over a database of the test's own."""

    def __init__(self, database, log=None, **settings):
        self.database, self.port, self.process, self.settings = str(database), free_port(), None, settings
        self.log = Path(log) if log else Path(self.database).with_suffix(".log")

    def start(self):
        env = {**os.environ, "PARAAT_DATABASE": self.database, "PARAAT_BIND": f"127.0.0.1:{self.port}",
               "PARAAT_SECRET_KEY": "a test key, the same across restarts", **self.settings}
        with open(self.log, "ab") as log:
            self.process = subprocess.Popen([str(ROOT / ".venv/bin/gunicorn"), "--config",
                                             str(ROOT / "gunicorn.conf.py")], cwd=ROOT, env=env,
                                            start_new_session=True, stdout=log, stderr=log)
        for _ in range(200):
            try:
                if self.request("GET", "/healthz")[0] == 200:
                    return self
            except OSError:
                time.sleep(0.05)
        raise AssertionError("gunicorn did not start")

    def request(self, method, path, body=None, timeout=10, form=None, source=None):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout,
                                          source_address=(source, 0) if source else None)
        try:
            headers = {"Content-Type": "application/json"} if body is not None else {}
            if form is not None:
                body, headers = urlencode(form), {"Content-Type": "application/x-www-form-urlencoded"}
            else:
                body = json.dumps(body) if body is not None else None
            conn.request(method, path, body, headers)
            response = conn.getresponse()
            return response.status, response.read(), response.getheader("Content-Type")
        finally:
            conn.close()

    def workers(self):
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children").read_text().split()
        return [int(pid) for pid in children]

    def kill(self):
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            # gunicorn gives its workers graceful_timeout (30 s) before it kills them itself: wait past that.
            self.process.wait(timeout=45)


@pytest.fixture
def server(tmp_path):
    running = Server(tmp_path / "served.sqlite3")
    yield running.start()
    running.stop()


def token(server):
    """A fresh single-use token, as the page script asks for one when a person saves."""
    return json.loads(server.request("GET", "/api/token")[1])["token"]


def test_every_acknowledged_write_survives_a_kill_9_mid_write(server):
    acknowledged, pending = {}, {}
    stop = threading.Event()

    def household_after_household(n):
        while not stop.is_set():
            try:
                status, body, _ = server.request("POST", "/api/households", {**GOOD, "token": token(server)},
                                                 timeout=5)
                if status != 201:
                    time.sleep(0.05)
                    continue
                rid = json.loads(body)["id"]
                acknowledged[rid] = 3
                for days in (7, 10, 3, 7):
                    pending[rid] = days
                    if server.request("PUT", f"/api/households/{rid}", {**GOOD, "days": days}, timeout=5)[0] == 200:
                        acknowledged[rid] = days
            except (OSError, http.client.HTTPException):  # the server is gone
                return

    clients = [threading.Thread(target=household_after_household, args=(n,)) for n in range(8)]
    for c in clients:
        c.start()
    deadline = time.monotonic() + 60
    while len(acknowledged) < 40:
        assert time.monotonic() < deadline, f"only {len(acknowledged)} writes acknowledged in a minute"
        time.sleep(0.01)
    server.kill()  # master and workers at once, writes in flight
    stop.set()
    for c in clients:
        c.join()
    server.start()
    for rid, days in acknowledged.items():
        status, body, _ = server.request("GET", f"/api/households/{rid}")
        assert status == 200, rid
        # An answer lost in the crash may have been written after all; nothing acknowledged is missing.
        assert json.loads(body)["days"] in {days, pending.get(rid, days)}
    db = sqlite3.connect(server.database)
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    db.close()


def test_a_full_disk_answers_503_in_words_and_recovers_by_itself(server):
    rid = json.loads(server.request("POST", "/api/households", {**GOOD, "token": token(server)})[1])["id"]
    # As when the disk is full, and more: not a byte more into any file of theirs. (A limit at the log's size
    # let a write through whenever SQLite had just started its log afresh, overwriting it from the start.)
    for pid in server.workers():
        resource.prlimit(pid, resource.RLIMIT_FSIZE, (0, resource.RLIM_INFINITY))
    try:
        status, body, kind = server.request("PUT", f"/api/households/{rid}", {**GOOD, "days": 10})
        assert (status, kind) == (503, "application/json")
        assert json.loads(body)["error"]["code"] == "unavailable"
        status, body, kind = server.request("POST", f"/en/checklists/saved/{rid}/",
                                            form={"adults": "4", "action": "save"})
        assert status == 503 and kind.startswith("text/html")
        assert b"Answers cannot be saved or opened right now" in body
        # A read may be refused too, in words, and never shows the refused change. (The file size limit
        # also stops a process that opens the database afresh from touching the 32 KiB -shm file, which
        # a full disk would not: SQLite writes a byte at its end when it maps it.)
        status, body, _ = server.request("GET", f"/api/households/{rid}")
        assert (status, json.loads(body).get("days")) == (200, 3) or json.loads(body)["error"]["code"] == "unavailable"
    finally:
        for pid in server.workers():
            resource.prlimit(pid, resource.RLIMIT_FSIZE, (resource.RLIM_INFINITY, resource.RLIM_INFINITY))
    assert json.loads(server.request("GET", f"/api/households/{rid}")[1])["days"] == 3  # nothing changed
    assert server.request("PUT", f"/api/households/{rid}", {**GOOD, "days": 10})[0] == 200
    assert json.loads(server.request("GET", f"/api/households/{rid}")[1])["days"] == 10


def test_slow_clients_do_not_stall_everyone_else(server):
    slow = []
    # Two, and a few more: one slow client per worker process would already stop one-request-per-process servers.
    for _ in range(6):  # each announces a body and sends one byte of it
        s = socket.create_connection(("127.0.0.1", server.port))
        s.sendall(b"POST /api/households HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                  b"Content-Length: 10000\r\n\r\n{")
        slow.append(s)
    try:
        time.sleep(0.5)
        for _ in range(20):
            assert server.request("GET", "/healthz", timeout=5)[0] == 200
    finally:
        for s in slow:
            s.close()


def test_the_write_limit_holds_across_all_workers(tmp_path):
    server = Server(tmp_path / "limited.sqlite3", PARAAT_WRITE_LIMIT="25", PARAAT_WRITE_WINDOW="3600",
                    PARAAT_WORKERS="2").start()
    try:
        while len(server.workers()) < 2:
            time.sleep(0.05)
        statuses = []

        def saves():
            for _ in range(20):  # one connection each: the kernel spreads them over both workers
                statuses.append(server.request("POST", "/api/households", {**GOOD, "token": token(server)})[0])

        clients = [threading.Thread(target=saves) for _ in range(5)]
        for c in clients:
            c.start()
        for c in clients:
            c.join()
        assert len(statuses) == 100 and statuses.count(201) == 25 and statuses.count(429) == 75
    finally:
        server.stop()
    db = sqlite3.connect(server.database)
    assert db.execute("SELECT COUNT(*) FROM households").fetchone()[0] == statuses.count(201)
    db.close()


def test_the_servers_log_names_no_client_address(server):
    with socket.create_connection(("127.0.0.1", server.port)) as s:
        s.sendall(b"NOT HTTP AT ALL\r\n\r\n")  # gunicorn would log "Invalid request from ip=..."
        s.recv(1024)
    assert server.request("GET", "/healthz")[0] == 200
    server.stop()
    log = server.log.read_text()
    assert "Invalid request refused" in log
    assert "ip=" not in log  # the listening address may appear; the client's never
