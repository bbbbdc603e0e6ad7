"""Registry facts, built from the bundled official texts (a subset of ../shared/data/laws)."""
import time

import pytest

from fazhi.graph.build import build, load_overrides
from fazhi.graph.registry import Law, Registry, Version, rank_value


def test_civil_code_is_one_law_with_1260_articles(registry):
    law = registry.get("民法典")
    assert law.title == "中华人民共和国民法典"
    assert len(law.versions) == 1
    v = law.versions[0]
    assert v.articles == 1260 and v.max_article == 1260
    assert len(v.sources) == 8  # one file per 编, merged into one version
    assert registry.status(law, "2024-01-01") == "有效"
    assert registry.status(law, "2020-12-31") == "尚未生效"


def test_contract_law_repealed_by_civil_code(registry):
    law = registry.get("合同法")
    assert law.title == "中华人民共和国合同法"
    assert law.repealed_on == "2021-01-01"
    assert law.successor == "中华人民共和国民法典"
    assert not law.in_corpus
    ev = [e for e in law.evidence if e.get("by") == "中华人民共和国民法典"]
    assert ev and ev[0]["article"] == 1260 and "同时废止" in ev[0]["text"]
    assert registry.status(law, "2020-12-31") == "有效"
    assert registry.status(law, "2021-01-01") == "已废止"


@pytest.mark.parametrize("title", ["物权法", "婚姻法", "继承法", "民法通则", "担保法", "侵权责任法", "民法总则"])
def test_other_laws_repealed_by_article_1260(registry, title):
    law = registry.get(title)
    assert law is not None and law.repealed_on == "2021-01-01" and law.successor == "中华人民共和国民法典"


def test_administrative_penalty_law_2021_has_86_articles(registry):
    v = registry.version_on("行政处罚法", "2022-01-01")
    assert v.date == "2021-01-22" and v.articles == 86
    assert v.texts[16].startswith("第十六条 除法律、法规、规章外，其他规范性文件不得设定行政处罚")


def test_legislation_law_versions(registry):
    law = registry.get("《中华人民共和国立法法》")
    assert [(v.date, v.articles) for v in law.versions] == [("2015-03-15", 105), ("2023-03-13", 120)]
    assert registry.version_on(law, "2016-06-01").articles == 105
    assert registry.version_on(law, "2024-06-01").articles == 120
    old = law.versions[0]
    assert old.superseded == law.versions[1].start
    assert registry.version_status(old, "2016-01-01") == "有效"
    assert registry.version_status(old, "2024-01-01") == "已修改"
    assert registry.status(law, "2024-01-01") == "有效"


def test_petition_regulation_2005_no_longer_in_force(registry):
    law = registry.get("信访条例")
    assert law.versions[0].date == "2005-01-10"
    assert registry.status(law, "2010-01-01") == "有效"
    assert registry.status(law, "2023-01-01") == "已废止"
    assert law.successor == "信访工作条例"
    assert any(e.get("override") and e["source"] for e in law.evidence)
    assert registry.status("信访工作条例", "2023-01-01") == "有效"


def test_rank_issuer_region(registry):
    assert registry.get("行政处罚法").rank == "法律"
    assert registry.get("物业管理条例").rank == "行政法规"
    hz = registry.get("杭州市物业管理条例")
    assert hz.rank == "地方性法规" and hz.region == "浙江" and hz.issuer == "杭州市人民代表大会常务委员会"
    assert registry.get("信访条例").issuer == "国务院"
    assert rank_value("法律") > rank_value("行政法规") > rank_value("地方性法规") > rank_value("地方政府规章")
    assert rank_value("司法解释") is None


def test_aliases_and_suggestions(registry):
    assert registry.get("中华人民共和国行政处罚法（2021年修订）").title == "中华人民共和国行政处罚法"
    assert "行政处罚法" in registry.get("行政处罚法").aliases
    assert registry.get("不存在的法") is None
    assert "中华人民共和国行政处罚法" in registry.suggest("行政处法")
    from fazhi.errors import UnknownLaw

    with pytest.raises(UnknownLaw, match="did you mean"):
        registry["中华人民共和国行政处法"]


