"""The tally rows themselves: record keys summed beside each count, and rows split in shards on PostgreSQL."""
from datetime import date

from backend.storage import tallies
from tests.unit.test_storage import answers, store  # noqa: F401


def test_on_postgresql_writers_move_a_tally_in_different_rows_and_every_read_adds_them_up(store, engine):  # noqa: F811
    """A hot tally (the day's national row) is split in shards, so concurrent writers seldom wait on one row."""
    s, db = store
    ids = [s.create(db, answers(lang="nl"), today=date(2026, 11, 1)) for _ in range(40)]
    s.delete(db, ids[0])
    shards = {n for (n,) in db.execute("SELECT shard FROM tally_households WHERE dim = 'all'")}
    assert shards == {0} if engine == "sqlite" else len(shards) > 1
    key = sum(k for (k,) in db.execute("SELECT rkey FROM households")) % 256
    assert tallies.national(db) == (39, 0, key, 0)
    assert tallies.households(db, "lang")["nl"][0] == (39, key)
    assert tallies.per_day(db, "all", "") == {"2026-11-01": ((39, key), (0, 0))}
    assert tallies.first_and_last_day(db) == ("2026-11-01", "2026-11-01")
    assert tallies.stored(db) == tallies.recount(db, s.read)


def test_every_household_has_a_record_key_and_every_tally_the_sum_of_their_keys(store):  # noqa: F811
    """A cell's key is the sum of its households' record keys modulo 256, kept beside the count."""
    s, db = store
    ids = [s.create(db, answers(lang=lang), today=date(2026, 11, 1)) for lang in ["nl"] * 30 + ["en"] * 5]
    s.delete(db, ids[0])
    keys = dict(db.execute("SELECT id, rkey FROM households").fetchall())
    assert all(0 <= k < 256 for k in keys.values()) and len(set(keys.values())) > 5  # random, not one value
    per_lang = dict(db.execute("SELECT lang, SUM(rkey) FROM households GROUP BY lang").fetchall())
    found = tallies.households(db, "lang")
    assert found["nl"][0] == (29, per_lang["nl"] % 256) and found["en"][0] == (5, per_lang["en"] % 256)
    s.update(db, ids[1], answers(lang="en"))  # moving a household moves its key with it
    found = tallies.households(db, "lang")
    assert found["en"][0] == (6, (per_lang["en"] + keys[ids[1]]) % 256)
    assert tallies.national(db)[2] == sum(keys.values()) % 256
