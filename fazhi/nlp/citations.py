"""Find citations of laws and provisions in Chinese legal text: a Chinese eyecite.

Every cited provision becomes one :class:`fazhi.document.Citation` with exact character offsets::

    《中华人民共和国民法典》第五条、第六条和第十条第二款
    └──────── 1 ────────┘ └2┘ └──────3──────┘

What is found:

- titles in 《》, with nested 〈〉 or 《》 (《关于修改〈中华人民共和国立法法〉的决定》), resolved to a canonical
  title through :mod:`fazhi.nlp.aliases`; a title that does not look like a law (《离婚协议书》,
  《道路交通事故认定书》) is not a citation, and neither are its articles;
- unbracketed names known to the alias table, when followed by 第X条 (刑法第二百六十四条) or by a part or chapter
  (民事诉讼法第二十五章, as the law alone), or introduced by a verb such as 依照 / 根据 / 违反 (依照治安管理处罚法的
  规定, 适用修正前的国家赔偿法, 依照刑法第X条的规定和刑事诉讼法的规定), and unbracketed full titles
  (中华人民共和国...);
- provisions 第X条 (之一), 第X款, 第X项 / 第（X）项 (and （一）、（二）项 right after their paragraph, 第三十一条的
  第二款) in Chinese or Arabic numerals, compact lists (第二、三款),
  lists joined by 、 ， 和 及 以及 或者 与, and ranges (第X条至第Y条, expanded to one citation per article);
- inserted articles (第一百二十条之一) as their own article: ``article`` is the number they follow (120) and
  ``attrs["sub"]`` the 之X (1), so the int ``article`` of every citation keeps its meaning in JSON; ranges over
  them (第一百二十条之一至第一百二十条之六, …之一至之六) and to one (第一百三十四条至第一百三十九条之一) expand to
  each article they name (inserted articles strictly between the ends are not known to the parser);
- the document itself: 本法 / 本条例 / 本办法 / 本规定 / 本细则 / 本解释 ... 第X条 (``law`` None,
  ``attrs["self"]`` True), and 该法 / 同法 / 上述法律 第X条 (the last law cited, ``attrs["kind"] == "same"``);
- abbreviations the text defines: 《中华人民共和国种子法》（以下简称《种子法》） makes later 种子法第五条
  resolve to the full title;
- in an amendment decision, the articles it amends: after 修改《……》 or 对《……》作如下修改, 将第十条修改为 /
  删除第四条 / 在第八条中增加 cite that law (``attrs["kind"] == "amend"``, the span is the provision alone);
- optionally (``relative=True``) 本条 / 前款 / 该条 / 前条 references, resolved against the article headings of
  a law text or the previous citation when possible (``attrs["kind"] == "relative"``).

Not citations: a bare 第五条 (a contract's clause, or an article heading), 第三次, 第3名, 第一审, 第二天.

Spans: the first provision after a title covers the title and that provision; every following provision
covers its own reference (spans do not overlap), except that the citations expanded from one range or
compact list share that token's span. ``text[c.start:c.end] == c.text`` always.

Examples:
    >>> [(c.text, c.law, c.article, c.paragraph, c.item) for c in
    ...  find_citations("依照《中华人民共和国刑法》第二百六十四条、第六十七条第三款之规定")]
    ... # doctest: +NORMALIZE_WHITESPACE
    [('《中华人民共和国刑法》第二百六十四条', '中华人民共和国刑法', 264, None, None),
     ('第六十七条第三款', '中华人民共和国刑法', 67, 3, None)]
    >>> [(c.law, c.article) for c in find_citations("民法典第1079条第2款")]
    [('中华人民共和国民法典', 1079)]
    >>> [(c.text, c.law, c.article, c.attrs["kind"]) for c in find_citations("依照本法第十条规定")]
    [('本法第十条', None, 10, 'self')]
    >>> find_citations("合同第五条约定，第三次付款")
    []
"""
from __future__ import annotations

import heapq
import re
from bisect import bisect_right
from functools import lru_cache
from typing import Iterator

