"""Build the law registry and the citation graph from law texts (folders, a store, or Documents).

Evidence, in the order it is applied:

1. version families: documents with the same canonical title and different promulgation dates are
   versions of one law; parts of a law split across files (民法典 by 编) with the same date are one version;
2. status fields from sources: the flk crawler's 有效 / 已修改 / 已废止 / 尚未生效 on the latest text, and
   LawRefBook flags (a title with a single version flagged ``expired`` is no longer in force, date unknown);
3. repeal clauses mined from the texts (``《中华人民共和国合同法》……同时废止``, ``自本…施行之日起，…废止``):
   the repealed law gets the repeal date (the repealing version's 施行 date) and a successor;
4. the reviewed overrides file ``fazhi/graph/data/overrides.tsv`` for facts no text states, each with its
   source;
5. 施行 dates: a version's own evidence (a 施行 header line, 本法自X起施行, the 自公布之日起施行 of a text enacted or
   revised on that date), else the amending instrument's text in the corpus, else the reviewed table
   ``fazhi/graph/data/effective_overrides.tsv`` (the amending decision's 施行 clause), else LawRefBook's
   ``valid_from``; ``Version.effective_from`` says which.

The graph (networkx MultiDiGraph) has law nodes (the canonical title), version nodes (``title@date``),
article nodes (``title@date#N`` for a citing article, ``title#N`` for a cited one; ``…#133之一`` with a ``sub``
attribute for an inserted article) and edges ``version_of``, ``part_of``, ``cites``, ``based_on``,
``repeals``, ``supersedes`` and ``amends``.
"""
from __future__ import annotations

import bisect
import csv
import itertools
import logging
import os
import pickle
import re
import time
from collections import Counter
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Callable, Iterable, Iterator

from fazhi.document import Document
from fazhi.graph._rules import (EFFECTIVE_REGEX, article_paragraphs, cn_date, find_citations, inserted_articles,
                                max_fine, plain_articles)
from fazhi.graph._titles import guess_rank_from_title, title_key
from fazhi.graph.registry import RANKS, Law, Registry, Version, article_label, encode_structure
from fazhi.numerals import cn_to_int

__all__ = ["build", "build_from_paths", "build_from_store", "iter_law_documents", "Built", "load_graph",
           "save_graph", "GRAPH_FILE", "load_overrides", "load_effective_overrides", "EVIDENCE_ARTICLES",
           "preamble_lines", "effective_evidence", "EXPLICIT_EFFECTIVE"]

log = logging.getLogger(__name__)
GRAPH_FILE = "graph.pkl"
# articles quoted as evidence by the checks (the rules that forbid normative documents to set
# penalties, licences and compulsory measures, and the level limits of the ranks that may set some of
# them), and the 30-day filing rule
EVIDENCE_ARTICLES = {"中华人民共和国行政处罚法": (10, 11, 12, 13, 14, 16),
                     "中华人民共和国行政许可法": (15, 16, 17, 58),
                     "中华人民共和国行政强制法": (10,), "法规规章备案条例": (3,)}
_LEVEL_RANK = {lv: lv for lv in RANKS}
_REPEAL_SENTENCE = re.compile(r"[^。；]*(?:同时废止|予以废止|一并废止|即行废止|起废止|废止。?$|停止执行)[^。；]*")
_SELF_DATE = re.compile(r"自公布之日起施行|自发布之日起施行")
_AMEND_TITLE = re.compile(r"关于修改[《〈](.+?)[》〉]")
_AMBIGUOUS_TARGET = re.compile(r"^关于|决定$|决议$|修正案(?:（[^）]*）)?$")
_INSTRUMENT = re.compile(r"《((?:[^《》〈〉]{0,30}?关于修改[^》]*?(?:〈[^〉]*〉[^》]*?)*的决定)|[^》]{2,40}修正案(?:（[^）]*）)?)》")
_BASIS = re.compile(r"(?:根据|依据|依照)(.{0,300}?)(?:的规定)?[，,]?(?:结合|制定)")


@dataclass
class Built:
    """What :func:`build` returns: the registry, the graph, and counts."""

    registry: Registry
    graph: object
    stats: dict = field(default_factory=dict)
    dupes: object = None


def load_overrides(path: str | os.PathLike | None = None) -> list[dict]:
    """Rows of the overrides file (title, field, value, source); every row must name its source."""
    if path is None:
        fh = resources.files("fazhi.graph").joinpath("data", "overrides.tsv").open("r", encoding="utf-8")
    else:
        fh = open(path, encoding="utf-8")
    rows = []
    with fh:
        lines = [l for l in fh if l.strip() and not l.startswith("#")]
    for row in csv.DictReader(lines, dialect="excel-tab"):
        if not (row.get("source") or "").strip():
            raise ValueError(f"overrides row without a source: {row}")
        rows.append(row)
    return rows


def load_effective_overrides(path: str | os.PathLike | None = None) -> list[dict]:
    """Rows of the reviewed 施行-date table (title, version, effective, source): versions of amended laws whose
    text says only 自公布之日起施行 (the original law's clause), with the date the amending decision names.
    Every row must name its source and give ISO dates."""
    if path is None:
        fh = resources.files("fazhi.graph").joinpath("data", "effective_overrides.tsv").open("r", encoding="utf-8")
    else:
        fh = open(path, encoding="utf-8")
    with fh:
        lines = [l for l in fh if l.strip() and not l.startswith("#")]
    rows = []
    for row in csv.DictReader(lines, dialect="excel-tab"):
        if not (row.get("source") or "").strip():
            raise ValueError(f"effective overrides row without a source: {row}")
        for k in ("version", "effective"):
            if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", (row.get(k) or "").strip()):
                raise ValueError(f"effective overrides row: {k} is not an ISO date: {row}")
        if row["effective"].strip() < row["version"].strip():
            raise ValueError(f"effective overrides row: in force before its date: {row}")
        rows.append(row)
    return rows


