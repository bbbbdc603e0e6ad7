"""Mediation plans (调解预案): what a mediator needs before meeting the parties of a new dispute.

:func:`make_plan` puts together, for a dispute description:

- the dispute type: ``fazhi.scan.classify`` when installed, else the majority type of the similar cases; a
  classifier's 其他, or a guess below ``MIN_TYPE_PROBABILITY``, gives way only to a clear majority (3 of the
  similar cases) and otherwise stays 其他, which takes no case's law; a guess below ``TOPIC_TYPE_BELOW``
  gives way to the one type the dispute's topics belong to (``type`` of a topic in ``data/steps.yaml``);
- parties, amounts and dates found in the text (``fazhi.nlp.analyze`` when installed, else the rules here),
  each with its offsets in the text;
- 3–5 similar past cases from the workspace's index with outcome and agreement terms: cases about the same
  topic as the dispute first (a civil judgment about it before an unrelated dossier), mediation dossiers
  before other kinds, then cases of its type;
- the applicable provisions: what the dispute is about (its topics in ``data/steps.yaml``, read from its
  words: 彩礼, 赡养, 继承, 饲养动物, 高空抛物 ...) decides them: the provisions typical for those topics and those
  the similar cases about the same topics cite; without a topic, those the similar cases of the same (or
  no) type cite and those typical for the type. Each is checked in the law registry (``fazhi.graph``): in
  force, repealed, no such article, or ``unchecked`` when no registry is available; a typical provision
  the registry cannot confirm (a law it does not hold) is left out;
- suggested mediation steps for the type and escalation risks (risk cues in the text, risks typical for
  the type, similar cases of the type that failed).

Every item carries ``source``: the case id, the provision, ``text [start, end)`` or ``common practice``.
"""
from __future__ import annotations

import logging
import math
import re
from collections import Counter
from functools import lru_cache
from importlib.resources import files

from fazhi.errors import FazhiError

__all__ = ["make_plan", "render_markdown", "render_text", "load_steps", "extract_facts"]

log = logging.getLogger(__name__)


@lru_cache(maxsize=1)
def load_steps() -> dict:
    """The per-type steps, typical provisions and risks of ``fazhi/index/data/steps.yaml``."""
    import yaml

    return yaml.safe_load((files("fazhi.index") / "data" / "steps.yaml").read_text(encoding="utf-8"))


def topics_of(text: str) -> list[str]:
    """Names of the topics of ``steps.yaml`` whose cues occur in ``text``, in the file's order: what a
    dispute is about, finer than its type (a 婚姻家庭 dispute about 彩礼, 赡养 or 继承 has its own law).

    Examples:
        >>> topics_of("邻居家的狗没拴绳把我儿子咬了"), topics_of("我爸80多了，三个儿子都不管，不给赡养费")
        (['饲养动物'], ['赡养'])
        >>> topics_of("今天天气不错")
        []
    """
    return list(topic_positions(text))


def topic_positions(text: str) -> dict[str, int]:
    """{topic: where its first cue starts in ``text``} for the topics of :func:`topics_of`, in the file's order.

        >>> topic_positions("我们同意离婚。他婚后向朋友借款十万元赌博")
        {'离婚': 4, '借款': 13, '夫妻债务': 8}
    """
    text = _ADDRESS.sub(lambda m: " " * len(m.group()), _fold(text))  # 樓上漏水 as 楼上漏水; no addresses
    out = {}
    for t in load_steps().get("topics", []):
        starts = [m.start() for m in (re.search(c, text, re.S) for c in t["cues"]) if m]
        if starts:
            out[t["name"]] = min(starts)
    return out


# where a party lives or has its seat, as an intake form gives it (住…, 现住…, 住所地：…, 地址：…), up to the end of
# the clause: no dispute is read from it (现住某出租屋 is no tenancy, 住某工地宿舍 no injury); not 住院, and only a
# clause that names a place (…市…区, 同村, 某小区5幢; not ，住对门的老王家狗咬人)
_ADDRESS = re.compile(r"(?:(?<=[，,、；;：:\s（(])|^)(?:现|暂|户籍|经常居|居)?(?:住所地|住址|地址|住)(?![院了过在进着的])"
                      r"(?=[^，,。；;\n（(]{0,30}(?:省|市|区|县|镇|乡|村|街|路|号|小区|幢|栋|室|单元|组|同上|宿舍|出租屋|花园|公寓|大厦))"
                      r"[：:]?[^，,。；;\n（(]{2,60}", re.M)


def _case_topics(hit, idx) -> list[str]:
    """The topics of a past case: those its title names (a dossier's title or a judgment's 案由 says what the
    case is about), or those of its opening when the title is no words; not those of its whole text, where a
    deposit case may mention a rent and an inheritance case the support of a parent."""
    if re.search(r"[\u4e00-\u9fff]", hit.title or ""):
        return topics_of(hit.title)
    rec = idx.get(hit.doc_id)  # no title in words (a file name, an id): the opening says it
    return topics_of((rec.text if rec else hit.snippet or "")[:200])


# -- facts from the text -----------------------------------------------------------------------------
# These rules overlap fazhi/nlp/regexes.py on purpose: a mediator's description is colloquial, and the plan
# needs what the judgment-oriented extractors leave out (五万块, 3万块钱 as amounts; 6月1号 or 2023年6月 as
# partial dates; relation words such as 邻居 or 房东 as parties). They run alone when fazhi.nlp finds nothing
# and otherwise add what it missed (whatever does not overlap its entities).
_CN_NUM = "零〇一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟"
# 18万8 / 1万2 / 3千5 / 1万5千: the digit after 万 counts thousands, after 千 hundreds (188,000, 12,000, 3,500);
# not before another digit or a counter (5万3年了 is 50,000 for three years)
# (1万3千5百, 1万3千5 = 13,500; 1w5, 1W2 as typed in chats)
_ARABIC_MIXED = r"\d+(?:[万wW]\d(?:千(?:\d百?)?)?|[千kK]\d百?)(?![\d.．年月日号个天次人岁点])"
# 8k / 5K / 1.5w / 2W: thousands and ten thousands as people type them in chats (not 8kg, 5km, a 4K电视)
_ARABIC_KW = r"\d+(?:\.\d+)?[kKwW](?![A-Za-z]|电视|屏|视频|高清|分辨率|显示|投影|画质)"
_ARABIC = rf"(?:{_ARABIC_MIXED}|{_ARABIC_KW}|\d+(?:,\d{{3}})*(?:\.\d+)?[百千万亿]{{0,2}})"
# 一 also begins the words after a sum: 两千五一个月 (2,500 a month), 一万二一直没还, 5万一次性付清; it is no digit of
# the sum there (but 三十一个人 is 31)
_ONE_WORD = (r"一(?:个|年|月|天|日|周|星期|晚|夜|次|趟|回|人|平|亩|斤|小时|间|套|辆|笔|份|直|共|起|下|定|些|样|般|切|"
             r"分钱|毛钱|点也|点都|口气|手交|张|节|件|台|双|瓶|盒|箱|桌|顿|只|条|本|包|袋|支|碗|杯|单)")
# a Chinese number may be vague: 七八万 / 两三千 / 三四十万 (two neighbouring digits), 十几万 / 几千 / 数万 (几, 数)
# and a digit after 万 or 千 is not the sum's when it counts what follows: 借了两万三年了 is 20,000 for three years,
# 五万三个月 50,000 for three months, as 5万3年了 (but 一万五年底还 is 15,000: 年底 is a date)
_COUNT_AFTER_UNIT = r"(?<=[万千])[一二两三四五六七八九](?=个|年(?![底初末])|天|周|星期|次|岁|小时)"
_CN = rf"(?:(?!{_COUNT_AFTER_UNIT})(?:[{_CN_NUM.replace('一', '')}几数]|(?<=十)一|(?!{_ONE_WORD})一))+"
# what may follow a sum: 元, no digit, or a digit that is not the sum's: a number counting something else
# (借了5万3年了 is 50,000 for three years, 欠5万2年多, 5万三个月), or a word beginning with 一 (3千5一个月)
_AFTER_SUM = (rf"(?:(?<=元)|(?![{_CN_NUM}\d])|(?={_ONE_WORD})"
              rf"|(?=(?:\d+|[一二两三四五六七八九十几半]+)\s*(?:个|年|月|天|日|周|星期|晚|次|岁|小时|趟|回|号|期)))")