from fazhi.document import Citation
from fazhi.numerals import cn_to_int
from fazhi.nlp.aliases import alias_table, canonical_title, looks_like_law_title, normalize_title
from fazhi.nlp.citation_regexes import (
    AMEND_AFTER_REGEX, AMEND_BEFORE_REGEX, AMEND_REGEX, ANCHOR_REGEXES, ARTICLE_HEADING_REGEX, CHAIN_TOKEN_REGEX,
    ISSUER_BEFORE_TITLE_REGEX,
    ITEM_NUM_REGEX, LOCAL_ALIAS_LIST_REGEX, LOCAL_ALIAS_REGEX, NAME_LIST_SEP_REGEX, NAME_QUALIFIER_REGEX,
    NESTED_TITLE_REGEX,
    PAREN_NOTE_REGEX, PART_REGEX,
    QUOTE_NOTE_REGEX, RELATIVE_REGEX, VERSION_NOTE_REGEX,
)

__all__ = ["find_citations", "iter_citations"]

# titles too generic to be a law by themselves (unless the text defined them with 以下简称)
_GENERIC_TITLES = frozenset({"法", "法律", "解释", "规定", "决定", "条例", "办法", "细则", "规则", "意见", "通知",
                             "实施条例", "实施细则", "实施办法", "若干规定", "批复", "答复", "纪要", "准则", "通则",
                             "修正案", "决议", "暂行规定", "暂行办法", "暂行条例", "实施方案"})
# after an unbracketed name with no article, what may follow for it to count as a law name
_NAME_FOLLOW = frozenset("的之，,。；;、和及与）)：:》\n 第")
_FOLLOW_WORDS = ("规定", "有关", "相关", "等法", "等有关", "等相关", "关于", "或者", "分则", "总则",
                 # what a court does under the law: 根据修正后刑法判处, 依照刑法追究刑事责任
                 "判处", "追究", "定罪", "处罚", "予以", "处理")
_ISSUERS = ("最高人民法院", "最高人民检察院", "最高人民法院、最高人民检察院", "国务院", "全国人民代表大会常务委员会")
_MAX_RANGE = 300  # longest range 第X条至第Y条 expanded
_ITEM_LINE = re.compile(r"[ \t\u3000]*[“\"]?[（(][一二三四五六七八九十]{1,3}[）)]")  # a line that is an item: （一）…
_VERSION_NOTE_TAIL = re.compile(r"[（(][^（）()]{0,16}[）)]$")


@lru_cache(maxsize=1)
def _plain_names() -> tuple[dict[str, str], dict[str, tuple[int, ...]], dict[str, tuple[int, ...]],
                            dict[str, frozenset], frozenset, frozenset]:
    """Aliases usable without brackets: {name: canonical}, lengths by last char, lengths by first char, and
    for each name the characters that precede it inside a longer known name (仲裁法 <- 解 in 调解仲裁法)."""
    names = {}
    for key, canonical in alias_table().items():
        if len(key) < 2 or not all("\u4e00" <= c <= "\u9fff" for c in key):
            continue
        if key in _GENERIC_TITLES:
            continue
        names[key] = canonical
    by_last: dict[str, set[int]] = {}
    by_first: dict[str, set[int]] = {}
    inner: dict[str, set[str]] = {}
    for key in names:
        by_last.setdefault(key[-1], set()).add(len(key))
        by_first.setdefault(key[0], set()).add(len(key))
    for key, canonical in alias_table().items():
        for i in range(1, len(key) - 1):
            tail = key[i:]
            if tail in names and names[tail] != canonical:
                inner.setdefault(tail, set()).add(key[i - 1])
    return (names, {c: tuple(sorted(ls, reverse=True)) for c, ls in by_last.items()},
            {c: tuple(sorted(ls, reverse=True)) for c, ls in by_first.items()},
            {k: frozenset(v) for k, v in inner.items()},
            frozenset(k[-2:] for k in names), frozenset(k[:2] for k in names))


class _State:
    """Per-text state: abbreviations the text defines, the last law cited, article headings."""

    __slots__ = ("text", "local", "last_law", "last_raw", "last_cite", "headings", "self_title", "resolve",
                 "recent", "amended")

    def __init__(self, text: str, self_title: str | None, resolve: bool):
        self.text = text
        self.local: dict[str, str] = {}
        self.last_law: str | None = None
        self.last_raw: str | None = None
        self.last_cite: Citation | None = None
        self.headings: tuple[list[int], list[int], list[int | None]] | None = None
        self.self_title = (canonical_title(self_title) or normalize_title(self_title)) if self_title else None
        self.resolve = resolve
        self.recent: list[str] = []  # laws of the titles read so far (for 以下简称《甲》、《乙》)
        self.amended: tuple[str, str] | None = None  # (law, raw title) an amendment decision is amending

    def heading_at(self, pos: int, back: int = 0) -> tuple[int | None, int | None, int]:
        """(article, sub, start) of the article heading that precedes ``pos`` (``back`` headings earlier);
        ``sub`` is the 之X of an inserted article (第一百二十条之一 -> 120, 1), else None."""
        if self.headings is None:
            starts, arts, subs = [], [], []
            for m in ARTICLE_HEADING_REGEX.finditer(self.text):
                try:
                    n = cn_to_int(m.group(1))
                    sub = cn_to_int(m.group(2)) if m.group(2) else None
                except ValueError:
                    continue
                starts.append(m.start())
                arts.append(n)
                subs.append(sub)
            self.headings = (starts, arts, subs)
        starts, arts, subs = self.headings
        i = bisect_right(starts, pos) - 1 - back
        if i < 0:
            return None, None, 0
        return arts[i], subs[i], starts[i]


