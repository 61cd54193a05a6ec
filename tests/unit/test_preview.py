import socket

import yaml

from backend import ROOT
from backend.i18n import _TolerantLoader
from backend.preview import languages_to_build, port_taken, preview_config

CODES = {"nl", "en", "fy", "pap", "ar", "tr", "pl", "uk"}


def test_a_port_in_use_is_noticed():
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        assert port_taken(port)
    assert not port_taken(port)


def test_only_the_changed_language_and_the_source_are_rebuilt():
    assert languages_to_build([ROOT / "content" / "pl" / "water.md"], CODES, "nl") == {"nl", "pl"}
    assert languages_to_build([ROOT / "content" / "nl" / "water.md"], CODES, "nl") == {"nl"}
    for anything_else in ("site/overrides/assets/paraat.css", "mkdocs.yml", "content/footer.yml"):
        assert languages_to_build([ROOT / anything_else], CODES, "nl") is None


def test_the_preview_config_builds_just_those_languages_from_anywhere():
    config = yaml.load(preview_config({"nl", "tr"}), Loader=_TolerantLoader)
    languages = next(p["i18n"]["languages"] for p in config["plugins"] if isinstance(p, dict) and "i18n" in p)
    assert {entry["locale"] for entry in languages if entry["build"]} == {"nl", "tr"}
    assert config["docs_dir"] == str(ROOT / "content") and config["site_dir"] == str(ROOT / "build" / "site")
    assert config["theme"]["custom_dir"] == str(ROOT / "site" / "overrides")
    assert all(hook.startswith(str(ROOT)) for hook in config["hooks"])
