"""The campaign site in a real browser: every page in every language, the 404
pages, the language switch, search per language, keyboard use and page weight.

Languages come from mkdocs.yml and pages from content/<default language>/.
Nothing here waits for a time: each step waits for a state of the page.
"""
import functools
import gzip
import re
from collections import Counter
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from backend import ROOT
from backend.i18n import read_languages
from tests.checkers import sniff

from .conftest import axe_violations

LANGUAGES = read_languages(str(ROOT / "mkdocs.yml"))
DEFAULT = next(lang for lang in LANGUAGES if lang.default)
PAGES = sorted(p.relative_to(ROOT / "content" / DEFAULT.code).with_suffix("").as_posix()
               for p in (ROOT / "content" / DEFAULT.code).rglob("*.md"))
BUDGET = 150 * 1024  # bytes, gzip-compressed, the default language's home page on a first visit
# axe, the slowest check here, runs on the home page and the checklists' shell in every language and on each
# other page (one template, main.html) in one language, a different one for each page; the W3C checker
# (test_html_valid.py) and HTML_CodeSniffer (below) check every page in every language.
OTHERS = [name for name in PAGES if name not in ("index", "checklists")]
AXED = {(lang.code, name) for lang in LANGUAGES for name in ("index", "checklists")} | {
    (LANGUAGES[n % len(LANGUAGES)].code, name) for n, name in enumerate(OTHERS)}


@pytest.fixture(autouse=True, scope="module")
def built_site():
    assert (ROOT / "build" / "site" / "index.html").is_file(), "build the site first (make site)"


def path(lang, page="index"):
    """The page's path: /, /water/, /en/, /en/water/."""
    root = "/" if lang.default else f"/{lang.code}/"
    return root if page == "index" else f"{root}{page.removesuffix('/index')}/"


def config(page):
    return page.evaluate("JSON.parse(document.getElementById('__config').textContent)")


def open_search(page):
    """Material says "type to start searching" (in the page's language) once its
    search worker has loaded the index and the lunr scripts it needs: it starts
    them when someone opens the search."""
    page.locator(".md-search__input").focus()
    placeholder = config(page)["translations"]["search.result.placeholder"]
    expect(page.locator(".md-search-result__meta")).to_have_text(placeholder)


def wait_for_search(page):
    """The page's scripts ran and its search works; the search is closed again."""
    open_search(page)
    page.keyboard.press("Escape")
    expect(page.locator("#__search")).not_to_be_checked()
    # Its dimmed backdrop has faded out (axe would read the page's colours through it).
    expect(page.locator(".md-search__overlay")).to_have_css("opacity", "0")
    expect(page.locator(".md-search__overlay")).to_have_css("width", "0px")


def document_direction(page):
    return page.evaluate("[document.documentElement.lang, document.documentElement.dir, document.body.dir,"
                         " getComputedStyle(document.querySelector('article')).direction]")


@pytest.mark.parametrize("lang,name", [(lang, name) for lang in LANGUAGES for name in PAGES],
                         ids=[f"{lang.code}-{name}" for lang in LANGUAGES for name in PAGES])
def test_every_page_in_every_language(watched, base_url, lang, name):
    page, record = watched
    sitemaps = []
    page.on("request", lambda r: urlsplit(r.url).path.endswith("sitemap.xml") and sitemaps.append(r.url))
    response = page.goto(base_url + path(lang, name))
    assert response.status == 200  # and "load": the page's scripts have run (errors fail the test, below)
    assert document_direction(page) == [lang.code, lang.dir, lang.dir, lang.dir]
    # The hreflang links are back in the head once Material has looked (it must not fetch their sitemaps).
    hreflangs = page.eval_on_selector_all('head link[rel="alternate"][hreflang]', "els => els.map(e => e.hreflang)")
    assert sorted(hreflangs) == sorted([lg.code for lg in LANGUAGES] + ["x-default"])
    assert sitemaps == []
    assert page.context.cookies() == []
    if (lang.code, name) in AXED:
        # The search works from this page (test_search_finds_only_pages_of_the_language searches in every
        # language); opened and closed again before axe reads the page.
        wait_for_search(page)
        assert axe_violations(page) == []
    assert sniff(page) == []
    # `watched` then fails the test on any request to another origin or console error.


