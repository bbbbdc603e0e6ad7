"""Page images from image files (PNG, JPEG, BMP, WebP, AVIF; HEIC with pillow-heif), multi-page TIFF, and
the pictures inside DOCX.

A scanned dossier often arrives as a multi-page TIFF (fax-style, 1-bit) or as a Word file with one
photographed page per picture; each frame or picture is one page, in document order.

Examples:
    >>> from PIL import Image
    >>> import io
    >>> buf = io.BytesIO()
    >>> frames = [Image.new("L", (20, 10), v) for v in (0, 128, 255)]
    >>> frames[0].save(buf, "TIFF", save_all=True, append_images=frames[1:])
    >>> n, pages = image_pages(buf.getvalue(), "scan.tif")
    >>> n, [p.number for p in pages]
    (3, [1, 2, 3])
"""
from __future__ import annotations

import io
import logging
import posixpath
import re
import zipfile
from typing import Iterator

from fazhi.errors import UnreadableFile
from fazhi.ocr.pdf import PageInput

__all__ = ["IMAGE_SUFFIXES", "image_pages", "docx_images", "docx_pages", "square_pixels"]

log = logging.getLogger(__name__)

IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp", ".webp", ".gif"}
_RASTER = {".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp", ".gif", ".webp"}


def _open(data: bytes, name: str):
    from PIL import Image, UnidentifiedImageError

    if len(data) < 64 and not data.strip():  # nothing, or a few blanks
        raise UnreadableFile(name, "empty file")
    if _is_heif(data):
        _register_heif()
    try:
        img = Image.open(io.BytesIO(data))
        img.load()
    except UnidentifiedImageError as e:  # its message names the BytesIO object, not the file
        if _is_heif(data):
            raise UnreadableFile(name, "a HEIC/HEIF photo (an iPhone's default format), which needs the "
                                       "pillow-heif package: pip install pillow-heif, or convert it to JPEG "
                                       "(heif-convert photo.heic photo.jpg)") from e
        raise UnreadableFile(name, "not a readable image (not PNG, JPEG, TIFF, BMP, WebP, AVIF or GIF "
                                   "data)") from e
    except (OSError, ValueError) as e:
        raise UnreadableFile(name, f"not a readable image ({e})") from e
    return img


_HEIF_BRANDS = (b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"mif1", b"msf1")


def _is_heif(data: bytes) -> bool:
    """An ISO media file whose brand is HEIC/HEIF (not AVIF, which PIL reads itself)."""
    return data[4:8] == b"ftyp" and data[8:12] in _HEIF_BRANDS and b"avif" not in data[8:32]


def _register_heif():
    """Let PIL open HEIC photos when pillow-heif is installed (optional; never required)."""
    try:
        import pillow_heif
    except ImportError:
        return
    pillow_heif.register_heif_opener()


def _rgb(frame):
    from PIL import ImageOps

    frame = ImageOps.exif_transpose(frame) or frame
    if frame.mode.startswith("I") or frame.mode == "F":
        frame = _to_8bit(frame)
    if frame.mode in ("RGBA", "LA", "P"):
        from PIL import Image

        frame = frame.convert("RGBA")
        bg = Image.new("RGBA", frame.size, "white")
        frame = Image.alpha_composite(bg, frame)
    return frame.convert("RGB")


def _to_8bit(frame):
    """An 8-bit grey image from a 16-bit (``I;16``) or 32-bit (``I``, ``F``) one, as some scanners write
    TIFF and PNG. PIL's own conversion clips at 255, so a page whose black is 3000 of 65535 turns white
    (and blank); here 16-bit values are scaled by 1/257."""
    import numpy as np
    from PIL import Image

    a = np.asarray(frame, dtype=np.float64)
    if a.size and a.max() > 255:
        a = a / 257.0
    return Image.fromarray(np.clip(a, 0, 255).astype(np.uint8), "L")


