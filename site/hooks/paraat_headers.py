"""The headers the campaign pages need when a plain web server or CDN serves build/site without the backend.

Written as build/site/_headers (the format Cloudflare Pages reads, as do
Netlify and others for plain rules; README says how to carry it over to
nginx): the Content-Security-Policy, with Material's inline scripts by hash,
the headers every answer carries, and who may keep each file how long, by the
same rule the backend follows (backend/caching.py: pages a CDN may keep a few
minutes, Material's hashed files a year, the rest an hour).
"""
from collections import Counter
from pathlib import Path

from backend import caching, csp

EVERYWHERE = {**csp.COMMON, "Referrer-Policy": "no-referrer"}
NOT_SERVED = {"_headers"}


def _files(site):
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*")
                  if p.is_file() and p.suffix != ".gz" and p.name not in NOT_SERVED)


def cache_rules(site):
    """(pattern, Cache-Control) from broadest to narrowest: pages (every path), the assets folder, then
    each file that differs from the rule above it. Few rules, as CDNs limit their number."""
    files = {name: caching.site_file(Path(name).name) for name in _files(Path(site))}
    assets = Counter(value for name, value in files.items() if name.startswith("assets/"))
    assets_value = assets.most_common(1)[0][0] if assets else caching.PAGE
    rules = [("/*", caching.PAGE), ("/assets/*", assets_value)]
    for name, value in files.items():
        inherited = assets_value if name.startswith("assets/") else caching.PAGE
        if value != inherited:
            rules.append((f"/{name}", value))
    return rules


def write(site):
    """One rule for every path with the headers every answer carries (the policy allows the inline scripts
    of all pages, which are the same few of Material's on every page), then the rules on keeping: a
    narrower rule first drops the broader one's Cache-Control (`! Cache-Control`, Cloudflare Pages'
    way), so each path gets exactly one."""
    site = Path(site)
    pages = "".join(page.read_text(encoding="utf-8") for page in sorted(site.rglob("*.html")))
    (everywhere, page_value), *narrower = cache_rules(site)
    headers = {**EVERYWHERE, "Content-Security-Policy": csp.page(pages), "Cache-Control": page_value}
    text = everywhere + "\n" + "".join(f"  {name}: {value}\n" for name, value in headers.items())
    text += "".join(f"{pattern}\n  ! Cache-Control\n  Cache-Control: {value}\n" for pattern, value in narrower)
    (site / "_headers").write_text(text, encoding="utf-8")
