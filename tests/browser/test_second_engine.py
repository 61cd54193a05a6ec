"""A second accessibility engine beside axe: HTML_CodeSniffer's WCAG 2.1 AA errors, on every campaign page and
the household's pages, in every language."""
import pytest

from backend import ROOT
from backend.i18n import read_languages
from tests.checkers import HTMLCS, SNIFF, required

from .test_site import PAGES, path

LANGUAGES = read_languages(str(ROOT / "mkdocs.yml"))


@pytest.fixture
def sniffing_page(browser, base_url):
    # The checker is injected as a script of its own, which the pages' CSP rightly refuses otherwise.
    context = browser.new_context(base_url=base_url, bypass_csp=True)
    yield context.new_page()
    context.close()


def sniff(page, address):
    page.goto(address)
    page.add_script_tag(path=str(required(HTMLCS)))
    return page.evaluate(SNIFF)


@pytest.mark.parametrize("lang", LANGUAGES, ids=lambda lang: lang.code)
def test_no_html_codesniffer_errors(sniffing_page, lang):
    campaign = [path(lang, name) for name in PAGES]
    household = [lang.prefix + p for p in ("/checklists/?adults=2&infants=1", "/checklists/emergency-kit",
                                            "/checklists/water", "/checklists/cash", "/checklists/print?adults=2&pets=1")]
    for address in campaign + household:
        assert sniff(sniffing_page, address) == [], address


def test_the_engine_finds_a_form_without_a_submit_button(sniffing_page):
    sniffing_page.goto("/en/")
    sniffing_page.evaluate("document.querySelector('.md-search__submit').remove()")
    sniffing_page.add_script_tag(path=str(required(HTMLCS)))
    assert [code for code, _ in sniffing_page.evaluate(SNIFF)] == ["H32.2"]
