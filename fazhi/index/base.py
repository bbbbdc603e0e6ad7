"""What every similar-case index shares: the :class:`SimilarCaseIndex` protocol, :class:`Hit`,
:class:`Record` (the indexed view of a Document), :class:`Filters` and the record table.

Examples:
    >>> f = Filters.parse(["kind=mediation", "dispute_type=相邻关系", "date=2020-01-01..2021-12-31"])
    >>> f
    Filters(kind=('mediation',), dispute_type=('相邻关系',), region=None, since='2020-01-01', until='2021-12-31')
    >>> r = Record(doc_id="d1", title="", text="……", kind="mediation", dispute_type="相邻关系", date="2021-03-05")
    >>> f.matches(r)
    True
    >>> Filters.parse(["region=北京"]).matches(r)
    False
"""
from __future__ import annotations

import json
import re
import sqlite3
from dataclasses import dataclass, field, fields
from datetime import date as _date
from pathlib import Path
from typing import Iterable, Iterator, Protocol, Sequence, runtime_checkable

from fazhi.document import Document, content_hash
from fazhi.errors import FazhiError

__all__ = ["Hit", "Record", "Filters", "SimilarCaseIndex", "RecordTable", "FILTER_FIELDS", "rrf", "EmptyQuery", "TextTooLong",
           "check_query"]

FILTER_FIELDS = ("kind", "dispute_type", "region", "since", "until", "date")


@dataclass
class Hit:
    """One search result.

    Attributes:
        doc_id: the store's document id.
        score: higher is better; the scale depends on the mode (cosine, BM25, RRF).
        title, kind: from the document.
        snippet: up to ~120 characters of the best-matching passage.
        passage: ``(start, end)`` of that passage in the document text.
        highlights: ``[(start, end), ...]`` document offsets of query terms inside the snippet.
        metadata: ``dispute_type``, ``region``, ``date`` when known.
        ranks: the document's rank in each fused list (``{"dense": 1, "lexical": 3}``).
    """

    doc_id: str
    score: float
    title: str = ""
    kind: str = ""
    snippet: str = ""
    passage: tuple[int, int] | None = None
    highlights: list[tuple[int, int]] = field(default_factory=list)
    metadata: dict = field(default_factory=dict)
    ranks: dict = field(default_factory=dict)

    def __repr__(self):
        return f"<Hit {self.doc_id} {self.score:.4f} {self.title[:20]!r}>"

    def to_dict(self, full: bool = False) -> dict:
        """``{"doc_id","score","title","kind","snippet"}``; with ``full`` also passage, highlights,
        metadata and ranks."""
        d = {"doc_id": self.doc_id, "score": round(float(self.score), 6), "title": self.title, "kind": self.kind,
             "snippet": self.snippet}
        if full:
            d.update(passage=list(self.passage) if self.passage else None,
                     highlights=[list(h) for h in self.highlights], metadata=self.metadata, ranks=self.ranks)
        return d


@dataclass
class Record:
    """The indexed view of a :class:`~fazhi.document.Document`."""

    doc_id: str
    title: str
    text: str
    kind: str = "other"
    dispute_type: str | None = None
    region: str | None = None
    date: str | None = None
    content_hash: str = ""

    def __post_init__(self):
        if not self.content_hash:  # what the index depends on: text and filter fields
            self.content_hash = content_hash("\x00".join(
                (self.title, self.text, self.kind or "", self.dispute_type or "", self.region or "",
                 self.date or "")))

    @classmethod
    def from_document(cls, doc: Document) -> "Record":
        meta = doc.metadata or {}
        date = doc.published or meta.get("date")
        return cls(doc_id=doc.id, title=doc.title or "", text=doc.text, kind=doc.kind,
                   dispute_type=meta.get("dispute_type") or None, region=doc.region or meta.get("region") or None,
                   date=str(date)[:10] if date else None)

    @property
    def metadata(self) -> dict:
        return {k: v for k, v in (("dispute_type", self.dispute_type), ("region", self.region),
                                  ("date", self.date)) if v}

    def to_dict(self) -> dict:
        return {f.name: getattr(self, f.name) for f in fields(self)}


