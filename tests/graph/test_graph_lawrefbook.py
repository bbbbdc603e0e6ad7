"""The LawRefBook Markdown importer, on written snippets and on the bundled official texts."""
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fazhi.corpora.lawrefbook import is_lawrefbook, issuer_from_event, level_from_path, parse_lawrefbook
from fazhi.numerals import int_to_cn

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "fazhi" / "corpora" / "data" / "laws"
SHARED = ROOT / ".." / "shared" / "data" / "laws"

SNIPPET = """# 某市人民调解条例

# 总则

2015年4月13日 某市第十四届人民代表大会常务委员会第二十次会议通过

2015年7月1日 施行

<!-- INFO END -->

## 第一章  总则

第一条 为了规范人民调解活动，根据《中华人民共和国人民调解法》，制定本条例。

本条例适用于本市。

### 第一节 一般规定

第二条 人民调解委员会是依法设立的调解民间纠纷的群众性组织。

##

第二条之一 补充的条文。

第三条 本条例自2015年7月1日起施行。
"""


def test_snippet_structure():
    doc = parse_lawrefbook(SNIPPET, "DLC/浙江地方法规/地方性法规/浙江/某市人民调解条例(2015-04-13).md")
    assert doc.kind == "regulation"
    assert doc.title == "某市人民调解条例"
    assert doc.metadata["part"] == "总则"
    assert "#" not in doc.text and "INFO END" not in doc.text
    assert doc.metadata["articles"] == 3  # 第二条之一 is not counted as an article of its own
    arts = doc.spans["article"]
    assert [a.norm for a in arts] == [1, 2, 2, 3]
    assert arts[2].attrs == {"suffix": "之一"}
    assert arts[0].text == "第一条 为了规范人民调解活动，根据《中华人民共和国人民调解法》，制定本条例。\n本条例适用于本市。"
    assert arts[1].text.endswith("群众性组织。")  # stops before the empty ## line's successor
    for s in arts + doc.spans["heading"]:
        assert doc.text[s.start:s.end] == s.text
    assert [(h.label, h.norm) for h in doc.spans["heading"]] == [("章", 1), ("节", 1)]
    assert doc.metadata["events"] == [
        {"date": "2015-04-13", "event": "通过", "text": "2015年4月13日 某市第十四届人民代表大会常务委员会第二十次会议通过"},
        {"date": "2015-07-01", "event": "施行", "text": "2015年7月1日 施行"}]
    assert doc.metadata["level"] == "地方性法规"
    assert doc.region == "浙江"
    assert doc.metadata["issuer"] == "某市人民代表大会常务委员会"
    assert doc.published == "2015-04-13"
    assert doc.metadata["effective"] == "2015-07-01"
    assert doc.metadata["lawrefbook"] is True


@pytest.mark.parametrize("text,expected", [
    (SNIPPET, True),
    ("# 标题\n\n2020年1月1日 通过\n\n第一条 内容", True),
    ("# 会议纪要\n\n今天开会。", False),
    ("第一条 没有标题", False),
    ("", False),
])
def test_is_lawrefbook(text, expected):
    assert is_lawrefbook(text) is expected


@pytest.mark.parametrize("line,issuer", [
    ("1996年3月17日 第八届全国人民代表大会第四次会议通过", "全国人民代表大会"),
    ("2021年1月22日 第十三届全国人民代表大会常务委员会第二十五次会议修订", "全国人民代表大会常务委员会"),
    ("2005年1月5日 国务院第76次常务会议通过", "国务院"),
    ("2019年12月2日 最高人民检察院第十三届检察委员会第二十八次会议通过", "最高人民检察院"),
    ("2011年11月17日 上海市第十三届人民代表大会常务委员会第三十次会议通过", "上海市人民代表大会常务委员会"),
])
def test_issuer(line, issuer):
    assert issuer_from_event(line) == issuer


@pytest.mark.parametrize("path,level", [
    ("laws/宪法相关法/立法法(2023-03-13).md", "法律"),
    ("laws/行政法规/信访条例(2005-01-10).md", "行政法规"),
    ("laws/司法解释/x.md", "司法解释"),
    ("laws/宪法/宪法.md", "宪法"),
    ("somewhere/else.md", None),
])
def test_level_from_path(path, level):
    assert level_from_path(path) == level


@pytest.mark.parametrize("rel,articles,published", [
    ("行政法/行政处罚法(2021-01-22).md", 86, "2021-01-22"),
    ("宪法相关法/立法法(2023-03-13).md", 120, "2023-03-13"),
    ("宪法相关法/立法法(2015-03-15).md", 105, "2015-03-15"),
    ("行政法规/信访条例(2005-01-10).md", 51, "2005-01-10"),
])
def test_bundled_article_counts(rel, articles, published):
    p = SAMPLES / rel
    doc = parse_lawrefbook(p.read_text(encoding="utf-8"), str(p))
    assert doc.metadata["articles"] == articles
    assert doc.published == published
    assert [a.norm for a in doc.spans["article"]] == list(range(1, articles + 1))


def test_civil_code_parts_add_up_to_1260():
    total, numbers = 0, []
    for p in sorted((SAMPLES / "民法典").glob("*.md")):
        doc = parse_lawrefbook(p.read_text(encoding="utf-8"), str(p))
        assert doc.title == "中华人民共和国民法典"
        assert doc.metadata["part"]
        total += doc.metadata["articles"]
        numbers += [a.norm for a in doc.spans["article"]]
    assert total == 1260
    assert sorted(numbers) == list(range(1, 1261))


def test_info_from_manifest():
    p = SAMPLES / "行政法规" / "信访条例(2005-01-10).md"
    doc = parse_lawrefbook(p.read_text(encoding="utf-8"), str(p))
    assert doc.metadata["lawrefbook_flag"] == "expired"
    assert doc.metadata["effective"] == "2005-05-01"
    assert doc.metadata["issuer"] == "国务院"


@settings(max_examples=40, deadline=None)
@given(st.lists(st.text(alphabet="的是人民法条例规定，。、ab 1", min_size=1, max_size=30), min_size=1, max_size=12))
def test_spans_match_text(paragraphs):
    body = "\n\n".join(f"第{int_to_cn(i + 1)}条 {p.strip() or '内容'}" for i, p in enumerate(paragraphs))
    doc = parse_lawrefbook(f"# 测试条例\n\n2020年1月1日 通过\n\n<!-- INFO END -->\n\n{body}\n")
    assert len(doc.spans["article"]) == len(paragraphs)
    for s in doc.spans["article"]:
        assert doc.text[s.start:s.end] == s.text


@pytest.mark.slow
def test_every_shared_file_parses():
    if not SHARED.exists():
        pytest.skip("shared data not present")
    n = 0
    for p in SHARED.rglob("*.md"):
        doc = parse_lawrefbook(p.read_text(encoding="utf-8"), str(p))
        for s in doc.spans["article"]:
            assert doc.text[s.start:s.end] == s.text
        n += 1
    assert n == 3475
