"""The JSON API: checklist definitions and anonymous households (documented in README)."""
import json

from flask import Blueprint, jsonify, request, url_for
from werkzeug.exceptions import HTTPException

from .. import guard, households, i18n, storage
from ..answers import to_json
from ..progress import household_progress, ready
from ..checklists import checklists
from ..goals import DAY_CHOICES
from ..errors import InputError
from ..openapi import document
from . import allow_header
from .items import item_data

bp = Blueprint("api", __name__)

HTTP_CODES = {403: "cross_site", 404: "not_found", 405: "method_not_allowed", 413: "too_large", 414: "too_large",
              415: "unsupported_media_type", 429: "too_many_requests", 431: "too_large", 503: "unavailable"}


def error_response(err: InputError, headers=None):
    return jsonify(err.as_json()), err.status, headers or {}


def http_error(exc: HTTPException):
    """A refusal by the framework, in the API's words, with the framework's status (414 stays 414)."""
    body, _status, headers = error_response(InputError(HTTP_CODES.get(exc.code, "bad_request")), allow_header(exc))
    return body, exc.code, headers


@bp.errorhandler(InputError)
def _input_error(err):
    return error_response(err)


def _localized_definition(checklist, code):
    def pick(texts):
        return texts[code] if texts else None

    return {
        "id": checklist.id,
        "version": checklist.version,
        "lang": code,
        "title": pick(checklist.title),
        "intro": pick(checklist.intro),
        "source": pick(checklist.source),
        "days": list(DAY_CHOICES),
        "categories": [{"id": c.id, "title": pick(c.title)} for c in checklist.categories],
        "items": [{**item_data(item, code), "category": item.category, "help": pick(item.help),
                   "source": pick(item.source)} for item in checklist.items],
        "units": i18n.unit_templates(code),
    }


def _request_lang():
    code = request.args.get("lang")
    if code is not None and i18n.language(code) is None:
        raise InputError("unknown_language", "lang")
    return code or i18n.current_language().code


@bp.get("/api/checklists")
def list_checklists():
    code = _request_lang()
    return {"checklists": [
        {"id": c.id, "version": c.version, "title": c.title[code],
         "url": url_for("api.get_checklist", checklist_id=c.id, lang=code)}
        for c in checklists().values()
    ]}


@bp.get("/api/checklists/<code:checklist_id>")
def get_checklist(checklist_id):
    code = _request_lang()
    checklist = checklists().get(checklist_id)
    if checklist is None:
        raise InputError("not_found", "checklist")
    return _localized_definition(checklist, code)


def _no_repeats(pairs):
    seen = {}
    for key, value in pairs:
        if key in seen:
            raise InputError("duplicate_field", str(key)[:40])
        seen[key] = value
    return seen


def _answers_from_body(with_token=False):
    """The answers a JSON body holds; with_token: (answers, the creation token it holds)."""
    if not request.is_json:
        raise InputError("unsupported_media_type")
    try:
        data = json.loads(request.get_data(), object_pairs_hook=_no_repeats)
    except InputError:
        raise
    except (ValueError, RecursionError):
        raise InputError("invalid_json") from None
    if isinstance(data, dict) and isinstance(data.get("lang"), str) and i18n.language(data["lang"]):
        i18n.use_language(data["lang"])  # answer in the language the person uses
    token = data.pop("token", None) if with_token and isinstance(data, dict) else None
    answers = households.parse(data)
    if with_token:  # a new household needs a token the page fetched when the person saved
        return answers, token
    return answers


def household_json(answers, record_id):
    progress = household_progress(checklists(), answers)
    return {**to_json(answers, record_id),
            "progress": {cid: p.as_json() for cid, p in progress.items()},
            "ready": ready(progress)}


@bp.post("/api/households")
def create_household():
    record_id = households.create(*_answers_from_body(with_token=True))
    return {"id": record_id}, 201, {"Location": url_for("api.read_household", record_id=record_id)}


@bp.get("/api/households/<code:record_id>")
def read_household(record_id):
    return household_json(households.load(households.known_id(record_id)), record_id)


@bp.put("/api/households/<code:record_id>")
def replace_household(record_id):
    households.known_id(record_id)
    answers = _answers_from_body()
    households.save(record_id, answers)
    return household_json(answers, record_id)


@bp.delete("/api/households/<code:record_id>")
def delete_household(record_id):
    households.forget(households.known_id(record_id))
    return "", 204


@bp.get("/api/token")
def creation_token():
    """A fresh single-use token for saving a new household: asked for when the person saves, never cached."""
    return {"token": guard.token(), "expires_in": guard.TOKEN_AGE}, 200, {"Cache-Control": "no-store"}


@bp.get("/api/openapi.json")
def openapi_document():
    return document()


@bp.get("/healthz")
def healthz():
    storage.storage().ping(storage.db())
    return {"status": "ok"}
