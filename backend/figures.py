"""The officials' figures: raw counts and cell keys from the tallies, made safe by stats.py, for one period
and breakdown.

Every page, export and endpoint that shows officials' figures takes them from
`dashboard()`, so they all show the same protected numbers.
"""
import re
from dataclasses import dataclass
from datetime import date, timedelta

from .goals import DAY_CHOICES
from .progress import SIZE_BANDS
from .stats import THRESHOLD, added
from .storage import Storage, tallies

BREAKDOWNS = tallies.DIMENSIONS  # region, lang, band, days
_MONTH = re.compile(r"\A(20\d\d)-(0[1-9]|1[0-2])\Z", re.ASCII)
_WEEK = re.compile(r"\A(20\d\d)-W(0[1-9]|[1-4]\d|5[0-3])\Z", re.ASCII)


class BadQuery(ValueError):
    """A period, breakdown or group that the dashboard does not offer; `field` names it."""

    def __init__(self, field):
        super().__init__(field)
        self.field = field


@dataclass(frozen=True)
class Period:
    """All days so far, one calendar month, or one ISO week: never free dates."""

    key: str  # "all", "2026-11" or "2026-W48"
    first: date | None
    last: date | None

    @property
    def kind(self):
        return "all" if self.key == "all" else ("week" if "W" in self.key else "month")

    def as_json(self):
        return {"key": self.key, "kind": self.kind, "first_day": self.first and self.first.isoformat(),
                "last_day": self.last and self.last.isoformat()}


def period(key):
    if key in (None, "", "all"):
        return Period("all", None, None)
    if m := _MONTH.match(key):
        first = date(int(m[1]), int(m[2]), 1)
        return Period(key, first, (first + timedelta(days=31)).replace(day=1) - timedelta(days=1))
    if m := _WEEK.match(key):
        try:
            first = date.fromisocalendar(int(m[1]), int(m[2]), 1)
        except ValueError:
            raise BadQuery("period") from None
        return Period(key, first, first + timedelta(days=6))
    raise BadQuery("period")


def periods(first_day, today):
    """The months and weeks that have begun since the first household, newest first."""
    start = date.fromisoformat(first_day) if first_day else today
    months, weeks = [], []
    day = start.replace(day=1)
    while day <= today:
        months.append(f"{day:%Y-%m}")
        day = (day + timedelta(days=32)).replace(day=1)
    day = start - timedelta(days=start.weekday())
    while day <= today:
        year, week, _ = day.isocalendar()
        weeks.append(f"{year}-W{week:02d}")
        day += timedelta(days=7)
    return months[::-1], weeks[::-1]


def breakdown_values(name, regions, languages, days_choices):
    """Every value a breakdown can take, in the order tables list them."""
    if name == "region":
        return [*regions, ""]
    if name == "lang":
        return list(languages)
    if name == "band":
        return list(SIZE_BANDS)
    if name == "days":
        return [str(d) for d in days_choices]
    raise BadQuery("breakdown")


@dataclass(frozen=True)
class Query:
    period: Period
    breakdown: str
    group: str | None  # one value of the breakdown that the figures are for, or None for everyone


def parse_query(args, values_of):
    """Read ?period=&breakdown=&group= ; `values_of(breakdown)` lists the values a group may take."""
    unknown = set(args) - {"period", "breakdown", "group"}
    if unknown:
        raise BadQuery(sorted(unknown)[0])
    breakdown = args.get("breakdown") or "region"
    if breakdown not in BREAKDOWNS:
        raise BadQuery("breakdown")
    group = args.get("group")
    if group is not None and group not in values_of(breakdown):
        raise BadQuery("group")
    return Query(period(args.get("period")), breakdown, group)


def _days(first, last):
    day = first
    while day <= last:
        yield day
        day += timedelta(days=1)


def _week_of(day):
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


NOTHING = (0, 0)  # a cell of no households: count 0, cell key 0


