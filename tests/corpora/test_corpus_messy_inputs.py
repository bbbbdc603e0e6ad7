"""Corpus import on messy real-world files: each bad row or file gets one line naming it and the reason, the
batch goes on, and nothing stored is lost."""
import codecs
import json
import re

import pytest

from fazhi.corpora.loaders import ingest, load_bytes, load_path
from fazhi.corpora.store import Store
from fazhi.errors import UnreadableFile


def jsonl(*rows) -> bytes:
    return ("\n".join(r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in rows) + "\n").encode()


# (file name, bytes, ids loaded, [(where, reason regex)] of the rows reported)
ROWS = [
    ("bom.csv", codecs.BOM_UTF8 + "id,text\na1,张某与李某因漏水发生纠纷。\n".encode(), ["a1"], []),
    ("gbk.csv", "编号,正文\ng1,邻居装修噪音扰民。\n".encode("gbk"), ["g1"], []),
    ("short_gbk.csv", "id,text\nc1,张某与李某漏水纠纷。\nc2,王某拖欠工资。\n".encode("gbk"), ["c1", "c2"], []),
    ("semicolon.csv", "id;text\ns1;分号分隔\ns2;第二行\n".encode(), ["s1", "s2"], []),
    ("tab.csv", "id\ttext\nt1\t制表符分隔，带逗号\n".encode(), ["t1"], []),
    ("spaced_header.csv", " id , text \nh1,列名带空格\n".encode(), ["h1"], []),
    ("ragged.csv", "id,text\nr1,正常\nr2,多了,一列\nr3,也正常\n".encode(), ["r1", "r3"],
     [(":3", r"3 values where the header has 2 \(an unquoted comma in a value\?\)")]),
    ("multiline.csv", 'id,text\nm1,"第一行\n第二行"\nm2,\n'.encode(), ["m1"], [(":4", "no text field|blank")]),
    ("trailing_blank.jsonl", jsonl({"id": "b1", "text": "甲"}) + b"\n\n  \n", ["b1"], []),
    ("bad_middle.jsonl", jsonl({"id": "j1", "text": "甲"}, "{broken", {"id": "j3", "text": "丙"}), ["j1", "j3"],
     [(":2", r"invalid JSON \(.* at column 2\)")]),
    ("line_separator.jsonl", jsonl({"id": "u1", "text": "第一段\u2028第二段\x85第三段"}, {"id": "u2", "text": "乙"}),
     ["u1", "u2"], []),
    ("dup_ids.jsonl", jsonl({"id": "d1", "text": "第一份"}, {"id": "d1", "text": "第一份"}, {"id": "d1", "text": "另一份"}),
     ["d1", "d1"], [(":3", r"id 'd1' is used by line 1 too, with another text")]),  # a repeat is harmless
    ("types.jsonl", jsonl({"id": "x1", "text": ["列表"]}, {"id": "x2", "text": "正文", "title": {"a": 1}},
                          {"id": "x3", "text": "正文三", "region": ["西湖区"]}, {"id": "x4", "text": "  "},
                          {"id": 5, "text": "数字id", "date": 20240301}),
     ["5"], [(":1", "'text' must be a string, not a JSON array"),
             (":2", "'title' must be a string or number, not a JSON object"),
             (":3", "'region' must be a string or number, not a JSON array"), (":4", r"the text field is blank \('text'\)")]),
    ("pretty.json", json.dumps({"id": "p1", "text": "一个对象，分多行写"}, ensure_ascii=False, indent=2).encode(), ["p1"], []),
    ("lines.json", jsonl({"id": "l1", "text": "甲"}, {"id": "l2", "text": "乙"}), ["l1", "l2"], []),
]


@pytest.mark.parametrize("name, data, ids, reported", ROWS, ids=[r[0] for r in ROWS])
def test_rows(tmp_path, name, data, ids, reported):
    p = tmp_path / name
    p.write_bytes(data)
    errors = []
    docs = list(load_path(p, errors=errors))
    assert [d.id for d in docs] == ids
    assert len(errors) == len(reported), errors
    for (where, reason), (want_where, want_reason) in zip(errors, reported):
        assert where == f"{p}{want_where}" and re.search(want_reason, reason), (where, reason)
        assert "\n" not in reason


