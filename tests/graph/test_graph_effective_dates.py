"""施行 dates of versions: where each comes from, and which version is in force on a date.

The fixtures (tests/fixtures/graph/effective) are excerpts of real LawRefBook files with their manifest rows:
民事诉讼法 of 2021-12-24 (manifest valid_from 2022-01-01) and of 2023-09-01 (valid_from 2023-09-01, the
公布 date; the text's only clause is the 1991 law's 本法自公布之日起施行; the amending decision says 本决定自2024年1月1日
起施行), 临沂市文明行为促进条例 (valid_from 2018-09-21 though the text says 本条例自2019年1月1日起施行), an
interpretation amended in 2020 (two 通过 lines, 本规定自公布之日起施行, valid_from 2021-01-01), and one whose 修正
header line says 该修正自2021年4月15日施行 (its manifest valid_from left empty here, as for many rows of the real
manifest, so that only the header states the date).
"""
import json
import logging
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from fazhi.graph._rules import cn_date
from fazhi.graph.build import (build_from_paths, effective_evidence, load_effective_overrides, save_graph)

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "graph" / "effective"
CIVIL = "中华人民共和国民事诉讼法"
LAUNDERING = "最高人民法院关于审理掩饰、隐瞒犯罪所得、犯罪所得收益刑事案件适用法律若干问题的解释"


@pytest.fixture(scope="module")
def built():
    return build_from_paths([FIXTURES], workers=1)


def _version(reg, title, date):
    return next(v for v in reg[title].versions if v.date == date)


def test_amended_version_takes_the_decisions_date_from_the_table(built):
    reg = built.registry
    v = _version(reg, CIVIL, "2023-09-01")
    assert (v.effective, v.effective_from) == ("2024-01-01", "overrides")
    old = _version(reg, CIVIL, "2021-12-24")
    assert old.superseded == "2024-01-01"
    assert reg.version_on(CIVIL, "2023-10-01").date == "2021-12-24"
    assert reg.version_on(CIVIL, "2024-01-01").date == "2023-09-01"
    assert reg.version_status(old, "2023-12-31") == "有效" and reg.version_status(v, "2023-12-31") == "尚未生效"
    ev = [e for e in reg[CIVIL].evidence if e.get("override") and e.get("version") == "2023-09-01"]
    assert ev and "本决定自2024年1月1日起施行" in ev[0]["source"]
    # visible in the JSON of the registry and on the graph's version node
    assert v.to_dict()["effective_from"] == "overrides"
    assert built.graph.nodes[f"{CIVIL}@2023-09-01"]["effective_from"] == "overrides"


def test_without_the_table_the_manifest_date_is_kept_and_marked(tmp_path):
    reg = build_from_paths([FIXTURES], workers=1, effective_overrides=[]).registry
    v = _version(reg, CIVIL, "2023-09-01")
    assert (v.start, v.effective_from) == ("2023-09-01", "manifest")
    assert reg.version_on(CIVIL, "2023-10-01").date == "2023-09-01"


def test_the_text_outweighs_the_table(caplog):
    row = {"title": "临沂市文明行为促进条例", "version": "2018-09-21", "effective": "2018-10-01", "source": "a wrong row"}
    with caplog.at_level(logging.WARNING, logger="fazhi.graph.build"):
        reg = build_from_paths([FIXTURES], workers=1, effective_overrides=[row]).registry
    v = _version(reg, "临沂市文明行为促进条例", "2018-09-21")
    assert (v.effective, v.effective_from) == ("2019-01-01", "text")
    assert "临沂市文明行为促进条例" in caplog.text


def test_the_texts_own_clause_outweighs_the_manifest(built):
    # valid_from 2018-09-21 in the manifest; 第六十三条 本条例自2019年1月1日起施行
    v = _version(built.registry, "临沂市文明行为促进条例", "2018-09-21")
    assert (v.effective, v.effective_from) == ("2019-01-01", "text")
    assert built.registry.version_on("临沂市文明行为促进条例", "2018-12-01") is None


def test_an_amendment_line_that_states_its_own_date(built):
    # 2021年4月7日 ……《关于修改〈…〉的决定》修正，该修正自2021年4月15日施行
    v = _version(built.registry, LAUNDERING, "2021-04-13")
    assert (v.effective, v.effective_from) == ("2021-04-15", "header")


def test_self_clause_of_an_amended_interpretation_is_not_its_own(built):
    # two 通过 lines 18 years apart: the 2002 text's 本规定自公布之日起施行 says nothing of the 2020 amendment
    v = _version(built.registry, "最高人民法院关于诉讼代理人查阅民事案件材料的规定", "2020-12-29")
    assert (v.effective, v.effective_from) == ("2021-01-01", "manifest")


def test_effective_evidence_of_texts():
    from fazhi.corpora.lawrefbook import parse_lawrefbook

    head = "# 某某条例\n\n2019年5月6日 国务院令第1号公布\n\n<!-- INFO END -->\n\n"
    doc = parse_lawrefbook(head + "第一条 目的。\n\n第二条 本条例自公布之日起施行。\n")
    assert effective_evidence(doc, "2019-05-06") == ("2019-05-06", "own_clause")
    revised = head.replace("公布", "公布\n\n2022年3月1日 国务院令第2号修订")
    doc = parse_lawrefbook(revised + "第一条 目的。\n\n第二条 本条例自公布之日起施行。\n")
    assert effective_evidence(doc, "2022-03-01") == ("2022-03-01", "own_clause")
    amended = head.replace("公布", "公布\n\n2022年3月1日 《国务院关于修改部分行政法规的决定》修正")
    doc = parse_lawrefbook(amended + "第一条 目的。\n\n第二条 本条例自公布之日起施行。\n")
    assert effective_evidence(doc, "2022-03-01") == (None, None)
    doc = parse_lawrefbook(amended + "第一条 目的。\n\n第二条 本条例自二〇二二年五月一日起施行。\n")
    assert effective_evidence(doc, "2022-03-01") == ("2022-05-01", "text")


