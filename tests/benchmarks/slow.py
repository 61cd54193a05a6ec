"""Slow clients and the server `make serve` starts, for tests/integration/test_front.py and `make bench-front`."""
import http.client
import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

from backend import ROOT
from tests.benchmarks.driver import free_port

SLOW = 100  # of each kind: uploads that trickle their body, readers that never read


def large_file():
    """The site's largest file up to 256 KiB (a few hundred KiB): what a reader that never reads holds."""
    site = ROOT / "build" / "site"
    files = [p for p in site.rglob("*") if p.is_file() and p.stat().st_size <= 256 * 1024]
    return "/" + max(files, key=lambda p: p.stat().st_size).relative_to(site).as_posix()


class Front:
    """`python -m backend.serve`, as `make serve` runs it, on a free port over a database of the test's own."""

    def __init__(self, directory, **settings):
        self.directory, self.port, self.settings, self.process = Path(directory), free_port(), settings, None

    def start(self):
        self.directory.mkdir(exist_ok=True)
        env = {**os.environ, "PARAAT_DATABASE": str(self.directory / "front.sqlite3"),
               "PARAAT_BIND": f"127.0.0.1:{self.port}", **self.settings}
        self.log = self.directory / "serve.log"
        with open(self.log, "ab") as log:
            self.process = subprocess.Popen([sys.executable, "-m", "backend.serve", "--run-dir",
                                             str(self.directory / "run")], cwd=ROOT, env=env,
                                            start_new_session=True, stdout=log, stderr=log)
        for _ in range(1200):
            assert self.process.poll() is None, self.log.read_text()
            try:
                if request(self.port, "GET", "/healthz")[0] == 200:
                    return self
            except OSError:
                time.sleep(0.05)
        raise AssertionError("the front did not start: " + self.log.read_text())

    def children(self):
        path = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return [int(pid) for pid in path.read_text().split()] if path.exists() else []

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=60)


def request(port, method, path, body=None, headers=None, timeout=10, source="127.0.0.1"):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout, source_address=(source, 0))
    try:
        conn.request(method, path, body, headers or {})
        response = conn.getresponse()
        return response.status, response.read(), response
    finally:
        conn.close()


class SlowClients:
    """Uploads that announce a body and trickle it a byte at a time, and readers of a large answer that never read."""

    def __init__(self, port):
        self.port, self.uploads, self.readers, self.done = port, [], [], threading.Event()

    def __enter__(self):
        for _ in range(SLOW):
            s = socket.create_connection(("127.0.0.1", self.port))
            s.sendall(b"POST /api/households HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                      b"Content-Length: 10000\r\n\r\n{")
            self.uploads.append(s)
        large = large_file()
        for _ in range(SLOW):
            s = socket.socket()
            s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)  # a phone on a weak signal
            s.connect(("127.0.0.1", self.port))
            s.sendall(f"GET {large} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode())
            self.readers.append(s)
        self.trickle = threading.Thread(target=self._trickle)
        self.trickle.start()
        time.sleep(1)  # every one of them has reached the server
        return self

    def _trickle(self):
        while not self.done.wait(1):
            for s in self.uploads:
                try:
                    s.sendall(b" ")
                except OSError:
                    pass

    def __exit__(self, *exc):
        self.done.set()
        self.trickle.join()
        for s in self.uploads + self.readers:
            s.close()
