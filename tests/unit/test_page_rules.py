"""The page script's household rules (backend/static/rules.js) give what the server's own functions give.

The page follows each change at once with rules.js; the server decides with checklists.py, progress.py and
answers.py. Run over every item of the real checklists and a spread of households and typed counts, they
must agree: a difference would show one amount or progress on the page and store another.
"""
import itertools
import json
import shutil
import subprocess

import pytest

from backend import ROOT
from backend.answers import Answers, from_form, parse_household
from backend.checklists import MAX_PER_KIND, Household
from backend.definitions import load_checklists
from backend.errors import InputError
from backend.goals import DAY_CHOICES
from backend.i18n import read_languages
from backend.progress import checklist_progress

NODE = shutil.which("node")
pytestmark = pytest.mark.skipif(NODE is None, reason="needs Node.js (make test installs npm, which brings it)")
CATALOGUE = load_checklists(ROOT / "content" / "checklists",
                            [lang.code for lang in read_languages(str(ROOT / "mkdocs.yml"))])
HOUSEHOLDS = [Household(a, c, i, p, care) for a, c, i, p, care in
              itertools.product((0, 1, 3), (0, 2), (0, 1), (0, 2), (False, True)) if a + c + i]
TYPED = ["", " 3 ", "0", "20", "21", "-1", "1e1", "0x1", "1.5", "abc", "-", "1234567", "٣", "١٢", "²", "𝟓"]


def run_rules(cases):
    script = ("const r = require(process.argv[1]); const cases = JSON.parse(require('fs').readFileSync(0));"
              "process.stdout.write(JSON.stringify(cases.map(([name, args]) => r[name](...args))));")
    done = subprocess.run([NODE, "-e", script, str(ROOT / "backend" / "static" / "rules.js")],
                          input=json.dumps(cases), capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def as_json(h):
    return {"adults": h.adults, "children": h.children, "infants": h.infants, "pets": h.pets, "care": h.care}


def test_amounts_and_what_applies_agree_with_the_server():
    cases, expected = [], []
    for checklist in CATALOGUE.values():
        for item, h in itertools.product(checklist.items, HOUSEHOLDS):
            cases.append(["applies", [item.only_if, as_json(h)]])
            expected.append(item.applies(h))
            if item.quantity:
                for days in DAY_CHOICES:
                    cases.append(["amount", [item.quantity.as_dict(), as_json(h), days]])
                    expected.append(item.quantity.amount(h, days))
    assert run_rules(cases) == expected


def test_progress_agrees_with_the_server():
    cases, expected = [], []
    for checklist, h in itertools.product(CATALOGUE.values(), HOUSEHOLDS):
        items = [{"id": i.id, "essential": i.essential, "only_if": i.only_if} for i in checklist.items]
        for ticked in ([], [i.id for i in checklist.items], [i.id for i in checklist.items][::2]):
            answers = Answers(lang="nl", household=h, checked={checklist.id: ticked})
            p = checklist_progress(checklist, answers)
            cases.append(["progress", [items, as_json(h), ticked]])
            expected.append({"essential": p.essential, "checked": p.essential_checked, "complete": p.complete})
    assert run_rules(cases) == expected


def server_problem(raw):
    """What the server says about typed counts: None, or (field, kind) as rules.js names them."""
    kinds = {"not_integer": "whole", "out_of_range": "range", "empty_household": "empty"}
    try:
        parse_household(from_form(FakeForm(raw), "nl", CATALOGUE)["household"])
    except InputError as err:
        return [err.field.removeprefix("household.").replace("household", "adults"), kinds[err.code]]
    return None


class FakeForm(dict):
    def getlist(self, name):
        return [self[name]] if name in self else []


def test_the_counts_the_page_names_are_the_ones_the_server_refuses():
    raws = [dict(zip(("adults", "children", "infants", "pets"), combo))
            for combo in [(t, "0", "0", "0") for t in TYPED] + [("0", t, "0", "0") for t in TYPED]
            + [("1", "0", "0", t) for t in TYPED] + [("0", "0", "0", "0"), ("", "", "", "3")]]
    found = run_rules([["problem", [raw, MAX_PER_KIND]] for raw in raws])
    assert [f and [f["field"], f["kind"]] for f in found] == [server_problem(raw) for raw in raws]
