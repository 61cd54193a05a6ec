"""A household's journey in a real browser, with and without JavaScript: enter once, tick, be ready, come back, forget."""
import re

import pytest
from playwright.sync_api import expect

from tests.pages import essentials, item_text, t

ESSENTIALS = essentials()
RESUME = re.compile(r"/en/checklists/saved/([A-Za-z0-9_-]{24})/")


def stored_rows(live_app, rid):
    """Every row anywhere in the database that holds this household's id."""
    from backend.storage import storage

    with live_app.app_context():
        db = storage().connect()
        try:
            return (list(db.query("SELECT id FROM households WHERE id = ?", [rid]))
                    + list(db.query("SELECT household_id FROM household_items WHERE household_id = ?", [rid])))
        finally:
            db.conn.close()


def enter_household(page):
    page.get_by_label(t("en", "Adults")).fill("2")
    page.get_by_label(t("en", "Children")).fill("3")


def tick_every_essential(page, checklist):
    for item in ESSENTIALS[checklist]:
        box = page.get_by_label(item_text("en", checklist, item))
        if not box.is_checked():
            box.check()
    expect(page.locator(f'[data-complete="{checklist}"]')).to_be_visible()


def test_the_whole_journey_with_javascript(watched, base_url, browser, live_app):
    page, _ = watched
    page.goto(base_url + "/en/checklists/")
    enter_household(page)
    # The overview shows the amounts that matter at once, and the links carry the household.
    expect(page.locator('[data-qty="water.drinking-water"]')).to_have_text("45 litres")
    expect(page.locator('[data-qty="cash.cash-amount"]')).to_have_text("€230")
    page.get_by_role("button", name=t("en", "Save my answers")).click()
    expect(page).to_have_url(re.compile(RESUME.pattern + r"\?saved=new$"))
    rid = RESUME.search(page.url).group(1)
    assert page.evaluate("localStorage.getItem('paraat:household')") == rid
    expect(page.locator("#ready")).to_be_hidden()

    for checklist in ("emergency-kit", "water", "cash"):
        page.locator(f'a.md-button[data-continue="{checklist}"]').click()
        expect(page).to_have_url(re.compile(rf"/saved/{rid}/{checklist}$"))
        if checklist == "water":
            expect(page.locator('[data-qty="water.drinking-water"]')).to_have_text("45 litres")
            # Drinking water, ticked in the kit, is already ticked here.
            expect(page.get_by_label(item_text("en", "water", "drinking-water"))).to_be_checked()
        tick_every_essential(page, checklist)
        page.wait_for_load_state("networkidle")  # each tick is saved as it is made
        page.get_by_role("link", name=t("en", "Your household overview")).first.click()

    expect(page.locator("#ready")).to_be_visible()
    expect(page.locator("#ready-title")).to_have_text(
        t("en", "Your household is ready for %(days)s.") % {"days": "3 days"})

    # The resume link, in a fresh browser, brings everything back.
    fresh = browser.new_context(base_url=base_url)
    other = fresh.new_page()
    other.goto(f"/en/checklists/saved/{rid}/")
    expect(other.get_by_label(t("en", "Children"))).to_have_value("3")
    expect(other.locator("#ready")).to_be_visible()
    other.goto(f"/en/checklists/saved/{rid}/cash")
    expect(other.get_by_label(item_text("en", "cash", ESSENTIALS["cash"][0]))).to_be_checked()
    other.get_by_role("button", name=t("en", "Forget my answers")).click()
    other.get_by_role("button", name=t("en", "Yes, forget my answers")).click()
    expect(other.locator("#status")).to_have_text(t("en", "Your answers are forgotten: they are deleted from our server."))
    fresh.close()
    assert stored_rows(live_app, rid) == []


def test_unsaved_household_travels_in_the_links(watched, base_url, live_app):
    page, _ = watched
    page.goto(base_url + "/en/checklists/")
    enter_household(page)
    page.locator("#days-7").check()
    page.locator('a.md-button[data-continue="water"]').click()
    expect(page.locator('[data-qty="water.drinking-water"]')).to_have_text("105 litres")
    expect(page.get_by_label(t("en", "Children"))).to_have_value("3")
    # Changing the household on a checklist page counts as well, and a reload keeps it.
    page.locator("details.pa-household-box summary").click()
    page.get_by_label(t("en", "Babies")).fill("1")
    expect(page.locator('[data-qty="water.drinking-water"]')).to_have_text("126 litres")
    page.reload()
    expect(page.locator('[data-qty="water.drinking-water"]')).to_have_text("126 litres")
    assert page.evaluate("localStorage.getItem('paraat:household')") is None


