"""Crawler test fixtures: a loopback fixture server per test module (helpers are in crawl_helpers.py)."""
from __future__ import annotations

import pytest

pytest.importorskip("scrapy")


@pytest.fixture(scope="module")
def server():
    """The bundled fixture site on 127.0.0.1 (a fresh server, generation 1, for each test module)."""
    from fazhi.crawlers.fixture_server import FixtureServer

    with FixtureServer(slow_seconds=2.5) as s:
        yield s
