"""What the level-limit checks report on the real texts of ../shared/data/laws (docs/graph.md). Run from the
repository root:

    .venv/bin/python benchmarks/graph_level_limits.py

Builds the registry from the whole corpus, then checks every 部门规章, 地方性法规 and 行政法规 file (every version
in manifest.tsv) as the rank it has, as of the date manifest.tsv gives the version (``publish``: the amended text
of 河南省严禁卖淫嫖娼条例(2010-07-30) is a 2010 text, though its last article still says 自1987年1月1日起施行;
the date detected from the text when the manifest has none), and counts the findings of the level-limit codes per code and severity,
with the files they fall in. Writes benchmarks/out/graph_level_limits.json.
"""
from __future__ import annotations

import collections
import csv
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LAWS = ROOT / ".." / "shared" / "data" / "laws"
sys.path.insert(0, str(ROOT))

LEVEL_CODES = ("RULE_SETS_PENALTY_BEYOND_LEVEL", "REGULATION_SETS_PENALTY_BEYOND_LEVEL", "RULE_SETS_LICENSE",
               "REGULATION_SETS_LICENSE_BEYOND_LEVEL", "LOCAL_MARKET_RESTRICTION", "RULE_SETS_COERCION")


def main():
    from fazhi.graph.build import build_from_paths, iter_law_documents
    from fazhi.graph.checks import check

    t0 = time.perf_counter()
    reg = build_from_paths([LAWS]).registry
    out = {"build_seconds": round(time.perf_counter() - t0, 1), "levels": {}}
    rows = list(csv.DictReader((LAWS / "manifest.tsv").open(encoding="utf-8"), delimiter="\t"))
    for level in ("部门规章", "地方性法规", "行政法规"):
        t0 = time.perf_counter()
        counts, files, examples = collections.Counter(), collections.Counter(), []
        chosen = [r for r in rows if r["level"] == level]
        for r in chosen:
            for doc in iter_law_documents([LAWS / r["path"]]):
                for f in check(doc, reg, kind=level, date=r.get("publish") or None).to_dict()["findings"]:
                    if f["code"] in LEVEL_CODES:
                        counts[f"{f['code']} {f['severity']}"] += 1
                        files[r["path"]] += 1
                        examples.append({"file": r["path"], "code": f["code"], "severity": f["severity"],
                                         "quote": f["quote"][:60],
                                         "sentence": f["evidence"].get("sentence", "")[:200]})
        out["levels"][level] = {"files": len(chosen), "findings": sum(counts.values()), "by_code": dict(counts),
                                "files_with_findings": len(files), "seconds": round(time.perf_counter() - t0, 1),
                                "examples": examples}
        print(f"{level}: {len(chosen)} files, {sum(counts.values())} findings in {len(files)} files "
              f"{dict(counts)}", flush=True)
    (ROOT / "benchmarks" / "out").mkdir(exist_ok=True)
    (ROOT / "benchmarks" / "out" / "graph_level_limits.json").write_text(
        json.dumps(out, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
