"""Who may keep an answer, and for how long: the Cache-Control of every answer that does not say it itself.

On launch night most requests are the same for everyone: campaign pages,
checklist pages with nothing saved (with or without a household in the
query: that household is in the address, so the address is the key),
checklist definitions and the public figure. A CDN in front may answer
them (`s-maxage`); browsers ask again each time (`max-age=0`) and get a
304 when nothing changed, so an online visitor still sees the newest
version. Whatever names a saved household or an official is never kept.
"""
from flask import request

# How long a shared cache (a CDN) may answer a page or definition without asking the server again.
SHARED_SECONDS = 300
PAGE = f"public, max-age=0, s-maxage={SHARED_SECONDS}"
# Files whose name carries their content's hash never change: a year, and browsers need not ask again.
FOREVER = "public, max-age=31536000, immutable"
PRIVATE = "no-store"

# Answers that are the same for everyone who sends the same address.
PUBLIC_ENDPOINTS = {"checklists.overview", "checklists.detail", "plan.print_page", "plan.calendar",
                    "api.list_checklists", "api.get_checklist", "api.openapi_document"}
# Query fields that name a saved household: such an answer is that household's.
NAMING = {"forgotten"}


def public(response):
    return "public" in response.headers.get("Cache-Control", "")


def decide(response):
    """Set Cache-Control where the view did not; a household's or an official's answer stays no-store."""
    headers = response.headers
    if request.method not in ("GET", "HEAD"):
        headers.setdefault("Cache-Control", PRIVATE)
        return response
    if request.endpoint == "static" and response.status_code in (200, 304):  # the backend's page scripts
        headers["Cache-Control"] = PAGE
        return response
    if "Cache-Control" in headers:  # the view decided: a household's no-store, the figure's hour, site files
        return response
    shared = (request.endpoint in PUBLIC_ENDPOINTS and response.status_code == 200
              and not NAMING & set(request.args) and "Set-Cookie" not in headers)
    headers["Cache-Control"] = PAGE if shared else PRIVATE
    return response
