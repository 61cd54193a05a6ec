"""Every dashboard figure against households counted by hand, and the protection on every page and file."""
import csv
import json
import re
from datetime import date

import pytest

from backend import ROOT, create_app
from backend.answers import Answers, normalized
from backend.checklists import Household, checklists
from backend.i18n import read_languages
from backend.storage import storage
from backend.views.exports import NAMES
from tests.integration.test_dashboard_access import add_official, log_in
from tests.conftest import CHEAP_HASH, Visitor, no_noise, table_counts
from tests.pages import essentials

# Every offered language has a row, in the order mkdocs.yml gives (a new language is a new row).
CODES = [lang.code for lang in read_languages(str(ROOT / "mkdocs.yml"))]

READY = essentials()
# (how many, region, language, household, days goal, day first saved, ticks)
CROWD = [
    (40, "utrecht", "nl", Household(2), 3, date(2026, 11, 2), READY),
    (23, "twente", "en", Household(1), 7, date(2026, 11, 3), {"water": ["drinking-water"]}),
    (12, None, "ar", Household(4, 1), 10, date(2026, 11, 10), READY),
    (3, "zeeland", "pl", Household(3), 3, date(2026, 11, 10), {"emergency-kit": ["torch"]}),
]


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def app(request, tmp_path_factory):
    """Counted by hand: without noise (conftest.no_noise), so every figure is its raw count or "<10".
    One app per engine for the module: its tests only read (the dashboard fixture checks that they wrote
    nothing)."""
    folder = tmp_path_factory.mktemp("dashboard")
    database = (str(folder / "paraat.sqlite3") if request.param == "sqlite"
                else request.getfixturevalue("postgres").new_database(migrated=True))
    made = create_app({"TESTING": True, "DATABASE": database, "PTABLE": no_noise(folder),
                       "PASSWORD_HASH": CHEAP_HASH})
    yield made
    made.extensions["paraat.storage"].close()


@pytest.fixture(scope="module")
def client(app):
    app.test_client_class = Visitor
    return app.test_client()


@pytest.fixture(scope="module")
def dashboard(app, client):
    """The CROWD saved, and the client logged in as an official: made once, read by every test of a module."""
    with app.app_context():
        s, catalogue = storage(), checklists()
        db = s.connect()
        for n, region, lang, household, days, day, ticks in CROWD:
            for _ in range(n):
                s.create(db, Answers(lang=lang, household=household, days=days, region=region,
                                     checked=normalized(catalogue, ticks)), today=day)
        db.conn.close()
    add_official(app)
    log_in(client)
    filled = table_counts(app)

    def figures(query=""):
        response = client.get(f"/api/stats/dashboard?lang=en&{query}")
        assert response.status_code == 200, response.json
        return response.json

    yield figures
    assert table_counts(app) == filled, "a test changed the shared dashboard"


def count(value):
    return {"value": value, "shown": str(value)} if value is not None else {"value": None, "shown": "<10"}


def test_the_headline_per_checklist_and_per_item(dashboard):
    r = dashboard()
    # 78 households, 52 ready (40 + 12), 12 of them with a goal of 10 days. Shares come from the
    # shown counts: 52 of 78, 12 of 78.
    assert r["headline"]["households"] == count(78)
    assert {g: (s["kind"], s["percent"]) for g, s in r["headline"]["ready"].items()} == {
        "3": ("percent", 67), "7": ("percent", 15), "10": ("percent", 15)}
    per = {c["id"]: (c["started"]["value"], c["complete"]["value"]) for c in r["checklists"]}
    # The kit: everyone started (drinking water is the same item as in the water checklist).
    assert per == {"emergency-kit": (78, 52), "water": (75, 75), "cash": (52, 52)}
    items = {(i["checklist"], i["item"]): i for i in r["items"]}
    assert items[("water", "drinking-water")]["households"] == count(75)
    # 75 of 78 have it: fewer than 10 lack it, so only a safe "more than".
    assert items[("water", "drinking-water")]["share"]["kind"] == "more_than"
    assert items[("emergency-kit", "torch")]["households"] == count(55)  # 52 + 3
    assert items[("emergency-kit", "torch")]["share"]["percent"] == 71  # 55 of 78 shown
    assert items[("emergency-kit", "radio")]["share"]["percent"] == 67  # 52 of 78 shown
    # Essentials for everyone first, the least common first.
    first = [i for i in r["items"] if i["essential"] and i["for_everyone"]]
    assert r["items"][:len(first)] == first
    shown = [i["households"]["value"] for i in first]
    assert shown == sorted(shown)


