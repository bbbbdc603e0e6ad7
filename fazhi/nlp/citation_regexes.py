"""Regular expressions for Chinese law citations, as named constants (the eyecite ``regexes.py`` layout).

Matching runs in two steps so that one compiled scan does the heavy work at C speed:

1. :data:`ANCHOR_REGEXES` find the places a citation can start: a title in 《》 (nested 〈〉 or 《》 allowed),
   a reference to the document itself (本法 / 本条例 ... followed by 第), a back reference to the last law
   (该法 / 同法 / 上述法律 ... followed by 第), an unbracketed full title (中华人民共和国...), the last
   character of an unbracketed short name followed by 第X条 (刑法第二百六十四条), a verb that introduces a
   law name (依照 / 根据 / 违反 ...), and optionally a relative reference (前款 / 本条 / 该条).
2. :data:`CHAIN_TOKEN_REGEX`, applied with ``match`` right after an anchor, reads the provisions one token at a
   time: 第X条 (之一), 第X款, 第X项 / 第（X）项, compact lists (第二、三条), ranges (第X条至第Y条) and the
   separators between them (、 和 及 以及 或者 与 ，).

Examples:
    >>> bool(ARTICLE_REGEX.fullmatch("第一千二百六十条")), bool(ARTICLE_REGEX.fullmatch("第三次"))
    (True, False)
    >>> m = CHAIN_TOKEN_REGEX.match("、第（三）项")
    >>> m.group("sep"), m.group("nums"), m.group("unit")
    ('、', '（三）', '项')
"""
from __future__ import annotations

import re

__all__ = ["NUM", "ARTICLE_REGEX", "CHAIN_TOKEN_REGEX", "ANCHOR_REGEX", "ANCHOR_WITH_RELATIVE_REGEX",
           "ANCHOR_REGEXES", "TITLE_REGEX", "SELF_REGEX", "SAME_REGEX", "PRC_REGEX", "BARE_REGEX",
           "VERB_REGEX", "RELATIVE_REGEX", "AMEND_REGEX", "AMEND_BEFORE_REGEX", "AMEND_AFTER_REGEX",
           "ISSUER_TITLE_REGEX", "LOCAL_ALIAS_REGEX", "LOCAL_ALIAS_LIST_REGEX", "PAREN_NOTE_REGEX",
           "QUOTE_NOTE_REGEX", "PART_REGEX", "NAME_LIST_SEP_REGEX", "NAME_QUALIFIER_REGEX",
           "NESTED_TITLE_REGEX", "ISSUER_BEFORE_TITLE_REGEX", "VERSION_NOTE_REGEX", "ITEM_NUM_REGEX",
           "ARTICLE_HEADING_REGEX", "SELF_NAMES", "SAME_NAMES", "VERBS", "RELATIVE_NAMES"]

#: a number as laws write it: Chinese (一千零五, 两百) or Arabic (half- or full-width)
NUM = r"(?:[0-9０-９]{1,4}|[零〇○一二两三四五六七八九十百千]{1,9})"
_ITEM = rf"(?:[（(]{NUM}[）)]|{NUM})"

#: one article reference, 第X条 or 第X条之一
ARTICLE_REGEX = re.compile(rf"第{NUM}条(?:之[一二三四五六七八九十]{{1,3}})?")

_SUB = r"[一二三四五六七八九十]{1,3}"
#: a space or two as web pages and scans leave them: 《中华人民共和国刑法》 第二百六十四条, 第四条第 （二）、 （三）项
_SP = r"[ \t\u3000\xa0]{0,2}"

#: one token of a provision chain: [separator] 第<numbers><unit> [之一] [至 第<number><unit> [之六] | 至 之六];
#: the first unit may be left out of a range (第一百四十五至一百四十七条, 第1165-1167条, 第（一）至（三）项), so
#: ``unit`` is None when the token has none; such a match is a provision only when ``unit2`` is there. An
#: inserted article (第一百二十条之一) has its number in ``sub``; a range may end at one (第一百三十四条至
#: 第一百三十九条之一: ``sub2``) or run over them (第一百二十条之一至第一百二十条之六, 第一百二十条之一至之六: ``subto``)
CHAIN_TOKEN_REGEX = re.compile(
    rf"{_SP}(?P<sep>[，,]?(?:以及|及|和|或者|或|与)|、|，|,)?{_SP}"
    rf"(?P<de>的(?=第))?(?P<di>第)?{_SP}(?P<nums>{_ITEM}(?:[、,，]{_SP}{_ITEM}|[（(]{NUM}[）)])*)(?P<unit>条|款|项)?"
    rf"(?:之(?P<sub>{_SUB}))?"
    rf"(?:(?P<to>至|到|—|－|-|～|~)(?:第?(?P<num2>{_ITEM})(?P<unit2>条|款|项)?(?:之(?P<sub2>{_SUB}))?"
    rf"|之(?P<subto>{_SUB})))?"
)

