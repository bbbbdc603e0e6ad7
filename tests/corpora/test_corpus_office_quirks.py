"""What an office's folder holds, dropped into `fazhi ingest` (audit 3): Word files with 修订, 批注, fields,
articles in tables and soft line breaks; RTF and web pages saved with a .doc name; OLE .doc/.wps named
plainly; PDFs and copied texts with Kangxi radicals and zero-width characters; wrong charsets; a zip of
laws from Chinese Windows; a hotline export in .xlsx; Word's lock files; GBK file names; a 30 MB text with
CR line ends. The small files and their key are in tests/fixtures/corpora/audit3 (key.json was written
before the first run; benchmarks/ingest_audit3.py prints the score)."""
import io
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from fazhi.corpora.loaders import (clean_text, data_kind, decode_bytes, ingest, load_bytes, load_path, rtf_to_text,
                                   title_from_text)
from fazhi.corpora.store import Store
from fazhi.corpora.structure import describe
from fazhi.errors import UnreadableFile
from tests.corpora.office_quirks_key import DIR, check_file, folder_batch, load_key

KEY = load_key()


@pytest.fixture
def no_libreoffice(monkeypatch, tmp_path):
    """The key's OLE files (.doc, .wps, a .doc named .docx) are errors where LibreOffice is missing, as it was
    at this audit; tests/corpora/test_legacy_office.py reads them with LibreOffice."""
    monkeypatch.setenv("FAZHI_SOFFICE", str(tmp_path / "no-soffice"))


@pytest.mark.parametrize("name", sorted(KEY["files"]))
def test_each_file_gives_what_its_key_says(name, no_libreoffice):
    pytest.importorskip("docx")
    bad = [(check, why) for check, ok, why in check_file(name, KEY["files"][name]) if not ok]
    assert not bad, bad


def test_the_folder_in_one_ingest_names_each_bad_item_once_and_loses_nothing(no_libreoffice):
    bad = [(check, why) for check, ok, why in folder_batch(KEY) if not ok]
    assert not bad, bad


# -- text the tools put in ---------------------------------------------------------------------------
@pytest.mark.parametrize("raw, clean", [
    ("第\u200b三条", "第三条"),
    ("本\u2060条例\ufeff自", "本条例自"),
    ("化\u00ad解", "化解"),
    ("第一条\u2028第二条\u2029第三条", "第一条\n第二条\n第三条"),
    ("2022年5\u2f491\u2f47起施\u2f8f，\u2f08\u2f24", "2022年5月1日起施行，人大"),
    ("\uf90a額", "金額"),  # a CJK compatibility ideograph
    ("（一）　全角，标点：不变", "（一）　全角，标点：不变"),  # NFKC on the whole text would make these ASCII
])
def test_clean_text(raw, clean):
    assert clean_text(raw) == clean


def test_rows_keep_their_values_as_given(tmp_path):
    """A data row's value is the caller's data: a U+2028 in a JSON string stays (test_texts_are_whole)."""
    p = tmp_path / "a.jsonl"
    p.write_text('{"id": "a", "text": "甲\\u2028乙\\u200b丙"}\n', encoding="utf-8")
    [doc] = load_path(p)
    assert doc.text == "甲\u2028乙\u200b丙"


def test_utf8_with_a_few_stray_bytes_is_read_as_utf8_and_counted(tmp_path):
    law = ("某市物业管理条例\n" + "第一条　为了规范物业管理活动，维护业主的合法权益，制定本条例。\n" * 3).encode()
    cut = law.index("第一条".encode())  # a stray byte between two characters
    data = law[:cut] + b"\xa1" + law[cut:] + b"\xff"
    p = tmp_path / "a.txt"
    p.write_bytes(data)
    [doc] = load_path(p)
    assert doc.text == law.decode() and doc.metadata["undecodable_bytes"] == 2
    # GBK and Latin-1 are not taken for damaged UTF-8
    from fazhi.corpora.loaders import _mostly_utf8

    assert decode_bytes(law.decode().encode("gbk")) == law.decode()
    assert not _mostly_utf8(law.decode().encode("gbk")) and not _mostly_utf8("Café, déjà vu, naïve résumé".encode("latin-1"))


