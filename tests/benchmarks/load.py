"""`make bench`, under load: the production server (gunicorn.conf.py) driven by many clients at once.

1. baseline: a bare Flask app under the same gunicorn settings, every client asking for one tiny answer;
   then a POST that only reads its body, and the least write (tests/benchmarks/bare.py): ceilings for write_ratio;
2. writes: every client saves a household, ticks items one save at a time, sometimes forgets it;
3. mix: households as above among page views, checklist definitions and reads of saved answers.

4. the same household writes on PostgreSQL (a throwaway server, durable as in production, on the same
   cores): with one transaction per request (PARAAT_PG_WRITES=direct, the default), the same with one
   tally row per figure (no shards, as before), and with the writer's batches (batched), sampling how
   many of PostgreSQL's sessions wait for a lock, and how many of those on a tally row.

Then every write the server acknowledged must be in the database, as acknowledged, the database must
pass its integrity check and its tallies must equal a recount. Then:
write_ratio=<household writes per s / bare requests per s> p99_ms=<n> errors=<n> lost=<n>
(p99 over every request of phases 2 and 3; errors are answers other than the expected ones).
Each phase also says how much CPU the server's workers used per request: where the ratio comes from.
The last line compares the engines on the same household writes:
engines=sqlite,postgresql pg_write_ratio=<PostgreSQL writes/s / SQLite writes/s> errors=<n> lost=<n>
"""
import argparse
import asyncio
import json
import os
import random
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import threading

from backend import ROOT
from backend.storage import Storage, tallies
from tests import pg
from tests.benchmarks.driver import Client, free_port, percentile

PAGES = ["/", "/en/", "/noodpakket/", "/en/checklists/", "/en/checklists/water", "/ar/checklists/cash",
         "/api/checklists/emergency-kit?lang=pl"]
# Items every household has, and that no other checklist shares (a shared one is ticked in both).
ITEMS = {"water": ["cool-dark-place", "check-dates"], "cash": ["small-notes", "coins", "safe-place", "bank-card"],
         "emergency-kit": ["torch", "radio", "candles", "whistle", "first-aid", "blankets", "tools"]}


def start(app, port, env, workdir):
    process = subprocess.Popen([str(ROOT / ".venv/bin/gunicorn"), "--config", str(ROOT / "gunicorn.conf.py"), app],
                               cwd=ROOT, env={**os.environ, **env, "PARAAT_BIND": f"127.0.0.1:{port}"},
                               stdout=subprocess.DEVNULL, stderr=open(Path(workdir) / f"{port}.log", "w"))
    for _ in range(300):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=1).read()
            return process
        except OSError:
            time.sleep(0.1)
    process.kill()
    raise SystemExit(f"The server on port {port} did not start: see {workdir}/{port}.log")


def stop(process):
    process.terminate()
    process.wait(timeout=30)


class Household:
    """One client's household: what the server acknowledged last is what the database must hold."""

    def __init__(self, rng, token):
        self.rng, self.token, self.id = rng, token, None
        self.body = {"lang": rng.choice(["nl", "en", "ar", "tr", "pl"]), "days": rng.choice([3, 3, 7, 10]),
                     "household": {"adults": rng.randint(1, 3), "children": rng.randint(0, 3)},
                     "region": rng.choice(["utrecht", "zeeland", "fryslan", None]),
                     "checked": {"water": [], "cash": [], "emergency-kit": []}}

    def tick(self):
        checklist = self.rng.choice(list(ITEMS))
        left = [i for i in ITEMS[checklist] if i not in self.body["checked"][checklist]]
        if left:
            self.body["checked"][checklist].append(self.rng.choice(left))


def posting(path):
    """Clients sending a household's body to one of the baseline app's POST endpoints, one after another."""

    async def work(client, rng, until):
        body = Household(rng, None).body
        while time.monotonic() < until:
            await client.send("POST", path, body, expect=201, write=True)

    return work


async def household_writes(client, rng, token, acknowledged, until, mixed):
    """Save, tick a few times, sometimes forget: one request at a time, as a person's browser does."""
    while time.monotonic() < until:
        home = Household(rng, token)
        if mixed:
            await client.get(rng.choice(PAGES), expect=200)
        # Each new household asks for its own single-use token first, as the page script does.
        token = json.loads((await client.get("/api/token"))[1])["token"]
        status, body = await client.send("POST", "/api/households", {**home.body, "token": token}, expect=201,
                                         write=True)
        if status != 201:
            continue
        home.id = json.loads(body)["id"]
        acknowledged[home.id] = json.dumps(home.body["checked"], sort_keys=True)
        for _ in range(rng.randint(2, 8)):
            if time.monotonic() >= until:
                return
            home.tick()
            if (await client.send("PUT", f"/api/households/{home.id}", home.body, expect=200, write=True))[0] == 200:
                acknowledged[home.id] = json.dumps(home.body["checked"], sort_keys=True)
            if mixed:
                await client.get(rng.choice([f"/api/households/{home.id}", f"/en/checklists/saved/{home.id}/",
                                             *PAGES]), expect=200)
        if rng.random() < 0.15:
            if (await client.send("DELETE", f"/api/households/{home.id}", None, expect=204, write=True))[0] == 204:
                acknowledged[home.id] = None


