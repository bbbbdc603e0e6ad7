"""Risk cues: severity, negation, hypotheticals, urgency; the span invariant."""
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fazhi.scan.risk import assess, level_of

# (text, level, signal texts, negated texts)
CASES = [
    ("楼上邻居天天跺脚，我要去找他理论", "none", [], []),
    ("他扬言要和对方同归于尽", "high", ["扬言", "同归于尽"], []),
    ("老公说不给钱就去跳楼", "high", ["跳楼"], []),
    ("工地聚集了二十多名工人讨要工资", "high", ["聚集", "二十多名工人", "讨要工资"], []),
    ("工人们又来讨薪了", "medium", ["讨薪"], []),
    ("拖欠工资三个月，工人们又来讨薪了", "medium", ["拖欠工资", "讨薪"], []),
    ("明天三十多个工友一起去讨薪", "high", ["三十多个工友", "一起去", "讨薪"], []),
    ("有人说要去北京上访", "high", ["去北京上访"], []),
    ("今天工人又在厂门口拉横幅了", "medium", ["拉横幅"], []),
    ("他说要杀了对方全家，还拿着刀在门口转", "high", ["杀了对方", "拿着刀"], []),
    ("对方提着菜刀冲到我家", "high", ["提着菜刀"], []),
    ("他扬言要烧了对方的房子", "high", ["扬言", "烧了对方的"], []),
    ("准备找人打他一顿", "high", ["找人打"], []),
    ("我被他打了，现在在医院", "medium", ["被他打了"], []),
    ("我要让他付出代价", "medium", ["付出代价"], []),
    ("我们几十户村民商量去县政府讨说法", "medium", ["几十户村民", "讨说法"], []),
    # words that look like cues but are not
    ("这次买的杀虫剂没效果，商家说可以砍价，最后杀价到三百", "none", [], []),
    ("和同事拼了一单团购，商家迟迟不发货", "none", [], []),
    ("每天拼命工作，拼命干了一年", "none", [], []),
    ("房东和包工头一起去我店里买了瓷砖", "none", [], []),
    ("不得从事与甲方利益相冲突的活动，著作权集体管理组织，楼道里放着煤气罐", "none", [], []),
    ("他抱着煤气罐站在门口", "high", ["抱着煤气罐"], []),
    ("工人拉白布把我的店铺堵了一下午", "medium", ["拉白布"], []),
    ("工人们在门口拉起了横幅", "medium", ["拉起了横幅"], []),
    ("我跟你拼命！", "high", ["拼命"], []),
    ("他说再不给钱就跟老板拼了！", "medium", ["跟老板拼了"], []),
    ("被打扰休息，我把他的东西收拾好了送回去", "none", [], []),
    # negation
    ("并未发生冲突，双方情绪稳定", "none", [], ["冲突"]),
    ("双方没有发生肢体冲突", "none", [], ["冲突"]),
    ("我们不会采取过激行为", "none", [], ["过激"]),
    ("我们没有扬言要上访，只想要个说法", "none", [], ["扬言", "上访"]),
    ("大家都很克制，不会去上访的", "none", [], ["上访"]),
    ("我们从来没想过去越级上访", "none", [], ["越级上访"]),
    ("我不会做什么极端的事，就是希望有人管", "none", [], ["极端"]),
    ("我们并没有聚集，只是几个邻居一起打了电话", "none", [], ["聚集"]),
    ("他没扬言报复", "none", [], ["扬言", "报复"]),
    ("我没有报复的想法，但他说要弄死我", "high", ["弄死"], ["报复"]),
    # hypotheticals: a conditional threat is a signal one severity step lower
    ("如果下周再不解决，我们只能去市里上访", "low", ["上访"], []),
    ("要是再没人管，业主们说要拉横幅", "low", ["没人管", "拉横幅"], []),
    ("如果再不解决我就跳楼", "medium", ["跳楼"], []),
    # analysts' posts (tests/fixtures/scan/analyst_posts.tsv): the wordings they use, and their look-alikes
    ("双方曾发生口角，未发生肢体冲突", "none", [], ["冲突"]),
    ("对门装修把我家墙砸了个洞", "none", [], []),
    # damage by accident or a falling thing is a claim for damages, not violence between the parties
    ("装修工人把我家卫生间的防水层砸坏了，楼下一直漏水", "none", [], []),
    ("楼上掉下来的花盆砸坏了我的车", "none", [], []),
    ("被花盆砸坏了车窗，物业不管", "none", [], []),
    ("他装修的时候故意把我家门砸坏了", "medium", ["砸坏"], []),
    ("他把我家玻璃砸坏了", "medium", ["砸坏"], []),
    ("我在菜市场被一个摊主推倒了", "medium", ["被一个摊主推倒"], []),
    ("两边差点打起来", "medium", ["打起来"], []),
    ("上次因为噪音跟楼上打了一架", "medium", ["打了一架"], []),
    ("他一直威胁我要把我打死", "high", ["威胁", "把我打死"], []),
    ("他们说再来就打断我的腿", "high", ["打断我的腿"], []),
    ("我借了网贷还不上，我真的想死", "high", ["想死"], []),
    ("想死你们了，过年回家见", "none", [], []),
    ("我都想去公司楼顶跳下去算了", "high", ["楼顶跳下去"], []),
    ("直播间喊着跳楼价清仓", "none", [], []),
    ("孩子可能要动手术", "none", [], []),
    ("楼道的灯也罢工了", "none", [], []),
    ("空调罢工了，工人罢工了", "medium", ["罢工"], []),
    ("整栋楼的人都在咳嗽，对居民健康构成严重威胁", "none", [], []),
    ("整栋楼的业主都去了物业办公室", "medium", ["整栋楼的业主都去"], []),
    ("门口垃圾堆着蚊蝇聚集", "none", [], []),
    ("村民们今天上午已经把进厂的路堵了", "medium", ["把进厂的路堵了"], []),
    ("我们几百个会员的钱被卷走了，大家说明天一起去派出所", "medium", ["几百个会员", "说明天一起去"], []),
    ("我恨不得跟那个医生同归于尽", "high", ["同归于尽"], []),
    ("如有疑问请拨打12345", "none", [], []),
    ("孩子是弱势群体，两个课时间冲突了，这几天极端天气，想问一下进京证怎么办", "none", [], []),
    ("这家公司想占领市场，恶意压价", "none", [], []),
    ("楼上的人拼命跺脚", "none", [], []),
    ("他扬言谁敢拆他的墙就跟谁拼命。", "high", ["扬言", "拼命"], []),
    ("已多次拨打12345未果", "low", ["12345"], []),
    # traditional characters and full-width digits
    ("老闆欠薪，工友們揚言要去上訪", "high", ["欠薪", "揚言", "上訪"], []),
    ("打了１２３４５也沒人管", "low", ["１２３４５", "沒人管"], []),
    # settled in the past: read, not a signal; still open: a signal
    ("去年因为拆迁的事去市里上访过，后来问题已经解决了", "none", [], ["上访"]),
    ("去年年底因为欠薪我们拉过横幅，后来钱都结清了", "none", [], ["欠薪", "拉过横幅"]),
    ("上访了好几次都没解决", "medium", ["上访"], []),
    # a rule quoted from a law or a notice names what is forbidden
    ("根据《信访工作条例》第二十六条，信访人不得在国家机关办公场所周围聚集、围堵", "none", [], ["聚集", "围堵"]),
    # the written 如 / 若 of hotline records and the typo 在不 (再不) are conditions; 还不上 (cannot repay) is not
    ("如得不到答复将联名向上级反映", "low", ["联名"], []),
    ("市民称若本周内不处理将去市政府上访", "low", ["去市政府", "上访"], []),
    ("工友们说在不发钱就去厂门口拉横幅", "low", ["拉横幅"], []),
    ("工资拖了三个月还不给，我们明天就去劳动局上访", "medium", ["上访"], []),
]


