"""``allowed_domains`` holds for files too: a PDF or Word document reached as the page itself, an attachment,
a frame — directly or through a redirect — on a host outside ``allowed_domains`` is not stored.

The site is served on 127.0.0.1; ``localhost`` (the same server under another host name) is the foreign
site. ``/offsite/PATH`` redirects to ``http://localhost:PORT/PATH``.
"""
from __future__ import annotations

import pytest
from crawl_helpers import GOV_PROFILE, run

from fazhi.workspace import Workspace

PROFILE = GOV_PROFILE + "allowed_domains: [127.0.0.1]\n"  # the city site's profile, kept to its own host
OWN = "某市司法局关于印发行政执法公示办法的通知\n第一条 为了推行行政执法公示制度，制定本办法。"
FOREIGN = "某公司内部规章\n第一条 本规章仅适用于本公司员工。"


@pytest.fixture(scope="module")
def crawled(tmp_path_factory):
    from fazhi.crawlers.fixture_server import FixtureServer, docx_bytes, pdf_bytes

    tmp = tmp_path_factory.mktemp("offsite")
    root = tmp / "site"
    (root / "gov").mkdir(parents=True)
    (root / "files").mkdir()
    (root / "robots.txt").write_text("User-agent: *\nDisallow:\n", encoding="utf-8")
    (root / "gov" / "own.pdf").write_bytes(pdf_bytes(OWN))
    (root / "files" / "foreign.pdf").write_bytes(pdf_bytes(FOREIGN))
    (root / "files" / "foreign.docx").write_bytes(docx_bytes(FOREIGN))
    (root / "files" / "foreign2.docx").write_bytes(docx_bytes(FOREIGN + "二"))
    (root / "files" / "frame.pdf").write_bytes(pdf_bytes(FOREIGN + "三"))
    (root / "gov" / "own.docx").write_bytes(docx_bytes(OWN + "附件"))
    with FixtureServer(root) as server:
        port = server.port
        foreign = f"http://localhost:{port}"
        (root / "gov" / "list.html").write_text(
            '<html><body><ul class="list">'
            '<li><a href="own.pdf">本站文件</a></li>'
            f'<li><a href="{foreign}/files/foreign.pdf">外站文件</a></li>'       # a file on another host
            '<li><a href="/offsite/files/foreign.docx">跳转到外站的文件</a></li>'  # redirected off-site
            '<li><a href="page.html">本站页面</a></li>'
            '<li><a href="framed.html">框架页面</a></li>'
            '</ul></body></html>', encoding="utf-8")
        (root / "gov" / "page.html").write_text(
            '<html><head><meta charset="utf-8"></head><body><h1>某市司法局关于行政执法公示的通知</h1>'
            '<span class="date">2024-05-06</span><div class="content"><p>各区司法局：现将有关事项通知如下。</p></div>'
            '<a class="attachment" href="own.docx">附件1</a>'
            f'<a class="attachment" href="{foreign}/files/foreign2.docx">附件2</a>'
            '<a class="attachment" href="/offsite/files/foreign.pdf">附件3</a></body></html>', encoding="utf-8")
        (root / "gov" / "framed.html").write_text(
            '<html><head><meta charset="utf-8"></head><body><h1>某市司法局关于框架的通知</h1>'
            '<span class="date">2024-05-07</span><div class="content"></div>'
            '<iframe src="/offsite/files/frame.pdf"></iframe></body></html>', encoding="utf-8")
        (root / "site.yaml").write_text(PROFILE, encoding="utf-8")
        stats = run("generic", tmp / "ws", server, profile=str(root / "site.yaml"))
        hits = dict(server.hits)
    with Workspace(tmp / "ws").store() as store:
        docs = {d.source.rsplit("/", 1)[-1]: d for d in store}
    return stats, docs, hits, foreign


def test_an_own_file_page_is_stored(crawled):
    stats, docs, hits, _ = crawled
    assert "第一条 为了推行行政执法公示制度" in docs["own.pdf"].text


def test_no_foreign_text_is_stored(crawled):
    stats, docs, hits, foreign = crawled
    for d in docs.values():
        assert "本公司员工" not in d.text, d.source
        assert not d.source.startswith(foreign), d.source
    assert sorted(docs) == ["own.pdf", "page.html"], sorted(docs)


def test_foreign_files_are_not_even_downloaded(crawled):
    stats, docs, hits, _ = crawled
    # the server sees the same paths under both host names: the foreign files must never be fetched
    assert not any(p.startswith("/files/") for p in hits), hits


def test_a_foreign_attachment_is_recorded_not_converted(crawled):
    stats, docs, hits, foreign = crawled
    atts = {a["name"]: a for a in docs["page.html"].metadata["attachments"]}
    own = [a for a in atts.values() if a["status"] == "converted"]
    assert len(own) == 1 and "附件" in docs["page.html"].text
    refused = [a for a in atts.values() if a["status"] == "failed"]
    assert len(refused) == 2 and all("off-site" in a["error"] for a in refused), atts


def test_refusals_are_named_under_skipped(crawled):
    stats, docs, hits, foreign = crawled
    own = foreign.replace("localhost", "127.0.0.1")
    got = {(r["url"], r.get("page"), r["reason"].split(": http")[0]) for r in stats["skipped"]}
    assert got == {
        (f"{own}/offsite/files/foreign.docx", None, "redirected off-site to localhost (allowed_domains: 127.0.0.1)"),
        (f"{own}/gov/framed.html", None, "missing text"),
        (f"{own}/gov/framed.html", f"{own}/gov/framed.html",
         f"body file: frame {own}/offsite/files/frame.pdf: redirected off-site to localhost (allowed_domains: 127.0.0.1)"),
        (f"{foreign}/files/foreign2.docx", f"{own}/gov/page.html", "off-site: localhost is not in allowed_domains (127.0.0.1)"),
        (f"{own}/offsite/files/foreign.pdf", f"{own}/gov/page.html",
         "redirected off-site to localhost (allowed_domains: 127.0.0.1)"),
    }, stats["skipped"]
