"""One home per rule: the days goals, the size bands and the figures' threshold are read from their homes."""
import re

import pytest
from flask_babel import force_locale

from backend import ROOT, goals, progress, report, stats
from backend.checklists import Household, checklists
from backend.errors import InputError
from backend.storage import Storage, tallies


def test_the_tallies_have_a_column_per_days_goal(tmp_path):
    assert tallies.MEASURES["tally_households"] == ("households", *goals.READY_COLUMNS)
    s = Storage(str(tmp_path / "goals.db"), {})
    s.migrate()
    db = s.connect()
    try:
        columns = set(db["tally_households"].columns_dict)
    finally:
        db.conn.close()
        s.close()
    assert {*goals.READY_COLUMNS, *(f"{c}_key" for c in goals.READY_COLUMNS)} <= columns


@pytest.mark.parametrize("lang, expected", [("en", "Choose 3, 7, or 10 days."), ("nl", "Kies 3, 7 of 10 dagen."),
                                            ("ar", "اختر 3 أو 7 أو 10 أيام.")])
def test_the_refusal_of_a_days_goal_lists_the_goals_in_the_readers_words(app, lang, expected):
    with app.test_request_context(), force_locale(lang):
        assert InputError("invalid_days", "days").message == expected


def test_size_bands_and_their_labels_come_from_one_list(app):
    assert progress.SIZE_BANDS == ("1", "2", "3-4", "5+")
    assert [progress.size_band(Household(n)) for n in (1, 2, 3, 4, 5, 9)] == ["1", "2", "3-4", "3-4", "5+", "5+"]
    with app.test_request_context(), force_locale("en"):
        labels = [report.value_label("band", band, {}, "en") for band in progress.SIZE_BANDS]
    assert labels == ["1 person", "2 people", "3-4 people", "5 or more people"]


def test_the_dashboard_names_a_figure_for_every_days_goal(app):
    with app.test_request_context(), force_locale("en"):
        definitions, words = report.definitions(), report.chart_words()
        titles = [c.title["en"] for c in checklists().values()]
    assert {"ready_7", "ready_10"} <= set(definitions) and definitions["ready_10"]["name"] == "Ready for 10 days"
    assert list(words["goal"]) == [str(d) for d in goals.DAY_CHOICES]
    assert all(title in definitions["ready_3"]["text"] for title in titles)  # every checklist defined, by name


@pytest.mark.parametrize("pot", ["messages.pot", "dashboard.pot"])
def test_no_ui_string_writes_the_threshold_or_a_longer_goal_as_a_figure(pot):
    """Figures that are rules (stats.THRESHOLD, goals.DAY_CHOICES) reach the words through placeholders."""
    text = (ROOT / "translations" / pot).read_text()
    ids = re.findall(r'^msgid(?:_plural)? ((?:".*"\n)+)', text, re.M)
    literal = [i for i in ("".join(re.findall(r'"(.*)"', m)) for m in ids)
               if re.search(rf"\b({stats.THRESHOLD}|{'|'.join(map(str, goals.LONGER))})\b", i)]
    assert literal == []


def test_the_threshold_in_the_words_follows_the_rule(app, monkeypatch):
    monkeypatch.setattr(report, "THRESHOLD", 20)
    with app.test_request_context(), force_locale("nl"):
        assert report.share_shown(stats.Share("few")) == "minder dan 20 huishoudens"


def test_officials_paths_are_the_offered_languages_prefixes():
    from backend.i18n import Language
    from backend.officials import _officials_paths

    paths = _officials_paths([Language("nl", "Nederlands", True), Language("pap", "Papiamentu", False)])
    assert [bool(paths.match(p)) for p in ("/dashboard/", "/pap/dashboard/login", "/api/stats/dashboard")] == [True] * 3
    assert not any(paths.match(p) for p in ("/en/dashboard/", "/xyz/dashboard/", "/pap/dashboards", "/checklists/"))


def test_security_txt_names_the_languages_the_service_reads(client, app):
    body = client.get("/.well-known/security.txt").get_data(as_text=True)
    assert f"Preferred-Languages: {', '.join(app.extensions['paraat.dashboard_languages'])}\n" in body


def test_the_preview_config_is_read_as_mkdocs_reads_it(monkeypatch):
    import yaml

    from backend.preview import preview_config

    monkeypatch.setenv("PARAAT_SITE_URL", "https://paraat.example/")
    config = yaml.safe_load(preview_config({"nl"}))
    assert config["site_url"] == "https://paraat.example/"
    assert config["theme"]["name"] == "material" and config["markdown_extensions"]


def test_one_way_to_prefix_a_page_by_language(client, app):
    """url_for puts the current language's prefix in, the source language at /; /nl/... sends to /...;
    a page in fewer languages (the dashboard) is not found in the others."""
    from flask import url_for

    with app.test_request_context("/en/checklists/water"):
        app.preprocess_request()
        assert url_for("checklists.detail", checklist_id="cash") == "/en/checklists/cash"
        assert url_for("checklists.detail", checklist_id="cash", lang="nl") == "/checklists/cash"
        assert url_for("dashboard.login", lang="pl") == "/pl/dashboard/login"
    answer = client.get("/nl/checklists/water?adults=2")
    assert (answer.status_code, answer.headers["Location"]) == (301, "/checklists/water?adults=2")
    assert client.get("/pl/dashboard/login").status_code == 404 and client.get("/en/dashboard/login").status_code == 200


def test_the_views_build_no_localized_address_by_hand():
    """A page's address in a language comes from url_for (through views.links.page_url and plan.print_url),
    never from a language prefix glued to a path."""
    by_hand = [f"{path.name}:{n}" for path in sorted((ROOT / "backend" / "views").glob("*.py"))
               for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
               if re.search(r"\.prefix\}/checklists/(saved/|print|reminders|\{|\"|$)", line)]
    assert by_hand == []
