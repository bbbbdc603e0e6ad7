"""Defects found by the `fazhi extract` audit (benchmarks/extract_audit.py, key in
tests/fixtures/nlp/extract_audit_key.jsonl); each case failed before its fix."""
from __future__ import annotations

import pytest

from fazhi.nlp.citations import find_citations

MFD = "中华人民共和国民法典"


def _cites(text):
    return [(c.text, c.law, c.article, c.paragraph, c.item) for c in find_citations(text)]


@pytest.mark.parametrize("text, expected", [
    # 该法 after 民法典: the code's title ends in 法典, not 法
    ("根据民法典第一千一百六十五条第一款的规定，应当承担侵权责任。同时该法第一千一百七十三条规定，",
     [("民法典第一千一百六十五条第一款", MFD, 1165, 1, None), ("该法第一千一百七十三条", MFD, 1173, None, None)]),
    ("依照《中华人民共和国民法典》第五百七十七条的规定；该法第五百八十四条规定，",
     [("《中华人民共和国民法典》第五百七十七条", MFD, 577, None, None), ("该法第五百八十四条", MFD, 584, None, None)]),
    # no citation before it: the nearest known name before 该法 in the sentence
    ("自民法典施行之日起，该法第五条所称自愿原则适用于本合同。",
     [("该法第五条", MFD, 5, None, None)]),
])
def test_same_law_after_civil_code(text, expected):
    assert _cites(text) == expected


@pytest.mark.parametrize("text, expected", [
    # a document number with how it was issued and amended, between the title and its article
    ("违反了《中华人民共和国烟草专卖法实施条例》（国务院令第223号发布，2023年7月20日修订）第十四条的规定",
     [("《中华人民共和国烟草专卖法实施条例》（国务院令第223号发布，2023年7月20日修订）第十四条",
       "中华人民共和国烟草专卖法实施条例", 14, None, None)]),
    ("依据《无证无照经营查处办法》（国务院令第684号公布）第十三条",
     [("《无证无照经营查处办法》（国务院令第684号公布）第十三条", "无证无照经营查处办法", 13, None, None)]),
])
def test_issuing_note_between_title_and_article(text, expected):
    assert _cites(text) == expected



# ---------------------------------------------------------------------------------------------- entities

from fazhi.nlp.entities import find_entities  # noqa: E402
from fazhi.nlp.extractors import extract_money, extract_times  # noqa: E402


@pytest.mark.parametrize("text, expected", [
    # 元正 for 元整 after an amount in capital numerals, as IOUs write it
    ("尚欠饲料款壹拾捌万肆仟肆佰柒拾肆元正(184474元)", [("壹拾捌万肆仟肆佰柒拾肆元正", 184474), ("184474元", 184474)]),
    ("借款伍仟元正。", [("伍仟元正", 5000)]),
    # 正常 / 正在 are words: the amount ends at 元
    ("借款伍仟元正常归还", [("伍仟元", 5000)]),
    ("工资3000元正常发放", [("3000元", 3000)]),
])
def test_money_zheng(text, expected):
    assert [(s.text, s.norm) for s in extract_money(text)] == expected


@pytest.mark.parametrize("text, expected", [
    # the month is all these give: its ISO month, and which part of it
    ("4、2013年7月底，被告人刘某某", [("2013年7月底", "2013-07", "end")]),
    ("顾某（2013年9月下旬参与）", [("2013年9月下旬", "2013-09", "end")]),
    ("2013年10月初参与", [("2013年10月初", "2013-10", "start")]),
    ("2012年10月份的一天，姜某", [("2012年10月份的一天", "2012-10", None)]),
    ("2017年7月份一次还清", [("2017年7月份", "2017-07", None)]),
    # a clock time without a day stays a month (no 2017-06T22:00)
    ("2017年6月某日22时许，", [("2017年6月某日22时许", "2017-06", None)]),
    ("2018年5月7日下午14时许", [("2018年5月7日下午14时许", "2018-05-07T14:00", None)]),
])
def test_time_of_a_month_has_a_norm(text, expected):
    assert [(s.text, s.norm, s.attrs.get("part")) for s in extract_times(text)] == expected


def test_month_range_has_both_ends():
    spans = [(s.label, s.text, s.norm) for s in find_entities("1、2012年9月份至2013年8月份，被告人黄某非法制造假发票",
                                                               ["TIME", "DATE"], model=False)]
    assert spans == [("TIME", "2012年9月份至2013年8月份", "2012-09/2013-08")]


def _orgs(text, model=False):
    return [(s.label, s.text) for s in find_entities(text, model=model)
            if s.label in ("ORG", "COMPANY", "COURT", "PROCURATORATE", "LAW_FIRM")]


