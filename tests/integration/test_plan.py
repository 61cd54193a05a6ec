"""The printable plan page and the calendar reminders, without a browser: plain GETs that store nothing."""
import re
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from backend import ROOT
from backend.i18n import read_languages
from backend.reminders import ISLANDS, calendar, first_monday, next_test_day
from tests.conftest import module_app as app  # noqa: F401 (plain reads: one app for the module)

LANGUAGES = read_languages(str(ROOT / "mkdocs.yml"))
HOUSEHOLD = "adults=2&children=1&pets=1&region=utrecht&emergency-kit=torch&water=drinking-water"


def test_the_test_days_are_the_first_mondays_of_june_and_december():
    assert first_monday(2026, 6) == date(2026, 6, 1) and first_monday(2026, 12) == date(2026, 12, 7)
    assert next_test_day(date(2026, 11, 29)) == date(2026, 12, 7)
    assert next_test_day(date(2026, 12, 7)) == date(2026, 12, 7)
    assert next_test_day(date(2026, 12, 8)) == date(2027, 6, 7)


@pytest.mark.parametrize("lang", LANGUAGES, ids=lambda lang: lang.code)
def test_the_calendar_file_parses_and_repeats_on_the_test_days(client, counts, lang):
    before = counts()
    response = client.get(f"{lang.prefix}/checklists/reminders.ics")
    assert response.status_code == 200 and response.mimetype == "text/calendar"
    assert "attachment" in response.headers["Content-Disposition"] and "Set-Cookie" not in response.headers
    calendar = Calendar.from_ical(response.data)
    events = calendar.walk("VEVENT")
    assert len(events) == 2
    amsterdam = ZoneInfo("Europe/Amsterdam")
    for event in events:
        start = event.decoded("DTSTART")
        assert start.tzinfo is not None and start.utcoffset() == datetime.combine(start.date(), time(12),
                                                                                   amsterdam).utcoffset()
        upcoming = next_test_day(date.today())  # the series starts on the yearly rule's own day of that month
        assert start.date() == first_monday(upcoming.year, upcoming.month) and start.hour == 12
        rule = event.get("RRULE")
        assert rule["FREQ"] == ["YEARLY"] and rule["BYMONTH"] == [6, 12] and rule["BYDAY"] == ["1MO"]
        assert f"{lang.prefix}/checklists/" in str(event.get("DESCRIPTION"))
    summaries = [str(e.get("SUMMARY")) for e in events]
    if lang.code == "nl":
        assert summaries == ["Controleer je noodpakket", "Controleer je voorraad water"]
    elif lang.code == "en":
        assert summaries == ["Check your emergency kit", "Check your stored water"]
    else:
        assert summaries != ["Check your emergency kit", "Check your stored water"]
    assert counts() == before


@pytest.mark.parametrize("lang", LANGUAGES, ids=lambda lang: lang.code)
def test_island_households_get_their_own_reminders_without_nl_alert(client, lang):
    response = client.get(f"{lang.prefix}/checklists/reminders.ics?region=caribisch-nederland")
    assert response.status_code == 200 and response.mimetype == "text/calendar"
    events = {str(e.get("UID")).split("-islands-")[0]: e for e in Calendar.from_ical(response.data).walk("VEVENT")}
    assert sorted(events) == ["kit-check", "kit-check-november", "water"]
    months = {"kit-check": [5], "kit-check-november": [11], "water": [5, 11]}
    words = {}
    for key, event in events.items():
        start = event.decoded("DTSTART")
        assert start.utcoffset().total_seconds() == -4 * 3600 and start.hour == 12  # noon on the islands
        assert event.get("RRULE")["BYMONTH"] == months[key] and event.get("RRULE")["BYDAY"] == ["1MO"]
        assert start.date() == next_test_day(date.today(), ISLANDS, months[key]) and start.month in months[key]
        assert str(event.get("UID")) == f"{key}-islands-{lang.code}@paraat"
        words[key] = str(event.get("DESCRIPTION")).split("http")[0]  # the text, without the overview's address
        assert "NL-Alert" not in words[key]
    # May's check names the season's start, 1 June, in every language; November's says nothing of it.
    assert "1" in words["kit-check"] and not re.search(r"\d", words["kit-check-november"])
    assert words["kit-check-november"] != words["kit-check"]


