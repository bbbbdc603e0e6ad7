"""The corpus store: documents, their earlier versions and their annotations, in SQLite (WAL).

Writes are transactional. :meth:`Store.batch` groups many adds into one transaction; a process killed in
the middle of a batch leaves the store readable with every earlier committed batch intact.

Examples:
    >>> from fazhi.document import Document
    >>> store = Store(":memory:")
    >>> store.add(Document(text="第一条 为了……", source="a.txt")).status
    'added'
    >>> store.add(Document(text="第一条 为了……", source="a.txt")).status
    'unchanged'
    >>> store.add(Document(text="第一条 修改后……", source="a.txt")).status
    'updated'
    >>> len(store), len(store.versions(Document(text="", source="a.txt").id))
    (1, 1)
"""
from __future__ import annotations

import json
import sqlite3
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Iterable, Iterator

from fazhi.document import Document, span_from_dict, utcnow
from fazhi.errors import StoreError

__all__ = ["Store", "AddResult", "Prepared", "prepare"]

SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    title TEXT NOT NULL DEFAULT '',
    text TEXT NOT NULL,
    source TEXT NOT NULL DEFAULT '',
    fetched_at TEXT,
    published TEXT,
    region TEXT,
    metadata TEXT NOT NULL DEFAULT '{}',
    spans TEXT NOT NULL DEFAULT '{}',
    raw_text TEXT,
    offset_map TEXT,
    content_hash TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1,
    valid_from TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS documents_hash ON documents(content_hash);
