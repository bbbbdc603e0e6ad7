"""PII masking: persons get stable per-document pseudonyms in the 张某 / 李某 style; ID numbers, phone numbers,
bank cards and street-level addresses are masked.

Pseudonyms: every distinct person of a document is named after its surname. A surname used by one person
gives ``张某``; several persons with the same surname give ``张某甲``, ``张某乙``, ``张某丙`` … in order of first
appearance, so two different people never share a pseudonym, and the same person (the same name string)
always gets the same one within a document; a given name standing alone (儿子国强) is the person of the
full name (李国强) and gets its pseudonym. Names that are already masked in the source (张某某, 李某甲, 刘x0,
陈9) are kept as they are and their pseudonyms are never handed to anyone else, and so are forms of address
that say no more than a pseudonym (老王, 小李, 王大爷, 李先生, 王家). A nickname named as such (绰号“大东”)
takes its bearer's pseudonym (or 某某), and so does a name in Latin letters after a role word or before its
transliteration. Names of doctrines and offices (毛泽东思想, 邓小平理论) are public and stay.

Identifiers keep their length and separators (``110105194912310021`` -> ``******************``, a mobile keeps
its first 3 and last 4 digits: ``138****5678``, a landline its area code and last 4: ``0571-****4321``); an
address keeps its administrative part down to the district or county and only the street-level run is masked, not the words around it
(``北京市海淀区中关村大街27号`` -> ``北京市海淀区***``, ``南京南街156号2-3-1的房屋`` -> ``***的房屋``); a road
alone, without a number, is masked only as a home or a property (住中山路, 位于西安大路), not where something
happened (沿宝安大道行驶); a number after a country code keeps the code (``+86 139 **** 0038``); a licence
plate keeps its province and city letter (``苏A12345`` -> ``苏A*****``). Numbers named as IDs, passports,
phones or vehicle numbers are masked whatever their shape (an old 15-digit ID, 电话：86523419, 一三九…), and so
are property certificate numbers (不动产权第0123456号); full-width digits (１３９…) are read as digits. What is public
stays: service lines (400-820-8820, 95588, 12345), 18-digit codes that are no ID (a 统一社会信用代码 of digits, a file
number: no region code and birth date where an ID has them), company names that hold a person's name, and an
organisation's seat (某某公司，住所地…).

Examples:
    >>> masked, mapping = mask_text("原告张三与被告张四、李明因借款纠纷，张三的电话13812345678。", model=False,
    ...                             persons=["张三", "张四", "李明"])
    >>> masked
    '原告张某甲与被告张某乙、李某因借款纠纷，张某甲的电话138****5678。'
"""
from __future__ import annotations

import re
from dataclasses import replace
from typing import Iterable

from fazhi.document import Document, Span
from fazhi.nlp import regexes as R

__all__ = ["mask_text", "mask_document", "pseudonyms", "surname_of", "MASKED_LABELS", "STREET_LEVEL"]

#: entity labels that are masked
MASKED_LABELS = ("PERSON", "ID_CARD", "PHONE", "BANK_CARD", "LOC")
_SEQ = "甲乙丙丁戊己庚辛壬癸"
#: the characters of a street-level address (the masker reads the finer _NAMED_UNIT / _NUMBER_UNIT)
STREET_LEVEL = re.compile(r"[路巷弄号村组栋幢室楼屯]|街(?!道)|单元|小区|大厦|社区|公寓|花园|家园|新村|\d")
_NAME = r"[^省市区县旗\s\d\W]{1,7}?"
# (a 小区, 校区, 社区, 景区 or 片区 is no district: 住望月湖小区21栋 keeps nothing of the estate)
_ADMIN_PREFIX = re.compile(
    rf"^(?:{_NAME}(?:省|自治区|特别行政区))?(?:{_NAME}(?:市|自治州|地区|盟))?(?:(?:{_NAME}|市[南北中])(?<![一二三四五六七八九十A-Za-z])(?:(?<![小校社景片])区|县|自治县|旗|市))?")


def surname_of(name: str) -> str:
    """The surname of a Chinese name (compound surnames included); the first character otherwise.

    >>> surname_of("欧阳修"), surname_of("张三")
    ('欧阳', '张')
    """
    for c in R.COMPOUND_SURNAMES:
        if name.startswith(c) and len(name) > len(c):
            return c
    return name[:1]


# any surname (钮某, 钮某某) or a name masked by a number (刘0, 陈9, 王10某): masked at the source
_MASKED_ANY = re.compile(r"[\u4e00-\u9fff]{1,2}(?:[xX×ｘ]?\d{1,2}某{0,2}|某{1,2}[甲乙丙丁戊己庚辛壬癸]?\d{0,2})")


def _already_masked(name: str) -> bool:
    return bool(R.PERSON_MASKED_REGEX.fullmatch(name) or _MASKED_ANY.fullmatch(name))


# a surname with a form of address (老王, 小李, 王大爷, 李先生, 杨师傅, 徐老四, 王家) says no more than the
# pseudonym does: it stays as written and takes no pseudonym. 小 or 阿 before a character that is mostly a
# given name (小芳, 小明, 小龙, 阿强) is a given name, and is masked.
_GIVEN_CHARS = set("明华燕龙强平文雷江金石方白夏林红军梅丽芳萍玲英兰凤霞云峰波涛杰斌勇刚敏静婷宇海春秋冬月星飞鹏辉亮"
                   "晶娟莉琴珍玉宝贵福伟洋")
_SMALL_SURNAMES = "".join(sorted(set(R.SURNAMES) - _GIVEN_CHARS))
_TITLE_NAME = re.compile(rf"老{R._SUR}|[小阿][{_SMALL_SURNAMES}]|[小老]{R._SUR}[子头儿]|{R._SUR}(?:{R.PERSON_TITLES}|家)")
_NOT_IN_A_NAME = re.compile(r"[A-Za-z0-9０-９壹贰叁肆柒捌玖拾佰仟]|陪审员|审判员|书记员|审判长|法官|律师|调解员")


