"""Page preprocessing before recognition: red-seal suppression, orientation, deskew, binarisation.

Each step is a plain function on numpy arrays (RGB ``uint8`` or grey) so it can be tested and reused;
:func:`prepare` runs them in order and records what it did.

* **Red seals** (公章) stamped over text are the most common complaint about scanned dossiers. Black
  text under red ink stays dark in the red channel while the ink itself is nearly as bright as paper
  there, so when a page has red ink its red channel, levels-stretched, replaces the grey image: the seal
  disappears and the text under it stays. Red *text* on a page (a red letterhead) disappears too; pass
  ``seal=False`` to keep it.
* **Orientation**: a page turned by 90° has its text lines running vertically; the variance of the
  projection profile is much larger across lines than along them, which tells 0/180 from 90/270.
  Which way a quarter-turned page goes, and upside-down pages, are settled by recognition (see
  :func:`fazhi.ocr.ocr_image`; :func:`text_band` gives it a few lines to try).
* **Blank pages** (:func:`is_blank`) are left alone: nothing to orient, deskew or recognise.
* **Deskew**: the angle (±``max_angle``°, 15° by default: phone photos are held askew) that maximises
  the variance of the row profile of the ink, searched coarse-to-fine on a downscaled binary image;
  the page is rotated back on a white background.
* **Binarisation** (optional): adaptive Gaussian thresholding, for uneven lighting (phone photos).

Examples:
    >>> import numpy as np
    >>> page = np.full((200, 300), 255, np.uint8)
    >>> for y in range(20, 180, 20): page[y:y + 8, 20:280] = 0
    >>> estimate_skew(page), estimate_skew(deskew(page, -2.0))
    (0.0, 2.0)
"""
from __future__ import annotations

import io
import logging
from dataclasses import dataclass, field

__all__ = ["to_array", "to_gray", "red_fraction", "suppress_red", "find_page", "rectify", "remove_streaks", "is_blank", "estimate_skew", "deskew",
           "detect_quarter_turn", "rotate_quarter", "text_band", "binarize", "prepare", "Prepared"]

log = logging.getLogger(__name__)


def to_array(image):
    """An RGB ``uint8`` numpy array from a PIL image, a numpy array (RGB or grey) or encoded bytes."""
    import numpy as np
    from PIL import Image

    if isinstance(image, (bytes, bytearray)):
        image = Image.open(io.BytesIO(image))
    if isinstance(image, Image.Image):
        if image.mode not in ("RGB", "L"):
            image = image.convert("RGB")
        image = np.asarray(image)
    arr = np.asarray(image)
    if arr.dtype != np.uint8:
        arr = np.clip(arr, 0, 255).astype(np.uint8)
    if arr.ndim == 3 and arr.shape[2] == 4:
        arr = arr[:, :, :3]
    return np.ascontiguousarray(arr)


def to_gray(img):
    """Luminance of an RGB array (grey arrays pass through)."""
    import cv2

    return img if img.ndim == 2 else cv2.cvtColor(img, cv2.COLOR_RGB2GRAY)


def _red_mask(img, margin: int = 60):
    import numpy as np

    r = img[:, :, 0].astype(np.int16)
    gb = np.maximum(img[:, :, 1], img[:, :, 2]).astype(np.int16)
    return (r - gb > margin) & (r > 100)


def red_fraction(img) -> float:
    """The share of pixels that are clearly red ink (0 for a grey image)."""
    if img.ndim == 2:
        return 0.0
    return float(_red_mask(img).mean())


def suppress_red(img, white_point: int = 200):
    """Grey image with red ink removed: the red channel, stretched so values above ``white_point`` are
    paper. Black or blue text (dark in the red channel) is kept, including where a seal covers it."""
    import numpy as np

    if img.ndim == 2:
        return img
    r = img[:, :, 0].astype(np.float32)
    return np.clip(r * (255.0 / white_point), 0, 255).astype(np.uint8)


