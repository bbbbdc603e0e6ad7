"""69 more hand-written posts (tests/fixtures/scan/analyst_posts_2.tsv): 12345 records, message boards, Weibo and
Douyin posts with threats, self-harm, 上访 / 越级上访 / 进京, 聚集 / 集体 / 拉横幅, 讨薪, 报复, 极端, under
negation, hypotheticals, reported speech, settled past events, and look-alike words; the expected levels and
cues were written down before the rules were run on them (38 of 69 right then, 65 now).

The four rows the rules still read otherwise are strict xfails, so a fix shows up as XPASS."""
from pathlib import Path

import pytest

from fazhi.scan.risk import assess

FIXTURES = Path(__file__).parents[1] / "fixtures" / "scan"


def _rows(name):
    return [line.split("\t") for line in (FIXTURES / name).read_text(encoding="utf-8").splitlines()
            if line and not line.startswith("#")]


ROWS = _rows("analyst_posts_2.tsv")
HELD = _rows("analyst_posts_3.tsv")  # written after the rules were changed for ROWS, run once
CONTEXT = {"wage_arrears", "complaint"}
# still read otherwise, and why it was left:
KNOWN = {
    "再这样下去我真要过去砸了他家的门": "a conditional 砸了 is a fight cue one step down (low); analysts would say medium",
    "谢谢你们帮忙讨薪": "settled before the cue (已经全部结清了，谢谢…讨薪): the settled test reads only after a cue",
    "我去讨了三次都被赶出来": "讨 without 工资 next to it is no wage-claim cue",
    "问联名签字有没有法律效力": "联名 asked about as a procedure still reads as a collective cue",
}


def _params():
    for name, rows in (("", ROWS), ("held-", HELD)):
        for i, (levels, cues, text) in enumerate(rows, 1):
            why = next((w for k, w in KNOWN.items() if k in text), None)
            marks = [pytest.mark.xfail(strict=True, reason=why)] if why else []
            yield pytest.param(levels, cues, text, id=f"{name}{i}", marks=marks)


def test_fixture_shape():
    assert len(ROWS) == 69 and all(len(r) == 3 for r in ROWS)
    assert sum(1 for r in ROWS if r[0] == "none") >= 20  # the traps are a third of the file
    assert all(any(k in r[2] for r in ROWS) for k in KNOWN)
    assert len(HELD) == 35 and all(len(r) == 3 for r in HELD)


@pytest.mark.parametrize("levels,cues,text", _params())
def test_level_and_cues(levels, cues, text):
    r = assess(text)
    got = {s["cue"] for s in r["signals"]}
    detail = [(s["text"], s["cue"], s["severity"], s["conditional"]) for s in r["signals"]]
    assert r["level"] in levels.split("|"), detail
    for need in ([] if cues == "-" else cues.split(",")):
        assert got & set(need.split("/")), (need, detail)
    if levels == "none":
        assert got <= CONTEXT, detail


@pytest.mark.parametrize("text,cue,reason", [
    ("市民来电反映与邻居因停车位发生口角，对方并没有威胁或恐吓她，只是希望物业划清车位。", "恐吓", "negation"),
    ("业主们绝不会采取堵路、拉横幅这种违法的方式维权，希望政府重视。", "拉横幅", "negation"),
    ("我不会跟他打架的，我就想要回我的钱。", "打架", "negation"),
    ("两家人去年因为宅基地打过一架，经村调委会调解已经和好了。", "打过一架", "resolved"),
    ("上个月工人在工地门口拉了横幅，经劳动监察介入，欠薪已于本周全部发放到位。", "拉了横幅", "resolved"),
])
def test_read_but_not_a_signal(text, cue, reason):
    r = assess(text)
    assert (cue, reason) in {(n["text"], n["reason"]) for n in r["negated"]}
    assert cue not in {s["text"] for s in r["signals"]}


