"""The bundled 300 synthetic posts against their answer key (fazhi/corpora/data/posts_answers.json)."""
import json

import pytest

from fazhi.corpora.samples import data_dir
from fazhi.scan.risk import assess
from fazhi.scan.scanner import read_posts, scan
from fazhi.scan.synthetic import evaluate_alerts

POSTS = data_dir() / "posts.jsonl"
ANSWERS = data_dir() / "posts_answers.json"
pytestmark = pytest.mark.skipif(not (POSTS.exists() and ANSWERS.exists()), reason="bundled posts not present")


@pytest.fixture(scope="module")
def bundled():
    return read_posts(POSTS), json.loads(ANSWERS.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def result(bundled):
    return scan(bundled[0])


def test_bursts_of_the_answer_key(result, bundled):
    e = evaluate_alerts(result["alerts"], bundled[1]["bursts"])
    assert e["recall"] == 1.0 and e["precision"] == 1.0, result["alerts"]


def test_clusters_of_the_answer_key(result, bundled):
    found = [set(c["ids"]) for c in result["clusters"]]
    for c in bundled[1]["clusters"]:
        best = max(found, key=lambda f: len(f & set(c["ids"])))
        assert len(best & set(c["ids"])) >= 0.8 * len(c["ids"]) and len(best - set(c["ids"])) <= 1


def test_repeat_parties_of_the_answer_key(result, bundled):
    got = {frozenset(p["ids"]) for p in result["repeat_parties"]}
    for p in bundled[1]["repeat_parties"]:
        assert frozenset(p["ids"]) in got


def test_types_mostly_right(result, bundled):
    types = bundled[1]["types"]
    right = sum(it["type"] == types[it["id"]] for it in result["items"])
    assert right / len(result["items"]) >= 0.8


def test_risk_answer_key(bundled):
    posts = {p.id: p for p in bundled[0]}
    risk = bundled[1]["risk"]
    for i in risk["positive"]:
        assert assess(posts[i].text)["signals"], i
    for i in risk["negated"]:
        assert assess(posts[i].text)["negated"], i
    hyp = [assess(posts[i].text) for i in risk["hypothetical"]]
    assert sum(any(s["conditional"] for s in r["signals"]) for r in hyp) >= len(hyp) - 1
