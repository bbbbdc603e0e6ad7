"""Distributed crawling: several crawler processes share one crawl through Redis (scrapy-redis).

``crawl(..., redis_url="redis://host:6379/0")`` (``fazhi crawl SPIDER --redis URL``) swaps Scrapy's
in-memory scheduler and duplicate filter for scrapy-redis's: every process pushes the requests it finds
into one Redis sorted set and pops the next request from it, and one Redis set of request fingerprints
decides for all of them whether a URL was seen. Start any number of processes with the same spider, the
same arguments and the same key, on one machine or many: each page is fetched by exactly one of them.

What scrapy-redis 0.9.1 alone does not do with fazhi's ordinary spiders (and :class:`RedisScheduler` adds):

* **Closing together.** An ordinary spider closes as soon as *its own* scheduler is empty, although
  another process may be parsing a page that will yield more links a moment later; with two processes
  the one that starts second often finds the queue empty and quits at once. Each process here records
  in a Redis hash when it was last busy (downloading or parsing); a process closes only when the shared
  queue is empty and no process has been busy for ``FAZHI_REDIS_IDLE_SECONDS``.
* **Picking up work promptly.** Scrapy asks an idle scheduler for requests only every 5 s; a looping
  call wakes the engine as soon as the shared queue holds requests.
* **One process finishing does not end the crawl for the others.** scrapy-redis deletes the queue and
  the fingerprints when a process closes (``SCHEDULER_PERSIST=False``) - while other processes still
  need them. Here ``SCHEDULER_PERSIST`` is on and the *last* process to leave a finished crawl sets the
  keys to expire after ``FAZHI_REDIS_LINGER`` seconds (a process started late in that window finds
  the crawl done and fetches nothing; after it the same key starts a fresh crawl). An interrupted crawl
  keeps its keys: run the same command again to resume.
* Scrapy 2.13+ deprecates the ``spider`` argument of the stats methods that scrapy-redis passes; the
  subclass counts without it.

Keys: ``fazhi:crawl:KEY:requests`` (sorted set, pickled requests), ``…:dupefilter`` (set of
fingerprints), ``…:workers`` (hash process id → last busy time), ``…:done``.

Examples:
    >>> s = redis_settings("redis://127.0.0.1:6379/0", "board")
    >>> s["SCHEDULER"], s["SCHEDULER_QUEUE_KEY"]
    ('fazhi.crawlers.distributed.RedisScheduler', 'fazhi:crawl:board:requests')
    >>> s["DUPEFILTER_CLASS"]
    'scrapy_redis.dupefilter.RFPDupeFilter'
    >>> default_key("generic", {"profile": "/x/site.yaml", "base_url": "http://a"}) == \\
    ...     default_key("generic", {"base_url": "http://a", "profile": "/x/site.yaml"})
    True
"""
from __future__ import annotations

import hashlib
import json
import logging
import os
import socket
import time

__all__ = ["redis_settings", "default_key", "RedisScheduler", "crawl_keys", "check", "reset"]

logger = logging.getLogger(__name__)

#: the prefix of every Redis key fazhi writes
PREFIX = "fazhi:crawl:"


def default_key(spider: str, spider_args: dict | None = None) -> str:
    """The queue key processes share when none is given: the spider and a hash of its arguments, so the
    same command on several machines joins one crawl and different crawls never mix."""
    blob = json.dumps({k: str(v) for k, v in sorted((spider_args or {}).items())}, ensure_ascii=False)
    return f"{spider}-{hashlib.sha1(blob.encode('utf-8')).hexdigest()[:10]}"


def crawl_keys(key: str) -> dict:
    """The Redis keys of the crawl ``key``."""
    base = PREFIX + key
    return {"requests": base + ":requests", "dupefilter": base + ":dupefilter", "workers": base + ":workers",
            "done": base + ":done"}


def redis_settings(redis_url: str, key: str, *, idle_seconds: float = 3.0, linger: int = 600) -> dict:
    """Scrapy settings that make a crawl share its queue and duplicate filter through ``redis_url``.

    Args:
        redis_url: ``redis://[:password@]host:port/db``.
        key: the crawl's key; processes with the same key share one crawl.
        idle_seconds: a process closes when the queue is empty and no process has been busy this long.
        linger: seconds the finished crawl's keys stay (so late processes do not crawl it again).
    """
    keys = crawl_keys(key)
    return {
        "SCHEDULER": "fazhi.crawlers.distributed.RedisScheduler",
        "DUPEFILTER_CLASS": "scrapy_redis.dupefilter.RFPDupeFilter",
        "REDIS_URL": redis_url,
        "SCHEDULER_QUEUE_KEY": keys["requests"],
        "SCHEDULER_DUPEFILTER_KEY": keys["dupefilter"],
        "SCHEDULER_QUEUE_CLASS": "scrapy_redis.queue.PriorityQueue",
        "SCHEDULER_PERSIST": True,  # see the module docstring: the last process out cleans up
        "SCHEDULER_IDLE_BEFORE_CLOSE": 0,  # never block the reactor in a Redis pop
        "FAZHI_REDIS_KEY": key,
        "FAZHI_REDIS_IDLE_SECONDS": idle_seconds,
        "FAZHI_REDIS_LINGER": linger,
    }


