"""Hybrid ranking (dense + lexical, reciprocal-rank fusion) and the workspace's similar-case index.

:class:`HybridIndex` keeps a :class:`~fazhi.index.dense.DenseIndex` and a
:class:`~fazhi.index.lexical.LexicalIndex` over the same documents. A hybrid query takes the top
``depth`` documents of each (both with the same filters) and fuses them with RRF, k=60: a document
scores ``sum(1 / (60 + rank))`` over the lists it appears in. The snippet comes from the best dense
passage when the dense side found the document, else from the passage with the most query terms.

:func:`build_index` indexes a workspace's store incrementally (new and changed documents are embedded,
removed ones deleted; unchanged text is never re-encoded thanks to the embedding cache);
:func:`search` answers queries on it.

Examples:
    >>> from fazhi.index.base import Record
    >>> idx = HybridIndex(encoder="use-m3")
    >>> idx.add([Record(doc_id="a", title="", text="楼上住户卫生间漏水，楼下天花板受损。", kind="mediation"),
    ...          Record(doc_id="b", title="", text="甲向乙借款五万元，到期未还。", kind="judgment")])
    2
    >>> [h.doc_id for h in idx.search("楼上漏水", k=2)]
    ['a', 'b']
    >>> [h.doc_id for h in idx.search("楼上漏水", k=2, filters=Filters(kind="judgment"))]
    ['b']
"""
from __future__ import annotations

import re
import shutil
import time
from pathlib import Path
from typing import Iterable

from fazhi.document import KINDS, Document
from fazhi.errors import IndexUnavailable
from fazhi.index.base import Filters, Hit, Record, as_record, check_query, rrf
from fazhi.index.chunk import DEFAULT_MAX_CHARS
from fazhi.index.dense import DenseIndex
from fazhi.index.embed import DEFAULT_ENCODER, ENCODERS, Encoder
from fazhi.index.lexical import LexicalIndex, _fold, make_hit, tokenize

__all__ = ["HybridIndex", "MODES", "build_index", "open_index", "search", "index_info"]

MODES = ("hybrid", "dense", "lexical")
RRF_K = 60

# A criminal judgment is no case to mediate by: its 案由 (the title or dispute type) names a crime (放火罪,
# 介绍贿赂罪), or its title says 刑事判决 / 刑事裁定. A people's mediator searching for a civil dispute (宅基地, 工伤)
# gets them after the civil cases: their score is multiplied by CRIMINAL_DEMOTION, 0.25, so that in hybrid mode
# one first on both sides (2/61 × 0.25 = 0.0082) comes after every civil case in either side's top 50 (1/110 =
# 0.0091); at 0.5 a 故意杀人罪 still came 2nd for 他在网上骂我造谣. A query that describes a
# crime (被偷, 诈骗, 故意伤害, 判刑, 被告人 ...) keeps them where they rank; a vice a spouse complains of in a
# divorce (赌博, 吸毒), a forged IOU (伪造借条) or a report to the police the police sent back as civil (报案) is no
# crime to search for.
CRIMINAL_CASE_REGEX = re.compile(r"罪$|罪(?:一审|二审|再审)|刑事(?:判决|裁定|附带)")
CRIME_QUERY_REGEX = re.compile(
    r"罪|刑事|被告人|公诉|检察院|判刑|坐牢|有期徒刑|拘役|缓刑|立案侦查|"
    r"盗窃|偷(?:走|了|盗|窃)|被偷|扒窃|抢劫|抢夺|抢走|被抢|诈骗|骗走|敲诈|勒索|"
    r"故意伤害|轻伤|重伤|杀人|杀害|强奸|猥亵|放火|纵火|绑架|拐卖|非法拘禁|寻衅滋事|聚众斗殴|"
    r"贩毒|贩卖毒品|运输毒品|行贿|受贿|贿赂|贪污|挪用公款|醉驾|醉酒驾驶|肇事逃逸|逃逸|走私|开设赌场|传销|"
    r"非法集资|洗钱")
CRIMINAL_DEMOTION = 0.25


