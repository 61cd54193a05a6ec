"""Checks of `make check-content` that keep the advice from hurting anyone (called by content_check.py).

- Carbon monoxide: wherever a page or a checklist item speaks of cooking or heating
  without power (a barbecue, a camping stove, a gas burner, a patio heater, a
  generator; in the kit also cooking), it also warns of carbon monoxide, in
  every language; an item may instead link to the power-outage page's CO section
  (`link:` to `stroomuitval.md#koolmonoxide`; every language's page must have a
  heading with that id, `{#koolmonoxide}`). The words are short lists per
  language below (FIRE, COOKING, CARBON_MONOXIDE): add a word where a text names
  a fire in other words.
- The islands: what a household on Bonaire, Sint Eustatius or Saba is shown or
  prints promises no NL-Alert: an item that names NL-Alert has an `islands:`
  variant of that text, and no variant names it.
- Radio: every FM frequency in regions.yml names a current source (a year of
  2024 or later, or a current list such as denkvooruit.nl/radio).
- Contact: the contact address (PARAAT_CONTACT) is a mailto: or https: address;
  the footer's contact link and the accessibility statement use it in every language.
"""
import re


from .definitions import DefinitionError, load_checklists, load_regions
from . import yamlfile
from .contact import MARKER, contact_address
from .settings import SettingError

# Things that burn fuel and are used to cook or heat without power, as each language names them
# (lower case; matched at a word's start or inside compounds). Checked in pages and checklists.
FIRE = {
    "nl": r"barbecue|\bbbq|kookstel|gasbrander|gasstel|terrasverwarm|aggregaat|\bstook|\bstoken\b",
    "en": r"barbecue|\bbbq|camping stove|gas burner|patio heater|generator",
    "fy": r"barbecue|kampearstel|kampearkookstel|gasbrander|terrasferwaarm|aggregaat|\bstook|\bstoke",
    "pap": r"barbecue|fogon di kamping|brander di gas|kalentadó di teras|generadó|generador|estufa di kampamentu",
    "ar": r"باربكيو|شواية|موقد تخييم|موقد غاز|مدفأة خارجية|مولّد|مولد الكهرباء",
    "tr": r"mangal|gaz ocağ|kamp ocağ|piknik tüp|ısıtıcı|jeneratör",
    "pl": r"grill|kuchenk\w* turystyczn|palnik|parasol\w* grzewcz|agregat",
    "uk": r"гриль|барбекю|грил[іюя]|туристичн\w* плит|пальник|обігрівач|генератор",
}
# Cooking, as each language says it: in the kit it means cooking without power (pages speak of
# cooking in other senses too, so only the kit is held to it).
COOKING = {
    "nl": r"\bkook|\bkoken\b", "en": r"\bcook(?!ie)", "fy": r"\bsied|\bkook", "pap": r"kushiná", "ar": r"طبخ|تطبخ",
    "tr": r"pişir", "pl": r"\bgotuj|\bgotowa(ć|ni)", "uk": r"\bготуйте|без приготування",
}
# The gas's name in each language.
CARBON_MONOXIDE = {
    "nl": r"koolmonoxide", "en": r"carbon monoxide", "fy": r"koalmonokside", "pap": r"monoksido di karbon",
    "ar": r"أكسيد الكربون", "tr": r"karbon ?monoksit", "pl": r"tlen\w* węgla|\bczad", "uk": r"чадн|монооксид\w* вуглецю",
}
CO_ANCHOR = "#koolmonoxide"
CURRENT_LISTS = ("denkvooruit.nl/radio",)
CURRENT_FROM = 2024
YEAR = re.compile(r"(?<![\w/])(?:19|20)\d\d(?![\w/])")


def _mentions(pattern, text):
    return bool(pattern and re.search(pattern, str(text).lower()))


def check_carbon_monoxide(root, languages, problems, catalogue=None):
    codes = [lang.code for lang in languages]
    for lang in languages:
        if not all(lang.code in words for words in (FIRE, COOKING, CARBON_MONOXIDE)):
            problems.append(f"backend/content_safety.py: no cooking or carbon-monoxide words for language "
                            f"'{lang.code}': add them to FIRE, COOKING and CARBON_MONOXIDE")
    for path in sorted((root / "content").glob("*/*.md")):
        code = path.parent.name
        text = path.read_text(encoding="utf-8")
        if code in codes and _mentions(FIRE.get(code), text) and not _mentions(CARBON_MONOXIDE.get(code), text):
            problems.append(f"{path}: speaks of cooking or heating with fire but does not warn of carbon "
                            f"monoxide: say it (and link to the power-outage page's section, stroomuitval.md"
                            f"{CO_ANCHOR})")
    for checklist in (catalogue or {}).values():
        path = root / "content" / "checklists" / f"{checklist.id}.yml"
        for item in checklist.items:
            warned_by_link = item.link is not None and item.link[0].endswith(CO_ANCHOR)
            texts = {code: " ".join(str(t[code]) for t in (item.text, item.help, *(item.islands or {}).values())
                                    if t) for code in codes}
            if warned_by_link or not any(_mentions(FIRE.get(code), texts[code])
                                         or _mentions(COOKING.get(code), texts[code]) for code in codes):
                continue
            for code in codes:
                if not _mentions(CARBON_MONOXIDE.get(code), texts[code]):
                    problems.append(f"{path}: item {item.id!r}: speaks of cooking or heating with fire but "
                                    f"language '{code}' does not warn of carbon monoxide: add the warning to "
                                    f"'help', or a 'link' to stroomuitval.md{CO_ANCHOR}")


