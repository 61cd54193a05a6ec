"""Named migrations, applied once each and in this order (see Storage.migrate).

A migration is frozen once it has run anywhere: later changes get a new one.
The exceptions: 0003 no longer fills the crossed tallies that 0004 drops, and
0004 no longer fills its tallies, because 0009 empties them and counts them
again from the households (with cell keys): a database ends the same either way.
"""
import secrets

import json

from .. import progress
from ..answers import Answers, normalized
from ..checklists import Household
from . import tallies


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
    for table in tallies.MEASURES:  # the tables as 0004 made them; 0009 adds the cell keys
        db.execute(f"CREATE TABLE {table} ({', '.join(f'{k} TEXT NOT NULL' for k in tallies.KEYS[table])}, "
                   f"{', '.join(f'{m} INTEGER NOT NULL' for m in tallies.MEASURES[table])}, "
                   f"PRIMARY KEY ({', '.join(tallies.KEYS[table])})) WITHOUT ROWID")
    db.execute("CREATE TABLE public_figure (day TEXT PRIMARY KEY, households INTEGER NOT NULL, "
               "ready INTEGER NOT NULL)")
    db.execute("CREATE TABLE officials (email TEXT PRIMARY KEY, password_hash TEXT NOT NULL, "
               "added_day TEXT NOT NULL)")
    db.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")


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


def _m0008_used_tokens(db, _store):
    """Creation tokens already used, so each saves once, on every server: a random nonce and the day it
    was used (no time, no address); deleted once no token of that day can still be valid."""
    db.execute("CREATE TABLE used_tokens (nonce TEXT PRIMARY KEY, day TEXT NOT NULL) WITHOUT ROWID")


def _m0009_cell_keys(db, store):
    """Cell-key perturbation: a random record key per household, and beside every tally count its cell key.

    Every household, old ones included, gets a key from 0 to 255 at random; the
    tallies are counted again from the households so that each count's cell key
    is the sum of its households' keys (mod 256). The kept public figures are
    dropped (they have no keys): the next write keeps today's again.
    """
    db.execute("ALTER TABLE households ADD COLUMN rkey INTEGER NOT NULL DEFAULT 0")
    ids = [record_id for (record_id,) in db.execute("SELECT id FROM households").fetchall()]
    db.conn.executemany("UPDATE households SET rkey = ? WHERE id = ?",
                        [(secrets.randbelow(tallies.KEY_RANGE), record_id) for record_id in ids])
    for table, keys in tallies.CELL_KEYS.items():
        db.execute(f"DELETE FROM {table}")
        for column in keys:
            db.execute(f"ALTER TABLE {table} ADD COLUMN {column} INTEGER NOT NULL DEFAULT 0")
    db.execute("DELETE FROM public_figure")
    for column in ("households_key", "ready_key"):
        db.execute(f"ALTER TABLE public_figure ADD COLUMN {column} INTEGER NOT NULL DEFAULT 0")
    total = {}
    for record_id in ids:
        tallies.add_up(total, tallies.contributions(*store.read(db, record_id)))
    tallies.write(db, total, sharded=False)  # the tables as they were before 0012


def _m0010_shared_write_counts(db, _store):
    """PostgreSQL only: the write limit counted by every app server together, per keyed hash of a client's
    address and window (dropped by 0011: the limit moved to the shared front, which stores nothing)."""
    db.execute("CREATE UNLOGGED TABLE write_counts (client BIGINT NOT NULL, period BIGINT NOT NULL, "
               "count INTEGER NOT NULL, PRIMARY KEY (client, period))")


def _m0011_no_write_counts(db, _store):
    """PostgreSQL only: no hash of any client's address in the database; the shared front counts writes."""
    db.execute("DROP TABLE write_counts")


def _m0012_tally_shards(db, _store):
    """Every tally row split in shards (tallies.py): concurrent writers on PostgreSQL move different rows.
    What was kept becomes shard 0."""
    for table in tallies.MEASURES:
        keys, counts = tallies.KEYS[table], (*tallies.MEASURES[table], *tallies.CELL_KEYS[table])
        db.execute(f"CREATE TABLE {table}_sharded ({', '.join(f'{k} TEXT NOT NULL' for k in keys)}, "
                   f"{tallies.SHARD} INTEGER NOT NULL, {', '.join(f'{c} INTEGER NOT NULL' for c in counts)}, "
                   f"PRIMARY KEY ({', '.join(keys)}, {tallies.SHARD})) WITHOUT ROWID")
        db.execute(f"INSERT INTO {table}_sharded SELECT {', '.join(keys)}, 0, {', '.join(counts)} FROM {table}")
        db.execute(f"DROP TABLE {table}")
        db.execute(f"ALTER TABLE {table}_sharded RENAME TO {table}")


def _m0013_tally_read_order(db, _store):
    """The officials' figures add up a breakdown's rows per value over many days: these indexes hold the
    rows in that order, counts and cell keys included, so a read walks them once instead of sorting them.
    A tally row's index entry moves with its counts; households and checklist rows move seldom."""
    db.execute("CREATE INDEX tally_households_by_value ON tally_households (dim, value, day, households, ready, "
               "ready_7, ready_10, households_key, ready_key, ready_7_key, ready_10_key)")
    db.execute("CREATE INDEX tally_checklists_by_value ON tally_checklists (dim, value, checklist, day, started, "
               "complete, started_key, complete_key)")
    db.execute("CREATE INDEX tally_items_by_value ON tally_items (dim, value, checklist, item, day, households, "
               "households_key)")


# A step may be a {engine name: step or None} for a migration that differs per engine.
MIGRATIONS = (
    ("0001_responses", _m0001_responses),
    ("0002_tallies", _m0002_tallies),
    ("0003_households", _m0003_households),
    ("0004_tallies_per_breakdown", _m0004_tallies_per_breakdown),
    ("0005_refused_writes", _m0005_refused_writes),
    ("0006_no_row_order", _m0006_no_row_order),
    ("0007_official_sessions", _m0007_official_sessions),
    ("0008_used_tokens", _m0008_used_tokens),
    ("0009_cell_keys", _m0009_cell_keys),
    ("0010_shared_write_counts", {"postgresql": _m0010_shared_write_counts, "sqlite": None}),
    ("0011_no_write_counts", {"postgresql": _m0011_no_write_counts, "sqlite": None}),
    ("0012_tally_shards", _m0012_tally_shards),
    ("0013_tally_read_order", _m0013_tally_read_order),
)
