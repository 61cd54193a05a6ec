"""Who may keep an answer, and for how long: the Cache-Control of every answer that does not say it itself.

On launch night most requests are the same for everyone: campaign pages,
checklist pages with nothing saved (with or without a household in the
query: that household is in the address, so the address is the key),
checklist definitions and the public figure. A CDN in front may answer
them (`s-maxage`); browsers ask again each time (`max-age=0`) and get a
304 when nothing changed, so an online visitor still sees the newest
version. Whatever names a saved household or an official is never kept.
"""
import re

from flask import request

# How long a shared cache (a CDN) may answer a page or definition without asking the server again.
SHARED_SECONDS = 300
PAGE = f"public, max-age=0, s-maxage={SHARED_SECONDS}"
# Files whose name carries their content's hash never change: a year, and browsers need not ask again.
FOREVER = "public, max-age=31536000, immutable"
PRIVATE = "no-store"
# Other files of the built site (images, lunr's language files, the search index): an hour.
FILE = "public, max-age=3600"

# The site's files a new build changes without renaming them, and that make the offline copy: as pages.
ALWAYS_FRESH = {"sw.js", "offline.json", "manifest.webmanifest"}
# Material's files carry their content's hash in the name (main.57a0d79d.min.css): they never change.
FINGERPRINTED = re.compile(r"\.[0-9a-f]{8,}\.min\.(css|js)$")

# Answers that are the same for everyone who sends the same address.
PUBLIC_ENDPOINTS = {"checklists.overview", "checklists.detail", "plan.print_page", "plan.calendar",
                    "api.list_checklists", "api.get_checklist", "api.openapi_document"}
# Query fields that name a saved household: such an answer is that household's.
NAMING = {"forgotten"}


def site_file(name):
    """A built site file's Cache-Control, by its name: the backend sends it (views/site.py), and the
    build writes it into _headers for a CDN or web server serving the site without the backend."""
    if name.endswith(".html") or name in ALWAYS_FRESH:
        return PAGE
    return FOREVER if FINGERPRINTED.search(name) else FILE


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
