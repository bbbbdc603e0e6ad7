"""Audit 6 of the default dispute-type model: 160 hand-written texts (tests/fixtures/scan/types_audit6.tsv, 10 per
type, keyed before the first run; benchmarks/scan_types_audit6.py prints the full figures). First run 141/160;
after the 165 hand-written training texts added for it (none taken from the audit texts) 143/160, scored once."""
import json
from collections import Counter
from pathlib import Path

from fazhi.scan.classify import TAXONOMY, default_model, training_data_path, written_data_path

KEY = Path(__file__).parents[1] / "fixtures" / "scan" / "types_audit6.tsv"
ROWS = [line.split("\t") for line in KEY.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]


def test_key_shape():
    assert len(ROWS) == 160 and all(len(r) == 4 for r in ROWS)
    assert Counter(r[0] for r in ROWS) == {t: 10 for t in TAXONOMY}
    assert all(r[1] == "-" or (r[1] in TAXONOMY and r[1] != r[0]) for r in ROWS)
    assert {r[2] for r in ROWS} == {"12345", "letter", "weibo", "intake", "dialect", "oral", "short", "two"}


def _bigrams(s):
    return {s[i:i + 2] for i in range(len(s) - 1)}


def test_audit_texts_are_held_out_of_the_training_data():
    train = [json.loads(x)["text"] for p in (training_data_path(), written_data_path())
             for x in p.read_text(encoding="utf-8").splitlines() if x.strip()]
    assert not {r[3] for r in ROWS} & set(train)
    index = {}  # bigram -> training texts holding it, to find each audit text's closest training texts fast
    grams = [_bigrams(t) for t in train]
    for i, g in enumerate(grams):
        for b in g:
            index.setdefault(b, []).append(i)
    for r in ROWS:
        a = _bigrams(r[3])
        shared = Counter(i for b in a for i in index.get(b, ()))
        closest = max((n / len(a | grams[i]) for i, n in shared.items()), default=0.0)
        assert closest < 0.4, r[3]  # no copy or close paraphrase of an audit text is trained on


def test_default_model_on_audit6():
    preds = default_model().predict([r[3] for r in ROWS], explain=False)
    right = Counter(r[0] for r, p in zip(ROWS, preds) if p["type"] == r[0])
    assert sum(right.values()) >= 143, right
    assert min(right[t] for t in TAXONOMY) >= 6, right
