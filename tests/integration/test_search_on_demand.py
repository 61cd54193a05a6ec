"""Search starts when it is opened (partials/paraat-config.html, assets/paraat-search.js and
assets/javascripts/workers/paraat-search.js): our copy of Material's `config` block differs from
Material's only in the search worker, which names Material's own, present in the built site.
The browser side is tests/browser/test_site.py (test_the_search_engine_comes_only_when_the_search_is_opened).
"""
import json
import re
from pathlib import Path

import material

from backend import ROOT

MATERIAL_BASE = Path(material.__file__).parent / "templates" / "base.html"
OURS = ROOT / "site" / "overrides" / "partials" / "paraat-config.html"
WORKER_LINE = re.compile(r'"search": "assets/javascripts/workers/([^"?]+)(\?material=([^"]+))?" \| url,')


def material_block():
    text = MATERIAL_BASE.read_text(encoding="utf-8")
    return re.search(r"\{% block config %\}\n(.*?)\s*\{% endblock %\}", text, re.S).group(1)


def our_block():
    return re.sub(r"\A\{#-.*?-#\}\n", "", OURS.read_text(encoding="utf-8"), flags=re.S).rstrip()


def test_our_config_block_is_materials_but_for_the_search_worker():
    theirs, ours = material_block(), our_block()
    material_worker = WORKER_LINE.search(theirs).group(1)
    ours_match = WORKER_LINE.search(ours)
    assert ours_match.group(1) == "paraat-search.js"
    assert ours_match.group(3) == material_worker, "Material's search worker has a new name: update paraat-config.html"
    assert WORKER_LINE.sub("", ours) == WORKER_LINE.sub("", theirs), "Material's config block changed: copy it again"


def test_the_built_pages_start_our_worker_which_finds_materials():
    site = ROOT / "build" / "site"
    page = (site / "index.html").read_text(encoding="utf-8")
    settings = json.loads(re.search(r'<script id="__config" type="application/json">(.*?)</script>', page, re.S).group(1))
    worker, _, query = settings["search"].partition("?material=")
    assert worker == "assets/javascripts/workers/paraat-search.js"
    assert (site / worker).is_file() and (site / "assets/javascripts/workers" / query).is_file()