def check_item_links(root, languages, problems, catalogue=None):
    """An item's link leads to a page, and a heading with its id, in every language."""
    for checklist in (catalogue or {}).values():
        path = root / "content" / "checklists" / f"{checklist.id}.yml"
        for item in checklist.items:
            if item.link is None:
                continue
            page, _, anchor = item.link[0].partition("/#")
            for lang in languages:
                target = root / "content" / lang.code / f"{page.rstrip('/')}.md"
                text = target.read_text(encoding="utf-8") if target.is_file() else None
                if text is None:
                    problems.append(f"{path}: item {item.id!r}: link to {page}.md, which language "
                                    f"'{lang.code}' does not have")
                elif anchor and f"#{anchor}" not in re.findall(r"\{[^}\n]*?(#[\w-]+)[^}\n]*\}", text):
                    problems.append(f"{target}: no heading with the id '{anchor}', which {path.name} item "
                                    f"{item.id!r} links to: end the heading with {{#{anchor}}}")


def check_islands_wording(root, languages, problems, catalogue=None):
    """No NL-Alert in what an island household reads: an item naming it has an islands variant without it."""
    for checklist in (catalogue or {}).values():
        path = root / "content" / "checklists" / f"{checklist.id}.yml"
        for item in checklist.items:
            for field in ("text", "help"):
                texts = getattr(item, field)
                variant = (item.islands or {}).get(field)
                if variant and any("nl-alert" in t.lower() for t in variant.values()):
                    problems.append(f"{path}: item {item.id!r}: islands {field} names NL-Alert, which is not "
                                    "promised on Bonaire, Sint Eustatius and Saba: say it without NL-Alert")
                elif texts and not variant and any("nl-alert" in t.lower() for t in texts.values()):
                    problems.append(f"{path}: item {item.id!r}: {field} names NL-Alert, and island households "
                                    f"would be shown it: add 'islands: {field}:' with their own wording")


def check_radio_sources(root, languages, problems, regions=None):
    path = root / "content" / "regions.yml"
    for region in (regions or {}).values():
        if region.radio is None:
            continue
        name, fm, source = region.radio
        texts = " ".join(source.values())
        years = [int(y) for y in YEAR.findall(texts)]
        if not (any(listed in texts for listed in CURRENT_LISTS) or (years and max(years) >= CURRENT_FROM)):
            problems.append(f"{path}: region {region.id!r}: {name} FM {fm} has no current source: name one "
                            f"from {CURRENT_FROM} on (with its year) or a current list "
                            f"({', '.join(CURRENT_LISTS)}), or leave the frequency out")


def check_contact(root, languages, problems, environ=None):
    try:
        contact_address() if environ is None else contact_address(environ)
    except SettingError as err:
        problems.append(str(err).removeprefix("Paraat cannot start: "))
    footer = yamlfile.load(root / "content" / "footer.yml") or {}
    for lang in languages:
        link = (footer.get(lang.code) or {}).get("contact_link") or {}
        if link.get("url") != MARKER:
            problems.append(f"{root / 'content' / 'footer.yml'}: the contact_link of language '{lang.code}' does "
                            f"not lead to the contact address: give it url: \"{MARKER}\"")
        statement = root / "content" / lang.code / "toegankelijkheid.md"
        if statement.is_file() and MARKER not in statement.read_text(encoding="utf-8"):
            problems.append(f"{statement}: the accessibility statement does not give the contact address: "
                            f"write a link to it as [words]({MARKER})")


def check_safety(root, languages, problems):
    codes = [lang.code for lang in languages if lang.default] + [lang.code for lang in languages
                                                                 if not lang.default]
    try:
        catalogue = load_checklists(root / "content" / "checklists", codes)
        regions = load_regions(root / "content" / "regions.yml", codes)
    except DefinitionError:
        catalogue, regions = {}, {}  # check_checklists names the problem
    check_carbon_monoxide(root, languages, problems, catalogue)
    check_item_links(root, languages, problems, catalogue)
    check_islands_wording(root, languages, problems, catalogue)
    check_radio_sources(root, languages, problems, regions)
    check_contact(root, languages, problems)
