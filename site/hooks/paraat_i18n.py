"""What mkdocs-static-i18n and Material leave out for a multilingual site: the language facts and the build steps.

The logic behind two MkDocs hooks (mkdocs.yml `hooks:`): `i18n_pages.py` runs
in every language's build, `i18n_finish.py` after mkdocs-static-i18n's own
post_build. MkDocs calls one function per event per hook file, and the state
kept between the two lives here, in one module both import.

mkdocs-static-i18n builds the default language at / and then every other
language at /<lang>/, each as its own MkDocs build into the same site_dir.
Per page, through Material's own doors (template blocks, the page context,
`config.extra`): paraat_chrome.py. What has no door, checked loudly:
paraat_markup.py. After each language's build (here): its search index
(paraat_search.py) and its 404 page are kept, moved to `/<lang>/`; after all
of them the default language's are put back at `/`, and a sitemap per
language (paraat_sitemaps.py), the offline list, the headers and the
precompressed files are written.
"""
from pathlib import Path

import paraat_headers
import paraat_offline
import paraat_precompress
import paraat_search
import paraat_sitemaps

# Each language's search index (JSON) and 404 page, kept across the language builds.
_state = {"search": {}, "404": {}}


def i18n(config):
    return config.plugins["i18n"]


def language(config):
    """The language this build is for (mkdocs-static-i18n sets the theme language per build)."""
    return config.theme["language"]


def default_language(config):
    return i18n(config).default_language


def language_prefix(config, lang):
    return "" if lang == default_language(config) else f"{lang}/"


def site_root(config):
    """The path the site is served under, with a closing slash."""
    from urllib.parse import urlsplit

    root = urlsplit(config.site_url or "/").path or "/"
    return root if root.endswith("/") else root + "/"


def theme_string(config, key):
    """A theme string of the current language, as Material's search plugin reads it."""
    env = config.theme.get_env()
    template = env.get_template("partials/language.html", None, {"config": config})
    return str(template.module.t(key))


def yaml_file(path):
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


def after_language_build(config):
    """Runs in each language's build, before mkdocs-static-i18n starts the next one."""
    lang = language(config)
    site = Path(config.site_dir)
    prefix = language_prefix(config, lang)

    data = paraat_search.index(config, prefix)
    if data is not None:
        _state["search"][lang] = data
        if prefix:
            write(site / prefix / "search" / "search_index.json", data)

    page_404 = site / "404.html"
    if page_404.is_file():
        _state["404"][lang] = page_404.read_text(encoding="utf-8")
        if prefix:
            write(site / prefix / "404.html", _state["404"][lang])


def after_all_builds(config):
    """After mkdocs-static-i18n's own post_build (which writes one index of all
    languages at /search/ and leaves the last language's 404 at /404.html):
    put the default language's back. Idempotent; the outermost build runs it last."""
    site = Path(config.site_dir)
    default = default_language(config)
    if default in _state["search"]:
        write(site / "search" / "search_index.json", _state["search"][default])
    if default in _state["404"]:
        write(site / "404.html", _state["404"][default])
    paraat_sitemaps.write(config, site, write)
    root = Path(config.config_file_path).parent
    paraat_offline.write(config, default, list(i18n(config).build_languages), root / "backend" / "static")
    paraat_headers.write(site)
    paraat_precompress.write(site)  # last: sw.js and offline.json are final by now


def write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