#: the numbers inside a compact list: 二、三 or （一）、（二）
ITEM_NUM_REGEX = re.compile(rf"[（(]?({NUM})[）)]?")

SELF_NAMES = ("章", "节", "编", "条例实施细则", "实施条例", "实施细则", "实施办法", "条例", "办法", "规定", "细则",
              "解释", "决定", "规则", "准则", "规范", "规程", "通知", "意见", "方案", "法")
SAME_NAMES = ("法律", "法", "条例", "办法", "规定", "解释", "细则")
VERBS = ("依照", "根据", "依据", "按照", "违反", "适用", "参照", "触犯", "援引", "遵照", "对照")
RELATIVE_NAMES = ("前两款", "前三款", "前款", "本款", "前条", "本条", "该条", "同条", "该款", "前项", "本项", "该项")

_TITLE = r"《(?:[^《》\n]|《[^《》\n]{0,100}》){1,120}》"

#: a title in 《》, one level of nested 《》 allowed (〈〉 inside is ordinary text here)
TITLE_REGEX = re.compile(rf"(?P<title>{_TITLE})")
#: the document itself: 本法 / 本条例 ... followed by 第
SELF_REGEX = re.compile(rf"(?P<self>本(?:{'|'.join(SELF_NAMES)}))(?=第)")
#: the last law cited: 该法 / 同法 / 上述法律 ... followed by 第 (the reader skips the 同法 inside 合同法第五条; a
#: look-behind here would cost the scan its literal prefix, and 4x its speed)
SAME_REGEX = re.compile(rf"(?P<same>(?:该|同|上述|前述)(?:{'|'.join(SAME_NAMES)}))(?=第)")
#: an unbracketed full title starts here
PRC_REGEX = re.compile(r"(?P<prc>中华人民共和国)")
#: the last character of an unbracketed name followed by an article: 刑法第二百六十四条, and as people type it
#: without 第 (民法典1165条, Arabic digits only)
BARE_REGEX = re.compile(rf"(?P<bare>[法典例则定释])(?=第{NUM}[条编章节]|[0-9０-９]{{1,4}}条)")
#: a verb that introduces a law name: 依照治安管理处罚法的规定
VERB_REGEX = re.compile(rf"(?P<verb>{'|'.join(VERBS)})")
#: an unbracketed title of a national body's interpretation, decision or rule:
#: 全国人民代表大会常务委员会关于刑法第三百一十三条的解释, 最高人民法院关于审理民间借贷案件适用法律若干问题的规定,
#: and with the law it applies in inner brackets: 最高人民法院关于适用〈中华人民共和国民事诉讼法〉的解释
ISSUER_TITLE_REGEX = re.compile(
    r"(?P<issuer>(?:全国人民代表大会常务委员会|全国人大常委会|最高人民法院|最高人民检察院|最高法|最高检)"
    r"(?:、(?:最高人民检察院|最高检))?"
    r"关于(?:(?!关于)[^，,。；;、：:\n《》〈〉（）()“”\"]|《[^，,。；;：:\n《》〈〉]{2,40}》|〈[^，,。；;：:\n《》〈〉]{2,40}〉){2,60}?"
    r"(?:的解释|的决定|的规定|若干规定)"
    r"(?:（[一二三四五六七八九十]{1,3}）|（试行）)?)")
#: an amendment's own reference to an article of the law it amends: 将第十条修改为, 删去第十五条, 在第八条中增加
AMEND_REGEX = re.compile(rf"(?P<amend>将|删去|删除|在)(?=原?第{NUM}条)")
#: a title is the law being amended when 修改 comes just before it (一、修改《……》) or 作如下修改 after it
#: (对《……》（法释〔2009〕19号）等十八件司法解释作如下修改)
AMEND_BEFORE_REGEX = re.compile(r"修改$")
AMEND_AFTER_REGEX = re.compile(r"(?:[（(][^（）()\n]{0,40}[）)])?(?:等[^，。；;\n]{0,20})?作(?:出)?如下(?:修改|修正)")
#: a relative reference: 前款 / 本条 / 该条
RELATIVE_REGEX = re.compile(rf"(?P<rel>{'|'.join(RELATIVE_NAMES)})")

#: the anchor scans in priority order (at one position the first wins). Each is a literal-led pattern that
#: the regex engine scans at hundreds of MB/s; one alternation of all of them runs ~10x slower, so they run
#: separately and their matches are merged by position.
ANCHOR_REGEXES = (("title", TITLE_REGEX), ("self", SELF_REGEX), ("same", SAME_REGEX), ("prc", PRC_REGEX),
                  ("issuer", ISSUER_TITLE_REGEX), ("bare", BARE_REGEX), ("verb", VERB_REGEX))

