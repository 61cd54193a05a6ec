"""Invariants every HTML page must keep, checked on each page the tests fetch."""
from html.parser import HTMLParser


class _Outline(HTMLParser):
    def __init__(self):
        super().__init__()
        self.html_attrs = {}
        self.h1 = []
        self.title = ""
        self._in = None

    def handle_starttag(self, tag, attrs):
        if tag == "html":
            self.html_attrs = dict(attrs)
        if tag in ("h1", "title"):
            self._in = tag
            if tag == "h1":
                self.h1.append("")

    def handle_endtag(self, tag):
        if tag == self._in:
            self._in = None

    def handle_data(self, data):
        if self._in == "h1":
            self.h1[-1] += data
        elif self._in == "title":
            self.title += data


def outline(html):
    parser = _Outline()
    parser.feed(html)
    return parser


def check_page(response, lang, direction="ltr"):
    """One <h1>, a <title> that starts with it, the right lang and dir, no cookie."""
    assert response.mimetype == "text/html"
    assert "Set-Cookie" not in response.headers
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
    from backend.checklists import load_checklists
    from backend.i18n import read_languages

    codes = [language.code for language in read_languages(str(ROOT / "mkdocs.yml"))]
    checklist = load_checklists(ROOT / "content" / "checklists", codes)[checklist_id]
    return next(item.text[lang] for item in checklist.items if item.id == item_id)
