"""The writer: concurrent changes share one commit, each all or nothing, and a fault is no dead end."""
import sqlite3
import threading

import pytest
from sqlite_utils import Database

from backend.storage import Storage
from backend.storage.writer import Writer


@pytest.fixture
def made(tmp_path):
    path = str(tmp_path / "w.sqlite3")
    setup = sqlite3.connect(path)
    setup.execute("CREATE TABLE rows (n INTEGER)")
    setup.commit()
    setup.close()
    fault = {"read_only": False, "commit": False}

    class Faulty(Database):
        """A database whose COMMIT fails while fault["commit"] is set (a full disk, an I/O error)."""

        def execute(self, sql, parameters=None):
            if sql == "COMMIT" and fault["commit"]:
                raise sqlite3.OperationalError("disk I/O error")
            return super().execute(sql, parameters)

    def connect():
        db = Faulty(sqlite3.connect(path, check_same_thread=False))
        if fault["read_only"]:
            db.execute("PRAGMA query_only = ON")
        return db

    writer = Writer(connect, Storage.writing, path + ".lock")
    yield writer, path, fault
    writer.close()


def stored(path):
    db = sqlite3.connect(path)
    try:
        return sorted(n for (n,) in db.execute("SELECT n FROM rows"))
    finally:
        db.close()


def test_a_refused_change_undoes_only_itself_in_a_shared_commit(made):
    writer, path, _ = made
    outcomes = {}

    def change(n):
        def work(tx):
            tx.db.execute("INSERT INTO rows VALUES (?)", [n])
            if n % 3 == 0:
                raise LookupError(n)  # after writing: the savepoint must take the row back
            return n
        try:
            outcomes[n] = writer.run(work)
        except LookupError:
            outcomes[n] = "refused"

    threads = [threading.Thread(target=change, args=(n,)) for n in range(60)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert stored(path) == [n for n in range(60) if n % 3]
    assert all(outcomes[n] == ("refused" if n % 3 == 0 else n) for n in range(60))


def test_a_database_fault_fails_the_whole_batch_and_the_next_write_works_again(made):
    writer, path, fault = made
    fault["read_only"] = True
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        writer.run(lambda tx: tx.db.execute("INSERT INTO rows VALUES (1)"))
    fault["read_only"] = False
    writer.run(lambda tx: tx.db.execute("INSERT INTO rows VALUES (2)"))
    assert stored(path) == [2]


def test_a_database_error_in_one_change_fails_every_change_of_its_batch(made):
    """A refusal undoes one change; a database error means the commit itself is in doubt: all of it goes."""
    writer, path, _ = made
    busy, held, queued = threading.Event(), threading.Event(), []

    def hold(_tx):
        busy.set()
        held.wait(10)  # the writer is busy: what comes meanwhile waits, to be one batch

    first = threading.Thread(target=writer.run, args=(hold,))
    first.start()
    assert busy.wait(10)

    def change(n):
        def work(tx):
            if n == 3:
                tx.db.execute("INSERT INTO no_such_table VALUES (1)")
            tx.db.execute("INSERT INTO rows VALUES (?)", [n])
        try:
            writer.run(work)
            queued.append((n, "stored"))
        except sqlite3.Error:
            queued.append((n, "failed"))

    threads = [threading.Thread(target=change, args=(n,)) for n in range(6)]
    for t in threads:
        t.start()
    while writer._queue.qsize() < len(threads):  # every change waits behind the held one
        threading.Event().wait(0.01)
    held.set()
    for t in [first, *threads]:
        t.join()
    assert sorted(queued) == [(n, "failed") for n in range(6)]
    assert stored(path) == []


def test_a_failed_commit_is_an_error_for_every_change_and_never_an_answer(made):
    """An answer means the write is in the file: when COMMIT itself fails, no change hears a result."""
    writer, path, fault = made
    fault["commit"] = True
    with pytest.raises(sqlite3.OperationalError, match="disk I/O"):
        writer.run(lambda tx: tx.db.execute("INSERT INTO rows VALUES (1)") and "stored")
    fault["commit"] = False
    assert stored(path) == []  # the uncommitted row went with the connection
    assert writer.run(lambda tx: tx.db.execute("INSERT INTO rows VALUES (2)") and "stored") == "stored"
    assert stored(path) == [2]
