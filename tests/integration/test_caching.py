"""Ready for a CDN: what is the same for everyone says a shared cache may keep it, with an ETag that a
browser or CDN can check (304); what names a saved household or an official is kept by no cache; text
goes out as gzip, and the campaign's files as the gzip copy the build wrote beside them."""
import gzip

import pytest

from backend import ROOT

from .test_dashboard_access import add_official, log_in

SITE = ROOT / "build" / "site"
GZIP = {"Accept-Encoding": "gzip, deflate, br"}
# The same for everyone who sends the same address (a household in the query is part of the address).
SHARED = ["/", "/ar/", "/noodpakket/", "/ar/noodpakket/", "/nope/", "/checklists/", "/ar/checklists/",
          "/checklists/water", "/ar/checklists/cash", "/checklists/water?adults=2&children=1&region=utrecht",
          "/en/checklists/?adults=3&days=7", "/checklists/print", "/ar/checklists/print?adults=2&pets=1",
          "/checklists/reminders.ics", "/api/checklists", "/api/checklists/water?lang=ar", "/api/stats/public",
          "/offline.json", "/sw.js", "/manifest.webmanifest", "/static/checklist.js", "/static/plan.js",
          "/assets/paraat.css", "/search/search_index.json"]


def directives(response):
    return {part.strip().split("=")[0]: part.strip().partition("=")[2]
            for part in response.headers.get("Cache-Control", "").split(",") if part.strip()}


@pytest.mark.parametrize("url", SHARED)
def test_what_is_the_same_for_everyone_may_be_kept_and_checked(module_app, url):
    client = module_app.test_client()  # plain reads, one address each: one app for all of them
    response = client.get(url, headers=GZIP)
    control = directives(response)
    assert "public" in control and int(control.get("s-maxage", control.get("max-age", 0))) >= 60, control
    assert "no-store" not in control and "private" not in control and "no-cache" not in control
    assert "Set-Cookie" not in response.headers
    assert {v.lower() for v in response.vary} <= {"accept-encoding"}, response.vary
    if response.status_code == 200:
        again = client.get(url, headers={**GZIP, "If-None-Match": response.headers["ETag"]})
        assert again.status_code == 304 and again.data == b""


def test_a_saved_household_s_pages_and_the_officials_are_kept_by_no_cache(app, client):
    code = client.post("/api/households", json={"lang": "nl", "household": {"adults": 1}, "days": 3,
                                                "checked": {}}).get_json()["id"]
    private = [f"/api/households/{code}", f"/checklists/saved/{code}/", f"/ar/checklists/saved/{code}/water",
               f"/checklists/saved/{code}/print", f"/checklists/?forgotten={code}", "/healthz"]
    for url in private:
        assert client.get(url, headers=GZIP).headers["Cache-Control"] == "no-store", url
    add_official(app)
    log_in(client)
    for url in ("/dashboard/", "/dashboard/login"):
        assert "public" not in client.get(url).headers.get("Cache-Control", ""), url
    saved = client.post("/checklists/water", data={"adults": "1", "days": "3", "action": "save"})
    assert saved.headers["Cache-Control"] == "no-store"


def test_files_named_by_their_content_are_kept_a_year(client):
    hashed = next((SITE / "assets" / "javascripts").glob("bundle.*.min.js")).relative_to(SITE).as_posix()
    control = directives(client.get(f"/{hashed}"))
    assert control["max-age"] == "31536000" and "immutable" in control and "public" in control
    assert "immutable" not in directives(client.get("/assets/paraat.css"))  # its name stays when it changes


@pytest.mark.parametrize("url", ["/checklists/", "/ar/checklists/water?adults=2", "/static/checklist.js",
                                 "/api/checklists/cash?lang=nl", "/nope/"])
def test_the_backend_s_pages_data_and_scripts_go_out_as_gzip(client, url):
    plain = client.get(url)
    packed = client.get(url, headers=GZIP)
    assert packed.headers["Content-Encoding"] == "gzip" and "Accept-Encoding" in packed.headers["Vary"]
    assert gzip.decompress(packed.data) == plain.data and len(packed.data) < len(plain.data) / 2
    if plain.status_code == 200:
        assert packed.headers["ETag"] != plain.headers["ETag"]  # another representation, another tag


def test_the_campaign_s_files_go_out_as_the_gzip_the_build_wrote(client):
    for url, file in [("/noodpakket/", "noodpakket/index.html"), ("/assets/paraat.css", "assets/paraat.css"),
                      ("/offline.json", "offline.json")]:
        copy = SITE / (file + ".gz")
        assert gzip.decompress(copy.read_bytes()) == (SITE / file).read_bytes()
        assert client.get(url, headers=GZIP).data == copy.read_bytes(), url


def test_posts_are_kept_by_no_cache(client):
    response = client.post("/checklists/water", data={"adults": "2", "days": "3", "action": "update"})
    assert response.status_code == 200 and response.headers["Cache-Control"] == "no-store"

