"""`make check-content`: is everything there in every offered language, and right?

Fails, naming the file and saying what to do, when a page is missing in a
language, or it or one of its paragraphs is left in Dutch or English, a nav
title is untranslated, a link into the checklists is broken, a UI string is
untranslated, fuzzy or left in Dutch or English, a checklist text is missing
(all of them are named at once) or left in Dutch or English, a footer or
404-page text is missing, the theme has no words for a language, a translated
page or checklist text has other numbers than the Dutch, or a page names no source;
and where the advice could hurt (carbon monoxide, the islands, radio sources,
the contact address: content_safety.py).
"""
import re
import sys
import unicodedata
from pathlib import Path

from babel.messages.pofile import read_po

from . import ROOT
from .definitions import DefinitionError, load_checklists, load_regions
from .content_safety import check_safety
from .i18n import read_languages
from .yamlfile import YamlError
from . import yamlfile

PLACEHOLDER = re.compile(r"%\((\w+)\)s")
CHECKLIST_LINK = re.compile(r"\]\((/[^)\s]*checklists/[^)\s]*)\)")
SITE_LINK = re.compile(r"\]\((/[^)\s]*)\)")


def front_matter(path):
    return yamlfile.front_matter(path)


def words(text):
    return len(str(text).split())


# Thousands separators (1.100, 1,100, 1 100) make one number; other digit runs stand alone.
NUMBER = re.compile(r"\d{1,3}(?:[.,\u00a0\u202f ]\d{3})+(?!\d)|\d+")


def numbers(text):
    """The figures in a text, spelled the same way whatever the script's digits and separators."""
    return {"".join(str(unicodedata.digit(c)) for c in n if c.isdigit()) for n in NUMBER.findall(str(text))}


def number_problem(where, text, source_text, fix):
    mine, dutch = numbers(text), numbers(source_text)
    if mine == dutch:
        return None
    return (f"{where}: the numbers differ from the Dutch (missing: {', '.join(sorted(dutch - mine)) or '-'}; "
            f"not in the Dutch: {', '.join(sorted(mine - dutch)) or '-'}); {fix}")


def source_word(root, lang):
    """How the language says "Source" (the UI catalog), as pages write it: "(bron: ...)"."""
    path = root / "translations" / lang.code / "LC_MESSAGES" / "messages.po"
    if not path.is_file():
        return None
    with open(path, "rb") as fh:
        found = next((m.string for m in read_po(fh) if m.id == "Source"), None)
    return found.lower() if isinstance(found, str) and found else None


def check_pages(root, languages, problems):
    content = root / "content"
    source = next(lang for lang in languages if lang.default)
    pages = sorted(p.relative_to(content / source.code) for p in (content / source.code).rglob("*.md"))
    source_text = {p: (content / source.code / p).read_text(encoding="utf-8") for p in pages}
    source_meta = {p: front_matter(content / source.code / p) for p in pages}
    for lang in languages:
        word = source_word(root, lang)
        folder = content / lang.code
        present = {p.relative_to(folder) for p in folder.rglob("*.md")} if folder.is_dir() else set()
        for extra in sorted(present - set(pages)):
            problems.append(f"{folder / extra}: page has no Dutch source in {content / source.code}")
        for page in pages:
            path = folder / page
            if page not in present:
                problems.append(f"{path}: page missing in language '{lang.code}': translate "
                                f"{content / source.code / page} into it")
                continue
            meta, body = front_matter(path)
            title = meta.get("title")
            if not title:
                problems.append(f"{path}: no 'title' in the front matter (the nav title): add one")
            # The household overview's page (template app.html) is only the site's chrome: no heading of its own.
            elif meta.get("template") != "app.html" and not re.search(rf"^# {re.escape(str(title))}\s*$", body, re.M):
                problems.append(f"{path}: the '# ' heading differs from the title '{title}': make them the same")
            check_source_named(path, word, meta, body, source_meta[page][0], problems)
            if lang.default:
                continue
            nl_meta, nl_body = source_meta[page]
            if title and title == nl_meta.get("title") and words(title) > 1:
                problems.append(f"{path}: nav title '{title}' is still the Dutch one: translate it")
            if body.strip() == nl_body.strip():
                problems.append(f"{path}: page text is the Dutch text: translate it")
            else:
                check_copied_paragraphs(path, body, {"Dutch": nl_body, "English": _english_body(content, lang, page)},
                                        problems)
            problem = number_problem(path, path.read_text(encoding="utf-8"), source_text[page],
                                     "use the same figures as the Dutch page, in digits")
            if problem:
                problems.append(problem)
            check_links(root, path, body, lang, problems)