# -- RTF ----------------------------------------------------------------------------------------------
def test_rtf_unicode_escapes_font_charsets_and_destinations():
    rtf = (rb"{\rtf1\ansi\ansicpg1252\uc1{\fonttbl{\f0\froman Times;}{\f1\fnil\fcharset134 \'cb\'ce\'cc\'e5;}}"
           rb"{\*\generator Word;}{\info{\title \u26032?\u35268?}{\author x}}{\header \f1 \'d2\'b3\'c3\'bc\par}"
           rb"\pard\f1 \'b5\'da\'d2\'bb\'cc\'f5\tab\f0 A\~B\par "
           rb"{\field{\*\fldinst HYPERLINK x}{\fldrslt \f1 \'c1\'b4\'bd\'d3}}\line "
           rb"\u-10174?\u-8265? {\*\bkmkstart b}\f1\'a1\'a1\uc2\u31532??end\bin3 {}}\par}")
    title, text = rtf_to_text(rtf)
    assert title == "新规"
    assert text.split("\n") == ["第一条\tA B", "链接", "𠮷 \u3000第end"]


def test_rtf_named_doc_and_word_web_page_named_doc_are_read_ole_is_named(tmp_path, no_libreoffice):
    for name in ("saved_as_rtf.doc", "word_html.doc"):
        [doc] = load_path(DIR / name)
        assert doc.spans["article"]
    assert data_kind((DIR / "legacy_word97.doc").read_bytes()) == "ole"
    with pytest.raises(UnreadableFile, match=r"WPS Office \.wps .* not supported: open it in Word or WPS and save it as \.docx"):
        list(load_path(DIR / "wps_writer.wps"))
    p = tmp_path / "表.xls"
    p.write_bytes((DIR / "legacy_word97.doc").read_bytes())
    with pytest.raises(UnreadableFile, match=r"legacy Excel \.xls is not supported: open it in Excel or WPS and save it as \.xlsx"):
        list(load_path(p))


# -- DOCX ---------------------------------------------------------------------------------------------
def test_docx_without_core_properties_is_not_titled_word_document():
    """python-docx makes up core properties titled 'Word Document' for a package without any."""
    [doc] = load_path(DIR / "altchunk.docx")
    assert doc.title == "某镇矛盾纠纷排查调处办法"


def test_hidden_text_marked_not_hidden_stays(tmp_path):
    docx = pytest.importorskip("docx")
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    d = docx.Document()
    p = d.add_paragraph("第一条　正文")
    for val, text in (("0", "（显示）"), (None, "（隐藏）")):
        r = p.add_run(text)
        v = OxmlElement("w:vanish")
        if val is not None:
            v.set(qn("w:val"), val)
        r._r.get_or_add_rPr().append(v)
    d.save(tmp_path / "a.docx")
    [doc] = load_path(tmp_path / "a.docx")
    assert doc.text == "第一条　正文（显示）"


# -- titles, 落款 and article numbers --------------------------------------------------------------------
@pytest.mark.parametrize("text, title", [
    ("最高人民法院关于审理民间借贷纠纷案件\n适用法律若干问题的规定\n（2020年…）", "最高人民法院关于审理民间借贷纠纷案件适用法律若干问题的规定"),
    ("某市城市市容和环境卫生\n管理规定\n第一条", "某市城市市容和环境卫生管理规定"),
    ("某市物业管理条例\n（2019年1月15日通过）", "某市物业管理条例"),  # one line already a title
    ("某市物业管理条例\n实施细则", "某市物业管理条例"),
    ("楼上漏水多次协商未果\n请问应当怎么办", "楼上漏水多次协商未果"),  # no title in two lines
    ("关于开展调解工作的\n第一条　为了规定", "关于开展调解工作的"),
])
def test_a_title_on_two_lines(text, title):
    assert title_from_text(text) == title


def test_the_last_article_ends_before_the_signature():
    text = ("某县调解办法\n第一条　为了调解，制定本办法。\n第二条　本办法自2023年1月1日起施行。\n"
            "某县人民政府办公室\n某县司法局\n2022年11月8日")
    d = describe(text, "某县调解办法")
    assert [s.text for s in d["spans"]["article"]][-1] == "第二条　本办法自2023年1月1日起施行。"
    # a last article without a 落款 keeps all its lines
    d = describe("某办法\n第一条　本办法公布如下：\n第二条　附则\n该条的说明文字。", "某办法")
    assert d["spans"]["article"][-1].text == "第二条　附则\n该条的说明文字。"


