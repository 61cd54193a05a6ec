"""The dashboard's breakdown table in the order an official asks for, by a link (no script needed).

`?sort=households|ready|<checklist id>|name` orders the rows, highest first
(names A to Z). Only the order changes: the rows and their protected figures
are the page's own, so nothing can be learned from sorting that the table did
not show. A hidden count or share sorts below every shown one.
"""

KEYS = ("name", "households", "ready")


def _number(figure):
    if not figure:
        return -1
    if "kind" in figure:  # a share: its percent when shown, ">N" counts as N
        return figure.get("percent") if figure.get("percent") is not None else -1
    return figure.get("value") if figure.get("value") is not None else -1


def sort_key(args, checklist_ids):
    """The sort asked for, or None; it is taken off the query the figures read."""
    key = args.get("sort")
    return key if key in KEYS or key in checklist_ids else None


def sorted_rows(rows, key):
    if key is None:
        return rows
    if key == "name":
        return sorted(rows, key=lambda row: str(row["label"]).casefold())
    if key in ("households", "ready"):
        return sorted(rows, key=lambda row: _number(row[key]), reverse=True)
    return sorted(rows, key=lambda row: _number(row["complete"].get(key)), reverse=True)
