"""``fazhi crawl SPIDER [-a key=value ...]``: run a Scrapy spider into the workspace's corpus store."""
from __future__ import annotations

import click

from fazhi.cli.common import emit_json, exit_batch, json_option, print_table, progress, workspace

SPIDER_NAMES = ("flk", "judgments", "posts", "generic")
#: at most this many ``fazhi: skipped URL: reason`` lines; the rest are in --json and the log
SHOW_SKIPPED = 50


def _pairs(values, option) -> dict:
    out = {}
    for v in values:
        if "=" not in v:
            raise click.BadParameter(f"{v!r} is not KEY=VALUE", param_hint=option)
        k, val = v.split("=", 1)
        out[k.strip()] = val
    return out


@click.command()
@click.argument("spider", type=click.Choice(SPIDER_NAMES))
@click.option("-a", "args", multiple=True, metavar="KEY=VALUE",
              help="Spider argument, e.g. -a base_url=https://flk.npc.gov.cn -a profile=site.yaml -a max_pages=3.")
@click.option("-s", "settings", multiple=True, metavar="NAME=VALUE",
              help="Scrapy setting, e.g. -s DOWNLOAD_TIMEOUT=10 -s CONCURRENT_REQUESTS_PER_DOMAIN=2.")
@click.option("--jobdir", type=click.Path(file_okay=False),
              help="Keep the crawl state here: stop with Ctrl-C and run the same command to resume.")
@click.option("--no-throttle", is_flag=True, help="Turn AutoThrottle and the download delay off (your own servers only).")
@click.option("--httpcache", is_flag=True, help="Cache responses in the workspace and replay them (developing a profile).")
@click.option("--redis", "redis_url", metavar="URL",
              help="Share the queue and duplicate filter with other crawl processes through Redis "
                   "(redis://host:6379/0): start the same command on several machines.")
@click.option("--redis-key", metavar="KEY",
              help="The shared crawl's key (default: the spider and a hash of its -a arguments).")
@click.option("--timeout", type=float, default=None, help="Stop the crawl after this many seconds.")
@click.option("--log-level", type=click.Choice(["DEBUG", "INFO", "WARNING", "ERROR"]), default="INFO",
              show_default=True, help="Level of the crawl log (written to <home>/logs/crawl-SPIDER.log).")
@json_option
def crawl(spider, args, settings, jobdir, no_throttle, httpcache, redis_url, redis_key, timeout, log_level,
          as_json):
    """Crawl SPIDER into the corpus store, with provenance and versions; print what was stored.

    Spiders: flk (national law database API; -a base_url, -a files_url), judgments and posts (a site
    profile, bundled one by default; -a profile, -a base_url), generic (-a profile=site.yaml required).
    Unchanged pages are skipped, changed ones stored as new versions. Each page or attachment that could
    not be stored (HTTP error, download error, robots.txt, invalid item) is named on stderr as
    "fazhi: skipped URL: reason" (at most 50 lines; all are under "skipped" in --json); what was fetched
    is stored and the exit code is 2. Exit code 130 after Ctrl-C. Calls fazhi.crawlers.crawl.

    \b
    Example:
        fazhi crawl flk -a base_url=https://flk.npc.gov.cn -a files_url=https://wb.flk.npc.gov.cn -a max_pages=2
        fazhi crawl generic -a profile=mysite.yaml --jobdir .crawl-state/mysite --json
        fazhi crawl posts --redis redis://10.0.0.7:6379/0 --redis-key board-2024   # on each machine
    """
    from fazhi.crawlers.runner import crawl as run_crawl

    spider_args = _pairs(args, "-a")
    extra = _pairs(settings, "-s")
    last = {"pages": 0}
    with progress(None, f"crawl {spider}") as advance:
        def on_progress(counts):
            advance(counts.get("pages", 0) - last["pages"])
            last["pages"] = counts.get("pages", 0)

        stats = run_crawl(spider, workspace(), settings=extra, throttle=not no_throttle, jobdir=jobdir,
                          httpcache=httpcache, redis_url=redis_url, redis_key=redis_key, timeout=timeout,
                          log_level=log_level, on_progress=on_progress, **spider_args)
    stats.pop("scrapy", None)
    if as_json:
        emit_json(stats)
        report_skipped(stats)
        _exit_if_interrupted(stats, jobdir)
        exit_batch(_skipped_count(stats))
    keys = ["pages", "items", "added", "updated", "unchanged", "refreshed", "duplicate", "dropped", "needs_ocr",
            "attachments", "attachments_failed", "retries", "robots_forbidden", "errors", "documents", "seconds"]
    title = f"crawl {spider}: {stats['finish_reason']}"
    if stats["redis_key"]:
        title += f" (redis key {stats['redis_key']})"
    print_table([{"figure": k, "value": stats[k]} for k in keys], title=title)
    if stats["http_errors"]:
        click.echo("HTTP errors: " + ", ".join(f"{k}×{v}" for k, v in sorted(stats["http_errors"].items())), err=True)
    if stats.get("crawl_delays"):
        click.echo("robots.txt Crawl-delay: " + ", ".join(f"{h} {v:g} s" for h, v in sorted(stats["crawl_delays"].items())),
                   err=True)
    report_skipped(stats)
    click.echo(f"log: {stats['log']}", err=True)
    _exit_if_interrupted(stats, jobdir)
    exit_batch(_skipped_count(stats))


def _skipped_count(stats: dict) -> int:
    """Pages and attachments not stored (each named under ``skipped``), less those robots.txt forbids: they are
    named too, but a site's robots.txt is its choice, not a failed page, and a nightly crawl of a site that
    forbids some linked pages should not exit 2 every night."""
    total = max(stats.get("skipped_total") or 0, len(stats.get("skipped") or ()))
    return max(0, total - (stats.get("skipped_refused") or 0))


def _exit_if_interrupted(stats: dict, jobdir) -> None:
    """After Ctrl-C: say what was kept and how to go on, and exit 130 (interrupted) rather than 0."""
    if stats.get("finish_reason") not in ("shutdown", "forced_shutdown"):
        return
    kept = f"added {stats['added']}, updated {stats['updated']} ({stats['documents']} documents in the store)"
    again = ("run the same command to resume" if jobdir else
             "run it again with --jobdir DIR to be able to resume; pages already stored are skipped as unchanged")
    click.echo(f"fazhi: crawl interrupted; what was fetched is stored: {kept}; {again}", err=True)
    raise SystemExit(130)


def report_skipped(stats: dict, limit: int = SHOW_SKIPPED) -> None:
    """One ``fazhi: skipped URL: reason`` line on stderr for each page or attachment not stored."""
    skipped = stats.get("skipped") or []
    for rec in skipped[:limit]:
        where = f" (from page {rec['page']})" if rec.get("page") else ""
        click.echo(f"fazhi: skipped {rec['url']}: {rec['reason']}{where}", err=True)
    more = max(stats.get("skipped_total", len(skipped)), len(skipped)) - min(limit, len(skipped))
    if more > 0:
        click.echo(f"fazhi: … and {more} more skipped (see --json or the log)", err=True)
