import pytest

from backend import ROOT
from backend.answers import parse_answers
from backend.definitions import load_checklists, load_regions
from backend.errors import InputError

CODES = ["nl", "en"]


@pytest.fixture(scope="module")
def parse():
    from backend.i18n import read_languages

    codes = [lang.code for lang in read_languages(str(ROOT / "mkdocs.yml"))]
    checklists = load_checklists(ROOT / "content" / "checklists", codes)
    regions = load_regions(ROOT / "content" / "regions.yml", codes)
    def parse(data):
        return parse_answers(data, checklists, regions, codes)

    parse.catalogue = checklists
    return parse


GOOD = {"lang": "nl",
        "household": {"adults": 2, "children": 3, "infants": 0, "pets": 0, "care": False},
        "days": 3, "region": "utrecht", "checked": {"water": ["drinking-water"], "cash": ["coins"]}}


def test_good_answers(parse):
    a = parse(GOOD)
    assert a.household.persons == 5 and a.days == 3
    # Every checklist is there, and drinking water is one thing in the kit and the water checklist.
    assert a.checked == {"emergency-kit": ("drinking-water",), "water": ("drinking-water",), "cash": ("coins",)}
    assert parse({**GOOD, "checked": {}}).checked == {"emergency-kit": (), "water": (), "cash": ()}
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
    (changed("checklist", "water"), "unknown_field", "checklist"),
    (changed("lang", 7), "not_text", "lang"),
    ({k: v for k, v in GOOD.items() if k != "lang"}, "missing_field", "lang"),
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
    (changed("checked", ["drinking-water"]), "not_an_object", "checked"),
    (changed("checked", {"water": "drinking-water"}), "not_list", "checked"),
    (changed("checked", {"bunker": []}), "unknown_checklist", "checked"),
    (changed("checked", {"water": ["torch"]}), "unknown_item", "checked"),
    (changed("checked", {"water": ["drinking-water", "drinking-water"]}), "duplicate_item", "checked"),
    (changed("checked", {"water": [1]}), "not_text", "checked"),
])
def test_refusals_say_what_and_where(parse, data, code, field):
    with pytest.raises(InputError) as err:
        parse(data)
    assert (err.value.code, err.value.field) == (code, field)


def test_a_checklist_page_decides_its_items_and_their_twins(parse):
    from backend.answers import merged

    catalogue = parse.catalogue
    stored = parse({**GOOD, "checked": {"water": ["drinking-water", "check-dates"], "cash": ["coins"]}}).checked
    # The kit page posts without drinking water: it is unticked in the water checklist too; the rest stays.
    after = merged(catalogue, stored, "emergency-kit", ["torch"])
    assert after == {"emergency-kit": ("torch",), "water": ("check-dates",), "cash": ("coins",)}
    # Ticking cash in the kit ticks the cash checklist's amount.
    after = merged(catalogue, after, "emergency-kit", ["torch", "cash"])
    assert after["cash"] == ("cash-amount", "coins")


def test_form_numbers_past_python_s_limit_are_out_of_range_not_a_crash(parse):
    from werkzeug.datastructures import MultiDict

    from backend.answers import from_form

    data = from_form(MultiDict({"adults": "9" * 5000, "days": "3"}), "nl", parse.catalogue)
    with pytest.raises(InputError) as err:
        parse(data)
    assert (err.value.code, err.value.field) == ("out_of_range", "household.adults")
