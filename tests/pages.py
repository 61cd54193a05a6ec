"""Invariants every HTML page must keep, checked on each page the tests fetch."""
import json
from html.parser import HTMLParser


class Outline(HTMLParser):
    """What these tests read from a built page."""

    def __init__(self, html):
        super().__init__()
        self.html_attrs, self.body_attrs, self.alternates = {}, {}, []
        self.meta, self.links_to, self.h1, self.title, self.config = {}, [], [], "", None
        self.article_links, self.switcher = [], {}
        self._in, self._article = None, False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.html_attrs = attrs
        elif tag == "body":
            self.body_attrs = attrs
        elif tag == "link" and attrs.get("rel") == "alternate":
            self.alternates.append(attrs)
        elif tag == "meta" and "name" in attrs:
            self.meta[attrs["name"]] = attrs.get("content")
        elif tag == "article":
            self._article = True
        elif tag == "a" and "href" in attrs:
            self.links_to.append(attrs["href"])
            if "md-select__link" in attrs.get("class", "").split():
                self.switcher[attrs.get("hreflang")] = attrs["href"]
            if self._article:
                self.article_links.append(attrs["href"])
        elif tag == "script" and attrs.get("id") == "__config":
            self._in = "config"
        elif tag in ("h1", "title"):
            self._in = tag
            if tag == "h1":
                self.h1.append("")

    def handle_endtag(self, tag):
        if tag == "article":
            self._article = False
        if tag in ("h1", "title", "script"):
            self._in = None

    def handle_data(self, data):
        if self._in == "h1":
            self.h1[-1] += data
        elif self._in == "title":
            self.title += data
        elif self._in == "config":
            self.config = json.loads(data)


def outline(html):
    return Outline(html)


def check_page(response, lang, direction="ltr", officials=False):
    """One <h1>, a <title> that starts with it, the right lang and dir, no cookie (but an official's session)."""
    assert response.mimetype == "text/html"
    assert officials or "Set-Cookie" not in response.headers
    page = outline(response.get_data(as_text=True))
    assert page.html_attrs.get("lang") == lang
    assert page.html_attrs.get("dir") == direction
    assert len(page.h1) == 1, page.h1
    assert page.title.strip().startswith(page.h1[0].strip())
    return page


def t(lang, msgid):
    """The UI string as a person reading `lang` sees it (from the compiled catalogs)."""
    from babel.support import Translations

    from backend import ROOT

    return Translations.load(str(ROOT / "translations"), [lang]).gettext(msgid)


def item_text(lang, checklist_id, item_id):
    from backend import ROOT
    from backend.definitions import load_checklists
    from backend.i18n import read_languages

    codes = [language.code for language in read_languages(str(ROOT / "mkdocs.yml"))]
    checklist = load_checklists(ROOT / "content" / "checklists", codes)[checklist_id]
    return next(item.text[lang] for item in checklist.items if item.id == item_id)


def essentials(household_applies=lambda item: item.only_if is None):
    """Per checklist, the essential items that apply to a household without babies, pets or care."""
    from backend import ROOT
    from backend.definitions import load_checklists
    from backend.i18n import read_languages

    codes = [language.code for language in read_languages(str(ROOT / "mkdocs.yml"))]
    catalogue = load_checklists(ROOT / "content" / "checklists", codes)
    return {cid: [i.id for i in c.items if i.essential and household_applies(i)] for cid, c in catalogue.items()}
