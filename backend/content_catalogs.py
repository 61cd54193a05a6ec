"""`make check-content`, the UI catalogs: every string translated, not fuzzy, not left in Dutch or English, with
no placeholder of its own."""
import re

from babel.messages.pofile import read_po

PLACEHOLDER = re.compile(r"%\((\w+)\)s")
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
