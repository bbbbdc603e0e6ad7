"""CITE_STALE_NUMBER: an article number that still exists after a revision but now names another article, on the
bundled samples (行政复议法 2017/2023, 民事诉讼法 2021/2023, 立法法 2015/2023)."""
from fazhi.graph.checks import check
from fazhi.graph.stale import content_grams, decode, judge, signatures

LIMIT = "申请人应当依照《中华人民共和国行政复议法》第{}条的规定，自知道或者应当知道该行政行为之日起六十日内提出行政复议申请。"


def stale(text, registry, date):
    return [f for f in check(text, registry, date=date).findings if f.code == "CITE_STALE_NUMBER"]


def test_old_number_of_the_60_day_limit_is_stale_after_2024(registry):
    # 2017 第九条 was the 60-day limit; in the 2023 text (in force 2024-01-01) 第九条 is 表彰 and the limit 第二十条
    (f,) = stale(LIMIT.format("九"), registry, "2025-03-01")
    assert f.severity == "warning" and f.quote == "《中华人民共和国行政复议法》第九条"
    assert f.evidence["meant_article"] == 20 and f.evidence["previous_version"] == "2017-09-01"
    assert "疑为修订前第九条，现第二十条" in f.message and "表彰" in f.message
    assert f.evidence["cited_overlap"] <= 1 and f.evidence["previous_overlap"] >= 4


def test_the_same_sentence_is_right_before_the_revision_and_with_the_new_number(registry):
    assert stale(LIMIT.format("九"), registry, "2020-06-01") == []  # the 2017 text was in force
    assert stale(LIMIT.format("二十"), registry, "2025-03-01") == []


def test_a_bare_citation_or_a_sentence_about_something_else_is_not_judged(registry):
    assert stale("依据《中华人民共和国行政复议法》第九条，制定本办法。", registry, "2025-03-01") == []
    # the sentence says what 第九条 now provides
    assert stale("对在行政复议工作中做出显著成绩的单位和个人，依照《中华人民共和国行政复议法》第九条给予表彰和奖励。",
                 registry, "2025-03-01") == []


def test_two_articles_in_one_sentence_are_not_judged(registry):
    text = "申请人应当依照《中华人民共和国行政复议法》第九条、第十条的规定，自知道该行政行为之日起六十日内提出行政复议申请。"
    assert stale(text, registry, "2025-03-01") == []


def test_renumbered_civil_procedure_article(registry):
    text = ("外国法院作出的发生法律效力的判决、裁定，需要人民法院承认和执行的，可以由当事人依照《民事诉讼法》第二百八十八条"
            "直接向有管辖权的中级人民法院申请承认和执行。")
    (f,) = stale(text, registry, "2024-06-01")
    assert f.evidence["previous_version"] == "2021-12-24" and "第二百八十八条" in f.message


def test_signatures_are_kept_for_laws_in_several_versions_only(registry):
    multi = registry.get("行政复议法")
    assert all(v.signatures for v in multi.versions if v.articles)
    single = [law for law in registry.laws.values() if len([v for v in law.versions if v.articles]) == 1]
    assert single and all(v.signatures is None for law in single for v in law.versions)


def test_judge_needs_content_and_a_clear_old_match():
    current = decode(signatures([(1, "第一条 对做出显著成绩的单位给予表彰和奖励。"),
                                 (2, "第二条 自知道该行政行为之日起六十日内提出行政复议申请。"),
                                 (3, "第三条 行政复议机关应当自受理申请之日起六十日内作出决定。")]))
    before = decode(signatures([(1, "第一条 自知道该行政行为之日起六十日内提出行政复议申请。"),
                                (2, "第二条 对做出显著成绩的单位给予表彰和奖励。"),
                                (3, "第三条 行政复议机关应当自受理申请之日起六十日内作出决定。")]))
    grams = content_grams("申请人自知道该行政行为之日起六十日内提出行政复议申请。")
    assert judge(grams, current, 1, before)[1] == 2
    assert judge(grams, current, 2, before) is None  # cites the right article
    assert judge(content_grams("依照本法第一条。"), current, 1, before) is None  # too little content
    assert judge(grams, current, 1, None) is None  # no version before: nothing to compare with


def test_signature_bigrams_do_not_straddle_item_marks_or_punctuation():
    sig = decode(signatures([(1, "第一条 （一）组织营救；（二）疏散、撤离。"), (2, "第二条 处5万元以上罚款。")], size=40))
    assert {"组织", "营救", "疏散", "撤离"} <= sig[1]
    assert not {"一组", "救二", "救疏", "散撤"} & sig[1]
    assert "五万" in sig[2]  # Arabic numbers spelled out, as a draft may write either