def _apply_effective_override(reg: Registry, row: dict) -> None:
    """Set a version's 施行 date from a reviewed row, unless the corpus states one (a 施行 line, the text's own
    clause, or the amending decision's text): the texts win, and a row they contradict is logged."""
    title, date, when = row["title"].strip(), row["version"].strip(), row["effective"].strip()
    src = row["source"].strip()
    law = reg.get(title)
    version = next((v for v in law.versions if v.date == date), None) if law else None
    if version is None:
        return  # the corpus does not hold that version
    if version.effective_from in EXPLICIT_EFFECTIVE + ("instrument",):
        if version.start != when:
            log.warning("effective overrides: %s of %s: the corpus says %s (%s), the table %s", law.title, date,
                        version.start, version.effective_from, when)
        return
    version.effective, version.effective_from = when, "overrides"
    law.evidence.append({"fact": f"施行 {when}", "version": date, "source": src, "override": True})


# a normative document (规范性文件) the loaders call "other", not "regulation": a 通知, 意见 or 方案 issued under a
# 发文字号 near its top (某司通〔2023〕6号). It cites laws as a rule does, and the cleanup list after an amendment
# must name it (an individual act, …决定书 or …通知书, is no such document)
_NORMATIVE_TITLE = re.compile(r"(?:通知|意见|方案|决定|公告|通告|措施|指引|细则|规程|要点|批复)(?:[（(][^（）()]{1,12}[）)])?\s*$")
_INDIVIDUAL_ACT = re.compile(r"(?:决定书|通知书|告知书|意见书)\s*$")
# 某司通〔2023〕6号, also typed 某政办发[2023]5号 or 某政发（2023）5号 (round brackets only after 发/办/函/字/规/通, as a
# case number (2020)京01民终123号 has none of these before its year)
_DOC_NUMBER_HEAD = re.compile(r"[\u4e00-\u9fff]{1,12}(?:[〔\[［]\d{4}[〕\]］]|(?<=[发办函字规通])[（(]\d{4}[）)])第?\d+号")


def is_normative_document(doc: Document) -> bool:
    """Whether a document the loaders did not call a regulation is a normative document to put in the graph: its
    title ends as a 通知/意见/方案 does and a 发文字号 stands in its first 400 characters.

    >>> from fazhi.document import Document
    >>> is_normative_document(Document(text="某区司法局关于加强调解工作的通知\\n\\n某司通〔2023〕6号\\n\\n一、…", kind="other",
    ...                                 title="某区司法局关于加强调解工作的通知"))
    True
    >>> is_normative_document(Document(text="某市人民政府关于加强调解工作的意见\\n\\n某政发（2023）5号\\n\\n一、…",
    ...                                 kind="other", title="某市人民政府关于加强调解工作的意见"))
    True
    >>> is_normative_document(Document(text="某区司法局关于加强调解工作的通知\\n\\n一、…", kind="other",
    ...                                 title="某区司法局关于加强调解工作的通知"))
    False
    """
    title = (doc.title or "").strip()
    return doc.kind == "other" and bool(_NORMATIVE_TITLE.search(title)) and not _INDIVIDUAL_ACT.search(title) \
        and bool(_DOC_NUMBER_HEAD.search(doc.text[:400]))


def iter_law_documents(paths: Iterable[str | os.PathLike], errors: list | None = None) -> Iterator[Document]:
    """Regulation documents under ``paths`` (folders are walked), read through the corpus loaders, and the
    normative documents among the others (:func:`is_normative_document`)."""
    from fazhi.corpora.loaders import iter_files, load_path
    from fazhi.errors import UnreadableFile

    for fp in iter_files(paths):
        try:
            for doc in load_path(fp):
                if doc.kind == "regulation" or is_normative_document(doc):
                    yield doc
        except UnreadableFile as e:
            if errors is not None:
                errors.append((e.path, e.reason))
            else:
                raise


def _article_table(doc: Document) -> list[tuple[int, int, int, str]]:
    """(number, start, end, suffix) for each article of a document; suffix is the 之X of an inserted
    article (第一百二十条之一), else ""."""
    spans = doc.spans.get("article")
    if spans:
        return [(s.norm, s.start, s.end, s.attrs.get("suffix") or "") for s in spans
                if isinstance(s.norm, int)]
    return [(n, s, s + len(t), "") for n, s, t in plain_articles(doc.text)]


def _sub(suffix: str) -> int | None:
    """The number of an inserted article's suffix (之一 -> 1), None for "" or a suffix it cannot read."""
    try:
        return cn_to_int(suffix.lstrip("之")) if suffix else None
    except ValueError:
        return None


def _inserted(doc: Document, arts) -> set[tuple[int, int]]:
    """(article, sub) of the inserted articles: from the article spans, else from the plain text."""
    if not doc.spans.get("article"):
        return inserted_articles(doc.text)
    return {(n, _sub(suffix)) for n, _, _, suffix in arts if _sub(suffix)}


_JOINT_ISSUERS = re.compile(r"^((?:最高人民法院|最高人民检察院|公安部|司法部)(?:、(?:最高人民法院|最高人民检察院|公安部|司法部))*)"
                            r"[ \t\u3000]*(?=最高人民法院|最高人民检察院|公安部|司法部)")
_SPACE_AT_MARK = re.compile(r"[ \t\u3000]+(?=[《》〈〉（）])|(?<=[《》〈〉（）])[ \t\u3000]+")


