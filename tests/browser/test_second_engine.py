"""A second accessibility engine beside axe: HTML_CodeSniffer's WCAG 2.1 AA errors on the household's pages in
every language (the campaign pages: every page in every language, test_site.py), and proof that it finds one."""
import pytest

from backend import ROOT
from backend.i18n import read_languages
from tests.checkers import sniff

LANGUAGES = read_languages(str(ROOT / "mkdocs.yml"))


@pytest.mark.parametrize("lang", LANGUAGES, ids=lambda lang: lang.code)
def test_no_html_codesniffer_errors_on_the_households_pages(watched, base_url, lang):
    page, _ = watched
    for address in ("/checklists/?adults=2&infants=1", "/checklists/emergency-kit", "/checklists/water",
                    "/checklists/cash", "/checklists/print?adults=2&pets=1"):
        page.goto(base_url + lang.prefix + address)
        assert sniff(page) == [], address


def test_the_engine_finds_a_form_without_a_submit_button(page, base_url):
    page.goto(base_url + "/en/")
    page.evaluate("document.querySelector('.md-search__submit').remove()")
    assert [code for code, _ in sniff(page)] == ["H32.2"]
