"""The only module that speaks SQL.

A saved checklist is one row in `responses` plus its ticked items. Beside
them, tallies kept in the same transaction let officials' figures be read
without scanning every household. No column can hold who someone is.
"""
import re
import secrets
import sqlite3
from contextlib import contextmanager
from datetime import date

import click
from flask import current_app, g
from sqlite_utils import Database

from .answers import Answers
from .checklists import Household

ID_PATTERN = re.compile(r"\A[A-Za-z0-9_-]{24}\Z")


def new_id():
    """144 random bits, made by the server; the only key to a record."""
    return secrets.token_urlsafe(18)


def valid_id(value):
    return isinstance(value, str) and bool(ID_PATTERN.match(value))


# Named migrations, applied once each and in this order.
def _m0001_responses(db):
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


def _m0002_tallies(db):
    # Households per checklist, language, region ('' when not given) and day created.
    db["household_tally"].create(
        {"checklist": str, "lang": str, "region": str, "day": str, "households": int},
        pk=("checklist", "lang", "region", "day"),
    )
    # The same households, counted per ticked item.
    db["item_tally"].create(
        {"checklist": str, "item": str, "lang": str, "region": str, "day": str, "households": int},
        pk=("checklist", "item", "lang", "region", "day"),
    )


MIGRATIONS = (
    ("0001_responses", _m0001_responses),
    ("0002_tallies", _m0002_tallies),
)


class NotFound(LookupError):
    """No record under this id (never made, or forgotten)."""


class OtherChecklist(ValueError):
    """A record may not change which checklist it answers."""


class Storage:
    def __init__(self, path):
        self.path = path

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
                    step(db)
                    db.execute("INSERT INTO migrations VALUES (?, ?)", [name, date.today().isoformat()])
        return [name for name, _ in MIGRATIONS if name not in done]

    # Tallies move with every write, inside its transaction.
    @staticmethod
    def _tally(db, answers, day, step):
        region = answers.region or ""
        db.execute(
            "INSERT INTO household_tally VALUES (?, ?, ?, ?, ?) ON CONFLICT DO UPDATE "
            "SET households = households + excluded.households",
            [answers.checklist, answers.lang, region, day, step],
        )
        db.conn.executemany(
            "INSERT INTO item_tally VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO UPDATE "
            "SET households = households + excluded.households",
            [(answers.checklist, item, answers.lang, region, day, step) for item in answers.checked],
        )

    @staticmethod
    def _write_row(db, record_id, answers, version, created_day, today):
        h = answers.household
        db.execute(
            "INSERT OR REPLACE INTO responses VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [record_id, answers.checklist, version, answers.lang, h.adults, h.children,
             h.infants, h.pets, int(h.care), answers.days, answers.region, created_day, today],
        )
        db.execute("DELETE FROM response_items WHERE response_id = ?", [record_id])
        db.conn.executemany(
            "INSERT INTO response_items VALUES (?, ?)", [(record_id, i) for i in answers.checked]
        )

    @staticmethod
    def _read(db, record_id):
        rows = list(db.query("SELECT * FROM responses WHERE id = ?", [record_id]))
        if not rows:
            return None
        row = rows[0]
        items = [r["item"] for r in db.query(
            "SELECT item FROM response_items WHERE response_id = ? ORDER BY item", [record_id])]
        answers = Answers(
            checklist=row["checklist"], lang=row["lang"],
            household=Household(row["adults"], row["children"], row["infants"], row["pets"],
                                bool(row["care"])),
            days=row["days"], region=row["region"], checked=tuple(items),
        )
        return answers, row

    def create(self, db, answers, version, today=None):
        today = (today or date.today()).isoformat()
        record_id = new_id()
        with self.writing(db):
            self._write_row(db, record_id, answers, version, today, today)
            self._tally(db, answers, today, +1)
        return record_id

    def update(self, db, record_id, answers, version, today=None):
        today = (today or date.today()).isoformat()
        with self.writing(db):
            found = self._read(db, record_id)
            if found is None:
                raise NotFound(record_id)
            old, row = found
            if old.checklist != answers.checklist:
                raise OtherChecklist(record_id)
            self._tally(db, old, row["created_day"], -1)
            self._write_row(db, record_id, answers, version, row["created_day"], today)
            self._tally(db, answers, row["created_day"], +1)

    def delete(self, db, record_id):
        with self.writing(db):
            found = self._read(db, record_id)
            if found is None:
                raise NotFound(record_id)
            old, row = found
            self._tally(db, old, row["created_day"], -1)
            db.execute("DELETE FROM response_items WHERE response_id = ?", [record_id])
            db.execute("DELETE FROM responses WHERE id = ?", [record_id])

    def get(self, db, record_id):
        with db.atomic():  # the row and its items from one snapshot
            found = self._read(db, record_id)
        return found[0] if found else None

    @staticmethod
    def ping(db):
        db.execute("SELECT 1").fetchall()

    def counts(self, db):
        """Row counts per table: what tests and benchmarks look at."""
        return {t: db[t].count for t in ("responses", "response_items", "household_tally", "item_tally")}


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
def init_db_command():
    """Create the database or bring it up to date."""
    applied = storage().migrate()
    click.echo(f"Database {storage().path}: {len(applied)} migration(s) applied.")


def init_app(app):
    app.extensions["paraat.storage"] = Storage(app.config["DATABASE"])
    app.extensions["paraat.storage"].migrate()
    app.teardown_appcontext(_close)
    app.cli.add_command(init_db_command)
