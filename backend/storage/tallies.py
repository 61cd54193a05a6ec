"""The officials' tallies: what every household adds, kept in step with every write.

Each row is keyed by a breakdown (`dim`: all, region, lang, band or days), one
of its values ('' for all, and for a region not given) and a day: the day the
household was first saved, or for `tally_ready` the day it became ready.
Only one breakdown at a time is ever kept together, so the tables stay a few
rows per day and breakdown value however many households there are, and no
combined table exists that figures could be subtracted from.

- tally_households: households; ready (every checklist complete); per longer
  days goal (goals.py) ready_7, ready_10: ready with a goal at least that long;
- tally_checklists: per checklist, households that ticked anything in it and
  that have it complete;
- tally_items: per checklist item, households that have it;
- tally_ready: households that became ready on that day and still are.
A write adds only the difference between what the household counted before
and what it counts now, so ticking one item moves a handful of rows.

Each figure's row is split in shards (`shard`, 0 to the engine's `tally_shards`
- 1): a transaction moves its rows in one shard it picks at random, so on
PostgreSQL concurrent writers seldom wait for the same row (on SQLite, one
writer at a time, there is one shard). Only the sum over the shards means
anything (a shard may even hold a negative count): every read adds them up.

Beside each count, a row keeps its cell key: the sum of the record keys
(0-255, one per household, random) of the households it counts, modulo 256.
It moves with the count, so any cell's key (a region over a month, a total)
is the sum of its rows' keys and needs no scan. stats.py draws a cell's noise
from it: the same households always get the same noise.
"""
import json
import random
from collections import defaultdict

from .. import goals, progress

DIMENSIONS = ("region", "lang", "band", "days")
ALL = ("all", "")

MEASURES = {
    "tally_households": ("households", *goals.READY_COLUMNS),  # ready, ready_7, ready_10
    "tally_checklists": ("started", "complete"),
    "tally_items": ("households",),
    "tally_ready": ("households",),
}
KEY_RANGE = 256  # record keys run from 0 to 255; cell keys are sums modulo this
KEYS = {
    "tally_households": ("dim", "day", "value"),
    "tally_checklists": ("dim", "day", "value", "checklist"),
    "tally_items": ("dim", "day", "value", "checklist", "item"),
    "tally_ready": ("dim", "day", "value"),
}
# A count's cell key is in the column named after it: households_key beside households.
CELL_KEYS = {table: tuple(f"{m}_key" for m in measures) for table, measures in MEASURES.items()}
SHARD = "shard"  # part of every row's primary key, after KEYS; never part of a figure


def _upsert(table, keys):
    return (f"INSERT INTO {table} ({', '.join((*keys, *MEASURES[table], *CELL_KEYS[table]))}) "
            f"VALUES ({', '.join('?' * (len(keys) + 2 * len(MEASURES[table])))}) "
            f"ON CONFLICT ({', '.join(keys)}) DO UPDATE SET "
            + ", ".join([f"{m} = {table}.{m} + excluded.{m}" for m in MEASURES[table]]
                        + [f"{k} = ({table}.{k} + excluded.{k}) % {KEY_RANGE}" for k in CELL_KEYS[table]]))


_UPSERT = {table: _upsert(table, (*KEYS[table], SHARD)) for table in MEASURES}
_UPSERT_UNSHARDED = {table: _upsert(table, KEYS[table]) for table in MEASURES}  # before migration 0012


def groups(answers):
    """The (breakdown, value) pairs a household is counted under."""
    return [ALL, ("region", answers.region or ""), ("lang", answers.lang),
            ("band", progress.size_band(answers.household)), ("days", str(answers.days))]


def _own(answers, row):
    """What one household counts, before it is repeated under each of its groups: {(table, day, ...): measures}.

    Each row's measures are its counts, then the same counts times the household's record key.
    """
    found = _counted(answers, row)
    key = row["rkey"]
    return {where: counts + [key * n for n in counts] for where, counts in found.items()}


