"""Every Content-Security-Policy Paraat sends, built in this one place.

No Flask here: the site build uses it too, to write the headers a plain web
server or CDN needs (build/site/_headers), so the app and a server without it
send the same policy for the same page.
"""
import base64
import hashlib
from html.parser import HTMLParser

# Headers every answer carries, pages and files alike.
COMMON = {
    "X-Content-Type-Options": "nosniff",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=()",
}
# What a <script> without src runs as: JavaScript (no type, a JavaScript type, or a module).
# Any other type (Material's `application/json` settings) is data the browser never runs.
_RUNS = {"", "text/javascript", "application/javascript", "module"}


def build(script_src=("'self'",), **directives):
    """One policy: nothing from elsewhere, no plugins, no framing, no <base>, forms only to this origin.

    `script_src` lists where scripts may come from; other directives (`style_src="'self'"`) are added
    as given, with `_` for `-`.
    """
    parts = {"default-src": "'self'", "script-src": " ".join(script_src), "img-src": "'self' data:"}
    parts.update({name.replace("_", "-"): value for name, value in directives.items()})
    parts.update({"object-src": "'none'", "base-uri": "'none'", "form-action": "'self'",
                  "frame-ancestors": "'none'"})
    return "; ".join(f"{name} {value}" for name, value in parts.items())


# The officials' dashboard: no inline script and no inline style at all.
DASHBOARD = build(style_src="'self'")
# A script answer (the service worker): its own policy governs what it fetches.
SCRIPT = "default-src 'self'; object-src 'none'; frame-ancestors 'none'"
# Data (JSON, CSV, XML, text): nothing may run or frame it.
DATA = "default-src 'none'; frame-ancestors 'none'"


def page(html):
    """The policy for one page: this origin, and its inline scripts (Material's few) by their SHA-256 only."""
    return build(script_src=("'self'", *sorted({_sha256(script) for script in inline_scripts(html)})))


def inline_scripts(html):
    """The text of every inline script in `html` the browser would run, whatever its other attributes."""
    finder = _InlineScripts()
    finder.feed(html)
    finder.close()
    return finder.found


def _sha256(text):
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


class _InlineScripts(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=False)  # a script's text is hashed exactly as written
        self.found = []
        self._open = None  # the text so far of the inline script being read, or None

    def handle_starttag(self, tag, attrs):
        if tag == "script":
            attrs = dict(attrs)
            runs = (attrs.get("type") or "").strip().lower() in _RUNS
            self._open = [] if runs and "src" not in attrs else None

    def handle_data(self, data):
        if self._open is not None:
            self._open.append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self._open is not None:
            self.found.append("".join(self._open))
            self._open = None
