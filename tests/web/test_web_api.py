"""The JSON API on the real app, a real index and the real registry."""
import json
import re

import pytest

from conftest import auth

DRAFT = """某市人民政府办公室关于加强物业管理的通知
各区人民政府，市各有关部门：
为规范物业管理活动，根据《中华人民共和国合同法》第六十条和《物业管理条例》的规定，现通知如下：
一、物业服务企业未按规定公示收费标准的，由区住房城乡建设部门处五千元以上二万元以下罚款。
二、本通知自2024年3月1日起施行。
某市人民政府办公室
2024年2月1日
"""

ENDPOINTS = [("post", "/api/search", {"query": "漏水"}), ("post", "/api/plan", {"text": "漏水"}),
             ("post", "/api/check", {"text": DRAFT}), ("post", "/api/extract", {"text": "张某借款五万元"}),
             ("get", "/api/cases/x", None), ("get", "/api/me", None), ("get", "/api/audit", None)]


@pytest.mark.parametrize("method,path,body", ENDPOINTS)
@pytest.mark.parametrize("token", [None, "not-a-token"])
def test_no_valid_token_is_401(client, method, path, body, token):
    headers = auth(token) if token else {}
    r = client.request(method.upper(), path, json=body, headers=headers)
    assert r.status_code == 401 and r.headers["www-authenticate"] == "Bearer"


@pytest.mark.parametrize("role,path,body", [("mediator", "/api/check", {"text": DRAFT}),
                                           ("reviewer", "/api/plan", {"text": "楼上漏水"}),
                                           ("mediator", "/api/audit", None)])
def test_roles_limit_endpoints(client, tokens, role, path, body):
    r = client.request("POST" if body else "GET", path, json=body, headers=auth(tokens[role]))
    assert r.status_code == 403


def test_search_hits_are_store_documents_with_masked_snippets(client, tokens, web_workspace):
    r = client.post("/api/search", json={"query": "楼上卫生间漏水导致楼下天花板受损，协商赔偿维修费用", "k": 5},
                    headers=auth(tokens["mediator"]))
    assert r.status_code == 200
    hits = r.json()["hits"]
    assert len(hits) == 5 and all({"doc_id", "score", "title", "kind", "snippet"} <= set(h) for h in hits)
    store = web_workspace.store()
    docs = [store.get(h["doc_id"]) for h in hits]
    assert all(d is not None and d.kind == "mediation" for d in docs)
    assert any("漏水" in (d.text + d.title) for d in docs[:2])
    # persons named in the stored parties never appear in a mediator's snippets
    names = {p["name"] for d in docs for p in d.metadata.get("parties", []) if p.get("name")}
    assert names
    for h in hits:
        assert not any(n in h["snippet"] for n in names), (h["snippet"], names)


def test_search_filters_and_bad_filter(client, tokens):
    r = client.post("/api/search", json={"query": "拖欠工资", "k": 10, "filters": {"dispute_type": "劳动争议"}},
                    headers=auth(tokens["admin"]))
    assert r.status_code == 200 and r.json()["hits"]
    assert {h["metadata"]["dispute_type"] for h in r.json()["hits"]} == {"劳动争议"}
    r = client.post("/api/search", json={"query": "x", "filters": {"colour": "red"}}, headers=auth(tokens["admin"]))
    assert r.status_code == 422


def test_cases_masked_for_mediator_not_for_admin(client, tokens, web_workspace):
    store = web_workspace.store()
    doc = next(d for d in store.iter(kind="mediation") if any(p.get("id_card") for p in d.metadata.get("parties", [])))
    party = next(p for p in doc.metadata["parties"] if p.get("id_card"))
    m = client.get(f"/api/cases/{doc.id}", headers=auth(tokens["mediator"])).json()
    a = client.get(f"/api/cases/{doc.id}", headers=auth(tokens["admin"])).json()
    assert m["masked"] and not a["masked"]
    assert party["name"] not in m["text"] and party["id_card"] not in m["text"]
    assert party["name"] in a["text"]
    assert client.get("/api/cases/doc-nope", headers=auth(tokens["admin"])).status_code == 404


def test_check_finds_planted_errors(client, tokens):
    r = client.post("/api/check", json={"text": DRAFT}, headers=auth(tokens["reviewer"]))
    assert r.status_code == 200
    d = r.json()
    codes = {f["code"] for f in d["findings"]}
    assert "CITE_REPEALED" in codes and "NORMATIVE_SETS_PENALTY" in codes
    for f in d["findings"]:
        assert DRAFT[f["start"]:f["end"]] == f["quote"]


