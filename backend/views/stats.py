"""Officials' figures that anyone may see: national, protected, as they stood when today began."""
from datetime import date, timedelta

from flask import Blueprint, current_app, request
from flask_babel import format_date, format_percent, get_translations, gettext as _

from .. import i18n, storage
from ..errors import InputError
from ..stats import THRESHOLD
from . import api

bp = Blueprint("stats", __name__)


def sentence(households, share, to_day):
    """The figure in words, for the campaign's home page; nothing to say before the first household."""
    if households.value == 0:
        return ""
    if households.few:
        text = _("Fewer than %(threshold)s households have saved their checklists on Paraat so far.",
                 threshold=THRESHOLD)
    else:
        text = get_translations().ungettext(
            "So far, %(num)s household has saved its checklists on Paraat.",
            "So far, %(num)s households have saved their checklists on Paraat.",
            households.value) % {"num": i18n.format_count(households.value)}
        if share.kind == "percent":
            text += " " + _("%(percent)s of them are ready for 72 hours.",
                            percent=format_percent(share.percent / 100))
        elif share.kind == "more_than":
            text += " " + _("More than %(percent)s of them are ready for 72 hours.",
                            percent=format_percent(share.percent / 100))
    return text + " " + _("Figures up to and including %(day)s.", day=format_date(to_day, "long"))


@bp.get("/api/stats/public")
def public():
    unknown = set(request.args) - {"lang"}
    code = request.args.get("lang", i18n.default_language().code)
    if unknown or i18n.language(code) is None:
        return api.error_response(InputError("unknown_field" if unknown else "unknown_language",
                                             field=min(unknown or {"lang"})))
    i18n.use_language(code)
    # The figure as it stood when today began: nobody can watch it move.
    today = date.today()
    raw = storage.storage().national(storage.db(), today)
    protect = current_app.extensions["paraat.protection"]  # the dashboard's own protection
    households = protect.count(raw["households"])
    share = protect.share(raw["ready"], raw["households"])
    to_day = today - timedelta(days=1)
    body = {
        "to_day": to_day.isoformat(),
        "households_saved": {"value": households.value, "shown": households.export()},
        "ready": {"kind": share.kind, "percent": share.percent},
        "protection": {"threshold": THRESHOLD, "method": "cell-key perturbation",
                       "largest_noise": protect.largest_noise},
        "lang": code,
        "text": sentence(households, share, to_day),
    }
    # The same all day: caches may keep it for an hour.
    return body, 200, {"Cache-Control": "public, max-age=3600"}
