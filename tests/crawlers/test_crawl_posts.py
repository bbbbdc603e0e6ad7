"""The posts spider against the demo board: pagination, fields, attachments, a post whose reply arrives
between two crawls, and a crawl stopped half way and resumed from its JOBDIR."""
from __future__ import annotations

import pytest
from crawl_helpers import by_file, run

from fazhi.workspace import Workspace


@pytest.fixture(scope="module")
def crawled(server, tmp_path_factory):
    home = tmp_path_factory.mktemp("board") / "ws"
    stats = run("posts", home, server)
    with Workspace(home).store() as store:
        stored = by_file(store)
    return home, stats, stored


def test_every_post_of_every_page(crawled, server):
    home, stats, stored = crawled
    assert stats["added"] == 12 and set(stored) == {f"post_{i}.html" for i in range(1, 13)}
    assert all(server.hits[f"/board/list_{n}.html"] == 1 for n in (1, 2, 3))


def test_post_fields(crawled):
    d = crawled[2]["post_3.html"]
    assert d.kind == "post" and d.title == "公司拖欠三个月工资" and d.published == "2024-03-05"
    assert d.region == "杭州市滨江区" and d.metadata["district"] == "滨江区"
    assert d.text == "我在某科技公司工作，公司已拖欠三个月工资，老板说资金困难。"
    assert d.metadata["reply"].startswith("已转区劳动保障监察大队") and d.metadata["reply_date"] == "2024-03-08"
    assert "reply" not in crawled[2]["post_6.html"].metadata  # no reply yet
    assert "调解不收取任何费用" in crawled[2]["post_9.html"].text  # .docx attachment


def test_reply_arriving_between_crawls_refreshes_the_post(crawled, server):
    home = crawled[0]
    server.generation = 2
    try:
        stats = run("posts", home, server)
    finally:
        server.generation = 1
    assert stats["refreshed"] == 1 and stats["unchanged"] == 11 and stats["added"] == 0
    with Workspace(home).store() as store:
        d = by_file(store)["post_6.html"]
        assert d.metadata["reply"].startswith("已联系房东") and store.versions(d.id) == []


def test_resume_with_jobdir(tmp_path):
    from fazhi.crawlers.fixture_server import FixtureServer

    home, jobdir = tmp_path / "ws", tmp_path / "job"
    one_at_a_time = {"CONCURRENT_REQUESTS": 1, "CLOSESPIDER_PAGECOUNT": 6}
    with FixtureServer() as server:
        from fazhi.crawlers import crawl
        from crawl_helpers import FAST

        first = crawl("posts", home, settings={**FAST, **one_at_a_time}, throttle=False, jobdir=jobdir,
                      base_url=server.url)
        assert first["finish_reason"] == "closespider_pagecount"
        assert 0 < first["added"] < 12
        second = crawl("posts", home, settings={**FAST, "CONCURRENT_REQUESTS": 1}, throttle=False, jobdir=jobdir,
                       base_url=server.url)
        assert second["finish_reason"] == "finished"
        with Workspace(home).store() as store:
            assert len(store) == 12
        # the resumed crawl did not start again from the first list page
        assert server.hits["/board/list_1.html"] == 1
        assert first["added"] + second["added"] == 12


def test_pdf_and_legacy_doc_attachments(crawled):
    stored = crawled[2]
    pdf = stored["post_11.html"]
    (att,) = pdf.metadata["attachments"]
    try:
        import reportlab  # noqa: F401 - the fixture server builds the PDF with it
    except ImportError:
        assert att["status"] == "failed"
    else:
        assert att["status"] == "converted" and "金额：人民币一千八百元" in pdf.text
    doc = stored["post_12.html"]
    (att,) = doc.metadata["attachments"]
    assert att["status"] == "failed" and "legacy Word .doc" in att["error"]
    assert doc.text == "小区3号楼电梯一个月内坏了五次，物业一直拖延维修。"  # the post itself is kept


