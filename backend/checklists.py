"""Checklist definitions (content/checklists/*.yml) and their quantity rules.

Everything here is pure: it reads YAML once and computes amounts; no HTTP, no SQL.
"""
import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from flask import current_app

from . import yamlfile

CONDITIONS = ("children", "infants", "pets", "care")
MAX_PER_KIND = 20
# Checklist ids name form fields (`water=drinking-water`), so they may not be these.
RESERVED_IDS = frozenset({"adults", "children", "infants", "pets", "care", "days", "region",
                          "lang", "action", "saved", "id", "print"})


class DefinitionError(ValueError):
    """A checklist file that cannot be used; the message names file, item and field."""


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


class _Reader:
    """Checks one file's fields and says precisely where a problem is."""

    def __init__(self, path, languages):
        self.path = path
        self.languages = languages

    def fail(self, where, field, problem):
        raise DefinitionError(f"{self.path}: {where}: field '{field}': {problem}")

    def texts(self, data, where, field, required=True):
        value = data.get(field)
        if value is None and not required:
            return None
        if isinstance(value, str) and value.strip():
            return {code: value.strip() for code in self.languages}
        if not isinstance(value, dict):
            self.fail(where, field, "must give a text per language")
        for code in self.languages:
            text = value.get(code)
            if not isinstance(text, str) or not text.strip():
                self.fail(where, field, f"missing text for language '{code}'")
        unknown = set(value) - set(self.languages)
        if unknown:
            self.fail(where, field, f"language(s) not offered: {', '.join(sorted(unknown))}")
        return {code: value[code].strip() for code in self.languages}

    def whole(self, data, where, field, minimum=0, default=None):
        value = data.get(field, default)
        if not isinstance(value, int) or isinstance(value, bool) or value < minimum:
            self.fail(where, field, f"must be a whole number of at least {minimum}")
        return value

    def quantity(self, data, where):
        from .i18n import UNITS

        unit = data.get("unit")
        if unit not in UNITS:
            self.fail(where, "quantity.unit", f"must be one of {', '.join(UNITS)}")
        rule = data.get("rule")
        per_day = data.get("per_day", False)
        if not isinstance(per_day, bool):
            self.fail(where, "quantity.per_day", "must be true or false")
        allowed = {"rule", "unit", "per_day"}
        if rule in ("per_person_per_day", "per_person"):
            allowed.add("amount")
            amount = self.whole(data, where, "amount", 1)
            if rule == "per_person_per_day":
                per_day = True
            q = Quantity(unit, adult=amount, child=amount, infant=amount, per_day=per_day)
        elif rule == "per_household":
            allowed.add("amount")
            q = Quantity(unit, household=self.whole(data, where, "amount", 1), per_day=per_day)
        elif rule == "per_pet":
            allowed.add("amount")
            q = Quantity(unit, pet=self.whole(data, where, "amount", 1), per_day=per_day)
        elif rule == "by_age":
            allowed |= {"adult", "child", "infant", "pet"}
            q = Quantity(
                unit,
                adult=self.whole(data, where, "adult"),
                child=self.whole(data, where, "child"),
                infant=self.whole(data, where, "infant"),
                pet=self.whole(data, where, "pet", default=0),
                per_day=per_day,
            )
        else:
            self.fail(where, "quantity.rule",
                      "must be per_person_per_day, per_person, per_household, per_pet or by_age")
        extra = set(data) - allowed
        if extra:
            self.fail(where, "quantity", f"unknown field(s) for rule {rule}: {', '.join(sorted(extra))}")
        return q


# A site page as YAML names it (as the footer does): its file name, optionally with a heading's id.
PAGE_LINK = re.compile(r"([a-z0-9][a-z0-9-]*)\.md(?:#([a-z0-9][a-z0-9-]*))?")
ISLAND_FIELDS = ("text", "help")


def _islands(r, raw, where):
    value = raw.get("islands")
    if value is None:
        return None
    if not isinstance(value, dict) or not value or set(value) - set(ISLAND_FIELDS):
        r.fail(where, "islands", f"must give {' and/or '.join(ISLAND_FIELDS)} for households on the islands")
    return {field: r.texts(value, f"{where} islands", field) for field in value}


def _link(r, raw, where):
    value = raw.get("link")
    if value is None:
        return None
    match = PAGE_LINK.fullmatch(str(value.get("page"))) if isinstance(value, dict) else None
    if not match or set(value) != {"page", "text"}:
        r.fail(where, "link", "must have a page (a file name like 'stroomuitval.md#koolmonoxide') and a text")
    path = match.group(1) + "/" + (f"#{match.group(2)}" if match.group(2) else "")
    return path, r.texts(value, f"{where} link", "text")


def _load_yaml(path):
    try:
        return yamlfile.load(path)
    except yamlfile.YamlError as exc:
        raise DefinitionError(str(exc)) from None


