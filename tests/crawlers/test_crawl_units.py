"""The parts of the crawlers that need no crawl: dates, statuses, validation, item → Document,
backoff, charset detection on real Scrapy responses, and the CLI."""
from __future__ import annotations

import datetime as dt
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fazhi.crawlers.items import Attachment, JudgmentItem, LawItem, Page, PostItem, validate
from fazhi.crawlers.pipelines import item_to_document
from fazhi.crawlers.spiders.base import parse_date
from fazhi.crawlers.spiders.flk import normalise_status
from fazhi.document import Document


@pytest.mark.parametrize("value, expected", [
    ("2020-05-28 00:00:00", "2020-05-28"),
    ("2020年5月28日", "2020-05-28"),
    ("来信时间：2024-03-05", "2024-03-05"),
    ("2024/3/5", "2024-03-05"),
    ("2024.03.05", "2024-03-05"),
    ("二〇二三年五月十日", "2023-05-10"),
    ("二〇二三年十二月三十一日", "2023-12-31"),
    ("2023年2月30日", None),
    ("", None),
    ("暂无", None),
])
def test_parse_date(value, expected):
    assert parse_date(value) == expected


@given(st.dates(min_value=dt.date(1949, 10, 1), max_value=dt.date(2099, 12, 31)))
def test_parse_date_round_trip(d):
    assert parse_date(f"{d.year}年{d.month}月{d.day}日") == d.isoformat()
    assert parse_date(d.isoformat() + " 08:30:00") == d.isoformat()


@pytest.mark.parametrize("raw, status", [("1", "有效"), ("5", "已修改"), ("9", "已废止"), ("3", "尚未生效"),
                                         ("有效", "有效"), ("现行有效", "有效"), ("失效", "已废止"), (None, "")])
def test_normalise_status(raw, status):
    assert normalise_status(raw) == status


U = "http://127.0.0.1/x.html"


@pytest.mark.parametrize("item, problems", [
    (Page(url=U, title="标题", text="正文"), []),
    (Page(url="ftp://x", title="标题", text="正文"), ["url 'ftp://x' is not http(s)"]),
    (Page(url=U, title="", text="正文"), ["missing title"]),
    (Page(url=U, title="标题", text=" "), ["missing text"]),
    (Page(url=U, title="标题", text="", attachments=[Attachment(url=U, text="附件正文")]), []),
    (Page(url=U, title="扫描件", text="", needs_ocr=True), []),
    (Page(url=U, title="标题", text="正文", published="2024年1月1日"),
     ["published '2024年1月1日' is not an ISO date (YYYY-MM-DD)"]),
    (Page(url=U, title="标题", text="正文", http_status=404), ["HTTP status 404"]),
    (LawItem(url=U, title="条例", text="第一条", status="有效"), []),
    (LawItem(url=U, title="条例", text="第一条", status="失效"), ["status '失效' is not one of 有效, 已修改, 已废止, 尚未生效"]),
    (JudgmentItem(url=U, title="判决书", text="正文", case_number="（2023）浙0106民初1234号"), []),
    (JudgmentItem(url=U, title="判决书", text="正文", case_number="(2023)京01民终123号"), []),
    # brackets of older documents and many court sites, and a second ruling's 之一: these judgments were dropped
    (JudgmentItem(url=U, title="判决书", text="正文", case_number="〔2019〕苏0102民初100号"), []),
    (JudgmentItem(url=U, title="判决书", text="正文", case_number="[2019]苏0102民初100号"), []),
    (JudgmentItem(url=U, title="裁定书", text="正文", case_number="（2020）最高法民申1234号之一"), []),
    (JudgmentItem(url=U, title="判决书", text="正文", case_number="2023浙0106民初1234号"),
     ["case number '2023浙0106民初1234号' does not look like (2020)京01民终123号"]),
    (JudgmentItem(url=U, title="判决书", text="正文"), ["missing case_number"]),
    (JudgmentItem(url=U, title="判决书", text="正文", case_number="第123号"),
     ["case number '第123号' does not look like (2020)京01民终123号"]),
    ("not an item", ["not a fazhi item: str"]),
])
def test_validate(item, problems):
    assert validate(item) == problems


