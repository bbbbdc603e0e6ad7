"""Questions asked of the citation graph: impact of an amendment or repeal, statistics, export.

All functions take the graph first (networkx style) and return plain JSON-able data.
"""
from __future__ import annotations

import os
import re
from collections import Counter, deque
from pathlib import Path

from fazhi.errors import UnknownLaw
from fazhi.graph.registry import article_label, rank_value
from fazhi.numerals import cn_to_int

__all__ = ["impact", "amendment_impact", "parse_article", "graph_stats", "export_graph", "workspace_registry",
           "workspace_graph", "EXPORT_FORMATS"]

EXPORT_FORMATS = ("graphml", "gexf", "json")
_CITING = ("cites", "based_on", "amends")
# amending instruments: once in force their text is part of the law they amend (刑法修正案（十一） "cites" 刑法
# 第一百三十三条之一 to rewrite it; 最高人民法院关于修改《…》等二十七件民事类司法解释的决定 to replace 合同法 by 民法典 in
# other interpretations), so they are nothing to clean up after a further amendment or a repeal
_AMENDING = re.compile(r"修正案(?:[（(][^）)]*[）)])?$|^(?:.{0,40}?)关于修改.*的决定$")


def _version_of(node: str) -> str:
    return node.split("#", 1)[0]


def _is_current(graph, registry, version_node: str) -> bool:
    title, _, date = version_node.partition("@")
    law = registry.laws.get(title)
    if law is None or not law.versions:
        return False
    if law.repealed:
        return False
    return law.versions[-1].date == date


_ARTICLE_ARG = re.compile(r"(\d+)(?:之([一二三四五六七八九十]+|\d+))?")


_TITLE_ARTICLE = re.compile(r"^(.+?)\s*第([零〇一二两三四五六七八九十百千]+|\d+)条(?:之([一二三四五六七八九十]+|\d+))?$")


def parse_article(article: int | str) -> tuple[int, int | None]:
    """(article, sub) of an article argument: ``133`` or ``"133"``, ``"133之一"`` / ``"133之1"`` for the
    inserted article 第一百三十三条之一.

    >>> parse_article(133), parse_article("133之一"), parse_article("133之1")
    ((133, None), (133, 1), (133, 1))
    """
    if isinstance(article, int):
        return article, None
    m = _ARTICLE_ARG.fullmatch(str(article).strip())
    if not m:
        raise ValueError(f"article {article!r}: give a number (133) or an inserted article (133之一)")
    sub = m.group(2)
    return int(m.group(1)), (int(sub) if sub.isdigit() else cn_to_int(sub)) if sub else None


def _is_amending(title: str) -> bool:
    """Whether ``title`` is an amending instrument (…修正案, 关于修改…的决定), spent once in force.

    >>> _is_amending("中华人民共和国刑法修正案（十一）"), _is_amending("国务院关于修改部分行政法规的决定")
    (True, True)
    >>> _is_amending("最高人民法院关于《中华人民共和国刑法修正案（九）》时间效力问题的解释")
    False
    """
    return bool(_AMENDING.search(title))


_REPEAL_DECISION = re.compile(r"关于废止.*的决定$")


def _repeals(graph, version_node: str, target: str) -> bool:
    """Whether a citing version names ``target`` to repeal it: a repeal clause (……同时废止) or a repeal decision
    (北京市人民代表大会常务委员会关于废止部分地方性法规的决定), which is no use of the law.

    >>> import networkx as nx
    >>> g = nx.MultiDiGraph()
    >>> _repeals(g, "某市人民代表大会常务委员会关于废止部分地方性法规的决定@2021-09-24", "某市条例")
    True
    """
    return graph.has_edge(version_node, target, "repeals") or bool(
        _REPEAL_DECISION.search(version_node.split("@", 1)[0]))


def _order(registry, title: str, version: str) -> tuple:
    """Sort key of the impact lists: higher rank first (宪法, 法律, 行政法规 … 规范性文件, then 司法解释 and
    unknown ranks, which stand beside the hierarchy), then the version date (undated last), then the title."""
    law = registry.laws.get(title)
    rv = rank_value(law.rank if law is not None else None)
    return (-(rv or 0), version or "9999", title)


def _check_article(law, article: int, sub: int | None) -> None:
    """ValueError when no version the registry holds of ``law`` has the article (a typed 第999条 would
    otherwise answer "0 laws cite it")."""
    if law is None or not law.versions or not any(v.articles or v.max_article for v in law.versions):
        return
    if any(v.has_article(article, sub) for v in law.versions):
        return
    top = max(v.max_article for v in law.versions)
    raise ValueError(f"《{law.title}》 has no article {article_label(article, sub)} in any version the registry "
                     f"holds (the highest is {top})")


