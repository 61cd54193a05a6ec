"""One search index per language, where Material's JavaScript looks for it.

`search/search_index.json` under that language's root (`/` for the default
language, `/<lang>/` for the others), with the lunr language, pipeline and
separator that language's theme strings ask for, and locations relative to
that root, as the pages' search base is (paraat_chrome.py). Material's default
is one index with every language in it.
"""
import json
import re

import paraat_i18n


def _plugin(config):
    for name in ("material/search", "search"):
        if name in config.plugins:
            return config.plugins[name]
    return None


def index(config, prefix):
    """This language build's index as JSON, or None when search is off."""
    plugin = _plugin(config)
    if plugin is None or not plugin.config.enabled:
        return None
    t = lambda key: paraat_i18n.theme_string(config, key)  # noqa: E731
    index_config = {
        "lang": [t("search.config.lang") or "en"],
        "separator": t("search.config.separator") or r"[\s\-]+",
        "pipeline": [fn for fn in re.split(r"\s*,\s*", t("search.config.pipeline").strip()) if fn],
        "fields": plugin.config.fields,
    }
    docs = []
    for entry in plugin.search_index.entries:
        entry = dict(entry)
        location = entry["location"]
        if prefix:
            if not location.startswith(prefix):
                raise ValueError(f"search entry {location!r} is not under {prefix!r}")
            entry["location"] = location[len(prefix):]
        docs.append(entry)
    return json.dumps({"config": index_config, "docs": docs}, ensure_ascii=False, separators=(",", ":"), default=str)
