"""Regular expressions of the rule extractors and rule entity layers, as named ``*_REGEX`` constants.

Every pattern is compiled once at import (cheap: no model, no dictionary). The extractors that use them
live in :mod:`fazhi.nlp.extractors` (values: case numbers, money, dates, times, ID cards, phones, bank cards)
and :mod:`fazhi.nlp.entities` (names: courts, procuratorates, law firms, companies, persons, places).
"""
from __future__ import annotations

import re

__all__ = [
    "CN_NUM", "CASE_NO_REGEX", "MONEY_REGEX", "MONEY_SYMBOL_REGEX", "DATE_REGEX", "RELATIVE_DATE_REGEX", "YEAR_REGEX", "LUNAR_DATE_REGEX",
    "FESTIVAL_NEXT_REGEX", "TIME_OF_DAY_REGEX", "TIME_REGEX", "ID_CARD_REGEX", "PHONE_REGEX",
    "BANK_CARD_REGEX", "COURT_REGEX", "PROCURATORATE_REGEX", "LAW_FIRM_REGEX", "COMPANY_REGEX",
    "GOV_ORG_REGEX", "AGENCY_REGEX", "PERSON_MASKED_REGEX", "PERSON_TITLES", "TITLE_THEN_NAME_REGEX", "PERSON_MASKED_BAD_NEXT", "ROLE_PERSON_REGEX", "LOC_TRIGGER_REGEX", "ADDRESS_TRIGGER_REGEX",
    "SURNAMES", "COMPOUND_SURNAMES", "ETHNIC_GROUP_REGEX",
]

#: Chinese numeral characters (ordinary, financial, and the zero forms)
CN_NUM = "〇○Ｏ零一二三四五六七八九十百千万亿两壹贰叁肆伍陆柒捌玖拾佰仟萬億"
_CN_DIGIT = "〇○Ｏ零一二三四五六七八九"
_CJK = "\u4e00-\u9fa5"

# ---------------------------------------------------------------- case numbers (案号)
#: (2023)苏0102民初1234号, （2015）浦民一(民)初字第1234号, 〔2010〕一中民终字第123号
CASE_NO_REGEX = re.compile(
    r"[（(〔\[［]\s*(?P<year>(?:19|20)\d{2})\s*[）)〕\]］]\s*"
    rf"(?P<body>[{_CJK}\d（）()]{{1,24}}?)\s*(?P<zi>字)?\s*第?\s*(?P<seq>\d{{1,7}})\s*(?:-\s*(?P<dash>\d{{1,4}})\s*)?号"
    # a case split off another keeps its number with 之一 (（2024）浙0106民诉前调1234号之一)
    r"(?P<sub>之[一二三四五六七八九十]{1,3})?")

# ---------------------------------------------------------------- money
_AR_AMOUNT = r"\d{1,3}(?:[,，]\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_CN_AMOUNT = rf"[{CN_NUM}]+"
#: 人民币伍万元, 5万元, 50,000元, 三千元, 1.5万余元, 40余万元, 100多万元, ￥3,000.00元, 640元现金, 人民币10万元整,
#: 3000美元 (another currency: attrs['currency'])
MONEY_REGEX = re.compile(
    r"(?P<prefix>(?:现金|现款)?(?:人民币|RMB|￥|¥)\s*)?"
    rf"(?P<num>{_AR_AMOUNT}|{_CN_AMOUNT})\s*(?P<more0>余|多)?(?P<mult>[十百千万亿拾佰仟萬億]{{0,2}})"
    rf"(?:(?P<num2>\d{{1,4}}|[{_CN_DIGIT}]{{1,4}})(?P<mult2>[千百十仟佰拾]))?\s*(?P<more>余|多)?\s*"
    r"(?P<words>[（(][^（）()\d]{1,20}[）)])?"  # 人民币300000(叁拾万)元: the amount in words, in brackets
    r"(?P<unit>美元|欧元|港元|港币|日元|英镑|澳元|加元|韩元|新台币|元|圆|块钱)"
    rf"(?P<jiao>[{CN_NUM}\d]角)?(?P<fen>[{CN_NUM}\d]分)?"
    r"(?P<tail>整|左右|现金|人民币|硬币|零钱|/[张个件台部辆只克斤吨米次])?")

