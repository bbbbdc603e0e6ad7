"""The generic spider: a site described only by a YAML profile, and the profile checks."""
from __future__ import annotations

from pathlib import Path

import pytest
from crawl_helpers import FIXTURE_SITE, by_file, run

from fazhi.errors import ParseError
from fazhi.workspace import Workspace

PROFILE = Path(__file__).resolve().parents[1] / "fixtures" / "crawlers" / "qa.yaml"


def test_profile_only_site(tmp_path):
    from fazhi.crawlers.fixture_server import FixtureServer

    with FixtureServer(FIXTURE_SITE) as server:
        stats = run("generic", tmp_path / "ws", server, profile=str(PROFILE))
        assert server.hits["/qa/drafts/d1.html"] == 0  # disallowed by this site's robots.txt
    assert stats["added"] == 3 and stats["robots_forbidden"] == 1
    with Workspace(tmp_path / "ws").store() as store:
        stored = by_file(store)
    d = stored["q1.html"]
    assert d.kind == "other" and d.title == "邻居家狗咬人怎么办" and d.published == "2024-03-12"
    assert d.text == "问：邻居家狗咬人怎么办"  # GBK decoded although the page declares utf-8
    assert d.metadata["answer"].startswith("饲养的动物造成他人损害的")
    assert stored["q3.html"].published == "2024-03-20"  # reached through the xpath "next" link


@pytest.mark.parametrize("text, message", [
    ("kind: post\ndetail: {fields: {title: h1}}\n", "needs start_urls"),
    ("start_urls: [x]\n", "needs detail.fields"),
    ("start_urls: [x]\nkind: law\ndetail: {fields: {title: h1}}\n", "kind 'law' is not one of"),
    ("start_urls: [x]\ndetail: {fields: {title: ''}}\n", "field 'title' needs a selector"),
    ("start_urls: [x\n", "not valid YAML"),
    ("- a\n- b\n", "a YAML mapping"),
])
def test_bad_profiles_are_refused_with_the_file_name(tmp_path, text, message):
    from fazhi.crawlers.profile import load_profile

    p = tmp_path / "site.yaml"
    p.write_text(text, encoding="utf-8")
    with pytest.raises(ParseError, match=message) as e:
        load_profile(p)
    assert str(p) in str(e.value)


def test_missing_profile_names_the_bundled_ones(tmp_path):
    from fazhi.crawlers import crawl
    from fazhi.crawlers.runner import CrawlError

    with pytest.raises(ParseError, match="bundled profiles: judgments, posts"):
        crawl("generic", tmp_path / "ws", profile="no-such-profile")
    with pytest.raises(CrawlError, match="needs a site profile"):
        crawl("generic", tmp_path / "ws")
    with pytest.raises(ValueError, match="choose one of: flk, judgments, posts, generic"):
        crawl("nope", tmp_path / "ws")
    assert not (tmp_path / "ws").exists()  # nothing created for a crawl that cannot start


def test_crawl_timeout_kills_a_silent_crawl(tmp_path, server):
    """A crawl waiting on a server that never answers in time is stopped after ``timeout`` seconds."""
    import time

    from fazhi.crawlers import crawl
    from fazhi.crawlers.runner import CrawlError

    profile = tmp_path / "slow.yaml"
    profile.write_text(f'start_urls: ["{server.url}/slow/court/case_1.html"]\n'
                       'detail: {fields: {title: "css:h1::text", text: "css:div.content p"}}\n', encoding="utf-8")
    t = time.monotonic()
    with pytest.raises(CrawlError, match="did not finish within 2"):
        crawl("generic", tmp_path / "ws", profile=str(profile), throttle=False, timeout=2,
              settings={"DOWNLOAD_TIMEOUT": 60})
    assert time.monotonic() - t < 10
