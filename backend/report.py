"""The officials' figures in words: labels, definitions and the protection rule, for the page and exports.

The dashboard speaks the languages that have a `dashboard` catalog
(translations/<lang>/LC_MESSAGES/dashboard.po): Dutch and English today.
"""
import csv
import functools
import io
from datetime import date
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.lists import format_list
from flask import current_app
from flask_babel import Domain, format_date, format_decimal, format_percent, get_locale

from .checklists import checklists
from .goals import DAY_CHOICES, DEFAULT_DAYS, LONGER, ready_column
from .progress import BAND_RANGES, SIZE_BANDS
from .stats import THRESHOLD

domain = Domain(domain="dashboard")
_d = domain.gettext
_dn = domain.ngettext


KEPT_WORDS = 20_000  # words kept per app before starting afresh: a campaign's counts, shares and days


class Words:
    """Words and numbers in the page's language, each worked out once per app and language.

    A dashboard page writes hundreds (counts, shares, days, headings), mostly
    the same from one request to the next, and each through Babel costs more
    than the figures themselves. They depend only on the language and their
    arguments: kept per app (each app has its own catalogs), the language
    looked up once per Words.
    """

    def __init__(self):
        self.memo = current_app.extensions.setdefault("paraat.words", {})
        self.lang = str(get_locale())

    def kept(self, make, *args):
        key = (make, self.lang, *args)
        try:
            found = self.memo.get(key)
        except TypeError:  # an argument that cannot be a key: worked out each time
            return make(*args)
        if found is None:
            if len(self.memo) >= KEPT_WORDS:
                self.memo.clear()
            found = self.memo[key] = make(*args)
        return found

    def gettext(self, text, **values):
        """The page's `_`."""
        return self.kept(_phrase, text, *sorted(values.items()))

    def count(self, count):
        """A count from presented() as the page writes it; None where the count is not shown."""
        return self.gettext("not shown") if count is None else self.kept(count_shown, count["value"])


def _phrase(text, *values):
    return _d(text, **dict(values))


def in_language(function):
    """`function`, of words that depend only on the page's language and the arguments, kept as Words keeps them."""
    @functools.wraps(function)
    def kept(*args):
        return Words().kept(function, *args)

    return kept


def dashboard_languages(app):
    """The codes of the languages that have a dashboard catalog: data, not code."""
    root = Path(app.config["BABEL_TRANSLATION_DIRECTORIES"])
    return [lang.code for lang in app.extensions["paraat.languages"]
            if (root / lang.code / "LC_MESSAGES" / "dashboard.po").is_file()]


def rule():
    return _d(
        "To protect privacy, every count except 0 is changed a little: a small number, most often 0, 1 or 2 "
        "and at most %(largest)s, is added or taken off. This noise is fixed for a group of households: the "
        "same households always give the same figure, and every other count (a total, another period, one "
        "household more) gets noise of its own. A count below %(threshold)s is always shown as \"fewer than %(threshold)s\", "
        "and so is a count that the noise brings below %(threshold)s. A total has its own noise, so it need not equal "
        "the sum of the counts shown; a table whose total is shown as fewer than %(threshold)s is not shown. A "
        "percentage is worked out from the counts as shown, and is given only when the part, the rest and the "
        "group each show at least %(threshold)s; otherwise the words say \"fewer than %(threshold)s households\" or "
        "\"more than N%%\". "
        "Adding up or subtracting figures therefore does not give the exact number of a small group.",
        largest=current_app.extensions["paraat.protection"].largest_noise, threshold=THRESHOLD)


def still_possible():
    return _d(
        "What the noise does not prevent: someone who can log in and can also save households of their own "
        "could add them one at a time and watch a figure after each one; after many tries that can narrow a "
        "small count down, even to the exact number. The figures also include today. Publish only "
        "figures of completed days, or of whole weeks and months, and keep accounts to people who need them.")


def _checklist_names():
    """The checklists as defined (content/checklists/*.yml), named in the reader's language."""
    lang = str(get_locale())
    return format_list([c.title.get(lang, c.title.get("en")) for c in checklists().values()], locale=lang)


