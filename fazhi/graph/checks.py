"""Consistency checks of a draft or a filed document against the law registry (``fazhi check``).

Findings are data (:class:`Finding`); a correct citation of a law in force is never flagged. Codes:

======================== ======== ===================================================================
code                     severity what
======================== ======== ===================================================================
CITE_REPEALED            error    the cited law is not in force on the document's date (warning when the
                                  repeal date is unknown)
CITE_NOT_YET_EFFECTIVE   warning  the cited law had not taken effect on the document's date
CITE_NO_SUCH_ARTICLE     error    the article does not exist in the version in force on that date
CITE_STALE_NUMBER        warning  the article exists but the sentence citing it says what another article
                                  provides (of the text in force, or this number before a revision): 疑为修订前
                                  第N条，现第M条; only for laws the corpus holds in several versions and sentences
                                  with content of their own
CITE_UNKNOWN_LAW         error    no such title (warning for titles that are not national laws); suggests
                                  the nearest real titles
INTERNAL_REF_MISSING     error    本条例/本办法 第X条 beyond the document's own articles
BASIS_LOWER_RANK         error    the 根据/依据 clause names a norm of lower rank (warning: equal rank)
NORMATIVE_SETS_PENALTY   error    a 规范性文件 sets a fine or other penalty (行政处罚法 第十六条)
NORMATIVE_SETS_LICENSE   error    a 规范性文件 creates a licence (行政许可法 第十七条)
NORMATIVE_SETS_COERCION  error    a 规范性文件 sets a compulsory measure (行政强制法 第十条)
NORMATIVE_SETS_FEE       warning  a 规范性文件 creates a fee (收费 needs a legal basis)
RULE_SETS_PENALTY_BEYOND_LEVEL
                         error    a 部门规章 or 地方政府规章 sets a penalty other than 警告、通报批评、罚款
                                  (行政处罚法 第十三条、第十四条); warning in a rule implementing an upper law
REGULATION_SETS_PENALTY_BEYOND_LEVEL
                         error    a 地方性法规 sets 行政拘留 or 吊销营业执照 (第十二条), a 行政法规 sets 行政拘留
                                  (第十条、第十一条); warning in a regulation implementing an upper law
RULE_SETS_LICENSE        error    a 部门规章 or a city's 政府规章 sets a licence (行政许可法 第十四条至第十六条),
                                  a qualification scheme included (实行从业资格制度, 第十二条第三项);
                                  warning for a province's rule not marked 临时性 (第十五条) or a rule that names
                                  an upper law as its basis and establishes a licence regime
REGULATION_SETS_LICENSE_BEYOND_LEVEL
                         error    a 地方性法规 or a province's 政府规章 sets a qualification licence of nationwide
                                  scope (从业/执业/职业资格) or an enterprise's 设立登记 or its 前置审批
                                  (行政许可法 第十五条第二款); warning in a text implementing an upper law
LOCAL_MARKET_RESTRICTION error    any normative document keeps out other regions' people, businesses or goods
                                  (外地企业…须经批准, 本市户籍, 在本区设立分支机构, 使用本地产品): a 地方性法规 or
                                  a province's 政府规章 under 行政许可法 第十五条第二款; a 规范性文件, a 部门规章 or a
                                  city's 政府规章 under 反垄断法 第五章 (第三十九条、第四十一条至第四十三条、第四十五条;
                                  第三十二条至第三十七条 before 2022-08-01), 优化营商环境条例 第六十四条 (规范性文件) and
                                  第十三条 (bidding); warning when the requirement is only a 备案 or 登记
PENALTY_EXCEEDS_UPPER    error    a fine above the highest fine of the upper-law article it cites, in yuan or
                                  as a multiple of the same base (违法所得五倍以下 against 三倍以下)
DUPLICATE_PROVISION      info     near-identical text to a provision of another law in force
DATE_INVALID             error    a date not in the calendar (自2024年2月30日起施行, 2023年13月1日)
RULE_SETS_COERCION       error    a 部门规章 or 地方政府规章 sets a compulsory measure (查封, 扣押, 冻结, 强制拆除 …),
                                  which only laws and regulations may set (行政强制法 第十条); warning in a rule
                                  implementing an upper law
SETS_SURCHARGE           error    a 规范性文件, 规章 or 法规 sets 加处罚款 or 滞纳金 for an administrative obligation
                                  (逾期不缴纳的，按日加收千分之五的滞纳金): a way of 行政强制执行 (行政强制法 第十二条),
                                  which only a 法律 may set (第十三条); not the surcharge of a law restated (税款,
                                  社会保险费, 罚款 …), one named 依法 or with its law, a contract's 滞纳金 or 违约金, a
                                  clause forbidding it; warning when it refers to unnamed rules (按照有关规定加收)
======================== ======== ===================================================================

Examples:
    >>> from fazhi.graph.registry import Law, Registry, Version
    >>> reg = Registry()
    >>> law = reg.add_law(Law(title="中华人民共和国合同法", rank="法律", repealed=True, repealed_on="2021-01-01",
    ...                       successor="中华人民共和国民法典"))
    >>> civil = reg.add_law(Law(title="中华人民共和国民法典", rank="法律"))
    >>> _ = civil.add_version(Version(date="2020-05-28", effective="2021-01-01", articles=1260, max_article=1260))
    >>> reg.finish()
    >>> r = check("某市物业服务办法\\n第一条 根据《中华人民共和国合同法》，制定本办法。\\n第二条 本办法自2024年1月1日起施行。", reg)
    >>> r.date, [f.code for f in r.findings]
    ('2024-01-01', ['CITE_REPEALED'])
    >>> check("第一条 依照《中华人民共和国民法典》第一千零七十九条处理。", reg, date="2024-01-01").findings
    []
"""
from __future__ import annotations

import functools
import logging
import os
import re
import time
from dataclasses import dataclass, field

from fazhi.document import Document
from fazhi.graph._rules import (DATE_REGEX, EFFECTIVE_REGEX, article_paragraphs, cn_date, find_citations,
                                fine_amounts, fine_floor, fine_multiples, inserted_articles, max_multiples,
                                plain_articles, subject_fines)
from fazhi.graph._titles import title_key
from fazhi.graph.registry import RANK_ORDER, RANKS, Registry, article_label, rank_value
from fazhi.numerals import cn_to_int, int_to_cn

log = logging.getLogger(__name__)

__all__ = ["Finding", "CheckResult", "check", "checked_date", "detect_kind", "detect_date", "CODES", "SEVERITIES"]

SEVERITIES = ("error", "warning", "info")
CODES = ("CITE_REPEALED", "CITE_NOT_YET_EFFECTIVE", "CITE_NO_SUCH_ARTICLE", "CITE_UNKNOWN_LAW",
         "INTERNAL_REF_MISSING", "BASIS_LOWER_RANK", "NORMATIVE_SETS_PENALTY", "NORMATIVE_SETS_LICENSE",
         "NORMATIVE_SETS_COERCION", "NORMATIVE_SETS_FEE", "RULE_SETS_PENALTY_BEYOND_LEVEL",
         "REGULATION_SETS_PENALTY_BEYOND_LEVEL", "RULE_SETS_LICENSE", "REGULATION_SETS_LICENSE_BEYOND_LEVEL",
         "LOCAL_MARKET_RESTRICTION", "PENALTY_EXCEEDS_UPPER", "DUPLICATE_PROVISION", "DATE_INVALID",
         "RULE_SETS_COERCION", "SETS_SURCHARGE", "CITE_STALE_NUMBER")

# the rules the NORMATIVE_SETS_* findings rest on; the article text comes from the registry when the
# corpus holds the law (see build.EVIDENCE_ARTICLES)
_FORBIDDING = {
    "NORMATIVE_SETS_PENALTY": ("中华人民共和国行政处罚法", 16, "行政处罚",
                               "除法律、法规、规章外，其他规范性文件不得设定行政处罚。"),
    "NORMATIVE_SETS_LICENSE": ("中华人民共和国行政许可法", 17, "行政许可",
                               "除本法第十四条、第十五条规定的外，其他规范性文件一律不得设定行政许可。"),
    "NORMATIVE_SETS_COERCION": ("中华人民共和国行政强制法", 10, "行政强制措施",
                                "法律、法规以外的其他规范性文件不得设定行政强制措施。"),
    "NORMATIVE_SETS_FEE": ("中华人民共和国行政许可法", 58, "收费",
                           "行政机关实施行政许可和对行政许可事项进行监督检查，不得收取任何费用。但是，法律、行政法规另有规定的，"
                           "依照其规定。"),
}
_REPEAL_SENTENCE = re.compile(r"[^。；\n]*(?:废止|失效|停止执行)[^。；\n]*")
_HISTORICAL = re.compile(r"(?:施行|实施|生效|废止)(?:之日)?(?:前|以前)[^。；]{0,80}$|原(?:称|名称|为)?$|曾经?[^。；，]{0,10}$")
# 依照《居民身份证条例》领取的…, 《城市规划法》施行前…, 依据《外资企业法》…设立的…: the past, not the law applied
_HISTORICAL_AFTER = re.compile(r"^(?:[、和及与]?《[^》]*》)*[^。；，]{0,30}?(?:(?:设立|成立|领取|取得|颁发|核发|签订|登记|作出|批准|"
                               r"划定|确定)[^。；，]{0,12}的|(?:公布|发布)?(?:施行|实施|生效)(?:之日)?(?:前|以前|以后|后))")
# 对2007年6月1日前人民法院依照《企业破产法（试行）》受理的案件: a date before which the cited law applied
_BEFORE_DATE = re.compile(DATE_REGEX.pattern + r"(?:之)?(?:前|以前)[^。；]{0,80}$")
_ISSUED_TITLE = re.compile(r"(?:印发|发布|公布|颁布)《([^《》]{2,80})》")
_ISSUED_IN_TEXT = re.compile(r"现将《([^《》]{2,80})》(?:[^。；\n]{0,20})?印发给你们")
_TO_BE_MADE = re.compile(r"(?:制定|起草|修订|拟定|另行制定)$")
# 申请…许可证的，除提交…外，还应当提交…: conditions added to a licence (NORMATIVE_SETS_LICENSE's last pattern)
_ADDED_CONDITIONS = re.compile(r"除[^。；]{0,40}?(?:以外|外)[，,]?(?:还|另|并)|另行(?:提交|提供|取得|出具)$")
_PERMIT_16_4 = ("法规、规章对实施上位法设定的行政许可作出的具体规定，不得增设行政许可；对行政许可条件作出的具体规定，"
                "不得增设违反上位法的其他条件。")
# 严格执行按日连续处罚、查封扣押等配套措施, 落实查封、扣押等制度: measures named as what the text carries out
_NAMED_MEASURES = re.compile(r"(?:执行|落实|贯彻|实施|运用|用好|适用)[^。；，]{0,16}$")
_NAMED_MEASURES_AFTER = re.compile(r"[^。；，]{0,8}等[^。；，]{0,8}(?:措施|制度|手段|规定)")
# 扣押的物品应当…, 查封期间: a measure spoken of after it was set, not set here
_AGENCY_OBJECT = re.compile(r"(?:的(?:物品|财物|场所|设施|财产|车辆|工具|期限|期间)|期间|期限|决定书|清单|"
                            r"(?:物品|财物|财产|车辆|工具|场所|设施)(?:的)?(?:清单|决定书|通知书|期间|期限|笔录))")
# policy documents a 规范性文件 commonly names (《国务院办公厅关于…的指导意见》, 《中共中央 国务院关于…的意见》, 《…规划》):
# the registry holds laws, so these can be neither found nor reported unknown; nor any title followed by its 文号
_POLICY_TITLE = re.compile(r"关于[^《》]{2,80}的(?:指导|实施|若干)?(?:意见|通知|批复|复函|函|方案|要点|通报)$|"
                           r"(?:纲要|规划|行动计划)(?:（[^）]*）|\([^)]*\))?$")
_DOC_NUMBER_AFTER = re.compile(r"[（(][\u4e00-\u9fff]{1,10}(?:发|函|字|规|令|办|电)〔\d{4}〕第?\d+号[）)]")
# 关于修改《…》的决定 and …修正案: the articles, paragraphs and items they name are those of the text before them
_AMENDING_TITLE = re.compile(r"修正案(?:[（(][^）)]*[）)])?$|关于修改.*的决定$")
# 适用修改前商标法第二十七条第二款, 修订后的《…》: a version named by the text itself
_VERSION_NAMED = re.compile(r"(?:修改|修正|修订)[前后]的?[^。；，]{0,30}$")
_DECISION_TITLE = re.compile(r"(?:决定|决议|修正案(?:（[^）]*）)?)$")
_NEGATED = re.compile(r"(不得|禁止|严禁|不再|取消|不予|免于|免予|免收|不收取|无需|不需|不需要|不必|不作为|杜绝|防止|避免|"
                      r"清理|规范|减少)[^，。；]{0,12}$")
# what agencies submit to each other (行政许可法 第三条第二款: the approvals inside the administration are no licences)
_INTERNAL_MATTER = re.compile(r"^(?:第[零〇一二三四五六七八九十百千两0-9]+条\s*|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)])?"
                              r"(?:各|本)?(?:乡镇|乡|镇|街道|部门|单位|区县|县区|县直|市直|区直|机关|有关部门|县级部门)"
                              r"[^。；，]{0,16}?(?:方案|计划|规划|预算|措施|报告|名单|细则|文件|意见|办法|制度)|"
                              r"(?:实施方案|工作方案|工作计划|年度计划|预算|具体措施|配套文件|实施细则)[^。；]{0,6}(?:应当|须|必须|应)"
                              r"(?:报|经)")
# the staff of an agency (执法人员…取得行政执法资格证书后方可从事执法工作): no licence of the public
_AGENCY_STAFF = re.compile(r"(?:执法|工作|检查|监督|管理|办案)人员|公务员|法官|检察官|辅警|协管员")
_IMPLEMENTS = re.compile(r"(依照|按照|依据|根据)[^。；]{0,40}(法律|法规|规章|《)[^。；]{0,60}(规定|处罚|处理|执行)")
# the agencies a fee may be paid to: 部门/局/中心…, and the township stations and offices (国土所, 司法所, 农技站)
# (所 and 站 as nouns: not 所收取/所在/所有, 车站/加油站)
_STATION = r"(?<![住场厕处诊车加])[所站](?![收在有缺属涉得需称述列规指以到])"
# 街道办事处, 消防救援大队, and the offices named …办 (征收办, 城管办; not 举办/承办/主办, nor 办法/办理/办公)
_OFFICE = r"(?<![举承主协代督包创开兴申经查买])办(?![法理事公结案学])"
_AGENCY = rf"(?:部门|机关|局|委员会|政府|中心|办公室|办事处|管理处|管委会|大队|支队|中队|{_OFFICE}|{_STATION})"
_COLLECTOR = rf"(?:部门|机关|局|政府|中心|办公室|办事处|管委会|大队|支队|中队|{_OFFICE}|{_STATION})"
_PATTERNS = {
    "NORMATIVE_SETS_PENALTY": re.compile(
        r"(?:处|并处|给予|予以|可处|处以)[^。；，]{0,30}?(?:罚款|警告|通报批评|没收违法所得|没收非法财物|暂扣[^。；，]{0,16}证|"
        r"吊销[^。；，]{0,16}(?:证|执照|(?:核准|批准|许可)文件)|降低资质等级|责令停产停业|责令关闭|限制从业|行政拘留)"),
    "NORMATIVE_SETS_LICENSE": re.compile(
        r"(?:须|必须|应当|应)(?:事先|预先)?(?:经|报经|取得|向)[^。；，]{0,30}?(?:审批|批准|许可|核准)(?:后|的|，|方可|。|；)|"
        # 须报县文化和旅游局审批, 须事先报市民政局审批: submitted to a local agency for approval (not 报公安部批准,
        # 报省级公安机关批准, 报上级…批准: the steps of an agency inside its own hierarchy)
        r"(?:须|必须|应当|应)(?:事先|预先)?(?:报请|报)(?![^。；，]{0,20}?上(?:一)?级)[^。；，]{0,20}?"
        r"(?:局|委员会|政府|部门|管委会|办公室)(?:审批|批准|核准)(?:后|的|，|方可|。|；)|"
        # 应当取得区市场监督管理局核发的摊贩经营许可证后方可经营
        r"(?:须|必须|应当|应)(?:事先|预先)?(?:取得|领取|申领)[^。；，]{0,30}?许可证(?:后|，|方可|。|；)|"
        # 须取得县住房和城乡建设局核发的农村建筑工匠资格证后方可承揽, 须取得…核发的物业服务资质证书: a certificate an
        # agency issues as the condition to act is a licence, whatever its name (登记证, 资格证, 资质证书, 准营证)
        r"(?:须|必须|应当|应)(?:事先|预先)?(?:取得|领取|申领|持有)[^。；，]{0,24}?(?:核发|颁发|发放|发给|签发)的"
        r"[^。；，]{0,20}?(?:证|证书|执照|牌照)(?:后|，|方可|。|；)|"
        r"(?:未经|未取得)[^。；]{0,30}?(?:审批|批准|许可|核准)[^。；]{0,12}(?:不得|禁止|一律)|"
        # 领取县市场监督管理局统一制作的经营户信息卡后方可进场经营: any certificate or card after which one may act
        # (not a certificate of status: 不动产权证书, 居住证, 毕业证书, 离婚证)
        r"(?:取得|领取|申领|持有)(?![^。；，]{0,30}?(?:产权|所有权|不动产|权属|毕业|学位|结婚|离婚|出生|死亡|身份|户口|居住|"
        r"准考))[^。；，]{0,30}?(?:证|证书|执照|牌照|卡|凭证|批文)后[，,]?(?:方可|才能|方能)|"
        # 未取得县交通运输局核发的运营证的车辆，一律不得从事客运经营
        r"(?:未取得|未持有|未领取)[^。；，]{0,24}?(?:核发|颁发|发放|签发)的[^。；，]{0,15}?(?:证|证书|执照)[^。；]{0,12}"
        r"(?:不得|禁止|一律)|"
        # 须报县商务局审核同意后方可营业, 须经县文化和旅游局同意: an agency's consent (not an owners' or a party's)
        rf"(?:须|必须|应当|应)(?:事先|预先)?(?:经|报经|报)[^。；，]{{0,20}}?(?<!业主)(?<!村民)(?<!居民)(?<!职工)"
        rf"(?:局|政府|部门|管委会|办事处|委员会|{_OFFICE}|{_STATION})(?:审查|审核)?同意(?:后|的|，|方可|。|；)|"
        r"(?:须|必须|应当|应)(?:事先|预先)?(?:经|报经|报)[^。；，]{0,20}?(?:审核|审查)(?:合格|通过)?后[，,]?(?:方可|才能)|"
        # 须经市体育局组织验收合格后方可对外开放: an agency's acceptance check as the condition to act (not 经验收合格后
        # of a builder's own 竣工验收)
        r"(?:须|必须|应当|应)(?:事先|预先)?(?:经|报经|报)[^。；，]{0,20}?(?:局|部门|政府|委员会|中心|机关|管委会)(?:组织)?"
        r"(?:验收|检验|检测|评审|评估)(?:合格|通过)?后[，,]?(?:方可|才能)|"
        # 除符合《…》规定的条件外，还应当取得所在街道办事处出具的同意设立意见: conditions added to those an upper law sets
        # (not 除具备前款规定的条件外 / 除符合本条例第七条规定的条件外: the text's own conditions, in two steps)
        r"除(?:符合|具备|提交|提供)?(?:《[^《》]{2,40}》|法律|行政法规|法规|国家|上位法)[^。；《》]{0,16}?规定的(?:条件|申请材料|材料)"
        r"(?:以外|外)[，,]?(?:还|另|并)(?:应当|应|须|需|必须)(?:另行)?(?:提交|提供|具备|符合|取得|出具)|"
        r"(?:实行|实施)[^。；，]{0,12}(?:许可|审批|准入|核准)(?:制度|管理)|(?:办理|申领|取得)[^。；，]{0,12}(?:许可证|准营证|经营证)|"
        # 申请污水排入排水管网许可证的，除提交国家规定的申请材料外，还应当提交…证明: conditions added to a licence
        # that an upper law sets (行政许可法 第十六条第四款 forbids it to a 规章, 第十七条 all the more to this text)
        r"申请[^。；]{0,30}?(?:许可证?|审批|批准|核准|资质|执照|登记证)[^。；]{0,6}?[，,]?除[^。；]{0,40}?(?:以外|外)[，,]?"
        r"(?:还|另|并)(?:应当|应|须|需|必须|需要)(?:另行)?(?:提交|提供|具备|符合|取得|出具)|"
        # 申请食品经营许可的，应当另行提交街道办事处出具的无异议证明
        r"申请[^。；]{0,30}?(?:许可证?|审批|批准|核准|资质|执照|登记证)[^。；]{0,6}?[，,]?(?:申请人)?"
        r"(?:应当|须|需|必须)另行(?:提交|提供|取得|出具)"),
    "NORMATIVE_SETS_COERCION": re.compile(r"(?:查封|扣押|冻结|限制[^。；，]{0,6}人身自由|"
                                          r"强制(?:拆除|隔离|带离|拖离|拖移|清除|清理|腾退|搬迁|搬离|搬移)|"
                                          r"强行(?:拖离|带离|拆除|清除|搬离|搬移)|"
                                          r"暂扣(?![^。；，]{0,16}(?:证|执照|许可|牌照|(?:核准|批准)文件))|"
                                          # 组织起尸火化 (a burial undone by force), 强制火化
                                          r"起尸火化|强制(?:火化|迁坟|平坟|起尸)|"
                                          # 扣留车辆 (道路交通安全法's word), 予以封存 (not 档案封存, 记录封存)
                                          r"扣留|(?:予以|可以|实施|依法)封存|封存其|"
                                          # 可以采取锁闭、封存措施 (a ship or vehicle immobilised and sealed)
                                          r"(?:采取|实施)[^。；，]{0,6}?(?:锁闭|封存|封停)|"
                                          # 可以采取停止供电措施 (行政强制法 第四十三条第二款)
                                          r"(?:采取|实施|予以|可以|责令)[^。；，]{0,6}?(?:停止供(?:水|电|气|热)|断水|断电|停水|停电))"),
    # administrative charges only (paid to or collected by an agency), not fees between private parties
    "NORMATIVE_SETS_FEE": re.compile(
        rf"(?:向|由)[^。；，]{{0,15}}?{_AGENCY}[^。；，]{{0,10}}?"
        r"(?:缴纳|交纳|缴交|缴存|交存|预交|预缴|收取|征收|收缴)[^。；，]{0,15}?(?:费|押金|保证金|专项资金)|"
        rf"{_COLLECTOR}[^。；，]{{0,15}}?(?:收取|征收|收缴|加收)[^。；，]{{0,15}}?(?:费|押金|保证金|专项资金)|"
        r"(?:登记费|审核费|审查费|审批费|手续费|工本费|证照费|管理费|押金|保证金)(?:[^。；，]{0,8}?|[，,](?=[^。；，]{0,4}标准))"
        r"(?:标准为|每[次人件户年]|\d+元)"),
}
# a fee match that holds its own negation (市公共信用信息中心不得收取任何费用, 窗口单位一律不得收取…费)
_FEE_NEGATED = re.compile(r"不得|不予|不再|不收取|免收|免于|免予|无需|不需|禁止|严禁")
# 通报批评 and 警告 of the administration's own bodies and staff (对工作推进不力的部门予以通报批评) are internal
# discipline, not an administrative penalty, which 行政处罚法 第二条 defines as imposed on 公民、法人或者其他组织
_INTERNAL_SANCTION = re.compile(r"通报批评|通报|警告")
_INTERNAL_TARGET = re.compile(r"对[^。；，,由]{0,40}?(?:部门|机关|乡镇(?:人民政府)?|街道(?:办事处)?|工作人员|公职人员|责任单位|"
                              r"成员单位|[省市县区]直(?:有关)?单位)(?:(?:的)?(?:主要)?负责人|及其[^，,。；]{0,12})?[，,]?"
                              r"(?:由[^。；，]{0,20}?)?(?:依规|依纪)?(?:可以|应当)?(?:予以|给予)?$")
