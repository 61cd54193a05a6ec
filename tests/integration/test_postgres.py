"""Two app servers on one PostgreSQL: concurrent writes through both, a kill -9 of one, one write limit and one
login slow-down at the front they share, and an official's logout that ends the session on both."""
import http.client
import http.cookiejar
import json
import os
import re
import subprocess
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

from backend import ROOT
from backend.storage import Storage, tallies
from tests.pg import _catalogue

from backend.front import LOGIN_BURST
from tests.benchmarks.slow import Front, request

from .test_api import GOOD
from .test_server import Server

LIMIT = 80  # writes one client may make through the shared front, to both servers together
APP_LIMIT = 60  # what each server allows one client on its own: fewer, so one server alone would refuse sooner


def token(server):
    """A fresh single-use creation token, as a page asks for one when the person saves."""
    return json.loads(server.request("GET", "/api/token")[1])["token"]


def write_through_both(servers, acknowledged, pending, stop):
    """Households saved and changed through one server after the other, as long as they answer; each client
    from an address of its own (each stays within a server's own limit)."""
    def client(n):
        server, source = servers[n % 2], f"127.0.1.{n + 1}"
        try:
            while not stop.is_set():
                status, body, _ = server.request("POST", "/api/households", {**GOOD, "token": token(server)},
                                                 timeout=10, source=source)
                if status != 201:
                    return
                rid = json.loads(body)["id"]
                acknowledged[rid] = 3
                for days in (7, 10):
                    pending[rid] = days
                    if server.request("PUT", f"/api/households/{rid}", {**GOOD, "days": days}, timeout=10,
                                      source=source)[0] != 200:
                        return
                    acknowledged[rid] = days
        except (OSError, http.client.HTTPException):  # this client's server is gone
            return

    return [threading.Thread(target=client, args=(n,)) for n in range(6)]


class Browser:
    """An official's browser: one cookie jar for both servers (cookies do not depend on the port)."""

    def __init__(self):
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def open(self, server, path, form=None):
        """GET, or POST the form, to a server (or the front: anything with a port)."""
        data = urllib.parse.urlencode(form).encode() if form is not None else None
        try:
            with self.opener.open(f"http://127.0.0.1:{server.port}{path}", data, timeout=10) as response:
                return response.status, response.geturl(), response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.geturl(), error.read().decode()


def csrf(html):
    return re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html).group(1)


def check_the_shared_front(front, servers):
    """The write limit and the login slow-down hold for both servers together, counted at the front."""
    started, made = time.monotonic(), 0
    while True:
        # Tokens straight from a server, so that the front passes the saves to the two servers in turn.
        body = json.dumps({**GOOD, "token": token(servers[made % 2])})
        status, answer, response = request(front.port, "POST", "/api/households?lang=en", body,
                                           {"Content-Type": "application/json"}, source="127.0.0.2")
        if status != 201:
            break
        made += 1
    # Refused by the front, in the app's words: each server alone allows this client APP_LIMIT, both 2 x APP_LIMIT.
    assert status == 429 and response.getheader("Retry-After") == "60", (status, answer)
    assert json.loads(answer)["error"]["code"] == "too_many_requests"
    assert json.loads(answer)["error"]["message"].startswith("Too many changes came from your connection")
    # nginx lets a write back in every minute (LIMIT in 10^7 seconds is less than one a minute).
    assert LIMIT <= made <= LIMIT + 1 + (time.monotonic() - started) // 60

    # The login slow-down: tries of one client, passed to the two servers in turn, are counted together.
    browser, started, tries = Browser(), time.monotonic(), 0
    form = {"email": "nobody@gemeente.nl", "password": "a wrong guess", "csrf_token": csrf(browser.open(
        servers[0], "/en/dashboard/login")[2])}
    while True:
        status, _, page = browser.open(front, "/en/dashboard/login", form)
        if status != 401:
            break
        tries += 1
    # The front's page, in the path's language: the app's own slow-down would show the login form again.
    assert status == 429 and "Too many tries. Try again in 1 minute." in page and "csrf_token" not in page
    assert 'lang="en"' in page
    assert LOGIN_BURST + 1 <= tries <= LOGIN_BURST + 1 + (time.monotonic() - started) // 10


