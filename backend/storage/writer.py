"""One writer per server process: the writes of concurrent requests share one transaction.

A request hands its change to the writer and waits. The writer takes every
change that is waiting, runs each in its own savepoint (a refused change
undoes only itself), commits once, and only then answers the requests. An
answer therefore always means the write is in the database file: it survives
a crash of the server process. With synchronous=NORMAL a power cut may lose
the last commits (see README, "Running in production").

On PostgreSQL the same batching means one commit and one move of each tally
row per batch, instead of every request waiting its turn on the national row.
"""
import fcntl
import os
import queue
import sqlite3
import threading
from contextlib import contextmanager

BATCH = 64  # at most this many changes in one commit, so no request waits behind a long queue


class _Change:
    __slots__ = ("work", "done", "result", "error")

    def __init__(self, work):
        # A lock held until the writer is done with this change: cheaper to wake than an Event.
        self.work, self.done, self.result, self.error = work, threading.Lock(), None, None
        self.done.acquire()


class Writer:
    def __init__(self, connect, writing, lock_path, errors=(sqlite3.Error,), retry=()):
        self._connect = connect
        self._lock_path = lock_path  # None: the engine lets several writers in at once (PostgreSQL)
        self._errors, self._retry = errors, retry
        self._lock_file = None
        self._writing = writing
        self._queue = queue.SimpleQueue()
        self._owner = None  # the process whose thread serves the queue (a fork starts its own)
        self._start = threading.Lock()
        self._db = None

    def run(self, work):
        """Run work(transaction) inside the next commit; return its result or raise its error once committed.

        `transaction` is storage's Transaction (transaction.py): its connection is `transaction.db`."""
        if self._owner != os.getpid():
            self._begin()
        change = _Change(work)
        self._queue.put(change)
        change.done.acquire()
        if change.error is not None:
            raise change.error
        return change.result

    def later(self, work):
        """Run work(transaction) in a coming commit without waiting for it (for counts that may be lost in a crash)."""
        if self._owner != os.getpid():
            self._begin()
        self._queue.put(_Change(work))

    def _begin(self):
        with self._start:
            if self._owner != os.getpid():
                # A forked process opens its own lock file: a shared one would be one lock for both.
                self._queue, self._db, self._lock_file = queue.SimpleQueue(), None, None
                threading.Thread(target=self._serve, args=(self._queue,), name="paraat-writer",
                                 daemon=True).start()
                self._owner = os.getpid()

    def close(self):
        """Let this process's writer thread finish what is queued and stop (the app is going away)."""
        if self._owner == os.getpid():
            self._queue.put(None)
            self._owner = None

    def _serve(self, changes):
        while True:
            first = changes.get()
            if first is None:
                self._discard()
                if self._lock_file is not None:
                    self._lock_file.close()
                    self._lock_file = None
                return
            batch = [first]
            while len(batch) < BATCH:
                try:
                    change = changes.get_nowait()
                except queue.Empty:
                    break
                if change is None:  # finish this batch, then stop
                    changes.put(None)
                    break
                batch.append(change)
            self._commit(batch)
            for change in batch:
                change.done.release()

    @contextmanager
    def _turn(self):
        """Writers of all server processes take turns here; the kernel wakes the next one at once.

        (SQLite's own busy wait sleeps up to 100 ms between tries: a long wait for a lock
        that another process holds for a millisecond.)
        """
        if self._lock_path is None:
            yield
            return
        if self._lock_file is None:
            self._lock_file = os.fdopen(os.open(self._lock_path, os.O_RDWR | os.O_CREAT | os.O_APPEND, 0o600), "a+b")
        fcntl.flock(self._lock_file, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(self._lock_file, fcntl.LOCK_UN)

    def _commit(self, batch):
        for attempt in range(3):
            try:
                return self._try(batch)
            except self._retry as error:  # PostgreSQL: two servers' batches locked each other's rows; go again
                for change in batch:
                    change.error, change.result = (error if attempt == 2 else None), None

    def _try(self, batch):
        try:
            if self._db is None:
                self._db = self._connect()
            with self._turn(), self._writing(self._db) as transaction:
                for change in batch:
                    try:
                        with self._writing(transaction):  # a savepoint: a refusal undoes only its own change
                            change.result = change.work(transaction)
                    except self._errors:
                        raise
                    except Exception as error:  # a refusal such as NotFound: the others still commit
                        change.error = error
        except self._retry:
            raise  # undone already (Storage.writing): _commit runs the batch again
        except (*self._errors, OSError) as error:
            # Nothing of this batch is in the database: every request in it hears so. A fresh
            # connection next time lets the service recover by itself once the fault is gone.
            # (The thread itself never dies: every later write would wait for it forever.)
            if not isinstance(error, self._errors):  # the lock file's disk: the same fault to the requests
                error = sqlite3.OperationalError(str(error))
            for change in batch:
                change.error, change.result = error, None
            self._discard()

    def _discard(self):
        db, self._db = self._db, None
        if db is not None:
            try:
                db.conn.close()
            except self._errors:
                pass