def is_criminal_case(r: Record) -> bool:
    """True for a criminal judgment: its title or dispute type names a crime (放火罪) or a criminal judgment.

    Examples:
        >>> is_criminal_case(Record("a", "放火罪", "经审理查明……", kind="judgment"))
        True
        >>> is_criminal_case(Record("b", "宅基地界址争议调解案", "……", kind="mediation"))
        False
    """
    return any(CRIMINAL_CASE_REGEX.search(x.strip()) for x in (r.title or "", r.dispute_type or "") if x)


def describes_a_crime(query: str) -> bool:
    """True when the query is about a crime (被偷了电动车, 诈骗, 故意伤害), not a civil dispute.

    Examples:
        >>> describes_a_crime("电动车在楼下被偷了"), describes_a_crime("邻居盖房占了我家宅基地")
        (True, False)
    """
    return CRIME_QUERY_REGEX.search(_fold(query)) is not None  # 詐騙 as 诈骗


class HybridIndex:
    """Dense and lexical indexes side by side in ``path`` (``dense/``, ``lexical/``), or in memory.

    Args:
        path: the index directory (a workspace's ``index_dir``), or None.
        encoder: an :class:`Encoder` or name; default: the one the index was built with, else
            :data:`~fazhi.index.embed.DEFAULT_ENCODER`.
        depth: how many documents each side contributes to the fusion (at least ``5 * k``).
    """

    name = "hybrid"

    def __init__(self, path: str | Path | None = None, encoder: Encoder | str | None = None,
                 depth: int = 50, max_chars: int = DEFAULT_MAX_CHARS):
        self.path = Path(path) if path else None
        self.dense = DenseIndex(self.path / "dense" if self.path else None, encoder=encoder, max_chars=max_chars)
        self.lexical = LexicalIndex(self.path / "lexical" if self.path else None)
        self.depth = depth

    def __repr__(self):
        return f"<HybridIndex {self.path or ':memory:'} {len(self)} documents {self.dense.encoder.name}>"

    def __len__(self):
        return len(self.dense)

    def __contains__(self, doc_id):
        return doc_id in self.dense and doc_id in self.lexical

    @property
    def encoder(self) -> Encoder:
        return self.dense.encoder

    def get(self, doc_id: str) -> Record | None:
        dense = getattr(self, "dense", None)  # a lexical-only index (the SCM regression test) has none
        return (dense.get(doc_id) if dense is not None else None) or self.lexical.get(doc_id)

    def add(self, docs: Iterable[Document | Record], progress=None) -> int:
        records = [as_record(d) for d in docs]
        self.dense.add(records, progress=progress)
        self.lexical.add(records)
        return len(records)

    def remove(self, doc_ids: Iterable[str]) -> int:
        ids = list(doc_ids)
        n = self.dense.remove(ids)
        self.lexical.remove(ids)
        return n

    def save(self, path: str | Path | None = None) -> None:
        if path is None:
            self.dense.save()
            return
        self.dense.save(Path(path) / "dense")
        self.lexical.save(Path(path) / "lexical")

    @classmethod
    def load(cls, path: str | Path, encoder: Encoder | str | None = None) -> "HybridIndex":
        if not (Path(path) / "dense" / "records.sqlite").exists():
            raise IndexUnavailable(f"{path}: no search index here; build one with `fazhi index build`")
        return cls(path, encoder=encoder)

    def ranked(self, query: str, k: int = 10, filters: Filters | None = None, mode: str = "hybrid",
               demote_criminal: bool | None = None) -> list[tuple[str, float, tuple[int, int] | None, dict]]:
        """``[(doc_id, score, dense passage or None, {"dense": rank, "lexical": rank}), ...]``.

        ``demote_criminal``: multiply the score of criminal judgments (:func:`is_criminal_case`) by
        :data:`CRIMINAL_DEMOTION`; None (default) does so when the query describes no crime
        (:func:`describes_a_crime`)."""
        return self._ranked(query, k, filters, mode, demote_criminal=demote_criminal)

    def _ranked(self, query: str, k: int, filters: Filters | None, mode: str, tokens: list[str] | None = None,
                demote_criminal: bool | None = None):
        """:meth:`ranked`; ``tokens`` given means :meth:`search` has already checked and tokenized the query."""
        if mode not in MODES:
            raise ValueError(f"unknown mode {mode!r}; choose one of: {', '.join(MODES)}")
        if tokens is None:
            check_query(query)
        if demote_criminal is None:
            demote_criminal = not describes_a_crime(query)
        depth = max(self.depth, 5 * k)
        # demoting reorders: take the whole candidate list, cut to k after
        n = depth if demote_criminal else k
        if mode == "dense":
            out = [(d, s, span, {"dense": i}) for i, (d, s, span) in
                   enumerate(self.dense.ranked(query, n, filters), 1)]
            return self._demoted(out, k) if demote_criminal else out
        tokens = tokenize(query) if tokens is None else tokens
        if mode == "lexical":
            out = [(d, s, None, {"lexical": i}) for i, (d, s) in
                   enumerate(self.lexical.ranked(query, n, filters, tokens=tokens), 1)]
            return self._demoted(out, k) if demote_criminal else out
        dense = self.dense.ranked(query, depth, filters)
        lexical = self.lexical.ranked(query, depth, filters, tokens=tokens)
        spans = {d: span for d, _, span in dense}
        ranks: dict[str, dict] = {}
        for i, (d, *_rest) in enumerate(dense, 1):
            ranks.setdefault(d, {})["dense"] = i
        for i, (d, _) in enumerate(lexical, 1):
            ranks.setdefault(d, {})["lexical"] = i
        fused = rrf([[d for d, *_ in dense], [d for d, _ in lexical]], k=RRF_K)
        out = [(d, s, spans.get(d), ranks[d]) for d, s in fused]
        return self._demoted(out, k) if demote_criminal else out[:k]

    def _demoted(self, ranked: list, k: int) -> list:
        """``ranked`` with criminal judgments' scores multiplied by CRIMINAL_DEMOTION (a score at or below
        zero, an unrelated cosine, is left alone), re-sorted (stable), cut to ``k``."""
        out = []
        for d, s, *rest in ranked:
            r = self.get(d)
            if r is not None and s > 0 and is_criminal_case(r):
                s *= CRIMINAL_DEMOTION
            out.append((d, s, *rest))
        out.sort(key=lambda x: -x[1])
        return out[:k]

    def search(self, query: str, k: int = 10, filters: Filters | None = None, mode: str = "hybrid",
               demote_criminal: bool | None = None) -> list[Hit]:
        """The ``k`` most similar documents as :class:`Hit` (see :meth:`ranked` for ``demote_criminal``)."""
        tokens = tokenize(check_query(query))
        hits = []
        for d, score, span, ranks in self._ranked(query, k, filters, mode, tokens, demote_criminal):
            r = self.get(d)
            if r is not None:
                hits.append(make_hit(r, score, tokens, span=span, ranks=ranks))
        return hits


