"""Faults and abuse, in process: a database that cannot be written, a flood of writes, a broken checklist."""
import shutil

import pytest

from backend import ROOT, create_app
from backend.checklists import DefinitionError
from backend.storage import Storage, storage
from backend.views import api

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
        rid = s.create(s.connect(), api.parse(GOOD))
    read_only["on"] = True
    before = counts()
    for response in (client.put(f"/api/households/{rid}", json={**GOOD, "days": 7}),
                     client.post("/api/households", json=GOOD),
                     client.delete(f"/api/households/{rid}")):
        assert response.status_code == 503
        assert response.headers["Retry-After"]
        assert response.json["error"]["code"] == "unavailable"
    page = client.post(f"/en/checklists/saved/{rid}/water", data={"adults": "1", "action": "save"})
    assert page.status_code == 503
    assert "Answers cannot be saved or opened right now" in page.get_data(as_text=True)
    assert page.mimetype == "text/html"
    read_only["on"] = False
    assert counts() == before
    # The fault is gone: the very next requests work, with no restart.
    assert client.put(f"/api/households/{rid}", json={**GOOD, "days": 7}).status_code == 200
    assert client.get(f"/api/households/{rid}").json["days"] == 7


def test_a_flood_of_writes_from_one_client_makes_at_most_the_limit_of_households(tmp_path):
    app = create_app({"TESTING": True, "DATABASE": str(tmp_path / "flood.sqlite3")})
    limit = app.config["WRITE_LIMIT"]
    app.extensions["paraat.limiter"].clock = lambda: 1_800_000_030.0  # one window, wherever the run falls
    client = app.test_client()
    token = client.get("/api/checklists/water").json["token"]
    statuses = {}
    for _ in range(10_000):
        status = client.post("/api/households", json={**GOOD, "token": token}).status_code
        statuses[status] = statuses.get(status, 0) + 1
    assert statuses == {201: limit, 429: 10_000 - limit}
    with app.app_context():
        s = storage()
        s.writer.run(lambda db: None)  # the refusals were counted in earlier commits
        db = s.connect()
        assert db["households"].count == limit
        assert s.refused(db, "2000-01-01", "2999-12-31") == 10_000 - limit
    # Another client is not held back by the flood.
    other = client.post("/api/households", json={**GOOD, "token": token}, environ_base={"REMOTE_ADDR": "192.0.2.7"})
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