def _graph_node(graph, title: str) -> str | None:
    """The law node of a title the registry has no text of (cited only): as given, without 《》 and a version
    note, or by its canonical name (民事诉讼法 -> 中华人民共和国民事诉讼法)."""
    from fazhi.graph._titles import exact_title, title_key

    names = [title, exact_title(title), title_key(title)]
    try:
        from fazhi.nlp.aliases import canonical_title

        names.append(canonical_title(title))
    except ImportError:  # pragma: no cover - nlp area missing
        pass
    return next((n for n in names if n and n in graph and graph.nodes[n].get("type") == "law"), None)


EARLIER_VERSION = "早于已收录版本"
REPEALED_WHEN_CITED = "引用时已废止"


def _cited_version(registry, law, citing_title: str, citing_date: str) -> tuple[str | None, str | None]:
    """(date, status today) of the version of ``law`` a citing text was written against: the one in force when
    the citing version took effect, unless that one was promulgated after the citing version was made (then the
    one promulgated last before it). Status: 有效, 已修改 (a later version has taken effect: an article number may
    now mean another article), 已废止 (since), 引用时已废止 (the citing text is dated after the repeal: it was
    wrong when written), or 早于已收录版本 when the citing text is older than every version the registry holds
    (行政处罚法 cited in 2010: the 2021 text is the only one held). (None, None) when either date is unknown."""
    if law is None:
        return None, None
    citing = registry.laws.get(citing_title)
    cv = next((v for v in citing.versions if v.date == citing_date), None) if citing is not None else None
    start = cv.start if cv is not None else citing_date
    if not start:
        return None, None
    today = registry.status(law)
    if law.repealed_on and law.repealed_on <= start:
        return None, REPEALED_WHEN_CITED  # the citing text named a law already repealed: wrong when written
    # the version in force then; else one already promulgated but not yet in force (a text of 2020-12-30 cites
    # the 民法典 of 2020-05-28, in force from 2021-01-01)
    v = registry.version_on(law, start) or next((x for x in reversed(law.versions) if x.date and x.date <= start),
                                                None)
    made = cv.date if cv is not None and cv.date else citing_date
    if v is not None and v.date and made and v.date > made:
        # 司法拍卖房产竞买人资格规定 made 2021-12-17, in force 2022-01-01 with the 民事诉讼法 text of 2021-12-24: it
        # was written against the text before, which was promulgated by then (or which the corpus does not hold)
        v = next((x for x in reversed(law.versions) if x.date and x.date <= made), None)
        if v is None:
            return None, "已废止" if today == "已废止" else EARLIER_VERSION
    if v is None:
        if law.versions and start < law.versions[0].start:
            return None, "已废止" if today == "已废止" else EARLIER_VERSION
        return None, today if today == "已废止" else None
    return v.date, "已废止" if today == "已废止" else registry.version_status(v)


def _article_key(data: dict) -> tuple[int, int]:
    return data["number"], data.get("sub") or 0


def _label(key: tuple[int, int]) -> int | str:
    """An article in impact's JSON: the int 133, or the string "133之一" for an inserted article."""
    return article_label(*key) if key[1] else key[0]


