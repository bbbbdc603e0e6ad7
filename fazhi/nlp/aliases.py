"""Law titles and their aliases: 民法典 -> 中华人民共和国民法典, 《消法》 -> 中华人民共和国消费者权益保护法.

The table ``fazhi/nlp/data/law_titles.tsv`` is generated from the law corpus by ``scripts/build_aliases.py``
(official titles, the 中华人民共和国 prefix removed, issuer prefixes of judicial interpretations, titles cited
in the texts, abbreviations the texts define with 以下简称, and a short curated list). It is loaded once per
process.

Examples:
    >>> canonical_title("民法典")
    '中华人民共和国民法典'
    >>> canonical_title("《中华人民共和国行政处罚法》")
    '中华人民共和国行政处罚法'
    >>> canonical_title("消法"), canonical_title("中华人民共和国民事诉讼法（2017年修正）")
    ('中华人民共和国消费者权益保护法', '中华人民共和国民事诉讼法')
    >>> canonical_title("离婚协议书") is None
    True
    >>> normalize_title(" 最高人民法院关于适用〈中华人民共和国民事诉讼法〉的解释 ")
    '最高人民法院关于适用《中华人民共和国民事诉讼法》的解释'
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from importlib import resources

__all__ = ["canonical_title", "known_titles", "normalize_title", "looks_like_law_title", "alias_table",
           "title_level"]

_BRACKETS = str.maketrans({"〈": "《", "〉": "》", "<": "《", ">": "》", "«": "《", "»": "》", "‹": "《", "›": "》",
                           "＜": "《", "＞": "》", "﹤": "《", "﹥": "》", "(": "（", ")": "）", "[": "【", "]": "】"})
_SPACE = re.compile(r"\s+")
_VERSION_SUFFIX = re.compile(r"[（(](?:\d{4}年)?[^（）()]{0,10}(?:修正|修订|试行|公布|施行|修改)[^（）()]{0,6}[）)]$")

# endings of titles that are laws, regulations, rules or interpretations
_STRONG_SUFFIX = re.compile(r"(?:法|法典|条例|条令|通则|解释|修正案(?:（[一二三四五六七八九十]+）)?)$")  # 条令: 纪律条令
# rules: a law when an issuer or a regulatory word is in the title
_RULE_SUFFIX = re.compile(r"(?:规定|办法|细则|规则|准则)$")
# documents: a law only when a national issuer is named (or it amends / repeals a law)
_DOC_SUFFIX = re.compile(r"(?:决定|决议|意见|批复|答复|通知|纪要|复函|函)$")
_NOT_LAW_ENDING = re.compile(r"(?:方法|做法|手法|算法|疗法|书法|语法|用法|说法|看法|想法|写法|技法|兵法|家法|魔法|刀法|"
                             r"画法|笔法|章法|打法|玩法|戏法|合法|非法|守法|违法|执法|司法|立法|依法|国法|王法|佛法)$")
_NATIONAL = re.compile(r"中华人民共和国|国务院|最高人民法院|最高人民检察院|全国人民代表大会|中国人民银行|中共中央|"
                       r"[部委署]|总局|办公厅|人民法院|人民检察院|公安机关")
_LOCAL_ISSUER = re.compile(r"[省市县区州盟旗]|自治|人民政府|人民代表大会")
_REGULATORY = re.compile(r"实施|暂行|试行|若干|办理|审理|适用|执行")
_AMENDS = re.compile(r"修改|废止|修正|修订")
_PRIVATE = re.compile(r"公司|有限|集团|(?<!人民)银行|合同|协议|章程|手册|保险条款|通知书|决定书|认定书")
# words of an employer's or an institution's own rules; such a title is a law only with an issuer in it
_PUBLIC = re.compile(r"国有|国家|全国")
# (but 女职工 and 企业职工 are whom labour law protects: 女职工劳动保护规定, 企业职工伤亡事故报告和处理规定)
_INTERNAL = re.compile(r"薪酬|考勤|员工|(?<![女业])职工|奖惩|绩效|人事|内部|学校|医院|酒店|小区|物业|"
                       r"成员认定")  # a village's 集体经济组织成员认定实施细则, voted by its own members


def normalize_title(name: str) -> str:
    """The comparison key of a title: NFKC-free bracket normalisation (〈〉 <> -> 《》), no spaces, no outer 《》.

    Full-width ASCII letters and digits become half-width; Chinese punctuation (（）、) stays as the laws write it.
    """
    s = _SPACE.sub("", name)
    if any("\uff01" <= c <= "\uff5e" and c not in "（）" for c in s):
        s = "".join(unicodedata.normalize("NFKC", c) if "\uff01" <= c <= "\uff5e" and c not in "（）" else c
                    for c in s)
    s = s.translate(_BRACKETS)
    while s.startswith("《") and s.endswith("》") and _balanced(s[1:-1]):
        s = s[1:-1]
    if s.startswith(("最高法", "最高检", "全国人大常委会")):  # 最高法关于…的规定: the issuer as people shorten it
        s = _ISSUER_SHORT.sub(lambda m: _ISSUER_FULL[m.group(0)], s)
    return s


_ISSUER_FULL = {"最高法": "最高人民法院", "最高检": "最高人民检察院", "全国人大常委会": "全国人民代表大会常务委员会"}
_ISSUER_SHORT = re.compile(r"(?:^|(?<=、))(?:最高法|最高检|全国人大常委会)(?=关于|、)")


def _balanced(s: str) -> bool:
    depth = 0
    for c in s:
        if c == "《":
            depth += 1
        elif c == "》":
            depth -= 1
            if depth < 0:
                return False
    return depth == 0


def looks_like_law_title(title: str) -> bool:
    """Whether a title in 《》 names a law, regulation, rule or interpretation (not a contract or a form).

    >>> [looks_like_law_title(t) for t in ("中华人民共和国刑法", "离婚协议书", "道路交通事故认定书",
    ...                                    "国务院关于加强食品安全工作的决定", "员工奖惩办法", "施工方法")]
    [True, False, False, True, False, False]
    """
    t = _VERSION_SUFFIX.sub("", normalize_title(title))
    if not t or len(t) > 100 or _NOT_LAW_ENDING.search(t):
        return False
    if _PRIVATE.search(t) and not (t.startswith(("中华人民共和国", "最高人民")) or t.endswith("司法解释")):
        return False
    if t.startswith("中华人民共和国") and t.endswith("总则"):  # 中华人民共和国民法总则 (2017, repealed)
        return True
    issuer = bool(_NATIONAL.search(t) or _LOCAL_ISSUER.search(t))
    public = issuer or bool(_PUBLIC.search(t))
    if _INTERNAL.search(t) and not public:
        return False
    if _RULE_SUFFIX.search(t):
        # 铁路旅客运输损害赔偿规定: no issuer in the title, but long and worded like the corpus's titles
        return issuer or bool(_REGULATORY.search(t)) or (len(t) >= 10 and _title_wording(t) >= 0.7)
    if _DOC_SUFFIX.search(t):
        return bool(_NATIONAL.search(t) or _AMENDS.search(t))
    return bool(_STRONG_SUFFIX.search(t))


@lru_cache(maxsize=1)
def _title_bigrams() -> frozenset:
    return frozenset(t[i:i + 2] for t in set(_load()[0].values()) for i in range(len(t) - 1))


def _title_wording(t: str) -> float:
    """Share of the title's character bigrams that occur in known law titles."""
    grams = [t[i:i + 2] for i in range(len(t) - 1)]
    known = _title_bigrams()
    return sum(g in known for g in grams) / len(grams) if grams else 0.0


