"""The campaign site's own page around the backend's pages: one source for the chrome.

MkDocs builds `content/<lang>/checklists.md` with the `app.html` template into
`<lang>/checklists/index.html`: the site's header, navigation, search,
language switch and footer, with markers for a title and the content, and its
links as site paths so any backend path can use it. At start-up the backend
reads each language's shell once and compiles it into a Jinja template: the
markers, the canonical link, the hreflang alternates and the language switch's
links become the template's slots. A shell without what the backend relies on
stops start-up with one line; a shell rebuilt while the app runs (`make
preview`) is compiled again on its next use.
"""
import json
from functools import lru_cache
from html import escape
from html.parser import HTMLParser
from pathlib import Path

import jinja2
from flask import current_app
from markupsafe import Markup

from . import csp, i18n

TITLE = "paraat:title"
CONTENT = "paraat:content"
_ENV = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined)


class ShellError(SystemExit):
    """Exits with one line, no traceback, as a bad setting does (settings.SettingError)."""

    def __init__(self, problem):
        super().__init__(f"Paraat cannot start: {problem}.")


class ShellMissing(RuntimeError):
    """The site is not built: `make site` writes the shells."""


class ShellUnusable(RuntimeError):
    """A built shell without what the backend relies on (a page then fails; start-up stops instead)."""

    def __init__(self, path, problem):
        super().__init__(f"{path}: {problem}; build it from the app.html template again (make site)")


def init_app(app):
    """Compile every language's shell now, so a shell the backend cannot use stops start-up, not a page.

    A site that is not built at all (a backup from the command line) is left to the first page that needs it."""
    site = Path(app.config["SITE_DIR"])
    if not site.is_dir():
        return
    with app.app_context():
        for lang in i18n.languages():
            try:
                _shell(site, lang)
            except (ShellMissing, ShellUnusable) as problem:
                raise ShellError(str(problem)) from None


def render(lang, title, content, page_path, switch_urls, indexable=True):
    """A whole page, and the Content-Security-Policy it needs: the shell of `lang` with this title and content.

    `switch_urls` maps every language code to the path of this same page in
    that language; `page_path` is this page's own path (for the canonical link).
    """
    template, policy = _shell(Path(current_app.config["SITE_DIR"]), lang)
    site_url = current_app.config["SITE_URL"].rstrip("/")
    switch = {**switch_urls, "x-default": switch_urls[i18n.default_language().code]}
    html = template.render(title=title, content=Markup(content), canonical=site_url + page_path,
                           indexable=indexable, site_url=site_url, switch=switch)
    return html, policy


def _shell(site, lang):
    source = site / lang.prefix.strip("/") / "checklists" / "index.html"
    try:
        mtime = source.stat().st_mtime_ns
    except FileNotFoundError:
        raise ShellMissing(f"{source} is missing: build the site first (make site)") from None
    codes = tuple(other.code for other in i18n.languages())
    return _compiled(str(source), mtime, codes)


@lru_cache(maxsize=32)  # kept across apps in one process: the same built file is compiled once
def _compiled(path, _mtime_ns, codes):
    html = Path(path).read_text(encoding="utf-8")
    slots = _Slots(codes)
    slots.feed(html)
    slots.close()
    problem = slots.problem()
    if problem:
        raise ShellUnusable(path, problem)
    return _ENV.from_string(_template_source(html, slots.found, path)), csp.page(html)


def _template_source(html, found, path):
    """The shell as Jinja source: its own text kept verbatim (raw), the slots as expressions."""
    starts = [0]  # where each line starts, lines counted as the parser counts them: by "\n" alone
    for line in html.split("\n"):
        starts.append(starts[-1] + len(line) + 1)
    parts, done = [], 0
    for (line, column), length, expression in found:
        at = starts[line - 1] + column
        parts.append(_raw(html[done:at], path))
        parts.append(expression)
        done = at + length
    parts.append(_raw(html[done:], path))
    return "".join(parts)


def _raw(text, path):
    if "endraw" in text:
        raise ShellUnusable(path, "its text holds 'endraw', which the page template cannot keep verbatim")
    return "{% raw %}" + text + "{% endraw %}" if text else ""


def _tag(name, attrs, slot, expression):
    """A start tag as Jinja source: its attributes as built, the one named `slot` filled in by `expression`."""
    source = _raw(f"<{name}", "")
    for key, value in attrs:
        if key == slot:
            source += _raw(f' {key}="', "") + expression + _raw('"', "")
        else:
            source += _raw(f' {key}="{escape(value or "")}"', "")
    return source + _raw(">", "")


class _Slots(HTMLParser):
    """Finds where the backend fills in the shell: (position, length, Jinja expression) in document order."""

    def __init__(self, codes):
        super().__init__(convert_charrefs=False)
        self.codes = codes
        self.found = []
        self.seen = {"title": 0, "content": 0, "canonical": 0, "switch": set(), "alternate": set()}

    def _add(self, length, expression):
        self.found.append((self.getpos(), length, expression))

    def handle_comment(self, data):
        name = data.strip()
        if name == TITLE:
            self.seen["title"] += 1
            self._add(len(data) + 7, "{{ title }}")
        elif name == CONTENT:
            self.seen["content"] += 1
            self._add(len(data) + 7, "{{ content }}")

    def handle_starttag(self, tag, attrs):
        found = dict(attrs)
        length = len(self.get_starttag_text())
        code = found.get("hreflang")
        if tag == "link" and found.get("rel") == "canonical":
            self.seen["canonical"] += 1
            self._add(length, '<link rel="canonical" href="{{ canonical }}">{% if not indexable %}\n'
                              '    <meta name="robots" content="noindex">{% endif %}')
        elif tag == "link" and found.get("rel") == "alternate" and code:
            self.seen["alternate"].add(code)
            self._add(length, f'<link rel="alternate" hreflang="{escape(code)}" '
                              f'href="{{{{ site_url }}}}{{{{ switch[{json.dumps(code)}] }}}}">')
        elif tag == "a" and "md-select__link" in (found.get("class") or "").split() and code:
            self.seen["switch"].add(code)
            self._add(length, _tag("a", attrs, "href", f"{{{{ switch[{json.dumps(code)}] }}}}"))

    def problem(self):
        """What the backend relies on and this shell lacks, in words; None if nothing."""
        seen = self.seen
        for marker, key in ((TITLE, "title"), (CONTENT, "content")):
            if seen[key] != 1:
                return f"the marker <!-- {marker} --> is there {seen[key]} times, not once"
        if seen["canonical"] != 1:
            return f'<link rel="canonical"> is there {seen["canonical"]} times, not once'
        if not seen["switch"]:
            return 'no language switch links (<a class="md-select__link" hreflang="...">)'
        if not seen["alternate"]:
            return 'no hreflang alternates (<link rel="alternate" hreflang="...">)'
        unknown = (seen["switch"] | seen["alternate"]) - {*self.codes, "x-default"}
        if unknown:
            return f"hreflang {', '.join(sorted(unknown))} is no language of mkdocs.yml"
        return None
