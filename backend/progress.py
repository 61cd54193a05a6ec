"""How far a household is: pure functions over its answers and the checklist definitions.

A checklist is complete when every essential item that applies to the
household is ticked; the household is ready for its days goal when every
checklist is complete.
"""
from dataclasses import dataclass

# Household sizes (people of any age) as officials' figures group them: the most people each band holds,
# the last band open-ended. Band names ("1", "2", "3-4", "5+") and their labels are made from this alone.
BAND_LIMITS = (1, 2, 4)


def _bands():
    bands, low = [], 1
    for high in BAND_LIMITS:
        bands.append((low, high))
        low = high + 1
    return (*bands, (low, None))


BAND_RANGES = _bands()  # (lowest, highest or None) per band
SIZE_BANDS = tuple(f"{low}+" if high is None else str(low) if low == high else f"{low}-{high}"
                   for low, high in BAND_RANGES)


@dataclass(frozen=True)
class ChecklistProgress:
    essential: int
    essential_checked: int

    @property
    def complete(self):
        return self.essential_checked == self.essential

    def as_json(self):
        return {"essential": self.essential, "essential_checked": self.essential_checked,
                "complete": self.complete}


@dataclass(frozen=True)
class Status:
    """Whether a household is ready, and which checklists it completed (stored with it for the tallies)."""

    ready: bool
    complete: frozenset


def checklist_progress(checklist, answers):
    ticked = set(answers.ticked(checklist.id))
    essentials = checklist.essentials(answers.household)
    return ChecklistProgress(len(essentials), sum(item.id in ticked for item in essentials))


def household_progress(catalogue, answers):
    return {cid: checklist_progress(checklist, answers) for cid, checklist in catalogue.items()}


def ready(progress):
    return all(p.complete for p in progress.values())


def size_band(household):
    return next(band for band, (_low, high) in zip(SIZE_BANDS, BAND_RANGES)
                if high is None or household.persons <= high)


def status(catalogue, answers):
    progress = household_progress(catalogue, answers)
    return Status(ready=ready(progress),
                  complete=frozenset(cid for cid, p in progress.items() if p.complete))


def next_items(checklist, answers):
    """The essential items still to tick, in the checklist's order."""
    ticked = set(answers.ticked(checklist.id))
    return [item for item in checklist.essentials(answers.household) if item.id not in ticked]
