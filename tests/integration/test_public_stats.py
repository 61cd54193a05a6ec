"""The public figure: national, protected, completed days only, cacheable."""
from datetime import date, timedelta

from backend.answers import Answers, normalized
from backend.checklists import Household, checklists
from backend.storage import storage
from tests.pages import essentials


def save(app, n, day, ready=False):
    with app.app_context():
        catalogue = checklists()
        s = storage()
        db = s.connect()
        ticks = essentials() if ready else {}
        for _ in range(n):
            s.create(db, Answers(lang="nl", household=Household(2), checked=normalized(catalogue, ticks)), today=day)
        db.conn.close()


def test_the_public_figure_counts_completed_days_and_is_protected(app, client):
    yesterday = date.today() - timedelta(days=1)
    save(app, 23, yesterday)
    save(app, 14, yesterday - timedelta(days=3), ready=True)
    save(app, 50, date.today(), ready=True)  # today is not over: not in the figure
    response = client.get("/api/stats/public")
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "public, max-age=3600"
    assert "Set-Cookie" not in response.headers
    assert response.json == {
        "to_day": yesterday.isoformat(),
        "households_saved": {"value": 35, "shown": "35"},  # 37 rounded to the nearest 5
        "ready": {"kind": "percent", "percent": 38},  # 14 of 37, both sides at least 10
        "protection": {"threshold": 10, "rounded_to": 5},
    }
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
