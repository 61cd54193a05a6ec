"""Security headers on every kind of answer, the campaign's static pages included."""
import re

import pytest

from backend import ROOT, create_app
from tests.conftest import module_app as app  # noqa: F401 (plain reads: one app for the module)

URLS = ["/", "/en/water/", "/ar/", "/en/no-such-page/", "/checklists/?adults=2", "/en/checklists/print?adults=1",
        "/api/checklists", "/api/stats/public", "/checklists/reminders.ics", "/assets/paraat.css",
        "/dashboard/login", "/.well-known/security.txt"]


@pytest.mark.parametrize("url", URLS)
def test_every_answer_carries_the_security_headers(client, url):
    response = client.get(url)
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert "camera=()" in response.headers["Permissions-Policy"]
    assert response.headers["Referrer-Policy"] in ("no-referrer", "same-origin")
    policy = response.headers.get("Content-Security-Policy", "")
    if response.mimetype == "text/html" or url.startswith("/api") or url.endswith((".ics", ".txt")):
        assert "frame-ancestors 'none'" in policy
        assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert "Strict-Transport-Security" not in response.headers  # plain HTTP: no promise about HTTPS


def test_every_inline_script_of_a_campaign_page_is_allowed_by_its_hash(client):
    html = client.get("/en/water/").text
    policy = client.get("/en/water/").headers["Content-Security-Policy"]
    scripts = re.findall(r"<script>(.*?)</script>", html, re.S)
    assert scripts and policy.count("'sha256-") == len(set(scripts))


def test_https_answers_ask_browsers_to_stay_on_https(tmp_path):
    app = create_app({"TESTING": True, "DATABASE": str(tmp_path / "h.sqlite3"), "PROXIES": 1})
    response = app.test_client().get("/", headers={"X-Forwarded-Proto": "https"})
    assert response.headers["Strict-Transport-Security"] == "max-age=31536000"


def test_security_txt_names_a_contact_and_an_expiry(client):
    text = client.get("/.well-known/security.txt").text
    assert re.search(r"^Contact: https?://\S+$", text, re.M) and re.search(r"^Expires: \d{4}-\d\d-\d\dT", text, re.M)


def test_security_txt_names_the_contact_address_unless_a_security_contact_is_set(tmp_path):
    from backend.contact import DEFAULT

    def contact(**config):
        app = create_app({"TESTING": True, "DATABASE": str(tmp_path / "c.sqlite3"), **config})
        return re.search(r"^Contact: (\S+)$", app.test_client().get("/.well-known/security.txt").text, re.M)[1]

    assert contact() == DEFAULT
    assert contact(CONTACT="mailto:paraat@example.org") == "mailto:paraat@example.org"
    assert contact(CONTACT="mailto:paraat@example.org", SECURITY_CONTACT="https://example.org/cvd") == \
        "https://example.org/cvd"


def test_the_contact_setting_is_checked_and_fills_in_the_marker(monkeypatch):
    from backend.contact import DEFAULT, contact_address, fill_in
    from backend.settings import SettingError

    assert contact_address({}) == DEFAULT and DEFAULT.startswith("https://")
    assert contact_address({"PARAAT_CONTACT": " mailto:a@b.nl "}) == "mailto:a@b.nl"
    for bad in ("a@b.nl", "http://example.org", "javascript:alert(1)", "mailto:nobody"):
        with pytest.raises(SettingError, match="PARAAT_CONTACT"):
            contact_address({"PARAAT_CONTACT": bad})
    markdown = "Mail [ons](paraat:contact) op paraat:contact."
    assert fill_in(markdown, "mailto:a@b.nl") == "Mail [ons](mailto:a@b.nl) op a@b.nl."


def test_the_built_footer_leads_to_the_contact_address(client):
    from backend.contact import contact_address

    for url in ("/", "/en/water/", "/pap/checklists/"):
        footer = client.get(url).text.split('class="pa-footer__contact"', 1)[1].split("</p>", 1)[0]
        assert f'href="{contact_address()}"' in footer, url


def rule(policy):
    """A Content-Security-Policy without its script hashes."""
    return re.sub(r" 'sha256-[^']+'", "", policy.split("Content-Security-Policy: ", 1)[-1])


def test_the_build_writes_headers_for_a_server_without_the_backend(client):
    headers = (ROOT / "build" / "site" / "_headers").read_text()
    assert headers.startswith("/*\n  X-Content-Type-Options: nosniff") and headers.count("/") > 1
    policy = next(line for line in headers.splitlines() if "Content-Security-Policy" in line)
    assert "default-src 'self'" in policy and "frame-ancestors 'none'" in policy and "unsafe" not in policy
    served = re.findall(r"'sha256-[^']+'", "".join(client.get(u).headers["Content-Security-Policy"]
                                                   for u in ("/", "/en/water/", "/ar/noodplan/")))
    assert served and all(h in policy for h in served)
    # One builder: apart from the hashes, a server without the backend sends the app's policy word for word.
    assert rule(policy) == rule(client.get("/en/water/").headers["Content-Security-Policy"])


def test_every_answer_has_a_content_security_policy_the_sitemap_and_service_worker_included(client):
    for path in ("/sitemap.xml", "/en/sitemap.xml", "/sw.js", "/manifest.webmanifest", "/api/token", "/healthz"):
        response = client.get(path)
        assert response.status_code == 200, path
        policy = response.headers.get("Content-Security-Policy", "")
        assert "frame-ancestors 'none'" in policy and "unsafe" not in policy, path
    assert client.get("/sitemap.xml").headers["Content-Security-Policy"].startswith("default-src 'none'")
