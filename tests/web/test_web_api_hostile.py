"""The JSON API under input a mediator's or a reviewer's tools really send: a form or text/plain body, JSON in
GBK, a 5,000-character case id; and an app over a workspace without an index, whose errors named where the
server keeps its files."""
import json

import pytest

from conftest import auth

from fazhi.web.app import without_paths


@pytest.mark.parametrize("path, body, role", [
    ("/api/search", {"query": "楼上漏水"}, "mediator"),
    ("/api/check", {"text": "根据《中华人民共和国合同法》第六十条"}, "reviewer"),
    ("/api/extract", {"text": "张三借给李四五万元"}, "mediator"),
])
@pytest.mark.parametrize("ctype", ["text/plain", "application/x-www-form-urlencoded", "text/plain; charset=utf-8"])
def test_a_body_that_is_not_sent_as_json_is_415_and_says_so(client, tokens, path, body, role, ctype):
    # was 422 "Input should be a valid dictionary or object to extract fields from"
    r = client.post(path, content=json.dumps(body, ensure_ascii=False).encode(), headers={
        **auth(tokens[role]), "Content-Type": ctype})
    assert r.status_code == 415
    assert r.json() == {"detail": f"the body must be JSON (Content-Type: application/json), not {ctype.split(';')[0]}"}


def test_a_body_without_content_type_is_415_and_says_so(client, tokens):
    # FastAPI reads a body as JSON only under a JSON Content-Type (http.client and some scripts send none)
    r = client.post("/api/extract", content=json.dumps({"text": "张三借给李四五万元"}).encode(),
                    headers=auth(tokens["mediator"]))
    assert r.status_code == 415
    assert r.json() == {"detail": "the body must be JSON (Content-Type: application/json), not a body without a "
                                  "Content-Type"}


@pytest.mark.parametrize("ctype", ["application/json", "application/json; charset=utf-8", "application/merge+json"])
def test_json_bodies_are_still_read_and_wrong_json_still_422(client, tokens, ctype):
    headers = {**auth(tokens["mediator"]), "Content-Type": ctype}
    r = client.post("/api/extract", content=json.dumps({"text": "张三借给李四五万元"}).encode(), headers=headers)
    assert r.status_code == 200 and "entities" in r.json()
    # JSON, but not an object: FastAPI's 422 with its shape
    r = client.post("/api/extract", content=b'["text"]', headers=headers)
    assert r.status_code == 422 and r.json()["detail"][0]["type"] == "model_attributes_type"
    # no body at all: the field is missing (422), whatever the Content-Type
    r = client.post("/api/extract", headers=auth(tokens["mediator"]))
    assert r.status_code == 422 and r.json()["detail"][0]["type"] == "missing"


def test_a_gbk_body_is_400_saying_utf8(client, tokens):
    body = json.dumps({"query": "楼上漏水"}, ensure_ascii=False).encode("gbk")
    r = client.post("/api/search", content=body, headers={**auth(tokens["mediator"]), "Content-Type": "application/json"})
    # was "There was an error parsing the body"
    assert r.status_code == 400 and r.json() == {"detail": "the body is not UTF-8: send the JSON encoded as UTF-8"}


def test_a_long_case_id_is_not_echoed_whole(client, tokens):
    r = client.get("/api/cases/" + "a" * 5000, headers=auth(tokens["mediator"]))
    assert r.status_code == 404 and len(r.json()["detail"]) < 120 and r.json()["detail"].endswith("…'")
    r = client.get("/api/cases/%E4%B8%AD%E6%96%87", headers=auth(tokens["mediator"]))
    assert r.status_code == 404 and r.json() == {"detail": "no document '中文'"}


def test_errors_do_not_name_the_servers_files(tmp_path):
    from fastapi.testclient import TestClient

    from fazhi.web.app import create_app
    from fazhi.web.auth import UserStore
    from fazhi.workspace import Workspace

    home = tmp_path / "srv" / "fazhi-data"
    users = UserStore(":memory:")
    token = users.add("王调解员", "mediator")
    client = TestClient(create_app(Workspace(home), users))
    for path, body in (("/api/search", {"query": "楼上漏水"}), ("/api/plan", {"text": "楼上漏水，协商未果"})):
        r = client.post(path, json=body, headers=auth(token))
        # was "/tmp/…/srv/fazhi-data/index: no search index yet; build it with `fazhi index build`"
        assert r.status_code == 503, r.text
        assert str(tmp_path) not in r.text and "srv" not in r.text
        assert r.json() == {"detail": "the workspace's index: no search index yet; build it with `fazhi index build`"}
    (audit,) = [a for a in users.audit_log(limit=1)]
    assert str(tmp_path) not in audit["detail"]