def impact(graph, registry, title: str, article: int | str | None = None, max_depth: int = 3,
           include_outdated: bool = False, sub: int | None = None) -> dict:
    """The documents and articles that cite ``title`` (or one of its articles), directly and transitively.

    This is the cleanup list (立改废释) after an amendment or a repeal: the direct list names each citing law
    version with its citing articles and the cited articles; the transitive list names laws that cite or
    are based on a directly affected law, with the path (``via``) and depth.

    An inserted article is its own article: ``article=133`` lists the citations of 第一百三十三条 only, and
    ``article="133之一"`` (or ``article=133, sub=1``) those of 第一百三十三条之一. In the JSON an article is
    an int, or a string such as ``"133之一"`` when it is an inserted one (``articles``, ``cited_articles``
    and ``article``), as in the ``missing_articles`` of ``fazhi check``.

    Each direct entry says which version of the target the citing text was written against
    (``cited_version``, the version in force when the citing version took effect) and what that version is
    today (``cited_version_status``: 有效, 已修改 — a later text may have renumbered the cited article —, 已废止,
    引用时已废止 — cited after the repeal —, or 早于已收录版本). For a repealed target the result names
    ``repealed_on`` and the ``successor`` where the registry knows them.

    Both lists are ordered by rank (法律 before 行政法规 before 地方性法规 …; 司法解释 after the ranked ones),
    then by version date, then by title, and are the same from run to run. Amending instruments
    (…修正案, 关于修改…的决定) are left out: their text is already part of the laws they amend. The target's own
    versions are never listed (self-citation).

    Raises:
        UnknownLaw: when neither the registry nor the graph knows ``title``.
        ValueError: when ``article`` is not a number or a number with 之X, or no version of the law has it.
    """
    if article is None and registry.get(title) is None:
        # 《中华人民共和国行政处罚法》第十六条 typed as the title: the article is part of the question
        m = _TITLE_ARTICLE.match(title.strip())
        if m and registry.get(m.group(1)) is not None:
            title = m.group(1)
            article = f"{cn_to_int(m.group(2)) if not m.group(2).isdigit() else int(m.group(2))}" + (
                f"之{m.group(3)}" if m.group(3) else "")
    if article is not None:
        article, parsed_sub = parse_article(article)
        sub = sub or parsed_sub
    law = registry.get(title)
    target = law.title if law is not None else _graph_node(graph, title)
    if target is None:
        near = registry.suggest(title)
        raise UnknownLaw(f"{title}: not in the law registry" + (f"; did you mean {'、'.join(near)}?" if near else ""))
    if article is not None:
        _check_article(law, article, sub)
        targets = {f"{target}#{article_label(article, sub)}"} & set(graph)
    else:
        targets = {target} | {u for u, _, k in graph.in_edges(target, keys=True) if k == "part_of"}
    direct: dict[str, dict] = {}
    for t in sorted(targets):
        cited_article = _article_key(graph.nodes[t]) if graph.nodes[t].get("type") == "article" else None
        for u, _, data in graph.in_edges(t, data=True):
            if data.get("type") not in _CITING:
                continue
            vid = _version_of(u)
            if "@" not in vid or vid.split("@")[0] == target or _is_amending(vid.split("@")[0]):
                continue
            current = _is_current(graph, registry, vid)
            if not current and not include_outdated:
                continue
            entry = direct.setdefault(vid, {"title": vid.split("@")[0], "version": vid.split("@")[1],
                                            "current": current, "rank": graph.nodes[vid].get("rank")
                                            or (registry.laws[vid.split('@')[0]].rank
                                                if vid.split('@')[0] in registry.laws else None),
                                            "articles": set(), "cited_articles": set(), "relations": set()})
            if graph.nodes[u].get("type") == "article":
                entry["articles"].add(_article_key(graph.nodes[u]))
            if cited_article is not None:
                entry["cited_articles"].add(cited_article)
            entry["relations"].add(data.get("type"))
    for vid, e in direct.items():  # the law that repeals the target cites it in its repeal clause
        if _repeals(graph, vid, target):
            e["relations"].add("repeals")
    direct_list = []
    for e in sorted(direct.values(), key=lambda e: (not e["current"], *_order(registry, e["title"], e["version"]))):
        cited_version, cited_status = _cited_version(registry, law, e["title"], e["version"])
        e = dict(e, articles=[_label(a) for a in sorted(e["articles"])],
                 cited_articles=[_label(a) for a in sorted(e["cited_articles"])], relations=sorted(e["relations"]),
                 cited_version=cited_version, cited_version_status=cited_status)
        direct_list.append(e)
    # transitive: laws whose current version cites a law already in the list. A law that repeals the
    # target is its successor, not a user of it: laws citing the successor are not affected.
    seen = {target} | {e["title"] for e in direct_list}
    queue = deque((e["title"], 1) for e in direct_list if "repeals" not in e["relations"])
    transitive = []
    while queue:
        t, depth = queue.popleft()
        if depth >= max_depth:
            continue
        nodes = {t} | {u for u, _, k in graph.in_edges(t, keys=True) if k == "part_of"}
        found = {}
        for n in sorted(nodes):  # sorted: which law is named as `via` must not depend on set order
            for u, _, data in graph.in_edges(n, data=True):
                if data.get("type") not in _CITING:
                    continue
                vid = _version_of(u)
                if "@" not in vid:
                    continue
                ct = vid.split("@")[0]
                if ct in seen or _is_amending(ct) or not _is_current(graph, registry, vid):
                    continue
                found[ct] = vid
        for ct, vid in sorted(found.items(), key=lambda x: _order(registry, x[0], x[1].split("@")[1])):
            seen.add(ct)
            transitive.append({"title": ct, "version": vid.split("@")[1], "depth": depth + 1, "via": t})
            queue.append((ct, depth + 1))
    transitive.sort(key=lambda e: (e["depth"], *_order(registry, e["title"], e["version"])))
    return {"target": target, "article": _label((article, sub)) if article is not None else None, "status": registry.status(target) if law else None,
            "repealed_on": law.repealed_on if law is not None and law.repealed else None,
            "successor": law.successor if law is not None and law.repealed else None,
            "direct": direct_list, "transitive": transitive,
            "counts": {"direct": len(direct_list), "transitive": len(transitive),
                       "citing_articles": sum(len(e["articles"]) for e in direct_list)}}