def test_progress_is_announced_politely_once_the_person_pauses(watched, base_url):
    page, _ = watched
    page.goto(base_url + "/en/checklists/water")
    status = page.locator("#status")
    expect(status).to_have_attribute("role", "status")
    page.get_by_label(item_text("en", "water", "drinking-water")).check()
    assert status.text_content().strip() == ""  # not at once, on every tick
    expect(status).to_contain_text("1 of 1", timeout=5000)
    expect(page.locator('[data-progress="water"]')).to_contain_text("1 of 1")


def test_items_appear_when_they_apply(watched, base_url):
    page, _ = watched
    page.goto(base_url + "/en/checklists/emergency-kit")
    baby = page.locator('[data-item="baby-food"]')
    expect(baby).to_be_hidden()
    # A link without a household opens with the household step unfolded.
    page.get_by_label(t("en", "Babies")).fill("1")
    expect(baby).to_be_visible()


def test_the_language_switch_keeps_the_saved_household(watched, base_url):
    page, _ = watched
    page.goto(base_url + "/en/checklists/")
    page.get_by_role("button", name=t("en", "Save my answers")).click()
    page.wait_for_url(RESUME)  # the page script asks for a token first, then posts
    rid = RESUME.search(page.url).group(1)
    page.goto(base_url + f"/en/checklists/saved/{rid}/cash")
    dutch = page.locator('a.md-select__link[hreflang="nl"]')
    assert dutch.get_attribute("href") == f"/checklists/saved/{rid}/cash"
    page.goto(base_url + dutch.get_attribute("href"))
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    expect(page.get_by_role("heading", level=1)).to_have_text("Contant geld")
    page.get_by_role("button", name=t("nl", "Forget my answers")).click()
    page.get_by_role("button", name=t("nl", "Yes, forget my answers")).click()
    expect(page).to_have_url(re.compile(rf"\?forgotten={rid}$"))


def test_a_link_to_another_household_does_not_replace_the_one_saved_here(watched, base_url):
    """Someone else's link opens their household, but this device keeps pointing at its own."""
    page, _ = watched
    token = page.request.get(base_url + "/api/token").json()["token"]
    theirs = page.request.post(base_url + "/api/households", data={
        "lang": "en", "household": {"adults": 1}, "days": 3, "token": token}).json()["id"]
    page.goto(base_url + "/en/checklists/")
    page.get_by_role("button", name=t("en", "Save my answers")).click()
    page.wait_for_url(re.compile(r"\?saved=new$"))
    page.wait_for_load_state("load")  # the page's script has taken the household in
    mine = RESUME.search(page.url).group(1)
    assert page.evaluate("localStorage.getItem('paraat:household')") == mine
    page.goto(base_url + f"/en/checklists/saved/{theirs}/water?saved=1")
    assert page.evaluate("localStorage.getItem('paraat:household')") == mine
    expect(page.locator("#remembered-link")).to_have_attribute("href", f"/en/checklists/saved/{mine}/water")
    # A save made here does move the device to the new household, but never without saying so first.
    page.goto(base_url + "/en/checklists/water?adults=1&days=3")
    expect(page.locator("#second-household")).to_be_visible()
    page.get_by_role("button", name=t("en", "Save my answers")).first.click()
    page.wait_for_url(re.compile(r"\?saved=new$"))
    newer = RESUME.search(page.url).group(1)
    assert newer not in (mine, theirs) and page.evaluate("localStorage.getItem('paraat:household')") == newer


def test_a_count_that_cannot_be_saved_is_named_at_once_and_not_saved(watched, base_url, live_app):
    page, _ = watched
    token = page.request.get(base_url + "/api/token").json()["token"]
    rid = page.request.post(base_url + "/api/households", data={
        "lang": "en", "household": {"adults": 2}, "days": 3, "token": token}).json()["id"]
    page.goto(base_url + f"/en/checklists/saved/{rid}/")
    page.locator("#household-box summary").click()  # a saved household is folded to one line
    adults, problem = page.locator("#adults"), page.locator("#check-error")
    expect(problem).to_be_hidden()
    adults.fill("0")
    adults.press("Tab")
    expect(problem).to_have_text(t("en", "A household needs at least one adult, child or infant."))
    expect(adults).to_have_attribute("aria-invalid", "true")
    adults.fill("25")
    adults.press("Tab")
    expect(problem).to_contain_text("20")
    assert page.request.get(base_url + f"/api/households/{rid}").json()["household"]["adults"] == 2
    adults.fill("3")
    expect(problem).to_be_hidden()  # gone as soon as it is right
    adults.press("Tab")
    expect(adults).not_to_have_attribute("aria-invalid", "true")
    for _ in range(50):  # saved in the background once the count is right
        if page.request.get(base_url + f"/api/households/{rid}").json()["household"]["adults"] == 3:
            break
        page.wait_for_timeout(100)
    else:
        raise AssertionError("the right count was never saved")


