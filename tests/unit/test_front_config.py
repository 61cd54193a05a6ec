"""The front's configuration (backend/front.py), read as text: what it promises, line by line."""
import re

from backend import front

HEADERS = {"api-nl": {"Content-Type": "application/json", "Content-Security-Policy": "default-src 'none'"},
           "page-en": {"Content-Type": "text/html; charset=utf-8", "Content-Security-Policy": "default-src 'self'"}}


def config(proxies=0, as_root=False):
    return front.config("/srv/run", "127.0.0.1:8000", proxies, ["nl", "en", "pap", "pl"], "nl", HEADERS, as_root)


def test_the_front_names_the_client_itself_and_ignores_what_the_client_claims():
    text = config()
    assert "proxy_set_header X-Forwarded-For $remote_addr;" in text
    assert "proxy_set_header X-Forwarded-Proto $scheme;" in text
    assert "$proxy_add_x_forwarded_for" not in text


def test_behind_proxies_of_the_operators_the_front_adds_its_hop_to_theirs():
    text = config(proxies=2)
    assert "proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;" in text
    assert "proxy_set_header X-Forwarded-Proto $paraat_forwarded_proto;" in text


def test_everything_the_front_writes_stays_in_its_run_directory_and_nothing_names_a_client():
    text = config()
    assert "pid /srv/run/nginx.pid;" in text
    for name in front.TEMP_PATHS:
        assert f"{name}_temp_path /srv/run/temp/{name};" in text
    assert re.findall(r"\b(access_log|error_log) ([^;]*);", text) == [("error_log", "stderr emerg"),
                                                                      ("access_log", "off")]
    assert "user root;" not in text and "user root;" in config(as_root=True)


def test_requests_are_read_whole_and_answers_written_out_by_the_front():
    text = config()
    for line in ("client_max_body_size 16k;", "proxy_request_buffering on;", "proxy_buffering on;",
                 "client_body_timeout 10s;", "send_timeout 10s;", "proxy_intercept_errors off;"):
        assert line in text


def test_the_browsers_first_language_is_read_with_the_longest_codes_first():
    text = config()
    assert text.index('"~*^pap(') < text.index('"~*^pl(')
    assert "~^/api(?:[/?]|$) api-$paraat_api_language;" in text
    assert "error_page 494 =431 /_paraat/refusals/$paraat_refusal-431;" in text


def _nginx_map(text, variable):
    """A map block of the configuration as (pattern or None for the default, value) pairs, in order."""
    block = re.search(r"map \S+ \$" + variable + r" \{\n(.*?)\n    \}", text, re.S).group(1)
    pairs = []
    for line in block.splitlines():
        key, value = re.match(r'\s*("[^"]*"|\S+) ("[^"]*"|\S+);', line).groups()
        pairs.append((None if key == "default" else key.strip('"'), value.strip('"')))
    return pairs


def _front_key(pairs, address):
    """What nginx makes of an address with this map: the first regex that matches, else the default."""
    for pattern, value in pairs:
        if pattern is None:
            continue
        found = re.search(pattern.lstrip("~*"), address, re.I)
        if found:
            return re.sub(r"\$(\d)", lambda m: found.group(int(m.group(1))), value)
    return address


def test_the_front_counts_one_client_as_the_app_does_an_ipv6_client_by_its_64():
    from backend import limits

    pairs = _nginx_map(config(), "paraat_client")
    for address in ("192.0.2.7", "::ffff:192.0.2.7", "2001:db8::1", "2001:db8::5:6:7:8", "2001:db8:1:2:3:4:5:6",
                    "2001:db8:1::", "2001:db8:1:2::9", "::1", "::", "fe80::1:2", "2001:db8:0:0:1::", "1::2:3:4"):
        expected = limits.client(address)
        got = _front_key(pairs, address)
        if ":" in expected:  # the same /64, written with its zeros
            assert got.endswith("::/64") and limits.client(got.removesuffix("/64")) == expected, address
        else:
            assert got == expected, address
    # Two addresses of one /64 are one client; of two /64s, two.
    assert _front_key(pairs, "2001:db8:a:b::1") == _front_key(pairs, "2001:db8:a:b:ffff::2")
    assert _front_key(pairs, "2001:db8:a:b::1") != _front_key(pairs, "2001:db8:a:c::1")


def test_behind_the_operators_proxies_the_front_counts_the_client_the_nearest_one_names():
    for proxies, forwarded, client in ((1, "10.0.0.9, 203.0.113.7", "203.0.113.7"),
                                       (2, "10.0.0.9, 203.0.113.7, 198.51.100.1", "203.0.113.7"),
                                       (2, "203.0.113.7,198.51.100.1", "203.0.113.7")):
        assert _front_key(_nginx_map(config(proxies), "paraat_address"), forwarded) == client


def test_writes_and_logins_are_limited_at_the_front_for_every_app_server_behind_it():
    text = front.config("/srv/run", "127.0.0.1:8000", 0, ["nl", "en"], "nl", {**HEADERS, "login-en": {
        "Content-Type": "text/html; charset=utf-8"}}, False, ["10.0.0.2:8000", "10.0.0.3:8000"], 300, 60)
    assert "server 10.0.0.2:8000;" in text and "server 10.0.0.3:8000;" in text and "app.sock" not in text
    assert "limit_req_zone $paraat_writer zone=paraat_writes:10m rate=300r/m;" in text
    assert "limit_req zone=paraat_writes burst=299 nodelay;" in text  # 300 at once, then 5 a second
    assert [value for key, value in _nginx_map(text, "paraat_writer")] == ["", *["$paraat_client"] * 4]
    assert dict(_nginx_map(text, "paraat_login")) == {None: "", "POST": "$paraat_client"}
    # The slow-down's own page, in the dashboard's languages; the app's words for a write refused.
    assert dict(_nginx_map(text, "paraat_login_refusal")) == {None: "login-nl", "~^/en/": "login-en"}
    assert "error_page 429 =429 /_paraat/refusals/$paraat_login_refusal-429;" in text
    assert "error_page 429 =429 /_paraat/refusals/$paraat_refusal-429;" in text
    # Whatever a client is, nginx keeps it in memory only and writes no line naming it.
    assert "limit_req_log_level notice;" in text and "error_log stderr emerg;" in text
    # No write limit: no zone for it.
    assert "paraat_writes" not in config()
