"""The default engine: RapidOCR 3.x on onnxruntime with the PaddleOCR models shipped in its wheel.

The wheel ships ``PP-OCRv6_det_small.onnx``, ``PP-OCRv6_rec_small.onnx`` (its character table is inside
the ONNX metadata) and ``ch_ppocr_mobile_v2.0_cls_mobile.onnx``. RapidOCR's default configuration names a
PP-OCRv4 classifier and would resolve models through a download table; passing every ``model_path``
explicitly makes it load the shipped files and never touch the network. If a file is missing the engine
raises :class:`fazhi.errors.ModelUnavailable` instead of downloading.

Tuning (see docs/ocr.md and benchmarks/ocr.py): detection runs on the page scaled so its longer side is
at most ``det_limit`` pixels (1280 by default; RapidOCR's default runs an A4 page at 150 dpi at full
size and upsamples small images), onnxruntime's memory arena is on (RapidOCR turns it off), the text-line direction classifier is off because pages are deskewed and oriented before
recognition, recognition batches 16 lines at a time, and onnxruntime uses ``threads`` intra-op threads.
"""
from __future__ import annotations

import logging
import os
from pathlib import Path

from fazhi.errors import ModelUnavailable
from fazhi.ocr.base import RawLine

__all__ = ["RapidEngine", "model_dir", "cache_dir", "quantized_rec_model"]

log = logging.getLogger(__name__)

DET_MODEL = "PP-OCRv6_det_small.onnx"
REC_MODEL = "PP-OCRv6_rec_small.onnx"
CLS_MODEL = "ch_ppocr_mobile_v2.0_cls_mobile.onnx"


def model_dir() -> Path:
    """The directory of the models shipped inside the rapidocr wheel."""
    import importlib.util

    spec = importlib.util.find_spec("rapidocr")
    if spec is None or not spec.origin:
        raise ModelUnavailable("rapidocr is not installed: pip install 'fazhi[ocr]'")
    return Path(spec.origin).parent / "models"


def cache_dir() -> Path:
    """fazhi's user cache directory: ``$FAZHI_CACHE_DIR``, else ``~/.cache/fazhi``."""
    env = os.environ.get("FAZHI_CACHE_DIR")
    return Path(env).expanduser() if env else Path.home() / ".cache" / "fazhi"


class _DropPreprocessAdvice(logging.Filter):
    def filter(self, record):
        return "pre-processing before quantization" not in record.getMessage()


def quantized_rec_model(source: Path | None = None, cache: Path | None = None) -> Path:
    """An int8 (dynamically quantised) copy of the shipped recognition model, made locally on first use.

    The copy is made from the model in the rapidocr wheel with
    ``onnxruntime.quantization.quantize_dynamic`` (weights int8, activations quantised at run time) and
    cached as ``<cache>/ocr/PP-OCRv6_rec_small.int8-<size>.onnx``; nothing is downloaded. Only the
    ``MatMul`` nodes (the transformer neck) are quantised: quantising the convolutions too made
    recognition 3.5× slower (onnxruntime's ConvInteger) and raised the CER to 0.2–1.2%. Needs the
    ``onnx`` package (pip extra ``ocr``). The character table in the model's metadata is kept.
    """
    src = Path(source) if source else model_dir() / REC_MODEL
    if not src.exists():
        raise ModelUnavailable(f"rapidocr recognition model missing: {src}; reinstall rapidocr")
    out_dir = Path(cache) if cache else cache_dir() / "ocr"
    out = out_dir / f"{src.stem}.int8-matmul-{src.stat().st_size}.onnx"
    if out.exists():
        return out
    try:
        import onnx
        from onnxruntime.quantization import QuantType, quantize_dynamic
    except ImportError as e:
        raise ModelUnavailable("int8 recognition needs the 'onnx' package: pip install 'fazhi[ocr]'") from e
    out_dir.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(f".{out.name}.{os.getpid()}.tmp")
    root = logging.getLogger()
    quiet = _DropPreprocessAdvice()
    root.addFilter(quiet)  # quantize_dynamic logs a "consider pre-processing" warning on the root logger
    try:
        quantize_dynamic(str(src), str(tmp), weight_type=QuantType.QInt8, op_types_to_quantize=["MatMul"])
        q = onnx.load(str(tmp))
        meta = {m.key: m.value for m in q.metadata_props}
        missing = [m for m in onnx.load(str(src), load_external_data=False).metadata_props if m.key not in meta]
        if missing:  # keep the character table (and any other metadata) of the original model
            for m in missing:
                q.metadata_props.add(key=m.key, value=m.value)
            onnx.save(q, str(tmp))
        os.replace(tmp, out)
    finally:
        root.removeFilter(quiet)
        if tmp.exists():
            tmp.unlink()
    log.info("made the int8 recognition model %s", out)
    return out


