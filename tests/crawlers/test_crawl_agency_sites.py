"""Sites of the agencies a 司法行政 analyst crawls, as they are built: a provincial 司法厅's 规范性文件 list
(a GBK table with 发文字号, 发布日期 and 有效性, no charset anywhere, the same document listed on two pages,
a 404 in the middle of the pagination, a robots.txt that closes one folder), detail pages whose text sits in
an <iframe>, in a pdf.js viewer or only in an attached file named P0202….pdf, a TRS editor's <style> inside
the article, a title broken by <br>; and the national database's API answering with "path" rather than
"url" for its body files, a WORD file that is gone beside a PDF that is not, and a law it no longer holds.

Each site is written into a temporary folder, served by FixtureServer on 127.0.0.1 and crawled for real
through Scrapy's engine, twice where re-crawling matters.
"""
from __future__ import annotations

import json

import pytest
from crawl_helpers import run

from fazhi.workspace import Workspace

NAV = ('<div class="nav"><a href="/">首页</a> &gt; <a href="/sft/">政务公开</a> &gt; 规范性文件</div>'
       '<div class="top">无障碍 | 长者模式 | 繁體</div>')
TRS_STYLE = ('<style type="text/css">.TRS_Editor P{margin-top:5px;margin-bottom:5px;line-height:1.5;'
             'font-family:宋体;font-size:12pt;}</style>')

# (file, title, 发文字号, 发布日期, 有效性 as the site writes it)
ROWS = [
    ("art_1.html", "江苏省司法厅关于印发《江苏省人民调解员等级评定办法》的通知", "苏司规〔2023〕3号", "2023-06-12", "有效"),
    ("art_2.html", "江苏省司法厅关于规范律师事务所收费的若干规定", "苏司规〔2022〕1号", "2022-01-05", "失效"),
    ("art_3.html", "江苏省司法行政机关行政处罚自由裁量权基准", "苏司规〔2021〕2号", "2021-03-01", "已废止"),
    ("art_4.html", "江苏省法律援助条例实施办法", "苏司规〔2020〕5号", "2020-09-30", "现行有效"),
    ("art_5.html", "江苏省公证机构执业区域管理办法", "苏司规〔2019〕4号", "2019-04-02", "已修订"),
    ("../internal/art_6.html", "内部工作规程", "苏司内〔2019〕1号", "2019-01-01", "有效"),
]

PROFILE = """
kind: regulation
region: 江苏省
start_urls: ["{base_url}/sft/gfxwj/index.html"]
list:
  links: "css:table.wjlb td.bt a::attr(href)"
  next: "xpath://div[@class='page']/a[contains(., '下一页')]/@href"
detail:
  fields:
    title: "css:h1.tit"
    published: "xpath://td[contains(., '发布日期')]/following-sibling::td[1]//text()"
    number: "xpath://td[contains(., '发文字号')]/following-sibling::td[1]//text()"
    status: "xpath://td[contains(., '有效性')]/following-sibling::td[1]//text()"
    text: "css:#zoom"
  attachments: "css:#zoom a::attr(href)"
"""


def list_page(rows, next_href=None):
    trs = "".join(f'<tr><td>{i}</td><td class="bt"><a href="{f}" target="_blank" title="{t}">{t}</a></td>'
                  f"<td>{n}</td><td>{d}</td><td>{s}</td></tr>" for i, (f, t, n, d, s) in enumerate(rows, 1))
    nxt = f'<a href="{next_href}">下一页</a>' if next_href else ""
    return (f"<html><head><title>规范性文件</title></head><body>{NAV}<table class=\"wjlb\"><tr><th>序号</th><th>标题"
            f"</th><th>发文字号</th><th>发布日期</th><th>有效性</th></tr>{trs}</table><div class=\"page\">{nxt}</div>"
            "<div class=\"foot\">主办：江苏省司法厅 苏ICP备12345号</div></body></html>")