def _tidy(title: str) -> str:
    """Spaces a file name or heading puts where the title has none: between joint issuers (最高人民法院 最高人民检察院
    关于… and 最高人民法院最高人民检察院关于… are 最高人民法院、最高人民检察院关于…) and beside a 《》 or bracket. Else one
    text is two laws.

    >>> _tidy("最高人民法院  最高人民检察院关于办理强奸、猥亵未成年人刑事案件适用法律若干问题的解释")[:16]
    '最高人民法院、最高人民检察院关于'
    >>> _tidy("最高人民法院、最高人民检察院关于执行《中华人民共和国刑法》 确定罪名的补充规定（七）")[-15:]
    '刑法》确定罪名的补充规定（七）'
    """
    while True:
        t = _JOINT_ISSUERS.sub(r"\1、", title, count=1)
        if t == title:
            break
        title = t
    return _SPACE_AT_MARK.sub("", title)


def _canonical(title: str) -> str:
    try:
        from fazhi.nlp.aliases import canonical_title

        c = canonical_title(title)
    except ImportError:
        c = None
    return _tidy(c or title_key(title))


def _doc_date(doc: Document) -> str:
    return doc.published or doc.metadata.get("version_date") or ""


def _clause_date(sentence_or_article: str, version_date: str, effective: str | None) -> str | None:
    m = EFFECTIVE_REGEX.search(sentence_or_article)
    if m:
        return cn_date(*m.groups())
    if _SELF_DATE.search(sentence_or_article):
        return version_date or effective
    return effective or version_date or None


_ADOPTION = ("通过", "修正", "修订", "公布", "批准")
# a header line that states when its own amendment took effect: 《关于修改…的决定》修正，该修正自2021年4月15日施行
_LINE_IN_FORCE = re.compile(r"自(\d{4})年(\d{1,2})月(\d{1,2})日起?(?:施行|生效)")
_OWN_SELF_DATE = re.compile(r"自(?:公布|发布)之日起(?:施行|生效|执行)")
# where a version's 施行 date came from; the first four are the text's own evidence
EXPLICIT_EFFECTIVE = ("header", "text", "own_clause", "document")


def effective_evidence(doc: Document, date: str) -> tuple[str | None, str | None]:
    r"""The date a text of version ``date`` took effect and where that date comes from:

    * ``header``: a 施行 line of the header after the last adoption (the date it states: ``…发布 自X施行``), or
      the last 修正 line's own ``该修正自X施行``;
    * ``text``: the text's ``本法自X起施行`` (a date not before the version's);
    * ``own_clause``: ``本法自公布之日起施行`` in a text that is this version's own (enacted or revised then, not
      amended since): the version date;
    * ``document``: the date another source's reader found in the document (not a LawRefBook import);
    * ``manifest``: only LawRefBook's ``valid_from`` (not reliable: for an amended law it is often the day
      the amendment was adopted, though the amending decision names a later day);
    * ``(None, None)``: nothing. ``自公布之日起施行`` of an amended text is the original law's clause, no
      evidence for the amendment.

    >>> from fazhi.corpora.lawrefbook import parse_lawrefbook
    >>> md = "# 某某法\n\n2010年1月1日 通过\n\n2020年5月1日 《关于修改〈某某法〉的决定》修正\n\n<!-- INFO END -->\n\n"
    >>> doc = parse_lawrefbook(md + "第一条 目的。\n\n第二条 本法自公布之日起施行。\n")
    >>> effective_evidence(doc, "2020-05-01")
    (None, None)
    >>> doc = parse_lawrefbook(md.replace("修正", "修正，该修正自2020年7月1日施行") + "第一条 目的。\n")
    >>> effective_evidence(doc, "2020-05-01")
    ('2020-07-01', 'header')
    """
    meta = doc.metadata
    tail = doc.text[-800:]
    found = [cn_date(*m.groups()) for m in EFFECTIVE_REGEX.finditer(tail)]
    stated = [d for d in found if d and (not date or d >= date)]
    if not meta.get("lawrefbook"):
        if meta.get("effective"):
            return meta["effective"], "document"
        return (stated[-1], "text") if stated else (None, None)
    events = meta.get("events") or []
    adoption = [e for e in events if e.get("event") in _ADOPTION and e.get("date")]
    last = adoption[-1] if adoption else None
    in_force = []
    for e in events:
        if e.get("event") == "施行" and e.get("date") and (last is None or e["date"] >= last["date"]):
            # 1999年3月10日 海关总署发布 自1999年4月1日施行: the date the line states, not the line's own
            m = _LINE_IN_FORCE.search(e.get("text") or "")
            d = cn_date(*m.groups()) if m else None
            in_force.append(d if d and d >= e["date"] else e["date"])
    if in_force:
        return in_force[-1], "header"
    if last is not None and last["event"] in ("修正", "修订"):
        m = _LINE_IN_FORCE.search(last.get("text") or "")
        d = cn_date(*m.groups()) if m else None
        if d and (not date or d >= date):
            return d, "header"
    if stated:  # the text's own 自X起施行 outweighs the manifest's valid_from
        return stated[-1], "text"
    if date and last is not None and _OWN_SELF_DATE.search(tail) and last["date"] <= date \
            and _days(last["date"], date) <= 120 and (
                last["event"] == "修订" or all(e["event"] != "修正" and _days(e["date"], last["date"]) <= 120
                                                for e in adoption)):
        return date, "own_clause"  # enacted (or revised) then and not amended since: its own clause
    if meta.get("effective"):
        return meta["effective"], "manifest"
    return None, None