#: an amount after a currency sign without 元 (￥35,000.00, ¥500): only arabic digits
MONEY_SYMBOL_REGEX = re.compile(rf"(?:￥|¥|RMB)\s*(?P<num>{_AR_AMOUNT})(?![\d.,，]|\s*[元圆块万千百亿十拾佰仟萬億])")

# ---------------------------------------------------------------- dates and times
_Y = rf"(?P<y>(?:19|20)\d{{2}}|[{_CN_DIGIT}]{{4}})"
_M = r"(?P<m>1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九]|元(?=月))"
_D = r"(?P<d>3[01]|[12]\d|0?[1-9]|三十一?|二十[一二三四五六七八九]?|十[一二三四五六七八九]?|[一二三四五六七八九])"
#: 二〇二二年三月一日, 2022年3月1日, 2022.3.1, 2022-03-01, 2022/3/1
DATE_REGEX = re.compile(
    rf"{_Y}\s*年\s*{_M}\s*月\s*{_D}\s*[日号]"
    r"|(?<![\d.])(?P<y2>(?:19|20)\d{2})(?P<sep>[.\-/])(?P<m2>1[0-2]|0?[1-9])(?P=sep)(?P<d2>3[01]|[12]\d|0?[1-9])(?![\d.])"
    rf"|{_Y.replace('?P<y>', '?P<y3>')}\s*年\s*{_M.replace('?P<m>', '?P<m3>')}\s*月(?!\s*[\d{CN_NUM}]+\s*[日号])")
#: a date given relative to one named before it: 同年3月, 同年3月5日, 次年5月, 次日, 翌日, 当日, 同日, 当天
RELATIVE_DATE_REGEX = re.compile(
    rf"(?P<ry>同年|当年|是年|该年|次年|翌年|上年|前一年)\s*{_M.replace('?P<m>', '?P<rm>')}\s*月"
    rf"(?:\s*{_D.replace('?P<d>', '?P<rd_>')}\s*[日号])?"
    r"|(?P<rd>次日|翌日|当日|同日|当天|第二天|前一天|前一日)")
#: a year named on its own (2019年农历正月初八): what 同年 and 次年 refer to
YEAR_REGEX = re.compile(rf"{_Y.replace('?P<y>', '?P<year>')}\s*年")
#: a date of the lunar calendar (农历), a festival, or a date marked lunar after it; the extractor decides from the
#: groups whether the match is lunar (农历/阴历/旧历, a lunar-only month 正月/冬月/腊月/闰四月, a lunar-only day
#: 初八/廿三, a festival): 2019年农历正月初八, 农历二〇一八年腊月二十三, 2017年阴历十月初一, 农历八月十五, 农历2月初2,
#: 同年农历12月, 次年正月初八, 2015年正月, 1931年9月23日(农历), 2020年春节, 2019年元旦, 2013年农历端午节, 大年初二
_LUNAR_MARK = r"(?:农历|阴历|旧历)"
_LUNAR_DAY_CN = r"初\s*(?:十|[一二三四五六七八九])|廿[一二三四五六七八九]?|卅|三十|二十[一二三四五六七八九]?|十[一二三四五六七八九]?|[一二三四五六七八九]"
LUNAR_DATE_REGEX = re.compile(
    rf"(?:(?P<mark0>{_LUNAR_MARK})\s*)?"
    rf"(?:(?P<ly>(?:19|20)\d{{2}}|[{_CN_DIGIT}]{{4}})\s*年|(?P<lrel>同年|当年|是年|该年|次年|翌年|上年|前一年))?\s*"
    rf"(?:(?P<mark>{_LUNAR_MARK})\s*)?"
    r"(?:(?P<leap>闰)?\s*(?P<lm>正|冬|腊|元|十[一二]?|[一二三四五六七八九]|1[0-2]|0?[1-9])\s*月(?!份)"
    rf"(?:\s*(?P<ld>{_LUNAR_DAY_CN}|初\s*(?:10|[1-9])|30|[12]\d|0?[1-9])(?![\d{CN_NUM}])(?:\s*(?P<ldw>[日号]))?)?"
    r"|(?P<fest>大年初[一二三四五六七八九十]|大年三十|大年夜|春节|除夕|元宵节|元宵|端午节|端午|七夕节|七夕|中元节|中秋节|中秋|重阳节|重阳|腊八节|腊八|元旦|国庆节|国庆|"
    r"五一劳动节|劳动节|五一|清明节|清明))"
    r"(?P<post>\s*[（(]\s*(?:农历|阴历|旧历)\s*[）)])?")