def detail_page(row, body, title_html=None):
    _, title, number, date, status = row
    meta = (f'<table class="xxgk"><tr><td>索引号：</td><td>11320000014000000X/2023-00012</td><td>发布机构：</td>'
            f"<td>江苏省司法厅</td></tr><tr><td>发文字号：</td><td>{number}</td><td>发布日期：</td><td>{date}</td></tr>"
            f"<tr><td>有效性：</td><td>{status}</td></tr></table>")
    return (f'<html><head><title>{title}_江苏省司法厅</title><script>var x="<p>脚本</p>";</script></head><body>{NAV}'
            f'{meta}<h1 class="tit">{title_html or title}</h1><div class="info">来源：江苏省司法厅 发布时间：{date} '
            f'浏览次数：<span id="c">123</span> 【字体：大 中 小】</div><div id="zoom">{body}</div>'
            '<div class="share">分享到：微信 微博</div><div class="foot">主办：江苏省司法厅</div></body></html>')


def write_sft(root):
    from fazhi.crawlers.fixture_server import docx_bytes, pdf_bytes

    def w(path, data, enc="gbk"):
        p = root / path
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(data if isinstance(data, bytes) else data.encode(enc))

    # page 1 lists art_1, art_2; page 2 lists art_2 again (the list moved on while we read), art_3 … the
    # internal one; page 3 is gone (404)
    w("sft/gfxwj/index.html", list_page(ROWS[:2], "index_1.html"))
    w("sft/gfxwj/index_1.html", list_page(ROWS[1:], "index_2.html"))
    r1, r2, r3, r4, r5, r6 = ROWS
    w("sft/gfxwj/art_1.html", detail_page(r1, TRS_STYLE + (
        '<div class="TRS_Editor"><p>各设区市司法局：</p><p>现将《江苏省人民调解员等级评定办法》印发给你们，\n'
        "    请认真贯彻执行。</p><script>document.write('打印本页');</script><p>第一条　为了加强人民调解员队伍建设，"
        "制定本办法。</p><!-- 编辑：张三 --><p style=\"text-align:right\">江苏省司法厅<br>2023年6月12日</p></div>"),
        title_html="江苏省司法厅关于印发<br>《江苏省人民调解员等级评定办法》的通知"))
    w("sft/gfxwj/art_2.html", detail_page(r2, '<iframe src="/sft/content/art_2_body.html" width="100%" '
                                              'frameborder="0"></iframe>'))
    w("sft/content/art_2_body.html", '<html><body><div class="TRS_Editor"><p>第一条　律师事务所收费应当遵循公开'
                                     "公平原则。</p><p>第二条　本规定自发布之日起施行。</p></div></body></html>")
    w("sft/gfxwj/art_3.html", detail_page(r3, '<p>正文见附件。</p><p>附件：<a href="/sft/files/P020210301523413.docx">'
                                              "江苏省司法行政机关行政处罚自由裁量权基准.docx</a></p>"))
    w("sft/files/P020210301523413.docx", docx_bytes("江苏省司法行政机关行政处罚自由裁量权基准\n"
                                                    "第一条 为了规范行政处罚自由裁量权，制定本基准。"))
    w("sft/gfxwj/art_4.html", detail_page(r4, '<iframe src="/pdfjs/web/viewer.html?file=/sft/files/W0200930.pdf" '
                                              'width="100%"></iframe><iframe src="https://map.baidu.com/x"></iframe>'))
    w("sft/files/W0200930.pdf", pdf_bytes("江苏省法律援助条例实施办法\n第一条 为了实施法律援助条例，制定本办法。"))
    w("sft/gfxwj/art_5.html", detail_page(r5, '<iframe src="/sft/content/gone.html"></iframe>'))
    w("sft/internal/art_6.html", detail_page(r6, "<p>第一条　内部。</p>"))
    w("robots.txt", "User-agent: *\nDisallow: /sft/internal/\n", "utf-8")
    w("site.yaml", PROFILE, "utf-8")


@pytest.fixture(scope="module")
def sft(tmp_path_factory):
    from fazhi.crawlers.fixture_server import FixtureServer

    tmp = tmp_path_factory.mktemp("sft")
    write_sft(tmp / "site")
    with FixtureServer(tmp / "site") as server:
        first = run("generic", tmp / "ws", server, profile=str(tmp / "site" / "site.yaml"))
        hits = dict(server.hits)
        again = run("generic", tmp / "ws", server, profile=str(tmp / "site" / "site.yaml"))
        url = server.url
    with Workspace(tmp / "ws").store() as store:
        stored = {d.source.rsplit("/", 1)[-1]: d for d in store}
    return first, again, stored, hits, url


