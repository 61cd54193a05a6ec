"""The whole household journey without JavaScript: links that carry the household, form posts, a resume link."""
import re
from urllib.parse import parse_qs, urlsplit

from flask_babel import force_locale
from markupsafe import escape
from werkzeug.datastructures import MultiDict

from backend.errors import InputError

from tests.pages import check_page, t

FAMILY = {"adults": "2", "children": "3", "infants": "0", "pets": "0", "days": "3", "region": "utrecht"}


def saved_path(response, lang="en", checklist=""):
    assert response.status_code == 303, response.get_data(as_text=True)[:500]
    prefix = f"/{lang}" if lang else ""
    match = re.fullmatch(rf"({prefix}/checklists/saved/([A-Za-z0-9_-]{{24}})/){checklist}\?saved=(?:new|1)",
                         response.headers["Location"])
    assert match, response.headers["Location"]
    return match.group(1), match.group(2)


def links(html, checklist):
    return re.findall(rf'href="([^"]*/checklists/[^"]*{checklist}[^"]*)"', html)


def test_the_household_entered_once_travels_to_every_checklist(client, counts):
    overview = client.get("/en/checklists/", query_string=FAMILY)
    check_page(overview, "en")
    html = overview.get_data(as_text=True)
    assert ">45 litres<" in html and ">€230<" in html  # water and cash for 2 adults and 3 children
    water_link = next(link for link in links(html, "water") if "?" in link)
    assert parse_qs(urlsplit(water_link.replace("&amp;", "&")).query)["children"] == ["3"]
    water = client.get(water_link.replace("&amp;", "&"))
    assert ">45 litres<" in water.get_data(as_text=True)
    kit = client.get("/en/checklists/emergency-kit", query_string=FAMILY).get_data(as_text=True)
    assert ">45 litres<" in kit and ">€230<" in kit
    assert counts()["households"] == 0  # GET changes nothing


def test_a_tick_travels_to_the_same_item_in_another_checklist(client):
    kit = client.get("/en/checklists/emergency-kit", query_string={**FAMILY, "water": "drinking-water"})
    html = kit.get_data(as_text=True)
    assert re.search(r'value="drinking-water"\s+checked', html)
    # The kit page decides its own drinking water: unticking it here unticks it in the water checklist too.
    unticked = client.post("/en/checklists/emergency-kit", data={**FAMILY}).get_data(as_text=True)
    assert not re.search(r'name="water" value="drinking-water"', unticked)


def test_save_come_back_change_and_forget(client, counts):
    path, rid = saved_path(client.post("/en/checklists/water", data={**FAMILY, "water": "drinking-water",
                                                                    "action": "save"}), checklist="water")
    page = client.get(path + "water?saved=new")
    check_page(page, "en")
    html = page.get_data(as_text=True)
    assert t("en", "Your answers are saved.") in html
    assert re.search(r'value="drinking-water"\s+checked', html)
    assert f'href="{path}"' in html  # the resume link to bookmark
    assert f">http://127.0.0.1:8000{path}</bdi></a>" in html  # and its address in full
    stored = client.get(f"/api/households/{rid}").json
    assert stored["region"] == "utrecht" and stored["checked"]["emergency-kit"] == ["drinking-water"]

    # The cash page adds its ticks; the water ticks stay.
    again = client.post(path + "cash", data={**FAMILY, "days": "7", "cash": ["coins"], "action": "save"})
    assert saved_path(again, checklist="cash") == (path, rid)
    stored = client.get(f"/api/households/{rid}").json
    assert stored["days"] == 7 and stored["checked"]["cash"] == ["coins"]
    assert stored["checked"]["water"] == ["drinking-water"]
    # The overview changes the household and keeps every tick.
    client.post(path, data={**FAMILY, "adults": "1", "action": "save"})
    stored = client.get(f"/api/households/{rid}").json
    assert stored["household"]["adults"] == 1 and stored["checked"]["cash"] == ["coins"]
    assert counts()["households"] == 1

    asked = client.post(path, data={"action": "forget"})  # one more question first, and nothing changes yet
    assert asked.status_code == 200 and 'value="yes"' in asked.get_data(as_text=True)
    check_page(asked, "en")
    assert counts()["households"] == 1
    forgotten = client.post(path, data={"action": "forget", "confirm": "yes"})
    assert forgotten.status_code == 303 and forgotten.headers["Location"] == f"/en/checklists/?forgotten={rid}"
    forgotten_page = client.get(forgotten.headers["Location"]).get_data(as_text=True)
    assert t("en", "Your answers are forgotten: they are deleted from our server.") in forgotten_page
    assert counts()["households"] == 0 and counts()["household_items"] == 0
    for gone in (client.get(path), client.get(path + "water")):
        assert gone.status_code == 404
        check_page(gone, "en")


