"""The second visit in a real browser: the way back after saving, a device that keeps its household, ticks saved."""
import re

from playwright.sync_api import expect

from tests.pages import item_text, t

RESUME = re.compile(r"/en/checklists/saved/([A-Za-z0-9_-]{24})/")


def save_household(page, base_url):
    page.goto(base_url + "/en/checklists/")
    page.get_by_label(t("en", "Adults")).fill("2")
    page.get_by_role("button", name=t("en", "Save my answers")).click()
    page.wait_for_url(re.compile(r"\?saved=new$"))
    page.wait_for_load_state("load")
    return RESUME.search(page.url).group(1)


def test_after_saving_the_way_back_is_first_and_can_be_copied(watched, base_url, context):
    page, _ = watched
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    rid = save_household(page, base_url)
    panel = page.locator("#resume")
    expect(panel).to_be_visible()
    assert panel.bounding_box()["y"] < page.locator("#checklist-form").bounding_box()["y"]
    expect(page.locator("#resume-link")).to_contain_text(f"/en/checklists/saved/{rid}/")
    page.get_by_role("button", name=t("en", "Copy the link")).click()
    expect(page.locator("#copy-status")).to_have_text(
        t("en", "The link is copied. Paste it somewhere you will find it again."))
    assert page.evaluate("navigator.clipboard.readText()").endswith(f"/en/checklists/saved/{rid}/")


def test_a_device_with_a_saved_household_opens_it_from_any_checklist_link(watched, base_url):
    page, _ = watched
    rid = save_household(page, base_url)
    # The campaign pages' links bring no household: this device's own opens, on the same checklist.
    page.goto(base_url + "/en/checklists/water")
    expect(page).to_have_url(re.compile(rf"/en/checklists/saved/{rid}/water$"))
    expect(page.get_by_label(t("en", "Adults"))).to_have_value("2")
    page.goto(base_url + "/en/checklists/")
    expect(page).to_have_url(re.compile(rf"/en/checklists/saved/{rid}/$"))
    # A link that carries a household of its own shows it, and says a save would make a second one.
    page.goto(base_url + "/en/checklists/water?adults=1&days=3")
    expect(page.locator("#remembered-link")).to_have_attribute("href", f"/en/checklists/saved/{rid}/water")
    expect(page.locator("#second-household")).to_be_visible()


def test_a_tick_says_it_is_saved_beside_the_ticks(watched, base_url):
    page, _ = watched
    rid = save_household(page, base_url)
    page.goto(base_url + f"/en/checklists/saved/{rid}/water")
    status = page.locator("#saved-status")
    expect(status).to_be_hidden()
    page.get_by_label(item_text("en", "water", "drinking-water")).check()
    expect(status).to_have_text(t("en", "Saved"))
    expect(status).to_be_in_viewport()
    assert "drinking-water" in page.request.get(base_url + f"/api/households/{rid}").json()["checked"]["water"]


def test_resumed_elsewhere_the_household_and_ticks_are_there(watched, base_url, browser):
    page, _ = watched
    rid = save_household(page, base_url)
    page.goto(base_url + f"/en/checklists/saved/{rid}/water")
    page.get_by_label(item_text("en", "water", "drinking-water")).check()
    expect(page.locator("#saved-status")).to_have_text(t("en", "Saved"))
    address = page.locator("#resume-link").get_attribute("href") if page.locator("#resume-link").count() else \
        f"/en/checklists/saved/{rid}/"
    other = browser.new_context(base_url=base_url, service_workers="block")
    there = other.new_page()
    there.goto(address)
    expect(there.get_by_label(t("en", "Adults"))).to_have_value("2")
    there.locator('a.md-button[data-continue="water"]').click()
    expect(there.get_by_label(item_text("en", "water", "drinking-water"))).to_be_checked()
    other.close()


def test_the_next_step_follows_progress(watched, base_url):
    page, _ = watched
    page.goto(base_url + "/en/checklists/")
    button = page.locator("#next-step")
    expect(button).to_contain_text(t("en", "Next step: start with %(checklist)s").split("%")[0])
    expect(button).to_have_attribute("href", re.compile(r"/en/checklists/emergency-kit"))
    page.get_by_label(t("en", "Adults")).fill("3")
    expect(button).to_have_attribute("href", re.compile(r"/en/checklists/emergency-kit\?adults=3"))


def test_the_next_step_keeps_the_household_a_link_brought(watched, base_url):
    page, _ = watched
    page.goto(base_url + "/en/checklists/?adults=4&days=7")
    expect(page.locator("#next-step")).to_have_attribute("href", re.compile(r"/en/checklists/emergency-kit\?.*adults=4"))
