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
