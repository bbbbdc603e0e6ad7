"""Small text rules shared by the builder and the checks: fines, articles of plain text, dates, citations.

Examples:
    >>> fine_amounts("处一万元以上五万元以下罚款")
    [10000, 50000]
    >>> fine_amounts("处5000元以下的罚款；情节严重的，处2万元罚款")
    [5000, 20000]
    >>> fine_amounts("责令改正，没收违法所得")
    []
    >>> fine_multiples("没收违法所得，并处违法所得一倍以上五倍以下罚款")
    [('违法所得', 1.0, 5.0, 9, 23)]
    >>> [(n, t[:4]) for n, s, t in plain_articles("第一条 甲\\n第二条 乙\\n第二条 重复")]
    [(1, '第一条 '), (2, '第二条 ')]
"""
from __future__ import annotations

import re

from fazhi.numerals import cn_to_int

__all__ = ["fine_amounts", "max_fine", "subject_fines", "fine_multiples", "max_multiples", "plain_articles", "inserted_articles",
           "cn_date", "find_citations", "article_paragraphs", "article_structure",
           "fine_floor",
           "sentences", "EFFECTIVE_REGEX"]

_CN_NUM = "零〇一二三四五六七八九十百千万两壹贰叁肆伍陆柒捌玖拾佰仟"
AMOUNT_REGEX = re.compile(rf"((?:\d[\d,，.]*|[{_CN_NUM}]+)(?:万|千|百)?)元")
FINE_SENTENCE_REGEX = re.compile(r"[^。；;\n]*罚款[^。；;\n]*")
# 自2024年3月1日起施行, and as formal documents also write it, 自二〇二四年三月一日起施行
EFFECTIVE_REGEX = re.compile(r"自(\d{4}|[〇零○一二三四五六七八九]{4})年(\d{1,2}|[一二三四五六七八九十]{1,3})月"
                             r"(\d{1,2}|[一二三四五六七八九十]{1,3})日起(?:施行|生效|执行)")
_ARTICLE_LINE = re.compile(r"^[ \t\u3000]*第([零〇一二三四五六七八九十百千两0-9]+)条(?:之([一二三四五六七八九十]+))?"
                           r"(?=[ \t\u3000]|$)", re.M)
_SENTENCE = re.compile(r"[^。；;！!？?\n]+[。；;！!？?]?")
DATE_REGEX = re.compile(r"(\d{4}|[〇零一二三四五六七八九]{4})年(\d{1,2}|[一二三四五六七八九十]{1,3})月"
                        r"(\d{1,2}|[一二三四五六七八九十]{1,3})日")


def _amount(s: str) -> int | None:
    mult = 1
    if s.endswith("万"):
        mult, s = 10000, s[:-1]
    elif s.endswith("千") and re.match(r"\d", s):
        mult, s = 1000, s[:-1]
    elif s.endswith("百") and re.match(r"\d", s):
        mult, s = 100, s[:-1]
    s = s.replace(",", "").replace("，", "")
    try:
        if re.fullmatch(r"\d+(\.\d+)?", s):
            return int(float(s) * mult)
        return cn_to_int(s) * mult
    except ValueError:
        return None


def fine_amounts(text: str) -> list[int]:
    """Yuan amounts named in the sentences of ``text`` that impose a fine (罚款), in order."""
    out = []
    for m in FINE_SENTENCE_REGEX.finditer(text):
        for a in AMOUNT_REGEX.finditer(m.group(0)):
            v = _amount(a.group(1))
            if v:
                out.append(v)
    return out


# 对个人处二百元以上一千元以下的罚款，对单位处二千元以上二万元以下的罚款: the fine of each kind of party (not 对单位
# 直接负责的主管人员…, who are persons)
_SUBJECT_FINE = re.compile(r"对(个人|单位(?!直接负责|的主管|的负责|主要负责|负责人|的直接))[^。；，,]{0,12}?"
                           r"(?:处|处以|并处|可以处|可以并处|给予)[^。；，,]{0,30}?罚款")


# 单位有前款第一项、第七项行为之一，处五万元以上五十万元以下的罚款；个人有前款第一项…行为之一，处一百元以上五百元以下的罚款
# (固体废物污染环境防治法 第一百一十一条), and a provision whose conduct begins with its party (个人随意倾倒建筑垃圾的，…处二千元罚款)
_SUBJECT_HEAD_FINE = re.compile(r"(?:^|(?<=[。；;，,：:\n\s]))(?:第[零〇一二三四五六七八九十百千两0-9]+条\s*)?"
                                r"(个人|单位)(?!直接负责|的主管|的负责|主要负责|负责人|的直接)(?=有|违反|未|擅自|随意|在|从事|将)"
                                r"[^。；，,]{0,60}?(?:行为|情形)?(?:之一)?的?[，,](?:[^。；]{0,60}?[，,])?"
                                r"(?:由[^。；，,]{0,30}?)?(?:责令[^。；，,]{0,12}[，,])?"
                                r"(?:处|处以|并处|可以处)[^。；，,]{0,30}?罚款")


