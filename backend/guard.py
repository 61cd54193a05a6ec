"""What keeps scripts from inflating the figures: a write limit per client, a token to create, a honeypot.

Refusals are counted per day (a number, nothing more) for the officials' figures.
"""
from datetime import date

from flask import current_app, g, request
from itsdangerous import BadSignature, SignatureExpired, TimestampSigner

from . import storage
from .errors import InputError
from . import limits
from .limits import Limiter
from .storage.write_counts import WriteCounts

# A page is good for saving from for two days: long enough for a page kept offline over a weekend.
TOKEN_AGE = 2 * 24 * 3600
# The form field that people and screen readers never meet (hidden), and programs fill in.
HONEYPOT = "website"


def _signer():
    return TimestampSigner(current_app.config["SECRET_KEY"], salt="paraat.create-household")


def token():
    """Handed out with the pages and definitions a person saves from."""
    return _signer().sign(b"create").decode("ascii")


def refused():
    """Count one refused write for today; the request does not wait for it."""
    today, store = date.today().isoformat(), storage.storage()
    store.writer.later(lambda db: store.count_refused(db, today))


def _refuse(code, field=None):
    refused()
    raise InputError(code, field)


def check_token(value):
    try:
        _signer().unsign(value if isinstance(value, str) else "", max_age=TOKEN_AGE)
    except SignatureExpired:
        _refuse("stale_page", "token")
    except BadSignature:
        _refuse("invalid_token", "token")


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


def init_app(app):
    # Made here, before gunicorn forks (preload_app): every worker shares the one count. On PostgreSQL
    # every app server counts in the database instead, so the limit holds across all of them.
    engine = app.extensions["paraat.storage"].engine
    shared = WriteCounts(engine, app.config["SECRET_KEY"]) if engine.name == "postgresql" else None
    app.extensions["paraat.limiter"] = Limiter(app.config["WRITE_LIMIT"], app.config["WRITE_WINDOW"],
                                               shared=shared)
