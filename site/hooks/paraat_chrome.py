"""Each page's chrome in its language, through Material's own doors: the page context, `config.extra` and our
template blocks, never by rewriting what Material wrote.

- `config.extra.alternate` (Material's head loop) holds the page's absolute
  hreflang alternates, with `x-default` for the default language; the
  language switch (partials/alternate.html) reads `paraat_switch`, the same
  page in each language as mkdocs-static-i18n links it;
- `base_url`, which Material's settings script gives its search as `base`, is
  the page's language root, so search (index and result links) stays inside
  the language; `config.extra.scope` keeps Material's stored settings for the
  whole site, as they were;
- the 404 page (built once per language, served at any depth) and the
  household pages' shell (served for every backend path) link with site paths:
  `paraat_site_paths` switches the `url` filter to them; the 404 page's switch
  leads to each language's home page and it has no hreflang alternates;
- the footer of the page's language (content/footer.yml), its contact link the
  address PARAAT_CONTACT (paraat_contact.py), and the 404 page's words.
"""
import posixpath
from copy import deepcopy
from pathlib import Path
from urllib.parse import urljoin

from jinja2 import pass_context
from mkdocs.exceptions import PluginError
from mkdocs.utils import normalize_url

import paraat_contact
import paraat_i18n as facts
import paraat_markup

_footers = {}  # per language and footer.yml version: every page of a build shows the same


def on_env(env, config, files):
    if "url" not in env.filters:
        raise PluginError("MkDocs' templates have no url filter for site_paths to extend")
    env.filters["url"] = _url
    return env


@pass_context
def _url(context, value):
    """MkDocs' url filter; a site path instead (never `/.`) where `paraat_site_paths` names the site's root."""
    root = context.get("paraat_site_paths")
    if not root:
        return normalize_url(str(value), page=context["page"], base=context["base_url"])
    link = normalize_url(str(value), page=None, base=root)
    return link[:-1] if link.endswith("/.") else link


def on_page_context(context, page, config, nav):
    """After mkdocs-static-i18n's own (priority 50), which sets `config.extra.alternate` to this page's switch."""
    lang = facts.language(config)
    prefix = facts.language_prefix(config, lang)
    context["paraat_switch"] = deepcopy(config.extra.alternate)
    config.extra.alternate = _alternates(page, config)
    config.extra["scope"] = facts.site_root(config)
    context["paraat_footer"] = _footer(config)
    if page.meta.get("template") == "app.html":
        context["paraat_site_paths"] = facts.site_root(config)
        context["base_url"] = facts.site_root(config) + prefix
    elif prefix:
        page_dir = posixpath.dirname(page.file.dest_uri)
        context["base_url"] = posixpath.relpath(prefix.rstrip("/"), page_dir or ".")
    return context


def _alternates(page, config):
    """Absolute hreflang alternates: each language that has this page, and x-default."""
    site_url = config.site_url or "/"
    alternates = getattr(page.file, "alternates", None) or {}
    links = [{"lang": code, "link": _absolute(site_url, alternates[code].url)}
             for code in facts.i18n(config).build_languages if alternates.get(code) is not None]
    default = alternates.get(facts.default_language(config))
    if default is not None:
        links.append({"lang": "x-default", "link": _absolute(site_url, default.url)})
    return links


def _absolute(site_url, url):
    return urljoin(site_url, "" if url in ("", "./", ".") else url)


def on_template_context(context, template_name, config):
    """The 404 page's words, links and language switch to each language's home page.

    mkdocs-static-i18n sets `config.extra.alternate` as an attribute for every
    page (the same page in each language) but resets only the mapping item
    between builds, so without this the 404 page, which is built before any
    page, would offer the last page of the previous language's build."""
    if template_name != "404.html":
        return context
    homes = facts.i18n(config).extra_alternate
    if homes:
        config.extra.alternate = deepcopy(homes)
    lang = facts.language(config)
    root = facts.site_root(config)
    config.extra["scope"] = root
    context["paraat_switch"] = deepcopy(config.extra.alternate)
    context["paraat_site_paths"] = root
    context["base_url"] = root + facts.language_prefix(config, lang)
    context["not_found"] = facts.yaml_file(Path(config.docs_dir) / "not-found.yml")[lang]
    context["paraat_footer"] = _footer(config)
    return context


def on_post_page(output, page, config):
    where = page.file.src_uri
    output = paraat_markup.finish(output, where, _direction(config))
    if page.meta.get("template") == "app.html":
        paraat_markup.check_site_paths(output, where)
    return output


def on_post_template(output, template_name, config):
    if template_name != "404.html":
        return output
    return paraat_markup.finish(output, f"404.html ({facts.language(config)})", _direction(config), in_nav=False)


def _direction(config):
    return facts.theme_string(config, "direction") or "ltr"


def _footer(config):
    """The footer's words and links in this build's language: read once a language."""
    path = Path(config.docs_dir) / "footer.yml"
    key = (facts.language(config), path.stat().st_mtime_ns)
    if key not in _footers:
        _footers[key] = _read_footer(config, path)
    return _footers[key]


def _read_footer(config, path):
    words = facts.yaml_file(path)[facts.language(config)]
    prefix = facts.language_prefix(config, facts.language(config))

    def link(entry):
        if "url" in entry:  # the contact address (PARAAT_CONTACT), not a page of the site
            return {"text": entry["text"], "url": paraat_contact.url(entry["url"])}
        page = entry["page"].removesuffix(".md")
        target = prefix + ("" if page == "index" else f"{page}/")
        return {"text": entry["text"], "url": target or "."}

    return {**words, "links": [link(e) for e in words["links"]], "contact_link": link(words["contact_link"])}
