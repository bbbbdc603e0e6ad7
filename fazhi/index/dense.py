"""The dense index: FAISS over passage embeddings, scored per document (the best passage counts).

Every document is cut into paragraph windows (:func:`fazhi.index.chunk.passages`); each passage (with
the document title in front) is embedded by an :class:`~fazhi.index.embed.Encoder` and stored in a
``faiss.IndexIDMap2`` under its own integer id, inner product on L2-normalised vectors (= cosine).
Below ``hnsw_threshold`` passages the inner index is exact (``IndexFlatIP``); once an add takes it past
the threshold it is rebuilt as an ``IndexHNSWFlat`` (M=32, efSearch 128). HNSW cannot remove vectors, so removals there are tombstones, filtered at
search time and dropped at the next rebuild (automatic when they pass 20%).

Passages and records live in a small SQLite table beside the FAISS file, which maps FAISS ids back to
documents and offsets, holds the filter fields and the text for snippets.

Examples:
    >>> from fazhi.index.base import Record
    >>> idx = DenseIndex(encoder="use-m3")
    >>> idx.add([Record(doc_id="a", title="", text="楼上住户卫生间漏水，楼下天花板受损。"),
    ...          Record(doc_id="b", title="", text="甲向乙借款五万元，到期未还。")])
    2
    >>> idx.search("借钱不还", k=1)[0].doc_id
    'b'
"""
from __future__ import annotations

import logging
import threading
from pathlib import Path
from typing import Iterable, Sequence

import numpy as np

from fazhi.document import Document
from fazhi.errors import IndexUnavailable
from fazhi.index.base import Filters, Hit, Record, RecordTable, as_record, check_query
from fazhi.index.chunk import DEFAULT_MAX_CHARS, passages
from fazhi.index.embed import DEFAULT_ENCODER, Encoder

__all__ = ["DenseIndex", "passage_inputs"]

log = logging.getLogger(__name__)


def passage_inputs(r: Record, max_chars: int = DEFAULT_MAX_CHARS) -> tuple[list[tuple[int, int]], list[str]]:
    """The passages of a record and the strings to embed for them (title + passage)."""
    spans = passages(r.text, max_chars) or [(0, len(r.text))]
    head = (r.title.strip() + "\n") if r.title.strip() else ""
    return spans, [head + r.text[s:e] for s, e in spans]


def _faiss():
    try:
        import faiss
    except ImportError as e:  # pragma: no cover
        raise IndexUnavailable("the dense index needs faiss-cpu: pip install 'fazhi[index]'") from e
    return faiss


