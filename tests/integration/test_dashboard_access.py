"""Officials' accounts, login and logout, and that every dashboard address refuses without a login."""
import re

import pytest

from backend import create_app
from backend.officials import Throttle
from backend.views.exports import NAMES
from tests.conftest import CHEAP_HASH

PASSWORD = "a long enough password"
PAGES = ["/dashboard/", "/dashboard/?period=all&breakdown=lang", "/dashboard/?breakdown=region&group=utrecht",
         *[f"/dashboard/export/{name}" for name in NAMES]]


def every_url():
    """Every dashboard address behind the login, in Dutch (the source) and English."""
    return [prefix + url for prefix in ("", "/en") for url in PAGES]


def add_official(app, email="official@example.org", password=PASSWORD):
    result = app.test_cli_runner().invoke(args=["officials", "add", email], input=password + "\n")
    assert result.exit_code == 0, result.output
    return result


def token(html):
    return re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html).group(1)


def log_in(client, email="official@example.org", password=PASSWORD, prefix=""):
    page = client.get(f"{prefix}/dashboard/login")
    return client.post(f"{prefix}/dashboard/login",
                       data={"email": email, "password": password, "csrf_token": token(page.text)})


@pytest.fixture
def official(app):
    add_official(app)
    return app


@pytest.mark.parametrize("url", every_url())
def test_every_dashboard_page_sends_to_the_login_without_one(module_app, url):
    response = module_app.test_client().get(url)  # nobody logged in on the module's one app
    assert response.status_code == 302
    assert response.headers["Location"] == ("/en" if url.startswith("/en/") else "") + "/dashboard/login"
    assert "Set-Cookie" not in response.headers


def test_the_dashboards_json_answers_401_without_a_login(client):
    for url in ("/api/stats/dashboard", "/api/stats/dashboard?breakdown=lang&lang=en"):
        response = client.get(url)
        assert response.status_code == 401
        assert response.json["error"]["code"] == "login_required" and response.json["error"]["message"]


def test_logged_in_every_dashboard_address_answers(official, client):
    assert log_in(client).status_code == 302
    for url in every_url():
        response = client.get(url)
        assert response.status_code == 200, url
        assert response.headers["Cache-Control"] == "no-store"
    assert client.get("/api/stats/dashboard").status_code == 200


def test_the_dashboard_speaks_dutch_and_english_only(official, client):
    log_in(client)
    assert 'lang="nl"' in client.get("/dashboard/").text
    assert "Cijfers voor overheden" in client.get("/dashboard/").text
    assert "Figures for officials" in client.get("/en/dashboard/").text
    assert client.get("/fy/dashboard/").status_code == 404
    assert client.get("/nl/dashboard/").status_code == 301  # the source language lives at /, as every page


def test_one_message_for_a_wrong_email_or_password(official, client):
    wrong_password = log_in(client, password="not the password at all")
    wrong_email = log_in(client, email="nobody@example.org")
    assert wrong_password.status_code == wrong_email.status_code == 401
    assert "Het e-mailadres of het wachtwoord klopt niet." in wrong_password.text
    message = re.compile(r'<p class="error" role="alert">(.*?)</p>')
    assert message.search(wrong_password.text).group(1) == message.search(wrong_email.text).group(1)
    assert client.get("/dashboard/").status_code == 302


def test_a_login_without_its_form_token_is_refused(official, client):
    response = client.post("/dashboard/login", data={"email": "official@example.org", "password": PASSWORD})
    assert response.status_code == 400
    assert client.get("/dashboard/").status_code == 302


def test_the_session_cookie_is_httponly_samesite_and_secure_behind_https(tmp_path):
    for site_url, secure in (("http://127.0.0.1:8000/", False), ("https://paraat.example.nl/", True)):
        app = create_app({"TESTING": True, "DATABASE": str(tmp_path / "c.sqlite3"), "SITE_URL": site_url,
                          "PASSWORD_HASH": CHEAP_HASH})
        add_official(app)
        client = app.test_client()
        cookie = log_in(client).headers["Set-Cookie"]
        assert cookie.startswith("paraat_official=")
        assert "HttpOnly" in cookie and "SameSite=Strict" in cookie
        assert ("Secure" in cookie) is secure


