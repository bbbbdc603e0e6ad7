"""Audit 6 of the default dispute-type model: the 160 hand-written texts of tests/fixtures/scan/types_audit6.tsv
(10 per type: 12345 work orders, 留言板 letters, Weibo posts, mediator intake summaries, dialect and spoken
wording, very short questions, texts with a second dispute), keyed before the first run. Runs
`fazhi classify --jsonl` once over them and scores the main type (strict) and main-or-second type (lenient);
prints accuracy per type, per style and the confusion pairs. Run from the repository root:

    .venv/bin/python benchmarks/scan_types_audit6.py [--show-misses] [--out benchmarks/out/scan-types-audit6.json]
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
from collections import Counter
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
KEY = ROOT / "tests" / "fixtures" / "scan" / "types_audit6.tsv"


def rows(path: Path = KEY) -> list[tuple[str, str, str, str]]:
    """(type, second type or '-', style, text) per keyed line."""
    return [tuple(line.split("\t")) for line in path.read_text(encoding="utf-8").splitlines()
            if line and not line.startswith("#")]


def score(rs, types: list[str]) -> dict:
    per_type, per_style, conf = {}, {}, Counter()
    strict = lenient = 0
    for (want, also, style, _), got in zip(rs, types):
        ok = got == want
        strict += ok
        lenient += ok or got == also
        for d, k in ((per_type, want), (per_style, style)):
            a, n = d.get(k, (0, 0))
            d[k] = (a + ok, n + 1)
        if not ok:
            conf[f"{want}→{got}"] += 1
    return {"texts": len(rs), "right": strict, "accuracy": round(strict / len(rs), 4), "right_main_or_second": lenient,
            "per_type": {t: f"{a}/{n}" for t, (a, n) in sorted(per_type.items())},
            "per_style": {s: f"{a}/{n}" for s, (a, n) in sorted(per_style.items())},
            "confusions": dict(conf.most_common())}


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--model", help="a model file (default: the shipped default model)")
    ap.add_argument("--show-misses", action="store_true")
    ap.add_argument("--out", default=str(ROOT / "benchmarks" / "out" / "scan-types-audit6.json"))
    args = ap.parse_args(argv)
    rs = rows()
    inp = "".join(json.dumps({"id": str(i), "text": r[3]}, ensure_ascii=False) + "\n" for i, r in enumerate(rs, 1))
    cmd = [str(ROOT / ".venv" / "bin" / "fazhi"), "classify", "--jsonl", "-"]
    if args.model:
        cmd += ["--model", args.model]
    p = subprocess.run(cmd, input=inp, capture_output=True, text=True, check=True)
    outs = [json.loads(line) for line in p.stdout.splitlines()]
    assert len(outs) == len(rs), (len(outs), len(rs))
    res = {"date": datetime.now(timezone.utc).isoformat(timespec="seconds"), "model": args.model or "default"}
    res.update(score(rs, [o["type"] for o in outs]))
    print(json.dumps({k: v for k, v in res.items()}, ensure_ascii=False, indent=1))
    res["misses"] = [{"row": i, "want": r[0], "also": r[1], "style": r[2], "got": o["type"],
                      "p": o["probability"], "text": r[3]}
                     for i, (r, o) in enumerate(zip(rs, outs), 1) if o["type"] != r[0]]
    if args.show_misses:
        for m in res["misses"]:
            print(json.dumps(m, ensure_ascii=False))
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(res, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