def subject_fines(text: str) -> dict:
    """{个人|单位: highest fine in yuan} where ``text`` fines persons and units apart.

    >>> subject_fines("给予警告，对个人并处200元以上3000元以下罚款，对单位并处1万元以上5万元以下罚款")
    {'个人': 3000, '单位': 50000}
    >>> subject_fines("处5000元罚款；对单位直接负责的主管人员处1000元罚款")
    {}
    >>> subject_fines("单位有前款第一项行为的，处五万元以上五十万元以下的罚款；个人有前款第一项行为之一，处一百元以上五百元以下的罚款")
    {'单位': 500000, '个人': 500}
    >>> subject_fines("个人随意倾倒建筑垃圾的，依照《某法》第一百一十一条的规定，由市城市管理局责令改正，处二千元罚款")
    {'个人': 2000}
    """
    out: dict = {}
    for m in list(_SUBJECT_FINE.finditer(text)) + list(_SUBJECT_HEAD_FINE.finditer(text)):
        amounts = [v for a in AMOUNT_REGEX.finditer(m.group(0)) if (v := _amount(a.group(1)))]
        if amounts:
            out[m.group(1)] = max(max(amounts), out.get(m.group(1), 0))
    return out


_ITEM_LINE = re.compile(r"^[ \t\u3000]*[（(][一二三四五六七八九十]+[）)]")
_SUB_ITEM_LINE = re.compile(r"^[ \t\u3000]*(?:\d+|[０-９]+)[.．、]")


def article_paragraphs(text: str) -> list[tuple[str, int]]:
    """(text, items) of each paragraph (款) of one article's text, one line a paragraph as the law files write
    them: a line beginning （一） is an item (项) of the paragraph before it, a line beginning 1. an entry (目) of
    that item; blank lines are skipped.

    >>> [(p[:4], n) for p, n in article_paragraphs("第九条 甲：\\n（一）乙；\\n（二）丙。\\n\\n前款丁。")]
    [('第九条 ', 2), ('前款丁。', 0)]
    """
    out: list[list] = []
    for line in text.split("\n"):
        line = line.strip(" \t\u3000\u200b\ufeff")
        if not line:
            continue
        if out and _ITEM_LINE.match(line):
            out[-1][0] += "\n" + line
            out[-1][1] += 1
        elif out and _SUB_ITEM_LINE.match(line):
            out[-1][0] += "\n" + line
        else:
            out.append([line, 0])
    for p in out:
        if not p[1]:
            # items written inline (……：（一）甲；（二）乙；（三）丙。): the markers 一, 二, 三 … in order
            k = 0
            for m in _INLINE_ITEM.finditer(p[0]):
                if _cn_small(m.group(1)) == k + 1:
                    k += 1
            p[1] = k if k >= 2 else 0
    return [(t, n) for t, n in out]


_INLINE_ITEM = re.compile(r"[（(]([一二三四五六七八九十]+)[）)]")


def _cn_small(s: str) -> int | None:
    try:
        return cn_to_int(s)
    except ValueError:
        return None


def article_structure(text: str) -> tuple[int, ...]:
    """The item counts of the paragraphs of one article's text: ``(0,)`` for one paragraph without items.

    >>> article_structure("第二十三条 有下列行为之一的，处警告:\\n（一）甲；\\n（二）乙。\\n聚众实施前款行为的，处拘留。")
    (2, 0)
    """
    return tuple(n for _, n in article_paragraphs(text)) or (0,)


_FINE_RANGE = re.compile(rf"(?:(?P<lo>(?:\d[\d,，.]*|[{_CN_NUM}]+)(?:万|千|百)?)元?(?:以上|至|到|-|－|～|—))?"
                         rf"(?P<hi>(?:\d[\d,，.]*|[{_CN_NUM}]+)(?:万|千|百)?)元(?P<below>以下)?")


