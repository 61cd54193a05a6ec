"""Paraat backend: household checklists, their API and the static site on one origin."""
import os
import secrets
from pathlib import Path

from flask import Flask, request

from . import settings
from .contact import contact_address

ROOT = Path(__file__).resolve().parent.parent


class Paraat(Flask):
    def log_exception(self, exc_info):
        """Name the view, not the path: a path can hold a household's code, and a log line has a time."""
        self.logger.error("Exception in %s [%s]", request.endpoint, request.method, exc_info=exc_info)


def _default_config():
    return {
        "DATABASE": os.environ.get("PARAAT_DATABASE") or str(ROOT / "instance" / "paraat.sqlite3"),
        "SECRET_KEY": os.environ.get("PARAAT_SECRET_KEY"),
        # The perturbation table of the officials' figures (ptable.py); made once into instance/ if not given.
        "PTABLE": os.environ.get("PARAAT_PTABLE"),
        "SITE_DIR": os.environ.get("PARAAT_SITE_DIR", str(ROOT / "build" / "site")),
        # The public address; absolute links (hreflang) never trust the request's Host.
        "SITE_URL": settings.url("PARAAT_SITE_URL", "http://127.0.0.1:8000/"),
        "CONTENT_DIR": str(ROOT / "content"),
        "MKDOCS_CONFIG": str(ROOT / "mkdocs.yml"),
        "BABEL_TRANSLATION_DIRECTORIES": str(ROOT / "translations"),
        # Where people reach whoever runs the site (contact.py); security.txt names it too unless
        # PARAAT_SECURITY_CONTACT gives another mailto: or https: address.
        "CONTACT": contact_address(),
        "SECURITY_CONTACT": os.environ.get("PARAAT_SECURITY_CONTACT", "").strip(),
        # How many reverse proxies in front add X-Forwarded-For/-Proto; 0 trusts no such header.
        "PROXIES": settings.whole("PARAAT_PROXIES", 0),
        # A checklist answer is a few hundred bytes; anything near this is not one.
        "MAX_CONTENT_LENGTH": 16 * 1024,
        "MAX_FORM_MEMORY_SIZE": 16 * 1024,
        # Writes (saves, changes, forgets) one client address may make per WRITE_WINDOW seconds; 0 for no limit.
        # Many phones can share one address (carrier NAT): keep it well above what one household needs.
        "WRITE_LIMIT": settings.whole("PARAAT_WRITE_LIMIT", 300),
        "WRITE_WINDOW": settings.whole("PARAAT_WRITE_WINDOW", 60, low=1),
        # How long a server process keeps a page that is the same for every visitor (pagecache.py); 0 never.
        "PAGE_KEEP_SECONDS": settings.whole("PARAAT_PAGE_KEEP_SECONDS", 60),
    }


def _secret_key(instance_path):
    """A key made once per installation, kept in instance/ so restarts keep it."""
    path = Path(instance_path) / "secret_key"
    if not path.exists():
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as fh:
            fh.write(secrets.token_hex(32))
    return path.read_text().strip()


def create_app(test_config=None):
    app = Paraat(__name__, instance_path=str(ROOT / "instance"))
    app.config.from_mapping(_default_config())
    if test_config:
        app.config.update(test_config)
    settings.database(app.config["DATABASE"])
    # instance/ only where something is kept there: tests and other deployments leave no trace in the tree.
    if not app.config["SECRET_KEY"] or Path(app.config["DATABASE"]).parent == Path(app.instance_path):
        os.makedirs(app.instance_path, exist_ok=True)
    if not app.config["SECRET_KEY"]:
        app.config["SECRET_KEY"] = _secret_key(app.instance_path)

    if app.config["PROXIES"]:
        from werkzeug.middleware.proxy_fix import ProxyFix

        n = app.config["PROXIES"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=n, x_proto=n)

    from . import bodies, checklists, demo, goals, guard, i18n, officials, pagecache, ptable, refusals, shell, storage, views

    bodies.init_app(app)  # first: nothing reads a body before its size is known
    ptable.init_app(app)
    i18n.init_app(app)
    goals.init_app(app)
    shell.init_app(app)  # a built shell the pages cannot use stops start-up here
    checklists.init_app(app)
    storage.init_app(app)
    guard.init_app(app)
    pagecache.init_app(app)
    officials.init_app(app)
    views.init_app(app)
    demo.init_app(app)
    refusals.init_app(app)
    return app


def serving_app():
    """The app as gunicorn serves it (gunicorn.conf.py). On PostgreSQL it starts only with the secret key of the
    other app servers on that database (storage/keycheck.py); the commands (`flask --app backend ...`) do not
    check, so that `make db` run without the key does not claim the database for another one."""
    app = create_app()
    store = app.extensions["paraat.storage"]
    if store.engine.name == "postgresql":
        from .storage import keycheck

        keycheck.same_key(store, app.config["SECRET_KEY"])
    return app
