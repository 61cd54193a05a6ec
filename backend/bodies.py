"""A request body is read whole or refused whole: a chunked body (no Content-Length) over the limit is a 413.

Werkzeug cuts a chunked body at MAX_CONTENT_LENGTH instead of refusing it, so a
cut-off body could still be parsed and stored. Here such a body is read up front,
one byte past the limit at most, and handed on with its length once it fits.
"""
import io

from flask import abort, current_app, request


def _read_chunked_body():
    environ = request.environ
    if request.content_length is not None or "chunked" not in environ.get("HTTP_TRANSFER_ENCODING", "").lower():
        return
    limit = current_app.config["MAX_CONTENT_LENGTH"]
    stream, body = environ["wsgi.input"], b""
    while len(body) <= limit:
        part = stream.read(limit + 1 - len(body))
        if not part:
            break
        body += part
    if len(body) > limit:
        abort(413)
    environ["wsgi.input"] = io.BytesIO(body)
    environ["CONTENT_LENGTH"] = str(len(body))
    environ.pop("HTTP_TRANSFER_ENCODING", None)
    request.__dict__.pop("content_length", None)  # read again from the environ


def init_app(app):
    app.before_request(_read_chunked_body)
