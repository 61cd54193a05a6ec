"""The few changes to Material's output that no template block, context value or option can make.

Each names the markup it expects and stops the build (PluginError) when that
markup is not there: a theme upgrade that changes it is noticed at the next
build instead of passing silently.
"""
import re
from html.parser import HTMLParser

from mkdocs.exceptions import PluginError

# base.html writes <html lang=".."> outside any block; dir is on <body> only.
_HTML_TAG = re.compile(r'<html lang="([^"]+)"')
# base.html writes the drawer and search toggles outside any block, with autocomplete, which
# checkboxes may not carry in valid HTML.
_TOGGLE_AUTOCOMPLETE = re.compile(r'(<input class="md-toggle"[^>]*?) autocomplete="off"')
# partials/nav-item.html writes the contents toggle even when the page has no contents to toggle:
# a checkbox without a label (HTML_CodeSniffer H91, F68).
_TOC_TOGGLE = '<input class="md-nav__toggle md-toggle" type="checkbox" id="__toc">'


def _expected(where, what):
    return PluginError(f"{where}: Material's output has changed: expected {what}; see site/hooks/paraat_markup.py")


def finish(html, where, direction, in_nav=True):
    """`dir` on <html> too, no autocomplete on the toggles, and no contents toggle without contents."""
    html, found = _HTML_TAG.subn(lambda m: f'<html lang="{m.group(1)}" dir="{direction}"', html, count=1)
    if not found:
        raise _expected(where, '<html lang="...">')
    html, found = _TOGGLE_AUTOCOMPLETE.subn(r"\1", html)
    if found != 2:
        raise _expected(where, f'two <input class="md-toggle" ... autocomplete="off">, found {found}')
    if in_nav and 'for="__toc"' not in html:
        if html.count(_TOC_TOGGLE) != 1:
            raise _expected(where, _TOC_TOGGLE)
        html = html.replace(_TOC_TOGGLE, "", 1)
    return html


def check_site_paths(html, where):
    """The household pages' shell serves every backend path: each of its links must be a site path."""
    finder = _RelativeLinks()
    finder.feed(html)
    finder.close()
    if finder.found:
        raise PluginError(f"{where}: the household pages' shell links relatively to {', '.join(finder.found[:3])}; "
                          "its links must be site paths (written with the url filter)")


class _RelativeLinks(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "src") and value is not None and not re.match(r"/|#|[a-zA-Z][a-zA-Z0-9+.-]*:", value):
                self.found.append(value)
