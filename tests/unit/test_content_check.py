"""The content check fails, naming the file, for each kind of gap."""
import re
import shutil

import pytest

from backend import ROOT
from backend.content_check import main

PARTS = ("mkdocs.yml", "content", "translations", "site")


@pytest.fixture
def tree(tmp_path):
    for part in PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, tmp_path / part, ignore=shutil.ignore_patterns("*.mo"))
        else:
            shutil.copy(source, tmp_path / part)
    return tmp_path


def run(tree, capsys):
    code = main(tree)
    return code, capsys.readouterr().err


def test_the_real_content_is_complete(capsys):
    code, err = run(ROOT, capsys)
    assert code == 0, err


def test_missing_page(tree, capsys):
    (tree / "content" / "pl" / "water.md").unlink()
    code, err = run(tree, capsys)
    assert code == 1 and "content/pl/water.md: page missing in language 'pl'" in err


def test_page_left_in_dutch(tree, capsys):
    shutil.copy(tree / "content" / "nl" / "noodplan.md", tree / "content" / "tr" / "noodplan.md")
    code, err = run(tree, capsys)
    assert "content/tr/noodplan.md: nav title" in err and "page text is the Dutch text" in err


def test_broken_checklist_link(tree, capsys):
    page = tree / "content" / "en" / "water.md"
    page.write_text(page.read_text() + "\n[x](/en/checklists/bunker)\n[y](/checklists/water)\n")
    code, err = run(tree, capsys)
    assert "link '/en/checklists/bunker' is not a checklist" in err
    assert "link '/checklists/water' is not a checklist in language 'en'" in err


def _edit_po(tree, lang, old, new):
    po = tree / "translations" / lang / "LC_MESSAGES" / "messages.po"
    text = po.read_text(encoding="utf-8")
    assert old in text
    po.write_text(text.replace(old, new, 1), encoding="utf-8")
    return po


def test_untranslated_and_fuzzy_ui_strings(tree, capsys):
    _edit_po(tree, "nl", 'msgstr "Volwassenen"', 'msgstr ""')
    _edit_po(tree, "nl", 'msgid "Pets"', '#, fuzzy\nmsgid "Pets"')
    code, err = run(tree, capsys)
    assert code == 1
    assert "nl/LC_MESSAGES/messages.po: untranslated UI string 'Adults'" in err
    assert "nl/LC_MESSAGES/messages.po: fuzzy UI string 'Pets'" in err


def test_missing_checklist_text(tree, capsys):
    path = tree / "content" / "checklists" / "water.yml"
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("      uk:")]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, err = run(tree, capsys)
    assert code == 1 and "water.yml" in err and "missing text for language 'uk'" in err


def test_every_missing_checklist_text_is_named_at_once(tree, capsys):
    """A translator adding a language sees the whole list, not one gap per run."""
    for name in ("water.yml", "cash.yml"):
        path = tree / "content" / "checklists" / name
        lines = [line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("      pl:")]
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, err = run(tree, capsys)
    missing = [line for line in err.splitlines() if "missing text for language 'pl'" in line]
    assert code == 1 and len(missing) > 10
    assert any("water.yml" in line for line in missing) and any("cash.yml" in line for line in missing)
    assert any(re.search(r"items 'small-notes' text: missing", line) for line in missing), missing[:5]


def test_texts_left_in_english_are_caught(tree, capsys):
    kit = tree / "content" / "checklists" / "emergency-kit.yml"
    kit.write_text(kit.read_text(encoding="utf-8").replace('pl: "Latarka"', 'pl: "Torch"'), encoding="utf-8")
    help_text = 'en: "If card payments do not work, you can still do your shopping with cash.'
    cash = tree / "content" / "checklists" / "cash.yml"
    english = next(line.split('"')[1] for line in cash.read_text(encoding="utf-8").splitlines() if help_text in line)
    lines = [f'  tr: "{english}"' if line.startswith("  tr: ") and "Kartla" in line else line
             for line in cash.read_text(encoding="utf-8").splitlines()]
    cash.write_text("\n".join(lines) + "\n", encoding="utf-8")
    page = tree / "content" / "uk" / "water.md"
    english_page = (tree / "content" / "en" / "water.md").read_text(encoding="utf-8")
    paragraph = next(p for p in english_page.split("\n\n") if len(p.split()) > 12 and p[0].isalpha())
    page.write_text(page.read_text(encoding="utf-8") + "\n" + paragraph + "\n", encoding="utf-8")
    code, err = run(tree, capsys)
    assert code == 1
    assert "cash.yml: intro: language 'tr' still has the English text" in err
    assert "content/uk/water.md: a paragraph is still the English text" in err
    # One word ("Torch") may rightly be the same; a list of names (regions, stations) is not running text.
    assert "language 'pl' still has the English text" not in err
    assert "wat-doet-de-overheid.md" not in err