# -- the workspace's index -----------------------------------------------------------------------------
def _encoder_for(workspace, name: str, use_st: bool = True) -> Encoder:
    cache = workspace.index_dir / "cache" / f"embeddings-{Path(name).name}.sqlite"
    return Encoder(name, cache=cache, use_st=use_st)


def index_info(workspace) -> dict:
    """What the workspace's index holds: documents, passages, encoder, kinds, dense structure, bytes."""
    d = Path(workspace.index_dir)
    if not (d / "dense" / "records.sqlite").exists():
        return {"path": str(d), "documents": 0, "built": False}
    from fazhi.index.base import RecordTable

    t = RecordTable(d / "dense" / "records.sqlite")
    try:
        info = {"path": str(d), "built": True, "documents": len(t),
                "passages": t._db.execute("SELECT count(*) FROM chunks").fetchone()[0],
                "encoder": t.info("encoder"), "kinds": t.info("kinds"), "built_at": t.info("built_at")}
    finally:
        t.close()
    info["bytes"] = sum(p.stat().st_size for p in d.rglob("*") if p.is_file())
    return info


def open_index(workspace, model: str | None = None, fast: bool = True) -> HybridIndex:
    """Open the workspace's index for searching (``fast``: packaged encoders run without importing
    sentence-transformers; the vectors are the same)."""
    d = Path(workspace.index_dir)
    if not (d / "dense" / "records.sqlite").exists():
        raise IndexUnavailable(f"{d}: no search index yet; build it with `fazhi index build`")
    from fazhi.index.base import RecordTable

    t = RecordTable(d / "dense" / "records.sqlite")
    built_with = t.info("encoder") or DEFAULT_ENCODER
    t.close()
    name = model or built_with
    return HybridIndex(d, encoder=_encoder_for(workspace, name, use_st=not fast or name not in ENCODERS))


