"""Test-set generator: legal text rendered into A4 page images with known ground truth.

Pages are drawn with a Noto CJK font (Debian ``fonts-noto-cjk``) at a chosen dpi, then degraded the way
scanned dossiers are: blur, noise, JPEG artefacts, a 1–3° rotation, a red circular seal stamped over the
text, or two columns. The ground truth of every page is the exact text drawn, line by line, so the
character error rate (:func:`cer`) of an engine can be measured per condition.

Examples:
    >>> cer("二〇二二年", "二〇二二年")
    0.0
    >>> round(cer("人民调解委员会", "人民调解委会"), 3)
    0.143
    >>> law_paragraphs("# 标题\\n\\n<!-- INFO END -->\\n\\n## 第一章 总则\\n\\n第一条 为了……\\n")
    ['第一章 总则', '第一条 为了……']
"""
from __future__ import annotations

import io
import math
import random
import re
import shutil
import subprocess
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

__all__ = ["CONDITIONS", "RenderedPage", "find_font", "law_paragraphs", "render_page", "render_form", "degrade", "rotate",
           "add_seal", "make_page", "levenshtein", "cer", "comparable"]

CONDITIONS = ("clean", "degraded", "sealed", "two_columns", "rotated", "askew", "form", "turned", "upside_down",
              "blank")

A4_MM = (210.0, 297.0)

_KNOWN_FONTS = (
    "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/noto-cjk/NotoSerifCJK-Regular.ttc",
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc",
    "/System/Library/Fonts/PingFang.ttc",
)


@lru_cache(maxsize=4)
def find_font(family: str = "Noto Serif CJK SC") -> Path | None:
    """The path of a CJK font file: ``fc-match`` first, then known install paths; None when absent.

    Only a file whose name says CJK (or a known path) is accepted, because fc-match always answers with
    *some* font, often one without Chinese glyphs.
    """
    if shutil.which("fc-match"):
        for fam in (family, "Noto Serif CJK SC", "Noto Sans CJK SC"):
            try:
                out = subprocess.run(["fc-match", "-f", "%{file}", fam], capture_output=True, text=True,
                                     timeout=10).stdout.strip()
            except (OSError, subprocess.SubprocessError):
                break
            if out and "CJK" in out and Path(out).exists():
                return Path(out)
    for p in _KNOWN_FONTS:
        if Path(p).exists():
            return Path(p)
    return None


def _font(size_px: int, family: str = "Noto Serif CJK SC"):
    from PIL import ImageFont

    path = find_font(family)
    if path is None:
        raise RuntimeError("no CJK font found: install fonts-noto-cjk (apt-get install fonts-noto-cjk)")
    index = 2 if path.suffix == ".ttc" and "CJK" in path.name else 0  # SC face inside the Noto collection
    try:
        return ImageFont.truetype(str(path), size_px, index=index)
    except OSError:
        return ImageFont.truetype(str(path), size_px)


def law_paragraphs(markdown: str | Path) -> list[str]:
    """The body paragraphs of a LawRefBook Markdown law text (headings without ``#``, no header block)."""
    text = Path(markdown).read_text(encoding="utf-8") if isinstance(markdown, Path) else markdown
    if "<!-- INFO END -->" in text:
        text = text.split("<!-- INFO END -->", 1)[1]
    out = []
    for line in text.splitlines():
        line = re.sub(r"^#+\s*", "", line).strip()
        if line:
            out.append(line)
    return out


@dataclass
class RenderedPage:
    """A rendered page image and its ground truth.

    ``lines`` are the drawn lines in reading order with their boxes ``[x0, y0, x1, y1]`` in pixels;
    ``paragraphs`` the source paragraphs that were drawn completely or in part (each line belongs to one).
    """

    image: "object"  # PIL.Image.Image
    lines: list[tuple[str, list[int]]]
    dpi: int
    condition: str = "clean"
    meta: dict = field(default_factory=dict)

    @property
    def text(self) -> str:
        return "\n".join(t for t, _ in self.lines)


_NO_LINE_START = set("，。、；：？！）》」』”’,.;:?!)")