# kinship words the model reads as names (孙子女, 岳父母, 曾祖父): 孙, 岳, 曾 are surnames too
_KINSHIP = re.compile(r"(?:外|曾)?孙(?:子女|子|女)|岳(?:父母|父|母)|(?:外|曾)?祖(?:父母|父|母)|曾孙")
# a name of a doctrine or an office (毛泽东思想, 邓小平理论, 习近平新时代…, 张三同志): public, not masked
_PUBLIC_NEXT = re.compile(r"思想|理论|新时代|同志|主席|总书记|总理")


def _not_a_person(name: str, seg) -> bool:
    """Whether a PERSON span of the model is no name to pseudonymise: a form of address, a plate or a
    number (苏A3K5P7号, 乐壹), a role (民陪审员), an organisation (贝乐康幼儿园), or a word the model read as
    a name (列明, 言明)."""
    if _already_masked(name):
        return False
    if _TITLE_NAME.fullmatch(name) or _KINSHIP.fullmatch(name) or _NOT_IN_A_NAME.search(name) or (
            len(name) > 5 and "·" not in name):
        return True
    if len(name) == 5 and "·" not in name:  # 乌云其其格 is a name, 一审判决书 a phrase of words
        return all(seg.frequency(w) >= 50 for w in seg.cut(name))
    if len(name) == 2 and name[0] not in R.SURNAMES and name[0] not in "小老阿":
        return seg.frequency(name) > 0 and seg.name_words().get(name) != "nr"
    return False


# a given name standing alone must not be read into a place or an organisation (建平县, 建国路, 国庆节)
_GIVEN_NEXT_BAD = re.compile(r"[路街县市区镇乡村省州道节号]|大道|公司|集团|银行|医院|学校")


def _given_names(names: list[str]) -> dict[str, str]:
    """Two-character given names of the full names (李国强 -> 国强), each of one full name only."""
    by_given: dict[str, list[str]] = {}
    for n in dict.fromkeys(names):
        sur = surname_of(n)
        if not _already_masked(n) and len(n) - len(sur) == 2 and "·" not in n:
            by_given.setdefault(n[len(sur):], []).append(n)
    return {g: ns[0] for g, ns in by_given.items() if len(ns) == 1}


def pseudonyms(names: Iterable[str]) -> dict[str, str]:
    """Stable pseudonyms for distinct names, in order of first appearance.

    >>> pseudonyms(["张三", "李四", "张三丰", "张三"])
    {'张三': '张某甲', '李四': '李某', '张三丰': '张某乙'}
    """
    order: list[str] = []
    for n in names:
        if n not in order:
            order.append(n)
    taken = {n for n in order if _already_masked(n)}
    by_surname: dict[str, list[str]] = {}
    for n in order:
        if n not in taken:
            by_surname.setdefault(surname_of(n), []).append(n)
    out: dict[str, str] = {}
    for n in order:
        if n in taken:
            out[n] = n
    for sur, group in by_surname.items():
        if len(group) == 1 and sur + "某" not in taken:
            out[group[0]] = sur + "某"
            continue
        k = 0
        for n in group:
            while True:
                suffix = _SEQ[k] if k < len(_SEQ) else str(k - len(_SEQ) + 1)
                cand = f"{sur}某{suffix}"
                k += 1
                if cand not in taken:
                    break
            out[n] = cand
    return {n: out[n] for n in order}


def _mask_digits(s: str, keep_head: int = 0, keep_tail: int = 0) -> str:
    idx = [i for i, c in enumerate(s) if c.isalnum()]
    hide = set(idx[keep_head:len(idx) - keep_tail if keep_tail else None])
    return "".join("*" if i in hide else c for i, c in enumerate(s))


# building, unit and room numbers right after a place the model found: 5-2-301, 3栋2单元501室, 7号楼, B座1506
# (a bare number only where no unit follows: 阳光花园2023年 keeps its year, 该厂110名工人 its count)
_ROOM_TAIL = re.compile(r"(?:[-－—]?(?:[A-Za-z]?\d{1,5}|[A-Za-z](?=座|区|栋|幢|单元))"
                        r"(?:座|区|栋|幢|号楼|单元|室|号|楼|层|户|房|门(?![课票店市面诊口])|(?![\d年月日元万千百岁个米平㎡%.．时分秒天次名人件辆台只]))"
                        r")*")

# the pieces of a street-level address inside a place phrase. Only these are masked, from the end of the
# administrative part (kept) to the last piece of a run: what a phrase adds around them (的路口上, 家中,
# 暂住处, 作为赌博场地) stays, and a phrase without any (207国道, 本村, 农村居民, 拖欠该厂, 土城子乡的路边,
# 山西东方机械厂破产清算组) is no address at all
_NAMED_UNIT = re.compile(
    # a road with a name before it, not a word made with 路/街 (道路, 马路, 公路, 上街, 路口, 路段, 路灯, 街道, 街景)
    r"(?<![马公道铁水土小该此这那的个条根岔去来走修绕问迷带让上下出回同网线电门至过架速干辅临沿逛串穿])"
    r"(?:大道|大街|胡同|路|街|巷)(?![口边旁段上面灯过人线费途况基牌标头景道坊沿区])"
    # a road named …道 where a house number follows (高新南七道18号), not 街道, 通道, 人行道
    r"|(?<![街通渠人车隧坑国省县乡航管轨频步知报赛])道(?=\d{1,5}号)"
    # an estate or building with a name before it (幸福小区, 齐鲁国际大厦); a village's own name (石桥村, not
    # 农村, 本村, 村民, 村委会) and its groups (村民小组, 经济社)
    r"|(?<![该本同此这那其某各每些个])(?:小区|花园|家园|新村|公寓|大厦|社区|大院|山庄|庄园|苑|村民小组|村民组|经济社)"
    r"|(?<![农乡本该同全邻外各每此原其我他她你城中村位两名])村(?![民委干集务规级长里头口两庄])")