# a number (digits may carry 百/千/万/亿: 4千, 3.5万), then 多/余 (八万多, 8000余元, 十多万), 来 (十来万, 三千来块)
# or 把 (万把块), then 元/块钱/块; without a currency word only a sum in 万 counts (十二万, 三万多, 一万二 = 12,000)
AMOUNT_REGEX = re.compile(
    rf"(?:人民币)?(?P<num>{_ARABIC}|{_CN})"
    rf"(?P<approx>多|余|来(?=[十百千万亿块元])|把(?=[块元]))?(?P<mult>(?<=[多余来])[十百千万亿]{{1,2}})?"
    rf"\s*(?P<unit>元|块钱|块)?{_AFTER_SUM}")
# a range: 5-6万, 5到6万元, 三到五千块, 2万至3万元
AMOUNT_RANGE_REGEX = re.compile(
    rf"(?:人民币)?(?P<num>{_ARABIC}|{_CN})\s*(?:[-－~～—–]|至|到)\s*(?P<num2>{_ARABIC}|{_CN})"
    rf"\s*(?P<unit>元|块钱|块)?{_AFTER_SUM}")
# words around a sum that make it approximate, and which bound they leave: "about" (大概5万左右), "at most"
# (近十万, 不到5千), "at least" (上万元, 超过5万, 5万出头); 上 only before 十/百/千/万 alone (上万, 上百万)
_ABOUT_BEFORE = re.compile(r"(?:大概|大约|差不多|(?<![合签违预契立履毁节制])约)$")
# (小一万 / 小两千: just under; not 大小 or 从小)
_AT_MOST_BEFORE = re.compile(r"(?:将近|接近|(?<![最附亲靠邻临将接])近|不到|不足|不超过|最多|顶多|至多|(?<![大从最])小)$")
_AT_LEAST_BEFORE = re.compile(r"(?:超过|至少|起码|最少|(?<![晚早马路身手楼网街加以之向往山镇村班地天会头车])上)$")
_ABOUT_AFTER = re.compile(r"左右|上下")
_AT_MOST_AFTER = re.compile(r"以下|以内|之内")
# (以上事实 / 以上两项 after a sum begins the next sentence of a judgment: "the above facts")
_AT_LEAST_AFTER = re.compile(r"以上(?!事实|证据|所述|情况|两|各|几|数|部分|费用|款项)|出头|开外")
# a sum in 万 (or 亿) is money without a paying word; so is one typed in 万 as chats do (3.5w, 1w5), but not a
# bare upper-case W, which is also watts (5W的灯泡)
_IN_WAN = re.compile(r"[万亿w]|\d[wW]\d|\.\d+W")
_MULT = {"十": 10, "百": 100, "千": 1000, "万": 10000, "亿": 100000000, "k": 1000, "K": 1000, "w": 10000, "W": 10000}
_DIGIT = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
# after a bare number these words count things, or other money (三万人, 两万平方米, 5000美元)
_COUNTED = re.compile(r"\s*(?:人|个|名|户|次|平|亩|斤|公斤|吨|公里|米|字|株|棵|件|头|只|条|辆|套|间|天|年(?![底初末])|月(?![底初末])|日|号|步|"
                      r"小时|分|秒|点|倍|份|张|本|瓶|箱|袋|台|部|层|栋|页|克|度|岁|周|届|位|家|市斤|"
                      r"美元|欧元|港元|日元|美金|英镑|房|室|升|型|网(?![贷购上店])|楼)")
# a bare 两千, 三百, 3000 (100 to 9,999,999: no phone numbers) is money after a word about paying in the same
# clause (只肯给两千, 要扣两千, 医药费花了七八千, 每个月一千五, 定损只有八千左右); a sum in 万 needs no such word
# (只肯出两千, 愿意出三千: what one side offers to pay)
_MONEY_CUE = re.compile(r"[花赔给扣欠借还付交退补费价款钱资租损值卖买收罚垫卡修薪礼转押涨]|(?<![黄白])金|[一总]共|共计|报销|要价|每个?月|一个月|每年|要$"
                        r"|[肯愿只]出|每亩|一亩")
# a small bare number (10 to 99) is a price right after a word that prices what follows: 剪发一次38, 按新价格68一次,
# 车位管理费一个月80 (a count after it is no price: 一个月30天, 每次10分钟)
_PRICE_BEFORE = re.compile(r"(?:价格?|单价|收费|一次|每次|一个月|每个?月|每亩|一亩)$")
# ... but not a code, a formula or a cut-off number: 编号为22101-1787, 京NJ1682, 126×110, 成本价100%, 1063．94
_NOT_MONEY_CLAUSE = re.compile(r"号|码|编|电话|车牌|型")
_CODE_AROUND = re.compile(r"[A-Za-z×*=/÷%＝＊／‰\-－\[\]【】〔〕]|[,，.．]\d")
_CLAUSE_END = re.compile(r".*[，。；！？,.;!?\s、：:（）()]", re.S)
# 千万 / 万万 before 别, 不, 要 ... is "by all means", not ten million
_ADVERB = re.compile(r"[千万]万(?=[别不要记得莫勿])")
# 块 is also a measure word: 一块宅基地, 一块儿 ... a small sum in 块 followed by a word is not money
_MEASURE_BLOCK = re.compile(r"[\u4e00-\u9fff]")
# ... and 一块 after being or doing together is "together" (没住一块, 在一块, 凑一块), not one yuan
_TOGETHER_BEFORE = re.compile(r"[住在待呆玩走坐睡吃喝凑搁放混过跑干聚挤堆]$")
DATE_REGEX = re.compile(
    r"(?P<y>\d{4}|[〇零一二三四五六七八九]{4})年(?:(?P<m>\d{1,2}|[一二三四五六七八九十]{1,2})月"
    r"(?:(?P<d>\d{1,2}|[一二三四五六七八九十]{1,3})[日号])?)?"
    r"|(?P<rel>去年|今年|前年|明年)?(?P<m2>\d{1,2}|[一二三四五六七八九十]{1,2})月"
    r"(?:(?P<d2>\d{1,2}|[一二三四五六七八九十]{1,3})[日号]|份|初|底|末|中旬|上旬|下旬)?"
    r"|(?P<iso>\d{4}-\d{1,2}-\d{1,2})"
    # 去年 / 前年 alone (去年借给他五万), 昨天 / 前天, 上个月: counted from today like 去年8月
    r"|(?P<ryear>去年|前年)|(?P<rday>昨天|前天)"
    # (上个月15号: a day of last month)
    r"|(?<![晚早马路楼身])(?P<rmonth>上个?月(?:(?:\d{1,2}|[一二三四五六七八九十]{1,3})[日号])?)")


# a term that recurs (每月, 次月 …) before 上月 / 去年 in the same clause makes them relative to each period
_RECURRING = re.compile(r"每(?:个)?月|次月|当月|下月|按月|每年|次年|当年|逐月|月底前结清")


def _clause_start(text: str, i: int) -> int:
    j = max(text.rfind(c, 0, i) for c in "。；;！？!?\n，,")
    return j + 1


def _today():
    import datetime

    return datetime.date.today()
# the roles an intake form gives (申请人 / 共同被申请人 / 第三人 …, the person heard in an 调查笔录, who speaks for a
# minor, a client or a firm), also with a qualifier before the colon (申请人（患方）：, 被申请人（医方）：, 申请人一：) or
# a table's field (申请人姓名：, 被申请人 名称：);
# the name runs to the next comma, bracket or space, up to 40 characters (中国人寿财产保险股份有限公司苏州市中心支公司)
PARTY_ROLE_REGEX = re.compile(
    r"(?P<role>(?:共同)?被申请人|(?:共同)?申请人|第三人|被调查人|法定代理人|委托代理人|法定代表人|负责人|经营者|原告|被告|甲方|乙方|当事人)"
    r"(?:[（(][^）)：:\n]{1,8}[）)]|[一二三四五六七八九\d])?[ \t]*(?:姓名|名称)?[：:][ \t]*(?P<name>[^\s，,。；;、：:（(]{2,40})")
_ORG_SUFFIX = (r"(?:有限责任公司|有限公司|公司|物业(?![费管服公企区用])|医院|学校|银行|委员会|村委会|居委会|厂|店|机构|诊所|合作社|"
               r"健身房|美容院|卫生院|卫生室)")
