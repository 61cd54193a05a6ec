"""What differs between the two engines, and nothing else.

SQLite (a file; the default, one machine) through sqlite-utils, or PostgreSQL
(`PARAAT_DATABASE=postgresql://...`, shared by several app servers) through
psycopg 3 and its pool. The SQL stays where it is, written once for both: a
PostgreSQL connection is wrapped to look like the sqlite-utils Database the
storage code uses, and the few words SQLite has that PostgreSQL lacks are
rewritten here (`translate`).
"""
import os
import re
import sqlite3
import threading
from contextlib import contextmanager
from functools import lru_cache

import psycopg
from sqlite_utils import Database

# The database cannot be used now (a full or read-only disk, no connection): 503, and try again later.
FAULTS = (sqlite3.OperationalError, psycopg.OperationalError)

def private_file(path):
    """Made readable by this user only before SQLite opens it: SQLite gives its -wal and -shm files the
    database's own permissions. A file made earlier loses any access for others."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        mode = os.stat(path).st_mode & 0o777
        if mode & 0o007:
            os.chmod(path, mode & 0o770)
    else:
        os.close(fd)


def open_engine(location):
    if location.startswith(("postgresql://", "postgres://")):
        return Postgres(location)
    return SQLite(location)


class SQLite:
    name = "sqlite"
    errors = (sqlite3.Error,)  # a database error: the whole batch is undone
    faults = (sqlite3.OperationalError,)  # the database cannot be used now: 503, try again
    retry = ()  # errors worth running the same transaction again for
    batched = True  # one writer thread per process gathers requests into one commit (writer.py)

    def __init__(self, path):
        self.path = path
        self.lock_path = f"{path}.writer-lock"  # server processes take turns writing (writer.py)

    def connect(self):
        private_file(self.path)
        conn = sqlite3.connect(self.path, timeout=5, check_same_thread=False)
        conn.execute("PRAGMA busy_timeout = 5000")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA synchronous = NORMAL")
        # A forgotten household's bytes are overwritten, not left in free pages (some builds default to off).
        conn.execute("PRAGMA secure_delete = ON")
        return Database(conn)

    def prepare(self, db):
        """Before migrating: the journal that lets readers read while one writes."""
        if db.journal_mode != "wal":
            db.enable_wal()

    def migration_lock(self, db):
        pass  # BEGIN IMMEDIATE already makes a second migrating process wait

    keeps_reader = True  # a thread keeps its SQLite connection: opening one costs more than a read

    def reader(self):
        return self.connect()

    def release(self, db):
        pass

    def close(self):
        pass


class Postgres:
    name = "postgresql"
    # Measured (README, Capacity): a transaction per request on a pooled connection beats one writer thread
    # per process, whose every statement waits a round trip to the server in turn.
    batched = os.environ.get("PARAAT_PG_WRITES", "direct") == "batched"
    keeps_reader = False  # a request's connection goes back to the pool when the request ends

    def __init__(self, url):
        import psycopg
        import psycopg.errors

        self.path = url
        self.lock_path = None  # PostgreSQL's own row locks let many writers in at once
        self.errors = (psycopg.Error,)
        self.faults = (psycopg.OperationalError,)  # no connection, the server gone or refusing (pool timeouts too)
        self.retry = (psycopg.errors.DeadlockDetected, psycopg.errors.SerializationFailure)
        self._pool, self._pool_pid, self._pool_lock = None, None, threading.Lock()

    def connect(self):
        import psycopg

        return PgDatabase(psycopg.connect(self.path, autocommit=True))

    def prepare(self, db):
        pass

    def migration_lock(self, db):
        """Two app servers starting at once: the second waits for the first one's migrations."""
        db.execute("SELECT pg_advisory_xact_lock(7209)")

    def pool(self):
        """This process's pool (a forked server process opens its own: connections are not shared over fork)."""
        if self._pool_pid != os.getpid():
            with self._pool_lock:
                if self._pool_pid != os.getpid():
                    from psycopg_pool import ConnectionPool

                    size = int(os.environ.get("PARAAT_THREADS", "8")) + 2
                    self._pool = ConnectionPool(self.path, min_size=1, max_size=size, timeout=10,
                                                kwargs={"autocommit": True}, open=True,
                                                name="paraat")
                    self._pool_pid = os.getpid()
        return self._pool

    @contextmanager
    def pooled(self):
        pool = self.pool()
        with pool.connection() as conn:
            yield PgDatabase(conn)

    def reader(self):
        return PgDatabase(self.pool().getconn(), pooled=True)

    def release(self, db):
        if db is not None and db.pooled and self._pool_pid == os.getpid():
            self._pool.putconn(db.conn.raw)

    def close(self):
        if self._pool is not None and self._pool_pid == os.getpid():
            self._pool.close()
        self._pool = self._pool_pid = None


