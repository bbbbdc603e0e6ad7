"""The law registry: which law a title means, which version was in force on a date, how many articles it
had, its rank (位阶), issuer, region, status and successor.

The registry is built from evidence by :func:`fazhi.graph.build.build` (version families in the corpus,
repeal clauses mined from the texts, LawRefBook flags, and the reviewed overrides file
``fazhi/graph/data/overrides.tsv``); this module holds the data model, the date logic and persistence.

Examples:
    >>> reg = Registry()
    >>> law = reg.add_law(Law(title="中华人民共和国立法法", rank="法律"))
    >>> _ = law.add_version(Version(date="2015-03-15", effective="2015-03-15", articles=105, max_article=105))
    >>> _ = law.add_version(Version(date="2023-03-13", effective="2023-03-15", articles=120, max_article=120))
    >>> reg.finish()
    >>> reg.status("立法法", "2020-01-01"), reg.version_on("立法法", "2020-01-01").articles
    ('有效', 105)
    >>> reg.version_on("立法法", "2024-01-01").articles, law.versions[0].superseded
    (120, '2023-03-15')
    >>> reg.version_status(law.versions[0], "2024-01-01")
    '已修改'
"""
from __future__ import annotations

import functools
import pickle
import time
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["RANKS", "RANK_ORDER", "rank_value", "article_label", "encode_structure", "Version", "Law",
           "Registry", "STATUSES", "REGISTRY_FILE"]

RANKS = ("宪法", "法律", "行政法规", "地方性法规", "自治条例和单行条例", "部门规章", "地方政府规章", "司法解释",
         "规范性文件")
# 位阶 per DESIGN.md: 宪法 > 法律 > 行政法规 > 地方性法规 / 部门规章 > 地方政府规章 > 规范性文件;
# 司法解释 stands beside the hierarchy (no value: never compared).
RANK_ORDER = {"宪法": 7, "法律": 6, "行政法规": 5, "地方性法规": 4, "自治条例和单行条例": 4, "部门规章": 4,
              "地方政府规章": 3, "规范性文件": 2}
STATUSES = ("有效", "已修改", "已废止", "尚未生效")
REGISTRY_FILE = "registry.pkl"
FORMAT = 1


def article_label(article: int, sub: int | None = None) -> str:
    """The short form of an article number in JSON: ``133``, or ``133之一`` for an inserted article.

    >>> article_label(133), article_label(133, 1)
    ('133', '133之一')
    """
    if not sub:
        return str(article)
    from fazhi.numerals import int_to_cn

    return f"{article}之{int_to_cn(sub)}"


def encode_structure(structure: dict) -> str:
    """The paragraphs and items of a version's articles as one string: ``23:5,0|287_1:3`` for {23: (5, 0),
    (287, 1): (3,)}.

    >>> encode_structure({23: (5, 0), (287, 1): (3,)})
    '23:5,0|287_1:3'
    >>> _decode_structure('23:5,0|287_1:3') == {23: (5, 0), (287, 1): (3,)}
    True
    """
    return "|".join((f"{k}" if isinstance(k, int) else f"{k[0]}_{k[1]}") + ":" + ",".join(map(str, shape))
                    for k, shape in structure.items())


@functools.lru_cache(maxsize=1024)
def _decode_structure(code: str) -> dict:
    out: dict = {}
    for entry in code.split("|") if code else ():
        key, _, shape = entry.partition(":")
        a, _, b = key.partition("_")
        out[(int(a), int(b)) if b else int(a)] = tuple(int(x) for x in shape.split(","))
    return out


def rank_value(rank: str | None) -> int | None:
    """The comparable height of a rank, or None for 司法解释 and unknown ranks.

    >>> rank_value("法律") > rank_value("地方性法规") > rank_value("规范性文件")
    True
    >>> rank_value("司法解释") is None
    True
    """
    return RANK_ORDER.get(rank or "")


