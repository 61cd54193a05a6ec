"""Small-cell protection: the one way every officials' figure is made safe to show.

Pure functions, no SQL and no HTTP. The rules:
- a count from 1 to 9 is shown as "fewer than 10" (`<10` in exports); every
  other count is rounded to the nearest 5 (halves up), so 0 stays 0;
- a table's total is rounded from the raw total, never summed from shown
  cells; when the raw total is below 10 the whole table is withheld;
- a share is shown only when its numerator, its denominator and the
  complement are all at least 10, and it is worked out from the rounded counts,
  never the raw ones; otherwise the words say "fewer than 10 households" (a
  small group) or "more than N%" (nearly everyone), with N from the shown
  count alone.
"""
import math
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


def _raw_range(shown):
    """Every raw count that protect_count shows as `shown` (at least the threshold)."""
    return range(max(THRESHOLD, shown - STEP // 2), shown + STEP // 2 + 1)


def protect_share(numerator, denominator):
    """A share worked out from the shown (rounded) counts only, so it tells nothing they do not."""
    if not 0 <= numerator <= denominator:
        raise ValueError(f"a share needs 0 <= {numerator} <= {denominator}")
    if numerator < THRESHOLD or denominator < THRESHOLD:
        return Share("few")
    shown = protect_count(denominator).value
    if denominator - numerator < THRESHOLD:
        # Nearly everyone: the lowest share any group of this shown size could have, with fewer
        # than THRESHOLD left out and at least THRESHOLD in, stated as "more than N%".
        lowest = min(max(d - (THRESHOLD - 1), THRESHOLD) / d for d in _raw_range(shown))
        return Share("more_than", math.ceil(100 * lowest) - 1)
    part = protect_count(numerator).value
    return Share("percent", min(99, (200 * part + shown) // (2 * shown)))  # halves up, like counts
