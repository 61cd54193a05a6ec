"""The public API described as OpenAPI 3.1, made from the same checklists, regions and languages it serves.

A new language, region or checklist item appears here by itself: the document is data, not a copy.
"""
from .checklists import MAX_PER_KIND, checklists, regions
from .errors import DASHBOARD_CODES, MESSAGES
from .goals import DAY_CHOICES
from .i18n import languages
from .storage.records import ID_PATTERN

COUNT = {"type": "integer", "minimum": 0, "maximum": MAX_PER_KIND}
TEXT = {"type": "string"}


def _ref(name):
    return {"$ref": f"#/components/schemas/{name}"}


def _json(schema, description):
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _errors(*codes):
    words = {400: "Refused input: the error names the field and says what was wrong, in the request's language.",
             403: "Refused: the request came from another website (Origin or Sec-Fetch-Site says so), or, for a "
                  "new household, its token is missing, forged, older than an hour or used already "
                  "(codes cross_site, invalid_token, stale_page, used_token). Nothing changed.",
             404: "No such checklist or household (never made, or forgotten), or a malformed code.",
             405: "This address does not take this method (the Allow header lists the ones it does).",
             401: "Not logged in as an official (code login_required).",
             413: "The request body is too large.",
             415: "The body is not sent as application/json.",
             429: "Too many writes from this client in a short time; Retry-After says when to try again.",
             503: "The database cannot be written or read right now; nothing changed. Retry-After says when."}
    return {str(code): _json(_ref("Error"), words[code]) for code in codes}


def _schemas():
    catalogue, places = checklists(), regions()
    household = {
        "type": "object", "additionalProperties": False,
        "properties": {"adults": COUNT, "children": COUNT, "infants": COUNT, "pets": COUNT,
                       "care": {"type": "boolean"}},
        # At least one person: an adult, a child or a baby.
        "anyOf": [{"required": [kind], "properties": {kind: {"minimum": 1}}}
                  for kind in ("adults", "children", "infants")],
    }
    checked = {
        "type": "object", "additionalProperties": False,
        "properties": {cid: {"type": "array", "uniqueItems": True, "items": {"enum": sorted(c.item_ids)}}
                       for cid, c in catalogue.items()},
    }
    answers = {
        "lang": {"enum": [lang.code for lang in languages()]},
        "household": household,
        "days": {"enum": list(DAY_CHOICES)},
        "region": {"enum": [*places, None]},
        "checked": checked,
    }
    progress = {"type": "object", "required": ["essential", "essential_checked", "complete"],
                "additionalProperties": False,
                "properties": {"essential": {"type": "integer"}, "essential_checked": {"type": "integer"},
                               "complete": {"type": "boolean"}}}
    return {
        "Answers": {"type": "object", "additionalProperties": False, "required": ["lang", "household"],
                    "properties": answers},
        "NewHousehold": {"type": "object", "additionalProperties": False, "required": ["lang", "household", "token"],
                         "properties": {**answers, "token": {
                             "type": "string", "description": "From GET /api/token, asked for when the person "
                                                              "saves: valid for an hour, and for one save."}}},
        "Household": {"type": "object", "additionalProperties": False,
                      "required": ["id", "lang", "household", "days", "region", "checked", "progress", "ready"],
                      "properties": {"id": {"type": "string", "pattern": ID_PATTERN.pattern}, **answers,
                                     "progress": {"type": "object", "additionalProperties": progress},
                                     "ready": {"type": "boolean"}}},
        "Error": {"type": "object", "required": ["error"], "additionalProperties": False, "properties": {"error": {
            "type": "object", "required": ["code", "message", "field"], "additionalProperties": False,
            "properties": {"code": {"enum": sorted([*MESSAGES, *DASHBOARD_CODES])}, "message": TEXT,
                           "field": {"type": ["string", "null"]}}}}},
        "ChecklistList": {"type": "object", "required": ["checklists"], "properties": {"checklists": {
            "type": "array", "items": {"type": "object", "required": ["id", "version", "title", "url"],
                                       "properties": {"id": TEXT, "version": {"type": "integer"}, "title": TEXT,
                                                      "url": TEXT}}}}},
        "Checklist": {"type": "object", "required": ["id", "version", "lang", "title", "items"],
                      "properties": {"id": TEXT, "version": {"type": "integer"}, "lang": TEXT, "title": TEXT,
                                     "items": {"type": "array", "items": {"type": "object"}}}},
        "Token": {"type": "object", "required": ["token", "expires_in"], "additionalProperties": False,
                  "properties": {"token": {"type": "string", "description": "Send it once, with a new household "
                                                                          "(POST /api/households)."},
                                 "expires_in": {"type": "integer", "description": "Seconds it stays valid."}}},
        "PublicFigure": {"type": "object", "required": ["to_day", "households_saved", "ready", "text"],
                         "properties": {"to_day": {"type": "string", "format": "date"},
                                        "households_saved": {"type": "object"}, "ready": {"type": "object"},
                                        "protection": {"type": "object"}, "lang": TEXT, "text": TEXT}},
        "Health": {"type": "object", "required": ["status"], "properties": {"status": {"const": "ok"}}},
    }