def _article_texts(text: str) -> dict[int, str]:
    """{article: its text, whitespace removed} of a law's text (LawRefBook Markdown: after the header)."""
    from fazhi.graph._rules import plain_articles

    body = text.split("<!-- INFO END -->", 1)[-1]
    return {n: re.sub(r"\s+", "", t) for n, _, t in plain_articles(body)}


def _version_texts(version) -> dict[int, str] | None:
    """{article: text} of a registry version, read from the files it was built from; None when none can be read."""
    out: dict[int, str] = {}
    for src in version.sources or ():
        try:
            out.update(_article_texts(Path(src).read_text(encoding="utf-8")))
        except (OSError, UnicodeDecodeError, TypeError):
            continue
    return out or None


def _bigrams(text: str) -> set[str]:
    body = re.sub(r"^第[零〇一二两三四五六七八九十百千\d]+条(?:之[一二三四五六七八九十]+)?", "", text)
    body = re.sub(r"[，。；：、“”（）()《》\s]", "", body)
    return {body[i:i + 2] for i in range(len(body) - 1)}


def _closest(text: str, grams: dict[int, set], floor: float = 0.5) -> int | None:
    """The article of ``grams`` ({article: bigrams}) whose text is most like ``text``, when their Jaccard
    similarity is at least ``floor``; else None (the article was rewritten or dropped)."""
    g = _bigrams(text)
    best, score = None, floor
    for m, h in grams.items():
        if g and h:
            j = len(g & h) / len(g | h)
            if j >= score:
                best, score = m, j
    return best


_CHANGE_CN = {"modified": "修改", "deleted": "删去", "renumbered": "序号调整", "listed": "列为修改条文",
              "revised": "修订后条文已变", "repealed": "该法废止", "renamed": "法规名称修改"}


def _affected_articles(law, version, ch, cited=()) -> dict[int, dict]:
    """{old article: {"change", "new_article"}} of the articles an amendment changes (see
    :mod:`fazhi.graph.amendment`); a renumbered article names its new number. A law the registry holds no text
    of (only cited) is taken to have every article up to the highest one ``cited`` or changed, so that an
    insertion moves every cited article after it."""
    from fazhi.graph.amendment import renumbering

    numbers = sorted(version.article_numbers) if version is not None and version.article_numbers else \
        list(range(1, (version.max_article if version is not None else 0) + 1))
    if not numbers and ch.full_text is None:
        numbers = list(range(1, max([*cited, *ch.modified, *ch.deleted, *ch.inserted, 0]) + 1))
    out: dict[int, dict] = {}
    if ch.full_text is not None:
        new = _article_texts(ch.full_text)
        old = _version_texts(version) if version is not None else None
        grams = {m: _bigrams(t) for m, t in new.items()}
        for n in numbers or sorted(new):
            if old is None or n not in old or old.get(n) != new.get(n):
                # where a cited article went: the new article most like it (行政复议法 2017 第九条 -> 2023 第二十条)
                out[n] = {"change": "revised",
                          "new_article": _closest(old[n], grams) if old and n in old and n in cited else None}
        return out
    for n in ch.listed:
        out[n] = {"change": "listed", "new_article": None}
    moved = renumbering(numbers, set(ch.deleted), ch.inserted) if ch.renumber else {}
    for n, new_n in moved.items():
        if new_n != n:
            out[n] = {"change": "deleted" if new_n is None else "renumbered", "new_article": new_n}
    for n in ch.modified:  # the number the decision states (将第二条修改为第六条) over the one computed
        out[n] = {"change": "modified", "new_article": ch.moved.get(n, moved.get(n, n))}
    for n in ch.deleted:
        out[n] = {"change": "deleted", "new_article": None}
    return out


