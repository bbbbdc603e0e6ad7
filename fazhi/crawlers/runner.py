"""Run a spider from Python or the CLI: :func:`crawl`.

Twisted's reactor cannot be restarted within one process, so :func:`crawl` runs every crawl in a fresh
Python process (``python -m fazhi.crawlers.runner CONFIG.json``) and waits for it. The parent stays free
of Scrapy and Twisted, can run any number of crawls one after another (tests, the demo, a scheduler),
and a crash inside a crawl cannot take the caller down. The child writes its statistics to a JSON file
and a progress line (``{"pages": N, "items": M, "rss_mb": R}``) on stdout at most five times a second.

Examples:
    >>> SPIDERS
    ('flk', 'judgments', 'posts', 'generic')
"""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Callable

from fazhi.errors import FazhiError

__all__ = ["crawl", "SPIDERS", "CrawlError", "crawl_settings", "summarize"]

SPIDERS = ("flk", "judgments", "posts", "generic")


class CrawlError(FazhiError):
    """A crawl could not start or its process failed."""


def crawl_settings(home: str | os.PathLike, *, throttle: bool = True, jobdir: str | os.PathLike | None = None,
                   httpcache: bool = False, log_file: str | os.PathLike | None = None, log_level: str = "INFO",
                   settings: dict | None = None) -> dict:
    """Scrapy settings (on top of ``fazhi.crawlers.settings``) for one crawl into workspace ``home``.

    >>> s = crawl_settings("ws", throttle=False)
    >>> s["AUTOTHROTTLE_ENABLED"], s["DOWNLOAD_DELAY"], s["FAZHI_HOME"]
    (False, 0, 'ws')
    """
    s: dict = {"FAZHI_HOME": str(home), "LOG_LEVEL": log_level}
    if not throttle:
        s.update(AUTOTHROTTLE_ENABLED=False, DOWNLOAD_DELAY=0)
    if jobdir:
        s["JOBDIR"] = str(jobdir)
    if httpcache:
        s.update(HTTPCACHE_ENABLED=True, HTTPCACHE_DIR=str(Path(home).resolve() / "cache" / "httpcache"))
    if log_file:
        s["LOG_FILE"] = str(log_file)
        s["LOG_FILE_APPEND"] = False
    s.update(settings or {})
    return s


