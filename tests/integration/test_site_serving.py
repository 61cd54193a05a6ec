"""One origin: every path without a backend route is the built campaign site."""
import gzip

import pytest

from backend import ROOT
from tests.conftest import module_app as app  # noqa: F401 (plain reads: one app for the module)

SITE = ROOT / "build" / "site"


def test_home_pages(client):
    assert client.get("/").status_code == 200
    assert client.get("/en/").status_code == 200
    assert client.get("/en").status_code == 301


def test_static_assets_and_the_shared_stylesheet(client):
    response = client.get("/assets/paraat.css")
    assert response.status_code == 200 and "--pa-blue" in response.get_data(as_text=True)


@pytest.mark.parametrize("climb", ["..", "%2e%2e", "%2E%2E", ".%2e", "%2e.", "..%2f..", "%2e%2e%2f%2e%2e"])
@pytest.mark.parametrize("levels", [1, 2, 3, 4])
def test_paths_outside_the_site_are_refused(client, climb, levels):
    """build/site is two levels below the repository: climbing one, two, three or more must all fail."""
    for target in ("pyproject.toml", "backend/storage/__init__.py", "backend/__init__.py", "instance/secret_key"):
        response = client.get("/" + "/".join([climb] * levels) + "/" + target)
        assert response.status_code == 404, (climb, levels, target)
        assert b"import" not in response.data and b"[project]" not in response.data


def test_missing_pages_get_the_site_404_in_their_language(client):
    response = client.get("/en/no-such-page/")
    assert response.status_code == 404
    assert 'lang="en"' in response.get_data(as_text=True)
    assert client.get("/no-such-page/").status_code == 404


def test_text_is_compressed_for_browsers_that_accept_it(client):
    plain = client.get("/assets/paraat.css")
    packed = client.get("/assets/paraat.css", headers={"Accept-Encoding": "gzip, br"})
    assert packed.headers["Content-Encoding"] == "gzip" and "Accept-Encoding" in packed.headers["Vary"]
    assert gzip.decompress(packed.get_data()) == plain.get_data()
    assert len(packed.get_data()) < len(plain.get_data())
    assert packed.headers["ETag"] != plain.headers["ETag"]
    image = client.get("/assets/images/favicon.png", headers={"Accept-Encoding": "gzip"})
    assert "Content-Encoding" not in image.headers


def test_very_long_paths_are_not_found_not_errors(client):
    for path in ("/" + "a" * 300, "/en/" + "b" * 300, "/x" * 3000):
        assert client.get(path).status_code == 404


def test_directory_redirects_keep_the_query(client):
    assert client.get("/en?x=1").headers["Location"] == "/en/?x=1"


@pytest.mark.parametrize("path", ["/nl//evil.example", "/nl/%2Fevil.example", "/nl/%5Cevil.example",
                                  "/nl/%2F%5Cevil.example/x?y=1"])
def test_redirects_stay_on_this_site(client, path):
    """A browser reads `//host` and `/\\host` as another site: a link to us must never send people there."""
    location = client.get(path).headers["Location"]
    assert location.startswith("/") and location[1:2] not in ("/", "\\"), location


@pytest.mark.parametrize("path", ["/nl/checklists/saved/abc/%0aFAKE", "/checklists/%0a/saved/abc",
                                  "/en/checklists/water%0d%0aX", "/api/households/ab%0acd"])
def test_control_characters_in_a_path_are_not_found(client, path):
    assert client.get(path).status_code == 404
