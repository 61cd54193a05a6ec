"""The page shell the backend's pages are put into: compiled once at start-up, refused there if it will not do."""
import shutil

import pytest

from backend import ROOT, create_app
from backend.i18n import read_languages

LANGUAGES = read_languages(str(ROOT / "mkdocs.yml"))


@pytest.fixture
def shells(tmp_path):
    """A site of only the built shells, one per language."""
    site = tmp_path / "site"
    for lang in LANGUAGES:
        source = ROOT / "build" / "site" / lang.prefix.strip("/") / "checklists" / "index.html"
        target = site / lang.prefix.strip("/") / "checklists" / "index.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
    return site


def start(tmp_path, site):
    return create_app({"TESTING": True, "DATABASE": str(tmp_path / "db.sqlite3"), "SITE_DIR": str(site)})


def test_the_built_shells_start_and_serve_a_page(tmp_path, shells):
    html = start(tmp_path, shells).test_client().get("/en/checklists/water").get_data(as_text=True)
    assert "<!-- paraat:" not in html and '<h1 id="pa-content">' in html


@pytest.mark.parametrize("cut, named", [
    ("<!-- paraat:content -->", "<!-- paraat:content -->"),
    ('<link rel="canonical"', '<link rel="canonical">'),
    ('class="md-select__link"', "md-select__link"),
    ('<link rel="alternate" href=', "hreflang alternates"),
])
def test_a_shell_without_what_the_pages_need_stops_start_up_with_one_line(tmp_path, shells, cut, named):
    shell = shells / "en" / "checklists" / "index.html"
    html = shell.read_text(encoding="utf-8")
    assert cut in html
    for word in ("paraat:", "canonical", "md-select__link", "alternate"):
        cut_out = cut.replace(word, "x-" if word == "paraat:" else "x")
        if cut_out != cut:
            break
    shell.write_text(html.replace(cut, cut_out), encoding="utf-8")
    with pytest.raises(SystemExit) as stopped:
        start(tmp_path, shells)
    line = str(stopped.value.code)
    assert "\n" not in line and str(shell) in line and named in line, line


def test_a_missing_shell_stops_start_up_with_one_line(tmp_path, shells):
    (shells / "pl" / "checklists" / "index.html").unlink()
    with pytest.raises(SystemExit, match=r"pl/checklists/index\.html is missing: build the site first"):
        start(tmp_path, shells)
