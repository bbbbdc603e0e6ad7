import json
import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fazhi.corpora.store import Store
from fazhi.document import KINDS, Citation, Document, Span


def doc(text, **kw):
    return Document(text=text, **kw)


def test_add_update_version_and_dedup(tmp_path):
    s = Store(tmp_path / "s.sqlite")
    assert s.add(doc("第一条 原文", source="u1")).status == "added"
    assert s.add(doc("第一条 原文", source="u1")).status == "unchanged"
    # same text from another source is a duplicate of the first
    r = s.add(doc("第一条 原文", source="u2"))
    assert (r.status, r.id) == ("duplicate", doc("", source="u1").id)
    assert s.add(doc("第一条 修改后", source="u1", title="新")).status == "updated"
    d = s.get(doc("", source="u1").id)
    assert d.text == "第一条 修改后" and d.title == "新"
    vs = s.versions(d.id)
    assert [v["text"] for v in vs] == ["第一条 原文"]
    assert vs[0]["valid_to"] and s.version_info(d.id)["version"] == 2
    assert len(s) == 1


def test_filters_and_delete(tmp_path):
    s = Store(tmp_path / "s.sqlite")
    s.add(doc("甲", kind="post", region="西湖区", published="2024-01-02", source="a"))
    s.add(doc("乙", kind="post", region="上城区", published="2024-02-02", source="b"))
    s.add(doc("丙", kind="mediation", region="西湖区", published="2024-03-02", source="c"))
    assert [d.text for d in s.iter(kind="post")] == ["甲", "乙"]
    assert [d.text for d in s.iter(region="西湖区")] == ["甲", "丙"]
    assert [d.text for d in s.iter(since="2024-02-01", until="2024-02-28")] == ["乙"]
    assert s.count(kind="post", region="西湖区") == 1
    assert s.delete(doc("", source="a").id) and not s.delete("nope")
    assert len(s) == 2 and s.stats()["by_kind"] == {"post": 1, "mediation": 1}


def test_annotations_stored_with_document(tmp_path):
    s = Store(tmp_path / "s.sqlite")
    d = doc("依照《民法典》第五条", source="x")
    s.add(d)
    d.add_span("citation", Citation(start=2, end=10, text="《民法典》第五条", law="中华人民共和国民法典", article=5))
    s.set_annotations(d)
    got = s.get(d.id).spans["citation"][0]
    assert isinstance(got, Citation) and got.article == 5 and got.start == 2


texts = st.text(alphabet=st.characters(categories=("Lo", "Nd", "Zs", "Po", "Ll")), max_size=60)


@st.composite
def documents(draw):
    text = draw(texts)
    d = Document(text=text, id=draw(st.text(alphabet="abcdef0123456789-", min_size=1, max_size=12)),
                 kind=draw(st.sampled_from(KINDS)), title=draw(texts), region=draw(st.none() | texts),
                 published=draw(st.none() | st.dates().map(str)),
                 metadata=draw(st.dictionaries(st.text(max_size=5), st.integers() | texts, max_size=3)))
    if text:
        a = draw(st.integers(0, len(text)))
        b = draw(st.integers(a, len(text)))
        d.add_span("entity", Span(start=a, end=b, text=text[a:b], label="X", norm=draw(st.none() | st.integers())))
    return d


@settings(max_examples=60, deadline=None)
@given(st.lists(documents(), max_size=6, unique_by=lambda d: d.id))
def test_export_import_round_trip(docs):
    import io

    a = Store(":memory:")
    for d in docs:
        a.add(d, dedup=False)
    out = io.StringIO()
    a.export_jsonl(out)
    b = Store(":memory:")
    counts = b.import_jsonl(io.StringIO(out.getvalue()))
    assert counts["added"] == len(docs)
    out2 = io.StringIO()
    b.export_jsonl(out2)
    assert out2.getvalue() == out.getvalue()
    assert [x.id for x in b.iter()] == [d.id for d in docs]
    for d in docs:
        assert b.get(d.id) == d


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=80), st.data())
def test_span_offsets_invariant(text, data):
    a = data.draw(st.integers(0, len(text)))
    b = data.draw(st.integers(a, len(text)))
    d = Document(text=text)
    s = d.add_span("x", Span(start=a, end=b, text=text[a:b], label="L"))
    assert d.text[s.start:s.end] == s.text
    if b > a:
        with pytest.raises(ValueError):
            other = "".join("b" if ch == "a" else "a" for ch in text[a:b])  # differs everywhere (text may hold \x00)
            d.add_span("x", Span(start=a, end=b, text=other, label="L"))


KILL_SCRIPT = r"""
import sys
from fazhi.corpora.loaders import ingest
from fazhi.corpora.store import Store
ingest([sys.argv[1]], Store(sys.argv[2]), batch_size=20)
"""


