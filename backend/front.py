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
REFUSED = {400: 400, 413: 413, 414: 414, 429: 429, 494: 431, 502: 503, 504: 503}
TEMP_PATHS = ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
# Answers worth compressing for a phone on a slow line (text/html always is). The app compresses
# the site's files itself; nginx leaves an answer that already is alone.
GZIP_TYPES = ("text/css", "text/javascript", "application/javascript", "application/json",
              "application/manifest+json", "application/xml", "image/svg+xml", "text/plain", "text/csv",
              "text/calendar")


# The officials' login slow-down at the front: a client's login tries, on every app server behind it
# together. LOGIN_BURST + 1 tries at once, then one more every 60 / LOGIN_PER_MINUTE seconds.
LOGIN_PER_MINUTE, LOGIN_BURST = 6, 5
LOGIN_PATH = "^/(?:[a-z]{2,3}/)?dashboard/login$"
WRITES = ("POST", "PUT", "PATCH", "DELETE")
HEX = "([0-9a-f]{1,4})"


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


def _ipv6_prefixes():
    """(regex, key) pairs that name an IPv6 client by its /64, as limits.client() does (one home or phone
    is given a whole /64), for each way nginx may write the address (`::` standing for one or more zeros)."""
    pairs = [("^::ffff:([0-9.]+)$", "$1"),  # an IPv4 client on an IPv6 socket
             (f"^{HEX}:{HEX}:{HEX}:{HEX}:", "$1:$2:$3:$4::/64")]  # four groups before any `::`
    for before in range(4):
        for after in range(8 - before):
            groups = []
            for i in range(4):
                if i < before:
                    groups.append(f"${i + 1}")
                elif i < 8 - after:
                    groups.append("0")
                else:
                    groups.append(f"${before + i - (8 - after) + 1}")
            pattern = "^" + ":".join([HEX] * before) + "::" + ":".join([HEX] * after) + "$"
            pairs.append((pattern, ":".join(groups) + "::/64"))
    return pairs


def _client_maps(proxies):
    """Who counts as one client at the front: the address it sees, or with `proxies` of the operator's before
    it, the one the nearest of them names (the last `proxies` entries of X-Forwarded-For are theirs); an IPv6
    address by its /64. Memory only: nginx forgets a client once its limits no longer hold it back."""
    if proxies:
        hops = "\\s*,\\s*[^,\\s]+" * (proxies - 1)
        lines = ["map $http_x_forwarded_for $paraat_address {", "    default $remote_addr;",
                 f'    "~(?:^|,)\\s*([^,\\s]+){hops}\\s*$" $1;', "}"]
    else:
        lines = ["map $remote_addr $paraat_address {", "    default $remote_addr;", "}"]
    lines += ["map $paraat_address $paraat_client {", "    default $paraat_address;"]
    lines += [f'    "~*{pattern}" "{key}";' for pattern, key in _ipv6_prefixes()]
    lines += ["}", "map $request_method $paraat_writer {", '    default "";']  # an empty key is not counted
    lines += [f"    {method} $paraat_client;" for method in WRITES]
    lines += ["}", "map $request_method $paraat_login {", '    default "";', "    POST $paraat_client;", "}"]
    return lines


def write_rate(limit, window):
    """nginx's (writes a minute, burst) for the app's limit of `limit` writes per `window` seconds: a client may
    make `limit` writes at once, and then more as the window lets them (nginx counts whole writes a minute)."""
    return max(1, round(limit * 60 / window)), limit - 1


def _burst(write_limit, write_window):
    burst = write_rate(write_limit, write_window)[1]
    return f" burst={burst}" if burst else ""  # nginx takes no burst of 0: leaving it out means one at a time