def _nums(s: str) -> list[int] | None:
    try:
        return [cn_to_int(n) for n in ITEM_NUM_REGEX.findall(s)]
    except ValueError:
        return None


def _parse_chain(text: str, pos: int, art: int | None = None, para: int | None = None,
                 need_article: bool = True) -> tuple[list[list], int]:
    """Read provisions from ``pos``; returns ([[start, end, article, paragraph, item, attrs], ...], end).

    ``need_article``: the first token must be an article (第X条); otherwise it may be 第X款 / 第X项 attaching to
    ``art`` / ``para`` (relative references such as 本条第二款).
    """
    out: list[list] = []
    last_group: list[list] = []  # citations made by the previous token
    p = pos + 1 if text.startswith("原第", pos) else pos  # an amendment's 将《解释》原第六条: the old numbering
    first = True
    match = CHAIN_TOKEN_REGEX.match
    while True:
        t = match(text, p)
        if t is not None and t.group("unit") is None and t.group("unit2") is None:
            t = None  # numbers with no unit at all: 第三次, or a note in brackets (二)
        if t is None and not first:
            # an explanation between two provisions: 第十九条第一款（驾驶机动车，应当依法取得驾驶证）及第四十二条
            pm = PAREN_NOTE_REGEX.match(text, p) or QUOTE_NOTE_REGEX.match(text, p)
            if pm is not None:
                t = match(text, pm.end())
                if t is not None and (t.group("sep") is None or t.group("unit") is None and t.group("unit2") is None):
                    t = None
        if t is None:
            break
        sep, di, unit = t.group("sep"), t.group("di"), t.group("unit")
        if unit is None:  # 第一百四十五至一百四十七条: the unit is written once, after the range
            if t.group("sub"):
                break
            unit = t.group("unit2")
        if first and sep:
            break
        nums_s = t.group("nums")
        adjacent = sep is None and not first
        # 第三十一条的第二款: a 的 only between an article and its paragraph or item
        if t.group("de") and not (adjacent and unit != "条"):
            break
        # 第十条、十一条 may drop the 第, and so may the first article right after a law's name when it is typed in
        # Arabic digits (民法典1165条, 《劳动合同法》38条), and items in brackets right after their article or
        # paragraph (第六条第二款（一）、（二）项); nothing else may
        if (not di and sep != "、" and not (first and unit == "条" and nums_s.isdigit())
                and not (adjacent and unit == "项" and nums_s[0] in "（(")):
            break
        if unit != "项" and ("（" in nums_s or "(" in nums_s):
            break
        nums = _nums(nums_s)
        if not nums or min(nums) <= 0:
            break
        ranged = False
        sub = cn_to_int(t.group("sub")) if t.group("sub") and unit == "条" else None
        subs = [sub] * len(nums)  # the 之X of each number: 第一百二十条之一 is article 120, sub 1
        if t.group("to"):
            if unit != "条" and (t.group("subto") or t.group("sub2")):
                break
            if t.group("subto"):  # 第一百二十条之一至之六
                last = cn_to_int(t.group("subto"))
                if sub is None or len(nums) != 1 or not sub < last <= sub + _MAX_RANGE:
                    break
                subs = list(range(sub, last + 1))
                nums = nums * len(subs)
            else:
                unit2 = t.group("unit2")
                if unit2 not in (None, unit) or len(nums) != 1:
                    break
                if unit != "项" and ("（" in t.group("num2") or "(" in t.group("num2")):
                    break
                n2 = _nums(t.group("num2"))
                sub2 = cn_to_int(t.group("sub2")) if t.group("sub2") else None
                if not n2 or not (nums[0] <= n2[0] <= nums[0] + _MAX_RANGE):
                    break
                if n2[0] == nums[0]:  # 第一百二十条之一至第一百二十条之六, 第一百二十条至第一百二十条之六
                    if sub2 is None or not (sub or 0) < sub2:
                        break
                    subs = list(range(sub or 0, sub2 + 1))
                    nums = nums * len(subs)
                else:
                    # 第一百三十四条至第一百三十九条之一: the articles between, then the inserted one at the end
                    # (inserted articles between the ends, such as 第一百三十四条之一, are not known here)
                    nums = list(range(nums[0], n2[0] + 1))
                    subs = [sub] + [None] * (len(nums) - 1)
                    if sub2 is not None:
                        nums.append(n2[0])
                        subs.append(sub2)
            subs = [s_ or None for s_ in subs]
            ranged = True
        tok_start = t.start("di") if di else t.start("nums")
        tok_end = t.end()
        attrs = {"range": True} if ranged else ({"list": True} if len(nums) > 1 else {})
        if unit == "条":
            if adjacent:
                break
            group = [[tok_start, tok_end, n, None, None, {**attrs, "sub": sb} if sb else dict(attrs)]
                     for n, sb in zip(nums, subs)]
            art, para = nums[-1], None
        elif unit == "款":
            if art is None or (first and need_article):
                break
            if adjacent and len(last_group) == 1 and last_group[0][3] is None and last_group[0][4] is None:
                prev = last_group[0]
                out.remove(prev)
                group = [[prev[0], tok_end, prev[2], n, None, {**prev[5], **attrs}] for n in nums]
            elif adjacent:
                break
            else:
                group = [[tok_start, tok_end, art, n, None, dict(attrs)] for n in nums]
            para = nums[-1]
        else:  # 项
            if art is None or (first and need_article):
                break
            if adjacent and len(last_group) == 1 and last_group[0][4] is None:
                prev = last_group[0]
                out.remove(prev)
                group = [[prev[0], tok_end, prev[2], prev[3], n, {**prev[5], **attrs}] for n in nums]
            elif adjacent:
                break
            else:
                group = [[tok_start, tok_end, art, para, n, dict(attrs)] for n in nums]
        out.extend(group)
        last_group = group
        first = False
        p = tok_end
    return out, p


