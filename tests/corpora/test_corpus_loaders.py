"""Loaders: every file type, every encoding, and the bad-input set (each loads or gives a one-line reason)."""
import io
import json
import os
import subprocess
import sys
import zipfile

import pytest

from fazhi.corpora.loaders import decode_bytes, ingest, load_bytes, load_path
from fazhi.corpora.store import Store
from fazhi.errors import UnreadableFile

LAW = "第一条 为了完善人民调解制度，规范人民调解活动，及时解决民间纠纷，维护社会和谐稳定，根据宪法，制定本法。\n第二条 本法所称人民调解，是指人民调解委员会通过说服、疏导等方法，促使当事人在平等协商基础上自愿达成调解协议，解决民间纠纷的活动。\n"
TRAD = "第一條 為了完善人民調解制度，規範人民調解活動，及時解決民間糾紛，維護社會和諧穩定，根據憲法，制定本法。"


@pytest.mark.parametrize("encoding,text", [
    ("utf-8", LAW), ("utf-8-sig", LAW), ("gbk", LAW), ("gb2312", LAW), ("gb18030", LAW), ("big5", TRAD),
    ("utf-16", LAW),
])
def test_decode_encodings(encoding, text):
    assert decode_bytes(text.encode(encoding), f"x.{encoding}") == text


@pytest.mark.parametrize("encoding", ["gbk", "gb2312", "big5"])
def test_short_text_encodings(encoding):
    s = "调解协议书" if encoding != "big5" else "調解協議書"
    assert decode_bytes(s.encode(encoding), "short.txt") == s


def test_html_meta_charset_and_visible_text():
    html = ('<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">'
            '<title>关于开展矛盾纠纷排查的通知</title><style>p{color:red}</style><script>var a="不要";</script></head>'
            '<body><div class="law-content"><p>各区司法局：</p><p>现将有关事项通知如下。</p></div>'
            '<noscript>请启用脚本</noscript></body></html>').encode("gbk")
    [d] = load_bytes(html, "notice.html")
    assert d.title == "关于开展矛盾纠纷排查的通知"
    assert d.text.splitlines() == ["各区司法局：", "现将有关事项通知如下。"]
    assert "不要" not in d.text and "color" not in d.text and "请启用脚本" not in d.text


def test_malformed_html_still_loads():
    [d] = load_bytes("<p>第一段<p>第二段<div><b>未闭合".encode(), "bad.html")
    assert d.text.splitlines() == ["第一段", "第二段", "未闭合"]


def test_docx_paragraphs_and_tables(tmp_path):
    import docx

    d = docx.Document()
    d.add_paragraph("人民调解协议书")
    d.add_paragraph("申请人：张某")
    t = d.add_table(rows=1, cols=2)
    t.rows[0].cells[0].text = "赔偿金额"
    t.rows[0].cells[1].text = "人民币伍万元"
    p = tmp_path / "a.docx"
    d.save(p)
    [doc] = load_path(p, kind="mediation")
    assert doc.text.splitlines() == ["人民调解协议书", "申请人：张某", "赔偿金额\t人民币伍万元"]
    assert doc.kind == "mediation" and doc.title == "人民调解协议书"


def make_pdf(path, pages):
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    c = canvas.Canvas(str(path))
    for text in pages:
        c.setFont("STSong-Light", 12)
        for i, line in enumerate(text.splitlines()):
            c.drawString(72, 720 - 18 * i, line)
        c.showPage()
    c.save()


def test_pdf_text_layer_and_pages_needing_ocr(tmp_path):
    p = tmp_path / "a.pdf"
    make_pdf(p, ["第一条 为了规范人民调解活动", "", "第二条 本法所称人民调解"])
    [doc] = load_path(p)
    assert "第一条 为了规范人民调解活动" in doc.text and "第二条" in doc.text
    assert doc.metadata["pages"] == 3 and doc.metadata["pages_needing_ocr"] == [2]


def test_pdf_without_text_layer_needs_ocr(tmp_path):
    p = tmp_path / "scan.pdf"
    make_pdf(p, ["", ""])
    with pytest.raises(UnreadableFile, match="needs OCR"):
        list(load_path(p))


def test_jsonl_and_csv_field_mapping(tmp_path):
    j = tmp_path / "posts.jsonl"
    j.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in [
        {"id": "p1", "content": "小区电梯坏了一个月没人修", "district": "西湖区", "date": "2024-05-01", "channel": "12345"},
        {"id": "p2", "content": "", "district": "上城区"},
        {"id": "p3", "content": "邻居装修噪音扰民", "district": "上城区", "date": "2024-05-02"},
    ]) + "\n{broken\n", encoding="utf-8")
    errors = []
    docs = list(load_path(j, kind="post", mapping={"text": "content"}, errors=errors))
    assert [(d.id, d.region, d.published, d.kind) for d in docs] == [
        ("p1", "西湖区", "2024-05-01", "post"), ("p3", "上城区", "2024-05-02", "post")]
    assert docs[0].metadata["channel"] == "12345"
    assert [e[0].rsplit(":", 1)[1] for e in errors] == ["2", "4"]
    c = tmp_path / "cases.csv"
    c.write_text("编号,标题,正文\nc1,借款纠纷,张某向李某借款五万元\n", encoding="gbk")
    [d] = load_path(c)
    assert (d.id, d.title, d.text) == ("c1", "借款纠纷", "张某向李某借款五万元")