def test_ticking_every_essential_shows_ready_without_javascript(client):
    from tests.pages import essentials

    ticks = MultiDict([*FAMILY.items(), ("action", "save")])
    path, _ = saved_path(client.post("/en/checklists/", data=ticks))
    for checklist, items in essentials().items():
        client.post(path + checklist, data=MultiDict([*FAMILY.items(), *((checklist, i) for i in items),
                                                      ("action", "save")]))
        page = client.get(path + checklist).get_data(as_text=True)
        assert t("en", "This checklist is complete.").split(".")[0] in page
    overview = client.get(path).get_data(as_text=True)
    ready = re.search(r'<section class="pa-ready" id="ready"[^>]*>', overview).group(0)
    assert "hidden" not in ready


def test_earlier_resume_links_lead_to_the_household(client):
    path, rid = saved_path(client.post("/en/checklists/", data={**FAMILY, "action": "save"}))
    earlier = client.get(f"/en/checklists/water/saved/{rid}")
    assert earlier.status_code == 301 and earlier.headers["Location"] == f"{path}water"


def test_bad_form_input_is_explained_in_the_page_language_and_writes_nothing(app, client, counts):
    for data, code, field in [
        ({**FAMILY, "adults": "many"}, "not_integer", "household.adults"),
        ({**FAMILY, "adults": "0", "children": "0"}, "empty_household", "household"),
        ({**FAMILY, "days": "5"}, "invalid_days", "days"),
        ({**FAMILY, "region": "atlantis"}, "unknown_region", "region"),
        ({**FAMILY, "water": "torch"}, "unknown_item", "checked"),
        ({**FAMILY, "adults": "99"}, "out_of_range", "household.adults"),
        ({**FAMILY, "adults": "7" * 5000}, "out_of_range", "household.adults"),
    ]:
        with app.test_request_context(), force_locale("en"):
            message = InputError(code, field, low=0, high=20).message
        for response in (client.post("/en/checklists/water", data={**data, "action": "save"}),
                         client.get("/en/checklists/water", query_string=data)):
            assert response.status_code == 400
            check_page(response, "en")
            assert 'role="alert"' in response.get_data(as_text=True)
            assert escape(message) in response.get_data(as_text=True)
    dutch = client.post("/checklists/water", data={**FAMILY, "days": "5", "action": "save"})
    assert "Kies 3, 7 of 10 dagen." in dutch.get_data(as_text=True)  # the goals (goals.py) in Dutch words
    assert counts()["households"] == 0


def test_head_answers_like_get_and_changes_nothing(client, counts):
    for path in ("/en/checklists/", "/en/checklists/water", "/checklists/cash"):
        get, head = client.get(path), client.head(path)
        assert head.status_code == get.status_code == 200
        assert head.get_data() == b""
        assert head.headers["Content-Length"] == get.headers["Content-Length"]
    path, rid = saved_path(client.post("/en/checklists/", data={**FAMILY, "action": "save"}))
    for action in ("save", "forget"):
        head = client.head(path, data={**FAMILY, "adults": "4", "action": action})
        assert head.status_code == 200
    assert client.get(f"/api/households/{rid}").json["household"]["adults"] == 2
    assert counts()["households"] == 1


def test_a_saved_form_refuses_bad_input_and_keeps_the_record(client):
    path, rid = saved_path(client.post("/en/checklists/", data={**FAMILY, "action": "save"}))
    response = client.post(path + "water", data={**FAMILY, "adults": "-3", "action": "save"})
    assert response.status_code == 400
    assert client.get(f"/api/households/{rid}").json["household"]["adults"] == 2


def test_the_language_switch_keeps_the_saved_household(client):
    path, rid = saved_path(client.post("/en/checklists/", data={**FAMILY, "action": "save"}))
    html = client.get(path + "water").get_data(as_text=True)
    assert f'href="/checklists/saved/{rid}/water" hreflang="nl"' in html
    assert client.get(f"/checklists/saved/{rid}/water").status_code == 200


