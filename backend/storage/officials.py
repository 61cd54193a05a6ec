"""Officials' accounts: an email address, a password hash, and which generation of sessions is valid."""


def add(db, email, password_hash, day):
    """Add an account, or give an existing one a new password; True when it is new."""
    new = get(db, email) is None
    db.execute("INSERT INTO officials (email, password_hash, added_day) VALUES (?, ?, ?) ON CONFLICT (email) "
               "DO UPDATE SET password_hash = excluded.password_hash, sessions = officials.sessions + 1",
               [email, password_hash, day])
    db.conn.commit()
    return new


def get(db, email):
    row = db.execute("SELECT email, password_hash, added_day, sessions FROM officials WHERE email = ?",
                     [email]).fetchone()
    return None if row is None else {"email": row[0], "password_hash": row[1], "added_day": row[2],
                                     "sessions": row[3]}


def end_sessions(db, email):
    """Every session of this account ends, on every device (the caller commits)."""
    db.execute("UPDATE officials SET sessions = sessions + 1 WHERE email = ?", [email])


def emails(db):
    return [{"email": r[0], "added_day": r[1]} for r in db.execute("SELECT email, added_day FROM officials "
                                                                   "ORDER BY email")]


def remove(db, email):
    removed = db.execute("DELETE FROM officials WHERE email = ?", [email]).rowcount
    db.conn.commit()
    return bool(removed)


def is_demo(db):
    return db.execute("SELECT 1 FROM meta WHERE key = 'demo'").fetchone() is not None


def mark_demo(db):
    """Say the database holds synthetic households, so the dashboard can say so."""
    db.execute("INSERT INTO meta (key, value) VALUES ('demo', 'synthetic') ON CONFLICT (key) "
               "DO UPDATE SET value = excluded.value")
    db.conn.commit()
