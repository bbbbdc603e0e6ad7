"""OFD (GB/T 33190) files read by the corpus loaders: by their .ofd suffix and by their signature (a ZIP
package with OFD.xml at its root) under another name, so `fazhi ingest` and `fazhi check FILE.ofd` read
the 规范性文件 a government site publishes as OFD. Each package here is a real, minimal OFD: OFD.xml →
Doc_0/Document.xml → a Content.xml per page, its text in TextObject / TextCode as OFD writers lay it out."""
import io
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from fazhi.corpora.loaders import SUPPORTED_SUFFIXES, ingest, load_bytes, load_path
from fazhi.corpora.store import Store
from fazhi.errors import UnreadableFile

NS = 'xmlns:ofd="http://www.ofdspec.org/2016"'

PAGE1 = ["临江市司法局关于印发《临江市人民调解案件卷宗管理办法》的通知",
         "临司规〔2026〕3号",
         "各区县司法局：",
         "现将《临江市人民调解案件卷宗管理办法》印发给你们，请认真贯彻执行。",
         "第一条　为了规范人民调解案件卷宗管理，根据《中华人民共和国人民调解法》，制定本办法。"]
PAGE2 = ["第二条　人民调解委员会调解的纠纷，应当一案一卷。",
         "临江市司法局",
         "2026年3月5日"]


def ofd_package(pages: list[list[str]], split_runs: bool = False) -> bytes:
    """An OFD package of one document with a page per list of lines; with ``split_runs`` each line is two
    text objects written in reverse order (as some writers do), to be joined back into one line."""
    page_refs = "".join(f'<ofd:Page ID="{i + 1}" BaseLoc="Pages/Page_{i}/Content.xml"/>' for i in range(len(pages)))
    files = {
        "OFD.xml": f'<?xml version="1.0" encoding="UTF-8"?><ofd:OFD {NS} Version="1.0" DocType="OFD"><ofd:DocBody>'
                   '<ofd:DocInfo><ofd:DocID>0c5e9f</ofd:DocID><ofd:Creator>数科OFD版式办公套件</ofd:Creator></ofd:DocInfo>'
                   '<ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>',
        "Doc_0/Document.xml": f'<?xml version="1.0" encoding="UTF-8"?><ofd:Document {NS}><ofd:CommonData>'
                              '<ofd:PageArea><ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox></ofd:PageArea>'
                              '<ofd:PublicRes>PublicRes.xml</ofd:PublicRes></ofd:CommonData>'
                              f'<ofd:Pages>{page_refs}</ofd:Pages></ofd:Document>',
        "Doc_0/PublicRes.xml": f'<?xml version="1.0" encoding="UTF-8"?><ofd:Res {NS} BaseLoc="Res"><ofd:Fonts>'
                               '<ofd:Font ID="3" FontName="仿宋_GB2312" FamilyName="仿宋"/></ofd:Fonts></ofd:Res>',
    }
    for p, lines in enumerate(pages):
        objs = []
        for i, line in enumerate(lines):
            y = 30 + 8 * i
            if split_runs and len(line) > 4:
                half = len(line) // 2
                objs.append(f'<ofd:TextObject ID="{100 + 2 * i}" Boundary="{25 + 4.2 * half} {y} 160 6" Font="3" '
                            f'Size="4.2"><ofd:TextCode X="0" Y="4.2">{line[half:]}</ofd:TextCode></ofd:TextObject>')
                objs.append(f'<ofd:TextObject ID="{101 + 2 * i}" Boundary="25 {y} 160 6" Font="3" Size="4.2">'
                            f'<ofd:TextCode X="0" Y="4.2">{line[:half]}</ofd:TextCode></ofd:TextObject>')
            else:
                objs.append(f'<ofd:TextObject ID="{100 + 2 * i}" Boundary="25 {y} 160 6" Font="3" Size="4.2">'
                            f'<ofd:TextCode X="0" Y="4.2">{line}</ofd:TextCode></ofd:TextObject>')
        files[f"Doc_0/Pages/Page_{p}/Content.xml"] = (
            f'<?xml version="1.0" encoding="UTF-8"?><ofd:Page {NS}><ofd:Content><ofd:Layer ID="2">{"".join(objs)}'
            '</ofd:Layer></ofd:Content></ofd:Page>')
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in files.items():
            z.writestr(name, text.encode("utf-8"))
    return buf.getvalue()


