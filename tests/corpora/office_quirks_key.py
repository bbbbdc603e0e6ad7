"""The audit-3 key (tests/fixtures/corpora/audit3/key.json) and its scoring rule, shared by
tests/corpora/test_corpus_office_quirks.py and benchmarks/ingest_audit3.py so that the two cannot drift apart.

Each file is loaded alone (load_path) and every fact of its key is one check: title, kind, article count,
first and last article (runs of spaces collapsed), published, effective, text that must be present, appear
once or be absent, the one-line reason of a file that cannot be read; rows and members for .csv/.xlsx/.zip.
:func:`folder_batch` puts the whole folder through the real `fazhi ingest` twice.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

DIR = Path(__file__).resolve().parents[1] / "fixtures" / "corpora" / "audit3"


def load_key() -> dict:
    return json.loads((DIR / "key.json").read_text(encoding="utf-8"))


def squash(s: str | None) -> str | None:
    return None if s is None else re.sub(r"[ \t\u3000]+", " ", s)


def check_file(name: str, want: dict) -> list[tuple[str, bool, str]]:
    from fazhi.corpora.loaders import load_path
    from fazhi.errors import UnreadableFile

    out = []
    errors: list = []
    try:
        docs = list(load_path(DIR / name, errors=errors))
        err = None
    except UnreadableFile as e:
        docs, err = [], str(e)
    except Exception as e:  # noqa: BLE001 - a crash is a failed check, not the end of the audit
        docs, err = [], f"CRASH {type(e).__name__}: {e}"
    if "error" in want:
        ok = err is not None and "\n" not in err and str(DIR / name) in err and re.search(want["error"], err) is not None
        out.append(("error", ok, repr(err)))
        return out
    if err is not None:
        out.append(("loads", False, err))
        return out
    if "docs" in want:
        out.append(("docs", len(docs) == want["docs"], f"{len(docs)} docs"))
        if "ids" in want:
            out.append(("ids", [d.id for d in docs] == want["ids"], str([d.id for d in docs])))
        if isinstance(want.get("published"), list):
            got = [d.published for d in docs]
            out.append(("published", got == want["published"], str(got)))
        if "region" in want:
            got = [d.region for d in docs]
            out.append(("region", got == want["region"], str(got)))
        if "texts" in want:
            got = [d.text for d in docs]
            out.append(("texts", got == want["texts"], str(got)))
        if "titles" in want:
            got = [d.title for d in docs]
            out.append(("titles", got == want["titles"], str(got)))
        if "failures" in want:
            out.append(("failures", len(errors) == want["failures"], str(errors)))
            for fn in want.get("failure_names", []):
                out.append((f"failure names {fn}", any(fn in w for w, _ in errors), str(errors)))
        for s in want.get("source_contains", []):
            out.append((f"source has {s}", any(s in d.source for d in docs), str([d.source for d in docs])))
        return out
    if len(docs) != 1:
        out.append(("one doc", False, f"{len(docs)} docs"))
        return out
    d = docs[0]
    arts = d.spans.get("article", [])
    meta = d.metadata
    out.append(("title", d.title == want["title"], d.title))
    out.append(("kind", d.kind == want["kind"], d.kind))
    out.append(("articles", meta.get("articles") == want["articles"], str(meta.get("articles"))))
    for check, span in (("first_article", arts[0] if arts else None), ("last_article", arts[-1] if arts else None)):
        want_text = want[check]
        ok = span is None if want_text is None else span is not None and squash(span.text) == squash(want_text)
        out.append((check, ok, repr(span.text if span else None)))
    out.append(("published", d.published == want["published"], str(d.published)))
    out.append(("effective", meta.get("effective") == want["effective"], str(meta.get("effective"))))
    if "doc_number" in want:
        out.append(("doc_number", meta.get("doc_number") == want["doc_number"], str(meta.get("doc_number"))))
    for s in want.get("present", []):
        out.append((f"present {s[:12]}", s in d.text, ""))
    for s in want.get("once", []):
        out.append((f"once {s[:12]}", d.text.count(s) == 1, f"{d.text.count(s)} times"))
    for s in want.get("absent", []):
        out.append((f"absent {s!r}", s not in d.text, ""))
    return out


def folder_batch(key: dict) -> list[tuple[str, bool, str]]:
    out = []
    fazhi = shutil.which("fazhi", path=str(Path(sys.executable).parent)) or "fazhi"
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "收件"
        src.mkdir()
        for name in key["files"]:
            shutil.copy(DIR / name, src / name)
        env = dict(os.environ, FAZHI_HOME=str(Path(tmp) / "home"))
        runs = [subprocess.run([fazhi, "ingest", str(src), "--json"], capture_output=True, text=True, env=env)
                for _ in range(2)]
        first, second = runs
        bad = [n for n, w in key["files"].items() if "error" in w and w.get("in_folder") != "ignored"]
        lines = [ln for ln in first.stderr.splitlines() if ln.startswith("failed: ")]
        want_lines = len(bad) + sum(w.get("failures", 0) for w in key["files"].values())
        out.append(("exit 2", first.returncode == 2, str(first.returncode)))
        out.append(("one line per bad item", len(lines) == want_lines, f"{len(lines)} lines, want {want_lines}: {lines}"))
        for n in bad:
            out.append((f"names {n}", any(n in ln for ln in lines), ""))
        ignored = [n for n, w in key["files"].items() if w.get("in_folder") == "ignored"]
        for n in ignored:
            out.append((f"ignores {n}", not any(n in ln for ln in lines), ""))
        try:
            r1, r2 = json.loads(first.stdout), json.loads(second.stdout)
            want_docs = sum(w.get("docs", 1) for w in key["files"].values() if "error" not in w)
            # two files of one text (tracked_changes.docx and its RTF) are one document and a duplicate
            out.append(("documents stored", r1["added"] + r1["duplicate"] == want_docs,
                        f"added {r1['added']} + duplicate {r1['duplicate']}, want {want_docs}"))
            out.append(("second run loses nothing",
                        r2["added"] == 0 and r2["unchanged"] + r2["duplicate"] == r1["added"] + r1["duplicate"],
                        f"{r2}"))
        except (ValueError, KeyError) as e:
            out.append(("json report", False, f"{e}: {first.stdout[:300]} {first.stderr[-500:]}"))
    return out