@pytest.mark.parametrize("text, encoding", [
    ("id,text,date\nc1,张某与李某漏水纠纷。,2024/3/1\nc2,王某拖欠工资。,2024/3/2\n", "gbk"),  # was read as Thai
    ("张三诉李四借款纠纷", "gbk"),  # was read as Korean
    ("id,text\nc1,赵某拖欠货款\n", "gb18030"),  # was read as UTF-16
    ("대한민국 헌법 제1조 대한민국은 민주공화국이다 모든 권력은 국민으로부터 나온다", "euc_kr"),
    ("日本国憲法 第一条 天皇は、日本国の象徴であり日本国民統合の象徴であつて", "euc_jp"),
])
def test_short_texts_decode_right(text, encoding):
    from fazhi.corpora.loaders import decode_bytes

    assert decode_bytes(text.encode(encoding), "x.csv") == text


def test_texts_are_whole():
    """What a row holds is read whole: a U+2028 inside a JSON string (json.dumps(ensure_ascii=False)
    writes it raw) cut the row in two with str.splitlines."""
    [line_sep] = [r for r in ROWS if r[0] == "line_separator.jsonl"]
    assert "\u2028".encode() in line_sep[1]
    [doc, _] = load_bytes(line_sep[1], "x.jsonl")
    assert doc.text == "第一段\u2028第二段\x85第三段"


# whole files that cannot give any document: one line each
FILES = [
    ("header_only.csv", b"id,text\n", "no rows under the header"),
    ("no_text_column.csv", "编号,案由\n1,借款\n2,物业\n".encode(), r"no text column \(tried text, .*; the header has: 编号, 案由\)"),
    ("mapped_missing.csv", "编号,案情\n1,借款\n".encode(), r"no text column \(tried 内容, text, .*; the header has: 编号, 案情\)"),
    ("empty_array.json", b"[]", "an empty JSON array"),
    ("blank.jsonl", b"\n\n  \n", "empty file"),
    ("broken_array.json", b'[{"text": "a"},', "invalid JSON"),
]


@pytest.mark.parametrize("name, data, reason", FILES, ids=[f[0] for f in FILES])
def test_files_without_documents(tmp_path, name, data, reason):
    p = tmp_path / name
    p.write_bytes(data)
    with pytest.raises(UnreadableFile) as e:
        list(load_path(p, errors=[], mapping={"text": "内容"} if name == "mapped_missing.csv" else None))
    assert str(e.value).startswith(f"{p}: ") and "\n" not in str(e.value)
    assert re.search(reason, e.value.reason), e.value.reason


def test_csv_without_a_text_column_is_one_failure_not_one_per_row(tmp_path):
    p = tmp_path / "cases.csv"
    p.write_text("编号,案由\n" + "".join(f"{i},借款\n" for i in range(500)), encoding="utf-8")
    report = ingest([p], Store(":memory:"), workers=0)
    assert report.failed == 1 and report.failures[0][0] == str(p)


# -- DOCX ----------------------------------------------------------------------------------------
def _element(tag, text=None, *children):
    from docx.oxml import OxmlElement

    el = OxmlElement(tag)
    if text is not None:
        el.text = text
    for c in children:
        el.append(c)
    return el


def _run(text, tag="w:t"):
    return _element("w:r", None, _element(tag, text))


def test_docx_merged_and_nested_tables_content_controls_and_tracked_changes(tmp_path):
    docx = pytest.importorskip("docx", reason="python-docx reads .docx")
    d = docx.Document()
    d.add_paragraph("人民调解协议书")
    t = d.add_table(rows=3, cols=3)
    t.cell(0, 0).merge(t.cell(0, 2)).text = "当事人情况"  # one cell over three columns
    for i, v in enumerate(["申请人", "张某", "男"]):
        t.cell(1, i).text = v
    t.cell(2, 0).text = "附表"
    inner = t.cell(2, 1).add_table(rows=1, cols=2)
    inner.cell(0, 0).text, inner.cell(0, 1).text = "赔偿金额", "伍万元"
    body = d.element.body
    body.insert(len(body) - 1, _element("w:sdt", None, _element("w:sdtContent", None,
                                                                _element("w:p", None, _run("内容控件里的调解结果")))))
    p = d.add_paragraph("双方自愿达成协议")
    p._p.append(_element("w:ins", None, _run("，并当场履行")))
    p._p.append(_element("w:del", None, _run("，分期履行", tag="w:delText")))
    p.add_run("。")
    path = tmp_path / "a.docx"
    d.save(path)
    [doc] = load_path(path)
    assert doc.text.splitlines() == ["人民调解协议书", "当事人情况", "申请人\t张某\t男", "附表\t赔偿金额\t伍万元",
                                     "内容控件里的调解结果", "双方自愿达成协议，并当场履行。"]


