"""Scrapy settings for the fazhi crawlers: polite by default.

Used by ``fazhi crawl`` (through :func:`fazhi.crawlers.runner.crawl`) and by ``scrapy crawl`` run from
this folder (``scrapy.cfg`` points here). Override any of them with ``-s NAME=VALUE`` / ``settings={...}``.

Politeness: robots.txt obeyed, AutoThrottle on (it adapts the delay to the server's latency, never
going below ``DOWNLOAD_DELAY``), at most ``CONCURRENT_REQUESTS_PER_DOMAIN`` requests per site at once,
a User-Agent that names the project and how to reach it.

Robustness: 5xx, 408, 429 and timeouts are retried ``RETRY_TIMES`` times with exponential backoff
(``FAZHI_RETRY_BACKOFF_BASE`` × 2^attempt seconds, at least a 429's ``Retry-After``, at most
``FAZHI_RETRY_BACKOFF_MAX``); redirects end after ``REDIRECT_MAX_TIMES`` (pages lost to redirects are
named under ``skipped``); pages that declare no charset are decoded by fazhi's detector
(GBK/GB18030/Big5 aware); a crawl is resumable with ``JOBDIR``.
"""
import os

BOT_NAME = "fazhi"
SPIDER_MODULES = ["fazhi.crawlers.spiders"]
NEWSPIDER_MODULE = "fazhi.crawlers.spiders"

USER_AGENT = "fazhi/0.1 (legal-text research crawler of a justice bureau; +https://github.com/fazhi/fazhi)"

# -- politeness -----------------------------------------------------------------------------------------
ROBOTSTXT_OBEY = True
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 2.0
DOWNLOAD_DELAY = 0.25
# robots.txt's Crawl-delay (and Request-rate) is each site's floor: Scrapy's own middleware ignores it, and
# AutoThrottle would go below it (see fazhi.crawlers.middlewares.RobotsTxtMiddleware)
FAZHI_OBEY_CRAWL_DELAY = True
FAZHI_CRAWL_DELAY_MAX = 60.0
EXTENSIONS = {
    "scrapy.extensions.throttle.AutoThrottle": None,
    "fazhi.crawlers.middlewares.AutoThrottle": 0,
}
CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = 4
COOKIES_ENABLED = False
# Scrapy starts this many asyncio tasks for the output of *every* callback (2.13+); our pipelines are
# synchronous, so more than a few buys nothing and the default 100 tripled the CPU time per page.
CONCURRENT_ITEMS = 8
TELNETCONSOLE_ENABLED = False

# -- robustness -----------------------------------------------------------------------------------------
DOWNLOAD_TIMEOUT = 30
RETRY_ENABLED = True
RETRY_TIMES = 3
RETRY_HTTP_CODES = [500, 502, 503, 504, 522, 524, 408, 429]
FAZHI_RETRY_BACKOFF_BASE = 1.0
FAZHI_RETRY_BACKOFF_MAX = 60.0
REDIRECT_MAX_TIMES = 5
DOWNLOAD_MAXSIZE = 64 * 1024 * 1024
DOWNLOAD_WARNSIZE = 16 * 1024 * 1024
#: the crawl's ``skipped`` list keeps this many pages that were not stored (and counts the rest)
FAZHI_SKIPPED_MAX = 1000

DOWNLOADER_MIDDLEWARES = {
    # Scrapy's, which also obeys robots.txt's Crawl-delay here
    "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware": None,
    "fazhi.crawlers.middlewares.RobotsTxtMiddleware": 100,
    # a stored page is asked for with its ETag / Last-Modified; a 304 is `unchanged` (before the retries see it)
    "fazhi.crawlers.middlewares.ConditionalRequestMiddleware": 560,
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "fazhi.crawlers.middlewares.BackoffRetryMiddleware": 550,
    # below the retries: sees only final outcomes; names every page not stored (``skipped`` in the stats)
    "fazhi.crawlers.middlewares.SkippedMiddleware": 540,
    # after decompression (590), before the <meta> refresh (580) reads the page
    "fazhi.crawlers.middlewares.EncodingMiddleware": 585,
    # first of all: utm_* / spm stripped before the request is scheduled again under its clean URL
    "fazhi.crawlers.middlewares.TrackingParamsMiddleware": 50,
    # Scrapy's own, but a page lost to too many redirects, a redirect loop or an off-site redirect is
    # named under ``skipped``, and a <meta> refresh to the page itself is a reload, not a redirect
    "scrapy.downloadermiddlewares.offsite.OffsiteMiddleware": None,
    "fazhi.crawlers.middlewares.OffsiteMiddleware": 50,
    "scrapy.downloadermiddlewares.redirect.MetaRefreshMiddleware": None,
    "fazhi.crawlers.middlewares.MetaRefreshMiddleware": 580,
    "scrapy.downloadermiddlewares.redirect.RedirectMiddleware": None,
    "fazhi.crawlers.middlewares.RedirectMiddleware": 600,
}

# -- storage ----------------------------------------------------------------------------------------------
ITEM_PIPELINES = {
    "fazhi.crawlers.pipelines.ValidatePipeline": 100,
    "fazhi.crawlers.pipelines.StorePipeline": 800,
}
#: the workspace whose store receives the documents
FAZHI_HOME = os.environ.get("FAZHI_HOME", "fazhi-data")
#: detail pages already stored are requested with If-None-Match / If-Modified-Since (304: unchanged)
FAZHI_CONDITIONAL_REQUESTS = True
#: documents are written in transactions of this many (and at the end of the crawl)
FAZHI_STORE_BATCH = 100
#: OCR image-only pages with fazhi.ocr when it is installed; off (or not installed): store them flagged
#: metadata["needs_ocr"] with the image URLs, for `fazhi ocr` later
FAZHI_OCR = True
#: attachments are converted (and images OCR'd) in worker threads, at most this many at once
FAZHI_CONVERT_THREADS = 2

# -- development --------------------------------------------------------------------------------------
# `fazhi crawl --httpcache` (or -s HTTPCACHE_ENABLED=1) replays responses from .scrapy/httpcache.
HTTPCACHE_ENABLED = False
HTTPCACHE_EXPIRATION_SECS = 0
HTTPCACHE_DIR = "httpcache"
HTTPCACHE_IGNORE_HTTP_CODES = [500, 502, 503, 504, 408, 429]

LOG_LEVEL = "INFO"
FEED_EXPORT_ENCODING = "utf-8"
