import pytest

from backend import ROOT
from backend.answers import Answers, normalized
from backend.checklists import Household
from backend.definitions import load_checklists
from backend.i18n import read_languages
from backend.progress import checklist_progress, household_progress, next_items, ready, size_band, status

CATALOGUE = load_checklists(ROOT / "content" / "checklists",
                            [lang.code for lang in read_languages(str(ROOT / "mkdocs.yml"))])


def household(checked, **h):
    return Answers(lang="nl", household=Household(**h) if h else Household(2, 3),
                   checked=normalized(CATALOGUE, checked))


def essentials(cid, h=Household(2, 3)):
    return [i.id for i in CATALOGUE[cid].essentials(h)]


def test_complete_when_every_essential_that_applies_is_ticked():
    kit = CATALOGUE["emergency-kit"]
    nothing = household({})
    assert checklist_progress(kit, nothing).as_json() == {
        "essential": len(essentials("emergency-kit")), "essential_checked": 0, "complete": False}
    all_but_one = household({"emergency-kit": essentials("emergency-kit")[1:]})
    assert not checklist_progress(kit, all_but_one).complete
    assert next_items(kit, all_but_one) == [kit.essentials(Household(2, 3))[0]]
    done = household({"emergency-kit": essentials("emergency-kit") + ["candles"]})
    assert checklist_progress(kit, done).complete and next_items(kit, done) == []


def test_items_that_do_not_apply_are_not_asked_for():
    kit = CATALOGUE["emergency-kit"]
    with_baby = Household(1, infants=1)
    assert "baby-food" in essentials("emergency-kit", with_baby)
    assert "baby-food" not in essentials("emergency-kit", Household(1))
    ticked = household({"emergency-kit": essentials("emergency-kit", Household(1))}, adults=1, infants=1)
    assert checklist_progress(kit, ticked).essential_checked == len(essentials("emergency-kit", Household(1)))
    assert not checklist_progress(kit, ticked).complete


def test_ready_needs_all_three_and_a_shared_item_counts_in_both():
    # Drinking water ticked in the kit completes the water checklist too.
    only_kit = household({"emergency-kit": essentials("emergency-kit")})
    progress = household_progress(CATALOGUE, only_kit)
    assert progress["water"].complete and not progress["cash"].complete and not ready(progress)
    everything = household({cid: essentials(cid) for cid in CATALOGUE})
    assert ready(household_progress(CATALOGUE, everything))
    assert status(CATALOGUE, everything).complete == frozenset(CATALOGUE)


@pytest.mark.parametrize("h, band", [
    (Household(1), "1"), (Household(0, 1), "1"), (Household(1, 0, 1), "2"), (Household(2, 1), "3-4"),
    (Household(2, 2), "3-4"), (Household(2, 3), "5+"), (Household(20, 20, 20), "5+"),
])
def test_size_bands_count_people_of_every_age_not_pets(h, band):
    assert size_band(h) == band
    assert size_band(Household(h.adults, h.children, h.infants, pets=9)) == band