def test_over_time_per_day_and_per_week(dashboard):
    r = dashboard()
    days = {row["period"]: (row["new"]["value"], row["ready"]["value"]) for row in r["over_time"]["day"]["rows"]}
    assert days["2026-11-02"] == (40, 40)
    assert days["2026-11-03"] == (23, 0)
    assert days["2026-11-10"] == (15, 12)  # 15 new, 12 ready
    assert days["2026-11-04"] == (0, 0)
    assert list(days)[0] == "2026-11-02" and list(days)[-1] == date.today().isoformat()
    weeks = {row["period"]: (row["new"]["value"], row["ready"]["value"]) for row in r["over_time"]["week"]["rows"]}
    assert weeks["2026-W45"] == (63, 40) and weeks["2026-W46"] == (15, 12)
    assert r["over_time"]["week"]["total_new"] == count(78)
    assert r["over_time"]["week"]["total_ready"] == count(52)


def test_one_breakdown_at_a_time(dashboard):
    by_region = {row["value"]: row for row in dashboard("breakdown=region")["breakdown_table"]["rows"]}
    assert by_region["utrecht"]["households"] == count(40)
    assert by_region["utrecht"]["ready"]["kind"] == "more_than"  # all 40: never "100%"
    assert by_region["twente"]["households"] == count(23)
    assert by_region["twente"]["ready"]["kind"] == "few"  # none ready: fewer than 10 on one side
    assert by_region["zeeland"]["households"] == count(None)
    assert by_region[""]["households"] == count(12) and by_region[""]["label"] == "Not given"
    assert by_region["groningen"]["households"] == count(0)
    by_lang = {row["value"]: row["households"]["value"]
               for row in dashboard("breakdown=lang")["breakdown_table"]["rows"]}
    assert by_lang == {**dict.fromkeys(CODES, 0), "nl": 40, "en": 23, "ar": 12, "pl": None}
    by_band = {row["value"]: row["households"]["value"]
               for row in dashboard("breakdown=band")["breakdown_table"]["rows"]}
    assert by_band == {"1": 23, "2": 40, "3-4": None, "5+": 12}
    by_days = {row["value"]: row["households"]["value"]
               for row in dashboard("breakdown=days")["breakdown_table"]["rows"]}
    assert by_days == {"3": 43, "7": 23, "10": 12}
    assert dashboard("breakdown=days")["breakdown_table"]["total"] == count(78)


def test_a_period_and_a_group(dashboard):
    week = dashboard("period=2026-W45")
    assert week["period"]["first_day"] == "2026-11-02" and week["period"]["last_day"] == "2026-11-08"
    assert week["headline"]["households"] == count(63)
    assert week["headline"]["ready"]["3"]["percent"] == 63  # 40 of 63 shown
    assert dashboard("period=2026-11")["headline"]["households"] == count(78)
    october = dashboard("period=2026-10")
    assert october["headline"]["households"] == count(0) and october["breakdown_table"]["withheld"]
    weeks = dashboard("period=2026-11")["over_time"]["week"]["rows"]
    assert (weeks[0]["period"], weeks[0]["first_day"], weeks[0]["last_day"], weeks[0]["whole"]) == (
        "2026-W44", "2026-11-01", "2026-11-01", False)
    assert "only" in weeks[0]["label"] and weeks[1]["whole"] and weeks[1]["label"] == "Week 45 of 2026"
    nobody = dashboard("period=2026-10&breakdown=region&group=")  # region not given, in a month with no one
    assert nobody["group"]["label"] == "Not given" and nobody["breakdown_table"]["withheld"]
    group = dashboard("breakdown=region&group=twente")
    assert group["group"] == {"value": "twente", "label": "Twente"}
    assert group["headline"]["households"] == count(23)
    assert {c["id"]: c["complete"]["value"] for c in group["checklists"]}["water"] == 23