def image_pages(data: bytes, name: str) -> tuple[int, Iterator[PageInput]]:
    """The frame count and the frames of an image file (one frame unless it is a multi-page TIFF/GIF)."""
    img = _open(data, name)
    n = getattr(img, "n_frames", 1) or 1

    def gen():
        for i in range(n):
            try:
                img.seek(i)
            except EOFError:
                break
            dpi = img.info.get("dpi")
            frame, dpi = square_pixels(img.copy(), dpi)
            yield PageInput(number=i + 1, image=_rgb(frame), dpi=dpi)

    return n, gen()


def square_pixels(frame, dpi) -> tuple:
    """The frame with square pixels, and its resolution: ``(frame, dpi or None)``.

    A fax in standard resolution is sampled at 204 dots per inch across but only 98 lines per inch down
    (fine mode: 196), and its TIFF says so (``dpi=(204, 98)``). Taken as it is, every character is half as
    tall as it is wide; the recogniser, trained on square pixels, misreads such squashed text (in audit 4
    the 调解时间 line came back as 调解于：202643月10日上490子). When the two resolutions differ by more than
    a third (and both are plausible, 50–1200), the lower one is resampled up to the higher one: a 1-bit
    frame through grey, so strokes come out smooth rather than blocky.
    """
    try:
        xd, yd = (float(v) for v in dpi[:2])
    except (TypeError, ValueError):  # no resolution, or not a pair
        return frame, None
    if not (50 <= xd <= 1200 and 50 <= yd <= 1200) or max(xd, yd) < 1.33 * min(xd, yd):
        return frame, int(round(xd)) if xd > 0 else None
    from PIL import Image

    if frame.mode in ("1", "P"):
        frame = frame.convert("L")
    w, h = frame.size
    size = (w, round(h * xd / yd)) if xd > yd else (round(w * yd / xd), h)
    return frame.resize(size, Image.LANCZOS), int(round(max(xd, yd)))


_EMBED = re.compile(rb'r:(?:embed|id)="([^"]+)"')
_REL = re.compile(rb'<Relationship\b[^>]*>')


def docx_images(data: bytes, name: str) -> list[tuple[str, bytes]]:
    """The raster pictures of a DOCX in document order, as ``(part name, bytes)``.

    Pictures referenced from ``word/document.xml`` come first in the order they appear; any other
    pictures under ``word/media`` follow. Vector formats (EMF, WMF) are skipped with a warning.
    """
    try:
        z = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as e:
        raise UnreadableFile(name, f"not a DOCX file ({e})") from e
    names = set(z.namelist())
    if "word/document.xml" not in names:
        raise UnreadableFile(name, "not a DOCX file (no word/document.xml)")
    rels: dict[bytes, str] = {}
    if "word/_rels/document.xml.rels" in names:
        for m in _REL.finditer(z.read("word/_rels/document.xml.rels")):
            tag = m.group(0)
            rid = re.search(rb'Id="([^"]+)"', tag)
            target = re.search(rb'Target="([^"]+)"', tag)
            if rid and target:
                rels[rid.group(1)] = posixpath.normpath(posixpath.join("word", target.group(1).decode()))
    order: list[str] = []
    for m in _EMBED.finditer(z.read("word/document.xml")):
        part = rels.get(m.group(1))
        if part and part.startswith("word/media/") and part not in order:
            order.append(part)
    order += sorted(n for n in names if n.startswith("word/media/") and n not in order)
    out = []
    for part in order:
        if part not in names:
            continue
        ext = posixpath.splitext(part)[1].lower()
        if ext not in _RASTER:
            log.warning("%s: skipping %s (%s pictures cannot be OCR'd)", name, part, ext or "unknown")
            continue
        out.append((part, z.read(part)))
    return out


def docx_pages(data: bytes, name: str) -> tuple[int, Iterator[PageInput]]:
    """One page per raster picture inside a DOCX."""
    pics = docx_images(data, name)

    def gen():
        for i, (part, blob) in enumerate(pics):
            yield PageInput(number=i + 1, image=_rgb(_open(blob, f"{name}:{part}")))

    return len(pics), gen()
