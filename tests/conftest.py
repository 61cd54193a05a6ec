import pytest

from backend import create_app
from backend.storage import storage


@pytest.fixture
def app(tmp_path):
    return create_app({"TESTING": True, "DATABASE": str(tmp_path / "paraat.sqlite3")})


@pytest.fixture
def client(app):
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
