"""The built campaign site (build/site), served for every path without a route."""
import io
from pathlib import Path

from flask import Blueprint, abort, current_app, redirect, request, send_file
from werkzeug.security import safe_join

from .. import i18n
from ..errors import InputError

bp = Blueprint("site", __name__)


def not_found_page():
    """The 404 page of the language the path is in, as the site built it."""
    site = Path(current_app.config["SITE_DIR"])
    first = request.path.strip("/").split("/", 1)[0]
    lang = i18n.language(first)
    candidates = [site / first / "404.html"] if lang and not lang.default else []
    for page in [*candidates, site / "404.html"]:
        if page.is_file():
            return page.read_bytes(), 404, {"Content-Type": "text/html; charset=utf-8"}
    return InputError("not_found").message, 404, {"Content-Type": "text/plain; charset=utf-8"}


@bp.get("/", defaults={"path": ""})
@bp.get("/<path:path>")
def serve(path):
    if path.startswith("api/"):
        abort(404)
    site = Path(current_app.config["SITE_DIR"])
    target = safe_join(str(site), path) if path else str(site)
    if target is None:
        return not_found_page()
    target = Path(target)
    if target.is_dir():
        if path and not path.endswith("/"):
            return redirect(f"/{path}/", 301)
        target = target / "index.html"
    if not target.is_file():
        return not_found_page()
    # Site files are small: read them whole, so no file handle outlives the request.
    stat = target.stat()
    return send_file(
        io.BytesIO(target.read_bytes()),
        download_name=target.name,
        etag=f"{stat.st_mtime_ns:x}-{stat.st_size:x}",
        last_modified=stat.st_mtime,
        max_age=0 if target.suffix == ".html" else 3600,
    )