# …, or of a sentence whose subject they are (县直各部门要按时报送信用信息，逾期未报送的予以通报批评)
_INTERNAL_SUBJECT = re.compile(r"^\s*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|\d+[.．、]|"
                               r"第[零〇一二三四五六七八九十百千两0-9]+条\s*)?\s*(?:各(?:乡镇|街道|部门|成员单位|责任单位|级(?:各类)?"
                               r"(?:部门|行政机关))|[省市县区]直(?:各|有关)?(?:部门|单位))")
# penalties a text imposes without 处/给予 in front (由…部门吊销其营业执照; 情节严重的，没收违法建筑物; 并责令停产停业):
# taken only at the head of a clause, or after the agency that imposes them, so that 依法被吊销营业执照的单位 and
# 提出没收违法所得的申请 are not read as imposing a penalty
_BARE_PENALTY = re.compile(
    r"(?<![被已])(?:吊销[^。；，、]{0,16}?(?:证|执照|(?:核准|批准|许可)文件)|责令停产停业|责令停业(?:整顿)?|责令关闭|没收(?!的)[^。；，、的]{2,12}|"
    r"行政拘留|暂扣[^。；，]{0,16}?(?:证|执照)|"
    # 责令其停业整顿; 罚款人民币一千元 / 违者，罚款五百元; 取消其经营资格; 三年内禁止其参加本县政府采购活动
    r"责令其?(?:停产停业|停业(?:整顿)?|停产整顿|关闭|停止营业)|收缴其[^。；，、的]{2,12}|罚款(?:人民币)?[0-9零〇一二三四五六七八九十百千万两]+(?:万)?元(?![以上下]{0,2}的)|"
    r"取消[^。；，]{0,4}(?:经营|从业|执业|投标|营运|运营|承揽|上岗)(?:资格|资质)|取消[^。；，]{0,6}资质(?:等级)?|"
    r"[0-9一二三四五六七八九十]+年内(?:禁止|不得)[^。；，]{0,6}(?:参加|参与|从事|承接|承揽|投标)|"
    # 列入建筑市场主体黑名单，两年内不得参加…投标: a disciplinary list that takes away rights (行政处罚法 第二条)
    r"(?:列入|纳入)[^。；，]{0,15}?(?:黑名单|失信[^。；，]{0,8}名单))")
# 拒不整改的，不予办理其营业执照 / 取消其享受的惠农补贴 / 不予享受低保等惠民政策: benefits or services withheld to punish a
# violation, a penalty by its definition (行政处罚法 第二条: 以减损权益或者增加义务的方式予以惩戒) — only after the
# violation it punishes (not 不符合条件的，不予办理, the decision on an application)
_DEPRIVE = re.compile(r"(?:不予|停止|暂停|取消其?|限制其?)(?:办理|享受|发放|给予)(?:其)?[^。；，]{0,24}"
                      r"(?:手续|补贴|补助|待遇|政策|证照|执照|许可证?|业务|优惠|奖励|救助|低保|登记)")
_VIOLATION = re.compile(r"拒不|违法|违规|乱[埋葬搭建堆倒扔贴]|擅自|多次|屡次|失信|拖欠|欠缴|拒绝(?!提供)")
_BARE_PENALTY_HEAD = re.compile(
    r"(?:^|[，,：:])(?:[^，,：:。；]{0,25}?(?:部门|机关|局|政府|委员会|办公室|中心|执法队|大队|中队|所|站|执法人员)"
    r"(?:依法|现场|当场)?)?"
    r"(?:并|还|另|同时|一律|依法)?(?:可以|可|应当|应|须|必须|一律)?(?:并|予以|处以)?$")


@dataclass
class Finding:
    """One problem found in a document.

    Attributes:
        code: what kind of problem (see the module docstring).
        severity: ``error``, ``warning`` or ``info``.
        start, end, quote: where it is (character offsets into the checked text) and the text there.
        message: what is wrong, in Chinese.
        evidence: why (registry facts, the rule broken, the upper-law article ...), JSON-able.
        suggestion: what to do, in Chinese.
    """

    code: str
    severity: str
    start: int
    end: int
    quote: str
    message: str
    evidence: dict = field(default_factory=dict)
    suggestion: str = ""

    def to_dict(self) -> dict:
        return {"code": self.code, "severity": self.severity, "start": self.start, "end": self.end,
                "quote": self.quote, "message": self.message, "evidence": self.evidence,
                "suggestion": self.suggestion}


@dataclass
class CheckResult:
    """The outcome of :func:`check`: the detected (or given) kind and date and the findings."""

    kind: str | None
    date: str
    findings: list = field(default_factory=list)
    title: str = ""
    citations: int = 0
    seconds: float = 0.0
    kind_reason: str = ""

    @property
    def errors(self) -> list:
        return [f for f in self.findings if f.severity == "error"]

    def to_dict(self) -> dict:
        return {"kind": self.kind, "date": self.date, "title": self.title, "citations": self.citations,
                "findings": [f.to_dict() for f in self.findings]}


# -- kind and date ----------------------------------------------------------------------------------
# (not 中华人民共和国市场主体登记管理条例: a national title whose next word begins with 市)
_REGION = r"(?:(?!中华人民共和国)[\u4e00-\u9fff]{1,8}?(?:省|市|自治区|自治州|州|县|区|盟|旗))"
_TERM = r"(?:第[一二三四五六七八九十]+届)?"  # 湖州市第八届人民代表大会


def detect_kind(title: str, text: str = "", issuer: str | None = None) -> tuple[str | None, str]:
    """The rank (位阶) of a document from its title, issuer and text; returns (rank, reason).

    >>> detect_kind("某市人民政府办公室关于加强物业管理的通知")[0]
    '规范性文件'
    >>> detect_kind("某市养犬管理条例", "2023年5月1日某市人民代表大会常务委员会通过")[0]
    '地方性法规'
    >>> detect_kind("某市城市管理办法", "某市人民政府令第12号")[0]
    '地方政府规章'
    >>> detect_kind("中华人民共和国某某法")[0]
    '法律'
    """
    t = re.sub(r"\s+", "", title or "")
    head = (issuer or "") + "\n" + _header_part(text or "")
    if re.fullmatch(r"(?:中华人民共和国)?宪法(?:修正案.*)?", t):
        return "宪法", "标题为宪法"
    if t.startswith(("最高人民法院", "最高人民检察院")) and re.search(r"(解释|规定|批复|决定|安排)(?:（[^）]*）)?$", t):
        return "司法解释", "最高人民法院/最高人民检察院发布的解释"
    # 人民法院在线诉讼规则 (最高人民法院审判委员会第1838次会议通过), 人民检察院刑事诉讼规则 (…检察委员会…通过)
    if re.search(r"最高人民法院审判委员会[^\n]{0,12}?第\S{1,8}次会议|最高人民检察院[^\n]{0,12}?检察委员会[^\n]{0,12}?"
                 r"第\S{1,8}次会议", _header_part(text or "")) and \
            re.search(r"(解释|规定|批复|决定|规则|意见|通知|答复)(?:（[^）]*）)?$", t):
        return "司法解释", "由最高人民法院审判委员会或最高人民检察院检察委员会通过"
    if t.startswith("中华人民共和国") and t.endswith("法") and not t.endswith("办法"):
        return "法律", "标题为“中华人民共和国……法”"
    national_congress = re.search(r"(?:^|\n)[^\n《]{0,30}?(?<![省市州县区])(?:第[一二三四五六七八九十]+届)?全国人民代表大会"
                                  r"(?:常务委员会)?第\S{1,8}次会议通过", head)
    if national_congress and re.search(r"(?<!办)法$|修正案(?:（[^）]*）)?$|(?:规则|规定|决定|决议)$", t):
        # 刑法修正案（十）, 全国人民代表大会常务委员会议事规则 passed by the NPC (its committee): a 法律 (not
        # 浙江省实施《全国人民代表大会和地方各级人民代表大会代表法》办法, which only names it)
        return "法律", "由全国人民代表大会或其常务委员会通过"
    if re.search(r"自治(条例|区|州|县).{0,10}单行条例|自治条例$|单行条例$", t):
        return "自治条例和单行条例", "标题为自治条例或单行条例"
    # 某市人民政府令第12号, and as the 令 is printed above the rule it publishes: 某市人民政府令 / 第158号 on two lines
    gov_order = re.search(r"(人民政府令|政府令)\s*[（(]?(?:第|〔|\[)", head)
    # …令第X号, or 国家互联网信息办公室2021年第20次室务会议审议通过: a national department's rule
    ministry_order = re.search(r"(?<!人民政府)(?<!政府)(部|委员会|总局|局|署|银行)令\s*[（(]?(?:第|〔|\[|〔)", head) or \
        re.search(r"(?:国家|中国|国务院)[\u4e00-\u9fff]{1,20}?(?:部|委员会|总局|局|署|银行|办公室)\s*(?:\d{4}年)?"
                  r"第\S{1,6}次(?:部务|委务|局务|署务|室务|行务|主任办公|常务)会议(?:审议)?通过", head)
    # 1989年10月11日 国务院批准 1989年11月4日 国家技术监督局发布: a regulation the State Council approved
    # 国务院、中央军事委员会令第425号; 1988年5月4日 国务院发布
    state_council = re.search(r"国务院令|国务院(第\S{1,6}次)?常务会议通过|国务院(?:公布|发布)(?!的)|国务院、[^令\n]{0,20}令第|"
                              r"(?:^|\n)[^\n。，]{0,20}?(?<!经)国务院批准(?![^\n]{0,20}的)", head)
    # 湖州市第八届人民代表大会常务委员会第三十七次会议通过: the 届 stands between the region and the congress
    congress = re.search(rf"{_REGION}?{_TERM}人民代表大会(常务委员会)?(第\S{{1,8}}次会议)?(通过|批准)",
                         head)
    office = re.search(r"(办公厅|办公室)(关于|印发|发布|\s|$)|办发〔|办发\[|办〔", t + "\n" + head)
    bureau = re.search(r"[\u4e00-\u9fff]{2,20}(局|委员会|厅|委)(关于|印发)", t) or \
        re.search(r"[\u4e00-\u9fff]{2,12}[局厅委]\s*\n?\s*\d{4}年\d{1,2}月\d{1,2}日\s*$", text[-80:] if text else "")
    doc_number = re.search(r"[\u4e00-\u9fff]{1,6}(发|规|函|字)〔\d{4}〕\d+号|[\u4e00-\u9fff]{1,6}(发|规)\[\d{4}\]\d+号", head)
    if t.endswith("条例") and congress:
        if re.search(r"全国人民代表大会", congress.group(0)) and \
                not re.search(_REGION + _TERM + "人民代表大会", congress.group(0)):
            return "法律", "由全国人民代表大会常务委员会通过"
        return "地方性法规", "条例由人民代表大会(常务委员会)通过"
    if (state_council or t.startswith("国务院关于")) and re.search(r"(条例|规定|办法|细则)$", t):
        return "行政法规", "由国务院公布"
    if gov_order and re.search(r"(办法|规定|细则|规则|条例)$", t):
        return "地方政府规章", "以政府令公布的办法/规定"
    if ministry_order and re.search(r"(办法|规定|细则|规则)$", t):
        return "部门规章", "以部门令公布的办法/规定"
    if congress and re.search(r"(规定|办法|决定|细则|规则|决议|守则)$", t) and \
            re.search(_REGION + _TERM + "人民代表大会", congress.group(0)):
        return "地方性法规", "由地方人民代表大会(常务委员会)通过"
    if office or bureau or doc_number:
        why = "由政府办公室(厅)发布" if office else ("由局/委员会发布" if bureau else "带有发文字号")
        return "规范性文件", why
    if re.search(r"(通知|意见|方案|规划|要点|纪要|公告|通告|指引|指南)$", t):
        return "规范性文件", "标题为通知/意见/方案"
    if re.search(r"条例$", t):
        if re.match(_REGION, t):
            return "地方性法规", "地方名称开头的条例"
        return "行政法规", "条例"
    if re.search(r"(办法|规定|细则|规则)$", t):
        return "规范性文件", "未以政府令或部门令公布的办法/规定"
    return None, "无法从标题和发文机关判断"


_FIRST_ARTICLE = re.compile(r"^[ \t\u3000]*第[一1]条(?=[ \t\u3000])", re.M)
_LAST_ARTICLE = re.compile(r"^[ \t\u3000]*第[零〇一二三四五六七八九十百千两0-9]+条(?:之[一二三四五六七八九十]+)?[ \t\u3000][^\n]*",
                           re.M)


def _header_part(text: str) -> str:
    """The parts of a text that name its issuer and the order it was issued by: the heading before the first
    article (at most 600 characters) and the signature after the first line of the last article (at most 400).
    The articles themselves are left out: 2005年国务院公布的《信访条例》 or 《物业管理条例》（国务院令第379号）
    in an article says who issued the law cited, not this text. A source in brackets after a cited title is
    left out of the heading too. A text without articles is taken as before (its first 600 and last 400)."""
    first = _FIRST_ARTICLE.search(text)
    if first is None:
        head, tail = text[:600], text[-400:]
    else:
        head = text[:min(600, first.start())]
        last = None
        for last in _LAST_ARTICLE.finditer(text, first.start()):
            pass
        tail = text[last.end():][-400:] if last is not None else ""
    head = re.sub(r"》[（(][^（）()\n]{0,40}[）)]", "》", head)
    return head + "\n" + tail


def detect_date(text: str) -> tuple[str | None, str]:
    """The date against which citations are checked: the 施行 date, else the signing date at the end, else
    the first date of the heading; returns (date, which).

    >>> detect_date("第十条 本办法自2024年3月1日起施行。")
    ('2024-03-01', '施行日期')
    >>> detect_date("……\\n某市司法局\\n二〇二三年五月六日")
    ('2023-05-06', '落款日期')
    """
    m = None
    for m in EFFECTIVE_REGEX.finditer(text):
        pass
    if m:
        d = cn_date(*m.groups())
        if d:
            return d, "施行日期"
    tail = text[-120:]
    # a signature date ends its line (某市司法局\n二〇二三年五月六日); the dates inside a last article (……2015年8月27日
    # 公布的《企业经营范围登记管理规定》同时废止) are of other texts
    found = [cn_date(*x.groups()) for x in DATE_REGEX.finditer(tail)
             if re.match(r"[ \t\u3000）)]*(?:\n|$)", tail[x.end():]) and
             "《" not in tail[tail.rfind("\n", 0, x.start()) + 1:x.start()]]
    found = [d for d in found if d]
    if found:
        return found[-1], "落款日期"
    found = [cn_date(*x.groups()) for x in DATE_REGEX.finditer(text[:400])]
    found = [d for d in found if d]
    if found:
        return max(found), "文首日期"
    return None, ""


_ITEM_HEAD = re.compile(r"^[ \t\u3000]*([一二三四五六七八九十]{1,3})、", re.M)


def _numbered_items(text: str) -> set:
    """{1..n} for a text whose top level is numbered 一、二、…n、 in order from 一 (at least three items), else
    an empty set; a second run of 一、 (an attachment's own list) ends the count."""
    n = 0
    for m in _ITEM_HEAD.finditer(text):
        try:
            k = cn_to_int(m.group(1))
        except ValueError:
            continue
        if k == n + 1:
            n = k
        elif k == 1 and n:
            break
    return set(range(1, n + 1)) if n >= 3 else set()


def _title_of(text: str) -> str:
    """The first line of ``text``, or, under a 令 that publishes the text (某市人民政府令 / 第158号 / 《某市城市供热管理办法》
    已经…通过，现予公布), the title the 令 names, as the corpus loaders read it.

    >>> _title_of("某市人民政府令\n\n第158号\n\n《某市供热管理办法》已经市人民政府常务会议通过，现予公布。\n第一条 …")
    '某市供热管理办法'
    """
    lines = []
    for line in text.splitlines():
        s = line.strip().lstrip("#").strip()
        if s:
            lines.append(s)
            if len(lines) == 4:
                break
    if not lines:
        return ""
    try:
        from fazhi.corpora.loaders import _published_by_order
    except ImportError:
        _published_by_order = None
    ordered = _published_by_order(lines) if _published_by_order else None
    if ordered:
        return ordered
    s = lines[0]
    return s if len(s) <= 80 and not re.match(r"第[一二三四五六七八九十百千0-9]+条", s) else ""


def _cn_article(n: int, sub: int | None = None) -> str:
    """第一百三十三条, or 第一百三十三条之一 for an inserted article."""
    return f"第{int_to_cn(n)}条" + (f"之{int_to_cn(sub)}" if sub else "")


def _cn_articles(numbers: list) -> str:
    """第一百三十条、第一百三十一条; runs of three or more as 第二百二十条至第二百六十条; inserted articles
    given as (article, sub) are named one by one (第一百二十条之七)."""
    runs: list = []
    for n in sorted({x for x in numbers if isinstance(x, int)}):
        if runs and n == runs[-1][1] + 1:
            runs[-1][1] = n
        else:
            runs.append([n, n])
    parts = []
    for a, b in runs:
        if b - a >= 2:
            parts.append((a, 0, f"{_cn_article(a)}至{_cn_article(b)}"))
        else:
            parts.extend((n, 0, _cn_article(n)) for n in range(a, b + 1))
    parts.extend((n, k, _cn_article(n, k)) for n, k in {x for x in numbers if isinstance(x, tuple)})
    return "、".join(p for _, _, p in sorted(parts))


def _short(title: str) -> str:
    return f"《{title}》"


