"""The dashboard's figures as the page shows them, and the same in CSV and JSON files."""
import json
import re
from datetime import date

from flask import current_app

from .. import i18n, report, stats
from ..checklists import checklists, regions
from ..report import _d, count_json, share_json

NAMES = ("dashboard.json", "breakdown.csv", "checklists.csv", "items.csv", "over-time.csv", "over-time-weeks.csv")


def _time(table, label, words):
    new, ready = table["new"], table["ready"]
    keys = list((new.cells or ready.cells or {}).keys())
    spans = table.get("spans", {})
    return {"withheld_new": new.withheld, "withheld_ready": ready.withheld,
            "total_new": new.total and count_json(new.total), "total_ready": ready.total and count_json(ready.total),
            "rows": [{"period": key, "label": words.kept(label, key, *spans.get(key, ())),
                      **({"first_day": spans[key][0], "last_day": spans[key][1], "whole": spans[key][2]}
                         if key in spans else {}),
                      "new": new.cells and count_json(new.cells[key]),
                      "ready": ready.cells and count_json(ready.cells[key])} for key in keys]}


def presented(query, found, demo):
    """Everything the dashboard shows, labelled in the page's language: the page and every export use this."""
    lang, words = i18n.current_language().code, report.Words()
    catalogue, places = checklists(), regions()
    title = {cid: c.title.get(lang, c.title.get("en")) for cid, c in catalogue.items()}
    texts = {(cid, item.id): item.text for cid, c in catalogue.items() for item in c.items}
    label = {v: report.value_label(query.breakdown, v, places, lang) for v in
             [row["value"] for row in found["breakdown"]["rows"]] + ([] if query.group is None else [query.group])}
    table = found["breakdown"]
    return {
        "title": _d("Paraat: figures for officials"),
        "day": date.today().isoformat(),
        "includes_today": True,
        "demo": demo,
        "period": {**query.period.as_json(), "label": report.period_label(query.period)},
        "breakdown": {"key": query.breakdown, "label": report.breakdown_names()[query.breakdown]},
        "group": query.group is not None and {"value": query.group, "label": label[query.group]} or None,
        "protection": {"rule": report.rule(), "still_possible": report.still_possible(),
                       "threshold": stats.THRESHOLD, "method": "cell-key perturbation",
                       "largest_noise": current_app.extensions["paraat.protection"].largest_noise},
        "definitions": report.definitions(),
        "refused_writes": found["refused"],
        "headline": {"households": count_json(found["headline"]["households"]),
                     "ready": {str(days): share_json(s, words) for days, s in found["headline"]["ready"].items()}},
        "details_withheld": found["details_withheld"],
        "checklists": [{"id": c["id"], "title": title[c["id"]], "started": count_json(c["started"]),
                        "complete": count_json(c["complete"]), "started_share": share_json(c["started_share"], words),
                        "complete_share": share_json(c["complete_share"], words)} for c in found["checklists"]],
        "items": [{"checklist": i["checklist"], "checklist_title": title[i["checklist"]], "item": i["item"],
                   "text": texts[(i["checklist"], i["item"])].get(lang), "essential": i["essential"],
                   "for_everyone": i["for_everyone"], "households": count_json(i["households"]),
                   "share": share_json(i["share"], words)} for i in found["items"]],
        "over_time": {"day": _time(found["over_time"]["day"], report.day_label, words),
                      "week": _time(found["over_time"]["week"], report.week_label, words)},
        "breakdown_table": {
            "withheld": table["withheld"], "total": table["total"] and count_json(table["total"]),
            "rows": [{"value": row["value"], "label": label[row["value"]], "households": count_json(row["households"]),
                      "ready": share_json(row["ready"], words),
                      "complete": {cid: share_json(s, words) for cid, s in row["complete"].items()}}
                     for row in table["rows"]]},
    }


def _by_breakdown(name, r):
    """Whether a file's figures depend on the breakdown: its table does, or they are for one of its groups."""
    return name in ("breakdown.csv", "dashboard.json") or bool(r["group"])


