"""The campaign site's own page around the backend's pages: one source for the chrome.

MkDocs builds `content/<lang>/checklists.md` with the `app.html` template into
`<lang>/checklists/index.html`: the site's header, navigation, search,
language switch and footer, with markers for a title and the content. The
site hook writes that page's links as site paths, so any backend path can use
it. The backend reads it once per language and per request puts in the
title, the content, and language-switch and hreflang links that lead to the
same backend page.
"""
import re
from functools import lru_cache
from html import escape
from pathlib import Path

from flask import current_app

from . import csp, i18n

TITLE = "<!-- paraat:title -->"
CONTENT = "<!-- paraat:content -->"
_SWITCH = re.compile(r'<a href="[^"]*" hreflang="([^"]+)" class="md-select__link">')
_ALTERNATE = re.compile(r'<link rel="alternate" hreflang="([^"]+)" href="[^"]*">')
_CANONICAL = re.compile(r'<link rel="canonical" href="[^"]*">')


class ShellMissing(RuntimeError):
    """The site is not built: `make site` writes the shells."""


@lru_cache(maxsize=32)
def _prepared(path, _mtime_ns):
    html = Path(path).read_text(encoding="utf-8")
    if TITLE not in html or CONTENT not in html:
        raise ShellMissing(f"{path} has no markers: is it built from the app.html template?")
    return html, csp.policy(html)


def render(lang, title, content, page_path, switch_urls, indexable=True):
    """A whole page, and the Content-Security-Policy it needs: the shell of `lang` with this title and content.

    `switch_urls` maps every language code to the path of this same page in
    that language; `page_path` is this page's own path (for the canonical link).
    """
    shell_path = f"{lang.prefix}/checklists/"
    source = Path(current_app.config["SITE_DIR"]) / shell_path.strip("/") / "index.html"
    try:
        html, csp = _prepared(str(source), source.stat().st_mtime_ns)
    except FileNotFoundError:
        raise ShellMissing(f"{source} is missing: build the site first (make site)") from None
    site_url = current_app.config["SITE_URL"].rstrip("/")
    default = i18n.default_language().code
    html = _SWITCH.sub(lambda m: f'<a href="{escape(switch_urls.get(m.group(1), "/"))}" hreflang="{m.group(1)}" '
                                 'class="md-select__link">', html)
    html = _ALTERNATE.sub(lambda m: f'<link rel="alternate" hreflang="{m.group(1)}" href="{escape(site_url)}'
                                    f'{escape(switch_urls[default if m.group(1) == "x-default" else m.group(1)])}">',
                          html)
    canonical = f'<link rel="canonical" href="{escape(site_url + page_path)}">'
    if not indexable:
        canonical += '\n    <meta name="robots" content="noindex">'
    html = _CANONICAL.sub(lambda _m: canonical, html, count=1)
    return html.replace(TITLE, f"{escape(title)} - Paraat", 1).replace(CONTENT, content, 1), csp
