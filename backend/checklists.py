"""Checklists, their items and quantity rules, and the regions: what definitions.py reads from
content/checklists/*.yml and content/regions.yml.

Everything here is pure: it computes amounts; no HTTP, no SQL.
"""
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from flask import current_app

CONDITIONS = ("children", "infants", "pets", "care")
MAX_PER_KIND = 20
# Checklist ids name form fields (`water=drinking-water`), so they may not be these.
RESERVED_IDS = frozenset({"adults", "children", "infants", "pets", "care", "days", "region",
                          "lang", "action", "saved", "id", "print"})


@dataclass(frozen=True)
class Household:
    adults: int = 1
    children: int = 0
    infants: int = 0
    pets: int = 0
    care: bool = False

    @property
    def persons(self):
        return self.adults + self.children + self.infants


@dataclass(frozen=True)
class Quantity:
    """Every rule is a weighted count of the household, optionally times the days."""

    unit: str
    adult: int = 0
    child: int = 0
    infant: int = 0
    pet: int = 0
    household: int = 0
    per_day: bool = False

    def amount(self, household, days):
        total = (
            self.adult * household.adults
            + self.child * household.children
            + self.infant * household.infants
            + self.pet * household.pets
            + self.household
        )
        return total * days if self.per_day else total

    def as_dict(self):
        return {
            "unit": self.unit, "adult": self.adult, "child": self.child,
            "infant": self.infant, "pet": self.pet, "household": self.household,
            "per_day": self.per_day,
        }


@dataclass(frozen=True)
class Item:
    id: str
    category: str
    essential: bool
    text: dict
    help: dict | None
    source: dict | None
    quantity: Quantity | None
    only_if: str | None
    same_as: tuple | None = None  # (checklist id, item id) of the same thing in another checklist
    # What island households read instead (Bonaire, Sint Eustatius, Saba: no NL-Alert, other check months).
    islands: dict | None = None  # {"text": {...}, "help": {...}}, either or both
    link: tuple | None = None  # (site path under the language's prefix, words per language): "read more"

    def words(self, field, code, islands=False):
        """The item's text or help in a language, the islands' variant for a household there."""
        variant = (self.islands or {}).get(field) if islands else None
        texts = variant or getattr(self, field)
        return texts[code] if texts else None

    def link_url(self, prefix):
        """The linked page in the language whose prefix is given ('' for Dutch, '/en')."""
        return f"{prefix}/{self.link[0]}" if self.link else None

    def applies(self, household):
        if self.only_if is None:
            return True
        if self.only_if == "care":
            return household.care
        return getattr(household, self.only_if) > 0


@dataclass(frozen=True)
class Category:
    id: str
    title: dict


@dataclass(frozen=True)
class Checklist:
    id: str
    version: int
    title: dict
    intro: dict
    source: dict
    categories: tuple
    items: tuple
    overview: tuple = ()  # items whose amounts the household overview shows
    order: int = 100  # place among the checklists on the overview and in progress
    page: str = ""  # the campaign page (content/<lang>/<page>.md) that explains it, linked from the checklist

    @cached_property  # asked for each ticked item of every write
    def item_ids(self):
        return frozenset(item.id for item in self.items)

    def essentials(self, household):
        """The essential items that apply to this household: what "complete" asks for."""
        return [item for item in self.items if item.essential and item.applies(household)]


class Catalogue(dict):
    """Every checklist by id, and which items are one thing across checklists."""

    def __init__(self, checklists):
        super().__init__((c.id, c) for c in checklists)
        self.links = {}
        for checklist in self.values():
            for item in checklist.items:
                if item.same_as:
                    here = (checklist.id, item.id)
                    group = self.links.get(here, {here}) | self.links.get(item.same_as, {item.same_as})
                    for key in group:
                        self.links[key] = group
        self.links = {key: frozenset(group - {key}) for key, group in self.links.items()}

    def linked(self, checklist_id, item_id):
        """The same item in the other checklists that hold it."""
        return self.links.get((checklist_id, item_id), frozenset())


@dataclass(frozen=True)
class Region:
    id: str
    name: dict
    safety_region: bool = True  # false for the Caribbean Netherlands, which has none
    radio: tuple | None = None  # (broadcaster, FM frequency, source per language) where a current source gives them


def checklists():
    return current_app.extensions["paraat.checklists"]


def regions():
    return current_app.extensions["paraat.regions"]


def init_app(app):
    from .definitions import load_checklists, load_regions
    from .i18n import languages

    with app.app_context():
        codes = [lang.code for lang in languages()]
    content = Path(app.config["CONTENT_DIR"])
    app.extensions["paraat.checklists"] = load_checklists(content / "checklists", codes)
    app.extensions["paraat.regions"] = load_regions(content / "regions.yml", codes)