def _stat(pid):
    return [int(f) for f in Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[11:15]]


def server_cpu(process):
    """CPU seconds the server's worker processes have used so far (where the time goes, beside the rates).

    A worker that gunicorn replaced still counts: the master's reaped children add to its cutime and cstime.
    """
    ticks = sum(_stat(process.pid)[2:4])
    for pid in Path(f"/proc/{process.pid}/task/{process.pid}/children").read_text().split():
        ticks += sum(_stat(pid)[0:2])
    return ticks / os.sysconf("SC_CLK_TCK")


async def phase(port, clients, seconds, work):
    until = time.monotonic() + seconds
    pool = [Client(port) for _ in range(clients)]
    start = time.monotonic()
    await asyncio.gather(*(work(c, random.Random(n), until) for n, c in enumerate(pool)))
    elapsed = time.monotonic() - start
    for c in pool:
        c.close()
    return pool, elapsed


def measured(process, port, clients, seconds, work):
    before = server_cpu(process)
    pool, elapsed = asyncio.run(phase(port, clients, seconds, work))
    latencies = [ms for c in pool for ms in c.latencies]
    return {"requests": len(latencies), "writes": sum(c.writes for c in pool), "errors": sum(c.errors for c in pool),
            "per_s": len(latencies) / elapsed, "writes_per_s": sum(c.writes for c in pool) / elapsed,
            "latencies": latencies, "cpu_ms": (server_cpu(process) - before) * 1000 / max(1, len(latencies))}


def lost_writes(database, acknowledged):
    store = Storage(database, pg._catalogue())
    db = store.connect()
    try:
        ok = db.execute("PRAGMA integrity_check").fetchone()[0] if store.engine.name == "sqlite" else "ok"
        if tallies.stored(db) != tallies.recount(db, store.read):
            ok = "the tallies differ from a recount"
        lost = 0
        for rid, checked in acknowledged.items():
            rows = db.execute("SELECT checklist, item FROM household_items WHERE household_id = ?", [rid]).fetchall()
            exists = db.execute("SELECT 1 FROM households WHERE id = ?", [rid]).fetchone() is not None
            if checked is None:
                lost += exists  # forgotten, yet still there
                continue
            stored = {"water": [], "cash": [], "emergency-kit": []}
            for checklist, item in rows:
                stored[checklist].append(item)
            expected = json.loads(checked)
            if not exists or any(sorted(stored[k]) != sorted(expected[k]) for k in expected):
                lost += 1
        return ok, lost
    finally:
        db.conn.close()
        store.close()


def process_cpu(pid):
    """CPU seconds of a process and all its children (PostgreSQL: the server and every session)."""
    total = sum(_stat(pid)[0:2])
    for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split():
        try:
            total += process_cpu(int(child)) * os.sysconf("SC_CLK_TCK")
        except (FileNotFoundError, ProcessLookupError):
            pass
    return total / os.sysconf("SC_CLK_TCK")


class LockWaits(threading.Thread):
    """How many PostgreSQL sessions wait for a lock (a hot tally row would show here), sampled 20 times a second."""

    def __init__(self, url):
        super().__init__(daemon=True)
        self.url, self.samples, self.stop = url, [], threading.Event()

    def run(self):
        import psycopg

        with psycopg.connect(self.url, autocommit=True) as conn:
            while not self.stop.wait(0.05):
                self.samples.append(conn.execute(
                    "SELECT COUNT(*) FILTER (WHERE wait_event_type = 'Lock'), COUNT(*) FILTER (WHERE state = "
                    "'active'), COUNT(*) FILTER (WHERE wait_event_type = 'Lock' AND query LIKE '%tally_%') "
                    "FROM pg_stat_activity WHERE backend_type = 'client backend'").fetchone())

    def waiting(self, column=0):
        """Sessions waiting for a lock, on average (column 2: those whose statement moves a tally row)."""
        return sum(s[column] for s in self.samples) / max(1, len(self.samples))


def one_shard_app():
    """Paraat with one tally row per figure, as before the shards (tallies.py): what the shards are measured
    against, in the same run."""
    from backend import create_app
    from backend.storage.engine import PgDatabase

    PgDatabase.tally_shards = 1
    return create_app()


