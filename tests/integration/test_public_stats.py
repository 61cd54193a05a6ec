"""The public figure: national, protected, completed days only, cacheable."""
from datetime import date, timedelta

import pytest
from babel.dates import format_date

from backend import create_app, ptable

from backend.answers import Answers, normalized
from backend.checklists import Household, checklists
from backend.storage import storage
from tests.conftest import no_noise
from tests.pages import essentials


@pytest.fixture
def app(tmp_path):
    """Without noise (conftest.no_noise), so the sentences can be read by hand; the first test uses a real table."""
    made = create_app({"TESTING": True, "DATABASE": str(tmp_path / "paraat.sqlite3"), "PTABLE": no_noise(tmp_path)})
    yield made
    made.extensions["paraat.storage"].close()


def save(app, n, day, ready=False):
    with app.app_context():
        catalogue = checklists()
        s = storage()
        db = s.connect()
        ticks = essentials() if ready else {}
        for _ in range(n):
            s.create(db, Answers(lang="nl", household=Household(2), checked=normalized(catalogue, ticks)), today=day)
        db.conn.close()


def test_the_public_figure_counts_completed_days_and_is_protected(tmp_path):
    ptable.write(ptable.generate(), tmp_path / "ptable.csv")
    app = create_app({"TESTING": True, "DATABASE": str(tmp_path / "real.sqlite3"),
                      "PTABLE": str(tmp_path / "ptable.csv")})
    client = app.test_client()
    yesterday = date.today() - timedelta(days=1)
    save(app, 23, yesterday)
    save(app, 14, yesterday - timedelta(days=3), ready=True)
    save(app, 50, date.today(), ready=True)  # today is not over: not in the figure
    response = client.get("/api/stats/public")
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "public, max-age=3600"
    assert "Set-Cookie" not in response.headers
    # The dashboard's protection, on the national count and its cell key as they stood when today began.
    with app.app_context():
        db = storage().connect()
        raw = storage().national(db, date.today())
        db.conn.close()
    assert raw["households"][0] == 37 and raw["ready"][0] == 14
    protect = app.extensions["paraat.protection"]
    households, share = protect.count(raw["households"]), protect.share(raw["ready"], raw["households"])
    assert abs(households.value - 37) <= protect.largest_noise
    body = response.json
    assert body == {
        "to_day": yesterday.isoformat(),
        "households_saved": {"value": households.value, "shown": households.export()},
        "ready": {"kind": share.kind, "percent": share.percent},
        "protection": {"threshold": 10, "method": "cell-key perturbation", "largest_noise": 6},
        "lang": "nl",
        "text": body["text"],
    }
    app.extensions["paraat.storage"].close()
    assert body["text"].startswith(f"Tot nu toe hebben {households.value} huishoudens hun checklists op Paraat "
                                   "opgeslagen.")
    assert body["text"].endswith(f"Cijfers tot en met {format_date(yesterday, 'long', locale='nl')}.")
    assert client.get("/api/stats/public").json == response.json  # the same data, the same answer


def test_few_households_show_as_fewer_than_ten(app, client):
    save(app, 4, date.today() - timedelta(days=2), ready=True)
    body = client.get("/api/stats/public").json
    assert body["households_saved"] == {"value": None, "shown": "<10"}
    assert body["ready"] == {"kind": "few", "percent": None}


def test_nearly_everyone_ready_says_more_than_a_safe_percentage(app, client):
    save(app, 40, date.today() - timedelta(days=1), ready=True)
    save(app, 3, date.today() - timedelta(days=1))
    ready = client.get("/api/stats/public").json["ready"]
    assert ready["kind"] == "more_than" and ready["percent"] < 100 * 40 / 43


def test_the_figure_comes_in_every_offered_language_and_refuses_others(app, client):
    from backend.i18n import read_languages
    from backend import ROOT

    save(app, 30, date.today() - timedelta(days=2), ready=True)
    save(app, 20, date.today() - timedelta(days=2))
    texts = {}
    for lang in read_languages(str(ROOT / "mkdocs.yml")):
        body = client.get(f"/api/stats/public?lang={lang.code}").json
        assert body["lang"] == lang.code and "50" in body["text"] and "60" in body["text"], body["text"]
        texts[lang.code] = body["text"]
    assert len(set(texts.values())) == len(texts)  # each in its own words
    assert texts["en"].startswith("So far, 50 households have saved their checklists on Paraat. 60% of them")
    for bad in ("/api/stats/public?lang=xx", "/api/stats/public?lang=en&when=today"):
        response = client.get(bad)
        assert response.status_code == 400 and response.json["error"]["message"]


def test_the_figure_stands_still_while_older_households_change_today(app, client):
    save(app, 30, date.today() - timedelta(days=2))
    before = client.get("/api/stats/public?lang=en").json
    with app.app_context():
        s = storage()
        db = s.connect()
        ids = [r[0] for r in db.execute("SELECT id FROM households").fetchall()]
        catalogue = checklists()
        for rid in ids[:12]:
            s.update(db, rid, Answers(lang="nl", household=Household(2), checked=normalized(catalogue, essentials())))
        for rid in ids[12:20]:
            s.delete(db, rid)
        db.conn.close()
    assert client.get("/api/stats/public?lang=en").json == before


def test_before_the_first_household_there_is_no_sentence(client):
    body = client.get("/api/stats/public?lang=en").json
    assert body["households_saved"] == {"value": 0, "shown": "0"} and body["text"] == ""


def test_numbers_are_written_as_their_readers_write_them(app):
    from backend import i18n
    from backend.stats import Count, share_of
    from backend.views.stats import sentence

    said = {}
    for code in ("nl", "en", "pap"):
        with app.test_request_context("/"):
            i18n.use_language(code)
            said[code] = sentence(Count(12345), share_of(Count(5000), Count(12345)), date(2026, 11, 28))
    assert "12.345" in said["nl"] and "12,345" in said["en"]
    assert "12.345" in said["pap"]  # as Curaçao writes it (translations/number-formats.txt), not 12,345


def test_a_wrong_line_in_the_number_formats_stops_start_up(tmp_path):
    import pytest

    from backend.i18n import read_number_formats

    (tmp_path / "number-formats.txt").write_text("# comment\npap nl_CW\n", encoding="utf-8")
    assert read_number_formats(str(tmp_path)) == {"pap": "nl_CW"}
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "number-formats.txt").write_text("pap\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"number-formats.txt:1: write a language code and a locale"):
        read_number_formats(str(bad))
