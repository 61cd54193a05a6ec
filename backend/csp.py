"""The Content-Security-Policy of a campaign page: only this origin, and the page's own inline scripts by hash.

No Flask here: the site build uses it too, to write the headers a plain web
server or CDN needs (build/site/_headers).
"""
import base64
import hashlib
import re

_INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.S)
POLICY = ("default-src 'self'; script-src 'self'{hashes}; img-src 'self' data:; object-src 'none'; "
          "base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
# Headers every answer carries, pages and files alike.
COMMON = {
    "X-Content-Type-Options": "nosniff",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=()",
}


def policy(html):
    """The policy for one page: its inline scripts (Material's few) allowed by their SHA-256 only."""
    hashes = sorted({"'sha256-" + base64.b64encode(hashlib.sha256(s.encode()).digest()).decode() + "'"
                     for s in _INLINE_SCRIPT.findall(html)})
    return POLICY.format(hashes="".join(" " + h for h in hashes))
