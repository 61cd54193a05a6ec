"""What the service worker (site/overrides/sw.js) keeps for offline use, written after every build.

`offline.json` lists the shared files to keep at once and, per language, the
campaign pages to keep once someone reads that language. `sw.js` gets a
VERSION made from the built files and the backend's page scripts, so any
change makes browsers fetch a new cache and drop the old one.
"""
import hashlib
import json
import re
from pathlib import Path

from mkdocs.exceptions import PluginError

# Pages never kept: search, not-found, and the shell the backend fills.
SKIP = {"search", "checklists"}
ASSETS = (".css", ".js", ".png", ".svg", ".ico", ".woff2")
_VERSION = re.compile(r'var VERSION = "[^"]*";')


def _pages(site, prefix, others):
    root = site / prefix if prefix else site
    found = ["/" + (f"{prefix}/" if prefix else "")]
    for index in sorted(root.glob("*/index.html")):
        name = index.parent.name
        if name in SKIP or name in others:
            continue
        found.append(f"/{prefix + '/' if prefix else ''}{name}/")
    found.append(f"/{prefix + '/' if prefix else ''}checklists/")
    return found


def write(config, default, languages, backend_static):
    site = Path(config.site_dir)
    others = [code for code in languages if code != default]
    assets = sorted("/" + p.relative_to(site).as_posix() for p in (site / "assets").rglob("*")
                    if p.suffix in ASSETS and not {"workers", "lunr"} & set(p.parts))
    # The citizens' page scripts; the officials' dashboard is never kept offline.
    scripts = sorted(p for p in Path(backend_static).glob("*.js") if not p.name.startswith("dashboard"))
    assets += [f"/static/{p.name}" for p in scripts]
    pages = {code: _pages(site, "" if code == default else code, others) for code in languages}
    digest = hashlib.sha256()
    for path in sorted(site.rglob("*")):
        if path.is_file() and path.name not in ("sw.js", "offline.json") and "sitemap" not in path.name \
                and path.suffix != ".gz":  # the gzip copies follow their files (paraat_precompress.py)
            digest.update(path.relative_to(site).as_posix().encode())
            digest.update(path.read_bytes())
    for path in scripts:
        digest.update(path.read_bytes())
    version = digest.hexdigest()[:16]
    (site / "offline.json").write_text(json.dumps({"version": version, "assets": assets, "pages": pages},
                                                  indent=1), encoding="utf-8")
    worker = site / "sw.js"
    if not worker.is_file():
        raise PluginError(f"{worker}: the service worker (site/overrides/sw.js) is missing from the built site")
    worker.write_text(stamp(worker.read_text(encoding="utf-8"), version), encoding="utf-8")


def stamp(worker, version):
    """The service worker with its VERSION set; one that has no `var VERSION = "...";` stops the build,
    since browsers would otherwise keep an old cache for ever."""
    stamped, found = _VERSION.subn(f'var VERSION = "{version}";', worker, count=1)
    if not found:
        raise PluginError('sw.js: expected one line `var VERSION = "...";` to put the cache version in; '
                          "see site/hooks/paraat_offline.py")
    return stamped