#: what follows a festival named without a year when it is a time (春节期间, 春节前, 中秋节当天), not a thing (春节慰问金)
FESTIVAL_NEXT_REGEX = re.compile(r"\s*(?:期间|前后|前夕|之前|之后|以前|以后|前|后|当天|当日|当晚|那天|这天|那一天|的一天|一天|"
                                 r"时|的时候|左右|假期|放假|长假|黄金周|夜|晚上|里|节)")
_PART = r"(?:凌晨|清晨|早晨|早上|上午|中午|午|下午|傍晚|晚上|晚|夜里|夜间|深夜|半夜|午夜|白天|当晚)"
_CLOCK = rf"(?:\d{{1,2}}|[{_CN_DIGIT}十]{{1,3}})\s*[时点](?:\s*(?:\d{{1,2}}|[{_CN_DIGIT}十]{{1,3}})\s*分)?(?:\s*(?:\d{{1,2}})\s*秒)?"
#: the part of the day and clock time after a date (下午14时许, 晚上8时, 凌晨, 的一天晚上): a lunar date's TIME span
TIME_OF_DAY_REGEX = re.compile(rf"(?:的一天|某日|某天|的某一天|的某天|一天)?\s*(?:{_PART})?\s*(?:{_CLOCK})?(?:许|左右|多|前后)?")
#: a date or a relative day, then a part of the day and/or a clock time, then 许/左右:
#: 2018年5月7日下午14时许, 2017年6月某日22时许, 2015年7月份的一天, 次日10时30分许
TIME_REGEX = re.compile(
    r"(?P<date>(?:(?:19|20)\d{2}|[〇○零一二三四五六七八九]{4})\s*年"
    rf"(?:\s*(?:[\d{CN_NUM}]{{1,3}}|某)\s*月(?:份)?(?:\s*(?:[\d{CN_NUM}]{{1,3}}|某)\s*[日号]|上旬|中旬|下旬|初|底|末)?)?"
    r"(?:的一天|某日|某天|的某一天|的某天|一天)?"
    rf"|(?:\d{{1,2}}|[{_CN_DIGIT}十]{{1,3}})\s*月\s*(?:\d{{1,2}}|[{_CN_DIGIT}十]{{1,3}})\s*[日号]"
    r"|次日|当日|同日|当天|当晚|同年|翌日|案发当日)"
    rf"(?P<tod>(?:{_PART})?(?:{_CLOCK})?(?:许|左右|多|前后)?)")

