"""The officials' dashboard: login, the figures page, its exports and its JSON, all behind a login.

Pages live at /dashboard/... (Dutch) and /<lang>/dashboard/... for the other
languages that have a dashboard catalog; without a login, pages send to the
login page and the JSON answers 401.
"""
import functools
from datetime import date
from urllib.parse import urlencode

from flask import (Blueprint, abort, current_app, jsonify, make_response, redirect, render_template, request,
                   session, url_for)
from flask_login import current_user, login_user, logout_user
from flask_wtf import FlaskForm
from werkzeug.datastructures import MultiDict
from wtforms import EmailField, PasswordField

from .. import csp, i18n, limits, officials, report, storage
from ..checklists import checklists, regions
from ..errors import error_json
from ..figures import BadQuery, breakdown_values, dashboard, parse_query, period, periods
from ..goals import DAY_CHOICES
from ..report import _d, _dn
from ..storage import officials as accounts
from ..storage import tallies
from . import dashboard_sort, exports, localized

bp = Blueprint("dashboard", __name__)


class LoginForm(FlaskForm):
    email = EmailField()
    password = PasswordField()


class LogoutForm(FlaskForm):
    pass


def languages():
    return current_app.extensions["paraat.dashboard_languages"]


def dashboard_page(rule, **options):
    """A dashboard page at /dashboard/<rule> and /<lang>/dashboard/<rule> for the dashboard's other languages."""
    return localized(bp, f"/dashboard{rule}", offered=languages, **options)


def here(endpoint="index", **values):
    """The address of a dashboard page in the current language."""
    return url_for(f"dashboard.{endpoint}", **values)


def login_required(view):
    @functools.wraps(view)
    def wrapped(*args, **kwargs):
        if not current_user.is_authenticated:
            return redirect(here("login"))
        return view(*args, **kwargs)

    return wrapped


def page(template, status=200, **context):
    lang = i18n.current_language()
    query = request.query_string.decode()
    switch = {code: url_for(request.endpoint, **request.view_args, lang=code) + (f"?{query}" if query else "")
              for code in languages()}
    words = report.Words()
    html = render_template(template, _=words.gettext, count=words.count, share=share_text, lang=lang, switch=switch,
                           here=here, signed_in=current_user.is_authenticated, logout_form=LogoutForm(), **context)
    return private(make_response(html, status), csp.DASHBOARD)


def share_text(share):
    """A share from presented() as the page writes it; None where none is given."""
    return "-" if share is None else share["shown"]


def private(response, policy=None):
    """Officials' answers: never cached; same-origin Referer, which Flask-WTF checks on forms over HTTPS."""
    response.headers["Cache-Control"] = "no-store"
    response.headers["Referrer-Policy"] = "same-origin"
    if policy:
        response.headers["Content-Security-Policy"] = policy
    return response


@dashboard_page("/login", methods=["GET", "POST"])
def login():
    form = LoginForm()
    error, status = None, 200
    if request.method == "POST":
        email = (form.email.data or "").strip().lower()
        # Slowed per account and address together, and per address: a stranger's failures never
        # lock an official out from an address of their own. The address is a key in memory only.
        client = limits.client(request.remote_addr)
        keys = (("account", email, client), ("client", client))
        wait = officials.throttle().wait(*keys)
        if wait:
            minutes = max(1, round(wait / 60))
            error, status = _dn("Too many tries. Try again in %(num)s minute.",
                                "Too many tries. Try again in %(num)s minutes.", minutes), 429
        elif not form.validate_on_submit():
            error, status = _d("This form has expired. Please try again."), 400
        else:
            official = officials.check(email, form.password.data or "")
            if official is None:
                officials.throttle().failed(*keys)
                error, status = _d("The email address or the password is not right."), 401
            else:
                officials.throttle().succeeded(keys[0])
                login_user(official)
                # Flask-Login puts `_id` in the cookie, a hash of the address and user agent: not here.
                session.pop("_id", None)
                return redirect(here())
    elif current_user.is_authenticated:
        return redirect(here())
    return page("dashboard/login.html", status=status, form=form, error=error, title=_d("Log in to the figures"))