def _links():
    """From the POST that saves a household to what can be done with it, by the id it answers."""
    by_id = {"record_id": "$response.body#/id"}
    return {name: {"operationId": operation, "parameters": by_id}
            for name, operation in (("ReadHousehold", "readHousehold"), ("ReplaceHousehold", "replaceHousehold"),
                                    ("ForgetHousehold", "forgetHousehold"))}


def document():
    lang = {"name": "lang", "in": "query", "required": False, "schema": {"enum": [x.code for x in languages()]},
            "description": "The language of texts and messages (default: the source language, nl)."}
    record = {"name": "record_id", "in": "path", "required": True,
              "schema": {"type": "string", "pattern": ID_PATTERN.pattern},
              "description": "The household's random code, as given when it was saved."}
    checklist = {"name": "checklist_id", "in": "path", "required": True, "schema": {"enum": list(checklists())}}
    body = {"required": True, "content": {"application/json": {"schema": _ref("Answers")}}}
    return {
        "openapi": "3.1.0",
        "info": {"title": "Paraat", "version": "1",
                 "description": "Household checklists for being ready for 72 hours, saved anonymously. "
                                "A saved household is known only by its random code; no field holds who "
                                "someone is."},
        "paths": {
            "/api/checklists": {"get": {
                "summary": "The checklists", "parameters": [lang],
                "responses": {"200": _json(_ref("ChecklistList"), "The checklists"), **_errors(400)}}},
            "/api/checklists/{checklist_id}": {"get": {
                "summary": "One checklist's definition",
                "parameters": [checklist, lang],
                "responses": {"200": _json(_ref("Checklist"), "The definition"), **_errors(400, 404)}}},
            "/api/token": {"get": {
                "summary": "A fresh single-use token for saving a new household (never cached)",
                "operationId": "newToken",
                "responses": {"200": _json(_ref("Token"), "A token, valid for an hour and one save")}}},
            "/api/households": {"post": {
                "summary": "Save a new household", "operationId": "createHousehold",
                "requestBody": {"required": True,
                                "content": {"application/json": {"schema": _ref("NewHousehold")}}},
                "responses": {"201": {**_json({"type": "object", "required": ["id"], "additionalProperties": False,
                                               "properties": {"id": record["schema"]}}, "Saved"),
                                      "headers": {"Location": {"schema": TEXT}}, "links": _links()},
                              **_errors(400, 403, 413, 415, 429, 503)}}},
            "/api/households/{record_id}": {
                "parameters": [record],
                "get": {"summary": "A saved household with its progress", "operationId": "readHousehold",
                        "responses": {"200": _json(_ref("Household"), "The household"), **_errors(404, 503)}},
                "put": {"summary": "Replace a saved household's answers", "requestBody": body,
                        "operationId": "replaceHousehold",
                        "responses": {"200": _json(_ref("Household"), "Saved"),
                                      **_errors(400, 403, 404, 413, 415, 429, 503)}},
                "delete": {"summary": "Forget a saved household: every row of it is deleted",
                           "operationId": "forgetHousehold",
                           "responses": {"204": {"description": "Forgotten"}, **_errors(403, 404, 429, 503)}}},
            "/api/stats/public": {"get": {
                "summary": "National figures, protected, up to yesterday", "parameters": [lang],
                "responses": {"200": _json(_ref("PublicFigure"), "The figure"), **_errors(400, 503)}}},
            "/api/stats/dashboard": {"get": {
                "summary": "The officials' figures for one period and breakdown, protected (a login session)",
                "parameters": [{"name": name, "in": "query", "required": False, "schema": TEXT}
                               for name in ("period", "breakdown", "group", "lang")],
                "responses": {"200": _json({"type": "object"}, "The figures, as the dashboard's JSON export"),
                              "400": _json(_ref("Error"), "A period, breakdown or group the dashboard does not "
                                                          "offer (code bad_query; field names which)."),
                              **_errors(401)}}},
            "/api/openapi.json": {"get": {
                "summary": "This document", "responses": {"200": _json({"type": "object"}, "OpenAPI 3.1")}}},
            "/healthz": {"get": {
                "summary": "The service answers and its database can be read",
                "responses": {"200": _json(_ref("Health"), "Healthy"), **_errors(503)}}},
        },
        "components": {"schemas": _schemas()},
    }
