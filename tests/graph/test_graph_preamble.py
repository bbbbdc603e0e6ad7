"""Citations in the preamble of an imported text (为正确审理……，根据《中华人民共和国民事诉讼法》……制定本解释。) are
citations: a judicial interpretation's basis is there, before 第一条. The header lines before it (通过/修正
events, a history note in brackets, a title broken over lines) are not. Excerpts of real LawRefBook files."""
import pytest

from fazhi.corpora.lawrefbook import parse_lawrefbook
from fazhi.graph.build import build, preamble_lines
from fazhi.graph.queries import impact

# 最高人民法院关于审理涉及夫妻债务纠纷案件适用法律有关问题的解释 (2018), its preamble and two articles
SPOUSAL_DEBT = """# 最高人民法院关于审理涉及夫妻债务纠纷案件适用法律有关问题的解释

2018年1月8日 最高人民法院审判委员会第1731次会议通过

2018年1月18日 施行

<!-- INFO END -->

为正确审理涉及夫妻债务纠纷案件，平等保护各方当事人合法权益，根据《中华人民共和国民法总则》《中华人民共和国婚姻法》《中华人民共和国合同法》《中华人民共和国民事诉讼法》等法律规定，制定本解释。

第一条 夫妻双方共同签字或者夫妻一方事后追认等共同意思表示所负的债务，应当认定为夫妻共同债务。

第二条 夫妻一方在婚姻关系存续期间以个人名义为家庭日常生活需要所负的债务，债权人以属于夫妻共同债务为由主张权利的，人民法院应予支持。
"""

# 最高人民法院关于审理抢劫案件具体应用法律若干问题的解释: 根据 …，现就 … 解释如下：
ROBBERY = """# 最高人民法院关于审理抢劫案件具体应用法律若干问题的解释

2000年11月17日 最高人民法院审判委员会第1141次会议通过

2000年11月28日 施行

<!-- INFO END -->

为依法惩处抢劫犯罪活动，根据《中华人民共和国刑法》的有关规定，现就审理抢劫案件具体应用法律的若干问题解释如下：

第一条 刑法第二百六十三条第（一）项规定的“入户抢劫”，是指为实施抢劫行为而进入他人生活的与外界相对隔离的住所。
"""

# 最高人民法院关于适用《中华人民共和国民法典》婚姻家庭编的解释（二）: a title broken over three lines, then chapters
BROKEN_TITLE = """# 最高人民法院关于适用《中华人民共和国民法典》婚姻家庭编的解释（二）

2024年11月25日 最高人民法院审判委员会第1933次会议通过

2025年2月1日 施行

<!-- INFO END -->

最高人民法院

关于适用《中华人民共和国民法典》

婚姻家庭编的解释（二）

为正确审理婚姻家庭纠纷案件，根据《中华人民共和国民法典》《中华人民共和国民事诉讼法》等相关法律规定，结合审判实践，制定本解释。

第一条 当事人依据民法典第一千零五十一条第一项规定请求确认重婚的婚姻无效的，人民法院应当支持。
"""

# 山东省清洁生产促进条例: a history note in brackets after the header names an amending decision
HISTORY_NOTE = """# 山东省清洁生产促进条例

2010年7月30日 山东省第十一届人民代表大会常务委员会第十八次会议通过

<!-- INFO END -->

（

2010年7月30日山东省第十一届人民代表大会常务委员会第十八次会议通过 根据2020年11月27日山东省第十三届人民代表大会常务委员会第二十四次会议《关于修改〈山东省清洁生产促进条例〉等六件地方性法规的决定》修正）

## 第一章 总则

第一条 为了促进清洁生产，根据《中华人民共和国清洁生产促进法》，结合本省实际，制定本条例。
"""


def _docs():
    return [parse_lawrefbook(SPOUSAL_DEBT, "司法解释/最高人民法院关于审理涉及夫妻债务纠纷案件适用法律有关问题的解释(2018-01-16).md"),
            parse_lawrefbook(ROBBERY, "司法解释/最高人民法院关于审理抢劫案件具体应用法律若干问题的解释(2000-11-22).md"),
            parse_lawrefbook(BROKEN_TITLE, "司法解释/最高人民法院关于适用《中华人民共和国民法典》婚姻家庭编的解释（二）"
                                           "(2025-01-15).md"),
            parse_lawrefbook(HISTORY_NOTE, "DLC/山东地方法规/地方性法规/山东/山东省清洁生产促进条例(2020-11-27).md")]


@pytest.fixture(scope="module")
def built():
    return build(_docs(), overrides=[])


@pytest.mark.parametrize("target, citer", [
    ("民事诉讼法", "最高人民法院关于审理涉及夫妻债务纠纷案件适用法律有关问题的解释"),
    ("合同法", "最高人民法院关于审理涉及夫妻债务纠纷案件适用法律有关问题的解释"),
    ("婚姻法", "最高人民法院关于审理涉及夫妻债务纠纷案件适用法律有关问题的解释"),
    ("刑法", "最高人民法院关于审理抢劫案件具体应用法律若干问题的解释"),
    ("民事诉讼法", "最高人民法院关于适用《中华人民共和国民法典》婚姻家庭编的解释（二）"),
])
def test_a_preamble_citation_is_listed_as_the_basis(built, target, citer):
    r = impact(built.graph, built.registry, target)
    [entry] = [d for d in r["direct"] if d["title"] == citer]
    assert "based_on" in entry["relations"] and "cites" in entry["relations"]


def test_header_lines_are_not_citations(built):
    # the amending decision in the history note and the title broken over lines cite nothing
    g = built.graph
    shandong = "山东省清洁生产促进条例@2020-11-27"
    cited = {v for _, v, d in g.out_edges(shandong, data=True) if d["type"] in ("cites", "based_on")}
    cited |= {v for a in g.predecessors(shandong) if a.startswith(shandong + "#")
              for _, v, d in g.out_edges(a, data=True) if d["type"] == "cites"}
    assert cited == {"中华人民共和国清洁生产促进法"}
    marriage = "最高人民法院关于适用《中华人民共和国民法典》婚姻家庭编的解释（二）@2025-01-15"
    preamble_targets = {v for _, v, d in g.out_edges(marriage, data=True) if d["type"] == "cites"}
    assert preamble_targets == {"中华人民共和国民法典", "中华人民共和国民事诉讼法"}


def test_preamble_lines_of_the_real_headers():
    for text, expected in ((SPOUSAL_DEBT, 1), (ROBBERY, 1), (BROKEN_TITLE, 1), (HISTORY_NOTE, 0)):
        doc = parse_lawrefbook(text)
        first = min(s.start for s in doc.spans["article"] + doc.spans.get("heading", []))
        lines = [doc.text[a:b] for a, b in preamble_lines(doc.text, first, doc.metadata["events"])]
        assert len(lines) == expected, lines
        assert all(l.startswith("为") for l in lines)
