"""Nothing that identifies a person is kept: no cookies, no addresses, no request logs."""
import logging
import re

from backend.storage import storage

SECRET_AGENT = "Mozilla/5.0 (PrivacyProbe) Identifying/1.0"
ADDRESS = "203.0.113.77"


def test_citizen_paths_set_no_cookie_and_keep_no_address(app, client, caplog):
    caplog.set_level(logging.DEBUG)
    environ = {"REMOTE_ADDR": ADDRESS, "HTTP_USER_AGENT": SECRET_AGENT, "HTTP_X_FORWARDED_FOR": ADDRESS}
    responses = [
        client.get("/checklists/water", environ_base=environ),
        client.post("/checklists/water", data={"adults": "1", "days": "3", "action": "save"}, environ_base=environ),
        client.post("/api/households", environ_base=environ, json={
            "lang": "nl", "household": {"adults": 1}, "days": 3, "checked": {"cash": ["coins"]}}),
        client.get("/api/checklists", environ_base=environ),
    ]
    for response in responses:
        assert response.status_code < 400
        assert "Set-Cookie" not in response.headers
    assert ADDRESS not in caplog.text and "PrivacyProbe" not in caplog.text
    with app.app_context():
        db = storage().connect()
        dump = "\n".join(db.conn.iterdump())
        db.conn.close()
    assert ADDRESS not in dump and "PrivacyProbe" not in dump
    # Days only, never a time of day.
    rows = "".join(r for r in dump.splitlines() if r.startswith('INSERT INTO "households"'))
    # (A time looks like 12:34 or 2026-11-29T12; a random household code may hold "T38" by chance.)
    assert rows and not re.search(r"\d:\d\d|\d{4}-\d\d-\d\d[T ]\d", rows)


def test_a_failing_household_page_logs_no_household_code(app, client, caplog, monkeypatch):
    """An error's log line has a time: it names the view, never the path that holds the code."""
    from backend.views import checklists

    code = client.post("/api/households", json={"lang": "nl", "household": {"adults": 1}, "days": 3,
                                                "checked": {}}).get_json()["id"]

    def broken(*args, **kwargs):
        raise RuntimeError("a fault while rendering")

    monkeypatch.setattr(checklists, "_render", broken)
    app.config["PROPAGATE_EXCEPTIONS"] = False
    caplog.set_level(logging.DEBUG)
    assert client.get(f"/en/checklists/saved/{code}/").status_code == 500
    assert "a fault while rendering" in caplog.text and "saved_overview" in caplog.text
    assert code not in caplog.text


def test_a_household_s_answers_are_kept_by_no_cache(client):
    code = client.post("/api/households", json={"lang": "nl", "household": {"adults": 1}, "days": 3,
                                                "checked": {}}).get_json()["id"]
    for path in (f"/api/households/{code}", f"/checklists/saved/{code}/", f"/en/checklists/saved/{code}/water",
                 f"/en/checklists/saved/{code}/print"):
        response = client.get(path)
        assert response.status_code == 200 and response.headers["Cache-Control"] == "no-store", path
    assert "no-store" not in client.get("/en/checklists/water").headers.get("Cache-Control", "")


def _rows_with_a_time_of_day(app):
    """Every stored row, of every table, that holds something like 12:34 or 2026-11-29T12."""
    with app.app_context():
        db = storage().connect()
        dump = [line for line in db.conn.iterdump() if line.startswith("INSERT INTO")]
        db.conn.close()
    return dump, [line for line in dump if re.search(r"\d:\d\d|\d{4}-\d\d-\d\d[T ]\d", line)]


def test_a_household_changed_by_api_and_by_form_keeps_no_time_of_day(app, client):
    household = {"lang": "nl", "household": {"adults": 1}, "days": 3, "checked": {}}
    code = client.post("/api/households", json=household).get_json()["id"]
    changed = client.put(f"/api/households/{code}", json={**household, "days": 7, "checked": {"cash": ["coins"]}})
    assert changed.status_code == 200, changed.get_data(as_text=True)
    saved = client.post("/en/checklists/water", data={"adults": "2", "days": "3", "action": "save"})
    assert saved.status_code == 303
    path = saved.headers["Location"].split("?")[0].rsplit("/", 1)[0] + "/"
    again = client.post(path + "cash", data={"adults": "2", "days": "10", "cash": ["coins"], "action": "save"})
    assert again.status_code == 303
    dump, timed = _rows_with_a_time_of_day(app)
    assert any(code in line for line in dump) and not timed, timed