def test_item_to_document_provenance_and_fields():
    item = PostItem(url=U, title="楼上漏水", text="楼上漏水三个月。", published="2024-03-01", district="西湖区",
                    reply="已调解。", http_status=200, fetched_at="2024-03-02T00:00:00+00:00", body_hash="ab" * 32,
                    attachments=[Attachment(url=U + ".docx", name="告知书.docx", status="converted", text="告知内容")],
                    extra={"views": 12})
    doc = item_to_document(item, "posts")
    assert doc.id == Document(text="", source=U).id and doc.kind == "post" and doc.source == U
    assert doc.text == "楼上漏水三个月。\n\n【附件：告知书.docx】\n告知内容"
    m = doc.metadata
    assert m["url"] == U and m["spider"] == "posts" and m["http_status"] == 200 and m["body_hash"] == "ab" * 32
    assert m["content_hash"] == doc.content_hash and m["fetched_at"] == doc.fetched_at
    assert m["district"] == "西湖区" and m["reply"] == "已调解。" and m["views"] == 12
    assert m["attachments"] == [{"url": U + ".docx", "name": "告知书.docx", "status": "converted", "bytes": 0}]
    # facts changed (a reply arrives), text not: a different facts hash, the same content hash
    item.reply = "已调解完毕。"
    doc2 = item_to_document(item, "posts")
    assert doc2.content_hash == doc.content_hash and doc2.metadata["facts_hash"] != m["facts_hash"]


def test_law_item_feeds_the_registry_keys():
    law = LawItem(url=U, title="信访条例", text="第一条", status="已废止", level="行政法规", office="国务院",
                  published="2005-01-10", effective="2005-05-01", law_id="abc")
    doc = item_to_document(law, "flk")
    assert doc.kind == "regulation" and doc.published == "2005-01-10"
    assert {k: doc.metadata[k] for k in ("status", "level", "office", "effective")} == {
        "status": "已废止", "level": "行政法规", "office": "国务院", "effective": "2005-05-01"}


def test_backoff_delay():
    from fazhi.crawlers.middlewares import backoff_delay

    assert [backoff_delay(n, 0.5, 3) for n in range(1, 6)] == [0.5, 1.0, 2.0, 3, 3]


@pytest.mark.parametrize("body, headers, forced, text", [
    ('<html><body><p>第一条 为了规范</p></body></html>'.encode("gbk"), {}, None, "第一条 为了规范"),
    ('<html><head><meta charset="utf-8"></head><p>民法典</p></html>'.encode("gbk"), {}, "gbk", "民法典"),
    ('<html><p>人民调解</p></html>'.encode("utf-8"), {}, None, "人民调解"),
    ('<html><p>行政处罚</p></html>'.encode("gb2312"), {"Content-Type": "text/html; charset=gb2312"}, None, "行政处罚"),
    # a Java server's default charset=ISO-8859-1 over GBK (with the page's own <meta charset=gbk>) or UTF-8:
    # stored as ¹ØÓÚÓ¡·¢ before
    ('<html><head><meta charset="gbk"></head><h1>关于印发调解办法的通知</h1></html>'.encode("gbk"),
     {"Content-Type": "text/html;charset=ISO-8859-1"}, None, "关于印发调解办法的通知"),
    ('<html><h1>关于印发调解办法的通知</h1></html>'.encode("utf-8"), {"Content-Type": "text/html; charset=iso-8859-1"},
     None, "关于印发调解办法的通知"),
    ('<html><h1>关于印发调解办法的通知</h1></html>'.encode("gbk"), {"Content-Type": "text/html; charset=us-ascii"},
     None, "关于印发调解办法的通知"),
    # real Latin-1 stays Latin-1
    ("<html><h1>Décret relatif à la médiation</h1></html>".encode("latin-1"),
     {"Content-Type": "text/html; charset=ISO-8859-1"}, None, "Décret relatif à la médiation"),
])
def test_encoding_middleware(body, headers, forced, text):
    from scrapy.http import HtmlResponse, Request

    from fazhi.crawlers.middlewares import EncodingMiddleware

    req = Request(U, meta={"fazhi_encoding": forced} if forced else {})
    resp = HtmlResponse(U, body=body, headers=headers, request=req)
    out = EncodingMiddleware().process_response(req, resp)
    assert text in out.text


