"""MkDocs hook, run after mkdocs-static-i18n has built every language: see paraat_i18n.py."""
from mkdocs.plugins import event_priority

import paraat_i18n


@event_priority(-200)  # after mkdocs-static-i18n (-100) wrote its index of all languages
def on_post_build(config):
    paraat_i18n.after_all_builds(config)
