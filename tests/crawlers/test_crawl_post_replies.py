"""A board post answered more than once: the 转办 note first (已转区住建局办理), then the department's answer.

``reply`` / ``reply_date`` are the final answer and when it was given (办结); every answer is kept in
``replies`` ([{"date", "text"}], page order). The board is served on 127.0.0.1 and crawled with a profile
written as for the bundled board (``reply: div.reply p``, ``reply_date: span.reply-date::text``).
"""
from __future__ import annotations

import pytest
from crawl_helpers import by_file, run

from fazhi.workspace import Workspace

PROFILE = """
kind: post
start_urls: ["{base_url}/board/list.html"]
region: 杭州市
list:
  links: "css:ul.posts a::attr(href)"
detail:
  fields:
    title: "css:h2.post-title::text"
    district: "css:span.district::text"
    published: "css:span.time::text"
    text: "css:div.post-body p"
    reply: "css:div.reply p"
    reply_date: "css:span.reply-date::text"
"""
ASK = "小区地下车库长期积水，物业不处理，请相关部门督促解决。"
NOTE = "您的来信已收悉，已转区住房和城乡建设局办理。"
ANSWER = "经现场核查，车库积水系排水泵故障所致，已责令物业公司于3月25日前完成维修。"
ANSWER2 = "如对处理结果有异议，可拨打12345反映。"


def post(title: str, replies_html: str) -> str:
    return (f'<html><head><meta charset="utf-8"><title>{title}</title></head><body>'
            f'<h2 class="post-title">{title}</h2><span class="district">滨江区</span>'
            f'<span class="time">2024-03-01</span><div class="post-body"><p>{ASK}（{title}）</p></div>'
            f'{replies_html}</body></html>')


POSTS = {
    # one block per answer, the 转办 note first
    "blocks.html": post("车库积水一", f'<div class="reply"><span class="reply-date">答复时间：2024-03-04</span><p>{NOTE}</p></div>'
                                 f'<div class="reply"><span class="reply-date">答复时间：2024-03-20</span>'
                                 f'<p>{ANSWER}</p><p>{ANSWER2}</p></div>'),
    # the answer first, the note under it (newest first), the date after the text
    "newest-first.html": post("车库积水二", f'<div class="reply"><p>{ANSWER}</p><span class="reply-date">2024年3月20日</span></div>'
                                       f'<div class="reply"><p>{NOTE}</p><span class="reply-date">2024年3月4日</span></div>'),
    # one reply box: date, text, date, text
    "flat.html": post("车库积水三", f'<div class="reply"><span class="reply-date">2024-03-04 区信访局</span><p>{NOTE}</p>'
                               f'<span class="reply-date">2024-03-20 区住建局</span><p>{ANSWER}</p></div>'),
    # one answer with 受理时间 and 答复时间: no list of replies, the answer's date
    "one.html": post("车库积水四", f'<div class="reply"><span class="reply-date">受理时间：2024-03-02</span>'
                              f'<span class="reply-date">答复时间：2024-03-20</span><p>{ANSWER}</p></div>'),
    # answered once, plainly
    "single.html": post("车库积水五", f'<div class="reply"><span class="reply-date">2024-03-20</span><p>{ANSWER}</p></div>'),
    # the 转办 note, and a box waiting for the answer
    "pending.html": post("车库积水六", f'<div class="reply"><span class="reply-date">2024-03-04</span><p>{NOTE}</p></div>'
                                  f'<div class="reply"><span class="reply-date">—</span><p>暂未回复</p></div>'),
}