def test_choosing_another_period_keeps_the_group(dashboard, client):
    page = client.get("/en/dashboard/?period=2026-11&breakdown=region&group=twente").text
    start = page.index('<form method="get"')
    form = page[start:page.index("</form>", start)]
    # The form sends the group along with the period; the breakdown cannot change under a chosen group.
    assert '<input type="hidden" name="breakdown" value="region">' in form
    assert '<input type="hidden" name="group" value="twente">' in form and 'name="breakdown">' not in form
    assert re.search(r'<tr class="chosen"><th scope="row"><a [^>]*aria-current="true">Twente</a>', page)
    assert page.count('aria-current="true"') == 1  # only Twente
    assert 'name="group"' not in client.get("/en/dashboard/?period=2026-11&breakdown=region").text


@pytest.mark.parametrize("query", ["period=2026-13", "period=2026-W54", "period=yesterday", "breakdown=age",
                                   "breakdown=lang&group=xx", "group=utrecht&breakdown=lang", "days=3",
                                   "period=9999-12", "period=9999-W52", "period=0000-01", "period=2025-W53",
                                   "period=%EF%BC%92%EF%BC%90%EF%BC%92%EF%BC%96-11"])
def test_a_choice_the_dashboard_does_not_offer_is_refused_in_words(dashboard, client, query, counts):
    before = counts()
    api = client.get(f"/api/stats/dashboard?{query}")
    assert api.status_code == 400 and api.json["error"]["code"] == "bad_query" and api.json["error"]["message"]
    assert api.json["error"]["field"]  # one JSON shape for every refusal (errors.error_json)
    page = client.get(f"/en/dashboard/?{query}")
    assert page.status_code == 400 and "The dashboard does not offer this choice" in page.text
    field = api.json["error"]["field"]
    named = {"period": "Period", "breakdown": "Breakdown", "group": "Group"}.get(field, field)
    assert f"does not offer this choice: {named}." in page.text  # in words, not the parameter's name
    assert client.get(f"/dashboard/export/breakdown.csv?{query}").status_code == 400
    assert counts() == before


def every_number(r):
    """Every count anywhere in a JSON export."""
    if isinstance(r, dict):
        if set(r) == {"value", "shown"}:
            yield r["value"]
        else:
            for v in r.values():
                yield from every_number(v)
    elif isinstance(r, list):
        for v in r:
            yield from every_number(v)


def test_no_shown_or_exported_count_is_below_ten(dashboard, client):
    for query in ("", "breakdown=lang", "breakdown=band", "breakdown=days", "period=2026-W46",
                  "breakdown=region&group=zeeland", "breakdown=region&group="):
        shown = [n for n in every_number(dashboard(query)) if n is not None]
        assert shown and all(n == 0 or n >= 10 for n in shown), query
        for name in NAMES:
            if name.endswith(".csv"):
                text = client.get(f"/en/dashboard/export/{name}?{query}").text
                cells = [c for row in csv.reader(line for line in text.splitlines() if not line.startswith("#"))
                         for c in row[1:]]
                numbers = [int(c) for c in cells if c.isdigit()]
                assert all(n == 0 or n >= 10 for n in numbers), (query, name)
        page = client.get(f"/en/dashboard/?{query}").text
        cells = re.findall(r"<td>(\d[\d,]*)</td>", page)
        assert all(int(c.replace(",", "")) == 0 or int(c.replace(",", "")) >= 10 for c in cells), query


def test_a_group_of_fewer_than_ten_shows_no_checklist_or_item_table(dashboard, client):
    """Zeeland holds 3 households: an item's "0" there would say what all three lack."""
    small = dashboard("breakdown=region&group=zeeland")
    assert small["details_withheld"] and small["items"] == []
    assert all(c["started"] is None and c["complete_share"] is None for c in small["checklists"])
    assert small["headline"]["households"] == count(None)
    for name in ("checklists.csv", "items.csv"):
        text = client.get(f"/en/dashboard/export/{name}?breakdown=region&group=zeeland").text
        rows = [line for line in text.splitlines() if not line.startswith("#")]
        assert len(rows) == 1 and "# Total: withheld: fewer than 10 households in all" in text, name  # the header only
    page = client.get("/en/dashboard/?breakdown=region&group=zeeland").text
    for heading in ("h-checklists", "h-items"):
        section = page[page.index(f'id="{heading}"'):]
        section = section[:section.index("</section>")]
        assert "<table" not in section and "Not shown: fewer than 10 households" in section, heading
    assert not dashboard("breakdown=region&group=twente")["details_withheld"]  # 23 households: shown


