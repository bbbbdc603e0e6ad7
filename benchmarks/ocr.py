"""OCR benchmark: character error rate per condition and seconds per A4 page, rapidocr vs tesseract.

Pages are rendered from real law texts in ../shared/data/laws (fazhi.ocr.render) as A4 pages at 150 dpi
(and 300 dpi for the clean condition), under the conditions clean, degraded (blur, noise, JPEG),
sealed (red seal over text), two_columns and rotated (1–3°). Each engine OCRs every page through the
full pipeline (fazhi.ocr.ocr_image: seal suppression, orientation, deskew, reading order, clean steps).
RapidOCR "as shipped" (its own defaults) runs on the clean pages for the speed comparison.

A 4-page document (multi-page TIFF of clean pages) is then OCR'd with fazhi.ocr.ocr_bytes one page at a
time (2 onnxruntime threads) and two pages at once (one thread each), and with the int8 recognition
model, giving wall and CPU seconds per page of a multi-page document.

Usage:
    .venv/bin/python benchmarks/ocr.py [--pages-per-condition 2] [--tesseract-pages 1] [--no-tesseract]
                                       [--no-int8] [--no-document]

Prints a table and writes benchmarks/out/ocr.json. Nothing is fetched from the network.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / ".." / "shared" / "data" / "laws"
sys.path.insert(0, str(REPO))

from benchmarks._machine import cpu_model  # noqa: E402

LAWS = [
    "诉讼与非诉讼程序法/人民调解法(2010-08-28).md",
    "社会法/劳动合同法(2012-12-28).md",
    "民法典/合同编.md",
]




def law_texts() -> list[list[str]]:
    from fazhi.ocr.render import law_paragraphs

    texts = []
    for rel in LAWS:
        p = DATA / rel
        if not p.exists():
            cands = sorted((DATA).glob(f"**/{Path(rel).name.split('(')[0]}*.md"))
            if not cands:
                continue
            p = cands[0]
        texts.append(law_paragraphs(p))
    if not texts:
        sys.exit(f"no law texts found under {DATA}")
    return texts


def build_pages(n_per_condition: int, dpi: int, conditions) -> list[dict]:
    from fazhi.ocr.render import make_page

    texts = law_texts()
    pages = []
    k = 0
    for cond in conditions:
        for i in range(n_per_condition):
            paras = texts[k % len(texts)]
            start = (37 * k) % max(1, len(paras) - 60)
            page = make_page(paras[start:], cond, dpi=dpi, seed=k)
            pages.append({"condition": cond, "dpi": dpi, "image": page.image, "truth": page.text,
                          "chars": len(page.text.replace("\n", ""))})
            k += 1
    return pages


def cpu_seconds() -> float:
    """CPU time of this process and its finished children (tesseract runs as a child process)."""
    import resource

    ch = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + ch.ru_utime + ch.ru_stime


def run(engine, pages, label) -> list[dict]:
    from fazhi.ocr import ocr_image
    from fazhi.ocr.render import cer

    rows = []
    ocr_image(pages[0]["image"], engine)  # warm-up: model loading is not per-page time
    for p in pages:
        w0, c0 = time.perf_counter(), cpu_seconds()
        page = ocr_image(p["image"], engine)
        wall, cpu = time.perf_counter() - w0, cpu_seconds() - c0
        rate = cer(p["truth"], page.text)
        rows.append({"engine": label, "condition": p["condition"], "dpi": p["dpi"], "cer": rate, "wall_s": wall,
                     "cpu_s": cpu, "chars": p["chars"], "lines": len(page.lines),
                     "low_confidence_lines": len(page.low_confidence_lines)})
        print(f"  {label:18s} {p['condition']:12s} {p['dpi']:3d} dpi  CER {rate:6.2%}  wall {wall:6.2f} s  "
              f"cpu {cpu:6.2f} s  load {os.getloadavg()[0]:.1f}", flush=True)
    return rows


def run_document(pages, repeats: int = 2) -> list[dict]:
    """A multi-page TIFF of ``pages`` OCR'd whole: workers 1 vs 2, fp32 vs int8 recognition."""
    import io

    from PIL import Image

    from fazhi.ocr import ocr_bytes
    from fazhi.ocr.rapid import RapidEngine
    from fazhi.ocr.render import cer

    frames = [p["image"] if hasattr(p["image"], "save") else Image.fromarray(p["image"]) for p in pages]
    buf = io.BytesIO()
    frames[0].save(buf, "TIFF", save_all=True, append_images=frames[1:], compression="tiff_lzw")
    data, n = buf.getvalue(), len(pages)
    rows = []
    for label, eng in (("rapidocr", RapidEngine()), ("rapidocr-int8", RapidEngine(int8=True))):
        for workers in (1, 2):
            ocr_bytes(data, "warm.tif", eng, workers=workers)  # loads the sessions (and the worker copies)
            for _ in range(repeats):
                load = os.getloadavg()[0]
                w0, c0 = time.perf_counter(), cpu_seconds()
                res = ocr_bytes(data, "doc.tif", eng, workers=workers)
                wall, cpu = time.perf_counter() - w0, cpu_seconds() - c0
                errs = sum(cer(p["truth"], pg.text) * p["chars"] for p, pg in zip(pages, res.pages))
                rate = errs / sum(p["chars"] for p in pages)
                rows.append({"engine": label, "workers": workers, "pages": n, "wall_s_per_page": round(wall / n, 2),
                             "cpu_s_per_page": round(cpu / n, 2), "cer": round(rate, 5),
                             "load_1min": round(load, 2)})
                print(f"  {n}-page document  {label:14s} workers {workers}  wall {wall / n:5.2f} s/page  "
                      f"cpu {cpu / n:5.2f} s/page  CER {rate:6.2%}  load {load:.1f}", flush=True)
    return rows