def _counted(answers, row):
    complete = row["complete"]
    complete = set(json.loads(complete)) if isinstance(complete, str) else set(complete)
    ready = bool(row["ready"])
    day, ready_day = row["created_day"], row["ready_day"]
    found = {("tally_households", day): [1, *(int(ready and answers.days >= d) for d in goals.DAY_CHOICES)]}
    for cid, items in answers.checked.items():
        if items or cid in complete:
            found[("tally_checklists", day, cid)] = [int(bool(items)), int(cid in complete)]
        for item in items:
            found[("tally_items", day, cid, item)] = [1]
    if ready and ready_day:
        found[("tally_ready", ready_day)] = [1]
    return found


def _under(own, pairs):
    return {(table, dim, day, value, *rest): measures
            for (table, day, *rest), measures in own.items() for dim, value in pairs}


def contributions(answers, row):
    """What one stored household adds: {(table, key...): [measure, ...]}.

    `row` holds what the household row keeps: created_day, ready, complete
    (JSON list or set) and ready_day.
    """
    return _under(_own(answers, row), groups(answers))


def moved(before, after):
    """What changing a stored household from `before` to `after` (each (answers, row)) moves.

    A tick leaves the household in the same groups: then the difference is
    worked out once and repeated under each group, not once per group.
    """
    if groups(before[0]) == groups(after[0]):
        return _under(difference(_own(*before), _own(*after)), groups(after[0]))
    return difference(contributions(*before), contributions(*after))


def difference(before, after):
    """after - before, leaving out rows that do not move."""
    changes = {}
    for key in before.keys() | after.keys():
        old, new = before.get(key), after.get(key)
        width = len(old or new)
        delta = [(new[i] if new else 0) - (old[i] if old else 0) for i in range(width)]
        if any(delta):
            changes[key] = delta
    return changes


def negated(found):
    return {key: [-m for m in measures] for key, measures in found.items()}


def write(db, changes, sharded=True):
    """In one order, tables and rows sorted, all in one shard picked at random: two PostgreSQL writers that
    picked the same shard and move the same rows then wait for each other instead of each holding a row the
    other needs (a deadlock); writers in different shards do not wait at all."""
    shard = (random.randrange(getattr(db, "tally_shards", 1)),) if sharded else ()
    per_table = defaultdict(list)
    for (table, *key), measures in sorted(reduced(changes).items()):
        if any(measures):
            per_table[table].append((*key, *shard, *measures))
    upsert = _UPSERT if sharded else _UPSERT_UNSHARDED
    for table in MEASURES:
        if per_table[table]:
            db.conn.executemany(upsert[table], per_table[table])


def pending_national(levels):
    """(households, ready, their two cell keys) that waiting changes (a transaction's levels) add nationally."""
    totals = [0, 0, 0, 0]
    width = len(MEASURES["tally_households"])
    for level in levels:
        for (table, dim, *_key), measures in level.items():
            if table == "tally_households" and dim == "all":
                for i, at in enumerate((0, 1, width, width + 1)):
                    totals[i] += measures[at]
    return [totals[0], totals[1], totals[2] % KEY_RANGE, totals[3] % KEY_RANGE]


def reduced(found):
    """The key halves of every row's measures taken modulo 256 (never negative), as rows store them."""
    out = {}
    for key, measures in found.items():
        half = len(measures) // 2
        out[key] = [*measures[:half], *(k % KEY_RANGE for k in measures[half:])]
    return out


def add_up(total, found):
    """Add contributions (one household's, or a savepoint's gathered ones) to a running total."""
    for key, measures in found.items():
        have = total.get(key)
        total[key] = list(measures) if have is None else [a + b for a, b in zip(have, measures)]


# Reads for the officials' figures: raw counts with their cell keys, (count, key), for stats.py to protect.
def span(first, last):
    return first.isoformat() if first else "", last.isoformat() if last else "9999"


def _pairs(sums, width):
    """SUM(count)..., SUM(key)... -> ((count, key % 256), ...)."""
    return tuple((sums[i], sums[width + i] % KEY_RANGE) for i in range(width))


