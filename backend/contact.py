"""Where people reach whoever runs this site: one address, the setting PARAAT_CONTACT.

The site build puts it in every language's footer and in the pages that carry
the marker (`paraat:contact`, see MARKER); the backend names it in
/.well-known/security.txt unless PARAAT_SECURITY_CONTACT gives another. The
default is a real government contact page, so a report never ends in a dead
end; an installation sets its own.
"""
import os
import re

from .settings import SettingError

DEFAULT = "https://www.rijksoverheid.nl/contact"
# Written in a page's Markdown as a link target, `[words](paraat:contact)`, and, for the
# address itself as text, on its own: the site build puts the address in its place.
MARKER = "paraat:contact"
VALID = re.compile(r"(mailto:[^\s@<>\"]+@[^\s@<>\"]+\.[^\s@<>\"]+|https://[^\s<>\"]+\.[^\s<>\"]+)")


def contact_address(environ=os.environ):
    """The contact address from the environment, or the default; a malformed one is refused at once."""
    address = environ.get("PARAAT_CONTACT", "").strip() or DEFAULT
    if not VALID.fullmatch(address):
        raise SettingError("PARAAT_CONTACT", address, "must be a mailto: or https: address")
    return address


def readable(address):
    """The address as people read it: an email address without 'mailto:'."""
    return address.removeprefix("mailto:")


def fill_in(markdown, address):
    """A page's Markdown with the marker replaced: as a link target the address, as text its readable form."""
    return markdown.replace(f"]({MARKER})", f"]({address})").replace(MARKER, readable(address))