def test_cli_help_and_errors(tmp_path):
    from click.testing import CliRunner

    from fazhi.cli import cli

    runner = CliRunner()
    r = runner.invoke(cli, ["crawl", "--help"])
    assert r.exit_code == 0 and "Example" in r.output and "--jobdir" in r.output
    r = runner.invoke(cli, ["--home", str(tmp_path), "crawl", "generic"])
    assert r.exit_code == 1 and "needs a site profile" in r.output
    r = runner.invoke(cli, ["--home", str(tmp_path), "crawl", "posts", "-a", "nokeyvalue"])
    assert r.exit_code == 2 and "is not KEY=VALUE" in r.output
    r = runner.invoke(cli, ["--home", str(tmp_path), "crawl", "nosuch"])
    assert r.exit_code == 2


def test_cli_crawl_json(tmp_path, server):
    from click.testing import CliRunner

    from fazhi.cli import cli

    r = CliRunner().invoke(cli, ["--home", str(tmp_path / "ws"), "crawl", "posts", "-a", f"base_url={server.url}",
                                 "-a", "max_pages=1", "--no-throttle", "-s", "DOWNLOAD_TIMEOUT=2", "--json"])
    assert r.exit_code == 0, r.output
    stats = json.loads(r.output[r.output.index("{"):r.output.rindex("}") + 1])
    assert stats["spider"] == "posts" and stats["added"] == 4 and stats["documents"] == 4
    assert stats["finish_reason"] == "finished" and "scrapy" not in stats


@pytest.mark.parametrize("header, name", [
    (b"attachment; filename*=UTF-8''%E5%85%B3%E4%BA%8E%E5%8D%B0%E5%8F%91.docx", "关于印发.docx"),
    (b"attachment; filename=\"fj.pdf\"; filename*=utf-8''%E9%99%84%E4%BB%B6.pdf", "附件.pdf"),
    ('attachment; filename="关于印发的通知.doc"'.encode("gbk"), "关于印发的通知.doc"),  # raw GBK bytes
    ('attachment; filename="关于印发的通知.doc"'.encode("utf-8"), "关于印发的通知.doc"),
    (b"attachment; filename=%E9%99%84%E4%BB%B6.pdf", "附件.pdf"),
    (b'attachment; filename="C:\\\\files\\\\a.docx"', "a.docx"),
    (b"inline", None),
    (None, None),
])
def test_content_disposition_file_names(header, name):
    from fazhi.crawlers.spiders.base import disposition_name

    assert disposition_name(header) == name


@pytest.mark.parametrize("headers, seconds", [
    ({"Retry-After": "5"}, 5.0), ({"Retry-After": " 0 "}, 0.0), ({"Retry-After": "Wed, 21 Oct 2015 07:28:30 GMT"}, 10.0),
    ({"Retry-After": "soon"}, None), ({}, None)])
def test_retry_after(headers, seconds):
    from scrapy.http import Response

    from fazhi.crawlers.middlewares import retry_after

    assert retry_after(Response(U, status=429, headers=headers), now=1445412500.0) == seconds


@pytest.mark.parametrize("href, url", [
    ("../detail.html?id=3&type=1", "http://a.gov.cn/gov/detail.html?id=3&type=1"),
    ("./q.html?id=4", "http://a.gov.cn/gov/sub/q.html?id=4"),
    ("  detail.html  ", "http://a.gov.cn/gov/sub/detail.html"),
    ("https://b.gov.cn/x.html", "https://b.gov.cn/x.html"),
    ("javascript:void(0)", None), ("JavaScript:openWin('x')", None), ("mailto:a@b.cn", None), ("tel:12345", None),
    ("#top", None), ("", None),
])
def test_link_url(href, url):
    from fazhi.crawlers.spiders.base import link_url

    assert link_url("http://a.gov.cn/gov/sub/list.html", href) == url


