"""How the default dispute-type model is built: per-example weights, the hand-written training texts, and
the shipped model file being what ``train_default`` makes from the shipped data."""
import json
from pathlib import Path

import pytest

from fazhi.scan.classify import (TAXONOMY, DisputeClassifier, default_model, read_training, train_default,
                                 written_data_path)

FIXTURE = Path(__file__).parents[1] / "fixtures" / "scan" / "hand_written_types.tsv"


def _fixture_texts():
    return [line.split("\t")[1] for line in FIXTURE.read_text(encoding="utf-8").splitlines()
            if line and not line.startswith("#")]


def test_weights_decide_between_conflicting_examples():
    # the same text under two labels: the heavier example wins, either way round
    texts = ["隔壁半夜吵闹", "隔壁半夜吵闹", "老板拖欠工资", "公司不发工资", "楼上噪音太大", "邻居装修很吵"]
    labels = ["劳动争议", "邻里", "劳动争议", "劳动争议", "邻里", "邻里"]
    for heavy, want in ((0, "劳动争议"), (1, "邻里")):
        w = [1.0] * len(texts)
        w[heavy] = 20.0
        m = DisputeClassifier.train(texts, labels, weights=w)
        assert m.predict(["隔壁半夜吵闹"], explain=False)[0]["type"] == want


def test_weights_are_checked():
    with pytest.raises(ValueError, match="weights"):
        DisputeClassifier.train(["a b", "c d"], ["x", "y"], weights=[1.0])
    with pytest.raises(ValueError, match="weights"):
        DisputeClassifier.train(["a b", "c d"], ["x", "y"], weights=[1.0, 0.0])


def test_written_training_texts():
    ids, texts, labels = read_training(written_data_path())
    assert set(labels) == set(TAXONOMY)
    assert min(labels.count(t) for t in TAXONOMY) >= 30
    assert len(set(texts)) == len(texts) and len(set(ids)) == len(ids)
    rows = [json.loads(x) for x in written_data_path().read_text(encoding="utf-8").splitlines()]
    assert all(r["written"] is True and len(r["labels"]) == 1 for r in rows)
    # none of the texts that evaluate the model is trained on
    import importlib.util

    spec = importlib.util.spec_from_file_location("_held", Path(__file__).with_name("test_scan_classify.py"))
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    held = set(_fixture_texts()) | {t for t, _ in mod.HELD_OUT}
    assert not held & set(texts)


def test_shipped_model_is_what_train_default_builds():
    """default_model.joblib is rebuilt by scripts/make_scan_training.py; a stale file fails here."""
    shipped = default_model()
    assert shipped.meta.get("default_training", {}).get("written") == len(read_training(written_data_path())[1])
    texts = _fixture_texts()
    fresh = train_default()
    a = shipped.predict(texts, explain=False)
    b = fresh.predict(texts, explain=False)
    assert [p["type"] for p in a] == [p["type"] for p in b]
    assert max(abs(p["probability"] - q["probability"]) for p, q in zip(a, b)) < 1e-3


@pytest.mark.parametrize("text", ["abc", "你好", "今天天气不错"])
def test_unfamiliar_text_gets_a_low_probability(text):
    assert default_model().predict([text], explain=False)[0]["probability"] < 0.35


def test_explanation_names_words_not_fragments():
    """The default model's features are character n-grams; its explanation names those that are words of
    the text (jieba), not n-grams across a word boundary or in the middle of a word."""
    from fazhi.scan.classify import classify

    terms = [w["term"] for w in classify("老板拖欠工资三个月")["explanation"]["words"]]
    assert {"工资", "拖欠"} <= set(terms) and not {"板拖", "欠工", "资三", "板拖欠", "欠工资"} & set(terms), terms
    terms = [w["term"] for w in classify("物业公司乱收停车费，业主们很不满")["explanation"]["words"]]
    assert "物业" in terms and not {"业公", "业公司", "车费", "司乱"} & set(terms), terms