@pytest.mark.parametrize("message, expected", [
    ("/srv/ws/index: no search index yet", "the workspace's index: no search index yet"),
    ("/srv/ws: no store", "the workspace: no store"),
    ("cannot load /opt/models/lac.onnx: No such file", "cannot load …: No such file"),
    ("C:\\fazhi\\ws\\graph.pkl is stale", "… is stale"),
    ("草案.docx: not a valid .docx (BadZipFile: File is not a zip file)",
     "草案.docx: not a valid .docx (BadZipFile: File is not a zip file)"),
    ("../../etc/草案.txt: empty file", "../../etc/草案.txt: empty file"),  # the uploader's own name
    ("2024/01/01 is not a date (YYYY-MM-DD)", "2024/01/01 is not a date (YYYY-MM-DD)"),
    ("see https://flk.npc.gov.cn/api/detail", "see https://flk.npc.gov.cn/api/detail"),
])
def test_without_paths(message, expected):
    assert without_paths(message, "/srv/ws") == expected


DRAFT = "某市人民政府关于物业管理的通知\n根据《中华人民共和国合同法》第六十条，现通知如下。"


@pytest.mark.parametrize("name, make", [("草案", "docx"), ("草案(1)", "pdf"), ("关于物业管理的通知.wps", "docx")])
def test_an_upload_whose_name_lost_its_suffix_is_read_by_its_bytes(client, tokens, name, make):
    # was 400 "草案: binary data, not text (contains NUL bytes)"
    pytest.importorskip("reportlab")
    from fazhi.crawlers.fixture_server import docx_bytes, pdf_bytes

    data = docx_bytes(DRAFT) if make == "docx" else pdf_bytes(DRAFT)
    r = client.post("/api/check/file", files={"file": (name, data)}, headers=auth(tokens["reviewer"]))
    assert r.status_code == 200, r.text
    d = r.json()
    assert d["title"] == "某市人民政府关于物业管理的通知" and "CITE_REPEALED" in {f["code"] for f in d["findings"]}


def test_an_image_upload_is_still_refused(client, tokens):
    r = client.post("/api/check/file", files={"file": ("草案", b"\x89PNG\r\n\x1a\n" + bytes(64))},
                    headers=auth(tokens["reviewer"]))
    assert r.status_code == 400 and r.json()["detail"].startswith("草案:")


# -- fazhi users / fazhi serve, as an admin types them ---------------------------------------------------------
def _cli(tmp_path, *args):
    from click.testing import CliRunner

    from fazhi.cli import cli

    return CliRunner().invoke(cli, ["--home", str(tmp_path), *args])


@pytest.mark.parametrize("name", ["", "   "])
def test_users_add_without_a_name_is_one_line(tmp_path, name):
    r = _cli(tmp_path, "users", "add", name, "--role", "mediator")
    # was a ValueError traceback
    assert r.exit_code == 1 and r.output.strip() == "fazhi: error: a user needs a name" and r.exception.code == 1


def test_a_name_typed_with_spaces_is_the_same_user(tmp_path):
    r = _cli(tmp_path, "users", "add", " 王调解员 ", "--role", "mediator")
    assert r.exit_code == 0 and r.output.startswith("user 王调解员 (mediator) token: ")
    assert _cli(tmp_path, "users", "add", "王调解员", "--role", "reviewer").exit_code == 0
    listed = json.loads(_cli(tmp_path, "users", "list", "--json").output)
    assert [(u["name"], u["role"]) for u in listed] == [("王调解员", "reviewer")]
    assert _cli(tmp_path, "users", "remove", "王调解员 ").exit_code == 0


@pytest.mark.parametrize("limit", ["0", "-1"])
def test_users_audit_limit_below_one_is_refused(tmp_path, limit):
    from fazhi.web.auth import UserStore
    from fazhi.workspace import Workspace

    users = UserStore.for_workspace(Workspace(tmp_path))
    for i in range(3):
        users.audit(None, "GET", f"/api/me/{i}", 401)
    r = _cli(tmp_path, "users", "audit", "--limit", limit)
    # LIMIT -1 is "no limit" to SQLite: the whole log scrolled past
    assert r.exit_code == 1 and r.output.strip() == f"fazhi: error: --limit must be at least 1, not {limit}"


def test_a_long_path_is_cut_in_the_audit_log(tmp_path):
    from fazhi.web.auth import UserStore

    users = UserStore(":memory:")
    users.audit(None, "GET", "/api/cases/" + "a" * 5000, 404)
    (rec,) = users.audit_log()
    assert len(rec["path"]) == 300 and rec["path"].endswith("…")


