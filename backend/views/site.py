"""The built campaign site (build/site), served for every path without a route."""
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
            return send_file(page, mimetype="text/html", max_age=0), 404
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
    return send_file(target, max_age=0 if target.suffix == ".html" else 3600)
