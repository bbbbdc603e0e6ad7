"""schemathesis against the app's own OpenAPI schema, in process (ASGI), with an admin token.

Every documented operation gets generated valid and invalid requests; the default checks assert no 5xx,
status codes and content types that the schema documents, responses that match their models, invalid
input rejected, and that the operations really need the token. ``FAZHI_SCHEMA_EXAMPLES`` sets the
examples per operation (default 12; the plan operation costs ~0.5 s a call).
"""
from __future__ import annotations

import os

import pytest

schemathesis = pytest.importorskip("schemathesis")
from hypothesis import HealthCheck, settings  # noqa: E402

from conftest import auth  # noqa: E402

EXAMPLES = int(os.environ.get("FAZHI_SCHEMA_EXAMPLES", "12"))


@pytest.fixture(scope="module")
def api_schema(web_workspace, tokens):
    from fazhi.web.app import create_app

    return schemathesis.openapi.from_asgi("/openapi.json", create_app(web_workspace))


def _operations() -> list[tuple[str, str]]:
    """The documented operations, read from the schema of an app over an empty workspace."""
    import tempfile

    from fazhi.web.app import create_app
    from fazhi.web.auth import UserStore
    from fazhi.workspace import Workspace

    app = create_app(Workspace(tempfile.mkdtemp(prefix="fazhi-schema-")), UserStore(":memory:"))
    return [(op.method.upper(), op.path) for op in
            (r.ok() for r in schemathesis.openapi.from_dict(app.openapi()).get_all_operations())]


OPERATIONS = _operations()


def test_schema_documents_the_issue_endpoints(api_schema):
    assert {("POST", "/api/search"), ("POST", "/api/plan"), ("POST", "/api/check"), ("POST", "/api/extract"),
            ("GET", "/api/cases/{doc_id}")} <= set(OPERATIONS)
    assert any(op.path == "/api/search" for op in (r.ok() for r in api_schema.get_all_operations()))


@pytest.mark.parametrize("mode", ["positive", "negative"])
@pytest.mark.parametrize("method,path", OPERATIONS)
def test_api_conforms_to_its_schema(api_schema, tokens, method, path, mode):
    from hypothesis import given

    from schemathesis import GenerationMode

    from schemathesis.checks import negative_data_rejection, positive_data_acceptance

    op = api_schema[path][method]
    headers = auth(tokens["admin"])
    excluded = []
    if path == "/api/check/file":
        # any bytes are schema-valid for an upload, but only readable .docx/.pdf/.txt/.html drafts are
        # accepted; and a "number" in a multipart file part is still a file, so it is not invalid data
        excluded = [positive_data_acceptance, negative_data_rejection]
    elif method == "GET" and mode == "negative":
        # unknown query parameters are ignored (as by every HTTP API), not rejected
        excluded = [negative_data_rejection]

    @given(case=op.as_strategy(generation_mode=GenerationMode(mode)))
    @settings(max_examples=EXAMPLES if mode == "positive" else max(EXAMPLES // 2, 3), deadline=None,
              suppress_health_check=list(HealthCheck), database=None)
    def run(case):
        case.call_and_validate(headers=headers, excluded_checks=excluded)

    run()