# -- the check -------------------------------------------------------------------------------------
def check(document: "Document | str", registry: Registry, *, kind: str | None = None, date: str | None = None,
          title: str | None = None, duplicates=None, codes: set | None = None) -> CheckResult:
    """Check a document against the registry.

    Args:
        document: a Document or its text.
        registry: the law registry (:meth:`Registry.load` or :func:`fazhi.graph.build.build`).
        kind: the document's rank (one of ``RANKS``); detected from title, issuer and text when None.
        date: ISO date the citations are checked against; detected (施行 / 落款 date) or today when None.
        title: the document's title; the document's or its first line when None.
        duplicates: a :class:`fazhi.graph.dupes.DuplicateIndex` for DUPLICATE_PROVISION (skipped when None).
        codes: only report these codes (all by default).

    Raises:
        ValueError: for an unknown kind or a malformed date.
    """
    t0 = time.perf_counter()
    if isinstance(document, Document):
        text = document.text
        title = title or document.title or _title_of(text)
        issuer = document.metadata.get("issuer")
    else:
        text = document
        title = title or _title_of(text)
        issuer = None
    if kind is not None and kind not in RANKS:
        raise ValueError(f"unknown kind {kind!r}; choose one of: {', '.join(RANKS)}")
    kind_reason = "given"
    if kind is None:
        kind, kind_reason = detect_kind(title, text, issuer)
    if date is not None:
        checked_date(date)
    else:
        date = detect_date(text)[0] or time.strftime("%Y-%m-%d")
    out: list[Finding] = []
    from fazhi.nlp.aliases import canonical_title

    self_canon = canonical_title(title) if title else None
    cites = find_citations(text, self_title=title or None)
    # 关于印发《某市…办法》的通知: the document issued by the notice is the document itself, not a citation
    issued = {title_key(x) for x in _ISSUED_TITLE.findall((title or "") + "\n" + _title_of(text))}
    issued |= {title_key(x) for x in _ISSUED_IN_TEXT.findall(text[:2000])}
    own = plain_articles(text)
    if isinstance(document, Document) and document.spans.get("article"):
        own = [(s.norm, s.start, s.text) for s in document.spans["article"] if isinstance(s.norm, int)]
    own_numbers = {n for n, _, _ in own}
    own_subs = inserted_articles(text)  # 第一百二十条之一 -> (120, 1)
    if isinstance(document, Document) and document.metadata.get("part"):
        # one file of a law split by 编: 本法第X条 may point into another part
        whole = registry.get(title)
        v = registry.version_on(whole, date) if whole is not None else None
        if v is not None and v.article_numbers:
            own_numbers = own_numbers | set(v.article_numbers)
            own_subs = own_subs | set(v.sub_articles or ())
    items = False
    if not own_numbers and kind == "规范性文件":
        # a notice numbered 一、二、三、 (no 第X条): 本通知第八条 names its item 八
        own_numbers = _numbered_items(text)
        items = bool(own_numbers)
    own_max = max(own_numbers) if own_numbers else 0
    seen_repealed: set = set()
    missing_at: dict = {}
    missing_keys: dict = {}  # id(finding) -> the missing articles as ints or (article, sub)
    sentence_of = _sentence_index(text)

    body_start = 0
    if isinstance(document, Document) and document.metadata.get("lawrefbook"):
        # the header lines of an imported law (通过/修正 events) name amending decisions, not citations
        firsts = [s.start for s in document.spans.get("article", [])[:1]] + \
            [s.start for s in document.spans.get("heading", [])[:1]]
        body_start = min(firsts) if firsts else 0
    # the preamble of an imported text (为正确审理……，根据《中华人民共和国民事诉讼法》……制定本解释) is text, its
    # citations citations: only the header lines before it (title, 通过/修正 events, history notes) are skipped
    preamble = []
    if body_start:
        from fazhi.graph.build import preamble_lines

        preamble = preamble_lines(text, body_start, document.metadata.get("events"))
    repeal_spans = [(m.start(), m.end()) for m in _REPEAL_SENTENCE.finditer(text)] if "废止" in text or \
        "失效" in text or "停止执行" in text else []

    def in_repeal_clause(pos: int) -> bool:
        return any(a <= pos < b for a, b in repeal_spans)

    amending = bool(_AMENDING_TITLE.search(title or ""))
    prev_c = None
    for c in cites:
        kind_c = (c.attrs or {}).get("kind")
        # an amendment decision's 将第十条修改为 / 删除第四条 names articles of the text before it (which the corpus
        # may not hold, and which the decision itself deletes or renumbers): nothing to check against a version
        if kind_c in ("relative", "amend") or c.start < body_start and not any(a <= c.start < b
                                                                             for a, b in preamble):
            continue
        is_self = c.law is None or (c.attrs or {}).get("self") or (self_canon and c.law == self_canon) or \
            (issued and title_key((c.attrs or {}).get("raw_title") or c.law) in issued)
        sub = (c.attrs or {}).get("sub")
        if not sub and prev_c is not None and "条" not in c.text and prev_c.article == c.article and \
                (prev_c.attrs or {}).get("sub") and 0 <= c.start - prev_c.end <= 3:
            # 刑法第二百八十七条之一第一款第二项、第三项: the second item is of 第二百八十七条之一 too
            sub = prev_c.attrs["sub"]
        prev_c = c
        if is_self:
            if c.article and own_max and sub and c.article in own_numbers and (c.article, sub) not in own_subs:
                out.append(Finding(
                    "INTERNAL_REF_MISSING", "error", c.start, c.end, c.text,
                    f"“{c.text}”引用了本文件的{_cn_article(c.article, sub)}，但本文件没有该条。",
                    {"article": c.article, "sub": sub, "own_articles": len(own_numbers),
                     "own_max_article": own_max},
                    "核对条文序号，改为实际存在的条款，或补充该条。"))
            elif c.article and own_max and c.article not in own_numbers:
                out.append(Finding(
                    "INTERNAL_REF_MISSING", "error", c.start, c.end, c.text,
                    f"“{c.text}”引用了本文件的{_cn_article(c.article)}，但本文件只有" +
                    (f"{int_to_cn(own_max)}项（一至{int_to_cn(own_max)}、）。" if items else
                     f"{_cn_article(own_max)}为止的{len(own_numbers)}条。"),
                    {"article": c.article, "own_articles": len(own_numbers), "own_max_article": own_max,
                     **({"numbered_items": True} if items else {})},
                    "核对条文序号，改为实际存在的条款，或补充该条。"))
            continue
        if in_repeal_clause(c.start):
            continue  # naming a law in order to repeal it (……同时废止) is not a citation of it
        raw = (c.attrs or {}).get("raw_title") or c.law
        law = _cited_law(registry, c.law, raw)
        before = re.split(r"[。；\n]", text[max(0, c.start - 90):c.start])[-1]
        after = re.split(r"[。；\n]", text[c.end:c.end + 90])[0]
        past = bool(_HISTORICAL.search(before) or _HISTORICAL_AFTER.match(after) or _TO_BE_MADE.search(before))
        if law is None and past:
            continue  # 本法（原称《…》）, 制定《…》: not a citation of a law in force
        if law is None:
            if _known_elsewhere(c.law):
                continue  # a real title the corpus does not hold: cannot be verified, not an error
            if _DECISION_TITLE.search(raw or ""):
                continue  # amending decisions and resolutions are not in the registry: cannot be verified
            if _POLICY_TITLE.search(raw or "") or _DOC_NUMBER_AFTER.match(text, c.end):
                continue  # 《国务院办公厅关于…的指导意见》（国办发〔2018〕115号）: a policy document, not a law the registry holds
            near = registry.suggest(raw)
            # an error when the title has the form of a national law (…法) or is one slip away from a known
            # title; otherwise a warning: local rules, department rules and foreign ordinances the corpus
            # does not hold are real, only unverifiable
            national = bool(re.search(r"(?<!办)法(?:（[^）]*）)?$", raw or "")) and not re.search(
                r"[省市县区州]|特别行政区|香港|澳门|台湾", (raw or "")[:8])
            close = any(_one_slip(title_key(raw or ""), title_key(t)) for t in near)
            out.append(Finding(
                "CITE_UNKNOWN_LAW", "error" if national or close else "warning", c.start, c.end, c.text,
                f"未找到名为{_short(raw)}的法律法规" + ("，可能是名称有误。" if near else "。"),
                {"title": raw, "nearest": near},
                ("核对名称，可能是：" + "、".join(_short(n) for n in near)) if near else
                "核对标题全称，或确认该文件已公布并收录。"))
            continue
        status = registry.status(law, date)
        if status == "已废止" and past:
            continue  # 外商投资法施行前依照《外资企业法》设立的…: a reference to the past, not an application
        if status == "已废止" and law.repealed_on and (bm := _BEFORE_DATE.search(before)) and \
                (cn_date(*bm.group(1, 2, 3)) or "9999") <= law.repealed_on:
            continue  # 对2007年6月1日前依照《企业破产法（试行）》受理的案件: the time it was in force, not an application
        if status == "已废止":
            key = (law.title, sentence_of(c.start))
            if key in seen_repealed:
                continue
            seen_repealed.add(key)
            when = law.repealed_on
            ev = next((e for e in law.evidence if e.get("fact", "").startswith(("已废止", "repealed_on"))), {})
            succ = law.successor
            msg = (f"引用的{_short(law.title)}" + (f"已于{when}废止" if when else "已失效（废止日期不详）")
                   + (f"，由{_short(succ)}取代" if succ else "") + f"；本文件日期为{date}。")
            out.append(Finding(
                "CITE_REPEALED", "error" if when else "warning", c.start, c.end, c.text, msg,
                {"law": law.title, "repealed_on": when, "successor": succ, "status": status, "date": date,
                 "source": ev},
                (f"改为引用{_short(succ)}的相应条文。" if succ else "改为引用现行有效的规定。")))
            continue
        if status == "尚未生效":
            first = law.versions[0]
            out.append(Finding(
                "CITE_NOT_YET_EFFECTIVE", "warning", c.start, c.end, c.text,
                f"引用的{_short(law.title)}自{first.start}起施行，本文件日期{date}时尚未生效。",
                {"law": law.title, "effective": first.start, "date": date},
                "确认本文件的施行日期不早于所引法律的施行日期。"))
            continue
        if c.article:
            v = registry.version_on(law, date)
            stand_in = None
            if v is not None and v.articles == 0:
                # the version in force has no text in the corpus (刑法 2023-12-29 before 修正案（十二）'s 施行):
                # check against the nearest earlier version that has one, and say so
                textual = sorted((x for x in law.versions if x.articles > 0), key=lambda x: x.date)
                earlier = [x for x in textual if x.date <= v.date]
                if earlier:
                    stand_in, v = v, earlier[-1]
            if v is not None and v.articles > 0 and not v.has_article(c.article, sub):
                key = (c.article, sub) if sub else c.article
                prev = missing_at.get((c.start, c.end, law.title))
                if prev is not None:
                    # 第一百一十九条至第一百三十一条: one finding for the range, naming every missing article
                    prev.evidence["missing_articles"].append(article_label(*key) if sub else c.article)
                    missing_keys[id(prev)].append(key)
                    names = _cn_articles(missing_keys[id(prev)])
                    prev.message = re.sub(r"没有[^。]*。", f"没有{names}。", prev.message, count=1)
                    continue
                others = [x for x in law.versions
                          if x is not v and x.has_article(c.article, sub) and x.articles]
                msg = (f"{_short(law.title)}（{v.date}版本，自{v.start}施行，共{v.articles}条）没有"
                       f"{_cn_article(c.article, sub)}。")
                if stand_in is not None:
                    msg += f"（{date}施行的{stand_in.date}版本无全文，按{v.date}版本核对。）"
                older = [o for o in others if o.date < v.date]
                newer = [o for o in others if o.date > v.date]
                if older:
                    msg += f"该条见于{'、'.join(o.date for o in older)}版本，可能引用了旧版本的条文序号。"
                if newer:
                    # 文物保护法 2024-11-08 (施行 2025-03-01) cited by a text of 2025-01-01: drafted on the new version
                    msg += (f"该条见于{'、'.join(f'{o.date}版本（自{o.start}施行）' for o in newer)}，本文件日期"
                            f"{date}时尚未施行，可能按新版本的条文序号引用。")
                advice = "按现行版本核对条文序号。" if not newer or older else \
                    f"按{date}施行的版本核对条文序号，或将本文件的施行日期定在新版本施行之后。"
                ev = {"law": law.title, "article": c.article, "version": v.date, "articles": v.articles,
                      "max_article": v.max_article, "versions_with_article": [o.date for o in others],
                      "missing_articles": [article_label(*key) if sub else c.article]}
                if sub:
                    ev["sub"] = sub  # 第一百三十三条之九: article 133, sub 9; missing_articles names it "133之九"
                if stand_in is not None:
                    ev["version_in_force"] = stand_in.date  # no text in the corpus: checked against "version"
                f = Finding("CITE_NO_SUCH_ARTICLE", "error", c.start, c.end, c.text, msg, ev, advice)
                missing_at[(c.start, c.end, law.title)] = f
                missing_keys[id(f)] = [key]
                out.append(f)
            elif v is not None and v.articles > 0 and (getattr(c, "paragraph", None) or
                                                                    getattr(c, "item", None)) and \
                    not amending and not _VERSION_NAMED.search(before):
                # not in an amending decision (its 第二条第二款 are those of the text before it), nor after
                # 修改前/修改后 (适用修改前商标法第二十七条第二款: the text of another version, named)
                f = _missing_part(law, v, stand_in, c, date, sub)
                if f is not None:
                    out.append(f)
            if v is not None and stand_in is None and not sub and getattr(v, "signatures", None) and \
                    v.has_article(c.article) and not amending and not past and not _VERSION_NAMED.search(before):
                f = _stale_number(text, c, law, v, cites)
                if f is not None:
                    out.append(f)

    out.extend(_date_findings(text, date))
    out.extend(_basis_findings(text, own, cites, registry, kind, date, title))
    if kind == "规范性文件":
        out.extend(_normative_findings(text, cites, registry, date))
    out.extend(_level_findings(text, own, cites, registry, kind, title, date))
    out.extend(_surcharge_findings(text, cites, registry, kind, date))
    market = _market_findings(text, cites, registry, kind, date, title)
    out = _merge_licences(out, market, sentence_of) + market
    out.extend(_penalty_findings(text, own, cites, registry, date))
    if duplicates is not None:
        for n, s, t in own:
            for sim, (dt, dd, da) in duplicates.query(t, exclude_title=self_canon or title):
                first_line = t.split("\n", 1)[0]
                out.append(Finding(
                    "DUPLICATE_PROVISION", "info", s, s + len(first_line), first_line,
                    f"本文件{_cn_article(n)}与{_short(dt)}{_cn_article(da)}几乎相同（相似度约{sim:.0%}）。",
                    {"law": dt, "version": dd, "article": da, "similarity": round(sim, 2)},
                    "上位法已有规定的，可不再重复，或写明“依照……规定执行”。"))
                break
    if codes:
        out = [f for f in out if f.code in codes]
    out.sort(key=lambda f: (f.start, f.code))
    out = _one_licence_per_paragraph(text, out)
    return CheckResult(kind=kind, date=date, findings=out, title=title or "", citations=len(cites),
                       seconds=time.perf_counter() - t0, kind_reason=kind_reason)


_LICENCE_CODES = ("NORMATIVE_SETS_LICENSE", "RULE_SETS_LICENSE", "REGULATION_SETS_LICENSE_BEYOND_LEVEL")


def _one_licence_per_paragraph(text: str, findings: list) -> list:
    """One licence finding of a code per paragraph (line): 本市对乡村民宿实行经营许可制度。开办乡村民宿的，应当取得…许可证后
    方可营业。 sets one licence in two sentences, one problem for the reviewer; the later sentence's quote is kept in
    the first finding's ``evidence["also"]``. ``findings`` are sorted by start."""
    out, last = [], {}
    for f in findings:
        prev = last.get(f.code) if f.code in _LICENCE_CODES else None
        if prev is not None and "\n" not in text[prev.start:f.start]:
            prev.evidence.setdefault("also", []).append(f.quote)
            continue
        if f.code in _LICENCE_CODES:
            last[f.code] = f
        out.append(f)
    return out


def _part_missing(shape: tuple | None, paragraph: int | None, item: int | None) -> str | None:
    """What of 第Y款第Z项 an article of ``shape`` (items per paragraph) lacks: "款", "项" or None."""
    if shape is None:
        return None
    if paragraph and paragraph > len(shape):
        return "款"
    if item:
        items = shape[paragraph - 1] if paragraph else max(shape)
        if item > items:
            return "项"
    return None


def _part_label(paragraph: int | None, item: int | None) -> str:
    return (f"第{int_to_cn(paragraph)}款" if paragraph else "") + (f"第{int_to_cn(item)}项" if item else "")


def _missing_part(law, v, stand_in, c, date, sub=None) -> "Finding | None":
    """CITE_NO_SUCH_ARTICLE for a paragraph (款) or item (项) beyond those the article has in the version in force:
    行政复议法 (2017) 第九条 has two paragraphs, so 第九条第三款 cited in 2023 is the 2023 text's numbering (第二十条第三款)
    or a slip."""
    shape = v.paragraphs(c.article, sub)
    what = _part_missing(shape, c.paragraph, c.item)
    if what is None:
        return None
    art = _cn_article(c.article, sub)
    count = lambda n: "两" if n == 2 else int_to_cn(n)  # noqa: E731 - 两款, 两项 as the texts count them
    if what == "款":
        has = f"只有{count(len(shape))}款" if len(shape) > 1 else "只有一款（不分款）"
    else:
        n = shape[c.paragraph - 1] if c.paragraph else max(shape)
        has = (f"第{int_to_cn(c.paragraph)}款" if c.paragraph and len(shape) > 1 else "") + \
            (f"只有{count(n)}项" if n else "没有分项")
    part = _part_label(c.paragraph, c.item)
    msg = (f"{_short(law.title)}（{v.date}版本，自{v.start}施行）{art}{has}，没有{part}。")
    if stand_in is not None:
        msg += f"（{date}施行的{stand_in.date}版本无全文，按{v.date}版本核对。）"
    others = [x for x in law.versions if x is not v and x.articles and
              _part_missing(x.paragraphs(c.article, sub), c.paragraph, c.item) is None and
              x.paragraphs(c.article, sub)]
    newer = [o for o in others if o.date > v.date]
    older = [o for o in others if o.date < v.date]
    if older:
        msg += f"{art}{part}见于{'、'.join(o.date for o in older)}版本，可能引用了旧版本的条文序号。"
    if newer:
        msg += (f"{art}{part}见于{'、'.join(f'{o.date}版本（自{o.start}施行）' for o in newer)}，本文件日期{date}时"
                f"尚未施行，可能按新版本的条文序号引用。")
    ev = {"law": law.title, "article": c.article, **({"sub": sub} if sub else {}), "paragraph": c.paragraph,
          "item": c.item, "version": v.date,
          "paragraphs": len(shape), "items": list(shape), "missing_part": what,
          "versions_with_part": [o.date for o in others]}
    if stand_in is not None:
        ev["version_in_force"] = stand_in.date
    advice = "按现行版本核对条、款、项的序号。" if not newer or older else \
        f"按{date}施行的版本核对条、款、项的序号，或将本文件的施行日期定在新版本施行之后。"
    return Finding("CITE_NO_SUCH_ARTICLE", "error", c.start, c.end, c.text, msg, ev, advice)


_TRIAL_NOTE = re.compile(r"[（(]试行[）)]")


def _cited_law(registry, law_title, raw):
    """The law a citation names. The citation's law drops a （试行） note (《民事诉讼法（试行）》 reads as 民事诉讼法), but
    when the registry holds the trial law as its own law (中华人民共和国民事诉讼法（试行）, repealed in 1991 by the
    民事诉讼法 that replaced it) the citation names that one."""
    if raw and _TRIAL_NOTE.search(raw) and not _TRIAL_NOTE.search(law_title or ""):
        trial = registry.get(raw)
        if trial is not None and _TRIAL_NOTE.search(trial.title):
            return trial
    return registry.get(law_title)


def _date_findings(text: str, date: str) -> list:
    """DATE_INVALID: a date written with a day the calendar does not have (2024年2月30日, 二〇二三年四月三十一日,
    2024年13月1日). The 施行 or signing date is what citations are checked against, so such a date also
    changes the date the check uses: the message says which date was used instead."""
    import calendar

    out = []
    for m in DATE_REGEX.finditer(text):
        if cn_date(*m.groups()):
            continue
        try:
            y, mo, d = (int(x) if x.isdigit() else cn_to_int(x.replace("〇", "零")) for x in m.groups())
        except ValueError:
            continue
        if not 1900 <= y <= 2100 or d < 1 or mo < 1:
            continue
        where = text[m.end():m.end() + 6]
        effective = bool(re.match(r"起(?:施行|生效|执行)", where))
        if 1 <= mo <= 12:
            why = f"{y}年{mo}月只有{calendar.monthrange(y, mo)[1]}日"
        else:
            why = "月份应在1至12之间"
        out.append(Finding(
            "DATE_INVALID", "error", m.start(), m.end(), m.group(0),
            f"日期“{m.group(0)}”不存在：{why}。" + (f"施行日期无法确定，本次按{date}核对引用。" if effective else ""),
            {"year": y, "month": mo, "day": d, "effective_date": effective, "checked_date": date},
            "核对并改正日期。"))
    return out


def _one_slip(a: str, b: str) -> bool:
    """Whether two titles differ by a single slip: one character added, dropped or changed, after the
    region prefix (山东省… vs 浙江省… are different laws; 献血法 vs 水法 too)."""
    import difflib

    if a == b:
        return False
    ops = [o for o in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes() if o[0] != "equal"]
    if any(i1 < 3 for _, i1, _, _, _ in ops):
        return False  # 山东省… vs 广东省…: another region's law, not a slip
    return sum(max(i2 - i1, j2 - j1) for _, i1, i2, j1, j2 in ops) <= 1


def _known_elsewhere(title: str | None) -> bool:
    if not title:
        return False
    from fazhi.nlp.aliases import canonical_title

    return canonical_title(title) is not None


def _sentence_index(text: str):
    import bisect

    ends = [m.end() for m in re.finditer(r"[。；\n]", text)]

    def which(pos: int) -> int:
        return bisect.bisect_right(ends, pos)

    return which


_PROVINCIAL = re.compile(r"^(?:北京市|天津市|上海市|重庆市|[\u4e00-\u9fff]{2,3}省|内蒙古自治区|广西壮族自治区|"
                         r"西藏自治区|宁夏回族自治区|新疆维吾尔自治区)")


def _provincial(title: str) -> bool:
    """Whether a title is a province-level (省、自治区、直辖市) document's."""
    return bool(_PROVINCIAL.match(title or ""))


def _basis_findings(text, own, cites, registry, kind, date, title=None):
    kv = rank_value(kind)
    if kv is None:
        return []
    first = next((t for n, s, t in own if n == 1), None)
    start = next((s for n, s, t in own if n == 1), 0)
    if first is None:
        first, start = text[:600], 0
    m = re.search(r"(?:根据|依据)(.{0,400}?)(?:的规定|等规定|等法律法规)?[，,]?\s*(?:并)?(?:结合|制定)", first)
    if not m:
        return []
    a, b = start + m.start(), start + m.end()
    out = []
    for c in cites:
        if c.start < a or c.end > b or not c.law or (c.attrs or {}).get("self"):
            continue
        law = _cited_law(registry, c.law, (c.attrs or {}).get("raw_title"))
        if law is None:
            continue
        lv = rank_value(law.rank)
        if lv is None or lv > kv:
            continue
        if lv == kv and _provincial(law.title) and not _provincial(title or ""):
            continue  # a province's regulation above a city's (立法法: 设区的市的地方性法规不得同省级抵触)
        if lv == kv and law.rank in ("法律", "行政法规"):
            continue  # a law implementing a basic law of the same rank (监察官法 根据 监察法) is normal
        lower = lv < kv
        out.append(Finding(
            "BASIS_LOWER_RANK", "error" if lower else "warning", c.start, c.end, c.text,
            f"制定依据{_short(law.title)}是{law.rank}，" + ("位阶低于" if lower else "位阶与") + f"本文件（{kind}）"
            + ("。" if lower else "相同。") + "下位法不能作为上位法的制定依据。",
            {"basis": law.title, "basis_rank": law.rank, "document_rank": kind,
             "rank_order": "宪法 > 法律 > 行政法规 > 地方性法规 / 部门规章 > 地方政府规章 > 规范性文件"},
            "以上位法作为制定依据，或核对本文件的类别。"))
    return out


def _article_quote(registry, title, art, fallback):
    """(text, where): the article's text from the newest registry version that holds it, else ``fallback``
    ("builtin")."""
    law = registry.get(title)
    if law is not None:
        for v in reversed(law.versions):
            if art in v.texts:
                return v.texts[art], "registry"
    return fallback, "builtin"


def checked_date(date: str) -> str:
    """``date`` when it is ``YYYY-MM-DD`` and a day of the calendar; else ValueError naming it.

    >>> checked_date("2024-02-29")
    '2024-02-29'
    >>> checked_date("2024-02-30")
    Traceback (most recent call last):
    ...
    ValueError: bad date '2024-02-30'; use YYYY-MM-DD, a day of the calendar
    """
    import datetime

    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", date):
            datetime.date.fromisoformat(date)
            return date
    except ValueError:
        pass
    raise ValueError(f"bad date {date!r}; use YYYY-MM-DD, a day of the calendar")


def _evidence_article(registry, code):
    title, art, what, fallback = _FORBIDDING[code]
    quote, where = _article_quote(registry, title, art, fallback)
    return {"law": title, "article": art, "text": quote, "quoted_from": where}, what


def _rule_sentence(text: str) -> str:
    """The sentence of a rule that speaks of 规范性文件 (or its first sentence)."""
    parts = [p + "。" for p in re.split(r"[。\n]", text) if p.strip()]
    for p in parts:
        if "规范性文件" in p or "不得收取" in p:
            return re.sub(r"^第[一二三四五六七八九十百千]+条\s*", "", p.strip())
    return re.sub(r"^第[一二三四五六七八九十百千]+条\s*", "", parts[0].strip()) if parts else text


# an upper-law article given in brackets as the source of the sentence: （《行政强制法》第二十三条）, （依据《…》第X条第X款）
_SOURCE_BEFORE = re.compile(r"[（(](?:依据|根据|依照|见|参见|详见)?$")
_SOURCE_AFTER = re.compile(r"[^（）()。；\n]{0,20}?(?:规定)?[）)]")


def _sentence_start(text: str, clause_start: int) -> int:
    """Where the sentence a clause belongs to starts: clauses split at ； go on the one before (依照《网络安全法》
    有关规定，…处拘留；情节较重的，处…拘留 restates the upper law in both)."""
    return max(text.rfind("。", 0, clause_start), text.rfind("\n", 0, clause_start)) + 1


# the day the rule each NORMATIVE_SETS_* finding cites took effect (行政处罚法 第十六条 1996-10-01 as 第十四条,
# 行政许可法 第十七条 and 第五十八条 2004-07-01, 行政强制法 第十条 2012-01-01): a text of an earlier date is not held to it
_NORMATIVE_IN_FORCE = {"NORMATIVE_SETS_PENALTY": "1996-10-01", "NORMATIVE_SETS_LICENSE": "2004-07-01",
                       "NORMATIVE_SETS_FEE": "2004-07-01", "NORMATIVE_SETS_COERCION": "2012-01-01"}


# the words of a penalty or compulsory measure a 规范性文件 may copy from a law, for the same conduct (:func:`_restated`)
_NORMATIVE_RESTATED = {"NORMATIVE_SETS_PENALTY": re.compile(r"罚款|警告|没收|吊销|暂扣|拘留|停产|停业|关闭|通报批评"),
                       "NORMATIVE_SETS_COERCION": re.compile(r"查封|扣押|冻结|暂扣|强制")}
_LICENCE_RESTATED = re.compile(r"许可|资格|资质|证|批准|审批|核准|登记")


