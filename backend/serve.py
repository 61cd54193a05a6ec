"""`make serve` and `make run`: gunicorn behind the buffering front (nginx), started and stopped together.

    python -m backend.serve [--run-dir DIR]

The public address is PARAAT_BIND (host:port, or unix:/path); gunicorn listens on a socket in the
run directory (default build/front) that only the front reaches, with PARAAT_PROXIES one higher than
set, as the front is one more proxy. A busy port stops this with one line. Either process ending
ends the other; so do Ctrl-C and SIGTERM (from a service manager).

With PARAAT_APP_SERVERS (host:port,...) this starts the front alone, shared by those app servers
(each a gunicorn with PARAAT_PROXIES one higher than the front's): the write limit and the login
slow-down are counted there, for all of them together.
"""
import argparse
import ctypes
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from . import ROOT, front, i18n, settings

NGINX = ("nginx", "/usr/sbin/nginx")


def fail(message):
    raise SystemExit(f"Paraat cannot start: {message}")


def _address(bind):
    """(host, port) of a host:port address; None for a unix socket."""
    if bind.startswith("unix:"):
        return None
    host, sep, port = bind.rpartition(":")
    if not sep or not port.isdigit():
        raise settings.SettingError("PARAAT_BIND", bind, "must be host:port or unix:/path")
    return host.strip("[]") or "0.0.0.0", int(port)


def addresses(bind):
    """(the site, the dashboard) as a person on this machine opens them."""
    address = _address(bind)
    site = f"http://{'[' + address[0] + ']' if ':' in address[0] else address[0]}:{address[1]}/" if address else bind
    return site, site + "dashboard/"


def port_taken(port, host="127.0.0.1"):
    """Whether something listens on (host, port) already: binding as the front would tells."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    try:
        socket.create_server((host, port), family=family).close()
    except OSError:
        return True
    return False


def refuse_busy(bind):
    address = _address(bind)
    if address is not None and port_taken(address[1], address[0]):
        fail(f"{bind} is in use; stop what serves there, or choose another address with PORT= or PARAAT_BIND=")


def _nginx():
    found = next((path for path in (shutil.which(name) for name in NGINX) if path), None)
    if found is None:
        fail("nginx is not installed (`make serve` installs Debian's nginx; or apt-get install nginx)")
    return found


def _die_with_parent():
    """A child that outlives this launcher (killed with -9) is stopped by the kernel."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def _start(args, env=None):
    return subprocess.Popen(args, cwd=ROOT, env=env, preexec_fn=_die_with_parent)


def _wait_for(connect, processes, seconds=120):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if any(p.poll() is not None for p in processes):
            return False
        try:
            connect().close()
            return True
        except OSError:
            time.sleep(0.05)
    return False


def _connect_unix(path):
    s = socket.socket(socket.AF_UNIX)
    try:
        s.connect(str(path))
    except OSError:
        s.close()
        raise
    return s


def _stop(nginx, gunicorn):
    if nginx and nginx.poll() is None:
        nginx.send_signal(signal.SIGQUIT)  # finish what is under way, then go
    if gunicorn and gunicorn.poll() is None:
        gunicorn.terminate()
    for process, patience in ((nginx, 15), (gunicorn, 35)):
        if process is None:
            continue
        try:
            process.wait(timeout=patience)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def write_nginx_conf(run_dir, bind, proxies, upstreams=None):
    """The front's configuration, and the refusals it answers itself in the app's words.

    The app renders those in a process of its own, with a database and key of its own (they need no
    data and sign nothing), so it can run beside gunicorn's start-up without touching what gunicorn makes.
    """
    refusals = run_dir / "refusals"
    shutil.rmtree(refusals, ignore_errors=True)
    with tempfile.TemporaryDirectory() as scratch:
        made = subprocess.run([sys.executable, "-m", "flask", "--app", "backend", "refusal-pages", str(refusals)],
                              cwd=ROOT, env={**os.environ, "PARAAT_DATABASE": f"{scratch}/unused.sqlite3",
                                                       "PARAAT_SECRET_KEY": "renders refusals only"})
    if made.returncode:
        raise SystemExit(made.returncode)
    languages = i18n.read_languages(ROOT / "mkdocs.yml")
    (run_dir / "nginx.conf").write_text(front.config(
        run_dir, bind, proxies, [lang.code for lang in languages],
        next(lang.code for lang in languages if lang.default), front.read_headers(run_dir), os.geteuid() == 0,
        upstreams, settings.whole("PARAAT_WRITE_LIMIT", 300), settings.whole("PARAAT_WRITE_WINDOW", 60, low=1)))


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m backend.serve", description=__doc__.splitlines()[0])
    parser.add_argument("--run-dir", default=str(ROOT / "build" / "front"))
    options = parser.parse_args(argv)
    settings.check_all()
    bind = settings.text("PARAAT_BIND", "127.0.0.1:8000")
    refuse_busy(bind)
    nginx_binary = _nginx()
    run_dir = front.prepare(Path(options.run_dir).resolve())
    proxies = settings.whole("PARAAT_PROXIES", 0)
    stopping = []
    for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, lambda *_: stopping.append(True))
    socket_path = run_dir / "app.sock"
    socket_path.unlink(missing_ok=True)
    gunicorn, started = None, []  # started: the front, once it is
    shared = settings.app_servers()
    try:
        if shared:
            write_nginx_conf(run_dir, bind, proxies, shared)
            return _serve(run_dir, bind, nginx_binary, [], stopping, started)
        gunicorn = _start([sys.executable, "-m", "gunicorn", "--config", str(ROOT / "gunicorn.conf.py"),
                           # nginx's limits are the ones a client meets; gunicorn's are wider behind it.
                           "--limit-request-line", "8190", "--limit-request-field_size", "8190",
                           "--limit-request-fields", "8192"],
                          {**os.environ, "PARAAT_BIND": f"unix:{socket_path}", "PARAAT_PROXIES": str(proxies + 1)})
        write_nginx_conf(run_dir, bind, proxies)  # while gunicorn starts
        if not _wait_for(lambda: _connect_unix(socket_path), [gunicorn]) or stopping:
            return 1 if not stopping else 0
        return _serve(run_dir, bind, nginx_binary, [gunicorn], stopping, started)
    finally:
        _stop(started[0] if started else None, gunicorn)


def _serve(run_dir, bind, nginx_binary, others, stopping, started):
    """Start the front and serve until told to stop, or until it or one of `others` ends."""
    nginx = _start([nginx_binary, "-p", str(run_dir), "-c", str(run_dir / "nginx.conf"), "-e", "stderr",
                    "-g", "daemon off;"])
    started.append(nginx)
    address = _address(bind)
    if address and not _wait_for(lambda: socket.create_connection(
            ("127.0.0.1" if address[0] in ("0.0.0.0", "::") else address[0], address[1]), timeout=1),
            [*others, nginx], 30):
        return 1
    site, dashboard = addresses(bind)
    print(f"Paraat is served at {site}; the officials' dashboard is at {dashboard} (Ctrl-C stops it)",
          flush=True)
    while not stopping and nginx.poll() is None and all(p.poll() is None for p in others):
        time.sleep(0.2)
    return 0 if stopping else 1


if __name__ == "__main__":
    sys.exit(main())
