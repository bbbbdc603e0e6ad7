"""The shipped default dispute-type model on REAL text (issue 8). Run from the repository root:

    .venv/bin/python benchmarks/scan_default_real.py [--model MODEL.joblib] [--show-misses]

The default model (fazhi/scan/data/default_model.joblib) is trained only on texts written for fazhi. This
benchmark never trains on anything; it measures agreement with a label on three sets:

a. ``consultations``: the 96 of ../shared/data/cls/consultation_topic_dev.jsonl whose topic has a counterpart
   among the 16 types (the mapping ``TOPIC_TO_TYPE`` of benchmarks/scan.py; the other ten topics — 公司法,
   侵权, 刑事辩护, … — are left out). Short questions as people type them; the closest to hotline text.
b. ``judgments``: the civil fact paragraphs (经审理查明…) of ../shared/data/judgments/cjrc_fact_paragraphs.jsonl
   whose cause of action (案由) maps clearly to one type (``CAUSE_TO_TYPE`` below). Criminal causes (…罪) and
   unclear ones (insurance, guarantees, company and IP disputes, 被继承人债务清偿, 渔业承包, 提供劳务者受害, generic
   租赁合同 …) are left out. Decisions: sales and leases of houses → 房屋宅基地, as mediation statistics file
   them and as ``TOPIC_TO_TYPE`` maps 房产纠纷; succession and maintenance → 婚姻家庭; loan contracts of any
   lender → 借贷; land-contracting contracts → 山林土地; product liability → 消费; personality rights
   (名誉, 肖像) and other tort causes → 损害赔偿. Long, formal court prose: a stress test of transfer, not
   the target genre.
c. ``hand_written``: the 64 everyday descriptions of tests/fixtures/scan/hand_written_types.tsv (4 per type).

Also ``unfamiliar``: the mean and median top probability on the 104 consultations whose topic has no
counterpart, against the same on the mapped 96 — an off-taxonomy text should get a lower probability.

Prints accuracy per set, recall per type and the most frequent confusions; writes
benchmarks/out/scan-default-real.json.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import sys
from collections import Counter
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / ".." / "shared" / "data"
sys.path.insert(0, str(ROOT))

from benchmarks._machine import cpu_model  # noqa: E402
from benchmarks.scan import TOPIC_TO_TYPE  # noqa: E402

_C = {
    "婚姻家庭": "变更抚养关系纠纷 扶养纠纷 变更赡养关系纠纷 离婚纠纷 同居关系析产纠纷 同居关系子女抚养纠纷 同居关系纠纷 "
            "解除收养关系纠纷 继承纠纷 法定继承纠纷 遗嘱继承纠纷 分家析产纠纷 婚姻无效纠纷 婚约财产纠纷 抚养纠纷 抚养费纠纷 "
            "扶养费纠纷 变更扶养关系纠纷 探望权纠纷 离婚后财产纠纷 赡养纠纷 赡养费纠纷",
    "借贷": "民间借贷纠纷 企业借贷纠纷 借款合同纠纷 小额借款合同纠纷 金融借款合同纠纷",
    "劳动争议": "劳动争议 劳动合同纠纷 确认劳动关系纠纷 追索劳动报酬纠纷 经济补偿金纠纷 福利待遇纠纷 工伤保险待遇纠纷 "
            "失业保险待遇纠纷 竞业限制纠纷 劳务派遣合同纠纷 劳务合同纠纷",
    "交通事故": "机动车交通事故责任纠纷",
    "物业": "物业服务合同纠纷",
    "医疗": "医疗损害责任纠纷 医疗服务合同纠纷",
    "损害赔偿": "物件损害责任纠纷 公共道路妨碍通行损害责任纠纷 饲养动物损害责任纠纷 地面施工、地下设施损害责任纠纷 "
            "违反安全保障义务责任纠纷 名誉权纠纷 肖像权纠纷 一般人格权纠纷 人格权纠纷 生命权、健康权、身体权纠纷 "
            "触电人身损害责任纠纷 教育机构责任纠纷 公共场所管理人责任纠纷 义务帮工人受害责任纠纷 提供劳务者致害责任纠纷 "
            "侵权责任纠纷",
    "邻里": "相邻关系纠纷 相邻通行纠纷",
    "房屋宅基地": "房屋买卖合同纠纷 农村房屋买卖合同纠纷 商品房销售合同纠纷 商品房预售合同纠纷 商品房预约合同纠纷 "
              "房屋租赁合同纠纷",
    "合同": "合同纠纷 保管合同纠纷 装饰装修合同纠纷 居间合同纠纷 公路货物运输合同纠纷 建筑设备租赁合同纠纷 修理合同纠纷 "
          "分期付款买卖合同纠纷 特许经营合同纠纷 仓储合同纠纷 委托合同纠纷 买卖合同纠纷 承揽合同纠纷 定作合同纠纷 加工合同纠纷 "
          "定金合同纠纷 运输合同纠纷 车辆租赁合同纠纷 服务合同纠纷 广告合同纠纷 技术服务合同纠纷 保安服务合同纠纷 "
          "确认合同效力纠纷 确认合同无效纠纷 确认合同有效纠纷 建设工程合同纠纷 建设工程施工合同纠纷 建设工程分包合同纠纷 "
          "农村建房施工合同纠纷",
    "消费": "网络购物合同纠纷 旅游合同纠纷 电信服务合同纠纷 产品销售者责任纠纷 产品责任纠纷",
    "山林土地": "土地承包经营权转让合同纠纷 农村土地承包合同纠纷 林业承包合同纠纷 土地承包经营权出租合同纠纷 "
            "土地承包经营权纠纷 土地承包经营权转包合同纠纷 土地租赁合同纠纷 农业承包合同纠纷",
    "征地拆迁": "房屋拆迁安置补偿合同纠纷 承包地征收补偿费用分配纠纷",
    "生产经营": "合伙协议纠纷 挂靠经营合同纠纷 种植、养殖回收合同纠纷",
}
CAUSE_TO_TYPE = {cause: t for t, causes in _C.items() for cause in causes.split()}


def _jsonl(path: Path) -> list[dict]:
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]


def eval_sets() -> dict[str, list[tuple[str, str]]]:
    """{set name: [(text, type)]} — the three labelled real-text sets."""
    cons = _jsonl(DATA / "cls" / "consultation_topic_dev.jsonl")
    judg = _jsonl(DATA / "judgments" / "cjrc_fact_paragraphs.jsonl")
    hand = [line.split("\t") for line in (ROOT / "tests" / "fixtures" / "scan" / "hand_written_types.tsv")
            .read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
    return {"consultations": [(r["text"], TOPIC_TO_TYPE[r["labels"][0]]) for r in cons
                              if r["labels"][0] in TOPIC_TO_TYPE],
            "judgments": [(r["text"], CAUSE_TO_TYPE[r["cause"]]) for r in judg if r["cause"] in CAUSE_TO_TYPE],
            "hand_written": [(text, t) for t, text in hand]}


def unfamiliar_texts() -> list[str]:
    return [r["text"] for r in _jsonl(DATA / "cls" / "consultation_topic_dev.jsonl")
            if r["labels"][0] not in TOPIC_TO_TYPE]


def evaluate(model, sets: dict | None = None, misses: bool = False) -> dict:
    """Agreement per set, recall per type, top confusions (and, with ``misses``, every miss)."""
    import numpy as np

    sets = sets or eval_sets()
    out = {}
    for name, rows in sets.items():
        preds = model.predict([t for t, _ in rows], explain=False)
        per_type: dict[str, list[int]] = {}
        conf = Counter()
        wrong = []
        for p, (text, y) in zip(preds, rows):
            ok = p["type"] == y
            per_type.setdefault(y, [0, 0])[0] += ok
            per_type[y][1] += 1
            if not ok:
                conf[f"{y}→{p['type']}"] += 1
                wrong.append({"label": y, "predicted": p["type"], "probability": round(p["probability"], 3),
                              "text": text[:80]})
        right = sum(v[0] for v in per_type.values())
        probs = [p["probability"] for p in preds]
        out[name] = {"texts": len(rows), "right": right, "accuracy": round(right / len(rows), 4),
                     "mean_probability": round(float(np.mean(probs)), 3),
                     "per_type": {t: f"{a}/{n}" for t, (a, n) in sorted(per_type.items())},
                     "confusions": dict(conf.most_common(12))}
        if misses:
            out[name]["misses"] = wrong
    unf = [p["probability"] for p in model.predict(unfamiliar_texts(), explain=False)]
    out["unfamiliar"] = {"texts": len(unf), "mean_probability": round(float(np.mean(unf)), 3),
                         "median_probability": round(float(np.median(unf)), 3)}
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--model", help="a model file (default: the shipped default model)")
    ap.add_argument("--show-misses", action="store_true", help="print every miss (for reading, not tuning)")
    args = ap.parse_args()
    from fazhi.scan.classify import DisputeClassifier, default_model, default_model_path

    model = DisputeClassifier.load(args.model) if args.model else default_model()
    res = {"date": datetime.now(timezone.utc).isoformat(timespec="seconds"), "machine": cpu_model(),
           "cores": os.cpu_count(), "python": platform.python_version(),
           "model": str(args.model or default_model_path()), "examples_trained_on": model.meta.get("examples")}
    res.update(evaluate(model, misses=True))
    for name in ("consultations", "judgments", "hand_written"):
        r = res[name]
        print(f"{name}: {r['right']}/{r['texts']} ({r['accuracy']:.1%}), mean probability {r['mean_probability']}")
        print("   per type:", " ".join(f"{t} {v}" for t, v in r["per_type"].items()))
        print("   confusions:", ", ".join(f"{k} {v}" for k, v in r["confusions"].items()))
        if args.show_misses:
            for w in r["misses"]:
                print("     ", w)
    u = res["unfamiliar"]
    print(f"unfamiliar (104 off-taxonomy consultations): mean probability {u['mean_probability']}, "
          f"median {u['median_probability']}; mapped consultations: {res['consultations']['mean_probability']}")
    out = ROOT / "benchmarks" / "out" / "scan-default-real.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(res, ensure_ascii=False, indent=2), encoding="utf-8")
    print("wrote", out)


if __name__ == "__main__":
    main()
