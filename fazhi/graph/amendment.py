"""What an amendment changes, read from the input as legislative staff hold it: the text of a 修改决定 (one law, or
a 国务院 decision amending several), a law name with a list of articles, or the new full text of a revised law.

:func:`parse_amendment` turns the input into, per law, the old article numbers it changes (modified, deleted,
merged, and — once an article is inserted or deleted, 此外，对条文顺序作相应调整 — every later article whose number
moves); :func:`fazhi.graph.queries.amendment_impact` lists the documents that cite those articles.

Article numbers in the operations are read as the decisions write them: 修改/删去/合并 name the old numbering,
增加一条，作为第Y条 names the new one. An inserted 第X条之一 moves nothing. Text in quotes (the new wording) is
never read as an operation.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from fazhi.numerals import cn_to_int

__all__ = ["LawChanges", "parse_amendment", "renumbering"]

_NUM = r"[零〇一二两三四五六七八九十百千\d]+"
_ART = re.compile(rf"第({_NUM})条(?:之({_NUM}))?")
_ART_RANGE = re.compile(rf"第({_NUM})条(?:之{_NUM})?\s*(?:至|到|—|－|-|~|～)\s*第({_NUM})条")
_QUOTED = re.compile(r"“[^”]*”|「[^」]*」|‘[^’]*’|\"[^\"\n]*\"")
_TITLE = re.compile(r"《([^《》]{2,60})》")
_RENUMBER = re.compile(r"条文顺序[^。\n]{0,12}调整|条文序号[^。\n]{0,12}调整|顺序作相应调整")
# an operation: the verbs of a 修改决定 (the 决定's own heading, 关于修改《…》的决定, names no article)
_OP = re.compile(r"修改为|改为|删去|删除|增加|增写|合并|废止|移作|调整为|不再适用|停止适用")
_REPEAL = re.compile(r"废止《([^《》]{2,60})》")
_REPEAL_LIST = re.compile(r"废止(?:下列|以下|如下)|(?:决定|予以)废止的|废止的(?:法律|行政法规|地方性法规|规章|司法解释|规范性文件)")
_ITEM_TITLE = re.compile(r"(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+[.．、])\s*《([^《》]{2,80})》")
_AMEND_TITLE = re.compile(r"关于修改[〈《]([^《》]{2,80}?)[〉》](?:等[^的《》]{0,20})?的决定")
# a short name a decision gives the law it amends: 《解释》, 《规定》, or one it defines (以下简称《…》)
_GENERIC = re.compile(r"(?:解释|规定|决定|办法|条例|意见|批复|细则|规则)")
_SHORT = re.compile(r"《([^《》]{2,80})》[^《》。\n]{0,40}?以下简称《([^《》]{2,30})》")
_DOC_NO = re.compile(r"^\s*[（(][^（）()]{2,20}〔\d{4}〕\d+号[）)]")


def _int(s: str) -> int:
    return int(s) if s.isdigit() else cn_to_int(s)


@dataclass
class LawChanges:
    """The changes an input makes to one law, keyed by the title as written (resolved by the caller)."""

    title: str
    modified: dict = field(default_factory=dict)   # old article -> the operation's words (evidence)
    deleted: dict = field(default_factory=dict)    # old article -> evidence
    inserted: list = field(default_factory=list)   # new article numbers of inserted plain articles
    inserted_sub: list = field(default_factory=list)  # (article, sub) of inserted 第X条之Y (no renumbering)
    listed: dict = field(default_factory=dict)     # articles a list input names -> evidence
    moved: dict = field(default_factory=dict)      # old article -> the new number the decision states
    renumber: bool = False                        # 此外，对条文顺序作相应调整 (or implied by an insert/delete)
    repealed: bool = False
    renamed: bool = False                         # 将法规名称修改为“…”: every citation names a title no longer in use
    full_text: str | None = None                  # the new full text of a revision

    def to_dict(self) -> dict:
        return {"title": self.title, "modified": sorted(self.modified), "deleted": sorted(self.deleted),
                "inserted": sorted(self.inserted), "inserted_sub": sorted(self.inserted_sub),
                "listed": sorted(self.listed), "moved": dict(sorted(self.moved.items())), "renumber": self.renumber,
                "repealed": self.repealed, "renamed": self.renamed, "full_text": self.full_text is not None}


def renumbering(old_numbers, deleted, inserted) -> dict[int, int | None]:
    """{old article: new article (None when deleted)} after deleting ``deleted`` (old numbers) and inserting plain
    articles at ``inserted`` (their numbers in the new text), the rest keeping their order.

    >>> m = renumbering(range(1, 36), {20}, [31])
    >>> m[19], m[20], m[21], m[31], m[32], m[35]
    (19, None, 20, 30, 32, 35)
    """
    seq: list = [n for n in sorted(old_numbers) if n not in deleted]
    for y in sorted(inserted):
        seq.insert(min(max(y - 1, 0), len(seq)), None)
    out = {n: None for n in deleted}
    out.update({n: i + 1 for i, n in enumerate(seq) if n is not None})
    return out


def _articles_in(s: str) -> list[tuple[int, int | None]]:
    """(article, sub) of every 第X条 (and each article of 第X条至第Y条) in ``s``, in order."""
    out: list = []
    ranged = set()
    for m in _ART_RANGE.finditer(s):
        a, b = _int(m.group(1)), _int(m.group(2))
        if a < b <= a + 300:
            out += [(n, None) for n in range(a, b + 1)]
            ranged.add(m.start())
            ranged.add(m.end() - len(m.group(0).rsplit("第", 1)[-1]) - 1)
    for m in _ART.finditer(s):
        if m.start() in ranged:
            continue
        out.append((_int(m.group(1)), _int(m.group(2)) if m.group(2) else None))
    return out


def _sentences(text: str) -> list[str]:
    """The operations of a decision, one sentence (or line) each; quoted wording removed."""
    plain = _QUOTED.sub("“”", text)
    return [s.strip() for s in re.split(r"[。；;\n]", plain) if s.strip()]


def _op(sentence: str, law: LawChanges) -> None:
    """Read one operation sentence of a decision into ``law``."""
    if _RENUMBER.search(sentence):
        law.renumber = True
    if re.search(r"(?:法规|法律|规章|条例|规定|办法)?(?:名称|标题|题目|题注)(?:修改|改)为", sentence) and not _ART.search(sentence):
        law.renamed = True
        return
    # 增加一条，作为第Y条 / 增加两条，分别作为第Y条、第Z条 / 在第X条后增加一条，作为第X条之一
    add = re.search(r"增加[一二两三四五六七八九十\d]*条[^款项章节]*?作为(.*)$", sentence)
    if add:
        for n, sub in _articles_in(add.group(1)):
            (law.inserted_sub.append((n, sub)) if sub else law.inserted.append(n))
        sentence = sentence[:add.start()]
        # 在第X条后增加一条: X is where it goes, not a changed article
        sentence = re.sub(rf"在第{_NUM}条(?:之{_NUM})?(?:后|之后|前|之前)$", "", sentence.rstrip("，, "))
        if not sentence.strip("，, "):
            return
    # 增加一章，作为第五章“…”，包括第四十九条至第五十二条: the articles named are new ones
    if re.search(r"增加[一二两三四五六七八九十\d]*[章节]", sentence):
        law.inserted += [n for n, sub in _articles_in(sentence) if not sub]
        law.inserted_sub += [(n, sub) for n, sub in _articles_in(sentence) if sub]
        return
    # 将第三十条第二款改为第三十一条: a paragraph split off as a new article (inserted at its new number);
    # 将第二十七条改为第二十八条，第一款修改为: the article's new number, which the renumbering gives anyway
    # 将《解释》原第七条改为修改后《解释》第十二条: the same, in a decision's own words
    moved = re.search(rf"(第{_NUM}条)((?:第{_NUM}款)?)(?:[^，。第]*?)(?:改为|作为|单列为)(?:修改后的?)?(?:《[^《》]*》)?"
                      rf"(第{_NUM}条(?:之{_NUM})?)(?!第)", sentence)
    if moved and not re.search(r"合并", sentence):
        (old_n, _), = _articles_in(moved.group(1))
        (new_n, new_sub), = _articles_in(moved.group(3))
        law.modified.setdefault(old_n, sentence)
        if moved.group(2):
            (law.inserted_sub.append((new_n, new_sub)) if new_sub else law.inserted.append(new_n))
        elif not new_sub:
            law.moved[old_n] = new_n
        sentence = sentence[:moved.start()] + sentence[moved.end():]
    refs = _articles_in(sentence)
    if not refs:
        return
    merge = re.search(r"合并", sentence)
    whole_delete = re.search(rf"(?:删去|删除)(?:《[^》]*》)?((?:第{_NUM}条(?:之{_NUM})?(?:至第{_NUM}条)?[、，和及与]*)+)(?![第中的])",
                             sentence)
    if merge:
        # 将第二十三条、第二十四条合并，作为第二十三条: the first is rewritten, the others are gone
        before = _articles_in(sentence[:merge.start()])
        if before:
            law.modified.setdefault(before[0][0], sentence)
            for n, sub in before[1:]:
                if not sub:
                    law.deleted.setdefault(n, sentence)
            return
    if whole_delete:
        for n, sub in _articles_in(whole_delete.group(1)):
            if not sub:
                law.deleted.setdefault(n, sentence)
        return
    for n, sub in refs:
        if not sub:
            law.modified.setdefault(n, sentence)


def _looks_like_full_text(text: str) -> bool:
    """A law's text rather than a decision: its lines begin 第一条, 第二条, 第三条 … (five articles at least, from the
    first), and its opening lines are not a 关于修改…的决定 heading (a decision quoting new articles numbers them
    from where they go)."""
    lines = [l.strip() for l in text.splitlines() if l.strip()]
    if any(_AMEND_TITLE.search(l) for l in lines[:3]):
        return False
    nums = []
    for l in lines:
        m = re.match(rf"第({_NUM})条[\s\u3000]", l)
        if m:
            try:
                nums.append(_int(m.group(1)))
            except ValueError:
                continue
    return len(nums) >= 5 and nums[:3] == [1, 2, 3]


def parse_amendment(text: str, resolve=None) -> list[LawChanges]:
    """The laws an input amends and what it does to each.

    ``resolve(title) -> canonical title or None`` tells a law title from other quoted names (the registry's
    ``get``); without it every 《…》 outside quotes is taken as a law.

    >>> [c.to_dict()["deleted"] for c in parse_amendment("关于修改《某某法》的决定\\n一、删去第二十条。\\n此外，对条文顺序作相应调整。")]
    [[20]]
    >>> c = parse_amendment("关于修改《某某法》的决定\\n一、将第三十条第二款改为第三十一条。\\n二、将第四十条改为第四十一条，修改为：“本法第十条……”")[0]
    >>> sorted(c.modified), c.inserted, c.moved
    ([30, 40], [31], {40: 41})
    >>> c = parse_amendment("关于修改《某某法》的决定\\n一、增加一章，作为第五章“信息化”，包括第四十九条至第五十条：“……”")[0]
    >>> c.inserted, c.modified
    ([49, 50], {})
    >>> parse_amendment("国务院关于修改《某某条例》的决定\\n一、将条例名称修改为：“某某管理条例”。")[0].renamed
    True
    >>> [(c.title, c.repealed) for c in parse_amendment("国务院关于废止部分行政法规的决定\\n国务院决定废止下列行政法规：\\n"
    ...                                                  "一、《某甲条例》（1990年国务院令第1号发布）\\n二、《某乙办法》")]
    [('某甲条例', True), ('某乙办法', True)]
    >>> c = parse_amendment("某某法 第十六条、第二十一条至第二十三条")[0]
    >>> c.title, sorted(c.listed)
    ('某某法', [16, 21, 22, 23])
    """
    resolve = resolve or (lambda t: t)
    text = text.replace("\r\n", "\n").lstrip("\ufeff")
    lines = [l.strip() for l in text.splitlines() if l.strip()]
    if not lines:
        return []
    if _looks_like_full_text(text):
        title = re.sub(r"^#\s*", "", lines[0]).strip("《》 ")
        return [LawChanges(title=title, full_text=text)]
    is_decision = bool(_AMEND_TITLE.search(text) or _REPEAL_LIST.search(text) or "关于废止" in lines[0]) or any(
        re.match(r"(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）)", l) and _OP.search(l) for l in lines)
    if not is_decision:
        return _parse_list(text, resolve)
    laws: dict[str, LawChanges] = {}
    short = {m.group(2) for m in _SHORT.finditer(text)}
    m = _AMEND_TITLE.search(text)
    current = None
    if m:  # 关于修改《X》的决定: X, known or not (then reported unresolved)
        current = laws.setdefault(resolve(m.group(1)) or m.group(1), LawChanges(title=m.group(1)))
    repeal_list = False  # under 国务院决定废止下列行政法规： / 附件2 国务院决定废止的行政法规: items 一、《X》（…）
    for s in _sentences(text):
        if _REPEAL_LIST.search(s):
            repeal_list = True
        elif repeal_list and _ITEM_TITLE.match(s) and not _OP.search(s):
            t = _ITEM_TITLE.match(s).group(1)
            laws.setdefault(resolve(t) or t, LawChanges(title=t)).repealed = True
            continue
        elif _OP.search(s) or "修改" in s:
            repeal_list = False
        for r in _REPEAL.finditer(s):
            name = resolve(r.group(1)) or r.group(1)
            laws.setdefault(name, LawChanges(title=r.group(1))).repealed = True
        if _REPEAL.search(s) and not _ART.search(s):
            continue
        # a law named where an operation names its law moves the operations to it: 将《物业管理条例》第二十四条, 删去
        # 《娱乐场所管理条例》第十一条第二款, 一、修改《…》, 对《中华人民共和国道路交通安全法》作出修改 — also a law the
        # resolver does not know, whose operations are then its own (reported unresolved), not the law's before it.
        # A law merely mentioned (依照《…》的规定) and the decision's short name for its law (《解释》) move nothing.
        named = []
        if not _AMEND_TITLE.search(s):
            for t in _TITLE.finditer(s):
                name = t.group(1)
                if name in short or _GENERIC.fullmatch(name):
                    continue
                after = _DOC_NO.sub("", s[t.end():])
                if re.match(rf"\s*第{_NUM}条", after) or re.search(r"(?:对|修改|删去|删除|将|在)$", s[:t.start()]):
                    named.append(name)
        for t in named:
            current = laws.setdefault(resolve(t) or t, LawChanges(title=t))
        if current is None:
            continue
        if _OP.search(s) or _RENUMBER.search(s):
            _op(s, current)
    for law in laws.values():
        if law.inserted or law.deleted:
            law.renumber = True  # a plain article added or removed moves every later number
    return [law for law in laws.values() if law.modified or law.deleted or law.inserted or law.inserted_sub
            or law.repealed or law.renamed]


def _parse_list(text: str, resolve) -> list[LawChanges]:
    """A law name with the articles to be changed: 《中华人民共和国食品安全法》第三十五条、第一百二十二条, or
    消防法 第16条、第21条至第23条. Each title (《…》 or a name the resolver knows) takes the articles after it."""
    out: dict[str, LawChanges] = {}
    names = [(m.start(), m.end(), m.group(1)) for m in _TITLE.finditer(text)]
    if not names:
        # an unbracketed name before the first article: 人民调解法第17条
        first = _ART.search(text)
        head = text[:first.start() if first else len(text)].strip(" \t:：,，")
        head = re.split(r"[\s,，；;]", head)[-1] if head else ""
        if head:
            names = [(text.find(head), text.find(head) + len(head), head)]
    for i, (s, e, name) in enumerate(names):
        end = names[i + 1][0] if i + 1 < len(names) else len(text)
        refs = _articles_in(text[e:end])
        if not refs:
            continue
        key = resolve(name) or name
        law = out.setdefault(key, LawChanges(title=name))
        for n, sub in refs:
            if not sub:
                law.listed.setdefault(n, text[s:end].strip())
    return list(out.values())