def test_articles_numbered_in_full_width_figures_make_a_regulation():
    text = "某县人民调解工作细则\n第１条　为了做好工作，制定本细则。\n第１２条　本细则自2024年2月1日起施行。"
    [doc] = load_bytes(text.encode(), "a.txt")
    assert doc.kind == "regulation" and [s.norm for s in doc.spans["article"]] == [1, 12]


# -- zip archives --------------------------------------------------------------------------------------
def _zip(members: dict, utf8_names=True) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return buf.getvalue()


def test_zip_in_zip_bad_member_and_an_archive_without_documents(tmp_path):
    inner = _zip({"内层/条例.txt": "某条例\n第一条　内容。\n".encode("gbk")})
    outer = _zip({"a/办法.txt": "某办法\n第一条　内容。\n".encode(), "b/inner.zip": inner, "c/坏.docx": b"PK\x03\x04junk",
                  "d/照片.jpg": b"\xff\xd8", "~$办法.docx": b"\x05lock"})
    p = tmp_path / "法规.zip"
    p.write_bytes(outer)
    errors = []
    docs = list(load_path(p, errors=errors))
    assert sorted(d.title for d in docs) == ["某办法", "某条例"]
    assert {d.source for d in docs} == {f"{p}!/a/办法.txt", f"{p}!/b/inner.zip!/内层/条例.txt"}
    assert [w for w, _ in errors] == [f"{p}!/c/坏.docx"] and "not a valid .docx" in errors[0][1]
    with pytest.raises(UnreadableFile, match="not a valid .docx"):  # without an errors list: raised
        list(load_path(p))
    q = tmp_path / "图片.zip"
    q.write_bytes(_zip({"a.jpg": b"\xff\xd8", "b.ppt": b"x"}))  # (.xls is read since LibreOffice converts it)
    with pytest.raises(UnreadableFile, match=r"no file of a supported type in the zip archive \(2 entries\)"):
        list(load_path(q))
    r = tmp_path / "半截.zip"
    r.write_bytes(outer[:100])
    with pytest.raises(UnreadableFile, match="not a readable zip archive"):
        list(load_path(r))


# -- file names and lock files ----------------------------------------------------------------------
def _fazhi(home, *args):
    exe = Path(sys.executable).parent / "fazhi"
    return subprocess.run([str(exe), *args], capture_output=True, text=True,
                          env=dict(os.environ, FAZHI_HOME=str(home)))


def test_gbk_file_names_load_and_print(tmp_path):
    """A file whose name is GBK bytes (a Windows zip unpacked on Linux) stopped the whole batch with a
    UnicodeEncodeError traceback when its id was hashed; now it loads, and a bad one is one line."""
    src = os.fsencode(tmp_path / "in")
    os.mkdir(src)
    with open(src + b"/" + "某市停车管理条例.txt".encode("gbk"), "wb") as f:
        f.write("某市停车管理条例\n第一条　为了规范停车管理，制定本条例。\n".encode("gbk"))
    with open(src + b"/" + "坏文件.pdf".encode("gbk"), "wb") as f:
        f.write(b"%PDF-1.4 broken")
    for args in ((), ("--json",)):
        r = _fazhi(tmp_path / "home", "ingest", os.fsdecode(src), *args)
        assert r.returncode == 2 and "Traceback" not in r.stderr, r.stderr
        assert [ln for ln in r.stderr.splitlines() if ln.startswith("failed:")] == \
            [f"failed: {tmp_path / 'in' / '坏文件.pdf'}: not a readable PDF (Failed to load document "
             "(PDFium: Data format error).)"]
    store = Store(tmp_path / "home" / "store.sqlite")
    [doc] = list(store.iter())
    assert doc.source == str(tmp_path / "in" / "某市停车管理条例.txt") and doc.title == "某市停车管理条例"


