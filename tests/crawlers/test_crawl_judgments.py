"""The judgments spider (profile-driven) against the demo court site: robots.txt, pagination, GBK and
GB2312 pages, 404 / 500 / timeout, a redirect loop, malformed HTML, a duplicate page, a page without a
case number, a .docx attachment and an image-only page."""
from __future__ import annotations

import re

import pytest
from crawl_helpers import by_file, run

from fazhi.crawlers.spiders.base import ocr_available
from fazhi.workspace import Workspace


@pytest.fixture(scope="module")
def crawled(server, tmp_path_factory):
    home = tmp_path_factory.mktemp("court") / "ws"
    stats = run("judgments", home, server, settings={"FAZHI_OCR": True})  # OCR when fazhi.ocr is installed
    with Workspace(home).store() as store:
        stored = by_file(store)
    return stats, stored


def test_what_is_stored(crawled):
    stats, stored = crawled
    assert stats["finish_reason"] == "finished"
    # case_dup.html is case_1.html under another URL: whichever arrives first is kept, the other is a duplicate
    assert len({"case_1.html", "case_dup.html"} & set(stored)) == 1
    assert set(stored) - {"case_1.html", "case_dup.html"} == {"case_2.html", "case_3.html", "case_4.html", "case_gbk.html",
                           "case_gbk_nometa.html", "case_header.gb2312.html", "case_malformed.html",
                           "case_attach.html", "case_scan.html"}
    for d in stored.values():
        m = d.metadata
        assert d.kind == "judgment" and re.match(r"^（\d{4}）浙\d+民.+号$", m["case_number"])
        assert m["court"].endswith("人民法院") and re.match(r"^\d{4}-\d{2}-\d{2}$", d.published)
        assert m["spider"] == "judgments" and m["http_status"] == 200


def test_fields_of_a_judgment(crawled):
    d = crawled[1].get("case_1.html") or crawled[1]["case_dup.html"]
    assert d.title == "张某某与李某某相邻关系纠纷一审民事判决书"
    assert d.metadata["case_number"] == "（2023）浙0106民初1234号"
    assert d.metadata["court"] == "杭州市西湖区人民法院" and d.metadata["cause"] == "相邻关系纠纷"
    assert d.published == "2023-05-10"  # 二〇二三年五月十日
    assert d.text.splitlines()[0].startswith("原告张某某与被告李某某系上下楼邻居")
    assert "第二百八十八条" in d.text


@pytest.mark.parametrize("page, words", [
    ("case_gbk.html", "夫妻感情确已破裂"),            # GBK, <meta charset=gbk>
    ("case_gbk_nometa.html", "承租人无正当理由未支付租金"),  # GBK, no declaration anywhere: detected
    ("case_header.gb2312.html", "不得以侮辱、诽谤等方式"),   # GB2312 declared in the HTTP header only
    ("case_malformed.html", "赔偿原告医疗费等共计人民币六千元"),  # unclosed and stray tags
])
def test_encodings_and_malformed_html(crawled, page, words):
    d = crawled[1][page]
    assert words in d.text and "\ufffd" not in d.text


def test_robots_txt_is_obeyed(crawled, server):
    stats, stored = crawled
    assert stats["robots_forbidden"] == 1 and "secret.html" not in stored
    assert server.hits["/court/private/secret.html"] == 0 and server.hits["/robots.txt"] >= 1


def test_errors_are_retried_then_given_up(crawled, server):
    stats, stored = crawled
    assert stats["http_errors"]["404"] == 1 and stats["http_errors"]["500"] == 2
    assert server.hits["/status/500.html"] == 2  # first try + RETRY_TIMES=1, with backoff between
    assert server.hits["/slow/court/case_2.html"] == 2  # timed out twice
    assert stats["retries"] >= 2 and stats["retries_exhausted"] == 2
    assert not any(k in stored for k in ("missing.html", "500.html"))


def test_redirect_loop_ends(crawled, server):
    stats, stored = crawled
    assert server.hits["/loop/a.html"] >= 1 and server.hits["/loop/b.html"] >= 1
    assert server.hits["/loop/a.html"] + server.hits["/loop/b.html"] <= 8
    assert not any(k.startswith(("a.html", "b.html")) for k in stored)


def test_duplicate_and_invalid_pages_are_not_stored(crawled):
    stats, stored = crawled
    assert stats["duplicate"] == 1 and not {"case_1.html", "case_dup.html"} <= set(stored)
    assert stats["dropped"] == 1 and "case_noid.html" not in stored  # no case number


def test_attachment_text_is_converted(crawled):
    d = crawled[1]["case_attach.html"]
    assert "买受人可以请求承担违约责任" in d.text
    (att,) = d.metadata["attachments"]
    assert att["status"] == "converted" and att["name"] == "判决书全文.docx" and att["bytes"] > 0  # named as its link reads


def test_image_only_page(crawled):
    d = crawled[1]["case_scan.html"]
    assert d.metadata["images"][0].endswith("/court/files/scan1.png")
    if ocr_available() is None:
        assert d.metadata["needs_ocr"] is True and d.text == ""
    else:
        assert "继承" in d.text


def test_recrawl_skips_unchanged(server, tmp_path):
    home = tmp_path / "ws"
    run("judgments", home, server, max_pages=1)
    again = run("judgments", home, server, max_pages=1)
    assert again["added"] == 0 and again["unchanged"] == 4 and again["duplicate"] == 1


def test_image_only_page_without_ocr_is_flagged(server, tmp_path):
    """With OCR off (or fazhi.ocr missing) a scanned page is stored flagged needs_ocr, with its images;
    the profile here has no list: its start URL is the detail page itself."""
    profile = {"kind": "judgment", "start_urls": [f"{server.url}/court/case_scan.html"],
               "detail": {"fields": {"title": "css:h1.title::text", "case_number": "css:span.ah::text",
                                     "court": "css:span.court::text", "published": "css:span.date::text",
                                     "text": "css:div.content p"},
                          "images": "css:div.content img::attr(src)"}}
    import yaml

    path = tmp_path / "scan.yaml"
    path.write_text(yaml.safe_dump(profile, allow_unicode=True), encoding="utf-8")
    before = server.hits["/court/files/scan1.png"]
    stats = run("generic", tmp_path / "ws", server, settings={"FAZHI_OCR": False}, profile=str(path))
    assert stats["added"] == 1 and stats["needs_ocr"] == 1
    with Workspace(tmp_path / "ws").store() as store:
        (d,) = list(store)
    assert d.metadata["needs_ocr"] is True and d.text == "" and d.metadata["case_number"] == "（2024）浙0113民初5号"
    assert server.hits["/court/files/scan1.png"] == before  # not even downloaded when OCR is off
