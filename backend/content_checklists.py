"""`make check-content`, the checklist texts: every text in every language (all missing ones named at once),
translated, with the Dutch figures, and each checklist's campaign page present."""
from . import yamlfile
from .content_words import number_problem, words
from .definitions import DefinitionError, load_checklists, load_regions


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
