"""`flask --app backend copy-database SOURCE TARGET`: move a service from SQLite to PostgreSQL, or back.

SOURCE and TARGET are each a SQLite file or a postgresql:// address. The target is brought up to date
with the named migrations and must hold nothing yet. Everything is read from one snapshot of the source
and written in one transaction, which is committed only when every table holds as many rows as in the
source and the tallies equal a recount from the copied households.
"""
from pathlib import Path

import click
from flask.cli import with_appcontext

from . import Storage, storage, tallies
from .engine import shown

# In the order the foreign keys need. Households go in the order of their random codes, never of arrival.
TABLES = {"households": "id", "household_items": "household_id, checklist, item",
          **{t: ", ".join(k) for t, k in tallies.KEYS.items()},
          "public_figure": "day", "officials": "email", "meta": "key", "refused_writes": "day"}
CHUNK = 5000


def copy(source, target):
    """Copy every table from Storage `source` to Storage `target`; {table: rows}."""
    src, dst = source.connect(), target.connect()
    try:
        if any(target.counts(dst).values()) or dst.execute("SELECT COUNT(*) FROM officials").fetchone()[0]:
            raise click.ClickException(f"{shown(target.path)} already holds data: copy into an empty database only.")
        copied = {}
        with src.atomic(), target.writing(dst):
            for table, order in TABLES.items():
                cursor = src.execute(f"SELECT * FROM {table} ORDER BY {order}")
                columns = [c[0] for c in cursor.description]
                insert = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"
                copied[table] = 0
                while rows := cursor.fetchmany(CHUNK):
                    dst.conn.executemany(insert, [tuple(r) for r in rows])
                    copied[table] += len(rows)
            for table, rows in copied.items():
                held = dst.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
                if held != rows:
                    raise click.ClickException(f"{table}: {held} rows arrived of {rows}; nothing was kept.")
            if tallies.stored(dst) != tallies.recount(dst, target.read):
                raise click.ClickException("The copied tallies differ from a recount of the copied households; "
                                           "nothing was kept.")
        return copied
    finally:
        src.conn.close()
        dst.conn.close()


@click.command("copy-database")
@click.argument("source")
@click.argument("target")
@with_appcontext
def copy_database_command(source, target):
    """Copy SOURCE into the empty TARGET (each a SQLite file or a postgresql:// address), checked."""
    for location in (source, target):
        if location.startswith("postgres"):
            continue
        if location is source and not Path(location).exists():
            raise click.ClickException(f"{location} does not exist.")
    catalogue = storage().catalogue
    stores = [Storage(source, catalogue), Storage(target, catalogue)]
    try:
        for store in stores:
            store.migrate()
        copied = copy(*stores)
    finally:
        for store in stores:
            store.close()
    click.echo(f"Copied {copied['households']} households, {copied['officials']} officials' accounts and "
               f"every tally from {shown(source)} to {shown(target)}; counts and a tally recount agree.")