def test_lock_files_are_not_documents(tmp_path):
    (tmp_path / "某规定.docx").write_bytes((DIR / "soft_breaks.docx").read_bytes())
    (tmp_path / "~$某规定.docx").write_bytes((DIR / "~$某市物业管理若干规定.docx").read_bytes())
    report = ingest([tmp_path], Store(":memory:"), workers=0)
    assert (report.added, report.failed, report.skipped) == (1, 0, [])
    with pytest.raises(UnreadableFile, match=r"lock \(owner\) file .* load 某规定.docx itself"):
        list(load_path(tmp_path / "~$某规定.docx"))


# -- a huge text ------------------------------------------------------------------------------------
# the peak is this process's VmHWM: ru_maxrss survives exec, so under a big pytest process it reports the parent's
MEM_SCRIPT = r"""
import re, sys
from fazhi.corpora.loaders import load_path
n = bad = 0
for d in load_path(sys.argv[1]):
    n += 1
    bad += not (d.text.startswith("第十二条") and d.text.rstrip("\n").endswith("未果。")) or "\r" in d.text
hwm = int(re.search(r"VmHWM:\s*(\d+)", open("/proc/self/status").read()).group(1))
print(hwm // 1024, n, bad)
"""


@pytest.mark.parametrize("encoding, newline", [("gbk", "\r"), ("utf-16", "\r\n")])
def test_30mb_text_with_cr_line_ends_is_streamed_in_whole_lines(tmp_path, encoding, newline):
    """A part of a large file was cut where a line feed was: a file whose lines end in CR alone had none,
    and its parts were cut mid-line (an article split between two documents)."""
    line = ("第十二条　经审理查明：原告与被告系邻居关系，因排水管道漏水发生纠纷，双方协商未果。" + newline).encode(encoding)
    if encoding == "utf-16":
        line = line[2:]  # one BOM, at the start of the file
    p = tmp_path / "huge.txt"
    with p.open("wb") as fh:
        if encoding == "utf-16":
            fh.write(b"\xff\xfe")
        block = line * (1_000_000 // len(line))
        while fh.tell() < 30_000_000:
            fh.write(block)
    out = subprocess.run([sys.executable, "-c", MEM_SCRIPT, str(p)], capture_output=True, text=True, check=True)
    peak, parts, bad = map(int, out.stdout.split())
    assert parts >= 10 and bad == 0
    assert peak < 250, peak  # streamed: 30 MB read whole as text is ~120 MB more


# -- round 2: what stands above a title, exports ------------------------------------------------------
@pytest.mark.parametrize("text, title", [
    ("000128　　　内部\n特急\n某市司法局文件\n某司发〔2023〕12号　签发人：王某\n某市司法局关于印发某办法的通知\n各区：", "某市司法局关于印发某办法的通知"),
    ("附件2\n\n某区人民调解员考核办法\n第一条", "某区人民调解员考核办法"),
    ("《某市养犬管理条例》\n第一条", "某市养犬管理条例"),
    ("《民法典》与《物业管理条例》的衔接\n正文", "《民法典》与《物业管理条例》的衔接"),  # two titles: no marks to strip
    ("附件：调解协议书样式\n正文", "附件：调解协议书样式"),  # a line that says what is attached is a title
    ("2024年度工作总结\n正文", "2024年度工作总结"),
])
def test_lines_above_a_title(text, title):
    assert title_from_text(text) == title


def test_utf16_without_bom_both_byte_orders_and_binary_with_nuls_still_refused():
    text = "某市物业服务收费管理办法\r\n第一条　为了规范物业服务收费，制定本办法。一二三\r\n"
    assert decode_bytes(text.encode("utf-16-le")) == text
    assert decode_bytes(text.encode("utf-16-be")) == text
    assert decode_bytes(b"id,text\r\n1,abc\r\n".decode().encode("utf-16-le")) == "id,text\r\n1,abc\r\n"
    with pytest.raises(UnreadableFile, match="binary data"):
        decode_bytes(bytes(range(256)) * 40)


def test_csv_title_rows_are_passed_over_and_rows_keep_their_line_numbers(tmp_path):
    p = tmp_path / "export.csv"
    p.write_text("热线工单导出,,\n导出时间：2024-03-31,,\n工单编号,来电时间,诉求内容\nA1,2024-03-01,漏水\nA2,2024-03-02,\n",
                 encoding="utf-8")
    errors = []
    docs = list(load_path(p, errors=errors))
    assert [d.id for d in docs] == ["A1"] and docs[0].published == "2024-03-01"
    assert [w for w, _ in errors] == [f"{p}:5"] and errors[0][1].startswith("no text field")


@pytest.mark.parametrize("obj, ids", [
    ({"code": 200, "data": {"records": [{"id": "a", "text": "甲"}, {"id": "b", "text": "乙"}], "total": 2}}, ["a", "b"]),
    ({"rows": [{"id": "a", "content": "甲"}], "total": 1}, ["a"]),
    ({"id": "one", "text": "一个文档", "attachments": [{"name": "x"}]}, ["one"]),  # a document with a list in it
])
def test_json_exports_wrapped_in_an_object(tmp_path, obj, ids):
    import json

    p = tmp_path / "export.json"
    p.write_text(json.dumps(obj, ensure_ascii=False), encoding="utf-8")
    assert [d.id for d in load_path(p)] == ids


# -- round 3: forms ---------------------------------------------------------------------------------
def test_symbol_font_marks_and_the_date_of_a_signature_line(tmp_path):
    """Check boxes from Wingdings (w:sym) were dropped and R/£ typed in Wingdings 2 read as letters, so a
    form's ticked dispute type was lost; a form dated on its signer's line had no date."""
    [doc] = load_path(DIR / "checkbox_form.docx")
    assert "纠纷类型：☑邻里纠纷 □婚姻家庭纠纷 □劳动争议" in doc.text and "☑同意 □不同意" in doc.text
    assert doc.kind == "mediation" and doc.published == "2024-05-06"
    # a date at the end of a line that names no signer is no signature
    assert describe("调解记录\n本协议自双方签字之日起生效\n付款期限：2024年6月1日", regulation=False) == \
        {"metadata": {}, "spans": {}}


def test_windows_folder_files_are_not_listed_as_skipped(tmp_path):
    (tmp_path / "a.txt").write_text("某办法\n第一条　内容。", encoding="utf-8")
    (tmp_path / "Thumbs.db").write_bytes(b"\xd0\xcf\x11\xe0")
    (tmp_path / "desktop.ini").write_text("[.ShellClassInfo]", encoding="utf-8")
    (tmp_path / "notes.odt").write_bytes(b"PK")
    report = ingest([tmp_path], Store(":memory:"), workers=0)
    assert report.added == 1 and [p.name for p in report.skipped] == ["notes.odt"]


def test_rtf_tracked_deletions_and_hidden_text_are_left_out():
    """LibreOffice (and Word) keep 修订 in RTF as \\deleted runs and hidden text as \\v: they were read."""
    rtf = (rb"{\rtf1\ansi\ansicpg936 \'b1\'a3\'c1\'f4{\deleted \'c9\'be\'b3\'fd}\v \'d2\'fe\'b2\'d8\v0 \'bc\'cc"
           rb"\deleted\'c9\'be\plain \'c3\'e6\par}")
    assert rtf_to_text(rtf) == ("", "保留继面")


# -- round 5: what LibreOffice prints and exports ---------------------------------------------------------
def test_html_hidden_elements_are_not_visible_text():
    """LibreOffice exports Word's hidden text as <span style="display: none">; pages hide widgets the same way."""
    from fazhi.corpora.loaders import html_to_text

    html = ('<html><body><p>第一条　甲<span style="DISPLAY: NONE">（起草说明）</span>乙</p><p hidden>分享到微信</p>'
            '<div style="visibility : hidden">隐藏</div><p style="display:block">第二条　丙</p></body></html>')
    assert html_to_text(html)[1] == "第一条 甲乙\n第二条 丙"


def test_a_page_of_one_line_paragraphs_keeps_its_lines():
    """Word's one-line paragraphs printed to PDF share no right edge; two short lines ending together were
    taken for the margin, so every longer line 'ran on' into the next (the 版头 into the title, the last
    article into the signature)."""
    [doc] = load_path(DIR / "libreoffice_red_header.pdf")
    assert "某市司法局关于印发《某市人民调解工作规范》的通知\n各区司法局：" in doc.text
    assert doc.text.rstrip().endswith("第三条 本规范自2023年7月1日起施行。")
