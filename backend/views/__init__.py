"""Views parse requests and render answers; the work happens in the modules they call."""
from urllib.parse import quote

from flask import Response, abort, g, make_response, redirect, render_template, request, url_for
from werkzeug.exceptions import HTTPException
from werkzeug.routing import BaseConverter

from .. import caching, compression, csp, i18n, shell, storage
from ..errors import InputError


# Pages in every language: {endpoint: a function naming the languages that have it, or None for all}.
_LOCALIZED = {}


def localized(bp, rule, offered=None, **options):
    """Register a page at /<rule> for the source language and /<lang>/<rule> for the others.

    The language comes off the path before the view runs (_language_from_path) and url_for puts the
    current one back (_language_into_url), as Flask's URL processors do. `offered`, if given, names the
    languages that have the page (the dashboard's); any other gets a 404.
    """

    def decorate(view):
        _LOCALIZED[f"{bp.name}.{view.__name__}"] = offered
        bp.add_url_rule(rule, view_func=view, **options)
        bp.add_url_rule(f"/<lang:lang>{rule}", view_func=view, **options)
        return view

    return decorate


def _language_from_path(endpoint, values):
    if endpoint not in _LOCALIZED:
        return
    lang = values.pop("lang", None) if values else None
    source = i18n.default_language().code
    if lang == source:
        abort(unprefixed(lang))
    code = lang or source
    offered = _LOCALIZED[endpoint]
    if offered is not None and code not in offered():
        abort(404)
    i18n.use_language(code)


def _language_into_url(endpoint, values):
    if endpoint not in _LOCALIZED:
        return
    code = values.get("lang", i18n.current_language().code)
    if code == i18n.default_language().code:
        values.pop("lang", None)  # the source language lives at /
    else:
        values["lang"] = code


def unprefixed(code):
    """/nl/... lives at /...: send there, keeping the query and (with 308) a form post."""
    return redirect(local_target(request.path.removeprefix(f"/{code}")),
                    301 if request.method in ("GET", "HEAD") else 308)


def local_target(path):
    """A redirect that stays on this site: `//host` and `/\\host` would send a browser elsewhere."""
    target = "/" + quote(path.lstrip("/\\"), safe="/!$&'()*+,;=:@-._~")
    query = request.query_string.decode("ascii", "replace")
    return target + (f"?{query}" if query else "")


class Code(BaseConverter):
    """A checklist's or a household's code: letters, digits, - and _, so it is safe in a Location or a log."""

    regex = r"[A-Za-z0-9_-]+"


def allow_header(exc):
    """The methods a 405 names, for the Allow header (empty for other errors)."""
    allowed = getattr(exc, "valid_methods", None)
    return {"Allow": ", ".join(allowed)} if allowed else {}


def render_page(template, title, switch_urls, status=200, indexable=True, **context):
    """A backend page inside the campaign site's chrome (see shell.py)."""
    content = render_template(template, title=title, **context)
    html, policy = shell.render(i18n.current_language(), title, content, request.path, switch_urls, indexable)
    response = make_response(html, status)
    response.headers["Content-Security-Policy"] = policy
    return response


def error_page(error, status=None, endpoint=None):
    """A refused page, in the current language; the language links lead to the page `endpoint` in each
    language, or to each language's home."""
    switch_urls = {other.code: url_for(endpoint, lang=other.code) if endpoint
                   else url_for("site.serve", path="" if other.default else f"{other.code}/")
                   for other in i18n.languages()}
    return render_page("error.html", error.heading, switch_urls, status=status or error.status, indexable=False,
                       error=error)


def storage_fault():
    """A read-only, full or unreadable database: the refusal to show; the next request starts afresh."""
    storage.storage().discard_reader()
    g.paraat_retry_after = 30
    return InputError("unavailable")


SCRIPTS = {"text/javascript", "application/javascript"}


def _common_headers(response: Response):
    headers = response.headers
    present = {name.lower() for name in headers.keys()}  # one pass, not one per header: this runs on every answer
    wanted = dict(csp.COMMON)
    if response.mimetype in SCRIPTS:  # the service worker: its own policy governs what it fetches
        wanted["Content-Security-Policy"] = csp.SCRIPT
    else:  # data (JSON, CSV, XML, text): nothing may run or frame it; a page brings its own policy
        wanted["Content-Security-Policy"] = csp.DATA
    if request.is_secure:  # behind HTTPS (PARAAT_PROXIES tells when a proxy ended it)
        wanted["Strict-Transport-Security"] = "max-age=31536000"
    # Citizens' addresses can hold a saved household's code: they are never sent on.
    wanted["Referrer-Policy"] = "no-referrer"
    for name, value in wanted.items():
        if name.lower() not in present:
            headers.add(name, value)
    if request.view_args and "record_id" in request.view_args:  # a household's own answers: no cache keeps them
        headers["Cache-Control"] = "no-store"
    if "paraat_retry_after" in g:  # 429 and 503: when trying again makes sense
        headers["Retry-After"] = str(g.paraat_retry_after)
    return compression.finish(caching.decide(response))


def init_app(app):
    from . import api, checklists, dashboard, plan, site, stats

    app.url_map.converters["site_path"] = site.SitePath
    app.url_map.converters["code"] = Code
    dashboard.init_app(app)
    app.register_blueprint(api.bp)
    app.register_blueprint(dashboard.bp)
    app.register_blueprint(stats.bp)
    app.register_blueprint(checklists.bp)
    app.register_blueprint(plan.bp)
    # Last: the campaign site answers every path nothing else claims.
    app.register_blueprint(site.bp)
    app.after_request(_common_headers)
    app.url_value_preprocessor(_language_from_path)
    app.url_defaults(_language_into_url)

    def _error_page(error, status):
        i18n.use_language(i18n.language_of_path(request.path).code)
        return error_page(error, status)

    def _is_api():
        return request.path in ("/api", "/healthz") or request.path.startswith("/api/")

    @app.errorhandler(HTTPException)
    def _http_error(exc):
        if _is_api():
            return api.http_error(exc)
        if exc.code == 404:
            return site.not_found_page()
        response = _error_page(InputError(api.HTTP_CODES.get(exc.code, "bad_request")), exc.code)
        response.headers.update(allow_header(exc))
        return response

    def _storage_fault(_exc):
        error = storage_fault()
        return api.error_response(error) if _is_api() else _error_page(error, error.status)

    for fault in storage.FAULTS:
        app.register_error_handler(fault, _storage_fault)