def test_check_file_upload(client, tokens, tmp_path):
    import docx

    d = docx.Document()
    for line in DRAFT.splitlines():
        d.add_paragraph(line)
    p = tmp_path / "draft.docx"
    d.save(p)
    with p.open("rb") as fh:
        r = client.post("/api/check/file", files={"file": ("draft.docx", fh)}, headers=auth(tokens["admin"]))
    assert r.status_code == 200 and "CITE_REPEALED" in {f["code"] for f in r.json()["findings"]}
    r = client.post("/api/check/file", files={"file": ("bad.docx", b"PK\x03\x04junk")}, headers=auth(tokens["admin"]))
    assert r.status_code == 400 and "bad.docx" in r.json()["detail"]


def test_extract_shape(client, tokens):
    pytest.importorskip("fazhi.nlp", reason="nlp not built")
    text = "2023年3月1日，张某向李某借款人民币伍万元，依据《中华人民共和国民法典》第六百七十五条应当返还。"
    r = client.post("/api/extract", json={"text": text}, headers=auth(tokens["mediator"]))
    assert r.status_code == 200
    d = r.json()
    assert {e["label"] for e in d["entities"]} >= {"MONEY", "DATE"}
    [c] = d["citations"]
    assert (c["law"], c["article"]) == ("中华人民共和国民法典", 675) and text[c["start"]:c["end"]] == c["text"]


def test_plan_has_markdown_and_masks_similar_cases_for_mediators(client, tokens, web_workspace):
    body = {"text": "楼上邻居家卫生间漏水，我家天花板发霉，找他赔偿维修费他不理。"}
    m = client.post("/api/plan", json=body, headers=auth(tokens["mediator"]))
    a = client.post("/api/plan", json=body, headers=auth(tokens["admin"]))
    assert m.status_code == a.status_code == 200
    m, a = m.json(), a.json()
    assert m["markdown"].startswith("# 调解预案") and "## 调解步骤" in m["markdown"]
    assert m["dispute_type"]["type"] == "邻里"
    assert [c["doc_id"] for c in m["similar_cases"]] == [c["doc_id"] for c in a["similar_cases"]]
    store = web_workspace.store()
    names = {p["name"] for c in a["similar_cases"] for p in store.get(c["doc_id"]).metadata.get("parties", [])
             if p.get("name")}
    assert any(n in a["markdown"] for n in names)  # admin sees the parties of similar cases
    assert not any(n in m["markdown"] for n in names)  # a mediator does not
    # the server's paths stay on the server (they were in the sources line a mediator copies)
    home = str(web_workspace.home)
    for plan in (m, a):
        assert home not in plan["markdown"] and home not in json.dumps(plan["sources"], ensure_ascii=False)
        assert plan["sources"]["index"] == "the workspace's case index"


@pytest.mark.parametrize("body", [{"query": "   "}, {"query": "x", "k": 0}, {"query": "x", "filters": {"kind": "car"}},
                                  {"query": "x", "filters": {"since": "2024/01/01"}}, {"query": "x", "mode": "fuzzy"}])
def test_search_rejects_bad_requests_with_422(client, tokens, body):
    r = client.post("/api/search", json=body, headers=auth(tokens["mediator"]))
    assert r.status_code == 422 and isinstance(r.json()["detail"], list)


def test_audit_log_records_requests(client, tokens):
    client.post("/api/search", json={"query": "审计测试查询"}, headers=auth(tokens["mediator"]))
    client.get("/api/me", headers=auth("bad"))
    rows = client.get("/api/audit", headers=auth(tokens["admin"])).json()["records"]
    assert any(r["user"] == "测试mediator" and r["path"] == "/api/search" and "审计测试查询" in r["detail"]
               for r in rows)
    assert any(r["user"] is None and r["status"] == 401 for r in rows)


def test_page_and_schema_are_served_locally(client):
    page = client.get("/")
    assert page.status_code == 200 and "调解" in page.text
    assert "http" not in page.text.replace("http-equiv", "")  # nothing from a CDN
    for asset in ("/static/app.js", "/static/style.css"):
        r = client.get(asset)
        assert r.status_code == 200 and not re.search(r"https?://", r.text), asset
    assert client.get("/docs").status_code == 404  # FastAPI's docs page would load scripts from a CDN
    schema = client.get("/openapi.json").json()
    assert {"/api/search", "/api/plan", "/api/check", "/api/extract", "/api/cases/{doc_id}"} <= set(schema["paths"])


