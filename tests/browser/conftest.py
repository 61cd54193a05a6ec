"""Real-browser tests: headless Chromium against the whole product on a free local port."""
import threading
from urllib.parse import urlsplit

import pytest
from werkzeug.serving import WSGIRequestHandler, make_server

from backend import create_app
from tests.conftest import CHEAP_HASH

from .find_chromium import system_chromium


class _QuietHandler(WSGIRequestHandler):
    """The product logs no requests; neither does its test server."""

    def log_request(self, *args, **kwargs):
        pass


@pytest.fixture(scope="session")
def live_app(tmp_path_factory):
    return create_app({"TESTING": True, "DATABASE": str(tmp_path_factory.mktemp("db") / "paraat.sqlite3"),
                       "PASSWORD_HASH": CHEAP_HASH})


@pytest.fixture(scope="session")
def live_server(live_app):
    server = make_server("127.0.0.1", 0, live_app, threaded=True, request_handler=_QuietHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join()


@pytest.fixture(scope="session")
def base_url(live_server):
    return live_server


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    # The service worker copies a whole language for offline use on every first visit: only the
    # offline tests (test_offline.py) want that work done.
    return {**browser_context_args, "service_workers": "block"}


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    args = {**browser_type_launch_args}
    path = system_chromium()
    if path:
        args["executable_path"] = path
    # Keep Chromium from calling home: the tests also assert no request leaves the origin.
    args["args"] = [*args.get("args", []), "--disable-background-networking",
                    "--disable-component-update", "--no-first-run", "--disable-sync"]
    return args


@pytest.fixture
def watched(page, base_url):
    """The page, with every request to another origin and every console error recorded."""
    origin = urlsplit(base_url).netloc
    record = {"foreign": [], "errors": []}
    page.on("request", lambda r: urlsplit(r.url).scheme in ("http", "https", "ws", "wss")
            and urlsplit(r.url).netloc != origin and record["foreign"].append(r.url))
    page.on("console", lambda m: m.type == "error" and record["errors"].append(m.text))
    page.on("pageerror", lambda e: record["errors"].append(str(e)))
    yield page, record
    # A test may end on a click that starts a navigation: let it land, since closing the browser
    # context mid-navigation can hang Chromium (it held a CI run until its time ran out).
    page.wait_for_load_state("load")
    assert record["foreign"] == [], "requests left the site's origin"
    assert record["errors"] == [], "the page logged errors"


def axe_violations(page):
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in results.response["violations"]]
