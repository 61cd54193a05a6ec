"""Small-cell protection: the one way every officials' figure is made safe to show.

Pure functions, no SQL and no HTTP. The rules:
- a count from 1 to 9 is shown as "fewer than 10" (`<10` in exports); every
  other count is rounded to the nearest 5 (halves up), so 0 stays 0;
- a table's total is rounded from the raw total, never summed from shown
  cells; when the raw total is below 10 the whole table is withheld;
- a share is shown only when its numerator, its denominator and the
  complement are all at least 10; otherwise the words say "fewer than 10
  households" (a small group) or "more than N%" (nearly everyone), with N
  from the protected figures, never from the raw ones.
"""
from dataclasses import dataclass

THRESHOLD = 10
STEP = 5


@dataclass(frozen=True)
class Count:
    """A count as it may be shown: `value` is None when it is fewer than the threshold."""

    value: int | None

    @property
    def few(self):
        return self.value is None

    def export(self):
        return f"<{THRESHOLD}" if self.few else str(self.value)


@dataclass(frozen=True)
class Share:
    """A share as it may be shown: a percentage, or words for a small group or nearly everyone."""

    kind: str  # "percent", "few" (fewer than 10 households) or "more_than"
    percent: int | None = None


@dataclass(frozen=True)
class Table:
    """A protected table: None for `cells` and `total` when the whole table is withheld."""

    cells: dict | None
    total: Count | None

    @property
    def withheld(self):
        return self.cells is None


def protect_count(raw):
    if raw < 0:
        raise ValueError(f"a count cannot be negative: {raw}")
    if 0 < raw < THRESHOLD:
        return Count(None)
    return Count(STEP * ((raw + STEP // 2) // STEP))


def protect_table(raw_cells):
    """Protect every cell of one breakdown; the total comes from the raw total."""
    total = sum(raw_cells.values())
    if total < THRESHOLD:
        return Table(None, None)
    return Table({key: protect_count(n) for key, n in raw_cells.items()}, protect_count(total))


def protect_share(numerator, denominator):
    if not 0 <= numerator <= denominator:
        raise ValueError(f"a share needs 0 <= {numerator} <= {denominator}")
    if numerator < THRESHOLD or denominator < THRESHOLD:
        return Share("few")
    if denominator - numerator < THRESHOLD:
        # Nearly everyone: a floor that holds for any group of this shown size.
        shown = protect_count(denominator).value
        return Share("more_than", max(0, (100 * (shown - 2 * THRESHOLD)) // shown))
    return Share("percent", round(100 * numerator / denominator))
