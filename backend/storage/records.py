"""A household's rows: its code, writing it with the tallies it moves, reading it back, and the national figure
as it stood when the day began (Storage inherits these; the caller's transaction is explicit: transaction.py)."""
import json
import re
import secrets
import sqlite3
from contextlib import contextmanager
from datetime import date, timedelta

from .. import progress
from ..answers import Answers
from ..checklists import Household
from . import tallies

ID_PATTERN = re.compile(r"\A[A-Za-z0-9_-]{24}\Z")


def new_id():
    """144 random bits, made by the server; the only key to a record."""
    return secrets.token_urlsafe(18)


def new_record_key():
    """A household's record key, 0-255 at random: only ever added into cell keys (tallies.py, stats.py)."""
    return secrets.randbelow(tallies.KEY_RANGE)


def valid_id(value):
    return isinstance(value, str) and bool(ID_PATTERN.match(value))



class TokenUsed(LookupError):
    """This creation token has saved a household already."""


class NotFound(LookupError):
    """No household under this id (never made, or forgotten)."""


# Fields in the order write() and load_many() give them: the changeable ones first, then the fixed three.
INSERT_HOUSEHOLD = ("INSERT INTO households (versions, lang, adults, children, infants, pets, care, days, region, "
                    "updated_day, ready, complete, ready_day, id, created_day, rkey) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")


