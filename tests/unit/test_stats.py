"""Small-cell protection by cell-key perturbation, on crafted counts and cell keys."""
import itertools
import random
from types import SimpleNamespace

import pytest

from backend import ptable
from backend.stats import KEY_RANGE, THRESHOLD, Count, Protection, Share, added, share_of

PROTECT = Protection(ptable.generate(random.Random(19)))
KEYS = range(KEY_RANGE)


def test_zero_stays_zero_and_a_count_below_ten_is_hidden_for_every_cell_key():
    for key in KEYS:
        assert PROTECT.count((0, key)) == Count(0)
        for raw in range(1, THRESHOLD):
            assert PROTECT.count((raw, key)).export() == "<10"
    with pytest.raises(ValueError):
        PROTECT.count((-1, 0))


def test_other_counts_get_small_noise_and_are_never_shown_below_ten():
    for raw, key in itertools.product(range(THRESHOLD, 300), KEYS):
        shown = PROTECT.count((raw, key))
        assert shown.few or (shown.value >= THRESHOLD and abs(shown.value - raw) <= PROTECT.largest_noise)
    assert PROTECT.largest_noise == max(abs(n) for n in ptable.NOISE)


def test_the_noise_depends_on_the_cell_key_not_only_on_the_count():
    """Not the deterministic 10/5 rule (the same noise for every key): a count's keys give many noises."""
    for raw in (16, 23, 40, 1000, 123457):
        noises = {PROTECT.count((raw, key)).value - raw for key in KEYS if not PROTECT.count((raw, key)).few}
        assert len(noises) >= 9, raw
    # Mostly small: the mean absolute noise over the keys is about one household.
    mean = sum(abs(PROTECT.count((500, key)).value - 500) for key in KEYS) / KEY_RANGE
    assert 0.8 < mean < 1.6


def test_each_installation_makes_its_own_secret_table():
    assert ptable.generate() != ptable.generate()
    assert all(row == [0] * KEY_RANGE for row in ptable.generate()[:1])  # but 0 is always 0


def test_the_same_cell_always_gets_the_same_output_and_a_changed_cell_its_own():
    assert PROTECT.count((57, 200)) == PROTECT.count((57, 200))
    # One household more (any record key) is another cell: its noise is drawn afresh, not shifted by one.
    shifts = {PROTECT.count((58, (200 + k) % KEY_RANGE)).value - PROTECT.count((57, 200)).value for k in KEYS}
    assert len(shifts) >= 9


def test_a_total_is_a_cell_of_its_own_and_a_small_table_is_withheld():
    cells = {"utrecht": (12, 5), "zeeland": (12, 250), "fryslan": (12, 77)}
    table = PROTECT.table(cells)
    assert table.total == PROTECT.count((36, (5 + 250 + 77) % KEY_RANGE))
    assert added(*cells.values()) == (36, 76)
    assert PROTECT.table({"utrecht": (4, 1), "zeeland": (5, 2)}).withheld
    assert PROTECT.table({}).withheld
    assert all(PROTECT.table({"a": (4, key), "b": (5, 0)}).withheld for key in KEYS)


def test_a_table_is_withheld_when_its_shown_total_is_below_ten_not_its_raw_one():
    """Withholding depends on what is shown, so it never tells that the raw total is 10 or more."""
    decided = {PROTECT.table({"a": (6, key), "b": (5, 0)}).withheld for key in KEYS}
    assert decided == {True, False}


def test_shares_are_worked_out_from_shown_counts_only():
    assert share_of(Count(30), Count(100)) == Share("percent", 30)
    assert share_of(Count(None), Count(100)).kind == "few"
    assert share_of(Count(0), Count(100)).kind == "few"
    assert share_of(Count(20), Count(None)).kind == "few"
    assert share_of(Count(95), Count(100)) == Share("more_than", 90)  # at least 91 of 100 shown
    assert share_of(Count(103), Count(100)).kind == "more_than"  # noise can lift the part above the whole
    for part, whole in ((1990, 2000), (9990, 10000), (1000, 1010)):
        assert share_of(Count(part), Count(whole)) == Share("percent", 99)  # never 100% with 10 left out
    with pytest.raises(ValueError):
        PROTECT.share((11, 0), (10, 0))
    for (part, pk), (whole, wk) in itertools.product(itertools.product(range(0, 60, 3), range(0, 256, 37)),
                                                      repeat=2):
        if part <= whole:
            assert PROTECT.share((part, pk), (whole, wk)) == share_of(PROTECT.count((part, pk)),
                                                                       PROTECT.count((whole, wk)))


def test_everyone_ready_reads_the_same_for_every_raw_group_with_the_same_shown_count():
    """Every household ready, out of groups of 10 to 120 of any cell keys: the words depend on the shown
    count alone (worked out from the raw group, they read "more than 76, 76, 77, 78, 78%" for 38-42)."""
    said = {}
    for whole, key, part_key in itertools.product(range(THRESHOLD, 121), KEYS, (0, 1, 128)):
        shown = PROTECT.count((whole, key))
        share = PROTECT.share((whole, part_key), (whole, key))
        said.setdefault((shown, PROTECT.count((whole, part_key))), set()).add(share)
        if share.kind == "more_than":
            assert share.percent < 100 * max(shown.value - THRESHOLD + 1, THRESHOLD) / shown.value
    assert all(len(words) == 1 for words in said.values())
    # And nearly everyone ready (the rest fewer than 10) reads the same whatever the raw rest is.
    for whole_key in range(0, 256, 17):
        words = {share_of(Count(None), PROTECT.count((40, whole_key)))}
        for rest in range(1, THRESHOLD):
            part = PROTECT.count((40 - rest, 3))
            if not part.few and part == PROTECT.count((40 - 1, 3)):
                words.add(share_of(part, PROTECT.count((40, whole_key))))
        assert len(words - {Share("few")}) <= 1


def test_a_table_file_is_read_back_as_written_and_a_broken_one_refused(tmp_path):
    rows = ptable.generate(random.Random(1))
    ptable.write(rows, tmp_path / "p.csv")
    assert ptable.read(tmp_path / "p.csv") == rows
    assert (tmp_path / "p.csv").stat().st_mode & 0o777 == 0o600  # secret, like the secret key
    lines = (tmp_path / "p.csv").read_text().splitlines()
    (tmp_path / "short.csv").write_text("\n".join(lines[:-1]))
    with pytest.raises(ValueError, match="every pcv"):
        ptable.read(tmp_path / "short.csv")
    (tmp_path / "twice.csv").write_text("\n".join([*lines, lines[-1]]))
    with pytest.raises(ValueError, match="repeated"):
        ptable.read(tmp_path / "twice.csv")
    rows[0][3] = 1
    with pytest.raises(ValueError, match="row 0"):
        Protection(rows)


def test_the_table_is_made_once_into_the_instance_folder_and_kept(tmp_path):
    first = SimpleNamespace(config={"PTABLE": None}, instance_path=str(tmp_path), extensions={})
    ptable.init_app(first)
    second = SimpleNamespace(config={"PTABLE": None}, instance_path=str(tmp_path), extensions={})
    ptable.init_app(second)
    assert first.extensions["paraat.protection"].rows == second.extensions["paraat.protection"].rows
    given = SimpleNamespace(config={"PTABLE": str(tmp_path / "ptable.csv")}, instance_path="/nonexistent",
                            extensions={})
    ptable.init_app(given)
    assert given.extensions["paraat.protection"].rows == first.extensions["paraat.protection"].rows
