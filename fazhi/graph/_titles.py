"""Title keys and short names for the registry's alias index."""
from __future__ import annotations

import re
from functools import lru_cache

__all__ = ["title_key", "exact_title", "strip_note", "short_names", "guess_rank_from_title"]

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


_OTHER_NOTE = re.compile(r"[（(][^（）()]*(?:\d{4}|〔|号|新|版|修正|修订|修改|施行|公布|通过|发布)[^（）()]*[）)]$")


def strip_note(title: str) -> str:
    """A title without a trailing note that names a version or a document number rather than a text:
    （2021）, (2021版), （新）, （法释〔2020〕22号）, （2021年1月22日…会议修订）. Notes such as （一） or （试行） stay.

    >>> strip_note("中华人民共和国行政处罚法（2021年1月22日第十三届全国人民代表大会常务委员会第二十五次会议修订）")
    '中华人民共和国行政处罚法'
    >>> strip_note("最高人民法院关于适用《中华人民共和国民法典》婚姻家庭编的解释（一）（法释〔2020〕22号）")[-11:]
    '婚姻家庭编的解释（一）'
    >>> strip_note("公司法（2018）"), strip_note("某某解释（三）"), strip_note("某某规则（试行）")
    ('公司法', '某某解释（三）', '某某规则（试行）')
    """
    return _OTHER_NOTE.sub("", title).strip()


def short_names(title: str) -> list[str]:
    """Short names a text may use for ``title``: without the 中华人民共和国 prefix, an interpretation without its
    issuer, and the names people give the interpretations of one law (公司法司法解释（三）).

    >>> short_names("中华人民共和国行政处罚法"), short_names("国务院关于开展全民义务植树运动的实施办法")
    (['行政处罚法'], ['关于开展全民义务植树运动的实施办法'])
    >>> short_names("最高人民法院关于适用《中华人民共和国民法典》婚姻家庭编的解释（一）")[1:]
    ['民法典婚姻家庭编解释（一）', '民法典婚姻家庭编司法解释（一）']
    >>> short_names("最高人民法院关于适用《中华人民共和国公司法》若干问题的规定（三）")[1:]
    ['公司法解释（三）', '公司法司法解释（三）']
    """
    out = []
    if title.startswith("中华人民共和国") and len(title) >= len("中华人民共和国") + 2:  # 刑法, 宪法 too
        out.append(title[len("中华人民共和国"):])
    m = re.match(r"^(?:国务院|最高人民法院、最高人民检察院|最高人民法院|最高人民检察院)(关于.{4,})$", title)
    if m:  # 《关于审理……的解释》 as the texts cite an interpretation without its issuer
        out.append(m.group(1))
    m = _APPLYING.match(title)
    if m:  # 最高人民法院关于适用《中华人民共和国公司法》若干问题的规定（三） as people name it: 公司法司法解释（三）
        law, part, n = m.group(1), (m.group(2) or "").replace("若干问题", ""), m.group(4) or ""
        law = law[len("中华人民共和国"):] if law.startswith("中华人民共和国") and len(law) > 9 else law
        out += [f"{law}{part}解释{n}", f"{law}{part}司法解释{n}"]
    return out


_APPLYING = re.compile(r"^最高人民法院关于适用[《〈]([^》〉]{2,30})[》〉]([^的《》]{0,12}?)的(解释|规定)((?:[（(][一二三四五六七八九十]+[）)])?)$")


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