def test_every_public_document_is_stored_once(sft):
    first, again, stored, hits, _ = sft
    assert set(stored) == {"art_1.html", "art_2.html", "art_3.html", "art_4.html"}
    assert first["added"] == 4 and first["duplicate"] == 0
    assert hits["/sft/gfxwj/art_2.html"] == 1  # listed on two pages, fetched once


@pytest.mark.parametrize("name, status, status_text", [
    ("art_1.html", "有效", None), ("art_2.html", "已废止", "失效"), ("art_3.html", "已废止", None),
    ("art_4.html", "有效", "现行有效"),
])
def test_the_sites_validity_words_are_law_statuses(sft, name, status, status_text):
    # 失效 and 现行有效 used to fail validation ("status '失效' is not one of …"): the page was not stored
    m = stored_meta = sft[2][name].metadata
    assert m["status"] == status and stored_meta.get("status_text") == status_text


def test_facts_of_the_table(sft):
    d = sft[2]["art_1.html"]
    assert d.title == "江苏省司法厅关于印发《江苏省人民调解员等级评定办法》的通知"  # one line, though <br> broke it
    assert d.published == "2023-06-12" and d.region == "江苏省" and d.kind == "regulation"
    assert d.metadata["number"] == "苏司规〔2023〕3号"


def test_text_has_no_style_script_or_comment_and_keeps_its_paragraphs(sft):
    # the whole #zoom was one line with the TRS editor's CSS and document.write('打印本页') in it
    assert sft[2]["art_1.html"].text.splitlines() == [
        "各设区市司法局：", "现将《江苏省人民调解员等级评定办法》印发给你们，请认真贯彻执行。",
        "第一条 为了加强人民调解员队伍建设，制定本办法。", "江苏省司法厅", "2023年6月12日"]


def test_text_in_an_iframe(sft):
    _, _, stored, _, url = sft
    d = stored["art_2.html"]
    assert d.text == "第一条 律师事务所收费应当遵循公开公平原则。\n第二条 本规定自发布之日起施行。"
    assert d.metadata["body_url"] == f"{url}/sft/content/art_2_body.html"


def test_text_in_a_pdfjs_viewer_frame(sft):
    _, _, stored, hits, url = sft
    d = stored["art_4.html"]
    assert d.text.splitlines()[1:] == ["第一条 为了实施法律援助条例，制定本办法。"]
    assert d.metadata["body_url"] == f"{url}/sft/files/W0200930.pdf"
    assert not any(k.startswith("/pdfjs/") for k in hits)  # the document, not the viewer


def test_an_attached_file_is_named_as_its_link_reads(sft):
    d = sft[2]["art_3.html"]
    (att,) = d.metadata["attachments"]
    assert att["name"] == "江苏省司法行政机关行政处罚自由裁量权基准.docx" and att["status"] == "converted"
    assert "【附件：江苏省司法行政机关行政处罚自由裁量权基准.docx】\n江苏省司法行政机关" in d.text


def test_what_was_not_stored_is_named_with_its_reason(sft):
    first, _, _, hits, url = sft
    reasons = {(r["url"], r["reason"]) for r in first["skipped"]}
    assert reasons == {
        (f"{url}/sft/gfxwj/index_2.html", "HTTP 404"),
        (f"{url}/sft/internal/art_6.html", "forbidden by robots.txt"),
        (f"{url}/sft/gfxwj/art_5.html", "missing text"),
        (f"{url}/sft/gfxwj/art_5.html", f"body file: frame {url}/sft/content/gone.html: HTTP 404"),
    }, first["skipped"]
    assert hits.get("/sft/internal/art_6.html", 0) == 0


def test_a_second_crawl_stores_nothing_again(sft):
    again = sft[1]
    assert (again["added"], again["updated"], again["refreshed"], again["unchanged"]) == (0, 0, 0, 4)


