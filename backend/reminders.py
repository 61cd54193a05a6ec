"""Calendar reminders (.ics): check the kit and the stored water twice a year.

Made on the fly in the person's language; nothing is stored. In the European
Netherlands the checks fall on the NL-Alert test days, usually the first Monday
of June and of December, around noon; when the first Monday of June is Whit
Monday the test moves a week later (as in 2020 and 2022), and so do the
reminders (EXDATE/RDATE beside the yearly rule). On Bonaire, Sint Eustatius and Saba, where NL-Alert
is not promised, they fall on the first Monday of May (before the hurricane
season starts on 1 June) and of November, at noon island time; only May's kit
check speaks of the season. A yearly rule with two months covers "every six months".
"""
from dataclasses import dataclass
from datetime import date, timedelta

from flask_babel import gettext as _

# Europe/Amsterdam as calendars expect it beside a TZID (RFC 5545, 3.6.5).
AMSTERDAM = """BEGIN:VTIMEZONE
TZID:Europe/Amsterdam
BEGIN:DAYLIGHT
TZOFFSETFROM:+0100
TZOFFSETTO:+0200
TZNAME:CEST
DTSTART:19810329T020000
RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU
END:DAYLIGHT
BEGIN:STANDARD
TZOFFSETFROM:+0200
TZOFFSETTO:+0100
TZNAME:CET
DTSTART:19961027T030000
RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU
END:STANDARD
END:VTIMEZONE"""
# Atlantic Standard Time all year (Bonaire, Sint Eustatius and Saba keep no summer time).
KRALENDIJK = """BEGIN:VTIMEZONE
TZID:America/Kralendijk
BEGIN:STANDARD
TZOFFSETFROM:-0400
TZOFFSETTO:-0400
TZNAME:AST
DTSTART:19700101T000000
END:STANDARD
END:VTIMEZONE"""


@dataclass(frozen=True)
class Schedule:
    uid: str  # added to the events' UIDs; the first schedule's were there before the second came
    months: tuple
    zone: str
    timezone: str
    whit_monday_moves: bool = False  # the NL-Alert test is never held on Whit Monday


NL_ALERT_DAYS = Schedule("", (6, 12), "Europe/Amsterdam", AMSTERDAM, whit_monday_moves=True)
ISLANDS = Schedule("-islands", (5, 11), "America/Kralendijk", KRALENDIJK)
# How many years ahead a calendar file names the moved days: it is kept for years once downloaded.
MOVED_YEARS_AHEAD = 25


def easter(year):
    """Easter Sunday in the Gregorian calendar (the anonymous Gregorian algorithm)."""
    a, (b, c) = year % 19, divmod(year, 100)
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    weekday = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * weekday) // 451
    month, day = divmod(h + weekday - 7 * m + 114, 31)
    return date(year, month, day + 1)


def whit_monday(year):
    """Pinkstermaandag: the day after Pentecost, 50 days after Easter Sunday."""
    return easter(year) + timedelta(days=50)


def first_monday(year, month):
    day = date(year, month, 1)
    return day + timedelta(days=(7 - day.weekday()) % 7)


def check_day(year, month, schedule=NL_ALERT_DAYS):
    """The schedule's day in that month: its first Monday, a week later when the NL-Alert test moves."""
    day = first_monday(year, month)
    if schedule.whit_monday_moves and day == whit_monday(year):
        return day + timedelta(days=7)
    return day


def next_test_day(today, schedule=NL_ALERT_DAYS, months=None):
    """The first check day of the schedule (or of some of its months) from today on, today included."""
    for year in (today.year, today.year + 1):
        for month in months or schedule.months:
            day = check_day(year, month, schedule)
            if day >= today:
                return day
    raise AssertionError("unreachable: a test day comes within a year")


