"""How often one client may write, counted in memory that every server process shares.

The counts live in an anonymous shared memory map made when the app is made;
gunicorn loads the app before it forks its workers (gunicorn.conf.py), so all
workers count in the same map. Nothing is written to disk or logged. A client
is never stored as such: its address is hashed with a key that exists only in
this memory. The officials' login slow-down keeps its counts the same way.
"""
import hashlib
import ipaddress
import math
import mmap
import multiprocessing
import secrets
import struct
import time

SLOTS = 1 << 16


def client(address):
    """Who counts as one client: an IPv4 address, or an IPv6 /64 (one home or phone is given a whole /64,
    so counting single IPv6 addresses would let one client count as billions)."""
    try:
        ip = ipaddress.ip_address(address or "")
    except ValueError:
        return address or ""
    if ip.version == 4:
        return str(ip)
    if ip.ipv4_mapped:  # ::ffff:192.0.2.1 is the IPv4 client 192.0.2.1
        return str(ip.ipv4_mapped)
    return str(ipaddress.ip_network(f"{ip}/64", strict=False))


class Limiter:
    """At most about `limit` writes per client in any `window` of seconds (a limit of 0 lets everything through).

    A sliding window: the previous window's count weighs in by how much of it still
    overlaps the last `window` seconds, so a client cannot make twice the limit by
    writing at the end of one window and the start of the next.
    """

    def __init__(self, limit, window=60, clock=time.time):
        self.limit, self.window, self.clock = limit, window, clock
        self.counts = SharedTable()

    def _count(self, client, window):
        count, stored = self.counts.get((client, window))
        return count if stored == window else 0

    def allow(self, client):
        """Count one write for this client, or False (and count nothing) when it would pass the limit."""
        if not self.limit:
            return True
        window, into = divmod(self.clock(), self.window)
        with self.counts.lock:
            current = self._count(client, window) + 1
            if self._count(client, window - 1) * (1 - into / self.window) + current > self.limit:
                return False
            self.counts.put((client, window), current, window)
        return True

    def retry_after(self, client):
        """Whole seconds until this client's next write fits under the limit again."""
        window, into = divmod(self.clock(), self.window)
        with self.counts.lock:
            earlier, current = self._count(client, window - 1), self._count(client, window)
        room = self.limit - current - 1
        if earlier and room >= 0 and room < earlier:  # in this window, once enough of the earlier one has slid out
            return max(1, math.ceil((1 - room / earlier) * self.window - into))
        # In the next window, where this window's writes weigh in as the earlier ones.
        slide = 1 - (self.limit - 1) / current if current > self.limit - 1 else 0
        return max(1, math.ceil(self.window - into + slide * self.window))


class SharedTable:
    """key (any repr-able value) -> (count, a number), in shared memory; keys are hashed with a secret.

    One slot per key: a different key that lands on the same slot takes it over
    (with 65,536 slots and a secret hash, rare and not steerable from outside).
    """

    _ENTRY = struct.Struct("=QId")  # key's hash, count, the caller's number (a time, a window)

    def __init__(self):
        self._key = secrets.token_bytes(16)
        self._memory = mmap.mmap(-1, SLOTS * self._ENTRY.size)
        self.lock = multiprocessing.Lock()  # callers hold it around a read and its write

    def _where(self, key):
        tag = int.from_bytes(hashlib.blake2b(repr(key).encode(), key=self._key, digest_size=8).digest(), "little")
        return tag, (tag % SLOTS) * self._ENTRY.size

    def get(self, key):
        tag, offset = self._where(key)
        stored, count, last = self._ENTRY.unpack_from(self._memory, offset)
        return (count, last) if stored == tag and count else (0, 0.0)

    def put(self, key, count, last):
        tag, offset = self._where(key)
        self._ENTRY.pack_into(self._memory, offset, tag if count else 0, min(count, 0xFFFFFFFF), last)
