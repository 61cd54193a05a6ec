"""Faults and abuse, in process: a database that cannot be written, a flood of writes, a broken checklist."""
import re
import shutil
import sqlite3

import pytest

from backend import ROOT, create_app, guard, households, i18n
from backend.definitions import DefinitionError
from backend.errors import HEADINGS, InputError
from backend.storage import Storage, storage

from .test_api import GOOD, create


@pytest.fixture
def read_only(monkeypatch):
    """Every new connection to the database refuses to write, as on a read-only disk, until turned off."""
    fault = {"on": False}
    connect = Storage.connect

    def faulty(self):
        db = connect(self)
        if fault["on"]:
            db.execute("PRAGMA query_only = ON")  # writes fail as SQLITE_READONLY
        return db

    monkeypatch.setattr(Storage, "connect", faulty)
    return fault


def test_a_read_only_database_answers_503_in_words_and_recovers_by_itself(app, client, counts, read_only):
    with app.app_context():  # saved before the fault, past the writer, which connects on its first write
        s = storage()
        rid = s.create(s.connect(), households.parse(GOOD))
    read_only["on"] = True
    before = counts()
    for response in (client.put(f"/api/households/{rid}", json={**GOOD, "days": 7}),
                     client.post("/api/households", json=GOOD),
                     client.delete(f"/api/households/{rid}")):
        assert response.status_code == 503
        assert response.headers["Retry-After"]
        assert response.json["error"]["code"] == "unavailable"
    # A page's save: the same page, saying so, with what was typed kept.
    for path in (f"/en/checklists/saved/{rid}/water", "/en/checklists/"):
        page = client.post(path, data={"adults": "4", "action": "save"})
        assert page.status_code == 503 and page.headers["Retry-After"]
        assert page.mimetype == "text/html"
        html = page.get_data(as_text=True)
        assert re.search(r'role="alert" id="form-error">.*Answers cannot be saved or opened right now', html, re.S)
        assert re.search(r'name="adults"[^>]*value="4"', html)
    read_only["on"] = False
    assert counts() == before
    # The fault is gone: the very next requests work, with no restart.
    assert client.put(f"/api/households/{rid}", json={**GOOD, "days": 7}).status_code == 200
    assert client.get(f"/api/households/{rid}").json["days"] == 7


def test_a_database_that_cannot_be_read_answers_a_short_page_in_words(app, client, monkeypatch):
    def unreadable(*_args):
        raise sqlite3.OperationalError("database disk image is malformed")

    monkeypatch.setattr(Storage, "get", unreadable)
    page = client.get(f"/ar/checklists/saved/{'A' * 24}/water")
    assert page.status_code == 503 and page.headers["Retry-After"]
    with app.test_request_context("/ar/"):
        i18n.use_language("ar")
        expected = (str(HEADINGS[503]), InputError("unavailable").message)
    html = page.get_data(as_text=True)
    assert re.search(r'<h1 id="pa-content">(.*?)</h1>\s*<p>(.*?)</p>', html).groups() == expected
    assert 'dir="rtl"' in html


def fresh_tokens(app, n):
    with app.test_request_context():
        return iter([guard.token() for _ in range(n)])


def test_a_flood_of_writes_from_one_client_makes_at_most_the_limit_of_households(tmp_path, monkeypatch):
    # A small limit flooded forty times over: the rule that keeps the default 300, in a tenth of the requests.
    limit, flood = 25, 1_000
    app = create_app({"TESTING": True, "DATABASE": str(tmp_path / "flood.sqlite3"), "WRITE_LIMIT": limit})
    app.extensions["paraat.limiter"].clock = lambda: 1_800_000_030.0  # one window, wherever the run falls
    monkeypatch.setattr(guard, "clock", lambda: 1_800_000_030.0)
    client, tokens = app.test_client(), fresh_tokens(app, flood + 3)
    statuses = {}
    for _ in range(flood):
        status = client.post("/api/households", json={**GOOD, "token": next(tokens)}).status_code
        statuses[status] = statuses.get(status, 0) + 1
    assert statuses == {201: limit, 429: flood - limit}
    with app.app_context():
        s = storage()
        s.writer.run(lambda db: None)  # the refusals were counted in earlier commits
        db = s.connect()
        assert db["households"].count == limit
        assert s.refused(db) == 1  # one client counts once a minute: it cannot inflate the officials' figure
    # 1_800_000_030 is 30 s into a 60 s window: the next write fits once the next window has begun.
    refused = client.post("/api/households", json={**GOOD, "token": next(tokens)})
    assert refused.status_code == 429 and 30 < int(refused.headers["Retry-After"]) <= 90
    # Another client is not held back by the flood.
    other = client.post("/api/households", json={**GOOD, "token": next(tokens)},
                        environ_base={"REMOTE_ADDR": "192.0.2.7"})
    assert other.status_code == 201


