import textwrap

import pytest

from backend import ROOT
from backend.checklists import Household, Quantity
from backend.definitions import DefinitionError, load_checklist, load_checklists, load_regions
from backend.i18n import read_languages

CODES = [lang.code for lang in read_languages(str(ROOT / "mkdocs.yml"))]
FAMILY = Household(adults=2, children=3)


@pytest.fixture(scope="module")
def real():
    return load_checklists(ROOT / "content" / "checklists", CODES)


def amount_of(checklist, item_id, household, days=3):
    item = next(i for i in checklist.items if i.id == item_id)
    return item.quantity.amount(household, days)


def test_the_three_checklists_load_in_every_language(real):
    assert set(real) == {"emergency-kit", "water", "cash"}
    for checklist in real.values():
        for item in checklist.items:
            assert set(item.text) == set(CODES)


def test_family_example_from_the_campaign(real):
    # 2 adults and 3 children for 3 days: 45 litres of water and EUR 230 in cash.
    assert amount_of(real["water"], "drinking-water", FAMILY) == 45
    assert amount_of(real["cash"], "cash-amount", FAMILY) == 230
    assert amount_of(real["emergency-kit"], "drinking-water", FAMILY) == 45
    assert amount_of(real["emergency-kit"], "cash", FAMILY) == 230


def test_water_counts_infants_and_days(real):
    baby_home = Household(adults=1, infants=1)
    assert amount_of(real["water"], "drinking-water", baby_home, days=3) == 18
    assert amount_of(real["water"], "drinking-water", baby_home, days=10) == 60


def test_cash_counts_infants_as_children_and_ignores_days(real):
    assert amount_of(real["cash"], "cash-amount", Household(adults=1, infants=2), days=7) == 130
    assert amount_of(real["cash"], "coins", Household(adults=4), days=10) == 50


@pytest.mark.parametrize("quantity, expected", [
    (Quantity("litre", adult=3, child=3, infant=3, per_day=True), 3 * 6 * 7),   # per person per day
    (Quantity("piece", adult=1, child=1, infant=1), 6),                         # per person
    (Quantity("piece", household=50), 50),                                      # per household
    (Quantity("piece", pet=2, per_day=True), 2 * 2 * 7),                        # per pet per day
    (Quantity("euro", adult=70, child=30, infant=10), 140 + 90 + 10),           # by age
])
def test_every_rule_shape(quantity, expected):
    household = Household(adults=2, children=3, infants=1, pets=2)
    assert quantity.amount(household, 7) == expected


def _write(tmp_path, body, name="demo"):
    path = tmp_path / f"{name}.yml"
    path.write_text(textwrap.dedent(body), encoding="utf-8")
    return path


VALID = """\
    id: demo
    version: 2
    title: {nl: Demo, en: Demo}
    intro: {nl: Intro nl, en: Intro en}
    source: {nl: Bron, en: Source}
    categories:
      - id: main
        title: {nl: Hoofd, en: Main}
    items:
      - id: one
        category: main
        text: {nl: Een, en: One}
        quantity: %s
"""


@pytest.mark.parametrize("rule, household, days, expected", [
    ("{rule: per_person_per_day, amount: 2, unit: litre}", Household(2, 1, 1), 3, 24),
    ("{rule: per_person, amount: 1, unit: piece}", Household(2, 1, 1), 7, 4),
    ("{rule: per_household, amount: 5, unit: piece}", Household(2, 1, 1), 7, 5),
    ("{rule: per_household, amount: 1, unit: piece, per_day: true}", Household(1), 7, 7),
    ("{rule: per_pet, amount: 1, unit: piece, per_day: true}", Household(1, pets=2), 3, 6),
    ("{rule: by_age, adult: 70, child: 30, infant: 30, unit: euro}", Household(1, 1, 1), 10, 130),
    ("{rule: by_age, adult: 2, child: 1, infant: 1, pet: 1, unit: litre, per_day: true}",
     Household(1, 1, 0, 1), 3, 12),
])
def test_rules_in_yaml(tmp_path, rule, household, days, expected):
    checklist = load_checklist(_write(tmp_path, VALID % rule), ["nl", "en"])
    assert checklist.version == 2
    assert checklist.items[0].quantity.amount(household, days) == expected


@pytest.mark.parametrize("body, message", [
    (VALID % "{rule: per_person, amount: 1, unit: piece}", "language 'fy'"),
    (VALID % "{rule: per_moon, amount: 1, unit: piece}", "item 'one': field 'quantity.rule'"),
    (VALID % "{rule: per_person, amount: 1, unit: gallon}", "item 'one': field 'quantity.unit'"),
    (VALID % "{rule: per_person, amount: -1, unit: piece}", "item 'one': field 'amount'"),
    (VALID % "{rule: per_person, amount: 1, unit: piece, adult: 3}", "item 'one': field 'quantity'"),
    (VALID.replace("category: main", "category: other") % "null", "item 'one': field 'category'"),
    (VALID.replace("id: demo", "id: other") % "null", "checklist: field 'id'"),
    (VALID.replace("text: {nl: Een, en: One}", "text: {nl: Een}") % "null", "item 'one': field 'text'"),
])
def test_invalid_definitions_name_file_item_and_field(tmp_path, body, message):
    path = _write(tmp_path, body)
    languages = ["nl", "en", "fy"] if "fy" in message else ["nl", "en"]
    with pytest.raises(DefinitionError) as err:
        load_checklist(path, languages)
    assert str(path) in str(err.value)
    assert message in str(err.value)


