"""`make bench`: what the household path costs, as ratios against a baseline in the same run.

Absolute times depend on the machine; ratios against a baseline measured in the
same process moments earlier are what to compare between changes.
"""
import random
import tempfile
import time
from pathlib import Path

from backend import create_app
from backend.answers import Answers, normalized
from backend.checklists import Household, checklists
from backend.storage import storage

REGIONS = ["utrecht", "haaglanden", "zeeland", "fryslan", None]


def per_call(fn, n):
    fn()  # warm up
    start = time.perf_counter()
    for _ in range(n):
        fn()
    return (time.perf_counter() - start) / n


def bench_requests(client, n=1000):
    body = {"lang": "nl", "household": {"adults": 2, "children": 3}, "days": 3, "region": "utrecht",
            "checked": {"water": ["drinking-water"], "emergency-kit": ["torch", "radio"]}}
    baseline = per_call(lambda: client.get("/healthz"), n)
    # A save as the page script makes it: a fresh token, then the household.
    create = per_call(lambda: client.post("/api/households", json={**body, "token": client.get("/api/token").json[
        "token"]}), n)
    rid = client.post("/api/households", json={**body, "token": client.get("/api/token").json["token"]}).json["id"]
    update = per_call(lambda: client.put(f"/api/households/{rid}", json=body), n)
    overview = per_call(lambda: client.get("/en/checklists/?adults=2&children=3"), n // 4)
    page = per_call(lambda: client.get("/en/checklists/emergency-kit"), n // 4)
    print(f"health check (baseline)          {baseline * 1e3:8.3f} ms  1.00x")
    print(f"save a household (POST)          {create * 1e3:8.3f} ms  {create / baseline:5.2f}x")
    print(f"change a household (PUT)         {update * 1e3:8.3f} ms  {update / baseline:5.2f}x")
    print(f"render the household overview   {overview * 1e3:8.3f} ms  {overview / baseline:5.2f}x")
    print(f"render the emergency-kit page    {page * 1e3:8.3f} ms  {page / baseline:5.2f}x")


def bench_figures(app, households):
    """Officials' figures from the tallies, against counting every household."""
    rng = random.Random(1)
    s = storage()
    db = s.connect()
    catalogue = checklists()
    for _ in range(households):
        ticks = {cid: rng.sample([i.id for i in c.items], rng.randint(0, len(c.items)))
                 for cid, c in catalogue.items()}
        answers = Answers(lang=rng.choice(["nl", "en", "ar"]), household=Household(rng.randint(1, 4)),
                          days=rng.choice([3, 7, 10]), region=rng.choice(REGIONS),
                          checked=normalized(catalogue, ticks))
        s.create(db, answers)
    scan = "SELECT COALESCE(region, '') AS region, COUNT(*), SUM(ready) FROM households GROUP BY region"
    tally = ("SELECT value, SUM(households), SUM(ready) FROM tally_households WHERE dim = 'region' "
             "GROUP BY value")
    scan_items = ("SELECT COALESCE(h.region, ''), i.checklist, i.item, COUNT(*) FROM household_items i "
                  "JOIN households h ON h.id = i.household_id GROUP BY h.region, i.checklist, i.item")
    tally_items = ("SELECT value, checklist, item, SUM(households) FROM tally_items WHERE dim = 'region' "
                   "GROUP BY value, checklist, item")
    assert sorted(db.execute(scan_items).fetchall()) == sorted(db.execute(tally_items).fetchall())
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
        app = create_app({"DATABASE": str(Path(tmp) / "bench.sqlite3"), "WRITE_LIMIT": 0})
        with app.app_context():
            bench_requests(app.test_client())
            bench_figures(app, households=50000)


if __name__ == "__main__":
    main()