def _normative_findings(text, cites, registry, date=None):
    out = []
    upper_cites, sourced = _restating_sentences(text, cites, registry)
    for m in re.finditer(r"[^。；\n]+[。；]?", text):
        sent = m.group(0)
        s0 = m.start()
        f0 = _sentence_start(text, s0)  # a clause after ； goes on the sentence before it
        full = text[f0:s0 + len(sent)]
        if _IMPLEMENTS.search(full) and any(f0 <= a < s0 + len(sent) for a in upper_cites):
            continue  # restates what an upper law provides
        if any(f0 <= a < s0 + len(sent) for a in sourced):
            continue  # 查封、扣押限于涉案的场所（《行政强制法》第二十三条）: quotes the upper law with its source
        if re.search(r"(法律|法规|规章)(另有)?规定", full):
            continue
        for code, pat in _PATTERNS.items():
            if date and date < _NORMATIVE_IN_FORCE[code]:
                continue
            matches = list(pat.finditer(sent))
            if code == "NORMATIVE_SETS_PENALTY":
                matches += [bm for bm in _BARE_PENALTY.finditer(sent) if _BARE_PENALTY_HEAD.search(sent[:bm.start()])]
                matches += [dm for dm in _DEPRIVE.finditer(sent) if _BARE_PENALTY_HEAD.search(sent[:dm.start()])
                            and _VIOLATION.search(sent[:dm.start()])]
                matches.sort(key=lambda x: x.start())
            elif code == "NORMATIVE_SETS_LICENSE" and not _NATIONAL_QUALIFICATION.search(sent):
                # 经市司法局考核合格，取得人民调解员资格证书后方可从事调解工作: a qualification is a licence though the
                # text says neither 许可 nor 审批 (行政许可法 第十二条第三项)
                matches += list(_SETS_QUALIFICATION.finditer(sent))
                matches.sort(key=lambda x: x.start())
            for pm in matches:
                if _NEGATED.search(sent[:pm.start()]):
                    continue
                if code == "NORMATIVE_SETS_PENALTY" and pm.group(0).startswith("处罚款") and sent[:pm.start()].endswith("加"):
                    continue  # 每日按罚款数额的百分之三加处罚款: 行政强制执行 (SETS_SURCHARGE), not a penalty
                if code == "NORMATIVE_SETS_FEE" and _FEE_NEGATED.search(pm.group(0)):
                    continue  # 市公共信用信息中心不得收取任何费用: the agency named, then the fee forbidden
                if code == "NORMATIVE_SETS_PENALTY" and re.search(r"(?:执法|监督|工作)证", pm.group(0)) and \
                        _AGENCY_STAFF.search(sent[:pm.start()]):
                    continue  # 行政执法监督人员…的，由发证机关暂扣其执法监督证: the discipline of an agency's staff
                if code == "NORMATIVE_SETS_PENALTY" and _INTERNAL_SANCTION.search(pm.group(0)) and \
                        (_INTERNAL_TARGET.search(sent[:pm.start()]) or _INTERNAL_SUBJECT.match(full)):
                    continue  # 对拒不共享数据的部门予以通报批评: the administration's discipline of its own bodies
                if code in ("NORMATIVE_SETS_COERCION", "NORMATIVE_SETS_PENALTY") and \
                        re.search(r"依法(?:予以|可以|应当|对其|责令其?)?$", sent[:pm.start()]):
                    continue  # 城市管理部门可以依法强制拆除违法建筑: a power some law gives, named
                if code == "NORMATIVE_SETS_LICENSE" and (_INTERNAL_MATTER.search(sent) or _AGENCY_STAFF.search(sent)):
                    continue  # 各乡镇的实施方案应当报县人民政府同意后实施: an approval inside the administration
                if code == "NORMATIVE_SETS_COERCION" and _NAMED_MEASURES.search(sent[:pm.start()]) and \
                        _NAMED_MEASURES_AFTER.match(sent, pm.end()):
                    continue  # 为严格执行按日连续处罚、查封扣押等配套措施: measures a law sets, named, not set here
                if code == "NORMATIVE_SETS_COERCION" and (re.search(r"[被已]$", sent[:pm.start()]) or
                                                          _AGENCY_OBJECT.match(sent, pm.end())):
                    continue  # 存在股权被冻结的: a status, not a measure
                if code == "NORMATIVE_SETS_COERCION" and re.match(
                        r"(?:[、和及或者]*(?:查封|扣押|冻结|暂扣))*[^，,。；]{0,10}?(?:时|的|期间|后)?[，,](?:应当|应|须|必须)",
                        sent[pm.end():]):
                    continue  # 执法人员查封、扣押财物，应当制作现场笔录和清单: the procedure of a measure, not the measure
                if code == "NORMATIVE_SETS_LICENSE" and re.search(r"依法(?:应当|须|必须|应)?(?:事先|预先)?$",
                                                                  sent[:pm.start()]):
                    continue  # 依法应当取得排污许可证的: a licence some law sets, which the text only names
                if code in _NORMATIVE_RESTATED and _restated(registry, cites, "规范性文件", text, s0 + pm.start(), full,
                                                             _NORMATIVE_RESTATED[code]):
                    continue  # 饮酒后驾驶机动车的，处暂扣六个月机动车驾驶证…: the law's penalty for the same conduct, copied
                if code == "NORMATIVE_SETS_LICENSE" and _restated(registry, cites, "规范性文件", text, s0, sent,
                                                                  _LICENCE_RESTATED, conduct_needed=False):
                    continue  # 取得机动车驾驶证后方可驾驶机动车: the licence a law sets (道路交通安全法 第十九条), copied
                ev, what = _evidence_article(registry, code)
                a, b = s0 + pm.start(), s0 + pm.end()
                law_short = ev["law"].replace("中华人民共和国", "")
                if code == "NORMATIVE_SETS_LICENSE" and _ADDED_CONDITIONS.search(pm.group(0)):
                    # 除…外，还应当提交…: conditions added to a licence an upper law sets (第十六条第四款, 第十七条)
                    q16, where16 = _article_quote(registry, "中华人民共和国行政许可法", 16, _PERMIT_16_4)
                    para = next((p for p, _ in article_paragraphs(q16) if "增设" in p), _PERMIT_16_4)
                    rule16 = {"law": "中华人民共和国行政许可法", "article": 16, "paragraph": 4,
                              "text": para, "quoted_from": where16}
                    out.append(Finding(
                        code, "error", a, b, text[a:b],
                        f"规范性文件为上位法设定的行政许可增设了条件：“{text[a:b]}”。行政许可法第十六条第四款规定："
                        f"{para}第十七条规定：{_rule_sentence(ev['text'])}",
                        {"rule": ev, "rules": [rule16, ev], "added_conditions": True,
                         "sentence": sent.strip()},
                        "删除增设的条件，按上位法规定的条件和材料受理；确需调整的，应由有权机关修改上位法。"))
                    break
                deprives = code == "NORMATIVE_SETS_PENALTY" and _DEPRIVE.fullmatch(pm.group(0)) is not None
                out.append(Finding(
                    code, "warning" if code == "NORMATIVE_SETS_FEE" else "error", a, b, text[a:b],
                    f"规范性文件设定了{what}：“{text[a:b]}”。" +
                    ("以减损权益的方式惩戒违法行为即行政处罚（行政处罚法第二条）。" if deprives else "") +
                    f"{law_short}{_cn_article(ev['article'])}规定："
                    f"{_rule_sentence(ev['text'])}" + ("" if code != "NORMATIVE_SETS_FEE" else
                                                        "收费须有法律、行政法规依据，规范性文件不得自行设定收费项目。"),
                    {"rule": ev, "sentence": sent.strip(), **({"deprivation": True} if deprives else {})},
                    "删除该规定；确需设定的，应由有权机关以法律、法规或规章设定，或写明所依据的上位法条文。"))
                break
    return out


def _penalty_findings(text, own, cites, registry, date):
    """PENALTY_EXCEEDS_UPPER: a fine above the highest fine of the upper-law article cited in the same sentence,
    in yuan (the registry's ``fines``), or as a multiple of the same base (处违法所得五倍以下罚款 against 一倍以上
    三倍以下, read from the cited article's text)."""
    out = []
    units = own if own else [(0, 0, text)]
    sentences = []
    for n, s, t in units:
        for m in re.finditer(r"[^。；\n]+", t):
            sentences.append((n, s + m.start(), m.group(0)))
    for n, s, t in sentences:
        amounts = fine_amounts(t)
        multiples = fine_multiples(t) if "倍" in t else []
        if not amounts and not multiples:
            continue
        high = max(amounts) if amounts else None
        lo = s
        if _DEGREE.match(t.lstrip()) and not any(s <= c.start < s + len(t) for c in cites):
            # 依照《特种设备安全法》第八十三条的规定责令限期改正；逾期未改正的，…处二万元以上二十万元以下罚款: the
            # sequel of the conduct after ； is sanctioned under the article cited before it in the sentence
            lo = _sentence_start(text, s)
        for c in cites:
            if not (lo <= c.start < s + len(t)) or not c.law or not c.article or (c.attrs or {}).get("self"):
                continue
            law = registry.get(c.law)
            if law is None:
                continue
            v = registry.version_on(law, date) or law.latest()
            if v is None:
                continue
            upper = v.paragraph_fine(c.article, getattr(c, "paragraph", None))
            if high is not None and upper is not None and high <= upper:
                # 对个人并处3000元以上5000元以下罚款 against 对个人并处200元以上3000元以下罚款，对单位并处1万元以上5万元以下罚款:
                # an article that fines persons and units apart is compared for each
                mine = subject_fines(t)
                theirs = _article_subject_fines(v, c.article) if mine else {}
                over = next(((who, d, theirs[who]) for who, d in mine.items() if who in theirs and d > theirs[who]), None)
                if over is not None:
                    who, d, top = over
                    a, b = _fine_clause(text, s, t)
                    out.append(Finding(
                        "PENALTY_EXCEEDS_UPPER", "error", a, b, text[a:b],
                        f"对{who}的罚款上限{d:,}元超过所依据的{_short(law.title)}{_cn_article(c.article)}规定的对{who}"
                        f"最高{top:,}元。",
                        {"law": law.title, "article": c.article, "version": v.date, "subject": who,
                         "upper_max_fine": top, "document_max_fine": d},
                        f"将对{who}的罚款幅度控制在{top:,}元以内，或删除超出上位法幅度的规定。"))
                    break
            if high is not None and upper is not None and high > upper:
                a, b = _fine_clause(text, s, t)
                out.append(Finding(
                    "PENALTY_EXCEEDS_UPPER", "error", a, b, text[a:b],
                    f"罚款上限{high:,}元超过所依据的{_short(law.title)}{_cited_part(v, c)}规定的最高额{upper:,}元。",
                    {"law": law.title, "article": c.article, "version": v.date, "upper_max_fine": upper,
                     "document_max_fine": high},
                    f"将罚款幅度控制在{upper:,}元以内，或删除超出上位法幅度的规定。"))
                break
            if amounts and "减轻" not in t:
                # 造成严重后果的，处5万元以上10万元以下罚款 against 处10万元以上20万元以下罚款: a discretion standard
                # (裁量基准) may narrow the range, not lower its floor (减轻处罚 is decided case by case)
                low = fine_floor(t)
                floor = _cited_floor(v, c.article, getattr(c, "paragraph", None))
                if low is not None and floor and low < floor:
                    a, b = _fine_clause(text, s, t)
                    out.append(Finding(
                        "PENALTY_EXCEEDS_UPPER", "error", a, b, text[a:b],
                        f"罚款下限{low:,}元低于所依据的{_short(law.title)}{_cited_part(v, c)}规定的最低额"
                        f"{floor:,}元。",
                        {"law": law.title, "article": c.article, "version": v.date, "upper_min_fine": floor,
                         "document_min_fine": low},
                        f"将罚款幅度控制在上位法规定的{floor:,}元以上，减轻处罚依照行政处罚法第三十二条个案决定。"))
                    break
            if not multiples:
                continue
            upper_multiples = _article_multiples(v, c.article)
            over = next(((base, k, a, b) for base, _, k, a, b in multiples
                         if base in upper_multiples and k > upper_multiples[base]), None)
            if over is None:
                continue
            base, k, a, b = over
            a, b = s + a, s + b
            top = upper_multiples[base]
            out.append(Finding(
                "PENALTY_EXCEEDS_UPPER", "error", a, b, text[a:b],
                f"罚款上限为{base}的{_times(k)}，超过所依据的{_short(law.title)}{_cn_article(c.article)}规定的"
                f"最高{_times(top)}。",
                {"law": law.title, "article": c.article, "version": v.date, "base": base,
                 "upper_max_multiple": top, "document_max_multiple": k},
                f"将罚款幅度控制在{base}的{_times(top)}以内，或删除超出上位法幅度的规定。"))
            break
    return out


def _fine_clause(text: str, s: int, t: str) -> tuple[int, int]:
    """Start and end in ``text`` of the clause of sentence ``t`` (at ``s``) that sets the fine, without the
    sentence's leading 第X条: what a PENALTY_EXCEEDS_UPPER finding quotes."""
    m = re.search(r"[^。；\n]*罚款[^。；\n]*", t)
    a = s + (m.start() if m else 0)
    b = s + (m.end() if m else len(t))
    head = re.match(r"第[零〇一二三四五六七八九十百千0-9]+条[ \u3000]*", text[a:b])
    return (a + head.end() if head else a), b


def _article_highest(version, article: int, per_source) -> dict:
    """{key: highest value} of ``article`` of ``version`` over the files the version was built from, where
    ``per_source(path)`` reads one file as {article: {key: value}}; {} when they cannot be read (a registry
    built from the store, or moved files)."""
    found: dict = {}
    for src in version.sources:
        for key, v in per_source(str(src)).get(article, {}).items():
            found[key] = max(v, found.get(key, 0))
    return found


def _article_subject_fines(version, article: int) -> dict:
    """{个人|单位: highest fine} of ``article`` of ``version`` where it fines persons and units apart."""
    return _article_highest(version, article, _source_subject_fines)


@functools.lru_cache(maxsize=256)
def _source_subject_fines(path: str) -> dict:
    """{article: {个人|单位: highest fine}} of one law file."""
    out = {}
    for n, t in _source_articles(path):
        if "罚款" in t and "对" in t:
            found = subject_fines(t)
            if found:
                out[n] = found
    return out


def _times(k: float) -> str:
    """五倍, 0.5倍."""
    return (f"{int_to_cn(int(k))}倍" if k == int(k) else f"{k:g}倍")


def _article_multiples(version, article: int) -> dict:
    """{base: highest multiple} of the fines ``article`` of ``version`` sets as multiples (违法所得五倍以下)."""
    return _article_highest(version, article, _source_multiples)


@functools.lru_cache(maxsize=256)
def _source_multiples(path: str) -> dict:
    """{article: {base: highest multiple}} of one law file (cached: a draft cites few laws, a corpus run many)."""
    if not os.path.isfile(path):
        return {}
    from fazhi.corpora.loaders import load_path
    from fazhi.errors import FazhiError

    out: dict = {}
    try:
        docs = list(load_path(path))
    except (OSError, FazhiError) as e:
        log.debug("cannot read %s for fine multiples: %s", path, e)
        return {}
    for doc in docs:
        spans = doc.spans.get("article")
        arts = [(sp.norm, doc.text[sp.start:sp.end]) for sp in spans if isinstance(sp.norm, int)
                and not sp.attrs.get("suffix")] if spans else [(n, t) for n, _, t in plain_articles(doc.text)]
        for n, t in arts:
            if "倍" in t and "罚款" in t:
                found = max_multiples(t)
                if found:
                    out[n] = found
    return out


# -- level limits of the norms that may set some penalties and licences ----------------------------
# 行政处罚法 第九条 names the kinds; 第十条至第十四条 say which rank may set which. The key is the kind as the
# law names it, the pattern finds it in a sentence.
_PENALTY_KINDS = (
    # 拘留 alone only after 处 (处十日以下拘留): 刑事拘留, 拘留通知书, 拘留审查 are no penalties
    ("行政拘留", re.compile(r"行政拘留|(?<!刑事)(?<!司法)(?<!行政)拘留(?![所室后通审证期])")),
    ("吊销营业执照", re.compile(r"吊销[^。；，、]{0,8}?营业执照")),
    # 许可证件 include the 核准文件 and 批准文件 a licence is granted by (吊销其建筑垃圾运输核准文件)
    ("吊销许可证件", re.compile(r"吊销(?![^。；，、]{0,8}?营业执照)[^。；，、]{0,12}?(?:证|证书|执照|资格|许可|"
                              r"(?:核准|批准)文件)")),
    ("暂扣许可证件", re.compile(r"暂扣[^。；，、]{0,12}?(?:证|证书|执照|许可|(?:核准|批准)文件)")),
    ("没收违法所得或者非法财物", re.compile(r"没收(?!的)[^。；，、并]{2,16}")),
    ("降低资质等级", re.compile(r"降低[^。；，、]{0,6}资质等级")),
    # 三年内禁止其参加政府采购活动: a time-limited ban on doing business
    ("限制开展生产经营活动", re.compile(r"限制开展生产经营活动|[0-9一二三四五六七八九十]+年内(?:禁止|不得)[^。；，]{0,6}"
                                       r"(?:参加|参与|从事|承接|承揽|投标)")),
    ("取消资格", re.compile(r"取消[^。；，]{0,4}(?:经营|从业|执业|投标|营运|运营|承揽|上岗)(?:资格|资质)")),
    ("责令停产停业", re.compile(r"责令(?:其)?(?:停产停业|停业整顿|停产整顿|停止营业|停业)")),
    ("责令关闭", re.compile(r"责令关闭")),
    ("限制从业", re.compile(r"限制从业|禁止[^。；，]{0,10}从事[^。；，]{0,20}(?:工作|业务|活动)")),
)
# the pattern of each kind, to find it in the upper-law article a provision may restate, and the lowest rank that
# may set it (行政拘留: 法律, 第十条; 吊销营业执照: 行政法规, 第十一条; the others: any rank above the text's own)
_PENALTY_WORDS = dict(_PENALTY_KINDS)
_PENALTY_FLOOR = {"行政拘留": "法律", "吊销营业执照": "行政法规"}
_LICENCE_WORDS = re.compile(r"资格|资质|许可|登记|审批|批准|核准")
# the day each limit took effect: 行政处罚法 (1996-10-01), 行政许可法 (2004-07-01), 行政强制法 (2012-01-01)
_IN_FORCE = {"penalty": "1996-10-01", "licence": "2004-07-01", "coercion": "2012-01-01"}
# what each rank may not set, with the article of 行政处罚法 (2021) that says what it may set
_PENALTY_LIMITS = {
    "行政法规": ({"行政拘留"}, 11, "除限制人身自由以外的行政处罚（限制人身自由的行政处罚只能由法律设定，第十条）"),
    "地方性法规": ({"行政拘留", "吊销营业执照"}, 12, "除限制人身自由、吊销营业执照以外的行政处罚"),
    "部门规章": ({k for k, _ in _PENALTY_KINDS}, 13, "警告、通报批评或者一定数额罚款"),
    "地方政府规章": ({k for k, _ in _PENALTY_KINDS}, 14, "警告、通报批评或者一定数额罚款"),
}
_LEVEL_TEXTS = {
    ("中华人民共和国行政强制法", 10): "行政强制措施由法律设定。尚未制定法律，且属于国务院行政管理职权事项的，行政法规可以"
                                    "设定除本法第九条第一项、第四项和应当由法律规定的行政强制措施以外的其他行政强制措施。"
                                    "尚未制定法律、行政法规，且属于地方性事务的，地方性法规可以设定本法第九条第二项、第三项的"
                                    "行政强制措施。法律、法规以外的其他规范性文件不得设定行政强制措施。",
    ("中华人民共和国行政处罚法", 10): "法律可以设定各种行政处罚。限制人身自由的行政处罚，只能由法律设定。",
    ("中华人民共和国行政处罚法", 11): "行政法规可以设定除限制人身自由以外的行政处罚。",
    ("中华人民共和国行政处罚法", 12): "地方性法规可以设定除限制人身自由、吊销营业执照以外的行政处罚。",
    ("中华人民共和国行政处罚法", 13): "国务院部门规章可以在法律、行政法规规定的给予行政处罚的行为、种类和幅度的范围内作出"
                                    "具体规定。尚未制定法律、行政法规的，国务院部门规章对违反行政管理秩序的行为，可以设定警告、"
                                    "通报批评或者一定数额罚款的行政处罚。罚款的限额由国务院规定。",
    ("中华人民共和国行政处罚法", 14): "地方政府规章可以在法律、法规规定的给予行政处罚的行为、种类和幅度的范围内作出具体规定。"
                                    "尚未制定法律、法规的，地方政府规章对违反行政管理秩序的行为，可以设定警告、通报批评或者一定"
                                    "数额罚款的行政处罚。罚款的限额由省、自治区、直辖市人民代表大会常务委员会规定。",
    ("中华人民共和国行政许可法", 15): "本法第十二条所列事项，尚未制定法律、行政法规的，地方性法规可以设定行政许可；尚未制定"
                                    "法律、行政法规和地方性法规的，因行政管理的需要，确需立即实施行政许可的，省、自治区、直辖市"
                                    "人民政府规章可以设定临时性的行政许可。临时性的行政许可实施满一年需要继续实施的，应当提请本级"
                                    "人民代表大会及其常务委员会制定地方性法规。\n地方性法规和省、自治区、直辖市人民政府规章，"
                                    "不得设定应当由国家统一确定的公民、法人或者其他组织的资格、资质的行政许可；不得设定企业或者"
                                    "其他组织的设立登记及其前置性行政许可。其设定的行政许可，不得限制其他地区的个人或者企业到本"
                                    "地区从事生产经营和提供服务，不得限制其他地区的商品进入本地区市场。",
    ("中华人民共和国行政许可法", 16): "规章可以在上位法设定的行政许可事项范围内，对实施该行政许可作出具体规定。法规、规章对"
                                    "实施上位法设定的行政许可作出的具体规定，不得增设行政许可；对行政许可条件作出的具体规定，"
                                    "不得增设违反上位法的其他条件。",
}
# the verbs that impose a penalty (处 as a verb, not 处理/处置/处分/处罚/住处)
_IMPOSE = re.compile(r"给予|予以|处以|并处|(?<![理置判惩住办到之出])处(?![理置分罚所室长于在])")
# 提请工商行政管理部门吊销营业执照, 建议…吊销: a request to the agency that holds the power, not a penalty set here
_STATUS_BEFORE = re.compile(r"[被已受拟]|作出|决定|申请|执行|适用|实施|提请|报请|商请|建议|移送|移交|通报")
# 吊销许可证的决定, 没收违法所得的处罚, 行政拘留处罚决定: a penalty named as a noun
_NOUN_AFTER = re.compile(r"^[^。；，]{0,6}?(?:的)?(?:(?:处罚)?决定|处罚|案件|期间|期限|执行|以上|情形|程序|听证)")
_LAW_REFERENCE = re.compile(r"(?:依照|按照|依据|根据|按)[^。；]{0,30}(?:法律|法规)[^。；]{0,20}规定|(?:法律|法规|规章)(?:另有)?规定|"
                            r"(?:依照|按照|依据|根据)国家(?:的)?有关规定")
# a court's detention or fine (司法拘留, 反家庭暴力法 第三十四条: 人民法院…处以…拘留) is no administrative penalty
_COURT_IMPOSES = re.compile(r"人民法院[^。；]{0,30}(?:处以|处|给予|予以|决定)")
_TEMPORARY = re.compile(r"临时性?(?:的)?(?:行政)?许可|有效期[为限]?(?:一|1)年|实施期限[为]?(?:一|1)年")
_BY_LAW = re.compile(r"依法(?!追究|取得|设立|登记|成立|经营|开展|从事|履行|申请|办理)")
# a licence an agency must obtain from its own superiors or a congress is no administrative licence
_INTERNAL_APPROVAL = re.compile(r"负责人|主席团|人民代表大会|决定机关|执行机关|办案部门|上一级|上级|原批准|出资人|"
                                r"主管部门批准|本机关|本级人民政府")
