"""The only module that speaks SQL.

A saved household is one row in `households` plus one row per ticked item in
`household_items` (an item that appears in two checklists is ticked in both).
No column can hold who someone is: counts, a days goal, an optional safety
region, a language, and days (never times).

Tallies, kept in the same transaction as every write, let the officials'
figures be read without scanning households. Each is keyed by the day the
household was first saved, its safety region ('' when not given), language,
household-size band (progress.SIZE_BANDS) and days goal:
- household_tally: households, and how many of them are ready (every checklist complete);
- checklist_tally: per checklist, households that ticked anything in it (started)
  and that have it complete;
- item_tally: per checklist item, households that have it.
A household's own row keeps what it added (`ready`, `complete`), so a change
takes back exactly that even after the checklist definitions changed.
"""
import json
import re
import secrets
import sqlite3
from contextlib import contextmanager
from datetime import date

import click
from flask import current_app, g
from flask.cli import with_appcontext
from sqlite_utils import Database

from . import progress
from .answers import Answers, normalized
from .checklists import Household

ID_PATTERN = re.compile(r"\A[A-Za-z0-9_-]{24}\Z")
DIMENSIONS = ("day", "region", "lang", "band", "days")


def new_id():
    """144 random bits, made by the server; the only key to a record."""
    return secrets.token_urlsafe(18)


def valid_id(value):
    return isinstance(value, str) and bool(ID_PATTERN.match(value))


# Named migrations, applied once each and in this order.
def _m0001_responses(db, _store):
    db["responses"].create({
        "id": str, "checklist": str, "version": int, "lang": str,
        "adults": int, "children": int, "infants": int, "pets": int, "care": int,
        "days": int, "region": str, "created_day": str, "updated_day": str,
    }, pk="id", not_null={"checklist", "version", "lang", "adults", "children", "infants",
                          "pets", "care", "days", "created_day", "updated_day"})
    db["response_items"].create(
        {"response_id": str, "item": str},
        pk=("response_id", "item"),
        foreign_keys=[("response_id", "responses", "id")],
    )


def _m0002_tallies(db, _store):
    db["household_tally"].create(
        {"checklist": str, "lang": str, "region": str, "day": str, "households": int},
        pk=("checklist", "lang", "region", "day"),
    )
    db["item_tally"].create(
        {"checklist": str, "item": str, "lang": str, "region": str, "day": str, "households": int},
        pk=("checklist", "item", "lang", "region", "day"),
    )


def _m0003_households(db, store):
    """One record per household, holding every checklist; each earlier saved checklist becomes one."""
    db["households"].create({
        "id": str, "versions": str, "lang": str,
        "adults": int, "children": int, "infants": int, "pets": int, "care": int,
        "days": int, "region": str, "created_day": str, "updated_day": str,
        "ready": int, "complete": str,
    }, pk="id", not_null={"versions", "lang", "adults", "children", "infants", "pets", "care",
                          "days", "created_day", "updated_day", "ready", "complete"})
    db["household_items"].create(
        {"household_id": str, "checklist": str, "item": str},
        pk=("household_id", "checklist", "item"),
        foreign_keys=[("household_id", "households", "id")],
    )
    old = list(db.query("SELECT * FROM responses"))
    ticks = {}
    for row in db.query("SELECT * FROM response_items"):
        ticks.setdefault(row["response_id"], []).append(row["item"])
    for table in ("response_items", "responses", "item_tally", "household_tally"):
        db[table].drop()
    dims = {d: str for d in DIMENSIONS[:-1]} | {"days": int}
    db["household_tally"].create(dims | {"households": int, "ready": int}, pk=DIMENSIONS)
    db["checklist_tally"].create(dims | {"checklist": str, "started": int, "complete": int},
                                 pk=(*DIMENSIONS, "checklist"))
    db["item_tally"].create(dims | {"checklist": str, "item": str, "households": int},
                            pk=(*DIMENSIONS, "checklist", "item"))
    for row in old:
        checklist = store.catalogue.get(row["checklist"])
        if checklist is None:
            continue
        items = [i for i in ticks.get(row["id"], []) if i in checklist.item_ids]
        answers = Answers(
            lang=row["lang"], days=row["days"], region=row["region"],
            household=Household(row["adults"], row["children"], row["infants"], row["pets"],
                                bool(row["care"])),
            checked=normalized(store.catalogue, {checklist.id: items}))
        store.write(db, row["id"], answers, row["created_day"], row["updated_day"])


MIGRATIONS = (
    ("0001_responses", _m0001_responses),
    ("0002_tallies", _m0002_tallies),
    ("0003_households", _m0003_households),
)


class NotFound(LookupError):
    """No household under this id (never made, or forgotten)."""