def test_a_broken_checklist_stops_start_up_naming_file_item_and_field(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content" / "checklists", content / "checklists")
    shutil.copy(ROOT / "content" / "regions.yml", content / "regions.yml")
    water = content / "checklists" / "water.yml"
    water.write_text(water.read_text(encoding="utf-8").replace("essential: true", "essential: maybe", 1),
                     encoding="utf-8")
    with pytest.raises(DefinitionError, match=r"water\.yml: item '[a-z-]+': field 'essential'"):
        create_app({"TESTING": True, "DATABASE": str(tmp_path / "x.sqlite3"), "CONTENT_DIR": str(content)})


def test_a_new_household_needs_a_fresh_single_use_token(app, bare_client, counts, monkeypatch):
    """Missing, forged, expired or used: 403 (a refusal of permission), nothing stored."""
    before = counts()
    body = {**GOOD, "lang": "en"}
    for token, code in ((None, "invalid_token"), ("forged.token", "invalid_token"), (7, "invalid_token")):
        sent = body if token is None else {**body, "token": token}
        response = bare_client.post("/api/households", json=sent)
        assert (response.status_code, response.json["error"]["code"]) == (403, code)
        assert response.json["error"]["field"] == "token"
    answer = bare_client.get("/api/token")
    assert answer.headers["Cache-Control"] == "no-store"  # fetched when the person saves, never from a cache
    token = answer.json["token"]
    assert bare_client.get("/api/token").json["token"] != token  # one per ask
    # An hour later the token has expired.
    import time as clock
    later = clock.time() + guard.TOKEN_AGE + 60
    monkeypatch.setattr("itsdangerous.timed.time.time", lambda: later)
    stale = bare_client.post("/api/households", json={**body, "token": token})
    assert (stale.status_code, stale.json["error"]["code"]) == (403, "stale_page")
    assert "load the page again" in stale.json["error"]["message"]
    monkeypatch.undo()
    assert counts() == before
    assert bare_client.post("/api/households", json={**body, "token": token}).status_code == 201
    saved = counts()
    # Used once, it is used up: replayed from another address or the same, it saves nothing more.
    for address in ("127.0.0.1", "192.0.2.9"):
        again = bare_client.post("/api/households", json={**body, "token": token}, environ_base={"REMOTE_ADDR": address})
        assert (again.status_code, again.json["error"]["code"]) == (403, "used_token")
    assert counts() == saved


def test_a_used_token_is_remembered_in_the_database_by_every_server(app, tmp_path):
    """Two apps over one database (two server machines): a token used on one is refused by the other."""
    other = create_app({"TESTING": True, "DATABASE": app.config["DATABASE"]})
    try:
        with app.test_request_context():
            token = guard.token()
        assert app.test_client().post("/api/households", json={**GOOD, "token": token}).status_code == 201
        replay = other.test_client().post("/api/households", json={**GOOD, "token": token})
        assert replay.json["error"]["code"] == "used_token"
        db = sqlite3.connect(app.config["DATABASE"])
        assert db.execute("SELECT * FROM used_tokens").fetchall() == [(token.split(".")[0], clock_day())]
        db.close()
    finally:
        other.extensions["paraat.storage"].close()


def clock_day():
    from datetime import date
    return date.today().isoformat()


def test_the_honeypot_refuses_a_filled_in_save_form(client, counts):
    page = client.get("/en/checklists/").get_data(as_text=True)
    assert re.search(r'<div hidden><input type="text" name="website" tabindex="-1"', page)
    before = counts()
    token = client.get("/api/token").json["token"]
    response = client.post("/en/checklists/", data={"adults": "2", "action": "save", "token": token,
                                                    "website": "https://example.org"})
    assert response.status_code == 400
    assert "A field that must stay empty was filled in" in response.get_data(as_text=True)
    assert counts() == before
    saved = client.post("/en/checklists/", data={"adults": "2", "action": "save", "token": token, "website": ""})
    assert saved.status_code == 303


def test_behind_a_proxy_each_forwarded_client_has_its_own_limit(tmp_path):
    app = create_app({"TESTING": True, "DATABASE": str(tmp_path / "proxy.sqlite3"), "PROXIES": 1,
                      "WRITE_LIMIT": 3})
    client = app.test_client()

    def save(address):
        # The proxy appends the address it saw; whatever the client wrote before it is not trusted.
        return client.post("/api/households", json={**GOOD, "token": client.get("/api/token").json["token"]},
                           headers={"X-Forwarded-For": f"203.0.113.9, {address}"}).status_code

    assert [save("198.51.100.1") for _ in range(4)] == [201, 201, 201, 429]
    assert save("198.51.100.2") == 201
    # One IPv6 home (a /64) is one client, whichever of its addresses it writes from.
    assert [save(f"2001:db8:5:6::{n}") for n in range(1, 5)] == [201, 201, 201, 429]
    assert save("2001:db8:5:7::1") == 201


def test_the_officials_figures_say_how_many_writes_were_refused(app, client, bare_client):
    from .test_dashboard_access import add_official, log_in

    for address in ("192.0.2.1", "192.0.2.2", "192.0.2.3"):
        for _ in range(5):  # one client counts once per kind a minute, however often it is refused
            bare_client.post("/api/households", json={**GOOD, "token": "not one we made"},
                             environ_base={"REMOTE_ADDR": address})
    with app.app_context():
        storage().writer.run(lambda db: None)
    add_official(app)
    log_in(client)
    assert client.get("/api/stats/dashboard").json["refused_writes"] == 3
    page = client.get("/en/dashboard/").get_data(as_text=True)
    assert re.search(r'<p id="refused">Writes the service refused in this period, nationally: 3\.', page)
