"""Law concepts: describe a short text by the law chapters it resembles (explicit semantic analysis).

A consultation of 38 characters has few words in common with the nine others of its topic, but much in
common with the chapters of law that govern it: 离婚 and 抚养 with 民法典·婚姻家庭编, 工伤 with 工伤保险条例,
拆迁 with 国有土地上房屋征收与补偿条例. :class:`LawConcepts` splits a law corpus into chapters (the ``## 第X章``
headings of LawRefBook Markdown; a text without headings is one concept), indexes them with TF-IDF over
character bigrams, and maps a text to its cosine similarities with the chapters, keeping the ``k``
largest (an L2-normalised sparse row). The classifier averages these rows per class like any other
representation (see :meth:`fazhi.scan.classify.DisputeClassifier.train`, ``laws=``).

Nothing is learnt from labels here: the space comes from official law texts alone (no copyright under
Article 5 of the Copyright Law), so a model may ship it. Measured on the 20-topic consultation set
(docs/benchmarks/scan.md): chapters beat whole laws and single articles, and character bigrams beat jieba
words and 1–3-grams.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Iterable, Sequence

import numpy as np

from fazhi.errors import FazhiError

__all__ = ["LawConcepts"]

_HEADING = re.compile(r"\n(?=## )")
_SUFFIXES = (".md", ".txt")


class LawConcepts:
    """Chapters of a law corpus as a concept space for short texts."""

    def __init__(self, vectorizer, matrix, names: Sequence[str], k: int = 100):
        self.vectorizer, self.matrix = vectorizer, matrix  # matrix: chapters x terms, rows L2-normalised
        self.names = list(names)
        self.k = int(k)

    def __repr__(self):
        return f"<LawConcepts {len(self.names)} chapters, k={self.k}>"

    def __len__(self):
        return len(self.names)

    @classmethod
    def build(cls, laws: Iterable[tuple[str, str]], k: int = 100, min_chars: int = 30) -> "LawConcepts":
        """Build from ``(title, text)`` pairs; each text is split at its ``## `` headings."""
        from sklearn.feature_extraction.text import TfidfVectorizer

        names, texts = [], []
        for title, text in laws:
            body = text.split("<!-- INFO END -->", 1)[-1]
            for part in _HEADING.split(body):
                part = part.strip()
                if len(part) < min_chars:
                    continue
                head = part.splitlines()[0].lstrip("# ").strip() if part.startswith("## ") else ""
                names.append(f"{title} {head}".strip())
                texts.append(f"{title} {head} {part}")
        if len(texts) < 2:
            raise FazhiError("law concepts need at least two chapters of law text")
        # bigrams seen in one chapter only are dropped from a real corpus (noise); a handful of chapters keeps all
        vec = TfidfVectorizer(analyzer="char", ngram_range=(2, 2), sublinear_tf=True,
                              min_df=2 if len(texts) >= 100 else 1, max_df=0.5, dtype=np.float32)
        matrix = vec.fit_transform(texts)
        return cls(vec, matrix.tocsr(), names, k)

    @classmethod
    def from_paths(cls, paths: Sequence[str | Path], exclude: Sequence[str] = (), k: int = 100,
                   errors: list | None = None) -> "LawConcepts":
        """Build from law files (``.md``/``.txt``, any encoding fazhi reads) and directories of them.

        Directories are walked as ``fazhi ingest`` walks them; ``exclude`` drops files under a directory of
        that name (e.g. ``DLC``, local regulations). A path that does not exist raises :class:`FazhiError`
        naming it; an unreadable file is skipped and its one-line reason appended to ``errors``.
        """
        from fazhi.corpora.loaders import _title_from_text, iter_files, load_text

        missing = [str(p) for p in paths if not Path(p).exists()]
        if missing:
            raise FazhiError(f"{missing[0]}: no such law file or directory")
        laws = []
        for root in map(Path, paths):
            for f in iter_files([root]):
                inside = f.relative_to(root).parts[:-1] if root.is_dir() else ()
                if f.suffix.lower() not in _SUFFIXES or set(exclude) & set(inside):
                    continue
                try:
                    text = load_text(f)
                except FazhiError as e:
                    if errors is not None:
                        errors.append(str(e))
                    continue
                laws.append((_title_from_text(text, f.stem), text))
        if not laws:
            raise FazhiError(f"{', '.join(map(str, paths))}: no law texts (.md or .txt) found")
        return cls.build(laws, k=k)

    @classmethod
    def bundled(cls, k: int = 100) -> "LawConcepts":
        """The concept space of the law texts bundled with fazhi (fazhi/corpora/data/laws)."""
        from importlib.resources import files

        return cls.from_paths([Path(str(files("fazhi.corpora") / "data" / "laws"))], k=k)

    def transform(self, texts: Sequence[str]):
        """Sparse rows (texts x chapters): the ``k`` largest cosine similarities, L2-normalised."""
        import scipy.sparse as sp
        from sklearn.preprocessing import normalize

        S = (self.vectorizer.transform(list(texts)) @ self.matrix.T).tocsr()
        rows, cols, vals = [], [], []
        for i in range(S.shape[0]):
            lo, hi = S.indptr[i], S.indptr[i + 1]
            d, j = S.data[lo:hi], S.indices[lo:hi]
            if len(d) > self.k:
                keep = np.argpartition(-d, self.k - 1)[:self.k]
                d, j = d[keep], j[keep]
            rows.append(np.full(len(d), i)), cols.append(j), vals.append(d)
        out = sp.csr_matrix((np.concatenate(vals) if vals else [], (np.concatenate(rows) if rows else [],
                             np.concatenate(cols) if cols else [])), shape=S.shape, dtype=np.float32)
        return normalize(out)

    def top(self, row, weights=None, n: int = 3) -> list[dict]:
        """The ``n`` chapters that count most in one transformed row (times ``weights`` when given)."""
        d, j = row.data, row.indices
        score = d * (weights[j] if weights is not None else 1.0)
        order = np.argsort(-score)[:n]
        return [{"law": self.names[j[o]], "weight": round(float(score[o]), 4)} for o in order if score[o] > 0]