def build_index(workspace, kinds: Iterable[str] | None = None, model: str | None = None, rebuild: bool = False,
                progress=None, batch: int = 1000) -> dict:
    """Index the workspace's store incrementally; returns counts.

    Args:
        kinds: document kinds to index (``all`` or None: the kinds of the previous build, else all).
        model: encoder name or local model directory; a different one than the index was built with
            rebuilds the dense side (embeddings of each model are cached separately).
        rebuild: drop the index and build it again.
        progress: ``progress(n)`` called per passage embedded.

    Returns:
        ``{"documents", "added", "updated", "removed", "unchanged", "passages", "encoder", "kinds",
        "dense", "seconds"}``.
    """
    t0 = time.perf_counter()
    d = Path(workspace.index_dir)
    prev_model, prev_kinds = None, None
    if (d / "dense" / "records.sqlite").exists():
        from fazhi.index.base import RecordTable

        t = RecordTable(d / "dense" / "records.sqlite")
        prev_model, prev_kinds = t.info("encoder"), t.info("kinds")
        t.close()
    name = model or prev_model or DEFAULT_ENCODER
    if model and prev_model and model != prev_model:
        rebuild = True
    kinds = list(kinds) if kinds else None
    if kinds and "all" in kinds:
        kinds = None
    elif kinds is None and prev_kinds:
        kinds = prev_kinds
    for k in kinds or ():
        if k not in KINDS:
            raise ValueError(f"unknown kind {k!r}; choose one of: {', '.join(KINDS)}, all")
    encoder = _encoder_for(workspace, name)
    if rebuild:
        # load the model before dropping anything: a model directory that fails to load must leave the
        # index it was meant to replace as it was
        encoder.load()
        for sub in ("dense", "lexical"):
            shutil.rmtree(d / sub, ignore_errors=True)
    idx = HybridIndex(d, encoder=encoder)
    dense_h, lex_h = idx.dense.doc_ids(), idx.lexical.doc_ids()
    counts = {"added": 0, "updated": 0, "unchanged": 0, "removed": 0}
    seen: set[str] = set()
    to_dense: list[Record] = []
    to_lex: list[Record] = []

    def flush(force=False):
        if to_dense and (force or len(to_dense) >= batch):
            idx.dense.add(to_dense, progress=progress)
            to_dense.clear()
        if to_lex and (force or len(to_lex) >= batch):
            idx.lexical.add(to_lex)
            to_lex.clear()

    store = workspace.store()
    try:
        for doc in store.iter(kind=kinds):
            r = Record.from_document(doc)
            seen.add(r.doc_id)
            old = dense_h.get(r.doc_id)
            if old is None:
                counts["added"] += 1
            elif old != r.content_hash or lex_h.get(r.doc_id) != r.content_hash:
                counts["updated"] += 1
            else:
                counts["unchanged"] += 1
            if old != r.content_hash:
                to_dense.append(r)
            if lex_h.get(r.doc_id) != r.content_hash:
                to_lex.append(r)
            flush()
        flush(force=True)
    finally:
        store.close()
    gone_dense = [i for i in dense_h if i not in seen]
    gone_lex = [i for i in lex_h if i not in seen]
    counts["removed"] = len(set(gone_dense) | set(gone_lex))
    idx.dense.remove(gone_dense)
    idx.lexical.remove(gone_lex)
    idx.dense.table.set_info("kinds", kinds)
    from fazhi.document import utcnow

    idx.dense.table.set_info("built_at", utcnow())
    info = index_info(workspace)
    return {"documents": len(idx.dense), **counts, "passages": info.get("passages", 0), "encoder": name,
            "kinds": kinds or "all", "dense": idx.dense.kind, "encoded": idx.encoder.encoded,
            "bytes": info.get("bytes", 0), "seconds": round(time.perf_counter() - t0, 2)}


def search(workspace, query: str, k: int = 10, filters: Filters | None = None, mode: str = "hybrid",
           index: HybridIndex | None = None) -> list[Hit]:
    """Search the workspace's index (see :meth:`HybridIndex.search`)."""
    idx = index or open_index(workspace)
    return idx.search(query, k=k, filters=filters, mode=mode)