@dataclass
class Version:
    """One version of a law (a promulgation or an amendment that the corpus holds as a text).

    Attributes:
        date: promulgation (or adoption) date, ISO.
        effective: the date it took effect, when known.
        effective_from: where ``effective`` comes from: ``header`` (a 施行 line), ``text`` (本法自X起施行),
            ``own_clause`` (本法自公布之日起施行 of the version's own text), ``document`` (another source's reader),
            ``instrument`` (the amending decision's text in the corpus), ``overrides`` (the reviewed table
            ``fazhi/graph/data/effective_overrides.tsv``), ``manifest`` (LawRefBook's unreliable valid_from),
            or None (no evidence: the version is taken to start on its date).
        superseded: the date the next version took effect (None while current).
        articles: number of articles (第X条之一 not counted separately).
        max_article: the highest article number.
        article_numbers: the numbers of the articles (an empty set: unknown, 1..max_article assumed).
        sub_articles: the inserted articles as (article, sub) pairs (第一百二十条之一 -> (120, 1)); None when the
            build did not record them (older registries), so that 之X is not reported missing then.
        sources: files or store ids the version was read from (several for a law split by 编).
        fines: {article: highest fine in yuan} for articles that set fines.
        texts: {article: text} for the few articles other checks quote as evidence.
        structure: {article: (items of paragraph 1, items of paragraph 2, ...)} for the articles with more than
            one paragraph (款) or with items (项: （一）（二）…), an inserted article keyed (article, sub); an
            article not in it has one paragraph and no items. Saved encoded as a string
            (:func:`encode_structure`: a dict of 73,000 tuples took 0.13 s to unpickle, the strings
            0.01 s). None when the build did not record it (older registries): 款 and 项 are then not checked.
        paragraph_fines: {(article, paragraph): highest fine in yuan} of the articles with several paragraphs,
            for the paragraphs that set fines (第五十条第二款 may fine less than 第一款).
        signatures: the most distinctive bigrams of each article, one string (:func:`fazhi.graph.stale.signatures`),
            for laws the corpus holds in more than one version (CITE_STALE_NUMBER); None otherwise.
    """

    date: str
    effective: str | None = None
    superseded: str | None = None
    articles: int = 0
    max_article: int = 0
    article_numbers: frozenset = frozenset()
    sub_articles: frozenset | None = None
    sources: list = field(default_factory=list)
    doc_ids: list = field(default_factory=list)
    fines: dict = field(default_factory=dict)
    texts: dict = field(default_factory=dict)
    flag: str | None = None
    effective_from: str | None = None
    structure: dict | str | None = None
    paragraph_fines: dict | None = None
    signatures: str | None = None

    @property
    def start(self) -> str:
        return self.effective or self.date

    def has_article(self, n: int, sub: int | None = None) -> bool:
        """Whether article ``n`` (with ``sub``: the inserted article 第n条之sub) is in this version.

        >>> v = Version(date="2020-12-26", articles=2, max_article=2, article_numbers=frozenset({1, 2}),
        ...             sub_articles=frozenset({(2, 1)}))
        >>> v.has_article(2), v.has_article(2, 1), v.has_article(2, 9), v.has_article(3, 1)
        (True, True, False, False)
        """
        if sub:
            if self.sub_articles is None:
                return self.has_article(n)  # not recorded: the article it follows is all we can check
            return (n, sub) in self.sub_articles
        if self.article_numbers:
            return n in self.article_numbers
        return 1 <= n <= self.max_article

    def paragraphs(self, n: int, sub: int | None = None) -> tuple | None:
        """The item counts of the paragraphs of article ``n`` (with ``sub``: of 第n条之sub) — ``(0, 4)``: two
        paragraphs, the second with four items —, or None when not recorded.

        >>> v = Version(date="2012-10-26", articles=2, max_article=2, structure={2: (5, 0), (2, 1): (3,)},
        ...             sub_articles=frozenset({(2, 1)}))
        >>> v.paragraphs(1), v.paragraphs(2), v.paragraphs(2, 1), Version(date="2000-01-01").paragraphs(1)
        ((0,), (5, 0), (3,), None)
        """
        if self.structure is None or not self.has_article(n, sub) or sub and self.sub_articles is None:
            return None
        table = self.structure if isinstance(self.structure, dict) else _decode_structure(self.structure)
        return table.get((n, sub) if sub else n, (0,))

    def paragraph_fine(self, n: int, paragraph: int | None) -> int | None:
        """The highest fine of paragraph ``paragraph`` of article ``n``, else of the article."""
        if paragraph and (n, paragraph) in (self.paragraph_fines or {}):
            return self.paragraph_fines[(n, paragraph)]
        if paragraph and len(self.paragraphs(n) or (0,)) > 1:
            return None  # an article of several paragraphs whose cited paragraph sets no fine
        return self.fines.get(n)

    def to_dict(self) -> dict:
        d = {"date": self.date, "effective": self.effective, "superseded": self.superseded,
             "articles": self.articles, "max_article": self.max_article, "sources": list(self.sources)}
        if self.effective_from:
            d["effective_from"] = self.effective_from
        if self.sub_articles:  # only laws that have them (刑法): ["17之一", "120之一", ...]
            d["sub_articles"] = [article_label(n, k) for n, k in sorted(self.sub_articles)]
        return d


