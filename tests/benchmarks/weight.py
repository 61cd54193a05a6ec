"""`make bench-weight`: what each kind of page costs on the wire, and what a CDN in front could carry.

The production server (gunicorn.conf.py) on a free port; for each page kind,
in Dutch and Arabic, a fresh headless Chromium (Debian's, as the browser
tests use) opens the page until the network is quiet, the service worker's
keeping included, then opens it once more. Then a fresh browser walks an
unsaved journey (home, overview, three checklists, print) and every answer
that came over the network is checked: may a shared cache (a CDN) keep it?
The last line:
page_kb_max=<n> first_visit_kb_max=<n> repeat_visit_kb_max=<n> uncacheable_anonymous_gets=<n>
"""
import re
import tempfile
from collections import Counter
import urllib.request

from tests.benchmarks.cdp import Chromium
from tests.benchmarks.driver import free_port
from tests.benchmarks.load import start, stop
from tests.browser.find_chromium import playwright_chromium, system_chromium

HOUSEHOLD = "adults=2&children=1&region=utrecht"
PAGES = {"home": "/", "content page": "/noodpakket/", "overview": "/checklists/",
         f"checklist ({HOUSEHOLD})": f"/checklists/water?{HOUSEHOLD}"}
LANGS = {"nl": "", "ar": "/ar"}
JOURNEY = ["/", "/checklists/", f"/checklists/emergency-kit?{HOUSEHOLD}", f"/checklists/water?{HOUSEHOLD}",
           f"/checklists/cash?{HOUSEHOLD}", f"/checklists/print?{HOUSEHOLD}"]
# An address that carries a household (not just a language, as the public figure's does).
HOUSEHOLD_QUERY = re.compile(r"[?&](adults|children|infants|pets|days|region|care)=")
# Statuses a cache may keep when the answer says for how long (RFC 9111, 4.2.2).
# Not the page itself: the search index and the manifest are fetched by scripts, after the page.
FETCHED = {"XHR", "Fetch", "Manifest"}
KEEPABLE_STATUS = {200, 203, 204, 206, 300, 301, 308, 404, 405, 410, 414, 501}


def kb(requests, which=lambda r: True):
    return sum(r["bytes"] for r in requests if not r["free"] and which(r)) / 1000


def shared_cache_may_keep(request):
    """May a shared cache keep this answer? Explicit freshness, nothing private, no cookie, no Vary on people."""
    headers, status = request["headers"], request["status"]
    control = {part.strip().split("=")[0] for part in headers.get("cache-control", "").lower().split(",")}
    vary = {v.strip().lower() for v in headers.get("vary", "").split(",") if v.strip()}
    return (request["method"] == "GET" and status in KEEPABLE_STATUS | {304}
            and not control & {"no-store", "private", "no-cache"} and bool(control & {"public", "s-maxage", "max-age"})
            and "set-cookie" not in headers and not vary - {"accept-encoding"})


def unreported(requests):
    """The protocol never reports the end of a worker's own script (Material's search worker, 12 KB): count
    it as the same request made directly would arrive, headers and gzip body."""
    for r in requests:
        if r["status"] is None and not r["bytes"] and r["url"].startswith("http"):
            with urllib.request.urlopen(urllib.request.Request(r["url"], headers={"Accept-Encoding": "gzip"})) as f:
                r["bytes"] = len(f.read()) + len(str(f.headers))
    return requests


def fetched_whole_twice(requests):
    """Addresses whose whole answer came over the network more than once. The protocol reports a copy
    the browser checked with the server (a 304) with the kept answer's status, and the 304 on the wire
    (a small file's 304 can be as many bytes as its body)."""
    def came_whole(r):
        whole = r["bytes"] >= int(r["headers"].get("content-length") or 0)
        return whole and 304 not in (r["status"], r.get("wire_status"))
    whole = Counter(r["url"] for r in requests if not r["free"] and r["url"].startswith("http") and came_whole(r))
    return sorted(re.sub(r"^https?://[^/]+", "", url) for url, count in whole.items() if count > 1)