def test_only_if_follows_the_household(real):
    kit = real["emergency-kit"]
    by_id = {item.id: item for item in kit.items}
    nobody_special = Household(adults=1)
    assert not by_id["baby-food"].applies(nobody_special)
    assert by_id["baby-food"].applies(Household(adults=1, infants=1))
    assert by_id["pet-food"].applies(Household(adults=1, pets=1))
    assert by_id["medicines"].applies(Household(adults=1, care=True))
    assert by_id["torch"].applies(nobody_special)


def test_regions_are_the_safety_regions_plus_caribbean_netherlands():
    regions = load_regions(ROOT / "content" / "regions.yml", CODES)
    assert len(regions) == 26
    assert "utrecht" in regions and "caribisch-nederland" in regions
    assert regions["fryslan"].name["ar"] == "Fryslân"


def test_items_that_are_one_thing_in_two_checklists_are_linked_both_ways(real):
    assert real.linked("emergency-kit", "drinking-water") == {("water", "drinking-water")}
    assert real.linked("water", "drinking-water") == {("emergency-kit", "drinking-water")}
    assert real.linked("cash", "cash-amount") == {("emergency-kit", "cash")}
    assert real.linked("emergency-kit", "torch") == frozenset()
    assert list(real) == ["emergency-kit", "water", "cash"]  # the overview's order


@pytest.mark.parametrize("same_as, message", [
    ("nowhere/one", "field 'same_as': no item 'one' in another checklist 'nowhere'"),
    ("demo/one", "field 'same_as': no item 'one' in another checklist 'demo'"),
    ("just-a-name", "field 'same_as': must name another checklist's item"),
])
def test_a_link_to_an_item_that_is_not_there_is_refused(tmp_path, same_as, message):
    _write(tmp_path, VALID.replace("        quantity: %s\n", f"        same_as: {same_as}\n"))
    with pytest.raises(DefinitionError) as err:
        load_checklists(tmp_path, ["nl", "en"])
    assert message in str(err.value) and "demo" in str(err.value)


def test_checklist_ids_may_not_be_form_field_names(tmp_path):
    _write(tmp_path, VALID.replace("id: demo", "id: adults") % "null", name="adults")
    with pytest.raises(DefinitionError) as err:
        load_checklists(tmp_path, ["nl", "en"])
    assert "reserved" in str(err.value)


ISLANDS_AND_LINK = VALID % "null" + """\
        islands:
          text: {nl: Een op de eilanden, en: One on the islands}
        link: {page: "stroomuitval.md#koolmonoxide", text: {nl: Meer, en: More}}
"""


def test_an_item_may_have_island_wording_and_a_link_to_a_page_section(tmp_path):
    item = load_checklist(_write(tmp_path, ISLANDS_AND_LINK), ["nl", "en"]).items[0]
    assert item.words("text", "en") == "One" and item.words("text", "en", islands=True) == "One on the islands"
    assert item.words("help", "en", islands=True) is None  # no help, on the islands either
    assert item.link_url("/en") == "/en/stroomuitval/#koolmonoxide"
    assert item.link_url("") == "/stroomuitval/#koolmonoxide"
    assert item.link[1]["nl"] == "Meer"


@pytest.mark.parametrize("old, new, message", [
    ("islands:\n          text:", "islands:\n          title:", "item 'one': field 'islands'"),
    ("text: {nl: Een op de eilanden, en: One on the islands}", "text: {nl: Een op de eilanden}",
     "item 'one' islands: field 'text': missing text for language 'en'"),
    ('page: "stroomuitval.md#koolmonoxide"', 'page: "https://example.org/"', "item 'one': field 'link'"),
    ("text: {nl: Meer, en: More}", "text: {nl: Meer}", "item 'one' link: field 'text'"),
])
def test_bad_island_wording_or_links_are_refused(tmp_path, old, new, message):
    with pytest.raises(DefinitionError) as err:
        load_checklist(_write(tmp_path, ISLANDS_AND_LINK.replace(old, new)), ["nl", "en"])
    assert message in str(err.value)


def test_the_real_water_check_has_the_islands_wording_without_nl_alert(real):
    item = next(i for i in real["water"].items if i.id == "check-dates")
    for code in CODES:
        assert "NL-Alert" in item.words("text", code) and "NL-Alert" not in item.words("text", code, islands=True)
        assert "NL-Alert" not in item.words("help", code, islands=True)


def test_radio_frequencies_carry_a_current_source_and_l1_has_none():
    regions = load_regions(ROOT / "content" / "regions.yml", CODES)
    name, fm, source = regions["utrecht"].radio
    assert (name, fm) == ("Radio M Utrecht", "93.1") and all("2025" in source[code] for code in CODES)
    assert regions["zuid-limburg"].radio is None and regions["limburg-noord"].radio is None
