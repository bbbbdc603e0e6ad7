"""A legacy Excel 97-2003 .xls given to `fazhi scan` or `fazhi review`: converted by LibreOffice where it is
installed (the .xls is written by LibreOffice itself here; skipped, with the reason, where it is absent), else
refused in one line that names the file and says what to do."""
import subprocess
from pathlib import Path

import pytest

from fazhi.errors import UnreadableFile

POSTS = [("工单编号", "来电时间", "所属区县", "诉求内容"),
         ("GD1", "2026-03-01 09:12", "江北区", "小区物业擅自提高停车费，业主多次反映未果。"),
         ("GD2", "2026-03-02 10:40", "海曙区", "楼上住户夜间装修噪音扰民，请求调解。")]
FILINGS = [("文件名称", "制定机关", "公布日期", "报备日期", "材料是否齐全"),
           ("某市养犬管理办法", "某市人民政府", "2026-03-02", "2026-03-20", "齐全"),
           ("某市司法局关于调解回访的通知", "某市司法局", "2026-03-02", "2026-04-10", "齐全")]


def _xls(rows, tmp: Path, name: str) -> Path:
    from openpyxl import Workbook

    from fazhi.corpora.loaders import soffice

    program, why = soffice()
    if program is None:
        pytest.skip(f"needs LibreOffice to write and read a legacy .xls: {why}")
    wb = Workbook()
    for r in rows:
        wb.active.append(list(r))
    src = tmp / f"{name}.xlsx"
    wb.save(src)
    out = tmp / "xls"
    subprocess.run([program, f"-env:UserInstallation={(tmp / 'profile').as_uri()}", "--headless", "--convert-to",
                    "xls:MS Excel 97", "--outdir", str(out), str(src)], check=True, capture_output=True, timeout=300)
    got = out / f"{name}.xls"
    assert got.read_bytes()[:4] == b"\xd0\xcf\x11\xe0"  # a real OLE workbook
    return got


def test_scan_and_review_read_a_legacy_xls(tmp_path):
    from fazhi.graph.review import read_filings, review_rows
    from fazhi.scan.scanner import read_posts

    posts = list(read_posts(_xls(POSTS, tmp_path, "工单")))
    assert [(p.id, p.district, p.date.isoformat()) for p in posts] == [("GD1", "江北区", "2026-03-01"),
                                                                        ("GD2", "海曙区", "2026-03-02")]
    rows = read_filings(_xls(FILINGS, tmp_path, "备案"))
    assert [r["title"] for r in rows] == ["某市养犬管理办法", "某市司法局关于调解回访的通知"]
    assert review_rows(rows)["overall"]["timely"] == 1


def test_without_libreoffice_a_legacy_xls_is_one_clear_line(tmp_path, monkeypatch):
    from fazhi.graph.review import read_filings
    from fazhi.scan.scanner import read_posts

    monkeypatch.setenv("FAZHI_SOFFICE", str(tmp_path / "no-soffice"))
    f = tmp_path / "导出.xls"
    f.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 1024 + "Workbook".encode("utf-16-le"))
    for read in (lambda p: list(read_posts(p)), read_filings):
        with pytest.raises(UnreadableFile) as e:
            read(f)
        assert "导出.xls" in str(e.value) and "install LibreOffice" in str(e.value) and "\n" not in str(e.value)


def test_an_ole_file_without_a_workbook_is_refused_before_libreoffice_reads_its_bytes_as_text(tmp_path):
    from fazhi.scan.scanner import read_posts

    f = tmp_path / "old.xls"
    f.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    with pytest.raises(UnreadableFile, match="no Excel workbook inside"):
        list(read_posts(f))
