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
