"""Time LibreOffice's conversion of legacy Office files: one soffice call per file vs one call per batch.

Makes N Word 97-2003 .doc files with LibreOffice (from python-docx .docx files holding a notice of a
司法局 each; not timed), then converts the same N files back to .docx with ``convert_office`` one call per
file (batch=1) and in batches (batch=20, what ``fazhi ingest`` does), and times a whole ``ingest`` of the
folder. Prints seconds per file and the machine's load.

    .venv/bin/python benchmarks/legacy_office.py [--files 20]
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks._machine import cpu_model  # noqa: E402
from fazhi.corpora.loaders import SOFFICE_BATCH, convert_office, ingest, soffice  # noqa: E402
from fazhi.corpora.store import Store  # noqa: E402


def make_docs(folder: Path, n: int) -> list[Path]:
    import docx

    src = folder / "docx"
    src.mkdir()
    for i in range(n):
        d = docx.Document()
        d.add_paragraph(f"临江市司法局关于做好第{i + 1}批人民调解员业务培训工作的通知")
        d.add_paragraph(f"临司发〔2026〕{i + 1}号")
        for k in range(30):
            d.add_paragraph(f"{k + 1}、各区县司法局应当按照《中华人民共和国人民调解法》第十四条的规定，"
                            "组织人民调解员参加业务培训，培训情况记入年度考核。")
        d.save(src / f"通知{i + 1:03d}.docx")
    program, why = soffice()
    if program is None:
        sys.exit(f"needs LibreOffice: {why}")
    out = folder / "doc"
    subprocess.run([program, f"-env:UserInstallation={(folder / 'profile').as_uri()}", "--headless",
                    "--convert-to", "doc:MS Word 97", "--outdir", str(out), *map(str, sorted(src.iterdir()))],
                   check=True, capture_output=True)
    return sorted(out.glob("*.doc"))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--files", type=int, default=20)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        docs = make_docs(Path(tmp), args.files)
        items = [(p, ".doc") for p in docs]
        res = {"files": len(docs), "cpu": cpu_model(), "cores": os.cpu_count(), "load_before": os.getloadavg()[0]}
        for label, batch in (("one_call_per_file", 1), (f"batch_{SOFFICE_BATCH}", SOFFICE_BATCH)):
            t0 = time.perf_counter()
            got = convert_office(items, batch=batch)
            dt = time.perf_counter() - t0
            assert all(isinstance(g, bytes) for g in got), [g for g in got if not isinstance(g, bytes)]
            res[label] = {"seconds": round(dt, 2), "s_per_file": round(dt / len(docs), 3)}
        with Store(Path(tmp) / "home") as store:
            t0 = time.perf_counter()
            report = ingest([docs[0].parent], store)
            dt = time.perf_counter() - t0
        assert report.added == len(docs) and report.failed == 0, report.to_dict()
        res["ingest_folder"] = {"seconds": round(dt, 2), "s_per_file": round(dt / len(docs), 3)}
        res["load_after"] = os.getloadavg()[0]
        res["speedup"] = round(res["one_call_per_file"]["seconds"] / res[f"batch_{SOFFICE_BATCH}"]["seconds"], 1)
    print(json.dumps(res, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
