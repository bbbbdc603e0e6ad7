"""Title keys and short names for the registry's alias index."""
from __future__ import annotations

import re
from functools import lru_cache

__all__ = ["title_key", "exact_title", "short_names", "guess_rank_from_title"]

_VERSION_NOTE = re.compile(r"[（(](?:\d{4}年)?[^（）()]{0,10}(?:修正|修订|试行|公布|施行|修改)[^（）()]{0,6}[）)]$")


def _normalize(title: str) -> str:
    try:
        from fazhi.nlp.aliases import normalize_title

        return normalize_title(title)
    except ImportError:  # pragma: no cover - nlp area missing
        return re.sub(r"\s+", "", title).replace("〈", "《").replace("〉", "》").strip("《》")


@lru_cache(maxsize=65536)
def exact_title(title: str) -> str:
    """A title as the registry spells it, its note kept: 《》 removed, brackets and spaces unified. A note
    such as （试行） names another text (人民检察院刑事诉讼规则（试行） was replaced by 人民检察院刑事诉讼规则), so
    the registry tries this before :func:`title_key`.

    >>> exact_title("《人民检察院刑事诉讼规则(试行)》")
    '人民检察院刑事诉讼规则（试行）'
    """
    return _normalize(title)


@lru_cache(maxsize=65536)
def title_key(title: str) -> str:
    """The comparison key of a title: 《》 and 〈〉 unified, spaces and a trailing version note removed.

    >>> title_key(" 《中华人民共和国民法典》 "), title_key("中华人民共和国立法法（2015年修正）")
    ('中华人民共和国民法典', '中华人民共和国立法法')
    >>> title_key("治安管理处罚法(2012修正)"), title_key("中华人民共和国宪法修正案（2004年）")
    ('治安管理处罚法', '中华人民共和国宪法修正案（2004年）')
    """
    return _VERSION_NOTE.sub("", _normalize(title))


def short_names(title: str) -> list[str]:
    """Short names a text may use for ``title``: without the 中华人民共和国 prefix.

    >>> short_names("中华人民共和国行政处罚法"), short_names("国务院关于开展全民义务植树运动的实施办法")
    (['行政处罚法'], ['关于开展全民义务植树运动的实施办法'])
    """
    out = []
    if title.startswith("中华人民共和国") and len(title) >= len("中华人民共和国") + 2:  # 刑法, 宪法 too
        out.append(title[len("中华人民共和国"):])
    m = re.match(r"^(?:国务院|最高人民法院、最高人民检察院|最高人民法院|最高人民检察院)(关于.{4,})$", title)
    if m:  # 《关于审理……的解释》 as the texts cite an interpretation without its issuer
        out.append(m.group(1))
    return out


_GENERIC_START = re.compile(r"^(?:城市|城镇|城乡|市场|市政|市容|风景名胜区|自然保护区|社区|地区|开发区|县级|县乡|区域)+")


def guess_rank_from_title(title: str, issuer: str | None = None) -> str | None:
    """A rank for a title the corpus does not hold (a repealed law named in a repeal clause).

    >>> guess_rank_from_title("中华人民共和国合同法"), guess_rank_from_title("上海市物业管理条例")
    ('法律', '地方性法规')
    >>> guess_rank_from_title("城市房屋拆迁管理条例"), guess_rank_from_title("杭州西湖风景名胜区管理条例")
    ('行政法规', '地方性法规')
    """
    t = title_key(title)
    if t in ("中华人民共和国宪法", "宪法"):
        return "宪法"
    if t.startswith("中华人民共和国") and re.search(r"(?:法|通则|总则|法典)(?:（[^）]*）)?$", t):
        return "法律"
    if t.startswith(("最高人民法院", "最高人民检察院")):
        return "司法解释"
    if t.startswith("全国人民代表大会"):
        return "法律"
    # a place name before 省/市/区/州/县, not a common noun ending in one (城市房屋拆迁管理条例, 风景名胜区管理暂行条例,
    # 市场主体登记管理条例 are the State Council's)
    place = _GENERIC_START.sub("", t[7:] if t.startswith("中华人民共和国") else t)
    if re.search(r"[省市区州县]", place[:8]) and re.search(r"条例$", t):
        return "自治条例和单行条例" if "自治" in t[:12] else "地方性法规"
    if re.search(r"条例$", t) and not re.search(r"[省市]", place[:6]):
        return "行政法规"
    if issuer and "国务院" == issuer:
        return "行政法规"
    return None
