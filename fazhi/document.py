"""The one data model every stage reads and writes: :class:`Document`, :class:`Span`, :class:`Citation`.

Positions are half-open character offsets into ``Document.text``; ``doc.text[s.start:s.end] == s.text``
holds for every span a document carries (checked when a span is added and by property tests).

Examples:
    >>> doc = Document(text="依据《中华人民共和国民法典》第一千零七十九条", kind="mediation")
    >>> span = doc.add_span("citation", Citation(start=2, end=22, text=doc.text[2:22],
    ...                     law="中华人民共和国民法典", article=1079))
    >>> span.law, span.article
    ('中华人民共和国民法典', 1079)
    >>> Document.from_dict(doc.to_dict()) == doc
    True
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, fields
from datetime import datetime, timezone
from typing import Any, Iterable

__all__ = ["KINDS", "Span", "Citation", "Document", "content_hash", "json_type", "span_from_dict", "utcnow"]

KINDS = ("regulation", "judgment", "mediation", "post", "other")


def content_hash(text: str) -> str:
    """SHA-256 of the UTF-8 text, hex. Two documents with the same text have the same hash."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def utcnow() -> str:
    """The current time as an ISO-8601 string in UTC, to the second."""
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat()


@dataclass(frozen=True, kw_only=True)
class Span:
    """A labelled stretch of a document's text (keyword arguments only).

    Attributes:
        start, end: half-open character offsets into the document text.
        label: what the span is (``PERSON``, ``MONEY``, ``citation``, ``token`` ...).
        text: the covered text, always ``doc.text[start:end]``.
        norm: the normalised value (a number for MONEY, an ISO date for DATE ...), or None.
        source: what produced the span (``rules``, ``lac``, ``hanlp`` ...).
        attrs: any other JSON-able data; not part of equality.
    """

    start: int
    end: int
    label: str
    text: str
    norm: Any = field(default=None, hash=False)
    source: str = ""
    attrs: dict = field(default_factory=dict, compare=False, hash=False, repr=False)

    def __post_init__(self):
        if not (0 <= self.start <= self.end):
            raise ValueError(f"bad span offsets [{self.start}, {self.end})")
        if len(self.text) != self.end - self.start:
            raise ValueError(f"span text {self.text!r} does not have length end - start = {self.end - self.start}")

    def to_dict(self) -> dict:
        d = {"type": "span", "start": self.start, "end": self.end, "label": self.label, "text": self.text,
             "norm": self.norm, "source": self.source}
        if self.attrs:
            d["attrs"] = dict(self.attrs)
        return d


@dataclass(frozen=True, eq=False, kw_only=True)
class Citation(Span):
    """A citation of a law or a provision: ``《中华人民共和国民法典》第一千零七十九条第二款``.

    ``law`` is the canonical title, or None when the document cites itself (本法 / 本条例 第X条).
    ``article``, ``paragraph`` and ``item`` are integers (条, 款, 项) or None; an inserted article
    (第一百三十三条之一) has ``article`` 133 and ``attrs["sub"]`` 1.

    Equality and hash follow meaning, not position: two citations of the same provision are equal
    wherever they stand in the text (like eyecite's citations). The provision is (law, article, sub,
    paragraph, item): ``attrs["sub"]`` is the one attribute that counts, since 第一百三十三条之一 is another
    article than 第一百三十三条.

    >>> a = Citation(start=0, end=7, text="第一百三十三条", law="中华人民共和国刑法", article=133)
    >>> b = Citation(start=9, end=18, text="第一百三十三条之一", law="中华人民共和国刑法", article=133, attrs={"sub": 1})
    >>> a == b, a == Citation(start=20, end=27, text="第一百三十三条", law="中华人民共和国刑法", article=133)
    (False, True)
    """

    label: str = "citation"
    law: str | None = None
    article: int | None = None
    paragraph: int | None = None
    item: int | None = None

    @property
    def key(self) -> tuple:
        """(law, article, sub, paragraph, item): what equality and hash compare."""
        return (self.law, self.article, (self.attrs or {}).get("sub"), self.paragraph, self.item)

    def __eq__(self, other):
        if not isinstance(other, Citation):
            return NotImplemented
        return self.key == other.key

    def __hash__(self):
        return hash(self.key)

    def to_dict(self) -> dict:
        d = super().to_dict()
        d.update(type="citation", law=self.law, article=self.article, paragraph=self.paragraph, item=self.item)
        return d


_SPAN_TYPES: dict[str, type[Span]] = {"span": Span, "citation": Citation}


def register_span_type(name: str, cls: type[Span]) -> None:
    """Let :func:`span_from_dict` rebuild a Span subclass from its ``type`` tag."""
    _SPAN_TYPES[name] = cls


def span_from_dict(d: dict) -> Span:
    """Rebuild a Span (or subclass) from :meth:`Span.to_dict` output."""
    d = dict(d)
    cls = _SPAN_TYPES.get(d.pop("type", "span"), Span)
    names = {f.name for f in fields(cls)}
    return cls(**{k: v for k, v in d.items() if k in names})


