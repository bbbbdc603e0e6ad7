"""Traditional characters and full-width forms are read as the simplified text the models were made for."""
import pytest

from fazhi.scan.fold import fold

# the hand-written descriptions of tests/fixtures/scan/hand_written_types.tsv, written in traditional characters
TRADITIONAL = [
    ("婚姻家庭", "結婚十年了，丈夫常年在外打工不回家，也不給家裏生活費，我想起訴離婚"),
    ("生产经营", "我和表哥合夥開了一家奶茶店，他把營業款都拿走了不給我分"),
    ("征地拆迁", "高速公路修到我們村，徵收的房屋補償按十年前的標準算"),
    ("交通事故", "晚上騎電動車在十字路口被一輛闖紅燈的麪包車撞倒，腿骨折"),
    ("婚姻家庭", "我和前夫離婚時約定他每月給孩子一千五撫養費，已經一年沒給了"),
    ("交通事故", "我的車停在路邊被一輛渣土車剮了，司機開走了"),
]


def test_fold_keeps_length_and_leaves_simplified_text_alone():
    t = "包工頭拖欠我們三十多個工人的工資，電話１３８"
    assert fold(t) == "包工头拖欠我们三十多个工人的工资，电话138" and len(fold(t)) == len(t)
    simplified = "著作权纠纷，乾隆年间的房契，于是我们去了"
    assert fold(simplified) == simplified


@pytest.mark.parametrize("label, text", TRADITIONAL)
def test_default_model_reads_traditional_posts(label, text):
    from fazhi.scan.classify import classify

    r = classify(text)
    assert r["type"] == label, r
    assert all(fold(w["term"]) == w["term"] for w in r["explanation"]["words"])  # explained in simplified


def test_risk_cues_in_traditional_characters_keep_their_offsets():
    from fazhi.scan.risk import assess

    text = "包工頭拖欠我們三十多個工人的工資，再不給錢就去政府門口拉橫幅，還揚言要報復"
    r = assess(text)
    assert r["level"] != "none" and len(r["signals"]) >= 2
    assert all(text[s["start"]:s["end"]] == s["text"] for s in r["signals"])