def moved_days(first_year, schedule, months):
    """(first Monday, the day the test moved to) for each year the yearly rule alone would get wrong."""
    return [(first_monday(year, month), check_day(year, month, schedule))
            for year in range(first_year, first_year + MOVED_YEARS_AHEAD) for month in months
            if check_day(year, month, schedule) != first_monday(year, month)]


def _text(value):
    """A TEXT value escaped as RFC 5545 asks."""
    return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _folded(line):
    """Lines of at most 75 octets, continued with a space (RFC 5545, 3.1)."""
    out, current = [], b""
    for char in line:
        encoded = char.encode("utf-8")
        if len(current) + len(encoded) > (75 if not out else 74):
            out.append(current.decode("utf-8"))
            current = b""
        current += encoded
    out.append(current.decode("utf-8"))
    return "\r\n ".join(out)


def _events(schedule, overview_url):
    """(key, months, time, summary, description) of each reminder, in the current language."""
    check = _("Check your emergency kit")
    water = ("water", schedule.months, "123000", _("Check your stored water"),
             _("Look at the dates on your stored drinking water. Replace bottles that are past their date, and "
               "check you still have 3 litres per person per day. Your checklists: %(url)s", url=overview_url))
    if schedule is not ISLANDS:
        return [("kit-check", schedule.months, "120000", check,
                 _("Today is the NL-Alert test day. Check your emergency kit: is everything still there, does the "
                   "torch work, are the batteries and the power bank charged, and has anything changed in your "
                   "household? Your checklists: %(url)s", url=overview_url)), water]
    may, november = schedule.months
    return [
        ("kit-check", (may,), "120000", check,
         _("Time to check your emergency kit. The hurricane season starts on 1 June. Is everything still "
           "there, does the torch work, are the batteries and the power bank charged, and has anything "
           "changed in your household? Your checklists: %(url)s", url=overview_url)),
        ("kit-check-november", (november,), "120000", check,
         _("Time to check your emergency kit. Is everything still there, does the torch work, are the "
           "batteries and the power bank charged, and has anything changed in your household? Your "
           "checklists: %(url)s", url=overview_url)),
        water,
    ]


def calendar(lang_code, today, overview_url, schedule=NL_ALERT_DAYS):
    """The .ics text: yearly events on the schedule's check days, in the current language."""
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Paraat//Reminders//" + lang_code.upper(),
             "CALSCALE:GREGORIAN", "METHOD:PUBLISH", "X-WR-CALNAME:" + _text(_("Paraat reminders")),
             *schedule.timezone.splitlines()]
    for key, months, time, summary, description in _events(schedule, overview_url):
        start = next_test_day(today, schedule, months)
        # The yearly rule's own day starts the series (a moved day is added below, its first Monday left out).
        start = first_monday(start.year, start.month)
        rule = f"FREQ=YEARLY;BYMONTH={','.join(str(m) for m in months)};BYDAY=1MO"
        moved = moved_days(start.year, schedule, months)
        lines += ["BEGIN:VEVENT", f"UID:{key}{schedule.uid}-{lang_code}@paraat", f"DTSTAMP:{today:%Y%m%d}T000000Z",
                  f"DTSTART;TZID={schedule.zone}:{start:%Y%m%d}T{time}", "DURATION:PT30M", f"RRULE:{rule}",
                  *(f"EXDATE;TZID={schedule.zone}:{rule_day:%Y%m%d}T{time}" for rule_day, _day in moved),
                  *(f"RDATE;TZID={schedule.zone}:{day:%Y%m%d}T{time}" for _rule_day, day in moved),
                  "SUMMARY:" + _text(summary), "DESCRIPTION:" + _text(description), "TRANSP:TRANSPARENT",
                  "BEGIN:VALARM", "ACTION:DISPLAY", "TRIGGER:PT0M", "DESCRIPTION:" + _text(summary),
                  "END:VALARM", "END:VEVENT"]
    lines.append("END:VCALENDAR")
    return "\r\n".join(_folded(line) for line in lines) + "\r\n"
