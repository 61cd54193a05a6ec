"""The contact address (PARAAT_CONTACT, backend/contact.py) in the built pages.

Read from the environment at build time: the footer's contact link, and the
marker `paraat:contact` in a page's Markdown (as a link target the address, as
text the address to read), so the accessibility statement names it too.
"""
from backend import contact


def address():
    return contact.contact_address()


def url(target):
    """A footer link's target: the marker stands for the contact address."""
    return address() if target == contact.MARKER else target


def on_page_markdown(markdown, page, config, files):
    return contact.fill_in(markdown, address()) if contact.MARKER in markdown else markdown