def test_overrides_need_a_source(tmp_path):
    rows = load_overrides()
    assert rows and all(r["source"].strip() for r in rows)
    bad = tmp_path / "o.tsv"
    bad.write_text("title\tfield\tvalue\tsource\n某条例\trepealed_on\t2020-01-01\t\n", encoding="utf-8")
    with pytest.raises(ValueError, match="source"):
        load_overrides(bad)


def test_override_facts_apply_without_text():
    b = build([], overrides=[{"title": "某省旧条例", "field": "repealed_on", "value": "2019-01-01",
                              "source": "test"}])
    assert b.registry.status("某省旧条例", "2020-01-01") == "已废止"
    assert b.registry.status("某省旧条例", "2018-01-01") == "有效"  # before the repeal date
    assert b.registry.get("某省旧条例").rank == "地方性法规"


def test_persistence_round_trip_and_load_time(built):
    t = time.perf_counter()
    reg = Registry.load(built.directory)
    assert time.perf_counter() - t < 2
    assert reg.get("民法典").versions[0].articles == 1260
    from fazhi.graph.build import load_graph

    g = load_graph(built.directory)
    assert g.number_of_nodes() == built.graph.number_of_nodes()


def test_missing_registry_is_a_clear_error(tmp_path):
    from fazhi.errors import FazhiError

    with pytest.raises(FazhiError, match="fazhi graph build"):
        Registry.load(tmp_path)


def test_status_not_yet_in_force():
    reg = Registry()
    law = reg.add_law(Law(title="某法", rank="法律"))
    law.add_version(Version(date="2030-01-01", effective="2030-07-01", articles=3, max_article=3))
    reg.finish()
    assert reg.status("某法", "2030-03-01") == "尚未生效"
    assert reg.status("某法", "2030-07-01") == "有效"
    assert reg.version_on("某法", "2030-03-01") is None


def test_source_status_fields():
    from fazhi.document import Document

    docs = [
        Document(text="第一条 为了规范某事，制定本条例。\n第二条 本条例自2001年1月1日起施行。", kind="regulation",
                 title="某某管理条例", source="flk:1", published="2000-10-01",
                 metadata={"status": "已废止", "office": "国务院", "level": "行政法规"}),
        Document(text="第一条 甲。\n第二条 乙。\n第三条 丙。", kind="regulation", title="另一管理条例", source="flk:2",
                 published="2010-01-01", metadata={"status": "有效", "level": "行政法规"}),
    ]
    reg = build(docs, overrides=[]).registry
    law = reg.get("某某管理条例")
    assert law.repealed and law.issuer == "国务院" and law.versions[0].effective == "2001-01-01"
    assert reg.status(law, "2024-01-01") == "已废止"
    assert reg.status("另一管理条例", "2024-01-01") == "有效"
    assert reg.get("另一管理条例").versions[0].articles == 3  # plain text: articles from 第X条 lines


@pytest.mark.parametrize("title,rank", [
    ("城市房屋拆迁管理条例", "行政法规"),       # 城市… is not a city's name
    ("风景名胜区管理暂行条例", "行政法规"),
    ("城市市容和环境卫生管理条例", "行政法规"),
    ("市场主体登记管理条例", "行政法规"),
    ("杭州西湖风景名胜区管理条例", "地方性法规"),
    ("上海市物业管理条例", "地方性法规"),
    ("深圳经济特区建筑节能条例", "地方性法规"),
])
def test_rank_of_a_repealed_law_without_text(title, rank):
    # a repeal clause is all the corpus has of these laws: the rank comes from the title
    from fazhi.document import Document

    doc = Document(text=f"某新条例\n第一条 本条例自2011年1月21日起施行。《{title}》同时废止。", title="某新条例",
                   kind="regulation")
    law = build([doc]).registry.get(title)
    assert law is not None and not law.in_corpus and law.rank == rank


