"""What keeps scripts and other sites from inflating the figures: saves from this site only, a write limit
per client, a single-use token to create, a honeypot.

Refusals are counted per day (a number, nothing more) for the officials' figures; one client counts at
most once per kind of refusal per minute, so no single client can inflate that figure.
"""
import secrets
import time
from datetime import date
from urllib.parse import urlsplit

from flask import abort, current_app, g, request
from itsdangerous import BadSignature, SignatureExpired, TimestampSigner

from . import limits, officials, storage
from .errors import InputError
from .limits import Limiter, SharedTable

# A creation token is fetched when the person saves (GET /api/token), so it need not live long.
TOKEN_AGE = 3600
# The form field that people and screen readers never meet (hidden), and programs fill in.
HONEYPOT = "website"
# The refusals of a missing, forged, expired or used token.
TOKEN_CODES = ("invalid_token", "stale_page", "used_token")
WRITES = {"POST", "PUT", "PATCH", "DELETE"}
clock = time.time  # tests move it


def _signer():
    return TimestampSigner(current_app.config["SECRET_KEY"], salt="paraat.create-household")


def token():
    """A fresh token: a random nonce, signed with the time; the store remembers it once used."""
    return _signer().sign(secrets.token_urlsafe(12)).decode("ascii")


def refused(kind):
    """Count one refused write for today, unless this client was counted for this kind in this minute.

    Who was counted lives in memory only (the address hashed with a secret, as in limits.py);
    the request does not wait for the count.
    """
    seen, minute = current_app.extensions["paraat.refusals"], clock() // 60
    key = (limits.client(request.remote_addr), kind)
    with seen.lock:
        if seen.get(key)[1] == minute:
            return
        seen.put(key, 1, minute)
    today, store = date.today().isoformat(), storage.storage()
    store.writer.later(lambda tx: store.count_refused(tx.db, today))


def _refuse(code, field=None):
    refused(code)
    raise InputError(code, field)


def token_problem(value):
    """None for a well-signed token of the last hour, else the refusal's code (nothing counted)."""
    try:
        _signer().unsign(value if isinstance(value, str) else "", max_age=TOKEN_AGE)
    except SignatureExpired:
        return "stale_page"
    except BadSignature:
        return "invalid_token"
    return None


def check_token(value):
    """The token's nonce, to be used up with the save; or a refusal (403)."""
    problem = token_problem(value)
    if problem:
        _refuse(problem, "token")
    return value.rsplit(".", 2)[0]


def token_used():
    _refuse("used_token", "token")


def check_honeypot(form):
    if form.get(HONEYPOT):
        _refuse("honeypot", HONEYPOT)


def check_rate():
    """Raise once this client wrote more than the limit in this window (address in memory only)."""
    limiter = current_app.extensions["paraat.limiter"]
    client = limits.client(request.remote_addr)
    if not limiter.allow(client):
        g.paraat_retry_after = limiter.retry_after(client)
        _refuse("too_many_requests")


def _own_origins():
    site = urlsplit(current_app.config["SITE_URL"])
    return {f"{site.scheme}://{site.netloc}", f"{request.scheme}://{request.host}"}


def cross_site():
    """Does the browser say this request comes from another site? (A page of ours sends `Origin: null`
    under its no-referrer policy; Sec-Fetch-Site still says same-origin.)"""
    if request.headers.get("Sec-Fetch-Site", "same-origin") in ("cross-site", "same-site"):
        return True
    origin = request.headers.get("Origin")
    return origin not in (None, "null") and origin.rstrip("/") not in _own_origins()


def _same_site_writes():
    """A write another site's page makes a visitor's browser send is refused before anything reads it."""
    if request.method in WRITES and not officials.is_officials_path(request.path) and cross_site():
        refused("cross_site")
        abort(403)


def init_app(app):
    # Made here, before gunicorn forks (preload_app): every worker shares the one count. Several app servers
    # share the limit at their shared front instead (front.py), which counts in nginx's memory.
    app.extensions["paraat.limiter"] = Limiter(app.config["WRITE_LIMIT"], app.config["WRITE_WINDOW"])
    app.extensions["paraat.refusals"] = SharedTable()
    app.before_request(_same_site_writes)
