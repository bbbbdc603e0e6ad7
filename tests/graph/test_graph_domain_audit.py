"""Defects found by the second draft audit (drafts 45–64: 殡葬, 民宿, 野生动物, 政务数据, 失信惩戒, 行政执法, 营商环境,
噪声, 绿化, 文物, 电梯, 供水, 幼儿园, 森林防火, 慈善, 停车, 家政, 控烟, 应急, 湿地), each fixed in general form."""
import pytest

from fazhi.graph.checks import check


def codes_of(result):
    return [f.code for f in result.findings]


@pytest.mark.parametrize("sentence, codes", [
    # submitted to an agency for approval: 须报…审批 is a licence as 须经…批准 is (drafts 54, 59)
    ("第二条 在文物保护单位周边二百米范围内新建建筑物的，须报县文化和旅游局审批。", ["NORMATIVE_SETS_LICENSE"]),
    ("第二条 在本市开展公开募捐活动的，须事先报市民政局审批。", ["NORMATIVE_SETS_LICENSE"]),
    ("第二条 举办大型群众性活动的，应当报请县公安局批准。", ["NORMATIVE_SETS_LICENSE"]),
    ("第二条 各乡镇的实施方案应当报县人民政府批准后实施。", []),
    ("第二条 开办民宿的，应当报县文化和旅游局备案。", []),
    # the fee named and forbidden in one clause (draft 49)
    ("第二条 信用主体提出异议的，市公共信用信息中心不得收取任何费用。", []),
    ("第二条 县政务服务中心一律不得收取材料费。", []),
    ("第二条 申请人应当向市公共信用信息中心缴纳异议处理费。", ["NORMATIVE_SETS_FEE"]),
    # 通报批评 of the administration's own bodies is internal discipline (draft 48); of a business it is a penalty
    ("第二条 对拒不共享数据的部门，由市政务服务管理局予以通报批评。", []),
    ("第二条 对工作推进不力的乡镇予以通报批评，并纳入年度考核。", []),
    ("第二条 对未按时报送数据的县直单位及其主要负责人予以通报。", []),
    ("第二条 对违规经营的单位予以通报批评。", ["NORMATIVE_SETS_PENALTY"]),
    ("第二条 对违反规定的经营者，由县市场监督管理部门予以警告。", ["NORMATIVE_SETS_PENALTY"]),
])
def test_normative_patterns_of_the_audit(registry, sentence, codes):
    text = "某市某某管理办法\n某市某某局\n第一条 为了规范管理，制定本办法。\n" + sentence
    assert codes_of(check(text, registry, kind="规范性文件", date="2024-06-01")) == codes
