"""Every page, the campaign's and the backend's, in every language, is valid HTML to the W3C checker.

The checker starts a Java VM that costs more than the checking: every page below is written out
first and checked in one run, and each test reads the errors of its own pages.
"""
import pytest

from backend import ROOT, create_app
from backend.i18n import read_languages
from tests.checkers import html_errors
from tests.conftest import CHEAP_HASH, Visitor
from tests.pages import check_page

LANGUAGES = read_languages(str(ROOT / "mkdocs.yml"))
SITE = ROOT / "build" / "site"


def backend_pages(client):
    """The household's pages in every language: (file name, response, language)."""
    rid = client.post("/api/households", json={"lang": "nl", "household": {"adults": 1}}).json["id"]
    for lang in LANGUAGES:
        pages = {"overview": "/checklists/?adults=2&infants=1&care=yes", "print": "/checklists/print?adults=2&pets=1",
                 "saved": f"/checklists/saved/{rid}/water", "refused": "/checklists/cash?days=5",
                 "island-print": "/checklists/print?adults=2&region=caribisch-nederland",
                 "island-water": "/checklists/water?adults=2&region=caribisch-nederland",
                 **{c: f"/checklists/{c}" for c in ("emergency-kit", "water", "cash")}}
        responses = {name: client.get(lang.prefix + path) for name, path in pages.items()}
        responses["forget"] = client.post(f"{lang.prefix}/checklists/saved/{rid}/", data={"action": "forget"})
        for name, response in responses.items():
            yield f"{lang.code}-{name}.html", response, lang


def dashboard_pages(app, client):
    """The officials' pages, in Dutch and English, logged out and in: (file name, response, prefix)."""
    from tests.integration.test_dashboard_access import add_official, log_in

    add_official(app)
    for prefix in ("", "/en"):
        yield f"login{prefix[1:]}.html", client.get(f"{prefix}/dashboard/login"), prefix
    log_in(client)
    client.post("/api/households", json={"lang": "nl", "household": {"adults": 1}})
    for prefix in ("", "/en"):
        for name, path in (("dashboard", "/dashboard/?breakdown=lang"), ("logout", "/dashboard/logout"),
                           ("refused", "/dashboard/?period=soon")):
            yield f"{name}{prefix[1:]}.html", client.get(prefix + path), prefix


def stock_page():
    """The home page with what Material's own template writes and this site's override leaves out."""
    page = (SITE / "index.html").read_text(encoding="utf-8")
    return page.replace('id="__drawer">', 'id="__drawer" autocomplete="off">', 1)


@pytest.fixture(scope="module")
def checked(tmp_path_factory):
    """Every page of every test here, written into a folder per test and checked in one run:
    {folder: {"pages": what the test checks itself, "files": file names, "errors": [(file, message)]}}."""
    assert (SITE / "index.html").is_file(), "build the site first (make site)"
    root = tmp_path_factory.mktemp("pages")
    app = create_app({"TESTING": True, "DATABASE": str(root.parent / "paraat.sqlite3"), "PASSWORD_HASH": CHEAP_HASH})
    app.test_client_class = Visitor
    groups = {"backend": list(backend_pages(app.test_client())),
              "dashboard": list(dashboard_pages(app, app.test_client())),
              "campaign": [("-".join(p.relative_to(SITE).parts), p.read_bytes(), None)
                           for p in SITE.rglob("*.html") if "checklists" not in p.parts],
              "stock": [("stock.html", stock_page().encode(), None)]}
    app.extensions["paraat.storage"].close()
    for group, pages in groups.items():
        (root / group).mkdir()
        for name, page, _ in pages:
            (root / group / name).write_bytes(page if isinstance(page, bytes) else page.get_data())
    errors = [(path.partition("/"), message) for path, message in html_errors(root)]
    assert all(group in groups and name for (group, _, name), _ in errors), errors  # every error is someone's
    return {group: {"pages": pages, "files": sorted(p.name for p in (root / group).glob("*.html")),
                    "errors": [(name, message) for (folder, _, name), message in errors if folder == group]}
            for group, pages in groups.items()}


def test_backend_pages_are_valid_html(checked):
    for _, response, lang in checked["backend"]["pages"]:
        check_page(response, lang.code, lang.dir)
    assert len(checked["backend"]["files"]) == 10 * len(LANGUAGES)
    assert checked["backend"]["errors"] == []


def test_dashboard_pages_are_valid_html(checked):
    for _, response, prefix in checked["dashboard"]["pages"]:
        check_page(response, prefix[1:] or "nl", officials=True)
    assert len(checked["dashboard"]["files"]) == 8
    assert checked["dashboard"]["errors"] == []


def test_campaign_pages_are_valid_html(checked):
    assert len(checked["campaign"]["files"]) > 13 * len(LANGUAGES), "build the site first (make site)"
    assert checked["campaign"]["errors"] == []


def test_the_checker_catches_what_the_theme_gets_wrong(checked):
    assert [message for _, message in checked["stock"]["errors"]] == [
        "Attribute “autocomplete” is only allowed when the input type is “color”, “date”, “datetime-local”, "
        "“email”, “hidden”, “month”, “number”, “password”, “range”, “search”, “tel”, “text”, “time”, "
        "“url”, or “week”."]
