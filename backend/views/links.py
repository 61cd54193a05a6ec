"""A household's pages' addresses, and the household a link carries: without JavaScript an unsaved household
travels in the links' query (a GET changes nothing)."""
from urllib.parse import urlencode

from flask import request, url_for

from .. import households, i18n
from ..answers import Answers, as_query, from_form, has_household
from ..checklists import checklists


def page_url(lang, checklist_id=None, record_id=None, answers=None):
    """A page's address in `lang` (url_for adds the language, views.localized); an unsaved household rides
    along in the query."""
    if record_id:
        endpoint = "checklists.saved_detail" if checklist_id else "checklists.saved_overview"
        path = url_for(endpoint, lang=lang.code, record_id=record_id, checklist_id=checklist_id)
    else:
        path = url_for("checklists.detail" if checklist_id else "checklists.overview", lang=lang.code,
                       checklist_id=checklist_id)
    return with_household(path, None if record_id else answers)


def saved_base(lang):
    """Where a saved household's pages begin, for the page script, which adds the code and the checklist."""
    return page_url(lang, None, "-").removesuffix("-/")  # "-": any code the route takes


def with_household(path, answers):
    """`path` with an unsaved household in its query (None: none)."""
    query = "" if answers is None else urlencode(as_query(answers))
    return f"{path}?{query}" if query else path


def defaults():
    return Answers(lang=i18n.current_language().code, checked={cid: () for cid in checklists()})


def from_query():
    """The household a link carries, or the defaults for a bare link."""
    if not has_household(request.args):
        return defaults()
    return households.parse(from_form(request.args, i18n.current_language().code, checklists()))