def _as_tuple(v) -> tuple[str, ...] | None:
    if v is None or v == "" or v == ():
        return None
    if isinstance(v, str):
        return tuple(x for x in v.split(",") if x)
    return tuple(v)


_DATE_BOUND = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def _check_date(value: str | None, name: str) -> str | None:
    """A date bound as given (``2021``, ``2021-03`` or ``2021-03-15``), or ValueError: every backend
    compares these as ISO strings or digits, so anything else would filter silently wrong (or crash)."""
    if value is None or value == "":
        return None
    m = _DATE_BOUND.fullmatch(str(value).strip())
    if m is not None:
        y, mo, d = (int(x) if x else 1 for x in m.groups())
        try:
            _date(y, mo, d)
            return m.group(0)
        except ValueError:
            pass
    raise ValueError(f"bad {name} date {value!r}; use YYYY-MM-DD (or YYYY, YYYY-MM), a day of the calendar")


@dataclass
class Filters:
    """Restrict results by kind, dispute type, region (each: any of several values) and a date range
    (ISO dates, inclusive; a date ``2021`` or ``2021-03`` stands for the whole year or month)."""

    kind: tuple[str, ...] | None = None
    dispute_type: tuple[str, ...] | None = None
    region: tuple[str, ...] | None = None
    since: str | None = None
    until: str | None = None

    def __post_init__(self):
        self.kind = _as_tuple(self.kind)
        self.dispute_type = _as_tuple(self.dispute_type)
        self.region = _as_tuple(self.region)
        self.since, self.until = _check_date(self.since, "since"), _check_date(self.until, "until")

    def __bool__(self):
        return any((self.kind, self.dispute_type, self.region, self.since, self.until))

    @classmethod
    def parse(cls, items: Iterable[str] = (), **given) -> "Filters":
        """From ``FIELD=VALUE`` strings: kind, dispute_type (or type), region, since, until, and
        date=FROM..TO (either end may be empty). Several values: ``region=北京,上海``."""
        values: dict = {k: v for k, v in given.items() if v}
        for item in items:
            if "=" not in item:
                raise ValueError(f"filter {item!r} is not FIELD=VALUE; fields: {', '.join(FILTER_FIELDS)}")
            name, value = (x.strip() for x in item.split("=", 1))
            name = {"type": "dispute_type", "dispute": "dispute_type"}.get(name, name)
            if name not in FILTER_FIELDS:
                raise ValueError(f"unknown filter field {name!r}; choose one of: {', '.join(FILTER_FIELDS)}")
            if name == "date":
                lo, _, hi = value.partition("..")
                if not _:
                    lo = hi = value
                values["since"], values["until"] = lo or None, hi or None
            elif name in ("kind", "dispute_type", "region"):
                values[name] = tuple(values.get(name) or ()) + tuple(x for x in value.split(",") if x)
            else:
                values[name] = value
        return cls(**values)

    def matches(self, r: Record) -> bool:
        if self.kind and r.kind not in self.kind:
            return False
        if self.dispute_type and r.dispute_type not in self.dispute_type:
            return False
        if self.region and not (r.region and any(r.region.startswith(x) for x in self.region)):
            return False
        if self.since and not (r.date and r.date >= self.since):
            return False
        if self.until and not (r.date and r.date[:len(self.until)] <= self.until):
            return False
        return True

    def to_dict(self) -> dict:
        return {k: (list(v) if isinstance(v, tuple) else v) for k, v in self.__dict__.items() if v}