def test_citizens_pages_set_no_cookie(official, client):
    for url in ("/", "/en/", "/checklists/", "/en/checklists/water", "/api/checklists", "/api/stats/public"):
        assert "Set-Cookie" not in client.get(url).headers, url


def test_referrer_policy_keeps_the_forms_referer_check_and_citizens_codes_private(client):
    assert client.get("/dashboard/login").headers["Referrer-Policy"] == "same-origin"
    for url in ("/", "/checklists/?adults=2", "/api/checklists", "/api/stats/public"):
        assert client.get(url).headers["Referrer-Policy"] == "no-referrer", url


def test_logging_out_takes_a_form_post_and_ends_the_session(official, client):
    log_in(client)
    page = client.get("/dashboard/logout")
    assert page.status_code == 200
    assert client.get("/dashboard/").status_code == 200  # looking at the page logs nobody out
    assert client.post("/dashboard/logout").status_code == 400  # no form token
    assert client.get("/dashboard/").status_code == 200
    response = client.post("/dashboard/logout", data={"csrf_token": token(client.get("/dashboard/").text)})
    assert response.status_code == 302 and response.headers["Location"] == "/dashboard/login"
    assert client.get("/dashboard/").status_code == 302


def test_a_copied_session_ends_with_logging_out_and_with_a_new_password(official, client):
    """A session cookie copied elsewhere (a shared computer, a stolen cookie) is worth nothing afterwards."""
    log_in(client)
    copy = official.test_client()
    copy.set_cookie("paraat_official", client.get_cookie("paraat_official").value)
    assert copy.get("/dashboard/").status_code == 200
    client.post("/dashboard/logout", data={"csrf_token": token(client.get("/dashboard/").text)})
    assert copy.get("/dashboard/").status_code == 302 and copy.get("/api/stats/dashboard").status_code == 401

    log_in(client)
    copy.set_cookie("paraat_official", client.get_cookie("paraat_official").value)
    assert copy.get("/dashboard/").status_code == 200
    add_official(official, password="another long enough password")
    assert copy.get("/dashboard/").status_code == 302 and client.get("/dashboard/").status_code == 302
    assert log_in(client, password="another long enough password").status_code == 302


def test_a_removed_official_is_out_at_the_next_request(official, client):
    log_in(client)
    assert client.get("/dashboard/").status_code == 200
    result = official.test_cli_runner().invoke(args=["officials", "remove", "official@example.org"])
    assert result.exit_code == 0
    assert client.get("/dashboard/").status_code == 302


def test_accounts_are_made_listed_and_removed_at_the_command_line(app):
    runner = app.test_cli_runner()
    assert "Added official@example.org." in add_official(app).output
    assert "New password for official@example.org." in add_official(app, password="another long password").output
    assert "official@example.org" in runner.invoke(args=["officials", "list"]).output
    short = runner.invoke(args=["officials", "add", "b@example.org"], input="short\n")
    assert short.exit_code != 0 and "at least 12 characters" in short.output
    bad = runner.invoke(args=["officials", "add", "not-an-email"], input=PASSWORD + "\n")
    assert bad.exit_code != 0 and "not an email address" in bad.output
    assert "b@example.org" not in runner.invoke(args=["officials", "list"]).output
    assert runner.invoke(args=["officials", "remove", "official@example.org"]).exit_code == 0
    assert runner.invoke(args=["officials", "remove", "official@example.org"]).exit_code != 0
    assert "official@example.org" not in runner.invoke(args=["officials", "list"]).output


