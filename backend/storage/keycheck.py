"""Every app server on one PostgreSQL must sign with the same secret key (PARAAT_SECRET_KEY): an official's
session or a creation token made by one is otherwise refused by the others.

The first server to start keeps a fingerprint of its key in `meta`: an HMAC of a fixed text, keyed with
the secret key, which says nothing of the key itself. A server whose key gives another fingerprint stops
at start-up with one line, instead of refusing people's saves and logins one at a time.
"""
import hashlib
import hmac

NAME = "secret_key_check"


def fingerprint(secret):
    return hmac.new(str(secret).encode(), b"paraat: the same secret key on every app server",
                    hashlib.sha256).hexdigest()


def same_key(store, secret):
    """Keep this key's fingerprint if none is kept yet; stop start-up if another one is."""
    db = store.connect()
    try:
        with store.writing(db):
            db.execute("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING",
                       [NAME, fingerprint(secret)])
            kept = db.execute("SELECT value FROM meta WHERE key = ?", [NAME]).fetchone()[0]
    finally:
        db.conn.close()
    if not hmac.compare_digest(kept, fingerprint(secret)):
        raise SystemExit("Paraat cannot start: PARAAT_SECRET_KEY differs from the key of the other app servers on "
                         "this database; give every app server the same PARAAT_SECRET_KEY.")
