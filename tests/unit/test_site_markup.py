"""The build's few changes to Material's output that have no template door stop the build when the markup they
expect is not there, instead of passing silently after a theme upgrade."""
import pytest
from mkdocs.exceptions import PluginError

from backend import ROOT

TOGGLES = ('<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">'
           '<input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search" autocomplete="off">')
TOC = '<input class="md-nav__toggle md-toggle" type="checkbox" id="__toc">'


@pytest.fixture(autouse=True)
def hooks(monkeypatch):
    monkeypatch.syspath_prepend(str(ROOT / "site" / "hooks"))
    global paraat_markup
    import paraat_markup


PAGE = f'<html lang="ar" class="no-js"><body dir="rtl">{TOGGLES}<li>{TOC}<a href="x/">x</a></li></body></html>'


def test_material_s_markup_is_changed_where_it_has_no_door():
    html = paraat_markup.finish(PAGE, "x.md", "rtl")
    assert '<html lang="ar" dir="rtl" class="no-js">' in html
    assert "autocomplete" not in html and "__toc" not in html


@pytest.mark.parametrize("missing, named", [
    ('<html lang="ar"', '<html lang="...">'),
    (' autocomplete="off"', "autocomplete"),
    (TOC, "__toc"),
])
def test_markup_that_is_not_there_stops_the_build_naming_it(missing, named):
    with pytest.raises(PluginError, match="x.md: Material's output has changed: expected .*" + named):
        paraat_markup.finish(PAGE.replace(missing, "", 1), "x.md", "rtl")


def test_the_shell_may_only_link_with_site_paths():
    paraat_markup.check_site_paths('<a href="/en/">x</a><a href="#top">y</a><img src="data:,">', "shell")
    with pytest.raises(PluginError, match="relatively to ../water/"):
        paraat_markup.check_site_paths('<a href="/en/">x</a><a href="../water/">y</a>', "shell")
