"""`make check-content`, the pages: every Dutch page in every language, translated, with the Dutch figures, a
source named, and links that stay in the language."""
import re

from babel.messages.pofile import read_po

from .content_words import number_problem, words
from .yamlfile import front_matter

CHECKLIST_LINK = re.compile(r"\]\((/[^)\s]*checklists/[^)\s]*)\)")
SITE_LINK = re.compile(r"\]\((/[^)\s]*)\)")


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