def _limits(write_limit, write_window):
    per_minute, _ = write_rate(write_limit, write_window)
    lines = [f"limit_req_zone $paraat_writer zone=paraat_writes:10m rate={per_minute}r/m;"] if write_limit else []
    lines += [f"limit_req_zone $paraat_login zone=paraat_logins:10m rate={LOGIN_PER_MINUTE}r/m;",
              "limit_req_status 429;",
              "limit_req_log_level notice;  # below error_log's level: no line names a client",
              "map $status $paraat_retry_after {", '    default "";',
              f"    429 {-(-60 // per_minute)};  # when the next write fits again", "}"]
    return lines


def _error_pages(login=False):
    """Where each of the front's refusals comes from; at the login, its slow-down has a page of its own."""
    return [f"error_page {code} ={sent} /_paraat/refusals/"
            f"{'$paraat_login_refusal' if login and code == 429 else '$paraat_refusal'}-{sent};"
            for code, sent in REFUSED.items()]


def _login_refusals(headers, default):
    """Which prepared login refusal fits: the path's language where the dashboard speaks it, else Dutch."""
    codes = sorted(kind.removeprefix("login-") for kind in headers if kind.startswith("login-"))
    lines = ["map $request_uri $paraat_login_refusal {", f"    default login-{default};"]
    lines += [f"    ~^/{code}/ login-{code};" for code in codes if code != default]
    return lines + ["}"]


def _refusal_locations(run_dir, headers):
    lines = []
    for kind, sent in sorted(headers.items()):
        lines += [f"    location ^~ /_paraat/refusals/{kind}- {{", "        internal;",
                  f"        alias {run_dir}/refusals/{kind}-;", f"        default_type {_quoted(sent['Content-Type'])};",
                  "        error_page 404 = @app;"]
        lines += [f"        add_header {name} {_quoted(value)} always;" for name, value in sorted(sent.items())
                  if name != "Content-Type"]
        retry = str(60 // LOGIN_PER_MINUTE) if kind.startswith("login-") else "$paraat_retry_after"
        lines.append(f"        add_header Retry-After {retry} always;")
        lines.append("    }")
    return lines


def config(run_dir, listen, proxies, languages, default, headers, as_root, upstreams=None, write_limit=0,
           write_window=60):
    """nginx.conf for a front listening on `listen` (host:port or unix:path) before gunicorn's socket, or before
    `upstreams` (the app servers' host:port addresses, PARAAT_APP_SERVERS).

    `proxies` is PARAAT_PROXIES: the proxies before this front. With none, the front names the client
    itself (X-Forwarded-For is overwritten, whatever the client sent); with some, it adds its own hop.
    The write limit (PARAAT_WRITE_LIMIT per PARAAT_WRITE_WINDOW seconds) and the officials' login
    slow-down are counted here, for every app server behind it together.
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
        *[f"    {line}" for line in _client_maps(proxies)],
        *[f"    {line}" for line in _limits(write_limit, write_window)],
        *[f"    {line}" for line in _login_refusals(headers, default)],
        "    upstream paraat {",
        *[f"        server {server};" for server in (upstreams or [f"unix:{run_dir}/app.sock"])],
        "    }",
        "    server {",
        f"        listen {listen} default_server;",
        "        server_name _;",
        "        proxy_set_header Host $http_host;",
        f"        proxy_set_header X-Forwarded-For {forwarded_for};",
        f"        proxy_set_header X-Forwarded-Proto {forwarded_proto};",
        "        proxy_set_header Connection \"\";",
        *[f"        {line}" for line in _error_pages()],
        "        location / {",
        # A citizen's write (save, change, forget) past the client's limit is refused here, in the app's words.
        *([f"            limit_req zone=paraat_writes{_burst(write_limit, write_window)} nodelay;"]
          if write_limit else []),
        "            proxy_pass http://paraat;",
        "        }",
        f'        location ~ "{LOGIN_PATH}" {{',
        "            gzip off;",
        f"            limit_req zone=paraat_logins burst={LOGIN_BURST} nodelay;",
        *[f"            {line}" for line in _error_pages(login=True)],
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
