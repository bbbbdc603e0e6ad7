"""The bundled laws hold the law of noise, house-expropriation and elderly-support disputes, and the registry built
from them knows that the 2021 噪声污染防治法 replaced the 环境噪声污染防治法 (its 第九十条: 同时废止)."""
from __future__ import annotations

import pytest

from fazhi.corpora.samples import data_dir


@pytest.fixture(scope="module")
def registry():
    from fazhi.graph.build import build_from_paths

    return build_from_paths([data_dir() / "laws"], workers=1).registry


def test_old_noise_law_is_repealed_by_the_new_one(registry):
    old = registry.get("环境噪声污染防治法")
    assert old is not None and old.in_corpus
    assert registry.status(old) == "已废止"
    assert old.repealed_on == "2022-06-05"
    assert old.successor == "中华人民共和国噪声污染防治法"
    # in force while it was the law, not after
    assert registry.status(old, "2022-06-04") == "有效" and registry.status(old, "2022-06-05") == "已废止"


@pytest.mark.parametrize("title, full, articles, in_force_from", [
    ("噪声污染防治法", "中华人民共和国噪声污染防治法", 90, "2022-06-05"),
    ("国有土地上房屋征收与补偿条例", "国有土地上房屋征收与补偿条例", 35, None),
    ("老年人权益保障法", "中华人民共和国老年人权益保障法", 85, None),
])
def test_dispute_laws_are_in_force_with_their_articles(registry, title, full, articles, in_force_from):
    law = registry.get(title)
    assert law is not None and law.title == full and law.in_corpus
    assert registry.status(law) == "有效" and not law.repealed
    assert law.versions[-1].articles == articles
    if in_force_from:  # passed 2021-12-24, in force 2022-06-05: not yet the law in between
        assert registry.status(law, "2022-01-01") == "尚未生效"