@pytest.mark.parametrize("lang", LANGUAGES, ids=lambda lang: lang.code)
def test_a_missing_page_gets_the_404_page_of_its_language(page, base_url, lang):
    origin = urlsplit(base_url).netloc
    foreign, errors = [], []
    page.on("request", lambda r: urlsplit(r.url).netloc != origin and foreign.append(r.url))
    # The one error expected: the browser reports the 404 of the document itself.
    page.on("console", lambda m: m.type == "error" and m.location.get("url") != page.url and errors.append(m.text))
    page.on("pageerror", lambda e: errors.append(str(e)))
    missing = path(lang) + "no/such/page/"
    response = page.goto(base_url + missing)
    assert response.status == 404
    wait_for_search(page)  # the stylesheets, scripts and search of that language load from any depth
    assert document_direction(page) == [lang.code, lang.dir, lang.dir, lang.dir]
    expect(page.locator("h1")).to_have_count(1)
    home = page.locator("article a")
    expect(home).to_have_attribute("href", path(lang))
    assert axe_violations(page) == []
    assert foreign == [] and errors == []
    home.click()
    expect(page).to_have_url(base_url + path(lang))


def other_page():
    return next(name for name in PAGES if name != "index")


def test_the_language_switch_keeps_the_page(watched, base_url):
    page, _ = watched
    name = other_page()
    start = next(lang for lang in LANGUAGES if not lang.default)
    page.goto(base_url + path(start, name))
    assert "navigation.instant" not in config(page)["features"]
    links = page.locator(".md-select__link")
    switcher = {a["hreflang"]: a["href"] for a in links.evaluate_all(
        "els => els.map(e => ({hreflang: e.hreflang, href: e.href}))")}
    assert switcher == {lang.code: base_url + path(lang, name) for lang in LANGUAGES}
    # Through the menu, as a person does it: to the default language, then to every other one.
    route = [DEFAULT] + [lang for lang in LANGUAGES if not lang.default and lang != start]
    for lang in route:
        page.locator(".md-header__option .md-select").hover()
        page.locator(f'.md-select__link[hreflang="{lang.code}"]').click()
        expect(page).to_have_url(base_url + path(lang, name))
        expect(page.locator("html")).to_have_attribute("lang", lang.code)
        expect(page.locator("html")).to_have_attribute("dir", lang.dir)


def words(text):
    text = re.sub(r"\A---\n.*?\n---\n", "", text, flags=re.S)  # front matter
    text = re.sub(r"\]\([^)]*\)|https?://\S+", " ", text)  # link targets: file names are Dutch
    return [w.lower() for w in re.findall(r"[^\W\d_]+", text)]


@functools.cache
def words_of(lang):
    return Counter(w for f in (ROOT / "content" / lang.code).rglob("*.md") for w in words(f.read_text("utf-8")))


def only_in(lang, not_in):
    """A word of the language that no page of the other languages has, not even
    as the start of a word (search matches prefixes). Long, so no stop word."""
    mine = words_of(lang)
    theirs = set().union(*(words_of(other) for other in not_in))
    found = [w for w, n in mine.most_common() if len(w) >= 8 and not any(t.startswith(w) for t in theirs)]
    assert found, f"no word only in {lang.code}"
    return found[0]


def search(page, text):
    box = page.locator(".md-search__input")
    box.click()
    box.fill(text)
    box.press("End")  # Material reads the query on keyup; fill() types none


