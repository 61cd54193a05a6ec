"""The public API against its own OpenAPI document, fuzzed by schemathesis in process."""
import tempfile
from pathlib import Path

import schemathesis
from hypothesis import HealthCheck, settings

from backend import create_app, guard

# Made at import, as schemathesis needs the app to read the document: its database lives as long as the run.
_folder = tempfile.TemporaryDirectory()
app = create_app({"TESTING": True, "WRITE_LIMIT": 0, "DATABASE": str(Path(_folder.name) / "openapi.sqlite3")})
schema = schemathesis.openapi.from_wsgi("/api/openapi.json", app)


@schema.parametrize()
@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
def test_the_api_keeps_to_its_document(case):
    if case.method == "POST" and isinstance(case.body, dict) and isinstance(case.body.get("token"), str):
        with app.test_request_context():
            case.body["token"] = guard.token()  # a page's token, as a person's browser sends it
    # In process nothing unpacks gzip as an HTTP client would: ask for the answer as it is.
    case.call_and_validate(headers={"Accept-Encoding": "identity"})