def test_docx_and_pdf_in_a_batch_with_bad_files(tmp_path):
    docx = pytest.importorskip("docx", reason="python-docx writes the .docx")
    pytest.importorskip("reportlab", reason="reportlab (test extra) writes the PDF")
    from tests.corpora.test_corpus_loaders import make_pdf

    src = tmp_path / "in"
    src.mkdir()
    d = docx.Document()
    d.add_paragraph("第一条 为了规范人民调解活动")
    d.save(src / "a.docx")
    make_pdf(src / "b.pdf", ["第二条 本法所称人民调解"])
    (src / "c.pdf").write_bytes((src / "b.pdf").read_bytes()[:200])
    (src / "d.docx").write_bytes(b"PK\x03\x04 not really a zip")
    (src / "e.jsonl").write_bytes(jsonl({"id": "e1", "text": "甲"}, "{bad", {"id": "e3", "text": "丙"}))
    store = Store(tmp_path / "s.sqlite")
    report = ingest([src], store, workers=0)
    assert report.added == 4 and report.failed == 3
    assert sorted(f.rsplit("/", 1)[1] for f, _ in report.failures) == ["c.pdf", "d.docx", "e.jsonl:2"]
    assert all("\n" not in r for _, r in report.failures)


# -- re-import -----------------------------------------------------------------------------------
def test_reimport_of_changed_files_keeps_every_text(tmp_path):
    md = tmp_path / "办法.md"
    md.write_text("# 某市物业管理办法\n\n第一条 为了规范物业管理，制定本办法。\n", encoding="utf-8")
    csv_ = tmp_path / "cases.csv"
    csv_.write_text("id,text,date\nc1,张某与李某漏水纠纷。,2024/3/1\nc2,王某拖欠工资。,2024/3/2\n", encoding="gbk")
    store = Store(tmp_path / "s.sqlite")
    first = ingest([md, csv_], store, workers=0)
    assert (first.added, first.failed) == (3, 0)
    md_id = next(d.id for d in store.iter() if d.source.endswith("办法.md"))

    md.write_text("# 某市物业管理办法\n\n第一条 为了规范物业管理，维护业主权益，制定本办法。\n", encoding="utf-8")
    csv_.write_text("id,text,date\nc1,张某与李某漏水纠纷，已调解。,2024/3/1\n", encoding="utf-8")  # c2 left out
    second = ingest([md, csv_], store, workers=0)
    assert (second.updated, second.added, second.failed) == (2, 0, 0)
    assert "维护业主权益" in store.get(md_id).text
    assert [v["text"] for v in store.versions(md_id)] == ["# 某市物业管理办法\n\n第一条 为了规范物业管理，制定本办法。\n"]
    assert [v["text"] for v in store.versions("c1")] == ["张某与李某漏水纠纷。"]
    assert store.get("c2").text == "王某拖欠工资。"  # a row left out of the new file is not deleted

    md.write_bytes(b"\x00\x01\x02" * 100)  # the file is damaged now: reported, the stored text stays
    csv_.write_text("id,text\nc1,张某与李某漏水纠纷，已调解。\nc1,另一个案件的文本\n", encoding="utf-8")
    third = ingest([md, csv_], store, workers=0)
    assert third.failed == 2 and third.unchanged == 1
    assert "维护业主权益" in store.get(md_id).text and store.get("c1").text == "张某与李某漏水纠纷，已调解。"
    assert len(store) == 3


def test_one_map_for_several_files_falls_back_to_the_usual_names(tmp_path):
    # fazhi ingest ./cases.jsonl ./judgments.jsonl --map text=content: the map names the column of one file; the
    # other file's "text" is read as usual (each of its rows used to fail with "no text field (tried content)")
    a, b = tmp_path / "cases.jsonl", tmp_path / "judgments.jsonl"
    a.write_text('{"id": "c1", "content": "楼上漏水", "text": "摘要"}\n', encoding="utf-8")
    b.write_text('{"id": "j1", "text": "原告诉称被告借款未还"}\n', encoding="utf-8")
    errors = []
    docs = [d for p in (a, b) for d in load_path(p, errors=errors, mapping={"text": "content"})]
    assert errors == [] and [d.text for d in docs] == ["楼上漏水", "原告诉称被告借款未还"]
