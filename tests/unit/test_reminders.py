"""The NL-Alert test day moves a week when the first Monday of June is Whit Monday (2020, 2022, 2028, ...)."""
from datetime import date

from backend.reminders import ISLANDS, NL_ALERT_DAYS, check_day, easter, first_monday, moved_days, whit_monday

# The years from 2026 to 2040 whose first Monday of June is Whit Monday (Pinkstermaandag).
MOVED = {2028: date(2028, 6, 12), 2031: date(2031, 6, 9), 2033: date(2033, 6, 13), 2036: date(2036, 6, 9)}


def test_easter_and_whit_monday_of_known_years():
    assert easter(2020) == date(2020, 4, 12) and whit_monday(2020) == date(2020, 6, 1)
    assert easter(2022) == date(2022, 4, 17) and whit_monday(2022) == date(2022, 6, 6)
    assert easter(2024) == date(2024, 3, 31) and easter(2025) == date(2025, 4, 20)
    assert easter(2038) == date(2038, 4, 25) and easter(2285) == date(2285, 3, 22)  # the latest and earliest


def test_the_test_moved_in_2020_and_2022_as_it_did():
    assert check_day(2020, 6) == date(2020, 6, 8) and check_day(2022, 6) == date(2022, 6, 13)


def test_june_test_days_2026_to_2040():
    for year in range(2026, 2041):
        expected = MOVED.get(year, first_monday(year, 6))
        assert check_day(year, 6) == expected, year
        assert check_day(year, 12) == first_monday(year, 12), year  # December never moves
        assert check_day(year, 6).weekday() == 0
    assert [year for year in range(2026, 2041) if check_day(year, 6) != first_monday(year, 6)] == sorted(MOVED)


def test_the_islands_own_days_never_move():
    assert check_day(2028, 5, ISLANDS) == first_monday(2028, 5) and ISLANDS.whit_monday_moves is False


def test_the_calendar_names_the_moved_days():
    moved = moved_days(2026, NL_ALERT_DAYS, (6, 12))
    assert [(rule, day) for rule, day in moved if rule.year <= 2040] == [
        (first_monday(year, 6), day) for year, day in sorted(MOVED.items())]