def check(redis_url: str, timeout: float = 5.0) -> None:
    """Raise :class:`~fazhi.crawlers.runner.CrawlError` naming ``redis_url`` unless Redis answers a PING."""
    import redis

    from fazhi.crawlers.runner import CrawlError

    try:
        server = redis.Redis.from_url(redis_url, socket_connect_timeout=timeout, socket_timeout=timeout)
    except ValueError as e:
        raise CrawlError(f"bad Redis URL {redis_url!r}: {e} (use redis://host:port/db)") from None
    try:
        server.ping()
    except redis.RedisError as e:
        raise CrawlError(f"cannot use Redis at {redis_url}: {e}") from None
    finally:
        server.close()


def reset(redis_url: str, key: str) -> int:
    """Delete the crawl ``key``'s queue, fingerprints and worker records (start it afresh); returns the
    number of keys deleted."""
    import redis

    server = redis.Redis.from_url(redis_url)
    try:
        return server.delete(*crawl_keys(key).values())
    finally:
        server.close()


def _scheduler_base():
    from scrapy_redis.scheduler import Scheduler

    return Scheduler


def __getattr__(name):
    """PEP 562: ``RedisScheduler`` is built when Scrapy loads it, so importing this module imports no Scrapy."""
    if name == "RedisScheduler":
        cls = _make_scheduler()
        globals()["RedisScheduler"] = cls
        return cls
    raise AttributeError(name)


def _make_scheduler():
    from scrapy import signals
    from twisted.internet import task

    Base = _scheduler_base()

    class RedisScheduler(Base):
        """scrapy-redis's scheduler, closing only when every process sharing the crawl is idle."""

        @classmethod
        def from_crawler(cls, crawler):
            s = crawler.settings
            try:
                instance = cls.from_settings(s)
            except Exception as e:  # redis down or a bad URL: one clear line instead of a traceback
                from fazhi.crawlers.runner import CrawlError

                raise CrawlError(f"cannot use Redis at {s.get('REDIS_URL')}: {e}") from e
            instance.stats = crawler.stats
            instance.crawler = crawler
            instance.idle_seconds = s.getfloat("FAZHI_REDIS_IDLE_SECONDS", 3.0)
            instance.linger = s.getint("FAZHI_REDIS_LINGER", 600)
            instance.keys = crawl_keys(s.get("FAZHI_REDIS_KEY") or "default")
            instance.worker = f"{socket.gethostname()}:{os.getpid()}:{time.time():.3f}"
            instance._loop = None
            instance._stamped = 0.0
            crawler.signals.connect(instance._busy, signal=signals.response_received)
            return instance

        # -- Scrapy's scheduler interface ----------------------------------------------------------
        def open(self, spider):
            super().open(spider)
            self._busy(force=True)
            self._loop = task.LoopingCall(self._tick)
            self._loop.start(0.25, now=False)

        def close(self, reason):
            if self._loop is not None and self._loop.running:
                self._loop.stop()
            srv, k = self.server, self.keys
            srv.hdel(k["workers"], self.worker)
            if srv.hlen(k["workers"]) == 0:
                if reason == "finished" and len(self.queue) == 0:
                    srv.set(k["done"], time.time())
                    for name in ("requests", "dupefilter", "workers", "done"):
                        srv.expire(k[name], self.linger)
                    logger.info("crawl %s finished; its Redis keys expire in %d s", k["requests"],
                                self.linger)
                else:
                    logger.info("crawl %s closed (%s) with %d requests queued: run again to resume",
                                k["requests"], reason, len(self.queue))

        def enqueue_request(self, request):
            if not request.dont_filter and self.df.request_seen(request):
                self.df.log(request, self.spider)
                return False
            if self.stats:
                self.stats.inc_value("scheduler/enqueued/redis")
            self.queue.push(request)
            return True

        def next_request(self):
            request = self.queue.pop(0)
            if request is not None:
                self._busy()
                if self.stats:
                    self.stats.inc_value("scheduler/dequeued/redis")
            return request

        def has_pending_requests(self):
            """True while the shared queue holds requests or any process was busy lately (it may yield
            more): the engine then keeps this process open."""
            if len(self.queue) > 0:
                return True
            if self._local_busy():
                return True
            now = time.time()
            stamps = self.server.hgetall(self.keys["workers"])
            return any(now - float(t) < self.idle_seconds for w, t in stamps.items()
                       if w not in (self.worker, self.worker.encode()))  # this process: checked exactly above

        # -- internals -----------------------------------------------------------------------------
        def _busy(self, *a, force: bool = False, **kw):
            now = time.time()
            if force or now - self._stamped > 0.1:  # one Redis write per 0.1 s, not one per page
                self._stamped = now
                self.server.hset(self.keys["workers"], self.worker, now)

        def _local_busy(self) -> bool:
            engine = getattr(self.crawler, "engine", None)
            if engine is None:
                return False
            downloader, scraper = getattr(engine, "downloader", None), getattr(engine, "scraper", None)
            if downloader is not None and downloader.active:
                return True
            slot = getattr(scraper, "slot", None)
            return slot is not None and not slot.is_idle()

        def _tick(self):
            """Four times a second: record that this process is busy, and wake an idle engine when
            requests wait in the shared queue (Scrapy itself polls an idle scheduler only every 5 s)."""
            try:
                if self._local_busy():
                    self._busy()
                engine = self.crawler.engine
                slot = getattr(engine, "_slot", None)  # private in Scrapy 2.19; without it: the 5 s heartbeat
                if slot is not None and getattr(slot, "nextcall", None) is not None and (
                        len(self.queue) > 0 or not self.has_pending_requests()):
                    slot.nextcall.schedule()
            except Exception as e:  # never let a Redis hiccup stop the looping call
                logger.warning("redis scheduler tick failed: %s", e)

    RedisScheduler.__module__ = __name__
    return RedisScheduler
