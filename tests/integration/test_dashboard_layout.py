"""The dashboard page an official reads in a minute: jump links, the breakdown first, sortable without a script."""
import json
import re

# The filled, logged-in dashboard, made once for this module too.
from tests.integration.test_dashboard_figures import app, client, dashboard  # noqa: F401


def rows(html):
    table = html.split('id="cap-breakdown"')[1].split("</tbody>")[0]
    return re.findall(r'<th scope="row"><a [^>]*>([^<]+)</a>', table)


def test_jump_links_and_the_breakdown_right_after_the_tiles(dashboard, client):  # noqa: F811
    html = client.get("/en/dashboard/?period=2026-11").text
    nav = html.split('<nav class="jump"')[1].split("</nav>")[0]
    for target in ("h-headline", "h-breakdown", "h-checklists", "h-items", "h-time", "h-downloads"):
        assert f'href="#{target}"' in nav and f'id="{target}"' in html
    assert html.index('id="h-headline"') < html.index('id="h-breakdown"') < html.index('id="h-checklists"')
    assert "households saved their checklists" in html
    assert 'data-chart="headline"' not in html  # the tiles say it already
    assert re.search(r'<details class="per-day"><summary>\s*<h3 id="h-time-day">', html)


def test_the_breakdown_table_sorts_by_a_link_and_the_exports_ignore_it(dashboard, client):  # noqa: F811
    plain = rows(client.get("/en/dashboard/?period=2026-11").text)
    by_name = client.get("/en/dashboard/?period=2026-11&sort=name").text
    assert rows(by_name) == sorted(plain, key=str.casefold)
    assert 'aria-sort="ascending"><a href="/en/dashboard/?period=2026-11&amp;sort=name#h-breakdown"' in by_name
    by_households = client.get("/en/dashboard/?period=2026-11&sort=households").text
    assert sorted(rows(by_households)) == sorted(plain) and 'aria-sort="descending"' in by_households
    # The download links carry the figures' query, never the order.
    assert re.search(r'export/breakdown.csv\?period=2026-11" download>The breakdown table \(CSV\)<', by_name)
    assert client.get("/en/dashboard/?sort=nonsense").status_code == 200  # an unknown order is no order


def test_the_item_chart_knows_which_items_are_one_thing_in_two_checklists(dashboard, client):  # noqa: F811
    html = client.get("/en/dashboard/").text
    words = json.loads(html.split('id="dashboard-words">')[1].split("</script>")[0])
    assert words["linked"] == ["emergency-kit/cash", "emergency-kit/drinking-water"]
