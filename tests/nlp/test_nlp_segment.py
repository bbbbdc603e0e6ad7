"""Segmentation: the legal dictionary, determinism, offsets, cache location, rjieba equality where used."""
import pytest
from hypothesis import given, settings, strategies as st

from fazhi.nlp.segment import Segmenter, cache_dir, default_segmenter, tokenize


@pytest.mark.parametrize("text,word", [
    ("依照《中华人民共和国民法典》判决", "中华人民共和国民法典"),
    ("违反了行政处罚法的规定", "行政处罚法"),
    ("北京市海淀区人民法院受理", "人民法院"),
    ("被告人如实供述", "如实供述"),
    ("应当承担连带清偿责任", "连带清偿责任"),
])
def test_legal_words_are_single_tokens(text, word):
    assert word in [t.text for t in tokenize(text)]


def test_loaded_once_and_deterministic():
    assert default_segmenter() is default_segmenter()
    text = "原告张三与被告李四民间借贷纠纷一案，本院于2023年3月1日立案。"
    assert [t.text for t in tokenize(text)] == [t.text for t in tokenize(text)]


def test_cache_file_in_fazhi_cache_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("FAZHI_CACHE_DIR", str(tmp_path))
    assert cache_dir() == tmp_path
    seg = Segmenter()
    assert (tmp_path / "jieba.fazhi.cache").exists()
    assert seg.cut("民法典") == ["民法典"]


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("原告被告人民法院第一条款项元年月日，。《》（）张三李四12ab -\n")),
               max_size=60))
def test_token_offsets_cover_text(text):
    toks = tokenize(text)
    for t in toks:
        assert text[t.start:t.end] == t.text
        assert not t.text.isspace()
    assert "".join(t.text for t in toks) == "".join(c for c in text if not c.isspace() or c in "\u3000")
    # offsets are increasing and non-overlapping
    assert all(a.end <= b.start for a, b in zip(toks, toks[1:]))


def test_rjieba_identical_where_used(tmp_path):
    pytest.importorskip("rjieba")
    from pathlib import Path

    seg = Segmenter(use_rjieba=True)
    assert seg.backend == "rjieba"
    fix = Path(__file__).resolve().parents[1] / "fixtures" / "nlp" / "judgment_sentences.txt"
    for line in fix.read_text(encoding="utf-8").splitlines():
        assert seg.cut(line) == seg.cut(line, use_rjieba=False)
