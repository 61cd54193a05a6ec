"""The strict build of the campaign site: every page in every language, a 404
page per language, absolute hreflang alternates, sitemaps, and a search index
per language.

Languages come from mkdocs.yml and pages from content/<default language>/, so
a new page or language is checked without touching this file. The build runs
once, into a temporary folder, with its own site_url, to show that absolute
addresses come from site_url.
"""
import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
import yaml

from backend import ROOT
from backend.i18n import read_languages
from tests.pages import Outline

SITE_URL = "https://paraat.test.example/"
LANGUAGES = read_languages(str(ROOT / "mkdocs.yml"))
DEFAULT = next(lang for lang in LANGUAGES if lang.default)
PAGES = sorted(p.relative_to(ROOT / "content" / DEFAULT.code).with_suffix("").as_posix()
               for p in (ROOT / "content" / DEFAULT.code).rglob("*.md"))
MATERIAL_TEMPLATES = Path(__import__("material").__file__).parent / "templates"
SITEMAP = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


def prefix(lang):
    return "" if lang.default else f"{lang.code}/"


def page_url(lang, page):
    """The page's address relative to the site root: '', 'water/', 'en/', 'en/water/'."""
    if page == "index":
        return prefix(lang)
    return prefix(lang) + (page[: -len("/index")] if page.endswith("/index") else page) + "/"


def page_file(site, lang, page):
    return site / page_url(lang, page) / "index.html"


def front_matter(lang, page):
    text = (ROOT / "content" / lang.code / f"{page}.md").read_text(encoding="utf-8")
    return yaml.safe_load(re.match(r"\A---\n(.*?)\n---\n", text, re.S).group(1))


def front_matter_title(lang, page):
    return front_matter(lang, page)["title"]


