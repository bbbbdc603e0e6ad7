"""The per-type statute table: every entry is a real article of a bundled law, quoted correctly."""
import json
import re
from importlib.resources import files

import pytest

from fazhi.corpora.samples import data_dir
from fazhi.numerals import int_to_cn
from fazhi.scan.classify import TAXONOMY

TABLE = json.loads((files("fazhi.scan") / "data" / "statutes.json").read_text(encoding="utf-8"))
ENTRIES = [e for es in TABLE["types"].values() for e in es] + [e for es in TABLE["risk"].values() for e in es]


def _law_texts():
    texts = {}
    for path in (data_dir() / "laws").rglob("*.md"):
        head = path.read_text(encoding="utf-8")
        title = head.splitlines()[0].lstrip("# ").strip()
        texts.setdefault(title, []).append(head)
    return texts


def test_every_type_has_statutes():
    assert set(TABLE["types"]) == set(TAXONOMY)
    assert all(TABLE["types"][t] for t in TAXONOMY)


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: e["citation"])
def test_entry_quotes_the_law(entry):
    laws = _law_texts_cached()
    bodies = [b for t, bs in laws.items() if t == entry["law"] or t.startswith(entry["law"]) for b in bs]
    if entry["law"] == "中华人民共和国民法典":
        bodies = [b for t, bs in laws.items() if "民法典" in t for b in bs]
    assert bodies, f"{entry['law']} is not among the bundled laws"
    pat = re.compile(r"^(?:\*\*)?第" + int_to_cn(entry["article"]) + r"条(?:\*\*)?\s*(.+)$", re.M)
    quoted = entry["excerpt"].rstrip("…")
    assert any(m.group(1).startswith(quoted) for b in bodies for m in pat.finditer(b)), entry["citation"]
    assert entry["citation"] == f"《{entry['law']}》第{int_to_cn(entry['article'])}条"


def test_titles_are_known_to_the_alias_table():
    aliases = pytest.importorskip("fazhi.nlp.aliases")
    known = aliases.known_titles()
    assert {e["law"] for e in ENTRIES} <= known


_CACHE = {}


def _law_texts_cached():
    if "t" not in _CACHE:
        _CACHE["t"] = _law_texts()
    return _CACHE["t"]