# ---------------------------------------------------------------- identifiers
#: 18-digit resident ID (the checksum is verified by the extractor)
ID_CARD_REGEX = re.compile(r"(?<![0-9A-Za-z])(?:[1-6]\d{5})(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx](?![0-9A-Za-z])")
#: mobile (with optional +86) and landline numbers, grouped as people write them (138 1234 5678, 1355 2208 641,
#: 18999 120 356, 1 3 9 5 1 8 2 6 6 0 4 as a voice transcript gives it), landlines with a space or a dash after the
#: area code or inside the number (0755 2668 3190, 028-8556 1207) and with the country code (+86 21 6888 1234)
PHONE_REGEX = re.compile(
    r"(?<![0-9A-Za-z+])(?:(?:\+|00)?86[ -]?)?1[ -]?[3-9](?:[ -]?\d){9}(?!\d)"
    r"|(?<![0-9A-Za-z])(?:\+|00)86[ -]?(?:\(0?\d{2,3}\)|0?[1-9]\d{1,2})[ -]?\d{3,4}[ -]?\d{4}(?!\d)"
    # (no area code begins with 00: 0007-1144-5903-1100 is a receipt number)
    r"|(?<![0-9A-Za-z])(?:\(0[1-9]\d{1,2}\)|（0[1-9]\d{1,2}）|0[1-9]\d{1,2}[- ])\d{3,4}[ -]?\d{3,4}(?:-\d{1,5})?(?!\d)"
    # a landline run together (057187123456, 01062345678) right after a phone word: 010 and 02X have three
    # digits, the other area codes four, and no local number begins with 0 or 1
    r"|(?:(?<=电话)|(?<=座机)|(?<=固话)|(?<=传真)|(?<=[话机真][:：])|(?<=方式[:：]))"
    r"(?:0(?:10|2\d)[2-9]\d{7}|0[3-9]\d\d[2-9]\d{6,7})(?![0-9A-Za-z])")
#: 16-19 digits, optionally grouped by 4 with spaces (Luhn-verified by the extractor)
BANK_CARD_REGEX = re.compile(r"(?<![0-9A-Za-z])(?:\d{4}[ ]\d{4}[ ]\d{4}[ ]\d{4}(?:[ ]\d{1,3})?|\d{16,19})(?![0-9A-Za-z])")

# ---------------------------------------------------------------- organisations
_ADMIN = r"(?:省|自治区|特别行政区|市|自治州|地区|盟|州|县|自治县|区|旗|镇|乡|街道)"
_PLACE_CHAIN = rf"(?:[{_CJK}]{{1,9}}?{_ADMIN})"
#: 北京市海淀区人民法院, 最高人民法院, 上海市第一中级人民法院, 北京铁路运输法院, 杭州互联网法院
COURT_REGEX = re.compile(
    rf"(?:最高人民法院|{_PLACE_CHAIN}{{0,4}}(?:[{_CJK}]{{0,6}}?(?:高级|第[一二三四五六七八九十]+中级|中级|铁路运输中级|铁路运输|海事|知识产权|互联网|金融))?人民法院"
    rf"(?:[{_CJK}]{{1,6}}人民法庭)?|{_PLACE_CHAIN}{{0,3}}[{_CJK}]{{0,4}}?(?:铁路运输|海事|知识产权|互联网|金融|军事)法院)")
#: 北京市海淀区人民检察院, 最高人民检察院
PROCURATORATE_REGEX = re.compile(
    rf"(?:最高人民检察院|{_PLACE_CHAIN}{{0,4}}(?:[{_CJK}]{{0,6}}?(?:第[一二三四五六七八九十]+|铁路运输))?人民检察院(?:[{_CJK}]{{1,6}}检察室)?)")
#: 北京市金杜律师事务所, 上海锦天城（杭州）律师事务所
LAW_FIRM_REGEX = re.compile(rf"[{_CJK}A-Za-z0-9（）()]{{2,24}}?律师事务所(?:[{_CJK}]{{2,8}}分所)?")
#: …公司 / 有限公司 / 有限责任公司 / 股份有限公司 / 合作社 (with 分公司, 支公司)
COMPANY_REGEX = re.compile(
    rf"[{_CJK}A-Za-z0-9（）()·*＊]{{2,30}}?(?:股份有限公司|有限责任公司|有限公司|集团公司|公司|专业合作社|合作社|集团(?![）)]?(?:(?:股份)?有限|公司)))"
    rf"(?:[{_CJK}（）()]{{1,12}}?(?:分公司|支公司|营业部|分行|支行)"
    # a shop of the company (沈阳华联超市有限公司三好街店), not what follows it (有限公司在该店)
    rf"|(?:(?![的在了和与及是向到该其此这那为给被从对把去来])[{_CJK}]){{1,8}}?(?:分店|门店|店)(?![铺面员主长内里外门前]))?")