def tab_to(page, selector, limit=60):
    """Press Tab until `selector` has focus, as a keyboard user would."""
    for _ in range(limit):
        if page.evaluate("s => document.activeElement && document.activeElement.matches(s)", selector):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"{selector} cannot be reached with Tab")


def test_keyboard_alone_can_save_and_forget(watched, base_url, live_app):
    page, _ = watched
    page.goto(base_url + "/en/checklists/")
    page.keyboard.press("Tab")
    expect(page.locator(".md-skip")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"#pa-content$"))
    tab_to(page, "#adults")
    page.keyboard.press("ArrowUp")
    expect(page.locator('[data-qty="water.drinking-water"]')).to_have_text("18 litres")
    # Enter in a field recalculates; it does not save without the person asking.
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/en/checklists/"))
    assert "/saved/" not in page.url
    tab_to(page, "#save-button")
    page.keyboard.press("Enter")
    expect(page).to_have_url(RESUME)
    rid = RESUME.search(page.url).group(1)
    assert stored_rows(live_app, rid)
    tab_to(page, "#forget-button")
    page.keyboard.press("Enter")
    expect(page.locator("#confirm-forget")).to_be_visible()  # forgetting cannot be undone: asked once more
    tab_to(page, "#confirm-forget")
    page.keyboard.press("Enter")
    expect(page.locator("#status")).to_have_text(t("en", "Your answers are forgotten: they are deleted from our server."))
    assert stored_rows(live_app, rid) == []


@pytest.fixture
def nojs_page(browser, base_url):
    context = browser.new_context(java_script_enabled=False, base_url=base_url)
    yield context.new_page()
    context.close()


def test_the_whole_journey_without_javascript(nojs_page, live_app, browser, base_url):
    page = nojs_page
    page.goto("/en/checklists/")
    enter_household(page)
    page.get_by_role("button", name=t("en", "Update the amounts")).click()
    expect(page.locator('[data-qty="water.drinking-water"]')).to_have_text("45 litres")
    # Unsaved, the household rides along in the link to each checklist.
    page.locator('a.md-button[data-continue="cash"]').click()
    expect(page.locator('[data-qty="cash.cash-amount"]')).to_have_text("€230")
    page.goto("/en/checklists/emergency-kit?" + page.url.split("?", 1)[1])
    expect(page.locator('[data-qty="emergency-kit.drinking-water"]')).to_have_text("45 litres")
    page.get_by_role("link", name=t("en", "Your household overview")).first.click()
    page.get_by_role("button", name=t("en", "Save my answers")).click()
    # Without JavaScript the page has no token: one more step, never cached, carries a fresh one.
    expect(page.locator("h1")).to_have_text(t("en", "Save your answers"))
    page.get_by_role("button", name=t("en", "Save"), exact=True).click()
    rid = RESUME.search(page.url).group(1)
    for checklist in ("emergency-kit", "water", "cash"):
        page.goto(f"/en/checklists/saved/{rid}/{checklist}")
        for item in ESSENTIALS[checklist]:
            page.get_by_label(item_text("en", checklist, item)).check()
        page.get_by_role("button", name=t("en", "Save my answers")).click()
        expect(page.locator("#status")).to_have_text(t("en", "Your answers are saved."))
        expect(page.locator(f'[data-complete="{checklist}"]')).to_be_visible()
    page.goto(f"/en/checklists/saved/{rid}/")
    expect(page.locator("#ready")).to_be_visible()
    resume = page.locator("#resume-link").get_attribute("href")
    assert resume == f"/en/checklists/saved/{rid}/"

    fresh = browser.new_context(java_script_enabled=False, base_url=base_url)
    other = fresh.new_page()
    other.goto(resume)
    expect(other.get_by_label(t("en", "Children"))).to_have_value("3")
    expect(other.locator("#ready")).to_be_visible()
    other.get_by_role("button", name=t("en", "Forget my answers")).click()
    other.get_by_role("button", name=t("en", "Yes, forget my answers")).click()
    expect(other.locator("#status")).to_have_text(t("en", "Your answers are forgotten: they are deleted from our server."))
    fresh.close()
    assert stored_rows(live_app, rid) == []
