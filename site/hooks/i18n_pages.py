"""MkDocs hook, run in every language's build: see paraat_i18n.py and paraat_chrome.py."""
from mkdocs.plugins import event_priority

import paraat_chrome
import paraat_contact
import paraat_i18n

on_env = paraat_chrome.on_env
on_page_context = paraat_chrome.on_page_context
on_page_markdown = paraat_contact.on_page_markdown
on_post_page = paraat_chrome.on_post_page
on_post_template = paraat_chrome.on_post_template
on_template_context = paraat_chrome.on_template_context


def on_pre_page(page, config, files):
    paraat_i18n.check_front_matter(page)
    return page


@event_priority(100)  # before mkdocs-static-i18n (-100) starts the next language's build
def on_post_build(config):
    paraat_i18n.after_language_build(config)
