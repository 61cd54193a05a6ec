"""Calendar reminders (.ics): check the kit and the stored water on the NL-Alert test days.

Made on the fly in the person's language; nothing is stored. The test days are
the first Monday of June and of December, around noon, so one yearly rule
with two months covers "every six months".
"""
from datetime import date, timedelta

from flask_babel import gettext as _

RULE = "FREQ=YEARLY;BYMONTH=6,12;BYDAY=1MO"
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


def first_monday(year, month):
    day = date(year, month, 1)
    return day + timedelta(days=(7 - day.weekday()) % 7)


def next_test_day(today):
    """The first NL-Alert test day from today on (today included)."""
    for year in (today.year, today.year + 1):
        for month in (6, 12):
            day = first_monday(year, month)
            if day >= today:
                return day
    raise AssertionError("unreachable: a test day comes within a year")


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


def calendar(lang_code, today, overview_url):
    """The .ics text: two yearly events on the test days, in the current language."""
    start = next_test_day(today)
    events = [
        ("kit-check", "120000", _("Check your emergency kit"),
         _("Today is the NL-Alert test day. Check your emergency kit: is everything still there, does the "
           "torch work, are the batteries and the power bank charged, and has anything changed in your "
           "household? Your checklists: %(url)s", url=overview_url)),
        ("water", "123000", _("Replace your stored water"),
         _("Look at the dates on your stored drinking water. Replace bottles that are past their date, and "
           "check you still have 3 litres per person per day. Your checklists: %(url)s", url=overview_url)),
    ]
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Paraat//Reminders//" + lang_code.upper(),
             "CALSCALE:GREGORIAN", "METHOD:PUBLISH", "X-WR-CALNAME:" + _text(_("Paraat reminders")),
             *AMSTERDAM.splitlines()]
    for key, time, summary, description in events:
        lines += ["BEGIN:VEVENT", f"UID:{key}-{lang_code}@paraat", f"DTSTAMP:{today:%Y%m%d}T000000Z",
                  f"DTSTART;TZID=Europe/Amsterdam:{start:%Y%m%d}T{time}", "DURATION:PT30M", f"RRULE:{RULE}",
                  "SUMMARY:" + _text(summary), "DESCRIPTION:" + _text(description), "TRANSP:TRANSPARENT",
                  "BEGIN:VALARM", "ACTION:DISPLAY", "TRIGGER:PT0M", "DESCRIPTION:" + _text(summary),
                  "END:VALARM", "END:VEVENT"]
    lines.append("END:VCALENDAR")
    return "\r\n".join(_folded(line) for line in lines) + "\r\n"
