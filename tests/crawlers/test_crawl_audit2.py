"""Crawl audit 2: three local sites built like a city's 司法局, court and message board (GBK under a wrong
charset header, 下一页 and ?page=N pagination, [2026-03-05] / 2026年3月5日 list dates, TRS_Editor and #zoom
bodies, .pdf .docx .doc .wps .ofd attachments, 404 / 500 / 301 / robots.txt, duplicate list entries, a
corrected document), crawled twice for real through Scrapy, scored against the key written before the
first run (tests/fixtures/crawlers/audit2/; figures: benchmarks/crawl_audit2.py).

The unit tests below pin each defect the audit found.
"""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

AUDIT = Path(__file__).resolve().parents[1] / "fixtures" / "crawlers" / "audit2"


def _load(name: str, file: str):
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, AUDIT / file)
        mod = importlib.util.module_from_spec(spec)
        sys.modules[name] = mod
        spec.loader.exec_module(mod)
    return sys.modules[name]


@pytest.fixture(scope="module")
def audit(tmp_path_factory):
    """The sites of all three rounds, crawled at once, twice."""
    score = _load("audit2_score", "score.py")
    res = score.run_crawls(tmp_path_factory.mktemp("audit2"))
    return score, res


def test_the_store_holds_what_the_key_says(audit):
    score, res = audit
    checks = score.score(res)
    assert all(c["ok"] for c in checks), score.summary(checks)


def test_every_check_of_the_key_was_made(audit):
    # a document missing from the store skips its own checks: the count says none was skipped
    score, res = audit
    assert len(score.score(res)) == 172


def _page(html: str, url: str = "http://a.gov.cn/art/t1.html"):
    from scrapy.http import HtmlResponse

    return HtmlResponse(url, body=html.encode("utf-8"), encoding="utf-8")


def _spider(fields: dict, kind: str = "regulation"):
    from fazhi.crawlers.spiders.generic import GenericSpider

    return GenericSpider(profile={"kind": kind, "start_urls": ["http://a.gov.cn/"], "detail": {"fields": fields}})


def test_an_element_inside_another_picked_element_is_read_once():
    # "div.TRS_Editor, div#zoom" covers both templates of a site; on the old one #zoom holds the editor's div
    from fazhi.crawlers.spiders.generic import select

    page = _page('<div id="zoom"><div class="TRS_Editor"><p>第一条　规范。</p></div><p>【打印本页】</p></div>'
                 '<div class="TRS_Editor"><p>附：说明</p></div>')
    assert select(page, "css:div.TRS_Editor, div#zoom") == ["第一条 规范。\n【打印本页】", "附：说明"]
    assert select(page, "css:p::text") == ["第一条 规范。", "【打印本页】", "附：说明"]  # text is not nested


def test_a_fields_re_reads_the_one_value_it_matches():
    # 案号：… 审理法院：… 案由：… in three <span>s, read by one selector with a re per field: joined into one
    # line first, the case number ran on into the court's name and every judgment was dropped
    page = _page('<div class="wsxx"><span>案号：（2026）临01民终123号</span><span>审理法院：临江市中级人民法院</span>'
                 '<span>案由：民间借贷纠纷</span><span>裁判日期：2026年3月5日</span></div>')
    sel = "css:div.wsxx span::text"
    spider = _spider({"case_number": {"selector": sel, "re": "案号：(\\S+)"}}, kind="judgment")
    assert spider.field(page, "case_number", {"selector": sel, "re": "案号：(\\S+)"}) == "（2026）临01民终123号"
    assert spider.field(page, "court", {"selector": sel, "re": "审理法院：(\\S+)"}) == "临江市中级人民法院"
    assert spider.field(page, "published", {"selector": sel, "re": "裁判日期：(\\S+)"}) == "2026-03-05"
    # a pattern that spans the values still reads them joined
    assert spider.field(page, "cause", {"selector": sel, "re": "审理法院：\\S+\\s+案由：(\\S+)", "join": " "}) == "民间借贷纠纷"


