from datetime import date

import pytest

from backend.answers import Answers
from backend.checklists import Household
from backend.storage import MIGRATIONS, NotFound, OtherChecklist, Storage, new_id, valid_id

ALLOWED_COLUMNS = {
    "responses": {"id", "checklist", "version", "lang", "adults", "children", "infants", "pets",
                  "care", "days", "region", "created_day", "updated_day"},
    "response_items": {"response_id", "item"},
    "household_tally": {"checklist", "lang", "region", "day", "households"},
    "item_tally": {"checklist", "item", "lang", "region", "day", "households"},
    "migrations": {"name", "applied_day"},
}


def answers(**changes):
    base = dict(checklist="water", lang="nl", household=Household(2, 3), days=3,
                region="utrecht", checked=("drinking-water",))
    return Answers(**{**base, **changes})


@pytest.fixture
def store(tmp_path):
    s = Storage(str(tmp_path / "t.sqlite3"))
    s.migrate()
    db = s.connect()
    yield s, db
    db.conn.close()


def tally(db):
    return {(r["checklist"], r["lang"], r["region"], r["day"]): r["households"]
            for r in db.query("SELECT * FROM household_tally WHERE households != 0")}


def item_tally(db):
    return {(r["item"], r["region"]): r["households"]
            for r in db.query("SELECT * FROM item_tally WHERE households != 0")}


def test_migrations_run_once_and_in_wal_mode(tmp_path):
    s = Storage(str(tmp_path / "m.sqlite3"))
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
    day = date(2026, 11, 2)
    rid = s.create(db, answers(), version=1, today=day)
    assert s.get(db, rid) == answers()
    assert tally(db) == {("water", "nl", "utrecht", "2026-11-02"): 1}
    assert item_tally(db) == {("drinking-water", "utrecht"): 1}

    changed = answers(lang="en", region=None, checked=("check-dates", "cool-dark-place"))
    s.update(db, rid, changed, version=1, today=date(2026, 11, 5))
    assert s.get(db, rid) == changed
    row = next(db.query("SELECT created_day, updated_day FROM responses"))
    assert row == {"created_day": "2026-11-02", "updated_day": "2026-11-05"}
    # The household still counts on the day it first came, now under its new answers.
    assert tally(db) == {("water", "en", "", "2026-11-02"): 1}
    assert item_tally(db) == {("check-dates", ""): 1, ("cool-dark-place", ""): 1}

    s.delete(db, rid)
    assert s.get(db, rid) is None
    assert tally(db) == {} and item_tally(db) == {}
    assert s.counts(db)["responses"] == 0 and s.counts(db)["response_items"] == 0


def test_unknown_records_and_mismatched_checklists_change_nothing(store):
    s, db = store
    rid = s.create(db, answers(), version=1)
    before = (s.counts(db), tally(db), item_tally(db))
    with pytest.raises(NotFound):
        s.update(db, new_id(), answers(), version=1)
    with pytest.raises(NotFound):
        s.delete(db, new_id())
    with pytest.raises(OtherChecklist):
        s.update(db, rid, answers(checklist="cash", checked=()), version=1)
    assert (s.counts(db), tally(db), item_tally(db)) == before
    assert s.get(db, rid) == answers()
