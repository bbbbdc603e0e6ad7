"""Plans for noise, house-expropriation and elderly-support disputes cite the governing articles of the bundled
噪声污染防治法 (2021), 国有土地上房屋征收与补偿条例 and 老年人权益保障法, and never the repealed 环境噪声污染防治法.

The 16 disputes and their key (tests/fixtures/index/governing_laws_16.jsonl, benchmarks/plan_bundled_laws.py) were
written before the first run. First run (before the laws were bundled): governing law 2 of 16; with the laws
bundled and the old topics 9 of 16; with the topics of steps.yaml that name their articles 16 of 16."""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest

from fazhi.index.plan import load_steps, topics_of

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))

from plan_bundled_laws import load_cases, score  # noqa: E402  (the benchmark's scoring)

NEW_LAWS = ("噪声污染防治法", "国有土地上房屋征收与补偿条例", "老年人权益保障法")


@pytest.fixture(scope="module")
def registry():
    from fazhi.corpora.samples import data_dir
    from fazhi.graph.build import build_from_paths

    return build_from_paths([data_dir() / "laws"], workers=1).registry


def test_every_article_steps_yaml_names_of_these_laws_exists_in_force(registry):
    """Each 《…》第N条 of the three laws in steps.yaml (laws and step sources) is an article of the bundled text."""
    from fazhi.numerals import cn_to_int

    text = (ROOT / "fazhi" / "index" / "data" / "steps.yaml").read_text(encoding="utf-8")
    found = 0
    for law, art in re.findall(r"《(?:中华人民共和国)?([^》]+)》第([零一二三四五六七八九十百]+)条", text):
        if law not in NEW_LAWS:
            continue
        found += 1
        entry = registry.get(law)
        assert entry is not None and registry.status(entry) == "有效", law
        assert entry.versions[-1].has_article(cn_to_int(art)), f"{law} 第{art}条"
    assert found >= 15
    # no topic, type or step offers the repealed 环境噪声污染防治法
    data = load_steps()
    named = [x for t in data["topics"] for x in t.get("laws", [])]
    named += [x for t in data["types"].values() for x in t.get("laws", [])]
    named += [s["source"] for t in [*data["topics"], *data["types"].values()] for s in t.get("steps", [])]
    assert named and not any("环境噪声污染防治法" in x for x in named)


@pytest.mark.parametrize("text, topic", [
    ("楼上装修，早上七点就开始电钻砸墙", "装修噪声"),
    ("小区广场跳广场舞的音响开得太大了", "广场舞"),
    ("工地晚上十一点还在打桩，吵得睡不着", "夜间施工"),
    ("楼下KTV唱到凌晨，吵得没法睡", "经营场所噪声"),
    ("签约期过了，征收部门说要报区政府作补偿决定", "征收补偿决定"),
    ("门面被征收，停业三个月的损失不给补", "停产停业损失"),
    ("儿子让我老两口搬到院里的旧厨房住", "老人住房"),
    ("兄妹三人签了赡养协议，大哥不履行", "赡养协议"),
    ("我今年七十六了，三个儿子都成家了，一个月谁也不给一分钱", "赡养"),
    ("我爸去年认识了一个阿姨想领证，我哥死活不同意", "再婚"),
])
def test_topics_of_these_disputes(text, topic):
    assert topic in topics_of(text)


@pytest.mark.parametrize("text, topic", [
    ("楼上装修把我家天花板弄裂了，为这事吵了一架", "装修噪声"),  # 吵了一架 is a quarrel, no noise
    ("家里装修，晚上十点工人还在施工", "夜间施工"),  # a home's renovation is no building site
    ("村里征地，镇政府说不签协议就作补偿决定", "征收补偿决定"),  # collective land: 土地管理法
    # a factory in a village's collective building, its land taken (med-054): not the 国有土地上房屋征收与补偿条例
    ("纺织厂租用某村集体厂房，该地块被列入土地征收范围，要求停产停业损失", "停产停业损失"),
    ("健身房老板跑路了，会员们吵着要退卡", "经营场所噪声"),  # a quarrel over a prepaid card, no noise
    ("我妈去年过世了，我尽了主要赡养义务，想多分遗产", "赡养"),
    ("家里找了个阿姨带孩子，工资一直没谈拢", "再婚"),  # a nanny
])
def test_not_these_topics(text, topic):
    assert topic not in topics_of(text)


def test_renovation_noise_plan_cites_the_current_noise_law(demo_ws):
    """楼上装修噪音: 《中华人民共和国噪声污染防治法》 with an article that exists (第六十六条), never the old law."""
    from fazhi.index.plan import make_plan

    p = make_plan("楼上新搬来的邻居装修，每天早上七点不到就开始砸墙、电钻，周末也不停，吵得老人孩子都没法休息。",
                  demo_ws)
    noise = [x for x in p["provisions"] if x["law"] == "中华人民共和国噪声污染防治法"]
    assert noise and all(x["status"] == "有效" for x in noise)
    assert 66 in {x["article"] for x in noise}
    assert not any("环境噪声污染防治法" in x["law"] or "环境噪声污染防治法" in x["citation"] for x in p["provisions"])


def test_plans_of_the_16(demo_ws):
    from fazhi.index.hybrid import open_index
    from fazhi.index.plan import make_plan

    idx = open_index(demo_ws)
    cases = load_cases()
    assert len(cases) == 16
    bad = []
    for c in cases:
        row = score(c, make_plan(c["text"], demo_ws, index=idx))
        if not (row["governing_ok"] and row["no_wrong_law"]):
            bad.append((row["id"], row["groups"], row["wrong"], row["provisions"]))
    assert not bad, json.dumps(bad, ensure_ascii=False, indent=1)