def filename(name, r):
    """paraat-<period>[-<breakdown>][-<group>]-<file>: two downloads of different figures never share a name."""
    parts = [r["period"]["key"]]
    if _by_breakdown(name, r):
        parts.append(r["breakdown"]["key"])
    if r["group"]:
        parts.append(r["group"]["value"] or "not-given")
    return "-".join(["paraat", *(re.sub(r"[^A-Za-z0-9-]", "_", part) for part in parts), name])


def _meta(r, name, *keys):
    """The comment lines that open every CSV file: what it holds and how it is protected."""
    named = [(_d("Period"), f"{r['period']['label']} ({r['period']['key']})")]
    if _by_breakdown(name, r):
        named.append((_d("Breakdown"), f"{r['breakdown']['label']} ({r['breakdown']['key']})"))
    if r["group"]:
        named.append((_d("Figures for"), f"{r['group']['label']} ({r['group']['value']})"))
    named += [(_d("Made on"), r["day"]), (_d("Protection"), r["protection"]["rule"])]
    demo = " - " + _d("synthetic demonstration data") if r["demo"] else ""
    cells = _d("Cells: <%(threshold)s means fewer than %(threshold)s households; a share is a whole percentage, "
               ">N means more than N percent, '<%(threshold)s households' means too few households to give a "
               "share.", threshold=stats.THRESHOLD)
    definitions = [(f"{key} ({r['definitions'][key]['name']})", r["definitions"][key]["text"])
                   for key in (*keys, "period")]
    return [r["title"] + demo, *(f"{name}: {text}" for name, text in named + definitions), cells]


def _cell(value):
    """A count or share from presented() in a CSV cell: shares as a whole percentage or '>N'."""
    if value is None:
        return ""
    if "kind" not in value:
        return value["shown"]
    if value["kind"] == "few":
        return _d("<%(num)s households", num=stats.THRESHOLD)
    return f">{value['percent']}" if value["kind"] == "more_than" else str(value["percent"])


def render(name, r):
    """(body, mimetype) of one export."""
    if name == "dashboard.json":
        return json.dumps(r, ensure_ascii=False, indent=1), "application/json"
    cids = [c["id"] for c in r["checklists"]]
    if name == "breakdown.csv":
        t = r["breakdown_table"]
        meta = _meta(r, name, "households", "ready_3", "complete")
        total = _d("withheld: fewer than %(threshold)s households in all", threshold=stats.THRESHOLD) if t["withheld"] else t["total"]["shown"]
        meta.append(_d("Total") + ": " + total)
        header = [r["breakdown"]["key"], "label", "households", "ready_3_percent",
                  *[f"complete_{cid}_percent" for cid in cids]]
        rows = [[row["value"], row["label"], _cell(row["households"]), _cell(row["ready"]),
                 *[_cell(row["complete"][cid]) for cid in cids]] for row in t["rows"]]
        return report.to_csv(meta, header, rows), "text/csv"
    withheld = [_d("Total") + ": " + _d("withheld: fewer than %(threshold)s households in all", threshold=stats.THRESHOLD)] if r["details_withheld"] else []
    if name == "checklists.csv":
        meta = _meta(r, name, "started", "complete") + withheld
        header = ["checklist", "label", "started", "complete", "started_percent", "complete_percent"]
        rows = [[c["id"], c["title"], _cell(c["started"]), _cell(c["complete"]), _cell(c["started_share"]),
                 _cell(c["complete_share"])] for c in r["checklists"] if not withheld]
        return report.to_csv(meta, header, rows), "text/csv"
    if name == "items.csv":
        meta = _meta(r, name, "item") + withheld
        header = ["checklist", "item", "label", "essential", "households", "share_percent"]
        rows = [[i["checklist"], i["item"], i["text"], _d("yes") if i["essential"] else _d("no"), _cell(i["households"]),
                 _cell(i["share"])] for i in r["items"]]
        return report.to_csv(meta, header, rows), "text/csv"
    unit = "day" if name == "over-time.csv" else "week"
    t = r["over_time"][unit]
    meta = _meta(r, name, "new", "newly_ready")
    header = [unit, "new_households", "newly_ready"] + (["first_day", "last_day"] if unit == "week" else [])
    rows = [[row["period"], _cell(row["new"]), _cell(row["ready"])]
            + ([row["first_day"], row["last_day"]] if unit == "week" else []) for row in t["rows"]]
    return report.to_csv(meta, header, rows), "text/csv"
