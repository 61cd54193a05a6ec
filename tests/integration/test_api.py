import json

import pytest

from tests.pages import t

from backend.storage.records import new_id

GOOD = {"lang": "en",
        "household": {"adults": 2, "children": 3, "infants": 0, "pets": 0, "care": False},
        "days": 3, "region": "utrecht", "checked": {"water": ["drinking-water"]}}
# What a household reads back: every checklist, and an item shared by two checklists ticked in both.
STORED = {**GOOD, "checked": {"cash": [], "emergency-kit": ["drinking-water"], "water": ["drinking-water"]}}


def create(client, body=GOOD):
    response = client.post("/api/households", json=body)
    assert response.status_code == 201, response.json
    assert response.headers["Location"] == f"/api/households/{response.json['id']}"
    return response.json["id"]


def fields(body):
    return {k: v for k, v in body.items() if k not in ("progress", "ready")}


def test_definitions(client):
    listing = client.get("/api/checklists?lang=en").json["checklists"]
    assert {c["id"] for c in listing} == {"emergency-kit", "water", "cash"}
    water = client.get("/api/checklists/water?lang=en").json
    item = next(i for i in water["items"] if i["id"] == "drinking-water")
    assert item["quantity"] == {"unit": "litre", "adult": 3, "child": 3, "infant": 3, "pet": 0,
                                "household": 0, "per_day": True}
    assert item["text"] == "Bottled drinking water"
    assert water["units"]["litre"]["other"] == "%(num)s litres"
    assert client.get("/api/checklists/water?lang=nl").json["items"][0]["text"] == "Drinkwater in flessen"


def test_create_read_replace_delete(client, counts):
    rid = create(client)
    assert len(rid) == 24
    read = client.get(f"/api/households/{rid}").json
    assert fields(read) == {"id": rid, **STORED}
    assert read["progress"]["water"] == {"essential": 1, "essential_checked": 1, "complete": True}
    assert read["progress"]["emergency-kit"]["essential_checked"] == 1
    assert read["ready"] is False
    changed = {**GOOD, "days": 7, "region": None, "checked": {}}
    response = client.put(f"/api/households/{rid}", json=changed)
    empty = {"cash": [], "emergency-kit": [], "water": []}
    assert response.status_code == 200 and fields(response.json) == {"id": rid, **changed, "checked": empty}
    assert response.json["progress"]["water"]["complete"] is False
    assert client.get(f"/api/households/{rid}").json["days"] == 7
    assert counts()["households"] == 1
    assert client.delete(f"/api/households/{rid}").status_code == 204
    assert client.get(f"/api/households/{rid}").status_code == 404
    assert counts()["households"] == 0 and counts()["household_items"] == 0


def test_forgetting_removes_every_row_that_held_the_households_ticks(app, client, engine):
    from backend.storage import storage, tallies

    keep = create(client)
    rid = client.post("/api/households", json={**GOOD, "checked": {"emergency-kit": ["torch", "radio"],
                                                                   "water": ["drinking-water"]}}).json["id"]
    with app.app_context():
        db = storage().connect()
        assert db.execute("SELECT COUNT(*) FROM household_items WHERE household_id = ?", [rid]).fetchone()[0] == 4
        # Without the foreign key's help: the forgetting itself removes the rows (PostgreSQL's never deletes any).
        if engine == "sqlite":
            db.execute("PRAGMA foreign_keys = OFF")
        storage().delete(db, rid)
        assert db.execute("SELECT COUNT(*) FROM household_items WHERE household_id = ?", [rid]).fetchone()[0] == 0
        assert db.execute("SELECT COUNT(*) FROM households WHERE id = ?", [rid]).fetchone()[0] == 0
        assert db.execute("SELECT COUNT(*) FROM household_items WHERE household_id = ?", [keep]).fetchone()[0] > 0
        assert tallies.stored(db) == tallies.recount(db, storage().read)
        db.conn.close()


def test_ticking_every_essential_makes_the_household_ready(client):
    essentials = {}
    for cid in ("emergency-kit", "water", "cash"):
        items = client.get(f"/api/checklists/{cid}?lang=en").json["items"]
        essentials[cid] = [i["id"] for i in items if i["essential"] and i["only_if"] is None]
    rid = create(client, {**GOOD, "checked": essentials})
    read = client.get(f"/api/households/{rid}").json
    assert read["ready"] is True and all(p["complete"] for p in read["progress"].values())
    # A baby in the home adds an essential (baby food): no longer ready.
    with_baby = client.put(f"/api/households/{rid}", json={
        **GOOD, "household": {**GOOD["household"], "infants": 1}, "checked": essentials}).json
    assert with_baby["ready"] is False
    assert with_baby["progress"]["emergency-kit"]["essential"] == len(essentials["emergency-kit"]) + 1


def body_with(**changes):
    return json.dumps({**GOOD, **changes})