# words before 小区 / 社区 / 公寓 … that say what kind of estate it is, not which (laws: 新建住宅小区, 相邻小区)
_KIND_OF_ESTATE = re.compile(r"(?:新建|已建|在建|拟建|老旧|相邻|周边|附近|同一|整个|其他|其它|所在|城镇|城市|农村|住宅|居住|"
                             r"居民|商品房|安置|保障性住房|封闭式?|开放式?|高档|普通|大型|中小型|小型|物业|管理|多个|部分|全部)+")
_NUMBER_UNIT = re.compile(
    r"(?:\d+|[一二三四五六七八九十两]+|[Xx×]+)(?:组|社|队)(?![织成长员合建会区])"
    r"|(?<![第\dA-Za-z\-－.．])(?:\d{1,5}|[Xx×＊*]+)(?:[-－]\d+)*号(?:院|楼)?(?![线文令码称召])"
    r"|(?:\d+|[A-Za-z]\d*)(?:栋|幢|单元|号楼|座)|[一二三四五六七八九十]+(?:(?:栋|幢)(?![楼房])|单元|号楼|座)"
    r"|(?<![A-Za-z\d])[A-Za-z]\d{0,2}区(?=\d)"
    r"|\d+(?:室|房|户|弄|门(?![课票店市面诊]))|\d+(?:[-－]\d+){1,3}(?![\d年月日元万])")
# a floor goes with an address next to it (葵朗路293号3楼), but alone (医院新大楼7楼急诊) it locates nobody
_FLOOR_UNIT = re.compile(r"\d+(?:楼|层)")
_MAX_GAP = 10
# after a piece, a bare number goes with it (B座1506, 5幢201)
_BARE_TAIL = re.compile(r"\d{1,5}(?![\d年月日元万千百岁个米平㎡%.．时分秒天次名人件辆台只])")
# characters no place name runs across (和, 与, 向, 为, 将 … do: 和平村, 向阳村, 为民路, 将军路)
_ADDR_STOP = set("，,。；;：:、！？!?（）()“”\"'《》…的在从\n\t ")
_NAME_BACK = 12
_ESTATE_BACK = 8
# what ends no estate name: an institution or a business (安徽师范大学南校区行知楼7号楼: 行知楼 is masked, not the
# university)
_ESTATE_STOP = re.compile(r"(?:大学|学院|学校|医院|公司|酒店|宾馆|商场|超市|市场|银行|中心|[道镇乡县市省]|"
                          r"(?<![一二三四五六七八九十\dA-Za-z东西南北中])区)$")
# the end of an administrative name inside a run (乐昌市|北乡镇…), not of a word (小区, 校区, 米市巷)
_ADMIN_END = re.compile(r"(?<=[\u4e00-\u9fff]{2})(?<![小社校园景街城郊片营辖东西南北中\d一二三四五六七八九十])"
                        r"(?:省|市|县|区|旗)(?![路街巷弄道村口场])")