def test_serve_on_a_port_in_use_says_so_at_once(tmp_path):
    import socket

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        r = _cli(tmp_path, "serve", "--port", str(port))
    # was uvicorn's "[Errno 98] error while attempting to bind" after loading the models, exit code 3
    assert r.exit_code == 1
    assert r.output.strip() == (f"fazhi: error: cannot serve on 127.0.0.1:{port}: Address already in use; another "
                                "program (or fazhi serve) is using the port: choose another with --port")


def _chunks(megabytes: int, head: bytes = b"", tail: bytes = b""):
    yield head
    for _ in range(megabytes):
        yield b"x" * (1 << 20)
    yield tail


@pytest.mark.parametrize("path, ctype, head, tail", [
    ("/api/check", "application/json", b"", b""),
    ("/api/check/file", "multipart/form-data; boundary=xx",
     b'--xx\r\nContent-Disposition: form-data; name="file"; filename="draft.txt"\r\n\r\n', b"\r\n--xx--\r\n"),
])
def test_a_body_sent_in_chunks_is_cut_off_at_the_limit(client, tokens, path, ctype, head, tail):
    # without a Content-Length nothing refused it: 40 MB were read (or spooled) whole, then "There was an error
    # parsing the body" or a validation error
    r = client.post(path, content=_chunks(40, head, tail), headers={**auth(tokens["reviewer"]), "Content-Type": ctype})
    assert r.status_code == 413
    assert r.json() == {"detail": "the body is larger than 11 MB (sent in chunks, cut off there); a draft may have "
                                  "at most 10 MB"}


def test_a_small_body_sent_in_chunks_is_read(client, tokens):
    body = json.dumps({"text": "根据《中华人民共和国合同法》第六十条"}, ensure_ascii=False).encode()
    r = client.post("/api/check", content=iter([body[:10], body[10:]]),
                    headers={**auth(tokens["reviewer"]), "Content-Type": "application/json"})
    assert r.status_code == 200 and "CITE_REPEALED" in {f["code"] for f in r.json()["findings"]}


def test_a_damaged_index_is_503_saying_to_rebuild_it(web_workspace, tmp_path):
    # a search index whose records file is damaged (a disk that filled up while it was written) was a bare
    # text/plain "Internal Server Error" (sqlite3.DatabaseError) on every search and plan
    import shutil

    from fastapi.testclient import TestClient

    from fazhi.web.app import create_app
    from fazhi.web.auth import UserStore
    from fazhi.workspace import Workspace

    shutil.copytree(web_workspace.home, tmp_path / "ws")
    (tmp_path / "ws" / "index" / "dense" / "records.sqlite").write_bytes(b"not a database " * 100)
    for wal in (tmp_path / "ws" / "index" / "dense").glob("records.sqlite-*"):
        wal.unlink()
    users = UserStore(":memory:")
    token = users.add("王调解员", "mediator")
    client = TestClient(create_app(Workspace(tmp_path / "ws"), users), raise_server_exceptions=False)
    for path, body in (("/api/search", {"query": "楼上漏水"}), ("/api/plan", {"text": "楼上漏水，协商未果"})):
        r = client.post(path, json=body, headers=auth(token))
        assert r.status_code == 503, r.text
        assert r.json() == {"detail": "the workspace's search index cannot be read (DatabaseError: file is not a "
                                      "database); rebuild it with `fazhi index build`"}


def test_an_unexpected_failure_is_json_without_a_trace(tmp_path):
    # web.sqlite replaced while the server runs: the users table is gone. Starlette answered text/plain
    # "Internal Server Error"; the documented shape is {"detail"}
    import sqlite3

    from fastapi.testclient import TestClient

    from fazhi.web.app import create_app
    from fazhi.web.auth import UserStore
    from fazhi.workspace import Workspace

    users = UserStore(tmp_path / "web.sqlite")
    token = users.add("王调解员", "mediator")
    client = TestClient(create_app(Workspace(tmp_path / "ws"), users), raise_server_exceptions=False)
    with sqlite3.connect(tmp_path / "web.sqlite") as db:
        db.execute("DROP TABLE users")
    r = client.get("/api/me", headers=auth(token))
    assert r.status_code == 500 and r.headers["content-type"] == "application/json"
    assert r.json() == {"detail": "internal error (OperationalError); the server's log has the details"}
    assert "Traceback" not in r.text and str(tmp_path) not in r.text