def test_a_field_given_twice_or_oddly_written_is_refused(client, counts):
    twice = client.post("/en/checklists/water", data=MultiDict([*FAMILY.items(), ("adults", "5"), ("action", "save")]))
    assert twice.status_code == 400
    assert 'id="adults" name="adults"' in twice.get_data(as_text=True)
    odd = client.post("/en/checklists/water", data={**FAMILY, "adults": "1_0", "action": "save"})
    assert odd.status_code == 400
    arabic_digits = client.post("/ar/checklists/water", data={**FAMILY, "adults": "٢"})
    assert arabic_digits.status_code == 200
    assert counts()["households"] == 0


def test_a_refused_form_shows_what_was_typed(client):
    html = client.post("/en/checklists/water", data={
        **FAMILY, "adults": "99", "days": "7", "action": "save"}).get_data(as_text=True)
    assert re.search(r'id="adults" name="adults"[^>]*value="99"[^>]*aria-invalid="true"', html)
    assert re.search(r'id="days-7"[^>]*checked', html)


def test_answers_forgotten_meanwhile_get_a_clear_page(client, monkeypatch):
    from backend.storage import Storage
    from backend.storage.records import NotFound

    path, _ = saved_path(client.post("/en/checklists/", data={**FAMILY, "action": "save"}))

    def gone(*args, **kwargs):
        raise NotFound("forgotten in another tab")

    monkeypatch.setattr(Storage, "update", gone)
    monkeypatch.setattr(Storage, "delete", gone)
    for action in ("save", "forget"):
        response = client.post(path + "water", data={**FAMILY, "action": action, "confirm": "yes"})
        assert response.status_code == 404
        check_page(response, "en")
        assert 'role="alert"' in response.get_data(as_text=True)


def test_a_saved_page_refuses_unknown_or_repeated_ticks_and_stores_nothing_of_them(client, counts):
    path, rid = saved_path(client.post("/en/checklists/", data={**FAMILY, "action": "save"}))
    before = counts()
    for ticks in (["drinking-water", "Jan Jansen, Dorpsstraat 1"], ["drinking-water", "drinking-water"]):
        response = client.post(path + "water", data=MultiDict([*FAMILY.items(), *(("water", i) for i in ticks),
                                                               ("action", "save")]))
        assert response.status_code == 400
    assert counts() == before
    assert client.get(f"/api/households/{rid}").json["checked"]["water"] == []


def test_a_refusal_keeps_the_ticks_and_what_was_typed_and_its_links_carry_no_defaults(client):
    sent = MultiDict([*{**FAMILY, "adults": "25", "days": "7"}.items(), ("water", "drinking-water"),
                      ("cash", "small-notes"), ("cash", "made-up"), ("action", "save")])
    html = client.post("/en/checklists/water", data=sent).get_data(as_text=True)
    assert re.search(r'value="drinking-water"\s+checked', html)
    assert '<input type="hidden" name="cash" value="small-notes">' in html and "made-up" not in html
    assert re.search(r'id="adults" name="adults"[^>]*value="25"', html)
    assert "?adults=1&amp;" not in html  # no link hands on the default household
    refused_link = client.get("/en/checklists/", query_string={"adults": "abc", "children": "2", "days": "7"})
    assert refused_link.status_code == 400
    page = refused_link.get_data(as_text=True)
    assert re.search(r'id="adults" name="adults"[^>]*value="abc"', page)
    assert re.search(r'id="children" name="children"[^>]*value="2"', page) and re.search(r'id="days-7"[^>]*checked', page)


def test_the_page_script_speaks_the_page_language_and_a_made_up_forget_notice_is_not_shown(client):
    import json

    path, rid = saved_path(client.post("/checklists/", data={**FAMILY, "action": "save"}), lang="")
    english = client.get(f"/en/checklists/saved/{rid}/water").get_data(as_text=True)
    data = json.loads(re.search(r'<script type="application/json" id="checklist-data">(.*?)</script>',
                                english, re.S).group(1))
    assert data["state"]["lang"] == "en"
    made_up = client.get("/en/checklists/?forgotten=1").get_data(as_text=True)
    assert t("en", "Your answers are forgotten: they are deleted from our server.") not in made_up