def summarise(rows) -> list[dict]:
    out = {}
    for r in rows:
        key = (r["engine"], r["condition"], r["dpi"])
        s = out.setdefault(key, {"engine": r["engine"], "condition": r["condition"], "dpi": r["dpi"], "pages": 0,
                                 "errors": 0.0, "chars": 0, "wall_s": 0.0, "cpu_s": 0.0})
        s["pages"] += 1
        s["errors"] += r["cer"] * r["chars"]
        s["chars"] += r["chars"]
        s["wall_s"] += r["wall_s"]
        s["cpu_s"] += r["cpu_s"]
    res = []
    for s in out.values():
        res.append({"engine": s["engine"], "condition": s["condition"], "dpi": s["dpi"], "pages": s["pages"],
                    "cer": round(s["errors"] / max(1, s["chars"]), 5),
                    "wall_s_per_page": round(s["wall_s"] / s["pages"], 2),
                    "cpu_s_per_page": round(s["cpu_s"] / s["pages"], 2)})
    return res


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pages-per-condition", type=int, default=2)
    ap.add_argument("--tesseract-pages", type=int, default=1, help="pages per condition for tesseract")
    ap.add_argument("--no-tesseract", action="store_true")
    ap.add_argument("--no-shipped", action="store_true", help="skip RapidOCR with its own defaults")
    ap.add_argument("--no-rapidocr", action="store_true", help="skip the tuned RapidOCR run")
    ap.add_argument("--no-int8", action="store_true", help="skip RapidOCR with the int8 recognition model")
    ap.add_argument("--no-document", action="store_true", help="skip the 4-page document (workers 1 vs 2)")
    ap.add_argument("--out", default=str(REPO / "benchmarks" / "out" / "ocr.json"))
    args = ap.parse_args(argv)

    from fazhi.ocr.rapid import RapidEngine
    from fazhi.ocr.render import CONDITIONS
    from fazhi.ocr.tesseract import TesseractEngine, available

    load0 = os.getloadavg()
    t0 = time.time()
    pages = build_pages(args.pages_per_condition, 150, CONDITIONS)
    pages300 = build_pages(1, 300, ["clean"])
    print(f"{len(pages)} A4 pages at 150 dpi + {len(pages300)} at 300 dpi; {os.cpu_count()} CPUs, "
          f"load {load0[0]:.1f}")
    rows = []
    tuned = RapidEngine()
    print(f"rapidocr tuned: {tuned!r}")
    if not args.no_rapidocr:
        rows += run(tuned, pages + pages300, "rapidocr")
    if not args.no_int8:
        rows += run(RapidEngine(int8=True), pages + pages300, "rapidocr-int8")
    if not args.no_shipped:
        rows += run(RapidEngine.as_shipped(), [p for p in pages if p["condition"] == "clean"], "rapidocr-shipped")
    if not args.no_tesseract and available():
        sub = []
        for cond in CONDITIONS:
            sub += [p for p in pages if p["condition"] == cond][:args.tesseract_pages]
        rows += run(TesseractEngine(), sub, "tesseract")
    document = []
    if not args.no_document:
        print("4-page document (multi-page TIFF, clean, 150 dpi):")
        document = run_document(build_pages(4, 150, ["clean"]))
    summary = summarise(rows)
    print()
    print(f"{'engine':18s} {'condition':12s} dpi  pages  CER     wall s/page  cpu s/page")
    for s in summary:
        print(f"{s['engine']:18s} {s['condition']:12s} {s['dpi']:3d}  {s['pages']:5d}  {s['cer']:6.2%}  "
              f"{s['wall_s_per_page']:11.2f}  {s['cpu_s_per_page']:10.2f}")
    result = {
        "date": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "machine": {"cpus": os.cpu_count(), "cpu": cpu_model(), "python": platform.python_version(),
                    "load_before": [round(x, 2) for x in load0],
                    "load_after": [round(x, 2) for x in os.getloadavg()]},
        "command": "python benchmarks/ocr.py " + " ".join(argv if argv is not None else sys.argv[1:]),
        "seconds": round(time.time() - t0, 1),
        "summary": summary, "pages": rows, "document": document,
    }
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(result, ensure_ascii=False, indent=2), encoding="utf-8")
    print(f"\nwrote {args.out}")


if __name__ == "__main__":
    main()
