"""How often one client may write, counted in memory that every server process shares.

The counts live in an anonymous shared memory map made when the app is made;
gunicorn loads the app before it forks its workers (gunicorn.conf.py), so all
workers count in the same map. Nothing is written to disk or logged. A client
is never stored as such: its address is hashed with a key that exists only in
this memory and picks two of many counters; the smaller of the two is the
client's count (collisions can only make a count too high, never too low).
"""
import hashlib
import mmap
import multiprocessing
import secrets
import struct
import time

SLOTS = 1 << 16
_SLOT = struct.Struct("=II")  # window number, count


class Limiter:
    def __init__(self, limit, window=60, clock=time.time):
        self.limit, self.window, self.clock = limit, window, clock
        self._key = secrets.token_bytes(16)
        self._memory = mmap.mmap(-1, SLOTS * _SLOT.size)
        self._lock = multiprocessing.Lock()

    def _slots(self, client):
        digest = hashlib.blake2b(client.encode(), key=self._key, digest_size=8).digest()
        a, b = struct.unpack("=II", digest)
        return a % SLOTS, b % SLOTS

    def allow(self, client):
        """Count one write for this client; False once it is over the limit for this window."""
        if not self.limit:
            return True
        now = int(self.clock() // self.window) & 0xFFFFFFFF
        counts = []
        with self._lock:
            for slot in set(self._slots(client)):
                offset = slot * _SLOT.size
                window, count = _SLOT.unpack_from(self._memory, offset)
                count = count + 1 if window == now else 1
                _SLOT.pack_into(self._memory, offset, now, min(count, 0xFFFFFFFF))
                counts.append(count)
        return min(counts) <= self.limit

    def retry_after(self):
        """Seconds until the current window ends."""
        return max(1, int(self.window - self.clock() % self.window))


class SharedTable:
    """key (any repr-able value) -> (count, last time), in shared memory like the limiter's; keys hashed with a secret.

    One slot per key: a different key that lands on the same slot takes it over
    (with 65,536 slots and a secret hash, rare and not steerable from outside).
    """

    _ENTRY = struct.Struct("=QId")  # key's hash, count, last time

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
