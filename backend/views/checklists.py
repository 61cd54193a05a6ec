"""The household overview and the checklist pages.

Complete without JavaScript: an unsaved household travels in the links'
query (GET changes nothing), saving and forgetting are form posts. With
JavaScript the same pages update at once and save each change.
"""
from dataclasses import replace

from flask import Blueprint, abort, current_app, redirect, request
from flask_babel import gettext as _

from .. import guard, households, i18n, storage
from ..answers import COUNT_FIELDS, as_query, form_values, from_form, has_household, merged, normalized, to_json
from ..checklists import MAX_PER_KIND, checklists, regions
from ..errors import InputError
from ..goals import DAY_CHOICES
from ..pagecache import kept
from ..progress import household_progress, next_items, ready
from . import localized, render_page, storage_fault
from .items import amount_text, item_data
from .links import defaults, from_query, page_url, saved_base
from .plan import plan_context, print_url

bp = Blueprint("checklists", __name__)


def _checklist_or_404(checklist_id):
    checklist = checklists().get(checklist_id)
    if checklist is None:
        abort(404)
    return checklist


def _posted(base, checklist=None):
    """A form post over what is stored (or carried): a checklist page decides its own items."""
    posted = households.parse(from_form(request.form, i18n.current_language().code, checklists()))
    checked = base.checked if base else posted.checked
    if checklist is not None:
        checked = merged(checklists(), checked, checklist.id, posted.ticked(checklist.id))
    return replace(posted, checked=checked)


def _refused():
    """After a refusal: the defaults, but the ticks the person sent kept (only known items, once each)."""
    sent = {cid: request.values.getlist(cid) for cid in checklists()}
    return replace(defaults(), checked=normalized(checklists(), sent))


def _render(answers, checklist=None, record_id=None, error=None, notice=None, typed=False):
    lang = i18n.current_language()
    # A household the person entered (not the defaults of a bare link) travels with the links.
    entered = request.method == "POST" or has_household(request.args)
    carried = answers if entered and not record_id and not error else None
    title = checklist.title[lang.code] if checklist else _("Your household")
    switch_urls = {other.code: page_url(other, checklist and checklist.id, record_id, carried)
                   for other in i18n.languages()}
    return render_page(
        "checklists/detail.html" if checklist else "checklists/overview.html", title, switch_urls,
        status=error.status if error else 200,
        indexable=not (record_id or error or request.args),
        checklist=checklist, code=lang.code, record_id=record_id, answers=answers,
        script_data=_script_data(lang, answers, checklist, record_id),
        **_shown(lang, answers, checklist, record_id, carried),
        **_form(answers, checklist, record_id, error, notice, typed, entered),
        **_addresses(lang, checklist, record_id, carried),
        **(plan_context(lang, record_id, carried or answers) if checklist is None else {}),
    )


def _shown(lang, answers, checklist, record_id, carried):
    """The checklists as this household stands: a card for each, the rows of this page's, and what comes next."""
    code, catalogue = lang.code, checklists()
    progress = household_progress(catalogue, answers)
    cards = [{"checklist": c, "progress": progress[cid],
              "amounts": [(item, amount_text(item, answers)) for item in c.items
                          if item.id in c.overview and item.quantity],
              "url": page_url(lang, cid, record_id, carried)} for cid, c in catalogue.items()]
    rows = []
    islands = bool(answers.region) and not regions()[answers.region].safety_region
    if checklist is not None:
        ticked = set(answers.ticked(checklist.id))
        for item in checklist.items:
            # Both wordings of an item that differs on the islands: the page script shows the region's one.
            rows.append({
                "item": item, "text": item.words("text", code), "help": item.words("help", code),
                "islands_text": item.words("text", code, islands=True) if item.islands else None,
                "islands_help": item.words("help", code, islands=True) if item.islands else None,
                "link": item.link_url(lang.prefix), "link_text": item.link[1][code] if item.link else None,
                "source": item.source[code] if item.source else None,
                "quantity": amount_text(item, answers),
                "applies": item.applies(answers.household), "checked": item.id in ticked,
            })
    return {
        "cards": cards, "rows": rows, "islands": islands, "ready": ready(progress),
        "progress": progress[checklist.id] if checklist else None,
        "remaining": next_items(checklist, answers) if checklist else [],
        "following": next((card for card in cards if not card["progress"].complete
                           and card["checklist"] is not checklist), None),
        # The overview's one primary button: the first checklist not yet complete, else the plan.
        "next_card": next((card for card in cards if not card["progress"].complete), None),
    }