class DenseIndex:
    """A FAISS index of passage embeddings in directory ``path`` (in memory when None).

    Args:
        path: directory holding ``dense.faiss`` and ``records.sqlite``.
        encoder: an :class:`Encoder` or an encoder name; an existing index keeps the encoder it was
            built with unless you pass another (then :meth:`add` refuses: rebuild instead).
        max_chars: passage window size.
        hnsw_threshold: passages above which the index becomes HNSW.
    """

    name = "faiss"

    def __init__(self, path: str | Path | None = None, encoder: Encoder | str | None = None,
                 max_chars: int = DEFAULT_MAX_CHARS, hnsw_threshold: int = 200_000):
        faiss = _faiss()
        self.path = Path(path) if path else None
        if self.path:
            self.path.mkdir(parents=True, exist_ok=True)
        self.table = RecordTable(self.path / "records.sqlite" if self.path else ":memory:")
        built_with = self.table.info("encoder")
        if isinstance(encoder, Encoder):
            self.encoder = encoder
        else:
            name = encoder or built_with or DEFAULT_ENCODER
            cache = self.path / f"embeddings-{Path(name).name}.sqlite" if self.path else None
            self.encoder = Encoder(name, cache=cache)
        if built_with and built_with != self.encoder.name and len(self.table):
            raise IndexUnavailable(
                f"{self.path}: the dense index was built with {built_with}, not {self.encoder.name}; "
                "rebuild it (fazhi index build --rebuild --model ...)")
        self.max_chars = self.table.info("max_chars", max_chars)
        self.hnsw_threshold = hnsw_threshold
        self._deleted: set[int] = set(self.table.info("tombstones", []))
        self._lock = threading.RLock()
        fpath = self.path / "dense.faiss" if self.path else None
        if fpath and fpath.exists():
            self.index = faiss.read_index(str(fpath))
            if self.index.ntotal != self._expected_ntotal():
                raise IndexUnavailable(f"{fpath}: {self.index.ntotal} vectors but {self._expected_ntotal()} "
                                       "passages recorded; rebuild the index (fazhi index build --rebuild)")
        else:
            self.index = self._new_index(0)

    def __repr__(self):
        return f"<DenseIndex {self.path or ':memory:'} {len(self)} documents {self.encoder.name}>"

    def _expected_ntotal(self) -> int:
        return self.table._db.execute("SELECT count(*) FROM chunks").fetchone()[0] + len(self._deleted)

    def _new_index(self, n: int):
        faiss = _faiss()
        d = self.encoder.dim
        if n > self.hnsw_threshold:
            inner = faiss.IndexHNSWFlat(d, 32, faiss.METRIC_INNER_PRODUCT)
            inner.hnsw.efConstruction = 80
            inner.hnsw.efSearch = 128
        else:
            inner = faiss.IndexFlatIP(d)
        return faiss.IndexIDMap2(inner)

    @property
    def kind(self) -> str:
        return "hnsw" if "HNSW" in type(_faiss().downcast_index(self.index.index)).__name__ else "flat"

    def __len__(self) -> int:
        return len(self.table)

    def __contains__(self, doc_id: str) -> bool:
        return doc_id in self.table

    def doc_ids(self) -> dict[str, str]:
        return self.table.hashes()

    def get(self, doc_id: str) -> Record | None:
        return self.table.get(doc_id)

    # -- writing ------------------------------------------------------------------------------------
    def add(self, docs: Iterable[Document | Record], progress=None, batch: int = 512) -> int:
        """Embed and add (or replace) documents. ``progress(n)`` is called per passage embedded."""
        records = [as_record(d) for d in docs]
        if not records:
            return 0
        with self._lock:
            self.remove([r.doc_id for r in records if r.doc_id in self.table])
            self.table.set_info("encoder", self.encoder.name)
            self.table.set_info("max_chars", self.max_chars)
            for i in range(0, len(records), batch):
                part = records[i:i + batch]
                spans_texts = [passage_inputs(r, self.max_chars) for r in part]
                texts = [t for _, ts in spans_texts for t in ts]
                vecs = self.encoder.encode_passages(texts, progress=progress)
                # FAISS ids are never reused (an HNSW tombstone keeps its id until a rebuild)
                start = max(self.table.info("next_id", 1), self.table.next_chunk_id())
                chunks, j = [], start
                for r, (spans, _) in zip(part, spans_texts):
                    for s, e in spans:
                        chunks.append((j, r.doc_id, s, e))
                        j += 1
                ids = np.arange(start, j, dtype=np.int64)
                self.index.add_with_ids(vecs, ids)
                self.table.put(part, chunks)
                self.table.set_info("next_id", j)
            if self.kind == "flat" and self.index.ntotal > self.hnsw_threshold:
                self.rebuild()  # past the threshold: HNSW (rebuild saves)
            else:
                self._autosave()
        return len(records)

    def remove(self, doc_ids: Iterable[str]) -> int:
        ids = [d for d in doc_ids if d in self.table]
        if not ids:
            return 0
        with self._lock:
            chunk_ids = self.table.delete(ids)
            if self.kind == "flat":
                self.index.remove_ids(np.asarray(chunk_ids, dtype=np.int64))
            else:
                self._deleted.update(chunk_ids)
                self.table.set_info("tombstones", sorted(self._deleted))
                if len(self._deleted) > 0.2 * max(1, self.index.ntotal):
                    self.rebuild()
            self._autosave()
        return len(ids)

    def rebuild(self) -> None:
        """Rebuild the FAISS index from the stored vectors (drops tombstones; picks flat or HNSW by size)."""
        with self._lock:
            rows = list(self.table.iter_chunks())
            new = self._new_index(len(rows))
            if rows:
                ids = np.asarray([r[0] for r in rows], dtype=np.int64)
                vecs = np.vstack([self.index.reconstruct(int(i)) for i in ids]).astype(np.float32)
                new.add_with_ids(vecs, ids)
            self.index = new
            self._deleted.clear()
            self.table.set_info("tombstones", [])
            self._autosave()

    def _autosave(self):
        if self.path:
            self.save()

    def save(self, path: str | Path | None = None) -> None:
        """Write the FAISS file (atomically). With another ``path``, copy the whole index there."""
        faiss = _faiss()
        if path is not None and (self.path is None or Path(path).resolve() != self.path.resolve()):
            other = DenseIndex(path, encoder=self.encoder, max_chars=self.max_chars,
                               hnsw_threshold=self.hnsw_threshold)
            other.add([self.table.get(d) for d in self.table.hashes()])
            return
        if self.path is None:
            return
        tmp = self.path / "dense.faiss.tmp"
        faiss.write_index(self.index, str(tmp))
        tmp.replace(self.path / "dense.faiss")

    @classmethod
    def load(cls, path: str | Path, encoder: Encoder | str | None = None) -> "DenseIndex":
        if not (Path(path) / "records.sqlite").exists():
            raise IndexUnavailable(f"{path}: no dense index here; build one with `fazhi index build`")
        return cls(path, encoder=encoder)

    # -- searching ----------------------------------------------------------------------------------
    def ranked(self, query: str | np.ndarray, k: int = 10, filters: Filters | None = None
               ) -> list[tuple[str, float, tuple[int, int]]]:
        """``[(doc_id, cosine, best passage span), ...]``, best first; a document scores its best passage."""
        faiss = _faiss()
        if self.index.ntotal == 0:
            return []
        q = self.encoder.encode_queries(query) if isinstance(query, str) else query
        q = np.asarray(q, dtype=np.float32).reshape(1, -1)
        params = None
        if filters:
            allowed = self.table.chunk_ids_matching(filters)
            if not allowed:
                return []
            sel = faiss.IDSelectorBatch(np.asarray(allowed, dtype=np.int64))
            params = faiss.SearchParametersHNSW(sel=sel, efSearch=256) if self.kind == "hnsw" else \
                faiss.SearchParameters(sel=sel)
            params._sel = sel  # keep the selector alive while params is
        fetch = min(self.index.ntotal, max(k * 8, 64) + len(self._deleted))
        while True:
            scores, ids = self.index.search(q, fetch, params=params) if params else self.index.search(q, fetch)
            best: dict[int, float] = {}
            order: list[int] = []
            for s, i in zip(scores[0], ids[0]):
                if i < 0 or int(i) in self._deleted:
                    continue
                order.append(int(i))
                best[int(i)] = float(s)
            chunk_info = self.table.chunks_of(order)
            docs: dict[str, tuple[float, tuple[int, int]]] = {}
            for i in order:
                info = chunk_info.get(i)
                if info is None:
                    continue
                doc_id, s, e = info
                if doc_id not in docs:
                    docs[doc_id] = (best[i], (s, e))
            if len(docs) >= k or fetch >= self.index.ntotal:
                break
            fetch = min(self.index.ntotal, fetch * 4)
        ranked = sorted(docs.items(), key=lambda x: -x[1][0])[:k]
        return [(d, s, span) for d, (s, span) in ranked]

    def search(self, query: str, k: int = 10, filters: Filters | None = None) -> list[Hit]:
        from fazhi.index.lexical import make_hit, tokenize

        tokens = tokenize(check_query(query))
        hits = []
        for rank, (doc_id, score, span) in enumerate(self.ranked(query, k, filters), 1):
            r = self.table.get(doc_id)
            hits.append(make_hit(r, score, tokens, span=span, ranks={"dense": rank}))
        return hits
