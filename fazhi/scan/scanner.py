"""Scan posts (hotline records, message-board and social posts) for emerging disputes.

:func:`scan` classifies every post (type, risk), counts posts by type × district × day, raises burst
alerts per type, per district and per type × district (:mod:`fazhi.scan.bursts`), finds new terms
(:mod:`fazhi.scan.terms`), near-duplicate clusters of coordinated complaints (:mod:`fazhi.scan.clusters`)
and repeat parties across posts and cases (:mod:`fazhi.scan.parties`), and attaches the statutes most related
to each alert and cluster (a per-type and per-risk-cue table in ``fazhi/scan/data/statutes.json``, ranked by
the keywords the cluster's posts share).

Posts come from a JSONL file (:func:`read_posts`: ``{"id","text","date","district",...}``) or from the
corpus store (:func:`posts_from_store`: documents of kind ``post`` with ``published`` and ``region``).
"""
from __future__ import annotations

import json
import logging
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from typing import Iterable, Sequence

from fazhi.dates import parse_date as _parse_date
from fazhi.errors import UnreadableFile

__all__ = ["Post", "read_posts", "posts_from_store", "cases_from_store", "scan", "related_statutes",
           "parse_date"]

log = logging.getLogger(__name__)

_DATE_KEYS = ("date", "published", "time", "created_at", "datetime")
_DISTRICT_KEYS = ("district", "region", "area", "county", "street")


@dataclass
class Post:
    """One post to scan: id, text, day, district (``未知`` when unknown) and any other fields."""

    id: str
    text: str
    date: date
    district: str = "未知"
    fields: dict = field(default_factory=dict)


def parse_date(value) -> date:
    """The day of a post: any form :func:`fazhi.dates.parse_date` reads (``2024-05-01``, ``2024/5/1 08:00``,
    ``2024-05-01T08:00:00Z``, ``2024年5月1日``, ``20240501``, an Excel serial day), or a date or datetime.

    >>> parse_date("2024/5/1 08:30"), parse_date("2024-05-01T08:00:00+08:00")
    (datetime.date(2024, 5, 1), datetime.date(2024, 5, 1))

    Raises:
        ValueError: ``no date`` when empty, ``bad date '…' (reason)`` otherwise.
    """
    return _parse_date(value)


def _post_from_row(row: dict, n: int, name: str) -> Post:
    if not isinstance(row, dict):
        raise ValueError("not a JSON object")
    text = row.get("text") or row.get("content") or row.get("body")
    if not isinstance(text, str) or not text.strip():
        raise ValueError('no "text" string')
    when = next((row[k] for k in _DATE_KEYS if row.get(k)), None)
    if when is None:
        raise ValueError('no "date"')
    district = next((str(row[k]) for k in _DISTRICT_KEYS if row.get(k)), "未知")
    fields = {k: v for k, v in row.items() if k not in ("text",)}
    return Post(id=str(row.get("id") or f"{Path(name).stem}-{n}"), text=text, date=parse_date(when),
                district=district, fields=fields)


def read_posts(path: str | Path, errors: list | None = None) -> list[Post]:
    """Read posts from JSON lines. A bad line raises :class:`UnreadableFile` naming the file and line, or
    is recorded in ``errors`` as ``"FILE:LINE: reason"`` and skipped when a list is given. A line whose id
    was already read is such a bad line: the first post with that id is kept."""
    p = Path(path)
    try:
        data = p.read_bytes()
    except OSError as e:
        raise UnreadableFile(p, e.strerror or str(e)) from e
    from fazhi.corpora.loaders import decode_bytes

    text = decode_bytes(data, str(p))
    if not text.strip():
        raise UnreadableFile(p, "empty file (no posts)")
    posts = []
    seen: dict[str, tuple[int, str]] = {}  # id -> (line, text) of its first post
    # split at line feeds only: str.splitlines also splits at U+2028 and U+0085, which a JSON string may
    # hold unescaped (json.dumps(ensure_ascii=False) writes them as they are), cutting the post in two
    for n, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        try:
            try:
                row = json.loads(line)
            except json.JSONDecodeError as e:
                raise ValueError(f"invalid JSON ({e.msg} at column {e.colno})") from None
            post = _post_from_row(row, n, p.name)
            if post.id in seen:  # a post exported twice would count twice in every figure
                first, text0 = seen[post.id]
                raise ValueError(f"id {post.id!r} repeats line {first}" +
                                 (" (the same post; skipped)" if post.text == text0 else " with another text; skipped"))
            seen[post.id] = (n, post.text)
            posts.append(post)
        except ValueError as e:
            if errors is None:
                raise UnreadableFile(f"{p}:{n}", str(e)) from None
            errors.append(f"{p}:{n}: {e}")
    return posts


