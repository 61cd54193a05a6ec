"""What mkdocs-static-i18n and Material leave out for a multilingual site.

The logic behind two MkDocs hooks (mkdocs.yml `hooks:`): `i18n_pages.py` runs
in every language's build, `i18n_finish.py` after mkdocs-static-i18n's own
post_build. MkDocs calls one function per event per hook file, and the state
kept between the two lives here, in one module both import.

mkdocs-static-i18n builds the default language at / and then every other
language at /<lang>/, each as its own MkDocs build into the same site_dir.
The hooks, run in each of those builds:

- writes one search index per language, where Material's JavaScript looks for
  it: `search/search_index.json` under that language's root (`/` for Dutch,
  `/<lang>/` for the others), with the lunr language, pipeline and separator
  that language's theme strings ask for. Pages get `"base"` in Material's
  `__config` pointing at their language root, so search (index and result
  links) stays inside the language. Material's default is one index with every
  language in it;
- keeps a 404 page per language: MkDocs renders `404.html` into site_dir on
  every build, so each build's copy is moved to `/<lang>/404.html` and the
  default language's is put back at `/404.html` at the end;
- puts absolute `hreflang` alternates (from `site_url`), plus `x-default` for
  the default language, in every page's head; Material writes them relative;
- puts `dir` on `<html>` too (Material sets it on `<body>` only);
- gives the 404 page a language switch to each language's home page and no
  hreflang links;
- writes `/<lang>/sitemap.xml`: the entries of the full sitemap that are in
  that language;
- gives every page the footer of its language (content/footer.yml), its contact link
  the address PARAAT_CONTACT (paraat_contact.py);
- drops `autocomplete` from Material's drawer and search toggles (checkboxes
  may not carry it in valid HTML), and the contents toggle where a page has
  no contents (a checkbox without a label).
"""
import json
import posixpath
import re
import xml.etree.ElementTree as ET
from copy import deepcopy
from html import escape
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import paraat_contact
import paraat_headers
import paraat_precompress
import paraat_offline

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML_NS = "http://www.w3.org/1999/xhtml"

_CONFIG_SCRIPT = re.compile(r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.S)
# Material's own alternates in the head (base.html): `<link rel="alternate" href=".." hreflang="..">`
_MATERIAL_ALTERNATE = re.compile(r'[ \t]*<link rel="alternate" href="[^"]*" hreflang="[^"]*">\n?')
_HTML_TAG = re.compile(r"<html lang=\"([^\"]+)\"")

# Each language's search index (JSON) and 404 page, kept across the language builds.
_state = {"search": {}, "404": {}, "footer": {}}


# --------------------------------------------------------------------------- helpers

def _i18n(config):
    return config.plugins["i18n"]


def _language(config):
    """The language this build is for (mkdocs-static-i18n sets the theme language per build)."""
    return config.theme["language"]


def _default_language(config):
    return _i18n(config).default_language


def _theme_string(config, key):
    """A theme string of the current language, as Material's search plugin reads it."""
    env = config.theme.get_env()
    template = env.get_template("partials/language.html", None, {"config": config})
    return str(template.module.t(key))


def _direction(config):
    return _theme_string(config, "direction") or "ltr"


def _html_safe_json(data):
    text = json.dumps(data, ensure_ascii=False, separators=(", ", ": "), sort_keys=True)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026").replace("'", "\\u0027")


def _set_config(html, change):
    """Change Material's `__config` (the page's settings for its script) with `change(data)`."""

    def replace(match):
        data = json.loads(match.group(2))
        change(data)
        return match.group(1) + _html_safe_json(data) + match.group(3)

    return _CONFIG_SCRIPT.sub(replace, html, count=1)


def _set_base(html, base):
    """Point Material's `__config.base` (search index, search result links) at `base`."""
    return _set_config(html, lambda data: data.update(base=base))


_URL_ATTR = re.compile(r'(\s(?:href|src)=")([^"]*)"')
_NOT_RELATIVE = re.compile(r"\A(?:/|#|[a-zA-Z][a-zA-Z0-9+.-]*:)")
_SCOPE = re.compile(r'__md_scope=new URL\("([^"]*)",location\)')


def _links_from_anywhere(html, page_path):
    """The household pages' shell serves every backend path: its relative links become site paths."""

    def absolute(match):
        value = match.group(2)
        return match.group(0) if _NOT_RELATIVE.match(value) else f'{match.group(1)}{escape(urljoin(page_path, value))}"'

    def config(data):
        for key in ("base", "search"):
            if isinstance(data.get(key), str):
                data[key] = urljoin(page_path, data[key])

    html = _SCOPE.sub(lambda m: f'__md_scope=new URL("{urljoin(page_path, m.group(1))}",location)', html)
    return _set_config(_URL_ATTR.sub(absolute, html), config)