def test_a_number_the_page_has_no_field_for_is_read_from_the_texts_head():
    from fazhi.crawlers.items import LawItem

    spider = _spider({"title": "css:td.title::text", "number": "css:td.wh::text", "text": "css:div#zoom"})
    item = LawItem(url="http://a.gov.cn/t1.html", title="关于加强基层法律服务所管理的规定",
                   text="临司规〔2025〕7号\n各区、县（市）司法局：\n为加强基层法律服务所管理，制定本规定。")
    spider.number_from_text(item)
    assert item.extra["number"] == "临司规〔2025〕7号"
    # the page's own field wins; a 文号 cited in the body is not the paper's own
    item = LawItem(url="http://a.gov.cn/t2.html", title="t", text="临司规〔2025〕7号\n正文", extra={"number": "临司规〔2025〕8号"})
    spider.number_from_text(item)
    assert item.extra["number"] == "临司规〔2025〕8号"
    item = LawItem(url="http://a.gov.cn/t3.html", title="t", text="各司法所：\n根据临司规〔2025〕7号文件精神，现通知如下。")
    spider.number_from_text(item)
    assert "number" not in item.extra
    # a profile that asks for no number gets none
    item = LawItem(url="http://a.gov.cn/t4.html", title="t", text="临司规〔2025〕7号\n正文")
    _spider({"title": "css:h1::text", "text": "css:div#zoom"}).number_from_text(item)
    assert "number" not in item.extra


def test_an_ofd_attachment_is_read():
    from fazhi.crawlers.spiders.base import ATTACHMENT_SUFFIXES, ofd_text

    sites = _load("audit2_sites", "sites.py")
    assert ".ofd" in ATTACHMENT_SUFFIXES  # the link was left out: neither fetched nor reported
    assert ofd_text(sites.ofd_bytes(["评估工作流程图", "第一步：抽取案卷"])) == "评估工作流程图\n第一步：抽取案卷"


def test_ofd_text_joins_the_text_objects_of_a_line_and_says_what_is_wrong():
    import io
    import zipfile

    from fazhi.crawlers.spiders.base import ofd_text

    sites = _load("audit2_sites", "sites.py")
    data = sites.ofd_bytes(["第一条"])
    # a writer that puts each run in its own text object, the second line's objects first in the file
    buf = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(buf, "w") as dst:
        for name in src.namelist():
            body = src.read(name)
            if name.endswith("Content.xml"):
                objs = ('<ofd:TextObject ID="21" Boundary="20 60 40 6"><ofd:TextCode X="0" Y="4">施行。</ofd:TextCode>'
                        '</ofd:TextObject><ofd:TextObject ID="20" Boundary="60 30 80 6"><ofd:TextCode X="0" Y="4">'
                        '为了规范</ofd:TextCode></ofd:TextObject><ofd:TextObject ID="19" Boundary="20 30 40 6">'
                        '<ofd:TextCode X="0" Y="4">第一条　</ofd:TextCode></ofd:TextObject>')
                body = body.decode().replace(body.decode()[body.decode().index("<ofd:TextObject"):
                                                          body.decode().index("</ofd:Layer>")], objs).encode()
            dst.writestr(name, body)
    assert ofd_text(buf.getvalue()) == "第一条　为了规范\n施行。"
    with pytest.raises(ValueError, match="not a ZIP"):
        ofd_text(b"<html>")
    empty = io.BytesIO()
    with zipfile.ZipFile(empty, "w") as z:
        z.writestr("word/document.xml", "<w/>")
    with pytest.raises(ValueError, match="no OFD.xml"):
        ofd_text(empty.getvalue())


# -- round 2: a district government's site, keyed after round 1's fixes -----------------------------------
def test_round2_the_store_holds_what_the_key_says(audit):
    score, res = audit
    checks = score.score(res, score.KEY2)
    assert all(c["ok"] for c in checks), score.summary(checks)
    assert len(checks) == 55


@pytest.mark.parametrize("href, url", [
    # a list of <a href="javascript:;" onclick="openUrl('…')">, read with a::attr(onclick): was the list page's
    # URL with openUrl('…') appended, a 404 for every document
    ("openUrl('/hsq/art/2026/art_5001.html')", "http://a.gov.cn/hsq/art/2026/art_5001.html"),
    ("window.open('../art/t1.html');return false;", "http://a.gov.cn/hsq/art/t1.html"),
    ("window.location.href='t2.html'", "http://a.gov.cn/hsq/list/t2.html"),
    ("openDoc(12)", None),  # a script that names no page
    (".\\P020260305612345.pdf", "http://a.gov.cn/hsq/list/P020260305612345.pdf"),  # an IIS editor's backslash
    ("..\\files\\fj.docx", "http://a.gov.cn/hsq/files/fj.docx"),
    ("fj(1).pdf", "http://a.gov.cn/hsq/list/fj(1).pdf"),  # brackets in a file name: no script
    ("detail.html?id=3", "http://a.gov.cn/hsq/list/detail.html?id=3"),
])
def test_onclick_scripts_and_backslashes_are_read_as_browsers_read_them(href, url):
    from fazhi.crawlers.spiders.base import link_url

    assert link_url("http://a.gov.cn/hsq/list/index.html", href) == url


