"""`make preview`: the whole product on one port while editors write, each save visible in seconds.

The backend serves the built site, so the links into the checklists work as
they will in production. This watcher rebuilds only the language whose page
changed (with the source language, which the build always needs) and leaves
the other languages' pages as they were; a change to anything else (the
theme, mkdocs.yml, the footer) rebuilds everything. The backend restarts by
itself when a checklist file changes.
"""
import argparse
import subprocess
import sys
import time
from pathlib import Path

import yaml
from mkdocs.utils.yaml import yaml_load

from . import ROOT
from .serve import port_taken

WATCHED = ("content", "site", "mkdocs.yml")


def preview_config(languages, root=ROOT):
    """mkdocs.yml with only these languages built, its paths made absolute so it can live in build/.

    Read as MkDocs reads it (its loader resolves !ENV), changed as data, written back as plain YAML.
    """
    with open(root / "mkdocs.yml", encoding="utf-8") as fh:
        config = yaml_load(fh)
    i18n = next(p["i18n"] for p in config["plugins"] if isinstance(p, dict) and "i18n" in p)
    for entry in i18n["languages"]:
        entry["build"] = entry["locale"] in languages
    for where, key in ((config, "docs_dir"), (config, "site_dir"), (config["theme"], "custom_dir")):
        if key in where:
            where[key] = str(root / where[key])
    config["hooks"] = [str(root / hook) for hook in config.get("hooks", [])]
    return yaml.safe_dump(config, allow_unicode=True, sort_keys=False)


def snapshot(root=ROOT):
    files = {}
    for name in WATCHED:
        path = root / name
        for item in ([path] if path.is_file() else path.rglob("*")):
            if item.is_file():
                files[item] = item.stat().st_mtime_ns
    return files


def languages_to_build(changed, codes, default, root=ROOT):
    """The languages a change needs rebuilt; None means everything."""
    wanted = {default}
    for path in changed:
        parts = path.relative_to(root).parts
        if len(parts) > 2 and parts[0] == "content" and parts[1] in codes:
            wanted.add(parts[1])
        else:
            return None
    return wanted


def build(languages, root=ROOT):
    started = time.monotonic()
    command = [sys.executable, "-m", "backend.sitebuild", "build", "--quiet"]
    if languages is not None:
        config = root / "build" / "preview-mkdocs.yml"
        config.parent.mkdir(exist_ok=True)
        config.write_text(preview_config(languages, root), encoding="utf-8")
        command += ["--dirty", "-f", str(config)]
        # A partial build is for the preview only: the next `make site` builds every language again.
        (root / "build" / ".site-built").unlink(missing_ok=True)
    done = subprocess.run(command, cwd=root)
    what = ", ".join(sorted(languages)) if languages else "every language"
    print(f"preview: rebuilt {what} in {time.monotonic() - started:.1f} s"
          + ("" if done.returncode == 0 else " (with errors: see above)"), flush=True)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, default=8000)
    args = parser.parse_args(argv)
    if port_taken(args.port):
        print(f"preview: port {args.port} is in use (another server?). Stop it, or choose another port: "
              f"make preview PORT={args.port + 10}", file=sys.stderr)
        return 1
    from .i18n import read_languages

    languages = read_languages(str(ROOT / "mkdocs.yml"))
    codes = {lang.code for lang in languages}
    default = next(lang.code for lang in languages if lang.default)
    reload_files = [str(p) for p in sorted((ROOT / "content").glob("**/*.yml"))]
    server = subprocess.Popen([str(Path(sys.executable).parent / "gunicorn"), "--reload",
                               *(f"--reload-extra-file={f}" for f in reload_files),
                               "--access-logfile", "/dev/null", "--no-control-socket",
                               "--bind", f"127.0.0.1:{args.port}", "backend:create_app()"], cwd=ROOT)
    print(f"preview: http://127.0.0.1:{args.port}/ (pages rebuild as you save; Ctrl+C stops)", flush=True)
    seen = snapshot()
    try:
        while server.poll() is None:
            time.sleep(0.5)
            now = snapshot()
            changed = {p for p in now.keys() | seen.keys() if now.get(p) != seen.get(p)}
            changed = {p for p in changed if not p.name.endswith((".yml",)) or p.parent.name != "checklists"}
            if changed:
                build(languages_to_build(changed, codes, default))
                now = snapshot()
            seen = now
    except KeyboardInterrupt:
        pass
    finally:
        server.terminate()
        server.wait()
    return 0


if __name__ == "__main__":
    sys.exit(main())
