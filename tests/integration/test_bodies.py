"""A body over the limit is refused whole, also when it comes in chunks without a Content-Length."""
import http.client
import json
import socket
import sqlite3
import threading

from .test_api import GOOD
from .test_server import server, token  # noqa: F401 (the fixture)


def chunked(server, path, parts, kind):
    """The body sent in chunks while the answer is read, as a browser does: a server may answer a body over
    its limit, and close, before the last chunk has left (a client that only sends would see a broken pipe)."""
    with socket.create_connection(("127.0.0.1", server.port), timeout=10) as sock:
        def send():
            try:
                sock.sendall(f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: {kind}\r\n"
                             "Transfer-Encoding: chunked\r\n\r\n".encode())
                for part in parts:
                    sock.sendall(b"%x\r\n%s\r\n" % (len(part), part))
                sock.sendall(b"0\r\n\r\n")
            except OSError:
                pass  # answered and closed before the last chunk

        sender = threading.Thread(target=send)
        sender.start()
        try:
            response = http.client.HTTPResponse(sock)
            response.begin()
            return response.status, response.read(), response.getheader("Content-Type")
        finally:
            try:
                sock.shutdown(socket.SHUT_RDWR)  # a sender still waiting on the server stops
            except OSError:
                pass  # the server has closed it already
            sender.join()


def households(server):
    db = sqlite3.connect(server.database)
    try:
        return db.execute("SELECT COUNT(*) FROM households").fetchone()[0]
    finally:
        db.close()


def test_a_chunked_body_over_the_limit_is_refused_whole(server):
    body = json.dumps({**GOOD, "token": token(server), "padding": " " * (1 << 20)}).encode()
    status, answer, kind = chunked(server, "/api/households", [body[i:i + 4096] for i in range(0, len(body), 4096)],
                                   "application/json")
    assert (status, kind) == (413, "application/json")
    assert json.loads(answer)["error"]["code"] == "too_large"
    form = ("adults=2&days=3&action=save&water=" + "drinking-water&water=" * 2000).encode()  # about 40 KiB
    status, answer, kind = chunked(server, "/en/checklists/", [form[i:i + 1000] for i in range(0, len(form), 1000)],
                                   "application/x-www-form-urlencoded")
    assert status == 413 and kind.startswith("text/html") and b"too large" in answer
    assert households(server) == 0


def test_a_small_chunked_body_is_read_as_a_whole(server):
    body = json.dumps({**GOOD, "token": token(server)}).encode()
    status, answer, _ = chunked(server, "/api/households", [body[:10], body[10:]], "application/json")
    assert status == 201, answer
    assert households(server) == 1