def test_the_calendar_moves_the_june_test_off_whit_monday(app):
    """2028: the first Monday of June is Whit Monday, so the test, and the reminders, are a week later."""
    with app.test_request_context("/en/checklists/reminders.ics"):
        text = calendar("en", date(2028, 5, 1), "https://example.org/en/checklists/")
    for event in Calendar.from_ical(text).walk("VEVENT"):
        assert event.decoded("DTSTART").date() == date(2028, 6, 5)  # the yearly rule's own day starts the series
        excluded = {d.dt.date() for exdate in _as_list(event.get("EXDATE")) for d in exdate.dts}
        added = {d.dt.date() for rdate in _as_list(event.get("RDATE")) for d in rdate.dts}
        assert {date(2028, 6, 5), date(2031, 6, 2), date(2033, 6, 6)} <= excluded
        assert {date(2028, 6, 12), date(2031, 6, 9), date(2033, 6, 13)} <= added
        assert date(2029, 6, 4) not in excluded and all(d.month == 6 for d in excluded | added)
    with app.test_request_context("/en/checklists/reminders.ics"):
        islands = calendar("en", date(2028, 4, 1), "https://example.org/en/checklists/", ISLANDS)
    assert "EXDATE" not in islands and "RDATE" not in islands


def _as_list(value):
    return [] if value is None else value if isinstance(value, list) else [value]


def test_each_island_check_starts_on_its_own_months_first_monday():
    assert next_test_day(date(2026, 11, 29), ISLANDS, (5,)) == date(2027, 5, 3)
    assert next_test_day(date(2026, 11, 29), ISLANDS, (11,)) == date(2027, 11, 1)
    assert next_test_day(date(2026, 6, 1), ISLANDS, (11,)) == date(2026, 11, 2)


def test_the_reminder_links_follow_the_households_region(client):
    assert next_test_day(date(2026, 11, 29), ISLANDS) == date(2027, 5, 3)
    islands = client.get("/en/checklists/?adults=1&region=caribisch-nederland").text
    assert re.search(r'href="/en/checklists/reminders.ics\?region=caribisch-nederland" download data-islands="true"'
                     r'\s*>', islands)
    assert re.search(r'href="/en/checklists/reminders.ics" download data-islands="false"\s+hidden', islands)
    print_page = client.get("/en/checklists/print?adults=1&region=caribisch-nederland").text
    assert 'href="/en/checklists/reminders.ics?region=caribisch-nederland"' in print_page
    assert 'href="/en/checklists/reminders.ics"' in client.get(f"/en/checklists/print?{HOUSEHOLD}").text
    # Any safety region gets the NL-Alert days; an unknown one is refused.
    utrecht = Calendar.from_ical(client.get("/checklists/reminders.ics?region=utrecht").data)
    assert utrecht.walk("VEVENT")[0].get("RRULE")["BYMONTH"] == [6, 12]
    assert client.get("/en/checklists/reminders.ics?region=atlantis").status_code == 400


def test_the_print_page_holds_the_households_amounts_and_room_for_the_plan(client):
    page = client.get(f"/en/checklists/print?{HOUSEHOLD}")
    assert page.status_code == 200
    text = page.text
    assert "Our emergency plan" in text
    assert "Bottled drinking water: <strong>27 litres</strong>" in text  # 3 people x 3 litres x 3 days
    assert "Cash: <strong>€170</strong>" in text  # 2 x 70 + 30
    # Each thing once: the kit's drinking water and cash are the water and cash lists' own.
    assert text.count("27 litres") == 1 and text.count("€170") == 1
    # The day it was printed and where the lists are online.
    assert re.search(r'Printed on \w+ \d+, \d{4}\. Your checklists online: <bdi dir="ltr">http://[^<]+/en/checklists/'
                     r'</bdi>', text)
    assert "still missing" in text and "☑" in text
    assert text.count('class="pa-line"') >= 6  # lines to write the plan on by hand, without JavaScript
    assert "Radio M Utrecht, FM 93.1" in text
    assert 'name="robots" content="noindex"' in text


def test_the_print_page_of_a_saved_household_and_refusals(client, counts):
    rid = client.post("/api/households", json={"lang": "nl", "household": {"adults": 1}}).json["id"]
    before = counts()
    assert "9 liter" in client.get(f"/checklists/saved/{rid}/print").text
    assert client.get("/checklists/saved/AAAAAAAAAAAAAAAAAAAAAAAA/print").status_code == 404
    refused = client.get("/en/checklists/print?adults=many")
    assert refused.status_code == 400 and "whole number" in refused.text
    assert counts() == before


def test_the_island_plan_names_911_and_no_nl_alert(client):
    text = client.get("/en/checklists/print?adults=1&region=caribisch-nederland").text
    assert "911 or 112" in text and "NL-Alert: a message" not in text and "hurricane season" in text


