"""A throwaway PostgreSQL server for tests and benchmarks: its own data directory, port and socket.

Debian's server binaries (`make test` installs the `postgresql` package when they are missing).
`initdb` and `postgres` refuse to run as root: as root they run as the `postgres` user the package
made. Durable as in production (fsync on): the tests and benchmarks measure what a real server does.
"""
import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path


def binaries():
    """The newest installed server's bin directory, or None."""
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"), key=lambda p: int(p.parent.parent.name))
    return found[-1].parent if found else None


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, settings=()):
        self.bin = binaries()
        if self.bin is None:
            raise RuntimeError("No PostgreSQL server found in /usr/lib/postgresql: run `make test`, which installs it.")
        self.dir = Path(tempfile.mkdtemp(prefix="paraat-pg-"))
        self.data, self.port = self.dir / "data", free_port()
        self.settings = settings
        self.as_user = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        self.databases, self.template = 0, None

    def _run(self, *args):
        subprocess.run([*self.as_user, *args], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)

    def start(self):
        if self.as_user:
            shutil.chown(self.dir, "postgres", "postgres")
        self._run(str(self.bin / "initdb"), "-D", str(self.data), "-A", "trust", "-U", "postgres", "--no-sync",
                  "-E", "UTF8", "--locale", "C")
        options = [f"-p {self.port}", f"-k {self.dir}", "-c listen_addresses=127.0.0.1", "-c max_connections=200",
                   *(f"-c {s}" for s in self.settings)]
        self._run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-o", " ".join(options), "-w", "-l",
                  str(self.dir / "log"), "start")
        return self

    def url(self, database="postgres"):
        return f"postgresql://postgres@127.0.0.1:{self.port}/{database}"

    def new_database(self, migrated=False):
        """A new database on this server, empty or with every migration done (copied from a template that
        is migrated once): one per test keeps tests apart cheaply."""
        import psycopg

        if migrated and not self.template:
            self.template = self.new_database()
            _migrate(self.template)
        self.databases += 1
        name = f"paraat_{os.getpid()}_{self.databases}"
        with psycopg.connect(self.url(), autocommit=True) as conn:
            template = f" TEMPLATE {self.template.rsplit('/', 1)[1]}" if migrated else ""
            # A copy of the template's files: cheaper than writing all of it through the WAL, PostgreSQL
            # 15's default, when there is little in it (a checkpoint each time; nearly free without fsync).
            strategy = " STRATEGY FILE_COPY" if conn.info.server_version >= 150000 else ""
            conn.execute(f"CREATE DATABASE {name}{template}{strategy}")
        return self.url(name)

    def stop(self):
        try:
            self._run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "-w", "stop")
        finally:
            shutil.rmtree(self.dir, ignore_errors=True)


def _catalogue():
    from backend import ROOT
    from backend.definitions import load_checklists
    from backend.i18n import read_languages

    return load_checklists(ROOT / "content" / "checklists",
                           [lang.code for lang in read_languages(str(ROOT / "mkdocs.yml"))])


def _migrate(url):
    from backend.storage import Storage

    store = Storage(url, _catalogue())
    store.migrate()
    store.close()