_ANCHORS = "|".join(rx.pattern for _, rx in ANCHOR_REGEXES)
#: all anchors in one pattern (equivalent to merging :data:`ANCHOR_REGEXES`; for reading and for tests)
ANCHOR_REGEX = re.compile(_ANCHORS)
#: the same, also finding relative references (前款 / 本条 / 该条 ...)
ANCHOR_WITH_RELATIVE_REGEX = re.compile(_ANCHORS + "|" + RELATIVE_REGEX.pattern)

#: an abbreviation the text defines right after a title: （以下简称《种子法》） / （以下简称"种子法"） /
#: （下称《民法典》） / （简称《集会游行示威法》） / （以下简称为“个保法”）
_ALIAS_INTRO = r"[（(](?:[^（）()《》\n]{1,30}?[，,；;])?(?:以下(?:简称|称)|下称|简称)(?:为|：|:)?"
LOCAL_ALIAS_REGEX = re.compile(_ALIAS_INTRO + r"(?:《(?P<alias2>[^《》\n]{1,30})》|"
                               r"[“\"「]?《?(?P<alias>[^《》）)”\"」\n]{1,30})》?[”\"」]?)[）)]")
#: several abbreviations defined at once for the titles just before:
#: 《中华人民共和国药品管理法》、《中华人民共和国海关法》（以下简称《药品管理法》、《海关法》）
LOCAL_ALIAS_LIST_REGEX = re.compile(r"[（(](?:[^（）()《》\n]{1,30}?[，,；;])?(?:以下(?:分别)?(?:简称|称)|下称|(?:分别)?简称)"
                                    r"(?:为)?(?P<aliases>《[^《》\n]{1,30}》(?:[、和及与]《[^《》\n]{1,30}》)+)[）)]")

#: a version note or a document number between a title and its articles:
#: 《中华人民共和国民事诉讼法》（2017年修正）第一百四十四条, 《……的解释》（法释〔2020〕26号）第三十五条, and a
#: number with how it was issued or amended, as penalty decisions write it: 《……实施条例》（国务院令第223号发布，
#: 2023年7月20日修订）第十四条
VERSION_NOTE_REGEX = re.compile(r"[（(](?:(?:[0-9]{4}|[〇零一二三四五六七八九]{4})年[^（）()\n]{0,10}"
                                r"|[^（）()\n]{1,20}号(?:[^（）()\n]{0,30}(?:发布|公布|施行|通过|修订|修正|修改))?)[）)]")

#: between two unbracketed law names in a list: 根据宪法、立法法, 适用海事诉讼特别程序法第六条的规定和民事诉讼法
NAME_LIST_SEP_REGEX = re.compile(r"(?:的(?:有关|相关)?规定)?(?:、|和|及|以及|与|或者)")

#: a word between a verb and the law it introduces: 适用修正前的国家赔偿法, 根据修正后刑法, 依照我国刑法
NAME_QUALIFIER_REGEX = re.compile(r"我国|现行|(?:修正|修改|修订)[前后]的?")

#: a part (编) of a code named right after it: 民法典婚姻家庭编, 民法典第三编
PART_REGEX = re.compile(r"(?:总则编|物权编|合同编|人格权编|婚姻家庭编|继承编|侵权责任编|第[一二三四五六七]编)")

#: a short explanation in brackets between two provisions of one chain
PAREN_NOTE_REGEX = re.compile(r"[（(][^（）()\n]{1,60}[）)]")

#: a quotation of the provision between two provisions: 第六条：“矿藏……都属于全民所有”和第十一条
QUOTE_NOTE_REGEX = re.compile(r"[：:]?(?:“[^“”\n]{1,300}”|\"[^\"\n]{1,300}\"|&ldquo;.{1,300}?&rdquo;)")

#: an issuer written just before a title: 最高人民法院《关于……的解释》
ISSUER_BEFORE_TITLE_REGEX = re.compile(r"(?:最高人民法院|最高人民检察院|国务院|全国人民代表大会常务委员会)(?:、最高人民检察院)?$")

#: a title nested inside a normalised title (inner brackets already turned into 《》)
NESTED_TITLE_REGEX = re.compile(r"《([^《》]{2,100})》")

#: an article heading at the start of a line in a law text: 第十条 ..., 第一百二十条之一 ... (group 2: 一)
ARTICLE_HEADING_REGEX = re.compile(rf"(?m)^[ \t\u3000]*第({NUM})条(?:之({_SUB}))?[ \t\u3000]")
