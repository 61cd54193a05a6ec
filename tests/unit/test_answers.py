import pytest

from backend import ROOT
from backend.answers import parse_answers
from backend.checklists import load_checklists, load_regions
from backend.errors import InputError

CODES = ["nl", "en"]


@pytest.fixture(scope="module")
def parse():
    from backend.i18n import read_languages

    codes = [lang.code for lang in read_languages(str(ROOT / "mkdocs.yml"))]
    checklists = load_checklists(ROOT / "content" / "checklists", codes)
    regions = load_regions(ROOT / "content" / "regions.yml", codes)
    return lambda data: parse_answers(data, checklists, regions, codes)


GOOD = {"checklist": "water", "lang": "nl",
        "household": {"adults": 2, "children": 3, "infants": 0, "pets": 0, "care": False},
        "days": 3, "region": "utrecht", "checked": ["drinking-water"]}


def test_good_answers(parse):
    a = parse(GOOD)
    assert a.household.persons == 5 and a.days == 3 and a.checked == ("drinking-water",)
    assert parse({**GOOD, "region": None}).region is None
    without_region = {k: v for k, v in GOOD.items() if k != "region"}
    assert parse(without_region).region is None


def changed(path, value):
    data = {**GOOD, "household": dict(GOOD["household"])}
    if path.startswith("household."):
        data["household"][path.split(".", 1)[1]] = value
    else:
        data[path] = value
    return data


@pytest.mark.parametrize("data, code, field", [
    ([], "not_an_object", None),
    ({**GOOD, "name": "Jan"}, "unknown_field", "name"),
    (changed("household.email", "x@y"), "unknown_field", "household.email"),
    (changed("checklist", "bunker"), "unknown_checklist", "checklist"),
    (changed("checklist", 7), "not_text", "checklist"),
    ({k: v for k, v in GOOD.items() if k != "checklist"}, "missing_field", "checklist"),
    (changed("lang", "xx"), "unknown_language", "lang"),
    (changed("household.adults", "2"), "not_integer", "household.adults"),
    (changed("household.adults", True), "not_integer", "household.adults"),
    (changed("household.children", -1), "out_of_range", "household.children"),
    (changed("household.infants", 21), "out_of_range", "household.infants"),
    (changed("household.pets", 10**30), "out_of_range", "household.pets"),
    (changed("household.care", "yes"), "not_boolean", "household.care"),
    ({**GOOD, "household": {"adults": 0, "children": 0, "infants": 0, "pets": 3}}, "empty_household", "household"),
    (changed("household", None), "missing_field", "household"),
    (changed("days", 5), "invalid_days", "days"),
    (changed("days", "3"), "not_integer", "days"),
    (changed("region", "atlantis"), "unknown_region", "region"),
    (changed("region", 3), "not_text", "region"),
    (changed("checked", "drinking-water"), "not_list", "checked"),
    (changed("checked", ["torch"]), "unknown_item", "checked"),
    (changed("checked", ["drinking-water", "drinking-water"]), "duplicate_item", "checked"),
    (changed("checked", [1]), "not_text", "checked"),
])
def test_refusals_say_what_and_where(parse, data, code, field):
    with pytest.raises(InputError) as err:
        parse(data)
    assert (err.value.code, err.value.field) == (code, field)