def _lookup_back(text: str, end: int, state: _State) -> tuple[int, str] | None:
    """The longest known name ending at ``end``: (start, canonical)."""
    names, by_last, _, _, tails, _ = _plain_names()
    last = text[end - 1]
    best = None
    for key, canonical in state.local.items():
        if (key[-1] == last and text.startswith(key, end - len(key))
                and (best is None or len(key) > end - best[0])):
            best = (end - len(key), canonical)
    if text[end - 2:end] not in tails:
        return best
    for n in by_last.get(last, ()):
        if n > end:
            continue
        if best is not None and n <= end - best[0]:
            break
        key = text[end - n:end]
        hit = names.get(key)
        if hit is not None:
            return end - n, hit
    return best


def _lookup_forward(text: str, start: int, state: _State) -> tuple[int, str] | None:
    """The longest known name starting at ``start``: (end, canonical)."""
    if start >= len(text):
        return None
    names, _, by_first, _, _, heads = _plain_names()
    first = text[start]
    best = None
    for key, canonical in state.local.items():
        if key[0] == first and text.startswith(key, start) and (best is None or start + len(key) > best[0]):
            best = (start + len(key), canonical)
    if text[start:start + 2] not in heads:
        return best
    for n in by_first.get(first, ()):
        if start + n > len(text):
            continue  # a slice past the end is shorter than n: 民法典 at the end is not a 17-character name
        if best is not None and start + n <= best[0]:
            break
        hit = names.get(text[start:start + n])
        if hit is not None:
            return start + n, hit
    return best


def _is_heading(text: str, start: int, end: int) -> bool:
    """Whether [start, end) is a title line: a Markdown ``#`` heading, or a whole line by itself."""
    line_start = text.rfind("\n", 0, start) + 1
    before = text[line_start:start]
    if before.lstrip().startswith("#"):
        return True
    if before.strip(" \t\u3000"):
        return False
    line_end = text.find("\n", end)
    return not text[end:len(text) if line_end == -1 else line_end].strip()


