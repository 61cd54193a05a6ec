"""Answers made smaller for the wire: gzip where the browser takes it, and an ETag so a copy can be checked.

Phones on a weak signal pay for every byte: a checklist page is about 35 KB
as HTML and 9 KB as gzip. An answer that caches may keep gets an ETag of
its content (the gzip one differs, as it is another representation), and a
browser or CDN that already has it hears 304 instead of the page again.
The campaign's own files are compressed when the site is built (views/site.py).
"""
import gzip
import hashlib
from collections import OrderedDict
from threading import Lock

from flask import request

from . import caching
from .officials import is_officials_path

TEXT = {"text/html", "text/css", "text/plain", "text/calendar", "text/csv", "text/javascript",
        "application/javascript", "application/json", "application/manifest+json", "application/xml",
        "text/xml", "image/svg+xml"}
# Below this gzip's own frame costs more than it saves.
SMALLEST = 512


class _Packed:
    """The gzip of recent bodies by their digest: the same page for many visitors is compressed once."""

    def __init__(self, size=64):
        self.size, self._items, self._lock = size, OrderedDict(), Lock()

    def get(self, digest, body):
        with self._lock:
            if digest in self._items:
                self._items.move_to_end(digest)
                return self._items[digest]
        packed = gzip.compress(body, 6, mtime=0)
        with self._lock:
            self._items[digest] = packed
            if len(self._items) > self.size:
                self._items.popitem(last=False)
        return packed


_packed = _Packed()


def finish(response):
    """Compress text for a browser that accepts gzip; give keepable answers an ETag; answer 304 where it fits."""
    if response.status_code in (204, 206, 304) or "Content-Encoding" in response.headers \
            or response.mimetype not in TEXT:
        return response
    if response.direct_passthrough:  # a static file: read it whole (the backend's are small), then close it
        data = b"".join(response.response)
        response.response.close()
        response.direct_passthrough = False
        response.set_data(data)
    if response.is_streamed:
        return response
    body = response.get_data()
    digest = hashlib.sha256(body).hexdigest()[:24]
    etag = response.get_etag()[0] or (digest if caching.public(response) and response.status_code == 200 else None)
    # The officials' pages carry a form token beside what the request echoes: compressed, their length
    # would leak it (BREACH). The front leaves them uncompressed too.
    if len(body) >= SMALLEST and not is_officials_path(request.path):
        response.vary.add("Accept-Encoding")
        if "gzip" in request.accept_encodings:
            response.set_data(_packed.get(digest, body))
            response.headers["Content-Encoding"] = "gzip"
            etag = etag and f"{etag}-gz"
    if etag:
        response.set_etag(etag)
        if request.method in ("GET", "HEAD"):
            response.make_conditional(request)
    return response
