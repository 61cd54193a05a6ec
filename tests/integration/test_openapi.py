"""The public API against its own OpenAPI document, fuzzed by schemathesis in process: every operation with
all of schemathesis's checks (positive data acceptance included), then the stateful phase, which follows the
document's links from the POST that saves a household to reading, replacing and forgetting it."""
import tempfile
from pathlib import Path

import schemathesis
from hypothesis import HealthCheck, settings

from backend import create_app, guard

# Made at import, as schemathesis needs the app to read the document: its database lives as long as the run.
_folder = tempfile.TemporaryDirectory()
app = create_app({"TESTING": True, "WRITE_LIMIT": 0, "DATABASE": str(Path(_folder.name) / "openapi.sqlite3")})
schema = schemathesis.openapi.from_wsgi("/api/openapi.json", app)
REACHED = set()


def with_fresh_token(case):
    """A new household carries a fresh token, as the page script asks for one when a person saves."""
    if case.method == "POST" and isinstance(case.body, dict) and isinstance(case.body.get("token"), str):
        with app.test_request_context():
            case.body["token"] = guard.token()
    # In process nothing unpacks gzip as an HTTP client would: ask for the answer as it is.
    case.headers = {**(case.headers or {}), "Accept-Encoding": "identity"}


@schema.parametrize()
@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
def test_the_api_keeps_to_its_document(case):
    with_fresh_token(case)
    case.call_and_validate()


class Workflow(schema.as_state_machine()):
    def before_call(self, case):
        with_fresh_token(case)

    def after_call(self, response, case):
        super().after_call(response, case)
        REACHED.add((case.method, case.operation.path, response.status_code // 100))


TestStatefulWorkflow = Workflow.TestCase
TestStatefulWorkflow.settings = settings(max_examples=25, stateful_step_count=6, deadline=None,
                                         suppress_health_check=list(HealthCheck))


def test_the_stateful_phase_reaches_a_saved_household_through_the_links():
    """Runs after the workflow above (pytest keeps the file's order): the links led to real households."""
    for method in ("GET", "PUT", "DELETE"):
        assert (method, "/api/households/{record_id}", 2) in REACHED, sorted(REACHED)


def test_the_document_links_the_save_to_its_household_and_says_403():
    post = app.test_client().get("/api/openapi.json").json["paths"]["/api/households"]["post"]
    links = post["responses"]["201"]["links"]
    assert {link["operationId"] for link in links.values()} == {"readHousehold", "replaceHousehold",
                                                                "forgetHousehold"}
    assert all(link["parameters"] == {"record_id": "$response.body#/id"} for link in links.values())
    assert "403" in post["responses"] and "used already" in post["responses"]["403"]["description"]