def _address_regions(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """(start, end) of the street-level runs in the place phrase ``text[start:end]``, past its
    administrative part (a run's context is read from the whole text: 路段, 路灯, 路口 are no roads)."""
    s = text[start:end]
    m = _ADMIN_PREFIX.match(s)
    floor = m.end() if m and m.end() < len(s) else 0
    look = min(len(text), end + 3)
    units = []
    for rx in (_NAMED_UNIT, _NUMBER_UNIT):
        for u in rx.finditer(text, start + floor, look):
            if u.end() > end:
                continue
            a, b = u.start() - start, u.end() - start
            if rx is _NAMED_UNIT:  # the name before the suffix: back to a stop, at most _NAME_BACK characters
                name = a
                while name > floor and name > a - _NAME_BACK and s[name - 1] not in _ADDR_STOP:
                    name -= 1
                if name == a or _KIND_OF_ESTATE.fullmatch(s, name, a):
                    continue  # 村两委: a suffix without a name; 新建住宅小区, 相邻小区: a kind of estate, no name
                a = name
            elif s[a].isdigit():  # the estate a house or building number belongs to (花家地西里三区|8号楼)
                name = a
                while name > floor and name > a - _ESTATE_BACK and "\u4e00" <= s[name - 1] <= "\u9fff" and \
                        s[name - 1] not in _ADDR_STOP and not _ESTATE_STOP.search(s, floor, name):
                    name -= 1
                a = name
            units.append((a, b, True))
    units += [(f.start(), f.end(), False) for f in _FLOOR_UNIT.finditer(s, floor)]
    units.sort()
    regions: list[list] = []
    for a, b, strong in units:
        if regions and (a <= regions[-1][1] or (a - regions[-1][1] <= _MAX_GAP and not any(
                c in _ADDR_STOP for c in s[regions[-1][1]:a]))):
            regions[-1][1] = max(regions[-1][1], b)  # 中山北路268号3栋: no stop between two pieces, one address
            regions[-1][2] = regions[-1][2] or strong
            continue
        regions.append([a, b, strong])
    out = []
    for a, b, strong in regions:
        if not strong:
            continue  # floors alone (医院新大楼7楼急诊)
        # the administrative part inside a run stays (…迁出乐昌市|北乡镇前村岭子头经济社)
        for e in _ADMIN_END.finditer(s, a, b):
            if e.end() < b and (_NAMED_UNIT.search(s, e.end(), b) or _NUMBER_UNIT.search(s, e.end(), b)):
                a = max(a, e.end())
        t = _BARE_TAIL.match(s, b)
        out.append((a, t.end() if t else b))
    return out


# an ID number, checksum or not (a typo is still personal), is a region code (first digit 1-8), a birth date and
# four more characters; a 统一社会信用代码 of digits only (914101057474181563) or a file number
# (第510105120240618003号) is 18 digits too, but no region starts with 9 and neither holds a date there
_ID_SHAPED = re.compile(r"(?<![0-9A-Za-z])[1-8]\d{5}(?:18|19|20)\d\d(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx]"
                        r"(?![0-9A-Za-z])")
# a card or account number named as such, whatever its length or checksum: 银行账户907091900010100832676,
# 卡号：6222021234567890123, 向722454970395的账号转账 (the Luhn-checked BANK_CARD spans miss these)
_ACCOUNT_WORD = r"(?:银行卡|卡号|账号|帐号|账户|帐户)"
_ACCOUNT_DIGITS = r"\d(?:[ -]?\d){9,29}"
_ACCOUNT_END = r"(?![0-9A-Za-z元万亿]|\.\d)"
_ACCOUNT_BEFORE = re.compile(rf"{_ACCOUNT_WORD}(?:号码|号)?(?:为|是|[:：\s]){{0,3}}(?P<n>{_ACCOUNT_DIGITS}){_ACCOUNT_END}")
_ACCOUNT_AFTER = re.compile(rf"(?<![0-9A-Za-z.])(?P<n>{_ACCOUNT_DIGITS}){_ACCOUNT_END}(?=(?:的)?(?:银行)?{_ACCOUNT_WORD})")

# licence plates (personal data under the rules on publishing judgments): 苏A12345, 浙A·T8826, 鲁A7G396, 苏AD12345
# (new energy), 冀F×××××号 (already masked: kept, but no address or name is read into it). The province and
# the city letter stay; what identifies the vehicle is masked.
_PLATE = re.compile(r"(?<![A-Za-z0-9])[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼]"
                    r"(?:[A-HJ-NP-ZＡ-Ｚ]\s?[·•・.．]?\s?(?P<body>(?=[^\W_]{0,6}[0-9０-９×Ｘ*＊xX])"
                    r"[A-HJ-NP-Z0-9Ａ-Ｚ０-９×Ｘ*＊xX]{4,6}[挂学警]?)|[×Ｘ*＊]{2,7})(?![A-Za-z0-9])")

# numbers named by what they are, whatever their shape: an ID of the old 15-digit kind or written in groups
# (身份证号：110105491231002, 3201 0619 6503 1208 26), passports and other papers, a landline without an area
# code or with a space (电话：86523419, 0571 86523419), a vehicle's frame or engine number
_LABELLED_NUMBER = re.compile(
    r"(?:(?P<id>公民身份号码|身份证(?:号码|号)?|护照(?:号码|号)?|通行证(?:号码|号)?|驾驶证(?:号码|号)?|军官证(?:号码|号)?|"
    r"社会保障(?:卡)?号(?:码)?|社保卡号(?:码)?)|(?P<phone>联系电话|联系方式|联系号码|电话(?:号码)?|手机(?:号码|号)?|座机|固话|传真)|"
    r"(?P<vehicle>车架号(?:码)?|车辆识别(?:代)?号(?:码)?|VIN码?|发动机号(?:码)?))"
    r"(?:为|是|[:：\s]){0,3}"
    r"(?P<n>(?=\+?[A-Za-z0-9 \-]{0,30}\d{3})\+?[A-Za-z0-9](?:[A-Za-z0-9]|[ \-](?=[A-Za-z0-9])){5,29}"
    r"(?:[(（][0-9Aa][)）])?)(?![A-Za-z0-9])"  # a Hong Kong ID's check digit in brackets: H0123456(7)
    # a number in Chinese numerals after a phone word, whatever its length (电话一八六一五一二三四五六七)
    r"|(?P<cnphone>电话|手机)(?:号码|号)?(?:为|是|[:：\s]){0,3}(?P<cn>[〇零一二三四五六七八九幺]{7,13})(?![〇零一二三四五六七八九十百千万幺])")

# a mobile number written in Chinese numerals, as hotline records take it down (一三九七三一二八八六五)
_CN_MOBILE = re.compile(r"(?<![〇零一二三四五六七八九十百千万两幺])一[三四五六七八九][〇零一二三四五六七八九幺]{9}"
                        r"(?![〇零一二三四五六七八九十百千万两幺])")
# a mobile number written in groups with dots (135.7012.3456, 135．7012．3456 as chats give it)
_DOTTED_MOBILE = re.compile(r"(?<![\d.．])1[3-9]\d[.．]\d{4}[.．]\d{4}(?![\d.．])")
# a nickname named as such (绰号“大东”, 外号老三, 微信昵称“娜娜”): it names its bearer as well as a name does
_NICKNAME = re.compile(r"(?:绰号|外号|诨号|昵称|网名|微信名|人称)(?:为|是|叫|[:：])?"
                       r"(?:[“\"'「『](?P<q>[^”\"'」』，。\s]{1,10})[”\"'」』]"
                       r"|(?P<u>[\u4e00-\u9fff]{2,4})(?=[）)，,。；;、]|$))")
# a name in Latin letters after a role word or before its transliteration (申请人Tom Smith（汤姆·史密斯）)
_LATIN_NAME = re.compile(r"(?P<role>申请人|被申请人|原告|被告人?|当事人|被害人|证人|来电人|投诉人|来访人|代理人|"
                         r"法定代表人|甲方|乙方)?[:：]?\s*(?<![A-Za-z])(?P<n>[A-Z][a-z]+(?:[ ·.][A-Z][a-z]+){1,2})"
                         r"(?![A-Za-z])(?P<bracket>[（(][^（）()]{2,12}[）)])?")

_LATIN_ORG = re.compile(r"\b(?:Inc|Ltd|Co|Corp|Corporation|Company|Group|Limited|LLC|GmbH|Bank|University|Holdings)\b")

# e-mail addresses and social-network accounts named as such (微信号 zhang_san88, QQ 123456789, 抖音号 …)
_EMAIL = re.compile(r"(?<![A-Za-z0-9._%+-])(?P<user>[A-Za-z0-9._%+-]+)@(?P<domain>[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,})")
_SOCIAL = re.compile(r"(?:微信|VX|vx|QQ|qq|抖音|快手|微博)(?:号码|账号|帐号|号|名)?(?:是|为|[:：\s]){0,3}"
                     r"(?P<n>[A-Za-z][-_A-Za-z0-9]{5,19}|[1-9]\d{4,11})(?![-_A-Za-z0-9@])")


# a country code before a number (+86 139…, 0086-21-…): kept, the number after it is masked as a number
_COUNTRY_CODE = re.compile(r"(?:\+|00)86[ -]?|86[ -]?(?=1[ -]?[3-9](?:[ -]?\d){9}$)")


# a landline's area code, which locates a city and nobody: in brackets ((0571), （010）), before a dash or a space
# (0571-, 010 ), or run into the number (057187654321: 010 and 02X have three digits, the others four); after a
# country code without its trunk 0 (+86-571-, +86 21 )
_AREA_CODE = re.compile(r"[(（]0[1-9]\d{1,2}[)）][ -]?|0[1-9]\d{1,2}[- ]|0(?:[12]\d|[3-9]\d\d)(?=\d{7,8}(?:-\d{1,5})?$)")
_AREA_CODE_AFTER_CC = re.compile(r"[(（]0?[1-9]\d{1,2}[)）][ -]?|0?[1-9]\d{1,2}[- ]")


def _mask_phone(number: str, after_cc: bool = False) -> str:
    """A mobile keeps its first 3 and last 4 digits (138****5678); a landline keeps its area code whole and the
    last 4 digits of the number (0571-****4321, (0571)****4321, +86-571-****4321); a number without an area
    code keeps its last 2."""
    cc = _COUNTRY_CODE.match(number)
    if cc and not after_cc:
        return cc.group() + _mask_phone(number[cc.end():], after_cc=True)
    digits = "".join(c for c in number if c.isdigit())
    if len(digits) == 11 and digits[0] == "1":
        return _mask_digits(number, 3, 4)
    area = (_AREA_CODE_AFTER_CC if after_cc else _AREA_CODE).match(number)
    if area and sum(c.isdigit() for c in number[area.end():]) >= 7:
        local = number[area.end():]
        ext = re.search(r"-\d{1,5}$", local) if sum(c.isdigit() for c in local) > 8 else None
        if ext:  # 010-62345678-802: the extension after the number stays
            return area.group() + _mask_digits(local[:ext.start()], 0, 4) + ext.group()
        return area.group() + _mask_digits(local, 0, 4)
    return _mask_digits(number, 3, 4) if len(digits) >= 11 else _mask_digits(number, 0, 2)


# service lines of businesses and public bodies, as public as their names: 400-/800- numbers, 95xxx/96xxx (a 96xxx
# line with its city's area code: 0571-96345) and the short 1xxxx lines (12345, 12315, 10086, 110); no mobile begins
# with 10-12 and no local number with 1 or 9
_PUBLIC_LINE = re.compile(r"[48]00\d{7}|(?:0[1-9]\d{1,2})?9[56]\d{3,4}|95\d{5,6}|1[0-2]\d{1,4}")
# full-width digits, letters and signs, read as their ASCII forms (the same offsets)
_HALF_WIDTH = str.maketrans({**{chr(0xFF10 + i): str(i) for i in range(10)},
                             **{chr(0xFF21 + i): chr(0x41 + i) for i in range(26)},
                             **{chr(0xFF41 + i): chr(0x61 + i) for i in range(26)}, "－": "-", "＋": "+"})


def _public_line(number: str) -> bool:
    return bool(_PUBLIC_LINE.fullmatch("".join(c for c in number if c.isdigit())))


def _mask_span(s: Span) -> str | None:
    if s.label == "ID_CARD" or s.label == "BANK_CARD":
        return _mask_digits(s.text)
    if s.label == "PHONE":
        return None if _public_line(s.text) else _mask_phone(s.text)
    return None


# places every estate and village has (楼道里, 小区草坪上, 村口的路边): they locate nobody, and masking them
# makes a mediator's copy unreadable (电池不再在***存放)
_GENERIC_WORD = (r"(?:小区|村里|村口|村头|村委会|楼道|楼梯间?|楼下|楼上|楼顶|楼前|楼后|天台|阳台|走廊|过道|电梯间?|门口|"
                 r"门前|单元门口|院子|院里|大院|草坪|草地|花坛|绿化带|空地|路边|路口|十字路口|丁字路口|路旁|马路|街上|"
                 r"街边|停车场|车库|地下室|广场|公园|菜市场|超市|家里|家门口|屋里|店里|厂里|工地|住户|邻居家?|隔壁|"
                 r"对门|房顶|屋顶|房间|厨房|卫生间|客厅|卧室|房子?)")
# a generic place with a description before it that names no place (没有红绿灯的十字路口), not 幸福小区的门口
_GENERIC_PLACE = re.compile(rf"(?:[^市区县镇乡村路街巷号楼栋幢室苑园庄]{{1,8}}的)?(?:{_GENERIC_WORD}的?)+"
                            rf"(?:里|上|下|边|旁|内|外|前|后|中|附近|旁边|对面)?")


# a road alone, without a number, an estate or a village: it locates a person only as a home (住中山路)
_ROAD_ONLY = re.compile(r"(?:(?!村|小区|花园|家园|新村|公寓|大厦|社区|大院|山庄|庄园)[^\d\W])+?(?:大道|大街|胡同|路|街|巷)"
                        r"(?:[东西南北中]段|[一二三四五六七八九十]+段)?")
_HOME_BEFORE = re.compile(r"住|地址|户籍|家在|家是|位于|坐落")


# a Latin-letter name in brackets right after a person's name: the same person (约翰·史密斯（John Smith）)
_LATIN_IN_BRACKETS = re.compile(r"[（(](?P<n>[A-Z][A-Za-z]+(?:[ ·.\-][A-Z][A-Za-z]+){1,3})[)）]")
# the number of a property certificate (不动产权属证书编号, personal under the rules on publishing judgments):
# 浙（2021）杭州市不动产权第0123456号, 房权证字第…号, 房产证号：…
_PROPERTY_NO = re.compile(r"(?:不动产权|房权证|房屋所有权证|土地使用权?证|国用|集用)[\u4e00-\u9fff]{0,6}?字?第(?P<n>(?=[A-Za-z]*\d)[0-9A-Za-z]{4,20})号"
                          r"|(?:不动产权证|房产证|房屋所有权证|土地使用权?证)书?(?:编号|号码|号)(?:为|是|[:：\s]){0,3}"
                          r"(?P<n2>(?=[A-Za-z]*\d)[0-9A-Za-z]{5,20})(?![0-9A-Za-z])")
# a signature line whose name is written with spaces (审 判 长　　蔺 伟, 书 记 员　　房 丽)
_SPACED_SIGNATURE = re.compile(
    r"^[ \u3000]*(?:审\s*判\s*长|审\s*判\s*员|代理审判员|人民陪审员|陪\s*审\s*员|书\s*记\s*员|法官助理|执\s*行\s*员|"
    rf"调\s*解\s*员|记\s*录\s*人)[ \u3000]+(?P<n>{R._SUR}[ \u3000]{{1,2}}[\u4e00-\u9fff](?:[ \u3000]{{0,2}}[\u4e00-\u9fff])?)"
    r"[ \u3000]*$", re.M)
# a building and a room with no estate before them: 3栋1201, 5幢2单元602室, 7号楼-302; a flat's room number
# with 室 or 房 (1502室, 602房; not 2室1厅 nor 602房间)
_BUILDING_ROOM = re.compile(r"(?<![\dA-Za-z第])\d{1,3}(?:栋|幢|号楼|座)(?:\d{1,2}单元)?[-－]?\d{3,4}(?:室|号|房|户)?"
                            r"(?![\d年月日元万号间])|(?<![\dA-Za-z第\-－])\d{3,4}(?:室|房)(?![\d厅间])")
# an organisation's seat: its name, a bracket (下称…), its registration code, a comma and 住所地 / 地址 before the place
_ORG_LABELS = ("COMPANY", "ORG", "COURT", "PROCURATORATE", "LAW_FIRM")
_SEAT_BEFORE = re.compile(r"(?:[（(][^（）()\n]{1,20}[）)])?(?:[，,]\s*(?:统一社会信用代码|组织机构代码|注册号)[:：]?\s*[0-9A-Za-z\-]{8,20})?"
                          r"[，,]\s*(?:(?:住所地|住所|营业场所|办公地址|注册地址?|地址)[:：]?\s*)?$")
_SEAT_WORD = re.compile(r"(?:住所地|住所|营业场所|办公地址|注册地址?|地址)[:：]?")


def _org_seat(text: str, start: int, org_ends: set[int]) -> bool:
    """Whether the place phrase at ``start`` is the seat of the organisation named just before it."""
    if not org_ends:
        return False
    if _SEAT_WORD.match(text, start):  # the phrase begins with its own 住所地
        w = _SEAT_BEFORE.search(text, max(0, start - 40), start)
        return bool(w) and w.start() in org_ends
    w = _SEAT_BEFORE.search(text, max(0, start - 40), start)
    return bool(w) and w.start() in org_ends and _SEAT_WORD.search(w.group()) is not None


# a date of birth: before 出生 / 生 (1979年6月12日出生, 1990.5.12生), or after 出生日期 / 出生年月 / 生日 / 出生于
_BIRTH_DAY = (r"(?P<y{0}>(?:19|20)\d\d|[〇○零一二三四五六七八九]{{4}})(?:\s*年\s*(?:\d{{1,2}}|[一二三四五六七八九十]{{1,2}})\s*月"
              r"(?:\s*(?:\d{{1,2}}|[一二三四五六七八九十]{{1,3}})\s*[日号])?|[.\-/]\d{{1,2}}(?:[.\-/]\d{{1,2}})?)")
_BIRTH_DATE = re.compile(rf"(?P<d1>{_BIRTH_DAY.format(1)})(?=\s*(?:出生|生人|生(?![产活效意气病日]))|\s*[(（]?\s*出生)"
                         rf"|(?:出生日期|出生年月日?|出生时间|生日|出生于)[:：\s]{{0,3}}(?P<d2>{_BIRTH_DAY.format(2)})")


def _in_firm(m: re.Match, name: str, firms: list[tuple[int, int]]) -> bool:
    """Whether the occurrence ``m`` of a person's name (or of its given name) lies inside a company's or a law
    firm's name that says more than the name (周大福珠宝金行（合肥）有限公司)."""
    return any(a <= m.start() and m.end() <= b and b - a >= len(name) + 4 for a, b in firms)


def _only_inside_longer(name: str, names: list[str], text: str) -> bool:
    """Whether every occurrence of ``name`` in ``text`` lies inside an occurrence of a longer name."""
    covers = [(m.start(), m.end()) for longer in names if len(longer) > len(name) and name in longer
              for m in re.finditer(re.escape(longer), text)]
    return bool(covers) and all(any(a <= m.start() and m.end() <= b for a, b in covers)
                                for m in re.finditer(re.escape(name), text))


def mask_text(text: str, *, spans: list[Span] | None = None, model: bool = True,
              persons: Iterable[str] | None = None, birth_dates: bool = False) -> tuple[str, list[dict]]:
    """Mask ``text``; returns ``(masked_text, mapping)``.

    Args:
        spans: entity spans to use (default: :func:`fazhi.nlp.entities.find_entities` on the text).
        model: use the entity model for persons and places (False: rules only).
        persons: extra person names to pseudonymise (e.g. parties known from metadata).
        birth_dates: also mask the month and day of birth dates (``1979年**月**日出生``; the year stays, as an
            age matters to a dispute). Off by default: published judgments keep a party's birth date.

    ``mapping`` lists ``{"label", "original", "masked", "count"}`` for every replaced string, in order of
    first appearance: keep it apart from the masked text (``fazhi mask --keep-map``).
    """
    if spans is None:
        from fazhi.nlp.entities import find_entities

        spans = find_entities(text, model=model)  # all types: a MONEY span must not become a PERSON
    # company and law-firm names are public, with the person's name some carry (周大福珠宝金行（合肥）有限公司);
    # an organisation's seat (被告：某某公司，住所地…路99号) is no one's home
    firms = [(s.start, s.end) for s in spans if s.label in ("COMPANY", "LAW_FIRM")]
    org_ends = {s.end for s in spans if s.label in _ORG_LABELS}
    spans = [s for s in spans if s.label in MASKED_LABELS]
    # persons: every occurrence of every name found anywhere in the document
    person_spans = [s for s in sorted(spans, key=lambda s: s.start) if s.label == "PERSON" and len(s.text) >= 2]
    if person_spans:
        from fazhi.nlp.segment import default_segmenter

        seg = default_segmenter()
        public = {s.text for s in person_spans if _PUBLIC_NEXT.match(text, s.end)}
        person_spans = [s for s in person_spans if not _not_a_person(s.text, seg) and s.text not in public]
    names = [s.text for s in person_spans]
    # a name written with spaces in a signature line (书 记 员　　房 丽), as OCR and typeset judgments give it
    names += [m.group("n") for m in _SPACED_SIGNATURE.finditer(text)]
    extra = [p for p in (persons or []) if p and len(p) >= 2]
    # a given name alone (儿子国强, 红霞多次打电话给建平) is the person of the full name (李国强, 马红霞, 苏建平)
    given = _given_names(names + extra)
    given = {g: n for g, n in given.items() if g not in extra}
    names = [n for n in names if n not in given]
    first_pos = {}
    for n in names + extra:
        i = text.find(n)
        if i >= 0 and n not in first_pos:
            first_pos[n] = i
    ordered = sorted(first_pos, key=lambda n: (first_pos[n], -len(n)))
    # a name found only inside a longer one (王建 of 王建国家, where the model split 王建|国家) never
    # reaches the text: giving it a pseudonym would make 王建国 王某甲 and the next 王 王某丙
    ordered = [n for n in ordered if not _only_inside_longer(n, ordered, text)]
    pseudo = pseudonyms(ordered)
    repl: list[tuple[int, int, str, str]] = []  # start, end, masked, label
    for n in sorted(pseudo, key=len, reverse=True):  # longer names first: 张三丰 before 张三
        if pseudo[n] == n:
            continue
        for m in re.finditer(re.escape(n), text):
            if not _in_firm(m, n, firms):
                repl.append((m.start(), m.end(), pseudo[n], "PERSON"))
    found = {(s.start, s.end) for s in person_spans}
    for g, n in given.items():
        if pseudo.get(n, n) == n:
            continue
        common = None
        for m in re.finditer(re.escape(g), text):
            if _GIVEN_NEXT_BAD.match(text, m.end()) or _in_firm(m, n, firms):
                continue
            if (m.start(), m.end()) not in found:
                # a given name that is also a common word (建设, 文明) counts only where the model saw a name
                if common is None:
                    from fazhi.nlp.segment import default_segmenter

                    common = default_segmenter().frequency(g) >= 5000
                if common:
                    continue
            repl.append((m.start(), m.end(), pseudo[n], "PERSON"))
    # identifiers are read in a half-width view of the text (身份证３３０７…Ｘ, 手机１５９－５７９１－２２３３ as a
    # form or a phone keyboard gives them): one character for one, so its offsets are the text's
    norm = text.translate(_HALF_WIDTH)

    def put(a: int, b: int, masked: str, label: str) -> None:  # ``masked`` of norm[a:b], the text's own characters kept
        repl.append((a, b, "".join("*" if m == "*" else o for o, m in zip(text[a:b], masked)), label))

    # anything shaped like an ID number is masked, even with a wrong checksum (a typo is still personal)
    for m in _ID_SHAPED.finditer(norm):
        put(m.start(), m.end(), _mask_digits(m.group()), "ID_CARD")
    for rx in (_ACCOUNT_BEFORE, _ACCOUNT_AFTER):
        for m in rx.finditer(norm):
            put(m.start("n"), m.end("n"), _mask_digits(m.group("n")), "BANK_CARD")
    if norm != text:  # the extractors of find_entities read ASCII digits only
        from fazhi.nlp.extractors import extract_bank_cards, extract_id_cards, extract_phones

        for x in extract_id_cards(norm) + extract_phones(norm) + extract_bank_cards(norm):
            if norm[x.start:x.end] != text[x.start:x.end]:
                masked = _mask_span(x)
                if masked is not None:
                    put(x.start, x.end, masked, x.label)
    for m in _DOTTED_MOBILE.finditer(norm):
        put(m.start(), m.end(), _mask_digits(m.group(), 3, 4), "PHONE")
    for m in _CN_MOBILE.finditer(text):
        repl.append((m.start(), m.end(), _mask_digits(m.group(), 3, 4), "PHONE"))
    by_pos = sorted(person_spans, key=lambda p: p.end)
    for m in _NICKNAME.finditer(text):
        nick = m.group("q") or m.group("u")
        if pseudo.get(nick, nick) != nick or nick in given or _TITLE_NAME.fullmatch(nick):
            continue  # a name masked anyway, or one that says no more than a pseudonym
        owner = [p for p in by_pos if m.start() - 4 <= p.end <= m.start() and pseudo.get(p.text, p.text) != p.text]
        masked = pseudo[owner[-1].text] if owner else "某某"
        for o in re.finditer(re.escape(nick), text):
            repl.append((o.start(), o.end(), masked, "PERSON"))
    for m in _LATIN_NAME.finditer(text):
        if _LATIN_ORG.search(m.group("n")) or text.startswith(("公司", "集团", "银行", "大学"), m.end("n")):
            continue  # 原告Apple Inc.: a company, not a person
        inner = m.group("bracket") or ""
        named = [n for n in pseudo if n in inner and pseudo[n] != n]
        if not (m.group("role") or named):
            continue
        masked = pseudo[named[0]] if named else "某某"
        for o in re.finditer(re.escape(m.group("n")), text):
            repl.append((o.start(), o.end(), masked, "PERSON"))
    for m in _LATIN_IN_BRACKETS.finditer(text):  # 约翰·史密斯（John Smith）, 田中美咲（TANAKA MISAKI）
        named = [n for n in pseudo if pseudo[n] != n and text.endswith(n, 0, m.start())]
        if named and not _LATIN_ORG.search(m.group("n")):
            for o in re.finditer(re.escape(m.group("n")), text):
                repl.append((o.start(), o.end(), pseudo[named[0]], "PERSON"))
    for m in _PROPERTY_NO.finditer(norm):
        g = "n" if m.group("n") else "n2"
        put(m.start(g), m.end(g), _mask_digits(m.group(g)), "PROPERTY")
    for m in _LABELLED_NUMBER.finditer(norm):
        if m.group("cn"):
            repl.append((m.start("cn"), m.end("cn"), _mask_digits(m.group("cn"), 3, 4), "PHONE"))
            continue
        n = m.group("n")
        if m.group("phone"):
            if not _public_line(n):  # 客服电话：400-820-8820 is a business's line, as public as its name
                put(m.start("n"), m.end("n"), _mask_phone(n), "PHONE")
        else:
            put(m.start("n"), m.end("n"), _mask_digits(n), "ID_CARD" if m.group("id") else "PLATE")
    for m in _PLATE.finditer(text):
        masked = m.group()
        if m.group("body"):
            a = m.start("body") - m.start()
            masked = masked[:a] + re.sub(r"[A-HJ-NP-Z0-9Ａ-Ｚ０-９]", "*", masked[a:])
        repl.append((m.start(), m.end(), masked, "PLATE"))
    for m in _EMAIL.finditer(text):
        repl.append((m.start(), m.end(), m.group("user")[:1] + "***@" + m.group("domain"), "EMAIL"))
    for m in _SOCIAL.finditer(text):
        repl.append((m.start("n"), m.end("n"), m.group("n")[:1] + "***", "ACCOUNT"))
    for s in spans:
        if s.label == "PERSON":
            continue
        tail = _ROOM_TAIL.match(text, s.end) if s.label == "LOC" else None
        if tail and tail.end() > s.end:  # 阳光花园5-2-301, 幸福小区3栋2单元501: the numbers are the address
            s = Span(start=s.start, end=tail.end(), label="LOC", text=text[s.start:tail.end()], source=s.source)
        if s.label == "LOC":
            if _org_seat(text, s.start, org_ends):
                continue
            if not _GENERIC_PLACE.fullmatch(s.text):
                home = _HOME_BEFORE.search(text, max(0, s.start - 8), s.start)
                for a, b in _address_regions(text, s.start, s.end):
                    if not home and _ROAD_ONLY.fullmatch(text, s.start + a, s.start + b):
                        continue  # 沿宝安大道行驶, 在珠江路与太平北路路口: where something happened, no one's address
                    repl.append((s.start + a, s.start + b, "***", "LOC"))
            continue
        masked = _mask_span(s)
        if masked is not None and masked != s.text:
            repl.append((s.start, s.end, masked, s.label))
    if birth_dates:
        for m in _BIRTH_DATE.finditer(norm):
            g = "d1" if m.group("d1") else "d2"
            a = m.start(g) + len(m.group("y" + g[1]))
            put(a, m.end(g), re.sub(r"[^年月日号.\-/\s]", "*", norm[a:m.end(g)]), "BIRTH_DATE")
    # a building and a room standing alone (业主-3栋1201, 向阳家602房的空调): an address without its estate
    for m in _BUILDING_ROOM.finditer(norm):
        repl.append((m.start(), m.end(), "***", "LOC"))
    # non-overlapping, identifiers and addresses before persons, longer first
    prio = {"ID_CARD": 0, "BANK_CARD": 1, "PHONE": 2, "EMAIL": 2, "ACCOUNT": 2, "PLATE": 2, "PROPERTY": 2,
            "BIRTH_DATE": 2, "LOC": 3, "PERSON": 4}
    chosen: list[tuple[int, int, str, str]] = []
    for r in sorted(repl, key=lambda r: (prio[r[3]], -(r[1] - r[0]), r[0])):
        if all(r[1] <= c[0] or c[1] <= r[0] for c in chosen):
            chosen.append(r)
    chosen.sort()
    out, pos = [], 0
    counts: dict[tuple[str, str], list] = {}
    for a, b, masked, label in chosen:
        if masked == text[a:b]:
            continue  # an already masked plate: kept, only guarded from other masks
        out.append(text[pos:a])
        out.append(masked)
        pos = b
        key = (label, text[a:b])
        if key not in counts:
            counts[key] = [a, masked, 0]
        counts[key][2] += 1
    out.append(text[pos:])
    mapping = [{"label": k[0], "original": k[1], "masked": v[1], "count": v[2]}
               for k, v in sorted(counts.items(), key=lambda kv: kv[1][0])]
    return "".join(out), mapping


def mask_document(doc: Document, *, model: bool = True) -> tuple[Document, list[dict]]:
    """A masked copy of ``doc`` for sharing (exports marked shareable) and the mapping.

    The copy has the masked text, no spans (their offsets no longer hold), no raw text, and
    ``metadata["masked"] = True``; title and other metadata are kept. Parties named in
    ``metadata["parties"]`` (a list of names) are pseudonymised too."""
    spans = [s for s in doc.spans.get("entity", []) if s.label in MASKED_LABELS] or None
    parties = doc.metadata.get("parties") if isinstance(doc.metadata.get("parties"), list) else None
    if parties:  # a list of names, or of {"name": ...} records as in the mediation dossiers
        parties = [p.get("name") if isinstance(p, dict) else p for p in parties]
        parties = [p for p in parties if isinstance(p, str)]
    text, mapping = mask_text(doc.text, spans=spans, model=model, persons=parties)
    meta = dict(doc.metadata)
    meta["masked"] = True
    meta.pop("parties", None)
    new = replace(doc, text=text, spans={}, raw_text=None, offset_map=[], metadata=meta)
    return new, mapping