def posts_from_store(store, since: str | None = None, until: str | None = None,
                     errors: list | None = None) -> list[Post]:
    """The store's documents of kind ``post`` (``published`` → date, ``region`` → district)."""
    posts = []
    for doc in store.iter(kind="post", since=since, until=until):
        try:
            when = doc.published or doc.metadata.get("date")
            district = doc.region or next((str(doc.metadata[k]) for k in _DISTRICT_KEYS if doc.metadata.get(k)),
                                          "未知")
            posts.append(Post(id=doc.id, text=doc.text, date=parse_date(when), district=district,
                              fields=dict(doc.metadata)))
        except ValueError as e:
            if errors is not None:
                errors.append(f"{doc.id}: {e}")
    return posts


def cases_from_store(store, limit: int | None = None) -> list[tuple[str, str, dict]]:
    """Mediation cases in the store as ``(id, text, fields)`` records for repeat-party matching."""
    return [(doc.id, doc.text, dict(doc.metadata)) for doc in store.iter(kind="mediation", limit=limit)]


# -- statutes ------------------------------------------------------------------------------------------
@lru_cache(maxsize=1)
def _statute_table() -> dict:
    return json.loads((files("fazhi.scan") / "data" / "statutes.json").read_text(encoding="utf-8"))


def related_statutes(dispute_type: str | None, texts: Sequence[str], cues: Iterable[str] = (),
                     top: int = 3) -> list[dict]:
    """The statutes most related to a group of posts: the dispute type's table entries and those of its
    risk cues, ranked by how many of the texts mention each entry's keywords.

    >>> [s["citation"] for s in related_statutes("借贷", ["借钱不还还说利息太高"], top=2)]
    ['《中华人民共和国民法典》第六百七十五条', '《中华人民共和国民法典》第六百七十六条']
    """
    table = _statute_table()
    cands: list[tuple[float, int, dict]] = []
    seen = set()
    entries = [(e, 1.0) for e in table["types"].get(dispute_type or "", [])]
    for cue in dict.fromkeys(cues):
        entries += [(e, 0.5) for e in table["risk"].get(cue, [])]
    for order, (e, base) in enumerate(entries):
        key = e["citation"]
        if key in seen:
            continue
        seen.add(key)
        hits = sum(1 for t in texts if any(k in t for k in e["keywords"]))
        score = base + hits / max(len(texts), 1) * 2
        cands.append((score, -order, e))
    cands.sort(key=lambda c: (-c[0], -c[1]))
    return [{"citation": e["citation"], "law": e["law"], "article": e["article"], "excerpt": e["excerpt"],
             "score": round(s, 3)} for s, _, e in cands[:top]]


# -- the scan ------------------------------------------------------------------------------------------
def _mode(values):
    return Counter(values).most_common(1)[0][0] if values else None


