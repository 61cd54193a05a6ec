import os
import tempfile
from collections import Counter
from pathlib import Path

import pytest
from flask.testing import FlaskClient
from hypothesis.configuration import set_hypothesis_home_dir
from werkzeug.datastructures import MultiDict

from backend import create_app, guard, ptable
from backend.stats import KEY_RANGE, ROWS
from backend.storage import storage
from tests import pg

# The tests of storage, the API and the figures run on both engines; the rest on SQLite, the default
# (the officials' sessions on PostgreSQL: test_postgres.py, through two servers).
BOTH_ENGINES = {"test_storage", "test_migrations", "test_tally_rows", "test_api", "test_public_stats"}  # test_dashboard_figures: its own module app


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config, log):
    """`make test` runs on several workers (pytest-xdist): each browser test goes to whichever worker is free;
    every other module goes whole to one worker, as its module fixtures (a second site build, one run of the
    W3C checker, households counted by hand) are made once and some of its tests read what earlier ones left."""
    from xdist.scheduler import LoadScopeScheduling

    class ByModule(LoadScopeScheduling):
        def _split_scope(self, nodeid):
            module = nodeid.split("::", 1)[0]
            return nodeid if module.startswith("tests/browser/") else module

    return ByModule(config, log)


def pytest_collection_modifyitems(items):
    # pytest 9.2 gives the tests schemathesis makes of one function, one per operation, the same id; a
    # parallel run tells tests apart by id and would run one of them. Each gets its operation in its id.
    for item in items:
        if item.nodeid.rsplit("::", 1)[-1] != item.name:
            item._id = item.parent.id.child(item.name)
    twice = [nodeid for nodeid, n in Counter(item.nodeid for item in items).items() if n > 1]
    if twice:
        raise pytest.UsageError(f"tests share an id, and a parallel run would run only one of each: {twice[:3]}")


def pytest_generate_tests(metafunc):
    if "engine" in metafunc.fixturenames and metafunc.module.__name__.rsplit(".", 1)[-1] in BOTH_ENGINES:
        metafunc.parametrize("engine", ["sqlite", "postgresql"], indirect=True)


@pytest.fixture(scope="session")
def postgres():
    """One throwaway PostgreSQL server for the whole run (durability off: only app servers are killed here)."""
    server = pg.Server(settings=("fsync=off", "synchronous_commit=off", "full_page_writes=off")).start()
    yield server
    server.stop()

# Every app a test makes, in this process or a server it starts, signs with this key: no instance/secret_key
# is written into the working tree.
os.environ.setdefault("PARAAT_SECRET_KEY", "a key for tests only")
# The API fuzzer's examples go to a temporary folder, not .hypothesis/ in the tree.
_HYPOTHESIS = tempfile.mkdtemp(prefix="paraat-hypothesis-")
set_hypothesis_home_dir(_HYPOTHESIS)
# A secret perturbation table of its own for this run, outside the tree (a real one: noise included).
if not os.environ.get("PARAAT_PTABLE"):
    os.environ["PARAAT_PTABLE"] = os.path.join(tempfile.mkdtemp(prefix="paraat-ptable-"), "ptable.csv")
    ptable.write(ptable.generate(), os.environ["PARAAT_PTABLE"])


def _remembered(read):
    """ptable.read, remembered by the file's bytes: the run's hundreds of apps read the same few tables, and
    parsing one costs about a tenth of a second. A table not seen before is read (and checked) for real."""
    seen = {}

    def reading(path):
        data = Path(path).read_bytes()
        if data not in seen:
            seen[data] = read(path)
        return [list(row) for row in seen[data]]

    return reading


ptable.read = _remembered(ptable.read)


def no_noise(tmp_path):
    """A perturbation table without noise: figures then are the raw counts (0, "<10", or 10 and more), so
    counting can be checked by hand. The protection itself is tested with real tables."""
    path = tmp_path / "no-noise-ptable.csv"
    if not path.exists():
        ptable.write([[0] * KEY_RANGE for _ in range(ROWS)], path)
    return str(path)


