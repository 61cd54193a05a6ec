"""Checklist pages: complete without JavaScript (plain form posts), quicker with it."""
from flask import Blueprint, abort, redirect, request

from .. import i18n, storage
from ..answers import Answers, form_values, from_form, parse_answers, to_json
from ..checklists import DAY_CHOICES, Household, checklists, regions
from ..errors import InputError
from . import api, localized, render_page

bp = Blueprint("checklists", __name__)


def page_url(lang, checklist_id=None, record_id=None):
    path = f"{lang.prefix}/checklists/"
    if checklist_id:
        path += checklist_id
    if record_id:
        path += f"/saved/{record_id}"
    return path


def _checklist_or_404(checklist_id):
    checklist = checklists().get(checklist_id)
    if checklist is None:
        abort(404)
    return checklist


def _defaults(checklist, lang):
    return Answers(checklist=checklist.id, lang=lang.code, household=Household(),
                   days=DAY_CHOICES[0], region=None, checked=())


def _render(checklist, answers, record_id=None, error=None, notice=None, typed=False):
    """The page for these answers; with `typed`, the form shows what was posted instead."""
    lang = i18n.current_language()
    code = lang.code
    rows = []
    for item in checklist.items:
        amount = item.quantity.amount(answers.household, answers.days) if item.quantity else None
        rows.append({
            "item": item,
            "text": item.text[code],
            "help": item.help[code] if item.help else None,
            "source": item.source[code] if item.source else None,
            "amount": amount,
            "quantity": i18n.format_quantity(item.quantity.unit, amount) if item.quantity else None,
            "applies": item.applies(answers.household),
        })
    script_data = {
        "checklist": checklist.id,
        "lang": code,
        "record": record_id,
        "saved_url": page_url(lang, checklist.id, "ID"),
        "units": i18n.unit_templates(code),
        "defaults": to_json(_defaults(checklist, lang)),
        "items": [{"id": r["item"].id, "only_if": r["item"].only_if,
                   "quantity": r["item"].quantity.as_dict() if r["item"].quantity else None}
                  for r in rows],
    }
    switch_urls = {other.code: page_url(other, checklist.id, record_id) for other in i18n.languages()}
    return render_page(
        "checklists/detail.html",
        status=error.status if error else 200,
        checklist=checklist, code=code, rows=rows, record_id=record_id,
        values=form_values(form=request.form) if typed else form_values(answers),
        regions=sorted(regions().values(), key=lambda r: r.name[code]), days=DAY_CHOICES,
        error=error, notice=notice, script_data=script_data, switch_urls=switch_urls,
        form_action=page_url(lang, checklist.id, record_id),
        resume_url=page_url(lang, checklist.id, record_id) if record_id else None,
    )


def _posted_answers(checklist):
    code = i18n.current_language().code
    data = from_form(request.form, checklist.id, code)
    return parse_answers(data, checklists(), regions(), [lang.code for lang in i18n.languages()])


@localized(bp, "/checklists/")
def index():
    lang = i18n.current_language()
    entries = [(c, page_url(lang, c.id)) for c in checklists().values()]
    switch_urls = {other.code: page_url(other) for other in i18n.languages()}
    return render_page("checklists/index.html", entries=entries, switch_urls=switch_urls)


@localized(bp, "/checklists/<checklist_id>", methods=["GET", "POST"])
def detail(checklist_id):
    checklist = _checklist_or_404(checklist_id)
    lang = i18n.current_language()
    notice = "forgotten" if request.args.get("forgotten") else None
    if request.method == "GET":
        return _render(checklist, _defaults(checklist, lang), notice=notice)
    try:
        answers = _posted_answers(checklist)
    except InputError as err:
        return _render(checklist, _defaults(checklist, lang), error=err, typed=True)
    if request.form.get("action") == "save":
        record_id = api.create(answers)
        return redirect(page_url(lang, checklist.id, record_id) + "?saved=1", 303)
    return _render(checklist, answers)


@localized(bp, "/checklists/<checklist_id>/saved/<record_id>", methods=["GET", "POST"])
def saved(checklist_id, record_id):
    checklist = _checklist_or_404(checklist_id)
    lang = i18n.current_language()
    stored = storage.storage().get(storage.db(), record_id) if storage.valid_id(record_id) else None
    if stored is None or stored.checklist != checklist.id:
        return _render(checklist, _defaults(checklist, lang), error=InputError("not_found"))
    if request.method == "GET":
        return _render(checklist, stored, record_id, notice="saved" if request.args.get("saved") else None)
    action = request.form.get("action")
    try:
        if action == "forget":
            api.forget(record_id)
            return redirect(page_url(lang, checklist.id) + "?forgotten=1", 303)
        answers = _posted_answers(checklist)
        if action == "save":
            api.save(record_id, answers)
            return redirect(page_url(lang, checklist.id, record_id) + "?saved=1", 303)
    except InputError as err:
        # Forgotten meanwhile (another tab), or refused input: say so, keep what was typed.
        kept = None if err.code == "not_found" else record_id
        return _render(checklist, stored, kept, error=err, typed=True)
    return _render(checklist, answers, record_id)

