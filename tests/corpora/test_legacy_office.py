"""Word 97-2003 .doc, WPS .wps, Excel 97-2003 .xls and WPS .et files, read through LibreOffice.

The legacy files are genuine: LibreOffice itself writes them here, from a .docx made with python-docx and an
.xlsx made with openpyxl (the tests that need LibreOffice are skipped, with the reason, where it is not
installed). Without LibreOffice (FAZHI_SOFFICE naming a missing program) the error stays one line naming
the file, the reason, and that installing LibreOffice makes fazhi read it.
"""
import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest

from fazhi.corpora.loaders import SUPPORTED_SUFFIXES, data_kind, ingest, load_path, soffice
from fazhi.corpora.store import Store
from fazhi.errors import UnreadableFile

FIXTURES = Path(__file__).parent.parent / "fixtures" / "corpora" / "audit3"

NOTICE = ["临江市司法局关于进一步加强人民调解协议履行回访工作的通知",
          "临司发〔2026〕12号",
          "各区县司法局，各人民调解委员会：",
          "为巩固人民调解工作成果，防止纠纷反复，现就加强调解协议履行回访工作通知如下。",
          "一、调解协议达成后三十日内，人民调解员应当对当事人履行协议的情况进行回访。",
          "二、回访情况应当记入调解卷宗，发现未履行的，应当督促履行或者告知当事人依法申请司法确认。",
          "临江市司法局",
          "2026年4月8日"]
AGREEMENT = ["人民调解协议书",
             "临江调〔2026〕第057号",
             "当事人：张某某，男，住临江市江北区滨江路8号。",
             "当事人：李某某，女，住临江市江北区滨江路8号302室。",
             "纠纷主要事实：李某某家卫生间漏水，致楼下张某某家天花板受损，双方协商未果。",
             "经调解，自愿达成如下协议：李某某于2026年5月10日前赔偿张某某维修费人民币3200元。",
             "2026年4月20日"]
TICKETS = [("工单编号", "来电时间", "所属区县", "诉求内容"),
           ("GD20260301001", "2026-03-01 09:12", "江北区", "小区物业擅自提高停车费，业主多次反映未果，要求主管部门查处。"),
           ("GD20260301002", "2026-03-01 10:40", "海曙区", "楼上住户夜间装修噪音扰民，与邻居协商无果，请求调解。"),
           ("GD20260302003", "2026-03-02 14:05", "江北区", "用人单位拖欠三个月工资共计一万二千元，要求帮助追讨。")]


def _need_soffice():
    program, why = soffice()
    if program is None:
        pytest.skip(f"needs LibreOffice to write and read legacy Office files: {why}")
    return program


def _soffice_convert(sources: list[Path], to: str, out: Path) -> list[Path]:
    program = _need_soffice()
    profile = (out / "profile").as_uri()
    subprocess.run([program, f"-env:UserInstallation={profile}", "--headless", "--convert-to", to, "--outdir", str(out),
                    *map(str, sources)], check=True, capture_output=True, timeout=300)
    got = [out / f"{src.stem}.{to.split(':')[0]}" for src in sources]
    for p in got:
        assert p.is_file(), f"LibreOffice wrote no {p.name}"
    return got


@pytest.fixture(scope="module")
def legacy(tmp_path_factory) -> dict:
    """A .doc (from a python-docx .docx holding a 通知 and its core title) and an .xls (from an openpyxl
    .xlsx: a hotline export with a title row), each written by LibreOffice."""
    docx = pytest.importorskip("docx")
    openpyxl = pytest.importorskip("openpyxl")
    _need_soffice()
    tmp = tmp_path_factory.mktemp("legacy")
    d = docx.Document()
    for line in NOTICE:
        d.add_paragraph(line)
    d.core_properties.title = NOTICE[0]
    d.save(tmp / "notice.docx")
    d = docx.Document()
    for line in AGREEMENT:
        d.add_paragraph(line)
    d.save(tmp / "agreement.docx")
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "3月工单"
    ws.append(["2026年3月12345热线工单（司法行政类）"])
    for row in TICKETS:
        ws.append(list(row))
    wb.save(tmp / "tickets.xlsx")
    out = dict(zip(("notice", "agreement"),
                   _soffice_convert([tmp / "notice.docx", tmp / "agreement.docx"], "doc:MS Word 97", tmp / "doc")))
    [out["tickets"]] = _soffice_convert([tmp / "tickets.xlsx"], "xls:MS Excel 97", tmp / "xls")
    for p in out.values():
        assert data_kind(p.read_bytes()) == "ole"  # genuine OLE files, not the OOXML they came from
    return out