def test_the_password_is_stored_only_as_a_slow_hash(tmp_path):
    """scrypt at werkzeug's full cost; a cheaper PASSWORD_HASH counts only in a test app (these tests' own)."""
    from backend.storage import storage

    for testing, config, method in ((False, {"PASSWORD_HASH": CHEAP_HASH}, "scrypt:32768:8:1$"),
                                    (True, {}, "scrypt:32768:8:1$"), (True, {"PASSWORD_HASH": CHEAP_HASH}, "pbkdf2:")):
        app = create_app({"TESTING": testing, "DATABASE": str(tmp_path / f"{testing}{len(config)}.sqlite3"), **config})
        add_official(app)
        with app.app_context():
            db = storage().connect()
            stored = db.execute("SELECT password_hash FROM officials").fetchone()[0]
            db.conn.close()
        app.extensions["paraat.storage"].close()
        assert PASSWORD not in stored and stored.startswith(method), (testing, config)
        assert log_in(app.test_client()).status_code == 302


def test_failed_logins_slow_down_per_account_and_per_client(official, client):
    for _ in range(Throttle.FREE):
        assert log_in(client, password="not the password at all").status_code == 401
    slowed = log_in(client)  # even the right password waits now
    assert slowed.status_code == 429 and "Te veel pogingen" in slowed.text
    assert re.search(r"over (1 minuut|[2-9]\d* minuten) opnieuw", slowed.text)  # never "1 minuten"
    assert client.get("/dashboard/").status_code == 302
    # Another account from the same client waits too: guessing across accounts is slowed.
    assert log_in(client, email="other@example.org").status_code == 429


def test_a_strangers_failures_never_lock_an_official_out(tmp_path):
    """Slowed per account and address together, and per address: never per account alone."""
    app = create_app({"TESTING": True, "DATABASE": str(tmp_path / "t.sqlite3"), "PROXIES": 1,
                      "PASSWORD_HASH": CHEAP_HASH})
    add_official(app)
    first, second = app.test_client(), app.test_client()

    def attempt(client, address, **login):
        client.environ_base["HTTP_X_FORWARDED_FOR"] = address
        return log_in(client, **login).status_code

    for _ in range(Throttle.FREE):
        assert attempt(first, "192.0.2.1", password="not the password at all") == 401
    assert attempt(first, "192.0.2.1") == 429  # the guesser's address waits, even with the right password
    assert attempt(first, "192.0.2.1", email="third@example.org") == 429  # and for every other account
    assert attempt(second, "198.51.100.7") == 302  # the official, from an address that has not failed: in


def test_guessing_from_many_loopback_addresses_leaves_the_official_in(official):
    """Several guessers, each from an address of its own (127.0.0.x), then the official from another."""
    for n in range(2, 7):
        guesser = official.test_client()
        guesser.environ_base["REMOTE_ADDR"] = f"127.0.0.{n}"
        for _ in range(Throttle.FREE):
            assert log_in(guesser, password="not the password at all").status_code == 401
        assert log_in(guesser).status_code == 429
    own = official.test_client()
    own.environ_base["REMOTE_ADDR"] = "127.0.1.1"
    assert log_in(own).status_code == 302


def test_the_throttle_waits_longer_after_each_failure_and_forgets():
    now = [1000.0]
    throttle = Throttle(clock=lambda: now[0])
    key = ("account", "a@example.org")
    for _ in range(Throttle.FREE):
        assert throttle.wait(key) == 0
        throttle.failed(key)
    assert throttle.wait(key) == 2
    throttle.failed(key)
    assert throttle.wait(key) == 4
    now[0] += 4
    assert throttle.wait(key) == 0
    for _ in range(20):
        throttle.failed(key)
    assert throttle.wait(key) == Throttle.MAX
    now[0] += Throttle.MAX + 1
    assert throttle.wait(key) == 0  # forgotten after MAX: the next failures count from one
    throttle.failed(key)
    assert throttle.failures.get(key) == (1, now[0])
    client = ("client", "10.0.0.1")
    for _ in range(Throttle.FREE + 2):
        throttle.failed(client)
    assert throttle.wait(client) > 0
    throttle.succeeded(client)
    assert throttle.wait(client) == 0 and throttle.failures.get(client) == (0, 0.0)