_AGENCY_SUBJECT = re.compile(r"^(?:第[一二三四五六七八九十百千]+条\s*)?[^，。；]{0,20}(?:机关|部门|机构|人民政府|人民法院|"
                             r"人民检察院|执法人员|办案人员)(?:在|对|需要|应当|应|可以|决定|拟)")
# a licence regime the text itself establishes (实行…许可制度), as against the procedure of an existing one
_CREATES_REGIME = re.compile(r"(?:实行|实施|建立)[^。；，]{0,16}(?:许可|审批|准入|核准)(?:证)?(?:制度|管理)")
# a rule that implements a named upper law: its title says so (…条例实施细则, 实施《…》办法)
_IMPLEMENTING_TITLE = re.compile(r"实施细则|实施办法|实施条例|实施《|实施〈|施行细则")
_GOV_ORDER_ISSUER = re.compile(r"([\u4e00-\u9fff]{2,12}?)人民政府令")


# -- licences a 地方性法规 or a 省级政府规章 may not set (行政许可法 第十五条第二款) --------------------------------
# (a) a qualification of nationwide scope: the text establishes a 从业资格 / 执业资格 / 职业资格 regime (本市对经纪人
# 实行执业资格考核制度), or a local agency examines people and issues them a 资格证书 (经市交通行政管理部门考试合格，
# 取得上岗资格证后，持证上岗). 资质 (of enterprises) only where the text makes it the region's own (本省对…实行资质
# 管理): the 资质 of 建筑、勘察设计、测绘、房地产开发 enterprises that local texts name are set by national law.
_PERSON_QUALIFICATION = r"(?:从业资格|执业资格|职业资格|(?<!法人)(?<!选民)(?<!主体)(?<!投标)(?<!任职)资格)"
_SETS_QUALIFICATION = re.compile(
    rf"(?:实行|实施|建立)[^。；，]{{0,16}}?{_PERSON_QUALIFICATION}(?:认定|考核|考试|审核|准入|许可|证书|证)?(?:制度|管理)|"
    # 实行职业资格考试 without 制度 (实施 also means holding an exam, 实施…职业资格考试的机构: not taken)
    rf"(?:实行|建立)[^。；，]{{0,16}}?{_PERSON_QUALIFICATION}(?:认定|考核|考试)(?!合格|成绩|结果)|"
    rf"(?:考试|考核|鉴定|评审)合格[^。；]{{0,20}}?(?:核发|颁发|发给|发放|取得|领取)(?!相应)[^。；，]{{0,12}}?"
    rf"{_PERSON_QUALIFICATION}证|"
    # 应当取得市市场监督管理部门颁发的从业资格证书: a qualification certificate a local agency issues
    rf"(?:应当|须|必须|应)(?:取得|持有|领取)[^。；，]{{0,4}}?(?:省|市|县|区|州)[^。；，]{{0,24}}?(?:核发|颁发|发给|发放|签发)的"
    rf"[^。；，]{{0,10}}?{_PERSON_QUALIFICATION}(?:证书|证)")
_SETS_OWN_APTITUDE = re.compile(r"本(?:市|省|自治区)[^。；]{0,30}?(?:实行|实施|建立)[^。；，]{0,16}?资质(?:认定|审核|准入|许可|证书|"
                                r"等级)?(?:制度|管理)")
# a qualification named as set by the State or by law, or one of the staff of an agency (执法人员资格管理)
_NATIONAL_QUALIFICATION = re.compile(r"依法|国家(?:统一|有关|规定|的规定|实行|对|颁发|职业)|国务院|全国|按照[^。；]{0,20}规定|"
                                     r"依照[^。；]{0,20}规定|法律、(?:行政)?法规|上位法|(?:执法|工作|检查|监督|管理)人员|公务员|"
                                     r"法官|检察官|(?:企业|用人单位|学校|医疗机构)[^。；，]{0,12}(?:建立|实行|实施)")
# (b) 设立登记 of enterprises and the licences a registration waits for (前置审批)
_REGISTRATION = r"(?:(?:工商|企业|注册|设立|市场主体|民办非企业单位|法人)登记|营业执照)"
_SETS_REGISTRATION = re.compile(
    r"(?:设立|开办|筹建|成立)[^。；]{0,30}?(?:企业|公司|分公司|合作社|经营单位|机构|中心|门店|网点)[^。；，]{0,6}[，,]?"
    r"(?:应当|须|必须|应)(?:先|事先|预先)?(?:经|报经|取得)[^。；，]{0,24}?(?:批准|审批|同意|许可|核准)"
    rf"(?:后|，|,)?[^。；]{{0,24}}?(?:办理|申请|申领)[^。；，]{{0,10}}?{_REGISTRATION}|"
    r"凭[^。；，]{0,30}?(?:批准文件|批准证书|批准书|许可证|审批意见|同意意见)[^。；]{0,30}?"
    rf"(?:办理|申请|申领)[^。；，]{{0,12}}?{_REGISTRATION}|"
    r"(?:未经|未取得)[^。；，]{0,24}?(?:批准|审批|同意|许可)[^。；]{0,30}?(?:工商|市场监督管理|登记机关)"
    rf"[^。；]{{0,12}}(?:不得|不予)(?:办理|核发)?[^。；，]{{0,6}}?(?:登记|营业执照)")
# (c) licences that keep out other regions' people, businesses and goods
_OTHER_REGION = (r"(?:(?<![境国海内中])外(?:地|省|埠)(?!图)|外省(?:区)?市|(?<![城都上])市外|省外|本(?:市|省|县|地区|行政区域)以外|"
                 r"非本(?:市|省|县|地))")
_LOCAL = r"(?:本地|本市|本省|本县|本区(?!域)|本地区|本行政区域)"
_MARKET_RESTRICTION = re.compile(
    # 限制外地企业进入本市市场 / 禁止外地商品…
    rf"(?:限制|阻碍|阻止|排斥|排除|歧视|禁止)[^。；，]{{0,8}}?{_OTHER_REGION}[^。；，]{{0,16}}?"
    r"(?:企业|商品|产品|经营者|单位|个人|人员|货物|服务|施工队伍|队伍)|"
    # 外地企业进入本市承揽工程的，应当…登记 / 外地商品不得在本市销售
    rf"{_OTHER_REGION}[^。；，]{{0,16}}?(?:企业|商品|产品|经营者|单位|施工队伍|队伍|货物|旅行社|公司|机构|车辆|船舶|"
    r"个体工商户|商户|经营户|从业人员|批发商|经销商|供应商|客商|商贩)[^。；]{0,40}?"
    r"(?:不得|禁止|不予|须|应当|必须|应)[^。；，]{0,30}?(?P<what>进入|经营|销售|承揽|投标|参与|从事|登记|备案|报备|审批|批准|"
    r"许可|准入|核准|审核)|"
    # 具有本市常住户籍 / 在本市注册的企业, as a condition to operate
    rf"(?:具有|具备|持有|取得|为|是|属于|限于)(?:在)?{_LOCAL}(?:常住)?(?:户籍|户口|注册登记|工商登记|注册|登记)|"
    # 指定使用本地产品 / 只能购买本地… / 优先采购本地企业的产品
    rf"(?:指定|限定|只能|必须|应当|须|优先)(?:购买|使用|采购|选用|选择|经营)?{_LOCAL}(?:生产|注册|企业|产品|商品)|"
    # 应当使用本县预拌混凝土企业生产的混凝土; 应当由本市国有企业承担
    rf"(?:指定|限定|只能|必须|应当|须|优先|一律)(?:购买|使用|采购|选用|选择|经营|由|交由|委托){_LOCAL}"
    r"[\u4e00-\u9fff]{1,8}?(?:企业|公司)(?:生产|承担|承接|提供|供应|建设|运营|施工)|"
    # 应当在本市设立分支机构 / 须在本地注册 / 仅限本市注册的企业参加, as a condition to operate or to bid
    rf"(?:应当|须|必须|应|需)(?:在){_LOCAL}(?:内)?(?:设立|设有|注册(?:成立|设立)?|登记注册|注册登记)(?:的)?"
    r"(?:分支机构|分公司|子公司|办事机构|服务机构|独立法人(?:企业|公司)?|企业|公司)?(?=[，,。；]|后|方可|才能|的)|"
    rf"(?:仅限|只限|限)(?:在)?{_LOCAL}(?:注册|登记|户籍|企业|生产)|"
    # 一律由县砂石公司统一供应: a supplier the government names (反垄断法 第三十九条)
    r"(?:一律|统一|只能|必须|须|应当)(?:由|从|向)(?:[\u4e00-\u9fff]{0,6}?[县市区镇乡])[\u4e00-\u9fff]{1,10}?(?:公司|集团|厂)"
    r"(?:统一)?(?:供应|提供|采购|购买|购进|配送|销售|承担|承接|施工|安装|检测|运输)|"
    # 应当由市城市管理局指定的运输企业承运, 统一使用区文化和旅游局指定的服务商提供的系统, 应当从县住建局公布的供应商名录中
    # 选购: a supplier an agency names (反垄断法 第三十九条), not 指定的地点 nor an agency it designates
    # (and 确定的监管银行, 推荐企业生产的, 街道办事处指定的维修网点, a 协会 the document sends them to)
    r"(?:应当|须|必须|一律|统一|只能|应)[^。；，]{0,12}?(?:局|部门|政府|委员会|办公室|办事处|管委会|中心|协会|商会)"
    r"(?:指定|确定|推荐|公布)(?:的|(?=企业|产品|厂家|品牌))[^。；，]{0,10}?(?:企业|公司|服务商|供应商|厂家|厂商|商家|经营者|产品|"
    r"商品|系统|设备|品牌|"
    r"银行|网点|门店)(?:名录|名单|目录)?")
# what makes (c) a licence or a business condition, as against the residence rules of benefits and elections
_BUSINESS = re.compile(r"经营|从业|营运|运营|执业|许可|投标|招标|承揽|资质|准入|商品|产品|市场|销售|施工|工程|材料|设备|采购|"
                       # 在本县从事家政服务的人员, 托管机构的举办者, 巡游出租汽车驾驶员: who may provide a service
                       r"从事|举办者|开办|驾驶员|从业人员|服务人员|经营者|商户|设立|审批|批准|核准|"
                       # 指定的服务商/供应商: the supplier of what an agency makes businesses buy
                       r"服务商|供应商|厂家|厂商|承运|旅行社|银行|网点|门店|维修|进货|收费")
_NOT_BUSINESS = re.compile(r"享受|老年人|补贴|救助|保障|选举|选民|代表|征兵|兵役|入学|就学|就读|义务教育|儿童|适用于|退休|就医|"
                           r"检疫|防疫|疫病|免疫|动物卫生|报验|（包括|\(包括|落户|户籍管理|户口登记|户口迁移|迁入本|统计")
# a sentence that forbids the restriction (不得限制外地…, 不得滥用行政权力…限制, 平等对待) is the opposite of one
_FORBIDS_RESTRICTION = re.compile(r"(?:不得|禁止|严禁|不准|不应|不能|反对|防止|清理|废除|取消|破除|消除|纠正|制止)[^。；]{0,60}?"
                                  r"(?:限制|排斥|歧视|阻碍|阻止|设置|设定|指定|限定|强制|封锁|地区保护|地方保护)|"
                                  r"滥用行政权力|平等对待|同等待遇|一视同仁|公平竞争|不受地域限制|不分地域|不受户籍")
_LOCAL_LICENCE_BASIS = ("中华人民共和国行政许可法", 15)
# 限制外地产品…的，由…查处，撤销…: the restriction is the condition of a sanction against it
_SANCTIONED = re.compile(r"[^。；]*?的[，,](?:由|对)[^。；]{0,60}?(?:查处|撤销|纠正|责令|予以改正|追究|处分|改变)")
_ITEM = re.compile(r"^[ \t\u3000]*(?:[（(][一二三四五六七八九十]+[）)]|[一二三四五六七八九十0-9]+[、.．])", re.M)


def _item_lead(text: str, s0: int) -> str:
    """The lead of the list a sentence at ``s0`` is an item of (…不得含有下列限制…的内容：), else ""."""
    if not _ITEM.match(text, s0):
        return ""
    colon = max(text.rfind("：", max(0, s0 - 1500), s0), text.rfind(":", max(0, s0 - 1500), s0))
    if colon < 0:
        return ""
    return text[max(text.rfind("\n", 0, colon), text.rfind("。", 0, colon)) + 1:colon + 1]


def _reserved_licence(sent: str, lead: str = ""):
    """(what, start, end, severity) of a licence a 地方性法规 or 省级政府规章 may not set in ``sent`` (行政许可法
    第十五条第二款), else None: a qualification licence of nationwide scope, an enterprise's 设立登记 or the
    approval it waits for, a licence keeping out other regions' people, businesses or goods. A requirement
    put on other regions' businesses that is only a 备案 or 登记 is a warning (it may be no licence)."""
    national = _NATIONAL_QUALIFICATION.search(sent)
    for what, rx in (("qualification", _SETS_QUALIFICATION), ("qualification", _SETS_OWN_APTITUDE),
                     ("registration", _SETS_REGISTRATION)):
        m = rx.search(sent)
        if m and not national and not _NEGATED.search(sent[:m.start()]):
            return what, m.start(), m.end(), "error"
    if national:
        return None
    hit = _market_restriction(sent, lead, designated=False)
    return ("market",) + hit if hit else None


_AGENCY_DESIGNATES = re.compile(r"(?:局|部门|政府|委员会|办公室|办事处|管委会|中心|协会|商会)(?:指定|确定|推荐|公布)")


def _market_restriction(sent: str, lead: str = "", designated: bool = True):
    """(start, end, severity) of a condition in ``sent`` that keeps out other regions' people, businesses or
    goods in a business context (外地企业…应当经批准, 具有本市户籍, 应当在本市设立分支机构, 应当使用本地产品), else None;
    a warning when the requirement is only a 备案 or 登记. Not a sentence that forbids such conditions, nor the
    residence rules of benefits, schooling, elections and 户籍 itself, quarantine routes or statistics, nor an
    item of a list whose ``lead`` forbids what it lists (不得含有下列…内容：), nor the condition of a sanction
    against the restriction (限制外地产品…的，由…查处). ``designated=False`` leaves out a supplier an agency names
    (应当使用…局指定的服务商), which 反垄断法 第三十九条 forbids to agencies, not to a 地方性法规 (行政许可法 第十五条第二款
    is about other regions)."""
    if _NATIONAL_QUALIFICATION.search(sent) or _FORBIDS_RESTRICTION.search(sent) or _NOT_BUSINESS.search(sent) or \
            not _BUSINESS.search(sent) or lead and re.search(r"不得|禁止|严禁|不准|下列行为", lead):
        return None
    for m in _MARKET_RESTRICTION.finditer(sent):
        if re.search(r"不得|不予|无需|不需|免于|免予", sent[:m.start()][-6:]) or _SANCTIONED.match(sent, m.start()):
            continue
        if _AGENCY_DESIGNATES.search(m.group(0)) and (not designated or re.search(
                r"(?:部门|机关|机构|政府|局|委员会|办公室|中心)$", sent[:m.start()])):
            continue  # 主管部门应当会同有关部门确定、公布…产品目录: the agency's own duty, no one made to buy
        rest = sent[m.start():]
        # 外省市注册的货运经营者…应当备案: a requirement put on other regions' businesses (not 具有本市注册登记的…,
        # where 登记 is the condition itself)
        weak = bool(re.match(_OTHER_REGION, m.group(0)) and re.search(r"备案|报备|登记", rest)) and \
            not re.search(r"许可|审批|批准|核准|不得|禁止|不予|限制", rest)
        return m.start(), m.end(), "warning" if weak else "error"
    return None


def _provincial_rule(title: str, text: str) -> bool:
    """Whether a 地方政府规章 is a 省、自治区、直辖市人民政府规章: the 政府令 line names a province-level
    government, else the title starts with a province-level name."""
    m = _GOV_ORDER_ISSUER.search(text[:600] + "\n" + text[-400:])
    if m:
        who = re.sub(r"^.*?(?=(?:北京|天津|上海|重庆)市|[\u4e00-\u9fff]{2,3}省|[\u4e00-\u9fff]{2,6}自治区)", "",
                     m.group(1))
        return bool(_PROVINCIAL.match(who)) and not re.search(r"(?:省|自治区).+(?:市|州|盟)$", who)
    t = title or ""
    return _provincial(t) and not re.match(r"(?:[\u4e00-\u9fff]{2,3}省|[\u4e00-\u9fff]{2,6}自治区)"
                                           r"[\u4e00-\u9fff]{2,6}(?:市|州|盟)", t)


_LICENCE_KEYS = ("资质", "资格", "许可", "登记", "准营", "核准", "审批", "批准")


def _basis_knows_licence(registry, basis, clause, date=None) -> bool:
    """Whether a law the rule names as its basis speaks of the licence ``clause`` requires (须取得…核发的物业服务资质
    证书: 资质), so that the rule may be ordering that law's licence (行政许可法 第十六条); 物业管理条例 (2018) has no
    资质 since 2016, so a 资质证书 of 物业服务 a city rule requires is its own. True when it cannot tell (no key word,
    a law whose text is not at hand)."""
    key = next((k for k in _LICENCE_KEYS if k in clause), None)
    # 须取得…核发的某某服务经营许可证: under 行政许可法, which speaks of 许可 but of no 某某服务, the licence is the rule's own
    noun = re.search(r"(?:的|取得|领取|申领|办理)([\u4e00-\u9fff]{2,12}?)(?:经营)?(?:许可证|资格证书|资格证|资质证书|资质证|登记证|证书|"
                     r"证|执照)", clause)
    core = noun.group(1)[:4] if noun else ""
    core = "" if len(core) < 2 or core in _LICENCE_KEYS else core
    if key is None and not core:
        return True
    # the law must speak of that licence, not of the words apart: 湿地保护法 says 行政许可 and 湿地利用活动 in one
    # sentence but sets no 湿地利用许可证; a certificate without a licence word (上岗证) is looked for by its name
    near = re.compile(re.escape(core) + r"[^。；，]{0,12}?" + (re.escape(key) if key else r"(?:证|许可|资格|资质)")) \
        if core else None
    for title in basis:
        law = registry.get(title)
        if law is None:
            return True
        v = registry.version_on(law, date) if date else None
        versions = [v] if v is not None and v.sources else law.versions
        texts = [t for x in versions for src in x.sources for _, t in _source_articles(str(src))]
        if not texts or (any(near.search(t) for t in texts) if near else any(key in t for t in texts)):
            return True
    return False


def _basis_knows_measure(registry, titles, measure, date=None) -> bool:
    """Whether a law named in the first article speaks of the compulsory measure ``measure`` (查封, 扣押, 暂扣,
    强制拆除 …), so that the rule may be ordering that law's measure; 行政许可法 never says 查封. True when it cannot
    tell (a law whose text is not at hand)."""
    word = re.sub(r"^(?:采取|实施|予以|可以|责令)[^停断]*", "", measure)[:2] or measure[:2]
    words = next((c for c in _MEASURE_KIN if word in c), (word,))
    forced = re.match(r"(?:强制|强行)(拆除|清除|清理|腾退|搬迁)", measure)
    if forced:
        # 强制拆除: the law must speak of forced demolition (城乡规划法 查封施工现场、强制拆除), not of 拆除 by the owner
        # (擅自拆除供热设施改建、迁移、拆除供热设施) nor of 强制性标准
        words = ("强制" + forced.group(1), "强行" + forced.group(1))
    for title in titles:
        law = registry.get(title)
        if law is None:
            return True
        v = registry.version_on(law, date) if date else None
        versions = [v] if v is not None and v.sources else law.versions
        texts = [t for x in versions for src in x.sources for _, t in _source_articles(str(src))]
        if not texts or any(w in t for t in texts for w in words):
            return True
    return False


# the words laws use for one kind of measure (道路交通安全法 扣留 a vehicle, a rule under it 扣押 one)
_MEASURE_KIN = (("扣押", "扣留", "暂扣", "收缴"), ("查封", "封存", "封闭"), ("强制", "拆除", "强行"))


def _level_text(registry, law, art):
    return _article_quote(registry, law, art, _LEVEL_TEXTS[(law, art)])


def _imposed_penalties(sent: str):
    """(kind, start, end) of the penalties a sentence imposes: named at the head of a clause (after the
    agency that imposes it), or after 处/给予/予以 in the same clause; not a status (被吊销, 已没收), a
    procedure (作出吊销…的决定) or a condition (吊销许可证的，…)."""
    found = []
    for kind_, pat in _PENALTY_KINDS:
        for m in pat.finditer(sent):
            if any(a < m.end() and m.start() < b for _, a, b in found):
                continue
            clause_start = max(sent.rfind(p, 0, m.start()) for p in "，,：:") + 1
            before = sent[clause_start:m.start()]
            rest = re.split(r"[，,；。]", sent[m.end():], maxsplit=1)[0]
            head = _BARE_PENALTY_HEAD.search(sent[:m.start()])
            if m.group(0) == "拘留":
                head = None  # a bare 拘留 at the head of a clause is a procedure (拘留后, 拘留通知书)
            imposed = head or _IMPOSE.search(before) or \
                re.search(r"(?:、|或者|和|及|以及)$", before) and _IMPOSE.search(sent[:m.start()])
            if not imposed:
                continue
            verb = _IMPOSE.search(before)
            if _STATUS_BEFORE.search(before[:verb.start()] if verb else before):
                continue
            cut = _conduct_end(sent, m.start())
            if _BY_LAW.search(sent[cut:m.start()]):
                # 由…部门依法吊销营业执照: imposed under another law, which the text does not set; not the 依法 of
                # the conduct (阻碍执法人员依法执行职务的，…处十日以上十五日以下拘留)
                continue
            if _NOUN_AFTER.match(rest) or rest.endswith("的") or _NEGATED.search(sent[:m.start()]):
                continue
            found.append((kind_, m.start(), m.end()))
    return sorted(found, key=lambda x: x[1])


def _penalty_words(kind_: str, imposed: str):
    """The pattern an upper-law article restating the penalty ``imposed`` must hold: the kind's, and for a
    licence revoked or suspended by its name (吊销其人工繁育许可证) that name, since 吊销特许猎捕证 is not it."""
    if kind_ in ("吊销许可证件", "暂扣许可证件"):
        m = re.match(r"(?:吊销|暂扣)(?:其|该|相关|有关|对方|当事人)?(?:的)?([\u4e00-\u9fff]{2,8}?)(?:经营)?"
                     r"(?:许可证件|许可证|资格证书|资格证|资质证书|资质证|证书|证|执照|资格|许可|核准文件|批准文件)$", imposed)
        if m and m.group(1) not in ("相关", "有关", "许可", "资格", "资质"):
            return re.compile(rf"(?:吊销|暂扣)[^。；，]{{0,12}}?{re.escape(m.group(1))}")
    return _PENALTY_WORDS[kind_]


def _conduct_end(sent: str, pos: int) -> int:
    """Where the conduct before ``pos`` ends (after its …的，), a degree (情节严重的，) not counted: 0 when none."""
    for m in reversed(list(re.finditer(r"的[，,]", sent[:pos]))):
        start = max(sent.rfind(p, 0, m.start()) for p in "，,。；;：:") + 1
        if not _DEGREE.match(sent[start:m.start()].strip()):
            return m.end()
    return 0