def _same_kind(same: str, raw: str | None) -> bool:
    """Whether 该法 / 该条例 / 该办法 can refer to a law titled ``raw`` (该条例 -> ...条例)."""
    if not raw:
        return False
    tail = "法" if same[-1] == "法" else same[-2:]
    title = _VERSION_NOTE_TAIL.sub("", normalize_title(raw))
    return title.endswith(tail) or (tail == "法" and title.endswith("法典"))  # 该法 after 民法典


def _name_before(text: str, pos: int, same: str, state: _State, window: int = 80) -> tuple[str, str] | None:
    """The nearest known unbracketed law name before ``pos`` that 该法 (``same``) can refer to."""
    tail = same[-1]
    lo = max(0, pos - window)
    j = text.rfind(tail, lo, pos)
    while j >= lo and j != -1:
        end = j + 2 if tail == "法" and text[j + 1:j + 2] == "典" else j + 1  # 民法典 ends on 典
        hit = _lookup_back(text, end, state)
        if (hit is not None and not _is_cjk_word_tail(text, hit[0], end)
                and _same_kind(same, text[hit[0]:end])):
            return (hit[1] if state.resolve else text[hit[0]:end]), text[hit[0]:end]
        j = text.rfind(tail, lo, j)
    return None


@lru_cache(maxsize=1)
def _national_titles_by_length() -> dict[int, list[str]]:
    out: dict[int, list[str]] = {}
    for key, canonical in alias_table().items():
        if key.startswith("中华人民共和国") and key == canonical:
            out.setdefault(len(key), []).append(key)
    return out


def _one_typo_away(key: str) -> str | None:
    """The one national law title that differs from ``key`` in exactly one character after the prefix."""
    found = None
    for title in _national_titles_by_length().get(len(key), ()):
        diff = sum(1 for a, b in zip(key, title) if a != b)
        if diff == 1:
            if found is not None:
                return None  # two candidates: do not guess
            found = title
    return found


def _make(text: str, start: int, end: int, law: str | None, article, paragraph, item,
          attrs: dict) -> Citation:
    return Citation(start=start, end=end, text=text[start:end], law=law, article=article, paragraph=paragraph,
                    item=item, source="rules", attrs=attrs)


# an edition note: （2018年修正）, (2008年修订), （2023年8月修订）; not （试行）, which names another text (the trial
# rules), so it stays in the title
_EDITION_NOTE = re.compile(r"(?:\d{4}年)?[^（）()]{0,10}(?:修正|修订|修改)[^（）()]{0,6}")
_EDITION_IN_TITLE = re.compile(rf"[（(]({_EDITION_NOTE.pattern})[）)]$")


def _emit_law(text: str, state: _State, head_start: int, head_end: int, law: str, raw: str, known: bool,
              chain_pos: int, extra_attrs: dict | None = None) -> tuple[list[Citation], int]:
    """Citations for a law named at [head_start, head_end), with its provisions from ``chain_pos`` on."""
    chain, end = _parse_chain(text, chain_pos)
    base = {"raw_title": raw, **(extra_attrs or {})}
    if not known:
        base["known"] = False
    if state.self_title is not None and law == state.self_title:
        base["self"] = True
    state.last_law, state.last_raw = law, raw
    if not chain:
        return [_make(text, head_start, head_end, law, None, None, None, {**base, "kind": "law"})], head_end
    first_start = chain[0][0]
    out = []
    for s, e, a, pa, it, extra in chain:
        if s == first_start:
            s = head_start
        out.append(_make(text, s, e, law, a, pa, it, {**base, "kind": "article", **extra}))
    return out, end


def _anchors(text: str, relative: bool):
    """(start, priority, kind, match) for every anchor, in order of position then priority."""
    amends = "修改《" in text or "如下修改" in text or "修改〈" in text
    scans = ANCHOR_REGEXES + ((("amend", AMEND_REGEX),) if amends else ()) + (
        (("rel", RELATIVE_REGEX),) if relative else ())
    return heapq.merge(*(_scan(text, prio, kind, rx) for prio, (kind, rx) in enumerate(scans)))


def _scan(text: str, prio: int, kind: str, rx):
    for m in rx.finditer(text):
        yield m.start(), prio, kind, m