def _process(doc: Document, with_signatures: bool = True) -> dict:
    """Everything the build needs from one document (picklable; runs in worker processes)."""
    title = _canonical(doc.title) if doc.title else ""
    arts = _article_table(doc)
    starts = [a[1] for a in arts]
    date = _doc_date(doc)
    effective, effective_from = effective_evidence(doc, date)
    numbers = {a[0] for a in arts if not a[3]}
    subs = _inserted(doc, arts)
    sigs = []
    if with_signatures:
        from fazhi.graph.dupes import signatures

        plain = [(n, s, e) for n, s, e, suffix in arts if not suffix]
        for (n, _, _), sig in zip(plain, signatures([doc.text[s:e] for _, s, e in plain])):
            if sig is not None:
                sigs.append((n, sig))
    # the article texts, for the signatures of CITE_STALE_NUMBER: build() computes them only for laws the corpus
    # holds in several versions (which it knows once every record is in), about half the CPU of this step otherwise
    articles = [(n, doc.text[s:e]) for n, s, e, suffix in arts if not suffix]
    fines = {}
    texts = {}
    structure = {}  # article -> items per paragraph, for articles of more than one paragraph or with items
    paragraph_fines = {}  # (article, paragraph) -> highest fine, for articles of more than one paragraph
    wanted = EVIDENCE_ARTICLES.get(title, ())
    for n, s, e, suffix in arts:
        t = doc.text[s:e]
        paras = article_paragraphs(t)
        shape = tuple(k for _, k in paras) or (0,)
        if suffix:
            if shape != (0,) and _sub(suffix):
                structure[(n, _sub(suffix))] = shape  # 第二百八十七条之一: keyed (287, 1)
            continue
        if shape != (0,):
            structure[n] = shape
        if "罚款" in t:
            f = max_fine(t)
            if f:
                fines[n] = max(f, fines.get(n, 0))
            if len(paras) > 1:
                for i, (pt, _) in enumerate(paras, 1):
                    pf = max_fine(pt) if "罚款" in pt else None
                    if pf:
                        paragraph_fines[(n, i)] = pf
        if n in wanted:
            texts[n] = t
    cites = []
    try:
        found = find_citations(doc.text, self_title=title or None)
    except Exception as e:  # noqa: BLE001 - a bad document must not stop a corpus build; it is logged
        log.warning("citations failed in %s: %s", doc.source or doc.id, e)
        found = []
    # the header lines of an imported law (通过/修正 events) name amending decisions, not citations; its
    # preamble (为正确审理……，根据《中华人民共和国民法典》……制定本解释。) is text and cites
    body_start = 0
    preamble: list[tuple[int, int]] = []
    if doc.metadata.get("lawrefbook"):
        firsts = [a[1] for a in arts[:1]] + [h.start for h in doc.spans.get("heading", [])[:1]]
        body_start = min(firsts) if firsts else 0
        preamble = preamble_lines(doc.text, body_start, doc.metadata.get("events"))
    for c in found:
        if c.start < body_start and not any(a <= c.start < b for a, b in preamble):
            continue
        k = bisect.bisect_right(starts, c.start) - 1
        inside = k >= 0 and c.start < arts[k][2]
        src_article = arts[k][0] if inside else None
        # 第一百三十三条之一 is not article 133: the 之X of both sides is kept (None for a plain article)
        src_sub = _sub(arts[k][3]) if inside else None
        sub = (c.attrs or {}).get("sub") if c.article is not None else None
        cites.append((src_article, c.law, c.article, c.start, c.end, src_sub, sub))
    raw_titles = {c.start: (c.attrs or {}).get("raw_title") for c in found}
    # repeal clauses: sentences with 废止 inside articles; the titles cited there, without an article number
    repeals = []
    # 本法自公布之日起施行，《…（试行）》同时废止 in a text amended since: 公布 is the original promulgation
    events = doc.metadata.get("events") or []
    original = None
    if any(ev.get("event") in ("修正", "修订") for ev in events):
        original = min((ev["date"] for ev in events if ev.get("event") == "公布" and ev.get("date")), default=None) \
            or min((ev["date"] for ev in events if ev.get("event") == "通过" and ev.get("date")), default=None)
    for n, s, e, _ in arts:
        t = doc.text[s:e]
        if "废止" not in t and "停止执行" not in t:
            continue
        for m in _REPEAL_SENTENCE.finditer(t):
            sent = m.group(0)
            if re.search(r"不得|应当废止|提请|建议|决定废止|可以废止|由.{1,20}废止", sent):
                continue
            a, b = s + m.start(), s + m.end()
            when = _clause_date(t, original or date, effective)
            for src_article, law, art, cs, ce, _, _ in cites:
                if law and cs >= a and ce <= b and art is None:
                    repeals.append((_trial_title(law, raw_titles.get(cs)), when, n, doc.text[a:b].strip()))
    if _REPEAL_DECISION.search(title or ""):
        # 关于废止部分地方性法规的决定: 一、废止《北京市反不正当竞争条例》（1994年…通过） — each title it lists, from the
        # day the decision takes effect (本决定自公布之日起施行: the day it was adopted when no date is given)
        when = _clause_date(doc.text[-300:], date or original or min(
            (ev["date"] for ev in events if ev.get("date")), default=""), effective) or None
        for src_article, law, art, cs, ce, _, _ in cites:
            line_start = doc.text.rfind("\n", 0, cs) + 1
            line_end = doc.text.find("\n", ce)
            line = doc.text[line_start:line_end if line_end >= 0 else len(doc.text)]
            before = doc.text[line_start:cs]
            # in a decision that also amends (关于废止和修改…), only a line that says 废止
            if law and art is None and law != title and not _KEPT.search(before) and (
                    "修改" not in title or "废止" in before):
                repeals.append((_trial_title(law, raw_titles.get(cs)), when, None, line.strip()))
    based_on = []
    first = next((a for a in arts if a[0] == 1), None)
    # the 根据 clause: in 第一条, or in the preamble of a text whose articles start without one (an interpretation)
    places = [(first[1], first[2])] if first else []
    places += preamble
    for s0, e0 in places:
        m = _BASIS.search(doc.text, s0, e0) or (_PREAMBLE_BASIS.search(doc.text, s0, e0) if (s0, e0) in preamble
                                                 else None)
        if m:
            a, b = m.start(), m.end()
            for src_article, law, art, cs, ce, _, _ in cites:
                if law and cs >= a and ce <= b:
                    based_on.append((law, art))
            break
    amends = []
    mt = _AMEND_TITLE.search(doc.title or "")
    if mt:
        amends.append(_canonical(mt.group(1)))
    amended_by = []
    amended_at = []  # the instruments that made this version (their 施行 date is the version's, when it lacks one)
    for ev in doc.metadata.get("events") or []:
        for dm in re.finditer(r"《(关于修改[^》]*?(?:〈[^〉]*〉[^》]*?)*的决定)》", ev.get("text", "")):
            amended_by.append((dm.group(1), ev.get("date")))
        if ev.get("date") and ev.get("date") == date:
            amended_at += [(m.group(1), ev["date"]) for m in _INSTRUMENT.finditer(ev.get("text", ""))]
    return {
        "id": doc.id, "source": doc.source, "title": title, "raw_title": doc.title, "date": date,
        "effective": effective, "effective_from": effective_from, "level": doc.metadata.get("level"),
        "issuer": doc.metadata.get("issuer") or doc.metadata.get("office"), "status": doc.metadata.get("status"),
        "region": doc.region, "flag": doc.metadata.get("lawrefbook_flag"), "part": doc.metadata.get("part"),
        "numbers": numbers, "subs": subs, "max_article": max(numbers) if numbers else 0, "fines": fines,
        "texts": texts, "structure": structure, "paragraph_fines": paragraph_fines,
        "cites": [(sa, law, art, ssub, sub) for sa, law, art, _, _, ssub, sub in cites], "repeals": repeals, "based_on": based_on,
        "enacted": min((e["date"] for e in doc.metadata.get("events") or [] if e.get("date")), default=None),
        "amended_before": any(e.get("event") in ("修正", "修订") for e in doc.metadata.get("events") or []),
        "amends": amends, "amended_by": amended_by, "amended_at": amended_at, "chars": len(doc.text), "sigs": sigs,
        "articles": articles,
    }


