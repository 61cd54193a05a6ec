"""What `make serve` starts (backend/serve.py): gunicorn behind Debian's nginx, which slow clients cannot freeze."""
import gzip
import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from backend import ROOT
from tests.benchmarks.driver import free_port
from tests.benchmarks.slow import Front, SlowClients, large_file, request

from .test_api import GOOD
from .test_server import Server


@pytest.fixture(scope="module")
def front(tmp_path_factory):
    # The write limit well above the slow clients' 100 uploads: the front counts a write before it reads the body.
    running = Front(tmp_path_factory.mktemp("front"), PARAAT_WRITE_LIMIT="150", PARAAT_WRITE_WINDOW="3600").start()
    yield running
    running.stop()


def test_slow_clients_cannot_freeze_what_make_serve_starts(front):
    assert len(request(front.port, "GET", large_file())[1]) > 100_000
    with SlowClients(front.port):
        for _ in range(3):  # generous timeouts: whether it answers at all, not how fast (make bench-front)
            assert request(front.port, "GET", "/healthz", timeout=30)[0] == 200
            status, page, _ = request(front.port, "GET", "/en/checklists/water", timeout=30)
            assert status == 200 and b"<h1" in page


def test_without_the_front_the_same_slow_clients_freeze_gunicorn(tmp_path):
    """Why the front is there: gunicorn alone gives each slow client one of its threads, and stops.

    One worker, so that the kernel's spread of connections over workers cannot leave one of them free: with
    more workers the same happens once the slow clients outnumber all their threads, as they do here (100).
    """
    server = Server(tmp_path / "alone.sqlite3", PARAAT_WORKERS="1").start()
    try:
        with SlowClients(server.port):
            timed_out = 0
            for _ in range(3):
                try:
                    request(server.port, "GET", "/healthz", timeout=2)
                except socket.timeout:
                    timed_out += 1
            assert timed_out == 3, "gunicorn alone kept answering under the slow clients"
    finally:
        server.stop()


def test_the_front_refuses_in_the_services_own_words(front):
    big = json.dumps({**GOOD, "note": "x" * 20000})
    status, body, response = request(front.port, "POST", "/api/households?lang=en", big,
                                      {"Content-Type": "application/json"})
    assert (status, response.getheader("Content-Type")) == (413, "application/json")
    assert json.loads(body)["error"] == {"code": "too_large", "message": "The request is too large.", "field": None}
    assert "default-src 'none'" in response.getheader("Content-Security-Policy")
    # The browser's language, as the app reads it, where the address names none.
    status, body, _ = request(front.port, "POST", "/api/households", big,
                              {"Content-Type": "application/json", "Accept-Language": "pl-PL,pl;q=0.9"})
    assert status == 413 and json.loads(body)["error"]["code"] == "too_large"
    assert json.loads(body)["error"]["message"] != "The request is too large."  # Polish, not English
    # A page: the site's error page in the path's language, with the page's own policy.
    status, body, response = request(front.port, "POST", "/en/checklists/", "adults=" + "1" * 20000,
                                     {"Content-Type": "application/x-www-form-urlencoded"})
    assert status == 413 and response.getheader("Content-Type").startswith("text/html")
    assert b'lang="en"' in body and b"The request is too large." in body
    assert "script-src" in response.getheader("Content-Security-Policy")
    # A chunked body over the limit, an address and headers too long, a length that is no number.
    chunked = b"4e20\r\n" + b"x" * 20000 + b"\r\n0\r\n\r\n"
    assert raw(front.port, b"POST /api/households HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n"
                           b"Content-Type: application/json\r\n\r\n" + chunked).startswith(b"HTTP/1.1 413")
    status, body, response = request(front.port, "GET", "/en/checklists/?x=" + "a" * 9000)
    assert status == 414 and response.getheader("Content-Type").startswith("text/html") and b"<h1" in body
    status, body, _ = request(front.port, "GET", "/en/checklists/", headers={"X-Big": "b" * 9000})
    assert status == 431 and b'lang="en"' in body
    answer = raw(front.port, b"POST /api/households HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n")
    assert answer.startswith(b"HTTP/1.1 400") and b"Content-Type: application/json" in answer
    assert b'"code":"bad_request"' in answer
    # The prepared answers are not addresses of their own.
    assert request(front.port, "GET", "/_paraat/refusals/api-en-413")[0] == 404


def raw(port, data):
    with socket.create_connection(("127.0.0.1", port), timeout=10) as s:
        s.sendall(data)
        answer = b""
        while chunk := s.recv(65536):
            answer += chunk
        return answer


def test_the_front_compresses_text_but_not_the_officials_pages(front):
    for path in ("/en/checklists/water", "/api/checklists/water?lang=en"):
        status, body, response = request(front.port, "GET", path, headers={"Accept-Encoding": "gzip"})
        assert status == 200 and response.getheader("Content-Encoding") == "gzip", path
        assert gzip.decompress(body)
    status, _, response = request(front.port, "GET", "/dashboard/login", headers={"Accept-Encoding": "gzip"})
    assert status == 200 and response.getheader("Content-Encoding") is None