# common surnames, for the way people name each other: 老李, 小王, 张师傅, 王阿姨
_SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡杜程魏吕丁沈姚卢姜崔钟谭陆汪范廖贾夏邹熊孟秦薛雷黎陶贺郝龚邵钱严戴汤"
# masked names (张某, 李某某, 欧阳某, 刘x0): a surname, never a word like 住/在/与 before 某
_NOT_SURNAME = "住在到于从向往去来对给和与及跟把被让叫找告诉说问是有的了个一各或等这那每该本此其某家"
# 某 before a place or an organisation is "a certain" (街道某小区, 某路188号, 为某花园, 镇某村, 某某医院), not a
# masked name (道某, 区某, 镇某)
_MOU_PLACE = "某小区村路街道镇乡县市省弄巷号楼栋幢单元室厂店公司医院学校花园项目组工地出租宿舍社单位局所住高速河商"
# ... nor after the last character of a place's name (东湖街道某商业街, 青山湖区某小区)
_PLACE_END = "道区镇市县村乡街省弄巷栋幢室楼号组"
PARTY_REGEX = re.compile(
    rf"(?:欧阳|司马|诸葛|上官|东方|皇甫|令狐|慕容|夏侯|公孙|(?![{_NOT_SURNAME}{_PLACE_END}])[\u4e00-\u9fff])"
    rf"(?:某某?(?![{_MOU_PLACE}])|[xX×]\d)"
    # not 两年物业费, 银行里 (a place), 厂房; nor a shop or factory in a place's name (王店镇, 五里店街道, 三厂街道)
    rf"|[\u4e00-\u9fff]{{2,12}}{_ORG_SUFFIX}(?![费里房镇乡村街路区县巷弄])"
    # 老李 / 小王 only before what follows a name (家, 的, a verb, punctuation): not 小黄车, 老陈醋, 小高层
    rf"|[老小][{_SURNAMES}](?=[家的说借欠把拖不要跟和与在是又也还就都却给让叫打骂占盖砌找非硬竟，。、；：！？,.;:!?\s]|$)"
    rf"|[{_SURNAMES}](?:阿姨|大妈|大爷|大叔|大哥|大姐|师傅|老板|经理|老师)"
    # siblings by birth order (老大老二说, 老二出了钱), as a family names them; not 老大不小了
    r"|老[大二三四五](?!不小)(?=[家的说借欠把拖不要跟和与在是又也还就都却给让叫打骂占盖砌找非硬竟出老养管住来去，。、；：！？,.;:!?\s]|$)"
    r"|楼上邻居|楼下邻居|楼上住户|楼下住户|邻居|房东|租客|装修队|施工队|工程队|物业公司|物业(?![费管服公企区用])|开发商|老板|包工头|丈夫|妻子|前夫|前妻|儿子|女儿|父亲|母亲|婆婆|"
    r"公婆|岳父|岳母|村委会|业主委员会|商家|卖家|店家|司机|对方|"
    r"老公|老婆|我妈|我爸|公公|儿媳|女婿|孩子|业主|雇主|工头|房客|租户|患者|同事|(?<!小)朋友|同学|家长|中介|快递员|"
    r"狗主人|室友|合伙人|亲戚|保险公司|学校|公司(?!费)|"
    # the other side of a betrothal, a relationship or a family dispute, and an employer as workers say it
    r"女方|男方|前男友|前女友|男朋友|女朋友|男友|女友|大哥|二哥|大姐|二姐|哥哥|姐姐|弟弟|妹妹|兄弟|"
    r"[表堂](?:哥|姐|弟|妹)|姐夫|妹夫|嫂子|弟媳|舅舅|叔叔|姑姑|厂方|园方|校方|院方|店方|用人单位|小朋友|"
    # a step-parent, grandparents, uncles, a nephew; the village's officers; a rider or a platform (as it acts:
    # 平台说, 平台客服; not 阳台的平台上); a creditor
    r"后妈|后爸|继母|继父|爷爷|奶奶|外公|外婆|姥姥|姥爷|小叔|小姑|大伯|婶婶|侄子|侄女|外甥|"
    r"村主任|村支书|村干部|村长|骑手|外卖员|送餐员|快递点|驿站|平台(?=[说客不把给要让也都推就却方跑送干])|客户|债主|老师|班主任|教练|驾校|老伴|"
    # a doctor, a streamer, an old man by the road; a venue or a studio as people name it (楼底下开了家KTV)
    r"医生|大夫|护士|主播|大爷|大妈|KTV|歌厅|酒吧|影楼|照相馆|拆迁办|征收办|拆迁队|"
    # a sibling as the speaker names them (我哥我嫂死活不同意), a neighbour by floor (二楼那家, 楼上那户),
    # people from a nearby village (邻村的人)
    r"我(?:哥|姐|弟|妹|嫂)(?![哥姐弟妹嫂子们夫])|(?:[一二三四五六七八九十\d]+楼|楼上|楼下)(?:那家|那户|人家)|"
    r"(?:邻村|外村|隔壁村)的?(?:人|村民)|"
    # the neighbour as people name them by where they live (隔壁装修, 对门天天吵)
    # (not 住在隔壁, a place, nor 隔壁老李 / 隔壁王阿姨, where the name is the party)
    rf"(?<![在住到去从])(?:隔壁(?:邻居|住户|那家|人家)?|对门(?:邻居|住户|那家)?)"
    rf"(?![老小][{_SURNAMES}]|[{_SURNAMES}](?:阿姨|大妈|大爷|大叔|大哥|大姐|师傅|老板|某))|"
    # the village or the factory as the one who acts (村里把地收回, 厂里没给买社保), not as a place (在厂里上班)
    # or a mediator (村里调过)
    r"(?:村里|厂里|单位|店里)(?=[把将给不没要说收占扣拖欠重分]|开会)")
# words before an organisation's name that are not part of it: 我们去找了|物业公司, 在一家|装修公司, 我家|店
# (and in an intake form: 申请人认为|物业公司, 申请人因经营|建材店, 以立管维修需|业主委员会, 经小区|物业, 要求|物业公司)
_ORG_LEAD = re.compile(r".*(?:对方|我们|你们|他们|她们|咱们|我家|他家|她家|一家|这家|那家|一个|这个|那个|申请人|认为|要求|通过|"
                       r"经(?![济贸营销纬典理])|[我你他她咱俺的了在到找去跟和与把被给向从对说是开以称需因该此])",
                       re.S)
_ORG_END = re.compile(_ORG_SUFFIX + "$")
# words of what happened, never in a property manager's name (万科物业, 绿城物业): 楼上漏水物业不管
_NOT_A_NAME = re.compile(r"[漏坏吵欠拖闹不没说要找]")
# ... and in no organisation's name (孩子黄疸没发现送|医院); 不 and 要 are (不锈钢厂)
_NOT_IN_ANY_NAME = re.compile(r"[漏坏吵欠拖闹没说找送]")