def fine_floor(text: str) -> int | None:
    """The lowest fine in yuan ``text`` allows: the smallest lower bound of its fines (0 for a fine written only
    with 以下), or None when it names no fine in yuan.

    >>> fine_floor("造成严重后果的，处10万元以上20万元以下罚款"), fine_floor("处5万元以下罚款；情节严重的，处五万元以上十万元以下罚款")
    (100000, 0)
    >>> fine_floor("处五百元罚款"), fine_floor("没收违法所得") is None
    (500, True)
    >>> fine_floor("并处货值金额2倍以上20倍以下的罚款；货值金额不足10万元的，并处20万元以上200万元以下的罚款")
    200000
    """
    lows = []
    for m in FINE_SENTENCE_REGEX.finditer(text):
        clause = m.group(0)
        for r in _FINE_RANGE.finditer(clause):
            hi = _amount(r.group("hi"))
            if not hi or re.match(r"(?:以上|以下)?的(?!罚款)", clause[r.end():]) or \
                    re.search(r"(?:不足|超过|达到|满|低于|高于|不到)$", clause[:r.start()]):
                continue  # 货值金额不足10万元的, 违法所得五万元以上的: a condition, not the fine
            if r.group("lo"):
                lo = _amount(r.group("lo") if re.search(r"[万千百]$", r.group("lo")) or not
                             re.search(r"[万千百]$", r.group("hi")) else r.group("lo") + r.group("hi")[-1])
                lows.append(lo or 0)
            else:
                lows.append(0 if r.group("below") else hi)
    return min(lows) if lows else None


def max_fine(text: str) -> int | None:
    amounts = fine_amounts(text)
    return max(amounts) if amounts else None


# fines set as a multiple of a base (处违法所得一倍以上五倍以下罚款, 处货值金额十五倍以上三十倍以下罚款, 处未缴或者少缴
# 的税款百分之五十以上五倍以下的罚款); the base is named by its usual words, grouped under one name each
_MULTIPLE_BASES = (
    ("违法所得", r"(?:违法|非法)所得(?:金额|数额)?"),
    ("货值金额", r"货值(?:金额)?"),
    ("违法经营额", r"(?:违法|非法)经营(?:额|金额|数额)"),
    ("销售额", r"(?:违法)?销售(?:额|金额|收入)"),
    ("营业额", r"营业(?:额|收入)"),
    ("合同价款", r"(?:合同|工程)(?:价款|金额)"),
    ("税款", r"税款"),
    # any other base is compared only with the same words (广告费用, 树木价值, 业务收入, 违法收入)
    (None, r"(?![并处以可])[\u4e00-\u9fff]{2,4}?(?:价值|费用|收入|价款|造价|酬金|报酬|金额|数额|费)"),
)
_BASE_REGEX = re.compile("|".join(f"(?P<b{i}>{rx})" for i, (_, rx) in enumerate(_MULTIPLE_BASES)))
_NUM = rf"(?:\d+(?:\.\d+)?|[{_CN_NUM}]+)"
MULTIPLE_REGEX = re.compile(
    rf"(?:(?:{_BASE_REGEX.pattern})(?:的)?)?"
    rf"(?:(?P<low>百分之{_NUM}|{_NUM}[%％]|{_NUM}倍?)(?:以上|至|到|-|－|～|—))?(?P<high>{_NUM})倍(?:以下)?(?:的)?"
    r"(?:罚款|或者[^。；，]{0,24}?罚款)")


def _number(s: str) -> float | None:
    try:
        return float(s) if re.fullmatch(r"\d+(?:\.\d+)?", s) else float(cn_to_int(s))
    except ValueError:
        return None


def _base_name(m) -> str | None:
    """The name of the base a match of :data:`_BASE_REGEX` names: its group's, or the words themselves."""
    for i, (name, _) in enumerate(_MULTIPLE_BASES):
        words = m.group(f"b{i}")
        if words and name:
            return name
        if words:
            # 并处药品货值金额 is 货值金额, 处以树木价值 is 树木价值
            words = re.sub(r"^(?:并处|处以|可处|处|以|及其|所获|所|的)+", "", words)
            return next((n for n, rx in _MULTIPLE_BASES[:-1] if re.search(f"(?:{rx})$", words)), words)
    return None


def fine_multiples(text: str) -> list[tuple[str, float | None, float, int, int]]:
    """(base, lowest, highest, start, end) of the fines set as a multiple of a base (违法所得, 货值金额, 销售额,
    违法经营额, 营业额, 合同价款, 税款; other bases by their own words: 广告费用, 树木价值) in the sentences of
    ``text`` that impose a fine. A multiple written without its base (没收违法所得，并处一倍以上三倍以下罚款) takes the base named last before it in the sentence;
    with none, it is left out. ``lowest`` is None for 五倍以下 and for a percentage (百分之五十以上五倍以下).

    >>> fine_multiples("处货值金额十五倍以上三十倍以下罚款")
    [('货值金额', 15.0, 30.0, 1, 17)]
    >>> [m[:3] for m in fine_multiples("处未缴或者少缴的税款百分之五十以上五倍以下的罚款")]
    [('税款', None, 5.0)]
    >>> [m[:3] for m in fine_multiples("情节严重的，处广告费用三倍以上五倍以下的罚款")]
    [('广告费用', 3.0, 5.0)]
    >>> fine_multiples("处一万元以上五万元以下罚款")
    []
    """
    out = []
    for sm in FINE_SENTENCE_REGEX.finditer(text):
        sent = sm.group(0)
        for m in MULTIPLE_REGEX.finditer(sent):
            high = _number(m.group("high"))
            if not high:
                continue
            base = _base_name(m)
            if base is None:
                if not re.search(r"处(?:以)?$", sent[:m.start()]):
                    continue  # 处挪用数额二倍以下: a base this table does not know
                named = [b for b in _BASE_REGEX.finditer(sent, 0, m.start())]
                if not named:
                    continue
                base = _base_name(named[-1])
            low = m.group("low")
            low_n = _number(low.rstrip("倍")) if low and not low.startswith("百分之") and low[-1] not in "%％" else None
            out.append((base, low_n, high, sm.start() + m.start(), sm.start() + m.end()))
    return out


