"""Small-cell protection, proved on crafted data: nothing below 10 shows, not even by subtraction."""
import itertools

import pytest

from backend.stats import THRESHOLD, Count, protect_count, protect_share, protect_table


def test_counts_from_1_to_9_are_hidden_and_the_rest_rounded_to_5():
    assert [protect_count(n).export() for n in (0, 1, 9, 10, 12, 13, 17, 18, 1002)] == \
        ["0", "<10", "<10", "10", "10", "15", "15", "20", "1000"]
    for raw in range(0, 2000):
        shown = protect_count(raw)
        if 0 < raw < THRESHOLD:
            assert shown.few and shown.export() == "<10"
        else:
            assert shown.value % 5 == 0 and abs(shown.value - raw) <= 2
            assert shown.value == 0 or shown.value >= THRESHOLD
    with pytest.raises(ValueError):
        protect_count(-1)


def test_a_total_comes_from_the_raw_total_and_a_small_table_is_withheld():
    table = protect_table({"utrecht": 12, "zeeland": 12, "fryslan": 12})
    assert [c.value for c in table.cells.values()] == [10, 10, 10]
    assert table.total == Count(35)  # not 30, the sum of what is shown
    assert protect_table({"utrecht": 4, "zeeland": 5}).withheld
    assert protect_table({}).withheld
    assert not protect_table({"utrecht": 4, "zeeland": 6}).withheld


def consistent(shown_value, low=0, high=60):
    """Every raw count that would be shown as this value."""
    return {raw for raw in range(low, high) if protect_count(raw) == shown_value}


def test_a_hidden_cell_cannot_be_recovered_from_the_total():
    for hidden, visible in itertools.product(range(1, THRESHOLD), range(THRESHOLD, 60)):
        table = protect_table({"hidden": hidden, "visible": visible})
        assert table.cells["hidden"].few
        # What someone could reconstruct: every hidden value that fits the shown visible cell and total.
        fits = {h for h in range(1, THRESHOLD)
                for v in consistent(table.cells["visible"], THRESHOLD - 2, 70)
                if protect_count(h + v) == table.total}
        assert hidden in fits and len(fits) >= 2, (hidden, visible, fits)


def test_a_small_change_from_one_day_to_the_next_cannot_be_recovered():
    for before, new in itertools.product(range(THRESHOLD, 80), range(1, THRESHOLD)):
        shown_before, shown_after = protect_count(before), protect_count(before + new)
        fits = {n for n in range(1, THRESHOLD) for b in consistent(shown_before, THRESHOLD, 90)
                if protect_count(b + n) == shown_after}
        assert new in fits and len(fits) >= 2, (before, new, fits)


def test_shares_need_ten_on_every_side_and_otherwise_say_so_truthfully():
    assert protect_share(30, 100).kind == "percent" and protect_share(30, 100).percent == 30
    assert protect_share(9, 100).kind == "few"
    assert protect_share(5, 8).kind == "few"
    for denominator in range(THRESHOLD, 400):
        said = set()
        for numerator in range(max(THRESHOLD, denominator - THRESHOLD + 1), denominator + 1):
            share = protect_share(numerator, denominator)
            assert share.kind == "more_than"
            assert share.percent < 100 * numerator / denominator  # "more than N%" is true
            said.add(share)
        # ... and it is the same words for every nearly-everyone numerator: it does not tell them apart.
        assert len(said) <= 1
    # Rounded counts can make a share look whole while 10 or more are left out: it never says 100%.
    for numerator, denominator in ((1990, 2000), (9990, 10000), (1000, 1010)):
        share = protect_share(numerator, denominator)
        assert share.kind == "percent" and share.percent == 99, (numerator, denominator, share)
    with pytest.raises(ValueError):
        protect_share(11, 10)


def test_the_same_data_always_gives_the_same_output():
    cells = {f"region-{i}": (i * 7) % 40 for i in range(25)}
    reordered = dict(reversed(list(cells.items())))
    first, second = protect_table(cells), protect_table(reordered)
    assert first.total == second.total and all(first.cells[k] == second.cells[k] for k in cells)


def test_a_percentage_depends_only_on_the_counts_as_shown():
    seen = {}
    for denominator in range(THRESHOLD, 300):
        for numerator in range(THRESHOLD, denominator - THRESHOLD + 1):
            share = protect_share(numerator, denominator)
            assert share.kind == "percent" and 0 < share.percent < 100
            key = (protect_count(numerator), protect_count(denominator))
            assert seen.setdefault(key, share) == share
