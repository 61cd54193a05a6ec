"""copy-database: SQLite into PostgreSQL and back, every row and tally, checked; never into a database in use."""
from backend import create_app
from backend.storage import Storage, storage, tallies

from .test_api import GOOD, create


def held(location, catalogue):
    store = Storage(location, catalogue)
    db = store.connect()
    try:
        ids = [r[0] for r in db.execute("SELECT id FROM households ORDER BY id")]
        return ({rid: store.get(db, rid) for rid in ids}, tallies.stored(db),
                db.execute("SELECT email, password_hash, sessions FROM officials").fetchall(),
                db.execute("SELECT * FROM public_figure").fetchall(), store.counts(db))
    finally:
        db.conn.close()
        store.close()


def test_copy_into_postgresql_and_back(app, client, postgres, tmp_path):
    for days in (3, 7, 10):
        create(client, {**GOOD, "days": days, "checked": {"water": ["drinking-water"]}})
    forgotten = create(client)
    client.delete(f"/api/households/{forgotten}")
    runner = app.test_cli_runner()
    assert runner.invoke(args=["officials", "add", "o@gemeente.nl"], input="a long enough password\n").exit_code == 0
    catalogue = app.extensions["paraat.storage"].catalogue
    source = app.config["DATABASE"]
    before = held(source, catalogue)
    assert len(before[0]) == 3

    target = postgres.new_database()  # empty: the command migrates it
    result = runner.invoke(args=["copy-database", source, target])
    assert result.exit_code == 0, result.output
    assert "Copied 3 households, 1 officials' accounts" in result.output
    assert held(target, catalogue) == before

    back = str(tmp_path / "back.sqlite3")
    assert runner.invoke(args=["copy-database", target, back]).exit_code == 0
    assert held(back, catalogue) == before

    # A database that holds anything is never copied into: nothing changes there.
    again = runner.invoke(args=["copy-database", source, target])
    assert again.exit_code != 0 and "already holds data" in again.output
    assert held(target, catalogue) == before

    # The copy serves: a PostgreSQL app reads the households copied from SQLite.
    served = create_app({"TESTING": True, "DATABASE": target})
    try:
        rid = next(iter(before[0]))
        assert served.test_client().get(f"/api/households/{rid}").json["days"] == before[0][rid].days
    finally:
        served.extensions["paraat.storage"].close()