def max_multiples(text: str) -> dict[str, float]:
    """{base: highest multiple} of the fines :func:`fine_multiples` finds in ``text``.

    >>> max_multiples("处违法所得一倍以上三倍以下罚款；情节严重的，处违法所得五倍以下罚款")
    {'违法所得': 5.0}
    """
    out: dict[str, float] = {}
    for base, _, high, _, _ in fine_multiples(text):
        out[base] = max(high, out.get(base, 0.0))
    return out


def plain_articles(text: str) -> list[tuple[int, int, str]]:
    """(number, start, text) of the articles of a plain text (lines beginning 第X条), in increasing order."""
    found = []
    last = 0
    ms = [m for m in _ARTICLE_LINE.finditer(text)]
    starts = []
    for m in ms:
        try:
            n = cn_to_int(m.group(1))
        except ValueError:
            continue
        if n > last:
            starts.append((n, m.start() + len(m.group(0)) - len(m.group(0).lstrip(" \t\u3000"))))
            last = n
    for i, (n, s) in enumerate(starts):
        e = starts[i + 1][1] if i + 1 < len(starts) else len(text)
        found.append((n, s, text[s:e].rstrip()))
    return found


def inserted_articles(text: str) -> set[tuple[int, int]]:
    """(article, sub) of the inserted articles of a plain text (lines beginning 第X条之Y).

    >>> sorted(inserted_articles("第一百二十条 甲\\n第一百二十条之一 乙\\n第一百二十条之二 丙\\n第一百二十一条 丁"))
    [(120, 1), (120, 2)]
    """
    out = set()
    for m in _ARTICLE_LINE.finditer(text):
        if m.group(2):
            try:
                out.add((cn_to_int(m.group(1)), cn_to_int(m.group(2))))
            except ValueError:
                continue
    return out


def sentences(text: str, offset: int = 0):
    """(start, end, sentence) of each sentence (split at 。；！？ and newlines)."""
    for m in _SENTENCE.finditer(text):
        if m.group(0).strip():
            yield offset + m.start(), offset + m.end(), m.group(0)


def cn_date(y: str, m: str, d: str) -> str | None:
    """ISO date from year, month, day in Arabic or Chinese numerals, read by :func:`fazhi.dates.parse_date`;
    None for a day not in the calendar (2023年2月30日) or a year outside 1900-2100.

    >>> cn_date("二〇二三", "五", "六"), cn_date("2023", "2", "30")
    ('2023-05-06', None)
    """
    from fazhi.dates import parse_date

    try:
        day = parse_date(f"{y}年{m}月{d}日", excel=False)
    except ValueError:
        return None
    return day.isoformat() if 1900 <= day.year <= 2100 else None


_FALLBACK_TITLE = re.compile(r"《([^《》]{2,80})》(第([零〇一二三四五六七八九十百千0-9]+)条)?")


def find_citations(text: str, self_title: str | None = None) -> list:
    """Citations through :func:`fazhi.nlp.citations.find_citations`.

    When the nlp area is not installed, a deliberately small fallback finds only 《title》 and a directly
    following 第X条 (no short names, lists or self references) so that the registry can still be built.
    """
    try:
        from fazhi.nlp.citations import find_citations as fc
    except ImportError:
        fc = None
    if fc is not None:
        return list(fc(text, self_title=self_title))
    from fazhi.document import Citation

    out = []
    for m in _FALLBACK_TITLE.finditer(text):
        art = None
        if m.group(3):
            try:
                art = cn_to_int(m.group(3))
            except ValueError:
                art = None
        try:
            from fazhi.nlp.aliases import canonical_title

            law = canonical_title(m.group(1)) or m.group(1)
        except ImportError:
            law = m.group(1)
        out.append(Citation(start=m.start(), end=m.end(), text=m.group(0), law=law, article=art,
                            attrs={"raw_title": m.group(1)}))
    return out