@dataclass
class Law:
    """A law (a title family) with its versions and what is known of its status.

    ``repealed_on`` is the date it stopped being in force (None when in force or when the date is unknown;
    ``repealed`` says whether it is known to be repealed at all). ``evidence`` lists where each status fact
    came from (a repeal clause, a LawRefBook flag, an overrides row).
    """

    title: str
    rank: str | None = None
    issuer: str | None = None
    region: str | None = None
    aliases: set = field(default_factory=set)
    versions: list = field(default_factory=list)
    repealed: bool = False
    repealed_on: str | None = None
    successor: str | None = None
    evidence: list = field(default_factory=list)
    in_corpus: bool = True
    enacted: str | None = None
    first_is_original: bool = True

    def add_version(self, v: Version) -> Version:
        self.versions.append(v)
        self.versions.sort(key=lambda x: x.date)
        return v

    def latest(self) -> Version | None:
        return self.versions[-1] if self.versions else None

    def to_dict(self, date: str | None = None, registry: "Registry | None" = None) -> dict:
        d = {"title": self.title, "rank": self.rank, "issuer": self.issuer, "region": self.region,
             "aliases": sorted(self.aliases), "repealed": self.repealed, "repealed_on": self.repealed_on,
             "successor": self.successor, "in_corpus": self.in_corpus, "enacted": self.enacted,
             "versions": [v.to_dict() for v in self.versions], "evidence": list(self.evidence)}
        if registry is not None:
            d["status"] = registry.status(self, date)
        return d


def _today() -> str:
    return time.strftime("%Y-%m-%d")