def amendment_impact(graph, registry, text: str, include_outdated: bool = False) -> dict:
    """The documents and citations an amendment affects, from the amendment as the user holds it.

    ``text`` is a 修改决定 (一、将第十二条修改为…；二、删去第二十条；三、增加一条，作为第三十一条；此外，对条文顺序作相应
    调整), a decision amending several laws (国务院关于修改和废止部分行政法规的决定), a law name with the articles
    to be changed (《中华人民共和国食品安全法》第三十五条、第一百二十二条), or the new full text of a revised law.
    An article is affected when it is modified, deleted (merged into another) or renumbered (every article
    after an inserted or deleted one, in the old numbering the citing documents use); for a full text, when
    the text under its number differs from the version in force. A repealed or renamed law (将…名称修改为)
    affects every citation, of an article or of the whole law (``article`` None).

    Returns ``{"laws": [{"target", "as_written", "version", "changes", "affected_articles", "direct",
    "not_affected", "counts"}], "unresolved": [titles]}``; each ``direct`` entry is an :func:`impact` entry
    with ``affected_articles`` (the cited articles the amendment changes) and ``affected`` ([{"article",
    "change", "change_cn", "new_article"}]: the article's number after the amendment — the decision's or the
    renumbering's; for a full text, the new article whose text is most like it, None when none is). Documents
    citing only other articles, or the law as a whole, are named in ``not_affected``.
    """
    from fazhi.graph.amendment import parse_amendment

    def resolve(title):
        law = registry.get(title)
        return law.title if law is not None else _graph_node(graph, title)

    laws, unresolved = [], []
    for ch in parse_amendment(text, resolve):
        target = resolve(ch.title)
        if target is None:
            unresolved.append(ch.title)
            continue
        law = registry.get(target)
        version = law.versions[-1] if law is not None and law.versions else None
        res = impact(graph, registry, target, max_depth=1, include_outdated=include_outdated)
        cited = {a if isinstance(a, int) else parse_article(a)[0] for e in res["direct"] for a in e["cited_articles"]}
        affected = _affected_articles(law, version, ch, cited)
        direct, not_affected = [], []
        for e in res["direct"]:
            if "repeals" in e["relations"]:
                continue
            hits = []
            whole = "repealed" if ch.repealed else "renamed" if ch.renamed else None  # every citation is affected
            for a in e["cited_articles"]:
                n = a if isinstance(a, int) else parse_article(a)[0]
                if whole or n in affected:
                    info = affected.get(n) or {"change": whole, "new_article": n}
                    if ch.repealed:
                        info = {"change": "repealed", "new_article": None}
                    hits.append({"article": a, "change": info["change"], "change_cn": _CHANGE_CN[info["change"]],
                                 "new_article": info["new_article"] if isinstance(a, int) else None})
            if whole and not e["cited_articles"]:
                hits.append({"article": None, "change": whole, "change_cn": _CHANGE_CN[whole], "new_article": None})
            if hits:
                direct.append(dict(e, affected_articles=[h["article"] for h in hits if h["article"] is not None],
                                   affected=hits))
            else:
                not_affected.append(e["title"])
        changes = {"modified": sorted(ch.modified), "deleted": sorted(ch.deleted), "inserted": sorted(ch.inserted),
                   "inserted_sub": [article_label(n, s) for n, s in sorted(ch.inserted_sub)],
                   "listed": sorted(ch.listed), "renumbered": ch.renumber, "revised": ch.full_text is not None,
                   "repealed": ch.repealed, "renamed": ch.renamed}
        laws.append({"target": target, "as_written": ch.title, "version": version.date if version else None,
                     "changes": changes, "affected_articles": sorted(affected), "direct": direct,
                     "not_affected": not_affected,
                     "counts": {"direct": len(direct),
                                "citations": sum(len(e["affected"]) for e in direct),
                                "not_affected": len(not_affected)}})
    return {"laws": laws, "unresolved": unresolved}


