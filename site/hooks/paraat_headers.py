"""The headers the campaign pages need when a plain web server or CDN serves build/site without the backend.

Written as build/site/_headers (the format Netlify and Cloudflare Pages read;
README says how to carry it over to nginx): the Content-Security-Policy, with
Material's inline scripts by hash, and the headers every answer carries.
"""
from pathlib import Path

from backend import csp

EVERYWHERE = {**csp.COMMON, "Referrer-Policy": "no-referrer"}


def write(site):
    """One rule for every path (CDNs limit the number of rules): the policy allows the inline scripts of
    all pages, which are the same few of Material's on every page."""
    site = Path(site)
    pages = "".join(page.read_text(encoding="utf-8") for page in sorted(site.rglob("*.html")))
    headers = {**EVERYWHERE, "Content-Security-Policy": csp.page(pages)}
    (site / "_headers").write_text("/*\n" + "".join(f"  {name}: {value}\n" for name, value in headers.items()),
                                   encoding="utf-8")