def test_check_on_a_date_uses_the_version_then_in_force(built, tmp_path):
    from fazhi.cli import cli

    home = tmp_path / "home"
    save_graph(built, home / "graph")
    draft = tmp_path / "draft.txt"
    draft.write_text("某市涉外民事纠纷调解办法\n第一条 依照《中华人民共和国民事诉讼法》第三百零五条的规定，制定本办法。\n",
                     encoding="utf-8")

    def findings(date):
        r = CliRunner().invoke(cli, ["--home", str(home), "check", str(draft), "--json", "--date", date],
                               catch_exceptions=False)
        return [f for f in json.loads(r.stdout)["findings"] if f["code"] == "CITE_NO_SUCH_ARTICLE"]

    # 2023-10-01: the 2021 text (291 articles) is still in force; 第三百零五条 came with the 2023 amendment
    before = findings("2023-10-01")
    assert [f["evidence"]["version"] for f in before] == ["2021-12-24"]
    assert findings("2024-01-01") == []


def test_bundled_table_rows_agree_with_their_sources():
    rows = load_effective_overrides()
    assert rows
    seen = set()
    for r in rows:
        key = (r["title"], r["version"])
        assert key not in seen, key
        seen.add(key)
        # the source quotes the decision's 施行 clause; its date is the row's
        m = re.search(r"本决定自(\d{4})年(\d{1,2})月(\d{1,2})日起施行", r["source"])
        assert m and cn_date(*m.groups()) == r["effective"], r
        assert "决定" in r["source"] and r["effective"] > r["version"], r


def test_table_rows_need_a_source_and_dates(tmp_path):
    p = tmp_path / "t.tsv"
    p.write_text("title\tversion\teffective\tsource\n某法\t2020-01-01\t2020-02-01\t\n", encoding="utf-8")
    with pytest.raises(ValueError, match="source"):
        load_effective_overrides(p)
    p.write_text("title\tversion\teffective\tsource\n某法\t2020-01-01\t2020年2月1日\t某决定\n", encoding="utf-8")
    with pytest.raises(ValueError, match="ISO"):
        load_effective_overrides(p)
    p.write_text("title\tversion\teffective\tsource\n某法\t2020-03-01\t2020-02-01\t某决定\n", encoding="utf-8")
    with pytest.raises(ValueError, match="before"):
        load_effective_overrides(p)


def test_the_instruments_date_outweighs_the_manifest(tmp_path):
    # an amended law whose manifest valid_from is the day the 修正案 was adopted; the 修正案's own text, in the
    # corpus, names a later day (刑法 of 2023-12-29 and 修正案（十二）, 2024-03-01, in the real corpus)
    law = "中华人民共和国测绘示范法"
    (tmp_path / "法律").mkdir()
    (tmp_path / "法律" / "测绘示范法(2022-12-30).md").write_text(
        f"# {law}\n\n2010年1月1日 第十一届全国人民代表大会常务委员会第一次会议通过\n\n"
        "2022年12月30日 第十三届全国人民代表大会常务委员会第三十八次会议通过的《中华人民共和国测绘示范法修正案（二）》修正\n\n"
        "<!-- INFO END -->\n\n第一条 为了规范测绘，制定本法。\n\n第二条 本法自公布之日起施行。\n", encoding="utf-8")
    (tmp_path / "法律" / "测绘示范法修正案（二）(2022-12-30).md").write_text(
        "# 中华人民共和国测绘示范法修正案（二）\n\n2022年12月30日 第十三届全国人民代表大会常务委员会第三十八次会议通过\n\n"
        "<!-- INFO END -->\n\n一、增加一条。\n\n二、本修正案自2023年3月1日起施行。\n", encoding="utf-8")
    (tmp_path / "manifest.tsv").write_text(
        "path\ttitle\tlevel\tpublish\tvalid_from\tlawrefbook_flag\tversion\n"
        "法律/测绘示范法(2022-12-30).md\t测绘示范法\t法律\t2022-12-30\t2022-12-30\tcurrent\t\n"
        "法律/测绘示范法修正案（二）(2022-12-30).md\t测绘示范法修正案（二）\t法律\t2022-12-30\t\tcurrent\t\n",
        encoding="utf-8")
    reg = build_from_paths([tmp_path], workers=1, effective_overrides=[]).registry
    v = _version(reg, law, "2022-12-30")
    assert (v.effective, v.effective_from) == ("2023-03-01", "instrument")


def test_a_header_line_that_states_a_later_day(built):
    # 1999年3月10日 海关总署发布 自1999年4月1日施行: in force from the day the line states, not from the line's date
    title = "外国在华常住人员携带进境物品进口税收暂行规定"
    v = _version(built.registry, title, "1999-03-10")
    assert (v.effective, v.effective_from) == ("1999-04-01", "header")
    assert built.registry.status(title, "1999-03-20") == "尚未生效"