def _set_html_dir(html, direction):
    return _HTML_TAG.sub(lambda m: f'<html lang="{m.group(1)}" dir="{direction}"', html, count=1)


def _absolute(site_url, url):
    return urljoin(site_url, "" if url in ("", "./", ".") else url)


def _language_prefix(config, lang):
    return "" if lang == _default_language(config) else f"{lang}/"


# --------------------------------------------------------------------------- pages

_TOGGLE_AUTOCOMPLETE = re.compile(r'(<input class="md-toggle"[^>]*?) autocomplete="off"')


_TOC_TOGGLE = '<input class="md-nav__toggle md-toggle" type="checkbox" id="__toc">'


def _valid_toggles(html):
    html = _TOGGLE_AUTOCOMPLETE.sub(r"\1", html)
    # Material writes the table of contents' toggle even when a page has no contents to toggle:
    # a checkbox without a label (HTML_CodeSniffer H91, F68).
    if 'for="__toc"' not in html:
        html = html.replace(_TOC_TOGGLE, "", 1)
    return html


def on_page_context(context, page, config, nav):
    context["paraat_footer"] = _footer(config)
    return context


def _footer(config):
    """The footer's words and links in this build's language, links as site paths: read once a language."""
    path = Path(config.docs_dir) / "footer.yml"
    key = (_language(config), path.stat().st_mtime_ns)
    if key not in _state["footer"]:
        _state["footer"][key] = _read_footer(config, path)
    return _state["footer"][key]


def _read_footer(config, path):
    words = _yaml(path)[_language(config)]
    prefix = _language_prefix(config, _language(config))

    def link(entry):
        if "url" in entry:  # the contact address (PARAAT_CONTACT), not a page of the site
            return {"text": entry["text"], "url": paraat_contact.url(entry["url"])}
        page = entry["page"].removesuffix(".md")
        target = prefix + ("" if page == "index" else f"{page}/")
        return {"text": entry["text"], "url": target or "."}

    return {**words, "links": [link(e) for e in words["links"]], "contact_link": link(words["contact_link"])}


_EMPTY_SKIP = '<div data-md-component="skip">\n      \n    </div>'


def _skip_to_backend_content(html, config):
    """The household pages' shell has no headings of its own, so Material writes no skip link:
    give it one to the heading the backend puts in (id pa-content)."""
    if _EMPTY_SKIP not in html:
        raise ValueError("the app.html shell: Material's empty skip-link container was not found")
    link = f'<a href="#pa-content" class="md-skip">{escape(_theme_string(config, "action.skip"))}</a>'
    return html.replace(_EMPTY_SKIP, f'<div data-md-component="skip">{link}</div>', 1)


def on_post_page(output, page, config):
    lang = _language(config)
    output = _valid_toggles(_set_html_dir(output, _direction(config)))
    if page.meta.get("template") == "app.html":
        output = _skip_to_backend_content(output, config)

    # Search and its result links stay within the page's language.
    prefix = _language_prefix(config, lang)
    if prefix:
        page_dir = posixpath.dirname(page.file.dest_uri)
        output = _set_base(output, posixpath.relpath(prefix.rstrip("/"), page_dir or "."))

    # Absolute hreflang alternates (only languages that have this page) and x-default.
    site_url = config.site_url or "/"
    alternates = getattr(page.file, "alternates", None) or {}
    links = []
    for code in _i18n(config).build_languages:
        alt = alternates.get(code)
        if alt is not None:
            links.append((code, _absolute(site_url, alt.url)))
    default = alternates.get(_default_language(config))
    if default is not None:
        links.append(("x-default", _absolute(site_url, default.url)))
    head = "".join(f'    <link rel="alternate" hreflang="{code}" href="{escape(href)}">\n' for code, href in links)
    output = _MATERIAL_ALTERNATE.sub("", output)
    marker = '<link rel="icon"'
    if marker not in output:
        raise ValueError(f"{page.file.src_uri}: no favicon link to place the hreflang alternates before")
    if head:
        output = output.replace(marker, head.lstrip() + "      " + marker, 1)
    if page.meta.get("template") == "app.html":
        output = _links_from_anywhere(output, urljoin(_site_root(config), page.url))
    return output


def _site_root(config):
    """The path the site is served under, with a closing slash."""
    root = urlsplit(config.site_url or "/").path or "/"
    return root if root.endswith("/") else root + "/"


