"""Coming back: the way back at the top after saving, one clear next step, the household folded once known."""
import re

from tests.pages import check_page, essentials, t

FAMILY = {"adults": "2", "children": "1", "days": "3"}


def saved(client, lang="en"):
    response = client.post(f"/{lang}/checklists/", data={**FAMILY, "action": "save"})
    assert response.status_code == 303 and response.headers["Location"].endswith("?saved=new")
    return response.headers["Location"].split("?")[0]


def test_after_saving_the_way_back_comes_first_and_forgetting_last(client):
    path = saved(client)
    page = client.get(path + "?saved=new")
    check_page(page, "en")
    html = page.get_data(as_text=True)
    resume, form, plan, forget = (html.index(m) for m in ('id="resume"', 'id="checklist-form"', 'id="plan"',
                                                           'id="forget-button"'))
    assert resume < form < plan < forget
    assert re.search(rf'<a id="resume-link" href="{path}"><bdi dir="ltr">http://[^<]+{path}</bdi></a>', html)
    assert 'href="mailto:?subject=' in html and "body=http" in html
    assert f'href="{path}print"' in html
    assert t("en", "Nothing is saved unless you choose to.") not in html
    assert "without your name" in html  # the intro says what is now kept
    # A checklist page shows the way back only right after the save that made the household.
    assert 'id="resume"' not in client.get(path + "water?saved=1").get_data(as_text=True)
    assert 'id="resume"' in client.get(path + "water?saved=new").get_data(as_text=True)


def test_the_overview_leads_with_one_next_step_chosen_from_progress(client):
    bare = client.get("/en/checklists/").get_data(as_text=True)
    assert "<details" not in bare.split('id="ready"')[0]  # no household yet: the form is the first step
    assert re.search(r'id="next-step" data-next href="/en/checklists/emergency-kit">Next step: start with', bare)
    kit = essentials()["emergency-kit"]
    query = {**FAMILY, "emergency-kit": kit}
    html = client.get("/en/checklists/", query_string=query).get_data(as_text=True)
    assert re.search(r'<details class="pa-household-box" id="household-box" >', html)  # folded
    # The kit is complete: the next step is another checklist (started already, if the kit ticked part of it).
    assert re.search(r'id="next-step" data-next href="/en/checklists/(water|cash)\?[^"]*">Next step: '
                     r'(start|continue) with (Water|Cash)', html)
    card = html.split('data-checklist="emergency-kit"')[1].split("</li>")[0]
    assert "pa-card--done" in html.split('data-checklist="emergency-kit"')[0][-40:]
    assert ">Look again<" in card
    form = html.split('id="checklist-form"')[1].split("</form>")[0]
    assert form.count("md-button--primary") == 1 and "pa-button--secondary\" id=\"save-button" in form


def test_a_deep_link_without_a_household_opens_the_household_step(client):
    bare = client.get("/en/checklists/water").get_data(as_text=True)
    assert re.search(r'<details class="pa-household-box" id="household-box" open>', bare)
    assert t("en", "First tell us who lives in your home: the amounts depend on it.") in bare
    carried = client.get("/en/checklists/water", query_string=FAMILY).get_data(as_text=True)
    assert 'id="household-first"' not in carried and 'id="household-box" >' in carried


def test_the_ready_panel_points_to_the_plan_below(client):
    html = client.get("/en/checklists/").get_data(as_text=True)
    assert re.search(r'<li><a href="#plan">', html)


def test_the_plan_on_screen_links_its_addresses_and_has_no_blank_to_write_on(client):
    html = client.get("/en/checklists/").get_data(as_text=True)
    plan = html.split('id="plan"')[1]
    assert '<a href="https://www.denkvooruit.nl/radio">denkvooruit.nl/radio</a>' in plan
    assert '<a href="https://crisis.nl">crisis.nl</a>' in plan
    assert "____" not in plan
    assert "data-plan-kept" in plan  # the script says, once, that the plan stays on this device


def test_a_checklist_links_to_its_campaign_page_and_names_its_source_below_the_list(client):
    html = client.get("/ar/checklists/water").get_data(as_text=True)
    assert '<a href="/ar/water/">' in html
    assert html.index('id="checklist-form"') < html.index('class="pa-source"')