class Registry:
    """Every law the corpus knows, by canonical title, with an alias index."""

    def __init__(self):
        self.laws: dict[str, Law] = {}
        self.alias: dict[str, str] = {}
        self.meta: dict = {"format": FORMAT}

    def __len__(self):
        return len(self.laws)

    def __contains__(self, title) -> bool:
        return self.get(title) is not None

    def __repr__(self):
        return f"<Registry {len(self.laws)} laws>"

    def add_law(self, law: Law) -> Law:
        if law.title in self.laws:
            return self.laws[law.title]
        self.laws[law.title] = law
        return law

    # -- lookup --------------------------------------------------------------------------------------
    def get(self, title: "str | Law | None") -> Law | None:
        """The law for a canonical title, an alias (立法法, 《中华人民共和国立法法》) or None."""
        if title is None:
            return None
        if isinstance(title, Law):
            return title
        law = self.laws.get(title)
        if law is not None:
            return law
        from fazhi.graph._titles import exact_title, title_key

        exact = self.laws.get(exact_title(title))  # 《…规则(试行)》: the 试行 text, not the one that replaced it
        if exact is not None:
            return exact
        # a name with its （试行） note kept, when the registry knows that law (企业破产法（试行）, repealed in 2007),
        # then the key without a note
        key = title_key(title)
        canon = self.alias.get(exact_title(title)) if "试行" in title else None
        canon = canon or self.alias.get(key)
        if canon is None:
            try:
                from fazhi.nlp.aliases import canonical_title

                c = canonical_title(title)
            except ImportError:  # pragma: no cover - nlp area missing
                c = None
            if c:
                canon = c if c in self.laws else self.alias.get(title_key(c))
        if canon is None:
            # a note of another form after the title: （2021）, (2021版), （新）, （法释〔2020〕22号）, or the long
            # （2021年1月22日第十三届全国人民代表大会常务委员会第二十五次会议修订）
            from fazhi.graph._titles import strip_note

            bare = strip_note(exact_title(title))
            if bare != exact_title(title):
                law = self.get(bare)
                return law
        return self.laws.get(canon) if canon else None

    def __getitem__(self, title) -> Law:
        law = self.get(title)
        if law is None:
            from fazhi.errors import UnknownLaw

            near = self.suggest(str(title))
            hint = f"; did you mean {'、'.join(near)}?" if near else ""
            raise UnknownLaw(f"{title}: not in the law registry{hint}")
        return law

    def suggest(self, title: str, n: int = 3) -> list[str]:
        """The nearest known titles (difflib ratio over titles and aliases)."""
        import difflib

        from fazhi.graph._titles import title_key

        import re

        key = title_key(title)
        out: list[str] = []
        # titles sharing the core words first: 《中华人民共和国物业管理法》 -> 物业管理条例
        core = re.sub(r"^中华人民共和国|(?:实施细则|实施办法|办法|条例|规定|细则|法)$", "", key)
        if len(core) >= 3:
            for t in sorted({t for k, t in self.alias.items() if core in k}, key=len):
                if t not in out and len(out) < n:
                    out.append(t)
        pool = list(self.alias)
        hits = difflib.get_close_matches(key, pool, n=n * 3, cutoff=0.5)
        for h in hits:
            t = self.alias[h]
            if t not in out:
                out.append(t)
        if len(out) < n:  # a short name inside a longer title: 行政处罚 -> 中华人民共和国行政处罚法
            short = key.replace("中华人民共和国", "")
            for k, t in self.alias.items():
                if len(out) >= n:
                    break
                if len(short) >= 3 and short in k and t not in out:
                    out.append(t)
        return out[:n]

    # -- dates ---------------------------------------------------------------------------------------
    def version_on(self, title, date: str | None = None) -> Version | None:
        """The version in force on ``date`` (the latest one that had taken effect), else None."""
        law = self.get(title)
        if law is None or not law.versions:
            return None
        date = date or _today()
        current = None
        for v in law.versions:
            if v.start <= date:
                current = v
        return current

    def status(self, title, date: str | None = None) -> str | None:
        """有效 / 已废止 / 尚未生效 for a law on ``date`` (today by default), None for an unknown title.

        A law that is known to be repealed on an unknown date counts as 已废止 from its last version on.
        """
        law = self.get(title)
        if law is None:
            return None
        date = date or _today()
        if law.repealed and (law.repealed_on or "") <= date and not (
                law.repealed_on is None and law.versions and date < law.versions[-1].start):
            return "已废止"  # on an unknown date: not before its last text took effect
        if law.versions and law.versions[0].start > date:
            # before the first version the corpus holds: not yet in force only when that version is the
            # original (its header shows no earlier adoption)
            if law.first_is_original or law.enacted is None or law.enacted > date:
                return "尚未生效"
        return "有效"

    def version_status(self, version: Version, date: str | None = None) -> str:
        """有效 / 已修改 (a later version has taken effect) / 尚未生效 for one version."""
        date = date or _today()
        if version.start > date:
            return "尚未生效"
        if version.superseded and version.superseded <= date:
            return "已修改"
        return "有效"

    def finish(self) -> None:
        """Fill superseded dates from the version order and rebuild the alias index."""
        from fazhi.graph._titles import exact_title, short_names, title_key

        self.alias = {}
        for law in self.laws.values():
            for a, b in zip(law.versions, law.versions[1:]):
                a.superseded = b.start
        # full titles first, so that a short name never hides one; among full titles, the one that is its
        # own key (人民检察院刑事诉讼规则) before one whose note the key drops (人民检察院刑事诉讼规则（试行）)
        for law in sorted(self.laws.values(), key=lambda l: title_key(l.title) != l.title):
            self.alias.setdefault(title_key(law.title), law.title)
        for law in self.laws.values():
            for a in set(law.aliases) | set(short_names(law.title)):
                law.aliases.add(a)
                self.alias.setdefault(title_key(a), law.title)
        # names with their （试行） note, looked up first by get(): 企业破产法（试行） is not 企业破产法
        for law in self.laws.values():
            if "试行" in law.title:
                for a in {law.title} | set(short_names(law.title)) | set(law.aliases):
                    if "试行" in a:
                        self.alias[exact_title(a)] = law.title

    # -- persistence ---------------------------------------------------------------------------------
    def save(self, directory: str | Path) -> Path:
        d = Path(directory)
        d.mkdir(parents=True, exist_ok=True)
        path = d / REGISTRY_FILE
        tmp = path.with_suffix(".tmp")
        with tmp.open("wb") as f:
            pickle.dump(self, f, protocol=pickle.HIGHEST_PROTOCOL)
        tmp.replace(path)
        return path

    @classmethod
    def load(cls, directory: str | Path) -> "Registry":
        path = Path(directory) / REGISTRY_FILE
        from fazhi.errors import FazhiError

        if not path.exists():
            raise FazhiError(f"{path}: no law registry here; run `fazhi graph build` first")
        with path.open("rb") as f:
            reg = pickle.load(f)
        if not isinstance(reg, Registry) or reg.meta.get("format") != FORMAT:
            raise FazhiError(f"{path}: registry from another fazhi version; run `fazhi graph build` again")
        return reg

    def to_dict(self, date: str | None = None) -> dict:
        return {t: law.to_dict(date, self) for t, law in sorted(self.laws.items())}