# Officials' passwords hashed cheaply, as only a test app (TESTING) may: a login costs no scrypt here.
# test_dashboard_access checks that the app keeps scrypt otherwise.
CHEAP_HASH = "pbkdf2:sha256:1"


@pytest.fixture
def engine(request):
    return getattr(request, "param", "sqlite")


@pytest.fixture
def database(engine, tmp_path, request):
    """Where a test's app keeps its data: a new SQLite file, or a new, migrated PostgreSQL database."""
    if engine == "sqlite":
        return str(tmp_path / "paraat.sqlite3")
    return request.getfixturevalue("postgres").new_database(migrated=True)


@pytest.fixture
def app(database):
    made = create_app({"TESTING": True, "DATABASE": database, "PASSWORD_HASH": CHEAP_HASH})
    yield made
    made.extensions["paraat.storage"].close()  # its writer thread and connections go with it


@pytest.fixture(scope="module")
def module_app(tmp_path_factory):
    """One app for all the tests of a module that read pages and files and save nothing they count on:
    such a module takes it as its `app` (`from tests.conftest import module_app as app`). Each test still
    gets a client of its own."""
    made = create_app({"TESTING": True, "DATABASE": str(tmp_path_factory.mktemp("db") / "paraat.sqlite3"),
                       "PASSWORD_HASH": CHEAP_HASH})
    yield made
    made.extensions["paraat.storage"].close()


class Visitor(FlaskClient):
    """A test client that saves the way a person's browser does: with the token its page handed out.

    A new household needs that token (backend/guard.py); tests of the token itself
    use `bare_client`, or give a "token" of their own.
    """

    def open(self, *args, **kwargs):
        path = args[0] if args and isinstance(args[0], str) else kwargs.get("path", "")
        if kwargs.get("method") == "POST":
            body, form = kwargs.get("json"), kwargs.get("data")
            if path.startswith("/api/households") and isinstance(body, dict) and "token" not in body:
                kwargs["json"] = {**body, "token": self._token()}
            elif isinstance(form, dict) and form.get("action") == "save" and "token" not in form:
                form = MultiDict(form)
                form.add("token", self._token())
                kwargs["data"] = form
        return super().open(*args, **kwargs)

    def _token(self):
        with self.application.test_request_context():
            return guard.token()


@pytest.fixture
def client(app):
    app.test_client_class = Visitor
    return app.test_client()


@pytest.fixture
def bare_client(app):
    return app.test_client()


def table_counts(app):
    """Row counts of every table of the app's database."""
    with app.app_context():
        db = storage().connect()
        try:
            return storage().counts(db)
        finally:
            db.conn.close()


@pytest.fixture
def counts(app):
    """Row counts of every table, to show a refused request wrote nothing."""
    return lambda: table_counts(app)


def _tree():
    """Files in the working tree that git does not track, ignored ones included (caches aside)."""
    import subprocess

    listed = subprocess.run(["git", "status", "--porcelain", "--ignored", "--untracked-files=all"],
                            capture_output=True, text=True, cwd=os.path.dirname(os.path.dirname(__file__)))
    return {line[3:] for line in listed.stdout.splitlines()
            if "__pycache__" not in line and ".pytest_cache" not in line} if listed.returncode == 0 else set()


def pytest_sessionstart(session):
    session.config.paraat_tree = _tree()


def pytest_sessionfinish(session, exitstatus):
    """Tests write only under temporary folders: a file they leave in the tree fails the run."""
    if _HYPOTHESIS:  # each worker of a parallel run has a folder of its own
        import shutil

        shutil.rmtree(_HYPOTHESIS, ignore_errors=True)
    left = _tree() - getattr(session.config, "paraat_tree", set())
    if left and exitstatus == 0 and not hasattr(session.config, "workerinput"):
        session.config.get_terminal_writer().line(f"\ntests left files in the working tree: {sorted(left)[:10]}",
                                                  red=True)
        session.exitstatus = 1
