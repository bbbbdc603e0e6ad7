"""A city government site with the habits of real ones, crawled once for real through Scrapy's engine on
127.0.0.1: GB18030 and Big5 pages, a ``javascript:`` link heading the list, ``<meta>`` refreshes (to another
page through ``../``, and to the page itself), links with query strings, dates written 2024年3月1日,
二〇二四年三月一日 or in a table, pagination that serves the first page again for ever, a download script
with a Chinese file name in Content-Disposition, a page rate-limited with 429 and Retry-After, a robots.txt
that disallows some paths only, and pages that cannot be stored: a redirect loop, too many redirects, an
off-site redirect, an empty page, a JPEG served as a page.
"""
from __future__ import annotations

import pytest
from crawl_helpers import by_file, run

from fazhi.workspace import Workspace

PROFILE = """
kind: regulation
start_urls: ["{base_url}/endless/gov/list.html"]
list:
  links: "css:ul.list a::attr(href)"
  next: "css:a.next::attr(href)"
detail:
  fields:
    title: "css:h1::text"
    published: "xpath://span[@class='date']/text() | //td[contains(., '发布日期')]/following-sibling::td[1]//text()"
    text: "css:div.content p"
  attachments: "css:a.attachment::attr(href)"
"""

LINKS = [
    "javascript:void(0)", "gb18030.html", "big5.html", "moved.html", "refreshing.html", "sub/../q.html?id=4&amp;t=1",
    "date-cn.html", "date-table.html", "empty.html", "photo.html", "/loop/a.html", "/hops/7/gov/q.html",
    "/offsite/gov/q.html", "/ratelimit/gov/limited.html", "attach.html", "private/secret.html",
    "private/open.html", "notice.pdf", "#top",
]


def page(title: str, date: str, text: str, head: str = "", extra: str = "") -> str:
    return (f"<html><head>{head}<title>{title}</title></head><body><h1>{title}</h1><span class=\"date\">{date}</span>"
            f'<div class="content"><p>{text}</p></div>{extra}</body></html>')


def write_site(root):
    from fazhi.crawlers.fixture_server import docx_bytes

    (root / "gov" / "private").mkdir(parents=True)

    def w(name, body, enc="utf-8"):
        (root / "gov" / name).write_bytes(body if isinstance(body, bytes) else body.encode(enc))

    items = "".join(f'<li><a href="{u}">{u}</a></li>' for u in LINKS)
    # every page of the list is the same, with a "next" link to the page after it: /endless/ fills in {next}
    w("list.html", f'<html><body><ul class="list">{items}</ul><a class="next" href="list.html?page={{next}}">下一页</a>'
                   "</body></html>")
    w("gb18030.html", page("𠮷䶮两字管理办法", "2024-03-01", "第一条　𠮷字和䶮字在GBK里没有。", '<meta charset="gb18030">'),
      "gb18030")
    w("big5.html", page("臺北市調解條例", "2024/3/1", "第一條　為了規範調解，制定本條例。"), "big5")  # no charset anywhere
    w("moved.html", '<html><head><meta http-equiv="refresh" content="0;URL=\'../gov/real.html\'"></head>'
                    "<body>页面已迁移，正在跳转……</body></html>")
    w("real.html", page("迁移后的办法", "2024-03-01", "第一条　迁移后的正文。"))
    w("refreshing.html", page("每分钟刷新的公告", "2024-03-01", "第一条　本页每分钟刷新。",
                              '<meta http-equiv="refresh" content="60; url=refreshing.html">'))
    w("q.html", page("带参数的页面", "2024-03-01", "第一条　查询串。"))
    w("date-cn.html", page("中文日期的决定", "二〇二四年三月一日", "第一条　中文数字日期。"))
    w("date-table.html", "<html><body><h1>表格里的日期</h1><table><tr><td>发布日期：</td><td>2024年3月1日</td></tr></table>"
                         '<div class="content"><p>第一条　日期在表格里。</p></div></body></html>')
    w("empty.html", b"")
    w("photo.html", b"\xff\xd8\xff\xe0\x00\x10JFIF" + bytes(200))
    w("limited.html", page("限流的页面", "2024-03-01", "第一条　请稍后再试。"))
    w("attach.html", page("附件通知", "2024年3月1日", "第一条　见附件。", extra=(
        '<a class="attachment" href="/download.jsp?file=gov/notice.docx&amp;name=关于印发某办法的通知.docx">附件一</a>'
        '<a class="attachment" href="/download.jsp?file=gov/login.html&amp;name=附件二.pdf">附件二</a>')))
    w("notice.docx", docx_bytes("某办法\n第一条 附件里的正文。"))
    w("login.html", "<html><body>请先登录</body></html>")
    w("private/secret.html", page("内部文件", "2024-03-01", "第一条　不公开。"))
    w("private/open.html", page("公开的内部目录页", "2024-03-01", "第一条　允许抓取。"))
    w("notice.pdf", b"%PDF-1.4 never fetched")
    (root / "robots.txt").write_text(
        "User-agent: *\nDisallow: /endless/*.pdf$\nAllow: /endless/gov/private/open.html\nDisallow: /endless/gov/private/\n",
        encoding="utf-8")
    (root / "site.yaml").write_text(PROFILE, encoding="utf-8")


