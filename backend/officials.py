"""Officials: accounts made at the command line, sessions for the dashboard, slowed-down guessing.

No one registers themselves. `flask --app backend officials add EMAIL` makes an
account (or sets a new password); `list` and `remove` do the rest.
"""
import re
import sys
import time
from datetime import date

import click
from flask import current_app
from flask.cli import AppGroup
from flask.sessions import SecureCookieSessionInterface
from flask_login import LoginManager, UserMixin
from werkzeug.security import check_password_hash, generate_password_hash

from . import storage
from .limits import SharedTable
from .storage import officials as accounts

EMAIL = re.compile(r"\A[^@\s]+@[^@\s]+\.[^@\s]+\Z")
MIN_PASSWORD = 12
# Passwords are kept as scrypt hashes. Only a test app (TESTING) may name a cheaper method in its
# PASSWORD_HASH, so that a test suite full of logins does not spend its time hashing.
METHOD = "scrypt"
# A hash of nothing anyone knows, per method, made before any login: unknown addresses cost as much time
# as known ones.
_NOBODY = {METHOD: generate_password_hash("paraat: no such official", METHOD)}


def _method(app):
    return (app.config.get("PASSWORD_HASH") or METHOD) if app.testing else METHOD

login_manager = LoginManager()


class Official(UserMixin):
    def __init__(self, email, sessions):
        self.id, self.sessions = email, sessions

    def get_id(self):
        # The session cookie names the account's session generation too: a copied cookie
        # stops working once the official logs out or gets a new password.
        return f"{self.id} {self.sessions}"


@login_manager.user_loader
def _load(user_id):
    email, _, sessions = user_id.partition(" ")
    found = accounts.get(storage.db(), email)
    return Official(email, found["sessions"]) if found and str(found["sessions"]) == sessions else None


def check(email, password):
    """The official for this email and password, or None; the same work either way."""
    found = accounts.get(storage.db(), email.strip().lower())
    if not check_password_hash(found["password_hash"] if found else _NOBODY[_method(current_app)], password):
        return None
    return Official(found["email"], found["sessions"])


class Throttle:
    """Failed logins slow further tries, per (account, client) pair and per client, in memory all processes share.

    The table is made with the app, before gunicorn forks its workers, so a
    guesser gets no more tries by reaching another worker; the client is the
    address the configured number of reverse proxies (PARAAT_PROXIES) forwarded.

    After FREE failures a key must wait 2, 4, 8 ... seconds (at most MAX)
    before its next try counts; a success clears its (account, client) failures.
    Client addresses are only hashed into that memory, and count for nothing after MAX.
    """

    FREE = 3
    MAX = 15 * 60

    def __init__(self, clock=time.time):
        self.clock = clock
        self.failures = SharedTable()

    def _count(self, key, now):
        count, last = self.failures.get(key)
        return (0, 0.0) if now - last > self.MAX else (count, last)

    def _wait(self, key, now):
        count, last = self._count(key, now)
        if count < self.FREE:
            return 0.0
        return max(0.0, last + min(self.MAX, 2 ** (count - self.FREE + 1)) - now)

    def wait(self, *keys):
        """Seconds until these keys may try again (0 when they may now)."""
        now = self.clock()
        with self.failures.lock:
            return max(self._wait(key, now) for key in keys)

    def failed(self, *keys):
        now = self.clock()
        with self.failures.lock:
            for key in keys:
                self.failures.put(key, self._count(key, now)[0] + 1, now)

    def succeeded(self, key):
        with self.failures.lock:
            self.failures.put(key, 0, 0.0)


officials_cli = AppGroup("officials", help="Officials' accounts for the dashboard.")


def _password():
    if sys.stdin.isatty():
        return click.prompt("Password", hide_input=True, confirmation_prompt=True)
    return sys.stdin.readline().rstrip("\n")


@officials_cli.command("add")
@click.argument("email")
def add_command(email):
    """Add an official (or set a new password); the password is asked for, or read from standard input."""
    email = email.strip().lower()
    if not EMAIL.match(email):
        raise click.ClickException(f"'{email}' is not an email address.")
    password = _password()
    if len(password) < MIN_PASSWORD:
        raise click.ClickException(f"The password must be at least {MIN_PASSWORD} characters.")
    db = storage.storage().connect()
    try:
        hashed = generate_password_hash(password, _method(current_app))
        new = accounts.add(db, email, hashed, date.today().isoformat())
    finally:
        db.conn.close()
    click.echo(f"{'Added' if new else 'New password for'} {email}.")


@officials_cli.command("list")
def list_command():
    """List the officials' email addresses."""
    db = storage.storage().connect()
    try:
        for row in accounts.emails(db):
            click.echo(f"{row['email']}  (added {row['added_day']})")
    finally:
        db.conn.close()


@officials_cli.command("remove")
@click.argument("email")
def remove_command(email):
    """Remove an official; their open sessions end at their next request."""
    db = storage.storage().connect()
    try:
        if not accounts.remove(db, email.strip().lower()):
            raise click.ClickException(f"There is no official {email}.")
    finally:
        db.conn.close()
    click.echo(f"Removed {email}.")


def throttle():
    return current_app.extensions["paraat.throttle"]


def _officials_paths(languages):
    """The only paths where a session (an official's login) can exist: the dashboard under each offered
    language's prefix (mkdocs.yml), and its figures' endpoint."""
    prefixes = "|".join(re.escape(lang.prefix) for lang in languages)
    return re.compile(rf"\A(?:{prefixes})/dashboard(?:/|\Z)|\A/api/stats/dashboard\Z")


def is_officials_path(path):
    return current_app.extensions["paraat.officials_paths"].match(path) is not None


class _Sessions(SecureCookieSessionInterface):
    """Flask's signed-cookie sessions, for officials' paths only, with the signer made once."""

    def open_session(self, app, request):
        if not app.extensions["paraat.officials_paths"].match(request.path):  # citizens have no session: nothing to read or sign
            return self.null_session_class()
        return super().open_session(app, request)

    def get_signing_serializer(self, app):
        made = app.extensions.get("paraat.session_signer")
        if made is None:
            made = app.extensions["paraat.session_signer"] = super().get_signing_serializer(app)
        return made


def init_app(app):
    app.extensions["paraat.officials_paths"] = _officials_paths(app.extensions["paraat.languages"])
    app.session_interface = _Sessions()
    # Citizens never get a cookie: only the dashboard's login sets this one.
    app.config.update(
        SESSION_COOKIE_NAME="paraat_official", SESSION_COOKIE_HTTPONLY=True, SESSION_COOKIE_SAMESITE="Strict",
        SESSION_COOKIE_SECURE=app.config["SITE_URL"].startswith("https://"),
        PERMANENT_SESSION_LIFETIME=8 * 3600, WTF_CSRF_TIME_LIMIT=8 * 3600)
    login_manager.init_app(app)
    # Flask-Login's session protection hashes the client's address into the cookie: not here.
    login_manager.session_protection = None
    app.extensions["paraat.throttle"] = Throttle()
    method = _method(app)
    if method not in _NOBODY:
        _NOBODY[method] = generate_password_hash("paraat: no such official", method)
    app.cli.add_command(officials_cli)