def crawl(spider: str, workspace, settings: dict | None = None, *, throttle: bool = True,
          jobdir: str | os.PathLike | None = None, httpcache: bool = False,
          log_file: str | os.PathLike | None = None, log_level: str = "INFO", timeout: float | None = None,
          on_progress: Callable[[dict], None] | None = None, redis_url: str | None = None,
          redis_key: str | None = None, **spider_args) -> dict:
    """Run ``spider`` into the store of ``workspace`` in a fresh process; return its statistics.

    Args:
        spider: one of :data:`SPIDERS`.
        workspace: a :class:`fazhi.workspace.Workspace` or its directory.
        settings: extra Scrapy settings (``{"DOWNLOAD_TIMEOUT": 5}``).
        throttle: False turns AutoThrottle and the download delay off (only for your own servers).
        jobdir: a directory that makes the crawl resumable (Scrapy's ``JOBDIR``).
        httpcache: replay responses from the workspace's HTTP cache (for developing a profile).
        log_file: where Scrapy logs (default ``<workspace>/logs/crawl-<spider>.log``).
        timeout: stop the crawl after this many seconds, as Ctrl-C does (what was fetched is stored), and
            raise CrawlError.
        on_progress: called with ``{"pages", "items", "rss_mb"}`` while the crawl runs.
        redis_url: share the request queue and duplicate filter with every other process crawling the
            same key through this Redis (scrapy-redis; see :mod:`fazhi.crawlers.distributed`).
        redis_key: the shared crawl's key (default: the spider and a hash of its arguments).
        spider_args: spider arguments, as ``-a key=value`` on the command line.

    Returns:
        a dict: spider, finish_reason, redis_key (None without Redis), seconds, pages, items, added,
        updated, unchanged, refreshed,
        duplicate, dropped, needs_ocr, retries, robots_forbidden, crawl_delays (``{host: seconds}`` for each site
        whose robots.txt asks a Crawl-delay or Request-rate), http_errors, errors, cpu_seconds (of the
        crawl process), documents (in the store afterwards), log, skipped (``{"url", "reason"}`` for each page
        or attachment that was not stored, an attachment's with ``page``: the first ``FAZHI_SKIPPED_MAX``),
        skipped_total (all of them), skipped_refused (of them, pages robots.txt forbids), and ``scrapy`` (Scrapy's own statistics).

    Raises:
        ValueError: for an unknown spider. CrawlError: when the crawl process fails, or when not one page
        could be fetched (every download failed: the site is down or the address is wrong).
        ParseError: for a bad site profile.
    """
    from fazhi.workspace import Workspace

    if spider not in SPIDERS:
        raise ValueError(f"unknown spider {spider!r}; choose one of: {', '.join(SPIDERS)}")
    import importlib.util

    for module, extra in (("scrapy", "crawl"), ("scrapy_redis", "cluster") if redis_url else (None, None)):
        if module and importlib.util.find_spec(module) is None:  # say so here, not as the child's traceback
            raise CrawlError(f"crawling needs {module} (not installed): pip install 'fazhi[{extra}]'")
    ws = workspace if isinstance(workspace, Workspace) else Workspace(workspace)
    if spider == "generic" and not spider_args.get("profile"):
        raise CrawlError("the generic spider needs a site profile: -a profile=site.yaml")
    if spider_args.get("profile"):
        from fazhi.crawlers.profile import load_profile

        profile = load_profile(spider_args["profile"])  # fail here, with the file's name, not in the child
        if Path(str(spider_args["profile"])).exists():
            spider_args["profile"] = str(Path(profile["_where"]).resolve())
    ws.home.mkdir(parents=True, exist_ok=True)
    if log_file is None:  # processes sharing a crawl through Redis may share a workspace: one log each
        name = f"crawl-{spider}-{os.getpid()}.log" if redis_url else f"crawl-{spider}.log"
        log_file = ws.subdir("logs") / name
    settings = dict(settings or {})
    if redis_url:
        from fazhi.crawlers.distributed import check, default_key, redis_settings

        if jobdir:
            raise ValueError("jobdir and redis_url exclude each other: with Redis the queue itself resumes")
        check(redis_url)
        redis_key = redis_key or default_key(spider, spider_args)
        settings = {**redis_settings(redis_url, redis_key), **settings}
    elif redis_key:
        raise ValueError("redis_key needs redis_url")
    config = {"spider": spider, "spider_args": {k: str(v) for k, v in spider_args.items()},
              "settings": crawl_settings(ws.home.resolve(), throttle=throttle, jobdir=jobdir, httpcache=httpcache,
                                         log_file=log_file, log_level=log_level, settings=settings)}
    with tempfile.TemporaryDirectory(prefix="fazhi-crawl-") as tmp:
        cfg_path, stats_path = Path(tmp) / "config.json", Path(tmp) / "stats.json"
        config["stats_path"] = str(stats_path)
        cfg_path.write_text(json.dumps(config, ensure_ascii=False), encoding="utf-8")
        t0 = time.perf_counter()
        # Its own session: a terminal's Ctrl-C reaches only this process, which forwards exactly one SIGINT
        # (Scrapy closes gracefully and saves JOBDIR state); a second Ctrl-C forwards a second (forced stop).
        proc = subprocess.Popen([sys.executable, "-m", "fazhi.crawlers.runner", str(cfg_path)],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8",
                                start_new_session=True)
        err_tail: list[str] = []

        def drain_stderr():
            for line in proc.stderr:
                err_tail.append(line.rstrip())
                del err_tail[:-20]

        def read_progress():
            for line in proc.stdout:
                if on_progress and line.startswith("{"):
                    try:
                        on_progress(json.loads(line))
                    except ValueError:
                        pass

        readers = [threading.Thread(target=f, daemon=True) for f in (drain_stderr, read_progress)]
        for r in readers:
            r.start()
        try:
            try:
                proc.wait(timeout=timeout)
            except KeyboardInterrupt:
                proc.send_signal(signal.SIGINT)  # graceful: finish in-flight pages, save JOBDIR
                try:
                    proc.wait()
                except KeyboardInterrupt:
                    proc.send_signal(signal.SIGINT)  # Scrapy's forced shutdown
                    proc.wait()
        except subprocess.TimeoutExpired:
            # Stopped as Ctrl-C stops it: the validated documents still in the store's buffer (up to
            # FAZHI_STORE_BATCH) are written and JOBDIR is saved; killed at once, they were lost
            stopped = _stop(proc)
            for r in readers:
                r.join(5)
            raw = json.loads(stats_path.read_text(encoding="utf-8")) if stopped and stats_path.exists() else {}
            with ws.store() as store:
                kept = len(store)
            done = (f"stopped after {raw.get('response_received_count', 0)} pages, {raw.get('fazhi/added', 0)} "
                    f"documents added" if raw else "killed")
            again = "run the same command to resume" if jobdir else "pages already stored are skipped when run again"
            raise CrawlError(f"crawl {spider} did not finish within {timeout} s: {done} ({kept} documents in the "
                             f"store; {again}) (log: {log_file})") from None
        for r in readers:
            r.join(5)
        if proc.returncode != 0 or not stats_path.exists():
            tail = " | ".join(line for line in err_tail[-5:] if line.strip())
            raise CrawlError(f"crawl {spider} failed (exit {proc.returncode}): {tail or 'no output'} "
                             f"(log: {log_file})")
        raw = json.loads(stats_path.read_text(encoding="utf-8"))
    if raw.get("fazhi/start_error"):
        raise CrawlError(f"crawl {spider} could not start: {raw['fazhi/start_error']}")
    stats = summarize(raw, spider)
    failures = {k.rsplit("/", 1)[1].rsplit(".", 1)[-1]: v for k, v in raw.items()
                if k.startswith("downloader/exception_type_count/")}
    if not stats["pages"] and failures and stats["finish_reason"] == "finished":
        # Not one response, only download errors: the site is down or the address wrong. Saying
        # "finished" with exit code 0 would let a scheduled crawl fail silently for weeks.
        why = ", ".join(f"{k}×{v}" for k, v in sorted(failures.items()))
        raise CrawlError(f"crawl {spider}: no page could be fetched ({why}); log: {log_file}")
    stats["redis_key"] = redis_key if redis_url else None
    stats["seconds"] = round(time.perf_counter() - t0, 2)
    stats["log"] = str(log_file)
    with ws.store() as store:
        stats["documents"] = len(store)
    return stats