@pytest.fixture(scope="module")
def crawled(tmp_path_factory):
    from fazhi.crawlers.fixture_server import FixtureServer

    tmp = tmp_path_factory.mktemp("realworld")
    write_site(tmp / "site")
    with FixtureServer(tmp / "site", retry_after=1) as server:
        # allowed_domains as on the command line (-a allowed_domains=127.0.0.1): a string, not a list;
        # CLOSESPIDER_PAGECOUNT only guards the test against an endless pagination
        stats = run("generic", tmp / "ws", server, settings={"CLOSESPIDER_PAGECOUNT": 80},
                    profile=str(tmp / "site" / "site.yaml"), allowed_domains="127.0.0.1")
        hits = dict(server.hits)
        url = server.url
    with Workspace(tmp / "ws").store() as store:
        stored = by_file(store)
    return stats, stored, hits, url + "/endless/gov"


def test_what_is_stored(crawled):
    stats, stored, hits, _ = crawled
    assert stats["finish_reason"] == "finished"
    assert set(stored) == {"gb18030.html", "big5.html", "real.html", "refreshing.html", "q.html?id=4&t=1",
                           "date-cn.html", "date-table.html", "limited.html", "attach.html", "open.html"}


def test_a_javascript_link_does_not_end_the_list_page(crawled):
    # javascript:void(0) heads the list; it used to raise in the callback and lose every link after it
    assert "parse error" not in str(crawled[0]["skipped"])
    assert "real.html" in crawled[1]


def test_gb18030_and_big5(crawled):
    stored = crawled[1]
    assert stored["gb18030.html"].title == "𠮷䶮两字管理办法" and "𠮷字和䶮字" in stored["gb18030.html"].text
    assert stored["big5.html"].title == "臺北市調解條例" and stored["big5.html"].text == "第一條 為了規範調解，制定本條例。"


def test_meta_refresh(crawled):
    stats, stored, hits, _ = crawled
    assert stored["real.html"].text == "第一条 迁移后的正文。"  # followed through ../
    # a page that refreshes itself every minute was "redirected" to itself and dropped as a duplicate
    assert stored["refreshing.html"].title == "每分钟刷新的公告" and hits["/endless/gov/refreshing.html"] == 1


@pytest.mark.parametrize("name", ["date-cn.html", "date-table.html", "big5.html", "attach.html"])
def test_dates(crawled, name):
    assert crawled[1][name].published == "2024-03-01"


def test_pagination_that_repeats_its_first_page_ends(crawled):
    stats, stored, hits, _ = crawled
    assert hits["/endless/gov/list.html"] == 2  # page 1, and page 2 that lists nothing new
    assert stats["scrapy"].get("fazhi/pagination_repeated") == 1


def test_attachment_named_by_content_disposition(crawled):
    d = crawled[1]["attach.html"]
    notice, login = d.metadata["attachments"]
    assert notice["name"] == "关于印发某办法的通知.docx" and notice["status"] == "converted"
    assert "【附件：关于印发某办法的通知.docx】\n某办法\n第一条 附件里的正文。" in d.text
    assert login["status"] == "failed"
    assert login["error"] == "not a pdf file: the server sent a web page (Content-Type: application/octet-stream)"


def test_429_waits_as_long_as_retry_after_asks(crawled):
    stats, stored, hits, _ = crawled
    assert "limited.html" in stored and hits["/ratelimit/gov/limited.html"] == 2
    assert stats["http_errors"] == {"429": 1}


def test_robots_txt_that_disallows_some_paths(crawled):
    stats, stored, hits, _ = crawled
    assert "open.html" in stored and "secret.html" not in stored
    assert hits.get("/endless/gov/private/secret.html", 0) == 0 and hits.get("/endless/gov/notice.pdf", 0) == 0
    assert stats["robots_forbidden"] == 2


def test_every_page_not_stored_is_named_with_its_reason(crawled):
    stats, _, _, base = crawled
    root = base.rsplit("/endless/", 1)[0]
    reasons = {rec["url"]: rec["reason"] for rec in stats["skipped"]}
    assert reasons.pop(f"{base}/empty.html") == "empty response (HTTP 200, 0 bytes)"
    assert reasons.pop(f"{base}/photo.html") == "not a web page: the body is a JPEG image (Content-Type: text/html)"
    assert reasons.pop(f"{root}/loop/a.html") == f"redirect loop: {root}/loop/a.html → {root}/loop/b.html → {root}/loop/a.html"
    hops = reasons.pop(f"{root}/hops/7/gov/q.html")
    assert hops.startswith(f"too many redirects (more than 5): {root}/hops/7/gov/q.html → {root}/hops/6/gov/q.html")
    assert hops.endswith(f"→ {root}/hops/1/gov/q.html")
    assert reasons.pop(f"{root}/offsite/gov/q.html") == (
        f"redirected off-site to localhost (allowed_domains: 127.0.0.1): {root}/offsite/gov/q.html → "
        f"{root.replace('127.0.0.1', 'localhost')}/gov/q.html")
    assert reasons.pop(f"{base}/private/secret.html") == "forbidden by robots.txt"
    assert reasons.pop(f"{base}/notice.pdf") == "forbidden by robots.txt"
    assert reasons.pop(f"{root}/download.jsp?file=gov/login.html&name=%E9%99%84%E4%BB%B6%E4%BA%8C.pdf").startswith(
        "not a pdf file")
    assert reasons == {}
    assert stats["skipped_total"] == 8