_PREAMBLE_BASIS = re.compile(r"(?:根据|依据|依照)[^。；;]{0,300}?(?=[，,](?:结合|制定|特制定|现就|现对|对|就|作)|[。；;：:]|$)")
_NOT_PREAMBLE = re.compile(r"^[（(〈<【\[]")
_SENTENCE_END = re.compile(r"[。：:；;，,]$")


def preamble_lines(text: str, end: int, events=None) -> list[tuple[int, int]]:
    r"""(start, end) of the preamble lines of an imported law: the lines between its header and ``end`` (the
    first article or heading) that are sentences — not the title (the first line), not a 通过/修正 event line,
    not a history note in brackets, not a title broken over lines (those end without punctuation).

    >>> t = "某某解释\n2020年1月1日 施行\n为正确审理案件，根据《中华人民共和国民法典》，制定本解释。\n第一条 …"
    >>> [t[a:b] for a, b in preamble_lines(t, t.index("第一条"), [{"text": "2020年1月1日 施行"}])]
    ['为正确审理案件，根据《中华人民共和国民法典》，制定本解释。']
    >>> preamble_lines("关于适用\n《中华人民共和国民法典》\n（2020年12月29日会议通过，根据《…》修正。）\n第一条", 40)
    []
    """
    head = {(e.get("text") or "").strip() for e in events or ()}
    out = []
    pos = text.find("\n") + 1 if "\n" in text[:end] else end  # the first line is the title
    while pos < end:
        nl = text.find("\n", pos, end)
        stop = nl if nl >= 0 else end
        line = text[pos:stop].strip()
        if line and line not in head and not _NOT_PREAMBLE.match(line) and _SENTENCE_END.search(line):
            out.append((pos, stop))
        pos = stop + 1
    return out


_TRIAL = re.compile(r"[（(]试行[）)]$")
_REPEAL_DECISION = re.compile(r"关于废止.{0,60}的决定$")
_KEPT = re.compile(r"修改|修正|保留|继续有效|根据|依据|依照")


def _trial_title(law: str, raw: str | None) -> str:
    """The title a repeal clause names: 《中华人民共和国企业破产法（试行）》 is another law than the 企业破产法 that
    repeals it, though citations read both as 中华人民共和国企业破产法 (the note dropped).

    >>> _trial_title("中华人民共和国企业破产法", "中华人民共和国企业破产法(试行)")
    '中华人民共和国企业破产法（试行）'
    >>> _trial_title("中华人民共和国合同法", "中华人民共和国合同法")
    '中华人民共和国合同法'
    """
    if raw and _TRIAL.search(raw.strip()) and not _TRIAL.search(law):
        return law + "（试行）"
    return law


def _days(a: str, b: str) -> int:
    from datetime import date as _d

    try:
        return (_d.fromisoformat(b) - _d.fromisoformat(a)).days
    except ValueError:
        return 0


def _version_signatures(parts: list[dict]) -> str | None:
    """The article signatures (fazhi.graph.stale) of one version's files, joined."""
    from fazhi.graph.stale import signatures

    return "|".join(sig for sig in (signatures(p.get("articles") or ()) for p in parts) if sig) or None


def _process_path(path: str) -> list[dict]:
    from fazhi.errors import UnreadableFile

    try:
        return [_process(d) for d in iter_law_documents([path])]
    except UnreadableFile as e:
        return [{"error": (e.path, e.reason)}]


