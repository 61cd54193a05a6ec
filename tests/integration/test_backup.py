"""A consistent copy while the service runs, and the service running again from that copy."""
import sqlite3
import threading

from backend import create_app


def test_a_backup_taken_during_writes_restores_to_a_working_service(app, client, tmp_path):
    ids = [client.post("/api/households", json={"lang": "nl", "household": {"adults": 2},
                                                "checked": {"water": ["drinking-water"]}}).json["id"]
           for _ in range(20)]
    writer_client = app.test_client()
    stop = threading.Event()

    def keep_writing():
        while not stop.is_set():
            writer_client.post("/api/households", json={"lang": "en", "household": {"adults": 1}})

    writer = threading.Thread(target=keep_writing)
    writer.start()
    try:
        result = app.test_cli_runner().invoke(args=["backup", str(tmp_path / "copy.sqlite3")])
    finally:
        stop.set()
        writer.join()
    assert result.exit_code == 0 and "integrity check: ok" in result.output
    assert (tmp_path / "copy.sqlite3").stat().st_mode & 0o777 == 0o600
    copy = sqlite3.connect(tmp_path / "copy.sqlite3")
    assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert copy.execute("SELECT COUNT(*) FROM households").fetchone()[0] >= 20
    copy.close()

    # Restoring is putting the copy where the service looks (README: Backup and restore).
    restored = create_app({"TESTING": True, "DATABASE": str(tmp_path / "copy.sqlite3")})
    answer = restored.test_client().get(f"/api/households/{ids[0]}")
    assert answer.status_code == 200 and answer.json["checked"]["water"] == ["drinking-water"]


def test_a_backup_never_overwrites_a_file(app, tmp_path):
    existing = tmp_path / "taken.sqlite3"
    existing.write_text("keep me")
    result = app.test_cli_runner().invoke(args=["backup", str(existing)])
    assert result.exit_code != 0 and "already exists" in result.output
    assert existing.read_text() == "keep me"