def on_template_context(context, template_name, config):
    """The 404 page's words, and its language switch to each language's home page.

    mkdocs-static-i18n sets `config.extra.alternate` as an attribute for every
    page (the same page in each language) but resets only the mapping item
    between builds, so without this the 404 page, which is built before any
    page, would offer the last page of the previous language's build."""
    if template_name == "404.html" and _i18n(config).extra_alternate:
        config.extra.alternate = deepcopy(_i18n(config).extra_alternate)
    if template_name == "404.html":
        context["not_found"] = _not_found_words(config)[_language(config)]
        context["paraat_footer"] = _footer(config)
    return context


def _not_found_words(config):
    """The 404 page's words per language: data that translators keep in content/not-found.yml."""
    return _yaml(Path(config.docs_dir) / "not-found.yml")


def _yaml(path):
    """An editor's YAML file; a mistake stops the build with `file:line:column: message`."""
    from mkdocs.exceptions import PluginError

    from backend import yamlfile

    try:
        return yamlfile.load(path)
    except yamlfile.YamlError as err:
        raise PluginError(str(err)) from None


def check_front_matter(page):
    """MkDocs reads a page whose front matter is not YAML as body text; name the mistake instead."""
    from mkdocs.exceptions import PluginError

    from backend import yamlfile

    if page.file.abs_src_path:
        try:
            yamlfile.front_matter(Path(page.file.abs_src_path))
        except yamlfile.YamlError as err:
            raise PluginError(str(err)) from None


def on_post_template(output, template_name, config):
    if template_name != "404.html":
        return output
    lang = _language(config)
    output = _valid_toggles(_set_html_dir(output, _direction(config)))
    # Not a translation of anything: no hreflang alternates in its head.
    output = _MATERIAL_ALTERNATE.sub("", output)
    # MkDocs renders error pages with absolute links from the site root.
    return _set_base(output, _site_root(config) + _language_prefix(config, lang))


# --------------------------------------------------------------------------- after each build

def _search_plugin(config):
    for name in ("material/search", "search"):
        if name in config.plugins:
            return config.plugins[name]
    return None


def _search_index(config, entries, prefix):
    plugin = _search_plugin(config)
    pipeline = [fn for fn in re.split(r"\s*,\s*", _theme_string(config, "search.config.pipeline").strip()) if fn]
    index_config = {
        "lang": [_theme_string(config, "search.config.lang") or "en"],
        "separator": _theme_string(config, "search.config.separator") or r"[\s\-]+",
        "pipeline": pipeline,
        "fields": plugin.config.fields,
    }
    docs = []
    for entry in entries:
        entry = dict(entry)
        location = entry["location"]
        if prefix:
            if not location.startswith(prefix):
                raise ValueError(f"search entry {location!r} is not under {prefix!r}")
            entry["location"] = location[len(prefix):]
        docs.append(entry)
    return json.dumps({"config": index_config, "docs": docs}, ensure_ascii=False, separators=(",", ":"), default=str)


def after_language_build(config):
    """Runs in each language's build, before mkdocs-static-i18n starts the next one."""
    lang = _language(config)
    site = Path(config.site_dir)
    prefix = _language_prefix(config, lang)

    plugin = _search_plugin(config)
    if plugin is not None and plugin.config.enabled:
        data = _search_index(config, plugin.search_index.entries, prefix)
        _state["search"][lang] = data
        if prefix:
            _write(site / prefix / "search" / "search_index.json", data)

    page_404 = site / "404.html"
    if page_404.is_file():
        _state["404"][lang] = page_404.read_text(encoding="utf-8")
        if prefix:
            _write(site / prefix / "404.html", _state["404"][lang])


def after_all_builds(config):
    """After mkdocs-static-i18n's own post_build (which writes one index of all
    languages at /search/ and leaves the last language's 404 at /404.html):
    put the default language's back. Idempotent; the outermost build runs it last."""
    site = Path(config.site_dir)
    default = _default_language(config)
    if default in _state["search"]:
        _write(site / "search" / "search_index.json", _state["search"][default])
    if default in _state["404"]:
        _write(site / "404.html", _state["404"][default])
    _write_language_sitemaps(config, site)
    root = Path(config.config_file_path).parent
    paraat_offline.write(config, default, list(_i18n(config).build_languages), root / "backend" / "static")
    paraat_headers.write(site)
    paraat_precompress.write(site)  # last: sw.js and offline.json are final by now


def _write_language_sitemaps(config, site):
    sitemap = site / "sitemap.xml"
    if not sitemap.is_file():
        return
    ET.register_namespace("", SITEMAP_NS)
    ET.register_namespace("xhtml", XHTML_NS)
    tree = ET.parse(sitemap)
    site_url = config.site_url or "/"
    default = _default_language(config)
    others = [code for code in _i18n(config).build_languages if code != default]
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
        _write(site / code / "sitemap.xml",
               '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n")


def _write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