class Storage:
    def __init__(self, path, catalogue):
        self.path = path
        self.catalogue = catalogue

    def connect(self):
        conn = sqlite3.connect(self.path, timeout=5, check_same_thread=False)
        conn.execute("PRAGMA busy_timeout = 5000")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA synchronous = NORMAL")
        return Database(conn)

    @staticmethod
    @contextmanager
    def writing(db):
        """One write transaction that takes the lock up front, so writers queue instead of failing."""
        db.execute("BEGIN IMMEDIATE")
        try:
            yield db
        except BaseException:
            db.conn.rollback()
            raise
        db.execute("COMMIT")

    def migrate(self):
        db = self.connect()
        try:
            return self._migrate(db)
        finally:
            db.conn.close()

    def _migrate(self, db):
        if db.journal_mode != "wal":
            db.enable_wal()
        with self.writing(db):
            db.execute("CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied_day TEXT)")
            done = {row["name"] for row in db.query("SELECT name FROM migrations")}
            for name, step in MIGRATIONS:
                if name not in done:
                    step(db, self)
                    db.execute("INSERT INTO migrations VALUES (?, ?)", [name, date.today().isoformat()])
        return [name for name, _ in MIGRATIONS if name not in done]

    # Tallies move with every write, inside its transaction.
    @staticmethod
    def _tally(db, answers, day, ready, complete, step):
        key = [day, answers.region or "", answers.lang, progress.size_band(answers.household),
               answers.days]
        upsert = ("INSERT INTO {table} VALUES ({marks}) ON CONFLICT DO UPDATE SET "
                  "{sets}")
        db.execute(upsert.format(table="household_tally", marks=", ".join("?" * 7),
                                 sets="households = households + excluded.households, "
                                      "ready = ready + excluded.ready"),
                   [*key, step, step * int(ready)])
        touched = [(cid, bool(items), cid in complete) for cid, items in answers.checked.items()]
        db.conn.executemany(
            upsert.format(table="checklist_tally", marks=", ".join("?" * 8),
                          sets="started = started + excluded.started, "
                               "complete = complete + excluded.complete"),
            [(*key, cid, step * started, step * done) for cid, started, done in touched if started or done])
        db.conn.executemany(
            upsert.format(table="item_tally", marks=", ".join("?" * 8),
                          sets="households = households + excluded.households"),
            [(*key, cid, item, step) for cid, items in answers.checked.items() for item in items])

    def write(self, db, record_id, answers, created_day, today):
        """Store a household and count it in; the caller holds the transaction."""
        status = progress.status(self.catalogue, answers)
        h = answers.household
        versions = json.dumps({cid: c.version for cid, c in sorted(self.catalogue.items())})
        db.execute(
            "INSERT OR REPLACE INTO households VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [record_id, versions, answers.lang, h.adults, h.children, h.infants, h.pets, int(h.care),
             answers.days, answers.region, created_day, today, int(status.ready),
             json.dumps(sorted(status.complete))],
        )
        db.execute("DELETE FROM household_items WHERE household_id = ?", [record_id])
        db.conn.executemany(
            "INSERT INTO household_items VALUES (?, ?, ?)",
            [(record_id, cid, item) for cid, items in answers.checked.items() for item in items])
        self._tally(db, answers, created_day, status.ready, status.complete, +1)

    def _forget(self, db, record_id):
        """Take a household and everything it counted back out; None if there is none."""
        found = self._read(db, record_id)
        if found is None:
            return None
        old, row = found
        self._tally(db, old, row["created_day"], row["ready"], set(json.loads(row["complete"])), -1)
        db.execute("DELETE FROM household_items WHERE household_id = ?", [record_id])
        db.execute("DELETE FROM households WHERE id = ?", [record_id])
        return row

    def _read(self, db, record_id):
        rows = list(db.query("SELECT * FROM households WHERE id = ?", [record_id]))
        if not rows:
            return None
        row = rows[0]
        checked = {cid: [] for cid in self.catalogue}
        for r in db.query("SELECT checklist, item FROM household_items WHERE household_id = ? "
                          "ORDER BY checklist, item", [record_id]):
            checked.setdefault(r["checklist"], []).append(r["item"])
        answers = Answers(
            lang=row["lang"],
            household=Household(row["adults"], row["children"], row["infants"], row["pets"],
                                bool(row["care"])),
            days=row["days"], region=row["region"],
            checked={cid: tuple(items) for cid, items in checked.items()},
        )
        return answers, row

    def create(self, db, answers, today=None):
        today = (today or date.today()).isoformat()
        record_id = new_id()
        with self.writing(db):
            self.write(db, record_id, answers, today, today)
        return record_id

    def update(self, db, record_id, answers, today=None):
        today = (today or date.today()).isoformat()
        with self.writing(db):
            row = self._forget(db, record_id)
            if row is None:
                raise NotFound(record_id)
            self.write(db, record_id, answers, row["created_day"], today)

    def delete(self, db, record_id):
        with self.writing(db):
            if self._forget(db, record_id) is None:
                raise NotFound(record_id)

    def get(self, db, record_id):
        with db.atomic():  # the row and its items from one snapshot
            found = self._read(db, record_id)
        return found[0] if found else None

    @staticmethod
    def national(db, before_day):
        """Households saved before a day, and how many of them are ready: raw, for stats.py to protect."""
        row = db.execute("SELECT COALESCE(SUM(households), 0), COALESCE(SUM(ready), 0) FROM household_tally "
                         "WHERE day < ?", [before_day.isoformat()]).fetchone()
        return {"households": row[0], "ready": row[1]}

    @staticmethod
    def ping(db):
        db.execute("SELECT 1").fetchall()

    def counts(self, db):
        """Row counts per table: what tests and benchmarks look at."""
        return {t: db[t].count for t in ("households", "household_items", "household_tally",
                                         "checklist_tally", "item_tally")}


def storage():
    return current_app.extensions["paraat.storage"]


def db():
    """This request's connection, opened on first use."""
    if "paraat_db" not in g:
        g.paraat_db = storage().connect()
    return g.paraat_db


def _close(_exc):
    conn = g.pop("paraat_db", None)
    if conn is not None:
        conn.conn.close()


@click.command("init-db")
@with_appcontext
def init_db_command():
    """Create the database or bring it up to date."""
    applied = storage().migrate()
    click.echo(f"Database {storage().path}: " + (f"applied {', '.join(applied)}." if applied else "up to date."))


def init_app(app):
    from .checklists import checklists

    with app.app_context():
        catalogue = checklists()
    app.extensions["paraat.storage"] = Storage(app.config["DATABASE"], catalogue)
    app.extensions["paraat.storage"].migrate()
    app.teardown_appcontext(_close)
    app.cli.add_command(init_db_command)