@pytest.mark.parametrize("body, ctype, reason", [
    (b"<html><body>\xe8\xae\xbf\xe9\x97\xae\xe9\xaa\x8c\xe8\xaf\x81</body></html>", "text/html",
     "not an flk list response (Content-Type: text/html): Expecting value: line 1 column 1 (char 0)"),
    (b"", "application/json", "empty response (HTTP 200, 0 bytes)"),
    (b"\x1f\x8b\x08\x00binary", "application/json",
     "not an flk list response: the body is gzip-compressed data (Content-Type: application/json)"),
])
def test_an_flk_answer_that_is_not_json_is_named_in_skipped(body, ctype, reason):
    """A verification page, an empty or undecompressed body in place of the API's JSON was only logged."""
    from scrapy.http import HtmlResponse, Request, TextResponse
    from scrapy.utils.test import get_crawler

    from fazhi.crawlers.middlewares import SkippedLog
    from fazhi.crawlers.spiders.flk import FlkSpider

    crawler = get_crawler(FlkSpider)
    spider = FlkSpider.from_crawler(crawler, base_url="http://127.0.0.1:9")
    crawler.spider = spider
    cls = HtmlResponse if "html" in ctype else TextResponse
    url = spider.list_url(1)
    response = cls(url, body=body, headers={"Content-Type": ctype}, request=Request(url), encoding="utf-8")
    assert list(spider.parse_list(response, page=1)) == []
    assert SkippedLog.for_crawler(crawler).records == [{"url": url, "reason": reason}]


# -- how agency sites write things (see test_crawl_agency_sites.py for the crawls) --------------------------------
@pytest.mark.parametrize("raw, status", [
    ("有效", "有效"), ("现行有效", "有效"), ("部分失效", "有效"), ("有效性：有效", "有效"), ("【现行有效】", "有效"),
    ("失效", "已废止"), ("已失效", "已废止"), ("废止", "已废止"), ("作废", "已废止"), ("全文废止", "已废止"),
    ("已修订", "已修改"), ("修正", "已修改"), ("尚未施行", "尚未生效"), ("时效性： 尚未生效", "尚未生效"),
    ("待定", "待定"), ("", ""),
])
def test_law_status_from_the_words_sites_use(raw, status):
    from fazhi.crawlers.items import law_status

    assert law_status(raw) == status


@pytest.mark.parametrize("html, text", [
    # a TRS editor's stylesheet and a document.write inside the article are not text
    ('<div><style>.TRS_Editor P{margin:0;font-family:宋体}</style><p>第一条　规范。</p>'
     "<script>document.write('打印');</script><p>第二条　施行。</p></div>", "第一条 规范。\n第二条 施行。"),
    # paragraphs, cells and <br> are lines; a source line break between Chinese characters is nothing
    ("<div><p>现将办法印发给你们，\n      请认真贯彻执行。</p><p>司法厅<br/>2023年6月12日</p></div>",
     "现将办法印发给你们，请认真贯彻执行。\n司法厅\n2023年6月12日"),
    ("<table><tr><td>发文字号：</td><td>苏司规〔2023〕3号</td></tr></table>", "发文字号：\n苏司规〔2023〕3号"),
    ("<div>Article 1\n  applies.<!-- 编辑 --><span>见</span><b>附件</b></div>", "Article 1 applies.见附件"),
])
def test_element_text(html, text):
    import lxml.html

    from fazhi.crawlers.spiders.generic import element_text

    assert element_text(lxml.html.fragment_fromstring(html, create_parent="div")) == text


@pytest.mark.parametrize("name, label, expected", [
    ("P020210301523413.pdf", "江苏省法律援助条例实施办法", "江苏省法律援助条例实施办法.pdf"),
    ("W020200930.docx", "基准.docx", "基准.docx"),
    ("1234.doc", "关于印发《办法》的通知", "关于印发《办法》的通知.doc"),
    ("办法.pdf", "点此下载", "办法.pdf"),  # the URL's own Chinese name stands
    ("P0202.pdf", "download", "P0202.pdf"),
    ("P0202.pdf", None, "P0202.pdf"),
    ("P0202.pdf", "a/b办法", "a／b办法.pdf"),
])
def test_attachment_named_by_its_link(name, label, expected):
    from fazhi.crawlers.spiders.base import labelled_name

    assert labelled_name(name, label) == expected


