import pytest
from flask.testing import FlaskClient
from werkzeug.datastructures import MultiDict

from backend import create_app, guard
from backend.storage import storage
from tests import pg

# The tests of storage, the API and the figures run on both engines; the rest on SQLite, the default.
BOTH_ENGINES = {"test_storage", "test_api", "test_dashboard_figures", "test_public_stats",
                "test_dashboard_access"}


def pytest_generate_tests(metafunc):
    if "engine" in metafunc.fixturenames and metafunc.module.__name__.rsplit(".", 1)[-1] in BOTH_ENGINES:
        metafunc.parametrize("engine", ["sqlite", "postgresql"], indirect=True)


@pytest.fixture(scope="session")
def postgres():
    """One throwaway PostgreSQL server for the whole run (durability off: only app servers are killed here)."""
    server = pg.Server(settings=("fsync=off", "synchronous_commit=off", "full_page_writes=off")).start()
    yield server
    server.stop()


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
    made = create_app({"TESTING": True, "DATABASE": database})
    yield made
    made.extensions["paraat.storage"].close()  # its writer thread and connections go with it


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


@pytest.fixture
def counts(app):
    """Row counts of every table, to show a refused request wrote nothing."""

    def read():
        with app.app_context():
            db = storage().connect()
            try:
                return storage().counts(db)
            finally:
                db.conn.close()

    return read