def build(documents: Iterable[Document] | None = None, *, records: Iterable[dict] | None = None,
          overrides: list[dict] | None = None, on_item: Callable[[], None] | None = None,
          effective_overrides: list[dict] | None = None) -> Built:
    """Build the registry and graph from Documents (or from pre-processed records).

    Args:
        documents: regulation Documents (LawRefBook imports carry article spans and header events).
        records: output of the internal per-document step (used by the parallel path builder).
        overrides: rows as :func:`load_overrides` returns; the bundled file by default.
        effective_overrides: rows as :func:`load_effective_overrides` returns; the bundled file by default.
        on_item: called once per document, for progress bars.
    """
    t0 = time.perf_counter()
    recs: list[dict] = []
    errors = []
    source = records if records is not None else (_process(d) for d in documents or ())
    for r in source:
        if on_item:
            on_item()
        if "error" in r:
            errors.append(r["error"])
            continue
        if r["title"] and r["level"] not in ("案例", "其他"):
            recs.append(r)
    _merge_issuerless_titles(recs)
    _merge_duplicate_versions(recs)
    reg = Registry()
    by_version: dict[tuple[str, str], list[dict]] = {}
    for r in recs:
        by_version.setdefault((r["title"], r["date"]), []).append(r)
    dated_versions = Counter(title for (title, _), parts in by_version.items() if any(p["numbers"] for p in parts))
    for (title, date), parts in sorted(by_version.items()):
        law = reg.laws.get(title)
        if law is None:
            first = parts[0]
            rank = _LEVEL_RANK.get(first["level"] or "") or guess_rank_from_title(title, first["issuer"])
            law = reg.add_law(Law(title=title, rank=rank, issuer=first["issuer"], region=first["region"]))
        enacted = min((p.get("enacted") for p in parts if p.get("enacted")), default=None)
        if not law.versions or date < law.versions[0].date:
            # the earliest version the corpus holds is the original unless its header shows amendments or
            # an adoption more than a year before its date (医疗机构管理条例: 1994 header, 2016 file)
            law.first_is_original = not any(p.get("amended_before") for p in parts) and not (
                enacted and date and _days(enacted, date) > 366)
        if enacted and (law.enacted is None or enacted < law.enacted):
            law.enacted = enacted
        numbers = set().union(*(p["numbers"] for p in parts))
        fines, texts, structure, paragraph_fines = {}, {}, {}, {}
        for p in parts:
            fines.update(p["fines"])
            texts.update(p["texts"])
            structure.update(p.get("structure") or {})
            paragraph_fines.update(p.get("paragraph_fines") or {})
        effective, effective_from = max(((p["effective"], p.get("effective_from")) for p in parts
                                         if p["effective"]), key=lambda x: x[0], default=(None, None))
        if effective and date and effective < date:
            effective = effective_from = None  # the original version's 施行 date kept in an amended text's header
        flags = {p["flag"] for p in parts if p["flag"]}
        law.add_version(Version(
            date=date, effective=effective, effective_from=effective_from, articles=len(numbers),
            max_article=max(numbers) if numbers else 0,
            article_numbers=frozenset(numbers),
            sub_articles=frozenset().union(*(p.get("subs", ()) for p in parts)),
            sources=[p["source"] for p in parts],
            doc_ids=[p["id"] for p in parts], fines=fines, texts=texts,
            structure=encode_structure(structure) if all("structure" in p for p in parts) else None,
            paragraph_fines=paragraph_fines,
            flag="expired" if flags == {"expired"} else (flags.pop() if len(flags) == 1 else None),
            signatures=_version_signatures(parts) if dated_versions[title] > 1 else None))
        for p in parts:
            if p["raw_title"] and title_key(p["raw_title"]) != title:
                law.aliases.add(p["raw_title"])
            p.pop("articles", None)  # the texts were needed for the signatures only
    # LawRefBook flags: a single-version title flagged expired is no longer in force (date unknown)
    for law in reg.laws.values():
        if law.versions and law.versions[-1].flag == "expired" and len(law.versions) == 1:
            law.repealed = True
            law.evidence.append({"fact": "已废止", "source": "LawRefBook flag expired",
                                 "files": law.versions[-1].sources})
    # status fields from sources (the flk crawler: 有效 / 已修改 / 已废止 / 尚未生效 on each stored text)
    latest_status: dict[str, tuple[str, str, str]] = {}
    for r in recs:
        if r.get("status") in ("有效", "已修改", "已废止", "尚未生效"):
            prev = latest_status.get(r["title"])
            if prev is None or r["date"] >= prev[0]:
                latest_status[r["title"]] = (r["date"], r["status"], r["source"])
    for title, (date, status, source) in latest_status.items():
        law = reg.laws.get(title)
        if law is None or not law.versions or law.versions[-1].date != date:
            continue
        if status == "已废止":
            law.repealed = True
            law.evidence.append({"fact": "已废止", "source": f"source status 已废止 ({source})"})
        elif status == "有效" and law.repealed and law.repealed_on is None:
            law.repealed = False  # a source saying 有效 outweighs a LawRefBook 'expired' flag
            law.evidence.append({"fact": "有效", "source": f"source status 有效 ({source})"})
    # repeal clauses
    repeal_count = 0
    for r in recs:
        for target, when, article, sentence in r["repeals"]:
            if target == r["title"]:
                continue  # an earlier version of the same title: supersession, already known
            if _AMBIGUOUS_TARGET.search(target):
                continue  # 《关于修改部分地方性法规的决定》: no issuer in the title, or a decision (partly repealed)
            # a （试行） title is its own law: resolving it by its key would name the law that repealed it
            law = reg.laws.get(target) or (None if _TRIAL.search(target) else reg.get(target))
            if law is None:
                law = reg.add_law(Law(title=target, rank=guess_rank_from_title(target), in_corpus=False))
            if law.versions and when and law.versions[-1].start > when:
                continue  # a later version of the target came after this clause: not repealed by it
            repeal_count += 1
            law.repealed = True
            # a decision that only repeals (关于废止部分地方性法规的决定) names no law that replaces the target
            successor = None if _REPEAL_DECISION.search(r["title"]) else r["title"]
            if when and (law.repealed_on is None or when < law.repealed_on):
                law.repealed_on = when
                law.successor = successor
            elif law.successor is None:
                law.successor = successor
            law.evidence.append({"fact": "已废止", "date": when, "by": r["title"], "version": r["date"],
                                 "article": article, "text": sentence[:200]})
    _effective_from_instruments(reg, by_version)
    for row in overrides if overrides is not None else load_overrides():
        _apply_override(reg, row)
    for row in effective_overrides if effective_overrides is not None else load_effective_overrides():
        _apply_effective_override(reg, row)
    # article signatures only where a number can have moved: laws the corpus holds in more than one version
    for law in reg.laws.values():
        if sum(1 for v in law.versions if v.articles) < 2:
            for v in law.versions:
                v.signatures = None
    reg.meta["article_signatures"] = True
    reg.meta["article_structure"] = True  # 款 and 项 are recorded (Version.structure): a cache without it is stale
    reg.finish()
    graph = _graph(reg, recs)
    from fazhi.graph.dupes import DuplicateIndex

    def current_items():
        for r in recs:
            law = reg.laws.get(r["title"])
            if law is None or law.repealed or not law.versions or law.versions[-1].date != r["date"]:
                continue
            for n, sig in r.get("sigs", ()):
                yield (r["title"], r["date"], n), sig

    dupes = DuplicateIndex.build(current_items())
    reg.meta.update(built=time.strftime("%Y-%m-%dT%H:%M:%S"), documents=len(recs), seconds=None)
    stats = {"documents": len(recs), "laws": len(reg), "versions": sum(len(l.versions) for l in reg.laws.values()),
             "repeal_clauses": repeal_count, "errors": [{"file": f, "reason": why} for f, why in errors],
             "nodes": graph.number_of_nodes(), "edges": graph.number_of_edges(),
             "seconds": round(time.perf_counter() - t0, 3)}
    reg.meta["stats"] = {k: v for k, v in stats.items() if k != "errors"}
    stats["provisions_indexed"] = len(dupes)
    return Built(reg, graph, stats, dupes)


