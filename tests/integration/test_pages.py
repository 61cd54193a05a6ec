"""Every checklist page, in every offered language, keeps the page invariants."""
import re

import pytest

from backend import ROOT, i18n
from backend.definitions import load_checklists
from backend.errors import REFUSED, InputError
from backend.i18n import read_languages
from tests.conftest import module_app as app  # noqa: F401 (plain reads: one app for the module)
from tests.pages import check_page

LANGUAGES = read_languages(str(ROOT / "mkdocs.yml"))
CHECKLISTS = sorted(load_checklists(ROOT / "content" / "checklists", [lang.code for lang in LANGUAGES]))


PATHS = ["/checklists/", *(f"/checklists/{c}" for c in CHECKLISTS)]


@pytest.mark.parametrize("lang", LANGUAGES, ids=lambda lang: lang.code)
@pytest.mark.parametrize("path", PATHS)
def test_every_page_in_every_language(client, lang, path):
    response = client.get(lang.prefix + path)
    assert response.status_code == 200
    check_page(response, lang.code, lang.dir)
    assert "default-src 'self'" in response.headers["Content-Security-Policy"]
    html = response.get_data(as_text=True)
    # The site's own chrome, with its skip link leading to this page's heading.
    assert 'href="#pa-content" class="md-skip"' in html and '<h1 id="pa-content">' in html
    assert '<footer class="md-footer">' in html and 'class="md-search__form"' in html
    # The switcher offers this same page in every language.
    for other in LANGUAGES:
        assert f'href="{other.prefix}{path}" hreflang="{other.code}"' in html


def test_source_language_has_no_prefix(client):
    response = client.get("/nl/checklists/water?x=1")
    assert response.status_code == 301
    assert response.headers["Location"] == "/checklists/water?x=1"


def test_unknown_language_and_checklist_are_not_found(client):
    assert client.get("/xx/checklists/water").status_code == 404
    assert client.get("/checklists/bunker").status_code == 404
    assert client.get("/en/checklists/bunker").status_code == 404


def test_quantities_follow_the_household_without_javascript(client):
    html = client.post("/en/checklists/water", data={
        "adults": "2", "children": "3", "infants": "0", "pets": "0", "days": "3", "action": "recalc",
    }).get_data(as_text=True)
    assert ">45 litres<" in html
    html = client.post("/en/checklists/cash", data={"adults": "2", "children": "3", "days": "3"}).get_data(as_text=True)
    assert ">€230<" in html
    html = client.post("/checklists/water", data={"adults": "1", "days": "7"}).get_data(as_text=True)
    assert ">21 liter<" in html


def hidden_items(html):
    return set(re.findall(r'data-item="([a-z-]+)" hidden', html))


def test_items_for_babies_pets_and_care_show_only_when_they_apply(client):
    plain = client.post("/en/checklists/emergency-kit", data={"adults": "1", "days": "3"})
    assert hidden_items(plain.get_data(as_text=True)) == {"baby-food", "pet-food", "medicines"}
    family = client.post("/en/checklists/emergency-kit",
                         data={"adults": "1", "infants": "1", "care": "yes", "days": "3"})
    assert hidden_items(family.get_data(as_text=True)) == {"pet-food"}


def test_other_refusals_are_pages_in_the_path_language(client):
    response = client.put("/pl/checklists/water")
    assert response.status_code == 405 and "GET" in response.headers["Allow"]
    check_page(response, "pl")
    too_big = client.post("/ar/checklists/water", data={"adults": "1", "x": "y" * 20000})
    assert too_big.status_code == 413
    check_page(too_big, "ar", "rtl")
    # A short heading that fits a phone, the whole message below it.
    heading = re.search(r'<h1 id="pa-content">(.*?)</h1>\s*<p>(.*?)</p>', response.get_data(as_text=True))
    with client.application.test_request_context("/pl/"):
        i18n.use_language("pl")
        assert heading.groups() == (str(REFUSED), InputError("method_not_allowed").message)
    assert len(heading.group(1)) < 30


def test_source_language_prefix_keeps_queries_and_form_posts(client):
    post = client.post("/nl/checklists/water", data={"adults": "1"})
    assert post.status_code == 308 and post.headers["Location"] == "/checklists/water"
    assert client.get("/nl/").headers["Location"] == "/"


def test_alternates_use_the_configured_address_not_the_host_header(client):
    html = client.get("/en/checklists/water", headers={"Host": "evil.example"}).get_data(as_text=True)
    assert "evil.example" not in html
    assert 'hreflang="nl" href="http://127.0.0.1:8000/checklists/water"' in html


def test_the_caribbean_netherlands_is_no_safety_region_and_gets_its_own_advice(client):
    from tests.pages import t

    plain = client.get("/en/checklists/?adults=1&region=utrecht").get_data(as_text=True)
    islands = client.get("/en/checklists/?adults=1&region=caribisch-nederland").get_data(as_text=True)
    for html in (plain, islands):
        groups = re.findall(r'<optgroup label="([^"]+)">(.*?)</optgroup>', html, re.S)
        assert [label for label, _ in groups] == [t("en", "Safety regions (European Netherlands)"),
                                                  t("en", "Outside the European Netherlands")]
        assert "caribisch-nederland" not in groups[0][1] and 'value="caribisch-nederland"' in groups[1][1]
    assert re.search(r'<section class="pa-alert pa-islands" id="islands"[^>]*hidden', plain)
    assert not re.search(r'<section class="pa-alert pa-islands" id="islands"[^>]*hidden', islands)
    assert t("en", "The emergency number is 911.") in islands
    assert "US dollars" in t("en", "On the islands you pay with US dollars: keep some cash in small dollar notes. "
                                   "No official amount in dollars has been published.")
    # No promise of NL-Alert there: the islands' next step replaces the NL-Alert test day.
    assert re.search(r'<li data-islands="false" hidden>', islands) and re.search(r'<li data-islands="true" >', islands)
    kit = client.get("/ar/checklists/cash?adults=1&region=caribisch-nederland").get_data(as_text=True)
    assert 'id="islands"' in kit and t("ar", "The emergency number is 911.") in kit


@pytest.mark.parametrize("lang", [LANGUAGES[0], LANGUAGES[-1]], ids=lambda lang: lang.code)
def test_a_refused_page_switches_to_where_each_language_can_go_on(client, lang):
    def switcher(response):
        return dict((code, href) for href, code in re.findall(r'href="([^"]*)" hreflang="([^"]+)"',
                                                             response.get_data(as_text=True)))

    # A checklist nobody has: each language's home. A print of a household that cannot be: the overview.
    missing = client.get(f"{lang.prefix}/checklists/bunker")
    assert missing.status_code == 404
    assert switcher(missing) == {other.code: other.prefix + "/" for other in LANGUAGES}
    refused = client.get(f"{lang.prefix}/checklists/print?adults=many")
    assert refused.status_code == 400
    assert switcher(refused) == {other.code: f"{other.prefix}/checklists/" for other in LANGUAGES}
