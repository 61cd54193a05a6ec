"""The household's pages as they look and adapt in a real browser: every language read by axe, the home page's
button on a phone, one chrome with the campaign pages, the islands' differences, the next step."""
import pytest
from playwright.sync_api import expect

from backend import ROOT
from backend.i18n import read_languages
from tests.pages import essentials, item_text, t

from .conftest import axe_violations

LANGUAGES = read_languages(str(ROOT / "mkdocs.yml"))
ESSENTIALS = essentials()


@pytest.mark.parametrize("lang", LANGUAGES, ids=lambda lang: lang.code)
def test_no_accessibility_violations_on_the_overview_checklists_and_print_page(watched, base_url, lang):
    """axe on each page template in every language: the overview, a checklist (each language another of the
    three, which share one template) and the print page. The W3C checker and HTML_CodeSniffer check all five
    pages in every language (test_html_valid.py, test_second_engine.py)."""
    page, _ = watched
    checklists = ("emergency-kit", "water", "cash")
    for path in ("", checklists[LANGUAGES.index(lang) % len(checklists)], "print"):
        page.goto(f"{base_url}{lang.prefix}/checklists/{path}?adults=2&infants=1&pets=1&care=yes&days=3")
        assert axe_violations(page) == [], path
        if not path:
            page.locator("#household-box summary").click()  # the household is known: folded to one line
            page.locator("#adults").fill("1")  # the overview's script runs clean too


@pytest.mark.parametrize("lang", LANGUAGES, ids=lambda lang: lang.code)
def test_the_home_page_opens_with_one_button_to_the_household_in_view_on_a_phone(browser, base_url, lang):
    context = browser.new_context(base_url=base_url, viewport={"width": 390, "height": 844}, is_mobile=True)
    page = context.new_page()
    page.goto(lang.prefix + "/")
    button = page.locator("article a.md-button.pa-start")
    expect(button).to_have_count(1)
    box = button.bounding_box()
    assert box and box["y"] + box["height"] <= 844, box
    button.click()
    expect(page).to_have_url(base_url + f"{lang.prefix}/checklists/")
    expect(page.locator("#adults")).to_be_visible()
    context.close()


@pytest.mark.parametrize("width", [390, 1280])
def test_a_checklist_and_a_campaign_page_share_one_chrome(browser, base_url, width):
    context = browser.new_context(base_url=base_url, viewport={"width": width, "height": 900})
    page = context.new_page()

    def chrome(path):
        page.goto(path)
        return page.evaluate("""() => ({
            footer: document.querySelector('footer.md-footer').innerText,
            nav: [...document.querySelectorAll('nav.md-nav--primary > ul > li > a.md-nav__link')]
                   .map(a => a.textContent.trim()),
            languages: [...document.querySelectorAll('a.md-select__link')].map(a => a.textContent.trim()),
            search: !!document.querySelector('form.md-search__form input[name=query]'),
            logo: getComputedStyle(document.querySelector('.md-header')).backgroundColor,
            font: getComputedStyle(document.querySelector('article')).fontFamily,
            width: document.querySelector('.md-main__inner').getBoundingClientRect().width,
        })""")

    campaign, checklist = chrome("/en/water/"), chrome("/en/checklists/water")
    assert campaign == checklist
    assert campaign["search"] and "Your household" in campaign["nav"] and len(campaign["languages"]) == len(LANGUAGES)
    context.close()


def test_choosing_the_caribbean_netherlands_shows_what_differs_there(watched, base_url):
    page, _ = watched
    page.goto(base_url + "/en/checklists/")
    islands = page.locator("#islands")
    expect(islands).to_be_hidden()
    page.locator("#region").select_option("caribisch-nederland")
    expect(islands).to_be_visible()
    expect(islands).to_contain_text(t("en", "The emergency number is 911."))
    expect(page.locator('li[data-islands="false"]')).to_be_hidden()
    page.locator("#region").select_option("utrecht")
    expect(islands).to_be_hidden()
    assert axe_violations(page) == []


def test_the_water_check_follows_the_region_on_the_islands(watched, base_url):
    page, _ = watched
    page.goto(base_url + "/en/checklists/water")
    item = page.locator('[data-item="check-dates"]')
    europe = "I check the best-before dates on the NL-Alert test day"
    islands = "I check the best-before dates in May and November"
    expect(item.get_by_text(europe)).to_be_visible()
    expect(item.get_by_text(islands)).to_be_hidden()
    # A link without a household opens with the household step unfolded.
    expect(page.locator(".pa-household-box")).to_have_attribute("open", "")
    page.locator("#region").select_option("caribisch-nederland")
    expect(item.get_by_text(islands)).to_be_visible()
    expect(item.get_by_text(europe)).to_be_hidden()
    assert "NL-Alert" not in item.inner_text()  # neither in the text nor in the help (innerText: what shows)
    page.get_by_label(islands).check()  # the label names the item in the island wording
    page.locator("#region").select_option("utrecht")
    expect(item.get_by_text("usually the first Monday of June")).to_be_visible()
    assert axe_violations(page) == []


def test_the_next_step_follows_the_ticks(watched, base_url):
    page, _ = watched
    page.goto(base_url + "/en/checklists/cash")
    first, second = ESSENTIALS["cash"][:2]
    expect(page.locator("#next-item")).to_have_text(
        t("en", "Next step: %(item)s.") % {"item": item_text("en", "cash", first)})
    page.get_by_label(item_text("en", "cash", first)).check()
    expect(page.locator("#next-item")).to_have_text(
        t("en", "Next step: %(item)s.") % {"item": item_text("en", "cash", second)})
    for item in ESSENTIALS["cash"]:
        page.get_by_label(item_text("en", "cash", item)).check()
    expect(page.locator("#next-item")).to_be_hidden()
    expect(page.locator("#next-done")).to_be_visible()