@pytest.mark.parametrize("order", [1, -1])
def test_a_trial_title_is_its_own_text(order):
    # 人民检察院刑事诉讼规则（试行） (2012) was replaced by 人民检察院刑事诉讼规则 (2019): （试行） is no version note
    reg = Registry()
    laws = [Law(title="人民检察院刑事诉讼规则（试行）", rank="司法解释"), Law(title="人民检察院刑事诉讼规则", rank="司法解释")]
    for law, date in list(zip(laws, ["2012-11-22", "2019-12-02"]))[::order]:
        reg.add_law(law).add_version(Version(date=date, articles=1, max_article=1))
    reg.finish()
    for title in ("《人民检察院刑事诉讼规则(试行)》", "人民检察院刑事诉讼规则（试行）", "〈人民检察院刑事诉讼规则 (试行)〉"):
        assert reg.get(title).title == "人民检察院刑事诉讼规则（试行）"
    assert reg.get("《人民检察院刑事诉讼规则》").title == "人民检察院刑事诉讼规则"
    assert reg.get("人民检察院刑事诉讼规则（2019年修订）").title == "人民检察院刑事诉讼规则"  # a real version note


def _lawrefbook_doc(title, date, events, text):
    from fazhi.document import Document

    return Document(text=text, title=title, published=date, kind="regulation", source=f"t:{title}@{date}",
                    metadata={"level": "法律", "lawrefbook": True,
                              "events": [{"date": d, "event": e, "text": f"{d} {e}"} for d, e in events]})


def test_a_trial_law_named_in_a_repeal_clause_is_repealed_not_the_law_in_force():
    # 企业破产法 第一百三十六条 (2006): 本法自2007年6月1日起施行，《中华人民共和国企业破产法（试行）》同时废止;
    # 民事诉讼法 第三百零六条 in its 2021 text: 本法自公布之日起施行，《…民事诉讼法（试行）》同时废止 — 公布 is 1991's
    docs = [_lawrefbook_doc("中华人民共和国企业破产法", "2006-08-27", [("2006-08-27", "通过")],
                            "第一条 为规范企业破产程序，制定本法。\n第一百三十六条 本法自2007年6月1日起施行，"
                            "《中华人民共和国企业破产法（试行）》同时废止。"),
            _lawrefbook_doc("中华人民共和国民事诉讼法", "2021-12-24",
                            [("1991-04-09", "通过"), ("2017-06-27", "修正"), ("2021-12-24", "修正")],
                            "第一条 中华人民共和国民事诉讼法以宪法为根据，制定本法。\n第二条 本法自公布之日起施行，"
                            "《中华人民共和国民事诉讼法（试行）》同时废止。")]
    reg = build(docs, overrides=[]).registry
    for title, repealed_on, successor in (("企业破产法(试行)", "2007-06-01", "中华人民共和国企业破产法"),
                                          ("《中华人民共和国民事诉讼法（试行）》", "1991-04-09", "中华人民共和国民事诉讼法")):
        law = reg.get(title)
        # before: the title resolved to the law that repealed it, in force
        assert law.title == successor + "（试行）" and not law.in_corpus
        assert (law.repealed_on, law.successor) == (repealed_on, successor)
        assert reg.status(title, "2024-01-01") == "已废止"
    assert reg.status("民事诉讼法（试行）", "1990-01-01") == "有效"  # before 1991 (was: repealed in 2021)
    assert reg.get("企业破产法").title == "中华人民共和国企业破产法" and reg.status("企业破产法", "2024-01-01") == "有效"
    assert reg.get("民事诉讼法").title == "中华人民共和国民事诉讼法"


def test_a_repeal_decision_repeals_what_it_lists_without_a_successor():
    # 北京市人民代表大会常务委员会关于废止部分地方性法规的决定 (2021-09-24): items, no articles
    decision = _lawrefbook_doc(
        "北京市人民代表大会常务委员会关于废止部分地方性法规的决定", "", [("2021-09-24", "通过")],
        "北京市人民代表大会常务委员会关于废止部分地方性法规的决定\n2021-09-24 通过\n"
        "北京市第十五届人民代表大会常务委员会第三十三次会议决定：\n"
        "一、废止《北京市社会治安综合治理条例》（1992年9月19日北京市第九届人民代表大会常务委员会第三十六次会议通过）\n"
        "二、废止《北京市反不正当竞争条例》（1994年7月22日北京市第十届人民代表大会常务委员会第十一次会议通过）\n"
        "本决定自公布之日起施行。")
    decision.metadata["level"] = "地方性法规"
    rule = _lawrefbook_doc("北京市反不正当竞争条例", "1994-07-22", [("1994-07-22", "通过")],
                           "北京市反不正当竞争条例\n第一条 为了制止不正当竞争，制定本条例。")
    rule.metadata["level"] = "地方性法规"
    b = build([decision, rule], overrides=[])
    reg = b.registry
    for title in ("北京市社会治安综合治理条例", "北京市反不正当竞争条例"):
        law = reg.get(title)
        # before: not repealed (the decision's items are no 第X条 repeal clauses)
        assert (law.repealed, law.repealed_on, law.successor) == (True, "2021-09-24", None)
    assert reg.status("北京市反不正当竞争条例", "2021-09-23") == "有效"
    assert reg.status("北京市反不正当竞争条例", "2021-09-24") == "已废止"
    from fazhi.graph.queries import graph_stats, impact

    r = impact(b.graph, reg, "北京市反不正当竞争条例")
    assert [d["relations"] for d in r["direct"]] == [["cites", "repeals"]]
    assert graph_stats(b.graph, reg)["repealed_laws_still_cited"] == 0  # naming it to repeal it is no use of it