def load_checklist(path, languages):
    path = Path(path)
    r = _Reader(path, languages)
    data = _load_yaml(path)
    if not isinstance(data, dict):
        r.fail("checklist", "(top)", "must be a mapping")
    if data.get("id") != path.stem:
        r.fail("checklist", "id", f"must equal the file name '{path.stem}'")
    if path.stem in RESERVED_IDS or "." in path.stem:
        r.fail("checklist", "id", f"'{path.stem}' is a reserved word; rename the file")
    categories = []
    for cat in data.get("categories") or []:
        where = f"category {cat.get('id')!r}"
        categories.append(Category(id=cat.get("id"), title=r.texts(cat, where, "title")))
    category_ids = {c.id for c in categories}
    if not categories:
        r.fail("checklist", "categories", "needs at least one category")
    items, seen = [], set()
    for raw in data.get("items") or []:
        item_id = raw.get("id")
        where = f"item {item_id!r}"
        if not isinstance(item_id, str) or not item_id or item_id in seen:
            r.fail(where, "id", "must be a unique, non-empty text")
        seen.add(item_id)
        if raw.get("category") not in category_ids:
            r.fail(where, "category", f"must be one of {', '.join(sorted(category_ids))}")
        if raw.get("only_if") not in (None, *CONDITIONS):
            r.fail(where, "only_if", f"must be one of {', '.join(CONDITIONS)}")
        if not isinstance(raw.get("essential", False), bool):
            r.fail(where, "essential", "must be true or false")
        quantity = raw.get("quantity")
        if quantity is not None and not isinstance(quantity, dict):
            r.fail(where, "quantity", "must be a mapping")
        same_as = raw.get("same_as")
        if same_as is not None:
            if not isinstance(same_as, str) or same_as.count("/") != 1:
                r.fail(where, "same_as", "must name another checklist's item as 'checklist/item'")
            same_as = tuple(same_as.split("/"))
        items.append(Item(
            id=item_id,
            category=raw["category"],
            essential=raw.get("essential", False),
            text=r.texts(raw, where, "text"),
            help=r.texts(raw, where, "help", required=False),
            source=r.texts(raw, where, "source", required=False),
            quantity=None if quantity is None else r.quantity(quantity, where),
            only_if=raw.get("only_if"),
            same_as=same_as,
            islands=_islands(r, raw, where),
            link=_link(r, raw, where),
        ))
    if not items:
        r.fail("checklist", "items", "needs at least one item")
    overview = data.get("overview") or []
    if not isinstance(overview, list) or not set(overview) <= seen:
        r.fail("checklist", "overview", "must list item ids of this checklist")
    page = data.get("page") or ""
    if not isinstance(page, str) or not re.fullmatch(r"[a-z0-9-]*", page):
        r.fail("checklist", "page", "must be the name of a campaign page, without .md (for example: water)")
    return Checklist(
        id=data["id"],
        version=r.whole(data, "checklist", "version", 1),
        title=r.texts(data, "checklist", "title"),
        intro=r.texts(data, "checklist", "intro"),
        source=r.texts(data, "checklist", "source"),
        categories=tuple(categories),
        items=tuple(items),
        overview=tuple(overview),
        order=r.whole(data, "checklist", "order", 1, default=100),
        page=page,
    )


def load_checklists(directory, languages):
    found = sorted(Path(directory).glob("*.yml"))
    if not found:
        raise DefinitionError(f"{directory}: no checklist definitions (*.yml)")
    loaded = [load_checklist(p, languages) for p in found]
    by_id = {c.id: c for c in loaded}
    for checklist in loaded:
        for item in checklist.items:
            if item.same_as is None:
                continue
            other_id, other_item = item.same_as
            other = by_id.get(other_id)
            if other_id == checklist.id or other is None or other_item not in other.item_ids:
                raise DefinitionError(f"{Path(directory) / (checklist.id + '.yml')}: item {item.id!r}: "
                                      f"field 'same_as': no item '{other_item}' in another checklist "
                                      f"'{other_id}'")
    return Catalogue(sorted(loaded, key=lambda c: (c.order, c.id)))


def load_regions(path, languages):
    r = _Reader(Path(path), languages)
    data = _load_yaml(path)
    if not isinstance(data, list) or not data:
        r.fail("regions", "(top)", "must be a list of regions")
    regions = {}
    for raw in data:
        region_id = raw.get("id") if isinstance(raw, dict) else None
        if not isinstance(region_id, str) or region_id in regions:
            r.fail(f"region {region_id!r}", "id", "must be a unique text")
        safety_region = raw.get("safety_region", True)
        if not isinstance(safety_region, bool):
            r.fail(f"region {region_id!r}", "safety_region", "must be true or false")
        radio = raw.get("radio")
        if radio is not None and not (isinstance(radio, dict) and set(radio) == {"name", "fm", "source"}
                                      and re.fullmatch(r"\d{2,3}\.\d", str(radio["fm"]))):
            r.fail(f"region {region_id!r}", "radio", "must have a name, an FM frequency like '93.1' and a source")
        source = r.texts(radio, f"region {region_id!r} radio", "source") if radio else None
        regions[region_id] = Region(id=region_id, name=r.texts(raw, f"region {region_id!r}", "name"),
                                    safety_region=safety_region,
                                    radio=(radio["name"], str(radio["fm"]), source) if radio else None)
    return regions


def checklists():
    return current_app.extensions["paraat.checklists"]


def regions():
    return current_app.extensions["paraat.regions"]


def init_app(app):
    from .i18n import languages

    with app.app_context():
        codes = [lang.code for lang in languages()]
    content = Path(app.config["CONTENT_DIR"])
    app.extensions["paraat.checklists"] = load_checklists(content / "checklists", codes)
    app.extensions["paraat.regions"] = load_regions(content / "regions.yml", codes)


def main(argv=None):
    """`python -m backend.checklists [CONTENT_DIR]`: are the definitions usable? One line either way."""
    import sys

    from . import ROOT
    from .i18n import read_languages

    args = sys.argv[1:] if argv is None else argv
    content = Path(args[0]) if args else ROOT / "content"
    codes = [lang.code for lang in read_languages(str(ROOT / "mkdocs.yml"))]
    try:
        found = load_checklists(content / "checklists", codes)
        load_regions(content / "regions.yml", codes)
    except DefinitionError as err:
        print(f"Cannot start: {err}", file=sys.stderr)
        return 1
    print(f"Checklists: {', '.join(found)}: fine.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