def iter_citations(text: str, *, self_title: str | None = None, resolve: bool = True,
                   relative: bool = False) -> Iterator[Citation]:
    """Yield the citations in ``text`` in order of position (see the module docstring).

    Args:
        text: any Chinese text.
        self_title: the title of the document ``text`` comes from, if known; citations of it by name get
            ``attrs["self"] = True``, and references to itself (本法第五条) carry ``attrs["self_title"]``.
        resolve: map titles and short names to canonical full titles (``law``); with False, ``law`` is the
            title as written (brackets normalised).
        relative: also yield 本条 / 前款 / 该条 / 前条 references (``attrs["kind"] == "relative"``).
    """
    if not text:
        return
    state = _State(text, self_title, resolve)
    pos = 0
    for start, _, kind, m in _anchors(text, relative):
        if start < pos:
            continue  # inside a citation already read
        pos = m.end()
        cites: list[Citation] = []
        if kind == "title":
            raw = m.group("title")[1:-1]
            key = normalize_title(raw)
            fixed = False
            # an edition note at the end of the title (《中华人民共和国公司法（2018年修正）》): the law is the title
            # without it, known or not, and the note goes to attrs["edition"]
            ed = _EDITION_IN_TITLE.search(key)
            base_key = key[:ed.start()] if ed and ed.start() > 0 else key
            law = state.local.get(key)
            known = law is not None
            if law is None and key not in _GENERIC_TITLES:
                law = canonical_title(key)
                issued = None
                if law is None:
                    # 最高人民法院《关于审理……的解释》: the issuer written before the bracket
                    im = ISSUER_BEFORE_TITLE_REGEX.search(text, max(0, m.start() - 20), m.start())
                    if im is not None:
                        law = canonical_title(im.group(0) + key)
                        if law is None and looks_like_law_title(im.group(0) + key):
                            issued = im.group(0) + key  # 全国人民代表大会常务委员会《关于惩治……的决定》
                    elif key.startswith("关于"):
                        # 《关于审理民间借贷案件适用法律若干问题的规定》: the issuer left out; one issuer fits
                        hits = {canonical_title(i + key) for i in _ISSUERS} - {None}
                        if len(hits) == 1:
                            law = hits.pop()
                known = law is not None
                if law is None and issued is not None and not looks_like_law_title(key):
                    law = issued
                elif law is None and looks_like_law_title(base_key):
                    law = base_key
                elif law is None and looks_like_law_title(key):
                    law = key
                elif law is None and key.startswith("中华人民共和国") and CHAIN_TOKEN_REGEX.match(text, m.end()):
                    # 《中华人民共和国刑罚》第六十五条: one wrong character in a national law's title
                    law = _one_typo_away(key)
                    if law is not None:
                        known = True
                        fixed = True
            if law is None:
                state.last_law = state.last_raw = None  # 该办法 after 《某公司薪酬管理办法》 is not a law
                continue
            if not resolve:
                law = key
            p = m.end()
            state.recent.append(law)
            lal = LOCAL_ALIAS_LIST_REGEX.match(text, p)
            la = None if lal else LOCAL_ALIAS_REGEX.match(text, p)
            if lal:
                aliases = [normalize_title(a) for a in NESTED_TITLE_REGEX.findall(lal.group("aliases"))]
                targets = state.recent[-len(aliases):]
                if len(targets) == len(aliases):
                    state.local.update(zip(aliases, targets))
                pos = p = lal.end()
            elif la:
                alias = normalize_title(la.group("alias2") or la.group("alias"))
                if alias and alias not in ("本法", "本条例", "本办法", "本规定"):
                    state.local[alias] = law
                pos = p = la.end()
            if (AMEND_BEFORE_REGEX.search(text, max(0, m.start() - 2), m.start())
                    or AMEND_AFTER_REGEX.match(text, p)):
                state.amended = (law, raw)  # 修改《……》: its articles follow as 将第十条修改为
            vn = VERSION_NOTE_REGEX.match(text, p)
            if vn and CHAIN_TOKEN_REGEX.match(text, vn.end()):
                p = vn.end()
            extra_attrs = {"corrected": True} if fixed else None
            if "《" in key:  # 《关于修改〈中华人民共和国立法法〉的决定》: the law it names inside
                extra_attrs = {"nested": [canonical_title(x) or x for x in NESTED_TITLE_REGEX.findall(key)]}
            note = ed.group(1) if ed and base_key != key else None
            if note is None and vn and _EDITION_NOTE.fullmatch(vn.group()[1:-1]):
                note = vn.group()[1:-1]  # 《中华人民共和国民事诉讼法》（2017年修正）第一百四十四条
            if note:
                extra_attrs = {**(extra_attrs or {}), "edition": note}
            cites, end = _emit_law(text, state, m.start(), m.end(), law, raw, known, p, extra_attrs)
            pos = max(pos, end)
        elif kind == "self":
            if text[m.start() - 1:m.start()] == "基" and m.group("self") == "本法":
                pos = m.start() + 1  # 香港特别行政区基本法第十八条 names a law; it is not 本法第十八条
                continue
            chain, end = _parse_chain(text, m.end())
            if chain:
                name = m.group("self")
                base = {"raw_title": name, "kind": "self", "self": True}
                if self_title:
                    base["self_title"] = self_title
                first = chain[0][0]
                for s, e, a, pa, it, extra in chain:
                    cites.append(_make(text, m.start() if s == first else s, e, None, a, pa, it,
                                       {**base, **extra}))
                pos = end
        elif kind == "amend":
            if state.amended is not None:
                chain, end = _parse_chain(text, m.end())
                base = {"raw_title": state.amended[1], "kind": "amend"}
                for s, e, a, pa, it, extra in chain:
                    cites.append(_make(text, s, e, state.amended[0], a, pa, it, {**base, **extra}))
                if chain:
                    pos = end
        elif kind == "same":
            same = m.group("same")
            if same[0] == "同" and text[m.start() - 1:m.start()] == "合":
                pos = m.start() + 1  # 合同法第五条 (劳动合同法第三十九条) is no 同法第五条 of the last law cited
                continue
            law, raw = state.last_law, state.last_raw
            if law is not None and not (same.endswith("法律") or _same_kind(same, raw)):
                law = None
            if law is None:
                found = _name_before(text, m.start(), same, state)
                if found is not None:
                    law, raw = found
            if law is not None:
                chain, end = _parse_chain(text, m.end())
                if chain:
                    base = {"raw_title": raw, "kind": "same", "same_as": same}
                    first = chain[0][0]
                    for s, e, a, pa, it, extra in chain:
                        cites.append(_make(text, m.start() if s == first else s, e, law, a, pa, it,
                                           {**base, **extra}))
                    pos = end
            if not cites:
                pos = m.start() + 1  # no law to refer to: a name may still end on this 法 (X同法第五条)
        elif kind == "prc":
            hit = _lookup_forward(text, m.start(), state)
            if hit is not None:
                end, law = hit
                raw = text[m.start():end]
                nxt = text[end:end + 1]
                if _is_heading(text, m.start(), end):
                    pass  # "# 中华人民共和国民法典": a document's own title line, not a citation
                elif (not nxt or nxt in _NAME_FOLLOW or text.startswith(_FOLLOW_WORDS, end)
                      or not ("\u4e00" <= nxt <= "\u9fff")):
                    cites, pos = _emit_law(text, state, m.start(), end, law if resolve else raw, raw, True,
                                           end)
        elif kind == "issuer":
            raw = m.group("issuer")
            if _is_heading(text, m.start(), m.end()):
                if "《" in raw or "〈" in raw:
                    pos = m.start() + 1  # a title line: the law named inside it is still read
            else:
                law = canonical_title(raw)
                known = law is not None
                cites, pos = _emit_law(text, state, m.start(), m.end(), (law or raw) if resolve else raw, raw,
                                       known, m.end())
        elif kind == "bare":
            hit = _lookup_back(text, m.end(), state)
            if hit is not None:
                start, law = hit
                prev = text[start - 1:start]
                if prev not in ("《", "〈", "<") and not _is_cjk_word_tail(text, start, m.end()):
                    raw = text[start:m.end()]
                    cites, pos = _emit_law(text, state, start, m.end(), law if resolve else raw, raw, True,
                                           m.end())
        elif kind == "verb":
            start = m.end()
            while True:  # 根据宪法、地方各级人民代表大会和地方各级人民政府组织法、立法法: a list of names
                q = NAME_QUALIFIER_REGEX.match(text, start)
                if q is not None:
                    start = q.end()
                hit = _lookup_forward(text, start, state)
                if hit is None:
                    break
                end, law = hit
                nxt = text[end:end + 1]
                if not (not nxt or nxt in _NAME_FOLLOW or text.startswith(_FOLLOW_WORDS, end)
                        or PART_REGEX.match(text, end)):
                    break
                raw = text[start:end]
                more, pos = _emit_law(text, state, start, end, law if resolve else raw, raw, True, end)
                cites.extend(more)
                sep = NAME_LIST_SEP_REGEX.match(text, pos)
                if sep is None:
                    break
                start = sep.end()
        elif kind == "rel":
            cites, pos = _relative(text, m, state)
        for c in cites:
            state.last_cite = c
            yield c


