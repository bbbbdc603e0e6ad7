"""Edges of the JSON API found by using the page: numbers cut off at a snippet's ends, and the rank and date
of an uploaded draft."""
import pytest

from conftest import auth
from test_web_api import DRAFT

from fazhi.web.app import hide_cut_numbers

ID = "31011219850722993X"


@pytest.mark.parametrize("snippet,text,expected", [
    ("男，身份证号码3101121985", f"男，身份证号码{ID}，住", "男，身份证号码**********"),
    ("联系电话138000", "联系电话13800002032，住", "联系电话******"),
    ("0722993X，联系电话", f"号码{ID}，联系电话", "********，联系电话"),
    ("赔偿3200元", "赔偿3200元", "赔偿3200元"),  # whole numbers are the masker's business
    ("2022年9月5日申请", "于2022年9月5日申请调解", "2022年9月5日申请"),  # not cut: a letter before it
    ("住\n上海", "住\n上海", "住\n上海"),  # not found as it is: left alone
])
def test_hide_cut_numbers(snippet, text, expected):
    assert hide_cut_numbers(snippet, text) == expected


def test_a_number_cut_by_the_snippet_window_does_not_reach_a_mediator(tmp_path):
    """The snippet window can end inside an ID number; its first digits (region and birth date) are not
    recognised by the masker any more and reached mediators as they were. A real index over one case whose
    120-character snippet ends eleven digits into the ID, searched through the real API."""
    from fastapi.testclient import TestClient

    from fazhi.document import Document
    from fazhi.index.hybrid import build_index
    from fazhi.web.app import create_app
    from fazhi.web.auth import UserStore
    from fazhi.workspace import Workspace

    text = ("装修噪音纠纷调解。申请人反映楼上装修噪音扰民。调解员于次日上门了解情况，双方各自陈述了理由，"
            "调解员向双方说明相邻关系的法律规定并提出了调解方案，双方同意在社区调解室再次面谈一次，并签了字据。"
            f"当事人钱国栋，男，身份证号码{ID}，住杭州市西湖区。双方达成协议，钱国栋按时停工。")
    ws = Workspace(tmp_path / "ws")
    store = ws.store()
    store.add(Document(id="med-cut", kind="mediation", title="装修噪音纠纷", text=text))
    store.close()
    build_index(ws, kinds=["mediation"], model="use-m3")
    users = UserStore.for_workspace(ws)
    client = TestClient(create_app(ws, users))
    for role, shown in (("mediator", False), ("admin", True)):
        r = client.post("/api/search", json={"query": "装修噪音"}, headers=auth(users.add(f"测试{role}", role)))
        assert r.status_code == 200
        snippet = r.json()["hits"][0]["snippet"]
        assert "身份证号码" in snippet and ID not in snippet  # the window does cut the number
        assert (ID[:10] in snippet) is shown, snippet
        if not shown:
            assert snippet.endswith("*" * 10) and "钱国栋" not in snippet


def test_uploaded_draft_is_checked_with_the_rank_and_date_given(client, tokens):
    """The page's rank and date fields were ignored for an uploaded file: the draft was always checked with
    the rank and date detected in it."""
    files = {"file": ("草稿.txt", DRAFT.encode("gb18030"))}
    h = auth(tokens["reviewer"])
    detected = client.post("/api/check/file", files=files, headers=h).json()
    assert detected["date"] == "2024-03-01" and "CITE_REPEALED" in {f["code"] for f in detected["findings"]}
    r = client.post("/api/check/file", files=files, data={"date": "2020-06-01", "kind": "地方政府规章"}, headers=h)
    assert r.status_code == 200, r.text
    given = r.json()
    assert given["date"] == "2020-06-01" and given["kind"] == "地方政府规章"
    assert "CITE_REPEALED" not in {f["code"] for f in given["findings"]}  # 合同法 was in force in 2020
    assert given["text"] == detected["text"]
    for data in ({"date": "2024-02-30"}, {"date": "昨天"}, {"kind": "通知"}):
        r = client.post("/api/check/file", files=files, data=data, headers=h)
        assert r.status_code == 422 and isinstance(r.json()["detail"], list), (data, r.text)