def _wrap(draw, text: str, font, width: int, indent: int) -> list[str]:
    """Break ``text`` into lines; closing punctuation hangs in the margin rather than start a line, as
    word processors set Chinese (避头点: a line never begins with ，or 。)."""
    lines, cur, first = [], "", True
    for ch in text:
        limit = width - (indent if first else 0)
        if draw.textlength(cur + ch, font=font) > limit and cur and ch not in _NO_LINE_START:
            lines.append(cur)
            cur, first = ch, False
        else:
            cur += ch
    if cur:
        lines.append(cur)
    return lines


def render_page(paragraphs: list[str], dpi: int = 150, *, columns: int = 1, font_pt: float = 12.0,
                margin_mm: float = 25.0, line_spacing: float = 1.6, size_mm: tuple[float, float] = A4_MM,
                family: str = "Noto Serif CJK SC", title: str | None = None) -> RenderedPage:
    """Draw ``paragraphs`` onto one page (A4 by default) until it is full; returns the page and its truth.

    Paragraphs are indented by two characters, as Chinese documents are; a title is centred and larger.
    With ``columns=2`` the text fills the left column first, then the right one.
    """
    from PIL import Image, ImageDraw

    mm = dpi / 25.4
    W, H = int(size_mm[0] * mm), int(size_mm[1] * mm)
    img = Image.new("RGB", (W, H), "white")
    draw = ImageDraw.Draw(img)
    size = max(8, round(font_pt / 72 * dpi))
    font = _font(size, family)
    margin = int(margin_mm * mm)
    gutter = int(8 * mm)
    col_w = (W - 2 * margin - (columns - 1) * gutter) // columns
    step = int(size * line_spacing)
    lines: list[tuple[str, list[int]]] = []
    y, col = margin, 0
    if title:
        tfont = _font(int(size * 1.5), family)
        tw = draw.textlength(title, font=tfont)
        x0 = int((W - tw) / 2)
        draw.text((x0, y), title, font=tfont, fill="black")
        lines.append((title, [x0, y, int(x0 + tw), y + int(size * 1.5)]))
        y += int(size * 1.5 * line_spacing) + step // 2
    top = y
    full = False
    for para in paragraphs:
        for i, ln in enumerate(_wrap(draw, para, font, col_w, 2 * size)):
            if y + size > H - margin:
                col += 1
                y = top
                if col >= columns:
                    full = True
                    break
            x = margin + col * (col_w + gutter) + (2 * size if i == 0 else 0)
            draw.text((x, y), ln, font=font, fill="black")
            lines.append((ln, [x, y, int(x + draw.textlength(ln, font=font)), y + size]))
            y += step
        if full:
            break
    return RenderedPage(image=img, lines=lines, dpi=dpi, meta={"columns": columns, "font_px": size})


#: the 当事人 rows of :func:`render_form` (synthetic parties), cells left to right
FORM_ROWS = (
    ("当事人", "张某某", "性别", "男", "出生年月", "1968年5月"),
    ("当事人", "李某某", "性别", "女", "出生年月", "1975年10月"),
    ("住所", "某某县某某镇东街村3组", "", "", "联系电话", "138****5678"),
    ("纠纷事实", "双方因宅基地围墙占用公共通道发生纠纷", "", "", "", ""),
)

#: the lines under the table of a ``form`` page
FORM_CLOSING = ("经调解，双方自愿达成如下协议，协议内容见第二页。", "当事人（签名）：")