def _effective_from_instruments(reg: Registry, by_version: dict) -> None:
    """A version without a 施行 date of its own takes that of the instrument that made it, when the corpus holds
    that instrument's text of the same date: 刑法 of 2023-12-29 (修正案（十二）) is in force from 2024-03-01, as
    修正案（十二） says, not from the day it was adopted."""
    for (title, date), parts in by_version.items():
        law = reg.laws.get(title)
        version = next((v for v in law.versions if v.date == date), None) if law else None
        if version is None or version.effective_from in EXPLICIT_EFFECTIVE:
            continue  # the text's own 施行 evidence; LawRefBook's valid_from alone is not
        for name, when in sorted({x for p in parts for x in p.get("amended_at", ())}):
            inst = reg.laws.get(_canonical(name)) or reg.get(name)
            if inst is None or inst is law:
                continue
            same = [v for v in inst.versions if v.date == when and v.effective and v.effective >= date]
            if len(same) == 1:
                version.effective, version.effective_from = same[0].effective, "instrument"
                law.evidence.append({"fact": f"施行 {version.effective}", "version": date,
                                     "source": f"《{inst.title}》 ({when})"})
                break


_ISSUERS = ("最高人民法院、最高人民检察院", "最高人民法院", "最高人民检察院", "国务院")


def _merge_issuerless_titles(recs: list[dict]) -> None:
    """A text filed without its issuer (《关于审理……的规定》 beside 《最高人民法院关于审理……的规定》) joins the
    family of the issuer's title when exactly one issuer's title is in the corpus; the short title stays an
    alias. Else the same interpretation is two laws, and an impact query lists it twice."""
    titles = {r["title"] for r in recs}
    for r in recs:
        t = r["title"]
        if not t.startswith("关于"):
            continue
        full = [i + t for i in _ISSUERS if i + t in titles]
        if len(full) == 1:
            r["title"] = full[0]


def _merge_duplicate_versions(recs: list[dict]) -> None:
    """Files of one version under two dates (adopted 2021-06-08 and published 2021-07-27; two sources a day
    apart; one file without a date) become one version, under the later date: records of a title that take
    effect on the same day, after both dates, with the same articles. Two versions of a law cannot take effect
    on one day."""
    groups: dict[tuple, list[dict]] = {}
    for r in recs:
        if r["title"] and r["effective"] and r["effective"] >= r["date"] and r["numbers"]:  # "" for an undated file
            groups.setdefault((r["title"], r["effective"], frozenset(r["numbers"]), frozenset(r.get("subs", ()))),
                              []).append(r)
    for same in groups.values():
        dates = {r["date"] for r in same}
        if len(dates) > 1:
            keep = max(dates)
            for r in same:
                r["date"] = keep


def _apply_override(reg: Registry, row: dict) -> None:
    title, fld, value, src = row["title"].strip(), row["field"].strip(), row["value"].strip(), row["source"].strip()
    law = reg.get(title)
    if law is None:
        law = reg.add_law(Law(title=title, rank=guess_rank_from_title(title), in_corpus=False))
    if fld == "repealed_on":
        law.repealed = True
        law.repealed_on = value or None
    elif fld == "successor":
        law.successor = value
    elif fld == "rank":
        law.rank = value
    elif fld == "alias":
        law.aliases.add(value)
    elif fld == "in_force":
        law.repealed, law.repealed_on = False, None
    else:
        raise ValueError(f"overrides: unknown field {fld!r} for {title}")
    law.evidence.append({"fact": f"{fld}={value}", "source": src, "override": True})