def test_a_doc_is_read_through_libreoffice_and_says_so(legacy):
    [doc] = load_path(legacy["notice"])
    assert doc.text.split("\n") == NOTICE
    assert doc.title == NOTICE[0]
    assert doc.published == "2026-04-08"
    assert doc.metadata["converted_by"] == "LibreOffice"
    assert "Word 97-2003" in doc.metadata["converted_from"]


def test_a_folder_of_doc_wps_xls_et_is_converted_in_batches_and_goes_on_past_a_bad_file(legacy, tmp_path):
    """What a mediation office's shared folder holds: .doc files (two of one name in two folders), one saved by
    WPS as .wps, a .doc someone renamed .docx, an .xls export and its WPS .et copy, and a damaged .doc; one
    `ingest` reads every good file (the Word-like ones in one soffice call, the sheets in another; each
    file's own text, whatever its name) and names the bad one."""
    src = tmp_path / "调解卷宗"
    (src / "2026").mkdir(parents=True)
    shutil.copy(legacy["notice"], src / "回访通知.doc")
    shutil.copy(legacy["agreement"], src / "2026" / "回访通知.doc")
    shutil.copy(legacy["agreement"], src / "2026" / "调解协议书.wps")
    shutil.copy(legacy["agreement"], src / "2026" / "调解协议书（另存）.docx")  # the same text: duplicates
    shutil.copy(legacy["tickets"], src / "热线工单.xls")
    shutil.copy(legacy["tickets"], src / "2026" / "热线工单.et")  # the same rows: duplicates
    (src / "损坏.doc").write_bytes(legacy["notice"].read_bytes()[:1536])
    assert {".xls", ".et", ".wps", ".doc"} <= SUPPORTED_SUFFIXES
    with Store(tmp_path / "home") as store:
        report = ingest([src], store, workers=0)
        docs = list(store.iter())
    assert report.failed == 1 and report.failures[0][0].endswith("损坏.doc"), report.failures
    # cut short, its directory (which names the WordDocument stream) is gone: refused before LibreOffice reads it
    assert "damaged legacy Word .doc" in report.failures[0][1]
    assert "\n" not in report.failures[0][1]
    # the .et's rows carry the .xls's 工单编号 (their ids): unchanged, not added again
    assert (report.added, report.duplicate, report.unchanged) == (2 + len(TICKETS) - 1, 2, len(TICKETS) - 1), \
        report.to_dict()
    by_source = {d.source: d.text for d in docs}
    assert by_source[str((src / "回访通知.doc").absolute())] == "\n".join(NOTICE)
    assert by_source[str((src / "2026" / "回访通知.doc").absolute())] == "\n".join(AGREEMENT)
    tickets = sorted((d for d in docs if d.metadata["converted_from"].endswith((".xls", "(WPS 表格)"))), key=lambda d: d.id)
    assert [(d.id, d.published, d.region, d.text) for d in tickets] == \
        [(r[0], r[1][:10], r[2], r[3]) for r in TICKETS[1:]]  # the rows under the header, past the title row
    assert all(d.metadata["converted_by"] == "LibreOffice" for d in docs)


def test_the_crawler_reads_an_xls_attachment_as_its_cells(legacy):
    from fazhi.crawlers.spiders.base import FazhiSpider

    text = FazhiSpider(name="t").convert(legacy["tickets"].read_bytes(), "附件2：工单明细.xls")
    assert text.split("\n")[0] == "2026年3月12345热线工单（司法行政类）"
    assert text.split("\n")[2].split("\t") == list(TICKETS[1])


