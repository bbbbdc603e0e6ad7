"""Impact lists as a legislative-affairs officer reads them: by rank then date, the same on every run,
without amending instruments, self-citations or repealed citers; duplicate files of one version are one
version; an article the law does not have is refused. A small corpus written for these tests."""
import json
import os
import subprocess
import sys

import pytest
from click.testing import CliRunner

from fazhi.document import Document
from fazhi.graph.build import build, save_graph
from fazhi.graph.queries import impact

TARGET = "中华人民共和国测绘示范法"
INTERPRETATION = "最高人民法院关于审理测绘示范纠纷案件适用法律问题的解释"


def _doc(title, date, level, text):
    return Document(text=text, kind="regulation", title=title, source=f"t:{title}@{date}", published=date,
                    metadata={"level": level})


DOCS = [
    _doc(TARGET, "2010-01-01", "法律", "第一条 为了规范测绘，制定本法。\n第二条 测绘应当依法进行。\n"
         "第三条 本法自2010年6月1日起施行。"),
    # the target citing itself: never listed
    _doc(TARGET, "2020-01-01", "法律", "第一条 为了规范测绘，制定本法。\n第二条 测绘应当依法进行，依照《中华人民共和国"
         "测绘示范法》第一条。\n第三条 测绘单位应当登记。\n第四条 本法自2020年6月1日起施行。"),
    # amending instruments: spent once in force, nothing to clean up
    _doc("中华人民共和国测绘示范法修正案", "2015-01-01", "法律", "一、将《中华人民共和国测绘示范法》第二条修改为：“测绘应当"
         "依法进行。”\n二、本修正案自公布之日起施行。"),
    _doc("国务院关于修改《测绘示范法实施条例》的决定", "2021-01-01", "行政法规", "第一条 将《中华人民共和国测绘示范法》第三条的"
         "引用修改。\n第二条 本决定自公布之日起施行。"),
    _doc("测绘示范法实施条例", "2018-01-01", "行政法规", "第一条 根据《中华人民共和国测绘示范法》，制定本条例。\n"
         "第二条 依照《中华人民共和国测绘示范法》第二条的规定登记。\n第三条 本条例自2018年3月1日起施行。"),
    _doc("甲省测绘示范条例", "2015-05-01", "地方性法规", "第一条 根据《中华人民共和国测绘示范法》，结合本省实际，制定本条例。"
         "\n第二条 本条例自2015年7月1日起施行。《甲省测绘管理办法》同时废止。"),
    # repealed by 甲省测绘示范条例: listed only with include_outdated
    _doc("甲省测绘管理办法", "2005-05-01", "地方性法规", "第一条 根据《中华人民共和国测绘示范法》，制定本办法。\n"
         "第二条 本办法自2005年7月1日起施行。"),
    _doc("甲省乙市测绘示范办法", "2012-05-01", "地方政府规章", "第一条 依照《中华人民共和国测绘示范法》第三条，制定本办法。\n"
         "第二条 本办法自2012年7月1日起施行。"),
    # one interpretation filed twice: with its issuer (published 2021-03-01) and without (adopted 2021-02-01)
    _doc(INTERPRETATION, "2021-03-01", "司法解释", "第一条 适用《中华人民共和国测绘示范法》第二条的规定。\n"
         "第二条 本解释自2021年4月1日起施行。"),
    _doc(INTERPRETATION.replace("最高人民法院", ""), "2021-02-01", "司法解释", "第一条 适用《中华人民共和国测绘示范法》第二条"
         "的规定。\n第二条 本解释自2021年4月1日起施行。"),
    _doc("丁市测绘示范条例", "2019-06-01", "地方性法规", "第一条 根据《测绘示范法实施条例》，结合本市实际，制定本条例。\n"
         "第二条 本条例自2019年7月1日起施行。"),
    _doc("丙市测绘示范条例", "2019-05-01", "地方性法规", "第一条 根据《测绘示范法实施条例》，结合本市实际，制定本条例。\n"
         "第二条 本条例自2019年7月1日起施行。"),
]


@pytest.fixture(scope="module")
def mini():
    return build(DOCS, overrides=[])