class RapidEngine:
    """RapidOCR with the shipped PP-OCRv6 small models.

    Args:
        det_limit: longest side (px) of the image the detector sees; 0 keeps RapidOCR's default
            (shortest side at least 736).
        use_cls: run the per-line 0/180° classifier (off: fazhi orients whole pages itself).
        rec_batch: lines per recognition batch.
        threads: onnxruntime intra-op threads (default: the number of CPUs, at most 4).
        text_score: lines scoring below this are dropped by RapidOCR (0.3: keep weak lines, flag them
            later instead of losing them).
    """

    name = "rapidocr"

    def __init__(self, det_limit: int = 1280, use_cls: bool = False, rec_batch: int = 16,
                 threads: int | None = None, text_score: float = 0.3, box_thresh: float = 0.5,
                 unclip_ratio: float = 1.6, shipped: bool = False, int8: bool = False):
        self.det_limit = det_limit
        self.use_cls = use_cls
        self.rec_batch = rec_batch
        self.threads = threads or min(4, os.cpu_count() or 1)
        self.text_score = text_score
        self.box_thresh = box_thresh
        self.unclip_ratio = unclip_ratio
        self.shipped = shipped
        self.int8 = int8
        self._ocr = None
        self._clones: list[RapidEngine] = []

    @classmethod
    def as_shipped(cls) -> "RapidEngine":
        """RapidOCR's own defaults (only the model paths set): the baseline benchmarks/ocr.py compares with."""
        return cls(det_limit=0, use_cls=True, rec_batch=6, text_score=0.5, shipped=True)

    def __repr__(self):
        if self.shipped:
            return "RapidEngine.as_shipped()"
        return (f"RapidEngine(det_limit={self.det_limit}, use_cls={self.use_cls}, rec_batch={self.rec_batch}, "
                f"threads={self.threads}{', int8=True' if self.int8 else ''})")

    def clone(self, threads: int = 1) -> "RapidEngine":
        """A new engine with the same settings and its own onnxruntime sessions (for a page worker)."""
        return RapidEngine(det_limit=self.det_limit, use_cls=self.use_cls, rec_batch=self.rec_batch,
                           threads=threads, text_score=self.text_score, box_thresh=self.box_thresh,
                           unclip_ratio=self.unclip_ratio, shipped=self.shipped, int8=self.int8)

    def workers(self, n: int) -> list["RapidEngine"]:
        """``n`` single-threaded clones for OCR of ``n`` pages at once, made once and kept."""
        while len(self._clones) < n:
            self._clones.append(self.clone(threads=1))
        return self._clones[:n]

    def params(self) -> dict:
        """The RapidOCR parameter dictionary this engine uses (dotted keys, as ``RapidOCR(params=...)``)."""
        d = model_dir()
        paths = {"Det.model_path": d / DET_MODEL, "Rec.model_path": d / REC_MODEL, "Cls.model_path": d / CLS_MODEL}
        missing = [str(p) for p in paths.values() if not p.exists()]
        if missing:
            raise ModelUnavailable(f"rapidocr model files missing from the wheel: {', '.join(missing)}; "
                                   "reinstall rapidocr (fazhi never downloads models)")
        p = {k: str(v) for k, v in paths.items()}
        if self.int8:
            p["Rec.model_path"] = str(quantized_rec_model())
        p["Global.log_level"] = "error"
        if self.shipped:
            return p
        p.update({
            "Global.log_level": "error",
            "Global.use_cls": self.use_cls,
            "Global.text_score": self.text_score,
            "Global.max_side_len": 4000,
            "Det.box_thresh": self.box_thresh,
            "Det.unclip_ratio": self.unclip_ratio,
            "Rec.rec_batch_num": self.rec_batch,
            "Cls.cls_batch_num": self.rec_batch,
            "EngineConfig.onnxruntime.intra_op_num_threads": self.threads,
            "EngineConfig.onnxruntime.inter_op_num_threads": 1,
            # RapidOCR turns the arena off; with it on, variable-width line batches reuse buffers and
            # recognition costs about 30% less CPU (benchmarks/ocr.py).
            "EngineConfig.onnxruntime.enable_cpu_mem_arena": True,
        })
        if self.det_limit:
            p.update({"Det.limit_type": "max", "Det.limit_side_len": self.det_limit})
        return p

    def _load(self):
        if self._ocr is None:
            try:
                from rapidocr import RapidOCR
            except ImportError as e:  # pragma: no cover - depends on the environment
                raise ModelUnavailable("rapidocr is not installed: pip install 'fazhi[ocr]'") from e
            self._ocr = RapidOCR(params=self.params())
            _keep_char_columns(self._ocr)
        return self._ocr

    def recognize(self, image) -> list[RawLine]:
        """OCR one page image (numpy array: grey, or RGB as fazhi keeps pages)."""
        import numpy as np

        ocr = self._load()
        img = np.ascontiguousarray(image)
        if img.ndim == 3 and img.shape[2] == 3:
            img = np.ascontiguousarray(img[:, :, ::-1])  # RapidOCR takes arrays as BGR
        out = ocr(img)
        if out is None or getattr(out, "txts", None) is None or getattr(out, "boxes", None) is None:
            return []
        words = getattr(out, "word_results", None)
        if not words or len(words) != len(out.txts):
            words = [None] * len(out.txts)
        return [RawLine(text=t, box=b.tolist(), confidence=float(s), chars=_char_positions(t, b, w))
                for t, b, s, w in zip(out.txts, out.boxes, out.scores, words)]

    def classify_180(self, crops) -> list[tuple[str, float]]:
        """Run the shipped text-line direction classifier on line crops: ``[(label '0'|'180', score)]``."""
        ocr = self._load()
        cls = ocr._load_cls_model()
        res = cls(list(crops))
        return [(str(lab), float(score)) for lab, score in (res.cls_res or [])]