def test_without_libreoffice_the_error_is_one_line_and_says_to_install_it(tmp_path, monkeypatch):
    """FAZHI_SOFFICE names a program that is not there: the file is named, with the reason and the way out.
    The OLE file is a real Word 97 .doc (written by LibreOffice for the audit 3 fixtures)."""
    missing = tmp_path / "no" / "soffice"
    monkeypatch.setenv("FAZHI_SOFFICE", str(missing))
    assert soffice() == (None, f"LibreOffice was not found (FAZHI_SOFFICE={missing} is not a program)")
    for name, fmt in (("回访通知.doc", "legacy Word .doc"), ("报表.xls", "legacy Excel .xls"), ("协议.wps", "WPS Office .wps")):
        p = tmp_path / name
        p.write_bytes((FIXTURES / "legacy_word97.doc").read_bytes())
        with pytest.raises(UnreadableFile) as e:
            list(load_path(p))
        msg = str(e.value)
        assert "\n" not in msg and msg.startswith(f"{p}: {fmt}"), msg
        assert f"FAZHI_SOFFICE={missing} is not a program" in msg and "installing LibreOffice makes fazhi read it" in msg


def test_a_libreoffice_that_hangs_is_killed_and_each_file_named(tmp_path, monkeypatch):
    """A conversion that runs over its time is killed (with what it started), the batch is retried a file at
    a time, and each file is one failure; the ingest ends. (A stand-in program: a real LibreOffice cannot be
    made to hang on purpose.)"""
    hang = tmp_path / "soffice"
    pidfile = tmp_path / "child.pid"
    hang.write_text(f"#!/bin/sh\nsleep 60 &\necho $! > {pidfile}\nwait\n")
    hang.chmod(0o755)
    monkeypatch.setenv("FAZHI_SOFFICE", str(hang))
    monkeypatch.setenv("FAZHI_SOFFICE_TIMEOUT", "0.5")
    src = tmp_path / "收件"
    src.mkdir()
    for name in ("甲.doc", "乙.wps"):
        (src / name).write_bytes((FIXTURES / "legacy_word97.doc").read_bytes())
    (src / "说明.txt").write_text("说明\n附件请用Word打开。", encoding="utf-8")
    t0 = time.monotonic()
    with Store(tmp_path / "home") as store:
        report = ingest([src], store, workers=0)
    assert time.monotonic() - t0 < 20
    assert (report.added, report.failed) == (1, 2), report.to_dict()
    for where, reason in report.failures:
        assert "LibreOffice could not convert it (timed out after 0.5 s)" in reason, reason
    child = int(pidfile.read_text())
    time.sleep(0.2)
    assert not Path(f"/proc/{child}").exists() or "Z" in Path(f"/proc/{child}/stat").read_text().split()[2]


def test_an_xlsx_named_xls_is_read_without_libreoffice(tmp_path, monkeypatch):
    """An .xlsx someone renamed (or a system exported) with the old .xls name is read by its bytes."""
    openpyxl = pytest.importorskip("openpyxl")
    monkeypatch.setenv("FAZHI_SOFFICE", str(tmp_path / "no-soffice"))
    wb = openpyxl.Workbook()
    for row in TICKETS:
        wb.active.append(list(row))
    wb.save(tmp_path / "工单.xls")
    docs = list(load_path(tmp_path / "工单.xls"))
    assert [(d.id, d.text) for d in docs] == [(r[0], r[3]) for r in TICKETS[1:]]
    assert not any("converted_by" in d.metadata for d in docs)


@pytest.mark.parametrize("name, inside", [("损坏.doc", "no Word document inside"), ("损坏.wps", "no Word document inside"),
                                          ("损坏.xls", "no Excel workbook inside")])
def test_an_ole_file_without_its_document_is_refused_not_read_as_text(tmp_path, name, inside):
    """LibreOffice "converts" any OLE file, reading a damaged one's bytes as a page of text (탏ᇠꆱ…)."""
    f = tmp_path / name
    f.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(range(256)) * 8)
    with pytest.raises(UnreadableFile, match=inside) as e:
        list(load_path(f))
    assert name in str(e.value) and "\n" not in str(e.value)