def test_row_dates_written_other_ways_are_stored_as_iso(tmp_path):
    """A CSV exported from a spreadsheet has 2024/3/1 or 2024年3月5日; stored as given they sorted after
    2024-03-31, so `corpus list --since 2024-03-01 --until 2024-03-31` missed them."""
    c = tmp_path / "cases.csv"
    c.write_text("案件编号,案情,受理日期\nM1,张某与李某因漏水发生纠纷。,2024/3/1\nM2,夫妻因抚养费争执。,2024年3月5日\n"
                 "M3,邻居噪音纠纷。,2024-03-09 10:30:00\nM4,借款纠纷。,上月\n", encoding="gbk")
    s = Store(tmp_path / "s.sqlite")
    ingest([c], s, mapping={"id": "案件编号", "text": "案情", "published": "受理日期"}, workers=0)
    assert [d.id for d in s.iter(since="2024-03-01", until="2024-03-31")] == ["M1", "M2", "M3"]
    assert s.get("M1").published == "2024-03-01" and s.get("M1").metadata["published_given"] == "2024/3/1"
    assert s.get("M4").published == "上月"  # not a date: kept as given


@pytest.mark.parametrize("given, stored", [
    ("45352", "2024-03-01"),  # an Excel date cell saved as CSV
    ("2024年3月1号", "2024-03-01"),
    ("二〇二四年三月一日", "2024-03-01"),
    ("2024.3.1", "2024-03-01"),
    ("20240301", "2024-03-01"),
    ("2024-03-01T08:30:00+08:00", "2024-03-01"),
    ("2024-03-01", "2024-03-01"),
    ("2024-02-30", "2024-02-30"),  # not in the calendar: kept as given, like any other non-date
])
def test_row_dates_read_by_the_shared_parser(tmp_path, given, stored):
    c = tmp_path / "cases.csv"
    c.write_text(f"id,text,date\nM1,张某与李某因漏水发生纠纷。,{given}\n", encoding="utf-8")
    [d] = load_path(c)
    assert d.published == stored
    assert d.metadata.get("published_given") == (given if stored != given else None)



def test_jsonl_line_holding_a_json_string_is_reported_as_not_an_object(tmp_path):
    """A line holding a JSON string ("just a string") was reported with the string itself as the
    reason: the loader used str values to carry its own error messages."""
    j = tmp_path / "mixed.jsonl"
    j.write_text('{"text":"物业纠纷","id":"a"}\n"请尽快处理"\n{"text": broken\n[1,2]\n', encoding="utf-8")
    errors = []
    docs = list(load_path(j, errors=errors))
    assert [d.id for d in docs] == ["a"]
    reasons = dict(errors)
    assert reasons[f"{j}:2"] == "not a JSON object but a JSON string"
    assert reasons[f"{j}:3"].startswith("invalid JSON")
    assert reasons[f"{j}:4"] == "not a JSON object but a JSON array"



@pytest.mark.parametrize("title,text,kind", [
    # the facts paragraph of a judgment, without the court's name or case number (cjrc, CAIL-SCM style)
    ("", "经审理查明：原告刘某与被告刘某某原系夫妻关系，2009年经法院调解离婚，双方达成调解协议。", "judgment"),
    ("", "本院经审理认定事实如下：原告于2018年8月29日向被告投保了医疗责任保险。", "judgment"),
    ("", "公诉机关指控：2019年5月，被告人王某在某小区内窃取电动车一辆。", "judgment"),
    # a notice about mediation work is not a mediation dossier
    ("关于开展2024年度人民调解员培训工作的通知", "各街道司法所：为提升人民调解员业务能力，现就培训事项通知如下。", "other"),
    ("西湖区司法局关于人民调解工作的通报", "2024年一季度全区人民调解组织共调解纠纷1200件。", "other"),
    # a law that speaks of 人民调解 or of 本院 is still a law
    ("某省矛盾纠纷多元化解条例", "第一条 为了预防和化解矛盾纠纷，制定本条例。\n第二条 人民调解委员会依法调解民间纠纷，"
     "当事人可以达成调解协议。", "regulation"),
    ("人民检察院民事诉讼监督规则（试行）", "第一条 为了规范人民检察院民事诉讼监督。\n第二条 本院办理民事诉讼监督案件。",
     "regulation"),
    ("", "人民调解协议书\n当事人张某与李某因漏水发生纠纷，经调解自愿达成如下协议。", "mediation"),
])
def test_guess_kind_on_real_shapes_of_text(title, text, kind):
    """Judgment excerpts (经审理查明…) came out as other, or as mediation when they mentioned a 调解协议; a
    notice about 人民调解 work and laws about mediation came out as mediation; a 规定（试行） was not a law."""
    from fazhi.corpora.loaders import guess_kind

    assert guess_kind(text, title) == kind


