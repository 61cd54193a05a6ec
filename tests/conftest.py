import os
import tempfile

import pytest
from flask.testing import FlaskClient
from werkzeug.datastructures import MultiDict

from backend import create_app, guard
from backend.storage import storage

# Every app a test makes, in this process or a server it starts, signs with this key: no instance/secret_key
# is written into the working tree.
os.environ.setdefault("PARAAT_SECRET_KEY", "a key for tests only")
# Hypothesis (under schemathesis) keeps what it learns outside the working tree too, for this run only.
_HYPOTHESIS = None
if "HYPOTHESIS_STORAGE_DIRECTORY" not in os.environ:
    _HYPOTHESIS = os.environ["HYPOTHESIS_STORAGE_DIRECTORY"] = tempfile.mkdtemp(prefix="paraat-hypothesis-")


@pytest.fixture
def app(tmp_path):
    made = create_app({"TESTING": True, "DATABASE": str(tmp_path / "paraat.sqlite3")})
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
    if _HYPOTHESIS and not hasattr(session.config, "workerinput"):
        import shutil

        shutil.rmtree(_HYPOTHESIS, ignore_errors=True)
    left = _tree() - getattr(session.config, "paraat_tree", set())
    if left and exitstatus == 0 and not hasattr(session.config, "workerinput"):
        session.config.get_terminal_writer().line(f"\ntests left files in the working tree: {sorted(left)[:10]}",
                                                  red=True)
        session.exitstatus = 1