def test_a_list_rows_facts_belong_to_the_page_its_onclick_opens():
    spider = _spider({"title": "css:h1::text", "text": "css:#zoom"})
    spider.profile["list"] = {"links": "css:td.bt a::attr(onclick)", "row": "css:table tr",
                              "fields": {"number": "css:td.wh::text", "published": "css:td.rq::text"}}
    page = _page('<table><tr><td class="bt"><a href="javascript:;" onclick="openUrl(\'/art/a1.html\')">甲</a></td>'
                 '<td class="wh">海司规〔2026〕2号</td><td class="rq">2026-3-5</td></tr></table>',
                 url="http://a.gov.cn/hsq/list/")
    urls = spider.links(page, spider.profile["list"]["links"])
    assert urls == ["http://a.gov.cn/art/a1.html"]
    assert spider.row_fields(page, urls) == {urls[0]: {"number": "海司规〔2026〕2号", "published": "2026-03-05"}}


def test_a_failed_attachment_is_named_by_its_links_words_as_a_fetched_one_is():
    from fazhi.crawlers.items import LawItem

    spider = _spider({"title": "css:h1::text", "text": "css:#zoom"})
    item = LawItem(url="http://a.gov.cn/art/t1.html", title="t", text="x")
    spider.step_failed(item, {"url": "http://a.gov.cn/files/fj_4990_2.pdf", "role": "attachment",
                              "label": "法律顾问履职评价表"}, "HTTP 404", 404)
    assert item.attachments[0].name == "法律顾问履职评价表.pdf" and item.attachments[0].error == "HTTP 404"


# -- round 3: a board whose links carry the list's page number --------------------------------------------
def test_round3_the_store_holds_what_the_key_says(audit):
    score, res = audit
    checks = score.score(res, score.KEY3)
    assert all(c["ok"] for c in checks), score.summary(checks)
    assert len(checks) == 47


@pytest.mark.parametrize("url, identity", [
    ("http://a.gov.cn/wz/detail.jsp?id=7003&pageNo=2", "http://a.gov.cn/wz/detail.jsp?id=7003"),
    ("http://a.gov.cn/show.php?curPage=3&tid=9", "http://a.gov.cn/show.php?tid=9"),
    ("http://a.gov.cn/show.aspx?id=9&page=2&pagesize=20", "http://a.gov.cn/show.aspx?id=9"),
    ("http://a.gov.cn/?p=123", None),  # WordPress's p is the post
    ("http://a.gov.cn/list.jsp?pageNo=2", None),  # a list page is its page
    ("http://a.gov.cn/art/t1.html", None),
])
def test_page_identity(url, identity):
    from fazhi.crawlers.pipelines import page_identity

    assert page_identity(url) == identity


def _store_items(home, items):
    from scrapy import Spider
    from scrapy.utils.test import get_crawler

    from fazhi.crawlers.pipelines import StorePipeline

    crawler = get_crawler(Spider, {"FAZHI_HOME": str(home)})
    crawler.spider = Spider(name="posts")
    pipe = StorePipeline.from_crawler(crawler)
    pipe.open_spider()
    for item in items:
        pipe.process_item(item)
    pipe.close_spider()
    return {k[len("fazhi/"):]: v for k, v in crawler.stats.get_stats().items() if k.startswith("fazhi/")}


def test_a_letter_linked_from_another_list_page_is_the_stored_letter(tmp_path):
    # it was "duplicate" of itself: the answer it got meanwhile, or its corrected text, was lost
    from fazhi.crawlers.items import PostItem
    from fazhi.workspace import Workspace

    url = "http://a.gov.cn/wz/detail.jsp?id=7003&pageNo=1"
    letter = dict(title="农村宅基地纠纷求助调解", text="我与邻居因宅基地界址发生争议。", published="2026-03-05")
    other = PostItem(url="http://a.gov.cn/wz/detail.jsp?id=7001&pageNo=1", title="停车位", text="只售不租。")
    assert _store_items(tmp_path, [PostItem(url=url, **letter), other]) == {"added": 2}
    moved = url.replace("pageNo=1", "pageNo=2")
    assert _store_items(tmp_path, [PostItem(url=moved, **letter)]) == {"unchanged": 1}
    answered = PostItem(url=moved, reply="已转司法所调解。", reply_date="2026-03-10", **letter)
    assert _store_items(tmp_path, [answered]) == {"refreshed": 1}
    corrected = PostItem(url=url.replace("pageNo=1", "pageNo=3"), reply="已转司法所调解。", reply_date="2026-03-10",
                         **{**letter, "text": "我与邻居因宅基地界址争议。"})
    assert _store_items(tmp_path, [corrected]) == {"updated": 1}
    # another letter with the same text is still a duplicate, not the stored letter
    copy = PostItem(url="http://a.gov.cn/wz/detail.jsp?id=7009&pageNo=1", **{**letter, "text": "只售不租。"})
    assert _store_items(tmp_path, [copy]) == {"duplicate": 1}
    with Workspace(tmp_path).store() as store:
        docs = {d.source: d for d in store}
        assert sorted(docs) == [url.replace("7003", "7001"), url]
        assert docs[url].metadata["reply"] == "已转司法所调解。" and docs[url].text == "我与邻居因宅基地界址争议。"
        assert len(store.versions(docs[url].id)) == 1


