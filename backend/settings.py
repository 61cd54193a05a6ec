"""Every PARAAT_* setting read and checked in one place: a bad one stops start-up with one line naming it.

Read by the app (backend/__init__.py), gunicorn.conf.py and the production launcher (backend/serve.py).
"""
import os
import sys


class SettingError(SystemExit):
    """Exits with one line, no traceback: `PARAAT_PROXIES='true': must be a whole number from 0`."""

    def __init__(self, name, value, rule):
        super().__init__(f"Paraat cannot start: {name}={value!r}: {rule}.")


def whole(name, default, low=0):
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise SettingError(name, raw, f"must be a whole number from {low}") from None
    if value < low:
        raise SettingError(name, raw, f"must be a whole number from {low}")
    return value


def text(name, default=""):
    return os.environ.get(name) or default


def database(path):
    """A file: an in-memory database would be a different, empty one for the reader and the writer."""
    if path == ":memory:" or str(path).startswith("file::memory:") or "mode=memory" in str(path):
        raise SettingError("PARAAT_DATABASE", path, "must be a file (an in-memory database is not shared "
                                                    "between connections)")
    return path


def app_servers():
    """PARAAT_APP_SERVERS: the app servers (host:port, comma-separated) one shared front passes to; none: its own."""
    raw = text("PARAAT_APP_SERVERS")
    found = [part.strip() for part in raw.split(",") if part.strip()]
    for server in found:
        host, sep, port = server.rpartition(":")
        if not sep or not host or not port.isdigit():
            raise SettingError("PARAAT_APP_SERVERS", raw, "must be host:port addresses, separated by commas")
    return found


def url(name, default):
    value = text(name, default)
    if not value.startswith(("http://", "https://")):
        raise SettingError(name, value, "must start with http:// or https://")
    return value


def check_all():
    """Read every setting once, so a bad one stops everything before anything starts."""
    for name, low in (("PARAAT_PROXIES", 0), ("PARAAT_WRITE_LIMIT", 0), ("PARAAT_WRITE_WINDOW", 1),
                      ("PARAAT_PAGE_KEEP_SECONDS", 0), ("PARAAT_WORKERS", 1), ("PARAAT_THREADS", 1)):
        whole(name, 0, low)
    url("PARAAT_SITE_URL", "http://127.0.0.1:8000/")
    app_servers()
    database(text("PARAAT_DATABASE", "instance/paraat.sqlite3"))
    from .contact import contact_address

    contact_address()


if __name__ == "__main__":  # `python -m backend.settings`: check before starting (make serve)
    check_all()
    sys.exit(0)
