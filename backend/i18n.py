"""Offered languages, locale choice and the wording of quantities.

The languages are data: the ones mkdocs.yml offers for the campaign site are
the ones the backend offers too, so adding a language never touches code.
"""
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml
from babel import Locale
from babel.numbers import format_decimal
from flask import current_app, g, request
from flask_babel import Babel, get_translations
from werkzeug.routing import BaseConverter


@dataclass(frozen=True)
class Language:
    code: str
    name: str
    default: bool

    @property
    def dir(self):
        return Locale.parse(self.code).text_direction

    @property
    def prefix(self):
        """URL prefix: the source language lives at /, the others at /<code>/."""
        return "" if self.default else f"/{self.code}"


class _TolerantLoader(yaml.SafeLoader):
    """mkdocs.yml may hold !ENV or python tags; the language list needs none of them."""


_TolerantLoader.add_multi_constructor("", lambda loader, suffix, node: None)


@lru_cache(maxsize=8)
def read_languages(mkdocs_config):
    with open(mkdocs_config, encoding="utf-8") as fh:
        config = yaml.load(fh, Loader=_TolerantLoader)
    for plugin in config.get("plugins", []):
        if isinstance(plugin, dict) and "i18n" in plugin:
            entries = plugin["i18n"]["languages"]
            break
    else:
        raise ValueError(f"{mkdocs_config}: no i18n plugin with a list of languages")
    languages = tuple(
        Language(code=e["locale"], name=e["name"], default=bool(e.get("default")))
        for e in entries
        if e.get("build", True)
    )
    if sum(lang.default for lang in languages) != 1:
        raise ValueError(f"{mkdocs_config}: exactly one language must be the default")
    return languages


def languages():
    return current_app.extensions["paraat.languages"]


def language(code):
    return next((lang for lang in languages() if lang.code == code), None)


def default_language():
    return next(lang for lang in languages() if lang.default)


def language_of_path(path):
    """The language a path is in: its first segment if that is an offered language."""
    first = path.strip("/").split("/", 1)[0]
    return language(first) or default_language()


def current_language():
    return language(_select_locale())


def _select_locale():
    """The URL (or the request body) decides; then the browser's preference."""
    chosen = g.get("lang")
    if chosen:
        return chosen
    codes = [lang.code for lang in languages()]
    asked = request.args.get("lang")
    if asked in codes:
        return asked
    return request.accept_languages.best_match(codes) or default_language().code


def use_language(code):
    """Switch this request to a language once its choice is known."""
    g.lang = code
    from flask_babel import refresh

    refresh()


def translations():
    """This request's catalogue, looked up once per locale: a page asks for dozens of strings."""
    babel = g.get("_flask_babel")
    locale = getattr(babel, "babel_locale", None)
    found = g.get("paraat_translations")
    if found is not None and locale is not None and found[0] is locale:
        return found[1]
    t = get_translations()
    g.paraat_translations = (getattr(g.get("_flask_babel"), "babel_locale", None), t)
    return t


def unit_forms(unit, n):
    """The translated phrase for `n` of a unit, with %(num)s where the number goes."""
    t = translations()
    if unit == "litre":
        return t.ungettext("%(num)s litre", "%(num)s litres", n)
    if unit == "euro":
        return t.ungettext("€%(num)s", "€%(num)s", n)
    if unit == "piece":
        return t.ungettext("%(num)s piece", "%(num)s pieces", n)
    if unit == "day":
        return t.ungettext("%(num)s day", "%(num)s days", n)
    if unit == "person":
        return t.ungettext("%(num)s person", "%(num)s people", n)
    if unit == "essentials":
        return t.ungettext("%(done)s of %(num)s essential item ticked",
                           "%(done)s of %(num)s essential items ticked", n)
    raise ValueError(f"unknown unit {unit!r}")


UNITS = ("litre", "euro", "piece")  # what checklist quantities may count
WORDS = (*UNITS, "day", "person", "essentials")  # what pages word with a number


def format_quantity(unit, n, **more):
    return unit_forms(unit, n) % {"num": n, **more}


@lru_cache(maxsize=64)
def _plural_samples(code):
    """One number for each plural category of the language (working them out takes 200 rule checks)."""
    plural = Locale.parse(code).plural_form
    samples = {}
    for n in range(0, 200):
        samples.setdefault(plural(n), n)
    return tuple(samples.items())


def unit_templates(code):
    """Per plural category a phrase, so the page script words any number as the server does."""
    return {unit: {cat: unit_forms(unit, n) for cat, n in _plural_samples(code)} for unit in WORDS}


# Translators' list of languages whose numbers are written as one place writes them (Babel knows
# no number conventions for some languages, and would write 12,345 where Curaçao writes 12.345).
NUMBER_FORMATS = "number-formats.txt"


@lru_cache(maxsize=8)
def read_number_formats(directory):
    found = {}
    path = Path(directory) / NUMBER_FORMATS
    lines = path.read_text(encoding="utf-8").splitlines() if path.exists() else []
    for number, line in enumerate(lines, 1):
        words = line.split("#", 1)[0].split()
        if not words:
            continue
        if len(words) != 2:
            raise ValueError(f"{path}:{number}: write a language code and a locale, e.g. 'pap nl_CW'")
        Locale.parse(words[1])  # an unknown locale stops start-up here, not a page later
        found[words[0]] = words[1]
    return found


def format_count(n):
    """A whole number as people who read the current language write it."""
    code = current_language().code
    return format_decimal(n, locale=current_app.extensions["paraat.number_formats"].get(code, code))


def init_app(app):
    app.extensions["paraat.languages"] = read_languages(app.config["MKDOCS_CONFIG"])
    app.extensions["paraat.number_formats"] = read_number_formats(app.config["BABEL_TRANSLATION_DIRECTORIES"])

    class LanguageConverter(BaseConverter):
        """<lang:...> matches only an offered language, so /api/... is never read as a language's page."""

        regex = "|".join(re.escape(lang.code) for lang in app.extensions["paraat.languages"])

    app.url_map.converters["lang"] = LanguageConverter
    source = next(lang for lang in app.extensions["paraat.languages"] if lang.default)
    app.config.setdefault("BABEL_DEFAULT_LOCALE", source.code)
    Babel(app, locale_selector=_select_locale)
    app.jinja_env.install_gettext_callables(
        gettext=lambda s: translations().ugettext(s),
        ngettext=lambda s, p, n: translations().ungettext(s, p, n),
        pgettext=lambda c, s: translations().upgettext(c, s),
        npgettext=lambda c, s, p, n: translations().unpgettext(c, s, p, n),
        newstyle=True)

    @app.context_processor
    def _language_context():
        return {"languages": languages(), "current_language": current_language(),
                "format_quantity": format_quantity}
