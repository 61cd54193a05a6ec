"""A person completing checklists in a real browser, with and without JavaScript."""
import re

import pytest
from playwright.sync_api import expect

from tests.pages import item_text, t

from .conftest import axe_violations


def record_count(live_app):
    from backend.storage import storage

    with live_app.app_context():
        db = storage().connect()
        try:
            return storage().counts(db)["responses"]
        finally:
            db.conn.close()


def test_quantities_follow_the_household_at_once(watched, base_url):
    page, _ = watched
    page.goto(base_url + "/en/checklists/water")
    qty = page.locator('[data-qty="drinking-water"]')
    expect(qty).to_have_text("9 litres")
    page.get_by_label(t("en", "Adults")).fill("2")
    page.get_by_label(t("en", "Children")).fill("3")
    expect(qty).to_have_text("45 litres")
    page.locator("#days-7").check()
    expect(qty).to_have_text("105 litres")
    expect(page.get_by_role("button", name=t("en", "Update the amounts"))).to_be_hidden()

    page.goto(base_url + "/en/checklists/cash")
    page.get_by_label(t("en", "Adults")).fill("2")
    page.get_by_label(t("en", "Children")).fill("3")
    expect(page.locator('[data-qty="cash-amount"]')).to_have_text("€230")


def test_items_appear_when_they_apply(watched, base_url):
    page, _ = watched
    page.goto(base_url + "/en/checklists/emergency-kit")
    baby = page.locator('[data-item="baby-food"]')
    expect(baby).to_be_hidden()
    page.get_by_label(t("en", "Babies")).fill("1")
    expect(baby).to_be_visible()


def test_tick_save_reload_and_forget(watched, base_url, live_app):
    page, _ = watched
    start = record_count(live_app)
    page.goto(base_url + "/en/checklists/water")
    page.get_by_label(t("en", "Adults")).fill("2")
    page.get_by_label(item_text("en", "water", "drinking-water")).check()
    page.get_by_role("button", name=t("en", "Save my answers")).click()
    expect(page.locator("#status")).to_have_text(t("en", "Your answers are saved."))
    rid = page.evaluate("localStorage.getItem('paraat:water')")
    assert re.fullmatch(r"[A-Za-z0-9_-]{24}", rid)
    assert record_count(live_app) == start + 1

    # Later changes are saved without a reload.
    with page.expect_response(lambda r: r.request.method == "PUT"):
        page.get_by_label(item_text("en", "water", "cool-dark-place")).check()

    page.reload()
    expect(page.get_by_label(item_text("en", "water", "drinking-water"))).to_be_checked()
    expect(page.get_by_label(item_text("en", "water", "cool-dark-place"))).to_be_checked()
    expect(page.get_by_label(t("en", "Adults"))).to_have_value("2")
    expect(page.locator('[data-qty="drinking-water"]')).to_have_text("18 litres")

    page.get_by_role("button", name=t("en", "Forget my answers")).click()
    expect(page.locator("#status")).to_have_text(t("en", "Your answers are forgotten: they are deleted from our server."))
    assert page.evaluate("localStorage.getItem('paraat:water')") is None
    assert record_count(live_app) == start
    page.reload()
    expect(page.get_by_label(item_text("en", "water", "drinking-water"))).not_to_be_checked()


def test_the_language_switch_keeps_the_checklist(watched, base_url):
    page, _ = watched
    page.goto(base_url + "/en/checklists/cash")
    page.locator(".pa-langs summary").click()
    page.get_by_role("link", name="Nederlands").click()
    expect(page).to_have_url(base_url + "/checklists/cash")
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    expect(page.get_by_role("heading", level=1)).to_have_text("Contant geld")


def tab_to(page, selector, limit=40):
    """Press Tab until `selector` has focus, as a keyboard user would."""
    for _ in range(limit):
        if page.evaluate("s => document.activeElement && document.activeElement.matches(s)", selector):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"{selector} cannot be reached with Tab")


def test_keyboard_alone_can_complete_a_checklist(watched, base_url, live_app):
    page, _ = watched
    start = record_count(live_app)
    page.goto(base_url + "/en/checklists/water")
    page.keyboard.press("Tab")
    expect(page.locator(".pa-skip")).to_be_focused()
    page.keyboard.press("Enter")
    tab_to(page, "#adults")
    page.keyboard.press("ArrowUp")
    expect(page.locator('[data-qty="drinking-water"]')).to_have_text("18 litres")
    # Enter in a field recalculates; it does not save without the person asking.
    page.keyboard.press("Enter")
    assert record_count(live_app) == start
    assert page.evaluate("localStorage.getItem('paraat:water')") is None
    tab_to(page, "#item-drinking-water")
    page.keyboard.press("Space")
    expect(page.locator("#item-drinking-water")).to_be_checked()
    tab_to(page, "#save-button")
    page.keyboard.press("Enter")
    expect(page.locator("#status")).to_have_text(t("en", "Your answers are saved."))
    assert record_count(live_app) == start + 1
    tab_to(page, "#forget-button")
    page.keyboard.press("Enter")
    expect(page.locator("#status")).to_have_text(t("en", "Your answers are forgotten: they are deleted from our server."))
    assert record_count(live_app) == start


@pytest.fixture
def nojs_page(browser, base_url):
    context = browser.new_context(java_script_enabled=False, base_url=base_url)
    yield context.new_page()
    context.close()


def test_the_same_path_without_javascript(nojs_page, live_app):
    page = nojs_page
    start = record_count(live_app)
    page.goto("/en/checklists/water")
    page.get_by_label(t("en", "Adults")).fill("2")
    page.get_by_label(t("en", "Children")).fill("3")
    page.get_by_role("button", name=t("en", "Update the amounts")).click()
    expect(page.locator('[data-qty="drinking-water"]')).to_have_text("45 litres")
    page.get_by_label(item_text("en", "water", "drinking-water")).check()
    page.get_by_role("button", name=t("en", "Save my answers")).click()
    expect(page.locator("#status")).to_have_text(t("en", "Your answers are saved."))
    resume = page.locator("#resume-link").get_attribute("href")
    assert re.fullmatch(r"/en/checklists/water/saved/[A-Za-z0-9_-]{24}", resume)
    assert record_count(live_app) == start + 1

    page.goto(resume)
    expect(page.get_by_label(item_text("en", "water", "drinking-water"))).to_be_checked()
    expect(page.get_by_label(t("en", "Children"))).to_have_value("3")
    page.get_by_role("button", name=t("en", "Forget my answers")).click()
    expect(page.locator("#status")).to_have_text(t("en", "Your answers are forgotten: they are deleted from our server."))
    assert record_count(live_app) == start


@pytest.mark.parametrize("path", ["/checklists/", "/checklists/water", "/en/checklists/emergency-kit",
                                  "/ar/checklists/cash"])
def test_no_accessibility_violations(watched, base_url, path):
    page, _ = watched
    page.goto(base_url + path)
    assert axe_violations(page) == []
