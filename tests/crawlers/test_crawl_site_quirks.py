"""A city government site as operators meet it: charsets that lie, and other quirks of real sites.

Each test writes a small site into a temporary folder, serves it with FixtureServer on 127.0.0.1 (HTML is
sent as text/html without a charset) and crawls it for real through Scrapy's engine.
"""
from __future__ import annotations

import pytest
from crawl_helpers import GOV_PROFILE, by_file, run

from fazhi.workspace import Workspace

NAV = '<div class="nav"><a href="/">首页</a> &gt; 政策法规</div>'


def page(title: str, date: str, paras: list[str], meta: str = "") -> str:
    ps = "".join(f"<p>{p}</p>" for p in paras)
    return (f"<html><head>{meta}<title>{title}</title></head><body>{NAV}<h1>{title}</h1>"
            f'<span class="date">{date}</span><div class="content">{ps}</div>'
            '<div class="footer">版权所有：某市司法局</div></body></html>')


def write_site(root, pages: dict[str, bytes]):
    links = "".join(f'<li><a href="{name}">{name}</a></li>' for name in pages)
    (root / "gov").mkdir(parents=True)
    (root / "gov" / "list.html").write_bytes(f'<html><body><ul class="list">{links}</ul></body></html>'.encode())
    for name, body in pages.items():
        (root / "gov" / name).write_bytes(body)
    (root / "site.yaml").write_text(GOV_PROFILE, encoding="utf-8")


def crawl_site(tmp_path, pages):
    from fazhi.crawlers.fixture_server import FixtureServer

    write_site(tmp_path / "site", pages)
    with FixtureServer(tmp_path / "site") as server:
        stats = run("generic", tmp_path / "ws", server, profile=str(tmp_path / "site" / "site.yaml"))
    with Workspace(tmp_path / "ws").store() as store:
        return stats, by_file(store)


def test_a_meta_charset_that_lies_is_not_believed(tmp_path):
    title, para = "某市电梯安全管理办法", "第一条　为了加强电梯安全管理，制定本办法。"
    pages = {
        # the template says utf-8, the text is GBK
        "gbk-says-utf8.html": page(title, "2024年3月5日", [para], '<meta charset="utf-8">').encode("gbk"),
        # the template says gb2312, the text is UTF-8
        "utf8-says-gb2312.html": page(title + "（二）", "2024-3-5", [para + "二"],
                                      '<meta http-equiv="Content-Type" content="text/html; charset=gb2312">'
                                      ).encode("utf-8"),
        # declared right, one stray byte: the declared charset stands
        "gbk-typo.html": page(title + "（三）", "2024/03/05", [para + "三"], '<meta charset="gbk">'
                              ).encode("gbk").replace("三".encode("gbk"), b"\xff\xfe", 1),
    }
    stats, stored = crawl_site(tmp_path, pages)
    assert stats["added"] == 3
    assert stored["gbk-says-utf8.html"].title == title
    assert stored["gbk-says-utf8.html"].text == para.replace("　", " ")
    assert stored["gbk-says-utf8.html"].published == "2024-03-05"
    assert stored["utf8-says-gb2312.html"].title == title + "（二）"
    assert stored["gbk-typo.html"].title.startswith(title)


def test_a_pdf_sent_as_a_web_page_is_converted_not_dropped(tmp_path):
    from fazhi.crawlers.fixture_server import docx_bytes, pdf_bytes

    pages = {
        "notice.html": pdf_bytes("某市停车管理办法\n第一条 为了规范停车管理，制定本办法。"),  # text/html on the wire
        "rules.docx": docx_bytes("某市养犬管理规定\n第一条 为了加强养犬管理，制定本规定。"),  # a file as the detail page
        "plain.html": page("某市消防条例", "2024-3-5", ["第一条　为了预防火灾，制定本条例。"]).encode("gbk"),
    }
    stats, stored = crawl_site(tmp_path, pages)
    assert stats["added"] == 3 and stats["dropped"] == 0
    d = stored["notice.html"]
    assert d.title == "某市停车管理办法" and "第一条 为了规范停车管理" in d.text and "%PDF" not in d.text
    assert d.metadata["page_format"] == "pdf" and d.kind == "regulation"
    assert stored["rules.docx"].title == "某市养犬管理规定"
    assert stored["plain.html"].title == "某市消防条例" and "page_format" not in stored["plain.html"].metadata


def test_a_site_that_cannot_be_reached_is_an_error_not_a_finished_crawl(tmp_path):
    import socket
    import subprocess
    import sys

    with socket.socket() as s:  # a loopback port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    (tmp_path / "site.yaml").write_text(GOV_PROFILE, encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "fazhi", "--home", str(tmp_path / "ws"), "crawl", "generic",
                           "-a", f"profile={tmp_path / 'site.yaml'}", "-a", f"base_url=http://127.0.0.1:{port}",
                           "-s", "RETRY_TIMES=0", "--no-throttle"], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 1
    assert "no page could be fetched" in proc.stderr and "ConnectionRefused" in proc.stderr


def test_tracking_parameters_do_not_make_a_second_request(tmp_path):
    from fazhi.crawlers.fixture_server import FixtureServer

    title, para = "某市物业管理办法", "第一条　为了规范物业管理活动，制定本办法。"
    write_site(tmp_path / "site", {"a.html": page(title, "2024-03-05", [para]).encode("utf-8")})
    # the list links the page twice: shared from a WeChat article, and plainly
    (tmp_path / "site" / "gov" / "list.html").write_text(
        '<html><body><ul class="list"><li><a href="a.html?utm_source=wechat&utm_medium=share&spm=a1.b2">分享</a></li>'
        '<li><a href="a.html">原文</a></li></ul></body></html>', encoding="utf-8")
    with FixtureServer(tmp_path / "site") as server:
        stats = run("generic", tmp_path / "ws", server, profile=str(tmp_path / "site" / "site.yaml"))
        hits = server.hits["/gov/a.html"]
    with Workspace(tmp_path / "ws").store() as store:
        docs = list(store)
    assert hits == 1 and stats["added"] == 1
    assert [d.source.rsplit("/", 1)[-1] for d in docs] == ["a.html"]
    assert not any("utm_" in s["url"] for s in stats.get("skipped", []))