def test_an_ofd_file_is_loaded_with_its_pages_in_order(tmp_path):
    assert ".ofd" in SUPPORTED_SUFFIXES  # a folder's .ofd files are walked, not skipped
    p = tmp_path / "临司规〔2026〕3号.ofd"
    p.write_bytes(ofd_package([PAGE1, PAGE2], split_runs=True))
    [doc] = load_path(p)
    assert doc.text.split("\n") == PAGE1 + PAGE2
    assert doc.title == PAGE1[0]
    assert doc.source == str(p)
    assert doc.kind == "regulation"
    assert doc.published == "2026-03-05"  # the signature date closing the text


@pytest.mark.parametrize("name", ["附件1.zip", "download", "附件.doc"])
def test_an_ofd_under_another_name_is_known_by_its_signature(name):
    """A site's download.jsp?id=7 or a link labelled 附件.doc that serves an OFD."""
    [doc] = load_bytes(ofd_package([PAGE1]), name)
    assert doc.text.split("\n") == PAGE1


def test_a_bad_ofd_is_one_line_naming_the_file(tmp_path):
    cases = {
        "no_root.ofd": (_zip({"Doc_0/Document.xml": "<x/>"}), "no OFD.xml"),
        "scan.ofd": (ofd_package([[]]), "no text layer"),
        "html.ofd": (b"<html><body>404</body></html>", "not a ZIP"),
        "broken_xml.ofd": (_zip({"OFD.xml": "<ofd:OFD"}), "not a readable OFD"),
    }
    for name, (data, reason) in cases.items():
        p = tmp_path / name
        p.write_bytes(data)
        with pytest.raises(UnreadableFile) as e:
            list(load_path(p))
        msg = str(e.value)
        assert "\n" not in msg and msg.startswith(str(p)) and reason in msg, msg


def test_ingest_reads_ofd_and_goes_on_past_a_bad_one(tmp_path):
    src = tmp_path / "收件"
    src.mkdir()
    (src / "办法.ofd").write_bytes(ofd_package([PAGE1, PAGE2]))
    (src / "扫描件.ofd").write_bytes(ofd_package([[]]))
    (src / "说明.txt").write_text("说明\n本办法自印发之日起施行。", encoding="utf-8")
    with Store(tmp_path / "home") as store:
        report = ingest([src], store, workers=0)
        assert (report.added, report.failed) == (2, 1)
        assert report.failures[0][0].endswith("扫描件.ofd") and "no text layer" in report.failures[0][1]
        texts = sorted(d.text for d in store.iter())
    assert "\n".join(PAGE1 + PAGE2) in texts


def test_fazhi_ingest_and_check_read_an_ofd_through_the_cli(tmp_path):
    """Through the real entry point: `fazhi ingest x.ofd` used to say it was of an unsupported type."""
    p = tmp_path / "办法.ofd"
    p.write_bytes(ofd_package([PAGE1, PAGE2]))
    fazhi = str(Path(sys.executable).parent / "fazhi")
    env = dict(os.environ, FAZHI_HOME=str(tmp_path / "home"))
    r = subprocess.run([fazhi, "ingest", str(p), "--json"], capture_output=True, text=True, env=env, timeout=120)
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert (out["added"], out["failed"]) == (1, 0), out
    r = subprocess.run([fazhi, "check", str(p), "--json"], capture_output=True, text=True, env=env, timeout=120)
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert out["title"] == PAGE1[0] and out["date"] == "2026-03-05" and out["citations"] >= 1, out


def test_the_crawler_reads_an_ofd_attachment_through_the_loader():
    from fazhi.crawlers.spiders.base import FazhiSpider, ofd_text

    data = ofd_package([PAGE1, PAGE2])
    assert FazhiSpider(name="t").convert(data, "附件.ofd") == "\n".join(PAGE1 + PAGE2) == ofd_text(data)
    with pytest.raises(UnreadableFile, match="no text layer"):
        FazhiSpider(name="t").convert(ofd_package([[]]), "扫描件.ofd")


def _zip(files: dict) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, text in files.items():
            z.writestr(name, text)
    return buf.getvalue()