def scan(posts: Sequence[Post], model=None, since: str | date | None = None, until: str | date | None = None,
         cases: Iterable[tuple[str, str, dict]] = (), burst_params: dict | None = None,
         cluster_params: dict | None = None, recent_days: int = 7, min_type_district: int = 3,
         progress=None) -> dict:
    """Scan posts; returns the JSON-able result (see docs/scan.md for every key).

    Args:
        posts: the posts (:func:`read_posts`, :func:`posts_from_store`).
        model: a :class:`~fazhi.scan.classify.DisputeClassifier`, a model path, or None for the default.
        since, until: keep posts dated in this range (inclusive).
        cases: ``(id, text, fields)`` mediation cases, searched for the same parties as the posts.
        burst_params: overrides of :data:`fazhi.scan.bursts.DEFAULTS`.
        cluster_params: overrides of :data:`fazhi.scan.clusters.DEFAULTS`.
        recent_days: the window of new-term detection.
        min_type_district: a type × district series is tested for bursts only when it has this many posts.
        progress: a callable ``advance(n)`` called as posts are classified.
    """
    from fazhi.scan.bursts import detect_bursts
    from fazhi.scan.classify import DisputeClassifier, default_model
    from fazhi.scan.clusters import near_duplicate_groups
    from fazhi.scan.parties import repeat_parties
    from fazhi.scan.risk import LEVELS, assess
    from fazhi.scan.terms import new_terms

    lo = parse_date(since) if since else None
    hi = parse_date(until) if until else None
    posts = [p for p in posts if (lo is None or p.date >= lo) and (hi is None or p.date <= hi)]
    posts.sort(key=lambda p: (p.date, p.id))
    result: dict = {"posts": len(posts), "period": None, "by_type": {}, "by_district": {}, "counts": [],
                    "alerts": [], "clusters": [], "new_terms": [], "repeat_parties": [], "risk": {}, "items": []}
    if not posts:
        return result
    if model is None:
        model = default_model()
    elif not isinstance(model, DisputeClassifier):
        model = DisputeClassifier.load(model)

    texts = [p.text for p in posts]
    preds = []
    for b in range(0, len(texts), 2000):
        preds.extend(model.predict(texts[b:b + 2000], explain=False))
        if progress:
            progress(min(2000, len(texts) - b))
    risks = [assess(t) for t in texts]
    items = []
    for p, pred, risk in zip(posts, preds, risks):
        items.append({"id": p.id, "date": p.date.isoformat(), "district": p.district, "type": pred["type"],
                      "probability": pred["probability"], "risk": risk["level"], "urgency": risk["urgency"],
                      "signals": [{"text": s["text"], "start": s["start"], "end": s["end"], "cue": s["cue"],
                                   "severity": s["severity"], "conditional": s["conditional"]}
                                  for s in risk["signals"]]})
    start, end = posts[0].date, posts[-1].date
    result["period"] = {"start": start.isoformat(), "end": end.isoformat(), "days": (end - start).days + 1}

    # counts by type x district x day
    cube = Counter((it["type"], it["district"], p.date) for it, p in zip(items, posts))
    result["counts"] = [{"date": d.isoformat(), "district": dist, "type": t, "count": n}
                        for (t, dist, d), n in sorted(cube.items(), key=lambda kv: (kv[0][2], kv[0][1], kv[0][0]))]
    result["by_type"] = dict(Counter(it["type"] for it in items).most_common())
    result["by_district"] = dict(Counter(it["district"] for it in items).most_common())

    # bursts
    bp = dict(burst_params or {})
    series: dict[tuple[str | None, str | None], Counter] = defaultdict(Counter)
    for (t, dist, d), n in cube.items():
        series[(t, None)][d] += n
        series[(None, dist)][d] += n
        series[(t, dist)][d] += n
    alerts = []
    for (t, dist), counts in series.items():
        if t is not None and dist is not None and sum(counts.values()) < min_type_district:
            continue
        for b in detect_bursts(counts, start, end, **bp):
            idx = [i for i, (it, p) in enumerate(zip(items, posts))
                   if b.start <= p.date <= b.end and (t is None or it["type"] == t)
                   and (dist is None or it["district"] == dist)]
            members = [items[i] for i in idx]
            a = {"type": t, "district": dist, "start": b.start.isoformat(), "end": b.end.isoformat(),
                 "count": b.count, "baseline": round(b.baseline, 2), "score": round(b.score, 2),
                 "scope": "type" if dist is None else "district" if t is None else "type×district",
                 "peak": b.peak.isoformat()}
            if t is None:
                a["top_types"] = dict(Counter(m["type"] for m in members).most_common(3))
            if dist is None:
                a["top_districts"] = dict(Counter(m["district"] for m in members).most_common(3))
            a["risk"] = max((m["risk"] for m in members), key=LEVELS.index, default="none")
            a["ids"] = [m["id"] for m in members][:50]
            a["statutes"] = related_statutes(t or _mode([m["type"] for m in members]), [texts[i] for i in idx],
                                             [s["cue"] for m in members for s in m["signals"]])
            alerts.append(a)
    alerts.sort(key=lambda a: (-a["score"], a["start"], a["type"] or "", a["district"] or ""))
    result["alerts"] = alerts

    # near-duplicate clusters
    cp = dict(cluster_params or {})
    clusters = []
    for group in near_duplicate_groups(texts, **cp):
        members = [items[i] for i in group]
        ctexts = [texts[i] for i in group]
        ctype = _mode([m["type"] for m in members])
        dates = sorted(m["date"] for m in members)
        rep = min(group, key=lambda i: len(texts[i]))  # the shortest member stands for the cluster
        summary = f"{ctype}：{texts[rep][:60]}{'……' if len(texts[rep]) > 60 else ''}"
        clusters.append({
            "size": len(group), "district": _mode([m["district"] for m in members]), "date": dates[0],
            "ids": [m["id"] for m in members], "risk": max((m["risk"] for m in members), key=LEVELS.index),
            "summary": summary, "type": ctype, "start": dates[0], "end": dates[-1],
            "districts": dict(Counter(m["district"] for m in members).most_common()),
            "signals": sorted({s["text"] for m in members for s in m["signals"]}),
            "statutes": related_statutes(ctype, ctexts, [s["cue"] for m in members for s in m["signals"]])})
    clusters.sort(key=lambda c: (-c["size"], c["date"]))
    result["clusters"] = clusters

    # new terms, repeat parties, risk summary
    result["new_terms"] = new_terms([(p.date, p.text) for p in posts], recent_days=recent_days, end=end)
    records = [(p.id, p.text, p.fields) for p in posts]
    case_ids = set()
    for rid, text, fields in cases:
        case_ids.add(rid)
        records.append((rid, text, fields))
    parties = []
    for party in repeat_parties(records):
        post_ids = [i for i in party["ids"] if i not in case_ids]
        if not post_ids:
            continue  # parties seen only in cases are not the scan's business
        party["posts"] = post_ids
        party["cases"] = [i for i in party["ids"] if i in case_ids]
        by_id = {it["id"]: it for it in items}
        party["types"] = dict(Counter(by_id[i]["type"] for i in post_ids).most_common())
        party["districts"] = dict(Counter(by_id[i]["district"] for i in post_ids).most_common())
        parties.append(party)
    result["repeat_parties"] = parties
    levels = Counter(it["risk"] for it in items)
    result["risk"] = {"levels": {lv: levels.get(lv, 0) for lv in LEVELS},
                      "high": [it for it in items if it["risk"] == "high"][:100]}
    result["items"] = items
    return result