def test_title_broken_by_br_is_one_line():
    from scrapy.http import HtmlResponse

    from fazhi.crawlers.spiders.generic import GenericSpider

    spider = GenericSpider(profile={"start_urls": ["http://a.gov.cn/"], "detail": {"fields": {"title": "h1::text"}}})
    page = HtmlResponse("http://a.gov.cn/a.html", encoding="utf-8",
                        body="<h1>江苏省司法厅关于印发<br>《调解员等级评定办法》的通知</h1>".encode())
    assert spider.field(page, "title", "css:h1::text") == "江苏省司法厅关于印发《调解员等级评定办法》的通知"
    assert spider.field(page, "heading", "css:h1::text") == "江苏省司法厅关于印发\n《调解员等级评定办法》的通知"


@pytest.mark.parametrize("html, frames", [
    ('<iframe src="body.html"></iframe><iframe src="https://map.baidu.com/x"></iframe>', ["http://www.a.gov.cn/p/body.html"]),
    ('<iframe src="/pdfjs/web/viewer.html?file=/files/a.pdf"></iframe>', ["http://www.a.gov.cn/files/a.pdf"]),
    ('<embed src="//sft.a.gov.cn/f/b.pdf"><object data="c.pdf"></object>',
     ["http://sft.a.gov.cn/f/b.pdf", "http://www.a.gov.cn/p/c.pdf"]),
    ('<iframe src="about:blank"></iframe><iframe src="javascript:void(0)"></iframe><iframe src="x.html"></iframe>',
     ["http://www.a.gov.cn/p/x.html"]),
    ('<iframe src="http://www.b.gov.cn/x.html"></iframe>', []),
])
def test_body_frames(html, frames):
    from scrapy.http import HtmlResponse

    from fazhi.crawlers.spiders.generic import body_frames

    page = HtmlResponse("http://www.a.gov.cn/p/a.html", body=f"<html><body>{html}</body></html>".encode(), encoding="utf-8")
    assert body_frames(page) == frames


def test_list_fields_need_a_row():
    from fazhi.crawlers.profile import load_profile
    from fazhi.errors import ParseError

    base = {"start_urls": ["http://a.gov.cn/"], "detail": {"fields": {"title": "h1"}}}
    with pytest.raises(ParseError, match="list.row"):
        load_profile({**base, "list": {"links": "a::attr(href)", "fields": {"status": "td::text"}}})
    with pytest.raises(ParseError, match="list field 'status' needs a selector"):
        load_profile({**base, "list": {"links": "a::attr(href)", "row": "tr", "fields": {"status": ""}}})
    assert load_profile({**base, "list": {"links": "a::attr(href)", "row": "tr", "fields": {"status": "td::text"}}})


@pytest.mark.parametrize("href, url", [
    # links a list page opens through a script: they were left out of the crawl
    ("javascript:window.open('../art/2023/6/12/art_123.html')", "http://x.gov.cn/art/2023/6/12/art_123.html"),
    ('javascript:openDetail("t20230612_1.html", 1)', "http://x.gov.cn/col/t20230612_1.html"),
    ('JavaScript:window.open("/module/download/downfile.jsp?classid=0&filename=a.pdf")',
     "http://x.gov.cn/module/download/downfile.jsp?classid=0&filename=a.pdf"),
    ("javascript:go('http://www.a.gov.cn/b.htm')", "http://www.a.gov.cn/b.htm"),
    ("javascript:void(0)", None), ("javascript:alert('暂无');", None), ("javascript:;", None),
    ("mailto:a@b.cn", None), ("#top", None), ("../art/1.html", "http://x.gov.cn/art/1.html"),
])
def test_link_url(href, url):
    from fazhi.crawlers.spiders.base import link_url

    assert link_url("http://x.gov.cn/col/list.html", href) == url


