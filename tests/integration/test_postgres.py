"""Two app servers on one PostgreSQL: concurrent writes through both, a kill -9 of one, one write limit,
and an official's logout that ends the session on both."""
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

from .test_api import GOOD
from .test_server import Server

LIMIT = 240  # writes one client (here: every request, all from 127.0.0.1) may make, on both servers together


def token(server):
    """A fresh single-use creation token, as a page asks for one when the person saves."""
    return json.loads(server.request("GET", "/api/token")[1])["token"]


def write_through_both(servers, acknowledged, pending, stop, answered):
    """Households saved and changed through one server after the other, as long as they answer."""
    def client(n):
        server = servers[n % 2]
        try:
            while not stop.is_set():
                status, body, _ = server.request("POST", "/api/households", {**GOOD, "token": token(server)},
                                                 timeout=10)
                if status != 201:
                    return
                rid = json.loads(body)["id"]
                acknowledged[rid] = 3
                answered.append(rid)
                for days in (7, 10):
                    pending[rid] = days
                    if server.request("PUT", f"/api/households/{rid}", {**GOOD, "days": days}, timeout=10)[0] != 200:
                        return
                    acknowledged[rid] = days
                    answered.append(rid)
        except (OSError, http.client.HTTPException):  # this client's server is gone
            return

    return [threading.Thread(target=client, args=(n,)) for n in range(6)]


class Browser:
    """An official's browser: one cookie jar for both servers (cookies do not depend on the port)."""

    def __init__(self):
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def open(self, server, path, form=None):
        data = urllib.parse.urlencode(form).encode() if form is not None else None
        try:
            with self.opener.open(f"http://127.0.0.1:{server.port}{path}", data, timeout=10) as response:
                return response.status, response.geturl(), response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.geturl(), error.read().decode()


def csrf(html):
    return re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html).group(1)


def test_two_app_servers_on_one_postgresql(postgres, tmp_path):
    url = postgres.new_database(migrated=True)
    settings = {"PARAAT_WORKERS": "1", "PARAAT_THREADS": "4", "PARAAT_WRITE_LIMIT": str(LIMIT),
                "PARAAT_WRITE_WINDOW": str(10 ** 7)}  # a window no test run crosses the end of
    servers = [Server(url, log=tmp_path / f"{n}.log", **settings).start() for n in range(2)]
    acknowledged, pending, stop, answered = {}, {}, threading.Event(), []
    try:
        clients = write_through_both(servers, acknowledged, pending, stop, answered)
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

        # The limit holds for both servers together, a restarted one included: each alone would allow LIMIT.
        servers[0].start()
        made, refused = 0, {0: 0, 1: 0}
        while refused[0] < 2 or refused[1] < 2:
            n = made % 2 if refused[0] < 2 and refused[1] < 2 else (0 if refused[0] < 2 else 1)
            # A token from the other server: both know it, and each is used once on either.
            status = servers[n].request("POST", "/api/households", {**GOOD, "token": token(servers[1 - n])})[0]
            if status == 201:
                made += 1
            else:
                assert status == 429
                refused[n] += 1
            assert made <= LIMIT
        # Counted but not answered: at most the writes in flight when the first server was killed.
        assert LIMIT - 6 <= len(answered) + made <= LIMIT

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
    finally:
        stop.set()
        for server in servers:
            server.stop()