def test_the_plan_on_the_overview_has_no_names_so_no_form_sends_it(client):
    html = client.get("/en/checklists/?adults=2").text
    plan = html[html.index('id="plan"'):]
    plan = plan[:plan.index("</section>")]
    assert "data-plan-field" in plan and " name=" not in plan and "<form" not in plan


def test_the_print_page_counts_a_thing_on_two_lists_as_missing_once(client):
    """Drinking water and cash are on their own list and in the kit: ticking one ticks both, and counts once."""
    import yaml

    from tests.pages import essentials

    listed = sum(len(items) for items in essentials().values())
    twice = [item["same_as"] for path in (ROOT / "content" / "checklists").glob("*.yml")
             for item in yaml.safe_load(path.read_text(encoding="utf-8"))["items"] if item.get("same_as")]
    assert twice  # otherwise this test shows nothing

    def missing(query):
        found = re.search(r"(\d+) essential items? still missing", client.get(f"/en/checklists/print?{query}").text)
        return int(found.group(1))

    assert missing("adults=1") == listed - len(twice)
    assert missing("adults=1&water=drinking-water") == listed - len(twice) - 1


ISLAND = "adults=2&children=1&region=caribisch-nederland&water=drinking-water"


@pytest.mark.parametrize("prefix, note, check", [
    ("", "Europees Nederland", "Ik kijk in mei en november naar de houdbaarheid"),
    ("/pap", "parti oropeo di Hulanda", "Na mei i novèmber mi ta kontrolá e fecha di vensementu"),
])
def test_the_island_print_page_has_the_islands_note_and_wording_and_no_nl_alert(client, prefix, note, check):
    text = client.get(f"{prefix}/checklists/print?{ISLAND}").text
    main = text.split('class="pa-print"', 1)[1]
    assert note in main and "911" in main and check in main  # the euro-amounts note, printed too
    assert "NL-Alert" not in main
    utrecht = client.get(f"{prefix}/checklists/print?{HOUSEHOLD}").text.split('class="pa-print"', 1)[1]
    assert note not in utrecht and "NL-Alert" in utrecht and check not in utrecht


@pytest.mark.parametrize("prefix, islands_text, nl_alert_text", [
    ("", "Ik kijk in mei en november naar de houdbaarheid", "Ik kijk op de NL-Alert-testdag naar de houdbaarheid"),
    ("/pap", "Na mei i novèmber mi ta kontrolá e fecha di vensementu",
     "Riba e dia di tèst di NL-Alert mi ta kontrolá e fecha di vensementu"),
])
def test_the_water_checklist_shows_island_households_their_own_check(client, prefix, islands_text, nl_alert_text):
    """Both wordings are on the page (the page script follows a change of region); the region's one shows."""
    def shown(page, words):
        return re.search(rf'<span data-islands="(true|false)"\s*>{re.escape(words)}</span>', page) is not None

    island = client.get(f"{prefix}/checklists/water?adults=1&region=caribisch-nederland").text
    assert shown(island, islands_text) and not shown(island, nl_alert_text)
    utrecht = client.get(f"{prefix}/checklists/water?adults=1&region=utrecht").text
    assert shown(utrecht, nl_alert_text) and not shown(utrecht, islands_text)


@pytest.mark.parametrize("lang", LANGUAGES, ids=lambda lang: lang.code)
def test_the_kit_warns_of_carbon_monoxide_and_of_candles(client, lang):
    page = client.get(f"{lang.prefix}/checklists/emergency-kit").text
    # Food (cooking) and blankets (heating) lead to the power-outage page's section on carbon monoxide.
    assert page.count(f'<a href="{lang.prefix}/stroomuitval/#koolmonoxide">') == 2
    candles = page.split('id="help-candles"', 1)[1].split("</p>", 1)[0]
    assert candles.strip(">").strip()  # the candles item has its safety note


def test_the_plan_names_a_frequency_only_with_a_current_source(client):
    utrecht = client.get(f"/en/checklists/print?{HOUSEHOLD}").text
    assert "Regional radio, the emergency broadcaster: Radio M Utrecht, FM 93.1 (source: RTV Utrecht" in utrecht
    assert "December 2025" in utrecht and "calamity" not in utrecht
    limburg = client.get("/en/checklists/print?adults=1&region=zuid-limburg").text
    assert "95.3" not in limburg and "look up its FM frequency at denkvooruit.nl/radio" in limburg
