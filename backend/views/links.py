"""A household's pages' addresses, and the household a link carries: without JavaScript an unsaved household
travels in the links' query (a GET changes nothing)."""
from urllib.parse import urlencode

from flask import request

from .. import households, i18n
from ..answers import Answers, as_query, from_form, has_household
from ..checklists import checklists


def page_url(lang, checklist_id=None, record_id=None, answers=None):
    """A page's address; an unsaved household rides along in the query."""
    path = f"{lang.prefix}/checklists/"
    if record_id:
        path += f"saved/{record_id}/"
    if checklist_id:
        path += checklist_id
    if answers is not None and not record_id:
        path += "?" + urlencode(as_query(answers))
    return path


def defaults():
    return Answers(lang=i18n.current_language().code, checked={cid: () for cid in checklists()})


def from_query():
    """The household a link carries, or the defaults for a bare link."""
    if not has_household(request.args):
        return defaults()
    return households.parse(from_form(request.args, i18n.current_language().code, checklists()))
