"""Small-cell protection: the one way every officials' figure is made safe to show.

Cell-key perturbation (the method of the UK's ONS, after the Australian Bureau
of Statistics). Every household has a random record key (0-255); every count
comes with its cell key, the sum of its households' keys modulo 256. The rules:
- a count of 0 is shown as 0;
- any other count gets noise from the perturbation table, looked up by the
  count and its cell key: the same households always get the same noise, and
  another set of households (one more, one less) gets noise of its own;
- a count below 10, or whose count plus noise is below 10, is shown as "fewer
  than 10" (`<10` in exports); every other count is shown as count plus noise;
- a table's total is a count of its own, with its own cell key (the sum of its
  cells' keys), never summed from shown cells; a table whose shown total is
  "fewer than 10" is withheld;
- a share is worked out from shown counts only: when the shown group or the
  shown part is "fewer than 10" the words say "fewer than 10 households"; when
  the shown rest is below 10, "more than N%", with N from the shown group alone.

Pure functions, no SQL, no files, no HTTP: the table itself is a secret
setting (ptable.py reads or makes it).
"""
from dataclasses import dataclass

THRESHOLD = 10
KEY_RANGE = 256
ROWS = 64  # the table's rows are counts 0-63; larger counts take rows 32-63 in turn (count mod 32)


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


def row_of(count):
    """The table row that gives a count its noise."""
    return count if count < ROWS else ROWS // 2 + count % (ROWS // 2)


def added(*cells):
    """Cells (count, cell key) added together: the counts summed, the keys summed modulo 256."""
    return sum(n for n, _ in cells), sum(k for _, k in cells) % KEY_RANGE


class Protection:
    """Counts, tables and shares made safe with one perturbation table: rows[row_of(count)][cell key] = noise."""

    def __init__(self, rows):
        if len(rows) != ROWS or any(len(row) != KEY_RANGE for row in rows):
            raise ValueError(f"a perturbation table has {ROWS} rows of {KEY_RANGE} cell keys")
        if any(rows[0]):
            raise ValueError("a count of 0 gets no noise: row 0 of the perturbation table must be all 0")
        self.rows = [tuple(row) for row in rows]
        self.largest_noise = max(abs(noise) for row in self.rows for noise in row)

    def count(self, cell):
        """One count with its cell key, (count, key), as it may be shown."""
        raw, key = cell
        if raw < 0:
            raise ValueError(f"a count cannot be negative: {raw}")
        if raw == 0:
            return Count(0)
        shown = raw + self.rows[row_of(raw)][key % KEY_RANGE]
        return Count(None) if raw < THRESHOLD or shown < THRESHOLD else Count(shown)

    def table(self, cells):
        """Protect every cell of one breakdown, {value: (count, key)}; the total is a cell of its own."""
        total = self.count(added(*cells.values()))
        if total.few or total.value == 0:
            return Table(None, None)
        return Table({value: self.count(cell) for value, cell in cells.items()}, total)

    def share(self, part, whole):
        """The share of `whole` that `part` is, both (count, key): from their shown counts only."""
        if not 0 <= part[0] <= whole[0]:
            raise ValueError(f"a share needs 0 <= {part[0]} <= {whole[0]}")
        return share_of(self.count(part), self.count(whole))


def share_of(part, whole):
    """A share from two shown counts, so it tells nothing they do not."""
    if part.few or whole.few or part.value < THRESHOLD or whole.value < THRESHOLD:
        return Share("few")
    if whole.value - part.value < THRESHOLD:
        # Nearly everyone (as shown): the lowest share a shown part could be with fewer than THRESHOLD
        # left out and at least THRESHOLD in, stated as "more than N%" from the shown group alone.
        lowest = max(whole.value - (THRESHOLD - 1), THRESHOLD)  # out of whole.value, in whole numbers
        return Share("more_than", -(-100 * lowest // whole.value) - 1)
    return Share("percent", min(99, (200 * part.value + whole.value) // (2 * whole.value)))  # halves up