def _restating_sentences(text, cites, registry):
    """(upper, sourced): the start offsets of the citations of upper laws, and of those given in brackets as
    the source of their sentence (（《行政强制法》第二十三条）) — what the restatement exemptions look for."""
    upper, sourced = [], []
    for c in cites:
        if c.law and not (c.attrs or {}).get("self"):
            law = registry.get(c.law)
            rv = rank_value(law.rank) if law is not None else None
            if rv is None or rv >= RANK_ORDER["地方政府规章"]:
                upper.append(c.start)
                if c.article and _SOURCE_BEFORE.search(text[max(0, c.start - 6):c.start]) and \
                        _SOURCE_AFTER.match(text, c.end):
                    sourced.append(c.start)
    return upper, sourced


def _upper_laws_in(cites, registry, kind, a, b) -> list[str]:
    """The titles of the norms above ``kind`` cited in ``[a, b)`` (an unknown title counts as above)."""
    kv = rank_value(kind) or 0
    out = []
    for c in cites:
        if a <= c.start < b and c.law and not (c.attrs or {}).get("self"):
            law = registry.get(c.law)
            rv = rank_value(law.rank) if law is not None else None
            if rv is None or rv > kv:
                out.append(law.title if law is not None else c.law)
    return out


def _first_article_names_upper(own, cites, registry, kind) -> bool:
    """Whether 第一条 cites a norm of higher rank than ``kind`` (in whatever words: 根据, 为了保障…的实施)."""
    first = next(((s, t) for n, s, t in own if n == 1), None)
    return first is not None and bool(_upper_laws_in(cites, registry, kind, first[0], first[0] + len(first[1])))


def _upper_basis(text, own, cites, registry, kind):
    """The upper laws the 根据/依据 clause of the first article names (a generic 有关法律法规 names none)."""
    first = next(((s, t) for n, s, t in own if n == 1), None)
    start, body = first if first else (0, text[:600])
    m = re.search(r"(?:根据|依据)(.{0,400}?)(?:的规定|等规定|等法律法规)?[，,]?\s*(?:并)?(?:结合|制定)", body)
    if not m:
        return []
    return _upper_laws_in(cites, registry, kind, start + m.start(), start + m.end())


_IMPLEMENTED_LAW = re.compile(r"^(.{2,40}?(?<!办)法)(?:实施细则|实施条例|实施办法|施行细则)$|实施[《〈](.{2,40}?(?<!办)法)[》〉]|"
                              r"[《〈](.{2,40}?(?<!办)法)[》〉]实施(?:细则|办法|条例)")


def _implemented_without_text(registry, title):
    """The 法律 a title says it implements (公民出境入境管理法 of 公民出境入境管理法实施细则) when the registry holds no
    text of it (the law is unknown, or known only from the clause that repealed it), else None."""
    m = _IMPLEMENTED_LAW.search(re.sub(r"[（(][^）)]*[）)]$", "", title or ""))
    if m is None:
        return None
    name = next(g for g in m.groups() if g)
    law = registry.get(name)
    if law is None:
        return name
    if law.rank not in (None, "法律"):
        return None
    if any(v.articles for v in law.versions):
        return None
    return law.title


def _level_findings(text, own, cites, registry, kind, title, date=None):
    """RULE_SETS_PENALTY_BEYOND_LEVEL, REGULATION_SETS_PENALTY_BEYOND_LEVEL and RULE_SETS_LICENSE: the
    penalties and licences a 规章, 地方性法规 or 行政法规 sets beyond what its rank may set.

    The same provisions are exempt as for a 规范性文件 (a sentence that restates a cited upper law, a
    bracketed source article, 法律、法规另有规定), and also a penalty imposed 依法 and a sentence 依照有关法律、
    法规的规定. A rule or regulation whose title says it implements an upper law (…条例实施细则, 实施《…》办法)
    may specify that law's penalties (行政处罚法 第十一条至第十四条 第二款): a warning, to compare with it.
    A licence in a rule that names an upper law as its basis may be the implementation of a licence that
    law sets (行政许可法 第十六条): only a licence regime the rule itself establishes (实行…许可制度) is reported,
    as a warning.

    A provision that restates, for the same conduct and in the same words, an article of a law that may set it
    (驱使犬只伤害他人的，由公安部门处五日以上十日以下拘留 and 治安管理处罚法 第四十三条) is not reported (:func:`_restated`).
    Each limit applies from the day the law that sets it took effect (行政处罚法 1996-10-01, 行政许可法 2004-07-01,
    行政强制法 2012-01-01): a text of an earlier ``date`` was made before that limit existed."""
    penalty_limit = _PENALTY_LIMITS.get(kind)
    rule = kind in ("部门规章", "地方政府规章")
    if penalty_limit is None and not rule:
        return []
    if date and date < _IN_FORCE["penalty"]:
        penalty_limit = None
    licence_limits = not date or date >= _IN_FORCE["licence"]
    own_law = registry.get(title) if title else None
    own_title = own_law.title if own_law is not None else title
    coercion_limits = not date or date >= _IN_FORCE["coercion"]
    out = []
    upper, sourced = _restating_sentences(text, cites, registry)
    implementing = bool(_IMPLEMENTING_TITLE.search(title or ""))
    # 公民出境入境管理法实施细则: the 法律 it implements (which may set every penalty) has no text here to compare with
    unverifiable = _implemented_without_text(registry, title) if implementing else None
    basis = _upper_basis(text, own, cites, registry, kind) if rule else []
    names_upper = rule and _first_article_names_upper(own, cites, registry, kind)
    first = next(((s, t) for n, s, t in own if n == 1), None)
    first_upper = _upper_laws_in(cites, registry, kind, first[0], first[0] + len(first[1])) if first and rule else []
    provincial = kind == "地方政府规章" and _provincial_rule(title or "", text)
    local_limits = (kind == "地方性法规" or provincial) and licence_limits
    temporary_doc = bool(_TEMPORARY.search(text))
    body = own[0][1] if own else 0
    for m in re.finditer(r"[^。；\n]+[。；]?", text):
        sent, s0 = m.group(0), m.start()
        if own and s0 + len(sent) <= body:
            continue  # the title and the 政府令 heading
        f0 = _sentence_start(text, s0)  # a clause after ； goes on the sentence before it
        full = text[f0:s0 + len(sent)]
        in_sent = [a for a in upper if f0 <= a < s0 + len(sent)]
        if in_sent and _IMPLEMENTS.search(full) or any(f0 <= a < s0 + len(sent) for a in sourced):
            continue  # restates what an upper law provides
        if _LAW_REFERENCE.search(full):
            continue  # 依照有关法律、法规的规定吊销…; 法律、法规另有规定的
        if _COURT_IMPOSES.search(full):
            continue  # 人民法院…处以十五日以下拘留: judicial, not an administrative penalty
        if penalty_limit is not None:
            forbidden, art, may = penalty_limit
            for kind_, a, b in _imposed_penalties(sent):
                if kind_ not in forbidden:
                    continue
                if _restated(registry, cites, kind, text, s0 + a, full, _penalty_words(kind_, sent[a:b]),
                             _PENALTY_FLOOR.get(kind_), own=own_title):
                    continue
                law = "中华人民共和国行政处罚法"
                quote_text, where = _level_text(registry, law, art)
                a, b = s0 + a, s0 + b
                code = "RULE_SETS_PENALTY_BEYOND_LEVEL" if rule else "REGULATION_SETS_PENALTY_BEYOND_LEVEL"
                extra = "限制人身自由的行政处罚只能由法律设定（第十条第二款）。" if kind_ == "行政拘留" else ""
                if implementing:
                    extra += "本文件是上位法的实施性规定，如该处罚系上位法已规定的，应写明所依据的条文。"
                if unverifiable:
                    extra += f"所实施的{_short(unverifiable)}未收录全文，无法核对该处罚是否系其规定。"
                out.append(Finding(
                    code, "info" if unverifiable else "warning" if implementing else "error", a, b, text[a:b],
                    f"{kind}设定了{kind_}：“{text[a:b]}”。{kind}只能设定{may}"
                    f"（行政处罚法{_cn_article(art)}）。{extra}",
                    {"rule": {"law": law, "article": art, "text": quote_text, "quoted_from": where},
                     "penalty": kind_, "document_rank": kind, "may_set": may, "implementing": implementing,
                     "sentence": sent.strip(), **({"implemented_law": unverifiable, "implemented_text": False}
                                                  if unverifiable else {})},
                    f"删除该处罚，或写明设定该处罚的上位法条文（依照《……》第X条的规定{kind_}）；"
                    f"{kind}自行设定的处罚限于{may}。"))
                break
        # a rule made under a law it names in 第一条 (根据《行政强制法》…, 为了保障《刑事诉讼法》的贯彻实施) orders the
        # procedure of that law's measures
        cm = _PATTERNS["NORMATIVE_SETS_COERCION"].search(sent) if rule and coercion_limits else None
        if cm is not None and (basis or names_upper) and _basis_knows_measure(registry, first_upper or basis, cm.group(0), date):
            cm = None  # 根据《中华人民共和国行政强制法》…: the rule orders the procedure of the measures that law sets
        if cm is not None:
            # 执法部门查封场所的，应当经…批准: the measure is the condition of a procedure, not set by the clause
            condition = cm is not None and re.match(r"[^，,；。]{0,20}的[，,]", sent[cm.end():]) is not None
            if re.search(r"[被已]$", sent[:cm.start()]):
                cm = None  # 股权被冻结: a status, not a measure
            if cm is not None and not condition and not _NEGATED.search(sent[:cm.start()]) and \
                    not re.search(r"依法(?!追究)", sent[:cm.end()]) and not _AGENCY_OBJECT.match(sent, cm.end()):
                law = "中华人民共和国行政强制法"
                quote_text, where = _level_text(registry, law, 10)
                a, b = s0 + cm.start(), s0 + cm.end()
                out.append(Finding(
                    "RULE_SETS_COERCION", "warning" if implementing else "error", a, b, text[a:b],
                    f"{kind}设定了行政强制措施：“{text[a:b]}”。行政强制措施由法律、法规设定，法律、法规以外的其他规范性文件"
                    f"不得设定行政强制措施（行政强制法第十条）。"
                    + ("本文件是上位法的实施性规定，如该措施系上位法已规定的，应写明所依据的条文。" if implementing else ""),
                    {"rule": {"law": law, "article": 10, "text": quote_text, "quoted_from": where},
                     "measure": text[a:b], "document_rank": kind, "implementing": implementing,
                     "sentence": sent.strip()},
                    "删除该强制措施，或写明设定该措施的法律、法规条文（依照《……》第X条的规定查封、扣押）。"))
        if local_limits:
            hit = _reserved_licence(sent, _item_lead(text, s0))
            if hit is not None and hit[0] != "market" and _restated(registry, cites, kind, text, s0, sent,
                                                                    _LICENCE_WORDS, conduct_needed=False,
                                                                    own=own_title):
                continue  # 国家对以健身指导为职业的社会体育指导人员实行职业资格证书制度 (全民健身条例 第三十一条)
            if hit is not None:
                out.append(_reserved_licence_finding(text, registry, kind, s0, sent, hit, implementing))
                continue  # the more specific finding: not also RULE_SETS_LICENSE
        if not rule or not licence_limits:
            continue
        pm = _PATTERNS["NORMATIVE_SETS_LICENSE"].search(sent)
        regime = None if re.search(r"国家(?:对|实行)", sent) else _CREATES_REGIME.search(sent)
        qualification = None
        if regime is None and not _NATIONAL_QUALIFICATION.search(sent):
            # 实行从业资格制度: a qualification is a licence (行政许可法 第十二条第三项) without the word 许可
            regime = qualification = _SETS_QUALIFICATION.search(sent)
        if pm is None and regime is None:
            continue
        pm = regime or pm
        if _NEGATED.search(sent[:pm.start()]) or re.search(r"依法(?!追究)", sent[:pm.end()]) or \
                _INTERNAL_APPROVAL.search(sent) or not regime and _AGENCY_SUBJECT.search(sent.lstrip()):
            continue
        known = bool(basis) and _basis_knows_licence(registry, basis, pm.group(0), date)
        if implementing and not regime or known and not regime:
            continue  # the procedure of a licence the named upper law may set (行政许可法 第十六条)
        if _restated(registry, cites, kind, text, s0, sent, _LICENCE_WORDS, conduct_needed=False, own=own_title):
            continue  # 经营第三类医疗器械实行许可管理 (医疗器械监督管理条例): the upper law's licence, restated
        temporary = bool(_TEMPORARY.search(sent)) or temporary_doc
        if provincial and temporary:
            continue  # 省级政府规章 may set a temporary licence (行政许可法 第十五条第一款)
        law = "中华人民共和国行政许可法"
        art = 15 if provincial else 16
        quote_text, where = _level_text(registry, law, art)
        a, b = s0 + pm.start(), s0 + pm.end()
        if kind == "部门规章":
            why = ("部门规章不能设定行政许可，只能在上位法设定的行政许可事项范围内对实施该许可作出具体规定"
                   "（行政许可法第十四条至第十六条）。")
        elif not provincial:
            why = ("只有省、自治区、直辖市人民政府规章可以设定临时性的行政许可（行政许可法第十五条），"
                   "设区的市人民政府规章不能设定行政许可，只能对实施上位法设定的许可作出具体规定（第十六条）。")
        else:
            why = ("省、自治区、直辖市人民政府规章只能设定临时性的行政许可，实施满一年需要继续实施的，"
                   "应当提请制定地方性法规（行政许可法第十五条第一款）；本规章未写明许可是临时性的。")
        if not regime and basis and not known:
            why += "所依据的" + "、".join(_short(t) for t in basis[:3]) + "没有规定该许可。"
        elif basis or implementing:
            why += "如该许可系" + ("、".join(_short(t) for t in basis[:3]) or "上位法") + "设定的，应写明所依据的条文。"
        out.append(Finding(
            "RULE_SETS_LICENSE", "warning" if provincial or (basis and (known or regime)) or implementing else "error",
            a, b, text[a:b],
            f"{kind}设定了行政许可：“{text[a:b]}”。{why}",
            {"rule": {"law": law, "article": art, "text": quote_text, "quoted_from": where},
             "document_rank": kind, "provincial": provincial, "temporary": temporary, "basis": basis,
             "qualification": qualification is not None, "sentence": sent.strip()},
            "删除该许可，或写明设定该许可的法律、法规条文（依照《……》第X条的规定取得许可）"
            + ("；确需立即实施的，写明为临时性许可并在一年内提请制定地方性法规。" if provincial else "。")))
    return out


# -- 加处罚款 and 滞纳金 set below a law (行政强制法 第十二条第一项, 第十三条, 第四十五条) --------------------------------
# the ranks that may not set them (a 法律 may; 司法解释 and 宪法 set none), and the day 行政强制法 took effect
_SURCHARGE_RANKS = ("行政法规", "地方性法规", "自治条例和单行条例", "部门规章", "地方政府规章", "规范性文件")
_SURCHARGE_IN_FORCE = "2012-01-01"
# the surcharge imposed: a verb before 滞纳金 in the same clause (按日加收滞纳税款万分之五的滞纳金, 加处滞纳金, 每日增交
# 滞纳金, 按照欠缴金额日5‰缴纳滞纳金), or 加处罚款 / 加收罚款 as a verb (每日按罚款数额的百分之三加处罚款)
_SURCHARGE = re.compile(r"(?P<verb>加收|加处|加征|加缴|核收|扣收|增交|计收|收取|征收|缴纳|支付|交纳)"
                        r"[^。；，,《》]{0,30}?滞纳金|(?P<fine>加处|加收)罚款")
_STRONG_VERB = ("加收", "加处", "加征", "加缴", "核收", "扣收", "增交", "计收", "收取", "征收")
# a rate (按日, 每日, 千分之五, 0.05%): what a weak verb (缴纳, 支付) needs to be a surcharge set here rather than a
# surcharge named (补缴应纳税款，缴纳滞纳金后)
_SURCHARGE_RATE = re.compile(r"按日|每日|日[0-9一二三四五六七八九十]|每月|每逾|千分之|万分之|百分之|[‰%％]|比例")
# the obligation paid late: the condition of the surcharge
_LATE = re.compile(r"逾期|到期不|滞纳|欠缴|欠交|未按(?:期|时|照规定|规定)|不按(?:期|时|规定)|拖欠|迟延|拖延|迟交|拒不|"
                   r"缓缴期满|未在规定的期限|未足额|少缴|未缴|不缴")
# 滞纳金 between private parties: a contract's, a 违约金, an owner's 物业费, a carrier's freight, a bank's, a union's dues
_SURCHARGE_PRIVATE = re.compile(r"合同|约定|协议|违约|物业|租金|房租|承运人|托运人|银行|透支|信用卡|供用|"
                                r"(?:供水|供电|供热|供气|燃气)(?:企业|单位|公司)|业主|工会")
# the obligations for which a 法律 sets the surcharge: a text that imposes it on them restates the law, cited or not;
# with the day the law stopped setting it (人口与计划生育法 dropped 社会抚养费 on 2021-08-20), else None
_LAW_SURCHARGES = (
    # any tax (税款, 关税, 城镇土地使用税, 纳税人), not the agency (税务机关) or the word 税收
    (re.compile(r"税(?![务收法局率目种])"), "中华人民共和国税收征收管理法", 32,
     "按日加收滞纳税款万分之五的滞纳金（海关法第六十条、关税法亦有规定）", None),
    (re.compile(r"(?:社会|养老|医疗|失业|工伤|生育)保险费"), "中华人民共和国社会保险法", 86, "按日加收万分之五的滞纳金", None),
    (re.compile(r"水资源费"), "中华人民共和国水法", 70, "按日加收滞纳部分千分之二的滞纳金", None),
    (re.compile(r"水土保持补偿费"), "中华人民共和国水土保持法", 57, "按日加收滞纳部分万分之五的滞纳金", None),
    (re.compile(r"社会抚养费"), "中华人民共和国人口与计划生育法", 41, "按照国家有关规定加收滞纳金（2021年修正前）",
     "2021-08-20"),
    (re.compile(r"金钱给付义务"), "中华人民共和国行政强制法", 45, "依法加处罚款或者滞纳金，数额不得超出金钱给付义务的数额",
     None),
    (re.compile(r"(?:缴纳|缴|交纳|交)罚款|罚款(?:的)?数额"), "中华人民共和国行政处罚法", 72,
     "每日按罚款数额的百分之三加处罚款（道路交通安全法第一百零九条亦有规定）", None),
)
# a law named as the source (依照有关法律的规定, 法律另有规定), or unnamed rules (按照国家有关规定加收: which may be a
# law, or not — a warning)
_SURCHARGE_LAW_NAMED = re.compile(r"(?:依照|按照|依据|根据)[^。；]{0,30}法律[^。；]{0,20}规定|法律(?:、(?:行政)?法规)?(?:另有)?规定")
_SURCHARGE_RULES_NAMED = re.compile(r"(?:按照|依照|根据|依据|按)(?:国家|本市|本省|本区|本县|本自治区)?(?:的)?(?:有关|相关)?"
                                    r"规定(?!的期限|期限|的时间)|按国家规定")
# a cap above the obligation (滞纳金最高不超过欠缴金额的两倍), which 第四十五条第二款 forbids whatever sets the surcharge
_SURCHARGE_CAP = re.compile(r"(?:不得|不|最高不|最多不)(?:超过|超出|高于)[^，,。；]{0,16}?(?:[两二三四五六七八九十]|[2-9]|\d{2,})倍")
_SURCHARGE_TEXTS = {
    12: "行政强制执行的方式：（一）加处罚款或者滞纳金；（二）划拨存款、汇款；（三）拍卖或者依法处理查封、扣押的场所、"
        "设施或者财物；（四）排除妨碍、恢复原状；（五）代履行；（六）其他强制执行方式。",
    13: "行政强制执行由法律设定。\n法律没有规定行政机关强制执行的，作出行政决定的行政机关应当申请人民法院强制执行。",
    45: "行政机关依法作出金钱给付义务的行政决定，当事人逾期不履行的，行政机关可以依法加处罚款或者滞纳金。加处罚款或者"
        "滞纳金的标准应当告知当事人。\n加处罚款或者滞纳金的数额不得超出金钱给付义务的数额。",
}


_RATE = re.compile(r"(百分之|千分之|万分之)([零〇一二三四五六七八九十点]+|\d+(?:\.\d+)?)|(\d+(?:\.\d+)?)\s*([%％‰])")
_RATE_BASE = {"百分之": 100, "千分之": 1000, "万分之": 10000, "%": 100, "％": 100, "‰": 1000}


def _daily_rate(s: str) -> float | None:
    """The first daily rate ``s`` names, as a fraction (万分之五 -> 0.0005, 日5‰ -> 0.005); None for none or a monthly
    one (每月千分之二).

    >>> _daily_rate("按日加收滞纳税款万分之五的滞纳金"), _daily_rate("每日按罚款数额的3%加处罚款"), _daily_rate("每月加收千分之二")
    (0.0005, 0.03, None)
    """
    if re.search(r"每月|按月", s):
        return None
    m = _RATE.search(s)
    if m is None:
        return None
    if m.group(1):
        words = m.group(2)
        try:
            n = float(words) if re.fullmatch(r"\d+(?:\.\d+)?", words) else \
                float(cn_to_int(words.split("点")[0])) + (float("0." + "".join(str(cn_to_int(c)) for c in words.split("点")[1]))
                                                        if "点" in words else 0.0)
        except ValueError:
            return None
        return n / _RATE_BASE[m.group(1)]
    return float(m.group(3)) / _RATE_BASE[m.group(4)]


def _surcharge_restated(context: str, date: str | None = None):
    """(title, article, what) of the law that sets the surcharge on the obligation ``context`` names (on ``date``),
    else None. 加处罚款 restates 行政处罚法 第七十二条 only for a fine paid late (到期不缴纳罚款的)."""
    for pat, law, art, what, until in _LAW_SURCHARGES:
        if until and date and date >= until:
            continue
        if pat.search(context):
            return law, art, what
    return None