#: the recogniser's narrowest input, width over height (RapidOCR's rec_img_shape 3 × 48 × 320)
MIN_RATIO = 320 / 48


def ratio_batches(ratios: list[float], size: int, spread: float = 1.5) -> list[list[int]]:
    """Line indices in recognition batches of at most ``size`` lines of similar width over height.

    RapidOCR pads every line of a batch with grey to the widest line's width. A short line (a signed
    name, 调解员（签名）：周敏) batched with full-width lines of text is mostly padding, and the recogniser
    then drops characters of it (周敏 and 三 lost on a signature page). A batch here holds lines whose
    ratio is at most ``spread`` times its narrowest line's (all below the model's narrowest input count
    as that width). This also saves the recogniser the padding's columns.

    >>> ratio_batches([30.0, 7.0, 29.0, 2.0, 12.0, 31.0], 16)
    [[3, 1], [4], [2, 0, 5]]
    >>> ratio_batches([20.0] * 5, 2)
    [[0, 1], [2, 3], [4]]
    """
    order = sorted(range(len(ratios)), key=lambda i: ratios[i])
    batches: list[list[int]] = []
    low = 0.0
    for i in order:
        r = max(ratios[i], MIN_RATIO)
        if not batches or len(batches[-1]) >= size or r > spread * low:
            batches.append([])
            low = r
        batches[-1].append(i)
    return batches


def _keep_char_columns(ocr) -> None:
    """Have RapidOCR's recogniser keep, for each line, the CTC column of every character.

    RapidOCR's own ``return_word_box`` option also turns the columns into word boxes, and on its way
    drops the lines it finds no box for, so its word list no longer lines up with the text lines. Here
    only the recogniser is asked for the columns (``TextRecInput.return_word_box``): they come back in
    ``word_results``, one per line, filtered together with the lines. Costs a pass over the characters.
    """
    from rapidocr.ch_ppocr_rec import TextRecInput

    def recognize_txt(img):
        import numpy as np
        from rapidocr.ch_ppocr_rec import TextRecOutput

        rec = ocr._load_rec_model()
        imgs = [img] if isinstance(img, np.ndarray) else list(img)
        groups = ratio_batches([im.shape[1] / max(1, im.shape[0]) for im in imgs], rec.rec_batch_num)
        txts, scores, words, elapse = [""] * len(imgs), [0.0] * len(imgs), [None] * len(imgs), 0.0
        for group in groups:
            res = rec(TextRecInput(img=[imgs[i] for i in group], return_word_box=True))
            if res.txts is None:
                continue
            elapse += res.elapse or 0.0
            for k, i in enumerate(group):
                txts[i], scores[i], words[i] = res.txts[k], res.scores[k], res.word_results[k]
        if not imgs:  # as RapidOCR's own recognize_txt
            from rapidocr.main import RapidOCRError

            raise RapidOCRError("The text recognize result is empty")
        return TextRecOutput(imgs=imgs, txts=tuple(txts), scores=tuple(scores), word_results=tuple(words),
                             elapse=elapse)

    ocr.recognize_txt = recognize_txt


def _char_positions(text: str, quad, info) -> list | None:
    """``[(index into text, x centre on the page)]`` from a line's CTC columns (``WordInfo``) and its box.

    The recogniser sees the line's crop squeezed to ``line_txt_len`` columns; a character's column,
    as a share of that, is its place along the box's top and bottom edges."""
    try:
        cols = [c for word in info.word_cols for c in word]
        n = float(info.line_txt_len)
    except (AttributeError, TypeError):
        return None
    idx = [i for i, ch in enumerate(text) if not ch.isspace()]
    if not cols or n <= 0 or len(cols) != len(idx):
        return None
    q = quad.tolist() if hasattr(quad, "tolist") else quad
    if len(q) != 4 or not isinstance(q[0], (list, tuple)):
        return None
    (ax, ay), (bx, by), (cx, cy), (dx, dy) = q
    if abs(by - ay) > abs(bx - ax):  # a vertical line: no row of fields
        return None
    left, right = (ax + dx) / 2, (bx + cx) / 2
    return [(i, left + (c + 0.5) / n * (right - left)) for i, c in zip(idx, cols)]
