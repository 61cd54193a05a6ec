import sqlite3
from datetime import date

import pytest

from backend import ROOT
from backend.answers import Answers, normalized
from backend.checklists import Household
from backend.definitions import load_checklists
from backend.i18n import read_languages
from backend.storage import Storage, tallies
from backend.storage.records import NotFound, new_id, valid_id

ALLOWED_COLUMNS = {
    "households": {"id", "versions", "lang", "adults", "children", "infants", "pets", "care", "days",
                   "region", "created_day", "updated_day", "ready", "complete", "ready_day", "rkey"},
    "household_items": {"household_id", "checklist", "item"},
    "used_tokens": {"nonce", "day"},  # a random nonce and a day: nothing of who used it, nor when within the day
    "tally_households": {"dim", "day", "value", "shard", "households", "ready", "ready_7", "ready_10",
                         "households_key", "ready_key", "ready_7_key", "ready_10_key"},
    "tally_checklists": {"dim", "day", "value", "shard", "checklist", "started", "complete", "started_key",
                         "complete_key"},
    "tally_items": {"dim", "day", "value", "shard", "checklist", "item", "households", "households_key"},
    "tally_ready": {"dim", "day", "value", "shard", "households", "households_key"},
    "public_figure": {"day", "households", "ready", "households_key", "ready_key"},
    "officials": {"email", "password_hash", "added_day", "sessions"},
    "meta": {"key", "value"},
    "refused_writes": {"day", "count"},
    "migrations": {"name", "applied_day"},
}
CATALOGUE = load_checklists(ROOT / "content" / "checklists",
                            [lang.code for lang in read_languages(str(ROOT / "mkdocs.yml"))])
ESSENTIALS = {cid: [i.id for i in c.items if i.essential and i.only_if is None] for cid, c in CATALOGUE.items()}


def answers(checked=None, **changes):
    base = dict(lang="nl", household=Household(2, 3), days=3, region="utrecht")
    return Answers(**{**base, **changes}, checked=normalized(CATALOGUE, checked or {"water": ["drinking-water"]}))


@pytest.fixture
def store(database):
    s = Storage(database, CATALOGUE)
    s.migrate()
    db = s.connect()
    yield s, db
    db.conn.close()
    s.close()


def households(db):
    """{(day, region, lang, band, days): (households, ready)} from the tallies of each breakdown."""
    found = {}
    for r in db.query("SELECT dim, day, value, SUM(households) AS households, SUM(ready) AS ready "
                      "FROM tally_households GROUP BY dim, day, value HAVING SUM(households) != 0 ORDER BY dim"):
        found.setdefault(r["day"], {})[r["dim"]] = (r["value"], (r["households"], r["ready"]))
    result = {}
    for day, per in found.items():
        assert {v[1] for v in per.values()} == {per["all"][1]}, "every breakdown adds up to the same"
        key = (day, per["region"][0], per["lang"][0], per["band"][0], int(per["days"][0]))
        result[key] = per["all"][1]
    return result


def checklists(db):
    return {r["checklist"]: (r["started"], r["complete"])
            for r in db.query("SELECT checklist, sum(started) AS started, sum(complete) AS complete "
                              "FROM tally_checklists WHERE dim = 'all' GROUP BY checklist")
            if r["started"] or r["complete"]}


def items(db):
    return {(r["checklist"], r["item"]): r["n"]
            for r in db.query("SELECT checklist, item, sum(households) AS n FROM tally_items WHERE dim = 'all' "
                              "GROUP BY checklist, item") if r["n"]}


def per_day_counts(db):
    return {day: (new[0], ready[0]) for day, (new, ready) in tallies.per_day(db, "all", "").items()}


def counts_of(national):
    return {name: pair[0] for name, pair in national.items()}