def _stop(proc: subprocess.Popen, grace: float = 20.0) -> bool:
    """Stop a crawl process as Ctrl-C does (in-flight pages finish, the store's buffer is written, JOBDIR
    saved), a second SIGINT (forced stop, the buffer still written) after ``grace`` seconds, then kill it.
    True when it stopped without being killed."""
    for wait in (grace, 10.0):
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(wait)
            return True
        except subprocess.TimeoutExpired:
            pass
    proc.kill()
    proc.wait()
    return False


def summarize(raw: dict, spider: str) -> dict:
    """The figures a user wants from Scrapy's statistics (``raw`` is kept under ``scrapy``)."""
    raw = dict(raw)
    skipped = raw.pop("fazhi/skipped", None) or []
    g = raw.get
    http_errors = {k.rsplit("/", 1)[1]: v for k, v in raw.items()
                   if k.startswith("downloader/response_status_count/") and int(k.rsplit("/", 1)[1]) >= 400}
    return {
        "spider": spider,
        "finish_reason": g("finish_reason"),
        "pages": g("response_received_count", 0),
        "items": g("item_scraped_count", 0),
        "added": g("fazhi/added", 0),
        "updated": g("fazhi/updated", 0),
        "unchanged": g("fazhi/unchanged", 0),
        "refreshed": g("fazhi/refreshed", 0),
        "duplicate": g("fazhi/duplicate", 0),
        "dropped": g("item_dropped_count", 0),
        "needs_ocr": g("fazhi/needs_ocr", 0),
        "attachments": g("fazhi/attachments_converted", 0) + g("fazhi/images_ocr", 0),
        "attachments_failed": g("fazhi/attachments_failed", 0) + g("fazhi/bodies_failed", 0),
        "retries": g("retry/count", 0),
        "retries_exhausted": g("retry/max_reached", 0),
        "robots_forbidden": g("robotstxt/forbidden", 0),
        "crawl_delays": {k.split("/", 2)[2]: v for k, v in raw.items() if k.startswith("fazhi/crawl_delay/")},
        "http_errors": http_errors,
        "errors": g("log_count/ERROR", 0),
        "cpu_seconds": g("fazhi/cpu_seconds"),
        "skipped": skipped,
        "skipped_total": g("fazhi/skipped_total", len(skipped)),
        "skipped_refused": g("fazhi/skipped_refused", 0),
        "scrapy": raw,
    }


# -- the child process ----------------------------------------------------------------------------------
def _rss_mb() -> float | None:
    """Resident memory of this process in MB (Linux), for the progress lines."""
    try:
        with open("/proc/self/statm") as f:
            return round(int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20, 1)
    except (OSError, ValueError, IndexError):
        return None