def test_serve_binds_loopback_by_default():
    from fazhi.cli.web import serve

    host = next(p for p in serve.params if p.name == "host")
    assert host.default == "127.0.0.1"


def test_users_cli_list_remove_audit(tmp_path):
    from click.testing import CliRunner

    from fazhi.cli import cli

    run = lambda *a: CliRunner().invoke(cli, ["--home", str(tmp_path), *a])  # noqa: E731
    token = run("users", "add", "王调解", "--role", "mediator").output.split()[-1]
    [row] = json.loads(run("users", "list", "--json").output)
    assert (row["name"], row["role"]) == ("王调解", "mediator") and "token" not in json.dumps(row)
    from fastapi.testclient import TestClient

    from fazhi.web.app import create_app
    from fazhi.workspace import Workspace

    c = TestClient(create_app(Workspace(tmp_path)))
    assert c.get("/api/me", headers=auth(token)).json()["role"] == "mediator"
    rows = json.loads(run("users", "audit", "--json").output)
    assert rows[0]["user"] == "王调解" and rows[0]["path"] == "/api/me" and rows[0]["status"] == 200
    assert run("users", "remove", "王调解").exit_code == 0
    assert c.get("/api/me", headers=auth(token)).status_code == 401
    r = run("users", "remove", "王调解")
    assert r.exit_code == 1 and "no user" in r.output
    assert run("users", "add", "x", "--role", "boss").exit_code != 0


def test_users_cli_prints_token_last(tmp_path):
    from click.testing import CliRunner

    from fazhi.cli import cli

    r = CliRunner().invoke(cli, ["--home", str(tmp_path), "users", "add", "李审查", "--role", "reviewer"])
    assert r.exit_code == 0
    token = r.output.split()[-1]
    from fazhi.web.auth import UserStore
    from fazhi.workspace import Workspace

    assert UserStore.for_workspace(Workspace(tmp_path)).authenticate(token).role == "reviewer"