# -- the national database (flk) as it answers --------------------------------------------------------------
LAWS = [
    {"id": "ZmY4MDgxODE3OWY1ZTA4MDAxNzlmODg1ZmE4NzA1YmY%3D", "title": "中华人民共和国人民调解法",
     "office": "全国人民代表大会常务委员会", "publish": "2010-08-28 00:00:00", "expiry": "2011-01-01 00:00:00",
     "type": "法律", "level": "法律", "status": "1",
     "body": [{"type": "WORD", "path": "/flfg/WORD/tjf.docx", "url": "", "mobile": ""}]},
    {"id": "xfl", "title": "信访条例", "office": "国务院", "publish": "2005-01-10 00:00:00",
     "expiry": "2005-05-01 00:00:00", "type": "行政法规", "level": "行政法规", "status": "9",
     "body": [{"type": "WORD", "path": "/flfg/WORD/gone.docx"}, {"type": "PDF", "path": "/flfg/PDF/xfl.pdf"}]},
    {"id": "none", "title": "没有正文的条例", "office": "某省人大常委会", "publish": "2020-01-01", "expiry": "2020-03-01",
     "type": "地方性法规", "level": "地方性法规", "status": "1", "body": [{"type": "OFD", "path": "/flfg/OFD/x.ofd"}]},
    # listed, but the detail API no longer holds it ({"result": null}): was a parse error (AttributeError)
    {"id": "withdrawn", "title": "撤回的条例", "office": "某省人大常委会", "publish": "2020-01-01",
     "expiry": "2020-03-01", "type": "地方性法规", "status": "1", "gone": True},
]


@pytest.fixture(scope="module")
def flk(tmp_path_factory):
    from fazhi.crawlers.fixture_server import FixtureServer, docx_bytes, pdf_bytes

    tmp = tmp_path_factory.mktemp("flk")
    site = tmp / "site"
    (site / "flk").mkdir(parents=True)
    laws = [dict(law) for law in LAWS]
    (site / "flk" / "laws.json").write_text(json.dumps(laws, ensure_ascii=False), encoding="utf-8")
    (site / "files" / "flfg" / "WORD").mkdir(parents=True)
    (site / "files" / "flfg" / "PDF").mkdir(parents=True)
    (site / "files" / "flfg" / "WORD" / "tjf.docx").write_bytes(
        docx_bytes("中华人民共和国人民调解法\n第一条 为了完善人民调解制度，制定本法。"))
    (site / "files" / "flfg" / "PDF" / "xfl.pdf").write_bytes(
        pdf_bytes("信访条例\n第一条 为了保持各级人民政府同人民群众的密切联系，制定本条例。"))
    with FixtureServer(site) as server:
        stats = run("flk", tmp / "ws", server, files_url=server.url + "/files", size=2)
        url = server.url
    with Workspace(tmp / "ws").store() as store:
        stored = {d.title: d for d in store}
    return stats, stored, url


def test_flk_body_files_named_by_path(flk):
    stats, stored, url = flk
    d = stored["中华人民共和国人民调解法"]
    assert "第一条 为了完善人民调解制度，制定本法。" in d.text
    assert d.metadata["body_format"] == "WORD" and d.metadata["body_url"] == f"{url}/files/flfg/WORD/tjf.docx"


def test_flk_a_missing_word_file_falls_back_to_the_pdf(flk):
    stats, stored, url = flk
    d = stored["信访条例"]
    assert "第一条 为了保持各级人民政府同人民群众的密切联系" in d.text and d.metadata["status"] == "已废止"
    assert d.metadata["body_format"] == "PDF" and "body_error" not in d.metadata


def test_flk_laws_not_stored_say_why(flk):
    stats, stored, url = flk
    assert set(stored) == {"中华人民共和国人民调解法", "信访条例"}
    reasons = {(r["url"], r["reason"]) for r in stats["skipped"]}
    assert (f"{url}/detail2.html?none", "body file: no body file to fetch (formats offered: OFD; wanted: HTML, "
                                        "WORD, PDF)") in reasons
    assert (f"{url}/detail2.html?withdrawn", "the flk detail response holds no law (no law withdrawn)") in reasons
    assert "parse error" not in str(stats["skipped"])


# -- a 规章库 whose list alone says 发文字号, 发布日期 and 有效性 --------------------------------------------------
LIST_PROFILE = """
kind: regulation
start_urls: ["{base_url}/gz/list.html"]
list:
  links: "css:table.gz td.bt a::attr(href)"
  row: "css:table.gz tr"
  fields:
    title: "css:td.bt a"
    number: "css:td:nth-child(2)::text"
    published: "css:td:nth-child(3)::text"
    status: "css:td:nth-child(4)::text"
detail:
  fields:
    title: "css:h1"
    text: "css:div.content p"
"""


