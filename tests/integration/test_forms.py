"""The whole checklist path without JavaScript: plain form posts and a resume link."""
import re

from flask_babel import force_locale
from markupsafe import escape

from backend.errors import InputError

from tests.pages import check_page, t

FAMILY = {"adults": "2", "children": "3", "infants": "0", "pets": "0", "days": "3", "region": "utrecht"}


def saved_path(response):
    assert response.status_code == 303
    match = re.fullmatch(r"(/en/checklists/water/saved/([A-Za-z0-9_-]{24}))\?saved=1", response.headers["Location"])
    assert match, response.headers["Location"]
    return match.group(1), match.group(2)


def test_save_come_back_change_and_forget(client, counts):
    path, rid = saved_path(client.post("/en/checklists/water", data={**FAMILY, "checked": "drinking-water",
                                                                    "action": "save"}))
    page = client.get(path + "?saved=1")
    check_page(page, "en")
    html = page.get_data(as_text=True)
    assert t("en", "Your answers are saved.") in html
    assert re.search(r'value="drinking-water"\s+checked', html)
    assert f'href="{path}"' in html  # the resume link to bookmark
    assert client.get(f"/api/responses/{rid}").json["region"] == "utrecht"

    again = client.post(path, data={**FAMILY, "days": "7", "checked": ["drinking-water", "check-dates"],
                                    "action": "save"})
    assert saved_path(again) == (path, rid)
    stored = client.get(f"/api/responses/{rid}").json
    assert stored["days"] == 7 and stored["checked"] == ["check-dates", "drinking-water"]
    assert counts()["responses"] == 1

    forgotten = client.post(path, data={"action": "forget"})
    assert forgotten.status_code == 303 and forgotten.headers["Location"] == "/en/checklists/water?forgotten=1"
    forgotten_page = client.get(forgotten.headers["Location"]).get_data(as_text=True)
    assert t("en", "Your answers are forgotten: they are deleted from our server.") in forgotten_page
    assert counts()["responses"] == 0
    gone = client.get(path)
    assert gone.status_code == 404
    check_page(gone, "en")


def test_recalculating_saves_nothing(client, counts):
    html = client.post("/en/checklists/water", data={**FAMILY, "action": "recalc"}).get_data(as_text=True)
    assert ">45 litres<" in html
    assert counts()["responses"] == 0


def test_bad_form_input_is_explained_in_the_page_language_and_writes_nothing(app, client, counts):
    for data, code, field in [
        ({**FAMILY, "adults": "many"}, "not_integer", "household.adults"),
        ({**FAMILY, "adults": "0", "children": "0"}, "empty_household", "household"),
        ({**FAMILY, "days": "5"}, "invalid_days", "days"),
        ({**FAMILY, "region": "atlantis"}, "unknown_region", "region"),
        ({**FAMILY, "checked": "torch"}, "unknown_item", "checked"),
        ({**FAMILY, "adults": "99"}, "out_of_range", "household.adults"),
    ]:
        with app.test_request_context(), force_locale("en"):
            message = InputError(code, field, low=0, high=20).message
        response = client.post("/en/checklists/water", data={**data, "action": "save"})
        assert response.status_code == 400
        check_page(response, "en")
        assert 'role="alert"' in response.get_data(as_text=True)
        assert escape(message) in response.get_data(as_text=True)
    dutch = client.post("/checklists/water", data={**FAMILY, "days": "5", "action": "save"})
    assert t("nl", "Choose 3, 7 or 10 days.") in dutch.get_data(as_text=True)
    assert t("nl", "Choose 3, 7 or 10 days.") != "Choose 3, 7 or 10 days."
    assert counts()["responses"] == 0


def test_a_saved_form_refuses_bad_input_and_keeps_the_record(client):
    path, rid = saved_path(client.post("/en/checklists/water", data={**FAMILY, "action": "save"}))
    response = client.post(path, data={**FAMILY, "adults": "-3", "action": "save"})
    assert response.status_code == 400
    assert client.get(f"/api/responses/{rid}").json["household"]["adults"] == 2


def test_the_language_switch_keeps_the_saved_checklist(client):
    path, rid = saved_path(client.post("/en/checklists/water", data={**FAMILY, "action": "save"}))
    html = client.get(path).get_data(as_text=True)
    assert f'href="/checklists/water/saved/{rid}" hreflang="nl"' in html
    assert client.get(f"/checklists/water/saved/{rid}").status_code == 200


def test_a_field_given_twice_or_oddly_written_is_refused(client, counts):
    from werkzeug.datastructures import MultiDict

    twice = client.post("/en/checklists/water", data=MultiDict([*FAMILY.items(), ("adults", "5"), ("action", "save")]))
    assert twice.status_code == 400
    assert 'id="adults" name="adults"' in twice.get_data(as_text=True)
    odd = client.post("/en/checklists/water", data={**FAMILY, "adults": "1_0", "action": "save"})
    assert odd.status_code == 400
    arabic_digits = client.post("/ar/checklists/water", data={**FAMILY, "adults": "٢", "action": "recalc"})
    assert arabic_digits.status_code == 200
    assert counts()["responses"] == 0


def test_a_refused_form_shows_what_was_typed(client):
    html = client.post("/en/checklists/water", data={
        **FAMILY, "adults": "99", "days": "7", "checked": "check-dates", "action": "save"}).get_data(as_text=True)
    assert re.search(r'id="adults" name="adults"[^>]*value="99"[^>]*aria-invalid="true"', html)
    assert re.search(r'id="days-7"[^>]*checked', html)
    assert re.search(r'value="check-dates"\s+checked', html)


def test_answers_forgotten_meanwhile_get_a_clear_page(client, monkeypatch):
    from backend.storage import NotFound, Storage

    path, _ = saved_path(client.post("/en/checklists/water", data={**FAMILY, "action": "save"}))

    def gone(*args, **kwargs):
        raise NotFound("forgotten in another tab")

    monkeypatch.setattr(Storage, "update", gone)
    monkeypatch.setattr(Storage, "delete", gone)
    for action in ("save", "forget"):
        response = client.post(path, data={**FAMILY, "action": action})
        assert response.status_code == 404
        check_page(response, "en")
        assert 'role="alert"' in response.get_data(as_text=True)