def render_form(paragraphs: list[str], dpi: int = 150, *, font_pt: float = 12.0, margin_mm: float = 25.0,
                size_mm: tuple[float, float] = A4_MM, title: str = "人民调解协议书") -> RenderedPage:
    """A 调解协议 page: a title, a ruled table of the parties (:data:`FORM_ROWS`: label and value cells,
    an empty cell joined to the one before it), then ``paragraphs`` below until the page is full.

    The truth reads the table row by row, cells left to right, as a person does.
    """
    from PIL import Image, ImageDraw

    mm = dpi / 25.4
    W, H = int(size_mm[0] * mm), int(size_mm[1] * mm)
    img = Image.new("RGB", (W, H), "white")
    draw = ImageDraw.Draw(img)
    size = max(8, round(font_pt / 72 * dpi))
    font, tfont = _font(size), _font(int(size * 1.5))
    margin = int(margin_mm * mm)
    lines: list[tuple[str, list[int]]] = []
    tw = draw.textlength(title, font=tfont)
    x0 = int((W - tw) / 2)
    draw.text((x0, margin), title, font=tfont, fill="black")
    lines.append((title, [x0, margin, int(x0 + tw), margin + int(size * 1.5)]))
    widths = (0.13, 0.25, 0.09, 0.08, 0.17, 0.28)  # shares of the text width, one per cell
    edges = [margin]
    for share in widths:
        edges.append(edges[-1] + int(share * (W - 2 * margin)))
    edges[-1] = W - margin
    rh = int(size * 2.4)
    y = margin + int(size * 3)
    for row in FORM_ROWS:
        cells = [(c, e, row[c]) for c in range(len(row)) if row[c] or c == 0
                 for e in [next((k for k in range(c + 1, len(row)) if row[k]), len(row))]]
        for c, e, text in cells:
            draw.rectangle([edges[c], y, edges[e], y + rh], outline="black", width=max(1, dpi // 100))
            tx, ty = edges[c] + size // 2, y + (rh - size) // 2
            draw.text((tx, ty), text, font=font, fill="black")
            lines.append((text, [tx, ty, int(tx + draw.textlength(text, font=font)), ty + size]))
        y += rh
    y += size
    step = int(size * 1.6)
    for para in paragraphs:
        for i, ln in enumerate(_wrap(draw, para, font, W - 2 * margin, 2 * size)):
            if y + size > H - margin:
                break
            x = margin + (2 * size if i == 0 else 0)
            draw.text((x, y), ln, font=font, fill="black")
            lines.append((ln, [x, y, int(x + draw.textlength(ln, font=font)), y + size]))
            y += step
        else:
            continue
        break
    return RenderedPage(image=img, lines=lines, dpi=dpi, meta={"columns": 1, "font_px": size, "form": True})


def degrade(img, *, blur: float = 0.8, noise: float = 10.0, jpeg_quality: int = 40, seed: int = 0):
    """Blur (Gaussian radius in px), add Gaussian noise (std in grey levels) and re-encode as JPEG."""
    import numpy as np
    from PIL import Image, ImageFilter

    rng = np.random.default_rng(seed)
    if blur:
        img = img.filter(ImageFilter.GaussianBlur(blur))
    if noise:
        a = np.asarray(img).astype(np.float32)
        a += rng.normal(0, noise, a.shape[:2])[..., None]
        img = Image.fromarray(np.clip(a, 0, 255).astype(np.uint8))
    if jpeg_quality:
        buf = io.BytesIO()
        img.save(buf, "JPEG", quality=jpeg_quality)
        img = Image.open(io.BytesIO(buf.getvalue())).convert("RGB")
    return img


def rotate(img, degrees: float):
    """Rotate counter-clockwise by ``degrees`` on a white background, keeping the whole page."""
    from PIL import Image

    return img.rotate(degrees, resample=Image.BICUBIC, expand=True, fillcolor="white")


def add_seal(img, center: tuple[int, int], radius: int, text: str = "某某县某某镇人民调解委员会",
             color: tuple[int, int, int] = (220, 30, 35), seed: int = 0):
    """Stamp a red circular seal (ring, star, arc text) over the page, as ink does: multiplied, so black
    text under it stays black. The ink is slightly uneven, like a real stamp."""
    import numpy as np
    from PIL import Image, ImageDraw, ImageFilter

    size = 2 * radius + 4
    mask = Image.new("L", (size, size), 0)
    d = ImageDraw.Draw(mask)
    c = size / 2
    ring = max(2, radius // 14)
    d.ellipse([c - radius, c - radius, c + radius, c + radius], outline=255, width=ring)
    # five-pointed star
    r_out, r_in = radius * 0.28, radius * 0.11
    pts = []
    for k in range(10):
        r = r_out if k % 2 == 0 else r_in
        a = -math.pi / 2 + k * math.pi / 5
        pts.append((c + r * math.cos(a), c + r * math.sin(a)))
    d.polygon(pts, fill=255)
    # text along the upper arc
    fsize = max(8, int(radius * 0.22))
    font = _font(fsize, "Noto Sans CJK SC")
    n = len(text)
    span = math.radians(220)
    for k, ch in enumerate(text):
        a = -math.pi / 2 - span / 2 + span * (k + 0.5) / n
        glyph = Image.new("L", (fsize * 2, fsize * 2), 0)
        ImageDraw.Draw(glyph).text((fsize // 2, fsize // 2), ch, font=font, fill=255)
        glyph = glyph.rotate(-math.degrees(a) - 90, resample=Image.BICUBIC)
        rr = radius - ring - fsize * 0.75
        x, y = c + rr * math.cos(a) - fsize, c + rr * math.sin(a) - fsize
        mask.paste(255, (int(x), int(y)), glyph)
    mask = mask.filter(ImageFilter.GaussianBlur(0.6))
    rng = np.random.default_rng(seed)
    m = np.asarray(mask).astype(np.float32) / 255.0
    m *= rng.uniform(0.7, 1.0, m.shape)  # uneven ink
    page = np.asarray(img.convert("RGB")).astype(np.float32)
    x0, y0 = int(center[0] - c), int(center[1] - c)
    xs0, ys0 = max(0, x0), max(0, y0)
    xs1, ys1 = min(page.shape[1], x0 + size), min(page.shape[0], y0 + size)
    sub = m[ys0 - y0:ys1 - y0, xs0 - x0:xs1 - x0][..., None]
    ink = np.array(color, np.float32) / 255.0
    region = page[ys0:ys1, xs0:xs1]
    page[ys0:ys1, xs0:xs1] = region * (1 - sub + sub * ink)
    return Image.fromarray(np.clip(page, 0, 255).astype(np.uint8))


def make_page(paragraphs: list[str], condition: str = "clean", dpi: int = 150, seed: int = 0,
              **render_kw) -> RenderedPage:
    """Render a page under one of :data:`CONDITIONS`.

    ``degraded``: blur 0.8 px, noise σ 12, JPEG quality 35 (at 150 dpi; scaled with dpi).
    ``sealed``: a red seal of 42 mm diameter over the lower body text.
    ``two_columns``: two columns, left then right.
    ``rotated``: a rotation of 1–3° (chosen by ``seed``), then mild noise.
    ``askew``: 8–12° either way, as a phone photo is held; blur, noise, JPEG quality 70.
    ``form``: a 调解协议 page that is mostly its table of the parties (:func:`render_form` with
    :data:`FORM_CLOSING` below it; ``paragraphs`` are not used), mild noise.
    ``turned``: the page turned by 90° counter-clockwise (fed sideways); ``upside_down``: by 180°.
    ``blank``: an empty sheet with scanner dust and a dark edge (truth: no text).
    """
    if condition not in CONDITIONS:
        raise ValueError(f"unknown condition {condition!r}; choose one of: {', '.join(CONDITIONS)}")
    rng = random.Random(seed)
    if condition == "form":  # a form page (登记表, the first page of an agreement): mostly the table
        page = render_form(list(FORM_CLOSING), dpi, **render_kw)
    else:
        page = render_page(paragraphs if condition != "blank" else [], dpi,
                           columns=2 if condition == "two_columns" else 1, **render_kw)
    img = page.image
    scale = dpi / 150
    if condition == "degraded":
        img = degrade(img, blur=0.8 * scale, noise=12, jpeg_quality=35, seed=seed)
    elif condition == "sealed":
        W, H = img.size
        ys = [b[3] for _, b in page.lines]
        cy = int((min(ys) + max(ys)) / 2) if ys else H // 2
        r = int(21 * dpi / 25.4)
        cx = int(W * rng.uniform(0.45, 0.65))
        img = add_seal(img, (cx, cy), r, seed=seed)
        page.meta["seal"] = [cx, cy, r]
    elif condition == "rotated":
        angle = rng.uniform(1, 3) * rng.choice((-1, 1))
        img = degrade(rotate(img, angle), blur=0, noise=6, jpeg_quality=0, seed=seed)
        page.meta["angle"] = angle
    elif condition == "askew":
        angle = rng.uniform(8, 12) * rng.choice((-1, 1))
        img = degrade(rotate(img, angle), blur=0.5 * scale, noise=6, jpeg_quality=70, seed=seed)
        page.meta["angle"] = angle
    elif condition == "form":
        img = degrade(img, blur=0.4 * scale, noise=5, jpeg_quality=60, seed=seed)
    elif condition in ("turned", "upside_down"):
        img = img.rotate(90 if condition == "turned" else 180, expand=True)
    elif condition == "blank":
        from PIL import ImageDraw

        img = img.copy()
        d = ImageDraw.Draw(img)
        W, H = img.size
        for _ in range(40):  # dust
            x, y = rng.randrange(W), rng.randrange(H)
            d.ellipse([x, y, x + 2 * scale, y + 2 * scale], fill=(70, 70, 70))
        d.rectangle([0, 0, int(3 * dpi / 25.4), H], fill=(25, 25, 25))  # the scanner lid's edge
        img = degrade(img, blur=0, noise=4, jpeg_quality=60, seed=seed)
    page.image = img
    page.condition = condition
    return page


# --- character error rate -------------------------------------------------------------------------------

def levenshtein(a: str, b: str) -> int:
    """Edit distance (insertions, deletions, substitutions) between two strings.

    Myers' bit-vector algorithm on Python integers: linear in ``len(b)`` big-integer operations, so a
    whole page compares in milliseconds.
    """
    if len(a) < len(b):
        a, b = b, a
    m = len(b)
    if m == 0:
        return len(a)
    peq: dict[str, int] = {}
    for i, ch in enumerate(b):
        peq[ch] = peq.get(ch, 0) | (1 << i)
    mask = (1 << m) - 1
    high = 1 << (m - 1)
    pv, mv, score = mask, 0, m
    for ch in a:
        eq = peq.get(ch, 0)
        xv = eq | mv
        xh = (((eq & pv) + pv) ^ pv) | eq
        ph = mv | (~(xh | pv) & mask)
        mh = pv & xh
        if ph & high:
            score += 1
        elif mh & high:
            score -= 1
        ph = ((ph << 1) | 1) & mask
        mh = (mh << 1) & mask
        pv = mh | (~(xv | ph) & mask)
        mv = ph & xv
    return score


_SPACE = re.compile(r"\s+")


def comparable(text: str) -> str:
    """Text as CER compares it: whitespace removed, punctuation made full-width the way Chinese text
    writes it (so a half-width ``,`` the engine returns and the ``，`` on the page count as equal)."""
    from fazhi.ocr.postprocess import normalize_punctuation

    return _SPACE.sub("", normalize_punctuation(text))


def cer(truth: str, hypothesis: str) -> float:
    """Character error rate: edit distance over the length of the truth, whitespace ignored."""
    t, h = comparable(truth), comparable(hypothesis)
    if not t:
        return 0.0 if not h else 1.0
    return levenshtein(t, h) / len(t)


# --- the bundled sample ---------------------------------------------------------------------------------

def render_sample(dpi: int = 150, seed: int = 7) -> RenderedPage:
    """The bundled demo scan: the synthetic mediation agreement in ``fazhi/ocr/data/sample_agreement.txt``
    (first line the title) on an A4 page, a red seal over the committee's name and the date, slightly
    rotated and noisy like a scan. ``fazhi/ocr/data/sample_scan.jpg`` was made by this function."""
    from importlib.resources import files

    lines = files("fazhi.ocr").joinpath("data", "sample_agreement.txt").read_text(encoding="utf-8").splitlines()
    lines = [ln for ln in lines if ln.strip()]
    page = render_page(lines[1:], dpi, title=lines[0], font_pt=12)
    # the seal sits over the last two lines (committee and date), right of centre
    (_, b1), (_, b2) = page.lines[-2], page.lines[-1]
    cy = (b1[1] + b2[3]) // 2
    cx = int(page.image.size[0] * 0.42)
    img = add_seal(page.image, (cx, cy), int(20 * dpi / 25.4), seed=seed)
    img = degrade(rotate(img, 0.8), blur=0.4, noise=5, jpeg_quality=0, seed=seed)
    page.image = img
    page.condition = "sample"
    page.meta.update(seal=[cx, cy], angle=0.8, synthetic=True)
    return page