def test_killed_ingest_keeps_committed_documents(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    n = 4000
    for i in range(n):
        (src / f"{i:05d}.txt").write_text(f"第{i}号文件\n" + "调解协议内容。" * 200, encoding="utf-8")
    db = tmp_path / "s.sqlite"
    proc = subprocess.Popen([sys.executable, "-c", KILL_SCRIPT, str(src), str(db)])
    deadline = time.time() + 60
    count = 0
    while time.time() < deadline:
        time.sleep(0.05)
        try:
            con = sqlite3.connect(db, timeout=1)
            count = con.execute("SELECT count(*) FROM documents").fetchone()[0]
            con.close()
        except sqlite3.OperationalError:
            continue
        if count >= 100:
            break
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert 100 <= count < n, "the ingest should have been killed midway"
    s = Store(db)
    assert s._db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    stored = list(s.iter())
    assert len(stored) >= count
    for d in stored:  # every committed document is complete
        name = d.source.rsplit("/", 1)[-1]
        assert d.text == (src / name).read_text(encoding="utf-8")
    # a second ingest completes the job without storing anything twice
    from fazhi.corpora.loaders import ingest

    r = ingest([src], s)
    assert r.added == n - len(stored) and r.unchanged == len(stored) and len(s) == n


def test_reingest_of_unchanged_file_keeps_annotations_and_given_region(tmp_path):
    """Re-running `fazhi ingest` on an unchanged folder wiped the entities a later stage had stored and
    the --region given the first time: the loader's copy has neither, and it replaced the stored row."""
    from fazhi.corpora.loaders import ingest

    f = tmp_path / "协议.txt"
    f.write_text("人民调解协议书\n当事人张某与李某因漏水发生纠纷。", encoding="utf-8")
    s = Store(tmp_path / "s.sqlite")
    ingest([f], s, region="西湖区", workers=0)
    d = next(iter(s))
    d.add_span("entity", Span(start=11, end=13, text=d.text[11:13], label="PERSON"))
    s.set_annotations(d)
    r = ingest([f], s, workers=0)
    assert r.unchanged == 1
    got = s.get(d.id)
    assert [x.text for x in got.spans["entity"]] == ["张某"]
    assert got.region == "西湖区"
    # a region given now still wins, and a changed text drops the old offsets
    ingest([f], s, region="上城区", workers=0)
    assert s.get(d.id).region == "上城区" and "entity" in s.get(d.id).spans
    f.write_text("人民调解协议书\n当事人王某与李某因噪音发生纠纷。", encoding="utf-8")
    assert ingest([f], s, workers=0).updated == 1
    assert "entity" not in s.get(d.id).spans


def test_import_replaces_the_stored_document_exactly(tmp_path):
    import io

    s = Store(tmp_path / "s.sqlite")
    d = doc("依照《民法典》第五条", source="x", region="西湖区")
    d.add_span("citation", Citation(start=2, end=10, text="《民法典》第五条", law="中华人民共和国民法典", article=5))
    s.add(d)
    line = json.dumps(doc("依照《民法典》第五条", source="x").to_dict(), ensure_ascii=False)
    assert s.import_jsonl(io.StringIO(line + "\n"))["unchanged"] == 1
    assert s.get(d.id) == doc("依照《民法典》第五条", source="x")


def test_import_refuses_a_span_that_does_not_match_the_text(tmp_path):
    """An edited export line whose span no longer matches the text was imported silently, and the span
    came back with whatever text now stood at its offsets (王五 became 张三)."""
    import io

    good = doc("张三与李四纠纷", id="ok", kind="mediation")
    good.add_span("entity", Span(start=0, end=2, text="张三", label="PERSON"))
    bad = good.to_dict()
    bad["id"] = "bad"
    bad["spans"]["entity"][0]["text"] = "王五"
    lines = [json.dumps(bad, ensure_ascii=False), json.dumps(good.to_dict(), ensure_ascii=False)]
    s = Store(":memory:")
    errors: list = []
    counts = s.import_jsonl(io.StringIO("\n".join(lines) + "\n"), source="x.jsonl", errors=errors)
    assert (counts["added"], counts["failed"]) == (1, 1)
    assert errors[0].startswith("x.jsonl:1:") and "王五" in errors[0]
    assert "bad" not in s and s.get("ok") == good


@pytest.mark.parametrize("field,value,word", [("metadata", [1, 2], "'metadata' must be a JSON object, not a JSON array"),
                                              ("spans", "x", "'spans' must be a JSON object"),
                                              ("offset_map", {"a": 1}, "'offset_map' must be a JSON array")])
def test_import_names_a_field_of_the_wrong_json_type(field, value, word):
    import io
    line = json.dumps({"id": "m1", "text": "张三与李四纠纷", "kind": "mediation", field: value}, ensure_ascii=False)
    errors: list = []
    counts = Store(":memory:").import_jsonl(io.StringIO(line + "\n"), source="x.jsonl", errors=errors)
    assert counts["failed"] == 1 and errors[0].startswith("x.jsonl:1:") and word in errors[0], errors


def _history_store():
    """Two documents: one with three texts over time (annotations on the first), one never changed."""
    s = Store(":memory:")
    first = doc("第一条 原文", source="law.md", title="某办法", region="西湖区", published="2020-01-01",
                metadata={"status": "有效"})
    first.add_span("article", Span(start=0, end=3, text="第一条", label="article"))
    s.add(first)
    s.add(doc("第一条 第一次修改", source="law.md", title="某办法（2022修正）", region="西湖区",
              published="2020-01-01"))
    s.add(doc("第一条 第二次修改", source="law.md", title="某办法（2024修正）", region="西湖区",
              published="2020-01-01"))
    s.add(doc("第一条 从未修改", source="other.md"))
    return s


def test_export_all_versions():
    import io

    s = _history_store()
    law_id = doc("", source="law.md").id
    plain, full = io.StringIO(), io.StringIO()
    assert s.export_jsonl(plain) == 2
    assert s.export_jsonl(full, all_versions=True) == 4
    rows = [json.loads(line) for line in full.getvalue().splitlines()]
    assert [(r["id"] == law_id, r["version"], r["text"]) for r in rows] == [
        (True, 1, "第一条 原文"), (True, 2, "第一条 第一次修改"), (True, 3, "第一条 第二次修改"), (False, 1, "第一条 从未修改")]
    v1 = rows[0]
    assert (v1["title"], v1["region"], v1["published"], v1["metadata"]) == ("某办法", "西湖区", "2020-01-01",
                                                                           {"status": "有效"})
    assert v1["spans"]["article"][0]["text"] == "第一条"
    assert v1["valid_to"] == rows[1]["valid_from"] and rows[2]["valid_to"] is None and rows[3]["valid_to"] is None
    # the current lines are the plain export's lines plus the version keys
    current = [{k: v for k, v in r.items() if k not in ("version", "valid_from", "valid_to")} for r in rows
               if r["valid_to"] is None]
    assert current == [json.loads(line) for line in plain.getvalue().splitlines()]
    assert [r["id"] for r in rows if r["valid_to"] is None] == [d.id for d in s.iter()]
    only = io.StringIO()
    assert s.export_jsonl(only, all_versions=True, source_prefix="other") == 1


def test_all_versions_round_trip_and_reimport_is_idempotent():
    import io

    a = _history_store()
    out = io.StringIO()
    a.export_jsonl(out, all_versions=True)
    b = Store(":memory:")
    counts = b.import_jsonl(io.StringIO(out.getvalue()), source="all.jsonl")
    assert (counts["added"], counts["earlier_versions"], counts["failed"]) == (2, 2, 0)
    again = io.StringIO()
    b.export_jsonl(again, all_versions=True)
    assert again.getvalue() == out.getvalue()
    # importing the same export again, into the copy or the original, changes nothing
    for store in (a, b):
        counts = store.import_jsonl(io.StringIO(out.getvalue()))
        assert (counts["unchanged"], counts["earlier_versions"], counts["updated"]) == (4, 0, 0)
        check = io.StringIO()
        store.export_jsonl(check, all_versions=True)
        assert check.getvalue() == out.getvalue()


def test_import_of_a_history_onto_a_diverged_document_keeps_every_text():
    """The target store has its own text for the id: the imported history goes in, the target's text
    becomes an earlier version when the imported current replaces it, and nothing is overwritten."""
    import io

    a = _history_store()
    out = io.StringIO()
    a.export_jsonl(out, all_versions=True, source_prefix="law")
    b = Store(":memory:")
    b.add(doc("第一条 另一个库里的文本", source="law.md"))
    counts = b.import_jsonl(io.StringIO(out.getvalue()))
    assert (counts["earlier_versions"], counts["updated"]) == (2, 1)
    law_id = doc("", source="law.md").id
    texts = [v["text"] for v in b.versions(law_id)] + [b.get(law_id).text]
    assert sorted(texts) == sorted(["第一条 原文", "第一条 第一次修改", "第一条 另一个库里的文本", "第一条 第二次修改"])
    assert texts[-1] == "第一条 第二次修改"
    numbers = [v["version"] for v in b.versions(law_id)]
    assert numbers == sorted(set(numbers)) and b.version_info(law_id)["version"] > numbers[-1]


def test_a_new_store_opens_while_another_process_writes_it(tmp_path):
    # SQLite refuses a journal-mode change at once ("database is locked") while another connection writes, and
    # two crawler processes opening one new store at the same moment failed so (tests/cluster)
    import sqlite3
    import threading
    import time

    path = tmp_path / "store.sqlite"
    other = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    other.execute("CREATE TABLE warmup(x)")
    other.execute("BEGIN IMMEDIATE")
    other.execute("INSERT INTO warmup VALUES (1)")
    opened, errors = [], []

    def open_store():
        try:
            opened.append(Store(path))
        except Exception as e:  # noqa: BLE001 - the test reports it
            errors.append(e)

    t = threading.Thread(target=open_store)
    t.start()
    time.sleep(0.3)
    other.execute("COMMIT")
    t.join(10)
    assert not errors, errors
    assert opened and opened[0]._db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    opened[0].close()
    other.close()
