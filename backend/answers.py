"""What a household answers, checked before anything is stored.

One validator serves the JSON API, the form posts and the links' query, so
all of them refuse the same things in the same words.
"""
import re
from dataclasses import dataclass, field

from .checklists import MAX_PER_KIND, Household
from .errors import InputError
from .goals import DAY_CHOICES, DEFAULT_DAYS

FIELDS = {"lang", "household", "days", "region", "checked"}
HOUSEHOLD_FIELDS = ("adults", "children", "infants", "pets", "care")
COUNT_FIELDS = HOUSEHOLD_FIELDS[:-1]


@dataclass(frozen=True)
class Answers:
    """One household: who lives there, its goal, and what it has ticked in every checklist."""

    lang: str
    household: Household = Household()
    days: int = DEFAULT_DAYS
    region: str | None = None
    checked: dict = field(default_factory=dict)  # checklist id -> sorted tuple of item ids

    def ticked(self, checklist_id):
        return self.checked.get(checklist_id, ())


def normalized(catalogue, checked):
    """Every checklist present, sorted, and an item ticked in one checklist ticked wherever it appears."""
    ticks = {cid: set(checked.get(cid, ())) & c.item_ids for cid, c in catalogue.items()}
    for cid, items in list(ticks.items()):
        for item in list(items):
            for other_cid, other_item in catalogue.linked(cid, item):
                ticks[other_cid].add(other_item)
    return {cid: tuple(sorted(items)) for cid, items in ticks.items()}


def merged(catalogue, checked, checklist_id, page_items):
    """A checklist page's ticks over the rest: that page decides its items, also where they appear elsewhere."""
    ticks = {cid: set(items) for cid, items in checked.items()}
    for item in catalogue[checklist_id].items:
        ticks.setdefault(checklist_id, set()).discard(item.id)
        for other_cid, other_item in catalogue.linked(checklist_id, item.id):
            ticks.get(other_cid, set()).discard(other_item)
    ticks[checklist_id] = ticks.get(checklist_id, set()) | set(page_items)
    return normalized(catalogue, ticks)


def _text(name, value):
    if not isinstance(value, str):
        raise InputError("not_text", name)
    return value


def _integer(value, name):
    """A whole number as JSON has it: 2 and 2.0 are the same number (true is not one)."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, bool) or not isinstance(value, int):
        raise InputError("not_integer", name)
    return value


def _count(data, field):
    name = f"household.{field}"
    value = _integer(data.get(field, 0), name)
    if not 0 <= value <= MAX_PER_KIND:
        raise InputError("out_of_range", name, low=0, high=MAX_PER_KIND)
    return value


def parse_household(data):
    if not isinstance(data, dict):
        raise InputError("missing_field" if data is None else "not_an_object", "household")
    for key in data:
        if key not in HOUSEHOLD_FIELDS:
            raise InputError("unknown_field", f"household.{str(key)[:40]}")
    care = data.get("care", False)
    if not isinstance(care, bool):
        raise InputError("not_boolean", "household.care")
    household = Household(**{f: _count(data, f) for f in COUNT_FIELDS}, care=care)
    if household.persons == 0:
        raise InputError("empty_household", "household")
    return household


def _parse_checked(value, catalogue):
    if not isinstance(value, dict):
        raise InputError("not_an_object", "checked")
    checked = {}
    for cid, items in value.items():
        checklist = catalogue.get(cid)
        if checklist is None:
            raise InputError("unknown_checklist", "checked")
        if not isinstance(items, list):
            raise InputError("not_list", "checked")
        for item in items:
            _text("checked", item)
            if item not in checklist.item_ids:
                raise InputError("unknown_item", "checked")
        if len(set(items)) != len(items):
            raise InputError("duplicate_item", "checked")
        checked[cid] = items
    return normalized(catalogue, checked)


def parse_answers(data, catalogue, regions, language_codes):
    if not isinstance(data, dict):
        raise InputError("not_an_object")
    for key in data:
        if key not in FIELDS:
            raise InputError("unknown_field", str(key)[:40])
    if "lang" not in data:
        raise InputError("missing_field", "lang")
    if _text("lang", data["lang"]) not in language_codes:
        raise InputError("unknown_language", "lang")
    household = parse_household(data.get("household"))
    days = _integer(data.get("days", DEFAULT_DAYS), "days")
    if days not in DAY_CHOICES:
        raise InputError("invalid_days", "days")
    region = data.get("region")
    if region is not None and _text("region", region) not in regions:
        raise InputError("unknown_region", "region")
    return Answers(lang=data["lang"], household=household, days=days, region=region,
                   checked=_parse_checked(data.get("checked", {}), catalogue))


def _one(form, name, field, default=""):
    values = form.getlist(name)
    if len(values) > 1:
        raise InputError("duplicate_field", field)
    return values[0].strip() if values else default


def _whole(raw, field):
    # Any script's digits (int() reads them); nothing else, not even "1_0".
    if not re.fullmatch(r"-?\d+", raw):
        raise InputError("not_integer", field)
    # Python refuses to read past 4,300 digits; any number this long is out of range anyway.
    return int(raw) if len(raw) <= 6 else 10 ** 6


def from_form(form, lang, catalogue):
    """A form post or a link's query, turned into the shape the API takes."""
    household = {f: _whole(_one(form, f, f"household.{f}") or "0", f"household.{f}")
                 for f in COUNT_FIELDS}
    household["care"] = _one(form, "care", "household.care") == "yes"
    return {
        "lang": lang,
        "household": household,
        "days": _whole(_one(form, "days", "days", str(DEFAULT_DAYS)), "days"),
        "region": _one(form, "region", "region") or None,
        "checked": {cid: form.getlist(cid) for cid in catalogue if cid in form},
    }


def has_household(form):
    """Whether a query carries a household at all (a bare link shows the defaults)."""
    return any(name in form for name in (*HOUSEHOLD_FIELDS, "days", "region"))


def form_values(answers=None, form=None):
    """What the household form shows: the answers, or what the person typed when it was refused."""
    if form is not None:
        values = {f: form.get(f, "") for f in COUNT_FIELDS}
        return values | {"care": form.get("care") == "yes", "days": form.get("days", ""),
                         "region": form.get("region", "")}
    h = answers.household
    return {"adults": h.adults, "children": h.children, "infants": h.infants, "pets": h.pets,
            "care": h.care, "days": str(answers.days), "region": answers.region or ""}


def as_query(answers):
    """The household and its ticks as query pairs, so links carry them without saving."""
    h = answers.household
    pairs = [(f, getattr(h, f)) for f in COUNT_FIELDS]
    if h.care:
        pairs.append(("care", "yes"))
    pairs.append(("days", answers.days))
    if answers.region:
        pairs.append(("region", answers.region))
    for cid, items in answers.checked.items():
        pairs.extend((cid, item) for item in items)
    return pairs


def to_json(answers, record_id=None):
    body = {
        "lang": answers.lang,
        "household": {f: getattr(answers.household, f) for f in HOUSEHOLD_FIELDS},
        "days": answers.days,
        "region": answers.region,
        "checked": {cid: list(items) for cid, items in answers.checked.items()},
    }
    if record_id:
        body = {"id": record_id, **body}
    return body
