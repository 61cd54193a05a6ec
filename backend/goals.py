"""The days goals a household chooses from: the one home of 3, 7 and 10.

Forms, the API, messages, the page script (through the page's data), the
officials' tallies and figures all read them here. The first goal is the
government's advice (72 hours); the tallies keep, per longer goal, the ready
households whose goal is at least that long, in a column named after it.
"""
import sys

from babel.lists import format_list
from flask_babel import get_locale

from .stats import THRESHOLD

DAY_CHOICES = (3, 7, 10)
DEFAULT_DAYS = DAY_CHOICES[0]
LONGER = DAY_CHOICES[1:]  # the goals beyond the advice, each with a column of its own in the tallies


def ready_column(days):
    """The tally column counting ready households with a goal of at least `days` (plain `ready` for the first)."""
    return "ready" if days == DEFAULT_DAYS else f"ready_{days}"


READY_COLUMNS = tuple(ready_column(d) for d in DAY_CHOICES)  # ("ready", "ready_7", "ready_10")


def spoken(days=DAY_CHOICES, locale=None):
    """Goals as words for a message: "3, 7 or 10" in the reader's language (the request's, by default)."""
    return format_list([str(d) for d in days], style="or", locale=locale or str(get_locale()))


def init_app(app):
    # Templates read the goals (and the officials' threshold) from their homes, never as figures of their own.
    app.jinja_env.globals.update(goals=sys.modules[__name__], threshold=THRESHOLD)
