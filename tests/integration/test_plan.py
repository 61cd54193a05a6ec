"""The printable plan page and the calendar reminders, without a browser: plain GETs that store nothing."""
import re
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from backend import ROOT
from backend.i18n import read_languages
from backend.reminders import ISLANDS, first_monday, next_test_day

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
        assert start.date() == next_test_day(date.today()) and start.hour == 12
        rule = event.get("RRULE")
        assert rule["FREQ"] == ["YEARLY"] and rule["BYMONTH"] == [6, 12] and rule["BYDAY"] == ["1MO"]
        assert f"{lang.prefix}/checklists/" in str(event.get("DESCRIPTION"))
    summaries = [str(e.get("SUMMARY")) for e in events]
    if lang.code == "nl":
        assert summaries == ["Controleer je noodpakket", "Vervang je voorraad water"]
    elif lang.code != "en":
        assert summaries != ["Check your emergency kit", "Replace your stored water"]
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
