"""A small HTTP/1.1 load client: keep-alive connections on one event loop, each timing its requests."""
import asyncio
import json
import socket
import time


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def percentile(values, p):
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * p / 100))]


class Client:
    """One connection, one request at a time, like one person's browser tab."""

    def __init__(self, port):
        self.port = port
        self.reader = self.writer = None
        self.latencies, self.writes, self.errors = [], 0, 0

    async def _open(self):
        self.reader, self.writer = await asyncio.open_connection("127.0.0.1", self.port)

    async def _exchange(self, method, path, body):
        if self.writer is None:
            await self._open()
        data = b"" if body is None else json.dumps(body).encode()
        head = f"{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: application/json\r\n"
        if body is not None:
            head += f"Content-Type: application/json\r\nContent-Length: {len(data)}\r\n"
        self.writer.write(head.encode() + b"\r\n" + data)
        status = int((await self.reader.readline()).split()[1])
        headers = {}
        while True:
            line = await self.reader.readline()
            if line in (b"\r\n", b""):
                break
            name, _, value = line.partition(b":")
            headers[name.strip().lower()] = value.strip()
        answer = await self.reader.readexactly(int(headers.get(b"content-length", b"0")))
        if headers.get(b"connection", b"").lower() == b"close":
            self.close()
        return status, answer

    async def send(self, method, path, body=None, expect=200, write=False):
        start = time.perf_counter()
        try:
            status, answer = await self._exchange(method, path, body)
        except (OSError, ValueError, IndexError, asyncio.IncompleteReadError):
            self.close()
            status, answer = 0, b""
        self.latencies.append((time.perf_counter() - start) * 1000)
        if status != expect:
            self.errors += 1
        elif write:
            self.writes += 1
        return status, answer

    async def get(self, path, expect=200):
        return await self.send("GET", path, None, expect)

    async def loop_get(self, path, until):
        while time.monotonic() < until:
            await self.get(path)

    def close(self):
        if self.writer is not None:
            self.writer.close()
        self.reader = self.writer = None
