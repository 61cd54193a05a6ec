"""The named migrations: each runs once, in order, on both engines, and carries earlier data over."""
from backend.checklists import Household
from backend.storage import MIGRATIONS, Storage, tallies
from backend.storage.records import new_id
from tests.unit.test_storage import CATALOGUE, ESSENTIALS, checklists, households


def test_migrations_run_once_and_in_wal_mode(engine, tmp_path, request):
    empty = str(tmp_path / "m.sqlite3") if engine == "sqlite" else request.getfixturevalue("postgres").new_database()
    s = Storage(empty, CATALOGUE)
    assert s.migrate() == [name for name, _ in MIGRATIONS]
    assert s.migrate() == []
    db = s.connect()
    if engine == "sqlite":
        assert db.journal_mode == "wal"
    db.conn.close()
    s.close()


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

    assert old.migrate() == [name for name, _ in MIGRATIONS[2:]]
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


def test_the_cell_key_migration_gives_existing_households_random_keys_and_counts_the_keys(tmp_path):
    path = str(tmp_path / "old.sqlite3")
    old = Storage(path, CATALOGUE)
    db = old.connect()
    db.execute("CREATE TABLE migrations (name TEXT PRIMARY KEY, applied_day TEXT)")
    for name, step in MIGRATIONS[:MIGRATIONS.index(next(m for m in MIGRATIONS if m[0] == "0009_cell_keys"))]:
        step = step["sqlite"] if isinstance(step, dict) else step
        if step:
            step(db, old)
        db.execute("INSERT INTO migrations VALUES (?, '2026-11-01')", [name])
    for n in range(40):  # households as 0007 stored them, without a record key
        db.execute("INSERT INTO households VALUES (?, '{}', 'nl', 2, 0, 0, 0, 0, 3, 'utrecht', '2026-11-01', "
                   "'2026-11-01', 0, '[]', NULL)", [new_id()])
    db.conn.commit()
    assert old.migrate() == ["0009_cell_keys", "0010_shared_write_counts", "0011_no_write_counts",
                            "0012_tally_shards", "0013_tally_read_order"]
    keys = [k for (k,) in db.execute("SELECT rkey FROM households")]
    assert len(set(keys)) > 5 and all(0 <= k < 256 for k in keys)
    assert tallies.stored(db) == tallies.recount(db, old.read)
    assert tallies.national(db) == (40, 0, sum(keys) % 256, 0)
    db.conn.close()