@pytest.mark.parametrize("text, expected", [
    # a penalty decision's party, an appeal's object: the word before the name is not part of it
    ("当事人杭州某某餐饮管理有限公司（统一社会信用代码：91330102MA2B3C4D5E）于2024年3月12日购进",
     [("COMPANY", "杭州某某餐饮管理有限公司")]),
    ("上诉人因与被上诉人纠纷一案，不服浙江省杭州市拱墅区人民法院（2023）浙0105民初8765号民事判决",
     [("COURT", "浙江省杭州市拱墅区人民法院")]),
    ("原告不服杭州市劳动人事争议仲裁委员会作出的仲裁裁决", [("ORG", "杭州市劳动人事争议仲裁委员会")]),
    ("公司收到了北京市第一中级人民法院作出的民事判决书", [("COURT", "北京市第一中级人民法院")]),
    # 集团 then 有限公司 is one name
    ("被告浙江某某建设集团有限公司于本判决生效之日起十日内支付", [("COMPANY", "浙江某某建设集团有限公司")]),
    # 经 of 经济 is no verb here
    ("原告与北京市昌平区崔村镇南庄村经济合作社签订《土地租赁合同》", [("COMPANY", "北京市昌平区崔村镇南庄村经济合作社")]),
    # names masked in a judgment (某甲…公司, 河南某某公司) are names; 某公司, 甘某某公司 are not
    ("用于其经营的某甲广告有限公司、某乙广告广告有限公司记账使用。",
     [("COMPANY", "某甲广告有限公司"), ("COMPANY", "某乙广告广告有限公司")]),
    ("原告与被告河南某某公司签订合同", [("COMPANY", "河南某某公司")]),
    ("他在某公司上班", []),
    # a mediation centre and an old people's home of a place are organisations; a bare kind is not
    ("经乐清市劳动人事争议调解中心调解，双方自愿达成如下协议", [("ORG", "乐清市劳动人事争议调解中心")]),
    ("2017年1月31日的无锡市惠山区玉祁街道敬老院发票", [("ORG", "无锡市惠山区玉祁街道敬老院")]),
    ("由调解中心调解", []),
])
def test_organisation_names(text, expected):
    assert _orgs(text) == expected


def test_masked_name_after_a_province_is_no_person():
    # 江某某 of 浙江某某建设集团有限公司 is the province and a masked company name, not a person
    labels = [(s.label, s.text) for s in find_entities("被告浙江某某建设集团有限公司于本判决生效之日起", model=False)]
    assert ("PERSON", "江某某") not in labels
    assert ("PERSON", "江某某") in [(s.label, s.text) for s in find_entities("原告江某某与被告", model=False)]


@pytest.mark.parametrize("text, org", [
    # what is done at an agency or a hospital does not run on into a place phrase that swallows it
    ("可以在收到本决定书之日起六十日内向杭州市西湖区人民政府申请行政复议或者在六个月内依法向杭州市西湖区人民法院提起行政诉讼。",
     ("ORG", "杭州市西湖区人民政府")),
    ("同日,原告至呼伦贝尔市人民医院住院治疗,住院36天后出院", ("ORG", "呼伦贝尔市人民医院")),
])
def test_agency_not_swallowed_by_a_place(text, org):
    spans = [(s.label, s.text) for s in find_entities(text, model=True)]
    assert org in spans
    assert not any(label == "LOC" and t.startswith("之") for label, t in spans)  # 生效之日起 is no place


@pytest.mark.parametrize("text, norm", [
    # a landline with the country code is the number dialled at home: the trunk 0 comes back
    ("联系电话+86 571 8765 4321", "057187654321"),
    ("电话：+86-10-12345678", "010-12345678"),  # Beijing's area code 10 begins with 1 and is no mobile
    ("0086 21 6888 1234", "02168881234"),
    ("手机：+86 138 1234 5678", "13812345678"),
])
def test_landline_with_country_code(text, norm):
    from fazhi.nlp.extractors import extract_phones

    assert [s.norm for s in extract_phones(text)] == [norm]


@pytest.mark.parametrize("text, expected", [
    # the agencies that issue penalty decisions and that filing reviews name
    ("杭州市城市管理局负责实施。", [("ORG", "杭州市城市管理局")]),
    ("申请人不服，向浙江省司法厅申请复议。", [("ORG", "浙江省司法厅")]),
    ("杭州市卫生健康委员会、杭州市应急管理局、杭州市人力资源和社会保障局共同发文。",
     [("ORG", "杭州市卫生健康委员会"), ("ORG", "杭州市应急管理局"), ("ORG", "杭州市人力资源和社会保障局")]),
    ("杭州市住房和城乡建设局、杭州市发展和改革委员会", [("ORG", "杭州市住房和城乡建设局"), ("ORG", "杭州市发展和改革委员会")]),
    ("杭州市西湖区综合行政执法局对当事人作出处罚。", [("ORG", "杭州市西湖区综合行政执法局")]),
    ("浙江省生态环境厅和杭州市生态环境局余杭分局联合检查。", [("ORG", "浙江省生态环境厅"), ("ORG", "杭州市生态环境局余杭分局")]),
    ("杭州市公安局西湖区分局作出行政处罚决定。", [("ORG", "杭州市公安局西湖区分局")]),
    # 受到…处以: the agency, not a place ending at 处
    ("于同年6月28日受到宿州市埇桥区卫生局处以一万元罚款的行政处罚。", [("ORG", "宿州市埇桥区卫生局")]),
    # 局 of a game or a layout is no agency
    ("在杭州市的一个饭局上，他在浙江省的布局很大。", []),
])
def test_agencies(text, expected):
    assert _orgs(text, model=True) == expected


@pytest.mark.parametrize("text, norm", [
    # a case split off another is another case: its 之一 / -1 stays in the norm
    ("（2024）浙0106民诉前调1234号之一", "（2024）浙0106民诉前调1234号之一"),
    ("(2023)浙0102民初1234-1号", "（2023）浙0102民初1234-1号"),
    ("(2023)浙0102民初1234号之后", "（2023）浙0102民初1234号"),
])
def test_case_number_sub_numbers(text, norm):
    from fazhi.nlp.extractors import extract_case_numbers

    assert [s.norm for s in extract_case_numbers(text)] == [norm]