@pytest.mark.parametrize("text,level,signals,negated", CASES)
def test_risk_table(text, level, signals, negated):
    r = assess(text)
    assert r["level"] == level, r
    assert [s["text"] for s in r["signals"]] == signals
    assert [s["text"] for s in r["negated"]] == negated


def test_negated_cues_say_why():
    r = assess("我们没有扬言要上访。去年拉过横幅，后来钱都结清了。规定不得聚集")
    assert [(s["text"], s["reason"]) for s in r["negated"]] == [
        ("扬言", "negation"), ("上访", "negation"), ("拉过横幅", "resolved"), ("聚集", "prohibition")]


def test_cue_inside_a_title_is_a_name():
    assert assess("《信访工作条例》怎么规定的")["signals"] == []
    assert assess("《信访工作条例》怎么规定的")["negated"] == []


def test_conditional_marks_and_lowers():
    plain = assess("我就去跳楼")["signals"][0]
    cond = assess("如果再不解决我就去跳楼")["signals"][0]
    assert (plain["severity"], plain["conditional"]) == (3, False)
    assert (cond["severity"], cond["conditional"]) == (2, True)


def test_condition_does_not_cross_sentences():
    r = assess("如果你有空请回电。我们明天去上访")
    assert r["signals"][0]["conditional"] is False


@pytest.mark.parametrize("text,urgency", [
    ("明天三十多个工友要去公司讨薪", "high"),
    ("快过年了，工资还没发", "medium"),
    ("如果明天再不解决就去上访", "medium"),
    ("楼上漏水", "low"),
    # a threat to life is urgent without a time word; a conditional one is less so, but never low
    ("我不想活了，实在没办法了", "high"),
    ("对方提着菜刀冲到我家", "high"),
    ("如果再不解决我就跳楼", "medium"),
    ("再不给钱我就从楼顶跳下去", "medium"),
    ("要是还不处理，我就拿刀去找他", "medium"),
    ("如果再不解决就去上访", "low"),
])
def test_urgency(text, urgency):
    assert assess(text)["urgency"] == urgency


def test_categories_raise_level():
    assert level_of([{"severity": 1, "cue": a} for a in ("petition", "collective")]) == "medium"
    assert level_of([{"severity": 1, "cue": "media"}] * 3) == "low"
    assert level_of([{"severity": 1, "cue": a} for a in ("media", "complaint", "wage_arrears")]) == "low"
    assert level_of([{"severity": 3, "cue": a} for a in ("violence", "revenge")]) == "high"


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["没有", "如果", "扬言", "上访", "，", "。", "我们", "不会", "去", "跳楼", "集体", "a", " ",
                                 "上訪", "跳樓", "１２３４５", "多次", "《", "》", "后来解决了", "不得"]),
                max_size=20).map("".join))
def test_spans_match_text(text):
    r = assess(text)
    for s in r["signals"] + r["negated"] + r["urgency_cues"]:
        assert text[s["start"]:s["end"]] == s["text"]
    assert r["level"] in ("none", "low", "medium", "high")
