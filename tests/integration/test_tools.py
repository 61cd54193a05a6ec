"""The editors' and translators' tools: clear one-line stops, servers that keep out of each other's way."""
import re
import shutil
import subprocess
import sys

from backend import ROOT


def test_a_broken_checklist_stops_with_one_line_naming_file_item_and_field(tmp_path):
    shutil.copytree(ROOT / "content" / "checklists", tmp_path / "checklists")
    shutil.copy(ROOT / "content" / "regions.yml", tmp_path / "regions.yml")
    kit = tmp_path / "checklists" / "emergency-kit.yml"
    kit.write_text(kit.read_text(encoding="utf-8").replace("unit: litre}", "unit: gallon}", 1), encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "backend.definitions", str(tmp_path)], cwd=ROOT,
                          capture_output=True, text=True)
    assert done.returncode == 1
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert re.fullmatch(r"Cannot start: .*emergency-kit\.yml: item 'drinking-water': field 'quantity\.unit': "
                        r"must be one of .*", lines[0])


def test_the_real_checklists_pass(tmp_path):
    done = subprocess.run([sys.executable, "-m", "backend.definitions"], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0 and done.stdout.startswith("Checklists: emergency-kit, water, cash")


def test_every_server_the_makefile_starts_keeps_no_log_and_no_shared_control_socket(tmp_path):
    from gunicorn.config import Config

    from backend import front

    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    recipes = [line for line in makefile.splitlines() if line.startswith("\t")]
    # make serve and make run start the launcher, which starts gunicorn with the repository's configuration.
    assert not any("gunicorn" in line for line in recipes), recipes
    assert any("-m backend.serve" in line for line in recipes)
    launcher = (ROOT / "backend" / "serve.py").read_text(encoding="utf-8")
    assert '"-m", "gunicorn", "--config", str(ROOT / "gunicorn.conf.py")' in launcher
    settings = {}
    exec((ROOT / "gunicorn.conf.py").read_text(encoding="utf-8"), settings)
    config = Config()
    for name in ("accesslog", "control_socket_disable", "worker_class", "preload_app"):
        config.set(name, settings[name])
    assert config.accesslog is None and config.control_socket_disable is True
    assert config.worker_class_str == "gthread" and config.preload_app is True
    # The front logs no request, and nothing that names a client (only what stops it from starting).
    nginx = front.config(tmp_path, "127.0.0.1:8000", 0, ["nl", "en"], "nl", {}, False)
    assert "access_log off;" in nginx and "error_log stderr emerg;" in nginx
    assert "access_log" not in nginx.replace("access_log off;", "")


def test_init_db_says_what_it_did(tmp_path):
    from backend import create_app

    app = create_app({"TESTING": True, "DATABASE": str(tmp_path / "fresh.sqlite3")})
    runner = app.test_cli_runner()
    # create_app already brought the new database up to date; init-db says so plainly.
    result = runner.invoke(args=["init-db"])
    assert result.exit_code == 0
    assert result.output.strip().endswith("fresh.sqlite3: up to date.")
    assert "0 migration" not in result.output
