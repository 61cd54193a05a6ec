"""A sitemap per language, `/<lang>/sitemap.xml`, where Material's language switch looks: the entries of the
full sitemap that are in that language."""
import xml.etree.ElementTree as ET
from urllib.parse import urljoin

import paraat_i18n

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML_NS = "http://www.w3.org/1999/xhtml"


def write(config, site, write_file):
    sitemap = site / "sitemap.xml"
    if not sitemap.is_file():
        return
    ET.register_namespace("", SITEMAP_NS)
    ET.register_namespace("xhtml", XHTML_NS)
    tree = ET.parse(sitemap)
    site_url = config.site_url or "/"
    default = paraat_i18n.default_language(config)
    others = [code for code in paraat_i18n.i18n(config).build_languages if code != default]
    by_lang = {code: [] for code in others}
    for url in tree.getroot().findall(f"{{{SITEMAP_NS}}}url"):
        loc = url.findtext(f"{{{SITEMAP_NS}}}loc", "")
        for code in others:
            if loc.startswith(urljoin(site_url, f"{code}/")):
                by_lang[code].append(url)
    for code, urls in by_lang.items():
        root = ET.Element(f"{{{SITEMAP_NS}}}urlset")
        root.extend(urls)
        ET.indent(root)
        write_file(site / code / "sitemap.xml",
                   '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n")