def _prose(body):
    """The page's running text, paragraph by paragraph: lists, headings and tables may rightly be names only."""
    return [p.strip() for p in re.split(r"\n\s*\n", body)
            if words(p) > 6 and not re.match(r"\s*([-*+>#|]|\d+\.|!\[|<)", p)]


def _english_body(content, lang, page):
    path = content / "en" / page
    return front_matter(path)[1] if lang.code != "en" and path.is_file() else ""


def check_copied_paragraphs(path, body, others, problems):
    """A paragraph of running text that is word for word the Dutch or English one was not translated."""
    for name, other in others.items():
        theirs = set(_prose(other))
        for paragraph in _prose(body):
            if paragraph in theirs:
                problems.append(f"{path}: a paragraph is still the {name} text ('{paragraph[:60]}...'): translate it")


def check_source_named(path, word, meta, body, source_meta, problems):
    """Every page names at least one source in its own words: "(bron: ...)", "(source: ...)"."""
    if meta.get("template") == "app.html" or source_meta.get("sources_page"):
        return
    if word and not re.search(rf"\(\s*{re.escape(word)}\s*:", body.lower()):
        problems.append(f"{path}: the page names no source: add one in brackets where a fact is given, "
                        f"like '({word}: ...)'")


def check_links(root, path, body, lang, problems):
    checklist_ids = {p.stem for p in (root / "content" / "checklists").glob("*.yml")}
    for target in CHECKLIST_LINK.findall(body):
        match = re.fullmatch(rf"{lang.prefix}/checklists/([a-z-]*)", target.split("#")[0])
        if not match or (match.group(1) and match.group(1) not in checklist_ids):
            problems.append(f"{path}: link '{target}' is not a checklist in language '{lang.code}': "
                            f"link to {lang.prefix}/checklists/ or one of {', '.join(sorted(checklist_ids))}")
    for target in SITE_LINK.findall(body):
        if "/checklists/" not in target and not target.startswith(f"{lang.prefix}/"):
            problems.append(f"{path}: link '{target}' leaves language '{lang.code}': "
                            f"link to the page in {lang.prefix or 'the Dutch site'}/, or use the file name (page.md)")


SAME_AS_SOURCE = "same-as-source.txt"


def _plain_words(text):
    """The words of a UI string without placeholders, numbers and signs."""
    return re.findall(r"[^\W\d_]+", PLACEHOLDER.sub(" ", text))


def _allowed_same(root):
    """UI strings of several words that are rightly the same as the source in a language: '<lang> <text>'."""
    path = root / "translations" / SAME_AS_SOURCE
    lines = path.read_text(encoding="utf-8").splitlines() if path.is_file() else []
    return {tuple(line.split(" ", 1)) for line in lines if line.strip() and not line.startswith("#")}


def _left_untranslated(lang, message, dutch, allowed):
    """Whether a translation is still the English source or the Dutch words (beyond a single word)."""
    ids = message.id if isinstance(message.id, tuple) else (message.id,)
    strings = message.string if isinstance(message.string, tuple) else (message.string,)
    dutch = dutch if isinstance(dutch, tuple) else (dutch,)
    for text in strings:
        same = (text in ids and lang.code != "en") or text in dutch
        if same and len(_plain_words(text)) > 1 and (lang.code, text) not in allowed:
            return text
    return None