def test_ctrl_c_stops_gracefully_and_the_crawl_resumes(tmp_path, server):
    """SIGINT to the caller (a terminal's Ctrl-C) is forwarded once to the crawl, which closes cleanly
    ("shutdown") and saves its JOBDIR; the same call then finishes the rest."""
    import os
    import signal
    import threading

    from crawl_helpers import FAST

    from fazhi.crawlers import crawl

    home, jobdir = tmp_path / "ws", tmp_path / "job"
    slow = {**FAST, "CONCURRENT_REQUESTS": 1, "DOWNLOAD_DELAY": 1.0}  # a wide window for the signal under load
    sent = threading.Event()

    def interrupt_once_running(progress):  # Scrapy's handlers are installed once pages come in
        if progress.get("pages", 0) >= 3 and not sent.is_set():
            sent.set()
            os.kill(os.getpid(), signal.SIGINT)

    # a terminal's Ctrl-C raises KeyboardInterrupt; an earlier test in this process may have left its own
    # SIGINT handler installed (servers and in-process crawlers do), which would swallow the signal
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        first = crawl("posts", home, settings=slow, throttle=False, jobdir=jobdir, base_url=server.url,
                      on_progress=interrupt_once_running)
    finally:
        signal.signal(signal.SIGINT, previous)
    assert sent.is_set()
    assert first["finish_reason"] == "shutdown" and first["added"] < 12
    second = crawl("posts", home, settings=FAST, throttle=False, jobdir=jobdir, base_url=server.url)
    assert second["finish_reason"] == "finished" and second["documents"] == 12


def test_photo_attachment_with_ocr_off_is_recorded_not_downloaded(crawled, server):
    d = crawled[2]["post_10.html"]
    (att,) = d.metadata["attachments"]
    assert att["name"] == "notice.png" and att["status"] == "needs_ocr"
    assert "needs_ocr" not in d.metadata  # the post has text of its own
    assert server.hits["/board/files/notice.png"] == 0


def test_httpcache_replays_a_site_that_is_gone(tmp_path):
    """--httpcache: a second crawl is served from the workspace's cache, even with the server stopped."""
    from crawl_helpers import FAST

    from fazhi.crawlers import crawl
    from fazhi.crawlers.fixture_server import FixtureServer

    home = tmp_path / "ws"
    with FixtureServer() as server:
        url = server.url
        first = crawl("posts", home, settings=FAST, throttle=False, httpcache=True, base_url=url, max_pages=1)
    assert first["added"] == 4 and (home / "cache" / "httpcache").is_dir()
    again = crawl("posts", home, settings=FAST, throttle=False, httpcache=True, base_url=url, max_pages=1)
    assert again["unchanged"] == 4 and again["errors"] == 0
    assert again["scrapy"].get("httpcache/hit", 0) >= 5


def test_cli_ctrl_c_says_what_was_kept_and_exits_130(tmp_path, server):
    """`fazhi crawl` stopped with Ctrl-C: the figures, one line saying the crawl was interrupted and what was
    stored, and exit code 130 (not 0, which a scheduler would read as a complete crawl)."""
    import json
    import os
    import signal
    import subprocess
    import sys
    import time

    proc = subprocess.Popen([sys.executable, "-m", "fazhi", "--home", str(tmp_path / "ws"), "crawl", "posts",
                             "-a", f"base_url={server.url}", "--no-throttle", "-s", "CONCURRENT_REQUESTS=1",
                             "-s", "DOWNLOAD_DELAY=1.0", "--json"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env=dict(os.environ, PYTHONIOENCODING="utf-8"))
    log = tmp_path / "ws" / "logs" / "crawl-posts.log"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not (log.exists() and "Spider opened" in log.read_text(errors="replace")):
        time.sleep(0.2)
    time.sleep(2.5)  # a few pages in, one a second: the crawl of about twenty requests is far from done
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    assert json.loads(out)["finish_reason"] == "shutdown"
    assert "fazhi: crawl interrupted; what was fetched is stored" in err and "--jobdir" in err
