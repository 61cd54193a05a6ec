"""Saves come from this site: another site's page cannot make its visitors' browsers save, change or forget."""
import re

import pytest
from werkzeug.datastructures import MultiDict

from .test_api import GOOD, create

ELSEWHERE = [{"Origin": "https://evil.example"}, {"Sec-Fetch-Site": "cross-site"},
             {"Origin": "null", "Sec-Fetch-Site": "cross-site"}, {"Sec-Fetch-Site": "same-site"}]


@pytest.mark.parametrize("headers", ELSEWHERE)
def test_a_write_from_another_site_is_refused_and_changes_nothing(client, counts, headers):
    rid = create(client)
    before = counts()
    api = client.post("/api/households", json=GOOD, headers=headers)
    assert api.status_code == 403 and api.json["error"]["code"] == "cross_site"
    assert client.put(f"/api/households/{rid}", json={**GOOD, "days": 10}, headers=headers).status_code == 403
    assert client.delete(f"/api/households/{rid}", headers=headers).status_code == 403
    form = client.post("/en/checklists/", data={"adults": "2", "action": "save"}, headers=headers)
    assert form.status_code == 403 and "This came from another website" in form.text
    forget = client.post(f"/nl/checklists/saved/{rid}/", data={"action": "forget", "confirm": "yes"}, headers=headers)
    assert forget.status_code in (403, 308)
    assert client.post(f"/checklists/saved/{rid}/", data={"action": "forget", "confirm": "yes"},
                       headers=headers).status_code == 403
    assert counts() == before
    assert client.get(f"/api/households/{rid}").json["days"] == GOOD["days"]


def test_a_write_from_this_site_passes_whatever_its_origin_says(client):
    """Our pages send `Origin: null` under their no-referrer policy; a browser's own origin passes too."""
    for headers in ({"Origin": "null", "Sec-Fetch-Site": "same-origin"}, {"Origin": "http://localhost"},
                    {"Origin": "http://127.0.0.1:8000", "Sec-Fetch-Site": "same-origin"}, {"Sec-Fetch-Site": "none"}):
        assert client.post("/api/households", json=GOOD, headers=headers).status_code == 201, headers


def test_saving_without_javascript_passes_one_uncached_step_in_the_persons_language(bare_client, counts):
    client = bare_client  # sends no token of its own, as a page without JavaScript
    before = counts()
    step = client.post("/pl/checklists/water", data={"adults": "2", "days": "7", "water": "drinking-water",
                                                      "action": "save"})
    assert step.status_code == 200 and step.headers["Cache-Control"] == "no-store"
    assert counts() == before  # nothing saved yet
    html = step.text
    assert 'lang="pl"' in html and "Zapisz" in html
    assert len(re.findall(r'<button[^>]*type="submit"', html.split('id="pa-content"')[1].split("</form>")[0])) == 1
    fields = MultiDict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', html))
    fields.add("action", "save")
    saved = client.post("/pl/checklists/water", data=fields)
    assert saved.status_code == 303
    record = client.get(saved.headers["Location"].split("?")[0].replace("/pl/checklists/saved/", "/api/households/")
                        .removesuffix("/water"))
    assert record.json["days"] == 7 and record.json["household"]["adults"] == 2
    assert "drinking-water" in record.json["checked"]["water"]
    # The same step posted twice saves once: the token is used up, and the person gets a fresh step.
    again = client.post("/pl/checklists/water", data=fields)
    assert again.status_code == 200 and "confirm-save" in again.text
