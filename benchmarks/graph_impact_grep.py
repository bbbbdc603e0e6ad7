"""The expected direct citers of 6 amended laws for benchmarks/graph_audit_versions.py, found without fazhi:
every current text (latest version of its title in manifest.tsv, not flagged expired, not an amending instrument) whose
body (after LawRefBook's INFO END, so not the header's amendment lines) names the law as 《中华人民共和国X》 or 《X》.
Written and run before the first `fazhi graph impact` of the audit; the output is tests/fixtures/graph/versions/impact_grep.json.

Usage: .venv/bin/python benchmarks/graph_impact_grep.py
"""
import csv, json, re, collections
from pathlib import Path
LAWS = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "laws"
rows = list(csv.DictReader(open(LAWS / "manifest.tsv", encoding="utf-8"), delimiter="\t"))
latest = {}
for r in rows:
    if r["level"] in ("案例", "") : continue
    t = r["title"]
    if t not in latest or (r["publish"] or "") > (latest[t]["publish"] or ""):
        latest[t] = r
TARGETS = {"行政复议法": "中华人民共和国行政复议法", "公司法": "中华人民共和国公司法", "民事诉讼法": "中华人民共和国民事诉讼法",
           "反垄断法": "中华人民共和国反垄断法", "野生动物保护法": "中华人民共和国野生动物保护法", "慈善法": "中华人民共和国慈善法"}
out = {}
for short, full in TARGETS.items():
    pat = re.compile(r"《(?:中华人民共和国)?" + short + r"》")
    hits = {}
    for t, r in latest.items():
        if t == short or "修正案" in t or "关于修改" in t: continue
        if r["lawrefbook_flag"] == "expired": continue
        p = LAWS / r["path"]
        if not p.exists(): continue
        s = p.read_text(encoding="utf-8")
        body = s.split("<!-- INFO END -->", 1)[-1]
        n = len(pat.findall(body))
        if n: hits[t] = {"date": r["publish"], "level": r["level"], "mentions": n}
    out[short] = hits
print(json.dumps({k: len(v) for k, v in out.items()}, ensure_ascii=False))
json.dump(out, open(Path(__file__).resolve().parents[1] / "tests/fixtures/graph/versions/impact_grep.json", "w", encoding="utf-8"), ensure_ascii=False, indent=1, sort_keys=True)
