"""The database's command-line tools: `flask --app backend init-db` and `backup PATH`."""
import os
import sqlite3
from pathlib import Path

import click
from flask.cli import with_appcontext

from . import storage
from .engine import shown


@click.command("backup")
@click.argument("path", type=click.Path(dir_okay=False, writable=True))
@with_appcontext
def backup_command(path):
    """Copy the database, consistently, to PATH while the service keeps running."""
    if storage().engine.name != "sqlite":
        raise click.ClickException("This database is PostgreSQL: back it up with pg_dump (README, Running in "
                                   "production).")
    target = Path(path)
    if target.exists():
        raise click.ClickException(f"{target} already exists: choose a new file, a backup never overwrites one.")
    # Only the service's own user may read it: it holds households' codes and officials' password hashes.
    os.close(os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    ok = "not copied"
    try:
        source, destination = sqlite3.connect(storage().path), sqlite3.connect(target)
        try:
            with destination:
                source.backup(destination)  # SQLite's online backup: one consistent snapshot
            ok = destination.execute("PRAGMA integrity_check").fetchone()[0]
        finally:
            destination.close()
            source.close()
    finally:
        if ok != "ok":
            target.unlink()
    if ok != "ok":
        raise click.ClickException(f"The copy failed its integrity check ({ok}); nothing was kept.")
    click.echo(f"Backed up {storage().path} to {target} (integrity check: ok).")


@click.command("init-db")
@with_appcontext
def init_db_command():
    """Create the database or bring it up to date."""
    applied = storage().migrate()
    click.echo(f"Database {shown(storage().path)}: " + (f"applied {', '.join(applied)}." if applied else "up to date."))