@pytest.mark.parametrize("lang", LANGUAGES, ids=lambda lang: lang.code)
def test_search_finds_only_pages_of_the_language(watched, base_url, lang):
    page, _ = watched
    others = [other for other in LANGUAGES if other != lang]
    page.goto(base_url + path(lang, other_page()))
    wait_for_search(page)
    translations = config(page)["translations"]
    results = page.locator(".md-search-result__item > .md-search-result__link")

    search(page, only_in(lang, others))
    expect(results.first).to_be_visible()
    hrefs = results.evaluate_all("els => els.map(e => new URL(e.href).pathname)")
    assert hrefs and all(h.startswith(path(lang)) for h in hrefs)
    assert not any(h.startswith(path(o)) for h in hrefs for o in others if not o.default)

    # A word that only the default language (or, on its own pages, another one) has: nothing here.
    elsewhere = DEFAULT if not lang.default else others[0]
    search(page, only_in(elsewhere, [lang]))
    expect(page.locator(".md-search-result__meta")).to_have_text(translations["search.result.none"])
    expect(results).to_have_count(0)


# Material's search worker and lunr's language files; the index is not among them (Material fetches it
# with the page, for the worker and for highlighting a result's words).
SEARCH_ENGINE = re.compile(r"/assets/javascripts/(workers/search\.[0-9a-f]+\.min\.js|lunr/)")


@pytest.mark.parametrize("lang", [DEFAULT, next(lg for lg in LANGUAGES if lg.dir == "rtl")], ids=lambda lg: lg.code)
def test_the_search_engine_comes_only_when_the_search_is_opened(watched, base_url, lang):
    page, _ = watched
    fetched = []
    page.on("request", lambda r: fetched.append(urlsplit(r.url).path))
    with page.expect_response(lambda r: urlsplit(r.url).path.endswith("/search/search_index.json")) as index:
        page.goto(base_url + path(lang, other_page()))
    languages = [code for code in index.value.json()["config"]["lang"] if code != "en"]  # en is built in
    page.wait_for_load_state("networkidle")
    assert [p for p in fetched if SEARCH_ENGINE.search(p)] == []
    assert page.locator(".md-search-result__meta").inner_text() != config(page)["translations"]["search.result.placeholder"]

    search(page, only_in(lang, [other for other in LANGUAGES if other != lang]))
    expect(page.locator(".md-search-result__item > .md-search-result__link").first).to_be_visible()
    engine = {p for p in fetched if SEARCH_ENGINE.search(p)}
    assert any("/workers/search." in p for p in engine)
    assert {f"/assets/javascripts/lunr/min/lunr.{code}.min.js" for code in languages} <= engine


def test_a_search_link_and_a_household_page_search_too(watched, base_url):
    """A link with ?q= opens the search before the page's scripts listen; the household pages' shell
    names the search worker by its site path."""
    page, _ = watched
    word = only_in(DEFAULT, [other for other in LANGUAGES if other != DEFAULT])
    results = page.locator(".md-search-result__item > .md-search-result__link")
    page.goto(f"{base_url}{path(DEFAULT, other_page())}?q={word}")
    expect(results.first).to_be_visible()
    page.goto(base_url + "/checklists/water?adults=2")
    search(page, word)
    expect(results.first).to_be_visible()


def test_keyboard_skip_link_and_visible_focus(watched, base_url):
    page, _ = watched
    for lang in LANGUAGES:
        page.goto(base_url + path(lang))
        page.keyboard.press("Tab")
        skip = page.locator(":focus")
        expect(skip).to_have_class(re.compile(r"\bmd-skip\b"))
        expect(skip).to_have_css("opacity", "1")  # it shows itself once focused
        target = skip.get_attribute("href")
        assert target.startswith("#")
        expect(page.locator(f'h1[id="{target[1:]}"]')).to_have_count(1)  # ids may start with a digit
        assert skip.evaluate("e => getComputedStyle(e).outlineStyle") != "none"
        page.keyboard.press("Tab")
        logo = page.locator(":focus")
        expect(logo).to_have_class(re.compile(r"\bmd-logo\b"))
        # A ring that shows on the dark blue header: solid, at least 2px, white.
        style = logo.evaluate("e => { const s = getComputedStyle(e);"
                              " return [s.outlineStyle, parseFloat(s.outlineWidth), s.outlineColor] }")
        assert style[0] == "solid" and style[1] >= 2 and style[2] == "rgb(255, 255, 255)", style