CREATE INDEX IF NOT EXISTS documents_kind ON documents(kind);
CREATE INDEX IF NOT EXISTS documents_region ON documents(region);
CREATE INDEX IF NOT EXISTS documents_published ON documents(published);
CREATE INDEX IF NOT EXISTS documents_source ON documents(source);
CREATE TABLE IF NOT EXISTS versions (
    doc_id TEXT NOT NULL,
    version INTEGER NOT NULL,
    title TEXT NOT NULL DEFAULT '',
    text TEXT NOT NULL,
    metadata TEXT NOT NULL DEFAULT '{}',
    spans TEXT NOT NULL DEFAULT '{}',
    content_hash TEXT NOT NULL,
    fetched_at TEXT,
    valid_from TEXT NOT NULL,
    valid_to TEXT NOT NULL,
    PRIMARY KEY (doc_id, version)
);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
"""

_COLUMNS = ("id", "kind", "title", "text", "source", "fetched_at", "published", "region", "metadata", "spans",
            "raw_text", "offset_map")


@dataclass(frozen=True)
class AddResult:
    """What :meth:`Store.add` did: ``added``, ``updated`` (new version), ``unchanged``, or ``duplicate``
    (same text already stored under ``id``)."""

    status: str
    id: str


@dataclass(frozen=True)
class Prepared:
    """A Document serialised for the store (see :func:`prepare`)."""

    id: str
    values: tuple
    content_hash: str


def prepare(doc: Document) -> Prepared:
    """Serialise a document for :meth:`Store.add`. Pure and picklable, so worker processes can do this
    part of an ingest while one process writes."""
    return Prepared(doc.id, Store._values(doc), doc.content_hash)


def _dumps(value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _spans_json(spans: dict) -> str:
    """Spans without their text (it is ``doc.text[start:end]``): a law's article spans would otherwise
    store the whole text a second time."""
    out = {}
    for group, ss in spans.items():
        rows = []
        for s in ss:
            d = s.to_dict()
            del d["text"]
            rows.append(d)
        out[group] = rows
    return _dumps(out)


def _spans_from_json(data: str, text: str) -> dict:
    spans = {}
    for group, rows in json.loads(data).items():
        for d in rows:
            if "text" not in d:
                d["text"] = text[d["start"]:d["end"]]
        spans[group] = [span_from_dict(d) for d in rows]
    return spans


def _use_wal(db: sqlite3.Connection, wait: float = 30.0) -> None:
    """Put the database in WAL mode. SQLite answers a journal-mode change with "database is locked" at once,
    without waiting as the busy timeout says, while another connection writes: two crawler processes opening
    one new store at the same moment failed so. A store already in WAL mode needs no change (no lock)."""
    if db.execute("PRAGMA journal_mode").fetchone()[0].lower() == "wal":
        return
    deadline = time.monotonic() + wait
    while True:
        try:
            db.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as e:
            if "locked" not in str(e) or time.monotonic() > deadline:
                raise
            time.sleep(0.02)


class Store:
    """A corpus store in one SQLite file (``":memory:"`` for a throwaway one).

    Args:
        path: the database file; its directory is created when missing.
    """

    def __init__(self, path: str | Path):
        self.path = str(path)
        if self.path != ":memory:":
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        try:
            self._db = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False, timeout=30)
            self._db.execute("PRAGMA busy_timeout=30000")
            _use_wal(self._db)
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.executescript(SCHEMA)
        except sqlite3.DatabaseError as e:
            raise StoreError(f"{self.path}: cannot open the corpus store ({e})") from e
        self._lock = threading.RLock()
        self._depth = 0

    def __repr__(self):
        return f"<Store {self.path} {len(self)} documents>"

    def close(self) -> None:
        self._db.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    # -- transactions -------------------------------------------------------------------------------
    @contextmanager
    def batch(self):
        """Group writes into one transaction; nested batches join the outer one."""
        with self._lock:
            if self._depth == 0:
                self._db.execute("BEGIN IMMEDIATE")
            self._depth += 1
            try:
                yield self
            except BaseException:
                self._depth -= 1
                if self._depth == 0:
                    self._db.execute("ROLLBACK")
                raise
            self._depth -= 1
            if self._depth == 0:
                self._db.execute("COMMIT")

    # -- writing ------------------------------------------------------------------------------------
    def add(self, doc: Document | Prepared, dedup: bool = True, replace: bool = False,
            keep_kind: bool = False) -> AddResult:
        """Add or update a document.

        A document whose id is stored already is updated: when its text changed, the stored text becomes
        an earlier version (valid until now) and the new text the current one, with the new annotations
        and metadata. When the text is unchanged, the title, metadata and the annotation groups the new
        document carries replace the stored ones, but what it does not know is kept: annotation groups it
        has none of (entities found by an earlier ``set_annotations`` still index the same text), and a
        region or published date it leaves empty. ``replace`` stores the document exactly as given
        instead (import). With ``dedup``, a new id whose text is already stored under another id is not
        stored again (``duplicate``). With ``keep_kind``, a stored document keeps its kind (an ingest
        without ``--kind`` only guesses it, and must not turn a regulation ingested with ``--kind`` into
        ``other``).
        """
        p = doc if isinstance(doc, Prepared) else prepare(doc)
        h, values = p.content_hash, p.values
        now = utcnow()
        with self.batch():
            row = self._db.execute(
                "SELECT content_hash, version, title, text, metadata, spans, fetched_at, valid_from, kind "
                "FROM documents WHERE id=?", (doc.id,)).fetchone()
            if row is None:
                if dedup:
                    dup = self._db.execute("SELECT id FROM documents WHERE content_hash=? LIMIT 1", (h,)).fetchone()
                    if dup:
                        return AddResult("duplicate", dup[0])
                self._db.execute(
                    f"INSERT INTO documents ({', '.join(_COLUMNS)}, content_hash, version, valid_from, updated_at) "
                    f"VALUES ({', '.join('?' * (len(_COLUMNS) + 4))})",
                    (*values, h, 1, now, now))
                return AddResult("added", doc.id)
            old_hash, version, title, text, metadata, spans, fetched_at, valid_from, kind = row
            if keep_kind:
                values = (values[0], kind, *values[2:])
            if old_hash == h:
                if not replace:
                    values = self._keep_known(values, spans)
                self._db.execute(
                    f"UPDATE documents SET {', '.join(c + '=?' for c in _COLUMNS[1:])}, updated_at=? WHERE id=?",
                    (*values[1:], now, doc.id))
                return AddResult("unchanged", doc.id)
            self._db.execute(
                "INSERT INTO versions (doc_id, version, title, text, metadata, spans, content_hash, "
                "fetched_at, valid_from, valid_to) VALUES (?,?,?,?,?,?,?,?,?,?)",
                (doc.id, version, title, text, metadata, spans, old_hash, fetched_at, valid_from, now))
            self._db.execute(
                f"UPDATE documents SET {', '.join(c + '=?' for c in _COLUMNS[1:])}, content_hash=?, version=?, "
                "valid_from=?, updated_at=? WHERE id=?",
                (*values[1:], h, version + 1, now, now, doc.id))
            return AddResult("updated", doc.id)

    def add_many(self, docs: Iterable[Document | Prepared], dedup: bool = True, batch_size: int = 200,
                 replace: bool = False, keep_kind: bool = False) -> Iterator[AddResult]:
        """Add documents, committing every ``batch_size``; yields one result per document."""
        it = iter(docs)
        while True:
            with self.batch():
                results = []
                for doc in it:
                    results.append(self.add(doc, dedup=dedup, replace=replace, keep_kind=keep_kind))
                    if len(results) >= batch_size:
                        break
            yield from results
            if len(results) < batch_size:
                return

    def set_annotations(self, doc: Document) -> None:
        """Store the spans of an already stored document (its text must not have changed)."""
        with self.batch():
            cur = self._db.execute(
                "UPDATE documents SET spans=?, updated_at=? WHERE id=? AND content_hash=?",
                (_spans_json(doc.spans), utcnow(), doc.id,
                 doc.content_hash))
            if cur.rowcount == 0:
                raise KeyError(f"no stored document {doc.id} with this text")

    def delete(self, doc_id: str) -> bool:
        """Delete a document and its earlier versions. Returns whether it existed."""
        with self.batch():
            cur = self._db.execute("DELETE FROM documents WHERE id=?", (doc_id,))
            self._db.execute("DELETE FROM versions WHERE doc_id=?", (doc_id,))
        return cur.rowcount > 0

    # -- reading ------------------------------------------------------------------------------------
    def get(self, doc_id: str) -> Document | None:
        row = self._db.execute(f"SELECT {', '.join(_COLUMNS)} FROM documents WHERE id=?", (doc_id,)).fetchone()
        return self._doc(row) if row else None

    def __getitem__(self, doc_id: str) -> Document:
        doc = self.get(doc_id)
        if doc is None:
            raise KeyError(doc_id)
        return doc

    def __contains__(self, doc_id: str) -> bool:
        return self._db.execute("SELECT 1 FROM documents WHERE id=?", (doc_id,)).fetchone() is not None

    def __len__(self) -> int:
        return self._db.execute("SELECT count(*) FROM documents").fetchone()[0]

    def __iter__(self) -> Iterator[Document]:
        return self.iter()

    def iter(self, kind: str | None = None, region: str | None = None, since: str | None = None,
             until: str | None = None, ids: Iterable[str] | None = None, source_prefix: str | None = None,
             limit: int | None = None) -> Iterator[Document]:
        """Iterate stored documents in insertion order, filtered by kind, region, published date range
        (ISO strings, inclusive), ids or source prefix. Streams: memory stays flat."""
        where, args = self._where(kind, region, since, until, ids, source_prefix)
        sql = f"SELECT {', '.join(_COLUMNS)} FROM documents{where} ORDER BY rowid"
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        cur = self._db.cursor()
        cur.execute(sql, args)
        while True:
            rows = cur.fetchmany(100)
            if not rows:
                return
            for row in rows:
                yield self._doc(row)

    def count(self, **filters) -> int:
        where, args = self._where(**filters)
        return self._db.execute(f"SELECT count(*) FROM documents{where}", args).fetchone()[0]

    def find_by_hash(self, content_hash: str) -> str | None:
        row = self._db.execute("SELECT id FROM documents WHERE content_hash=? LIMIT 1", (content_hash,)).fetchone()
        return row[0] if row else None

    def versions(self, doc_id: str) -> list[dict]:
        """Earlier versions of a document, oldest first: {version, title, text, content_hash, valid_from,
        valid_to, metadata}."""
        rows = self._db.execute(
            "SELECT version, title, text, content_hash, fetched_at, valid_from, valid_to, metadata FROM versions "
            "WHERE doc_id=? ORDER BY version", (doc_id,)).fetchall()
        keys = ("version", "title", "text", "content_hash", "fetched_at", "valid_from", "valid_to")
        return [dict(zip(keys, r[:7]), metadata=json.loads(r[7])) for r in rows]

    def version_info(self, doc_id: str) -> dict | None:
        row = self._db.execute("SELECT version, valid_from, updated_at, content_hash FROM documents WHERE id=?",
                               (doc_id,)).fetchone()
        if not row:
            return None
        return dict(zip(("version", "valid_from", "updated_at", "content_hash"), row))

    def stats(self) -> dict:
        """Counts by kind and region, total characters, earlier versions, and the file size."""
        db = self._db
        total, chars = db.execute("SELECT count(*), coalesce(sum(length(text)), 0) FROM documents").fetchone()
        by_kind = dict(db.execute("SELECT kind, count(*) FROM documents GROUP BY kind ORDER BY 2 DESC").fetchall())
        by_region = dict(db.execute(
            "SELECT coalesce(region, ''), count(*) FROM documents GROUP BY 1 ORDER BY 2 DESC").fetchall())
        span_docs = db.execute("SELECT count(*) FROM documents WHERE spans != '{}'").fetchone()[0]
        n_versions = db.execute("SELECT count(*) FROM versions").fetchone()[0]
        dates = db.execute("SELECT min(published), max(published) FROM documents").fetchone()
        size = Path(self.path).stat().st_size if self.path != ":memory:" and Path(self.path).exists() else 0
        return {"path": self.path, "documents": total, "characters": chars, "by_kind": by_kind,
                "by_region": by_region, "annotated": span_docs, "earlier_versions": n_versions,
                "published_from": dates[0], "published_to": dates[1], "bytes": size}

    # -- JSONL --------------------------------------------------------------------------------------
    def export_jsonl(self, out: IO[str], all_versions: bool = False, **filters) -> int:
        """Write one JSON object per document (``Document.to_dict``); returns the number of lines.

        With ``all_versions``, each document's earlier versions are written too, oldest first, right
        before the document: a version's line has the document's id, kind, source, published date and
        region, and that version's title, text, metadata, annotations and fetched_at. Every line of the
        export then carries three keys more: ``version`` (1, 2, …), ``valid_from`` and ``valid_to``
        (null on the current version). :meth:`import_jsonl` stores such lines back as earlier versions.

        ``filters`` are those of :meth:`iter` and choose documents; with ``all_versions`` each chosen
        document comes with all its earlier versions.
        """
        n = 0
        for doc in self.iter(**filters):
            if all_versions:
                for d in self._version_dicts(doc):
                    out.write(_dumps(d) + "\n")
                    n += 1
                info = self.version_info(doc.id) or {}
                d = dict(doc.to_dict(), version=info.get("version", 1), valid_from=info.get("valid_from"),
                         valid_to=None)
            else:
                d = doc.to_dict()
            out.write(_dumps(d) + "\n")
            n += 1
        return n

    def import_jsonl(self, lines: Iterable[str], source: str = "<jsonl>", errors: list | None = None,
                     batch_size: int = 200) -> dict:
        """Import JSONL written by :meth:`export_jsonl`, keeping each line's ``id``. Bad lines are
        skipped and reported in ``errors`` as ``"source:LINE: reason"``; returns counts by status.

        A line with a ``valid_to`` (from ``export_jsonl(all_versions=True)``) is an earlier version: it is
        added to the document's history with its dates (``earlier_versions`` counts those stored), never
        made the current text, and skipped when its text is stored already (as the current or an earlier
        version). A current line's ``version`` and ``valid_from`` are kept when its document is new here.
        """
        counts = {"added": 0, "updated": 0, "unchanged": 0, "duplicate": 0, "failed": 0, "earlier_versions": 0}
        numbered = iter(enumerate(lines, 1))
        while True:
            done = 0
            with self.batch():
                for n, line in numbered:
                    if not line.strip():
                        continue
                    try:
                        d = json.loads(line)
                        doc = Document.from_dict(d)
                    except (ValueError, TypeError) as e:
                        counts["failed"] += 1
                        if errors is not None:
                            errors.append(f"{source}:{n}: {e}")
                        continue
                    if isinstance(d.get("valid_to"), str) and d["valid_to"]:
                        stored = self._import_version(doc, d.get("version"), d.get("valid_from"), d["valid_to"])
                        counts["earlier_versions" if stored else "unchanged"] += 1
                    else:
                        r = self.add(doc, dedup=False, replace=True)
                        counts[r.status] += 1
                        if r.status == "added" and (d.get("version") or d.get("valid_from")):
                            self._restore_numbering(doc.id, d.get("version"), d.get("valid_from"))
                    done += 1
                    if done >= batch_size:
                        break
            if done < batch_size:
                return counts

    def _version_dicts(self, doc: Document) -> list[dict]:
        """The earlier versions of ``doc`` as :meth:`export_jsonl` writes them, oldest first."""
        rows = self._db.execute(
            "SELECT version, title, text, metadata, spans, fetched_at, valid_from, valid_to FROM versions "
            "WHERE doc_id=? ORDER BY version", (doc.id,)).fetchall()
        out = []
        for version, title, text, metadata, spans, fetched_at, valid_from, valid_to in rows:
            old = Document(text=text, id=doc.id, kind=doc.kind, title=title, source=doc.source,
                           fetched_at=fetched_at, published=doc.published, region=doc.region,
                           metadata=json.loads(metadata), spans=_spans_from_json(spans, text))
            out.append(dict(old.to_dict(), version=version, valid_from=valid_from, valid_to=valid_to))
        return out

    def _import_version(self, doc: Document, number, valid_from, valid_to) -> bool:
        """Store ``doc`` as an earlier version of ``doc.id`` (numbered ``number`` when that is free and
        below the current version); False when its text is stored already."""
        h = doc.content_hash
        with self.batch():
            current = self._db.execute("SELECT content_hash, version FROM documents WHERE id=?",
                                       (doc.id,)).fetchone()
            if current and current[0] == h or self._db.execute(
                    "SELECT 1 FROM versions WHERE doc_id=? AND content_hash=?", (doc.id, h)).fetchone():
                return False
            taken = {r[0] for r in self._db.execute("SELECT version FROM versions WHERE doc_id=?", (doc.id,))}
            ceiling = current[1] if current else None
            if not isinstance(number, int) or number < 1 or number in taken or (ceiling and number >= ceiling):
                number = max(taken | {0}) + 1
                if ceiling and number >= ceiling:  # no room below the current version: it moves up one
                    number = ceiling
                    self._db.execute("UPDATE documents SET version=? WHERE id=?", (ceiling + 1, doc.id))
            values = dict(zip(_COLUMNS, Store._values(doc)))
            self._db.execute(
                "INSERT INTO versions (doc_id, version, title, text, metadata, spans, content_hash, fetched_at, "
                "valid_from, valid_to) VALUES (?,?,?,?,?,?,?,?,?,?)",
                (doc.id, number, doc.title, doc.text, values["metadata"], values["spans"], h, doc.fetched_at,
                 valid_from or valid_to, valid_to))
        return True

    def _restore_numbering(self, doc_id: str, number, valid_from) -> None:
        """Give a just imported current version its exported number and date, above its earlier versions."""
        top = self._db.execute("SELECT coalesce(max(version), 0) FROM versions WHERE doc_id=?", (doc_id,)).fetchone()[0]
        number = max(number if isinstance(number, int) else 1, top + 1)
        self._db.execute("UPDATE documents SET version=?, valid_from=coalesce(?, valid_from) WHERE id=?",
                         (number, valid_from if isinstance(valid_from, str) else None, doc_id))

    # -- internals ----------------------------------------------------------------------------------
    def _keep_known(self, values: tuple, stored_spans: str) -> tuple:
        """``values`` (same text as stored) with the stored annotation groups it lacks, and the stored
        region and published date where it has none."""
        row = dict(zip(_COLUMNS, values))
        old = json.loads(stored_spans or "{}")
        if old:
            new = json.loads(row["spans"])
            if any(g not in new for g in old):
                row["spans"] = _dumps({**old, **new})
        if row["region"] is None or row["published"] is None:
            region, published = self._db.execute("SELECT region, published FROM documents WHERE id=?",
                                                 (row["id"],)).fetchone()
            row["region"] = region if row["region"] is None else row["region"]
            row["published"] = published if row["published"] is None else row["published"]
        return tuple(row[c] for c in _COLUMNS)

    @staticmethod
    def _values(doc: Document) -> tuple:
        return (doc.id, doc.kind, doc.title, doc.text, doc.source, doc.fetched_at, doc.published, doc.region,
                _dumps(doc.metadata), _spans_json(doc.spans),
                doc.raw_text, _dumps([list(p) for p in doc.offset_map]) if doc.raw_text is not None else None)

    @staticmethod
    def _doc(row) -> Document:
        (id_, kind, title, text, source, fetched_at, published, region, metadata, spans, raw_text,
         offset_map) = row
        return Document(
            text=text, id=id_, kind=kind, title=title, source=source, fetched_at=fetched_at, published=published,
            region=region, metadata=json.loads(metadata),
            spans=_spans_from_json(spans, text),
            raw_text=raw_text, offset_map=[tuple(p) for p in json.loads(offset_map)] if offset_map else [])

    @staticmethod
    def _where(kind=None, region=None, since=None, until=None, ids=None, source_prefix=None):
        clauses, args = [], []
        for col, val in (("kind", kind), ("region", region)):
            if val:
                vals = [val] if isinstance(val, str) else list(val)
                clauses.append(f"{col} IN ({', '.join('?' * len(vals))})")
                args += vals
        if since:
            clauses.append("published >= ?")
            args.append(since)
        if until:
            clauses.append("published <= ?")
            args.append(until + "\uffff")
        if ids is not None:
            ids = list(ids)
            clauses.append(f"id IN ({', '.join('?' * len(ids))})")
            args += ids
        if source_prefix:
            clauses.append("substr(source, 1, ?) = ?")
            args += [len(source_prefix), source_prefix]
        return (" WHERE " + " AND ".join(clauses) if clauses else ""), args
