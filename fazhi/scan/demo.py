"""Demo stage: scan the posts stored in the demo workspace and write the HTML report there."""
from __future__ import annotations


def stage(workspace, say) -> dict:
    from fazhi.scan.report import write_report
    from fazhi.scan.scanner import cases_from_store, posts_from_store, scan

    store = workspace.store()
    try:
        errors: list[str] = []
        posts = posts_from_store(store, errors=errors)
        if not posts:
            say("no posts in the store (kind post): nothing to scan")
            return {"posts": 0}
        result = scan(posts, cases=cases_from_store(store))
    finally:
        store.close()
    report = write_report(result, workspace.home / "scan_report.html", title="fazhi scan — demo posts")
    p = result["period"]
    say(f"{result['posts']} posts {p['start']}..{p['end']}; risk levels: "
        + ", ".join(f"{k} {v}" for k, v in result["risk"]["levels"].items()))
    say(f"{len(result['alerts'])} alerts:")
    for a in result["alerts"]:
        say(f"  {a['type'] or '*'} @ {a['district'] or '*'} {a['start']}..{a['end']}: {a['count']} posts "
            f"(expected {a['baseline']}), score {a['score']}")
    say(f"{len(result['clusters'])} near-duplicate clusters:")
    for c in result["clusters"]:
        law = c["statutes"][0]["citation"] if c["statutes"] else ""
        say(f"  {c['size']} posts @ {c['district']} from {c['date']} (risk {c['risk']}): {c['summary'][:36]}  {law}")
    if result["repeat_parties"]:
        say("repeat parties: " + "; ".join(f"{r['party']} ×{r['count']}" for r in result["repeat_parties"]))
    say(f"report: {report}")
    return {"posts": result["posts"], "alerts": len(result["alerts"]), "clusters": len(result["clusters"]),
            "repeat_parties": len(result["repeat_parties"]), "report": str(report), "skipped": len(errors)}
