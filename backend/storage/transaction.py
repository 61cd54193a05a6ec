"""A write transaction, explicit: the connection it runs on, its savepoints, and the tally changes waiting for
its commit."""
from contextlib import contextmanager

from . import tallies


class Transaction:
    """One write transaction, or a savepoint in one already open on the connection (all or nothing still).

    Tally changes wait here, one level per savepoint, and are written once, added up, just before the
    outermost level ends: a batch of ticks moves each tally row once. A refused savepoint takes its
    waiting changes with it.
    """

    def __init__(self, db):
        self.db = db
        self._levels = []

    @contextmanager
    def _level(self):
        db = self.db
        outer = not db.conn.in_transaction  # takes the lock up front, so writers queue instead of failing
        db.execute("BEGIN IMMEDIATE" if outer else "SAVEPOINT change")
        self._levels.append({})
        try:
            yield self
            if len(self._levels) == 1:  # the outermost level writes what it gathered
                tallies.write(db, self._levels[-1])
        except BaseException:
            self._levels.pop()
            if outer:
                db.conn.rollback()
            else:
                db.execute("ROLLBACK TO change")
                db.execute("RELEASE change")
            raise
        done = self._levels.pop()
        if self._levels:
            tallies.add_up(self._levels[-1], done)
        db.execute("COMMIT" if outer else "RELEASE change")

    def move(self, changes):
        """Tally changes of a write in this transaction: they wait to be written with the commit."""
        tallies.add_up(self._levels[-1], changes)

    def pending_national(self):
        """(households, ready, their two cell keys) that this transaction's waiting changes add nationally."""
        return tallies.pending_national(self._levels)


@contextmanager
def writing(target):
    """A write transaction on a connection, or a savepoint inside the Transaction `target`; yields the Transaction."""
    transaction = target if isinstance(target, Transaction) else Transaction(target)
    with transaction._level():
        yield transaction