def _trim_org(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The span of an organisation's name without the words a greedy match took before it (对方|保险公司);
    the generic word alone when nothing else is left (在|学校, 我们|公司), but None for a one-character word
    (我家店 -> 店). A name the entity model starts inside 对方 (方保险公司) loses the 方.

    Examples:
        >>> t = "我们去找了物业公司理论"
        >>> s, e = _trim_org(t, 0, 9); t[s:e]
        '物业公司'
        >>> _trim_org("他把车停在我家店门口", 0, 8) is None
        True
    """
    if text.startswith("方", start) and text[start - 1:start] == "对" and end - start > 1:
        start += 1
    if start and text[start:start + 1] in "年月日号" and text[start - 1].isdigit() and end - start > 2:
        start += 1  # 2023年12月|火锅店停业: the date's last character is no part of the name
    name = text[start:end]
    m = _ORG_END.search(name)
    if not m or m.start() == 0:  # not an organisation, or the word itself (村委会, 物业)
        return start, end
    lead = _ORG_LEAD.match(name, 0, m.start())
    cut = lead.end() if lead else 0
    if (_NOT_A_NAME if m.group().startswith("物业") else _NOT_IN_ANY_NAME).search(name, cut, m.start()):
        return start + m.start(), end  # 楼上漏水|物业不管: what happened, then the word 物业, not a firm's name
    if cut >= m.start():
        return (start + m.start(), end) if m.end() - m.start() > 1 else None
    return start + cut, end


def _party_spans(text: str, lo: int, hi: int):
    """Spans of PARTY_REGEX in text[lo:hi], organisations trimmed; the words a greedy organisation match
    took before the name are searched again (我妈在县医院: 我妈, then 县医院)."""
    for m in PARTY_REGEX.finditer(text, lo, hi):
        span = _trim_org(text, m.start(), m.end())
        before = m.end() - 1 if span is None else span[0]
        if before > m.start():
            yield from _party_spans(text, m.start(), before)
        if span is not None:
            yield span


def _date_value(m: re.Match) -> str | None:
    from fazhi.numerals import cn_to_int, digits_to_int

    def n(x):
        if x is None:
            return None
        return int(x) if x.isdigit() else cn_to_int(x)

    try:
        if m.group("iso"):
            y, mo, d = (int(x) for x in m.group("iso").split("-"))
            return f"{y:04d}-{mo:02d}-{d:02d}"
        if m.group("y"):
            y = int(m.group("y")) if m.group("y").isdigit() else digits_to_int(m.group("y"))
            mo, d = n(m.group("m")), n(m.group("d"))
            return f"{y:04d}" + (f"-{mo:02d}" if mo else "") + (f"-{d:02d}" if d else "")
        if m.group("ryear") or m.group("rday") or m.group("rmonth") or m.group("rel"):
            # 去年, 前天, 上个月, 去年8月15号: counted from today as the library counts them from a reference
            # date (None for a day not in the calendar: 今年2月30号)
            from fazhi.dates import resolve_relative

            return resolve_relative(m.group(), _today())
        # a month, or a month and day, without a year (6月1号, 3月份, 8月底): --MM-DD or --MM
        mo, d = n(m.group("m2")), n(m.group("d2"))
        if not 1 <= mo <= 12 or d is not None and not 1 <= d <= 31:
            return None
        md = f"{mo:02d}" + (f"-{d:02d}" if d else "")
        return f"--{md}"
    except (ValueError, TypeError, KeyError):
        return None


def _number_range(s: str) -> tuple[float, float] | None:
    """``(low, high)`` of a number as written: equal for an exact one (3.5万, 一万二), apart for a vague one
    (七八万, 十几万, 几千, 数万); None when ``s`` is no number. A leading 几 or 数 is 2–9, a later one 1–9.

    Examples:
        >>> _number_range("七八万"), _number_range("三四十万"), _number_range("十几万")
        ((70000.0, 80000.0), (300000.0, 400000.0), (110000.0, 190000.0))
        >>> _number_range("几千"), _number_range("一两万"), _number_range("3.5万"), _number_range("万")
        ((2000.0, 9000.0), (10000.0, 20000.0), (35000.0, 35000.0), (10000.0, 10000.0))
        >>> _number_range("七九万") is None, _number_range("一二三") is None
        (True, True)
    """
    from fazhi.numerals import cn_to_int

    s = s.replace(",", "")
    # 18万8, 1万5千, 3千5, 1万3千5百, 1w5: each digit after a unit counts the next unit down unless named
    m = re.fullmatch(r"(\d+)([万千wWkK])(\d)(?:([千百])(?:(\d)(百)?)?)?", s)
    if m:
        lower = {"万": "千", "w": "千", "W": "千", "千": "百", "k": "百", "K": "百", "百": "十"}
        unit2 = m.group(4) or lower[m.group(2)]
        v = int(m.group(1)) * _MULT[m.group(2)] + int(m.group(3)) * _MULT[unit2]
        if m.group(5):
            v += int(m.group(5)) * _MULT[m.group(6) or lower[unit2]]
        return float(v), float(v)
    m = re.fullmatch(r"(\d+(?:\.\d+)?)([百千万亿]*|[kKwW])", s)
    if m:
        v = float(m.group(1))
        for c in m.group(2):
            v *= _MULT[c]
        return v, v
    if s[:1] in ("百", "千", "万", "亿"):  # 百来块, 万把块, 上万
        s = "一" + s
    lo = hi = s
    if re.search(r"[一二两三四五六七八九〇零]{3}", s):  # 二〇二三, 一二三: digit by digit, not a sum
        return None
    pair = re.search(r"[一二两三四五六七八九]{2}", s)
    vague = [i for i, c in enumerate(s) if c in "几数"]
    if pair and not vague:  # 七八万: 七万 to 八万; 十七八万: 十七万 to 十八万
        a, b = pair.group()
        if not (_DIGIT[b] - _DIGIT[a] == 1 or a + b == "三五"):  # 七八, 一两, 三五; not 七九 or 二二
            return None
        lo, hi = s[:pair.start()] + a + s[pair.end():], s[:pair.start()] + b + s[pair.end():]
    elif len(vague) == 1 and (s[vague[0]] == "几" or vague[0] == 0):
        i = vague[0]
        lo, hi = s[:i] + ("二" if i == 0 else "一") + s[i + 1:], s[:i] + "九" + s[i + 1:]
    elif vague:
        return None
    try:
        low, high = float(cn_to_int(lo)), float(cn_to_int(hi))
    except (ValueError, KeyError, TypeError):
        return None
    return (low, high) if low <= high else None


def _place(v: float) -> int:
    """The place of the last non-zero digit: 80000 -> 10000, 8500 -> 100 (八万多 is below 90,000)."""
    n, p = int(round(v)), 1
    if n <= 0 or n != v:
        return 1
    while n % (p * 10) == 0:
        p *= 10
    return p


def _amounts(text: str) -> list[dict]:
    """Sums of money in ``text``: ``{"text", "value", "low", "high", "approx", "start", "end"}``.

    ``low``/``high`` are the bounds the words set (equal for an exact sum, None where the words set none:
    上万元 has no upper bound, 近十万 no lower one, 大概5万 neither); ``value`` is the sum itself, for a
    vague one its lower bound (八万多, 七八万 -> 70,000), else the number named (近十万, 大概5万 -> 50,000);
    ``approx`` says the words are vague.

    Examples:
        >>> [(a["text"], a["value"], a["low"], a["high"]) for a in _amounts("医药费七八万，误工费上万元")]
        [('七八万', 70000.0, 70000.0, 80000.0), ('上万元', 10000.0, 10000.0, None)]
    """
    found: list[dict] = []

    def cued(start, end):
        lo = max(0, start - 8)
        clause = _CLAUSE_END.match(text, lo, start)
        lo = clause.end() if clause else lo
        if _CODE_AROUND.match(text[start - 1:start] if start else "") or _CODE_AROUND.match(text, end):
            return False
        return _MONEY_CUE.search(text, lo, start) is not None and not _NOT_MONEY_CLAUSE.search(text, lo, start)

    def priced(start, end):
        return _PRICE_BEFORE.search(text, max(0, start - 4), start) is not None \
            and not _CODE_AROUND.match(text, end) and not _CODE_AROUND.match(text[start - 1:start])

    def add(m, low, high, marker, big):
        start, end, unit, num = m.start(), m.end(), m.group("unit"), m.group("num")
        if unit is None and (_COUNTED.match(text, end) or not big and not (marker != "range" and (
                100 <= low < 10**7 and cued(start, end) or 10 <= low < 100 and priced(start, end)))):
            return
        if _ADVERB.match(text, m.start("num")):  # 千万别签字
            return
        if unit == "块" and high < 10 and not text.startswith("钱", end) and (
                _MEASURE_BLOCK.match(text, end) or num == "一" and _TOGETHER_BEFORE.search(text, 0, start)):
            return
        if any(a["start"] < end and start < a["end"] for a in found):
            return
        hedge = None
        for regex, bound in ((_ABOUT_BEFORE, "about"), (_AT_MOST_BEFORE, "at most"), (_AT_LEAST_BEFORE, "at least")):
            h = regex.search(text, max(0, start - 3), start)
            if h and (h.group() != "上" or re.fullmatch("[十百千万亿]+", num)):  # 上万, 上百万; not 上5万
                start, hedge = h.start(), bound
                break
        for regex, bound in ((_ABOUT_AFTER, "about"), (_AT_MOST_AFTER, "at most"), (_AT_LEAST_AFTER, "at least")):
            h = regex.match(text, end)
            if h:
                end, hedge = h.end(), hedge or bound
                break
        if num[:1] in ("百", "千", "万", "亿") and not (hedge or marker in ("来", "把")):
            return  # 万 alone is a sum only in 上万, 近万, 万把块, 百来块; never 万一
        value, approx = low, bool(marker or hedge or low != high)
        if marker in ("多", "余") and low == high:  # 八万多: 80,000 to 90,000
            high = low + _place(low)
        if marker in ("来", "把") or hedge == "about" and low == high:  # 十来万, 大概5万: no bounds
            low = high = None
        if hedge == "at most" and high is not None:  # 近十万: up to 100,000
            value, low = high, None
        elif hedge == "at least" and low is not None:  # 上万元, 5万出头
            high = None
        found.append({"text": text[start:end], "value": value, "low": low, "high": high, "approx": approx,
                      "start": start, "end": end})

    for m in AMOUNT_RANGE_REGEX.finditer(text):
        a, b = _number_range(m.group("num")), _number_range(m.group("num2"))
        if a is None or b is None:
            continue
        num, num2 = m.group("num"), m.group("num2")
        tail = re.search(r"[十百千万亿]+$", num2)
        if tail and not re.search(r"[十百千万亿]", num):  # 5-6万, 三到五千: the first takes the second's unit
            factor = 1
            for c in tail.group():
                factor *= _MULT[c]
            if a[0] * factor < b[1]:
                a = (a[0] * factor, a[1] * factor)
        if a[0] < b[1]:
            add(m, a[0], b[1], "range", bool(_IN_WAN.search(num2)))
    for m in AMOUNT_REGEX.finditer(text):
        num = m.group("num") + (m.group("mult") or "")
        r = _number_range(m.group("num"))
        if r is None or not r[1]:
            continue
        low, high = r
        for c in m.group("mult") or "":  # 十多万: 十 (多) 万
            low, high = low * _MULT[c], high * _MULT[c]
        add(m, low, high, m.group("approx"), bool(_IN_WAN.search(num)))
    found.sort(key=lambda a: a["start"])
    return found


def _fold(text: str) -> str:
    """``text`` with traditional characters simplified and full-width digits made ASCII, same length
    (``fazhi.scan.fold``), so the rules, written for simplified text, read 伍萬元 or 鄰居 too; the text as
    given when fazhi.scan is not installed."""
    try:
        from fazhi.scan.fold import fold
    except ImportError:
        return text
    return fold(text)


def _rule_facts(text: str) -> dict:
    original, text = text, _fold(text)  # same length: offsets into one are offsets into the other
    facts = _rule_facts_simplified(text)
    for group in ("parties", "amounts", "dates"):
        for item in facts[group]:
            item["text"] = original[item["start"]:item["end"]]
    return facts


def _rule_facts_simplified(text: str) -> dict:
    amounts, dates, parties = _amounts(text), [], []
    for m in DATE_REGEX.finditer(text):
        if (m.group("ryear") or m.group("rmonth")) and _RECURRING.search(text, _clause_start(text, m.start()), m.start()):
            continue  # 次月15日前结清上月货款: each month's previous month, not last month
        value = _date_value(m)
        if value is None and m.group("m2"):  # 13月, 3月40号: not a date
            continue
        dates.append({"text": m.group(), "value": value, "start": m.start(), "end": m.end()})
    seen = set()
    for m in PARTY_ROLE_REGEX.finditer(text):
        name = m.group("name")
        parties.append({"text": name, "role": m.group("role"), "start": m.start("name"), "end": m.end("name")})
        seen.add(name)
    for start, end in _party_spans(text, 0, len(text)):
        name = text[start:end]
        if name in seen or any(p["start"] <= start < p["end"] for p in parties):
            continue
        seen.add(name)
        parties.append({"text": name, "role": "mentioned", "start": start, "end": end})
    parties.sort(key=lambda p: p["start"])
    return {"parties": parties, "amounts": amounts, "dates": dates, "engine": "rules (fazhi.index.plan)"}


def _nlp_facts(text: str) -> dict | None:
    """Entities from fazhi.nlp.analyze when that function exists; None otherwise."""
    try:
        from fazhi.nlp import analyze
    except ImportError:
        return None
    try:
        doc = analyze(text)
    except FazhiError as e:
        log.warning("fazhi.nlp.analyze failed (%s); using the plan's own rules", e)
        return None
    spans = []
    if hasattr(doc, "spans"):
        for group in ("entity", "entities"):
            spans += list(doc.spans.get(group, []))
    elif isinstance(doc, dict):
        spans = doc.get("entities") or []
    out = {"parties": [], "amounts": [], "dates": [], "engine": "fazhi.nlp.analyze"}
    for s in spans:
        get = (lambda k: s.get(k)) if isinstance(s, dict) else (lambda k: getattr(s, k, None))
        label = (get("label") or "").upper()
        item = {"text": get("text"), "start": get("start"), "end": get("end")}
        if label in ("PER", "PERSON", "ORG", "COMPANY", "PARTY"):
            span = _trim_org(text, item["start"], item["end"]) if label in ("ORG", "COMPANY") else True
            if span is None:
                continue
            if span is not True:
                item.update(text=text[span[0]:span[1]], start=span[0], end=span[1])
            out["parties"].append({**item, "role": label.lower()})
        elif label in ("MONEY", "AMOUNT"):
            v = get("norm")
            v = float(v) if isinstance(v, (int, float)) else v
            n = v if isinstance(v, float) else None
            out["amounts"].append({**item, "value": v, "low": n, "high": n, "approx": False})
        elif label == "DATE":
            out["dates"].append({**item, "value": get("norm")})
    if not any(out[k] for k in ("parties", "amounts", "dates")):
        return None
    # the entity model finds names and written-out sums and dates; the rules add what people write instead:
    # relations (邻居, 房东, 对方 ...), colloquial sums (五万块, 八万多) and partial dates (6月1号), wherever
    # they do not overlap what the model found
    rules = _rule_facts(text)
    for group in ("parties", "amounts", "dates"):
        for p in rules[group]:
            overlapping = [q for q in out[group] if q["start"] < p["end"] and p["start"] < q["end"]]
            if not overlapping:
                out[group].append(p)
            elif group == "amounts" and all(p["start"] <= q["start"] and q["end"] <= p["end"] for q in overlapping) \
                    and (p["approx"] or any(q["end"] - q["start"] < p["end"] - p["start"] for q in overlapping)):
                # the model reads 5到6万元 as 6万元 and 约3万元 as 3万元: the rules keep the words that make it vague;
                # and it cuts a sum the rules read whole (3千5百元 of 1万3千5百元: 3,500 for 13,500)
                out[group] = [q for q in out[group] if q not in overlapping] + [p]
            elif group == "parties" and p["role"] != "mentioned":
                for q in overlapping:  # 申请人：刘建国 is the applicant, not just a person
                    q["role"] = p["role"]
                # the role line's name runs to the comma: 共同被申请人：南昌安康医疗美容诊所, which the model cut
                # to 南昌安康医疗
                if all(p["start"] <= q["start"] and q["end"] <= p["end"] for q in overlapping) \
                        and any(q["end"] - q["start"] < p["end"] - p["start"] for q in overlapping):
                    out[group] = [q for q in out[group] if q not in overlapping] + [p]
        out[group].sort(key=lambda p: p["start"])
    return out


def _carry_year(dates: list[dict]) -> None:
    """A month-day without a year (``--06-01``) takes the year of the nearest earlier date that has one, as a
    reader does with 2023年6月……6月1号; a month before that date's month is in the next year (2023年12月借款，
    约定1月5号还 → 2024-01-05). Values stay as they are when no earlier date has a year."""
    year = month = None
    for d in sorted(dates, key=lambda d: d.get("start") or 0):
        v = d.get("value")
        if not isinstance(v, str):
            continue
        m = re.fullmatch(r"(\d{4})(?:-(\d{2}))?(?:-\d{2})?", v)
        if m:
            year, month = int(m.group(1)), int(m.group(2)) if m.group(2) else None
            continue
        m = re.fullmatch(r"--(\d{2})(-\d{2})?", v)
        if m and year is not None:
            mo = int(m.group(1))
            y = year + 1 if month is not None and mo < month else year
            d["value"] = f"{y:04d}-{m.group(1)}{m.group(2) or ''}"


# who records or mediates the case on an intake form (调查人：陈晓（人民调解员）, 记录人：沈玉, 登记人, 受理人), not
# 被调查人, the person heard; and the committee itself (…街道人民调解委员会, 调委会)
_STAFF_REGEX = re.compile(r"(?<!被)(?:调查人|记录人|登记人|受理人|承办人|经办人|调解员|调查员)(?:[（(][^）)\n]{1,8}[）)])?[：:][ \t]*"
                          r"(?P<name>[^\s，,。；;、：:（(]{2,10})")
_COMMITTEE = re.compile(r"(?:人民调解委员会|调解委员会|调委会|调解中心|调解室)$")


def _drop_the_committee(text: str, facts: dict) -> None:
    r"""The committee and its staff are no parties to the dispute: drop them from ``facts["parties"]``.

    Examples:
        >>> t = "调查人：陈晓（人民调解员）　记录人：沈玉\n被调查人：李小兵，男。地点：王店镇人民调解委员会调解室"
        >>> f = _rule_facts(t); _drop_the_committee(t, f); [p["text"] for p in f["parties"]]
        ['李小兵']
    """
    staff = {m.group("name") for m in _STAFF_REGEX.finditer(_fold(text))}
    facts["parties"] = [p for p in facts["parties"]
                        if p["text"] not in staff and not _COMMITTEE.search(p["text"] or "")]


# the day a form was written: a date after 受理日期： / 登记日期： / 申请日期： / 时间： …, or one standing on a line of its
# own (the date under the signature of an 申请书)
_DOC_DATE_LABEL = re.compile(r"(?:受理|登记|申请|立案|调查|填表|收件)?(?:日期|时间)[：:][ \t]*$")


def _document_date(text: str, dates: list[dict]) -> str | None:
    r"""The ISO day ``text`` was written on, when it says so (a labelled or a signature date); else None.

    Examples:
        >>> t = "申请人：张三\n去年8月借款五万元。\n申请人：张三\n2024年6月20日"
        >>> _document_date(t, _rule_facts(t)["dates"])
        '2024-06-20'
        >>> _document_date("受理日期：2023年10月9日\n今年3月翻建", _rule_facts("受理日期：2023年10月9日\n今年3月翻建")["dates"])
        '2023-10-09'
        >>> _document_date("2024年5月10日前还本付息", _rule_facts("2024年5月10日前还本付息")["dates"]) is None
        True
    """
    labelled = standalone = None
    for d in dates:
        v = d.get("value")
        if not (isinstance(v, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", v)) or d.get("start") is None:
            continue
        line_start = text.rfind("\n", 0, d["start"]) + 1
        line_end = text.find("\n", d["end"])
        before, after = text[line_start:d["start"]], text[d["end"]:len(text) if line_end < 0 else line_end]
        if labelled is None and _DOC_DATE_LABEL.search(before):
            labelled = v
        elif not before.strip() and not after.strip():
            standalone = v  # the last one: the signature's
    return labelled or standalone


def _from_document_date(text: str, dates: list[dict]) -> None:
    """Relative dates (去年8月, 上个月, 今年3月, 昨天) counted from the day the form was written rather than from
    today, when the text says what day that was (an 申请书 dated 2024年6月20日 means 2023 by 去年)."""
    ref = _document_date(text, dates)
    if ref is None:
        return
    from fazhi.dates import resolve_relative

    for d in dates:
        v = resolve_relative(_fold(d["text"]), ref) if d.get("text") else None
        if v is not None:
            d["value"] = v


def extract_facts(text: str) -> dict:
    """Parties, amounts and dates in ``text`` with offsets: ``{"parties", "amounts", "dates", "engine"}``.

    Examples:
        >>> f = extract_facts("2023年6月1日，邻居张某家漏水，维修花了人民币5000元，还要赔偿两万元。")
        >>> [(a["text"], a["value"]) for a in f["amounts"]]
        [('人民币5000元', 5000.0), ('两万元', 20000.0)]
        >>> [d["value"] for d in f["dates"]], [p["text"] for p in f["parties"]]
        (['2023-06-01'], ['邻居', '张某'])
        >>> [(a["text"], a["value"]) for a in _rule_facts("欠款叁万伍仟元未还")["amounts"]]
        [('叁万伍仟元', 35000.0)]
    """
    facts = _nlp_facts(text) or _rule_facts(text)
    _drop_the_committee(text, facts)
    _from_document_date(text, facts["dates"])
    _carry_year(facts["dates"])
    for group in ("parties", "amounts", "dates"):
        for item in facts[group]:
            item["source"] = f"text [{item['start']}, {item['end']})"
    return facts


# -- the law registry --------------------------------------------------------------------------------
def _registry(workspace):
    try:
        from fazhi.graph.queries import workspace_registry
    except ImportError:
        return None, "unavailable (fazhi.graph not installed)"
    try:
        reg, _dupes, where = workspace_registry(workspace)
        return reg, where
    except (FazhiError, OSError) as e:
        return None, f"unavailable ({e})"


def _parse_citations(strings) -> list[tuple[str, int | None, str]]:
    """(law, article, text) for citation strings like 《中华人民共和国民法典》第二百八十八条."""
    out = []
    try:
        from fazhi.nlp.citations import find_citations
    except ImportError:
        find_citations = None
    for s in strings:
        if find_citations is not None:
            for c in find_citations(s):
                if c.law:
                    out.append((c.law, c.article, c.text))
            continue
        from fazhi.numerals import cn_to_int

        for m in re.finditer(r"《([^》]+)》(?:第([零〇一二两三四五六七八九十百千\d]+)条)?", s):
            art = cn_to_int(m.group(2)) if m.group(2) else None
            out.append((m.group(1), art, m.group()))
    return out


def _check(reg, law: str, article: int | None) -> dict:
    if reg is None:
        return {"status": "unchecked", "law": law}
    found = reg.get(law)
    if found is None:
        return {"status": "unknown law", "law": law}
    status = reg.status(found.title) or "unknown"
    v = reg.version_on(found.title)
    if article is not None and v is not None and not v.has_article(article):
        return {"status": "no such article", "law": found.title, "in_force": status}
    return {"status": status, "law": found.title}


# -- the plan ----------------------------------------------------------------------------------------
def _classify(text: str) -> dict | None:
    try:
        from fazhi.scan.classify import classify
    except ImportError:
        return None
    try:
        r = classify(text)
    except FazhiError as e:
        log.warning("dispute classifier unavailable: %s", e)
        return None
    return r


# laws of procedure (how a dispute is mediated, arbitrated or tried), not of what decides it
_PROCEDURE_LAW = re.compile(r"(?:人民调解法|诉讼法|仲裁法)$")

# below this a classifier's type gives way to the one type the dispute's topics belong to
TOPIC_TYPE_BELOW = 0.5
# below this the classifier's best type is a guess (16 types: 6% each at chance; junk like "abc" gets 9%)
MIN_TYPE_PROBABILITY = 0.15

# a dispute description is a few sentences; a pasted dossier or petition letter a few pages. 20,000 characters
# hold the longest bundled dossier (804) 25 times over; past that the text is a file dump (a 200,000-character
# paste took 60 s and gave a 1.1 MB plan), refused in one line rather than read
MAX_PLAN_CHARS = 20_000

_PATH_LIKE = re.compile(r"(?:[^\s，。；：！？、,;]*[/\\])?[^\s，。；：！？、,;/\\]+\.(?:txt|md|markdown|docx?|pdf|html?|"
                        r"jsonl?|csv|tsv|rtf|wps|odt)|(?:~|\.{1,2})?[/\\][^\s，。；：！？、,;]*", re.I)


def _looks_like_a_path(text: str) -> bool:
    """True for a file name or path (dispute.txt, ./cases/a.docx, /tmp/x), never for a description.

    Examples:
        >>> [_looks_like_a_path(t) for t in ("missing.txt", "/tmp/nope/纠纷.docx", "~/a", "邻居家漏水.")]
        [True, True, True, False]
        >>> _looks_like_a_path("借了5万元，月息2%/月，到期不还")
        False
    """
    return bool(_PATH_LIKE.fullmatch(text.strip()))


def make_plan(text: str, workspace, k: int = 5, index=None) -> dict:
    """A mediation plan for the dispute described in ``text`` (see the module docstring).

    Args:
        text: the dispute description.
        workspace: a :class:`~fazhi.workspace.Workspace` whose index (``fazhi index build``) holds past cases.
        k: similar cases to include (3–5).
        index: an open :class:`~fazhi.index.hybrid.HybridIndex` (default: the workspace's).

    Returns:
        ``{"text", "dispute_type", "parties", "amounts", "dates", "provisions", "similar_cases", "steps",
        "risks", "sources"}``; every list item has a ``source``.
    """
    from fazhi.index.base import Filters, check_query
    from fazhi.index.hybrid import open_index

    check_query(text, "the dispute description")
    if len(text) > MAX_PLAN_CHARS:
        from fazhi.index.base import TextTooLong

        raise TextTooLong(f"the dispute description has {len(text):,} characters; a plan reads at most "
                          f"{MAX_PLAN_CHARS:,}: give the dispute in a few paragraphs")
    if _looks_like_a_path(text):  # `fazhi plan dispute.txt` with a mistyped name reads the name as the text
        from fazhi.errors import UnreadableFile

        raise UnreadableFile(text.strip(), "no such file (give the dispute in words, or an existing file)")
    k = max(3, min(5, k))
    idx = index or open_index(workspace)
    steps_data = load_steps()
    types = steps_data["types"]
    by_topic = {x["name"]: x for x in steps_data.get("topics", [])}

    # similar cases: mediation dossiers first; other kinds when there are too few, or when they are about
    # what the dispute is about and the dossiers are not (a 婚约财产纠纷 judgment for a 彩礼 dispute rather
    # than a divorce dossier)
    topic_at = topic_positions(text)
    topics = list(topic_at)
    hits = idx.search(text, k=20, filters=Filters(kind="mediation"))
    if len(hits) < k or topics:
        seen = {x.doc_id for x in hits}
        more = [h for h in idx.search(text, k=20) if h.doc_id not in seen]
        if len(hits) >= k:  # not a criminal judgment (案由 …罪): no one mediates a crime's verdict
            more = [h for h in more if set(_case_topics(h, idx)) & set(topics)
                    and not str(h.metadata.get("dispute_type") or h.title or "").endswith("罪")]
        hits += more
    cls = _classify(text)
    prob = float(cls.get("probability") or 0) if cls else 0.0
    # a guess barely above chance ("abc", 你好, 我要投诉: 环境污染 or 借贷 at 9–15%) is no type: its law and steps
    # would be another dispute's
    unsure = bool(cls and cls.get("type") and cls["type"] != "其他" and prob < MIN_TYPE_PROBABILITY)
    if cls and cls.get("type") and cls["type"] != "其他" and not unsure:
        dtype = {"type": cls["type"], "probability": round(prob, 3),
                 "source": "fazhi.scan.classify (dispute classifier)"}
    else:
        top = [h.metadata.get("dispute_type") for h in hits[:k] if h.metadata.get("dispute_type")]
        t, n = Counter(top).most_common(1)[0] if top else (None, 0)
        # the classifier's 其他 or unsure guess gives way only to a clear majority (3 of the similar cases):
        # 路灯坏了没人修 was made a road accident by two of five
        if t and (not cls or n >= 3):
            ids = [h.doc_id for h in hits[:k] if h.metadata.get("dispute_type") == t]
            dtype = {"type": t, "probability": round(n / len(top), 3),
                     "source": "majority of similar cases " + ", ".join(ids)}
        elif unsure:
            dtype = {"type": "其他", "probability": None,
                     "source": f"fazhi.scan.classify guessed {cls['type']} at {prob:.0%}, below "
                               f"{MIN_TYPE_PROBABILITY:.0%}: too unsure to use"}
        elif cls:
            dtype = {"type": "其他", "probability": round(prob, 3) if prob else None,
                     "source": "fazhi.scan.classify (dispute classifier)"}
        else:
            dtype = {"type": "其他", "probability": None, "source": "no classifier and no typed similar cases"}
    # what the dispute is about (彩礼, 赡养, 饲养动物 ...), read from its words; when the classifier is unsure
    # and the topics belong to one type, that is the type (装修公司拖工期还偷工减料 was 劳动争议 at 26%)
    topic_types = {by_topic[x]["type"] for x in topics if by_topic[x].get("type")}
    if len(topic_types) == 1 and (dtype["probability"] is None or dtype["probability"] < TOPIC_TYPE_BELOW) \
            and dtype["type"] not in topic_types:
        tt = topic_types.pop()
        named = "、".join(x for x in topics if by_topic[x].get("type") == tt)
        guess = dtype["type"] + (f" at {dtype['probability']:.0%}" if dtype["probability"] else "")
        dtype = {"type": tt, "probability": None,
                 "source": f"topic {named} (fazhi/index/data/steps.yaml); the classifier said {guess}"}
    t = dtype["type"]
    # a case about one of the same topics is the most similar whatever its type (a dog bite filed under 邻里
    # for a dog bite the classifier calls 损害赔偿), dossiers before other kinds, then cases of the type, in
    # retrieval order within each group
    all_case_topics = {h.doc_id: set(_case_topics(h, idx)) for h in hits}
    case_topics = {d: x & set(topics) for d, x in all_case_topics.items()}
    hits.sort(key=lambda h: (not case_topics[h.doc_id], h.kind != "mediation",
                             h.metadata.get("dispute_type") != t))
    chosen = hits[:k]

    cases = []
    for h in chosen:
        rec = idx.get(h.doc_id)
        meta = {}
        try:
            store = workspace.store()
            doc = store.get(h.doc_id)
            store.close()
            meta = doc.metadata if doc else {}
        except FazhiError:
            doc = None
        cases.append({"doc_id": h.doc_id, "title": h.title, "kind": h.kind, "score": round(h.score, 6),
                      "dispute_type": h.metadata.get("dispute_type"), "region": h.metadata.get("region"),
                      "date": h.metadata.get("date"), "outcome": meta.get("outcome"),
                      "agreement": meta.get("agreement"), "laws": list(meta.get("laws") or []),
                      "snippet": h.snippet, "source": f"index ({idx.dense.encoder.name}, hybrid RRF)",
                      "_text": rec.text if rec else ""})

    # provisions: cited in the similar cases, then typical for the type
    reg, reg_where = _registry(workspace)
    provisions: dict[tuple, dict] = {}

    def add_provision(law, article, cite_text, source):
        key = (law, article)
        p = provisions.get(key)
        if p is None:
            check = _check(reg, law, article)
            p = provisions[key] = {"citation": cite_text, "law": check.get("law", law), "article": article,
                                   "status": check["status"], "sources": []}
            if "in_force" in check:
                p["law_status"] = check["in_force"]
        if source not in p["sources"]:
            p["sources"].append(source)

    # a case of another type (padding when the store has few of this type) is not the law of this dispute:
    # a dog bite's 第一千二百四十五条 does not apply to a surgery, nor a fraud's 惩罚性赔偿 to a road accident
    # (a dispute of no known type takes no case's law: its similar cases are whatever the words matched)
    def same_type(c):
        return not c["dispute_type"] or c["dispute_type"] == t

    def confirmed(typical):
        keys = set()
        for ct, _name in typical:
            for law, art, _ct2 in _parse_citations([ct]):
                check = _check(reg, law, art)
                # a registry that does not know the law (a workspace holding only some laws) cannot confirm it
                if reg is not None and check["status"] in ("unknown law", "no such article"):
                    continue
                keys.add((check.get("law", law), art))
        return keys

    # the law of the dispute's topics replaces the type's typical law (a 赡养 dispute is 婚姻家庭, yet
    # 第一千零七十六条 on divorce by agreement is not its law); without a topic, or when the registry confirms
    # none of the topics' law (a workspace without the 保障农民工工资支付条例 left a wage dispute with
    # procedure only), the type's
    typical: list[tuple[str, str]] = []
    for name in topics:
        typical += [(ct, name) for ct in by_topic[name]["laws"]]
    typical_keys = confirmed(typical)
    if not topics or not typical_keys:
        typical += [(ct, t) for ct in (types.get(t) or {}).get("laws", [])]
        typical_keys = confirmed(typical)

    def topic_keys(names):
        return {(_check(reg, law, art).get("law", law), art)
                for name in names for law, art, _ct in _parse_citations(by_topic[name]["laws"])}

    # the topics each article is typical for: one typical of a single topic is that topic's own law (第一千一百三十条
    # of 继承); a case that cites it for a part of its story the dispute does not share (an inheritance inside a
    # 城中村改造 resettlement, whose title names only 安置) does not lend it to a dispute without that topic
    law_topics: dict[tuple, set] = {}
    if topics:
        for name, topic in by_topic.items():
            for key in topic_keys([name]):
                law_topics.setdefault(key, set()).add(name)
    foreign = {key for key, names in law_topics.items()
               if len(names) == 1 and not names & set(topics) and key not in typical_keys}
    for c in cases:
        # a case about the dispute's topic and another one lends the law of the shared topic, not the other's:
        # the 兄弟分家房屋继承 dossier gives a division among living parents its co-ownership articles, not
        # the inheritance ones (第一千一百二十七条)
        others = topic_keys(all_case_topics.get(c["doc_id"], set()) - set(topics)) - typical_keys \
            if topics and case_topics.get(c["doc_id"]) else set()
        # with topics, a case about another topic cites another dispute's law (an inheritance case's
        # 第一千一百二十七条 in a deposit dispute); without, a case of another type does
        if topics and not case_topics.get(c["doc_id"]) and not same_type(c):
            continue
        if not topics and not same_type(c):
            continue
        strings = c["laws"] or [c["_text"]]
        for law, art, ct in _parse_citations(strings):
            if topics and not case_topics.get(c["doc_id"]) and (_check(reg, law, art).get("law", law), art) \
                    not in typical_keys and not law.endswith("人民调解法"):
                continue
            if others and (_check(reg, law, art).get("law", law), art) in others:
                continue
            if (_check(reg, law, art).get("law", law), art) in foreign:
                continue
            add_provision(law, art, ct, f"case {c['doc_id']}")
    for ct, name in typical:
        for law, art, ct2 in _parse_citations([ct]):
            if reg is not None and (_check(reg, law, art).get("law", law), art) not in typical_keys:
                continue
            add_provision(law, art, ct2, f"typical for {name} (fazhi/index/data/steps.yaml)")
    # a provision only the fourth or fifth most similar case cites, which is not typical for the dispute
    # either, is that case's own (a leak's plan got the dog-bite 第一千二百四十五条 from the fifth case)
    rank = {f"case {c['doc_id']}": i for i, c in enumerate(cases)}
    provisions = {k: p for k, p in provisions.items()
                  if any(rank.get(s, 0) < 3 for s in p["sources"])}

    # steps: those of the dispute's topics where they have their own (a 彩礼 or 赡养 dispute is 婚姻家庭, yet
    # needs no custody or property-division steps), else the type's
    common = steps_data.get("common", {})
    steps = [dict(s) for s in common.get("before", [])]
    topic_steps = [dict(s) for name in topics for s in by_topic[name].get("steps", [])]
    steps += topic_steps or [dict(s) for s in (types.get(t) or types.get("其他", {})).get("steps", [])]
    steps += [dict(s) for s in common.get("after", [])]

    # procedure is not the law that decides the dispute: the 人民调解法 articles the similar cases cite (第二十八条
    # on the agreement, 第三十一条 on performance) are in the steps with their articles already, so one only
    # cases cite and a step names is left out; any other procedure article comes after the substantive law
    step_keys = {(_check(reg, law, art).get("law", law), art)
                 for law, art, _ct in _parse_citations([s["source"] for s in steps])}
    provisions = {key: p for key, p in provisions.items()
                  if not (_PROCEDURE_LAW.search(p["law"]) and key in step_keys
                          and all(s.startswith("case ") for s in p["sources"]))}
    # the law of the dispute first (typical for its topics or type), the topics in the order the text tells them
    # (a divorce whose debts come after: 第一千零七十六条 before the loan articles), then by how many cases cite it;
    # law not in force after (an old judgment's 《继承法》, repealed with the 民法典: a reader sees it is no longer
    # the law), procedure last
    def told_at(p) -> float:
        names = [s[len("typical for "):].split(" (")[0] for s in p["sources"] if s.startswith("typical for ")]
        return min((topic_at[n] for n in names if n in topic_at), default=math.inf)

    prov = sorted(provisions.values(), key=lambda p: (bool(_PROCEDURE_LAW.search(p["law"])),
                                                      p["status"] not in ("有效", "unchecked"),
                                                      not any(s.startswith("typical") for s in p["sources"]),
                                                      told_at(p),
                                                      -sum(s.startswith("case") for s in p["sources"]),
                                                      p["law"], p["article"] or 0))
    for p in prov:
        p["source"] = "; ".join(p["sources"])

    # risks
    risks = []
    try:
        from fazhi.scan.risk import assess
    except ImportError:
        assess = None
    if assess is not None:
        r = assess(text)
        for s in r["signals"]:
            risks.append({"risk": f"风险信号「{s['text']}」（{s['cue']}）" + ("，假设语气" if s["conditional"] else ""),
                          "severity": s["severity"], "source": f"text [{s['start']}, {s['end']}) (fazhi.scan.risk)"})
    topic_risks = [s for name in topics for s in by_topic[name].get("risks", [])]
    for s in (topic_risks if topic_steps else (types.get(t) or {}).get("risks", [])):
        risks.append({"risk": s["risk"], "source": s["source"]})
    for c in cases:  # a failed case about the same topic (without topics: of the same type) is a warning
        if (case_topics.get(c["doc_id"]) if topics else same_type(c)) and c["outcome"] \
                and not str(c["outcome"]).startswith("调解成功"):
            risks.append({"risk": f"相似案件结果：{c['outcome']}", "source": f"case {c['doc_id']}"})

    # no similar case (an index built on an empty store) or fewer than asked: the plan says so, or a mediator
    # would read its law and steps as drawn from past cases
    where = f"the workspace's case index ({len(idx)} documents)"  # no path: the web shows the plan
    if not len(idx):
        risks.append({"risk": "案例库为空：索引中没有文档，本预案没有相似案例可参照，适用法律、步骤和风险仅按纠纷类型给出"
                              "（导入调解卷宗后运行 fazhi index build）", "source": where})
    elif len(cases) < 3:
        risks.append({"risk": f"仅找到 {len(cases)} 件相似案例，可参照的先例不足", "source": where})

    facts = extract_facts(text)
    for c in cases:
        c.pop("_text", None)
        c.pop("laws", None)
    return {
        "text": text,
        "dispute_type": dtype,
        "parties": facts["parties"], "amounts": facts["amounts"], "dates": facts["dates"],
        "provisions": prov,
        "similar_cases": cases,
        "steps": steps,
        "risks": risks,
        "sources": {"entities": facts["engine"], "registry": reg_where,
                    "classifier": "fazhi.scan.classify" if cls else "unavailable (majority of similar cases)",
                    "index": str(idx.path) if idx.path else ":memory:",
                    "steps": "fazhi/index/data/steps.yaml (人民调解法 and common practice)"},
    }


def _amount_label(a: dict) -> str:
    """An amount as the plan shows it: the words, then the sum or the range they allow.

    Examples:
        >>> [_amount_label(a) for a in _amounts("赔8000元，医药费七八万，误工费上万元，近十万，大概5万左右")]
        ['8000元（8,000 元）', '七八万（70,000–80,000 元）', '上万元（10,000 元以上）', '近十万（至多 100,000 元）', '大概5万左右（约 50,000 元）']
    """
    v, lo, hi = a.get("value"), a.get("low"), a.get("high")
    if not isinstance(v, (int, float)):
        return a["text"]
    if not a.get("approx"):
        return f"{a['text']}（{v:,.0f} 元）"
    if lo is not None and hi is not None and lo != hi:
        return f"{a['text']}（{lo:,.0f}–{hi:,.0f} 元）"
    if lo is not None and hi is None:
        return f"{a['text']}（{lo:,.0f} 元以上）"
    if hi is not None and lo is None:
        return f"{a['text']}（至多 {hi:,.0f} 元）"
    return f"{a['text']}（约 {v:,.0f} 元）"


def render_markdown(plan: dict) -> str:
    """The plan as Markdown (headings, lists, a table of similar cases)."""
    L = ["# 调解预案", "", f"> {plan['text'].strip()}", ""]
    d = plan["dispute_type"]
    prob = f"（{d['probability']:.0%}）" if d.get("probability") is not None else ""
    L += ["## 纠纷类型", "", f"**{d['type']}**{prob} — 来源：{d['source']}", ""]
    L += ["## 当事人、金额、日期", ""]
    for label, key in (("当事人", "parties"), ("金额", "amounts"), ("日期", "dates")):
        items = plan[key]
        if key == "amounts":
            vals = [_amount_label(x) for x in items]
        elif key == "dates":
            vals = [f"{x['text']}（{x['value']}）" if x.get("value") else x["text"] for x in items]
        else:
            vals = [x["text"] + (f"（{x['role']}）" if x.get("role") not in (None, "mentioned") else "") for x in items]
        L.append(f"- {label}：" + ("、".join(vals) if vals else "未识别") + ("（来源：原文）" if vals else ""))
    L += ["", "## 适用法律", ""]
    for p in plan["provisions"]:
        L.append(f"- {p['citation']} — {p['status']} — 来源：{p['source']}")
    if not plan["provisions"]:
        L.append("- （无）")
    L += ["", "## 相似案例", ""]
    if not plan["similar_cases"]:
        L.append("- （无：案例库中没有相似案例，见风险提示）")
    else:
        L += ["| 案例 | 类型 | 结果 | 协议要点 |", "|---|---|---|---|"]
    for c in plan["similar_cases"]:
        agreement = (c.get("agreement") or c.get("snippet") or "").replace("|", "｜").replace("\n", " ")
        L.append(f"| {c['title'] or c['doc_id']} (`{c['doc_id']}`) | {c.get('dispute_type') or ''} | "
                 f"{c.get('outcome') or ''} | {agreement[:120]} |")
    L += ["", "## 调解步骤", ""]
    for i, s in enumerate(plan["steps"], 1):
        L.append(f"{i}. {s['step']} — 依据：{s['source']}")
    L += ["", "## 风险提示", ""]
    for r in plan["risks"]:
        L.append(f"- {r['risk']} — 来源：{r['source']}")
    if not plan["risks"]:
        L.append("- （未发现）")
    L += ["", "---", "", "数据来源：" + "；".join(f"{k}: {v}" for k, v in plan["sources"].items()), ""]
    return "\n".join(L)


def render_text(plan: dict) -> str:
    """The plan as plain text for a terminal."""
    md = render_markdown(plan)
    return "\n".join(line.replace("**", "").lstrip("#").strip() if line.startswith("#") or "**" in line else line
                     for line in md.splitlines())