def _form(answers, checklist, record_id, error, notice, typed, entered):
    """The household form and what it says: the values to show, the choices, the refusal or notice."""
    code, catalogue = i18n.current_language().code, checklists()
    # Ticks of the other checklists ride along in hidden fields, except those this page decides.
    own = {(checklist.id, i.id) for i in checklist.items} if checklist else set()
    own |= {key for cid, iid in own for key in catalogue.linked(cid, iid)}
    carried_ticks = [] if record_id else [(cid, item) for cid, items in answers.checked.items()
                                          for item in items if (cid, item) not in own]
    return {
        "values": form_values(form=request.values) if typed else form_values(answers),
        "regions": sorted(regions().values(), key=lambda r: r.name[code]), "days": DAY_CHOICES,
        "error": error, "notice": notice, "carried_ticks": carried_ticks, "honeypot": guard.HONEYPOT,
        "just_saved": request.args.get("saved") == "new",
        "household_entered": bool(record_id) or (entered and not error),
    }


def _addresses(lang, checklist, record_id, carried):
    """Where the page's form and links lead, and a saved household's way back."""
    here = page_url(lang, None, record_id) if record_id else None
    return {
        "form_action": page_url(lang, checklist and checklist.id, record_id),
        "overview_url": page_url(lang, None, record_id, carried),
        "resume_url": here, "resume_address": _address(here) if record_id else None,
        "resume_print_url": print_url(lang, record_id) if record_id else None,
    }


def _script_data(lang, answers, checklist, record_id):
    """What the page script needs: the household, the checklists' items and the server's own words."""
    code = lang.code
    return {
        "lang": code, "record": record_id, "checklist": checklist.id if checklist else None,
        "state": to_json(replace(answers, lang=code)), "words": i18n.unit_templates(code),
        "overview_url": page_url(lang, None, record_id), "page_url": page_url(lang, checklist and checklist.id,
                                                                              record_id),
        "saved_base": saved_base(lang), "problems": _count_problems(),
        "islands": sorted(r.id for r in regions().values() if not r.safety_region),
        "checklists": [{"id": c.id, "title": c.title[code], "url": page_url(lang, c.id, record_id), "items": [
            {**item_data(i, code), "islands_text": i.words("text", code, islands=True)} for i in c.items]}
            for c in checklists().values()],
    }


def _address(path):
    """A page's full address, from the configured public address (never the request's Host)."""
    return current_app.config["SITE_URL"].rstrip("/") + path


def _count_problems():
    """The server's own words for counts it would refuse, so the page script can say them as they are typed."""
    return {"max": MAX_PER_KIND, "empty": InputError("empty_household", "household").message,
            "whole": {f: InputError("not_integer", f"household.{f}").message for f in COUNT_FIELDS},
            "range": {f: InputError("out_of_range", f"household.{f}", low=0, high=MAX_PER_KIND).message
                      for f in COUNT_FIELDS}}


def _link(checklist, notice):
    try:
        return _render(from_query(), checklist, notice=notice)
    except InputError as err:
        return _render(_refused(), checklist, error=err, typed=True)


