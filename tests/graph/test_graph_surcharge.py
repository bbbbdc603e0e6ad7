"""SETS_SURCHARGE: 加处罚款 and 滞纳金 are a way of 行政强制执行 (行政强制法 第十二条第一项), which only a 法律 may set
(第十三条). A 规范性文件 or 规章 that attaches one to an administrative obligation is an error, a 法规 a warning; the
surcharge a law sets, restated, named 依法 or with its law, a contract's 滞纳金 and a clause forbidding it are not
findings."""
import pytest

from fazhi.graph.checks import CODES, check

HEAD = "某市某某管理办法\n某市某某局\n第一条 为了规范管理，制定本办法。\n"


def surcharges(registry, sentence, kind="规范性文件", date="2024-06-01"):
    r = check(HEAD + sentence, registry, kind=kind, date=date)
    return [f for f in r.findings if f.code == "SETS_SURCHARGE"]


@pytest.mark.parametrize("sentence, quote", [
    # an obligation no law attaches a surcharge to: a fee, a 专项资金, an 保障金, the 违法所得 ordered paid
    ("第二条 逾期未缴纳城市生活垃圾处理费的，由城市管理部门责令限期缴纳，并从滞纳之日起按日加收千分之五的滞纳金。",
     "加收千分之五的滞纳金"),
    ("第二条 建设单位未按期缴纳散装水泥专项资金的，每日加收应缴金额千分之三的滞纳金。", "加收应缴金额千分之三的滞纳金"),
    ("第二条 逾期不缴纳违法所得的，每日按违法所得数额的千分之二加处罚款。", "加处罚款"),
    ("第二条 用人单位逾期不缴纳残疾人就业保障金的，由财政部门责令限期缴纳；逾期仍不缴纳的，加收滞纳金。", "加收滞纳金"),
    ("二、停车收费单位未按时缴纳道路停车泊位使用费的，按欠缴金额每日千分之五缴纳滞纳金。", "缴纳滞纳金"),
])
def test_a_surcharge_set_by_a_normative_document_is_an_error(registry, sentence, quote):
    found = surcharges(registry, sentence)
    assert [(f.severity, f.quote) for f in found] == [("error", quote)]
    f = found[0]
    assert f.evidence["rule"]["law"] == "中华人民共和国行政强制法" and f.evidence["rule"]["article"] == 13
    assert "行政强制执行由法律设定" in f.evidence["rule"]["text"]
    assert "第十三条" in f.message and "行政强制执行" in f.message and "第四十五条" in f.message
    assert f.suggestion


@pytest.mark.parametrize("sentence", [
    # the surcharge a law sets on the same obligation, restated without naming the law
    "第二条 纳税人未按照规定期限缴纳税款的，税务机关除责令限期缴纳外，从滞纳税款之日起，按日加收滞纳税款万分之五的滞纳金。",
    "第二条 用人单位未按时足额缴纳社会保险费的，由社会保险费征收机构责令限期缴纳或者补足，并自欠缴之日起，按日加收万分之五的滞纳金。",
    "第二条 当事人到期不缴纳罚款的，每日按罚款数额的百分之三加处罚款，加处罚款的数额不得超出罚款的数额。",
    # … or with the law cited or named
    "第二条 用人单位逾期不缴纳的，依照《中华人民共和国社会保险法》第八十六条的规定加收滞纳金。",
    "第二条 当事人逾期不履行金钱给付义务的，依照《中华人民共和国行政强制法》第四十五条的规定加处罚款或者滞纳金。",
    "第二条 逾期不缴纳的，依照有关法律的规定加收滞纳金。",
    "第二条 当事人逾期不缴纳的，执法机关可以依法加处滞纳金。",
    # between private parties: a contract's 滞纳金, a 违约金, 物业费
    "第二条 业主逾期不交纳物业费的，物业服务企业可以按照物业服务合同的约定收取滞纳金。",
    "第二条 承租人逾期支付租金的，应当按照租赁合同约定每日支付千分之一的违约金。",
    "第二条 用户逾期不交水费的，供水企业可以按照供用水合同约定按日加收滞纳金。",
    # a clause forbidding it, a surcharge only named
    "第二条 缓缴期内免收滞纳金，任何单位不得向缴费人加收滞纳金。",
    "第二条 依照本办法加收的滞纳金，全额上缴国库。",
    "第二条 加处罚款的数额在行政复议期间不予计算。",
    "第二条 纳税人补缴应纳税款，缴纳滞纳金后，税务机关应当出具完税凭证。",
])
def test_a_law_s_surcharge_a_contract_s_or_one_forbidden_is_no_finding(registry, sentence):
    assert surcharges(registry, sentence) == []


def test_a_rule_is_an_error_and_a_regulation_a_warning(registry):
    s = "第二条 逾期未缴纳城市生活垃圾处理费的，从滞纳之日起按日加收千分之五的滞纳金。"
    assert [f.severity for f in surcharges(registry, s, kind="地方政府规章")] == ["error"]
    assert [f.severity for f in surcharges(registry, s, kind="部门规章")] == ["error"]
    reg = surcharges(registry, s, kind="地方性法规")
    assert [f.severity for f in reg] == ["warning"] and "法规经修改的" in reg[0].message
    assert surcharges(registry, s, kind="法律") == []
    assert surcharges(registry, s, kind="司法解释") == []


