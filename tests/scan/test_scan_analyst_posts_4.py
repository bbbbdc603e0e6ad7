"""120 hand-written posts (tests/fixtures/scan/analyst_posts_4.tsv): 12345 work orders, 领导留言板 letters and
Weibo / Douyin posts with threats (explicit and veiled: 大不了同归于尽, 让他全家不得安宁, 买了汽油), self-harm,
上访 / 越级 / 进京, 聚集 / 集体 / 约好一起去, 讨薪, 拉横幅, 堵路 / 堵门, 媒体曝光, 报复, 极端, under negation,
hypotheticals, reported speech, past events and procedure questions, beside plain complaints. Levels, cues and
signal spans were written down before the rules were run: 98 of 120 right then (spans 60 of 77), 117 now.
24 more (analyst_posts_4_held.tsv), written after those fixes and run once: 22 of 24 right, 24 now.

The rows the rules still read otherwise are strict xfails, so a fix shows up as XPASS."""
import pytest
from risk_key import FIXTURES, assert_row, params, read_rows

from fazhi.scan.risk import assess

ROWS = read_rows(FIXTURES / "analyst_posts_4.tsv")
HELD = read_rows(FIXTURES / "analyst_posts_4_held.tsv")  # written after the fixes for ROWS, run once
# still read otherwise, and why it was left:
KNOWN = {
    "请问网上信访的渠道是什么": "准备去信访部门反映 reads as a petition cue (medium); a plan to use the formal channel, "
                        "asked about as a procedure, is none or low to an analyst",
    "聽說老家那邊有人因為拆遷去上訪": "a past petition of others elsewhere, talked out of it (被劝回来), still reads as a "
                          "petition cue; 被劝回来 is not a settlement, so it is not read as resolved",
    "出门我就弄你": "弄你 (I'll get you) is too common in harmless uses (我帮你弄) to be a cue by itself",
}


def test_fixture_shape():
    assert len(ROWS) == 120 and all(len(r) == 4 for r in ROWS)
    assert sum(1 for r in ROWS if r[0] == "none") >= 40  # plain complaints and traps
    assert all(sum(k in r[3] for r in ROWS) == 1 for k in KNOWN)
    assert len(HELD) == 24 and all(len(r) == 4 for r in HELD)
    for levels, _, spans, text in ROWS + HELD:
        assert set(levels.split("|")) <= {"none", "low", "medium", "high"}
        assert spans == "-" or all(s in text for s in spans.split("|")), spans


@pytest.mark.parametrize("levels,cues,spans,text", params({"": ROWS, "held-": HELD}, KNOWN))
def test_level_cues_and_spans(levels, cues, spans, text):
    r = assess(text)
    assert_row(r, text, levels, cues, spans)
    for s in r["signals"]:
        assert text[s["start"]:s["end"]] == s["text"]


@pytest.mark.parametrize("text,cue,category", [
    ("来电人称其父亲今天下午在家中喝了半瓶敌敌畏，现已送医抢救。", "喝了半瓶敌敌畏", "self_harm"),  # drink, then poison
    ("要不是还有孩子，我早就一瓶安眠药下去了", "安眠药下去", "self_harm"),
    ("离婚以后他吞了一把安眠药，被邻居发现送医。", "吞了一把安眠药", "self_harm"),
    ("再不给我一个公道，我就死在村委会门口。", "死在村委会门口", "self_harm"),
    ("我已经买了两桶汽油放家里了，拆迁队敢来就试试", "买了两桶汽油", "weapon"),
    ("他跟我同事说要泼我硫酸。", "泼我硫酸", "weapon"),
    ("那个包工头再不给钱，我就让他全家不得安宁", "让他全家不得安宁", "violence"),
    ("我真的被逼上绝路了。", "逼上绝路", "extreme"),
    ("逼急了我什么都干得出来。", "什么都干得出来", "extreme"),
    ("省里也去过了，没用，下一步就是去北京了", "去北京", "petition"),
    ("工地上的兄弟们约好了明天一起去找老板要工钱", "约好了明天一起去", "collective"),
    ("居民们说下周要一起去区政府门口。", "说下周要一起去", "collective"),
    ("快递网点关门了，十几个快递员今天蹲在网点门口不走", "十几个快递员", "collective"),
    ("业主们周六上午十点在项目门口集合，大家穿白衣服", "集合", "collective"),
    ("我被村干部打了，到现在没人处理", "被村干部打了", "fight"),
    ("某厂全体工人今天停工，在车间里坐着不干活", "全体工人", "collective"),  # held-out miss
    ("我真的扛不住了 今晚就吃药走了算了", "吃药走了算了", "self_harm"),
])
def test_cues_added_after_the_first_run(text, cue, category):
    sig = {s["text"]: s["cue"] for s in assess(text)["signals"]}
    assert sig.get(cue) == category, sig