def check_catalogs(root, languages, problems, domain="messages"):
    pot = root / "translations" / f"{domain}.pot"
    with open(pot, "rb") as fh:
        wanted = {m.id for m in read_po(fh) if m.id}
    source = next(lang for lang in languages if lang.default)
    with open(root / "translations" / source.code / "LC_MESSAGES" / f"{domain}.po", "rb") as fh:
        dutch = {m.id: m.string for m in read_po(fh) if m.id}
    allowed = _allowed_same(root)
    for lang in languages:
        path = root / "translations" / lang.code / "LC_MESSAGES" / f"{domain}.po"
        if not path.is_file():
            problems.append(f"{path}: no UI catalog for language '{lang.code}': create it with "
                            f"`pybabel init -D {domain} -i translations/{domain}.pot -d translations "
                            f"-l {lang.code}`")
            continue
        with open(path, "rb") as fh:
            catalog = read_po(fh, locale=lang.code)
        have = {m.id: m for m in catalog if m.id}
        for msgid in sorted(wanted, key=str):
            first = msgid[0] if isinstance(msgid, tuple) else msgid
            message = have.get(msgid)
            strings = message and (message.string if isinstance(message.string, tuple) else (message.string,))
            if message is None or not strings or not all(strings):
                problems.append(f"{path}: untranslated UI string '{first}': fill in its msgstr")
            elif message.fuzzy:
                problems.append(f"{path}: fuzzy UI string '{first}': check it, then remove the fuzzy flag")
            elif any(set(PLACEHOLDER.findall(s)) - set(PLACEHOLDER.findall(first)) for s in strings):
                problems.append(f"{path}: UI string '{first}' has a placeholder the original lacks: "
                                f"use only {', '.join(sorted(set(PLACEHOLDER.findall(first)))) or 'none'}")
            elif not lang.default and (same := _left_untranslated(lang, message, dutch.get(msgid, ()), allowed)):
                problems.append(f"{path}: UI string '{first}' is left as '{same}', the Dutch or English text: "
                                f"translate it, or, where {lang.code} rightly says the same, add the line "
                                f"'{lang.code} {same}' to translations/{SAME_AS_SOURCE}")
        if catalog.fuzzy:
            problems.append(f"{path}: the catalog header is marked fuzzy, so it would not be compiled: "
                            "remove the fuzzy flag from the header")


def check_dashboard_catalogs(root, languages, problems):
    """The officials' dashboard speaks the languages that have a dashboard catalog, the source one first."""
    offered = [lang for lang in languages
               if (root / "translations" / lang.code / "LC_MESSAGES" / "dashboard.po").is_file()
               or lang.default]
    check_catalogs(root, offered, problems, domain="dashboard")


def _missing_texts(path, data, codes, where=""):
    """Every text (a mapping with the Dutch and other languages) that lacks a language, with where it is."""
    if isinstance(data, list):
        for n, entry in enumerate(data):
            label = entry.get("id", n) if isinstance(entry, dict) else n
            yield from _missing_texts(path, entry, codes, f"{where} {label!r}".strip())
    elif isinstance(data, dict):
        if codes[0] in data and all(v is None or isinstance(v, str) for v in data.values()):
            for code in codes:
                if not str(data.get(code) or "").strip():
                    yield f"{path}: {where}: missing text for language '{code}': add it next to '{codes[0]}:'"
            return
        for key, value in data.items():
            yield from _missing_texts(path, value, codes, f"{where} {key}".strip())