def measure(chromium_path, base):
    rows, page_max, first_max, repeat_max, repeats = [], 0.0, 0.0, 0.0, {}
    for lang, prefix in LANGS.items():
        for kind, path in PAGES.items():
            browser = Chromium(chromium_path)
            try:
                tab = browser.open(base + prefix + path, first=base + "/healthz")
                first = unreported(browser.take())
                browser.visit(tab, base + prefix + path)
                repeat = browser.take()
            finally:
                browser.close()
            own, whole, again = kb(first, lambda r: not r["worker"] and r["type"] not in FETCHED), kb(first), kb(repeat)
            worker = [r for r in first if r["worker"] and not r["free"]]
            rows.append((f"{kind} {lang}", own, whole, len([r for r in first if not r["free"]]),
                         kb(worker), len(worker), again))
            repeats[f"{kind} {lang}"] = fetched_whole_twice(first)
            page_max, first_max, repeat_max = max(page_max, own), max(first_max, whole), max(repeat_max, again)
    print(f"{'page':36} {'page KB':>8} {'first KB':>9} {'reqs':>5} {'worker KB':>10} {'reqs':>5} {'repeat KB':>10}")
    for name, own, whole, count, worker_kb, worker_count, again in rows:
        print(f"{name:36} {own:8.1f} {whole:9.1f} {count:5} {worker_kb:10.1f} {worker_count:5} {again:10.1f}")
    # Each address should come down whole once; a 304 (the worker checking a file the page just
    # loaded) is no second copy.
    for name, twice in repeats.items():
        print(f"first visit, {name}: came whole more than once: {', '.join(twice) or 'nothing'}")
    return page_max, first_max, repeat_max


def journey(chromium_path, base):
    browser = Chromium(chromium_path)
    try:
        tab = browser.open(base + JOURNEY[0], first=base + "/healthz")
        seen = browser.take()
        for path in JOURNEY[1:]:
            browser.visit(tab, base + path)
            seen += browser.take()
    finally:
        browser.close()
    # Only what came over the network reaches a CDN.
    answered = [r for r in seen if not r["free"] and r["status"] and re.match(r"https?:", r["url"])]
    refused = [r for r in answered if not shared_cache_may_keep(r)]
    print(f"journey: {len(answered)} answers over the network, {len(refused)} a shared cache may not keep")
    # With a CDN in front that has seen the shared answers, what still reaches the server: what it may not
    # keep, and the pages whose address carries this household (few other people send the same one).
    own = [r for r in answered if r in refused or HOUSEHOLD_QUERY.search(r["url"])]
    print(f"with a CDN in front: {len(own)} of {len(answered)} answers ({kb(own):.0f} of {kb(answered):.0f} KB) "
          "reach the server")
    for r in own:
        print(f"  {r['status']} {r['url'].removeprefix(base)}")
    for r in refused:
        print(f"  {r['status']} {r['url'].removeprefix(base)}  cache-control: {r['headers'].get('cache-control')}"
              f"  vary: {r['headers'].get('vary')}")
    return len(refused)


def main():
    chromium_path = system_chromium(headless_shell=False) or playwright_chromium()
    if not chromium_path:
        raise SystemExit("no Chromium found: make browser")
    port = free_port()
    with tempfile.TemporaryDirectory() as workdir:
        server = start("backend:create_app()", port, {"PARAAT_DATABASE": f"{workdir}/weight.sqlite3"}, workdir)
        try:
            base = f"http://127.0.0.1:{port}"
            page_max, first_max, repeat_max = measure(chromium_path, base)
            uncacheable = journey(chromium_path, base)
        finally:
            stop(server)
    print(f"page_kb_max={page_max:.0f} first_visit_kb_max={first_max:.0f} repeat_visit_kb_max={repeat_max:.0f} "
          f"uncacheable_anonymous_gets={uncacheable}")


if __name__ == "__main__":
    main()
