"""`make check-content`: is everything there in every offered language, and right?

Fails, naming the file and saying what to do, when a page is missing in a
language, or it or one of its paragraphs is left in Dutch or English, a nav
title is untranslated, a link into the checklists is broken, a UI string is
untranslated, fuzzy or left in Dutch or English, a checklist text is missing
(all of them are named at once) or left in Dutch or English, a footer or
404-page text is missing, the theme has no words for a language, a translated
page or checklist text has other numbers than the Dutch, or a page names no source;
and where the advice could hurt (carbon monoxide, the islands, radio sources,
the contact address: content_safety.py). Each kind of check lives in a module of its own: content_pages.py,
content_catalogs.py, content_checklists.py and content_safety.py; the footer, the 404 page and the theme's
words are checked here.
"""
import sys
from pathlib import Path

from . import ROOT
from .content_catalogs import check_catalogs, check_dashboard_catalogs
from .content_checklists import check_checklists
from .content_pages import check_pages
from .content_safety import check_safety
from .i18n import read_languages
from .yamlfile import YamlError
from . import yamlfile


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
