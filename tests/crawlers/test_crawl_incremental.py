"""Re-crawling a real site's way of being the same: links that carry a new session id on every visit.

A JSP site serving a client without cookies (this crawler) writes ``;jsessionid=…`` into every link, a new
one each visit; the same page linked twice in one list has two. The site is served on 127.0.0.1 and crawled
twice; between the crawls one page changes (FixtureServer generation 2 serves ``*.v2.html``).
"""
from __future__ import annotations

from crawl_helpers import GOV_PROFILE, run

from fazhi.workspace import Workspace


def page(i: int, extra: str = "") -> str:
    return (f'<html><head><meta charset="utf-8"></head><body><h1>某市司法局规范性文件（{i}）</h1>'
            f'<span class="date">2024-06-{i + 1:02d}</span><div class="content"><p>第一条　为了规范第{i}项'
            f'行政执法行为，制定本办法。{extra}</p></div></body></html>')


def list_page(session: str) -> str:
    links = "".join(f'<li><a href="art_{i}.html;jsessionid={session}{i}">文件{i}</a></li>'
                    f'<li><a href="/gov/art_{i}.html;jsessionid={session}X{i}">文件{i}（置顶）</a></li>'
                    for i in range(3))
    links += f'<li><a href="view.jsp?id=7&amp;JSESSIONID={session}">文件7</a></li>'
    return f'<html><body><ul class="list">{links}</ul></body></html>'


def test_session_ids_do_not_make_every_crawl_new(tmp_path):
    from fazhi.crawlers.fixture_server import FixtureServer

    root = tmp_path / "site"
    (root / "gov").mkdir(parents=True)
    (root / "gov" / "list.html").write_text(list_page("A1B2C3D4E5"), encoding="utf-8")
    (root / "gov" / "list.v2.html").write_text(list_page("F6A7B8C9D0"), encoding="utf-8")
    for i in range(3):
        (root / "gov" / f"art_{i}.html").write_text(page(i), encoding="utf-8")
    (root / "gov" / "art_1.v2.html").write_text(page(1, "（2024年修订）"), encoding="utf-8")
    (root / "gov" / "view.jsp").write_text(page(7), encoding="utf-8")
    (root / "site.yaml").write_text(GOV_PROFILE, encoding="utf-8")
    ws = tmp_path / "ws"
    with FixtureServer(root) as server:
        first = run("generic", ws, server, profile=str(root / "site.yaml"))
        assert first["added"] == 4 and first["duplicate"] == 0
        # each page fetched once, without the session id
        assert [server.hits[f"/gov/art_{i}.html"] for i in range(3)] == [1, 1, 1]
        assert not [p for p in server.hits if "jsessionid" in p.lower()]
        server.generation = 2
        second = run("generic", ws, server, profile=str(root / "site.yaml"))
    assert (second["added"], second["unchanged"], second["updated"], second["duplicate"]) == (0, 3, 1, 0)
    with Workspace(ws).store() as store:
        docs = {d.source: d for d in store}
        assert sorted(docs) == [f"{server.url}/gov/art_{i}.html" for i in range(3)] + [f"{server.url}/gov/view.jsp?id=7"]
        changed = docs[f"{server.url}/gov/art_1.html"]
        assert "2024年修订" in changed.text and len(store.versions(changed.id)) == 1


NOT_FOUND_PAGES = {
    # the CMS's article template, its "not found" message in place of the article
    "gone.html": '<html><head><meta charset="utf-8"><title>信息不存在_某市司法局</title></head><body><h1>信息不存在</h1>'
                 '<div class="content"><p>对不起，该信息已删除或不存在！</p><p>返回首页</p></div></body></html>',
    # the site's error page: a 404 said only in words
    "404.html": '<html><head><meta charset="utf-8"><title>404 - 某市司法局</title></head><body><div class="nav">首页</div>'
                '<h1>某市司法局</h1><div class="content"><p>抱歉，您访问的页面不存在或已被删除，5秒后返回首页。</p></div></body></html>',
}


