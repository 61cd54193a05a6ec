"""Officials' figures that anyone may see: national, protected, up to yesterday."""
from datetime import date, timedelta

from flask import Blueprint

from .. import storage
from ..stats import STEP, THRESHOLD, protect_count, protect_share

bp = Blueprint("stats", __name__)


@bp.get("/api/stats/public")
def public():
    # Completed days only, so nobody can watch the figure move.
    today = date.today()
    raw = storage.storage().national(storage.db(), today)
    households = protect_count(raw["households"])
    share = protect_share(raw["ready"], raw["households"])
    body = {
        "to_day": (today - timedelta(days=1)).isoformat(),
        "households_saved": {"value": households.value, "shown": households.export()},
        "ready": {"kind": share.kind, "percent": share.percent},
        "protection": {"threshold": THRESHOLD, "rounded_to": STEP},
    }
    # The same all day: caches may keep it for an hour.
    return body, 200, {"Cache-Control": "public, max-age=3600"}