# characters that, before a two-character name, make it part of another name: 国际刑法, 军事刑法, 特别刑法,
# 附属刑法, 比较刑法, 旧宪法, 临时宪法, 外国刑法, 香港…; plus any letter of the name itself (刑刑法)
_TWO_CHAR_BLOCK = frozenset("际事别属较旧时外港澳台湾州洲美英德日法俄韩邦刑宪水税商民")


def _is_cjk_word_tail(text: str, start: int, end: int) -> bool:
    """Whether a name found backwards from 第X条 is only the tail of a longer name.

    仲裁法 inside 调解仲裁法第十六条 is not 中华人民共和国仲裁法: a name is rejected when the character before
    it precedes it inside a longer known title (解 for 仲裁法, from 劳动争议调解仲裁法; 市 for 价格管理条例,
    from a city's 价格管理条例). A two-character name (刑法, 宪法, 水法) is also rejected after a character that
    makes it another law (国际刑法, 军事刑法, 旧宪法, 外国刑法).
    """
    if start == 0:
        return False
    c = text[start - 1]
    if not ("\u4e00" <= c <= "\u9fff"):
        return False
    name = text[start:end]
    if c in _plain_names()[3].get(name, ()):
        return True
    return end - start <= 2 and c in _TWO_CHAR_BLOCK