@pytest.fixture(scope="module")
def listed(tmp_path_factory):
    from fazhi.crawlers.fixture_server import FixtureServer, pdf_bytes

    tmp = tmp_path_factory.mktemp("gz")
    root = tmp / "site" / "gz"
    root.mkdir(parents=True)
    rows = [("g1.html", "南京市养犬管理条例实施办法", "宁政规字〔2022〕5号", "2022年5月1日", "现行有效"),
            ("g2.pdf", "南京市物业管理办法", "宁政规字〔2015〕1号", "2015年3月2日", "已失效"),
            ("g3.html", "南京市人民调解工作规定", "宁政规字〔2018〕2号", "2018年7月9日", "有效")]
    trs = "".join(f'<tr><td class="bt"><a href="{f}">{t}</a></td><td>{n}</td><td>{d}</td><td>{s}</td></tr>'
                  for f, t, n, d, s in rows)
    (root / "list.html").write_bytes(f'<html><body><table class="gz"><tr><th>名称</th><th>文号</th><th>发布日期</th>'
                                     f"<th>有效性</th></tr>{trs}</table></body></html>".encode("gbk"))
    (root / "g1.html").write_bytes("<html><body><h1>南京市养犬管理条例实施办法</h1><div class=\"content\"><p>第一条　"
                                   "为了实施养犬管理条例，制定本办法。</p></div></body></html>".encode("gbk"))
    (root / "g2.pdf").write_bytes(pdf_bytes("第一条 为了规范物业管理活动，制定本办法。"))
    (root / "g3.html").write_bytes("<html><body><h1>南京市人民调解工作规定（2020年修订）</h1><div class=\"content\"><p>"
                                   "第一条　为了规范人民调解工作，制定本规定。</p></div></body></html>".encode("gbk"))
    (tmp / "site" / "site.yaml").write_text(LIST_PROFILE, encoding="utf-8")
    with FixtureServer(tmp / "site") as server:
        stats = run("generic", tmp / "ws", server, profile=str(tmp / "site" / "site.yaml"))
    with Workspace(tmp / "ws").store() as store:
        return stats, {d.source.rsplit("/", 1)[-1]: d for d in store}


@pytest.mark.parametrize("name, title, number, published, status", [
    ("g1.html", "南京市养犬管理条例实施办法", "宁政规字〔2022〕5号", "2022-05-01", "有效"),
    # a PDF linked straight from the list: its title, number, date and status are the row's
    ("g2.pdf", "南京市物业管理办法", "宁政规字〔2015〕1号", "2015-03-02", "已废止"),
    # the page's own title stands over the row's
    ("g3.html", "南京市人民调解工作规定（2020年修订）", "宁政规字〔2018〕2号", "2018-07-09", "有效"),
])
def test_facts_from_the_list_row(listed, name, title, number, published, status):
    stats, stored = listed
    assert stats["added"] == 3 and stats["dropped"] == 0
    d = stored[name]
    assert (d.title, d.metadata.get("number"), d.published, d.metadata.get("status")) == (title, number, published, status)
    assert d.text.startswith("第一条")


# -- a TRS pager: the "下一页" link is written by a script ------------------------------------------------------
TRS_PROFILE = """
kind: regulation
start_urls: ["{base_url}/tzgg/"]
list:
  links: "css:ul.list a::attr(href)"
  next: "css:a.next::attr(href)"
detail:
  fields:
    title: "css:h1"
    text: "css:div.content p"
"""


def test_pages_of_a_script_pager_are_followed(tmp_path):
    # a browser's inspector shows <a class="next" href="index_1.html">, written by createPageHTML; the HTML the
    # crawler reads has none, and only the first list page was crawled
    from fazhi.crawlers.fixture_server import FixtureServer

    root = tmp_path / "site" / "tzgg"
    root.mkdir(parents=True)
    for n in range(3):
        name = "index.html" if n == 0 else f"index_{n}.html"
        pager = (f'<script language="JavaScript">createPageHTML(3, {n}, "index", "html");</script>' if n != 1 else
                 f"<script>var currentPage = {n};//所在页从0开始\nvar countPage = 3//共多少页\n</script>")
        (root / name).write_text(f'<html><body><ul class="list"><li><a href="./t{n}.html">通知{n}</a></li></ul>'
                                 f'<div class="page">{pager}</div></body></html>', encoding="utf-8")
        (root / f"t{n}.html").write_text(f'<html><body><h1>关于第{n}批人民调解员名单的公告</h1><div class="content">'
                                         f"<p>现将第{n}批名单公告如下。</p></div></body></html>", encoding="utf-8")
    (tmp_path / "site" / "site.yaml").write_text(TRS_PROFILE, encoding="utf-8")
    with FixtureServer(tmp_path / "site") as server:
        stats = run("generic", tmp_path / "ws", server, profile=str(tmp_path / "site" / "site.yaml"))
        hits = dict(server.hits)
    assert stats["added"] == 3 and not stats["skipped"]
    assert "/tzgg/index_3.html" not in hits  # page 3 of 3 is the last