def find_page(gray, min_area: float = 0.25, contrast: int = 40):
    """The corners (top left, top right, bottom right, bottom left; pixels) of a sheet of paper
    photographed on a darker surface, or None for a scan (paper to the edges) or when no sheet is found.

    A phone photo of a page shows the desk around it and the page as a quadrilateral (the phone held
    at an angle). The sheet is the largest four-cornered outline of edges (Canny, on the page
    downscaled to 600 px) covering at least ``min_area`` of the photo, with what lies outside it at
    least ``contrast`` grey levels darker than the paper inside: the outline of a table on a scanned
    form has paper on both sides and is no sheet. Edges, not brightness, find it: a shadow over part
    of the page (the hand holding the phone) makes paper as dark as the desk.
    """
    import cv2
    import numpy as np

    h, w = gray.shape[:2]
    scale = min(1.0, 600 / max(h, w, 1))
    small = cv2.resize(gray, (max(1, int(w * scale)), max(1, int(h * scale))), interpolation=cv2.INTER_AREA)
    sh, sw = small.shape
    e = max(2, min(sh, sw) // 30)
    ring = np.concatenate([small[:e].ravel(), small[-e:].ravel(), small[:, :e].ravel(), small[:, -e:].ravel()])
    if float(np.median(ring)) > float(np.percentile(small, 90)) - contrast:
        return None  # paper (or a scanner's lid) all round the edges: a scan, no desk to find the sheet on
    blur = cv2.GaussianBlur(small, (5, 5), 0)
    edges = cv2.dilate(cv2.Canny(blur, 30, 90), np.ones((3, 3), np.uint8))
    cnts, _ = cv2.findContours(edges, cv2.RETR_LIST, cv2.CHAIN_APPROX_SIMPLE)
    for c in sorted(cnts, key=cv2.contourArea, reverse=True)[:5]:
        hull = cv2.convexHull(c)
        if cv2.contourArea(hull) < min_area * sh * sw:
            return None
        quad = cv2.approxPolyDP(hull, 0.02 * cv2.arcLength(hull, True), True)
        if len(quad) != 4:
            continue
        pts = quad.reshape(4, 2).astype(np.float32)
        inside = np.zeros_like(small)
        cv2.fillConvexPoly(inside, pts.astype(np.int32), 255)
        inside = cv2.erode(inside, np.ones((9, 9), np.uint8))
        outside = cv2.dilate(inside, np.ones((25, 25), np.uint8)) == 0
        if outside.mean() < 0.02 or not (inside > 0).any():
            return None  # paper to the edges: a scan
        paper = float(np.percentile(small[inside > 0], 90))
        if float(np.median(small[outside])) > paper - contrast:
            continue  # paper on both sides of the outline: a table or a frame, not the sheet
        s, d = pts.sum(axis=1), np.diff(pts, axis=1).ravel()
        ordered = np.array([pts[np.argmin(s)], pts[np.argmin(d)], pts[np.argmax(s)], pts[np.argmax(d)]])
        return ordered / scale
    return None


def rectify(img, quad):
    """The sheet inside ``quad`` (from :func:`find_page`) warped flat onto a rectangle as large as its
    longer opposite sides."""
    import cv2
    import numpy as np

    tl, tr, br, bl = quad
    width = int(round(max(np.linalg.norm(tr - tl), np.linalg.norm(br - bl))))
    height = int(round(max(np.linalg.norm(bl - tl), np.linalg.norm(br - tr))))
    dst = np.float32([[0, 0], [width - 1, 0], [width - 1, height - 1], [0, height - 1]])
    m = cv2.getPerspectiveTransform(np.float32(quad), dst)
    border = 255 if img.ndim == 2 else (255, 255, 255)
    return cv2.warpPerspective(img, m, (width, height), flags=cv2.INTER_CUBIC, borderValue=border)


def remove_streaks(gray, coverage: float = 0.85, max_thick: int = 4):
    """The page with the thin dark lines that run across the whole sheet taken out: ``(page, rows)``.

    A fax's dirty print head or a scanner's dusty glass draws a 1–3 px line from edge to edge of the
    page, through the text. Through a line of text it merges the line's characters with the streak and
    the detector cuts characters off the line (a fax's date 二〇二四年三月五日 read as 二四年三月五日). A
    streak is a run of at most ``max_thick`` rows, each dark over ``coverage`` of the width and reaching
    both side edges, and no ruling of a table: no vertical line meets it (a table's rulings are kept for
    :mod:`fazhi.ocr.tables`). Its pixels become paper, except where a stroke crosses it (ink just above
    and just below), which is mended. ``rows`` lists the first row of each streak removed.

    >>> import numpy as np
    >>> page = np.full((60, 200), 255, np.uint8); page[22:38, 50:54] = 0; page[30, :] = 0  # a stroke, a streak
    >>> clean, rows = remove_streaks(page)
    >>> rows, int(clean[30, 10]), int(clean[30, 51])
    ([30], 255, 0)
    """
    import numpy as np

    h, w = gray.shape[:2]
    if h < 3 or w < 20:
        return gray, []
    ink = gray < 128
    cov = ink.mean(axis=1)
    cand = cov >= coverage
    if not cand.any():
        return gray, []
    edge = max(2, w // 40)
    runs, y = [], 0
    while y < h:
        if cand[y]:
            y1 = y
            while y1 + 1 < h and cand[y1 + 1]:
                y1 += 1
            if y1 - y + 1 <= max_thick and ink[y:y1 + 1, :edge].any() and ink[y:y1 + 1, w - edge:].any():
                runs.append((y, y1))
            y = y1 + 1
        else:
            y += 1
    if not runs:
        return gray, []
    import cv2

    tall = max(40, h // 30)  # a table's vertical ruling: taller than a character (≈ 25 px at 150 dpi)
    vertical = cv2.morphologyEx(ink.astype(np.uint8), cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, tall)))
    out, removed = gray.copy(), []
    for y0, y1 in runs:
        lo, hi = max(0, y0 - 2), min(h, y1 + 3)
        if vertical[lo:hi].any():
            continue  # a ruling of a table or a frame: kept
        above = ink[y0 - 1] if y0 > 0 else np.zeros(w, bool)
        below = ink[y1 + 1] if y1 + 1 < h else np.zeros(w, bool)
        stroke = above & below
        paper = int(np.percentile(gray[max(0, y0 - 10):y0], 90)) if y0 > 0 else 255
        out[y0:y1 + 1] = np.where(stroke, np.minimum(gray[y0 - 1] if y0 > 0 else 0, gray[y1 + 1] if y1 + 1 < h else 0),
                                  paper)[None, :]
        removed.append(int(y0))
    return out, removed


def is_blank(gray, contrast: int = 40) -> bool:
    """True when a page holds nothing the size of a character: only paper, scanner dust and dark edges.

    Ink is what is at least ``contrast`` grey levels darker than the paper (the 90th percentile), on the
    page downscaled to 1000 px; a mark counts when it is at least 1/150 of the page's shorter side long
    (a 12 pt character at 150 dpi is about 1/50) and does not touch the border (a scanner's dark edge or
    a shadow there is no text). A page number alone is not blank.
    """
    import cv2
    import numpy as np

    h, w = gray.shape[:2]
    scale = min(1.0, 1000 / max(h, w, 1))
    small = cv2.resize(gray, (max(1, int(w * scale)), max(1, int(h * scale))), interpolation=cv2.INTER_AREA)
    paper = float(np.percentile(small, 90))
    ink = (small < paper - contrast).astype(np.uint8)
    if not ink.any():
        return True
    n, _, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    H, W = small.shape
    size = max(4, min(H, W) // 150)
    for x, y, cw, ch, _ in stats[1:]:
        if x > 0 and y > 0 and x + cw < W and y + ch < H and max(cw, ch) >= size:
            return False
    return True


def text_band(gray, share: float = 0.12):
    """A horizontal band of the page holding a few whole text lines (about ``share`` of the page height,
    cut at blank rows, from the middle of the inked rows): a cheap sample for an orientation check."""
    import numpy as np

    ink = _ink(gray)
    scale = gray.shape[0] / ink.shape[0]
    prof = ink.sum(axis=1, dtype=np.float64)
    rows = np.nonzero(prof > 0.01 * max(prof.max(), 1))[0]
    if len(rows) == 0:
        return gray
    blank = prof <= 0.01 * max(prof.max(), 1)
    mid = int(rows[len(rows) // 2])
    start = mid
    while start > rows[0] and not blank[start]:
        start -= 1
    stop = min(len(prof) - 1, start + max(1, int(share * len(prof))))
    while stop < rows[-1] and not blank[stop]:
        stop += 1
    y0, y1 = int(start * scale), int(min(gray.shape[0], (stop + 1) * scale))
    return gray[y0:y1]


def _ink(gray, width: int = 800):
    import cv2

    h, w = gray.shape[:2]
    scale = min(1.0, width / max(w, 1))
    small = cv2.resize(gray, (max(1, int(w * scale)), max(1, int(h * scale))), interpolation=cv2.INTER_AREA)
    _, ink = cv2.threshold(small, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    return ink


def _profile_score(ink, angle: float) -> float:
    import cv2
    import numpy as np

    h, w = ink.shape
    m = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    rot = cv2.warpAffine(ink, m, (w, h), flags=cv2.INTER_NEAREST, borderValue=0)
    prof = rot.sum(axis=1, dtype=np.float64)
    return float(np.square(np.diff(prof)).sum())


def _search(ink, max_angle: float, rounds: int = 3) -> tuple[float, float]:
    """(angle, score) maximising the row-profile score, coarse to fine; ties go to the smaller angle."""
    best, best_score = 0.0, 0.0
    step = 0.5
    lo, hi = -max_angle, max_angle
    for _ in range(rounds):
        angles = []
        a = lo
        while a <= hi + 1e-9:
            angles.append(round(a, 4))
            a += step
        best_score, _, best = max((_profile_score(ink, a), -abs(a), a) for a in angles)
        lo, hi, step = best - step, best + step, step / 5
    return best, best_score


def estimate_skew(gray, max_angle: float = 15.0) -> float:
    """The skew of the text lines in degrees (positive: counter-clockwise), 0 when there is no ink."""
    ink = _ink(gray)
    if ink.sum() == 0:
        return 0.0
    return round(-_search(ink, max_angle)[0], 3) + 0.0


def deskew(img, angle: float, expand_over: float = 5.0):
    """Rotate ``img`` by ``-angle`` degrees (undoing a skew of ``angle``) on a white background.

    The size stays the same up to ``expand_over`` degrees (a scan's margins absorb the corners); beyond
    that — a phone photo held at 10° — the canvas grows so the page's corners are not cut off.
    """
    import math

    import cv2

    h, w = img.shape[:2]
    m = cv2.getRotationMatrix2D((w / 2, h / 2), -angle, 1.0)
    size = (w, h)
    if abs(angle) > expand_over:
        c, s = abs(math.cos(math.radians(angle))), abs(math.sin(math.radians(angle)))
        size = (int(math.ceil(w * c + h * s)), int(math.ceil(w * s + h * c)))
        m[0, 2] += (size[0] - w) / 2
        m[1, 2] += (size[1] - h) / 2
    border = 255 if img.ndim == 2 else (255, 255, 255)
    return cv2.warpAffine(img, m, size, flags=cv2.INTER_CUBIC, borderValue=border)


def _blank_share(ink, angle: float) -> float:
    """The share of blank rows between the first and the last inked row, after undoing ``angle``."""
    import cv2
    import numpy as np

    h, w = ink.shape
    m = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    rot = cv2.warpAffine(ink, m, (w, h), flags=cv2.INTER_NEAREST, borderValue=0)
    prof = rot.sum(axis=1, dtype=np.float64)
    rows = np.nonzero(prof)[0]
    if len(rows) < 2:
        return 0.0
    body = prof[rows[0]:rows[-1] + 1]
    return float((body <= 0.01 * body.max()).mean())


def detect_quarter_turn(gray, max_angle: float = 5.0) -> bool:
    """True when the text lines run vertically (the page is turned by 90° or 270°).

    Horizontal lines of text leave blank rows between them (about a third of the rows of a text
    block); across the lines hardly any row or column is blank, because characters in a line touch. So
    the page is turned when, each deskewed, its columns are clearly more often blank than its rows.
    """
    import numpy as np

    ink = _ink(gray, 600)
    if ink.sum() == 0:
        return False
    turned = np.ascontiguousarray(np.rot90(ink))
    as_is = _blank_share(ink, _search(ink, max_angle, rounds=1)[0])
    across = _blank_share(turned, _search(turned, max_angle, rounds=1)[0])
    return across > as_is + 0.1


def rotate_quarter(img, quarters: int):
    """Rotate counter-clockwise by ``quarters`` × 90°."""
    import numpy as np

    return np.ascontiguousarray(np.rot90(img, quarters % 4))


def binarize(gray, block: int = 31, c: int = 15):
    """Adaptive Gaussian threshold: black text on white, robust to uneven lighting."""
    import cv2

    return cv2.adaptiveThreshold(gray, 255, cv2.ADAPTIVE_THRESH_GAUSSIAN_C, cv2.THRESH_BINARY, block, c)


@dataclass
class Prepared:
    """The image handed to the engine and what was done to get it."""

    image: object
    meta: dict = field(default_factory=dict)


def prepare(image, *, seal: bool = True, orient: bool = True, skew: bool = True, binarise: bool = False,
            max_angle: float = 15.0, red_threshold: float = 0.0005) -> Prepared:
    """Run the preprocessing steps on one page image.

    Returns the grey (or binary) page for the engine; ``meta`` has ``red_fraction``, ``seal_suppressed``,
    ``quarter_turn`` (0 or 1), ``skew`` (degrees corrected) and ``binarised``, and ``blank`` (True) for a
    page with nothing on it (:func:`is_blank`), which is left as it is.
    """
    img = to_array(image)
    meta: dict = {}
    if orient or skew:  # a phone photo of a sheet on a desk: the sheet warped flat
        quad = find_page(to_gray(img))
        if quad is not None:
            img = rectify(img, quad)
            meta["page_quad"] = [[int(round(x)), int(round(y))] for x, y in quad]
    frac = red_fraction(img)
    meta["red_fraction"] = round(frac, 5)
    if seal and frac > red_threshold:
        gray = suppress_red(img)
        meta["seal_suppressed"] = True
    else:
        gray = to_gray(img)
        meta["seal_suppressed"] = False
    gray, streaks = remove_streaks(gray)
    if streaks:
        meta["streaks_removed"] = len(streaks)
    meta["quarter_turn"] = 0
    if is_blank(gray):  # nothing to orient, deskew or recognise
        meta.update(blank=True, skew=0.0, binarised=False)
        return Prepared(image=gray, meta=meta)
    if orient and detect_quarter_turn(gray):
        gray = rotate_quarter(gray, 1)
        meta["quarter_turn"] = 1
    angle = estimate_skew(gray, max_angle) if skew else 0.0
    if abs(angle) >= 0.2:
        gray = deskew(gray, angle)
        meta["skew"] = round(angle, 2)
    else:
        meta["skew"] = 0.0
    if binarise:
        gray = binarize(gray)
    meta["binarised"] = binarise
    return Prepared(image=gray, meta=meta)