def test_each_client_is_counted_not_the_front_and_not_what_a_client_claims(tmp_path):
    limited = Front(tmp_path, PARAAT_WRITE_LIMIT="2", PARAAT_WRITE_WINDOW="3600").start()
    try:
        def save(source, claimed):
            token = json.loads(request(limited.port, "GET", "/api/token", source=source)[1])["token"]
            return request(limited.port, "POST", "/api/households?lang=en", json.dumps({**GOOD, "token": token}),
                           {"Content-Type": "application/json", "X-Forwarded-For": claimed}, source=source)

        # The limit is 2 writes: a client cannot escape it by naming other addresses ...
        assert [save("127.0.0.2", f"10.0.0.{n}")[0] for n in range(2)] == [201, 201]
        status, body, response = save("127.0.0.2", "10.0.0.3")
        # ... refused at the front (which counts for every app server behind it), in the app's words ...
        assert status == 429 and response.getheader("Retry-After") == "60"
        assert json.loads(body)["error"]["message"].startswith("Too many changes came from your connection")
        # ... and another client is not held back by it (nor by the app: PARAAT_PROXIES=1 behind the front).
        assert save("127.0.0.3", "127.0.0.2")[0] == 201
        # A form post is refused with the site's error page in the path's language.
        status, body, _ = request(limited.port, "POST", "/en/checklists/", "adults=2", {
            "Content-Type": "application/x-www-form-urlencoded"}, source="127.0.0.2")
        assert status == 429 and b'lang="en"' in body and b"Too many changes at once" in body
    finally:
        limited.stop()


def test_behind_a_proxy_of_the_operators_the_front_passes_its_headers_on(tmp_path):
    """PARAAT_PROXIES=1: an HTTPS proxy before the front names the client; the app believes that proxy's header."""
    behind = Front(tmp_path, PARAAT_PROXIES="1", PARAAT_WRITE_LIMIT="1", PARAAT_WRITE_WINDOW="3600").start()
    try:
        def save(client):
            token = json.loads(request(behind.port, "GET", "/api/token")[1])["token"]
            return request(behind.port, "POST", "/api/households", json.dumps({**GOOD, "token": token}),
                           {"Content-Type": "application/json", "X-Forwarded-For": client,
                            "X-Forwarded-Proto": "https"})

        status, _, response = save("203.0.113.7")
        assert status == 201 and response.getheader("Strict-Transport-Security")  # the proxy ended HTTPS
        assert save("203.0.113.7")[0] == 429
        assert save("198.51.100.4")[0] == 201
    finally:
        behind.stop()


def test_a_busy_port_stops_it_with_one_line(tmp_path):
    with socket.create_server(("127.0.0.1", 0)) as taken:
        port = taken.getsockname()[1]
        done = subprocess.run([sys.executable, "-m", "backend.serve", "--run-dir", str(tmp_path / "run")], cwd=ROOT,
                              env={**os.environ, "PARAAT_BIND": f"127.0.0.1:{port}"}, capture_output=True, text=True,
                              timeout=60)
    assert done.returncode == 1
    assert done.stderr.strip().splitlines() == [done.stderr.strip()]
    assert done.stderr.startswith(f"Paraat cannot start: 127.0.0.1:{port} is in use")


def test_it_says_where_to_open_and_stops_both_servers_together(front):
    said = f"Paraat is served at http://127.0.0.1:{front.port}/; the officials' dashboard is at " \
           f"http://127.0.0.1:{front.port}/dashboard/"
    for _ in range(100):  # the front may answer a moment before the launcher has said so
        if said in front.log.read_text():
            break
        time.sleep(0.05)
    assert said in front.log.read_text()
    children = front.children()
    assert len(children) == 2  # gunicorn and nginx
    gunicorn = next(pid for pid in children if b"gunicorn" in Path(f"/proc/{pid}/cmdline").read_bytes())
    os.kill(gunicorn, signal.SIGKILL)  # one of them dies: the other is stopped with it
    assert front.process.wait(timeout=60) == 1
    for pid in children:
        assert not Path(f"/proc/{pid}").exists() or "zombie" in Path(f"/proc/{pid}/status").read_text()
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", front.port), timeout=2)


def test_when_the_app_does_not_answer_the_front_says_so_in_the_apps_words(app, tmp_path):
    from backend import front, i18n, refusals, serve

    run = front.prepare(tmp_path / "run")
    refusals.write_all(app, run / "refusals")
    languages = i18n.read_languages(ROOT / "mkdocs.yml")
    port = free_port()
    (run / "nginx.conf").write_text(front.config(run, f"127.0.0.1:{port}", 0, [lang.code for lang in languages], "nl",
                                                 front.read_headers(run), os.geteuid() == 0))
    nginx = subprocess.Popen([serve._nginx(), "-p", str(run), "-c", str(run / "nginx.conf"), "-e", "stderr",
                              "-g", "daemon off;"])  # and no gunicorn behind it
    try:
        for _ in range(200):
            try:
                socket.create_connection(("127.0.0.1", port)).close()
                break
            except OSError:
                time.sleep(0.05)
        status, body, response = request(port, "GET", "/api/checklists/water?lang=en")
        assert (status, response.getheader("Content-Type")) == (503, "application/json")
        assert json.loads(body)["error"]["code"] == "unavailable"
        assert json.loads(body)["error"]["message"].startswith("Answers cannot be saved or opened right now")
        status, body, response = request(port, "GET", "/en/checklists/")
        assert status == 503 and b"Not available right now" in body and b'lang="en"' in body
        status, body, _ = request(port, "GET", "/checklists/")  # Dutch, the source language, lives at /
        assert status == 503 and b'lang="nl"' in body
    finally:
        nginx.terminate()
        nginx.wait(timeout=30)
