"""The front's own refusals (a body, address or header too large; a request it cannot read; too many writes or
login tries from one client), in the app's words.

nginx answers these before the app sees the request. `flask --app backend refusal-pages DIR`
renders them once through the app's own error handlers, so the translators' catalogs stay
their one source: DIR/api-<lang>-<status> (JSON) and DIR/page-<lang>-<status> (the site's
error page), DIR/login-<lang>-429 (the officials' login slow-down, for each language of the dashboard),
with DIR/headers.json naming the headers each kind sends in each language.
backend/front.py points nginx's error_page at them.
"""
import json
from pathlib import Path

import click
from flask import current_app, request, url_for
from werkzeug.exceptions import (BadRequest, RequestEntityTooLarge, RequestHeaderFieldsTooLarge, RequestURITooLarge,
                                 ServiceUnavailable, TooManyRequests)

from . import i18n

# What nginx itself refuses: 400 (unreadable, a bad Content-Length), 413, 414, and too-large headers (431);
# 429 for a client past the write limit, which the front counts for every app server behind it;
# and 503 when gunicorn does not answer (restarting, or every thread busy past the front's patience).
STATUSES = {400: BadRequest, 413: RequestEntityTooLarge, 414: RequestURITooLarge, 429: TooManyRequests,
            431: RequestHeaderFieldsTooLarge, 503: ServiceUnavailable}
# Headers the front sends with each answer (the rest, Content-Length and Date, it makes itself).
KEPT = ("Content-Type", "Content-Security-Policy", "X-Content-Type-Options", "Permissions-Policy",
        "Referrer-Policy", "Cache-Control")


def render(app, lang, kind, status):
    """One refusal as the app answers it: a path under /api/ or a page in the language's prefix."""
    with app.app_context(), app.test_request_context("/"):
        path = url_for("api.create_household") if kind == "api" else url_for("checklists.overview", lang=lang.code)
    query = {"lang": lang.code} if kind == "api" else {}
    # A fresh application context each time: the CLI runs in one, and its `g` would keep the last language.
    with app.app_context(), app.test_request_context(path, query_string=query):
        response = app.make_response(app.handle_user_exception(STATUSES[status]()))
        response = app.process_response(response)
        headers = {name: response.headers[name] for name in KEPT if name in response.headers}
        return response.get_data(), headers


def render_login(app, code):
    """The officials' login slow-down as the dashboard says it, on the dashboard's error page."""
    from .report import _d, _dn
    from .views import dashboard

    with app.app_context(), app.test_request_context("/"):
        path = url_for("dashboard.login", lang=code)
    with app.app_context(), app.test_request_context(path):
        request.view_args.pop("lang", None)  # as the URL processors do on a request the app dispatches
        i18n.use_language(code)
        response = dashboard.page("dashboard/error.html", status=429, title=_d("Log in to the figures"),
                                  error=_dn("Too many tries. Try again in %(num)s minute.",
                                            "Too many tries. Try again in %(num)s minutes.", 1))
        response = app.process_response(response)
        headers = {name: response.headers[name] for name in KEPT if name in response.headers}
        return response.get_data(), headers


def write_all(app, directory):
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    headers = {}
    with app.app_context():
        languages = i18n.languages()
    for lang in languages:
        for kind in ("api", "page"):
            for status in STATUSES:
                body, kept = render(app, lang, kind, status)
                (directory / f"{kind}-{lang.code}-{status}").write_bytes(body)
                headers[f"{kind}-{lang.code}"] = kept
    for code in app.extensions["paraat.dashboard_languages"]:
        body, headers[f"login-{code}"] = render_login(app, code)
        (directory / f"login-{code}-429").write_bytes(body)
    (directory / "headers.json").write_text(json.dumps(headers, indent=1, sort_keys=True))


@click.command("refusal-pages")
@click.argument("directory", type=click.Path(file_okay=False))
def refusal_pages_command(directory):
    """Write the front's refusals (400, 413, 414, 429, 431, 503) in every language into DIRECTORY."""
    write_all(current_app._get_current_object(), directory)


def init_app(app):
    app.cli.add_command(refusal_pages_command)
