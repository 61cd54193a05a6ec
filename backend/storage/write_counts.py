"""The write limit's counts where several app servers share one PostgreSQL (backend/limits.py counts in memory
on one machine).

One row per client and window of the limit, for the current and the previous window only: older rows are
deleted. A client is a 64-bit keyed hash (HMAC-SHA256) of its address and the window, made with the service's
secret key: the address is never stored, and the rows of two windows cannot be linked to each other or to an
address without that key. The table is UNLOGGED: it is not written to PostgreSQL's log, so it never reaches a
replica or a log archive, and a crash of the database empties it.
"""
import hashlib
import hmac

SCHEMA = ("CREATE UNLOGGED TABLE write_counts (client BIGINT NOT NULL, period BIGINT NOT NULL, "
          "count INTEGER NOT NULL, PRIMARY KEY (client, period))")


class WriteCounts:
    def __init__(self, engine, secret):
        self.engine = engine
        self._key = hmac.new(str(secret).encode(), b"paraat.write-limit", hashlib.sha256).digest()
        self._tidied = None  # the last window this process deleted older rows for

    def _tag(self, client, period):
        digest = hmac.new(self._key, f"{int(period)} {client}".encode(), hashlib.sha256).digest()
        return int.from_bytes(digest[:8], "big", signed=True)

    def _earlier(self, db, client, period):
        found = db.execute("SELECT count FROM write_counts WHERE client = ? AND period = ?",
                           [self._tag(client, period - 1), int(period - 1)]).fetchone()
        return found[0] if found else 0

    def count_if(self, client, period, fits):
        """Count one write in this window if fits(earlier window's count, this window's with it) says so."""
        with self.engine.pooled() as db:
            self._tidy(db, period)
            db.execute("BEGIN")
            try:
                # The row's lock makes a client's concurrent writes, on any server, count one after another.
                current = db.execute("INSERT INTO write_counts VALUES (?, ?, 1) ON CONFLICT (client, period) "
                                     "DO UPDATE SET count = write_counts.count + 1 RETURNING count",
                                     [self._tag(client, period), int(period)]).fetchone()[0]
                allowed = fits(self._earlier(db, client, period), current)
            except BaseException:
                db.execute("ROLLBACK")
                raise
            db.execute("COMMIT" if allowed else "ROLLBACK")
            return allowed

    def both(self, client, period):
        """(the earlier window's count, this window's count) for this client."""
        with self.engine.pooled() as db:
            found = db.execute("SELECT count FROM write_counts WHERE client = ? AND period = ?",
                               [self._tag(client, period), int(period)]).fetchone()
            return self._earlier(db, client, period), found[0] if found else 0

    def _tidy(self, db, period):
        """Forget windows that no longer count, once per window and process."""
        if self._tidied != period:
            self._tidied = period
            db.execute("DELETE FROM write_counts WHERE period < ?", [int(period - 1)])
