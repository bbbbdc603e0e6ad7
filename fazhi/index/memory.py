"""The reference index: brute-force cosine over passage embeddings in plain numpy.

It does what :class:`~fazhi.index.dense.DenseIndex` does (same passages, same encoder, a document scores
its best passage) with no index structure at all, so the FAISS backend can be checked against it; it is
also the simplest index to use for a few hundred documents. ``save`` writes one ``.npz`` and one JSON file.

Examples:
    >>> from fazhi.index.base import Record
    >>> idx = MemoryIndex(encoder="use-m3")
    >>> idx.add([Record(doc_id="a", title="", text="楼上住户卫生间漏水，楼下天花板受损。"),
    ...          Record(doc_id="b", title="", text="甲向乙借款五万元，到期未还。")])
    2
    >>> [h.doc_id for h in idx.search("楼上漏水", k=2)]
    ['a', 'b']
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Iterable

import numpy as np

from fazhi.document import Document
from fazhi.errors import IndexUnavailable
from fazhi.index.base import Filters, Hit, Record, as_record, check_query
from fazhi.index.chunk import DEFAULT_MAX_CHARS
from fazhi.index.dense import passage_inputs
from fazhi.index.embed import DEFAULT_ENCODER, Encoder

__all__ = ["MemoryIndex"]


class MemoryIndex:
    """Documents, their passages and vectors in dictionaries; exact search by matrix product.

    Args:
        path: where :meth:`save` writes (``memory.npz`` + ``memory.json``), or None.
        encoder: an :class:`Encoder` or an encoder name.
    """

    name = "memory"

    def __init__(self, path: str | Path | None = None, encoder: Encoder | str | None = None,
                 max_chars: int = DEFAULT_MAX_CHARS):
        self.path = Path(path) if path else None
        self.encoder = encoder if isinstance(encoder, Encoder) else Encoder(encoder or DEFAULT_ENCODER)
        self.max_chars = max_chars
        self.records: dict[str, Record] = {}
        self.spans: dict[str, list[tuple[int, int]]] = {}
        self.vectors: dict[str, np.ndarray] = {}

    def __repr__(self):
        return f"<MemoryIndex {len(self)} documents {self.encoder.name}>"

    def __len__(self):
        return len(self.records)

    def __contains__(self, doc_id):
        return doc_id in self.records

    def doc_ids(self) -> dict[str, str]:
        return {d: r.content_hash for d, r in self.records.items()}

    def get(self, doc_id: str) -> Record | None:
        return self.records.get(doc_id)

    def add(self, docs: Iterable[Document | Record], progress=None) -> int:
        records = [as_record(d) for d in docs]
        inputs = [passage_inputs(r, self.max_chars) for r in records]
        vecs = self.encoder.encode_passages([t for _, ts in inputs for t in ts], progress=progress)
        j = 0
        for r, (spans, texts) in zip(records, inputs):
            self.records[r.doc_id] = r
            self.spans[r.doc_id] = spans
            self.vectors[r.doc_id] = vecs[j:j + len(texts)]
            j += len(texts)
        return len(records)

    def remove(self, doc_ids: Iterable[str]) -> int:
        n = 0
        for d in doc_ids:
            if self.records.pop(d, None) is not None:
                self.spans.pop(d)
                self.vectors.pop(d)
                n += 1
        return n

    def ranked(self, query: str | np.ndarray, k: int = 10, filters: Filters | None = None
               ) -> list[tuple[str, float, tuple[int, int]]]:
        q = self.encoder.encode_queries(query) if isinstance(query, str) else np.asarray(query, np.float32)
        scored = []
        for d, r in self.records.items():
            if filters and not filters.matches(r):
                continue
            sims = self.vectors[d] @ q
            i = int(np.argmax(sims))
            scored.append((d, float(sims[i]), self.spans[d][i]))
        scored.sort(key=lambda x: -x[1])
        return scored[:k]

    def search(self, query: str, k: int = 10, filters: Filters | None = None) -> list[Hit]:
        from fazhi.index.lexical import make_hit, tokenize

        tokens = tokenize(check_query(query))
        return [make_hit(self.records[d], s, tokens, span=span, ranks={"dense": i})
                for i, (d, s, span) in enumerate(self.ranked(query, k, filters), 1)]

    def save(self, path: str | Path | None = None) -> None:
        path = Path(path) if path else self.path
        if path is None:
            raise ValueError("MemoryIndex.save needs a path")
        path.mkdir(parents=True, exist_ok=True)
        ids = list(self.records)
        np.savez(path / "memory.npz", **{f"v{i}": self.vectors[d] for i, d in enumerate(ids)})
        meta = {"encoder": self.encoder.name, "max_chars": self.max_chars,
                "docs": [{"record": self.records[d].to_dict(), "spans": self.spans[d]} for d in ids]}
        (path / "memory.json").write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")

    @classmethod
    def load(cls, path: str | Path, encoder: Encoder | str | None = None) -> "MemoryIndex":
        path = Path(path)
        try:
            meta = json.loads((path / "memory.json").read_text(encoding="utf-8"))
            arrays = np.load(path / "memory.npz")
        except FileNotFoundError as e:
            raise IndexUnavailable(f"{path}: no saved memory index ({e.filename} missing)") from e
        idx = cls(path, encoder=encoder or meta["encoder"], max_chars=meta["max_chars"])
        for i, item in enumerate(meta["docs"]):
            r = Record(**item["record"])
            idx.records[r.doc_id] = r
            idx.spans[r.doc_id] = [tuple(s) for s in item["spans"]]
            idx.vectors[r.doc_id] = arrays[f"v{i}"]
        return idx