def without_keys(stored):
    return {key: measures[:len(measures) // 2] for key, measures in stored.items()}


def test_schema_has_no_room_for_who_someone_is(store, engine):
    _, db = store
    # On PostgreSQL too: no table of write counts per client, not even keyed hashes (the front counts them).
    assert {t: set(db[t].columns_dict) for t in db.table_names()} == ALLOWED_COLUMNS


def test_households_and_ticks_keep_no_order_of_arrival(store, engine):
    """Rows sit in the order of their random codes; there is no row number that counts arrivals."""
    s, db = store
    for _ in range(3):
        s.create(db, answers())
    if engine == "sqlite":
        for table in ("households", "household_items"):
            with pytest.raises(sqlite3.OperationalError, match="rowid"):
                db.execute(f"SELECT rowid FROM {table}")
        assert db.execute("PRAGMA secure_delete").fetchone()[0] == 1
    else:  # no serial or identity column, and no sequence that could number anything
        assert db.execute("SELECT COUNT(*) FROM information_schema.columns WHERE table_schema = current_schema() "
                          "AND (column_default LIKE 'nextval%' OR is_identity = 'YES')").fetchone()[0] == 0
        assert db.execute("SELECT COUNT(*) FROM pg_class WHERE relkind = 'S'").fetchone()[0] == 0


def test_ids_are_random_and_long():
    ids = {new_id() for _ in range(1000)}
    assert len(ids) == 1000
    assert all(valid_id(i) and len(i) == 24 for i in ids)  # 24 base64 characters = 144 bits
    assert not valid_id("../etc/passwd") and not valid_id("a" * 23) and not valid_id(123)


def test_create_update_delete_keep_tallies_true(store):
    s, db = store
    rid = s.create(db, answers(), today=date(2026, 11, 2))
    assert s.get(db, rid) == answers()
    assert households(db) == {("2026-11-02", "utrecht", "nl", "5+", 3): (1, 0)}
    assert checklists(db) == {"emergency-kit": (1, 0), "water": (1, 1)}
    assert items(db) == {("emergency-kit", "drinking-water"): 1, ("water", "drinking-water"): 1}

    ready = answers(ESSENTIALS, lang="en", region=None, household=Household(1), days=7)
    s.update(db, rid, ready, today=date(2026, 11, 5))
    assert s.get(db, rid) == ready
    row = next(db.query("SELECT created_day, updated_day, ready FROM households"))
    assert row == {"created_day": "2026-11-02", "updated_day": "2026-11-05", "ready": 1}
    # The household still counts on the day it first came, now under its new answers.
    assert households(db) == {("2026-11-02", "", "en", "1", 7): (1, 1)}
    assert checklists(db) == {cid: (1, 1) for cid in CATALOGUE}
    assert items(db)[("cash", "cash-amount")] == 1 and items(db)[("emergency-kit", "cash")] == 1

    s.delete(db, rid)
    assert s.get(db, rid) is None
    assert households(db) == {} and checklists(db) == {} and items(db) == {}
    assert s.counts(db)["households"] == 0 and s.counts(db)["household_items"] == 0


@pytest.mark.parametrize("days, goals", [(3, (1, 0, 0)), (7, (1, 1, 0)), (10, (1, 1, 1))])
def test_a_ready_household_counts_for_every_goal_up_to_its_own(store, days, goals):
    """Ready for 10 days is also ready for 7 and for 3; ready for 7 is not ready for 10."""
    s, db = store
    s.create(db, answers(ESSENTIALS, days=days))
    s.create(db, answers(days=days))  # not ready: counted, but for no goal
    assert {v: tuple(n for n, _key in m) for v, m in tallies.households(db, "all").items()} == {"": (2, *goals)}


def test_a_change_takes_back_what_the_household_added_even_after_definitions_change(store, monkeypatch):
    s, db = store
    rid = s.create(db, answers(ESSENTIALS))
    assert households(db)[next(iter(households(db)))] == (1, 1)
    # A new essential item in a later version: the stored "ready" is what gets taken back.
    from backend import progress

    monkeypatch.setattr(progress, "ready", lambda p: False)
    s.update(db, rid, answers(ESSENTIALS))
    assert [v for v in households(db).values()] == [(1, 0)]


def test_unknown_households_change_nothing(store):
    s, db = store
    s.create(db, answers())
    before = (s.counts(db), households(db), items(db))
    with pytest.raises(NotFound):
        s.update(db, new_id(), answers())
    with pytest.raises(NotFound):
        s.delete(db, new_id())
    assert (s.counts(db), households(db), items(db)) == before


def test_a_failed_write_leaves_no_trace(store, monkeypatch):
    s, db = store
    rid = s.create(db, answers())
    before = (s.counts(db), households(db), items(db), s.get(db, rid))

    def broken(*args, **kwargs):
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(tallies, "write", broken)  # the tallies fail at the commit, after the household rows
    with pytest.raises(sqlite3.OperationalError):
        s.update(db, rid, answers(ESSENTIALS))
    with pytest.raises(sqlite3.OperationalError):
        s.create(db, answers())
    assert (s.counts(db), households(db), items(db), s.get(db, rid)) == before


@pytest.mark.parametrize("together", [1, 16])
def test_tallies_always_equal_a_recount_from_the_households(store, together):
    """Many creates, changes and deletes, in a fixed pseudo-random order.

    Also as the writer runs them: `together` changes in one transaction, each
    in its savepoint, some refused, with the tallies written once at the commit.
    """
    import random
    from contextlib import nullcontext

    s, db = store
    rng = random.Random(7)
    ids, days = [], [date(2026, 11, d) for d in range(1, 8)]
    every = {cid: [i.id for i in c.items] for cid, c in CATALOGUE.items()}
    batch, within = nullcontext(), db
    for step in range(300):
        if step % together == 0:
            batch.__exit__(None, None, None)
            batch = s.writing(db) if together > 1 else nullcontext(db)
            within = batch.__enter__()  # the batch's Transaction: each change a savepoint in it
        if together > 1 and rng.random() < 0.1:
            with pytest.raises(NotFound):  # a refused change inside the batch leaves nothing behind
                with s.writing(within) as change:
                    s.update(change, new_id(), answers(ESSENTIALS))
        ticks = {cid: rng.sample(items, rng.randint(0, len(items))) for cid, items in every.items()}
        if rng.random() < 0.3:
            ticks = ESSENTIALS
        one = answers(ticks, lang=rng.choice(["nl", "en", "ar"]), days=rng.choice([3, 7, 10]),
                      region=rng.choice([None, "utrecht", "twente"]),
                      household=Household(rng.randint(1, 4), rng.randint(0, 3), rng.randint(0, 1)))
        today = days[min(step // 45, 6)]
        if ids and rng.random() < 0.15:
            s.delete(within, ids.pop(rng.randrange(len(ids))))
        elif ids and rng.random() < 0.5:
            s.update(within, rng.choice(ids), one, today=today)
        else:
            ids.append(s.create(within, one, today=today))
    batch.__exit__(None, None, None)
    assert not db.conn.in_transaction
    assert tallies.stored(db) == tallies.recount(db, s.read)
    assert s.counts(db)["households"] == len(ids)


def test_a_household_counts_as_newly_ready_on_the_day_it_became_ready(store):
    s, db = store
    rid = s.create(db, answers(), today=date(2026, 11, 2))
    s.update(db, rid, answers(ESSENTIALS), today=date(2026, 11, 4))
    s.update(db, rid, answers({**ESSENTIALS, "water": ESSENTIALS["water"]}, lang="en"), today=date(2026, 11, 6))
    assert per_day_counts(db) == {"2026-11-02": (1, 0), "2026-11-04": (0, 1)}
    s.update(db, rid, answers(), today=date(2026, 11, 7))  # no longer ready: taken back
    assert per_day_counts(db) == {"2026-11-02": (1, 0), "2026-11-04": (0, 0)}
    s.update(db, rid, answers(ESSENTIALS), today=date(2026, 11, 9))
    assert per_day_counts(db)["2026-11-09"] == (0, 1)


def test_the_national_figure_stands_still_during_a_day(store):
    s, db = store
    older = [s.create(db, answers(), today=date(2026, 11, 1)) for _ in range(3)]
    day = date(2026, 11, 2)
    at_start = s.national(db, day)
    assert counts_of(at_start) == {"households": 3, "ready": 0}
    s.update(db, older[0], answers(ESSENTIALS), today=day)
    s.delete(db, older[1])
    s.create(db, answers(), today=day)
    assert s.national(db, day) == at_start  # the count and its cell key
    assert counts_of(s.national(db, date(2026, 11, 3))) == {"households": 3, "ready": 1}


def test_the_national_figure_counts_earlier_changes_of_the_same_commit(store):
    """A writer's batch can span midnight: the new day's figure includes the changes made just before it."""
    s, db = store
    with s.writing(db) as batch:
        s.create(batch, answers(ESSENTIALS), today=date(2026, 11, 1))
        s.create(batch, answers(), today=date(2026, 11, 1))
        s.create(batch, answers(), today=date(2026, 11, 2))
        assert db.execute("SELECT COUNT(*) FROM tally_households").fetchone()[0] == 0  # they wait for the commit
    keys = dict(db.execute("SELECT created_day, SUM(rkey) FROM households GROUP BY created_day").fetchall())
    ready_key = db.execute("SELECT rkey FROM households WHERE ready = 1").fetchone()[0]
    assert s.national(db, date(2026, 11, 2)) == {"households": (2, keys["2026-11-01"] % 256), "ready": (1, ready_key)}


def test_loading_many_counts_like_saving_one_by_one(store, tmp_path):
    s, db = store
    batch = [(answers(), "2026-11-01", "2026-11-01"), (answers(ESSENTIALS, lang="ar"), "2026-11-01", "2026-11-03"),
             (answers(ESSENTIALS, days=10), "2026-11-02", "2026-11-02")]
    s.load_many(db, batch)
    one = Storage(str(tmp_path / "one.sqlite3"), CATALOGUE)
    one.migrate()
    db1 = one.connect()
    for a, created, updated in batch:
        rid = one.create(db1, answers(), today=date.fromisoformat(created))
        one.update(db1, rid, a, today=date.fromisoformat(updated))
    assert tallies.stored(db) == tallies.recount(db, s.read)
    assert without_keys(tallies.stored(db)) == without_keys(tallies.stored(db1))
    db1.conn.close()


def test_a_printed_database_address_hides_its_password():
    from backend.storage.engine import shown

    assert shown("postgresql://paraat:s3cret@db.example:5432/paraat") == "postgresql://paraat:***@db.example:5432/paraat"
    assert shown("instance/paraat.sqlite3") == "instance/paraat.sqlite3"


def test_a_refused_change_in_a_batch_takes_its_waiting_tallies_with_it(store):
    """Tally changes wait in the batch's Transaction until the commit; a savepoint that is undone drops its own."""
    s, db = store
    with s.writing(db) as batch:
        s.create(batch, answers(ESSENTIALS))
        with pytest.raises(LookupError):
            with s.writing(batch) as change:
                s.create(change, answers(lang="en"))
                raise LookupError("refused after its rows were written")
        s.create(batch, answers())
    assert s.counts(db)["households"] == 2
    assert tallies.stored(db) == tallies.recount(db, s.read)
