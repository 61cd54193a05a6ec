"""The household service on its own, without HTTP: parse, limit, write and "not found" (backend/households.py)."""
import pytest

from backend import create_app, guard, households
from backend.errors import InputError
from backend.storage import storage
from backend.storage.records import new_id

SENT = {"lang": "en", "household": {"adults": 2, "children": 1, "infants": 0, "pets": 0, "care": False},
        "days": 7, "region": "utrecht", "checked": {"water": ["drinking-water"]}}


@pytest.fixture
def service(tmp_path):
    """An app with a write limit of 3, and a request of one client to act in."""
    app = create_app({"TESTING": True, "DATABASE": str(tmp_path / "paraat.sqlite3"), "WRITE_LIMIT": 3})
    with app.test_request_context("/api/households", method="POST", environ_base={"REMOTE_ADDR": "192.0.2.1"}):
        yield app
    app.extensions["paraat.storage"].close()


def rows():
    db = storage().connect()
    try:
        return storage().counts(db)["households"]
    finally:
        db.conn.close()


def refusal(call, *args):
    with pytest.raises(InputError) as refused:
        call(*args)
    return refused.value


def test_parse_gives_answers_or_names_the_field(service):
    answers = households.parse(SENT)
    assert answers.days == 7 and answers.household.adults == 2
    assert answers.ticked("emergency-kit") == ("drinking-water",)  # the same item in the other checklist
    err = refusal(households.parse, {**SENT, "days": 4})
    assert (err.code, err.field) == ("invalid_days", "days")


def test_write_load_save_forget(service):
    token = guard.token()
    rid = households.create(households.parse(SENT), token)
    assert households.load(rid) == households.parse(SENT)
    households.save(rid, households.parse({**SENT, "days": 10}))
    assert households.load(rid).days == 10
    assert not households.forgotten(rid)
    households.forget(rid)
    assert households.forgotten(rid) and rows() == 0


def test_unknown_and_malformed_codes_are_not_found(service):
    for code in (new_id(), "not a code", ""):
        assert refusal(households.load, code).code == "not_found"
    assert refusal(households.known_id, "not a code").code == "malformed_id"
    assert households.known_id(new_id())
    assert not households.forgotten("not a code") and not households.forgotten(None)
    gone = new_id()
    assert refusal(households.save, gone, households.parse(SENT)).code == "not_found"
    assert refusal(households.forget, gone).code == "not_found"
    assert rows() == 0


def test_a_creation_token_is_checked_and_saves_once(service):
    assert refusal(households.create, households.parse(SENT), "forged").code == "invalid_token"
    assert rows() == 0
    token = guard.token()
    households.create(households.parse(SENT), token)
    assert refusal(households.create, households.parse(SENT), token).code == "used_token"
    assert rows() == 1


def test_the_write_limit_holds_for_every_kind_of_write(service):
    token = guard.token()
    rid = households.create(households.parse(SENT), token)
    households.save(rid, households.parse({**SENT, "days": 3}))
    households.save(rid, households.parse({**SENT, "days": 10}))
    err = refusal(households.forget, rid)
    assert (err.code, err.status) == ("too_many_requests", 429)
    assert refusal(households.create, households.parse(SENT), guard.token()).code == "too_many_requests"
    assert households.load(rid).days == 10 and rows() == 1
