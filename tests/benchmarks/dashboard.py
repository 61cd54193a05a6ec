"""`make bench-dashboard`: what the officials' dashboard costs at 10 thousand, 100 thousand and a million households.

Each size is filled once with demo.fill into build/bench/ (by size and seed)
and reused by later runs. Times are server times in this process: the median
of CALLS requests after one warm-up, body included, and beside it the CPU
time of this process (steadier than the clock on a shared machine). The last
line is for comparing runs.
"""
import statistics
import sys
import time
from datetime import date

from werkzeug.security import generate_password_hash

from backend import ROOT, create_app, demo
from backend.storage import officials as accounts
from backend.storage import storage

SIZES = (10_000, 100_000, 1_000_000)
SEED = 1
DAYS = 60
CALLS = 15
BENCH_DIR = ROOT / "build" / "bench"
EMAIL = "bench@paraat.invalid"
PASSWORD = "only-for-the-benchmark"
PAGES = (
    "/dashboard/?period=all&breakdown=region",
    "/dashboard/?period=all&breakdown=lang",
)
URLS = PAGES + (
    "/dashboard/export/dashboard.json?period=all&breakdown=region",
    "/dashboard/export/breakdown.csv?period=all&breakdown=region",
    "/dashboard/export/items.csv?period=all&breakdown=region",
    "/dashboard/export/over-time.csv?period=all&breakdown=region",
    "/api/stats/public",
)


def fail(message):
    print(f"FAILED: {message}", file=sys.stderr)
    sys.exit(1)


def database(size):
    """The filled database for this size, and how long filling took (None when reused)."""
    path = BENCH_DIR / f"demo-{size}-seed{SEED}.sqlite3"
    if path.exists():
        return path, None
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    # Filled under another name, so an interrupted fill is never reused.
    partial = path.with_name(path.name + ".partial")
    for leftover in BENCH_DIR.glob(partial.name + "*"):
        leftover.unlink()
    app = create_app({"DATABASE": str(partial), "SECRET_KEY": "benchmark"})
    with app.app_context():
        store = storage()
        db = store.connect()
        start = time.perf_counter()
        try:
            demo.fill(store, db, size, DAYS, SEED, date.today())
        finally:
            db.conn.close()
        took = time.perf_counter() - start
    for suffix in ("-wal", "-shm"):  # normally gone once the last connection closed
        side = partial.with_name(partial.name + suffix)
        if side.exists():
            side.rename(path.with_name(path.name + suffix))
    partial.rename(path)
    return path, took


def logged_in(path):
    app = create_app({"DATABASE": str(path), "SECRET_KEY": "benchmark", "WTF_CSRF_ENABLED": False})
    with app.app_context():
        db = storage().connect()
        try:
            accounts.add(db, EMAIL, generate_password_hash(PASSWORD), date.today().isoformat())
        finally:
            db.conn.close()
    client = app.test_client()
    answer = client.post("/dashboard/login", data={"email": EMAIL, "password": PASSWORD, "csrf_token": ""})
    if answer.status_code != 302:
        fail(f"login answered {answer.status_code}")
    return client


def median_ms(client, url):
    """(wall, CPU) medians in ms: on a shared machine the CPU time of this process says more than the clock."""
    def once():
        start, cpu = time.perf_counter(), time.process_time()
        answer = client.get(url)
        answer.get_data()  # a streamed body is made only when read
        took = time.perf_counter() - start, time.process_time() - cpu
        if answer.status_code != 200:
            fail(f"{url} answered {answer.status_code}")
        return took

    once()
    wall, cpu = zip(*(once() for _ in range(CALLS)))
    return statistics.median(wall) * 1e3, statistics.median(cpu) * 1e3


def main():
    width = max(map(len, URLS))
    results = {}
    for size in SIZES:
        path, took = database(size)
        client = logged_in(path)
        results[size] = {url: median_ms(client, url) for url in URLS}
        filled = "reused" if took is None else f"filled in {took:.1f} s"
        print(f"\n{size:,} households: {path.relative_to(ROOT)} ({path.stat().st_size / 1e6:.0f} MB, {filled})")
        print(f"  {'url':<{width}}  median ms ({CALLS} calls), CPU ms")
        for url, (ms, cpu) in results[size].items():
            print(f"  {url:<{width}}  {ms:9.1f}  {cpu:7.1f}")
    small = {url: ms for url, (ms, _cpu) in results[SIZES[0]].items()}
    large = {url: ms for url, (ms, _cpu) in results[SIZES[-1]].items()}
    print(f"\n{SIZES[-1]:,} over {SIZES[0]:,} households")
    for url in URLS:
        print(f"  {url:<{width}}  {large[url] / small[url]:6.2f}x")
    worst = max(PAGES, key=lambda url: large[url])
    cpu_small, cpu_large = results[SIZES[0]][worst][1], results[SIZES[-1]][worst][1]
    print(f"dashboard_ms_1m={large[worst]:.1f} growth_1m_over_10k={large[worst] / small[worst]:.2f} "
          f"cpu_ms_1m={cpu_large:.1f} cpu_growth_1m_over_10k={cpu_large / cpu_small:.2f}")


if __name__ == "__main__":
    main()