@pytest.mark.parametrize("text", [
    "加油站的汽油是不是掺水了，加了以后车子抖",
    "买了汽油车还是电车好",
    "几人为拉尸体配备了汽油发电机，并承租了冰棺",  # a judgment's facts: equipment, not a threat
    "我妈死在医院里了，医院不承认误诊",        # a death reported, not announced
    "每天吃安眠药才能睡着，楼上太吵了",
    "吃了药走了两圈，血压还是高",
    "农药残留超标，吃了以后拉肚子。",
    "被物业打了招呼说要停水",
    "这些数的集合怎么表示",
    "同学们明早在学校门口集合去春游",
    "我儿子考上大学，下个月就去北京了",
    "干脆去北京发展算了",
    "我们不会去闹事的，只想依法维权，请问集体诉讼怎么操作？",  # a collective lawsuit is a legal channel
    "全体员工大会下午三点召开",
    "公司组织全体员工体检",
])
def test_look_alikes_of_the_new_cues(text):
    assert assess(text)["signals"] == [], assess(text)["signals"]


def test_da_bu_liao_is_resolve_not_a_condition():
    """大不了 (at worst, I will …) announces what the speaker is ready to do; it was read as a hypothetical and
    lowered 同归于尽 to medium."""
    r = assess("催收人员把我的照片P成遗照发给亲友，大不了跟他们同归于尽。")
    assert r["level"] == "high" and not r["signals"][0]["conditional"]
    assert assess("如果再不还钱，大不了跟他们同归于尽")["signals"][0]["conditional"]  # 如果 still is


def test_an_agreement_signed_and_performed_settles_a_quoted_threat():
    r = assess("对方在调解时说过“不给钱就去上访”，但已于上周签订调解协议并当场履行。")
    assert r["level"] == "none" and [n["reason"] for n in r["negated"]] == ["resolved"]


def test_negation_reaches_over_ba_shiqing():
    r = assess("我劝大家还是走法律途径，别把事情闹大")
    assert r["signals"] == [] and [n["text"] for n in r["negated"]] == ["闹大"]


@pytest.mark.parametrize("text,urgency", [
    # a plain day is no urgency without a cue: 6 of the 45 no-risk posts were medium for 今天 alone
    ("今天去办了居住证，排了两个小时队", "low"),
    ("今天参加了社区组织的法律讲座，受益匪浅", "low"),
    ("快过年了，工资还没发", "medium"),               # time pressure by itself still counts
    ("如果明天再不解决就去上访", "medium"),
    # an action fixed some days ahead: not today, but not low either
    ("我们五十多名员工准备下周一集体去总部讨要工资", "medium"),
    ("部分村民计划国庆期间赴京反映", "medium"),
    ("如果下周再不解决就去上访", "low"),               # conditional: the date is the deadline, not the action's
    ("明天三十多个工友要去公司讨薪", "high"),
])
def test_urgency_of_days_and_dates(text, urgency):
    assert assess(text)["urgency"] == urgency, assess(text)


@pytest.mark.parametrize("text,arrears", [
    ("工资一直没发，老板也联系不上", True),
    ("三个月工钱还没给", True),
    ("这家公司工资没发展空间", False),
])
def test_wages_not_paid(text, arrears):
    assert ("wage_arrears" in {s["cue"] for s in assess(text)["signals"]}) is arrears
