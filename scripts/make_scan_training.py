"""Write the SYNTHETIC training data for fazhi's default dispute-type classifier, and retrain the default model.

Every line is made up (see fazhi/scan/synthetic.py): hand-written fact phrases per dispute type, combined
with openers, places, amounts, durations, requests and (sometimes) escalation phrases, in the style of 12345
hotline records and message-board posts. Nothing is copied from real complaints. Output:
``fazhi/scan/data/train_synthetic.jsonl`` with ``{"id", "text", "labels": [type], "synthetic": true}`` and
``fazhi/scan/data/default_model.joblib``.

    python scripts/make_scan_training.py [--per-type 260] [--seed 8] [--out PATH] [--no-model]
"""
from __future__ import annotations

import argparse
import json
from pathlib import Path

from fazhi.scan.synthetic import generate

DATA = Path(__file__).resolve().parents[1] / "fazhi" / "scan" / "data"


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--per-type", type=int, default=260)
    ap.add_argument("--seed", type=int, default=8)
    ap.add_argument("--out", default=str(DATA / "train_synthetic.jsonl"))
    ap.add_argument("--no-model", action="store_true", help="only write the data")
    args = ap.parse_args()
    rows = generate(args.per_type, args.seed)
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    with open(args.out, "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(f"wrote {len(rows)} synthetic examples to {args.out}")
    if not args.no_model:
        from fazhi.scan.classify import DisputeClassifier, default_model_path, read_training

        ids, texts, labels = read_training(args.out)
        model = DisputeClassifier.train(texts, labels, ids)
        print(f"wrote {model} to {model.save(default_model_path())}")


if __name__ == "__main__":
    main()
