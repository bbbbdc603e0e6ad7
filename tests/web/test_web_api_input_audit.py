"""Bodies a script or a careless client really sends, found by the web API audit against a running server:
misspelled fields, JSON true or "10" for k, malformed JSON without a token, JSON nested 100,000 deep. Each was
answered wrongly (a silent default, a 422 before the 401, "There was an error parsing the body")."""
import pytest

pytest.importorskip("fastapi")

from fastapi.testclient import TestClient  # noqa: E402

from fazhi.web.app import create_app  # noqa: E402
from fazhi.web.auth import UserStore  # noqa: E402
from fazhi.workspace import Workspace  # noqa: E402

JSON = {"Content-Type": "application/json"}


@pytest.fixture(scope="module")
def app_tokens(tmp_path_factory):
    ws = Workspace(tmp_path_factory.mktemp("input") / "ws")  # no index, no graph: every answer here is a refusal
    users = UserStore.for_workspace(ws)
    tokens = {role: users.add(f"审计{role}", role) for role in ("mediator", "reviewer", "admin")}
    return TestClient(create_app(ws, users)), tokens


def _auth(token):
    return {"Authorization": f"Bearer {token}"}


@pytest.mark.parametrize("path, body, role, field", [
    ("/api/check", {"text": "第一条 为了规范管理。", "knid": "规范性文件"}, "reviewer", "knid"),  # ran with no kind
    ("/api/extract", {"text": "张三借给李四五万元", "type": ["PERSON"]}, "mediator", "type"),  # gave every type
    ("/api/plan", {"text": "楼上漏水", "k": 3}, "mediator", "k"),
    ("/api/search", {"qurey": "楼上漏水", "query": "漏水", "filter": {"kind": "mediation"}}, "mediator", "qurey"),
])
def test_an_unknown_field_is_a_422_naming_it(app_tokens, path, body, role, field):
    client, tokens = app_tokens
    r = client.post(path, json=body, headers=_auth(tokens[role]))
    assert r.status_code == 422, r.text
    assert {"loc": ["body", field], "type": "extra_forbidden"}.items() <= r.json()["detail"][0].items()


@pytest.mark.parametrize("k, why", [(True, "true/false"), ("10", "a string"), (False, "true/false")])
def test_k_must_be_a_number(app_tokens, k, why):
    client, tokens = app_tokens
    r = client.post("/api/search", json={"query": "楼上漏水", "k": k}, headers=_auth(tokens["mediator"]))
    # was a search with k=1 (true) or k=10 ("10")
    assert r.status_code == 422 and r.json()["detail"][0]["loc"] == ["body", "k"]
    assert r.json()["detail"][0]["msg"].endswith(f"k must be a number, not {why}")


def test_the_schema_says_so(app_tokens):
    client, _ = app_tokens
    schemas = client.get("/openapi.json").json()["components"]["schemas"]
    for name in ("SearchRequest", "PlanRequest", "CheckRequest", "ExtractRequest"):
        assert schemas[name]["additionalProperties"] is False, name
    assert schemas["SearchRequest"]["properties"]["k"]["type"] == "integer"


@pytest.mark.parametrize("body", [b'{"query": "abc', b"[" * 100_000, "{\"query\": \"楼上\"}".encode("gbk"), b"\xff\xfe"])
@pytest.mark.parametrize("token", [None, "not-a-token"])
def test_a_body_that_cannot_be_read_without_a_token_is_401(app_tokens, body, token):
    client, _ = app_tokens
    headers = {**JSON, **(_auth(token) if token else {})}
    r = client.post("/api/search", content=body, headers=headers)
    # was 422 (json_invalid) or 400: an anonymous client learnt how the API reads bodies before its token
    assert r.status_code == 401 and r.json() == {"detail": "missing, invalid or expired token"}
    assert r.headers["www-authenticate"] == "Bearer"


def test_with_a_token_the_same_bodies_say_what_is_wrong(app_tokens):
    client, tokens = app_tokens
    headers = {**JSON, **_auth(tokens["mediator"])}
    r = client.post("/api/search", content=b'{"query": "abc', headers=headers)
    assert r.status_code == 422 and r.json()["detail"][0]["type"] == "json_invalid"
    r = client.post("/api/search", content=b'{"query": "abc", "filters": ' + b"[" * 100_000 + b"]" * 100_000 + b"}",
                    headers=headers)
    # was 400 "There was an error parsing the body"
    assert r.status_code == 400 and r.json() == {"detail": "the body's JSON is nested too deeply to read"}
    r = client.post("/api/search", content="{\"query\": \"楼上\"}".encode("gbk"), headers=headers)
    assert r.status_code == 400 and r.json() == {"detail": "the body is not UTF-8: send the JSON encoded as UTF-8"}


def test_a_validators_message_comes_without_an_empty_ctx(app_tokens):
    client, tokens = app_tokens
    r = client.post("/api/search", json={"query": "楼上漏水", "k": True}, headers=_auth(tokens["mediator"]))
    # was {"type": "value_error", …, "ctx": {"error": {}}}
    assert r.json()["detail"] == [{"type": "value_error", "loc": ["body", "k"],
                                   "msg": "Value error, k must be a number, not true/false"}]
    r = client.post("/api/search", json={"query": "楼上漏水", "filters": {"since": "2024-02-30"}},
                    headers=_auth(tokens["mediator"]))
    assert "ctx" not in r.json()["detail"][0] and "2024-02-30" in r.json()["detail"][0]["msg"]
    r = client.post("/api/search", json={"query": "楼上漏水", "k": 0}, headers=_auth(tokens["mediator"]))
    assert r.json()["detail"][0]["ctx"] == {"ge": 1}  # a ctx with something in it stays