def _surcharge_findings(text, cites, registry, kind, date):
    """SETS_SURCHARGE: a 规范性文件, 规章 or 法规 that sets 加处罚款 or 滞纳金 for an administrative obligation paid late.

    Both are a way of 行政强制执行 (行政强制法 第十二条第一项), which only a 法律 may set (第十三条); from 2012-01-01.
    Not reported: the surcharge a law sets on the same obligation, restated (税款: 税收征收管理法 第三十二条; 社会保险费:
    社会保险法 第八十六条; 罚款: 行政处罚法 第七十二条 …) whether the law is cited or not; a sentence citing a 法律 or
    naming one (依照有关法律的规定); a surcharge imposed 依法; 滞纳金 between private parties (合同, 违约金, 物业费);
    a clause forbidding it (不得加收滞纳金); a surcharge only named (加收的滞纳金并入社会保险基金, 加处罚款的数额).
    A warning where the text refers to unnamed rules (按照有关规定加收滞纳金) or cites only a norm below a 法律."""
    if kind not in _SURCHARGE_RANKS or (date and date < _SURCHARGE_IN_FORCE):
        return []
    if "滞纳金" not in text and "罚款" not in text:
        return []
    out = []
    for m in re.finditer(r"[^。；\n]+[。；]?", text):
        sent, s0 = m.group(0), m.start()
        if "滞纳金" not in sent and "加处罚款" not in sent and "加收罚款" not in sent:
            continue
        f0 = _sentence_start(text, s0)  # a clause after ； goes on the sentence before it
        full = text[f0:s0 + len(sent)]
        line = text[text.rfind("\n", 0, s0) + 1:s0 + len(sent)]  # the paragraph up to this sentence
        # (the words of a title cited are not the parties: 《物业管理条例》)
        if _SURCHARGE_PRIVATE.search(re.sub(r"《[^《》]*》", "", line)) or _SURCHARGE_LAW_NAMED.search(full):
            continue  # 拖欠工会经费的，…加收滞纳金; 依照有关法律的规定加收滞纳金
        for pm in _SURCHARGE.finditer(sent):
            before = sent[:pm.start()]
            clause = re.split(r"[，,]", before)[-1]
            verb = pm.group("verb") or pm.group("fine")[:2]
            if _NEGATED.search(before) or re.search(r"(?:不|免|不再|无须|无需)$", before) or \
                    re.search(r"不得|免收|免予|免于|不予", pm.group(0)):
                continue  # 不得加收滞纳金, 缓缴期内免收滞纳金
            if re.search(r"依法", clause) or re.search(r"依法[^，,。；]{0,8}$", before):
                continue  # 执法机关可以依法加处滞纳金: a surcharge some law sets, named
            if re.match(r"或者?滞纳金", sent[pm.end():]) or re.search(r"罚款或者?滞纳金", pm.group(0)):
                continue  # 逾期不履行的，可以加处罚款或者滞纳金: 行政强制法 第四十五条 itself, restated
            if re.match(r"(?:的|后|时)", sent[pm.end():]) or pm.group(0) == verb + "的滞纳金":
                continue  # 加处罚款的数额, 加收的滞纳金并入…: the surcharge named, not imposed
            if not _LATE.search(full[:len(full) - len(sent) + pm.start()]):
                continue  # no obligation paid late: a surcharge spoken of
            if verb not in _STRONG_VERB and not _SURCHARGE_RATE.search(sent):
                continue  # 补缴应纳税款，缴纳滞纳金: what a payer settles, not a surcharge set here
            # the obligation: named in the paragraph before the surcharge (拒不缴纳水土保持补偿费的，…责令限期缴纳；逾期
            # 不缴纳的，…加收…滞纳金)
            context = line[:len(line) - len(sent) + pm.start()]
            restated = _surcharge_restated(context, date)
            law_rate = _daily_rate(restated[2]) if restated else None
            own_rate = _daily_rate(sent[:pm.end()]) if restated else None
            if restated and not (law_rate and own_rate and own_rate > law_rate * 1.0001):
                continue  # 纳税人未按期缴纳税款的，…按日加收滞纳税款万分之五的滞纳金: 税收征收管理法 第三十二条
            cited = [c for c in cites if f0 <= c.start < s0 + len(sent) and c.law and not (c.attrs or {}).get("self")]
            names = [registry.get(c.law).title if registry.get(c.law) is not None else
                     ((c.attrs or {}).get("raw_title") or c.law) for c in cited]
            ranks = [registry.get(c.law).rank if registry.get(c.law) is not None else
                     # a title the registry lacks counts as a law when it has a law's form (…法, not …办法)
                     ("法律" if re.search(r"(?<!办)法(?:（[^）]*）)?$", t) else None) for c, t in zip(cited, names)]
            if "法律" in ranks:
                continue  # 依照《中华人民共和国社会保险法》第八十六条的规定加收滞纳金: the law's surcharge, cited
            # unnamed rules for the surcharge itself (按照相关规定收取滞纳金, 按国家规定的比例加收), not for the obligation
            # (按照规定缴纳残疾人就业保障金)
            rules = _SURCHARGE_RULES_NAMED.search(clause + pm.group(0))
            # a 法规 amended after 2012 keeps the date of its last amendment, not of the provision (矿产资源开采登记管理办法
            # 1998, amended 2014), and whether a 法规 may attach a surcharge to an obligation it may create is for its
            # reviewing congress: a warning; a 规章 or 规范性文件 plainly may not
            regulation = kind in ("行政法规", "地方性法规", "自治条例和单行条例")
            warning = bool(rules) or bool(cited) or regulation
            a, b = s0 + pm.start(), s0 + pm.end()
            quote13, where13 = _article_quote(registry, "中华人民共和国行政强制法", 13, _SURCHARGE_TEXTS[13])
            why = ""
            if rules:
                why = f"文中“{rules.group(0)}”未写明设定加处罚款或者滞纳金的法律，请核对。"
            elif cited:
                why = "所引" + "、".join(_short(t) for t in names[:3]) + \
                    "不是法律，不能设定加处罚款或者滞纳金。"
            if restated:
                why += (f"{_short(restated[0])}{_cn_article(restated[1])}规定{restated[2]}，本文件规定的比例高于该条，"
                        "不是对法律的重述，而是自行设定。")
            cap = _SURCHARGE_CAP.search(sent[pm.start():])
            if cap:
                why += f"所定上限“{cap.group(0)}”超出了金钱给付义务的数额，即使有法律依据也违反第四十五条第二款。"
            if regulation:
                why += "法规经修改的，本文件日期不一定是该条设定的日期；请核对该条是否有法律依据，没有的应当在清理时修改。"
            out.append(Finding(
                "SETS_SURCHARGE", "warning" if warning else "error", a, b, text[a:b],
                f"{kind}设定了加处罚款或者滞纳金：“{text[a:b]}”。加处罚款或者滞纳金是行政强制执行的方式（行政强制法"
                f"第十二条第一项），行政强制执行由法律设定（第十三条），{kind}不得自行设定；即使法律规定加处，数额也不得"
                f"超出金钱给付义务的数额（第四十五条第二款）。{why}",
                {"rule": {"law": "中华人民共和国行政强制法", "article": 13, "text": quote13, "quoted_from": where13},
                 "forms": {"article": 12, "text": _SURCHARGE_TEXTS[12]},
                 "limit": {"article": 45, "text": _SURCHARGE_TEXTS[45]},
                 "document_rank": kind, "sentence": sent.strip(),
                 "laws_that_set": [{"law": law, "article": art, "what": what} for _, law, art, what, until in _LAW_SURCHARGES
                                   if not (until and date and date >= until)]},
                "删除该规定；该义务有法律规定加收的（如税收征收管理法第三十二条、社会保险法第八十六条、行政处罚法第七十二条），"
                "写明“依照《……》第X条的规定加收”；没有的，当事人逾期不履行的，依照行政强制法第五十三条申请人民法院强制执行。"))
            break
    return out


_RESERVED_WHAT = {
    "qualification": ("REGULATION_SETS_LICENSE_BEYOND_LEVEL", "应当由国家统一确定的资格、资质的行政许可",
                      "不得设定应当由国家统一确定的公民、法人或者其他组织的资格、资质的行政许可"),
    "registration": ("REGULATION_SETS_LICENSE_BEYOND_LEVEL", "企业或者其他组织的设立登记及其前置性行政许可",
                     "不得设定企业或者其他组织的设立登记及其前置性行政许可"),
    "market": ("LOCAL_MARKET_RESTRICTION", "限制其他地区的个人、企业或者商品进入本地区市场的条件",
               "其设定的行政许可，不得限制其他地区的个人或者企业到本地区从事生产经营和提供服务，不得限制其他地区的商品"
               "进入本地区市场"),
}


def _reserved_licence_finding(text, registry, kind, s0, sent, hit, implementing):
    """REGULATION_SETS_LICENSE_BEYOND_LEVEL or LOCAL_MARKET_RESTRICTION for the provision ``hit``."""
    what, a, b, severity = hit
    code, named, rule_words = _RESERVED_WHAT[what]
    law, art = _LOCAL_LICENCE_BASIS
    quote_text, where = _article_quote(registry, law, art, _LEVEL_TEXTS[(law, art)])
    a, b = s0 + a, s0 + b
    extra = "本文件是上位法的实施性规定，如该规定系上位法已设定的，应写明所依据的条文。" if implementing else ""
    if severity == "warning" and not implementing:
        extra = "该要求只针对其他地区的经营者，如属变相的许可条件，应予删除。"
    return Finding(
        code, "warning" if implementing else severity, a, b, text[a:b],
        f"{kind}设定了{named}：“{text[a:b]}”。行政许可法第十五条第二款规定，地方性法规和省、自治区、直辖市人民政府"
        f"规章{rule_words}。{extra}",
        {"rule": {"law": law, "article": art, "paragraph": 2, "text": quote_text, "quoted_from": where},
         "kind": what, "document_rank": kind, "implementing": implementing, "sentence": sent.strip()},
        ("删除对其他地区个人、企业或者商品的限制条件。" if what == "market" else
         "删除该许可，或写明设定该许可的法律、行政法规条文（依照《……》第X条的规定取得……）。"))


# -- conditions that keep out other regions' businesses, in any normative document ------------------------
# 反垄断法 第五章 (滥用行政权力排除、限制竞争): the article for each kind of condition, numbered as in the 2022 text
# (in force 2022-08-01) and, before, as in the 2007 text; 优化营商环境条例 (in force 2020-01-01) 第六十四条 for a
# 规范性文件 and 第十三条 for bidding; 公平竞争审查条例 (in force 2024-08-01) 第九条
_COMPETITION_LAW = "中华人民共和国反垄断法"
_COMPETITION_ARTICLES = {"designated": (39, 32), "goods": (41, 33), "bidding": (42, 34), "business": (43, 35),
                         "rules": (45, 37)}
_COMPETITION_2022 = "2022-08-01"
_COMPETITION_IN_FORCE = "2008-08-01"
_BUSINESS_ENVIRONMENT = "优化营商环境条例"
_FAIR_COMPETITION = "公平竞争审查条例"
_MARKET_TEXTS = {
    (_COMPETITION_LAW, 39): "行政机关和法律、法规授权的具有管理公共事务职能的组织不得滥用行政权力，限定或者变相限定单位或者"
                            "个人经营、购买、使用其指定的经营者提供的商品。",
    (_COMPETITION_LAW, 41): "行政机关和法律、法规授权的具有管理公共事务职能的组织不得滥用行政权力，实施下列行为，妨碍商品在"
                            "地区之间的自由流通：\n（一）对外地商品设定歧视性收费项目、实行歧视性收费标准，或者规定歧视性价格；"
                            "\n（二）对外地商品规定与本地同类商品不同的技术要求、检验标准，或者对外地商品采取重复检验、重复认证等"
                            "歧视性技术措施，限制外地商品进入本地市场；\n（三）采取专门针对外地商品的行政许可，限制外地商品进入"
                            "本地市场；\n（四）设置关卡或者采取其他手段，阻碍外地商品进入或者本地商品运出；\n（五）妨碍商品在地区"
                            "之间自由流通的其他行为。",
    (_COMPETITION_LAW, 42): "行政机关和法律、法规授权的具有管理公共事务职能的组织不得滥用行政权力，以设定歧视性资质要求、评审"
                            "标准或者不依法发布信息等方式，排斥或者限制经营者参加招标投标以及其他经营活动。",
    (_COMPETITION_LAW, 43): "行政机关和法律、法规授权的具有管理公共事务职能的组织不得滥用行政权力，采取与本地经营者不平等待遇"
                            "等方式，排斥、限制、强制或者变相强制外地经营者在本地投资或者设立分支机构。",
    (_COMPETITION_LAW, 45): "行政机关和法律、法规授权的具有管理公共事务职能的组织不得滥用行政权力，制定含有排除、限制竞争内容"
                            "的规定。",
    (_COMPETITION_LAW, 32): "行政机关和法律、法规授权的具有管理公共事务职能的组织不得滥用行政权力，限定或者变相限定单位或者"
                            "个人经营、购买、使用其指定的经营者提供的商品。",
    (_COMPETITION_LAW, 33): "行政机关和法律、法规授权的具有管理公共事务职能的组织不得滥用行政权力，实施下列行为，妨碍商品在"
                            "地区之间的自由流通：\n（一）对外地商品设定歧视性收费项目、实行歧视性收费标准，或者规定歧视性价格；"
                            "\n（二）对外地商品规定与本地同类商品不同的技术要求、检验标准，或者对外地商品采取重复检验、重复认证等"
                            "歧视性技术措施，限制外地商品进入本地市场；\n（三）采取专门针对外地商品的行政许可，限制外地商品进入"
                            "本地市场；\n（四）设置关卡或者采取其他手段，阻碍外地商品进入或者本地商品运出；\n（五）妨碍商品在地区"
                            "之间自由流通的其他行为。",
    (_COMPETITION_LAW, 34): "行政机关和法律、法规授权的具有管理公共事务职能的组织不得滥用行政权力，以设定歧视性资质要求、评审"
                            "标准或者不依法发布信息等方式，排斥或者限制外地经营者参加本地的招标投标活动。",
    (_COMPETITION_LAW, 35): "行政机关和法律、法规授权的具有管理公共事务职能的组织不得滥用行政权力，采取与本地经营者不平等待遇"
                            "等方式，排斥或者限制外地经营者在本地投资或者设立分支机构。",
    (_COMPETITION_LAW, 37): "行政机关不得滥用行政权力，制定含有排除、限制竞争内容的规定。",
    (_BUSINESS_ENVIRONMENT, 13): "招标投标和政府采购应当公开透明、公平公正，依法平等对待各类所有制和不同地区的市场主体，不得以"
                                 "不合理条件或者产品产地来源等进行限制或者排斥。\n政府有关部门应当加强招标投标和政府采购监管，"
                                 "依法纠正和查处违法违规行为。",
    (_BUSINESS_ENVIRONMENT, 64): "没有法律、法规或者国务院决定和命令依据的，行政规范性文件不得减损市场主体合法权益或者增加其义务，"
                                 "不得设置市场准入和退出条件，不得干预市场主体正常生产经营活动。\n涉及市场主体权利义务的行政规范性"
                                 "文件应当按照法定要求和程序予以公布，未经公布的不得作为行政管理依据。",
    (_FAIR_COMPETITION, 9): "起草单位起草的政策措施，不得含有下列限制商品、要素自由流动的内容：\n（一）限制外地或者进口商品、要素"
                            "进入本地市场，或者阻碍本地经营者迁出，商品、要素输出；\n（二）排斥、限制、强制或者变相强制外地经营者"
                            "在本地投资经营或者设立分支机构；\n（三）排斥、限制或者变相限制外地经营者参加本地政府采购、招标投标；"
                            "\n（四）对外地或者进口商品、要素设置歧视性收费项目、收费标准、价格或者补贴；\n（五）在资质标准、监管执法"
                            "等方面对外地经营者在本地投资经营设置歧视性要求；\n（六）其他限制商品、要素自由流动的内容。",
}
# the version of each law the quoted numbering belongs to (the registry's text of that version is quoted)
_MARKET_VERSIONS = {**{(_COMPETITION_LAW, n): "2022-06-24" for n in (39, 41, 42, 43, 45)},
                    **{(_COMPETITION_LAW, n): "2007-08-30" for n in (32, 33, 34, 35, 37)},
                    (_BUSINESS_ENVIRONMENT, 13): "2019-10-22", (_BUSINESS_ENVIRONMENT, 64): "2019-10-22",
                    (_FAIR_COMPETITION, 9): "2024-06-06"}


def _market_rule(registry, law, art) -> dict:
    """The evidence entry for one article: its text from the registry's copy of the version the number belongs
    to (反垄断法 第四十三条 is of the 2022 text, 第三十五条 of the 2007 one), else the built-in quotation."""
    quote, where = _MARKET_TEXTS[(law, art)], "builtin"
    entry = registry.get(law)
    version = _MARKET_VERSIONS[(law, art)]
    if entry is not None:
        for v in entry.versions:
            if v.date == version and art in v.texts:
                quote, where = v.texts[art], "registry"
    return {"law": law, "article": art, "version": version, "text": quote, "quoted_from": where}


def _market_target(sent: str, a: int, b: int) -> str:
    """What a condition keeps out: bidding (招标投标, 政府采购), goods, a designated supplier, or businesses and
    people (the default)."""
    if re.search(r"招标|投标|政府采购|竞标|比选", sent):
        return "bidding"
    near = sent[max(0, a - 6):b + 6]
    if re.match(r"(?:一律|统一|只能|必须|须|应当)(?:由|从|向)", sent[a:b]) or _AGENCY_DESIGNATES.search(sent[a:b]):
        return "designated"
    if re.search(r"指定|限定", near) and re.search(r"企业|经营者|单位|供应商", sent[a:b + 6]):
        return "designated"
    if re.search(r"商品|产品|货物(?!运输)|材料|设备|物资", sent[a:b] + re.split(r"[，,]", sent[b:], maxsplit=1)[0]):
        return "goods"
    return "business"


def _first_sentence(article_text: str) -> str:
    """The first paragraph of an article without its number, ending in 。 (a lead ending in ： too)."""
    first = re.sub(r"^第[零〇一二三四五六七八九十百千两0-9]+条\s*", "", article_text.strip()).split("\n", 1)[0]
    return re.sub(r"[：:]$", "。", first)


def _market_findings(text, cites, registry, kind, date, title):
    """LOCAL_MARKET_RESTRICTION in a 规范性文件, a 部门规章 or a city's 政府规章 (a 地方性法规 and a province's rule
    get it under 行政许可法 第十五条第二款 in :func:`_level_findings`): a condition that keeps out other regions'
    people, businesses or goods. 反垄断法 第五章 forbids them in any normative document an agency makes
    (第四十五条), 优化营商环境条例 第六十四条 forbids a 规范性文件 to set conditions of market entry, and 第十三条
    conditions on bidding by region. Exempt as the other level checks: a sentence that restates a cited upper
    law, a bracketed source article, 法律、法规另有规定."""
    if kind not in ("规范性文件", "部门规章", "地方政府规章"):
        return []
    if kind == "地方政府规章" and _provincial_rule(title or "", text):
        return []
    if not re.search(rf"{_OTHER_REGION}|{_LOCAL}|(?:由|从|向)[^。；，]{{0,10}}(?:公司|集团|厂)|{_AGENCY_DESIGNATES.pattern}", text) or \
            date < _COMPETITION_IN_FORCE:
        return []  # 反垄断法, the law these findings rest on, took effect on 2008-08-01
    out = []
    upper, sourced = _restating_sentences(text, cites, registry)
    amended = date >= _COMPETITION_2022
    for m in re.finditer(r"[^。；\n]+[。；]?", text):
        sent, s0 = m.group(0), m.start()
        hit = _market_restriction(sent, _item_lead(text, s0))
        if hit is None:
            continue
        f0 = _sentence_start(text, s0)
        full = text[f0:s0 + len(sent)]
        if any(f0 <= a < s0 + len(sent) for a in upper) and _IMPLEMENTS.search(full) or \
                any(f0 <= a < s0 + len(sent) for a in sourced) or _LAW_REFERENCE.search(full):
            continue
        a, b, severity = hit
        target = _market_target(sent, a, b)
        numbers = _COMPETITION_ARTICLES[target]
        art = numbers[0] if amended else numbers[1]
        general = _COMPETITION_ARTICLES["rules"][0 if amended else 1]
        rules = [_market_rule(registry, _COMPETITION_LAW, art), _market_rule(registry, _COMPETITION_LAW, general)]
        why = f"反垄断法{_cn_article(art)}规定：{_first_sentence(rules[0]['text'])}"
        if date >= "2020-01-01":
            if kind == "规范性文件":
                rules.append(_market_rule(registry, _BUSINESS_ENVIRONMENT, 64))
                why += f"优化营商环境条例第六十四条规定：{_first_sentence(rules[-1]['text'])}"
            if target == "bidding":
                rules.append(_market_rule(registry, _BUSINESS_ENVIRONMENT, 13))
                why += f"第十三条规定：{_first_sentence(rules[-1]['text'])}"
        if date >= "2024-08-01":
            rules.append(_market_rule(registry, _FAIR_COMPETITION, 9))
        a, b = s0 + a, s0 + b
        extra = "该要求只针对其他地区的经营者，如属变相的准入条件，应予删除。" if severity == "warning" else ""
        out.append(Finding(
            "LOCAL_MARKET_RESTRICTION", severity, a, b, text[a:b],
            f"{kind}设定了限制其他地区的个人、企业或者商品进入本地区市场的条件：“{text[a:b]}”。{why}"
            f"制定含有排除、限制竞争内容的规定，违反反垄断法{_cn_article(general)}。{extra}",
            {"rule": rules[0], "rules": rules, "kind": "market", "target": target, "document_rank": kind,
             "sentence": sent.strip()},
            "删除对其他地区个人、企业或者商品的限制条件，并按公平竞争审查制度对本文件进行审查。"))
    return out


def _merge_licences(findings: list, market: list, sentence_of) -> list:
    """The findings with NORMATIVE_SETS_LICENSE / RULE_SETS_LICENSE dropped where a LOCAL_MARKET_RESTRICTION is
    in the same sentence (外地企业…应当经市住建局批准: one provision, one finding); the licence rule goes into the
    market finding's evidence and message, as it also forbids the approval."""
    if not market:
        return findings
    by_sentence = {sentence_of(f.start): f for f in market}
    kept = []
    for f in findings:
        m = by_sentence.get(sentence_of(f.start)) if f.code in ("NORMATIVE_SETS_LICENSE", "RULE_SETS_LICENSE") else None
        if m is None:
            kept.append(f)
            continue
        rule = f.evidence.get("rule", {})
        m.evidence["licence"] = {"code": f.code, "rule": rule, "quote": f.quote}
        m.message += f"该条件同时设定了行政许可：“{f.quote}”（{f.code}，行政许可法{_cn_article(rule.get('article', 17))}）。"
        m.severity = "error"
    return kept


# -- a penalty or licence an upper law already sets, restated without naming it ------------------------
# 驱使犬只伤害他人的，由公安部门处五日以上十日以下拘留 (治安管理处罚法 第四十三条), 未取得资质等级证书…逾期不改正的，由
# 工商行政管理部门吊销营业执照 (城市房地产开发经营管理条例 第三十四条): the text restates an article of a law that may set
# that penalty, for the same conduct, in the same words; it sets nothing. Compared, as character bigrams, with the
# articles of the laws the text cites and of every 法律 and 行政法规 of the registry that name the same penalty.
_RESTATED_CONDUCT = 0.6   # share of the conduct's bigrams found in the upper-law sentence
_RESTATED_WHOLE = 0.65    # share of the whole provision's (conduct and sanction) bigrams found there
_RESTATED_NARROWER = 0.4  # share of the upper-law conduct's bigrams the provision's conduct holds
_DEGREE = re.compile(r"^(?:情节|逾期|拒不|屡|再次|多次|有违法所得|没有违法所得|违法所得|构成犯罪|造成|数额|货值|经整顿|经责令|"
                     r"经教育|尚不构成|不构成)")
_OWN_VIOLATION = re.compile(r"违反(?:本(?:条例|办法|规定|细则|决定|法|规则|实施办法)|有关|相关|国家)?[^，,。；;]{0,40}?"
                            r"(?:规定|要求)(?:的)?[，,]?")