def check_checklists(root, languages, problems):
    source = next(lang.code for lang in languages if lang.default)
    codes = [source, *(lang.code for lang in languages if not lang.default)]
    files = [*sorted((root / "content" / "checklists").glob("*.yml")), root / "content" / "regions.yml"]
    missing = [problem for path in files
               for problem in _missing_texts(path, yamlfile.load(path), codes)]
    if missing:  # all of them at once, not the first the loader meets
        problems.extend(missing)
        return
    try:
        checklists = load_checklists(root / "content" / "checklists", codes)
        load_regions(root / "content" / "regions.yml", codes)
    except DefinitionError as err:
        problems.append(str(err))
        return
    for checklist in checklists.values():
        path = root / "content" / "checklists" / f"{checklist.id}.yml"
        for code in codes if checklist.page else ():
            if not (root / "content" / code / f"{checklist.page}.md").is_file():
                problems.append(f"{path}: page: '{checklist.page}' is not a page in content/{code}: name one that is")
        texts = [("title", checklist.title), ("intro", checklist.intro), ("source", checklist.source)]
        texts += [(f"category {c.id!r} title", c.title) for c in checklist.categories]
        for item in checklist.items:
            texts += [(f"item {item.id!r} {f}", getattr(item, f)) for f in ("text", "help", "source")
                      if getattr(item, f)]
        for where, text in texts:
            for code in codes:
                if code == source:
                    continue
                for name, other in (("Dutch", source), ("English", "en")):
                    if code != other and text[code] == text.get(other) and words(text[code]) > 2:
                        problems.append(f"{path}: {where}: language '{code}' still has the {name} text: translate it")
                problem = number_problem(f"{path}: {where}: language '{code}'", text[code], text[source],
                                         "use the same figures as the Dutch text")
                if problem:
                    problems.append(problem)


def check_not_found_page(root, languages, problems):
    path = root / "content" / "not-found.yml"
    words = yamlfile.load(path) or {}
    for lang in languages:
        for key in ("title", "text", "home"):
            if not str((words.get(lang.code) or {}).get(key) or "").strip():
                problems.append(f"{path}: '{key}' of the 404 page missing in language '{lang.code}': add it")


def check_footer(root, languages, problems):
    path = root / "content" / "footer.yml"
    words = yamlfile.load(path) or {}
    source = next(lang.code for lang in languages if lang.default)
    for lang in languages:
        entry = words.get(lang.code) or {}
        for key in ("publisher", "contact"):
            if not str(entry.get(key) or "").strip():
                problems.append(f"{path}: '{key}' of the footer missing in language '{lang.code}': add it")
            elif not lang.default and entry[key] == (words.get(source) or {}).get(key):
                problems.append(f"{path}: '{key}' of the footer in language '{lang.code}' is the Dutch text: "
                                "translate it")
        links = [*(entry.get("links") or []), *([entry["contact_link"]] if "page" in (entry.get("contact_link")
                                                                              or {"page": None}) else [])]
        if len(links) < 2 or not entry.get("contact_link"):
            problems.append(f"{path}: the footer of language '{lang.code}' needs its links (privacy, "
                            "accessibility, sources) and a contact_link")
        for link in links:
            page = root / "content" / lang.code / str(link.get("page"))
            if not str(link.get("text") or "").strip() or not page.is_file():
                problems.append(f"{path}: footer link {link!r} in language '{lang.code}' needs words and a "
                                f"page that exists in {page.parent}")


def check_theme(root, languages, problems):
    import material

    builtin = Path(material.__file__).parent / "templates" / "partials" / "languages"
    for lang in languages:
        own = root / "site" / "overrides" / "partials" / "languages" / f"{lang.code}.html"
        if not (builtin / f"{lang.code}.html").is_file() and not own.is_file():
            problems.append(f"{own}: the theme has no words for language '{lang.code}': copy "
                            "partials/languages/en.html from Material there and translate it")


def main(root=ROOT):
    languages = read_languages(str(root / "mkdocs.yml"))
    problems = []
    for check in (check_pages, check_catalogs, check_dashboard_catalogs, check_checklists, check_not_found_page,
                  check_footer, check_theme, check_safety):
        try:
            check(root, languages, problems)
        except YamlError as err:  # file:line:column, not a traceback; the other checks still run
            problems.append(str(err))
    for problem in problems:
        print(problem, file=sys.stderr)
    count = len(languages)
    print(f"content check: {len(problems)} problem(s) across {count} languages", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
