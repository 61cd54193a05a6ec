"""The headers the campaign pages need when a plain web server or CDN serves build/site without the backend.

Written as build/site/_headers (the format Netlify and Cloudflare Pages read;
README says how to carry it over to nginx): every page's own
Content-Security-Policy, with Material's inline scripts by hash, and the
headers every answer carries.
"""
from pathlib import Path

from backend import csp

EVERYWHERE = {**csp.COMMON, "Referrer-Policy": "no-referrer"}


def write(site):
    site = Path(site)
    blocks = ["/*\n" + "".join(f"  {name}: {value}\n" for name, value in EVERYWHERE.items())]
    for page in sorted(site.rglob("*.html")):
        path = "/" + page.relative_to(site).as_posix()
        policy = csp.policy(page.read_text(encoding="utf-8"))
        for url in ([path, path[: -len("index.html")]] if path.endswith("/index.html") else [path]):
            blocks.append(f"{url}\n  Content-Security-Policy: {policy}\n")
    (site / "_headers").write_text("\n".join(blocks), encoding="utf-8")