def test_right_to_left_pages_are_laid_out_right_to_left(watched, base_url):
    page, _ = watched
    page.set_viewport_size({"width": 1280, "height": 800})
    rtl = [lang for lang in LANGUAGES if lang.dir == "rtl"]
    ltr = DEFAULT if DEFAULT.dir == "ltr" else next(lang for lang in LANGUAGES if lang.dir == "ltr")
    for lang in [ltr, *rtl]:
        page.goto(base_url + path(lang, other_page()))
        box = {name: page.locator(sel).bounding_box() for name, sel in (
            ("nav", ".md-sidebar--primary"), ("toc", ".md-sidebar--secondary"),
            ("content", ".md-content"), ("logo", ".md-header .md-logo"), ("search", ".md-search__form"))}
        h1 = page.locator("article h1").evaluate(
            "e => { const r = document.createRange(); r.selectNodeContents(e); const t = r.getBoundingClientRect();"
            " const b = e.getBoundingClientRect(); return [t.left - b.left, b.right - t.right] }")
        forward = lang.dir == "ltr"
        # Navigation on the reading side, table of contents opposite, logo first, search last.
        assert (box["nav"]["x"] < box["content"]["x"] < box["toc"]["x"]) == forward, (lang.code, box)
        assert (box["logo"]["x"] < box["search"]["x"]) == forward, (lang.code, box)
        # The heading starts at the reading side of the text column.
        start_gap = h1[0] if forward else h1[1]
        assert start_gap < 2, (lang.code, h1)


def transferred(response):
    """Bytes the response costs compressed: as sent when the server compressed it,
    else its body compressed here with gzip at level 6."""
    if response.headers.get("content-encoding"):
        sent = response.request.sizes()["responseBodySize"]
        if sent:  # a worker's fetch reports no size: estimate it like the others
            return sent
    return len(gzip.compress(response.body(), compresslevel=6))


def test_the_home_page_weighs_at_most_the_budget_on_a_first_visit(page, base_url):
    responses = []
    page.on("response", lambda r: responses.append(r))
    page.goto(base_url + path(DEFAULT))
    page.wait_for_load_state("networkidle")  # the index and the search worker are in (its engine waits)
    loaded = {urlsplit(r.url).path: r for r in responses}
    worker = page.evaluate("new URL(JSON.parse(document.getElementById('__config').textContent).search,"
                           " location.href).pathname")
    expected = ["/", "/search/search_index.json", worker, "/assets/paraat.css"]
    expected += page.eval_on_selector_all("link[rel=stylesheet], script[src]",
                                          "els => els.map(e => new URL(e.href || e.src).pathname)")
    assert set(expected) <= set(loaded), f"not seen: {set(expected) - set(loaded)}"
    sizes = {p: transferred(r) for p, r in loaded.items()}
    # A person's browser asks for the icon too; the headless shell the tests drive does not.
    icon = page.eval_on_selector('link[rel~="icon"]', "e => new URL(e.href).pathname")
    if icon not in sizes:
        sizes[icon] = len(gzip.compress(page.request.get(base_url + icon).body(), compresslevel=6))
    total = sum(sizes.values())
    print(f"\nhome page, first visit: {total} bytes compressed over {len(sizes)} responses")
    for p, size in sorted(sizes.items(), key=lambda item: -item[1]):
        print(f"  {size:>7}  {p}")
    assert total <= BUDGET, sizes
