"""The built campaign site (build/site), served for every path without a route."""
import gzip
import io
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path

from flask import Blueprint, current_app, redirect, request, send_file
from werkzeug.routing import PathConverter
from werkzeug.security import safe_join

from .. import caching, csp, i18n
from ..errors import InputError
from . import local_target, unprefixed

bp = Blueprint("site", __name__)


def not_found_page():
    """The 404 page of the language the path is in, as the site built it."""
    site = Path(current_app.config["SITE_DIR"])
    lang = i18n.language_of_path(request.path)
    candidates = [site / lang.code / "404.html"] if not lang.default else []
    for page in [*candidates, site / "404.html"]:
        if page.is_file():
            return page.read_bytes(), 404, {"Content-Type": "text/html; charset=utf-8",
                                            "Content-Security-Policy": _policy(str(page), page.stat().st_mtime_ns),
                                            "Cache-Control": caching.PAGE}
    return InputError("not_found").message, 404, {"Content-Type": "text/plain; charset=utf-8"}


@bp.get("/.well-known/security.txt")
def security_txt():
    """Where to report a security problem (RFC 9116); the contact is a setting."""
    site_url = current_app.config["SITE_URL"].rstrip("/")
    expires = date.today() + timedelta(days=365)
    # Whoever runs the service reads the languages its officials' side speaks (a dashboard catalog each).
    spoken = ", ".join(current_app.extensions["paraat.dashboard_languages"])
    lines = [f"Contact: {current_app.config['SECURITY_CONTACT'] or current_app.config['CONTACT']}",
             f"Expires: {expires.isoformat()}T00:00:00Z", f"Preferred-Languages: {spoken}",
             f"Canonical: {site_url}/.well-known/security.txt"]
    return "\n".join(lines) + "\n", 200, {"Content-Type": "text/plain; charset=utf-8",
                                           "Cache-Control": "public, max-age=86400"}


class SitePath(PathConverter):
    """Any path but the API's: /api/... never reaches the site, not even in an Allow header."""

    regex = r"(?!api(?:/|$))[^/].*?"


@bp.get("/", defaults={"path": ""})
@bp.get("/<site_path:path>")
def serve(path):
    source = i18n.default_language().code
    if path == source or path.startswith(f"{source}/"):
        return unprefixed(source)
    site = Path(current_app.config["SITE_DIR"])
    target = safe_join(str(site), path) if path else str(site)
    try:
        if target is None:
            return not_found_page()
        target = Path(target)
        if target.is_dir():
            if path and not path.endswith("/"):
                return redirect(local_target(f"{path}/"), 301)
            target = target / "index.html"
        if not target.is_file():
            return not_found_page()
        stat = target.stat()
    except OSError:  # a name too long for the disk is simply not a page
        return not_found_page()
    gzip_ok = target.suffix in COMPRESSIBLE and "gzip" in request.accept_encodings
    body = _contents(str(target), stat.st_mtime_ns, gzip_ok)
    response = send_file(
        io.BytesIO(body),
        download_name=target.name,
        etag=f"{stat.st_mtime_ns:x}-{stat.st_size:x}{'-gz' if gzip_ok else ''}",
        last_modified=stat.st_mtime,
    )
    response.headers["Cache-Control"] = caching.site_file(target.name)
    if target.suffix == ".webmanifest":
        response.mimetype = "application/manifest+json"
    if target.suffix == ".html":
        response.headers["Content-Security-Policy"] = _policy(str(target), stat.st_mtime_ns)
    if target.suffix in COMPRESSIBLE:
        response.vary.add("Accept-Encoding")
    if gzip_ok:
        response.headers["Content-Encoding"] = "gzip"
    return response


# Phones on slow connections get text compressed; images and fonts already are.
COMPRESSIBLE = {".html", ".css", ".js", ".json", ".xml", ".svg", ".txt", ".map", ".webmanifest"}


@lru_cache(maxsize=512)
def _policy(path, _mtime_ns):
    return csp.page(Path(path).read_text(encoding="utf-8"))


@lru_cache(maxsize=512)
def _contents(path, _mtime_ns, compressed):
    """Site files are small: read whole (no file handle outlives the request); the gzip the build wrote
    beside the file (paraat_precompress.py), or compressed here once for a site built without it."""
    data = Path(path).read_bytes()
    if not compressed:
        return data
    packed = Path(path + ".gz")
    if packed.is_file() and packed.stat().st_mtime_ns >= _mtime_ns:
        return packed.read_bytes()
    return gzip.compress(data, 6, mtime=0)
