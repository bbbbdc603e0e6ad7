"""Scrapy crawlers for regulations, judgments and public posts, writing into the corpus store.

The folder is a standard Scrapy project (``scrapy.cfg``, ``settings.py``, ``items.py``,
``pipelines.py``, ``middlewares.py``, ``spiders/``) that also runs as ``fazhi crawl SPIDER -a key=value``.
From Python, :func:`crawl` runs one spider in a fresh process (Twisted's reactor cannot be restarted in
one process) and returns its statistics::

    from fazhi.crawlers import crawl
    stats = crawl("flk", "fazhi-data", base_url="https://flk.npc.gov.cn")

Nothing here imports Scrapy at import time.
"""
from fazhi.crawlers.runner import SPIDERS, CrawlError, crawl

__all__ = ["crawl", "SPIDERS", "CrawlError"]
