"""Audit 5 of `fazhi classify`: the 120 hand-written posts of tests/fixtures/scan/analyst_posts_5.tsv (voice
transcripts, dialect, traditional characters, English / pinyin, emoji, law quotes, negated types, multi-issue),
keyed before the first run. Runs `fazhi classify --jsonl` once and scores type (first listed = strict, any
listed = lenient), level, cues and spans. Run from the repository root:

    .venv/bin/python benchmarks/scan_audit5_classify.py [--show-misses] [--out benchmarks/out/scan-audit5-classify.json]
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "scan"))
from risk_key import FIXTURES, read_rows, score  # noqa: E402  (the tests' scoring rule)


def rows():
    return read_rows(FIXTURES / "analyst_posts_5.tsv")


def check(row, got):
    types, levels, cues, spans, text = row
    r = score(got["risk"], text, levels, cues, spans)
    ok = {"type": got["type"] == types.split("|")[0], "type_any": got["type"] in types.split("|"),
          "level": r["level"], "cues": not r["missing_cues"] and not r["extra_cues"], "spans": not r["missed_spans"],
          "n_spans": r["spans"], "spans_hit": r["spans"] - len(r["missed_spans"])}
    ok["risk_all"] = ok["level"] and ok["cues"] and ok["spans"]
    return ok


def main(argv=None):
    ap = argparse.ArgumentParser()
    ap.add_argument("--show-misses", action="store_true")
    ap.add_argument("--out", default=str(ROOT / "benchmarks" / "out" / "scan-audit5-classify.json"))
    args = ap.parse_args(argv)
    rs = rows()
    inp = "".join(json.dumps({"id": str(i), "text": r[4]}, ensure_ascii=False) + "\n" for i, r in enumerate(rs, 1))
    p = subprocess.run([str(ROOT / ".venv" / "bin" / "fazhi"), "classify", "--jsonl", "-"], input=inp,
                       capture_output=True, text=True, check=True)
    outs = [json.loads(line) for line in p.stdout.splitlines()]
    res = [check(r, o) for r, o in zip(rs, outs)]
    n = len(rs)
    summary = {k: sum(x[k] for x in res) for k in ("type", "type_any", "level", "cues", "spans", "risk_all")}
    summary["spans_hit"] = f'{sum(x["spans_hit"] for x in res)}/{sum(x["n_spans"] for x in res)}'
    summary["texts"] = n
    per_type = {}
    for r, x in zip(rs, res):
        t = r[0].split("|")[0]
        a, b = per_type.get(t, (0, 0))
        per_type[t] = (a + x["type_any"], b + 1)
    summary["per_type_any"] = {t: f"{a}/{b}" for t, (a, b) in sorted(per_type.items())}
    misses = []
    for i, (r, o, x) in enumerate(zip(rs, outs, res), 1):
        if not (x["type_any"] and x["risk_all"]):
            misses.append({"row": i, "want": r[:4], "type": o["type"], "p": o["probability"], "level": o["risk"]["level"],
                           "signals": [(s["text"], s["cue"], s["severity"], s["conditional"]) for s in o["risk"]["signals"]],
                           "text": r[4]})
    summary["misses"] = misses
    print(json.dumps({k: v for k, v in summary.items() if k != "misses"}, ensure_ascii=False, indent=1))
    if args.show_misses:
        for m in misses:
            print(json.dumps(m, ensure_ascii=False))
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(summary, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