# -- round 4: a notice with spreadsheets and archives, and a 链接稿 -------------------------------------------
def test_round4_the_store_holds_what_the_key_says(audit):
    score, res = audit
    checks = score.score(res, score.KEY4)
    assert all(c["ok"] for c in checks), score.summary(checks)
    assert len(checks) == 39


def test_spreadsheets_and_archives_attached_are_read_or_reported():
    # .xlsx .xls .zip .rar links were left out: neither fetched nor reported
    from fazhi.crawlers.spiders.base import ATTACHMENT_SUFFIXES, FazhiSpider, sheet_text

    sites = _load("audit2_sites", "sites.py")
    assert {".xlsx", ".xls", ".et", ".zip", ".rar", ".7z"} <= set(ATTACHMENT_SUFFIXES)
    table = sites.xlsx_bytes([["案件类型", "办理经费（元/件）"], ["一般程序案件", 1200.0], [None, None], ["听证案件", 3000]])
    assert sheet_text(table) == "案件类型\t办理经费（元/件）\n一般程序案件\t1200\n听证案件\t3000"
    spider = FazhiSpider(name="t")
    assert spider.convert(table, "经费标准.xlsx").startswith("案件类型")  # not refused as rows without a text column
    packed = sites.zip_bytes({"申请书范本.docx": sites.docx_bytes("行政复议申请书范本\n申请人：")})
    assert "行政复议申请书范本" in spider.convert(packed, "材料.zip")
    with pytest.raises(ValueError, match="RAR archive is not read"):
        spider.convert(b"Rar!\x1a\x07\x00" + bytes(64), "附件打包.rar")
    with pytest.raises(ValueError, match="not a readable .xlsx"):
        sheet_text(b"PK\x03\x04 broken")


def test_a_page_that_only_forwards_by_script_is_followed():
    from scrapy.http import HtmlResponse

    from fazhi.crawlers.middlewares import script_redirect

    def page(body, url="http://a.gov.cn/xzfy/tzgg/202603/t20260308_299.html"):
        return HtmlResponse(url, body=body.encode("utf-8"), encoding="utf-8")

    assert script_redirect(page('<html><head><script>window.location.href="../../art/2026/3/8/art_299.html";'
                                "</script></head><body></body></html>")) == "http://a.gov.cn/xzfy/art/2026/3/8/art_299.html"
    assert script_redirect(page("<body><p>页面跳转中……</p><script>location.replace('/xzfy/a.html')</script></body>")) \
        == "http://a.gov.cn/xzfy/a.html"
    # an article with a script that sends phones elsewhere stays; so do a reload and a script file
    article = "<p>" + "第一条　为了规范行政复议听证程序，制定本规则。" * 3 + "</p>"
    assert script_redirect(page(article + "<script>if(isMobile)window.location.href='/m/t1.html'</script>")) is None
    assert script_redirect(page("<script>location.href='t20260308_299.html'</script>")) is None
    assert script_redirect(page('<script src="/js/common.js"></script><script>var a="location";</script>')) is None


@pytest.mark.parametrize("words, label", [
    ("附件1：临江市细则.doc", "临江市细则.doc"), ("附件：经费标准", "经费标准"), ("附件2. 明细表", "明细表"),
    ("附件打包", "附件打包"), ("附件材料清单", "附件材料清单"),  # 附件 that begins the name was cut off (打包.rar)
    ("下载：申请表", "申请表"),
])
def test_a_files_label_loses_its_list_label_only(words, label):
    from fazhi.crawlers.spiders.generic import link_labels

    page = _page(f'<a href="/f/P0202.rar">{words}</a>')
    assert link_labels(page) == {"http://a.gov.cn/f/P0202.rar": label}