@runtime_checkable
class SimilarCaseIndex(Protocol):
    """What every backend (memory, faiss, tantivy, hybrid) provides."""

    def add(self, docs: Iterable[Document | Record]) -> int:
        """Add (or replace) documents; returns how many were added."""

    def remove(self, doc_ids: Iterable[str]) -> int:
        """Remove documents by id; returns how many were there."""

    def search(self, query: str, k: int = 10, filters: Filters | None = None) -> list[Hit]:
        """The ``k`` best documents for ``query``, best first."""

    def save(self, path: str | Path | None = None) -> None:
        """Persist to ``path`` (or to the directory the index was opened from)."""

    def __len__(self) -> int: ...

    def __contains__(self, doc_id: str) -> bool: ...


def as_record(d: Document | Record) -> Record:
    return d if isinstance(d, Record) else Record.from_document(d)


class TextTooLong(FazhiError, ValueError):
    """A dispute description longer than a plan reads (``fazhi.index.plan.MAX_PLAN_CHARS``): a
    :class:`~fazhi.errors.FazhiError` for the CLI's one-line message and a ``ValueError`` for the web API's 422."""


class EmptyQuery(FazhiError, ValueError):
    """A query or dispute description with no words in it (empty, blank or only punctuation).

    A :class:`~fazhi.errors.FazhiError` (the CLI prints one line and exits 1) and a ``ValueError``
    (callers that validate input, such as the web API and ``--queries`` lines, report it as bad input).
    """


def check_query(query, what: str = "the query") -> str:
    """``query`` when it holds at least one letter, digit or CJK character; else :class:`EmptyQuery`.

    Examples:
        >>> check_query("邻居漏水")
        '邻居漏水'
        >>> check_query(" ？！ ")
        Traceback (most recent call last):
        ...
        fazhi.index.base.EmptyQuery: the query is empty: describe the dispute in words
    """
    if not isinstance(query, str) or not any(ch.isalnum() for ch in query):
        raise EmptyQuery(f"{what} is empty: describe the dispute in words")
    return query


def rrf(rankings: Sequence[Sequence[str]], k: int = 60) -> list[tuple[str, float]]:
    """Reciprocal-rank fusion: each list contributes ``1 / (k + rank)`` (rank from 1) to a document.

    Examples:
        >>> [(d, round(s, 4)) for d, s in rrf([["a", "b", "c"], ["b", "a"]])]
        [('a', 0.0325), ('b', 0.0325), ('c', 0.0159)]
    """
    scores: dict[str, float] = {}
    for ranking in rankings:
        for rank, doc_id in enumerate(ranking, 1):
            scores[doc_id] = scores.get(doc_id, 0.0) + 1.0 / (k + rank)
    return sorted(scores.items(), key=lambda x: -x[1])