def _run(config: dict) -> dict:
    from scrapy import signals
    from scrapy.crawler import CrawlerProcess
    from scrapy.settings import Settings

    from fazhi.crawlers.middlewares import SkippedLog

    settings = Settings()
    settings.setmodule("fazhi.crawlers.settings", priority="project")
    for k, v in config["settings"].items():
        settings.set(k, v, priority="cmdline")
    process = CrawlerProcess(settings)
    crawler = process.create_crawler(config["spider"])
    counts = {"pages": 0, "items": 0}
    last = [0.0]

    def report(force=False):
        now = time.monotonic()
        if force or now - last[0] > 0.2:
            last[0] = now
            sys.stdout.write(json.dumps({**counts, "rss_mb": _rss_mb()}) + "\n")
            sys.stdout.flush()

    def on_response(**kw):
        counts["pages"] += 1
        report()

    def on_item(**kw):
        counts["items"] += 1
        report()

    crawler.signals.connect(on_response, signal=signals.response_received)
    crawler.signals.connect(on_item, signal=signals.item_scraped)
    skipped = SkippedLog.for_crawler(crawler)
    failed: list = []
    # A crawl that cannot start (a spider argument or a setting of the wrong type) fails this deferred; Scrapy
    # only logs it, and the process ended "successfully" with no page and no word of why.
    process.crawl(crawler, **config["spider_args"]).addErrback(lambda f: failed.append(f.value))
    process.start(install_signal_handlers=True)
    if failed:
        try:
            started = bool((crawler.stats.get_stats() or {}).get("start_time"))
        except RuntimeError:  # Scrapy >= 2.13: no stats before the crawl starts
            started = False
        if not started:
            raise failed[0]
    store = getattr(crawler, "fazhi_store_pipeline", None)
    forced = store is not None and store.store is not None  # the engine never closed the spider
    if forced:
        # A second Ctrl-C stops the reactor at once, without closing the spider: the items in the store's
        # buffer (up to FAZHI_STORE_BATCH, already validated) would be lost.
        store.close_spider()
    report(force=True)
    stats = crawler.stats.get_stats() or {}
    if not stats and getattr(crawler.stats, "spider_stats", None):
        stats = next(iter(crawler.stats.spider_stats.values()))
    if forced and not stats.get("finish_reason"):
        stats["finish_reason"] = "forced_shutdown"
    stats = {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in stats.items()}
    # kept out of Scrapy's own statistics, which are dumped into the log at the end of the crawl
    stats["fazhi/skipped"] = skipped.records
    stats["fazhi/skipped_total"] = skipped.total
    stats["fazhi/skipped_refused"] = skipped.refused
    try:
        import resource

        ru = resource.getrusage(resource.RUSAGE_SELF)
        stats["fazhi/cpu_seconds"] = round(ru.ru_utime + ru.ru_stime, 2)
    except ImportError:  # not on Windows
        pass
    return stats


def _check_settings(settings: dict) -> None:
    """Refuse a setting whose value is not of its kind (``-s DOWNLOAD_TIMEOUT=abc``), naming it: Scrapy's own
    complaint ("could not convert string to float: 'abc'") does not say which setting."""
    from scrapy.settings import default_settings

    from fazhi.crawlers import settings as ours

    for name, value in settings.items():
        default = getattr(ours, name, getattr(default_settings, name, None))
        if not isinstance(value, str) or default is None:
            continue
        if isinstance(default, bool):
            if value.strip().lower() not in ("0", "1", "true", "false"):
                raise ValueError(f"-s {name}={value}: expected True or False (or 1 / 0)")
        elif isinstance(default, (int, float)):
            try:
                float(value)  # DOWNLOAD_TIMEOUT defaults to 30 and takes 2.5
            except ValueError:
                raise ValueError(f"-s {name}={value}: expected a number") from None


def main(argv=None) -> int:  # the child process
    argv = sys.argv[1:] if argv is None else argv
    config = json.loads(Path(argv[0]).read_text(encoding="utf-8"))
    try:
        _check_settings(config["settings"])
        stats = _run(config)
    except Exception as e:  # noqa: BLE001 - the crawl could not start: the parent says why in one line
        from fazhi.crawlers.middlewares import one_line

        own = isinstance(e, ValueError) and str(e).startswith("-")  # ours, naming the -a / -s at fault
        stats = {"fazhi/start_error": str(e) if own else one_line(e)}
    Path(config["stats_path"]).write_text(json.dumps(stats, ensure_ascii=False, default=str), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