#: government bodies and other organisations: 公安局 派出所 司法局 价格认证中心 人民政府 委员会 …
GOV_ORG_REGEX = re.compile(
    rf"{_PLACE_CHAIN}{{0,4}}[{_CJK}]{{0,10}}?(?:公安局[{_CJK}]{{0,6}}?分局|公安分局|公安局|派出所|交警大队|看守所|监狱|司法局|司法所|"
    r"价格认证中心|价格认定中心|物价局|人民政府|街道办事处|居民委员会|村民委员会|人民调解委员会|仲裁委员会|调委会|"
    r"市场监督管理局|税务局|公证处|鉴定中心|鉴定所|司法鉴定所|医院|调解中心|敬老院|养老院|福利院|银行[^\s，。；]{0,8}?(?:分行|支行))"
    r"|公安机关|侦查机关|公诉机关")
#: any agency of a place, as penalty decisions and filing reviews name them: 杭州市城市管理局, 浙江省司法厅,
#: 杭州市卫生健康委员会, 杭州市生态环境局余杭分局, 杭州市西湖区综合行政执法局, 浙江省人民政府办公厅 (no function
#: word inside; 和 only in the names that have it, see entities._NAME_WORDS_AT_STOP)
AGENCY_REGEX = re.compile(
    rf"{_PLACE_CHAIN}{{1,4}}?[^的了在是与及将把被对向从为于到或并\x00-\u4dff\u9fa6-\U0010ffff]{{2,14}}?"
    r"(?:局|厅|委员会|办公室)(?:[\u4e00-\u9fff]{2,4}?分局)?")

# ---------------------------------------------------------------- persons
SURNAMES = set(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪"
    "范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞"
    "颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻"
    "祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾"
    "隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝官封谈匡鞠惠荆乐冀郁胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝区"
    "郜海阚花权强帅屠豆朴盖练廉禹井祖漆巴丰支卿国狄平计索宣晋相初门云容敬来扈晁芮都普阙浦戈伏鹿薄邸雍辜羊阿乌母裘亓修邰赫"
    "杭况那宿鲜印逯隆茹诸战慕危玉银亢嵇公哈湛宾戎勾茅利於呼居揭干但尉冶斯元束檀衣信展阴昝智幸奉植衡富尧闭由")
COMPOUND_SURNAMES = ("欧阳", "司马", "诸葛", "上官", "慕容", "夏侯", "皇甫", "尉迟", "公孙", "令狐", "长孙", "宇文", "东方",
                     "西门", "南宫", "司徒", "端木", "独孤", "万俟", "呼延", "澹台", "轩辕", "钟离", "宗政", "濮阳")
_SUR = "(?:" + "|".join(COMPOUND_SURNAMES) + "|[" + "".join(sorted(SURNAMES)) + "])"
#: masked names in published judgments: 张某, 张某某, 李某甲, 刘x0, 王某1, 刘1某
PERSON_MASKED_REGEX = re.compile(
    rf"(?>{_SUR}(?:[xX×ｘ]\d{{1,2}}|\d{{1,2}}某{{1,2}}|(?:某某|某)(?:[甲乙丙丁戊己庚辛壬癸]|\d{{1,2}}|某)?))")