def test_missing_theme_and_404_words(tree, capsys):
    (tree / "site" / "overrides" / "partials" / "languages" / "pap.html").unlink()
    words = tree / "content" / "not-found.yml"
    words.write_text(words.read_text(encoding="utf-8").replace('  home: "Bai na e página prinsipal"\n', ""),
                     encoding="utf-8")
    code, err = run(tree, capsys)
    assert code == 1
    assert "partials/languages/pap.html: the theme has no words for language 'pap'" in err
    assert "not-found.yml: 'home' of the 404 page missing in language 'pap'" in err


def test_footer_missing_left_in_dutch_or_linking_nowhere(tree, capsys):
    import yaml

    path = tree / "content" / "footer.yml"
    words = yaml.safe_load(path.read_text(encoding="utf-8"))
    del words["uk"]["contact"]
    words["tr"]["publisher"] = words["nl"]["publisher"]
    words["fy"]["links"][0]["page"] = "gone.md"
    path.write_text(yaml.safe_dump(words, allow_unicode=True), encoding="utf-8")
    code, err = run(tree, capsys)
    assert code == 1
    assert "footer.yml: 'contact' of the footer missing in language 'uk'" in err
    assert "footer.yml: 'publisher' of the footer in language 'tr' is the Dutch text" in err
    assert re.search(r"footer link \{'page': 'gone.md'.*\} in language 'fy' needs words and a page that exists "
                     r"in .*content/fy", err)


def test_other_numbers_than_the_dutch_are_caught_in_pages_and_checklists(tree, capsys):
    page = tree / "content" / "pl" / "water.md"
    page.write_text(page.read_text(encoding="utf-8").replace("45", "54", 1), encoding="utf-8")
    yml = tree / "content" / "checklists" / "water.yml"
    text = yml.read_text(encoding="utf-8")
    english = re.search(r'\n      en: "[^"\n]*\b3\b[^"\n]*"', text).group(0)
    yml.write_text(text.replace(english, english.replace("3", "three", 1), 1), encoding="utf-8")
    code, err = run(tree, capsys)
    assert code == 1
    assert re.search(r"content/pl/water\.md: the numbers differ from the Dutch \(missing: 45; not in the Dutch: 54\); "
                     r"use the same figures", err)
    assert re.search(r"water\.yml: .*language 'en': the numbers differ from the Dutch \(missing: 3;", err)


def test_thousands_and_digits_of_any_script_are_one_number():
    from backend.content_words import numbers

    assert numbers("1.100 mensen, 8,5 miljoen, 12.00 uur") == numbers("1 100 people, 8.5 million, 12:00") \
        == {"1100", "8", "5", "12", "00"}
    assert numbers("٧٢ ساعة") == numbers("72 uur")


def test_a_page_that_names_no_source_is_caught(tree, capsys):
    page = tree / "content" / "tr" / "water.md"
    page.write_text(re.sub(r"\((kaynak|Kaynak):", "(", page.read_text(encoding="utf-8")), encoding="utf-8")
    code, err = run(tree, capsys)
    assert code == 1
    assert "content/tr/water.md: the page names no source: add one in brackets where a fact is given, " \
           "like '(kaynak: ...)'" in err
    # The list of sources itself is exempt, and so is the household overview's shell.
    assert "bronnen.md: the page names no source" not in err and "checklists.md: the page names" not in err


def _set_msgstr(tree, lang, msgid, text):
    po = tree / "translations" / lang / "LC_MESSAGES" / "messages.po"
    old = po.read_text(encoding="utf-8")
    new = re.sub(rf'(msgid "{re.escape(msgid)}"\nmsgstr )"[^"]*"', rf'\1"{text}"', old)
    assert new != old
    po.write_text(new, encoding="utf-8")


def test_ui_strings_left_in_dutch_or_english_are_caught_unless_listed(tree, capsys):
    dutch = "Hoeveelheden bijwerken"
    _set_msgstr(tree, "pl", "Update the amounts", "Update the amounts")
    _set_msgstr(tree, "uk", "Update the amounts", dutch)
    code, err = run(tree, capsys)
    assert code == 1
    assert "pl/LC_MESSAGES/messages.po: UI string 'Update the amounts' is left as 'Update the amounts', the Dutch " \
           "or English text: translate it, or, where pl rightly says the same, add the line " \
           "'pl Update the amounts' to translations/same-as-source.txt" in err
    assert f"uk/LC_MESSAGES/messages.po: UI string 'Update the amounts' is left as '{dutch}'" in err
    (tree / "translations" / "same-as-source.txt").write_text(f"pl Update the amounts\nuk {dutch}\n", encoding="utf-8")
    code, err = run(tree, capsys)
    assert "UI string 'Update the amounts' is left as" not in err


