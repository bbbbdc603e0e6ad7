"""The lexical index: tantivy (BM25) over jieba tokens.

Text is cut by jieba (a private ``jieba.Tokenizer`` with the legal dictionary: ``fazhi.nlp.segment`` when
installed, never the global ``jieba.dt``), punctuation and stop words are dropped, and the tokens, joined
by spaces, go through tantivy's whitespace tokenizer. Fields: ``doc_id`` (raw), ``title`` and ``text``
(tokens), ``kind``, ``dispute_type``, ``region`` (raw terms, for filters), ``date`` (integer YYYYMMDD, for
ranges) and a stored payload with the original title and text (for snippets).

A query is cut the same way and becomes a disjunction of term queries on ``text`` and ``title``, each
weighted by how often the term occurs in the query; filters are added as required clauses.

Examples:
    >>> idx = LexicalIndex()
    >>> idx.add([Record(doc_id="a", title="", text="楼上住户卫生间漏水，楼下天花板受损。"),
    ...          Record(doc_id="b", title="", text="甲向乙借款五万元，到期未还。")])
    2
    >>> [h.doc_id for h in idx.search("邻居家漏水", k=2)]
    ['a']
"""
from __future__ import annotations

import json
import logging
import re
import shutil
import threading
from collections import Counter
from pathlib import Path
from typing import Iterable, Sequence

from fazhi.document import Document
from fazhi.errors import IndexUnavailable
from fazhi.index.base import Filters, Hit, Record, as_record, check_query
from fazhi.index.chunk import best_passage, passages, snippet

__all__ = ["LexicalIndex", "tokenize"]

log = logging.getLogger(__name__)

STOPWORDS = frozenset("""
的 了 和 与 及 或 在 是 对 为 被 将 把 于 等 其 之 也 都 就 而 并 由 向 从 以 因 这 那 有 我 你 他 她 它 们 我们 你们
他们 该 此 所 着 过 又 还 但 则 如 若 即 已 已经 可 可以 会 能 要 不 没有 一个 一 上 下 中 后 前 时 到 给 让 使 这个 那个
这些 那些 什么 怎么 如何 吗 呢 吧 啊 呀 么 个 里 自己 进行 以及 并且 因为 所以 如果 但是 然后 之后 其中 为了 关于 对于
""".split())

_WORD = re.compile(r"[\w\u3400-\u9fff]")

_tok_lock = threading.Lock()
_cutter = None


def _get_cutter():
    """A function text -> words: fazhi.nlp.segment's private tokenizer when installed, else our own."""
    global _cutter
    with _tok_lock:
        if _cutter is None:
            _cutter = _load_cutter()
        return _cutter


def _load_cutter():
    try:
        from fazhi.nlp.segment import default_segmenter  # private jieba Tokenizer + legal dictionary
    except ImportError:
        default_segmenter = None
    if default_segmenter is not None:
        try:
            seg = default_segmenter()
            seg.cut("测试")
            return seg.cut_for_search
        except Exception as e:  # noqa: BLE001 - a broken optional segmenter must not stop search; say so
            log.warning("fazhi.nlp.segment unusable (%s: %s); using a private jieba tokenizer without the "
                        "legal dictionary", type(e).__name__, e)
    import jieba

    tk = jieba.Tokenizer()  # private: never the global jieba.dt
    jieba.setLogLevel(logging.WARNING)
    return tk.cut_for_search


def tokenize(text: str) -> list[str]:
    """jieba words of ``text`` without punctuation, spaces and stop words, lower-cased; traditional
    characters are simplified first (樓上 -> 楼上), for documents and queries alike. Search mode: the
    dictionary words inside a longer word come before it (邻居 and 居家 before 邻居家).

    Examples:
        >>> tokenize("邻居家卫生间漏水，把楼下的天花板泡坏了。")
        ['邻居', '居家', '邻居家', '卫生', '卫生间', '漏水', '楼下', '天花', '天花板', '泡坏']
    """
    cut = _get_cutter()
    return [w.lower() for w in cut(_fold(text)) if len(w.strip()) == len(w) and w and _WORD.search(w)
            and w not in STOPWORDS]


def _fold(text: str) -> str:
    """Traditional characters simplified and full-width digits and letters made ASCII (``fazhi.scan.fold``),
    so 樓上漏水 finds the dossiers that say 楼上漏水; the text as it is without fazhi.scan."""
    global _folder
    if _folder is None:
        try:
            from fazhi.scan.fold import fold as _folder
        except ImportError:
            _folder = str
    return _folder(text)


_folder = None


def _date_int(date: str | None) -> int | None:
    if not date:
        return None
    digits = re.sub(r"\D", "", date)[:8]
    if len(digits) < 4:
        return None
    return int(digits.ljust(8, "0")) if len(digits) < 8 else int(digits)


