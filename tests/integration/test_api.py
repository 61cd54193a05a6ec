import json

import pytest

from tests.pages import t

from backend.storage import new_id

GOOD = {"checklist": "water", "lang": "en",
        "household": {"adults": 2, "children": 3, "infants": 0, "pets": 0, "care": False},
        "days": 3, "region": "utrecht", "checked": ["drinking-water"]}


def create(client, body=GOOD):
    response = client.post("/api/responses", json=body)
    assert response.status_code == 201, response.json
    return response.json["id"]


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


def test_create_read_update_delete(client, counts):
    rid = create(client)
    assert len(rid) == 24
    assert client.get(f"/api/responses/{rid}").json == {"id": rid, **GOOD}
    changed = {**GOOD, "days": 7, "region": None, "checked": []}
    response = client.put(f"/api/responses/{rid}", json=changed)
    assert response.status_code == 200 and response.json == {"id": rid, **changed}
    assert client.get(f"/api/responses/{rid}").json["days"] == 7
    assert counts()["responses"] == 1
    assert client.delete(f"/api/responses/{rid}").status_code == 204
    assert client.get(f"/api/responses/{rid}").status_code == 404
    assert counts()["responses"] == 0 and counts()["response_items"] == 0


def body_with(**changes):
    return json.dumps({**GOOD, **changes})


BAD_BODIES = [
    ("{not json", "invalid_json", None),
    ("[1, 2]", "not_an_object", None),
    (body_with(ip="127.0.0.1"), "unknown_field", "ip"),
    (body_with(checklist="bunker"), "unknown_checklist", "checklist"),
    (body_with(checked=["torch"]), "unknown_item", "checked"),
    (body_with(region="atlantis"), "unknown_region", "region"),
    (body_with(household={"adults": -1}), "out_of_range", "household.adults"),
    (body_with(household={"adults": 21}), "out_of_range", "household.adults"),
    (body_with(household={"adults": "two"}), "not_integer", "household.adults"),
    (body_with(household={"adults": 0, "children": 0, "infants": 0}), "empty_household", "household"),
    (body_with(days=4), "invalid_days", "days"),
    (body_with(days=None), "not_integer", "days"),
    (body_with(lang="xx"), "unknown_language", "lang"),
    (json.dumps({**GOOD, "checked": ["x" * 20000]}), "too_large", None),
]


@pytest.mark.parametrize("body, code, field", BAD_BODIES, ids=[c for _, c, _ in BAD_BODIES])
@pytest.mark.parametrize("method", ["POST", "PUT"])
def test_bad_input_is_refused_and_writes_nothing(client, counts, body, code, field, method):
    rid = create(client)
    before = counts()
    url = "/api/responses" if method == "POST" else f"/api/responses/{rid}"
    response = client.open(url, method=method, data=body, content_type="application/json",
                           headers={"Accept-Language": "en"})
    assert 400 <= response.status_code < 500
    error = response.json["error"]
    assert (error["code"], error["field"]) == (code, field)
    assert error["message"]
    assert counts() == before
    assert client.get(f"/api/responses/{rid}").json == {"id": rid, **GOOD}


def test_errors_speak_the_language_of_the_request(client):
    dutch = client.post("/api/responses", json={**GOOD, "lang": "nl", "days": 4}).json["error"]
    english = client.post("/api/responses", json={**GOOD, "lang": "en", "days": 4}).json["error"]
    assert dutch["code"] == english["code"] == "invalid_days"
    assert english["message"] == t("en", "Choose 3, 7 or 10 days.")
    assert dutch["message"] == t("nl", "Choose 3, 7 or 10 days.") != english["message"]
    # Without a usable lang in the body, the browser's preference decides.
    broken = client.post("/api/responses", data="{", content_type="application/json",
                         headers={"Accept-Language": "nl"})
    assert broken.json["error"]["message"] == t("nl", "The request body is not valid JSON.")


def test_ids_unknown_malformed_or_for_another_checklist(client, counts):
    rid = create(client)
    before = counts()
    for method in ("GET", "PUT", "DELETE"):
        unknown = client.open(f"/api/responses/{new_id()}", method=method, json=GOOD)
        assert unknown.status_code == 404 and unknown.json["error"]["code"] == "not_found"
        malformed = client.open("/api/responses/not-an-id", method=method, json=GOOD)
        assert malformed.status_code == 404 and malformed.json["error"]["code"] == "malformed_id"
    other = client.put(f"/api/responses/{rid}", json={**GOOD, "checklist": "cash", "checked": []})
    assert other.status_code == 409 and other.json["error"]["code"] == "checklist_mismatch"
    assert counts() == before


def test_the_api_speaks_json_only(client, counts):
    before = counts()
    form = client.post("/api/responses", data={"checklist": "water"})
    assert form.status_code == 415 and form.json["error"]["code"] == "unsupported_media_type"
    wrong_method = client.patch("/api/responses")
    assert wrong_method.status_code == 405 and "POST" in wrong_method.headers["Allow"]
    assert client.get("/api/nothing-here").json["error"]["code"] == "not_found"
    assert counts() == before


def test_health(client):
    assert client.get("/healthz").json == {"status": "ok"}


def test_repeated_keys_and_null_bodies_are_refused(client, counts):
    before = counts()
    twice = '{"checklist": "water", "lang": "en", "household": {"adults": 1}, "days": 3, "checklist": "cash"}'
    response = client.post("/api/responses", data=twice, content_type="application/json")
    assert response.status_code == 400
    assert (response.json["error"]["code"], response.json["error"]["field"]) == ("duplicate_field", "checklist")
    null = client.post("/api/responses", data="null", content_type="application/json")
    assert null.status_code == 400 and null.json["error"]["code"] == "not_an_object"
    assert counts() == before


def test_unknown_definitions_and_the_bare_api_path_answer_json_404(client):
    for url in ("/api/checklists/bunker", "/api", "/api/"):
        response = client.get(url)
        assert response.status_code == 404 and response.json["error"]["code"] == "not_found", url