class RecordTable:
    """Records and their passages in SQLite, with integer ids for FAISS.

    ``records``: one row per document; ``chunks``: one row per passage (id = the FAISS id).
    """

    def __init__(self, path: str | Path):
        self.path = str(path)
        if self.path != ":memory:":
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.executescript("""
            CREATE TABLE IF NOT EXISTS records (doc_id TEXT PRIMARY KEY, title TEXT, text TEXT, kind TEXT,
                dispute_type TEXT, region TEXT, date TEXT, content_hash TEXT);
            CREATE TABLE IF NOT EXISTS chunks (id INTEGER PRIMARY KEY, doc_id TEXT NOT NULL, start INTEGER,
                end_ INTEGER);
            CREATE INDEX IF NOT EXISTS chunks_doc ON chunks(doc_id);
            CREATE TABLE IF NOT EXISTS info (key TEXT PRIMARY KEY, value TEXT);
        """)
        self._cache: dict[str, Record] = {}

    def close(self):
        self._db.close()

    def __len__(self):
        return self._db.execute("SELECT count(*) FROM records").fetchone()[0]

    def __contains__(self, doc_id):
        return self._db.execute("SELECT 1 FROM records WHERE doc_id=?", (doc_id,)).fetchone() is not None

    def info(self, key: str, default=None):
        row = self._db.execute("SELECT value FROM info WHERE key=?", (key,)).fetchone()
        return json.loads(row[0]) if row else default

    def set_info(self, key: str, value) -> None:
        self._db.execute("INSERT OR REPLACE INTO info (key, value) VALUES (?, ?)",
                         (key, json.dumps(value, ensure_ascii=False)))

    def hashes(self) -> dict[str, str]:
        return dict(self._db.execute("SELECT doc_id, content_hash FROM records"))

    def next_chunk_id(self) -> int:
        return (self._db.execute("SELECT max(id) FROM chunks").fetchone()[0] or 0) + 1

    def put(self, records: Sequence[Record], chunks: Sequence[tuple[int, str, int, int]]) -> None:
        self._db.execute("BEGIN")
        try:
            self._db.executemany(
                "INSERT OR REPLACE INTO records VALUES (?,?,?,?,?,?,?,?)",
                [(r.doc_id, r.title, r.text, r.kind, r.dispute_type, r.region, r.date, r.content_hash)
                 for r in records])
            self._db.executemany("INSERT INTO chunks (id, doc_id, start, end_) VALUES (?,?,?,?)", chunks)
            self._db.execute("COMMIT")
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        for r in records:
            self._cache.pop(r.doc_id, None)

    def delete(self, doc_ids: Sequence[str]) -> list[int]:
        """Delete records; returns the chunk ids they had."""
        ids: list[int] = []
        self._db.execute("BEGIN")
        for doc_id in doc_ids:
            ids += [r[0] for r in self._db.execute("SELECT id FROM chunks WHERE doc_id=?", (doc_id,))]
            self._db.execute("DELETE FROM chunks WHERE doc_id=?", (doc_id,))
            self._db.execute("DELETE FROM records WHERE doc_id=?", (doc_id,))
            self._cache.pop(doc_id, None)
        self._db.execute("COMMIT")
        return ids

    def get(self, doc_id: str) -> Record | None:
        r = self._cache.get(doc_id)
        if r is None:
            row = self._db.execute("SELECT * FROM records WHERE doc_id=?", (doc_id,)).fetchone()
            if row is None:
                return None
            r = Record(*row)
            if len(self._cache) > 2000:
                self._cache.clear()
            self._cache[doc_id] = r
        return r

    def chunks_of(self, chunk_ids: Sequence[int]) -> dict[int, tuple[str, int, int]]:
        out = {}
        ids = [int(i) for i in chunk_ids]
        for i in range(0, len(ids), 500):
            part = ids[i:i + 500]
            for cid, doc_id, s, e in self._db.execute(
                    f"SELECT id, doc_id, start, end_ FROM chunks WHERE id IN ({','.join('?' * len(part))})", part):
                out[cid] = (doc_id, s, e)
        return out

    def doc_chunks(self, doc_id: str) -> list[tuple[int, int, int]]:
        return list(self._db.execute("SELECT id, start, end_ FROM chunks WHERE doc_id=? ORDER BY id", (doc_id,)))

    def chunk_ids_matching(self, filters: Filters) -> list[int]:
        clauses, args = [], []
        for col in ("kind", "dispute_type"):
            vals = getattr(filters, col)
            if vals:
                clauses.append(f"r.{col} IN ({','.join('?' * len(vals))})")
                args += list(vals)
        if filters.region:
            clauses.append("(" + " OR ".join("r.region LIKE ?" for _ in filters.region) + ")")
            args += [v.replace("%", "") + "%" for v in filters.region]
        if filters.since:
            clauses.append("r.date >= ?")
            args.append(filters.since)
        if filters.until:
            clauses.append("r.date <= ?")
            args.append(filters.until + "\uffff")
        where = " AND ".join(clauses) or "1"
        return [row[0] for row in self._db.execute(
            f"SELECT c.id FROM chunks c JOIN records r ON r.doc_id = c.doc_id WHERE {where}", args)]

    def iter_chunks(self) -> Iterator[tuple[int, str, int, int]]:
        return iter(self._db.execute("SELECT id, doc_id, start, end_ FROM chunks ORDER BY id"))
