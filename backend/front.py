"""The buffering front (Debian's nginx) before gunicorn: its configuration, made from the settings.

nginx reads each request whole before the app sees it and writes each answer out for the
app, so a slow sender or reader holds a cheap connection of nginx's, never one of the app's
threads. backend/serve.py writes this configuration into its run directory and starts both.
"""
import json
import os
from pathlib import Path

# nginx's own refusals, answered with the app's words (backend/refusals.py). nginx calls a header
# too large 494 and would send 400; it is sent as 431, as the app would. gunicorn not answering
# (502, 504) is the app's 503: nothing was changed, try again later.
REFUSED = {400: 400, 413: 413, 414: 414, 494: 431, 502: 503, 504: 503}
TEMP_PATHS = ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
# Answers worth compressing for a phone on a slow line (text/html always is). The app compresses
# the site's files itself; nginx leaves an answer that already is alone.
GZIP_TYPES = ("text/css", "text/javascript", "application/javascript", "application/json",
              "application/manifest+json", "application/xml", "image/svg+xml", "text/plain", "text/csv",
              "text/calendar")


def _quoted(value):
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _language_maps(languages, default):
    """Which prepared refusal fits a request: JSON under /api/ (language from ?lang= or the browser),
    the page in the path's language elsewhere. A request nginx could not read has no path: Dutch page."""
    others = [code for code in languages if code != default]
    lines = ["map $request_uri $paraat_refusal {", f"    default page-{default};",
             "    ~^/api(?:[/?]|$) api-$paraat_api_language;"]
    lines += [f"    ~^/{code}(?:[/?]|$) page-{code};" for code in others]
    lines += ["}", "map $arg_lang $paraat_api_language {", "    default $paraat_browser_language;"]
    lines += [f"    {code} {code};" for code in languages]
    lines += ["}", "map $http_accept_language $paraat_browser_language {", f"    default {default};"]
    # The browser's first language only: longer codes first, so "pap" is not read as "pl" or "pa".
    lines += [f'    "~*^{code}(?:[-,;\\s]|$)" {code};' for code in sorted(languages, key=len, reverse=True)]
    return lines + ["}"]


def _refusal_locations(run_dir, headers):
    lines = []
    for kind, sent in sorted(headers.items()):
        lines += [f"    location ^~ /_paraat/refusals/{kind}- {{", "        internal;",
                  f"        alias {run_dir}/refusals/{kind}-;", f"        default_type {_quoted(sent['Content-Type'])};",
                  "        error_page 404 = @app;"]
        lines += [f"        add_header {name} {_quoted(value)} always;" for name, value in sorted(sent.items())
                  if name != "Content-Type"]
        lines.append("    }")
    return lines


def config(run_dir, listen, proxies, languages, default, headers, as_root):
    """nginx.conf for a front listening on `listen` (host:port or unix:path) before gunicorn's socket.

    `proxies` is PARAAT_PROXIES: the proxies before this front. With none, the front names the client
    itself (X-Forwarded-For is overwritten, whatever the client sent); with some, it adds its own hop.
    """
    run_dir = Path(run_dir)
    if proxies:
        forwarded_for, forwarded_proto = "$proxy_add_x_forwarded_for", "$paraat_forwarded_proto"
    else:
        forwarded_for, forwarded_proto = "$remote_addr", "$scheme"
    lines = [
        "# Made by backend/serve.py from the settings at each start: edit backend/front.py instead.",
        # Run as root (as in CI), the workers stay root: the run directory may be one only root can enter.
        *(["user root;"] if as_root else []),
        "worker_processes 1;  # one event loop holds thousands of waiting connections",
        "worker_rlimit_nofile 8192;",
        f"pid {run_dir}/nginx.pid;",
        # Only what stops the front from starting: nginx's other lines name the client's address.
        "error_log stderr emerg;",
        "events { worker_connections 4096; }",
        "http {",
        "    access_log off;  # no request log: it would hold citizens' addresses",
        "    server_tokens off;",
        *[f"    {name}_temp_path {run_dir}/temp/{name};" for name in TEMP_PATHS],
        "    types { }",
        "    default_type application/octet-stream;",
        # Slow senders and readers are given up on; none of them ever holds one of the app's threads.
        "    client_header_timeout 10s;",
        "    client_body_timeout 10s;",
        "    send_timeout 10s;",
        "    keepalive_timeout 15s;",
        "    reset_timedout_connection on;",
        # A checklist answer is a few hundred bytes: 16 KiB, as the app's own limit, kept in memory.
        "    client_max_body_size 16k;",
        "    client_body_buffer_size 16k;",
        "    large_client_header_buffers 4 8k;",
        "    proxy_request_buffering on;",
        "    proxy_buffering on;",
        "    proxy_buffer_size 16k;  # a page's Content-Security-Policy names many hashes",
        "    proxy_buffers 32 8k;",
        "    proxy_busy_buffers_size 16k;",
        "    proxy_http_version 1.1;",
        "    proxy_connect_timeout 5s;",
        "    proxy_read_timeout 60s;",
        "    proxy_intercept_errors off;  # the app's own refusals pass as they are",
        "    gzip on;",
        "    gzip_proxied any;",
        "    gzip_vary on;",
        "    gzip_min_length 512;",
        "    gzip_comp_level 5;",
        f"    gzip_types {' '.join(GZIP_TYPES)};",
        "    map $http_x_forwarded_proto $paraat_forwarded_proto {",
        "        \"\" $scheme;",
        "        default \"$http_x_forwarded_proto, $scheme\";",
        "    }",
        *[f"    {line}" for line in _language_maps(languages, default)],
        "    upstream paraat {",
        f"        server unix:{run_dir}/app.sock;",
        "    }",
        "    server {",
        f"        listen {listen} default_server;",
        "        server_name _;",
        "        proxy_set_header Host $http_host;",
        f"        proxy_set_header X-Forwarded-For {forwarded_for};",
        f"        proxy_set_header X-Forwarded-Proto {forwarded_proto};",
        "        proxy_set_header Connection \"\";",
        *[f"        error_page {code} ={sent} /_paraat/refusals/$paraat_refusal-{sent};"
          for code, sent in REFUSED.items()],
        "        location / {",
        "            proxy_pass http://paraat;",
        "        }",
        # The officials' pages hold a form token beside what the request names: never compressed (BREACH).
        "        location ~ \"^/(?:[a-z]{2,3}/)?dashboard(?:/|$)\" {",
        "            gzip off;",
        "            proxy_pass http://paraat;",
        "        }",
        "        location @app {",
        "            proxy_pass http://paraat;",
        "        }",
        *[f"    {line}" for line in _refusal_locations(run_dir, headers)],
        "    }",
        "}",
    ]
    return "\n".join(lines) + "\n"


def prepare(run_dir):
    """The run directory: the front's temporary files and the app's socket, for this user only."""
    run_dir = Path(run_dir)
    for name in TEMP_PATHS:
        (run_dir / "temp" / name).mkdir(parents=True, exist_ok=True)
    os.chmod(run_dir, 0o700)
    return run_dir


def read_headers(run_dir):
    return json.loads((Path(run_dir) / "refusals" / "headers.json").read_text())