_JSON_TYPES = {dict: "object", list: "array", str: "string", int: "number", float: "number", bool: "true/false",
               type(None): "null"}


def json_type(value) -> str:
    """The JSON name of a parsed value's type, for error messages (``[1, 2]`` -> ``array``).

    >>> json_type([1, 2]), json_type("x"), json_type(None)
    ('array', 'string', 'null')
    """
    return _JSON_TYPES.get(type(value), type(value).__name__)


@dataclass
class Document:
    """A legal text and what is known about it.

    Attributes:
        text: the cleaned text every span indexes.
        id: a stable identifier; derived from ``source`` (or from the text) when not given.
        kind: one of ``regulation``, ``judgment``, ``mediation``, ``post``, ``other``.
        title, source (URL or path), fetched_at, published (ISO date), region.
        metadata: any other JSON-able facts (issuer, status, case number, provenance ...).
        spans: annotations in named groups (``entity``, ``citation``, ``token`` ...), which may overlap.
        raw_text: the text as crawled or OCR'd, when cleaning changed it.
        offset_map: ``[(clean_offset, raw_offset), ...]`` anchors, monotone in both, mapping ``text`` back
            to ``raw_text``; empty when the two are the same.
    """

    text: str
    id: str = ""
    kind: str = "other"
    title: str = ""
    source: str = ""
    fetched_at: str | None = None
    published: str | None = None
    region: str | None = None
    metadata: dict = field(default_factory=dict)
    spans: dict[str, list[Span]] = field(default_factory=dict)
    raw_text: str | None = None
    offset_map: list[tuple[int, int]] = field(default_factory=list)

    def __post_init__(self):
        if not isinstance(self.text, str):
            raise TypeError(f"Document.text must be str, not {type(self.text).__name__}")
        if self.kind not in KINDS:
            raise ValueError(f"unknown kind {self.kind!r}; choose one of: {', '.join(KINDS)}")
        if not self.id:
            basis = self.source or self.text
            self.id = "doc-" + hashlib.sha1(basis.encode("utf-8")).hexdigest()[:16]

    def __repr__(self):
        title = self.title or self.text[:20].replace("\n", " ")
        return f"<Document {self.id} {self.kind} {title!r} {len(self.text)} chars>"

    @property
    def content_hash(self) -> str:
        return content_hash(self.text)

    def add_span(self, group: str, span: Span) -> Span:
        """Add ``span`` to ``spans[group]`` after checking it matches the text."""
        if self.text[span.start:span.end] != span.text:
            raise ValueError(
                f"span {span.text!r} does not match text[{span.start}:{span.end}] = "
                f"{self.text[span.start:span.end]!r} in document {self.id}")
        self.spans.setdefault(group, []).append(span)
        return span

    def set_spans(self, group: str, spans: Iterable[Span]) -> None:
        """Replace a group of spans, checking each one."""
        self.spans[group] = []
        for s in spans:
            self.add_span(group, s)

    def raw_offset(self, offset: int) -> int:
        """Map an offset in ``text`` to the corresponding offset in ``raw_text``."""
        if not self.offset_map:
            return offset
        best = (0, 0)
        for clean, raw in self.offset_map:
            if clean > offset:
                break
            best = (clean, raw)
        return best[1] + (offset - best[0])

    def to_dict(self) -> dict:
        d = {
            "id": self.id, "kind": self.kind, "title": self.title, "text": self.text, "source": self.source,
            "fetched_at": self.fetched_at, "published": self.published, "region": self.region,
            "metadata": self.metadata, "content_hash": self.content_hash,
            "spans": {g: [s.to_dict() for s in ss] for g, ss in self.spans.items()},
        }
        if self.raw_text is not None:
            d["raw_text"] = self.raw_text
            d["offset_map"] = [list(p) for p in self.offset_map]
        return d

    @classmethod
    def from_dict(cls, d: dict) -> "Document":
        """Rebuild a document from :meth:`to_dict` output. Raises ValueError when a span does not match
        the text (an edited or damaged line), rather than keeping offsets that point elsewhere."""
        if "text" not in d or not isinstance(d["text"], str):
            raise ValueError("a document needs a 'text' string")
        for key, kind in (("metadata", dict), ("spans", dict), ("offset_map", list)):
            if d.get(key) is not None and not isinstance(d[key], kind):
                raise ValueError(f"'{key}' must be a JSON {json_type(kind())}, not a JSON {json_type(d[key])}")
        doc = cls(
            text=d["text"], id=d.get("id") or "", kind=d.get("kind") or "other", title=d.get("title") or "",
            source=d.get("source") or "", fetched_at=d.get("fetched_at"), published=d.get("published"),
            region=d.get("region"), metadata=dict(d.get("metadata") or {}),
            raw_text=d.get("raw_text"), offset_map=[tuple(p) for p in d.get("offset_map") or []],
        )
        for g, ss in (d.get("spans") or {}).items():
            doc.set_spans(g, (span_from_dict(s) for s in ss))
        return doc