def test_direct_citers_by_rank_then_date(mini):
    r = impact(mini.graph, mini.registry, "测绘示范法")
    assert [(d["title"], d["rank"]) for d in r["direct"]] == [
        ("测绘示范法实施条例", "行政法规"), ("甲省测绘示范条例", "地方性法规"), ("甲省乙市测绘示范办法", "地方政府规章"),
        (INTERPRETATION, "司法解释")]  # 司法解释 stands beside the hierarchy: after the ranked ones
    assert [(t["title"], t["depth"], t["via"]) for t in r["transitive"]] == [
        ("丙市测绘示范条例", 2, "测绘示范法实施条例"), ("丁市测绘示范条例", 2, "测绘示范法实施条例")]  # then by date


def test_amending_instruments_and_self_citations_are_not_listed(mini):
    listed = {d["title"] for d in impact(mini.graph, mini.registry, TARGET, include_outdated=True)["direct"]}
    assert TARGET not in listed
    assert not {"中华人民共和国测绘示范法修正案", "国务院关于修改《测绘示范法实施条例》的决定"} & listed
    by_article = impact(mini.graph, mini.registry, TARGET, article=2)
    assert [d["title"] for d in by_article["direct"]] == ["测绘示范法实施条例", INTERPRETATION]


def test_repealed_citer_only_on_request(mini):
    assert "甲省测绘管理办法" not in {d["title"] for d in impact(mini.graph, mini.registry, TARGET)["direct"]}
    r = impact(mini.graph, mini.registry, TARGET, include_outdated=True)
    assert r["direct"][-1]["title"] == "甲省测绘管理办法" and not r["direct"][-1]["current"]  # outdated last


def test_one_version_filed_twice_is_one_version(mini):
    law = mini.registry.get("关于审理测绘示范纠纷案件适用法律问题的解释")
    assert law.title == INTERPRETATION
    assert [(v.date, v.effective, len(v.sources)) for v in law.versions] == [("2021-03-01", "2021-04-01", 2)]
    assert INTERPRETATION.replace("最高人民法院", "") not in mini.registry.laws
    r = impact(mini.graph, mini.registry, TARGET)
    assert sum(1 for d in r["direct"] if "测绘示范纠纷" in d["title"]) == 1


def test_an_article_the_law_does_not_have_is_refused(mini):
    with pytest.raises(ValueError, match="no article 9"):
        impact(mini.graph, mini.registry, TARGET, article=9)
    with pytest.raises(ValueError, match="2之一"):
        impact(mini.graph, mini.registry, TARGET, article="2之一")
    assert impact(mini.graph, mini.registry, TARGET, article=3)["direct"]  # 第三条: in the 2020 version


def test_cli_json_is_the_same_on_every_run(mini, tmp_path):
    save_graph(mini, tmp_path / "graph")
    outs = set()
    for seed in ("1", "2", "3"):
        env = dict(os.environ, FAZHI_HOME=str(tmp_path), PYTHONHASHSEED=seed)
        p = subprocess.run([sys.executable, "-m", "fazhi", "graph", "impact", "测绘示范法", "--json"], env=env,
                           capture_output=True, text=True, timeout=120)
        assert p.returncode == 0, p.stderr
        outs.add(p.stdout)
    assert len(outs) == 1
    assert json.loads(outs.pop())["counts"] == {"direct": 4, "transitive": 2, "citing_articles": 5}


def test_cli_refuses_a_missing_article(mini, tmp_path):
    from fazhi.cli import cli

    save_graph(mini, tmp_path / "graph")
    res = CliRunner().invoke(cli, ["--home", str(tmp_path), "graph", "impact", "测绘示范法", "--article", "99"])
    assert res.exit_code == 2 and "no article 99" in res.output


def test_a_version_takes_effect_when_the_instrument_that_made_it_says():
    # 刑法 of 2023-12-29 (修正案（十二）) is in force from 2024-03-01: the date is in the 修正案, not in 刑法's text
    header = "2022年12月30日 第十四届全国人民代表大会常务委员会第一次会议通过的《中华人民共和国测绘示范法修正案（二）》修正"
    docs = [_doc(TARGET, "2010-01-01", "法律", "第一条 甲。\n第二条 本法自2010年6月1日起施行。"),
            Document(text="第一条 甲。\n第二条 乙。\n第三条 本法自2010年6月1日起施行。", kind="regulation", title=TARGET,
                     source="t:2", published="2022-12-30",
                     metadata={"level": "法律", "events": [{"date": "2022-12-30", "event": "修正", "text": header}]}),
            _doc("中华人民共和国测绘示范法修正案（二）", "2022-12-30", "法律", "一、增加一条，作为第二条。\n二、本修正案自2023年"
                 "3月1日起施行。")]
    reg = build(docs, overrides=[]).registry
    old, new = reg.get(TARGET).versions
    assert new.effective == "2023-03-01" and old.superseded == "2023-03-01"
    assert reg.version_on(TARGET, "2023-02-01") is old and reg.version_status(new, "2023-02-01") == "尚未生效"
    assert reg.version_on(TARGET, "2023-03-01") is new


