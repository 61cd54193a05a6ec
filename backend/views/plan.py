"""The household plan's printable page and the calendar reminders.

Both are plain GETs that change nothing and work without JavaScript. The
plan's own words live only in the person's browser: the print page has
blank lines for them, which the page script fills from the device.
"""
from datetime import date

from flask import Blueprint, current_app, make_response, request, url_for
from flask_babel import format_date, gettext as _, lazy_gettext as _l

from .. import households, i18n, reminders
from ..checklists import checklists, regions
from ..errors import FIELD_LABELS, InputError
from ..progress import household_progress
from . import error_page, localized, render_page
from .items import amount_text
from .links import from_query, page_url, with_household

bp = Blueprint("plan", __name__)

# What the plan asks, in the order the page and the print show it: (key, words, lines on paper).
PLAN_FIELDS = (
    ("meeting", _l("Where we meet if we cannot go home"), 1),
    ("numbers", _l("Important phone numbers: family, neighbours, doctor"), 3),
    ("checks", _l("Who checks on whom"), 2),
    ("kit", _l("Where our emergency kit is"), 1),
    ("pets", _l("Our pets and what they need"), 1),
    ("help", _l("Who in our home needs help, and what help"), 2),
)


def information(region_id, screen=False):
    """Where to find information in an emergency, for the household's region (the islands differ).

    On screen the radio line has no blank to write on: its address is a link there."""
    region = regions().get(region_id) if region_id else None
    islands = region is not None and not region.safety_region
    lines = []
    if not islands:
        lines.append(_("NL-Alert: a message on your phone when there is danger nearby."))
    if region is not None and region.radio:
        name, fm, source = region.radio
        lines.append(_("Regional radio, the emergency broadcaster: %(name)s, FM %(fm)s (%(word)s: %(source)s).",
                       name=name, fm=fm, word=_("Source").lower(), source=source[i18n.current_language().code]))
    elif not islands and screen:  # no frequency confirmed for this region (or none chosen): where to look it up
        lines.append(_("Regional radio, the emergency broadcaster: look up its FM frequency at denkvooruit.nl/radio."))
    elif not islands:
        lines.append(_("Regional radio, the emergency broadcaster: look up its FM frequency at "
                       "denkvooruit.nl/radio and write it here: ________"))
    lines.append(_("crisis.nl: information from the government during a crisis."))
    lines.append(_("911 or 112: emergency number on Bonaire, Sint Eustatius and Saba.") if islands
                 else _("112: emergency number for police, fire brigade and ambulance."))
    return lines


def print_url(lang, record_id=None, answers=None):
    """The print page of a saved household, or of one that travels in the query."""
    if record_id:
        return url_for("plan.saved_print_page", lang=lang.code, record_id=record_id)
    return with_household(url_for("plan.print_page", lang=lang.code), answers)


def reminder_urls(lang, region_id):
    """The calendar reminders: on the NL-Alert test days, or the islands' own (see reminders.py)."""
    base = url_for("plan.calendar", lang=lang.code)
    islands = [r.id for r in regions().values() if not r.safety_region]
    island = region_id if region_id in islands else next(iter(islands), None)
    return {"reminders_url": base, "island_reminders_url": f"{base}?region={island}" if island else base}


def plan_context(lang, record_id, answers):
    """What the household overview needs to show the plan."""
    return {"plan_fields": PLAN_FIELDS, "information": information(answers.region, screen=True),
            "print_url": print_url(lang, record_id, None if record_id else answers),
            **reminder_urls(lang, answers.region)}


def _refused(error):
    return error_page(error, endpoint="checklists.overview")


def _print(answers, record_id=None):
    lang = i18n.current_language()
    code = lang.code
    catalogue = checklists()
    progress = household_progress(catalogue, answers)
    islands = bool(answers.region) and not regions()[answers.region].safety_region
    lists = []
    for cid, checklist in catalogue.items():
        ticked = set(answers.ticked(cid))
        # One thing on two lists (drinking water in the kit and on the water list) is printed once, where
        # its `same_as` points.
        rows = [{"text": item.words("text", code, islands), "essential": item.essential, "checked": item.id in ticked,
                 "quantity": amount_text(item, answers)}
                for item in checklist.items if item.applies(answers.household) and not item.same_as]
        lists.append({"checklist": checklist, "rows": rows, "progress": progress[cid]})
    h = answers.household
    household = [(FIELD_LABELS[f"household.{kind}"], getattr(h, kind))
                 for kind in ("adults", "children", "infants", "pets") if getattr(h, kind)]
    # One thing on two lists (drinking water in the kit and on the water list) is missing once.
    missing = len({min({(cid, item.id), *catalogue.linked(cid, item.id)})
                   for cid, checklist in catalogue.items() for item in checklist.items
                   if item.essential and item.applies(h) and item.id not in answers.ticked(cid)})
    title = _("Our emergency plan")
    # The day it was printed and where the lists live: the saved household's own address, else the site's.
    where = page_url(lang, None, record_id)
    printed = {"date": format_date(date.today(), "long"), "address": current_app.config["SITE_URL"].rstrip("/") + where}
    switch_urls = {other.code: print_url(other, record_id, answers) for other in i18n.languages()}
    return render_page("checklists/print.html", title, switch_urls, indexable=False, lists=lists,
                       household=household, answers=answers, missing=missing, plan_fields=PLAN_FIELDS, printed=printed,
                       information=information(answers.region), code=code,
                       islands=islands,
                       overview_url=page_url(lang, None, record_id, None if record_id else answers),
                       **reminder_urls(lang, answers.region))


@localized(bp, "/checklists/print")
def print_page():
    try:
        return _print(from_query())
    except InputError as err:
        return _refused(err)


@localized(bp, "/checklists/saved/<code:record_id>/print")
def saved_print_page(record_id):
    try:
        return _print(households.load(record_id), record_id)
    except InputError as err:
        return _refused(err)


@localized(bp, "/checklists/reminders.ics")
def calendar():
    lang = i18n.current_language()
    region = request.args.get("region")
    if region is not None and region not in regions():
        return _refused(InputError("unknown_region", "region"))
    schedule = reminders.ISLANDS if region and not regions()[region].safety_region else reminders.NL_ALERT_DAYS
    overview = f"{current_app.config['SITE_URL'].rstrip('/')}{page_url(lang)}"
    response = make_response(reminders.calendar(lang.code, date.today(), overview, schedule))
    response.mimetype = "text/calendar"
    response.headers["Content-Disposition"] = 'attachment; filename="paraat-reminders.ics"'
    return response
