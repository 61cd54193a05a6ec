"""The build puts a new cache version into the service worker, and stops, naming what it expected, when the
worker has no place for it (browsers would otherwise keep serving an old cache)."""
import pytest
from mkdocs.exceptions import PluginError

from backend import ROOT


@pytest.fixture(autouse=True)
def hooks(monkeypatch):
    monkeypatch.syspath_prepend(str(ROOT / "site" / "hooks"))
    global paraat_offline
    import paraat_offline


def test_the_worker_gets_the_build_s_version():
    worker = (ROOT / "site" / "overrides" / "sw.js").read_text(encoding="utf-8")
    stamped = paraat_offline.stamp(worker, "0123456789abcdef")
    assert 'var VERSION = "0123456789abcdef";' in stamped
    assert stamped.replace("0123456789abcdef", "__PARAAT_VERSION__", 1) == worker


@pytest.mark.parametrize("worker", ['var CACHE = "paraat";', "var VERSION = '__PARAAT_VERSION__';", ""])
def test_a_worker_without_its_version_line_stops_the_build_naming_it(worker):
    with pytest.raises(PluginError, match=r'sw\.js: expected one line `var VERSION = "\.\.\.";`'):
        paraat_offline.stamp(worker, "0123456789abcdef")


def test_a_build_without_the_worker_stops(tmp_path):
    (tmp_path / "site").mkdir()
    config = type("Config", (), {"site_dir": str(tmp_path / "site")})()
    with pytest.raises(PluginError, match="service worker"):
        paraat_offline.write(config, "nl", ["nl"], tmp_path / "static")
