"""Editors and operators: a broken file is named as file:line:column, a busy port in one line."""
import re
import socket
from types import SimpleNamespace

import pytest

from backend import ROOT, serve, yamlfile
from backend.definitions import DefinitionError, load_checklist
from tests.unit.test_content_check import run, tree  # noqa: F401 (the copied-content fixture)

BROKEN = "id: water\ntitle:\n  nl: Water\n  en: [Water\n"


def test_broken_yaml_names_file_line_and_column(tmp_path):
    path = tmp_path / "water.yml"
    path.write_text(BROKEN, encoding="utf-8")
    with pytest.raises(yamlfile.YamlError) as err:
        yamlfile.load(path)
    message = str(err.value)
    assert message.startswith(f"{path}:5:1: not valid YAML: ")
    assert "\n" not in message and "unicode string" not in message


def test_front_matter_lines_count_from_the_top_of_the_page(tmp_path):
    page = tmp_path / "water.md"
    page.write_text("---\ntitle: Water\ndescription: [open\n---\n# Water\n", encoding="utf-8")
    with pytest.raises(yamlfile.YamlError) as err:
        yamlfile.front_matter(page)
    assert str(err.value).startswith(f"{page}:4:1: not valid YAML: ")
    page.write_text("---\ntitle: Water\n---\n# Water\n", encoding="utf-8")
    assert yamlfile.front_matter(page) == ({"title": "Water"}, "# Water\n")


def test_a_checklist_that_is_not_yaml_stops_with_one_line(tmp_path):
    path = tmp_path / "water.yml"
    path.write_text(BROKEN, encoding="utf-8")
    with pytest.raises(DefinitionError) as err:
        load_checklist(path, ["nl", "en"])
    assert str(err.value).startswith(f"{path}:5:1:")


@pytest.mark.parametrize("name", ["footer.yml", "checklists/water.yml", "nl/water.md"])
def test_check_content_names_the_broken_file(tree, capsys, name):  # noqa: F811
    path = tree / "content" / name
    text = path.read_text(encoding="utf-8")
    broken = text.replace("---\n", "---\nbroken: [open\n", 1) if name.endswith(".md") else "broken: [open\n" + text
    path.write_text(broken, encoding="utf-8")
    code, err = run(tree, capsys)
    assert code == 1
    assert re.search(rf"^{re.escape(str(path))}:\d+:\d+: not valid YAML: ", err, re.M), err
    assert "Traceback" not in err and "unicode string" not in err


def test_the_build_stops_on_a_broken_front_matter(tmp_path, monkeypatch):
    from mkdocs.exceptions import PluginError

    monkeypatch.syspath_prepend(str(ROOT / "site" / "hooks"))
    import paraat_i18n as hooks

    page = tmp_path / "water.md"
    page.write_text("---\ntitle: [Water\n---\n# Water\n", encoding="utf-8")
    with pytest.raises(PluginError) as err:
        hooks.check_front_matter(SimpleNamespace(file=SimpleNamespace(abs_src_path=str(page))))
    assert str(err.value).startswith(f"{page}:3:1: not valid YAML")


def test_a_busy_port_stops_the_server_in_one_line(monkeypatch):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        monkeypatch.setenv("PARAAT_BIND", f"127.0.0.1:{port}")
        with pytest.raises(SystemExit) as stopped:
            serve.main([])
    message = str(stopped.value)
    assert "\n" not in message and f"127.0.0.1:{port} is in use" in message and "PORT=" in message


def test_the_start_names_the_site_and_the_dashboard():
    assert serve.addresses("127.0.0.1:8804") == ("http://127.0.0.1:8804/", "http://127.0.0.1:8804/dashboard/")
    assert serve.addresses("[::1]:8080") == ("http://[::1]:8080/", "http://[::1]:8080/dashboard/")
