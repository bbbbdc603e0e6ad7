"""Law concepts (explicit semantic analysis over law chapters) and the classifier that uses them."""
import json

import numpy as np
import pytest

from fazhi.errors import FazhiError
from fazhi.scan.classify import DisputeClassifier, train_file
from fazhi.scan.concepts import LawConcepts

MARRIAGE = """# 婚姻示例法

<!-- INFO END -->

## 第一章  结婚

第一条 结婚应当男女双方完全自愿，禁止任何一方对另一方加以强迫。

第二条 要求结婚的男女双方应当亲自到婚姻登记机关申请结婚登记。

## 第二章  离婚

第三条 夫妻双方自愿离婚的，应当签订书面离婚协议，并亲自到婚姻登记机关申请离婚登记。

第四条 离婚后，子女的抚养由双方协议；协议不成的，由人民法院判决。
"""
LABOUR = """# 劳动示例条例

<!-- INFO END -->

## 第一章  工资

第一条 用人单位应当按时足额支付劳动者工资，不得克扣或者无故拖欠劳动者的工资。

## 第二章  工伤

第二条 职工在工作时间和工作场所内，因工作原因受到事故伤害的，应当认定为工伤，享受工伤保险待遇。
"""


def _laws(tmp_path):
    d = tmp_path / "laws"
    (d / "national").mkdir(parents=True, exist_ok=True)
    (d / "DLC").mkdir(exist_ok=True)
    (d / "national" / "婚姻示例法.md").write_text(MARRIAGE, encoding="utf-8")
    (d / "national" / "劳动示例条例.md").write_text(LABOUR, encoding="utf-8")
    (d / "DLC" / "地方.md").write_text(LABOUR.replace("劳动示例条例", "地方劳动条例"), encoding="utf-8")
    return d


def test_chapters_become_concepts(tmp_path):
    c = LawConcepts.from_paths([_laws(tmp_path)], exclude=["DLC"], k=2)
    assert len(c) == 4
    assert "婚姻示例法 第二章  离婚" in c.names and not any("地方" in n for n in c.names)
    assert len(LawConcepts.from_paths([_laws(tmp_path)])) == 6  # nothing excluded
    L = c.transform(["我们协议离婚，孩子的抚养怎么办", "老板拖欠工资三个月"])
    assert L.shape == (2, 4) and max(np.diff(L.indptr)) <= 2  # at most k chapters per text
    assert np.allclose(np.sqrt(L.multiply(L).sum(1)).A.ravel(), 1.0)
    assert c.names[L[0].indices[L[0].data.argmax()]].endswith("离婚")
    assert c.names[L[1].indices[L[1].data.argmax()]].endswith("工资")
    assert c.top(L[0], n=1)[0]["law"].endswith("离婚")


def test_bad_law_paths(tmp_path):
    with pytest.raises(FazhiError, match="nope"):
        LawConcepts.from_paths([tmp_path / "nope"])
    laws = _laws(tmp_path)
    (laws / "national" / "坏文件.md").write_bytes(bytes(range(256)) * 8)
    errors: list = []
    c = LawConcepts.from_paths([laws], exclude=["DLC"], errors=errors)
    assert len(c) == 4 and len(errors) == 1 and "坏文件.md" in errors[0]
    gbk = tmp_path / "gbk"
    gbk.mkdir()
    (gbk / "婚姻示例法.md").write_bytes(MARRIAGE.encode("gb18030"))
    (gbk / "劳动示例条例.md").write_bytes(LABOUR.encode("gb18030"))
    assert "婚姻示例法 第二章  离婚" in LawConcepts.from_paths([gbk]).names
    (tmp_path / "empty").mkdir()
    with pytest.raises(FazhiError, match="no law texts"):
        LawConcepts.from_paths([tmp_path / "empty"])


def test_classifier_with_law_concepts_round_trip(tmp_path):
    laws = LawConcepts.bundled()
    assert len(laws) > 100
    rows = []
    for i in range(6):
        rows.append({"text": f"我和丈夫感情破裂第{i}年了，想离婚", "labels": ["家事"]})
        rows.append({"text": f"公司拖欠了我{i + 2}个月的工资", "labels": ["劳动"]})
        rows.append({"text": f"第{i}次被电动车撞了，对方逃逸", "labels": ["交通"]})
    src = tmp_path / "train.jsonl"
    src.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")
    train_file(src, tmp_path / "l.joblib", laws=laws)
    m = DisputeClassifier.load(tmp_path / "l.joblib")
    assert m.head == "centroid" and m.law_weight == 1.0 and m.law_centroids.shape == (3, len(m.laws))
    p = m.predict(["孩子的抚养权判给谁"])[0]
    assert p["type"] == "家事"
    assert len(p["labels"]) == 3 and abs(sum(x["probability"] for x in p["labels"]) - 1) < 0.01
    assert p["explanation"]["laws"] and all(x["weight"] > 0 for x in p["explanation"]["laws"])
    assert m.predict(["老板不给发工资"], explain=False)[0]["type"] == "劳动"
    with pytest.raises(ValueError, match="centroid"):
        DisputeClassifier.train(["a", "b"], ["x", "y"], laws=laws, head="lr")


def test_cli_train_with_laws(tmp_path):
    from click.testing import CliRunner

    from fazhi.cli import cli

    src = tmp_path / "t.jsonl"
    rows = [{"text": f"第{i}次协议离婚的问题", "labels": ["婚姻"]} for i in range(5)]
    rows += [{"text": f"单位第{i}个月拖欠工资", "labels": ["劳动"]} for i in range(5)]
    src.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")
    model = tmp_path / "m.joblib"
    laws = _laws(tmp_path)
    r = CliRunner().invoke(cli, ["classify", "train", str(src), "--out", str(model), "--laws", str(laws),
                                 "--laws-exclude", "DLC"])
    assert r.exit_code == 0, r.output
    out = json.loads(CliRunner().invoke(cli, ["classify", "孩子抚养怎么判", "--model", str(model), "--json"]).output)
    assert out["type"] == "婚姻" and out["explanation"]["laws"][0]["law"].startswith("婚姻示例法")
    r = CliRunner().invoke(cli, ["classify", "train", str(src), "--out", str(model), "--laws", str(laws),
                                 "--head", "lr"])
    assert r.exit_code != 0 and "--head centroid" in r.output
