"""Files, forwarded headers, the officials' cookie and the settings: what a careful operator would check."""
import base64
import json
import os
import stat
import subprocess
import zlib

import pytest

from backend import ROOT, create_app
from backend.storage import storage

from .test_api import GOOD
from .test_dashboard_access import add_official, log_in
from .test_server import Server


def test_the_database_and_its_wal_and_shm_are_for_this_user_only(app, client, tmp_path):
    client.post("/api/households", json=GOOD)
    database = app.config["DATABASE"]
    for path in (database, database + "-wal", database + "-shm", database + ".writer-lock"):
        assert stat.S_IMODE(os.stat(path).st_mode) == 0o600, path


def test_a_database_made_readable_for_everyone_earlier_is_closed_at_start(tmp_path):
    database = tmp_path / "old.sqlite3"
    database.touch(mode=0o644)
    os.chmod(database, 0o644)
    made = create_app({"TESTING": True, "DATABASE": str(database)})
    made.extensions["paraat.storage"].close()
    assert stat.S_IMODE(os.stat(database).st_mode) == 0o640  # others lose access; a group the operator chose keeps it


def cookie_payload(value):
    data = value.split(".")[0 if not value.startswith(".") else 1]
    raw = base64.urlsafe_b64decode(data + "=" * (-len(data) % 4))
    return json.loads(zlib.decompress(raw) if value.startswith(".") else raw)


def test_the_officials_cookie_holds_no_hash_of_address_or_browser(official, client):
    assert log_in(client).status_code == 302
    payload = cookie_payload(client.get_cookie("paraat_official").value)
    assert "_id" not in payload
    assert set(payload) <= {"_user_id", "_fresh", "csrf_token", "_permanent"}
    assert client.get("/dashboard/").status_code == 200  # still logged in


def test_gunicorn_trusts_no_forwarded_header_by_default(tmp_path):
    server = Server(tmp_path / "fwd.sqlite3").start()
    try:
        import http.client
        conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
        conn.request("GET", "/healthz", headers={"X-Forwarded-Proto": "https", "X-Forwarded-For": "192.0.2.1"})
        response = conn.getresponse()
        response.read()
        assert response.getheader("Strict-Transport-Security") is None
        conn.close()
    finally:
        server.stop()


@pytest.mark.parametrize("name, value", [("PARAAT_PROXIES", "true"), ("PARAAT_WORKERS", "two"),
                                         ("PARAAT_WRITE_LIMIT", "-1"), ("PARAAT_SITE_URL", "example.org"),
                                         ("PARAAT_DATABASE", ":memory:"), ("PARAAT_APP_SERVERS", "front.example.org")])
def test_a_bad_setting_stops_start_up_with_one_line_naming_it(tmp_path, name, value):
    env = {**os.environ, "PARAAT_DATABASE": str(tmp_path / "x.sqlite3"), "PARAAT_BIND": "127.0.0.1:0", name: value}
    done = subprocess.run([str(ROOT / ".venv/bin/gunicorn"), "--config", str(ROOT / "gunicorn.conf.py")], cwd=ROOT,
                          env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode != 0
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and name in lines[0], done.stderr


def test_an_in_memory_database_is_refused_with_one_line(tmp_path):
    with pytest.raises(SystemExit, match="PARAAT_DATABASE=':memory:'"):
        create_app({"TESTING": True, "DATABASE": ":memory:"})
    assert not (ROOT / ":memory:.writer-lock").exists()


@pytest.fixture
def official(app):
    add_official(app)
    return app
