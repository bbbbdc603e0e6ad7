"""Audit 5 (tests/fixtures/scan/analyst_posts_5.tsv): cues the rules missed, each with look-alikes that must stay
quiet; and the fixture's levels, cues and spans as written before the first run (rows still read otherwise are
strict xfails, so a fix shows up as XPASS). First run: level 114/120, level+cues+spans 109/120, spans 22/33; after the
fixes 120, 118, 32/33. The 24 held-out posts (analyst_posts_5_held.tsv), written after the fixes and run once:
level 23/24, cues and spans 24/24 (types 20/24); the miss is a design choice, below."""
import pytest
from risk_key import FIXTURES, assert_row, params, read_rows

from fazhi.scan.risk import assess

ROWS = read_rows(FIXTURES / "analyst_posts_5.tsv")
HELD = read_rows(FIXTURES / "analyst_posts_5_held.tsv")
KNOWN = {
    "带着孩子一起走": "带着孩子一起走 (take the child along, i.e. die together) is read only as going somewhere; "
               "the level is right from 活着没意思",
    "就在屋顶上自焚": "a self-harm threat on a condition (要是敢来强拆…就自焚) is lowered one step to medium, as docs/scan.md "
               "chooses (urgency medium, never low); keyed high before the run",
    "物业办公室砸了": "去把物业办公室砸了 reads as fight (砸了), level right; keyed threat/violence",
}


@pytest.mark.parametrize("text,piece,cue", [
    ("俺兄弟说了，人要是没了，他跟那大夫没完", "跟那大夫没完", "threat"),
    ("我老公说今晚再找那家人算账", "找那家人算账", "threat"),
    ("还带人到我家门口泼红油漆", "泼红油漆", "threat"),
    ("这事不给个说法我让他儿子也尝尝滋味", "让他儿子也尝尝滋味", "revenge"),
    ("去县里反映了十几次都没用，下个月准备去省里", "去省里", "petition"),
    ("徵地補償款被截留，下個月準備去省裡", "去省裡", "petition"),
    ("再不批我就带着铺盖住到镇政府去", "住到镇政府去", "petition"),
    ("家长群里一百多号人，打算周末一起去市场监管局", "一百多号人", "collective"),
    ("家长群里一百多号人，打算周末一起去市场监管局", "周末一起去", "collective"),
    ("夜市的摊主们今天傍晚集体罢市", "集体", "collective"),
    ("夜市的摊主们今天傍晚集体罢市", "罢市", "protest"),
    ("听说明天要去堵施工的路", "堵施工的路", "protest"),
])
def test_cue_found(text, piece, cue):
    sig = assess(text)["signals"]
    assert any(s["cue"] == cue and s["text"] == piece for s in sig), sig


@pytest.mark.parametrize("text", [
    "两口子在家吵个没完", "找会计算账对一下", "下周去省里出差", "去县政府办证要带什么材料", "这条路堵车的路段很多",
    "夜市上聚集了几百人", "周末带孩子去夜市，排队的人好多", "房子刷了一遍油漆", "有人在绿化带里种菜，还泼粪施肥", "他在县政府上班，住在政府宿舍", "我打算周末一起去市场监管局问问", "我和老婆打算周末一起去公司找他", "退休后搬到政府家属院旁边住",
])
def test_look_alikes_stay_quiet(text):
    assert assess(text)["signals"] == [], assess(text)["signals"]


def test_fixture_shape():
    assert len(ROWS) == 120 and all(len(r) == 5 for r in ROWS)
    assert len(HELD) == 24 and all(len(r) == 5 for r in HELD)
    assert all(sum(k in r[4] for r in ROWS + HELD) == 1 for k in KNOWN)


@pytest.mark.parametrize("levels,cues,spans,text", params({"": ROWS, "held-": HELD}, KNOWN))
def test_level_cues_and_spans(levels, cues, spans, text):
    assert_row(assess(text), text, levels, cues, spans)
