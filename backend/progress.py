"""How far a household is: pure functions over its answers and the checklist definitions.

A checklist is complete when every essential item that applies to the
household is ticked; the household is ready for its days goal when every
checklist is complete.
"""
from dataclasses import dataclass

# Household sizes (people of any age) as officials' figures group them.
SIZE_BANDS = ((1, "1"), (2, "2"), (4, "3-4"))
LARGEST_BAND = "5+"


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
    return next((band for upper, band in SIZE_BANDS if household.persons <= upper), LARGEST_BAND)


def status(catalogue, answers):
    progress = household_progress(catalogue, answers)
    return Status(ready=ready(progress),
                  complete=frozenset(cid for cid, p in progress.items() if p.complete))


def next_items(checklist, answers):
    """The essential items still to tick, in the checklist's order."""
    ticked = set(answers.ticked(checklist.id))
    return [item for item in checklist.essentials(answers.household) if item.id not in ticked]
