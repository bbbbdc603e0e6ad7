"""Where each version's 施行 date in the law registry comes from, on ../shared/data/laws.

A version's 施行 date decides which version ``check --date D`` and ``impact`` use. It is explicit when the
corpus states it (a 施行 header line, the text's 本法自X起施行, the 自公布之日起施行 of a text enacted or revised on
that date, or the amending instrument's own text in the corpus), reviewed when it comes from
``fazhi/graph/data/effective_overrides.tsv``, and unverified otherwise: only LawRefBook's ``valid_from`` (not
reliable) or nothing at all. The suspects are unverified versions that start on their own 公布/修正 date: an
amending decision often names a later day (民事诉讼法 2023: 公布 2023-09-01, 本决定自2024年1月1日起施行).

Lists every unverified same-day version of 法律, 行政法规 and 司法解释 and every version dated from the table (the
other ranks as counts), with the header's last event, whether that is an amendment, and whether the text's
only clause is an older text's 自公布之日起施行; times the build (wall and CPU).

Usage:
    .venv/bin/python benchmarks/graph_effective_dates.py [--laws ../shared/data/laws] [--workers 2]

Writes benchmarks/out/graph_effective_dates.json and benchmarks/out/graph_effective_dates.tsv.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import re
import resource
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks._machine import cpu_model  # noqa: E402

RANKS = ("法律", "行政法规", "司法解释")
_SELF = re.compile(r"自(?:公布|发布)之日起(?:施行|生效|执行)")
_AMENDED = re.compile(r"修正|修改|修订")
_EVENT_LINE = re.compile(r"^\s*(\d{4})年(\d{1,2})月(\d{1,2})日\s*(.*)$")


def kind(v) -> str:
    """explicit / overrides / unverified_same_day / unverified_other_day."""
    from fazhi.graph.build import EXPLICIT_EFFECTIVE

    if v.effective_from in EXPLICIT_EFFECTIVE + ("instrument",):
        return "explicit"
    if v.effective_from == "overrides":
        return "overrides"
    return "unverified_same_day" if v.start == v.date else "unverified_other_day"


def file_facts(path: str) -> dict:
    """The header's last event line and whether the text's last lines say 自公布之日起施行."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError:
        return {}
    head, _, body = text.partition("<!-- INFO END -->")
    events = [l.strip() for l in head.splitlines() if _EVENT_LINE.match(l)]
    return {"last_event": events[-1][:160] if events else "", "self_clause": bool(_SELF.search(body[-800:]))}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--laws", default=str(ROOT / ".." / "shared" / "data" / "laws"))
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--out", default=str(ROOT / "benchmarks" / "out"))
    args = ap.parse_args()
    laws = Path(args.laws).resolve()
    out_dir = Path(args.out)
    out_dir.mkdir(parents=True, exist_ok=True)

    from fazhi.graph.build import build_from_paths, load_effective_overrides

    def cpu():
        a, b = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
        return a.ru_utime + a.ru_stime + b.ru_utime + b.ru_stime

    with open("/proc/loadavg") as fh:
        load = fh.read().split()[:3]
    t, c = time.perf_counter(), cpu()
    built = build_from_paths([laws], workers=args.workers)
    wall, cpu_s = time.perf_counter() - t, cpu() - c
    reg = built.registry

    counts: Counter = Counter()
    sources: Counter = Counter()
    rows = []
    for law in sorted(reg.laws.values(), key=lambda l: l.title):
        group = law.rank if law.rank in RANKS else "其他"
        for i, v in enumerate(law.versions):
            k = kind(v)
            counts[(group, k)] += 1
            sources[(group, v.effective_from or "none")] += 1
            if group == "其他" or k not in ("unverified_same_day", "overrides"):
                continue
            facts = file_facts(v.sources[0]) if v.sources else {}
            rows.append({"rank": group, "title": law.title, "version": v.date, "effective": v.start,
                         "effective_from": v.effective_from or "none", "kind": k,
                         "first_in_corpus": i == 0, "amended": bool(_AMENDED.search(facts.get("last_event", ""))),
                         "older_self_clause": bool(facts.get("self_clause"))
                         and bool(_AMENDED.search(facts.get("last_event", ""))),
                         "last_event": facts.get("last_event", "")})
    rows.sort(key=lambda r: (RANKS.index(r["rank"]), r["kind"] != "overrides", r["title"], r["version"]))
    table = {g: {k: counts[(g, k)] for k in ("explicit", "overrides", "unverified_same_day",
                                             "unverified_other_day")}
             for g in RANKS + ("其他",)}
    by_source = {g: {s: n for (gg, s), n in sorted(sources.items()) if gg == g} for g in RANKS + ("其他",)}
    table_rows = load_effective_overrides()
    used = {(r["title"], r["version"]) for r in rows if r["kind"] == "overrides"}
    unmatched = [r for r in table_rows if (reg.get(r["title"]) and reg.get(r["title"]).title, r["version"]) not in used]
    result = {"machine": {"cores": os.cpu_count(), "cpu": cpu_model(), "python": platform.python_version(),
                          "load_average_before": load},
              "date": time.strftime("%Y-%m-%d %H:%M"), "laws": str(laws),
              "build": {"seconds": round(wall, 2), "cpu_seconds": round(cpu_s, 2), "workers": args.workers,
                        "versions": built.stats["versions"], "laws": built.stats["laws"]},
              "counts": table, "effective_from": by_source,
              "overrides_rows": len(table_rows), "overrides_not_applied": unmatched,
              "unverified_same_day": [r for r in rows if r["kind"] == "unverified_same_day"],
              "overrides_applied": [r for r in rows if r["kind"] == "overrides"]}
    (out_dir / "graph_effective_dates.json").write_text(json.dumps(result, ensure_ascii=False, indent=1),
                                                        encoding="utf-8")
    with open(out_dir / "graph_effective_dates.tsv", "w", encoding="utf-8") as fh:
        cols = ["rank", "title", "version", "effective", "effective_from", "kind", "first_in_corpus", "amended",
                "older_self_clause", "last_event"]
        fh.write("\t".join(cols) + "\n")
        for r in rows:
            fh.write("\t".join(str(r[c]) for c in cols) + "\n")
    print(f"build: {wall:.1f} s wall, {cpu_s:.1f} s CPU (load {' '.join(load)}); {built.stats['versions']} versions")
    print(f"{'rank':8} {'explicit':>9} {'overrides':>9} {'same-day?':>9} {'manifest':>9}")
    for g, d in table.items():
        print(f"{g:8} {d['explicit']:>9} {d['overrides']:>9} {d['unverified_same_day']:>9} "
              f"{d['unverified_other_day']:>9}")
    for g in RANKS:
        same = [r for r in rows if r["rank"] == g and r["kind"] == "unverified_same_day"]
        amended = sum(1 for r in same if r["amended"])
        older = sum(1 for r in same if r["older_self_clause"])
        print(f"{g}: {len(same)} unverified same-day versions; {amended} are amended texts (header ends with a "
              f"修正/修订 line), {older} of which end with the older text's 自公布之日起施行")
    if unmatched:
        print(f"overrides rows not applied (no such version, or the corpus states a date): {len(unmatched)}")


if __name__ == "__main__":
    main()
