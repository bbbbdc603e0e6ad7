"""Citation extraction: throughput on 10 MB of real text, and precision/recall on the annotated cases.

    python benchmarks/citations.py [--data ../shared/data] [--mb 10] [--runs 3]

Figures (issue 3): citation extraction alone >= 10 MB/s on ~10 MB of real, non-repeating judgment and law
text; precision >= 0.98 and recall >= 0.97 on tests/fixtures/nlp/citations_cases.jsonl.

The text is every judgment fact paragraph in judgments/cjrc_fact_paragraphs.jsonl followed by the law files
under laws/ in sorted path order until the UTF-8 size reaches --mb. Throughput is measured two ways: one call
per document (how the pipeline calls it) and one call on the whole text joined by newlines; best of --runs
after a warm-up call (the alias table loads once per process; its load time is reported separately).

A predicted citation counts as correct when (text, start, end, law, article, paragraph, item) all equal an
expected one; precision and recall are micro-averaged over all cases and reported per origin (real: taken
from the data and checked by hand; blind: real sentences annotated before looking at the output; hard:
written by hand for the cases the issue names).
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

FIELDS = ("text", "start", "end", "law", "article", "paragraph", "item")


def load_corpus(data: Path, mb: float) -> list[str]:
    limit = int(mb * 1_000_000)
    docs, size = [], 0
    with open(data / "judgments" / "cjrc_fact_paragraphs.jsonl", encoding="utf-8") as f:
        for line in f:
            text = json.loads(line)["text"]
            docs.append(text)
            size += len(text.encode("utf-8"))
    for path in sorted((data / "laws").rglob("*.md")):
        if size >= limit:
            break
        text = path.read_text(encoding="utf-8")
        docs.append(text)
        size += len(text.encode("utf-8"))
    return docs


def bench_speed(docs: list[str], runs: int) -> dict:
    t = time.perf_counter()
    from fazhi.nlp.citations import _plain_names, find_citations
    from fazhi.nlp.aliases import alias_table
    alias_table()
    _plain_names()
    load_s = time.perf_counter() - t
    find_citations(docs[0])  # warm-up
    nbytes = sum(len(d.encode("utf-8")) for d in docs)
    nchars = sum(len(d) for d in docs)
    per_doc, whole, cpu = [], [], []
    count = 0
    joined = "\n".join(docs)
    for _ in range(runs):
        t, c = time.perf_counter(), time.process_time()
        count = sum(len(find_citations(d)) for d in docs)
        per_doc.append(time.perf_counter() - t)
        cpu.append(time.process_time() - c)
        t = time.perf_counter()
        find_citations(joined)
        whole.append(time.perf_counter() - t)
    best_doc, best_whole, best_cpu = min(per_doc), min(whole), min(cpu)
    try:
        load = os.getloadavg()[0]
    except OSError:
        load = None
    return {"documents": len(docs), "mb": round(nbytes / 1e6, 2), "chars": nchars, "citations": count,
            "alias_table_load_s": round(load_s, 3),
            "load_average_1min": load,
            "per_document": {"seconds": round(best_doc, 3), "mb_per_s": round(nbytes / 1e6 / best_doc, 1),
                             "chars_per_s": round(nchars / best_doc), "cpu_seconds": round(best_cpu, 3),
                             "mb_per_cpu_s": round(nbytes / 1e6 / best_cpu, 1)},
            "whole_text": {"seconds": round(best_whole, 3), "mb_per_s": round(nbytes / 1e6 / best_whole, 1),
                           "chars_per_s": round(nchars / best_whole)}}


def audit(docs: list[str]) -> dict:
    """Open-world checks on the 10 MB text, no annotation needed.

    - self references: every 本法/本条例/本办法/本规定/本细则/本解释 第X条 should start a citation;
    - uncovered article references: 第X条 right after 》 or after a name ending in 法/条例/规定/办法/解释/细则 that
      no citation covers. Most are not laws (insurance clauses, contracts); the list is for reading.
    """
    import re

    from fazhi.nlp.citations import find_citations

    num = r"[0-9０-９零〇一二两三四五六七八九十百千]+"
    self_rx = re.compile(rf"本(?:法|条例|办法|规定|细则|解释)第{num}条")
    after_name = re.compile(rf"(?:》|法|条例|规定|办法|解释|细则)(?:[（(][^）)]{{0,12}}[）)])?第{num}条")
    n_self = hit_self = 0
    uncovered = []
    for text in docs:
        cites = find_citations(text)
        starts = {c.start for c in cites if c.attrs.get("kind") == "self"}
        covered = bytearray(len(text))
        for c in cites:
            covered[c.start:c.end] = b"\x01" * (c.end - c.start)
        for m in self_rx.finditer(text):
            n_self += 1
            hit_self += m.start() in starts
        for m in after_name.finditer(text):
            if not covered[m.end() - 1]:
                uncovered.append(text[max(0, m.start() - 20):m.end() + 4].replace("\n", " "))
    return {"self_references": n_self, "self_references_found": hit_self,
            "uncovered_article_references": len(uncovered), "uncovered_examples": uncovered[:40]}


def bench_accuracy(cases_file: Path) -> dict:
    from fazhi.nlp.citations import find_citations

    cases = [json.loads(line) for line in cases_file.read_text(encoding="utf-8").splitlines() if line.strip()]
    totals: dict[str, list[int]] = {}
    errors = []
    for case in cases:
        got = [tuple(getattr(c, k) for k in FIELDS) for c in find_citations(case["text"])]
        exp = [tuple(e[k] for k in FIELDS) for e in case["expected"]]
        tp = len(set(got) & set(exp))
        fp, fn = len(set(got) - set(exp)), len(set(exp) - set(got))
        for key in ("all", case.get("origin", "real")):
            t = totals.setdefault(key, [0, 0, 0, 0])
            t[0] += tp
            t[1] += fp
            t[2] += fn
            t[3] += 1
        if fp or fn:
            errors.append({"text": case["text"], "false_positives": sorted(set(got) - set(exp), key=str),
                           "missed": sorted(set(exp) - set(got), key=str)})

    def prf(tp, fp, fn, n):
        p = tp / (tp + fp) if tp + fp else 1.0
        r = tp / (tp + fn) if tp + fn else 1.0
        return {"cases": n, "expected": tp + fn, "predicted": tp + fp, "correct": tp, "precision": round(p, 4),
                "recall": round(r, 4), "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0}

    return {"by_origin": {k: prf(*v) for k, v in totals.items()}, "errors": errors}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data")
    ap.add_argument("--cases", type=Path, default=REPO / "tests" / "fixtures" / "nlp" / "citations_cases.jsonl")
    ap.add_argument("--mb", type=float, default=10.0)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()

    cpu = ""
    try:
        out = subprocess.run(["lscpu"], capture_output=True, text=True).stdout
        cpu = next((ln.split(":", 1)[1].strip() for ln in out.splitlines() if ln.startswith("Model name")), "")
    except OSError:
        pass
    docs = load_corpus(args.data, args.mb)
    result = {"date": date.today().isoformat(), "python": platform.python_version(), "cpu": cpu,
              "speed": bench_speed(docs, args.runs), "accuracy": bench_accuracy(args.cases), "audit": audit(docs)}
    sp, acc = result["speed"], result["accuracy"]["by_origin"]
    print(f"text: {sp['documents']} documents, {sp['mb']} MB, {sp['chars']} chars, {sp['citations']} citations")
    print(f"alias table load: {sp['alias_table_load_s']} s")
    print(f"per document: {sp['per_document']['seconds']} s = {sp['per_document']['mb_per_s']} MB/s "
          f"({sp['per_document']['chars_per_s']} chars/s)   goal >= 10 MB/s")
    print(f"per document, CPU time of this process: {sp['per_document']['cpu_seconds']} s = "
          f"{sp['per_document']['mb_per_cpu_s']} MB per CPU-second (load average {sp['load_average_1min']})")
    print(f"whole text:   {sp['whole_text']['seconds']} s = {sp['whole_text']['mb_per_s']} MB/s")
    for origin, m in acc.items():
        print(f"{origin:>5}: {m['cases']} cases, {m['expected']} expected, {m['predicted']} predicted, "
              f"P={m['precision']:.4f} R={m['recall']:.4f} F1={m['f1']:.4f}")
    for e in result["accuracy"]["errors"]:
        print("  error:", e["text"][:60], "FP", e["false_positives"], "FN", e["missed"])
    au = result["audit"]
    print(f"audit: {au['self_references_found']}/{au['self_references']} self references (本法第X条 ...) found; "
          f"{au['uncovered_article_references']} 第X条 after a name or 》 not covered, e.g.:")
    for ex in au["uncovered_examples"][:15]:
        print("   ", ex)
    out_dir = REPO / "benchmarks" / "out"
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "citations.json").write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"-> {out_dir / 'citations.json'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
