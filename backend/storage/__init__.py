"""The only place that speaks SQL: households, their ticks, tallies and officials' accounts.

A saved household is one row in `households` plus one row per ticked item in
`household_items` (an item that appears in two checklists is ticked in both).
No column can hold who someone is: counts, a days goal, an optional safety
region, a language, and days (never times). The officials' tallies
(tallies.py) move in the same transaction as every write; `public_figure`
keeps, per day, the national figure as it stood when that day began.
"""
import json
import threading
import time
from datetime import date

from flask import current_app

from . import tallies
from .engine import FAULTS, open_engine
from .migrations import MIGRATIONS
from .records import Records
from .transaction import writing
from .writer import Writer


class Storage(Records):
    """The database: its connections, its writer and its migrations; households' rows in Records (records.py)."""

    def __init__(self, path, catalogue):
        self.path = path
        self.engine = open_engine(path)  # SQLite, or PostgreSQL for a postgresql:// address (engine.py)
        self.catalogue = catalogue
        self._local = threading.local()
        self._versions = json.dumps({cid: c.version for cid, c in sorted(catalogue.items())})
        self.writer = Writer(lambda: self.connect(), self.writing, self.engine.lock_path, self.engine.errors,
                             self.engine.retry)

    def connect(self):
        return self.engine.connect()

    writing = staticmethod(writing)  # a write transaction, explicit (transaction.py)

    def change(self, work):
        """work(transaction), a create, update or delete of a household, through this process's writer (see writer.py),
        or on PostgreSQL (unless PARAAT_PG_WRITES=batched) in a transaction of its own on a pooled connection."""
        if self.engine.batched:
            return self.writer.run(work)
        for attempt in range(3):
            try:
                with self.engine.pooled() as db, self.writing(db) as transaction:
                    return work(transaction)
            except self.engine.retry:  # two writers locked each other's rows: one of them goes again
                if attempt == 2:
                    raise
                time.sleep(0.01 * (attempt + 1))

    def reader(self):
        """This thread's connection for reading: SQLite's is kept between requests (opening one costs more
        than a read); PostgreSQL's comes from the pool and goes back when the request ends (release)."""
        db = getattr(self._local, "db", None)
        if db is None:
            db = self._local.db = self.engine.reader()
        return db

    def release(self):
        """The request is done: a pooled connection goes back to the pool."""
        if not self.engine.keeps_reader:
            db, self._local.db = getattr(self._local, "db", None), None
            self.engine.release(db)

    def close(self):
        """Stop the writer and close this thread's connection: for an app that is done (tests make many)."""
        self.writer.close()
        self.discard_reader()
        self.engine.close()

    def discard_reader(self):
        """Forget this thread's connection after a fault, so the next request starts afresh."""
        db = getattr(self._local, "db", None)
        self._local.db = None
        if db is not None:
            db.conn.close()
            self.engine.release(db)  # a closed connection is dropped by the pool, which opens a new one

    def migrate(self):
        db = self.connect()
        try:
            return self._migrate(db)
        finally:
            db.conn.close()

    def _migrate(self, db):
        self.engine.prepare(db)
        with self.writing(db):
            self.engine.migration_lock(db)
            db.execute("CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied_day TEXT)")
            done = {row["name"] for row in db.query("SELECT name FROM migrations")}
            for name, step in MIGRATIONS:
                if name not in done:
                    if isinstance(step, dict):  # a migration with a variant per engine (None: nothing to do)
                        step = step[self.engine.name]
                    if step is not None:
                        step(db, self)
                    db.execute("INSERT INTO migrations VALUES (?, ?)", [name, date.today().isoformat()])
        return [name for name, _ in MIGRATIONS if name not in done]

    @staticmethod
    def count_refused(db, day):
        db.execute("INSERT INTO refused_writes VALUES (?, 1) ON CONFLICT (day) "
                   "DO UPDATE SET count = refused_writes.count + 1", [day])

    @staticmethod
    def refused(db, first=None, last=None):
        """Refused writes from day `first` to `last` (dates, both included; None for no bound)."""
        return db.execute("SELECT COALESCE(SUM(count), 0) FROM refused_writes WHERE day BETWEEN ? AND ?",
                          tallies.span(first, last)).fetchone()[0]

    @staticmethod
    def ping(db):
        db.execute("SELECT 1").fetchall()

    def counts(self, db):
        """Row counts per table: what tests and benchmarks look at."""
        return {t: db[t].count for t in ("households", "household_items", *tallies.MEASURES)}


def storage():
    return current_app.extensions["paraat.storage"]


def db():
    """The connection this request reads with (its thread's, kept open)."""
    return storage().reader()


def change(work):
    return storage().change(work)


def init_app(app):
    from ..checklists import checklists

    with app.app_context():
        catalogue = checklists()
    app.extensions["paraat.storage"] = Storage(app.config["DATABASE"], catalogue)
    app.extensions["paraat.storage"].migrate()
    app.teardown_appcontext(lambda _exc: app.extensions["paraat.storage"].release())
    from .commands import backup_command, init_db_command

    app.cli.add_command(init_db_command)
    app.cli.add_command(backup_command)
    from .copy import copy_database_command

    app.cli.add_command(copy_database_command)
