"""`make bench`: what the checklist path costs, as ratios against a baseline in the same run.

Absolute times depend on the machine; ratios against a baseline measured in the
same process moments earlier are what to compare between changes.
"""
import random
import tempfile
import time
from pathlib import Path

from backend import create_app
from backend.answers import Answers
from backend.checklists import Household
from backend.storage import storage

REGIONS = ["utrecht", "haaglanden", "zeeland", "fryslan", None]


def per_call(fn, n):
    fn()  # warm up
    start = time.perf_counter()
    for _ in range(n):
        fn()
    return (time.perf_counter() - start) / n


def bench_requests(client, n=1000):
    body = {"checklist": "water", "lang": "nl", "household": {"adults": 2, "children": 3},
            "days": 3, "region": "utrecht", "checked": ["drinking-water"]}
    baseline = per_call(lambda: client.get("/healthz"), n)
    create = per_call(lambda: client.post("/api/responses", json=body), n)
    page = per_call(lambda: client.get("/en/checklists/emergency-kit"), n // 4)
    print(f"health check (baseline)          {baseline * 1e3:8.3f} ms  1.00x")
    print(f"save a checklist (POST)          {create * 1e3:8.3f} ms  {create / baseline:5.2f}x")
    print(f"render the emergency-kit page    {page * 1e3:8.3f} ms  {page / baseline:5.2f}x")


def bench_figures(app, households):
    """Officials' figures from the tallies, against counting every household."""
    rng = random.Random(1)
    s = storage()
    db = s.connect()
    items = ["drinking-water", "cool-dark-place", "check-dates"]
    for _ in range(households):
        answers = Answers("water", rng.choice(["nl", "en", "ar"]), Household(rng.randint(1, 4)), 3,
                          rng.choice(REGIONS), tuple(sorted(rng.sample(items, rng.randint(0, 3)))))
        s.create(db, answers, 1)
    scan = ("SELECT checklist, COALESCE(region, '') AS region, COUNT(*) FROM responses "
            "GROUP BY checklist, region")
    tally = ("SELECT checklist, region, SUM(households) FROM household_tally "
             "GROUP BY checklist, region")
    scan_items = ("SELECT r.region, i.item, COUNT(*) FROM response_items i "
                  "JOIN responses r ON r.id = i.response_id GROUP BY r.region, i.item")
    tally_items = "SELECT region, item, SUM(households) FROM item_tally GROUP BY region, item"
    assert sorted(db.execute(scan).fetchall()) == sorted(db.execute(tally).fetchall())
    t_scan = per_call(lambda: db.execute(scan).fetchall(), 20)
    t_tally = per_call(lambda: db.execute(tally).fetchall(), 20)
    t_scan_items = per_call(lambda: db.execute(scan_items).fetchall(), 5)
    t_tally_items = per_call(lambda: db.execute(tally_items).fetchall(), 20)
    print(f"households per region, counting every row (baseline, {households} households) "
          f"{t_scan * 1e3:8.3f} ms  1.00x")
    print(f"households per region, from the tallies   {t_tally * 1e3:8.3f} ms  {t_tally / t_scan:7.4f}x")
    print(f"items per region, joining every row (baseline) {t_scan_items * 1e3:8.3f} ms  1.00x")
    print(f"items per region, from the tallies        {t_tally_items * 1e3:8.3f} ms  "
          f"{t_tally_items / t_scan_items:7.4f}x")
    db.conn.close()


def main():
    with tempfile.TemporaryDirectory() as tmp:
        app = create_app({"DATABASE": str(Path(tmp) / "bench.sqlite3")})
        with app.app_context():
            bench_requests(app.test_client())
            bench_figures(app, households=50000)


if __name__ == "__main__":
    main()