def _relative(text: str, m, state: _State) -> tuple[list[Citation], int]:
    name = m.group("rel")
    art = para = sub = None
    paras: list[int] = []  # the paragraphs 前两款 / 前三款 name, one citation each
    law = None
    if name in ("本条", "本款", "前款", "前两款", "前三款", "前条", "本项"):
        heading_art, heading_sub, heading_start = state.heading_at(m.start())
        if heading_art is not None:
            art, sub = heading_art, heading_sub
            # paragraph of this line: non-empty lines since the heading, but for the items of a paragraph
            # (（一）…, (二)… on lines of their own belong to the paragraph above them)
            line_start = text.rfind("\n", 0, m.start()) + 1
            block = text[heading_start:line_start]
            cur_para = 1
            if line_start > heading_start:
                cur_para += sum(1 for ln in block.split("\n") if ln.strip() and not _ITEM_LINE.match(ln))
            if _ITEM_LINE.match(text, line_start):
                cur_para -= 1  # 前款 inside an item of the paragraph: still that paragraph's 前款
            if name == "前条":
                # the heading before when it is the article before (第一百二十条之二 after 之一), else X - 1
                prev_art, prev_sub, _ = state.heading_at(m.start(), back=1)
                if heading_sub and heading_sub > 1:
                    art, sub = heading_art, heading_sub - 1
                elif heading_sub:
                    art, sub = heading_art, None
                elif prev_art == heading_art - 1:
                    art, sub = prev_art, prev_sub
                else:
                    art, sub = (heading_art - 1 if heading_art > 1 else None), None
            elif name == "本款":
                para = cur_para
            elif name == "前款":
                para = cur_para - 1 if cur_para > 1 else None
            elif name in ("前两款", "前三款") and cur_para > (n_back := 2 if name == "前两款" else 3):
                paras = list(range(cur_para - n_back, cur_para))  # 前两款 in the fourth paragraph: 2 and 3
    elif state.last_cite is not None and state.last_cite.article is not None:
        law, art = state.last_cite.law, state.last_cite.article
        sub = (state.last_cite.attrs or {}).get("sub")
        if name in ("该款",):
            para = state.last_cite.paragraph
    chain, end = _parse_chain(text, m.end(), art=art, para=para, need_article=False)
    base = {"raw_title": name, "kind": "relative"}
    if sub and art is not None:
        base["sub"] = sub
    if not chain and paras:
        return [_make(text, m.start(), m.end(), law, art, pa, None, {**base, "list": True})
                for pa in paras], m.end()
    if not chain:
        return [_make(text, m.start(), m.end(), law, art, para, None, base)], m.end()
    out = []
    first = chain[0][0]
    for s, e, a, pa, it, extra in chain:
        out.append(_make(text, m.start() if s == first else s, e, law, a, pa, it, {**base, **extra}))
    return out, end


def find_citations(text: str, *, self_title: str | None = None, resolve: bool = True,
                   relative: bool = False) -> list[Citation]:
    """All citations in ``text``, in order of position. See :func:`iter_citations` for the arguments."""
    return list(iter_citations(text, self_title=self_title, resolve=resolve, relative=relative))
