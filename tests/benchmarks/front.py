"""`make bench-front`: /healthz while 100 slow uploads and 100 slow readers are held open.

The same slow clients as tests/integration/test_front.py, against what `make serve` starts (gunicorn
behind nginx) and against gunicorn alone with the same configuration. Each /healthz waits at most
TIMEOUT seconds; a wait that ran out counts as TIMEOUT (so a ratio against it is a lower bound).
The last line: front_held_ms=<p50> front_overhead=<p50 front / p50 gunicorn, nobody held>
held_ratio=<p50 gunicorn alone / p50 front, both held> timeouts_alone=<n of SAMPLES>.
"""
import socket
import tempfile
import time
from pathlib import Path

from tests.benchmarks.driver import free_port, percentile
from tests.benchmarks.load import start, stop
from tests.benchmarks.slow import SLOW, Front, SlowClients, request

TIMEOUT = 10
SAMPLES = 5  # while held: gunicorn alone may take TIMEOUT seconds for each
IDLE_SAMPLES = 200


PAGE = "/en/checklists/water"


def healthz_ms(port, samples, timeout, path="/healthz"):
    """Milliseconds per answer (each on a new connection, as a monitor asks); timed out counts as timeout."""
    times, timeouts = [], 0
    for _ in range(samples):
        begin = time.perf_counter()
        try:
            assert request(port, "GET", path, timeout=timeout)[0] == 200
            times.append((time.perf_counter() - begin) * 1000)
        except (socket.timeout, ConnectionError):
            times.append(timeout * 1000.0)
            timeouts += 1
    return times, timeouts


def measure(name, port, page=False):
    idle, _ = healthz_ms(port, IDLE_SAMPLES, TIMEOUT)
    with SlowClients(port):
        held, timeouts = healthz_ms(port, SAMPLES, TIMEOUT)
        pages = healthz_ms(port, SAMPLES, TIMEOUT, PAGE)[0] if page else None
    print(f"{name:>15}: nobody held p50 {percentile(idle, 50):7.2f} ms, p99 {percentile(idle, 99):7.2f} ms | "
          f"{SLOW} slow uploads + {SLOW} slow readers held: p50 {percentile(held, 50):8.1f} ms, "
          f"max {max(held):8.1f} ms, timed out {timeouts}/{SAMPLES}", flush=True)
    if pages:
        print(f"{'':>15}  {PAGE} while held: p50 {percentile(pages, 50):.1f} ms, max {max(pages):.1f} ms", flush=True)
    return percentile(idle, 50), percentile(held, 50), timeouts


def main():
    with tempfile.TemporaryDirectory() as workdir:
        front = Front(Path(workdir) / "front").start()
        try:
            front_idle, front_held, _ = measure("behind the front", front.port, page=True)
        finally:
            front.stop()
        port = free_port()
        alone = start("backend:create_app()", port, {"PARAAT_DATABASE": str(Path(workdir) / "alone.sqlite3")},
                      workdir)
        try:
            children = Path(f"/proc/{alone.pid}/task/{alone.pid}/children")
            while len(children.read_text().split()) < 2:  # both workers take connections
                time.sleep(0.05)
            time.sleep(0.5)
            alone_idle, alone_held, timeouts = measure("gunicorn alone", port)
        finally:
            stop(alone)
    print(f"front_held_ms={front_held:.1f} front_overhead={front_idle / alone_idle:.2f} "
          f"held_ratio={alone_held / front_held:.0f}{'+' if timeouts else ''} timeouts_alone={timeouts}/{SAMPLES}")


if __name__ == "__main__":
    main()
