"""Our copies of Material's templates are the installed theme's, with only our own changes: a theme upgrade that
changes the original fails here, so the copy is looked at again instead of quietly keeping old markup."""
from pathlib import Path

import material

from backend import ROOT

MATERIAL = Path(material.__file__).parent / "templates"
OURS = ROOT / "site" / "overrides"

# Per copied template: (Material's text, ours) for each of our changes, in the order they appear.
CHANGES = {
    "partials/search.html": [
        # The search dialog has an accessible name (axe: aria-dialog-name).
        ('role="dialog">', """role="dialog" aria-label="{{ lang.t('search') }}">"""),
        # The search form has a submit button (HTML_CodeSniffer H32.2), shown when it has focus.
        ("      </nav>\n",
         "      </nav>\n      <button type=\"submit\" class=\"md-search__submit\">{{ lang.t('search') }}</button>\n"),
    ],
}


def without_header(text):
    """The template after its leading {#- ... -#} comment (Material's says it is generated, ours why we copy)."""
    assert text.startswith("{#-"), "a copied template starts with a comment saying why it is a copy"
    return text[text.index("-#}") + len("-#}"):]


def test_each_copy_is_the_installed_theme_s_template_with_only_our_changes():
    for name, changes in CHANGES.items():
        expected = without_header((MATERIAL / name).read_text(encoding="utf-8"))
        for theirs, ours in changes:
            assert expected.count(theirs) == 1, f"{name}: Material's template changed where ours differs: {theirs!r}"
            expected = expected.replace(theirs, ours)
        assert without_header((OURS / name).read_text(encoding="utf-8")) == expected, \
            f"{name} is no longer Material's with our changes: compare it with {MATERIAL / name} and copy again"