def _schema():
    import tantivy

    sb = tantivy.SchemaBuilder()
    sb.add_text_field("doc_id", stored=True, tokenizer_name="raw")
    sb.add_text_field("title", stored=False, tokenizer_name="whitespace", index_option="freq")
    sb.add_text_field("text", stored=False, tokenizer_name="whitespace", index_option="freq")
    sb.add_text_field("kind", stored=True, tokenizer_name="raw")
    sb.add_text_field("dispute_type", stored=True, tokenizer_name="raw")
    sb.add_text_field("region", stored=True, tokenizer_name="raw")
    sb.add_integer_field("date", stored=True, indexed=True, fast=True)
    sb.add_bytes_field("payload", stored=True, indexed=False)
    return sb.build()


class LexicalIndex:
    """A tantivy index in ``path`` (a directory; created when missing), or in memory when ``path`` is None.

    Args:
        path: the index directory.
        title_boost: weight of a title match relative to a text match.
    """

    name = "tantivy"

    def __init__(self, path: str | Path | None = None, title_boost: float = 0.5):
        import tantivy

        self._tv = tantivy
        self.path = Path(path) if path else None
        self.title_boost = title_boost
        self.schema = _schema()
        if self.path:
            self.path.mkdir(parents=True, exist_ok=True)
            try:
                self.index = tantivy.Index(self.schema, path=str(self.path), reuse=True)
            except ValueError as e:
                raise IndexUnavailable(f"{self.path}: cannot open the lexical index ({e}); rebuild it with "
                                       "`fazhi index build --rebuild`") from e
        else:
            self.index = tantivy.Index(self.schema)
        self._lock = threading.RLock()

    def __repr__(self):
        return f"<LexicalIndex {self.path or ':memory:'} {len(self)} documents>"

    def __len__(self) -> int:
        return self.index.searcher().num_docs

    def __contains__(self, doc_id: str) -> bool:
        q = self._tv.Query.term_query(self.schema, "doc_id", doc_id)
        return self.index.searcher().search(q, 1).hits != []

    def _writer(self, n: int):
        heap = 64_000_000 if n < 5000 else 256_000_000
        return self.index.writer(heap_size=heap, num_threads=1 if n < 5000 else 2)

    def _tdoc(self, r: Record):
        d = self._tv.Document()
        d.add_text("doc_id", r.doc_id)
        d.add_text("title", " ".join(tokenize(r.title)))
        d.add_text("text", " ".join(tokenize(r.text)))
        d.add_text("kind", r.kind or "")
        if r.dispute_type:
            d.add_text("dispute_type", r.dispute_type)
        if r.region:
            d.add_text("region", r.region)
        di = _date_int(r.date)
        if di is not None:
            d.add_integer("date", di)
        d.add_bytes("payload", json.dumps({"title": r.title, "text": r.text, "date": r.date,
                                           "hash": r.content_hash}, ensure_ascii=False).encode("utf-8"))
        return d

    def add(self, docs: Iterable[Document | Record], progress=None) -> int:
        """Add or replace documents (same ``doc_id``); one commit for the lot."""
        records = [as_record(d) for d in docs]
        if not records:
            return 0
        with self._lock:
            w = self._writer(len(records))
            try:
                for r in records:
                    w.delete_documents_by_term("doc_id", r.doc_id)
                    w.add_document(self._tdoc(r))
                    if progress:
                        progress(1)
                w.commit()
            except BaseException:
                w.rollback()
                raise
            finally:
                w.wait_merging_threads()
            self.index.reload()
        return len(records)

    def remove(self, doc_ids: Iterable[str]) -> int:
        ids = [i for i in doc_ids if i in self]
        if not ids:
            return 0
        with self._lock:
            w = self._writer(0)
            for i in ids:
                w.delete_documents_by_term("doc_id", i)
            w.commit()
            w.wait_merging_threads()
            self.index.reload()
        return len(ids)

    def doc_ids(self) -> dict[str, str]:
        """{doc_id: content hash} of every indexed document."""
        s = self.index.searcher()
        out = {}
        res = s.search(self._tv.Query.all_query(), limit=max(1, s.num_docs))
        for _, addr in res.hits:
            d = s.doc(addr)
            out[d.get_first("doc_id")] = json.loads(bytes(d.get_first("payload")))["hash"]
        return out

    def save(self, path: str | Path | None = None) -> None:
        """Everything is committed already; with a new ``path``, copy the index there."""
        if path is None or (self.path and Path(path).resolve() == self.path.resolve()):
            return
        path = Path(path)
        if self.path is None:
            other = LexicalIndex(path, title_boost=self.title_boost)
            other.add(self.records())
            return
        if path.exists():
            shutil.rmtree(path)
        shutil.copytree(self.path, path)

    @classmethod
    def load(cls, path: str | Path) -> "LexicalIndex":
        if not Path(path).is_dir():
            raise IndexUnavailable(f"{path}: no lexical index here; build one with `fazhi index build`")
        return cls(path)

    def records(self) -> list[Record]:
        s = self.index.searcher()
        res = s.search(self._tv.Query.all_query(), limit=max(1, s.num_docs))
        return [self._record(s.doc(addr)) for _, addr in res.hits]

    @staticmethod
    def _record(d) -> Record:
        p = json.loads(bytes(d.get_first("payload")))
        return Record(doc_id=d.get_first("doc_id"), title=p["title"], text=p["text"], kind=d.get_first("kind"),
                      dispute_type=d.get_first("dispute_type"), region=d.get_first("region"), date=p["date"],
                      content_hash=p["hash"])

    def get(self, doc_id: str) -> Record | None:
        s = self.index.searcher()
        res = s.search(self._tv.Query.term_query(self.schema, "doc_id", doc_id), 1)
        return self._record(s.doc(res.hits[0][1])) if res.hits else None

    # -- searching ----------------------------------------------------------------------------------
    def _filter_clauses(self, filters: Filters | None) -> list:
        tv, Q, out = self._tv, self._tv.Query, []
        if not filters:
            return out
        for name in ("kind", "dispute_type"):
            vals = getattr(filters, name)
            if vals:
                out.append((tv.Occur.Must, Q.term_set_query(self.schema, name, list(vals))))
        if filters.region:
            regs = [Q.regex_query(self.schema, "region", re.escape(v) + ".*") for v in filters.region]
            out.append((tv.Occur.Must, Q.boolean_query([(tv.Occur.Should, q) for q in regs])))
        if filters.since or filters.until:
            lo = _date_int(filters.since) if filters.since else 0
            hi = _date_int(filters.until) if filters.until else 99999999
            if filters.until:
                u = re.sub(r"\D", "", filters.until)
                if len(u) == 4:
                    hi = int(u + "1231")
                elif len(u) == 6:
                    hi = int(u + "31")
            out.append((tv.Occur.Must, Q.range_query(self.schema, "date", tv.FieldType.Integer, lo, hi)))
        return out

    def query(self, query_tokens: Sequence[str], filters: Filters | None = None):
        tv, Q = self._tv, self._tv.Query
        counts = Counter(query_tokens)
        should = []
        for tok, n in counts.items():
            should.append((tv.Occur.Should, Q.boost_query(Q.term_query(self.schema, "text", tok), float(n))))
            if self.title_boost:
                should.append((tv.Occur.Should, Q.boost_query(Q.term_query(self.schema, "title", tok),
                                                              float(n) * self.title_boost)))
        if not should:
            return None
        q = Q.boolean_query(should)
        clauses = self._filter_clauses(filters)
        if clauses:
            q = Q.boolean_query([(tv.Occur.Must, q)] + clauses)
        return q

    def ranked(self, query: str, k: int = 10, filters: Filters | None = None,
               tokens: Sequence[str] | None = None) -> list[tuple[str, float]]:
        """``[(doc_id, bm25), ...]``, best first."""
        tokens = tokenize(query) if tokens is None else tokens
        q = self.query(tokens, filters)
        if q is None:
            return []
        s = self.index.searcher()
        res = s.search(q, limit=k)
        return [(s.doc(addr).get_first("doc_id"), float(score)) for score, addr in res.hits]

    def search(self, query: str, k: int = 10, filters: Filters | None = None) -> list[Hit]:
        tokens = tokenize(check_query(query))
        q = self.query(tokens, filters)
        if q is None:
            return []
        s = self.index.searcher()
        hits = []
        for rank, (score, addr) in enumerate(s.search(q, limit=k).hits, 1):
            r = self._record(s.doc(addr))
            hits.append(make_hit(r, float(score), tokens, ranks={"lexical": rank}))
        return hits


def make_hit(r: Record, score: float, tokens: Sequence[str], span: tuple[int, int] | None = None,
             ranks: dict | None = None) -> Hit:
    """A Hit for record ``r``: the snippet comes from ``span`` (the best dense passage) or else from the
    passage with the most query tokens."""
    if span is None:
        span = best_passage(r.text, passages(r.text), tokens)
    text, hl = snippet(r.text, span, tokens)
    return Hit(doc_id=r.doc_id, score=score, title=r.title, kind=r.kind, snippet=text, passage=span,
               highlights=hl, metadata=r.metadata, ranks=dict(ranks or {}))
