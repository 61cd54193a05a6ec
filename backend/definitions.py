"""Reading checklist definitions (content/checklists/*.yml) and the regions (content/regions.yml): a file
that cannot be used is refused with one message naming its file, item and field.

`python -m backend.definitions [CONTENT_DIR]` says whether the definitions are usable.
"""
import re
from pathlib import Path

from . import yamlfile
from .checklists import CONDITIONS, RESERVED_IDS, Catalogue, Category, Checklist, Item, Quantity, Region


class DefinitionError(ValueError):
    """A checklist file that cannot be used; the message names file, item and field."""


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


def main(argv=None):
    """`python -m backend.definitions [CONTENT_DIR]`: are the definitions usable? One line either way."""
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
