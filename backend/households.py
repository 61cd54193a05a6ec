"""A household's way in and out, for the pages and the API alike: read what was sent, ask a new one for its
creation token, keep each client within its write limit, write through storage, and refuse clearly (an
unknown code is "not found", never a crash).

Views only turn requests into calls of these and the results into pages or JSON.
"""
from . import guard, i18n, storage
from .answers import parse_answers
from .checklists import checklists, regions
from .errors import InputError
from .storage.records import NotFound, TokenUsed, valid_id


def parse(data):
    """Answers from what a form, a link or a JSON body holds, or InputError naming the field."""
    return parse_answers(data, checklists(), regions(), [lang.code for lang in i18n.languages()])


def known_id(record_id):
    """The code, if it can be one; a malformed one is refused before anything reads the database."""
    if not valid_id(record_id):
        raise InputError("malformed_id", "id")
    return record_id


def load(record_id):
    """A saved household's answers, or "not found" (a malformed code is not found either)."""
    answers = storage.storage().get(storage.db(), record_id) if valid_id(record_id) else None
    if answers is None:
        raise InputError("not_found", "id")
    return answers


def forgotten(record_id):
    """Is there no household under this (well-formed) code any more? For saying "forgotten" after a forget."""
    return bool(record_id) and valid_id(record_id) and storage.storage().get(storage.db(), record_id) is None


def _write(work):
    """Every citizen's write: within the client's limit, through the writer, or refused clearly."""
    guard.check_rate()
    try:
        return storage.change(work)
    except NotFound:
        raise InputError("not_found", "id") from None
    except TokenUsed:
        guard.token_used()


def create(answers, token):
    """A new household, if its creation token is good, using the token up in the same transaction; its code."""
    nonce = guard.check_token(token)
    store = storage.storage()
    return _write(lambda db: store.create(db, answers, None, nonce))


def save(record_id, answers):
    store = storage.storage()
    _write(lambda db: store.update(db, record_id, answers))


def forget(record_id):
    store = storage.storage()
    _write(lambda db: store.delete(db, record_id))