def _replace(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def _without_lines(path, start, count):
    """The file without `count` lines from the line that starts with `start`."""
    lines = path.read_text(encoding="utf-8").splitlines()
    at = next(n for n, line in enumerate(lines) if line.startswith(start))
    path.write_text("\n".join(lines[:at] + lines[at + count:]) + "\n", encoding="utf-8")


def test_cooking_or_heating_without_a_carbon_monoxide_warning_is_caught(tree, capsys):
    # A page that speaks of a barbecue indoors, without naming the gas.
    page = tree / "content" / "pl" / "noodplan.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nNie używaj grilla w domu.\n", encoding="utf-8")
    # The kit's food item without its link to the CO section, and its Turkish help without the warning.
    kit = tree / "content" / "checklists" / "emergency-kit.yml"
    text = kit.read_text(encoding="utf-8")
    food = text.index("  - id: food\n")
    link = text.index("    link:\n", food)
    text = text[:link] + text[text.index("    source:\n", link):]
    text = text.replace("bunlar karbonmonoksit çıkarır. Bu gaz görünmez, kokusu yoktur ve öldürebilir.",
                        "bu tehlikelidir.")
    kit.write_text(text, encoding="utf-8")
    code, err = run(tree, capsys)
    assert code == 1
    assert "content/pl/noodplan.md: speaks of cooking or heating with fire but does not warn of carbon" in err
    assert "emergency-kit.yml: item 'food': speaks of cooking or heating with fire but language 'tr'" in err
    assert "language 'nl' does not warn" not in err  # the other languages still warn in the help
    assert "item 'blankets': speaks" not in err  # it keeps its link


def test_nl_alert_wording_for_island_households_is_caught(tree, capsys):
    water = tree / "content" / "checklists" / "water.yml"
    _replace(water, 'pl: "W maju i listopadzie sprawdzam daty przydatności"',
             'pl: "W dniu testu NL-Alert sprawdzam daty przydatności"')
    code, err = run(tree, capsys)
    assert code == 1 and "water.yml: item 'check-dates': islands text names NL-Alert" in err
    _replace(water, "    islands:\n      text:\n", "    islands:\n      old_text:\n")
    _without_lines(water, "      old_text:", 9)
    code, err = run(tree, capsys)
    assert "water.yml: item 'check-dates': text names NL-Alert, and island households would be shown it" in err


def test_a_radio_frequency_without_a_current_source_is_caught(tree, capsys):
    regions = tree / "content" / "regions.yml"
    _replace(regions, "- {id: zuid-limburg, name: Zuid-Limburg}",
             "- {id: zuid-limburg, name: Zuid-Limburg, radio: {name: L1, fm: '95.3', source: 2015Z08393}}")
    _replace(regions, "- {id: zeeland, name: Zeeland}",
             "- {id: zeeland, name: Zeeland, radio: {name: Omroep Zeeland, fm: '99.9', source: denkvooruit.nl/radio}}")
    code, err = run(tree, capsys)
    assert code == 1 and "regions.yml: region 'zuid-limburg': L1 FM 95.3 has no current source" in err
    assert "region 'zeeland'" not in err and "region 'utrecht'" not in err  # a current list; a 2025 source


def test_the_contact_address_must_be_set_and_used(tree, capsys, monkeypatch):
    footer = tree / "content" / "footer.yml"
    _replace(footer, '{url: "paraat:contact", text: "Napisz do nas"}', '{page: toegankelijkheid.md, text: "Jak"}')
    for statement in (tree / "content").glob("*/toegankelijkheid.md"):  # every statement without the address
        statement.write_text(statement.read_text(encoding="utf-8").replace("paraat:contact", "#"), encoding="utf-8")
    monkeypatch.setenv("PARAAT_CONTACT", "somewhere")
    code, err = run(tree, capsys)
    assert code == 1
    assert "PARAAT_CONTACT='somewhere': must be a mailto: or https: address" in err
    assert "footer.yml: the contact_link of language 'pl' does not lead to the contact address" in err
    assert "content/nl/toegankelijkheid.md: the accessibility statement does not give the contact address" in err
    for lang in ("nl", "en"):
        page = tree / "content" / lang / "toegankelijkheid.md"
        page.write_text(page.read_text(encoding="utf-8") + "\n[Mail](paraat:contact)\n", encoding="utf-8")
    monkeypatch.setenv("PARAAT_CONTACT", "mailto:paraat@example.org")
    code, err = run(tree, capsys)
    assert "PARAAT_CONTACT" not in err and "content/nl/toegankelijkheid.md" not in err
    assert "content/en/toegankelijkheid.md" not in err and "content/fy/toegankelijkheid.md" in err


def test_a_link_to_a_page_section_that_is_not_there_is_caught(tree, capsys):
    page = tree / "content" / "pl" / "stroomuitval.md"  # the section is there, its id is not
    page.write_text(page.read_text(encoding="utf-8").replace(" {#koolmonoxide}", ""), encoding="utf-8")
    code, err = run(tree, capsys)
    missing = [line for line in err.splitlines() if "no heading with the id 'koolmonoxide'" in line]
    assert code == 1 and missing and all("content/pl/stroomuitval.md" in line for line in missing)
