"""Named migrations, applied once each and in this order (see Storage.migrate).

A migration is frozen once it has run anywhere: later changes get a new one.
The one exception: 0003 no longer fills the crossed tallies that 0004 drops
and rebuilds from the households, so a database ends the same either way.
"""
import json

from .. import progress
from ..answers import Answers, normalized
from ..checklists import Household
from . import tallies, write_counts


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
    versions = json.dumps({cid: c.version for cid, c in sorted(store.catalogue.items())})
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
        status = progress.status(store.catalogue, answers)
        h = answers.household
        db.execute("INSERT INTO households VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                   [row["id"], versions, answers.lang, h.adults, h.children, h.infants, h.pets, int(h.care),
                    answers.days, answers.region, row["created_day"], row["updated_day"], int(status.ready),
                    json.dumps(sorted(status.complete))])
        db.conn.executemany("INSERT INTO household_items VALUES (?, ?, ?)",
                            [(row["id"], cid, item) for cid, items in answers.checked.items() for item in items])


def _m0004_tallies_per_breakdown(db, store):
    """Tallies per day and per single breakdown, so officials' figures read a few rows at any scale.

    The earlier tallies crossed every breakdown with every other: at a national
    scale that is millions of rows to add up, and the dashboard shows one
    breakdown at a time anyway. Households also learn the day they became ready.
    """
    for table in ("household_tally", "checklist_tally", "item_tally"):
        db.execute(f"DROP TABLE IF EXISTS {table}")
    db.execute("ALTER TABLE households ADD COLUMN ready_day TEXT")
    db.execute("UPDATE households SET ready_day = updated_day WHERE ready = 1")
    for statement in tallies.SCHEMA:
        db.execute(statement)
    db.execute("CREATE TABLE public_figure (day TEXT PRIMARY KEY, households INTEGER NOT NULL, "
               "ready INTEGER NOT NULL)")
    db.execute("CREATE TABLE officials (email TEXT PRIMARY KEY, password_hash TEXT NOT NULL, "
               "added_day TEXT NOT NULL)")
    db.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    for (record_id,) in db.execute("SELECT id FROM households").fetchall():
        answers, row = store.read(db, record_id)
        tallies.apply(db, tallies.contributions(answers, row))


def _m0005_refused_writes(db, store):
    """How many writes were refused per day (too many from one client, an old page, a filled honeypot)."""
    db.execute("CREATE TABLE refused_writes (day TEXT PRIMARY KEY, count INTEGER NOT NULL)")


def _m0006_no_row_order(db, _store):
    """Households and their ticks kept in the order of their random codes, not the order they came in.

    A table with row numbers numbers its rows as they arrive: the order in which
    households saved and ticked would be readable, finer than the day we keep.
    Freed pages are overwritten (secure_delete, set on every connection).
    """
    db.execute("CREATE TEMP TABLE moving_households AS SELECT * FROM households")
    db.execute("CREATE TEMP TABLE moving_items AS SELECT * FROM household_items")
    db.execute("DROP TABLE household_items")
    db.execute("DROP TABLE households")
    db.execute("""CREATE TABLE households (
        id TEXT PRIMARY KEY, versions TEXT NOT NULL, lang TEXT NOT NULL,
        adults INTEGER NOT NULL, children INTEGER NOT NULL, infants INTEGER NOT NULL, pets INTEGER NOT NULL,
        care INTEGER NOT NULL, days INTEGER NOT NULL, region TEXT, created_day TEXT NOT NULL,
        updated_day TEXT NOT NULL, ready INTEGER NOT NULL, complete TEXT NOT NULL, ready_day TEXT
    ) WITHOUT ROWID""")
    db.execute("""CREATE TABLE household_items (
        household_id TEXT NOT NULL REFERENCES households(id), checklist TEXT NOT NULL, item TEXT NOT NULL,
        PRIMARY KEY (household_id, checklist, item)
    ) WITHOUT ROWID""")
    db.execute("INSERT INTO households SELECT id, versions, lang, adults, children, infants, pets, care, days, "
               "region, created_day, updated_day, ready, complete, ready_day FROM temp.moving_households")
    db.execute("INSERT INTO household_items SELECT household_id, checklist, item FROM temp.moving_items")
    db.execute("DROP TABLE temp.moving_items")
    db.execute("DROP TABLE temp.moving_households")


def _m0007_official_sessions(db, _store):
    """A session belongs to one generation of an account: logging out or a new password ends them all."""
    db.execute("ALTER TABLE officials ADD COLUMN sessions INTEGER NOT NULL DEFAULT 0")


def _m0008_shared_write_counts(db, _store):
    """PostgreSQL only: the write limit counted by every app server together (write_counts.py)."""
    db.execute(write_counts.SCHEMA)


# A step may be a {engine name: step or None} for a migration that differs per engine.
MIGRATIONS = (
    ("0001_responses", _m0001_responses),
    ("0002_tallies", _m0002_tallies),
    ("0003_households", _m0003_households),
    ("0004_tallies_per_breakdown", _m0004_tallies_per_breakdown),
    ("0005_refused_writes", _m0005_refused_writes),
    ("0006_no_row_order", _m0006_no_row_order),
    ("0007_official_sessions", _m0007_official_sessions),
    ("0008_shared_write_counts", {"postgresql": _m0008_shared_write_counts, "sqlite": None}),
)