def _summed(db, table, keys, dim, first, last, value):
    """The table's measures added up per `keys`, for one breakdown (and one of its values, if given)."""
    sums = [f"SUM({c})" for c in (*MEASURES[table], *CELL_KEYS[table])]
    sql = f"SELECT {', '.join(keys)}, {', '.join(sums)} FROM {table} WHERE dim = ? AND day BETWEEN ? AND ?"
    args = [dim, *span(first, last)]
    if value is not None:
        sql, args = sql + " AND value = ?", args + [value]
    width = len(MEASURES[table])
    return [(*row[:len(keys)], *_pairs(row[len(keys):], width))
            for row in db.execute(sql + f" GROUP BY {', '.join(keys)}", args).fetchall()]


def national(db):
    """(households, ready, households' cell key, ready's cell key) in the whole country, as stored."""
    n, ready, n_key, ready_key = db.execute(
        "SELECT COALESCE(SUM(households), 0), COALESCE(SUM(ready), 0), COALESCE(SUM(households_key), 0), "
        "COALESCE(SUM(ready_key), 0) FROM tally_households WHERE dim = 'all'").fetchone()
    return n, ready, n_key % KEY_RANGE, ready_key % KEY_RANGE


def households(db, dim, first=None, last=None, value=None):
    """{value: (households, ready per days goal...)}, each a (count, cell key), for one breakdown (or value)."""
    return {r[0]: tuple(r[1:]) for r in _summed(db, "tally_households", ["value"], dim, first, last, value)}


def checklists(db, dim, first=None, last=None, value=None):
    """{value: {checklist: (started, complete)}}, each a (count, cell key)."""
    found = defaultdict(dict)
    for v, cid, started, complete in _summed(db, "tally_checklists", ["value", "checklist"], dim, first, last,
                                             value):
        found[v][cid] = (started, complete)
    return dict(found)


def items(db, dim, value, first=None, last=None):
    """{(checklist, item): (households, cell key)} for one group."""
    return {(cid, item): n for cid, item, n in _summed(db, "tally_items", ["checklist", "item"], dim, first, last,
                                                       value)}


def per_day(db, dim, value, first=None, last=None):
    """{day: (households first saved that day, households that became ready that day)}, each (count, key)."""
    days = span(first, last)
    new = {day: (n, k % KEY_RANGE) for day, n, k in db.execute(
        "SELECT day, SUM(households), SUM(households_key) FROM tally_households WHERE dim = ? AND day BETWEEN ? "
        "AND ? AND value = ? GROUP BY day", [dim, *days, value]).fetchall()}
    ready = {day: (n, k % KEY_RANGE) for day, n, k in db.execute(
        "SELECT day, SUM(households), SUM(households_key) FROM tally_ready WHERE dim = ? AND day BETWEEN ? AND ? "
        "AND value = ? GROUP BY day", [dim, *days, value]).fetchall()}
    return {day: (new.get(day, (0, 0)), ready.get(day, (0, 0))) for day in sorted(new.keys() | ready.keys())}


def first_and_last_day(db):
    return db.execute("SELECT MIN(day), MAX(day) FROM tally_households WHERE dim = 'all'").fetchone()


def recount(db, read_household):
    """The tallies as a recount from the households would make them (for checks)."""
    total = {}
    for (record_id,) in db.execute("SELECT id FROM households").fetchall():
        answers, row = read_household(db, record_id)
        add_up(total, contributions(answers, row))
    return reduced(total)


def stored(db):
    """The tallies as stored, their shards added up, without rows that add up to nothing."""
    found = {}
    for table, keys in KEYS.items():
        for row in db.execute(f"SELECT {', '.join((*keys, *MEASURES[table], *CELL_KEYS[table]))} FROM {table}"):
            add_up(found, {(table, *row[:len(keys)]): list(row[len(keys):])})
    return {key: measures for key, measures in reduced(found).items() if any(measures)}
