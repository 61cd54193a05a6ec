"""The production server's settings: `make serve` and `make run` start gunicorn with this file (backend/serve.py).

Environment: PARAAT_BIND (default 127.0.0.1:8000; behind make serve's front, a socket only the front
reaches), PARAAT_WORKERS (default 2, about one per core), PARAAT_THREADS (default 8 per worker).
See README, "Running in production".
"""
from gunicorn.glogging import Logger

from backend import settings

settings.check_all()  # a bad setting stops start-up here, with one line naming it
wsgi_app = "backend:serving_app()"  # on PostgreSQL: the same secret key as the other app servers
bind = [settings.text("PARAAT_BIND", "127.0.0.1:8000")]
workers = settings.whole("PARAAT_WORKERS", 2, low=1)
# Threads, not one request per process: a client that sends its request slowly holds one thread
# while the others keep answering, and the writes of concurrent requests share one commit.
worker_class = "gthread"
threads = settings.whole("PARAAT_THREADS", 8, low=1)
# Forwarded headers are trusted exactly as far as PARAAT_PROXIES says, by the app (ProxyFix): gunicorn
# itself trusts none, not even from 127.0.0.1, so X-Forwarded-Proto alone never makes a request "secure".
forwarded_allow_ips = ""
secure_scheme_headers = {}
# The app is made once and then forked, so every worker counts writes in the same shared memory.
preload_app = True
# No access log: it would hold citizens' addresses. Errors still go to standard error.
accesslog = None
errorlog = "-"
# Two servers on one machine (a preview beside a test run) must not share one control socket.
control_socket_disable = True
keepalive = 5
timeout = 30


class _NoAddresses(Logger):
    """gunicorn's own log, minus the one line that names a client's address (a malformed request)."""

    def warning(self, msg, *args, **kwargs):
        if isinstance(msg, str) and msg.startswith("Invalid request from ip="):
            msg, args = "Invalid request refused", ()
        super().warning(msg, *args, **kwargs)


logger_class = _NoAddresses