def test_the_csv_files_say_what_they_hold(dashboard, client):
    text = client.get("/en/dashboard/export/breakdown.csv?breakdown=lang&period=2026-11").text
    comments = [line for line in text.splitlines() if line.startswith("# ")]
    assert any("Period: November 2026 (2026-11)" in line for line in comments)
    assert any("Breakdown: Language (lang)" in line for line in comments)
    assert any("noise of its own" in line for line in comments)
    assert any(line.startswith("# households (Households): ") for line in comments)
    rows = list(csv.DictReader(line for line in text.splitlines() if not line.startswith("#")))
    assert [row["lang"] for row in rows] == CODES
    assert {row["lang"]: row["households"] for row in rows}["pl"] == "<10"
    assert {row["lang"]: row["households"] for row in rows}["nl"] == "40"
    assert {row["lang"]: row["ready_3_percent"] for row in rows}["en"] == "<10 households"
    dutch = client.get("/dashboard/export/breakdown.csv?breakdown=lang&period=2026-11").text
    rows = list(csv.DictReader(line for line in dutch.splitlines() if not line.startswith("#")))
    assert {row["lang"]: row["ready_3_percent"] for row in rows}["en"] == "<10 huishoudens"
    assert not [cell for row in rows for cell in row.values() if "households" in cell]  # column names stay codes
    response = client.get("/en/dashboard/export/breakdown.csv?breakdown=lang&period=2026-11")
    assert response.mimetype == "text/csv"
    assert response.headers["Content-Disposition"] == 'attachment; filename="paraat-2026-11-lang-breakdown.csv"'
    # Files of other figures get other names; only a file that depends on the breakdown says it.
    names = {client.get(f"/en/dashboard/export/{name}?{query}").headers["Content-Disposition"]
             for name in NAMES for query in ("breakdown=region", "breakdown=band", "breakdown=band&group=5%2B")}
    assert len(names) == len(NAMES) * 3 - 4  # the four national files are the same for region and band
    assert 'attachment; filename="paraat-all-band-5_-items.csv"' in names
    assert 'attachment; filename="paraat-all-items.csv"' in names
    national = client.get("/en/dashboard/export/items.csv?breakdown=region").text
    assert "# Breakdown:" not in national and "# Breakdown: Safety region" in client.get(
        "/en/dashboard/export/breakdown.csv?breakdown=region").text


def test_the_json_file_is_the_dashboard_with_its_definitions_and_rule(dashboard, client):
    exported = json.loads(client.get("/en/dashboard/export/dashboard.json?breakdown=band").text)
    assert exported == dashboard("breakdown=band")
    assert exported["protection"]["threshold"] == 10 and "noise" in exported["protection"]["rule"]
    assert set(exported["definitions"]) >= {"households", "ready_3", "ready_7", "ready_10", "started",
                                             "complete", "item", "new", "newly_ready", "period"}
    assert exported["period"]["key"] == "all" and exported["breakdown"]["key"] == "band"


def test_the_same_data_gives_the_same_output(dashboard, client):
    for name in NAMES:
        first = client.get(f"/dashboard/export/{name}?breakdown=region").data
        assert client.get(f"/dashboard/export/{name}?breakdown=region").data == first


def test_the_page_shows_the_figures_and_says_the_rule_in_words(dashboard, client):
    page = client.get("/en/dashboard/").text
    assert "A count below 10 is always shown as" in page
    assert "fewer than 10" in page and "67%" in page
    assert '<script type="application/json" id="dashboard-data">' in page
    assert "<script>" not in page  # no inline script: the CSP allows none
    assert "script-src 'self'" in client.get("/en/dashboard/").headers["Content-Security-Policy"]
    # The period list names months and weeks in words, a week with its first and last day.
    assert '<option value="2026-W45">Week 45 of 2026 (2 Nov to 8 Nov)</option>' in page
    assert '<option value="2026-11">November 2026</option>' in page
    assert '<option value="2026-W45">Week 45 van 2026 (2 nov tot en met 8 nov)</option>' in client.get(
        "/dashboard/").text