@pytest.mark.parametrize("name, html, value", [
    ("reply", "<div class='r'>暂未回复</div>", None), ("reply", "<div class='r'>（正在办理中）</div>", None),
    ("reply", "<div class='r'>尚未答复</div>", None), ("reply_date", "<div class='r'>—</div>", None),
    ("reply", "<div class='r'>已转西湖区办理。</div>", "已转西湖区办理。"),
    ("district", "<div class='r'>暂无</div>", None), ("number", "<div class='r'>-</div>", None),
    ("handling", "<div class='r'>办理中</div>", "办理中"),  # the status itself, not a placeholder
    ("district", "<div class='r'>无锡市</div>", "无锡市"),
])
def test_placeholders_are_no_value(name, html, value):
    from scrapy.http import HtmlResponse

    from fazhi.crawlers.spiders.generic import GenericSpider

    spider = GenericSpider(profile={"start_urls": ["http://a.gov.cn/"], "detail": {"fields": {"title": "h1"}}})
    page = HtmlResponse("http://a.gov.cn/a.html", encoding="utf-8", body=f"<html><body>{html}</body></html>".encode())
    assert spider.field(page, name, "css:div.r") == value


FURNITURE = ["【打印本页】【关闭窗口】", "【打印】 | 【关闭】", "打印本页 关闭窗口", "【字体：大 中 小】", "字体：[大 中 小]", "【字号：T | T | T】",
             "分享到：微信 微博 QQ空间", "扫一扫在手机打开当前页", "上一篇：关于开展普法宣传的通知", "下一篇：无", "相关链接：",
             "来源：江苏省司法厅 发布时间：2023-06-12 10:00 浏览次数：123 【字体：大 中 小】", "责任编辑：张三", "作者： 编辑：李四"]
ARTICLE = ["第一条　为了规范人民调解工作，根据《中华人民共和国人民调解法》，制定本办法。", "第五条　来源：本办法所称来源，是指……",
           "编辑部地址：杭州市西湖区", "各设区市司法局：", "江苏省司法厅", "2023年6月12日", "附件：1.申请表"]


def test_page_furniture_is_left_out_of_the_text():
    # a profile whose text is the article's container (css:div.article) stored its tools, sharing, info line
    # and the name of its editor along with the article
    from scrapy.http import HtmlResponse

    from fazhi.crawlers.spiders.generic import GenericSpider

    spider = GenericSpider(profile={"start_urls": ["http://a.gov.cn/"], "detail": {"fields": {"title": "h1"}}})
    lines = [FURNITURE[11], ARTICLE[0], FURNITURE[3], *ARTICLE[1:], *FURNITURE[:3], *FURNITURE[4:11], *FURNITURE[12:]]
    html = "<div class='article'>" + "".join(f"<p>{line}</p>" for line in lines) + "</div>"
    page = HtmlResponse("http://a.gov.cn/a.html", encoding="utf-8", body=html.encode())
    assert spider.field(page, "text", "css:div.article").splitlines() == [a.replace("　", " ") for a in ARTICLE]
    assert spider.field(page, "notes", "css:div.article").count("\n") == len(lines) - 1  # other fields: as they are


@pytest.mark.parametrize("title,text,said", [
    # what sites answer with HTTP 200 for a withdrawn page
    ("404 - 某市司法局", "", "404"),
    ("", "抱歉，您访问的页面不存在或已被删除，5秒后返回首页。", "页面不存在"),
    ("信息不存在_浙江省司法厅", "", "信息不存在"),
    ("提示：文章已删除", "返回首页", "文章已删除"),
    ("文书已撤回", "", "文书已撤回"),
    ("某市中级人民法院", "该文书已被撤回，暂不公开。", "该文书已被撤回"),
    ("人民网领导留言板", "对不起，该留言已删除！", "该留言已删除"),
    ("Page Not Found", "", "Not Found"),
    # pages that are pages
    ("我的社保缴费信息已删除怎么办", "今年的社保缴费信息已删除，怎么补缴？", None),
    ("关于公布第404号文件废止情况的通知", "第404号文件自即日起废止。", None),
    ("某市政府信息公开规定", "第五条　行政机关应当主动公开政府信息。" * 12 + "告知申请人该政府信息不存在。", None),
    ("（2023）浙0106民初1234号", "原告诉称，被告所发布的文章已删除，但其影响仍在。", None),
])
def test_soft_404(title, text, said):
    from scrapy.http import HtmlResponse

    from fazhi.crawlers.spiders.generic import soft_404

    response = HtmlResponse("http://a.gov.cn/art_1.html", body=f"<title>{title}</title><body><p>{text}</p></body>".encode(),
                            encoding="utf-8")
    assert soft_404(response, title, text) == said