def postgres_writes(args, workdir, mode, app_spec="backend:create_app()"):
    """The household writes phase on a fresh PostgreSQL database; (result, database CPU ms per write, lock waits)."""
    server = pg.Server().start()
    try:
        url = server.new_database()
        env = {"PARAAT_DATABASE": url, "PARAAT_SECRET_KEY": os.urandom(16).hex(), "PARAAT_WRITE_LIMIT": "0",
               "PARAAT_PG_WRITES": mode}
        port = free_port()
        app = start(app_spec, port, env, workdir)
        postmaster = int((server.data / "postmaster.pid").read_text().split()[0])
        acknowledged, waits = {}, LockWaits(url)
        try:
            db_before = process_cpu(postmaster)
            waits.start()
            result = measured(app, port, args.clients, args.seconds, lambda c, r, u: household_writes(
                c, r, None, acknowledged, u, mixed=False))
            waits.stop.set()
            db_ms = (process_cpu(postmaster) - db_before) * 1000 / max(1, result["writes"])
        finally:
            stop(app)
        ok, lost = lost_writes(url, acknowledged)
        result.update(db_ms=db_ms, lock_waits=waits.waiting(), tally_waits=waits.waiting(2),
                      active=waits.waiting(1), ok=ok, lost=lost,
                      cpu_per_write=result["cpu_ms"] * result["requests"] / max(1, result["writes"]))
        return result
    finally:
        server.stop()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--seconds", type=float, default=10)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as workdir:
        database = str(Path(workdir) / "load.sqlite3")
        env = {"PARAAT_DATABASE": database, "PARAAT_SECRET_KEY": os.urandom(16).hex(),
               # The limit is counted as in production, but set out of reach: all clients share one address.
               "PARAAT_WRITE_LIMIT": str(10 ** 9)}
        bare_port, port = free_port(), free_port()
        bare = start("tests.benchmarks.bare:app", bare_port, env, workdir)
        try:
            asyncio.run(phase(bare_port, args.clients, 1, lambda c, r, u: c.loop_get("/", u)))  # warm up
            baseline = measured(bare, bare_port, args.clients, args.seconds, lambda c, r, u: c.loop_get("/", u))
            read_only = measured(bare, bare_port, args.clients, args.seconds, posting("/read-only"))
            least = measured(bare, bare_port, args.clients, args.seconds, posting("/least-write"))
        finally:
            stop(bare)
        server = start("backend:create_app()", port, env, workdir)
        acknowledged = {}
        try:
            writes = measured(server, port, args.clients, args.seconds, lambda c, r, u: household_writes(
                c, r, None, acknowledged, u, mixed=False))
            mix = measured(server, port, args.clients, args.seconds, lambda c, r, u: household_writes(
                c, r, None, acknowledged, u, mixed=True))
        finally:
            stop(server)
        ok, lost = lost_writes(database, acknowledged)
    product = writes["latencies"] + mix["latencies"]
    for name, t in (("bare Flask (baseline)", baseline), ("POST, nothing stored", read_only), ("least write", least),
                    ("household writes", writes), ("realistic mix", mix)):
        print(f"{name:24} {t['per_s']:8.0f} requests/s  {t['writes_per_s']:7.0f} writes/s  "
              f"p50 {percentile(t['latencies'], 50):6.1f} ms  p99 {percentile(t['latencies'], 99):6.1f} ms  "
              f"server CPU {t['cpu_ms']:5.2f} ms/request  errors {t['errors']}")
    print(f"{len(acknowledged)} households acknowledged; integrity check: {ok}")
    print(f"ceilings under this server: a POST that stores nothing answers "
          f"{read_only['writes_per_s'] / baseline['per_s']:.2f} as often as the bare app, the least write "
          f"{least['writes_per_s'] / baseline['per_s']:.2f} (errors {read_only['errors'] + least['errors']})")
    errors = writes['errors'] + mix['errors'] + baseline['errors'] + (ok != 'ok')
    print(f"write_ratio={writes['writes_per_s'] / baseline['per_s']:.2f} p99_ms={percentile(product, 99):.1f} "
          f"errors={errors} lost={lost}")

    # The same household writes on PostgreSQL, in both ways of writing; a transaction per request is the default.
    with tempfile.TemporaryDirectory() as workdir:
        on_pg = {"batched": postgres_writes(args, workdir, "batched"),
                 "direct, one tally shard": postgres_writes(args, workdir, "direct",
                                                            "tests.benchmarks.load:one_shard_app()"),
                 "direct": postgres_writes(args, workdir, "direct")}
    print("engine                                writes/s     p99   server CPU/write   database CPU/write   lock-waiting "
          "sessions (on tally rows, of active)   errors  lost")
    print(f"{'sqlite':36} {writes['writes_per_s']:8.0f} {percentile(writes['latencies'], 99):6.1f} ms "
          f"{writes['cpu_ms'] * writes['requests'] / max(1, writes['writes']):10.2f} ms   (inside the server)"
          f"{'':22}{writes['errors']:6d} {lost:5d}")
    for mode, t in on_pg.items():
        print(f"{'postgresql, ' + mode:36} {t['writes_per_s']:8.0f} {percentile(t['latencies'], 99):6.1f} ms "
              f"{t['cpu_per_write']:10.2f} ms {t['db_ms']:14.2f} ms {t['lock_waits']:18.2f} "
              f"({t['tally_waits']:.2f}, of {t['active']:.2f})  "
              f"{t['errors'] + (t['ok'] != 'ok'):6d} {t['lost']:5d}")
    chosen = on_pg["direct"]
    print(f"engines=sqlite,postgresql pg_write_ratio={chosen['writes_per_s'] / writes['writes_per_s']:.2f} "
          f"errors={errors + sum(t['errors'] + (t['ok'] != 'ok') for t in on_pg.values())} "
          f"lost={lost + sum(t['lost'] for t in on_pg.values())}")


if __name__ == "__main__":
    sys.exit(main())