_AGENCY_NAMED = re.compile(r"由[^，,。；;]{0,30}?(?:部门|机关|机构|局|政府|委员会)")
_AMOUNT_CN = re.compile(r"[零〇一二三四五六七八九十百千万两]+(?:元|日|个月|倍)")
_LONG_SANCTION = 24     # characters: a sanction of several parts (责令停止…，没收…，并处…；有违法所得的，…；情节严重的，…)
_COPIED_SANCTION = 0.8   # share of such a sanction's bigrams found in the upper-law sentence
_COPIED_CONDUCT = 0.4    # share of the conduct's bigrams found there, when the whole sanction is copied
_SPECIAL_CASE = 0.8    # share of an upper-law conduct's bigrams a special case of it holds
# specific words a local text uses for the general ones of an upper law's conduct
# (not 工作人员 / 执法人员: upper laws name them, 阻碍国家机关工作人员依法执行职务)
_GENERAL_WORDS = ((re.compile(r"(?:劝阻人|举报人|投诉人|检举人|控告人|劝导人|志愿者)"
                              r"(?:[、和及或]\s*(?:劝阻人|举报人|投诉人|检举人|控告人|劝导人|志愿者))*"), "他人"),
                  (re.compile(r"犬只|宠物犬|烈性犬|犬类"), "动物"))
_CONDUCT_MIN = 6  # bigrams: 驾驶机动车 (four) names no conduct an article could be matched on


_OWN_REF = re.compile(r"违反本(?:条例|办法|规定|细则)第([零〇一二三四五六七八九十百千两]+)条(?:第([一二三四五六七八九十]+)款)?"
                      r"(?:第([一二三四五六七八九十]+)项)?(?:的)?规定(?:的)?[，,]")


@functools.lru_cache(maxsize=8)
def _own_articles(text: str) -> dict:
    out = {}
    for n, _, t in plain_articles(text):
        out.setdefault(n, t)  # the first article of that number
    return out


def _referred_conduct(text: str, pos: int) -> str:
    """The conduct of ``违反本条例第X条（第Y款）第Z项规定的，`` before ``pos`` in its paragraph: the text of that item
    (（三）掺杂、掺假、以假充真、以次充好，以不合格产品冒充合格产品；), or of that paragraph when it names no item;
    "" when the paragraph refers to none or the text has no such article."""
    para = text.rfind("\n", 0, pos) + 1
    refs = list(_OWN_REF.finditer(text, para, pos))
    if not refs:
        return ""
    m = refs[-1]
    art = cn_to_int(m.group(1))
    body = _own_articles(text).get(art)
    if body is None:
        return ""
    lines = [ln.strip() for ln in body.split("\n") if ln.strip()]
    if m.group(3):
        k = cn_to_int(m.group(3))
        items = [ln for ln in lines if _ITEM_LINE.match(ln)]
        if not k or k > len(items):
            return ""
        cond = _ITEM_LINE.match(items[k - 1]).group(1)
    else:
        paras = [ln for ln in lines if not _ITEM_LINE.match(ln)]
        k = cn_to_int(m.group(2)) if m.group(2) else 1
        if not k or k > len(paras) or m.group(2) is None and len(paras) > 1:
            return ""
        cond = re.sub(r"^第[零〇一二三四五六七八九十百千两0-9]+条\s*", "", paras[k - 1])
    cond = re.sub(r"^(?:禁止|严禁|不得)|[；;。]$", "", cond.strip())
    return cond if len(_norm_cn(cond)) > _CONDUCT_MIN else ""


_TITLE_REGION = re.compile(r"^(?:中华人民共和国|(?:[\u4e00-\u9fff]{1,6}?(?:省|自治区|市|自治州|州|县|区|盟|旗))+)")
_TITLE_FORM = re.compile(r"(?:若干规定|实施细则|实施办法|条例|规定|办法|细则)$")
_NAMESAKES: dict = {}


def _title_core(title: str) -> str:
    """房地产开发经营管理 of 淄博市房地产开发经营管理条例, 杭州市城市房地产开发经营管理若干规定 and 城市房地产开发经营管理条例."""
    return _TITLE_FORM.sub("", _TITLE_REGION.sub("", title or ""))


def _namesakes(registry, own, floor) -> list:
    """The 行政法规 of the registry whose subject is the title's (城市房地产开发经营管理条例 for 淄博市房地产开发经营管理条例):
    a local regulation named after a national one restates it, often without citing it."""
    core = _title_core(own or "")
    if len(core) < 4:
        return []
    key = (id(registry), core)
    hit = _NAMESAKES.get(key)
    if hit is None or hit[0] is not registry:
        laws = [law for law in registry.laws.values() if law.rank == "行政法规" and law.title != own
                and _title_core(law.title) == core]
        if len(_NAMESAKES) > 256:
            _NAMESAKES.clear()
        hit = _NAMESAKES[key] = (registry, laws)
    return [law for law in hit[1] if (rank_value(law.rank) or 0) >= floor]


def _generalised(s: str) -> str:
    for rx, word in _GENERAL_WORDS:
        s = rx.sub(word, s)
    return s


def _norm_cn(s: str) -> str:
    """Chinese characters only, Arabic numbers spelled out (5万元 -> 五万元, 5日 -> 五日), so that a restatement in
    either numerals compares equal."""
    s = s.translate(str.maketrans("０１２３４５６７８９", "0123456789"))
    s = re.sub(r"\d+", lambda m: int_to_cn(int(m.group())) if len(m.group()) < 9 else "", s)
    return re.sub(r"[^\u4e00-\u9fff]", "", s)


def _bigrams(s: str) -> frozenset:
    s = _norm_cn(s)
    return frozenset(s[i:i + 2] for i in range(len(s) - 1))


# a condition that names only who broke a rule (…的单位违反规定的) once 违反…规定 is taken off
_PARTY_END = re.compile(r"(?:单位|个人|企业|经营者|机构|人员|组织|公司|当事人|者)$")


def _conduct_of(text: str, pos: int) -> str:
    """The conduct a sanction at ``pos`` answers: the nearest condition (…的，) before it in its paragraph that is
    not a degree (情节严重的, 逾期不改正的), without 违反本条例第X条规定 and the article number; "" when the paragraph
    names none (违反本条例第八条规定的，…)."""
    para = text.rfind("\n", 0, pos) + 1
    seg = text[para:pos]
    for m in reversed(list(re.finditer(r"的[，,]", seg))):
        start = max(seg.rfind(p, 0, m.start()) for p in "。；;：:") + 1
        cond = re.sub(r"^\s*第[零〇一二三四五六七八九十百千两0-9]+条\s*", "", seg[start:m.start()])
        bare = _OWN_VIOLATION.sub("", cond).strip("，, ")
        if _DEGREE.match(bare):
            continue
        if bare != cond.strip("，, ") and _PARTY_END.search(bare):
            return ""  # 人工繁育…的单位违反规定的: who broke a rule, not what they did
        return bare if len(_norm_cn(bare)) > _CONDUCT_MIN else ""
    return ""


@functools.lru_cache(maxsize=64)
def _source_articles(path: str) -> tuple:
    """((article, text), ...) of one law file, read as plain text (.md/.txt) or through the loaders."""
    if not os.path.isfile(path):
        return ()
    if path.endswith((".md", ".txt")):
        try:
            with open(path, encoding="utf-8") as fh:
                return tuple((n, t) for n, _, t in plain_articles(fh.read()))
        except (OSError, UnicodeDecodeError):
            return ()
    return tuple(_load_articles(path))


@functools.lru_cache(maxsize=256)
def _source_article_map(path: str) -> dict:
    """{article: text} of one law file (cached)."""
    out: dict = {}
    for n, t in _source_articles(path):
        out.setdefault(n, t)
    return out


def _article_text(version, article: int) -> str | None:
    """The text of ``article`` in ``version``, read from the files it was built from; None when they cannot be
    read (a registry built from the store, moved files)."""
    for src in version.sources:
        t = _source_article_map(str(src)).get(article)
        if t is not None:
            return t
    return None


_SENTENCE_MARKS = "。；;？！\n"


def _stale_number(text: str, c, law, v, cites) -> "Finding | None":
    """CITE_STALE_NUMBER: the sentence around a citation of ``law`` 第N条 says what another article of the version
    in force ``v`` provides (or what 第N条 of the version before it provided), and shares almost nothing with 第N条
    as it now reads (see :mod:`fazhi.graph.stale`)."""
    from fazhi.graph.stale import MIN_MEANT, content_grams, decode, judge

    a = max(text.rfind(m, 0, c.start) for m in _SENTENCE_MARKS) + 1
    ends = [i for i in (text.find(m, c.end) for m in _SENTENCE_MARKS) if i >= 0]
    b = min(ends) if ends else len(text)
    # one article cited in the sentence: with several, which words go with which number cannot be told
    if any(x is not c and x.article and a <= x.start < b for x in cites):
        return None
    sentence = text[a:b]
    raw = (c.attrs or {}).get("raw_title") or c.law or ""
    grams = content_grams(sentence, drop=(c.text, raw))
    earlier = [x for x in law.versions if x.date < v.date and x.articles and getattr(x, "signatures", None)]
    prev = earlier[-1] if earlier else None
    current = decode(v.signatures)
    verdict = judge(grams, current, c.article, decode(prev.signatures) if prev is not None else None)
    if verdict is None:
        return None
    cited, meant, meant_score, before, best_before = verdict
    name = _short(law.title)
    now = _article_text(v, c.article)
    now = re.sub(r"^\s*第[零〇一二三四五六七八九十百千两0-9]+条\s*", "", now or "").split("\n")[0]
    now = (now[:40] + "……") if len(now) > 40 else now
    msg = f"{name}{_cn_article(c.article)}（{v.date}版本）" + (f"现规定“{now}”" if now else "现行内容") + "，与本句所述不符"
    if meant is not None and before >= MIN_MEANT:
        msg += f"；本句所述与修订前（{prev.date}版本）{_cn_article(c.article)}相符，现为{_cn_article(meant)}。" \
               f"疑为修订前{_cn_article(c.article)}，现{_cn_article(meant)}。"
    elif meant is not None:
        msg += f"；本句所述与现行{_cn_article(meant)}相符，疑为条文序号有误，应为{_cn_article(meant)}。"
    elif best_before:
        msg += f"；本句所述与修订前（{prev.date}版本）{_cn_article(c.article)}相符，疑沿用了修订前的条文序号。"
    else:
        msg += f"；本句所述与修订前（{prev.date}版本）{_cn_article(c.article)}等条文相近，疑沿用了修订前（或更早版本）的条文序号。"
    shared = sorted(current.get(meant, frozenset()) & grams) if meant is not None else []
    ev = {"law": law.title, "article": c.article, "version": v.date, "cited_overlap": cited,
          "meant_article": meant, "meant_overlap": meant_score, "meant_shared": shared,
          "previous_version": prev.date if prev is not None else None, "previous_overlap": before,
          "previous_best_match": best_before,
          "sentence": sentence.strip()[:200]}
    advice = (f"核对条文序号：按现行版本应引用{_cn_article(meant)}。" if meant is not None else
              f"按现行版本核对该规定的条文序号（修订前{_cn_article(c.article)}的内容已调整）。")
    return Finding("CITE_STALE_NUMBER", "warning", c.start, c.end, c.text, msg, ev, advice)


def _cited_part(version, c) -> str:
    """第二十三条, or 第二十三条第一款 when a paragraph of an article of several is cited."""
    p = getattr(c, "paragraph", None)
    several = len(version.paragraphs(c.article) or (0,)) > 1
    return _cn_article(c.article) + (f"第{int_to_cn(p)}款" if p and several else "")


def _cited_floor(version, article: int, paragraph: int | None) -> int | None:
    """The lowest fine in yuan the cited article (its paragraph when one is cited) allows; None when unknown or
    when it sets no fine in yuan."""
    t = _article_text(version, article)
    if t is None:
        return None
    if paragraph:
        paras = article_paragraphs(t)
        if len(paras) > 1:
            if paragraph > len(paras):
                return None
            t = paras[paragraph - 1][0]
    return fine_floor(t)


def _load_articles(path: str):
    from fazhi.corpora.loaders import load_path
    from fazhi.errors import FazhiError

    try:
        for doc in load_path(path):
            spans = doc.spans.get("article")
            arts = [(sp.norm, doc.text[sp.start:sp.end]) for sp in spans if isinstance(sp.norm, int)] if spans \
                else [(n, t) for n, _, t in plain_articles(doc.text)]
            yield from arts
    except (OSError, FazhiError) as e:
        log.debug("cannot read %s for restatements: %s", path, e)


_RESTATE_WORDS = re.compile(r"拘留|吊销|暂扣|没收|停产|停业|关闭|资质|资格|许可|登记|从业|罚款|警告|通报批评|查封|扣押|冻结|强制")
_UPPER_ARTICLES: dict = {}
_LAW_UNITS: dict = {}


class _Unit:
    """One sentence (to 。) of an upper-law article that names a penalty or licence; its bigrams, and those of the
    conduct it answers, are computed when a provision is first compared with it."""

    __slots__ = ("title", "rank", "article", "sentence", "_text", "_at", "_grams", "_conduct", "_items")

    def __init__(self, title, rank, article, sentence, text, at, items=None):
        self.title, self.rank, self.article, self.sentence = title, rank, article, sentence
        self._text, self._at, self._grams, self._conduct = text, at, None, None
        self._items = items  # a list article: the conduct of each item (一)…(七)

    @property
    def grams(self) -> frozenset:
        if self._grams is None:
            self._grams = _bigrams(self.sentence)
        return self._grams

    @property
    def conduct(self) -> list:
        """The bigrams of each alternative of the conduct (伪造产品产地的，伪造或者冒用他人厂名、厂址的，伪造或者冒用认证标志
        等质量标志的: three; 饮酒后或者醉酒驾驶机动车发生重大交通事故，构成犯罪的: one)."""
        if self._conduct is None:
            parts = re.split(r"的[，,]|[，,]或者", _conduct_of(self._text, self._at))
            for item in self._items or ():
                # the items of a list are short alternatives each (公然侮辱他人或者捏造事实诽谤他人: two), besides
                # the lead's (举行集会、游行、示威，有下列情形之一)
                parts += re.split(r"的[，,]|[，,]?或者", item)
            self._conduct = [g for g in (_bigrams(p) for p in parts) if g] or [frozenset()]
        return self._conduct


_SAME_LAW_PENALTY = re.compile(r"依照本(?:法|条例)第([零〇一二三四五六七八九十百千两0-9]+)条(?:第([一二三四五六七八九十]+)款)?"
                               r"(?:的)?规定(?:予以)?(?:处罚|处理)")
_LIST_LEAD = re.compile(r"下列[^。；，,]{0,10}之一的[，,][^。]*[：:]\s*$")
_ITEM_LINE = re.compile(r"^[ \t\u3000]*[（(][一二三四五六七八九十]+[）)]\s*([^\n]+)", re.M)


def _list_items(t: str, end: int) -> list:
    """The conduct of the items (（一）…的；) that follow a list lead ending at ``end`` in article text ``t``."""
    items = []
    pos = end
    while True:
        m = _ITEM_LINE.match(t, t.find("\n", pos) + 1) if t.find("\n", pos) >= 0 else None
        if m is None:
            # blank lines between items
            nxt = re.compile(r"\n\s*").match(t, pos)
            if nxt is None or nxt.end() == pos:
                break
            m = _ITEM_LINE.match(t, nxt.end())
            if m is None:
                break
        items.append(re.sub(r"的?[；;。]?$", "", m.group(1).strip()))
        pos = m.end()
    return items


def _with_referred_sanction(sent: str, articles: dict) -> str:
    """``sent`` with 依照本法第X条（第Y款）的规定处罚 replaced by the sanction of that article (its paragraph Y): the
    sentence as it would read with the penalty written out; "" when there is no such reference or article."""
    m = _SAME_LAW_PENALTY.search(sent)
    if m is None:
        return ""
    target = articles.get(cn_to_int(m.group(1)) if not m.group(1).isdigit() else int(m.group(1)))
    if not target:
        return ""
    paras = [p.strip() for p in target.split("\n") if p.strip()]
    if m.group(2):
        k = cn_to_int(m.group(2))
        if not k or k > len(paras):
            return ""
        para = paras[k - 1]
    else:
        para = paras[0]
    para = re.sub(r"^第[零〇一二三四五六七八九十百千两0-9]+条\s*", "", para)
    w = _RESTATE_WORDS.search(para)
    if w is None:
        return ""
    cut = para.rfind("的，", 0, w.start())
    sanction = para[cut + 2:] if cut >= 0 else para[w.start():]
    return sent[:m.start()] + sanction


def _law_articles(law) -> list:
    """The :class:`_Unit` sentences of every version of ``law`` that name a penalty or licence of the kinds the level
    checks look at (cached per law). Sentences, not whole articles: 道路交通安全法 第九十一条 暂扣 the licence of
    饮酒后驾驶机动车 in one sentence and 吊销 it for 醉酒驾驶 in another."""
    hit = _LAW_UNITS.get(id(law))
    if hit is not None and hit[0] is law:
        return hit[1]
    rv = rank_value(law.rank) or 0
    out, seen = [], set()
    for v in law.versions:
        for src in v.sources:
            arts = _source_articles(str(src))
            by_number = dict(arts)
            for n, t in arts:
                refs = _SAME_LAW_PENALTY.search(t)
                if not _RESTATE_WORDS.search(t) and not refs:
                    continue
                for m in re.finditer(r"[^。\n]+", t):
                    sent = m.group(0)
                    w = _RESTATE_WORDS.search(sent)
                    if not w:
                        # 驱使动物伤害他人的，依照本法第四十三条第一款的规定处罚 (治安管理处罚法 第七十五条): the
                        # conduct with the sanction of the article it points to
                        sent = _with_referred_sanction(sent, by_number)
                        w = _RESTATE_WORDS.search(sent) if sent else None
                        if not w:
                            continue
                        if (n, sent) not in seen:
                            seen.add((n, sent))
                            out.append(_Unit(law.title, rv, n, sent, sent, w.start()))
                        continue
                    if (n, sent) in seen:
                        continue
                    seen.add((n, sent))
                    items = _list_items(t, m.end()) if _LIST_LEAD.search(sent) else None
                    if items:
                        # 有下列行为之一的，处五日以下拘留…：（一）写恐吓信或者以其他方法威胁他人人身安全的；…: the
                        # lead's sanction answers each item's conduct, and so does a paragraph after the items
                        # (道路交通安全法 第九十九条: 有第一项、第三项、第五项至第八项情形之一的，可以并处十五日以下拘留)
                        out.append(_Unit(law.title, rv, n, t[m.start():], t, m.start() + w.start(), items))
                        continue
                    out.append(_Unit(law.title, rv, n, sent, t, m.start() + w.start()))
    if len(_LAW_UNITS) > 512:
        _LAW_UNITS.clear()
    _LAW_UNITS[id(law)] = (law, out)
    return out


def _national_articles(registry) -> list:
    """The :class:`_Unit` sentences of every 法律 of ``registry`` (built once per registry: the files are read, the
    bigrams computed only for the sentences a provision is compared with). A 行政法规 is compared when the text cites
    it (郑州市城市房地产开发经营管理条例 cites 城市房地产开发经营管理条例)."""
    key = id(registry)
    hit = _UPPER_ARTICLES.get(key)
    if hit is None or hit[0] is not registry:
        arts = []
        for law in registry.laws.values():
            if law.rank == "法律":
                arts.extend(_law_articles(law))
        _UPPER_ARTICLES.clear()
        hit = _UPPER_ARTICLES[key] = (registry, arts)
    return hit[1]


def _restated(registry, cites, kind, text, pos, provision, words, min_rank=None, conduct_needed=True, own=None):
    """(title, article) of the upper-law article that ``provision`` (the clause at ``pos`` with its sentence)
    restates, else None: an article of a law of rank ``min_rank`` or above (above ``kind`` when None) that names
    ``words`` (a pattern of the penalty or licence) and holds most of the provision's words, and, for a penalty,
    of the conduct it answers (``conduct_needed``). The text's own articles (``own``, its title) are not upper law."""
    floor = rank_value(min_rank) if min_rank else (rank_value(kind) or 0) + 1
    conduct = _conduct_of(text, pos) if conduct_needed else ""
    if conduct_needed and not conduct:
        # 违反本条例第十二条第三项规定的，…: the conduct is the one that article (item) forbids
        conduct = _referred_conduct(text, pos)
    if conduct_needed and not conduct:
        return None
    # the agency a local text names (由县级以上人民政府市场监督管理部门) is its own to name, and the local rule it
    # breaks (违反本条例第三十八条第二款规定) its own to cite: not compared
    provision = _AGENCY_NAMED.sub("", provision)
    provision = _OWN_VIOLATION.sub("", re.sub(r"^\s*第[零〇一二三四五六七八九十百千两0-9]+条\s*", "", provision))
    # a special case of the upper law's conduct, in its general words: 劝阻人、举报人 are 他人, 犬只 an 动物
    conduct, provision = _generalised(conduct), _generalised(provision)
    whole = _bigrams(conduct + provision) if conduct_needed else _bigrams(provision)
    if len(whole) < 6:
        return None
    cb = _bigrams(conduct) if conduct else None
    # the sanction: what the provision says after its conduct (处五日以下拘留或者五百元以下罚款)
    at = provision.rfind(conduct[-6:]) if conduct else -1
    sanction = _norm_cn(provision[at + 6:]).lstrip("的") if conduct and at >= 0 else ""
    cited = []
    for c in cites:
        law = registry.get(c.law) if c.law and not (c.attrs or {}).get("self") else None
        if law is not None and (rank_value(law.rank) or 0) >= floor and law.rank != "法律":
            cited.append(law)
    cited += _namesakes(registry, own, floor)
    pool = [a for law in {id(x): x for x in cited}.values() for a in _law_articles(law)] + _national_articles(registry)
    # the amounts and terms of the sanction (五千元, 二万元, 十日): a restatement names the upper law's own
    amounts = set(_AMOUNT_CN.findall(sanction)) if sanction else set()
    for u in pool:
        if u.rank < floor or u.title == own or not words.search(u.sentence):
            continue
        if amounts and not amounts <= set(_AMOUNT_CN.findall(_norm_cn(u.sentence))):
            continue  # 处5000元以上2万元以下罚款 is not 物业管理条例's 处1万元以上10万元以下的罚款
        if cb is not None and len(sanction) >= 8 and \
                any(len(alt) >= 5 and len(alt & cb) >= _SPECIAL_CASE * len(alt) for alt in u.conduct) and \
                sanction in _norm_cn(u.sentence):
            # the same sanction for a special case of the upper law's conduct (为赌博提供场所、工具、资金或者其他条件
            # under 为赌博提供条件; 殴打劝阻人、举报人 under 殴打他人)
            return u.title, u.article
        if cb is not None and len(sanction) >= _LONG_SANCTION and \
                len(_bigrams(sanction) & u.grams) >= _COPIED_SANCTION * len(_bigrams(sanction)) and \
                len(cb & u.grams) >= _COPIED_CONDUCT * len(cb):
            # the upper law's whole sanction copied for its conduct with the product named (在燃气中掺杂、掺假 under
            # 产品质量法 第五十条 在产品中掺杂、掺假; 拒绝、干扰依法检查 under 第五十六条)
            return u.title, u.article
        if len(whole & u.grams) < _RESTATED_WHOLE * len(whole):
            continue
        if cb is not None and len(cb & u.grams) < _RESTATED_CONDUCT * len(cb):
            continue
        if cb is not None and all(len(alt & cb) < _RESTATED_NARROWER * len(alt) for alt in u.conduct):
            continue  # 饮酒后或者醉酒驾驶机动车发生重大交通事故，构成犯罪的: the upper law's conduct is narrower
        return u.title, u.article
    return None