def test_two_app_servers_on_one_postgresql(postgres, tmp_path):
    url = postgres.new_database(migrated=True)
    # Behind the front (PARAAT_PROXIES=1), each server counts the client the front names; a window no test
    # run crosses the end of.
    settings = {"PARAAT_WORKERS": "1", "PARAAT_THREADS": "4", "PARAAT_WRITE_LIMIT": str(APP_LIMIT),
                "PARAAT_WRITE_WINDOW": str(10 ** 7), "PARAAT_PROXIES": "1"}
    servers = [Server(url, log=tmp_path / f"{n}.log", **settings).start() for n in range(2)]
    acknowledged, pending, stop = {}, {}, threading.Event()
    try:
        clients = write_through_both(servers, acknowledged, pending, stop)
        for c in clients:
            c.start()
        deadline = time.monotonic() + 60
        while len(acknowledged) < 30:
            assert time.monotonic() < deadline, f"only {len(acknowledged)} households saved in a minute"
            time.sleep(0.01)
        servers[0].kill()  # master and worker at once, writes in flight; the other server goes on
        time.sleep(0.3)
        stop.set()
        for c in clients:
            c.join()

        # Every acknowledged write is stored as acknowledged (an answer lost in the kill may have been written).
        for rid, days in acknowledged.items():
            status, body, _ = servers[1].request("GET", f"/api/households/{rid}")
            assert status == 200, rid
            assert json.loads(body)["days"] in {days, pending.get(rid, days)}

        servers[0].start()

        # The tallies equal a recount from the households.
        store = Storage(url, _catalogue())
        db = store.connect()
        try:
            assert tallies.stored(db) == tallies.recount(db, store.read)
        finally:
            db.conn.close()
            store.close()

        # An official logs in on one server; logging out on the other ends the session on both.
        env = {"PARAAT_DATABASE": url, "PARAAT_SECRET_KEY": "a test key, the same across restarts"}
        subprocess.run([str(ROOT / ".venv/bin/flask"), "--app", "backend", "officials", "add", "o@gemeente.nl"],
                       input="a long enough password\n", text=True, check=True, cwd=ROOT, capture_output=True,
                       env={**os.environ, **env})
        browser = Browser()
        page = browser.open(servers[0], "/dashboard/login")[2]
        browser.open(servers[0], "/dashboard/login", {"email": "o@gemeente.nl", "password": "a long enough password",
                                                      "csrf_token": csrf(page)})
        for server in servers:
            status, where, _ = browser.open(server, "/dashboard/")
            assert status == 200 and where.endswith("/dashboard/"), where
        copied = list(browser.jar)
        page = browser.open(servers[1], "/dashboard/")[2]
        assert browser.open(servers[1], "/dashboard/logout", {"csrf_token": csrf(page)})[0] == 200
        # The cookie from before the logout, copied back: refused on both.
        for cookie in copied:
            browser.jar.set_cookie(cookie)
        for server in servers:
            status, where, _ = browser.open(server, "/dashboard/")
            assert "/dashboard/login" in where, where

        # One front before both servers (a restarted one included) counts one client for both together.
        front = Front(tmp_path / "front", PARAAT_APP_SERVERS=",".join(f"127.0.0.1:{s.port}" for s in servers),
                      PARAAT_WRITE_LIMIT=str(LIMIT), PARAAT_WRITE_WINDOW=str(10 ** 7)).start()
        try:
            check_the_shared_front(front, servers)
        finally:
            front.stop()
    finally:
        stop.set()
        for server in servers:
            server.stop()


def test_an_app_server_with_another_secret_key_stops_with_one_line(postgres, tmp_path):
    url = postgres.new_database(migrated=True)
    first = Server(url, log=tmp_path / "first.log").start()  # the key every server of this database must have
    try:
        env = {**os.environ, "PARAAT_DATABASE": url, "PARAAT_BIND": "127.0.0.1:0", "PARAAT_SECRET_KEY": "another key"}
        done = subprocess.run([str(ROOT / ".venv/bin/gunicorn"), "--config", str(ROOT / "gunicorn.conf.py")],
                              cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
        assert done.returncode != 0
        assert done.stderr.strip().splitlines() == ["Paraat cannot start: PARAAT_SECRET_KEY differs from the key of the other app servers on "
                        "this database; give every app server the same PARAAT_SECRET_KEY."], done.stderr
        assert "another key" not in done.stderr
        # The same key as the first: a second server starts (a restart is the same).
        Server(url, log=tmp_path / "second.log").start().stop()
    finally:
        first.stop()