@pytest.mark.parametrize("text,cue", [
    ("网友爆料：城东菜市场两个摊主为摊位吵起来，其中一人拎着杀猪刀追出去几十米。", "拎着杀猪刀"),
    ("我爸今天早上站到桥上说不给钱就跳下去，现在民警在劝。", "跳下去"),
    ("刚才给我发微信说活着没意思了，电话一直打不通。", "活着没意思"),
    ("听工友说，小王昨晚喝多了扬言要把工头捅了。", "把工头捅了"),
])
def test_a_threat_to_life_now_is_urgent(text, cue):
    r = assess(text)
    assert r["level"] == "high" and r["urgency"] == "high"
    assert cue in {s["text"] for s in r["signals"]}
    for s in r["signals"]:
        assert text[s["start"]:s["end"]] == s["text"]


@pytest.mark.parametrize("text", [
    "孩子从滑梯上跳下去摔伤了胳膊，幼儿园说不负责。",   # no height: a fall, not a threat
    "信访局的工作人员态度很好，我的问题已经办结了。",     # the office named
    "我们在宝安区信访大厅就还款的事进行了协商。",
    "小区门口广场舞每天晚上聚集了上百人，音响太吵。",     # a crowd at leisure
    "开车进京需要办进京证吗？",
    "五一期间报复性消费，买的金首饰是镀金的。",
    "餐厅服务员拿着刀叉摆台，把我的衣服划破了。",        # cutlery is no weapon
])
def test_look_alikes(text):
    assert assess(text)["signals"] == [], assess(text)["signals"]


@pytest.mark.parametrize("text,level", [
    ("要是这个月底补偿款还不到位，我们就只能去省里上访了。", "medium"),  # 赴省 is 越级 (3), conditional: 2
    ("拆迁户计划下周赴省上访。", "high"),
    ("前往市信访局上访三次都没有结果。", "medium"),
])
def test_petition_to_the_province_is_over_the_level(text, level):
    assert assess(text)["level"] == level


@pytest.mark.parametrize("text,level", [
    ("微博网友：前夫喝醉了在我家楼下喊，说要把我们娘俩都杀了。", "high"),
    ("听说村里有人已经买好了去北京的火车票，要去反映征地的事。", "high"),
    ("他说要去北京出差一周，等回来再谈还款的事。", "none"),
    ("我要去北京看病，医保报销的事想反映一下。", "none"),
    ("把我们的钱都骗走了，还不接电话。", "none"),
])
def test_held_out_misses_fixed_in_general_form(text, level):
    assert assess(text)["level"] == level


@pytest.mark.parametrize("text,cue,conditional", [
    ("年前拿不到钱的话，我们就去市政府上访。", "上访", True),      # spoken Chinese puts the 如果 after: …的话
    ("不给的话就去上访", "上访", True),
    ("再拖下去，工友们就要去堵路了。", "堵路", True),
    ("假使还不处理，我就找媒体曝光。", "曝光", True),
    ("他说的话很难听，我一定要报复他。", "报复", False),          # 说的话 is what he said
])
def test_spoken_hypotheticals(text, cue, conditional):
    sig = {s["text"]: s for s in assess(text)["signals"]}
    assert sig[cue]["conditional"] is conditional


@pytest.mark.parametrize("text,collective", [
    ("村民们说了，补偿标准要是不提高，就一起去县里讨说法。", True),   # the group a clause earlier
    ("工友们商量好了，明天都一起去项目部要钱", True),
    ("我和老婆到时候就一起去县里办证。", False),                     # one couple, an errand
    ("老公说他下班了就一起去医院看看", False),
])
def test_going_together_needs_a_group(text, collective):
    assert ("collective" in {s["cue"] for s in assess(text)["signals"]}) is collective


@pytest.mark.parametrize("text,self_harm", [
    ("当事人在调解现场情绪失控，拿出一瓶农药说要当场喝下去。", True),
    ("他把农药喝了，正在医院抢救。", True),
    ("农药残留超标，吃了以后拉肚子。", False),
    ("买的农药是假的，喷了没用。", False),
])
def test_poison_in_hand(text, self_harm):
    assert ("self_harm" in {s["cue"] for s in assess(text)["signals"]}) is self_harm