# -- a 留言板: posts, replies and 办理状态 -----------------------------------------------------------------------
BOARD_PROFILE = """
kind: post
region: 杭州市
start_urls: ["{base_url}/board/list_1.html"]
list:
  links: "css:table.msg a::attr(href)"
  next: "xpath://div[@class='pager']/a[contains(., '下一页')]/@href"
detail:
  fields:
    title: "css:td.tt"
    published: "css:td.dt"
    district: "css:td.qx"
    handling: "css:td.zt"
    text: "css:td.nr"
    reply: "css:div.reply div.rcont"
    reply_date: "css:span.rdate"
"""


def test_a_board_with_replies_and_handling_status(tmp_path):
    from fazhi.crawlers.fixture_server import FixtureServer

    root = tmp_path / "site" / "board"
    root.mkdir(parents=True)
    posts = [("1001", "楼上装修噪音扰民", "2024-03-01 09:12", "西湖区", "已办结", "楼上住户晚上十点后装修。",
              [("2024-03-02", "您的来信已转西湖区处理。"), ("2024-03-08", "经调解，双方已达成协议。")]),
             ("1002", "小区物业乱收停车费", "2024-03-02 14:30", "拱墅区", "办理中", "物业每月额外收取管理费。",
              [("—", "暂未回复")]),
             ("1003", "拖欠农民工工资", "2024年3月3日", "余杭区", "已办结", "工地拖欠12名工人工资。",
              [("2024年3月10日", "工资已全部发放。")])]
    rows = "".join(f'<tr><td><a href="view_{i}.html">{t}</a></td><td>{s}</td></tr>' for i, t, _, _, s, _, _ in posts)
    (root / "list_1.html").write_bytes(f'<html><body><table class="msg">{rows}</table><div class="pager"></div>'
                                       "</body></html>".encode("gbk"))
    for i, t, d, q, s, body, replies in posts:
        reps = "".join(f'<div class="reply"><div class="rhead">回复时间：<span class="rdate">{rd}</span></div>'
                       f'<div class="rcont">{rc}</div></div>' for rd, rc in replies)
        (root / f"view_{i}.html").write_bytes(
            (f'<html><body><table class="info"><tr><td class="tt">{t}</td></tr><tr><td class="dt">{d}</td></tr>'
             f'<tr><td class="qx">{q}</td></tr><tr><td class="zt">{s}</td></tr><tr><td class="nr">{body}</td></tr>'
             f"</table>{reps}</body></html>").encode("gbk"))
    (tmp_path / "site" / "site.yaml").write_text(BOARD_PROFILE, encoding="utf-8")
    with FixtureServer(tmp_path / "site") as server:
        stats = run("posts", tmp_path / "ws", server, profile=str(tmp_path / "site" / "site.yaml"))
    with Workspace(tmp_path / "ws").store() as store:
        stored = {d.title: d for d in store}
    assert stats["added"] == 3
    noise = stored["楼上装修噪音扰民"]
    assert noise.region == "杭州市西湖区" and noise.published == "2024-03-01" and noise.kind == "post"
    # the final answer and its date (办结); the 转办 note is kept among the replies
    assert noise.metadata["reply"] == "经调解，双方已达成协议。" and noise.metadata["reply_date"] == "2024-03-08"
    assert noise.metadata["replies"] == [{"date": "2024-03-02", "text": "您的来信已转西湖区处理。"},
                                         {"date": "2024-03-08", "text": "经调解，双方已达成协议。"}]
    assert noise.metadata["handling"] == "已办结"
    fee = stored["小区物业乱收停车费"]
    # "暂未回复" is no reply: it was stored as the official reply
    assert fee.metadata["handling"] == "办理中" and "reply" not in fee.metadata and "reply_date" not in fee.metadata
    wages = stored["拖欠农民工工资"]
    assert wages.published == "2024-03-03" and wages.metadata["reply_date"] == "2024-03-10"
