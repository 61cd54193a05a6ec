"""Reading the editors' YAML (checklists, regions, footer, 404 words, page front matter).

A mistake is named the way editors' tools jump to it, `file:line:column: message`,
instead of a traceback about "<unicode string>". One home for it, used by
`make check-content`, the checklist loader and the site build (so also `make preview`).
"""
import re

import yaml

FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n(.*))?\Z", re.S)


# libyaml's safe loader where it is built in: about ten times faster than the pure-Python one.
SAFE = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class YamlError(ValueError):
    """A file that is not valid YAML; str() is `file:line:column: message`."""


def _located(path, exc, line_offset):
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    context = getattr(exc, "context", None)
    message = f"{context}, {problem}" if context and context not in problem else problem
    if mark is None:
        return YamlError(f"{path}:1:1: not valid YAML: {message}")
    return YamlError(f"{path}:{mark.line + 1 + line_offset}:{mark.column + 1}: not valid YAML: {message}")


def parse(text, path, line_offset=0):
    try:
        return yaml.load(text, Loader=SAFE)
    except yaml.YAMLError as exc:
        raise _located(path, exc, line_offset) from None


def load(path):
    with open(path, encoding="utf-8") as fh:
        return parse(fh.read(), path)


def front_matter(path, text=None):
    """(meta, body) of a Markdown page; meta is {} without front matter. Raises YamlError."""
    text = path.read_text(encoding="utf-8") if text is None else text
    match = FRONT_MATTER.match(text)
    if not match:
        return {}, text
    meta = parse(match.group(1) or "", path, line_offset=1)  # the opening '---' is line 1
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise YamlError(f"{path}:2:1: the front matter must be 'key: value' lines (title:, description:)")
    return meta, match.group(2) or ""