@lru_cache(maxsize=1)
def _load() -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    table: dict[str, str] = {}
    level: dict[str, str] = {}
    data = resources.files("fazhi.nlp").joinpath("data").joinpath("law_titles.tsv")
    with data.open("r", encoding="utf-8") as f:
        for line in f:
            if line.startswith("#"):
                continue
            parts = line.rstrip("\n").split("\t")
            if len(parts) < 2:
                continue
            table[parts[0]] = parts[1]
            if len(parts) > 2 and parts[2]:
                level.setdefault(parts[1], parts[2])
    for canonical in set(table.values()):
        table.setdefault(normalize_title(canonical), canonical)
    # titles with their inner 《》 dropped: 最高人民法院关于适用中华人民共和国民事诉讼法的解释
    flat: dict[str, str] = {}
    for key, canonical in table.items():
        if "《" in key:
            flat.setdefault(key.replace("《", "").replace("》", ""), canonical)
    return table, level, flat


def alias_table() -> dict[str, str]:
    """The whole table, normalised alias -> canonical title (shared; do not modify)."""
    return _load()[0]


@lru_cache(maxsize=65536)
def canonical_title(name: str) -> str | None:
    """The canonical full title for a title or alias as written, or None when it is not a known law.

    Handles the 中华人民共和国 prefix, short names (民法典, 行政处罚法), abbreviations (消法), 〈〉 and 《》
    nesting, full-width letters, and a trailing version note such as （2017年修正）.
    """
    table = _load()[0]
    key = normalize_title(name)
    hit = table.get(key)
    if hit is None:
        base = _VERSION_SUFFIX.sub("", key)
        if base != key:
            hit = table.get(base)
    if hit is None:
        flat = key.replace("《", "").replace("》", "")
        hit = _load()[2].get(flat)
        if hit is None and flat.startswith("中华人民共和") and not flat.startswith("中华人民共和国"):
            hit = table.get("中华人民共和国" + key[6:])  # a common typo: 中华人民共和农村土地承包法
    return hit


def known_titles() -> set[str]:
    """Every canonical title in the table."""
    return set(_load()[0].values())


def title_level(title: str) -> str | None:
    """The level (法律, 行政法规, 司法解释, 地方性法规 ...) of a canonical title, when the corpus says it."""
    return _load()[1].get(title)