@pytest.fixture(scope="module")
def stored(tmp_path_factory):
    from fazhi.crawlers.fixture_server import FixtureServer

    tmp = tmp_path_factory.mktemp("replies")
    root = tmp / "site"
    (root / "board").mkdir(parents=True)
    links = "".join(f'<li><a href="{name}">{name}</a></li>' for name in POSTS)
    (root / "board" / "list.html").write_text(f'<ul class="posts">{links}</ul>', encoding="utf-8")
    for name, html in POSTS.items():
        (root / "board" / name).write_text(html, encoding="utf-8")
    (root / "site.yaml").write_text(PROFILE, encoding="utf-8")
    with FixtureServer(root) as server:
        stats = run("generic", tmp / "ws", server, profile=str(root / "site.yaml"))
    assert stats["added"] == len(POSTS), stats["skipped"]
    with Workspace(tmp / "ws").store() as store:
        return {k: d.metadata for k, d in by_file(store).items()}


@pytest.mark.parametrize("name", ["blocks.html", "newest-first.html", "flat.html"])
def test_the_final_answer_is_the_reply_and_every_answer_is_kept(stored, name):
    meta = stored[name]
    assert meta["reply_date"] == "2024-03-20"
    assert meta["reply"].startswith(ANSWER) and NOTE not in meta["reply"]
    replies = sorted(meta["replies"], key=lambda r: r["date"])
    assert [r["date"] for r in replies] == ["2024-03-04", "2024-03-20"]
    assert replies[0]["text"] == NOTE and replies[1]["text"].startswith(ANSWER)


def test_answers_keep_their_page_order_and_paragraphs(stored):
    assert stored["blocks.html"]["replies"] == [{"date": "2024-03-04", "text": NOTE},
                                                {"date": "2024-03-20", "text": ANSWER + "\n" + ANSWER2}]
    assert [r["date"] for r in stored["newest-first.html"]["replies"]] == ["2024-03-20", "2024-03-04"]


def test_one_answer_with_two_dates_is_dated_when_it_was_answered(stored):
    meta = stored["one.html"]
    assert meta["reply_date"] == "2024-03-20" and meta["reply"] == ANSWER and "replies" not in meta


def test_a_single_answer_has_no_list(stored):
    meta = stored["single.html"]
    assert meta["reply_date"] == "2024-03-20" and meta["reply"] == ANSWER and "replies" not in meta


def test_a_box_still_waiting_is_not_an_answer(stored):
    meta = stored["pending.html"]
    assert meta["reply"] == NOTE and meta["reply_date"] == "2024-03-04" and "replies" not in meta


def test_a_handling_table_of_a_12345_hotline(tmp_path):
    """办理过程 as a table, one row per step (时间, 单位, 意见): each row's opinion goes with its time."""
    from scrapy.http import HtmlResponse, Request

    from fazhi.crawlers.spiders.generic import GenericSpider

    (tmp_path / "p.yaml").write_text(
        'kind: post\nstart_urls: ["http://a.gov.cn/list.html"]\ndetail:\n  fields:\n    title: "css:h2::text"\n'
        '    text: "css:div.body p"\n    reply: "css:table.process td.opinion"\n'
        '    reply_date: "css:table.process td.time::text"\n', encoding="utf-8")
    html = ('<html><body><h2>车库积水</h2><div class="body"><p>小区车库积水。</p></div><table class="process">'
            "<tr><th>时间</th><th>单位</th><th>意见</th></tr>"
            '<tr><td class="time">2024-03-02 10:00</td><td>市12345</td><td class="opinion">已转滨江区办理。</td></tr>'
            '<tr><td class="time">2024-03-05 09:00</td><td>滨江区</td><td class="opinion">已转区住建局办理。</td></tr>'
            '<tr><td class="time">2024-03-20 16:30</td><td>区住建局</td><td class="opinion">经核查，已责令物业维修。</td></tr>'
            "</table></body></html>")
    url = "http://a.gov.cn/p.html"
    item = next(iter(GenericSpider(profile=str(tmp_path / "p.yaml")).parse_detail(
        HtmlResponse(url, body=html.encode(), encoding="utf-8", request=Request(url)))))
    assert (item.reply, item.reply_date) == ("经核查，已责令物业维修。", "2024-03-20")
    assert [r["date"] for r in item.extra["replies"]] == ["2024-03-02", "2024-03-05", "2024-03-20"]