class Records:
    """Needs `catalogue` (the checklists) and `_versions` (their versions as stored) from Storage."""

    def write(self, tx, record_id, answers, created_day, today, before=None):
        """Store a household and move the tallies by what changed, in the caller's Transaction `tx`.

        `before` is the household's stored (answers, row) when it is changed; a new one gets a record key.
        """
        status = progress.status(self.catalogue, answers)
        old_row = before[1] if before else None
        ready_day = None
        if status.ready:
            ready_day = old_row["ready_day"] if old_row and old_row["ready"] and old_row["ready_day"] else today
        h = answers.household
        row = {"created_day": created_day, "ready": int(status.ready),
               "complete": json.dumps(sorted(status.complete)), "ready_day": ready_day,
               "rkey": old_row["rkey"] if old_row else new_record_key()}
        fields = [self._versions, answers.lang, h.adults, h.children, h.infants, h.pets, int(h.care),
                  answers.days, answers.region, today, row["ready"], row["complete"], ready_day]
        ticks = {(cid, item) for cid, items in answers.checked.items() for item in items}
        if before is None:
            tx.db.conn.execute(INSERT_HOUSEHOLD, [*fields, record_id, created_day, row["rkey"]])
            had = set()
        else:
            tx.db.conn.execute("UPDATE households SET versions = ?, lang = ?, adults = ?, children = ?, infants = ?, "
                               "pets = ?, care = ?, days = ?, region = ?, updated_day = ?, ready = ?, complete = ?, "
                               "ready_day = ? WHERE id = ?", [*fields, record_id])
            had = {(cid, item) for cid, items in before[0].checked.items() for item in items}
        # Only the ticks that changed: a tick is one row in, an untick one row out.
        if had - ticks:
            tx.db.conn.executemany("DELETE FROM household_items WHERE household_id = ? AND checklist = ? AND item = ?",
                                   [(record_id, *tick) for tick in had - ticks])
        if ticks - had:
            tx.db.conn.executemany("INSERT INTO household_items VALUES (?, ?, ?)",
                                   [(record_id, *tick) for tick in ticks - had])
        tx.move(tallies.moved(before, (answers, row)) if before else tallies.contributions(answers, row))

    def read(self, db, record_id):
        """A stored household's answers and row, or None."""
        cursor = db.conn.execute("SELECT * FROM households WHERE id = ?", [record_id])
        found = cursor.fetchone()
        if found is None:
            return None
        row = dict(zip([c[0] for c in cursor.description], found))
        checked = {cid: [] for cid in self.catalogue}
        for cid, item in db.conn.execute("SELECT checklist, item FROM household_items WHERE household_id = ? "
                                         "ORDER BY checklist, item", [record_id]):
            checked.setdefault(cid, []).append(item)
        answers = Answers(
            lang=row["lang"],
            household=Household(row["adults"], row["children"], row["infants"], row["pets"],
                                bool(row["care"])),
            days=row["days"], region=row["region"],
            checked={cid: tuple(items) for cid, items in checked.items()},
        )
        return answers, row

    @staticmethod
    def _day_begins(tx, today):
        """Keep the national figure as it stood before the day's first change (see national()); forget
        tokens used two days ago and before (a token lives an hour: none of them can be valid any more).

        Two servers may both find the day unkept: the first to commit keeps it.
        """
        if tx.db.conn.execute("SELECT 1 FROM public_figure WHERE day = ?", [today]).fetchone() is None:
            before = (date.fromisoformat(today) - timedelta(days=1)).isoformat()
            tx.db.conn.execute("DELETE FROM used_tokens WHERE day < ?", [before])
            stored = tallies.national(tx.db)
            waiting = tx.pending_national()  # earlier changes of this transaction, not yet written
            tx.db.conn.execute("INSERT INTO public_figure (day, households, ready, households_key, ready_key) "
                               "VALUES (?, ?, ?, ?, ?) ON CONFLICT (day) DO NOTHING",
                               [today, stored[0] + waiting[0], stored[1] + waiting[1],
                                (stored[2] + waiting[2]) % tallies.KEY_RANGE,
                                (stored[3] + waiting[3]) % tallies.KEY_RANGE])

    def create(self, db, answers, today=None, nonce=None):
        """A new household; with a token's nonce, that token is used up in the same transaction.

        `db` is a connection (a transaction of its own) or a Transaction (a savepoint in it); so are update's,
        delete's and load_many's."""
        today = (today or date.today()).isoformat()
        record_id = new_id()
        with self.writing(db) as tx:
            self._day_begins(tx, today)
            if nonce is not None:
                try:
                    tx.db.conn.execute("INSERT INTO used_tokens VALUES (?, ?)", [nonce, today])
                except sqlite3.IntegrityError:
                    raise TokenUsed() from None
            self.write(tx, record_id, answers, today, today)
        return record_id

    @contextmanager
    def _changing(self, db, record_id, today):
        """A write transaction on a stored household: (the Transaction, its stored (answers, row)); NotFound if none."""
        with self.writing(db) as tx:
            before = self.read(tx.db, record_id)
            if before is None:
                raise NotFound(record_id)
            self._day_begins(tx, today)
            yield tx, before

    def update(self, db, record_id, answers, today=None):
        today = (today or date.today()).isoformat()
        with self._changing(db, record_id, today) as (tx, before):
            self.write(tx, record_id, answers, before[1]["created_day"], today, before)

    def delete(self, db, record_id, today=None):
        with self._changing(db, record_id, (today or date.today()).isoformat()) as (tx, before):
            tx.move(tallies.negated(tallies.contributions(*before)))
            tx.db.conn.execute("DELETE FROM household_items WHERE household_id = ?", [record_id])
            tx.db.conn.execute("DELETE FROM households WHERE id = ?", [record_id])

    def load_many(self, db, households, record_key=new_record_key):
        """Add many households in one transaction, counting them in as create() would.

        `households` yields (answers, created_day, updated_day); a ready one
        became ready on its updated_day; `record_key()` gives each its record
        key (demo data draws them from its seed). For demonstration and
        benchmark data: citizens' saves go through create() and update().
        """
        total, statuses = {}, {}
        with self.writing(db) as tx:
            self._day_begins(tx, date.today().isoformat())
            for answers, created_day, updated_day in households:
                key = (answers.household, tuple(sorted(answers.checked.items())))
                status = statuses.get(key) or statuses.setdefault(key, progress.status(self.catalogue, answers))
                record_id, h = new_id(), answers.household
                row = {"created_day": created_day, "ready": int(status.ready), "complete": status.complete,
                       "ready_day": updated_day if status.ready else None, "rkey": record_key()}
                tx.db.conn.execute(INSERT_HOUSEHOLD, [self._versions, answers.lang, h.adults, h.children, h.infants,
                                                      h.pets, int(h.care), answers.days, answers.region, updated_day,
                                                      row["ready"], json.dumps(sorted(status.complete)),
                                                      row["ready_day"], record_id, created_day, row["rkey"]])
                tx.db.conn.executemany("INSERT INTO household_items VALUES (?, ?, ?)",
                                       [(record_id, cid, item) for cid, items in answers.checked.items()
                                        for item in items])
                tallies.add_up(total, tallies.contributions(answers, row))
            tx.move(total)

    def get(self, db, record_id):
        with db.atomic():  # the row and its items from one snapshot
            found = self.read(db, record_id)
        return found[0] if found else None

    @staticmethod
    def national(db, today):
        """Households and ready households as they stood when `today` began: raw (count, cell key) pairs,
        for stats.py to protect.

        Every write first keeps that figure for its day, so it cannot move
        during the day, not even when an older household changes.
        """
        kept = db.execute("SELECT households, ready, households_key, ready_key FROM public_figure WHERE day = ?",
                          [today.isoformat()]).fetchone()
        if kept is None:  # nothing changed yet today: the tallies still are the day's start
            kept = tallies.national(db)
        return {"households": (kept[0], kept[2]), "ready": (kept[1], kept[3])}
