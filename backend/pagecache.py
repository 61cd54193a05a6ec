"""Pages that are the same for every visitor, kept in memory for a short while.

On launch night most visitors open the same few pages with nothing of their
own in them yet: the bare overview and checklist pages of each language. Each
takes a few milliseconds to render, so a server process keeps each one for
PAGE_KEEP_SECONDS and answers copies. Only pages without a query are kept, so
nothing a person entered or saved is ever in one; the form token they carry is
good for two days (guard.py), far longer than a page is kept.
"""
import time

from flask import Response, current_app, request


class Kept:
    def __init__(self, seconds):
        self.seconds = seconds
        self._pages = {}  # path: (until, body, status, headers); a few dozen paths at most

    def answer(self, make):
        """The kept copy of this request's page, or make() it (and keep it when it may be kept)."""
        keep = self.seconds > 0 and request.method in ("GET", "HEAD") and not request.query_string
        if not keep:
            return make()
        now = time.monotonic()
        found = self._pages.get(request.path)
        if found is not None and found[0] > now:
            return Response(found[1], found[2], found[3])
        response = make()
        if response.status_code == 200 and not response.is_streamed:
            self._pages[request.path] = (now + self.seconds, response.get_data(), response.status_code,
                                         list(response.headers.items()))
        return response


def kept(make):
    return current_app.extensions["paraat.pages"].answer(make)


def init_app(app):
    app.extensions["paraat.pages"] = Kept(app.config["PAGE_KEEP_SECONDS"])
