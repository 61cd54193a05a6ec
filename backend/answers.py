"""What a household answers, checked before anything is stored.

One validator serves the JSON API and the plain form posts, so both refuse
the same things in the same words.
"""
import re
from dataclasses import dataclass

from .checklists import DAY_CHOICES, MAX_PER_KIND, Household
from .errors import InputError

FIELDS = {"checklist", "lang", "household", "days", "region", "checked"}
HOUSEHOLD_FIELDS = ("adults", "children", "infants", "pets", "care")


@dataclass(frozen=True)
class Answers:
    checklist: str
    lang: str
    household: Household
    days: int
    region: str | None
    checked: tuple


def _text(data, field, name=None):
    value = data.get(field)
    if value is None:
        raise InputError("missing_field", name or field)
    if not isinstance(value, str):
        raise InputError("not_text", name or field)
    return value


def _count(data, field):
    name = f"household.{field}"
    value = data.get(field, 0)
    if isinstance(value, bool) or not isinstance(value, int):
        raise InputError("not_integer", name)
    if not 0 <= value <= MAX_PER_KIND:
        raise InputError("out_of_range", name, low=0, high=MAX_PER_KIND)
    return value


def parse_household(data):
    if not isinstance(data, dict):
        raise InputError("missing_field" if data is None else "not_an_object", "household")
    for key in data:
        if key not in HOUSEHOLD_FIELDS:
            raise InputError("unknown_field", f"household.{key}")
    care = data.get("care", False)
    if not isinstance(care, bool):
        raise InputError("not_boolean", "household.care")
    household = Household(
        adults=_count(data, "adults"),
        children=_count(data, "children"),
        infants=_count(data, "infants"),
        pets=_count(data, "pets"),
        care=care,
    )
    if household.persons == 0:
        raise InputError("empty_household", "household")
    return household


def parse_answers(data, checklists, regions, language_codes):
    if not isinstance(data, dict):
        raise InputError("not_an_object")
    for key in data:
        if key not in FIELDS:
            raise InputError("unknown_field", str(key)[:40])
    checklist = checklists.get(_text(data, "checklist"))
    if checklist is None:
        raise InputError("unknown_checklist", "checklist")
    if _text(data, "lang") not in language_codes:
        raise InputError("unknown_language", "lang")
    household = parse_household(data.get("household"))
    days = data.get("days", DAY_CHOICES[0])
    if isinstance(days, bool) or not isinstance(days, int):
        raise InputError("not_integer", "days")
    if days not in DAY_CHOICES:
        raise InputError("invalid_days", "days")
    region = data.get("region")
    if region is not None:
        if not isinstance(region, str):
            raise InputError("not_text", "region")
        if region not in regions:
            raise InputError("unknown_region", "region")
    checked = data.get("checked", [])
    if not isinstance(checked, list):
        raise InputError("not_list", "checked")
    for item in checked:
        if not isinstance(item, str):
            raise InputError("not_text", "checked")
        if item not in checklist.item_ids:
            raise InputError("unknown_item", "checked")
    if len(set(checked)) != len(checked):
        raise InputError("duplicate_item", "checked")
    return Answers(
        checklist=checklist.id,
        lang=data["lang"],
        household=household,
        days=days,
        region=region,
        checked=tuple(sorted(checked)),
    )


def _one(form, name, field, default=""):
    values = form.getlist(name)
    if len(values) > 1:
        raise InputError("duplicate_field", field)
    return values[0].strip() if values else default


def _whole(raw, field):
    # Any script's digits (int() reads them); nothing else, not even "1_0".
    if not re.fullmatch(r"-?\d+", raw):
        raise InputError("not_integer", field)
    return int(raw)


def from_form(form, checklist_id, lang):
    """A plain form post, turned into the same shape the API takes."""
    household = {f: _whole(_one(form, f, f"household.{f}") or "0", f"household.{f}")
                 for f in HOUSEHOLD_FIELDS[:-1]}
    household["care"] = _one(form, "care", "household.care") == "yes"
    return {
        "checklist": checklist_id,
        "lang": lang,
        "household": household,
        "days": _whole(_one(form, "days", "days", str(DAY_CHOICES[0])), "days"),
        "region": _one(form, "region", "region") or None,
        "checked": form.getlist("checked"),
    }


def form_values(answers=None, form=None):
    """What the form shows: the answers, or what the person typed when it was refused."""
    if form is not None:
        values = {f: form.get(f, "") for f in HOUSEHOLD_FIELDS[:-1]}
        return values | {"care": form.get("care") == "yes", "days": form.get("days", ""),
                         "region": form.get("region", ""), "checked": set(form.getlist("checked"))}
    h = answers.household
    return {"adults": h.adults, "children": h.children, "infants": h.infants, "pets": h.pets,
            "care": h.care, "days": str(answers.days), "region": answers.region or "",
            "checked": set(answers.checked)}


def to_json(answers, record_id=None):
    body = {
        "checklist": answers.checklist,
        "lang": answers.lang,
        "household": {f: getattr(answers.household, f) for f in HOUSEHOLD_FIELDS},
        "days": answers.days,
        "region": answers.region,
        "checked": list(answers.checked),
    }
    if record_id:
        body = {"id": record_id, **body}
    return body
