"""Officials' accounts: an email address and a password hash, nothing else."""


def add(db, email, password_hash, day):
    """Add an account, or give an existing one a new password; True when it is new."""
    new = get(db, email) is None
    db.execute("INSERT INTO officials VALUES (?, ?, ?) ON CONFLICT (email) DO UPDATE SET "
               "password_hash = excluded.password_hash", [email, password_hash, day])
    db.conn.commit()
    return new


def get(db, email):
    row = db.execute("SELECT email, password_hash, added_day FROM officials WHERE email = ?", [email]).fetchone()
    return None if row is None else {"email": row[0], "password_hash": row[1], "added_day": row[2]}


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
    db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('demo', 'synthetic')")
    db.conn.commit()
