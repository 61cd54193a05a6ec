"""Pages that are the same for every visitor are kept for a while; nothing a person entered ever is."""
import re

import pytest

from backend import create_app, pagecache
from backend.views import checklists as views


@pytest.fixture
def renders(monkeypatch):
    """How many times the checklist pages were rendered (not answered from what was kept)."""
    made = []
    real = views._render

    def counting(*args, **kwargs):
        made.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(views, "_render", counting)
    return made


def token(html):
    return re.search(r'name="token" value="([^"]+)"', html).group(1)


def test_a_bare_page_is_rendered_once_and_answered_the_same(client, renders):
    first = client.get("/en/checklists/water")
    again = client.get("/en/checklists/water")
    assert again.data == first.data and again.headers == first.headers
    assert client.head("/en/checklists/water").headers["Content-Length"] == first.headers["Content-Length"]
    assert client.get("/checklists/").status_code == 200  # another page, another copy
    assert len(renders) == 2
    # The kept copy carries nothing per visitor: its token field is empty, and a save from it passes
    # through one more step that is never kept (a fresh single-use token, one button).
    assert 'name="token" value=""' in first.text
    step = client.post("/en/checklists/water", data={"action": "save", "adults": "1", "token": ""})
    assert step.status_code == 200 and step.headers["Cache-Control"] == "no-store"
    saved = client.post("/en/checklists/water", data={"action": "save", "adults": "1", "token": token(step.text)})
    assert saved.status_code == 303


def test_what_a_person_entered_is_never_kept_nor_shown_to_others(client, renders):
    client.get("/en/checklists/?adults=5&children=4")
    client.get("/en/checklists/?adults=5&children=4")
    assert len(renders) == 2  # a page with a query is rendered every time
    bare = client.get("/en/checklists/").text
    assert 'value="5"' not in bare and 'value="4"' not in bare
    posted = client.post("/en/checklists/", data={"adults": "6"})
    assert 'value="6"' in posted.text
    assert 'value="6"' not in client.get("/en/checklists/").text


def test_a_kept_page_is_rendered_again_once_its_time_is_up(client, renders, monkeypatch):
    now = [1000.0]
    monkeypatch.setattr(pagecache.time, "monotonic", lambda: now[0])
    client.get("/ar/checklists/cash")
    now[0] += 59
    client.get("/ar/checklists/cash")
    assert len(renders) == 1
    now[0] += 2
    client.get("/ar/checklists/cash")
    assert len(renders) == 2


def test_keeping_pages_can_be_turned_off(tmp_path, renders):
    app = create_app({"TESTING": True, "DATABASE": str(tmp_path / "x.sqlite3"), "PAGE_KEEP_SECONDS": 0})
    try:
        for _ in range(2):
            assert app.test_client().get("/en/checklists/").status_code == 200
        assert len(renders) == 2
    finally:
        app.extensions["paraat.storage"].close()