def shown(location):
    """A database's location as it may be printed: a PostgreSQL address without its password."""
    return re.sub(r"://([^:/@]*):[^@/]*@", r"://\1:***@", location)


@lru_cache(maxsize=512)
def translate(sql, placeholders=True):
    """SQLite's SQL as PostgreSQL reads it: placeholders, and the few words only SQLite knows.

    With placeholders, psycopg reads `%` as the start of one: SQL's own `%` (modulo) is doubled."""
    if placeholders:
        sql = sql.replace("%", "%%")
    sql = sql.replace("?", "%s").replace(" WITHOUT ROWID", "").replace("BEGIN IMMEDIATE", "BEGIN")
    return re.sub(r"\btemp\.", "pg_temp.", sql)


class PgConnection:
    """The part of sqlite3.Connection the storage code uses, on a psycopg connection in autocommit mode
    (transactions are begun and ended by the storage code's own BEGIN, SAVEPOINT and COMMIT)."""

    def __init__(self, raw):
        self.raw = raw

    def execute(self, sql, params=None):
        return self.raw.execute(translate(sql, bool(params)), params if params else None)

    def executemany(self, sql, rows):
        cursor = self.raw.cursor()
        cursor.executemany(translate(sql), list(rows))
        return cursor

    @property
    def in_transaction(self):
        from psycopg.pq import TransactionStatus

        return self.raw.info.transaction_status != TransactionStatus.IDLE

    def commit(self):
        if self.in_transaction:
            self.raw.execute("COMMIT")

    def rollback(self):
        if self.in_transaction:
            self.raw.execute("ROLLBACK")

    def close(self):
        self.raw.close()


class PgDatabase:
    """The part of sqlite_utils.Database the storage code uses."""

    # Each transaction moves the tallies in one of this many rows per figure, chosen at random, so that
    # concurrent writers seldom wait on one row (tallies.py); SQLite, one writer at a time, uses one.
    tally_shards = 8

    def __init__(self, raw, pooled=False):
        self.conn, self.pooled = PgConnection(raw), pooled

    def execute(self, sql, params=None):
        return self.conn.execute(sql, params)

    def query(self, sql, params=None):
        cursor = self.conn.execute(sql, params)
        names = [c.name for c in cursor.description]
        for row in cursor:
            yield dict(zip(names, row))

    def __getitem__(self, name):
        return PgTable(self, name)

    def table_names(self):
        return [r[0] for r in self.execute("SELECT tablename FROM pg_tables WHERE schemaname = current_schema() "
                                           "ORDER BY tablename")]

    @contextmanager
    def atomic(self):
        """Reads from one snapshot (each statement would otherwise see the latest commit)."""
        outer = not self.conn.in_transaction
        if outer:
            self.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        try:
            yield self
        except BaseException:
            if outer:
                self.conn.rollback()
            raise
        if outer:
            self.conn.commit()


class PgTable:
    TYPES = {str: "TEXT", int: "INTEGER"}

    def __init__(self, db, name):
        self.db, self.name = db, name

    @property
    def count(self):
        return self.db.execute(f"SELECT COUNT(*) FROM {self.name}").fetchone()[0]

    @property
    def columns_dict(self):
        return {r[0]: r[1] for r in self.db.execute(
            "SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = current_schema() "
            "AND table_name = ?", [self.name])}

    def drop(self):
        self.db.execute(f"DROP TABLE {self.name}")

    def create(self, columns, pk, not_null=(), foreign_keys=()):
        """The table sqlite-utils would make from the same description (for the first migrations)."""
        keys = (pk,) if isinstance(pk, str) else tuple(pk)
        parts = [f"{c} {self.TYPES[t]}{' NOT NULL' if c in not_null else ''}" for c, t in columns.items()]
        parts.append(f"PRIMARY KEY ({', '.join(keys)})")
        parts += [f"FOREIGN KEY ({c}) REFERENCES {t}({o})" for c, t, o in foreign_keys]
        self.db.execute(f"CREATE TABLE {self.name} ({', '.join(parts)})")
