"""The crawl stage of ``fazhi demo``: serve the bundled fixture site on 127.0.0.1, crawl its flk-format
laws, court judgments and message-board posts into the demo workspace with the real spiders, report
what was stored, and stop the server. Nothing leaves the machine."""
from __future__ import annotations

__all__ = ["stage"]

# The fixture site also holds the failure cases the tests need (a missing body, a 500, a redirect loop,
# a duplicate ...): the demo reports them as the crawl met them.
_DEMO_SETTINGS = {"DOWNLOAD_TIMEOUT": 5, "FAZHI_RETRY_BACKOFF_BASE": 0.1, "RETRY_TIMES": 1}


def stage(workspace, say) -> dict:
    from fazhi.crawlers.fixture_server import FixtureServer
    from fazhi.crawlers.runner import crawl

    out = {}
    with FixtureServer(slow_seconds=0.2) as server:
        say(f"fixture site at {server.url} (loopback)")
        for spider, args in (("flk", {"base_url": server.url, "files_url": server.url}),
                             ("judgments", {"base_url": server.url}),
                             ("posts", {"base_url": server.url})):
            # throttling off: this is our own loopback server; robots.txt is still obeyed
            s = crawl(spider, workspace, settings=_DEMO_SETTINGS, throttle=False, timeout=120, **args)
            out[spider] = {k: s[k] for k in ("pages", "added", "updated", "unchanged", "refreshed", "duplicate",
                                             "dropped", "needs_ocr", "attachments", "retries", "robots_forbidden",
                                             "seconds")}
            say(f"{spider}: {s['pages']} pages, {s['added']} added, {s['unchanged']} unchanged, "
                f"{s['duplicate']} duplicate, {s['dropped']} dropped (invalid), {s['needs_ocr']} need OCR, "
                f"{s['attachments']} attachments converted, {s['retries']} retries, "
                f"{s['robots_forbidden']} blocked by robots.txt ({s['seconds']} s)")
    with workspace.store() as store:
        laws = [d for d in store.iter(kind="regulation") if d.metadata.get("spider") == "flk"]
        by_status: dict = {}
        for d in laws:
            by_status[d.metadata.get("status", "")] = by_status.get(d.metadata.get("status", ""), 0) + 1
        out["laws_by_status"] = by_status
        say("crawled laws by status: " + ", ".join(f"{k} {v}" for k, v in sorted(by_status.items())))
        out["documents"] = len(store)
    return out