# Pages built as the chrome of the backend's pages (the household overview): no text of their own.
SHELLS = [page for page in PAGES if front_matter(DEFAULT, page).get("template") == "app.html"]
CONTENT_PAGES = [page for page in PAGES if page not in SHELLS]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    out = tmp_path_factory.mktemp("site")
    env = {**os.environ, "PARAAT_SITE_URL": SITE_URL, "NO_MKDOCS_2_WARNING": "1"}
    done = subprocess.run([sys.executable, "-m", "backend.sitebuild", "build", "--strict", "--quiet", "-d", str(out)],
                          cwd=ROOT, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    return out


def outline(path):
    return Outline(path.read_text(encoding="utf-8"))


def test_the_lists_are_read_from_the_sources():
    assert len(LANGUAGES) > 1 and "index" in PAGES and len(PAGES) > 1


@pytest.mark.parametrize("lang", LANGUAGES, ids=lambda lang: lang.code)
def test_every_page_exists_in_its_own_language(site, lang):
    for page in PAGES:
        path = page_file(site, lang, page)
        assert path.is_file(), f"{page} missing in {lang.code}"
        html = outline(path)
        assert html.html_attrs.get("lang") == lang.code, path
        assert html.html_attrs.get("dir") == lang.dir == html.body_attrs.get("dir"), path
        if page in SHELLS:
            text = path.read_text(encoding="utf-8")
            assert "<!-- paraat:content -->" in text and "<title><!-- paraat:title --> - " in text
            assert 'href="#pa-content" class="md-skip"' in text
            continue
        # Built from that language's file, not a fallback to the default language.
        assert [h.strip() for h in html.h1] == [front_matter_title(lang, page)], path
        assert html.title.strip().startswith(front_matter_title(lang, page)), path


def test_a_404_page_per_language_in_its_words(site):
    titles = {}
    for lang in LANGUAGES:
        path = site / prefix(lang) / "404.html"
        assert path.is_file(), f"no 404 page for {lang.code}"
        html = outline(path)
        assert html.html_attrs.get("lang") == lang.code
        assert html.html_attrs.get("dir") == lang.dir == html.body_attrs.get("dir")
        assert html.meta.get("robots") == "noindex"
        assert len(html.h1) == 1 and html.h1[0].strip()
        assert "404 - Not found" not in html.h1[0], "Material's own 404 text, in English"
        assert html.title.strip().startswith(html.h1[0].strip())
        # Served at any depth: absolute links; home and search are that language's.
        root = urlsplit(SITE_URL).path + prefix(lang)
        assert html.article_links == [root], f"{lang.code} 404 does not link to its home page"
        assert html.config["base"] == root
        # Its language switch goes to each language's home page; it has no hreflang alternates.
        assert html.switcher == {other.code: urlsplit(SITE_URL).path + prefix(other) for other in LANGUAGES}
        assert html.alternates == []
        assert not any(href.startswith(("../", "./")) for href in html.links_to)
        titles[lang.code] = html.h1[0].strip()
    assert len(set(titles.values())) == len(LANGUAGES), f"some 404 pages share words: {titles}"


def expected_alternates(page):
    expected = {(lang.code, SITE_URL + page_url(lang, page)) for lang in LANGUAGES}
    return expected | {("x-default", SITE_URL + page_url(DEFAULT, page))}


@pytest.mark.parametrize("lang", LANGUAGES, ids=lambda lang: lang.code)
def test_hreflang_alternates_are_absolute_and_complete_and_the_switch_keeps_the_page(site, lang):
    for page in PAGES:
        html = outline(page_file(site, lang, page))
        found = {(alt.get("hreflang"), alt.get("href")) for alt in html.alternates}
        assert found == expected_alternates(page), page
        assert len(html.alternates) == len(found), f"{page}: an alternate is listed twice"
        # The language switch goes to the same page in each language.
        here = SITE_URL + page_url(lang, page)
        assert {code: urljoin(here, href) for code, href in html.switcher.items()} == \
            {other.code: SITE_URL + page_url(other, page) for other in LANGUAGES}, page


def test_the_sitemap_lists_every_page_with_its_alternates(site):
    root = ET.parse(site / "sitemap.xml").getroot()
    entries = {}
    for url in root.findall("s:url", SITEMAP):
        alternates = {(link.get("hreflang"), link.get("href")) for link in url.findall("x:link", SITEMAP)}
        entries[url.findtext("s:loc", namespaces=SITEMAP)] = alternates
    expected = {SITE_URL + page_url(lang, page): expected_alternates(page) for lang in LANGUAGES for page in PAGES}
    assert entries == expected


def test_a_sitemap_per_language_where_material_looks(site):
    for lang in LANGUAGES:
        if lang.default:
            continue
        root = ET.parse(site / lang.code / "sitemap.xml").getroot()
        locs = {url.findtext("s:loc", namespaces=SITEMAP) for url in root.findall("s:url", SITEMAP)}
        assert locs == {SITE_URL + page_url(lang, page) for page in PAGES}, lang.code


def material_search_language(code):
    """What the language's theme strings (ours, else Material's) ask lunr for; English if nothing."""
    for folder in (ROOT / "site" / "overrides", MATERIAL_TEMPLATES):
        partial = folder / "partials" / "languages" / f"{code}.html"
        if partial.is_file():
            found = re.search(r'"search\.config\.lang":\s*"([^"]+)"', partial.read_text(encoding="utf-8"))
            return found.group(1) if found else "en"
    raise AssertionError(f"no theme strings for {code}: the theme would fall back to English")


@pytest.mark.parametrize("lang", LANGUAGES, ids=lambda lang: lang.code)
def test_a_search_index_per_language(site, lang):
    index = json.loads((site / prefix(lang) / "search" / "search_index.json").read_text(encoding="utf-8"))
    docs = index["docs"]
    # Locations are relative to the language's root, as the pages' search base is.
    pages_found = {doc["location"].split("#")[0] for doc in docs}
    assert pages_found == {page_url(lang, page)[len(prefix(lang)):] for page in CONTENT_PAGES}
    titles = {doc["title"] for doc in docs if "#" not in doc["location"]}
    assert titles == {front_matter_title(lang, page) for page in CONTENT_PAGES}
    # The lunr language Material's theme strings give, and its script is there to load.
    assert index["config"]["lang"] == [material_search_language(lang.code)]
    for code in index["config"]["lang"]:
        assert code == "en" or (site / "assets/javascripts/lunr/min" / f"lunr.{code}.min.js").is_file()


@pytest.mark.parametrize("lang", LANGUAGES, ids=lambda lang: lang.code)
def test_pages_search_in_their_own_language(site, lang):
    for page in PAGES:
        html = outline(page_file(site, lang, page))
        assert "navigation.instant" not in html.config["features"]
        here = urljoin(SITE_URL, page_url(lang, page))
        # Relative on campaign pages ("../en"), a site path in the household pages' shell ("/en/").
        assert urljoin(here, html.config["base"].rstrip("/") + "/") == SITE_URL + prefix(lang), page


def test_the_household_overview_is_in_every_language_s_navigation(site):
    assert SHELLS == ["checklists"]
    for lang in LANGUAGES:
        html = page_file(site, lang, "index").read_text(encoding="utf-8")
        title = front_matter_title(lang, "checklists")
        assert re.search(r'<a href="checklists/"[^>]*>\s*<span class="md-ellipsis">\s*' + re.escape(title), html), lang.code


@pytest.mark.parametrize("lang", LANGUAGES, ids=lambda lang: lang.code)
def test_every_page_has_the_footer_of_its_language_and_valid_toggles(site, lang):
    words = yaml.safe_load((ROOT / "content" / "footer.yml").read_text(encoding="utf-8"))[lang.code]
    for page in PAGES:
        html = page_file(site, lang, page).read_text(encoding="utf-8")
        footer = html[html.index('<footer class="md-footer">'):]
        assert words["publisher"] in footer and words["contact_link"]["text"] in footer, page
        for link in words["links"]:
            assert f'>{link["text"]}</a>' in footer, (page, link)
        # Checkboxes may not carry autocomplete (W3C HTML checker); the search form has a submit button.
        assert not re.search(r'<input[^>]*type="checkbox"[^>]*autocomplete', html), page
        assert re.search(r'<form class="md-search__form".*?<button type="submit"', html, re.S), page


@pytest.mark.parametrize("lang", [lang for lang in LANGUAGES if lang.code != "en"], ids=lambda lang: lang.code)
def test_the_header_and_footer_landmarks_are_named_in_the_page_s_language(site, lang):
    """A screen reader reads these names out; Material's own Dutch ones were English."""
    html = page_file(site, lang, PAGES[0]).read_text(encoding="utf-8")
    header = re.search(r'<nav class="md-header__inner[^>]*aria-label="([^"]+)"', html).group(1)
    footer = re.search(r'<nav class="pa-footer__links" aria-label="([^"]+)"', html).group(1)
    assert header not in ("Header", "header") and footer not in ("Footer", "footer"), (header, footer)