def test_unnamed_rules_or_a_lower_norm_make_a_warning(registry):
    s = "第二条 逾期不缴纳城市生活垃圾处理费的，由城市管理部门按照相关规定收取滞纳金，每日千分之三。"
    found = surcharges(registry, s)
    assert [f.severity for f in found] == ["warning"] and "按照相关规定" in found[0].message
    s = "第二条 逾期不缴纳城市生活垃圾处理费的，依照《物业管理条例》按日加收千分之三的滞纳金。"
    found = surcharges(registry, s)
    assert [f.severity for f in found] == ["warning"] and "不是法律" in found[0].message


def test_a_text_before_the_administrative_compulsion_law_is_not_held_to_it(registry):
    s = "第二条 逾期未缴纳城市生活垃圾处理费的，从滞纳之日起按日加收千分之五的滞纳金。"
    assert surcharges(registry, s, date="2011-06-01") == []
    assert len(surcharges(registry, s, date="2012-01-01")) == 1


def test_the_code_is_listed():
    assert "SETS_SURCHARGE" in CODES


def test_a_law_s_surcharge_counts_while_the_law_sets_it(registry):
    """人口与计划生育法 第四十一条 set 滞纳金 on 社会抚养费 until its 2021 amendment dropped the fee."""
    s = "第二条 当事人未在规定的期限内缴纳社会抚养费的，自欠缴之日起每月加收欠缴社会抚养费的千分之二的滞纳金。"
    assert surcharges(registry, s, date="2016-01-22") == []
    assert [f.severity for f in surcharges(registry, s, date="2022-01-01")] == ["error"]


@pytest.mark.parametrize("sentence, law", [
    ("第二条 到期不缴纳罚款的，每日按罚款数额的百分之五加处罚款。", "行政处罚法"),
    ("第二条 用人单位未按时足额缴纳社会保险费的，自欠缴之日起，按日加收千分之五的滞纳金。", "社会保险法"),
])
def test_a_law_s_surcharge_at_a_higher_rate_is_set_here(registry, sentence, law):
    found = surcharges(registry, sentence)
    assert [f.severity for f in found] == ["error"] and law in found[0].message and "高于该条" in found[0].message


def test_a_cap_above_the_debt_is_named(registry):
    s = "第二条 逾期不缴纳城市生活垃圾处理费的，每日加收千分之三的滞纳金，滞纳金最高不超过欠缴金额的两倍。"
    found = surcharges(registry, s)
    assert len(found) == 1 and "最高不超过欠缴金额的两倍" in found[0].message
    s = "第二条 逾期不缴纳城市生活垃圾处理费的，每日加收千分之三的滞纳金，滞纳金不得超过欠缴金额。"
    assert "所定上限" not in surcharges(registry, s)[0].message


def test_the_administrative_compulsion_law_s_own_words_are_no_finding(registry):
    """行政强制法 第四十五条 restated without its name, and a procedure of a surcharge already imposed."""
    for s in ["第二条 当事人逾期不履行的，行政机关可以加处罚款或者滞纳金。",
              "第二条 行政机关加处罚款或者滞纳金超过三十日，经催告当事人仍不履行的，申请人民法院强制执行。",
              "第二条 对逾期不履行金钱给付义务的当事人，每日按应缴数额的千分之三加收滞纳金。"]:
        assert surcharges(registry, s) == [], s


@pytest.mark.parametrize("sentence", [
    "第二条 对逾期不缴纳罚款的当事人，执法部门应当告知加处罚款的标准。",
    "第二条 当事人到期不缴纳罚款的，每日按罚款数额的百分之三加处罚款。",
])
def test_a_surcharge_on_a_fine_is_no_penalty(registry, sentence):
    """加处罚款 is a way of 行政强制执行, not a fine a 规范性文件 sets (NORMATIVE_SETS_PENALTY matched 处罚款 in it)."""
    r = check(HEAD + sentence, registry, kind="规范性文件", date="2024-06-01")
    assert [f.code for f in r.findings] == []


def test_a_cited_title_that_is_not_a_law_gives_a_warning_quoted_after_the_title(registry):
    s = "第二条 用人单位逾期未缴纳残疾人就业保障金的，按照《残疾人就业保障金征收使用管理办法》规定加收滞纳金。"
    found = surcharges(registry, s)
    assert [(f.severity, f.quote) for f in found] == [("warning", "加收滞纳金")]
    assert "《残疾人就业保障金征收使用管理办法》不是法律" in found[0].message


def test_any_tax_is_the_tax_law_s_surcharge_but_not_an_obligation_the_tax_office_collects(registry):
    s = "第二条 纳税人逾期未缴纳城镇土地使用税的，从滞纳之日起按日加收滞纳税款万分之五的滞纳金。"
    assert surcharges(registry, s) == []
    s = "第二条 单位逾期未缴纳城市生活垃圾处理费的，由税务机关从滞纳之日起按日加收千分之五的滞纳金。"
    assert len(surcharges(registry, s)) == 1