def test_query_batcher_gives_the_model_vectors_and_batches_concurrent_queries(web_workspace):
    import threading

    import numpy as np

    from fazhi.index.hybrid import open_index
    from fazhi.web.app import QueryBatcher

    enc = open_index(web_workspace).dense.encoder
    batcher = QueryBatcher(enc)
    queries = [f"第{i}号楼漏水纠纷，要求赔偿维修费{i * 100}元" for i in range(12)]
    out = [None] * len(queries)
    gate = threading.Barrier(len(queries))

    def ask(i):
        gate.wait()
        out[i] = batcher.encode_queries(queries[i])

    threads = [threading.Thread(target=ask, args=(i,)) for i in range(len(queries))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert np.allclose(np.stack(out), enc.encode_queries(queries), atol=1e-5)
    assert 1 <= batcher.batches < len(queries)
    assert batcher.name == enc.name  # everything else passes through


def test_masking_unavailable_is_503_not_unmasked_text(web_workspace, tokens, monkeypatch):
    import sys

    from fastapi.testclient import TestClient

    from fazhi.web.app import create_app

    c = TestClient(create_app(web_workspace))
    monkeypatch.setitem(sys.modules, "fazhi.nlp.mask", None)  # as if fazhi[nlp] were not installed
    r = c.post("/api/search", json={"query": "漏水"}, headers=auth(tokens["mediator"]))
    assert r.status_code == 503 and "masking" in r.json()["detail"]
    assert c.get("/api/cases/med-001", headers=auth(tokens["mediator"])).status_code == 503
    # an admin sees unmasked text anyway, so the admin's search still works
    assert c.post("/api/search", json={"query": "漏水"}, headers=auth(tokens["admin"])).status_code == 200


def test_masked_texts_are_remembered_and_equal_to_masking_one_by_one():
    from fazhi.nlp.mask import mask_text
    from fazhi.web.app import _MASKED, mask_texts

    texts = ["申请人周美华与被申请人王建国因漏水发生纠纷，联系电话13812345678。", "",
             "欧阳娜娜说楼上漏水，住在杭州市西湖区文三路100号", "申请人周美华与被申请人王建国因漏水发生纠纷，联系电话13812345678。"]
    parties = ["欧阳娜娜", "李四光"]  # 李四光 occurs in no text: it must not split the cache
    first = mask_texts(texts, parties)
    assert first == [mask_text(t, persons=parties)[0] if t else t for t in texts]
    assert "13812345678" not in first[0] and "欧阳娜娜" not in first[2] and first[1] == ""
    hits = _MASKED.hits
    assert mask_texts(texts[:1], ["张三"]) == first[:1]  # another result list's parties, same text: a hit
    assert _MASKED.hits == hits + 1
    long_text = "申请人周美华电话13812345678。" + "楼上漏水。" * 1000  # a whole case file is not remembered
    size = len(_MASKED)
    assert "13812345678" not in mask_texts([long_text])[0] and len(_MASKED) == size


def test_too_large_uploads_are_413_before_being_checked(client, tokens, monkeypatch):
    from fazhi.web import app as web_app

    # a file over the size limit, and a small file with more text than a JSON check accepts
    monkeypatch.setattr(web_app, "MAX_UPLOAD", 1000)
    r = client.post("/api/check/file", files={"file": ("draft.txt", "《民法典》第一条。".encode() * 100)},
                    headers=auth(tokens["reviewer"]))
    assert r.status_code == 413 and "draft.txt" in r.json()["detail"]
    monkeypatch.setattr(web_app, "MAX_TEXT", 50)
    r = client.post("/api/check/file", files={"file": ("draft.txt", "《民法典》第一条。".encode() * 10)},
                    headers=auth(tokens["reviewer"]))
    assert r.status_code == 413 and "characters" in r.json()["detail"]
    # 20 MB: refused from its Content-Length, before the body is read or parsed (it took minutes before)
    r = client.post("/api/check/file", files={"file": ("big.txt", b"a" * (20 * 1024 * 1024))},
                    headers=auth(tokens["reviewer"]))
    assert r.status_code == 413 and "MB" in r.json()["detail"]
    rows = client.get("/api/audit", params={"limit": 3}, headers=auth(tokens["admin"])).json()["records"]
    assert [row["status"] for row in rows] == [413, 413, 413]


@pytest.mark.parametrize("path,body", [("/api/search", b'{"query": "\\ud800\\u90bb\\u5c45"}'),
                                       ("/api/search", b'{"query": "x", "filters": {"\\udc00": 1}}'),
                                       ("/api/extract", b'{"text": "\\udfff"}')])
def test_strings_that_are_not_utf8_are_422_not_500(client, tokens, path, body):
    r = client.post(path, content=body, headers={**auth(tokens["admin"]), "Content-Type": "application/json"})
    assert r.status_code == 422 and r.json()["detail"][0]["loc"][0] == "body"


def test_422_does_not_echo_the_rejected_input(client, tokens):
    text = "楼上漏水" * 50_001  # over the 200,000 characters a text may have
    r = client.post("/api/plan", json={"text": text}, headers=auth(tokens["mediator"]))
    assert r.status_code == 422 and len(r.content) < 1000
    [err] = r.json()["detail"]
    assert err["loc"] == ["body", "text"] and err["msg"] and "input" not in err


@pytest.mark.parametrize("path,field", [("/api/search", "query"), ("/api/plan", "text")])
@pytest.mark.parametrize("text", ["😡😡", "，。！？", "\u200b", "   ", "_"])
def test_text_without_words_is_the_same_clear_422_for_search_and_plan(client, tokens, path, field, text):
    r = client.post(path, json={field: text}, headers=auth(tokens["admin"]))
    assert r.status_code == 422, r.text  # search answered 400 and plan 422 to the same mistake
    [err] = r.json()["detail"]
    assert err["loc"] == ["body", field] and "describe the dispute" in err["msg"]


def test_schema_pattern_for_queries_is_the_rule_the_server_applies(client, tokens):
    """The schema's pattern means the same in ECMA-262 (what JSON Schema validators use) as in Python: no
    \\w, \\d or \\p, whose meaning differs, so a client can tell before asking what will be refused."""
    schemas = client.get("/openapi.json").json()["components"]["schemas"]
    for model, field, path in (("SearchRequest", "query", "/api/search"), ("PlanRequest", "text", "/api/plan")):
        pattern = schemas[model]["properties"][field]["pattern"]
        assert not re.search(r"\\[wWdDsSpPb]", pattern), pattern
        for text in ("邻居漏水", "a", "３", "Ê", "😡", "，。", " _ "):
            accepted = client.post(path, json={field: text, **({"k": 1} if field == "query" else {})},
                                   headers=auth(tokens["admin"])).status_code == 200
            assert bool(re.search(pattern, text, re.ASCII)) == accepted, (model, text)


@pytest.mark.parametrize("path,body,loc", [
    ("/api/search", {"query": "噪音", "filters": {"since": "2024-13-45"}}, ["body", "filters", "since"]),
    ("/api/search", {"query": "噪音", "filters": {"until": "2023-02-29"}}, ["body", "filters", "until"]),
    ("/api/check", {"text": DRAFT, "date": "2024-02-30"}, ["body", "date"])])
def test_dates_that_are_not_on_the_calendar_are_422(client, tokens, path, body, loc):
    # they fit YYYY-MM-DD, so they were accepted: a filter compared as text, a check "as of 2024-02-30"
    r = client.post(path, json=body, headers=auth(tokens["admin"]))
    assert r.status_code == 422, r.text
    [err] = r.json()["detail"]
    assert err["loc"] == loc and "not a date" in err["msg"]
    ok = {**body, "filters": {"since": "2024-02-29"}} if "filters" in body else {**body, "date": "2024-02-29"}
    assert client.post(path, json=ok, headers=auth(tokens["admin"])).status_code == 200


def test_tokens_expire_and_old_databases_keep_working(tmp_path):
    import sqlite3
    from datetime import datetime, timedelta, timezone

    from click.testing import CliRunner

    from fazhi.cli import cli
    from fazhi.web.auth import UserStore

    db = tmp_path / "web.sqlite"
    users = UserStore(db)
    token = users.add("赵调解", "mediator", days=30)
    [row] = users.list()
    expires = datetime.fromisoformat(row["expires_at"])
    assert timedelta(days=29, hours=23) < expires - datetime.now(timezone.utc) <= timedelta(days=30)
    assert users.authenticate(token).name == "赵调解" and not row["expired"]
    # a day past its term, the same token is refused and the listing says so
    past = (datetime.now(timezone.utc) - timedelta(days=1)).replace(microsecond=0).isoformat()
    users._db.execute("UPDATE users SET expires_at=? WHERE name=?", (past, "赵调解"))
    assert users.authenticate(token) is None and users.list()[0]["expired"]
    # renewing issues a new token with a new term
    assert users.authenticate(users.add("赵调解", "mediator")).name == "赵调解"
    assert users.authenticate(users.add("钱调解", "mediator", days=None)) is not None
    assert users.list()[1]["expires_at"] is None
    with pytest.raises(ValueError, match="at least one day"):
        users.add("孙调解", "mediator", days=0)
    # a web.sqlite from before expiry existed: its token has no term and keeps working
    old = tmp_path / "old" / "web.sqlite"
    old.parent.mkdir()
    con = sqlite3.connect(old)
    con.executescript("CREATE TABLE users (name TEXT PRIMARY KEY, role TEXT NOT NULL, token_hash TEXT NOT NULL,"
                      " created_at TEXT NOT NULL);")
    from fazhi.web.auth import _hash

    con.execute("INSERT INTO users VALUES ('李审查', 'reviewer', ?, '2025-01-01T00:00:00+00:00')", (_hash("t0k"),))
    con.commit()
    con.close()
    assert UserStore(old).authenticate("t0k").role == "reviewer"
    # the CLI: --days sets the term, 0 means none; list shows it
    run = lambda *a: CliRunner().invoke(cli, ["--home", str(tmp_path / "cli"), *a])  # noqa: E731
    assert run("users", "add", "周审查", "--role", "reviewer", "--days", "0").exit_code == 0
    assert run("users", "add", "吴审查", "--role", "reviewer", "--days", "7").exit_code == 0
    rows = {r["name"]: r for r in json.loads(run("users", "list", "--json").output)}
    assert rows["周审查"]["expires_at"] is None and rows["吴审查"]["expires_at"] > rows["吴审查"]["created_at"]
    assert run("users", "add", "郑审查", "--role", "reviewer", "--days", "-1").exit_code == 2


@pytest.mark.parametrize("args", [["--port", "99999"], ["--port", "-1"], ["--workers", "0"]])
def test_serve_refuses_an_impossible_port_or_worker_count(tmp_path, args):
    from click.testing import CliRunner

    from fazhi.cli import cli

    r = CliRunner().invoke(cli, ["--home", str(tmp_path), "serve", *args])
    # before: uvicorn started, then an OverflowError traceback from bind()
    assert r.exit_code == 2 and "Invalid value for" in r.stderr and args[0] in r.stderr