@pytest.mark.parametrize("name, title", [
    # notes reviewers write after a title: a year, an edition, 新, a document number, the adopting session
    ("行政处罚法（2021）", "中华人民共和国行政处罚法"),
    ("行政处罚法(2021版)", "中华人民共和国行政处罚法"),
    ("中华人民共和国行政处罚法（新）", "中华人民共和国行政处罚法"),
    ("中华人民共和国行政处罚法（2021年1月22日第十三届全国人民代表大会常务委员会第二十五次会议修订）", "中华人民共和国行政处罚法"),
    ("最高人民法院关于适用《中华人民共和国民法典》婚姻家庭编的解释（一）（法释〔2020〕22号）",
     "最高人民法院关于适用《中华人民共和国民法典》婚姻家庭编的解释（一）"),
    # the names people give the interpretations of a law
    ("民法典婚姻家庭编解释（一）", "最高人民法院关于适用《中华人民共和国民法典》婚姻家庭编的解释（一）"),
    ("公司法司法解释（三）", "最高人民法院关于适用《中华人民共和国公司法》若干问题的规定（三）"),
    ("公司法解释(二)", "最高人民法院关于适用《中华人民共和国公司法》若干问题的规定（二）"),
    # a note that is part of the title stays: the 2018 amendment is its own text, （三） another interpretation
    ("中华人民共和国宪法修正案（2018年）", "中华人民共和国宪法修正案（2018年）"),
])
def test_names_with_notes_and_nicknames(name, title):
    reg = Registry()
    for t in ("中华人民共和国行政处罚法", "最高人民法院关于适用《中华人民共和国民法典》婚姻家庭编的解释（一）",
              "最高人民法院关于适用《中华人民共和国公司法》若干问题的规定（三）",
              "最高人民法院关于适用《中华人民共和国公司法》若干问题的规定（二）", "中华人民共和国宪法修正案（2018年）",
              "中华人民共和国宪法"):
        reg.add_law(Law(title=t)).add_version(Version(date="2020-01-01", articles=1, max_article=1))
    reg.finish()
    assert reg.get(name).title == title  # before: None for all but the last


def test_a_note_does_not_make_an_unknown_law_known():
    reg = Registry()
    reg.add_law(Law(title="最高人民法院关于适用《中华人民共和国公司法》若干问题的规定（二）")).add_version(
        Version(date="2020-01-01", articles=1, max_article=1))
    reg.finish()
    assert reg.get("公司法司法解释（三）") is None and reg.get("某某不存在法（2021）") is None


def test_a_law_repealed_on_an_unknown_date_was_in_force_when_its_last_text_took_effect():
    reg = Registry()
    law = reg.add_law(Law(title="北京市全民健身条例", rank="地方性法规", repealed=True))
    law.add_version(Version(date="2017-01-20", effective="2017-03-01", articles=1, max_article=1))
    reg.finish()
    # before: 已废止 on every date, as the docstring did not say
    assert reg.status(law, "2017-06-01") == "已废止" and reg.status(law) == "已废止"
    assert reg.status(law, "2017-02-01") == "尚未生效"
    law.versions.insert(0, Version(date="2010-01-01", effective="2010-03-01", articles=1, max_article=1))
    reg.finish()
    assert reg.status(law, "2012-01-01") == "有效"  # the earlier text, in force until the 2017 one