def test_a_page_that_answers_200_not_found_is_not_stored(tmp_path):
    """A withdrawn page answered with HTTP 200 and a 页面不存在 template: it was stored as a document, and a
    page that existed at the first crawl got the error message as its new version at the next."""
    from fazhi.crawlers.fixture_server import FixtureServer

    root = tmp_path / "site"
    (root / "gov").mkdir(parents=True)
    names = ["art_0.html", "art_1.html", "art_2.html", "gone.html", "404.html"]
    links = "".join(f'<li><a href="{n}">{n}</a></li>' for n in names)
    (root / "gov" / "list.html").write_text(f'<html><body><ul class="list">{links}</ul></body></html>', encoding="utf-8")
    for i in range(3):
        (root / "gov" / f"art_{i}.html").write_text(page(i), encoding="utf-8")
    # a real article that speaks of information that does not exist (it is long enough to be an article)
    (root / "gov" / "art_2.html").write_text(page(2, "行政机关对申请公开的政府信息，经检索没有找到的，告知申请人该政府信息不存在。" * 4),
                                             encoding="utf-8")
    for name, html in NOT_FOUND_PAGES.items():
        (root / "gov" / name).write_text(html, encoding="utf-8")
    (root / "gov" / "art_1.v2.html").write_text(NOT_FOUND_PAGES["gone.html"], encoding="utf-8")  # withdrawn later
    (root / "site.yaml").write_text(GOV_PROFILE, encoding="utf-8")
    ws = tmp_path / "ws"
    with FixtureServer(root) as server:
        first = run("generic", ws, server, profile=str(root / "site.yaml"))
        server.generation = 2
        second = run("generic", ws, server, profile=str(root / "site.yaml"))
    assert first["added"] == 3, first["skipped"]
    reasons = {r["url"].rsplit("/", 1)[-1]: r["reason"] for r in first["skipped"]}
    assert reasons == {"gone.html": "soft 404: the page says 信息不存在 (HTTP 200)",
                       "404.html": "soft 404: the page says 404 (HTTP 200)"}, reasons
    assert (second["added"], second["updated"], second["unchanged"]) == (0, 0, 2)
    assert "art_1.html" in {r["url"].rsplit("/", 1)[-1] for r in second["skipped"]}
    with Workspace(ws).store() as store:
        docs = {d.source.rsplit("/", 1)[-1]: d for d in store}
        assert sorted(docs) == ["art_0.html", "art_1.html", "art_2.html"]
        assert "行政执法行为" in docs["art_1.html"].text and store.versions(docs["art_1.html"].id) == []


def test_a_recrawl_asks_with_etag_and_last_modified(tmp_path):
    """The second crawl asks for each stored page with its ETag / Last-Modified: the server answers 304 for
    the pages that did not change (nothing downloaded, counted unchanged), 200 for the one that did."""
    from fazhi.crawlers.fixture_server import FixtureServer

    root = tmp_path / "site"
    (root / "gov").mkdir(parents=True)
    links = "".join(f'<li><a href="art_{i}.html">文件{i}</a></li>' for i in range(4))
    (root / "gov" / "list.html").write_text(f'<html><body><ul class="list">{links}</ul></body></html>', encoding="utf-8")
    for i in range(4):
        (root / "gov" / f"art_{i}.html").write_text(page(i), encoding="utf-8")
    (root / "gov" / "art_2.v2.html").write_text(page(2, "（2024年修订）"), encoding="utf-8")
    (root / "site.yaml").write_text(GOV_PROFILE, encoding="utf-8")
    ws = tmp_path / "ws"
    with FixtureServer(root) as server:
        server.validators = True
        first = run("generic", ws, server, profile=str(root / "site.yaml"))
        assert first["added"] == 4 and server.not_modified == 0
        server.generation = 2
        second = run("generic", ws, server, profile=str(root / "site.yaml"))
        assert server.not_modified == 3
    assert (second["added"], second["updated"], second["unchanged"]) == (0, 1, 3)
    assert second["scrapy"]["fazhi/not_modified"] == 3 and second["skipped"] == [] and second["errors"] == 0
    with Workspace(ws).store() as store:
        docs = {d.source.rsplit("/", 1)[-1]: d for d in store}
        assert docs["art_0.html"].metadata["etag"].startswith('"') and docs["art_0.html"].metadata["last_modified"]
        assert "2024年修订" in docs["art_2.html"].text and len(store.versions(docs["art_2.html"].id)) == 1


def test_a_server_without_validators_is_compared_as_before(tmp_path):
    from fazhi.crawlers.fixture_server import FixtureServer

    root = tmp_path / "site"
    (root / "gov").mkdir(parents=True)
    (root / "gov" / "list.html").write_text('<ul class="list"><li><a href="art_0.html">0</a></li></ul>', encoding="utf-8")
    (root / "gov" / "art_0.html").write_text(page(0), encoding="utf-8")
    (root / "site.yaml").write_text(GOV_PROFILE, encoding="utf-8")
    with FixtureServer(root) as server:
        run("generic", tmp_path / "ws", server, profile=str(root / "site.yaml"))
        again = run("generic", tmp_path / "ws", server, profile=str(root / "site.yaml"))
    assert again["unchanged"] == 1 and "fazhi/not_modified" not in again["scrapy"]
    with Workspace(tmp_path / "ws").store() as store:
        assert "etag" not in next(iter(store)).metadata


def test_a_page_whose_attachment_failed_is_fetched_again_in_full(tmp_path):
    from fazhi.crawlers.fixture_server import FixtureServer, docx_bytes

    root = tmp_path / "site"
    (root / "gov").mkdir(parents=True)
    (root / "gov" / "list.html").write_text('<ul class="list"><li><a href="art_0.html">0</a></li></ul>', encoding="utf-8")
    (root / "gov" / "art_0.html").write_text(page(0, '<a class="attachment" href="fj.docx">附件</a>'), encoding="utf-8")
    (root / "site.yaml").write_text(GOV_PROFILE, encoding="utf-8")
    with FixtureServer(root) as server:
        server.validators = True
        first = run("generic", tmp_path / "ws", server, profile=str(root / "site.yaml"))  # fj.docx: 404
        (root / "gov" / "fj.docx").write_bytes(docx_bytes("某市行政执法公示目录\n一、行政许可"))
        again = run("generic", tmp_path / "ws", server, profile=str(root / "site.yaml"))
    assert first["attachments_failed"] == 1 and server.not_modified == 0
    assert again["updated"] == 1 and again["attachments"] == 1