@dashboard_page("/logout", methods=["GET", "POST"])
def logout():
    if request.method == "POST":
        if not LogoutForm().validate_on_submit():
            return page("dashboard/logout.html", status=400, title=_d("Log out"),
                        error=_d("This form has expired. Please try again."))
        if current_user.is_authenticated:
            email = current_user.id
            storage.storage().writer.run(lambda tx: accounts.end_sessions(tx.db, email))
        logout_user()
        return redirect(here("login"))
    if not current_user.is_authenticated:
        return redirect(here("login"))
    return page("dashboard/logout.html", title=_d("Log out"), error=None)


def values_of(breakdown):
    codes = [lang.code for lang in i18n.languages()]
    return breakdown_values(breakdown, regions(), codes, DAY_CHOICES)


def figures(args):
    """The query and its protected figures as the page shows them; BadQuery for a query not offered."""
    query = parse_query(args, values_of)
    db = storage.db()
    found = dashboard(db, checklists(), query, values_of(query.breakdown), date.today(),
                      current_app.extensions["paraat.protection"])
    return query, exports.presented(query, found, accounts.is_demo(db)), db


def _refused(exc, as_json):
    names = {"period": _d("Period"), "breakdown": _d("Breakdown"), "group": _d("Group")}
    message = _d("The dashboard does not offer this choice: %(field)s.", field=names.get(exc.field, exc.field))
    if as_json:
        return private(jsonify(error_json("bad_query", message, exc.field))), 400
    return page("dashboard/error.html", status=400, title=_d("Figures"), error=message)


@dashboard_page("/")
@login_required
def index():
    sort = dashboard_sort.sort_key(request.args, checklists())
    # The order of the breakdown table is the page's own; the figures (and the exports) never see it.
    args = MultiDict([(k, v) for k, v in request.args.items(multi=True) if k != "sort"])
    try:
        _query, presented, db = figures(args)
    except BadQuery as exc:
        return _refused(exc, as_json=False)
    rows = dashboard_sort.sorted_rows(presented["breakdown_table"]["rows"], sort)
    months, weeks = periods(tallies.first_and_last_day(db)[0], date.today())
    labels = {key: report.choice_label(period(key)) for key in months + weeks}
    return page("dashboard/index.html", title=_d("Figures for officials"),
                r=presented, months=months, weeks=weeks, labels=labels,
                breakdown_names=report.breakdown_names(), exports=exports.NAMES,
                # An item that is one thing in two checklists (same_as) is one bar in the item chart.
                words={**report.chart_words(), "linked": sorted(f"{cid}/{item.id}" for cid, c in checklists().items()
                                                                for item in c.items if item.same_as)},
                sort=sort, sorted_rows=rows, figures_query=urlencode(list(args.items(multi=True))))


@dashboard_page("/export/<name>")
@login_required
def export(name):
    if name not in exports.NAMES:
        abort(404)
    try:
        _query, presented, _db = figures(request.args)
    except BadQuery as exc:
        return _refused(exc, as_json=False)
    body, mimetype = exports.render(name, presented)
    response = make_response(body)
    response.mimetype = mimetype
    response.headers["Content-Disposition"] = f'attachment; filename="{exports.filename(name, presented)}"'
    return private(response)


@bp.get("/api/stats/dashboard")
def api():
    if not current_user.is_authenticated:
        return private(jsonify(error_json("login_required", _d("Log in to see these figures.")))), 401
    i18n.use_language(request.args.get("lang") if request.args.get("lang") in languages()
                      else i18n.default_language().code)
    args = request.args.copy()
    args.pop("lang", None)
    try:
        _query, presented, _db = figures(args)
    except BadQuery as exc:
        return _refused(exc, as_json=True)
    return private(jsonify(presented))


def init_app(app):
    app.extensions["paraat.dashboard_languages"] = report.dashboard_languages(app)