#: after a two-character masked name (张某) these characters mean it was a word (主张某些, 某种)
PERSON_MASKED_BAD_NEXT = set("些种处地项个次日天年月时段部位类件样")
#: forms of address after a surname (王大爷, 李先生, 杨师傅, 徐老四, 王家): they name no more than the surname
PERSON_TITLES = ("先生|女士|小姐|师傅|老师|大爷|大妈|大娘|大叔|大伯|大哥|大姐|大嫂|阿姨|叔叔|叔|婶婶|婶|姐姐|姐|哥哥|哥|"
                 "嫂子|嫂|老汉|老头|老太太|老太|老人|奶奶|爷爷|主任|经理|总|老板娘|老板|警官|医生|护士|书记|村长|队长|"
                 "组长|局长|所长|科长|站长|律师|法官|老[大二三四五六七八九幺]")
#: a form of address with the full name after it in brackets: 柏大妈（柏桂花）, 范老板（范建中）, 小刘（刘思琪）
TITLE_THEN_NAME_REGEX = re.compile(
    rf"(?:(?:老|小|阿)(?P<s1>{_SUR})|(?P<s2>{_SUR})(?:{PERSON_TITLES}))[（(]"
    rf"(?P<name>(?:(?P=s1)|(?P=s2))[{_CJK}]{{1,2}})(?=[）)，,、；;])")
#: a person named right after a role word: 被告人张三, 被害人李某玲
ROLE_PERSON_REGEX = re.compile(
    r"(?P<role>被告人|被害人|犯罪嫌疑人|被告|原告|上诉人|被上诉人|申请人|被申请人|第三人|证人|同案人|同案犯|罪犯|"
    r"法定代表人|委托诉讼代理人|诉讼代理人|辩护人|负责人|审判长|审判员|人民陪审员|书记员|当事人|死者|受害人|嫌疑人)"
    rf"[：:]?(?P<name>{_SUR}[{_CJK}]{{1,2}})")

# ---------------------------------------------------------------- places
#: words after which a place is named: 在 到 至 窜至 来到 进入 位于 住 停放在 …
LOC_TRIGGER_REGEX = re.compile(
    r"(?:窜至|窜到|窜入|来到|走到|跑到|行至|驾车至|前往|返回|回到|途经|进入|潜入|翻入|爬入|钻入|闯入|溜进|位于|停放在|停放于|"
    r"停在|放在|放置在|存放在|存放于|摆放在|藏匿于|藏于|住在|居住在|居住于|住址为|住址|住所地|住所(?=[：:])|户籍所在地|户籍地|"
    r"经常居住地|(?<![网邮])地址(?:为|是)?(?=[：:])|家住|(?<![围拦抓按揪拉捂堵困稳记忍站停挡扣顶卡缠拽扶握捉绑管保挺撑罩盖])住(?![户宅房院宿持])|"
    r"(?<![接收得遇直以现存正由对关属等用鉴处基终甚乃])(?:在|到|至|于)(?![于乎今此])|(?<![自])从)")
#: words that introduce a postal address (for masking): 住 住址 住所地 户籍地
ADDRESS_TRIGGER_REGEX = re.compile(r"(?:住址为|住址|住所地|户籍地|户籍所在地|经常居住地|家住|现住|暂住|"
                                   r"(?<![围拦抓按揪拉捂堵困稳记忍站停挡扣顶卡缠拽扶握捉绑管保挺撑罩盖])住)[：:]?")


#: the 56 recognised ethnic groups, as a party's particulars give them (汉族, 民族：回族, 维吾尔族): a 民族 field's
#: value, never an organisation
_ETHNIC = ("汉|蒙古|回|藏|维吾尔|苗|彝|壮|布依|朝鲜|满|侗|瑶|白|土家|哈尼|哈萨克|傣|黎|傈僳|佤|畲|高山|拉祜|水|东乡|纳西|景颇|"
           "柯尔克孜|土|达斡尔|仫佬|羌|布朗|撒拉|毛南|仡佬|锡伯|阿昌|普米|塔吉克|怒|乌孜别克|俄罗斯|鄂温克|德昂|保安|裕固|京|"
           "塔塔尔|独龙|鄂伦春|赫哲|门巴|珞巴|基诺")
ETHNIC_GROUP_REGEX = re.compile(rf"(?:{_ETHNIC})族")
