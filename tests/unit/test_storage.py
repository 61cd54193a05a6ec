import sqlite3
from datetime import date

import pytest

from backend import ROOT
from backend.answers import Answers, normalized
from backend.checklists import Household, load_checklists
from backend.i18n import read_languages
from backend.storage import MIGRATIONS, NotFound, Storage, new_id, valid_id

ALLOWED_COLUMNS = {
    "households": {"id", "versions", "lang", "adults", "children", "infants", "pets", "care", "days",
                   "region", "created_day", "updated_day", "ready", "complete"},
    "household_items": {"household_id", "checklist", "item"},
    "household_tally": {"day", "region", "lang", "band", "days", "households", "ready"},
    "checklist_tally": {"day", "region", "lang", "band", "days", "checklist", "started", "complete"},
    "item_tally": {"day", "region", "lang", "band", "days", "checklist", "item", "households"},
    "migrations": {"name", "applied_day"},
}
CATALOGUE = load_checklists(ROOT / "content" / "checklists",
                            [lang.code for lang in read_languages(str(ROOT / "mkdocs.yml"))])
ESSENTIALS = {cid: [i.id for i in c.items if i.essential and i.only_if is None] for cid, c in CATALOGUE.items()}


def answers(checked=None, **changes):
    base = dict(lang="nl", household=Household(2, 3), days=3, region="utrecht")
    return Answers(**{**base, **changes}, checked=normalized(CATALOGUE, checked or {"water": ["drinking-water"]}))


@pytest.fixture
def store(tmp_path):
    s = Storage(str(tmp_path / "t.sqlite3"), CATALOGUE)
    s.migrate()
    db = s.connect()
    yield s, db
    db.conn.close()


def rows(db, table, *key):
    return {tuple(r[k] for k in key): r for r in db.query(f"SELECT * FROM {table}")}


def households(db):
    return {(r["day"], r["region"], r["lang"], r["band"], r["days"]): (r["households"], r["ready"])
            for r in db.query("SELECT * FROM household_tally WHERE households != 0")}


def checklists(db):
    return {r["checklist"]: (r["started"], r["complete"])
            for r in db.query("SELECT checklist, sum(started) AS started, sum(complete) AS complete "
                              "FROM checklist_tally GROUP BY checklist") if r["started"] or r["complete"]}


def items(db):
    return {(r["checklist"], r["item"]): r["n"]
            for r in db.query("SELECT checklist, item, sum(households) AS n FROM item_tally "
                              "GROUP BY checklist, item") if r["n"]}


def test_migrations_run_once_and_in_wal_mode(tmp_path):
    s = Storage(str(tmp_path / "m.sqlite3"), CATALOGUE)
    assert s.migrate() == [name for name, _ in MIGRATIONS]
    assert s.migrate() == []
    db = s.connect()
    assert db.journal_mode == "wal"
    db.conn.close()


def test_schema_has_no_room_for_who_someone_is(store):
    _, db = store
    assert {t: set(db[t].columns_dict) for t in db.table_names()} == ALLOWED_COLUMNS


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

    monkeypatch.setattr(Storage, "_tally", staticmethod(broken))
    with pytest.raises(sqlite3.OperationalError):
        s.update(db, rid, answers(ESSENTIALS))
    with pytest.raises(sqlite3.OperationalError):
        s.create(db, answers())
    assert (s.counts(db), households(db), items(db), s.get(db, rid)) == before


def test_saved_checklists_from_before_become_households(tmp_path):
    """The named migration 0003 carries every earlier saved checklist over as one household."""
    path = str(tmp_path / "old.sqlite3")
    old = Storage(path, CATALOGUE)
    db = old.connect()
    db.execute("CREATE TABLE migrations (name TEXT PRIMARY KEY, applied_day TEXT)")
    for name, step in MIGRATIONS[:2]:
        step(db, old)
        db.execute("INSERT INTO migrations VALUES (?, ?)", [name, "2026-11-01"])
    rid = new_id()
    db["responses"].insert({"id": rid, "checklist": "cash", "version": 1, "lang": "pl", "adults": 2,
                            "children": 0, "infants": 0, "pets": 1, "care": 0, "days": 7, "region": None,
                            "created_day": "2026-11-03", "updated_day": "2026-11-04"})
    db["response_items"].insert_all([{"response_id": rid, "item": i} for i in ESSENTIALS["cash"]])
    db.conn.commit()
    db.conn.close()

    assert old.migrate() == ["0003_households"]
    db = old.connect()
    carried = old.get(db, rid)
    assert carried.lang == "pl" and carried.days == 7 and carried.household == Household(2, 0, 0, 1)
    assert carried.checked["cash"] == tuple(sorted(ESSENTIALS["cash"]))
    assert carried.checked["emergency-kit"] == ("cash",)  # the same thing in the kit
    assert next(db.query("SELECT created_day, updated_day FROM households")) == {
        "created_day": "2026-11-03", "updated_day": "2026-11-04"}
    assert households(db) == {("2026-11-03", "", "pl", "2", 7): (1, 0)}
    assert checklists(db) == {"cash": (1, 1), "emergency-kit": (1, 0)}
    assert "responses" not in db.table_names()
    db.conn.close()