def test_joint_issuers_written_with_a_space_are_one_law():
    # the same interpretation as 最高人民法院 最高人民检察院关于… (2019-06-27) and 最高人民法院、最高人民检察院关于… (undated)
    body = "第一条 依照《中华人民共和国刑法》第一百八十二条定罪。\n第二条 本解释自2019年7月1日起施行。"
    docs = [_doc("最高人民法院 最高人民检察院关于办理操纵证券市场刑事案件适用法律若干问题的解释", "2019-06-27", "司法解释", body),
            _doc("最高人民法院、最高人民检察院关于办理操纵证券市场刑事案件适用法律若干问题的解释", "", "司法解释", body),
            _doc("最高人民法院、最高人民检察院关于执行《中华人民共和国刑法》 确定罪名的补充规定（七）", "2021-02-26", "司法解释",
                 "第一条 甲。\n第二条 本规定自2021年3月1日起施行。")]
    reg = build(docs, overrides=[]).registry
    law = reg.get("关于办理操纵证券市场刑事案件适用法律若干问题的解释")  # cited without the issuers
    assert law.title == "最高人民法院、最高人民检察院关于办理操纵证券市场刑事案件适用法律若干问题的解释"
    assert [(v.date, len(v.sources)) for v in law.versions] == [("2019-06-27", 2)] and len(reg) == 2
    assert "最高人民法院、最高人民检察院关于执行《中华人民共和国刑法》确定罪名的补充规定（七）" in reg.laws


def test_each_citer_says_which_version_it_cited(mini):
    # 测绘示范法 2010 (in force 2010-06-01) was replaced by 2020 (in force 2020-06-01): a text of 2012 or 2018
    # cites the 2010 text, whose 第二条 may not be today's 第二条; the interpretation of 2021 cites the 2020 text
    r = impact(mini.graph, mini.registry, TARGET)
    assert {d["title"]: (d["cited_version"], d["cited_version_status"]) for d in r["direct"]} == {
        "测绘示范法实施条例": ("2010-01-01", "已修改"), "甲省测绘示范条例": ("2010-01-01", "已修改"),
        "甲省乙市测绘示范办法": ("2010-01-01", "已修改"), INTERPRETATION: ("2020-01-01", "有效")}
    assert r["repealed_on"] is None and r["successor"] is None


def test_cited_version_older_than_every_held_text_and_a_repealed_target():
    # the corpus holds only the 2021 text of 行政处罚示范法; a 2010 regulation cited an older one. 乙法 is repealed
    # by 丙法, and a 2022 rule still cites it
    docs = [_doc("中华人民共和国行政处罚示范法", "2021-01-22", "法律", "第一条 甲。\n第二条 乙。\n第三条 本法自2021年7月15日起施行。"),
            _doc("某某处罚规定", "2010-12-04", "行政法规", "第一条 依照《中华人民共和国行政处罚示范法》第二条的规定。\n"
                 "第二条 本规定自2011年1月1日起施行。"),
            _doc("某某执法条例", "2021-09-30", "地方性法规", "第一条 依照《中华人民共和国行政处罚示范法》第二条的规定。\n"
                 "第二条 本条例自2021年11月1日起施行。"),
            # written after the law was promulgated, before it took effect: it cites that text
            _doc("某某实施办法", "2021-03-01", "地方政府规章", "第一条 依照《中华人民共和国行政处罚示范法》第二条的规定。\n"
                 "第二条 本办法自2021年3月1日起施行。"),
            _doc("中华人民共和国丙法", "2020-05-28", "法律", "第一条 甲。\n第二条 本法自2021年1月1日起施行。"
                 "《中华人民共和国乙法》同时废止。"),
            _doc("某市乙规定", "2022-03-01", "地方政府规章", "第一条 根据《中华人民共和国乙法》，制定本规定。\n"
                 "第二条 本规定自2022年4月1日起施行。"),
            _doc("某省乙条例", "2015-03-01", "地方性法规", "第一条 根据《中华人民共和国乙法》，制定本条例。\n"
                 "第二条 本条例自2015年4月1日起施行。")]
    b = build(docs, overrides=[])
    r = impact(b.graph, b.registry, "行政处罚示范法", article=2)
    assert {d["title"]: (d["cited_version"], d["cited_version_status"]) for d in r["direct"]} == {
        "某某处罚规定": (None, "早于已收录版本"), "某某执法条例": ("2021-01-22", "有效"),
        "某某实施办法": ("2021-01-22", "有效")}
    r = impact(b.graph, b.registry, "乙法")
    assert (r["status"], r["repealed_on"], r["successor"]) == ("已废止", "2021-01-01", "中华人民共和国丙法")
    [rule] = [d for d in r["direct"] if d["title"] == "某市乙规定"]
    assert rule["cited_version_status"] == "引用时已废止"  # a rule of 2022 citing a law repealed in 2021
    [old] = [d for d in r["direct"] if d["title"] == "某省乙条例"]
    assert old["cited_version_status"] == "已废止"  # right in 2015, repealed since