def _graph(reg: Registry, recs: list[dict]):
    import networkx as nx

    g = nx.MultiDiGraph()
    for law in reg.laws.values():
        g.add_node(law.title, type="law", rank=law.rank or "", in_corpus=law.in_corpus,
                   status="已废止" if law.repealed else "有效")
        prev = None
        for v in law.versions:
            vid = f"{law.title}@{v.date}"
            g.add_node(vid, type="version", title=law.title, date=v.date, effective=v.effective or "",
                       effective_from=v.effective_from or "", articles=v.articles)
            g.add_edge(vid, law.title, key="version_of", type="version_of")
            if prev is not None:
                g.add_edge(vid, prev, key="supersedes", type="supersedes", date=v.start)
            prev = vid

    def law_node(title):
        if title not in g:
            law = reg.get(title)
            if law is not None:
                return law.title
            g.add_node(title, type="law", rank=guess_rank_from_title(title) or "", in_corpus=False, status="")
        return title

    for r in recs:
        vid = f"{r['title']}@{r['date']}"
        for src_article, law, art, *subs in r["cites"]:
            src_sub, sub = subs if subs else (None, None)  # records from before inserted articles were kept
            if not law:
                continue  # 本法 第X条: internal
            target = law_node(law)
            if target == r["title"]:
                continue
            src = vid
            if src_article is not None:
                src = _article_node(g, vid, r["title"], src_article, src_sub)
            dst = target
            if art is not None:
                dst = _article_node(g, target, target, art, sub)
            g.add_edge(src, dst, type="cites")
        for law, art in r["based_on"]:
            target = law_node(law)
            if target != r["title"]:
                g.add_edge(vid, target, key="based_on", type="based_on")
        for target, when, article, _ in r["repeals"]:
            t = law_node(target)
            if t != r["title"]:
                g.add_edge(vid, t, key="repeals", type="repeals", date=when or "")
        for target in r["amends"]:
            g.add_edge(vid, law_node(target), key="amends", type="amends")
        for decision, when in r["amended_by"]:
            dn = law_node(_canonical(decision))
            g.nodes[dn].setdefault("type", "law")
            g.add_edge(dn, vid, key="amends", type="amends", date=when or "")
    return g


def _article_node(g, parent: str, title: str, number: int, sub: int | None) -> str:
    """The node of an article of ``parent`` (a law or a version): ``刑法#133``, or ``刑法#133之一`` for an
    inserted article. Added the first time with its ``part_of`` edge; ``sub`` is set only on inserted
    articles, so graphs of laws without any look as before."""
    node = f"{parent}#{article_label(number, sub)}"
    if node not in g:
        g.add_node(node, type="article", title=title, number=number, **({"sub": sub} if sub else {}))
        g.add_edge(node, parent, key="part_of", type="part_of")
    return node


def save_graph(built: Built, directory: str | os.PathLike) -> dict:
    """Write ``registry.pkl`` and ``graph.pkl`` into ``directory``; returns their paths and sizes."""
    d = Path(directory)
    d.mkdir(parents=True, exist_ok=True)
    rp = built.registry.save(d)
    gp = d / GRAPH_FILE
    tmp = gp.with_suffix(".tmp")
    with tmp.open("wb") as f:
        pickle.dump(built.graph, f, protocol=pickle.HIGHEST_PROTOCOL)
    tmp.replace(gp)
    if built.dupes is not None:
        built.dupes.save(d)
    return {"registry": str(rp), "graph": str(gp), "registry_bytes": rp.stat().st_size,
            "graph_bytes": gp.stat().st_size}


def load_graph(directory: str | os.PathLike):
    """The citation graph saved by :func:`save_graph`."""
    from fazhi.errors import FazhiError

    p = Path(directory) / GRAPH_FILE
    if not p.exists():
        raise FazhiError(f"{p}: no citation graph here; run `fazhi graph build` first")
    with p.open("rb") as f:
        return pickle.load(f)


def build_from_paths(paths: Iterable[str | os.PathLike], workers: int | None = None,
                     on_item: Callable[[], None] | None = None, overrides: list[dict] | None = None,
                     effective_overrides: list[dict] | None = None) -> Built:
    """Build from files and folders; documents are processed in ``workers`` processes (all cores by
    default, 1 to stay in this process). ``overrides`` and ``effective_overrides``: as for :func:`build`."""
    from fazhi.corpora.loaders import iter_files

    files = [str(p) for p in iter_files(paths)]
    workers = workers if workers is not None else min(os.cpu_count() or 1, 4)

    def records():
        if workers <= 1 or len(files) < 50:
            for f in files:
                yield from _process_path(f)
            return
        import multiprocessing as mp

        ctx = mp.get_context("fork") if hasattr(os, "fork") else mp.get_context()
        with ctx.Pool(workers) as pool:
            for rs in pool.imap(_process_path, files, chunksize=8):
                yield from rs

    return build(records=records(), on_item=on_item, overrides=overrides, effective_overrides=effective_overrides)


def build_from_store(store, on_item: Callable[[], None] | None = None, overrides: list[dict] | None = None) -> Built:
    """Build from the regulation documents of a corpus store, and the normative documents among its others
    (:func:`is_normative_document`)."""
    docs = itertools.chain(store.iter(kind="regulation"), (d for d in store.iter(kind="other") if is_normative_document(d)))
    return build(docs, on_item=on_item, overrides=overrides)