def _page(checklist_id=None):
    checklist = _checklist_or_404(checklist_id) if checklist_id else None
    lang = i18n.current_language()
    gone = request.args.get("forgotten")
    notice = "forgotten" if households.forgotten(gone) else None
    if request.method != "POST":  # GET and HEAD: read the link, change nothing
        return kept(lambda: _link(checklist, notice))
    try:
        answers = _posted(None, checklist)
    except InputError as err:
        return _render(_refused(), checklist, error=err, typed=True)
    if request.form.get("action") == "save":
        sent = request.form.get("token")
        try:
            guard.check_honeypot(request.form)
            if guard.token_problem(sent):  # no JavaScript, or an old page: one more, uncached, step
                return _confirm_save(lang, checklist_id, answers)
            record_id = households.create(answers, sent)
        except InputError as err:
            if err.code in guard.TOKEN_CODES:
                return _confirm_save(lang, checklist_id, answers)
            return _render(answers, checklist, error=err, typed=True)
        except storage.FAULTS:  # nothing was saved: the same page, with what was typed
            return _render(answers, checklist, error=storage_fault(), typed=True)
        # "new": the page then shows the way back (the resume address) at its top.
        return redirect(page_url(lang, checklist_id, record_id) + "?saved=new", 303)
    return _render(answers, checklist)


@localized(bp, "/checklists/", methods=["GET", "POST"])
def overview():
    return _page()


@localized(bp, "/checklists/<code:checklist_id>", methods=["GET", "POST"])
def detail(checklist_id):
    return _page(checklist_id)


def _saved_page(record_id, checklist_id=None):
    checklist = _checklist_or_404(checklist_id) if checklist_id else None
    lang = i18n.current_language()
    try:
        stored = households.load(record_id)
    except InputError as err:
        return _render(defaults(), checklist, error=err)
    if request.method != "POST":
        return _render(stored, checklist, record_id, notice="saved" if request.args.get("saved") else None)
    try:
        if request.form.get("action") == "forget":
            if request.form.get("confirm") != "yes":  # nothing is undone later: ask once more first
                return _confirm_forget(lang, checklist_id, record_id)
            households.forget(record_id)
            return redirect(page_url(lang) + f"?forgotten={record_id}", 303)
        answers = _posted(stored, checklist)
        households.save(record_id, answers)
    except InputError as err:
        # Forgotten meanwhile (another tab), or refused input: say so, keep what was typed.
        kept = None if err.code == "not_found" else record_id
        return _render(stored, checklist, kept, error=err, typed=True)
    except storage.FAULTS:
        return _render(stored, checklist, record_id, error=storage_fault(), typed=True)
    return redirect(page_url(lang, checklist_id, record_id) + "?saved=1", 303)


def _confirm_save(lang, checklist_id, answers):
    """The answers as they were sent, with a fresh single-use token and one button; never kept by a cache."""
    switch_urls = {other.code: page_url(other, checklist_id, None, answers) for other in i18n.languages()}
    response = render_page("checklists/confirm_save.html", _("Save your answers"), switch_urls, indexable=False,
                           here=page_url(lang, checklist_id), pairs=as_query(answers), token=guard.token())
    response.headers["Cache-Control"] = "no-store"
    return response


def _confirm_forget(lang, checklist_id, record_id):
    switch_urls = {other.code: page_url(other, checklist_id, record_id) for other in i18n.languages()}
    return render_page("checklists/forget.html", _("Forget your answers?"), switch_urls, indexable=False,
                       here=page_url(lang, checklist_id, record_id))


@localized(bp, "/checklists/saved/<code:record_id>/", methods=["GET", "POST"])
def saved_overview(record_id):
    return _saved_page(record_id)


@localized(bp, "/checklists/saved/<code:record_id>/<code:checklist_id>", methods=["GET", "POST"])
def saved_detail(record_id, checklist_id):
    return _saved_page(record_id, checklist_id)


@localized(bp, "/checklists/<code:checklist_id>/saved/<code:record_id>")
def earlier_link(checklist_id, record_id):
    """Resume links from before one household held all checklists."""
    return redirect(page_url(i18n.current_language(), checklist_id, record_id), 301)

