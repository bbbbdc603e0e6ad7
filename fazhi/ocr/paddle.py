"""PaddleOCR as an optional engine, used only when ``paddleocr`` is installed AND a local model directory
is configured — PaddleOCR downloads models from its hub by default, which fails here and in most
government data centres, so fazhi never lets it.

The model directory holds two Paddle inference models, ``det/`` and ``rec/`` (as exported by PaddleOCR
or copied from ``~/.paddlex/official_models/<name>/``). It is taken from, in order: the ``model_dir``
argument, ``$FAZHI_PADDLE_MODEL_DIR``, or the workspace setting ``ocr.paddle_model_dir``
(``fazhi`` stores it in ``config.json``).

The adapter reads both result shapes PaddleOCR has had:

* 3.x ``PaddleOCR.predict(img)``: a list with one result per image, each a mapping with ``rec_texts``,
  ``rec_scores`` and ``rec_polys`` (or ``rec_boxes``);
  (saved with ``result.save_to_json`` the same mapping sits under ``"res"``);
* 2.x ``PaddleOCR.ocr(img)``: ``[[ [quad, (text, score)], ... ]]``.

Examples:
    >>> v3 = [{"rec_texts": ["第一条"], "rec_scores": [0.98], "rec_polys": [[[0, 0], [60, 0], [60, 20], [0, 20]]]}]
    >>> [(l.text, l.bbox(), l.confidence) for l in parse_result(v3)]
    [('第一条', [0, 0, 60, 20], 0.98)]
    >>> v2 = [[[[[0, 0], [60, 0], [60, 20], [0, 20]], ("第二条", 0.91)]]]
    >>> [(l.text, l.bbox()) for l in parse_result(v2)]
    [('第二条', [0, 0, 60, 20])]
"""
from __future__ import annotations

import logging
import os
from pathlib import Path

from fazhi.errors import ModelUnavailable, OCRError
from fazhi.ocr.base import RawLine

__all__ = ["PaddleEngine", "parse_result", "configured_model_dir"]

log = logging.getLogger(__name__)

ENV = "FAZHI_PADDLE_MODEL_DIR"


def configured_model_dir(model_dir: str | os.PathLike | None = None, workspace=None) -> Path | None:
    """The configured PaddleOCR model directory, or None."""
    if model_dir:
        return Path(model_dir)
    if os.environ.get(ENV):
        return Path(os.environ[ENV])
    if workspace is not None:
        value = (workspace.config().get("ocr") or {}).get("paddle_model_dir")
        if value:
            return Path(value)
    return None


def _as_list(v):
    if v is None:
        return []
    return v.tolist() if hasattr(v, "tolist") else list(v)


def parse_result(result) -> list[RawLine]:
    """Raw lines from a PaddleOCR result of either the 3.x or the 2.x shape (see the module docstring)."""
    lines: list[RawLine] = []
    if not result:
        return lines
    for page in result:
        if page is None:
            continue
        if hasattr(page, "get") and "res" in page and "rec_texts" not in page:
            page = page["res"]  # the saved form: result.json == {"res": {...}}
        get = getattr(page, "get", None)
        if get is not None and ("rec_texts" in page):
            texts = _as_list(page["rec_texts"])
            scores = _as_list(page.get("rec_scores"))
            boxes = _as_list(page.get("rec_polys")) or _as_list(page.get("rec_boxes"))
            if len(boxes) != len(texts):
                raise OCRError(f"PaddleOCR result has {len(texts)} texts but {len(boxes)} boxes")
            for t, b, s in zip(texts, boxes, scores or [1.0] * len(texts)):
                if str(t).strip():
                    lines.append(RawLine(text=str(t), box=b, confidence=float(s)))
            continue
        for item in page:  # 2.x: [quad, (text, score)]
            quad, (text, score) = item[0], item[1]
            if str(text).strip():
                lines.append(RawLine(text=str(text), box=_as_list(quad), confidence=float(score)))
    return lines


class PaddleEngine:
    """PaddleOCR with local models only.

    Args:
        model_dir: a directory with ``det/`` and ``rec/`` Paddle inference models (see the module docstring).
        workspace: a :class:`fazhi.workspace.Workspace` whose config may name the directory.
    """

    name = "paddleocr"

    def __init__(self, model_dir: str | os.PathLike | None = None, workspace=None):
        self.model_dir = configured_model_dir(model_dir, workspace)
        self._ocr = None
        self._v3 = True

    def __repr__(self):
        return f"PaddleEngine(model_dir={str(self.model_dir)!r})"

    def _load(self):
        if self._ocr is not None:
            return self._ocr
        if self.model_dir is None:
            raise ModelUnavailable(
                f"paddleocr needs a local model directory: set ${ENV} or the workspace setting "
                "ocr.paddle_model_dir to a directory with det/ and rec/ models (it cannot download here)")
        det, rec = self.model_dir / "det", self.model_dir / "rec"
        if not det.is_dir() or not rec.is_dir():
            raise ModelUnavailable(f"{self.model_dir}: expected det/ and rec/ Paddle inference model directories")
        try:
            import paddleocr
        except ImportError as e:
            raise ModelUnavailable("paddleocr is not installed: pip install paddleocr paddlepaddle") from e
        os.environ.setdefault("PADDLE_PDX_DISABLE_MODEL_SOURCE_CHECK", "True")
        version = getattr(paddleocr, "__version__", "3")
        self._v3 = not version.startswith("2")
        if self._v3:
            self._ocr = paddleocr.PaddleOCR(
                text_detection_model_dir=str(det), text_recognition_model_dir=str(rec),
                text_detection_model_name=_model_name(det), text_recognition_model_name=_model_name(rec),
                use_doc_orientation_classify=False, use_doc_unwarping=False, use_textline_orientation=False)
        else:
            self._ocr = paddleocr.PaddleOCR(det_model_dir=str(det), rec_model_dir=str(rec), use_angle_cls=False,
                                            show_log=False)
        return self._ocr

    def recognize(self, image) -> list[RawLine]:
        from fazhi.ocr.preprocess import to_array

        ocr = self._load()
        img = to_array(image)
        if img.ndim == 2:
            import numpy as np

            img = np.stack([img] * 3, axis=-1)
        img = img[:, :, ::-1].copy()  # Paddle takes BGR arrays
        result = ocr.predict(img) if self._v3 else ocr.ocr(img, cls=False)
        return parse_result(result)


def _model_name(d: Path) -> str | None:
    """The model name recorded in a Paddle inference model's ``inference.yml``, when present."""
    yml = d / "inference.yml"
    if not yml.exists():
        return None
    try:
        import yaml

        data = yaml.safe_load(yml.read_text(encoding="utf-8")) or {}
    except Exception as e:  # noqa: BLE001 - a malformed yml only loses the name
        log.warning("cannot read %s: %s", yml, e)
        return None
    return (data.get("Global") or {}).get("model_name")
