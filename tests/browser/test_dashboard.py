"""The officials' dashboard and the public figure in a real browser: charts under the CSP, tables without
JavaScript, two accessibility engines, and the home page with and without the backend's figure."""
from datetime import date, timedelta

import pytest

from backend.answers import Answers, normalized
from backend.checklists import Household, checklists
from backend.storage import storage
from tests.checkers import sniff
from tests.integration.test_dashboard_access import PASSWORD, add_official
from tests.pages import essentials

from .conftest import axe_violations

EMAIL = "official@example.org"


@pytest.fixture(scope="module")
def figures(live_app):
    """Households saved on earlier days, and an official to see them."""
    with live_app.app_context():
        s, catalogue = storage(), checklists()
        db = s.connect()
        for n, lang, ticks, ago in ((60, "nl", essentials(), 3), (45, "ar", {"water": ["drinking-water"]}, 2),
                                    (4, "en", {}, 1)):
            for _ in range(n):
                s.create(db, Answers(lang=lang, household=Household(2), region="utrecht",
                                     checked=normalized(catalogue, ticks)), today=date.today() - timedelta(days=ago))
        # Earlier tests saved households today, before these older ones: keep today's figure afresh.
        with s.writing(db):
            db.execute("DELETE FROM public_figure WHERE day = ?", [date.today().isoformat()])
        db.conn.close()
    add_official(live_app, EMAIL)
    return live_app


def log_in(page, prefix=""):
    page.goto(f"{prefix}/dashboard/login")
    page.fill("#email", EMAIL)
    page.fill("#password", PASSWORD)
    page.click("form.login button")
    page.wait_for_url(f"**{prefix}/dashboard/")


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_the_dashboard_draws_its_charts_under_the_csp(figures, watched, prefix):
    page, record = watched
    violations = []
    page.on("console", lambda m: "Content Security Policy" in m.text and violations.append(m.text))
    log_in(page, prefix)
    charts = page.locator("figure.chart canvas")
    assert charts.count() == 5  # no chart repeats the tiles
    page.locator("details.per-day summary").click()  # the per-day figures are folded
    for i in range(charts.count()):
        assert charts.nth(i).is_visible()
        assert charts.nth(i).bounding_box()["height"] > 100
    assert page.evaluate("Object.keys(Chart.instances).length") == 5
    assert violations == []
    assert axe_violations(page) == []


def test_without_javascript_the_tables_show_everything(figures, browser, base_url):
    context = browser.new_context(base_url=base_url, java_script_enabled=False)
    page = context.new_page()
    log_in(page, "/en")
    assert page.locator("figure.chart").first.is_hidden()
    assert page.locator("table").count() == 5
    assert page.locator("#cap-breakdown").is_visible()
    assert page.locator(".card .big").first.inner_text().replace(",", "").isdigit()
    context.close()


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_login_and_dashboard_pass_a_second_engine(figures, browser, base_url, prefix):
    context = browser.new_context(base_url=base_url)
    page = context.new_page()
    for step in ("login", "dashboard"):
        if step == "dashboard":
            log_in(page, prefix)
        else:
            page.goto(f"{prefix}/dashboard/login")
            assert axe_violations(page) == []
        assert sniff(page) == [], step
    context.close()


@pytest.mark.parametrize("width", [768, 390])
def test_a_tablet_or_phone_sees_the_dashboard_without_sideways_scrolling(figures, browser, base_url, width):
    context = browser.new_context(base_url=base_url, viewport={"width": width, "height": 1024})
    page = context.new_page()
    log_in(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    context.close()


@pytest.mark.parametrize("lang, words", [("nl", "huishoud"), ("ar", "أسر"), ("en", "household")])
def test_the_home_page_shows_the_public_figure_in_its_language(figures, watched, lang, words):
    page, _ = watched
    before = page.request.get(f"/api/stats/public?lang={lang}").json()["text"]
    page.goto("/" if lang == "nl" else f"/{lang}/")
    figure = page.locator(".pa-figure")
    figure.wait_for()
    after = page.request.get(f"/api/stats/public?lang={lang}").json()["text"]
    assert figure.inner_text() in (before, after) and words in after  # (midnight may fall in between)
    assert axe_violations(page) == []


def test_the_home_page_leaves_the_figure_out_when_the_backend_does_not_answer(figures, page):
    page.route("**/api/stats/public*", lambda route: route.fulfill(status=503, body="unavailable"))
    page.goto("/en/")
    page.wait_for_load_state("networkidle")
    assert page.locator(".pa-figure").count() == 0
    assert page.locator(".pa-start").is_visible()