def graph_stats(graph, registry, date: str | None = None) -> dict:
    """Counts of nodes and edges by type, laws by rank and status, and the most cited laws."""
    nodes = Counter(d.get("type", "?") for _, d in graph.nodes(data=True))
    edges = Counter(d.get("type", "?") for _, _, d in graph.edges(data=True))
    ranks = Counter(l.rank or "未知" for l in registry.laws.values())
    statuses = Counter(registry.status(l, date) for l in registry.laws.values())
    cited = Counter()
    for u, v, d in graph.edges(data=True):
        if d.get("type") == "cites":
            law = v.split("#", 1)[0]
            cited[law] += 1
    # repealed laws that texts in force still cite: the clause or decision that repeals a law names it, and an
    # amending instrument is spent, so neither counts
    repealed_cited = 0
    for t, law in registry.laws.items():
        if law.repealed and t in graph:
            nodes_t = {t} | {u for u, _, k in graph.in_edges(t, keys=True) if k == "part_of"}
            citers = {_version_of(u) for n in nodes_t for u, _, d in graph.in_edges(n, data=True)
                      if d.get("type") == "cites"}
            if any(_is_current(graph, registry, v) and not _repeals(graph, v, t)
                   and not _is_amending(v.split("@", 1)[0]) for v in citers):
                repealed_cited += 1
    return {
        "laws": len(registry), "laws_in_corpus": sum(1 for l in registry.laws.values() if l.in_corpus),
        "versions": sum(len(l.versions) for l in registry.laws.values()),
        "nodes": graph.number_of_nodes(), "edges": graph.number_of_edges(),
        "nodes_by_type": dict(nodes), "edges_by_type": dict(edges), "laws_by_rank": dict(ranks),
        "laws_by_status": dict(statuses), "most_cited": [{"title": t, "citations": n} for t, n in cited.most_common(10)],
        "repealed_laws_still_cited": repealed_cited, "built": registry.meta.get("built"),
    }


def export_graph(graph, out: str | os.PathLike, fmt: str = "graphml") -> dict:
    """Write the graph as GraphML or GEXF (for Gephi) or node-link JSON."""
    import networkx as nx

    if fmt not in EXPORT_FORMATS:
        raise ValueError(f"unknown format {fmt!r}; choose one of: {', '.join(EXPORT_FORMATS)}")
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "json":
        import json

        data = nx.node_link_data(graph, edges="links")
        out.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    else:
        # GraphML/GEXF need scalar attributes without None; keys of a MultiDiGraph become edge ids
        g = nx.MultiDiGraph()
        for n, d in graph.nodes(data=True):
            g.add_node(n, **{k: v for k, v in d.items() if v is not None})
        for u, v, k, d in graph.edges(keys=True, data=True):
            g.add_edge(u, v, **{kk: vv for kk, vv in d.items() if vv is not None})
        if fmt == "graphml":
            nx.write_graphml(g, out)
        else:
            nx.write_gexf(g, out)
    return {"path": str(out), "format": fmt, "nodes": graph.number_of_nodes(), "edges": graph.number_of_edges(),
            "bytes": out.stat().st_size}


def _bundled_dir(ws) -> Path:
    import fazhi

    return ws.cache_dir / f"bundled-graph-{getattr(fazhi, '__version__', '0')}"


def workspace_registry(ws, allow_bundled: bool = True):
    """(registry, duplicate index, where) for a workspace: the built graph in ``ws.graph_dir``, else one
    built once from the bundled law samples and cached (``where`` says which)."""
    from fazhi.graph.dupes import DuplicateIndex
    from fazhi.graph.registry import REGISTRY_FILE, Registry

    gd = ws.home / "graph"
    if (gd / REGISTRY_FILE).exists():
        reg = Registry.load(gd)
        if not reg.meta.get("article_structure") or not reg.meta.get("article_signatures"):
            import logging

            logging.getLogger(__name__).warning(
                "%s: built by an older fazhi: 款/项 numbers and stale article numbers are not checked until "
                "`fazhi graph build` runs again", gd)
        return reg, DuplicateIndex.load(gd), str(gd)
    if not allow_bundled:
        return Registry.load(gd), None, str(gd)
    bd = _bundled_dir(ws)
    reg = Registry.load(bd) if (bd / REGISTRY_FILE).exists() else None
    if reg is None or not reg.meta.get("article_structure") or not reg.meta.get("article_signatures"):
        # built once from the samples; again when the cache predates what the checks now read (款 and 项,
        # article signatures)
        from fazhi.corpora.samples import data_dir
        from fazhi.graph.build import build_from_paths, save_graph

        built = build_from_paths([data_dir() / "laws"], workers=1)
        save_graph(built, bd)
        reg = built.registry
    return reg, DuplicateIndex.load(bd), "bundled samples"


def workspace_graph(ws):
    """(registry, graph) of the workspace; raises FazhiError when nothing was built."""
    from fazhi.graph.build import load_graph
    from fazhi.graph.registry import Registry

    gd = ws.home / "graph"
    return Registry.load(gd), load_graph(gd)