def test_cli_names_the_successor_and_the_cited_version(mini, tmp_path):
    from fazhi.cli import cli

    docs = [_doc("中华人民共和国丙法", "2020-05-28", "法律", "第一条 甲。\n第二条 本法自2021年1月1日起施行。"
                 "《中华人民共和国乙法》同时废止。"),
            _doc("某市乙规定", "2022-03-01", "地方政府规章", "第一条 根据《中华人民共和国乙法》，制定本规定。\n"
                 "第二条 本规定自2022年4月1日起施行。")]
    save_graph(build(docs, overrides=[]), tmp_path / "a" / "graph")
    res = CliRunner().invoke(cli, ["--home", str(tmp_path / "a"), "graph", "impact", "乙法"])
    assert res.exit_code == 0 and "已废止，2021-01-01起，由《中华人民共和国丙法》取代" in res.output
    assert "中华人民共和国丙法 (2020-05-28) 第2条；废止该法，无需清理" in res.output  # the repeal clause itself
    assert "某市乙规定 (2022-03-01) 第1条；引用时该法已废止\n" in res.output
    save_graph(mini, tmp_path / "b" / "graph")
    res = CliRunner().invoke(cli, ["--home", str(tmp_path / "b"), "graph", "impact", "测绘示范法"])
    assert "测绘示范法实施条例 (2018-01-01) 第1条、第2条，引用第2条；依据2010-01-01版本，该版本已修改，所引条文序号可能已变" in res.output


@pytest.mark.parametrize("asked", ["《中华人民共和国测绘示范法》第二条", "测绘示范法第2条", "中华人民共和国测绘示范法 第二条"])
def test_an_article_typed_with_the_title(mini, asked):
    # before: UnknownLaw ("not in the law registry") for a title with its article
    r = impact(mini.graph, mini.registry, asked)
    assert (r["target"], r["article"]) == (TARGET, 2)
    assert r["direct"] == impact(mini.graph, mini.registry, TARGET, article=2)["direct"]


def test_a_law_repealed_on_an_unknown_date_was_not_repealed_when_cited():
    # LawRefBook flags 人民检察院民事诉讼监督规则（试行） expired, without a date: a text of 2015 cited it while in
    # force, as far as anyone knows (before: 引用时已废止)
    rule = "人民检察院民事诉讼监督规则（试行）"
    docs = [_doc(rule, "2013-11-18", "司法解释", "第一条 甲。\n第二条 本规则自发布之日起施行。"),
            _doc("某省监督条例", "2015-03-01", "地方性法规", f"第一条 依照《{rule}》，制定本条例。\n"
                 "第二条 本条例自2015年4月1日起施行。")]
    docs[0].metadata["lawrefbook_flag"] = "expired"
    b = build(docs, overrides=[])
    assert b.registry.status(rule) == "已废止" and b.registry.get(rule).repealed_on is None
    [citer] = impact(b.graph, b.registry, rule)["direct"]
    assert (citer["cited_version"], citer["cited_version_status"]) == ("2013-11-18", "已废止")