def definitions():
    """Every figure's name and meaning, keyed as the exports name them."""
    d = {
        "households": (_d("Households"), _d(
            "Households that saved their household and checklists with Paraat, counted in the period in which "
            "they first saved, and still saved now.")),
        "ready_3": (_d("Ready for 72 hours"), _d(
            "Share of these households that are ready for 72 hours: every essential item of every checklist "
            "(%(checklists)s) is ticked for their household.", checklists=_checklist_names())),
        **{ready_column(days): (_d("Ready for %(num)s days", num=days),
                                _d("Share that are ready, with a goal of at least %(num)s days.", num=days))
           for days in LONGER},
        "started": (_d("Started"), _d("Households that ticked at least one item of the checklist.")),
        "complete": (_d("Completed"), _d(
            "Households that ticked every essential item of the checklist for their household.")),
        "item": (_d("Item"), _d(
            "Households that have the item (they ticked it). The share is given for items that apply to every "
            "household; items for babies, pets or care show only the count.")),
        "new": (_d("New households"), _d("Households that first saved on that day or in that week.")),
        "newly_ready": (_d("Newly ready"), _d(
            "Households that became ready for their goal on that day or in that week, and still are.")),
        "period": (_d("Period"), _d(
            "Households are counted in the period in which they first saved; newly ready households in the "
            "period in which they became ready. Weeks run from Monday to Sunday (ISO weeks). The figures "
            "include today, so they can still change.")),
        "refused_writes": (_d("Refused writes"), _d(
            "Saves, changes and forgets the service turned away in the period, nationally: too many from one "
            "connection, a page too old to save from, or a hidden field filled in. A count of requests, not of "
            "households or people.")),
    }
    return {key: {"name": name, "text": text} for key, (name, text) in d.items()}


def chart_words():
    """The words the page script puts on charts."""
    return {"share": _d("Share of households (%)"), "households": _d("Households"), "started": _d("Started"),
            "complete": _d("Completed"), "new": _d("New households"), "ready": _d("Newly ready"),
            "goal": {str(days): _d("72 hours") if days == DEFAULT_DAYS else _d("%(num)s days", num=days)
                     for days in DAY_CHOICES}}


def breakdown_names():
    return {"region": _d("Safety region"), "lang": _d("Language"), "band": _d("Household size"),
            "days": _d("Days goal")}


def value_label(breakdown, value, regions, lang):
    if breakdown == "region":
        return regions[value].name.get(lang, value) if value else _d("Not given")
    if breakdown == "lang":
        return language_name(value)
    if breakdown == "band":
        low, high = dict(zip(SIZE_BANDS, BAND_RANGES)).get(value, BAND_RANGES[-1])
        if high is None:
            return _d("%(num)s or more people", num=low)
        if low == high:
            return _dn("%(num)s person", "%(num)s people", low)
        return _d("%(low)s-%(high)s people", low=low, high=high)
    return _d("%(num)s days", num=value)


@in_language
def language_name(code):
    try:
        return Locale.parse(code).get_display_name(str(get_locale())) or code
    except (ValueError, UnknownLocaleError):
        return code


def week_label(key, first=None, last=None, whole=True):
    """"Week 44 of 2026", and for a week the period only partly covers, the days that count."""
    year, week = key.split("-W")
    label = _d("Week %(week)s of %(year)s", week=int(week), year=year)
    if whole:
        return label
    return _d("%(week)s, only %(first)s to %(last)s", week=label,
              first=format_date(date.fromisoformat(first), "d MMM"), last=format_date(date.fromisoformat(last), "d MMM"))


def day_label(key, *_span):
    return format_date(date.fromisoformat(key), "EEE d MMM yyyy")


@in_language
def choice_label(period):
    """A period as the period list names it: a week with its first and last day, a month by name."""
    if period.kind != "week":
        return period_label(period)
    return _d("%(week)s (%(first)s to %(last)s)", week=week_label(period.key),
              first=format_date(period.first, "d MMM"), last=format_date(period.last, "d MMM"))


def period_label(period):
    if period.kind == "all":
        return _d("All days so far")
    if period.kind == "week":
        return week_label(period.key)
    return format_date(period.first, "LLLL yyyy")


def count_shown(value):
    """A count's value as a page writes it; None for one below the threshold."""
    return _d("fewer than %(threshold)s", threshold=THRESHOLD) if value is None else format_decimal(value)


@in_language
def share_shown(share):
    if share.kind == "few":
        return _d("fewer than %(threshold)s households", threshold=THRESHOLD)
    if share.kind == "more_than":
        return _d("more than %(percent)s", percent=format_percent(share.percent / 100))
    return format_percent(share.percent / 100)


def count_json(count):
    if count is None:
        return None
    return {"value": count.value, "shown": count.export()}


def share_json(share, words):
    if share is None:
        return None
    return {"kind": share.kind, "percent": share.percent, "shown": words.kept(share_shown, share)}


def to_csv(meta_lines, header, rows):
    """Comment lines (#) with what the file means, then a header row and one row per line of the table."""
    out = io.StringIO()
    for line in meta_lines:
        out.write(f"# {line}\r\n")
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()