def over_time(protect, per_day, first, last):
    """New and newly ready households per day and per week, every day of the span listed.

    A week the span only partly covers (a month's first and last) says which of its days count.
    """
    raw_days = {d.isoformat(): per_day.get(d.isoformat(), (NOTHING, NOTHING)) for d in _days(first, last)}
    raw_weeks, spans = {}, {}
    for day, (new, ready) in raw_days.items():
        week = _week_of(date.fromisoformat(day))
        had = raw_weeks.get(week, (NOTHING, NOTHING))
        raw_weeks[week] = (added(had[0], new), added(had[1], ready))
        spans.setdefault(week, [day, day])[1] = day

    def table(raw):
        return {"new": protect.table({k: v[0] for k, v in raw.items()}),
                "ready": protect.table({k: v[1] for k, v in raw.items()})}

    whole = {week: date.fromisoformat(b) - date.fromisoformat(a) == timedelta(days=6) for week, (a, b) in spans.items()}
    return {"day": table(raw_days),
            "week": {**table(raw_weeks), "spans": {w: (*spans[w], whole[w]) for w in spans}}}


def _per_checklist(protect, catalogue, started, n):
    rows = []
    for cid in catalogue:
        begun, complete = started.get(cid, (NOTHING, NOTHING))
        rows.append({"id": cid, "started": protect.count(begun), "complete": protect.count(complete),
                     "started_share": protect.share(begun, n), "complete_share": protect.share(complete, n)})
    return rows


def _per_item(protect, catalogue, have, n):
    rows = []
    for cid, checklist in catalogue.items():
        for item in checklist.items:
            count = have.get((cid, item.id), NOTHING)
            for_everyone = item.only_if is None
            rows.append({"checklist": cid, "item": item.id, "essential": item.essential,
                         "for_everyone": for_everyone, "households": protect.count(count),
                         "share": protect.share(count, n) if for_everyone else None,
                         "_order": (not item.essential, not for_everyone)})
    # What people lack most first, judged on the shown counts only (a hidden order would tell).
    rows.sort(key=lambda row: (*row.pop("_order"), 1 if row["households"].few else row["households"].value))
    return rows


def dashboard(db, catalogue, query, values, today, protect):
    """The protected figures for one query; `values` lists the breakdown's values in order.

    `protect` is the stats.Protection every figure goes through; the tallies give (count, cell key) pairs.
    """
    dim, value = (query.breakdown, query.group) if query.group is not None else tallies.ALL
    first, last = query.period.first, query.period.last
    n, *ready = tallies.households(db, dim, first, last, value).get(value, (NOTHING,) * (1 + len(DAY_CHOICES)))
    households = protect.count(n)
    headline = {"households": households, "ready": {d: protect.share(r, n) for d, r in zip(DAY_CHOICES, ready)}}
    # Fewer than 10 households shown: their checklist and item tables are withheld, as any table whose
    # total is below 10 (a "0" there would say what every one of those few households lacks). Decided on
    # the shown count, so that withholding tells nothing the count does not.
    details_withheld = households.few or households.value < THRESHOLD
    if details_withheld:
        per_checklist = [{"id": cid, "started": None, "complete": None, "started_share": None,
                          "complete_share": None} for cid in catalogue]
        per_item = []
    else:
        per_checklist = _per_checklist(protect, catalogue,
                                       tallies.checklists(db, dim, first, last, value).get(value, {}), n)
        per_item = _per_item(protect, catalogue, tallies.items(db, dim, value, first, last), n)

    known = tallies.first_and_last_day(db)[0]
    begun = date.fromisoformat(known) if known else today
    span_first = first or begun - timedelta(days=begun.weekday())  # all days so far: from a Monday
    span_last = min(last or today, today)
    time_rows = over_time(protect, tallies.per_day(db, dim, value, span_first, span_last), span_first, span_last) \
        if span_first <= span_last else over_time(protect, {}, today, today - timedelta(days=1))

    raw = tallies.households(db, query.breakdown, first, last)
    complete = tallies.checklists(db, query.breakdown, first, last)
    table = protect.table({v: raw.get(v, (NOTHING,))[0] for v in values})
    rows = [] if table.withheld else [
        {"value": v, "households": table.cells[v],
         "ready": protect.share(raw.get(v, (NOTHING, NOTHING))[1], raw.get(v, (NOTHING,))[0]),
         "complete": {cid: protect.share(complete.get(v, {}).get(cid, (NOTHING, NOTHING))[1],
                                         raw.get(v, (NOTHING,))[0])
                      for cid in catalogue}}
        for v in values]
    # Requests, not households: how many writes the service turned away (a count, nationally).
    refused = Storage.refused(db, first, last)
    return {"query": query, "headline": headline, "refused": refused, "checklists": per_checklist,
            "items": per_item, "details_withheld": details_withheld,
            "over_time": time_rows, "breakdown": {"total": table.total, "withheld": table.withheld, "rows": rows}}