BAD_BODIES = [
    ("{not json", "invalid_json", None),
    ("[1, 2]", "not_an_object", None),
    (body_with(ip="127.0.0.1"), "unknown_field", "ip"),
    (body_with(checklist="water"), "unknown_field", "checklist"),
    (body_with(checked={"bunker": []}), "unknown_checklist", "checked"),
    (body_with(checked={"water": ["torch"]}), "unknown_item", "checked"),
    (body_with(checked={"water": ["drinking-water", "drinking-water"]}), "duplicate_item", "checked"),
    (body_with(checked=["drinking-water"]), "not_an_object", "checked"),
    (body_with(checked={"water": "drinking-water"}), "not_list", "checked"),
    (body_with(household={"adults": 1, "email": "x"}), "unknown_field", "household.email"),
    (body_with(region="atlantis"), "unknown_region", "region"),
    (body_with(household={"adults": -1}), "out_of_range", "household.adults"),
    (body_with(household={"adults": 21}), "out_of_range", "household.adults"),
    (body_with(household={"adults": "two"}), "not_integer", "household.adults"),
    (body_with(household={"adults": 0, "children": 0, "infants": 0}), "empty_household", "household"),
    (body_with(days=4), "invalid_days", "days"),
    (body_with(days=None), "not_integer", "days"),
    (body_with(lang="xx"), "unknown_language", "lang"),
    (json.dumps({**GOOD, "checked": {"water": ["x" * 20000]}}), "too_large", None),
]


@pytest.mark.parametrize("body, code, field", BAD_BODIES, ids=[c for _, c, _ in BAD_BODIES])
@pytest.mark.parametrize("method", ["POST", "PUT"])
def test_bad_input_is_refused_and_writes_nothing(client, counts, body, code, field, method):
    rid = create(client)
    before = counts()
    url = "/api/households" if method == "POST" else f"/api/households/{rid}"
    response = client.open(url, method=method, data=body, content_type="application/json",
                           headers={"Accept-Language": "en"})
    assert 400 <= response.status_code < 500
    error = response.json["error"]
    assert (error["code"], error["field"]) == (code, field)
    assert error["message"]
    assert counts() == before
    assert fields(client.get(f"/api/households/{rid}").json) == {"id": rid, **STORED}


def test_errors_speak_the_language_of_the_request(client):
    dutch = client.post("/api/households", json={**GOOD, "lang": "nl", "days": 4}).json["error"]
    english = client.post("/api/households", json={**GOOD, "lang": "en", "days": 4}).json["error"]
    assert dutch["code"] == english["code"] == "invalid_days"
    assert english["message"] == "Choose 3, 7, or 10 days."  # the goals (goals.py), listed in each language
    assert dutch["message"] == "Kies 3, 7 of 10 dagen."
    # Without a usable lang in the body, the browser's preference decides.
    broken = client.post("/api/households", data="{", content_type="application/json",
                         headers={"Accept-Language": "nl"})
    assert broken.json["error"]["message"] == t("nl", "The request body is not valid JSON.")


def test_ids_unknown_or_malformed(client, counts):
    create(client)
    before = counts()
    for method in ("GET", "PUT", "DELETE"):
        unknown = client.open(f"/api/households/{new_id()}", method=method, json=GOOD)
        assert unknown.status_code == 404 and unknown.json["error"]["code"] == "not_found"
        for bad in ("not-an-id", "9" * 5000):
            malformed = client.open(f"/api/households/{bad}", method=method, json=GOOD)
            assert malformed.status_code == 404 and malformed.json["error"]["code"] == "malformed_id"
    assert counts() == before


def test_the_earlier_api_is_gone(client):
    gone = client.post("/api/responses", json=GOOD)
    assert gone.status_code in (404, 405) and gone.json["error"]["code"] in ("not_found", "method_not_allowed")


def test_the_api_speaks_json_only(client, counts):
    before = counts()
    form = client.post("/api/households", data={"lang": "en"})
    assert form.status_code == 415 and form.json["error"]["code"] == "unsupported_media_type"
    wrong_method = client.patch("/api/households")
    assert wrong_method.status_code == 405 and "POST" in wrong_method.headers["Allow"]
    assert client.get("/api/nothing-here").json["error"]["code"] == "not_found"
    assert counts() == before


def test_health(client):
    assert client.get("/healthz").json == {"status": "ok"}


def test_repeated_keys_and_null_bodies_are_refused(client, counts):
    before = counts()
    twice = '{"lang": "en", "household": {"adults": 1}, "days": 3, "days": 7}'
    response = client.post("/api/households", data=twice, content_type="application/json")
    assert response.status_code == 400
    assert (response.json["error"]["code"], response.json["error"]["field"]) == ("duplicate_field", "days")
    null = client.post("/api/households", data="null", content_type="application/json")
    assert null.status_code == 400 and null.json["error"]["code"] == "not_an_object"
    assert counts() == before


def test_unknown_definitions_and_the_bare_api_path_answer_json_404(client):
    for url in ("/api/checklists/bunker", "/api", "/api/"):
        response = client.get(url)
        assert response.status_code == 404 and response.json["error"]["code"] == "not_found", url
