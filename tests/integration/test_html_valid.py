"""Every page, the campaign's and the backend's, in every language, is valid HTML to the W3C checker."""
from backend import ROOT
from backend.i18n import read_languages
from tests.checkers import html_errors
from tests.pages import check_page

LANGUAGES = read_languages(str(ROOT / "mkdocs.yml"))
SITE = ROOT / "build" / "site"


def test_backend_pages_are_valid_html(client, tmp_path):
    tmp_path = tmp_path / "pages"
    tmp_path.mkdir()
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
            check_page(response, lang.code, lang.dir)
            (tmp_path / f"{lang.code}-{name}.html").write_bytes(response.get_data())
    assert len(list(tmp_path.glob("*.html"))) == 10 * len(LANGUAGES)
    assert html_errors(tmp_path) == []


def test_dashboard_pages_are_valid_html(app, client, tmp_path):
    from tests.integration.test_dashboard_access import add_official, log_in

    tmp_path = tmp_path / "pages"
    tmp_path.mkdir()
    add_official(app)
    def kept(name, response, prefix):
        check_page(response, prefix[1:] or "nl", officials=True)
        (tmp_path / f"{name}{prefix[1:]}.html").write_bytes(response.data)

    for prefix in ("", "/en"):
        kept("login", client.get(f"{prefix}/dashboard/login"), prefix)
    log_in(client)
    client.post("/api/households", json={"lang": "nl", "household": {"adults": 1}})
    for prefix in ("", "/en"):
        for name, path in (("dashboard", "/dashboard/?breakdown=lang"), ("logout", "/dashboard/logout"),
                           ("refused", "/dashboard/?period=soon")):
            kept(name, client.get(prefix + path), prefix)
    assert len(list(tmp_path.glob("*.html"))) == 8
    assert html_errors(tmp_path) == []


def test_campaign_pages_are_valid_html(tmp_path):
    pages = [p for p in SITE.rglob("*.html") if "checklists" not in p.parts]
    assert len(pages) > 13 * len(LANGUAGES), "build the site first (make site)"
    for page in pages:
        (tmp_path / "-".join(page.relative_to(SITE).parts)).write_bytes(page.read_bytes())
    assert html_errors(tmp_path) == []


def test_the_checker_catches_what_the_theme_gets_wrong(tmp_path):
    page = (SITE / "index.html").read_text(encoding="utf-8")
    stock = page.replace('id="__drawer">', 'id="__drawer" autocomplete="off">', 1)
    (tmp_path / "stock.html").write_text(stock, encoding="utf-8")
    assert [message for _, message in html_errors(tmp_path)] == [
        "Attribute “autocomplete” is only allowed when the input type is “color”, “date”, “datetime-local”, "
        "“email”, “hidden”, “month”, “number”, “password”, “range”, “search”, “tel”, “text”, “time”, "
        "“url”, or “week”."]
