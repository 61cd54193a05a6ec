"""`make run` / `make serve`: start the production server, or say in one line why not.

A busy port stops here with one line naming it (instead of gunicorn's
repeated "Connection in use" errors), and a start says where the site and the
officials' dashboard are, so nobody has to guess the address.
"""
import os
import socket
import sys
from pathlib import Path

from . import ROOT


def port_taken(port, host="127.0.0.1"):
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        # As gunicorn binds: a closed connection still waiting (TIME_WAIT) does not make the port busy.
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError:
            return True
    return False


def addresses(bind, site_url=None):
    """(the site, the dashboard) as a person opens them."""
    site = site_url or f"http://{bind}/"
    site = site if site.endswith("/") else site + "/"
    return site, site + "dashboard/"


def main(env=os.environ):
    bind = env.get("PARAAT_BIND", "127.0.0.1:8000")
    host, _, port = bind.rpartition(":")
    if not bind.startswith("unix:") and port.isdigit() and port_taken(int(port), host.strip("[]") or "0.0.0.0"):
        print(f"paraat: port {port} is in use (another server?); stop it, or choose another: "
              f"make run PORT={int(port) + 10}", file=sys.stderr)
        return 1
    site, dashboard = addresses(bind, env.get("PARAAT_SITE_URL"))
    print(f"paraat: the site is at {site} and the officials' dashboard at {dashboard} (Ctrl+C stops)",
          flush=True)
    gunicorn = str(Path(sys.executable).parent / "gunicorn")
    os.chdir(ROOT)
    os.execv(gunicorn, [gunicorn, "--config", "gunicorn.conf.py"])


if __name__ == "__main__":
    sys.exit(main())