BAD = {
    "empty.txt": (b"", "empty"),
    "random.txt": (os.urandom(20000), "binary|encoding"),
    "junk.docx": (None, "not a valid .docx"),
    "truncated.pdf": (None, "not a readable PDF"),
    "old.doc": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "legacy Word"),
}


def _bad_bytes(name, tmp_path):
    data, _ = BAD[name]
    if name == "junk.docx":
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w") as z:
            z.writestr("junk.bin", os.urandom(1000))
            z.writestr("word/document.xml", b"<not xml")
        return buf.getvalue()
    if name == "truncated.pdf":
        p = tmp_path / "full.pdf"
        make_pdf(p, [LAW] * 3)
        full = p.read_bytes()
        return full[: len(full) // 3]
    return data


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_input_gives_one_line_reason(name, tmp_path):
    p = tmp_path / name
    p.write_bytes(_bad_bytes(name, tmp_path))
    with pytest.raises(UnreadableFile) as e:
        list(load_path(p))
    msg = str(e.value)
    assert str(p) in msg and "\n" not in msg
    import re

    assert re.search(BAD[name][1], msg), msg


@pytest.mark.parametrize("name, data", [
    ("scan.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 40),
    ("photo.JPG", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 40),
    ("page.tif", "第一条　这是一张图片的文件名，内容却是文字。".encode("utf-8")),
])
def test_a_named_image_points_to_ocr(name, data, tmp_path):
    """An image named on the command line is no text (it used to fail as 'binary data' or, with text bytes,
    be stored as a document): one line that says `fazhi ocr` reads it."""
    p = tmp_path / name
    p.write_bytes(data)
    with pytest.raises(UnreadableFile) as e:
        list(load_path(p))
    msg = str(e.value)
    assert str(p) in msg and "fazhi ocr" in msg and "\n" not in msg


def test_batch_goes_on_past_bad_files(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    for name in BAD:
        (src / name).write_bytes(_bad_bytes(name, tmp_path))
    (src / "good.txt").write_text(LAW, encoding="utf-8")
    (src / "gbk.txt").write_bytes(TRAD.replace("條", "条").encode("gb18030"))
    store = Store(tmp_path / "s.sqlite")
    report = ingest([src, tmp_path / "missing"], store)
    assert report.added == 2 and report.failed == len(BAD) + 1
    failed = {os.path.basename(f) for f, _ in report.failures}
    assert failed == set(BAD) | {"missing"}
    # nothing already stored is lost by a later bad batch
    report2 = ingest([src], store)
    assert report2.unchanged == 2 and len(store) == 2


# the peak is this process's VmHWM: ru_maxrss survives exec, so under a big pytest process it reports the parent's
MEM_SCRIPT = r"""
import re, sys
from fazhi.corpora.loaders import ingest
from fazhi.corpora.store import Store
r = ingest([sys.argv[1]], Store(sys.argv[2]))
assert r.failed == 0, r.failures
print(int(re.search(r"VmHWM:\s*(\d+)", open("/proc/self/status").read()).group(1)) // 1024, r.documents)
"""


def _peak_mb(path, tmp_path, tag):
    out = subprocess.run([sys.executable, "-c", MEM_SCRIPT, str(path), str(tmp_path / f"{tag}.sqlite")],
                         capture_output=True, text=True, check=True).stdout.split()
    return int(out[0]), int(out[1])


def test_50mb_text_file_is_streamed_with_flat_memory(tmp_path):
    line = ("经审理查明：原告与被告系邻居关系，因排水管道漏水发生纠纷，双方协商未果，原告诉至本院。" * 3 + "\n").encode("gbk")
    small, big = tmp_path / "small.txt", tmp_path / "big.txt"
    small.write_bytes(line * (1_000_000 // len(line)))
    with big.open("wb") as fh:
        for _ in range(51):
            fh.write(line * (1_000_000 // len(line)))
    assert big.stat().st_size >= 50_000_000
    peak_small, parts_small = _peak_mb(small, tmp_path, "s")
    peak_big, parts_big = _peak_mb(big, tmp_path, "b")
    assert parts_small == 1 and parts_big >= 15
    # fifty times the data, about the same peak memory (holding 50 MB as text would add > 100 MB)
    assert peak_big - peak_small < 40, (peak_small, peak_big)
