"""`flask demo-data`: synthetic households, loaded as the storage code counts them."""
from collections import Counter
from datetime import date, timedelta

import pytest

from backend.storage import storage, tallies
from tests.conftest import module_app

HOUSEHOLDS = 500
DAYS = 30


def run(app, *args):
    return app.test_cli_runner().invoke(args=["demo-data", *args])


def households(app):
    with app.app_context():
        db = storage().connect()
        try:
            return list(db.query("SELECT * FROM households"))
        finally:
            db.conn.close()


def fill(app):
    result = run(app, "--households", str(HOUSEHOLDS), "--days", str(DAYS), "--seed", "3")
    assert result.exit_code == 0, result.output
    return result


# The tests that only read the demo data share one app, filled once; the two that add to it have their own.
shared = module_app


@pytest.fixture(scope="module")
def filled(shared):
    return fill(shared)


def test_says_what_it_added(shared, filled):
    first = (date.today() - timedelta(days=DAYS - 1)).isoformat()
    line = filled.output.strip()
    assert "\n" not in line
    assert str(HOUSEHOLDS) in line and first in line and date.today().isoformat() in line
    assert shared.config["DATABASE"] in line


def test_households_are_varied(shared, filled):
    rows = households(shared)
    assert len(rows) == HOUSEHOLDS
    regions = Counter(r["region"] for r in rows)
    assert None in regions and len(regions) >= 15
    langs = Counter(r["lang"] for r in rows)
    assert langs.most_common(1)[0][0] == "nl" and len(langs) >= 4
    assert len({r["adults"] + r["children"] + r["infants"] for r in rows}) >= 4
    assert {r["days"] for r in rows} == {3, 7, 10}
    ready = sum(r["ready"] for r in rows) / len(rows)
    assert 0.15 <= ready <= 0.35
    assert any(r["complete"] == "[]" for r in rows)


def test_days_fall_in_the_span_with_a_launch_peak(shared, filled):
    rows = households(shared)
    first, today = (date.today() - timedelta(days=DAYS - 1)).isoformat(), date.today().isoformat()
    per_day = Counter(r["created_day"] for r in rows)
    assert min(per_day) == first and max(per_day) <= today
    assert per_day[first] == max(per_day.values())  # the launch day has the most (ties read in no fixed order)
    assert all(r["created_day"] <= r["updated_day"] <= today for r in rows)
    assert all(r["ready_day"] == (r["updated_day"] if r["ready"] else None) for r in rows)


def test_changes_that_would_fall_after_today_are_spread_not_piled_on_today(shared, filled):
    """Officials read the last days' "newly ready" from this data: today must not look like a second launch."""
    changed = Counter(r["updated_day"] for r in households(shared))
    week = [changed[(date.today() - timedelta(days=n)).isoformat()] for n in range(1, 8)]
    assert changed[date.today().isoformat()] <= 2 * max(week), (changed[date.today().isoformat()], week)


def test_tallies_equal_a_recount(shared, filled):
    with shared.app_context():
        store = storage()
        db = store.connect()
        try:
            assert tallies.stored(db) == tallies.recount(db, store.read)
        finally:
            db.conn.close()


def test_refuses_a_filled_database_unless_forced(app, counts):
    fill(app)
    before = counts()
    refused = run(app, "--households", "10")
    assert refused.exit_code != 0
    assert "already holds" in refused.output and "--force" in refused.output
    assert counts() == before
    forced = run(app, "--households", "10", "--force")
    assert forced.exit_code == 0, forced.output
    assert counts()["households"] == HOUSEHOLDS + 10


def test_same_seed_same_figures(tmp_path, shared, filled):
    from backend import create_app

    other = create_app({"TESTING": True, "DATABASE": str(tmp_path / "other.sqlite3")})
    assert run(other, "--households", str(HOUSEHOLDS), "--days", str(DAYS), "--seed", "3").exit_code == 0

    def figures(a):
        with a.app_context():
            db = storage().connect()
            try:
                return tallies.stored(db)
            finally:
                db.conn.close()

    assert figures(other) == figures(shared)
    other.extensions["paraat.storage"].close()


def test_marks_the_database_as_synthetic(shared, filled):
    with shared.app_context():
        db = storage().connect()
        try:
            assert [r["value"] for r in db.query("SELECT value FROM meta WHERE key = 'demo'")] == ["synthetic"]
        finally:
            db.conn.close()


def test_refuses_the_database_make_run_serves_unless_forced(app, monkeypatch):
    from pathlib import Path

    from backend import demo

    monkeypatch.setattr(demo, "LIVE_DATABASE", Path(app.config["DATABASE"]))
    result = run(app, "--households", "20")
    assert result.exit_code != 0 and "the database `make run` serves" in result.output
    assert households(app) == []
    assert run(app, "--households", "20", "--force").exit_code == 0
    assert len(households(app)) == 20
