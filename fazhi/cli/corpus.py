"""``fazhi ingest`` and ``fazhi corpus``: load documents and look at what was loaded."""
from __future__ import annotations

import sys

import click

from fazhi.cli.common import emit_json, exit_batch, fail, json_option, print_table, progress, workspace

KIND_CHOICE = click.Choice(["regulation", "judgment", "mediation", "post", "other"])




def _parse_map(pairs) -> dict:
    mapping = {}
    for pair in pairs:
        if "=" not in pair:
            raise click.BadParameter(f"{pair!r} is not FIELD=COLUMN", param_hint="--map")
        k, v = pair.split("=", 1)
        mapping[k.strip()] = v.strip()
    return mapping


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--kind", type=KIND_CHOICE, help="Kind of every document (default: from the file, or guessed).")
@click.option("--region", help="Region of every document, e.g. 杭州市西湖区.")
@click.option("--map", "maps", multiple=True, metavar="FIELD=COLUMN",
              help="For .jsonl/.csv: take FIELD (text, title, id, region, published, kind) from COLUMN.")
@json_option
def ingest(paths, kind, region, maps, as_json):
    """Load files and folders (recursively) into the corpus store.

    Reads .txt .md .html .mht .docx .pdf .rtf .jsonl .json .csv .tsv .xlsx in any common Chinese encoding, and the
    files inside .zip archives; a .doc or .wps that is RTF or a web page is read, a Word 97-2003 or WPS binary
    file is refused with the command that converts it. Word's ~$ lock files are passed over. Prints how many
    documents were added, updated (new version kept), unchanged or failed, and each failed file (or zip
    member, or row) with its reason. Exit code 0 when every file was read, 2 when some failed.

    Example: fazhi ingest ./laws ./cases.jsonl --map text=content
    """
    from fazhi.corpora.loaders import ingest as do_ingest
    from fazhi.corpora.loaders import iter_files

    ws = workspace()
    store = ws.store()
    total = sum(1 for _ in iter_files(paths)) if sys.stderr.isatty() else None
    with progress(total, "ingest") as advance:
        report = do_ingest(paths, store, kind=kind, region=region, mapping=_parse_map(maps),
                           on_file=lambda _: advance())
    result = report.to_dict()
    if as_json:
        emit_json(result)
    else:
        click.echo(f"added {report.added}, updated {report.updated}, unchanged {report.unchanged + report.duplicate}, "
                   f"failed {report.failed}  ({report.files} files, {report.bytes / 1e6:.1f} MB in "
                   f"{report.seconds:.1f} s) -> {store.path}")
    for f, reason in report.failures:  # on stderr with --json too: each bad file or row, one line
        click.echo(f"failed: {f}: {reason}", err=True)
    if report.skipped and not as_json:  # not read at all: say so, or a folder of .rtf/.xls looks fully loaded
        names = ", ".join(str(p) for p in report.skipped[:5]) + (" …" if len(report.skipped) > 5 else "")
        from fazhi.corpora.loaders import IMAGE_SUFFIXES

        images = sum(str(p).lower().endswith(IMAGE_SUFFIXES) for p in report.skipped)
        hint = f"; {images} of them images: `fazhi ocr FILE... --store` reads them" if images else ""
        click.echo(f"skipped {len(report.skipped)} files of an unsupported type: {names}{hint}", err=True)
    store.close()
    exit_batch(report.failed)


@click.group()
def corpus():
    """Look at, export and import the corpus store."""


@corpus.command("stats")
@json_option
def stats(as_json):
    """Counts by kind and region, characters, earlier versions.

    Example: fazhi corpus stats --json
    """
    store = workspace().store()
    s = store.stats()
    if as_json:
        emit_json(s)
        return
    click.echo(f"{s['documents']} documents, {s['characters']:,} characters, {s['earlier_versions']} earlier "
               f"versions, {s['annotated']} annotated  ({s['path']}, {s['bytes'] / 1e6:.1f} MB)")
    print_table([{"kind": k, "documents": v} for k, v in s["by_kind"].items()], title="by kind")
    regions = [{"region": k or "(none)", "documents": v} for k, v in s["by_region"].items()]
    print_table(regions[:20], title="by region")


@corpus.command("list")
@click.option("--kind", type=KIND_CHOICE)
@click.option("--region")
@click.option("--since", help="Published on or after (YYYY-MM-DD).")
@click.option("--until", help="Published on or before (YYYY-MM-DD).")
@click.option("--limit", type=int, default=50, show_default=True)
@json_option
def list_(kind, region, since, until, limit, as_json):
    """List stored documents (id, kind, title, published, region).

    Example: fazhi corpus list --kind mediation --limit 10
    """
    store = workspace().store()
    rows = [{"id": d.id, "kind": d.kind, "title": d.title, "published": d.published, "region": d.region,
             "chars": len(d.text)}
            for d in store.iter(kind=kind, region=region, since=since, until=until, limit=limit)]
    if as_json:
        emit_json(rows)
    elif not rows:  # an empty table printed nothing at all: say that nothing matched, and where
        asked = ", ".join(f"{k} {v}" for k, v in (("kind", kind), ("region", region), ("since", since),
                                                 ("until", until)) if v)
        click.echo(f"no documents{' with ' + asked if asked else ''} in {store.path}", err=True)
    else:
        print_table(rows, ["id", "kind", "title", "published", "region", "chars"])


@corpus.command("show")
@click.argument("doc_id")
@click.option("--versions", is_flag=True, help="Also list earlier versions.")
@json_option
def show(doc_id, versions, as_json):
    """Show one stored document.

    Example: fazhi corpus show doc-1a2b3c4d5e6f7a8b
    """
    store = workspace().store()
    doc = store.get(doc_id)
    if doc is None:
        fail(f"no document {doc_id!r} in {store.path}")
    d = doc.to_dict()
    d["version"] = store.version_info(doc_id)
    if versions:
        d["versions"] = store.versions(doc_id)
    if as_json:
        emit_json(d)
        return
    click.echo(f"{doc.title}\n{doc.id} · {doc.kind} · {doc.published or ''} · {doc.region or ''} · "
               f"version {d['version']['version']}\nsource: {doc.source}")
    if doc.metadata:
        click.echo("metadata: " + ", ".join(f"{k}={v}" for k, v in doc.metadata.items()
                                             if not isinstance(v, (list, dict)))[:500])
    for group, spans in doc.spans.items():
        click.echo(f"{group}: {len(spans)} spans")
    click.echo("")
    click.echo(doc.text)
    if versions:
        for v in d["versions"]:
            click.echo(f"\n-- version {v['version']} ({v['valid_from']} .. {v['valid_to']}) --\n{v['text'][:500]}")


@corpus.command("export")
@click.option("--kind", type=KIND_CHOICE)
@click.option("--region")
@click.option("--shareable", is_flag=True, help="Mask persons, ID numbers, phones and addresses (for sharing).")
@click.option("--all-versions", is_flag=True,
              help="Also write each document's earlier versions (oldest first, before the current one); "
                   "every line then has version, valid_from and valid_to. `fazhi corpus import` reads them back.")
def export(kind, region, shareable, all_versions):
    """Write the store as JSON lines on stdout (one document per line).

    Example: fazhi corpus export --kind mediation > mediation.jsonl
    """
    import json

    if shareable and all_versions:
        fail("--shareable and --all-versions cannot be combined: a shareable export holds current texts only")
    store = workspace().store()
    if not shareable:
        store.export_jsonl(sys.stdout, all_versions=all_versions, kind=kind, region=region)
        return
    from fazhi.nlp.mask import mask_document

    for doc in store.iter(kind=kind, region=region):
        masked, _ = mask_document(doc)
        sys.stdout.write(json.dumps(masked.to_dict(), ensure_ascii=False) + "\n")


def _jsonl_lines(path: str):
    """The lines of FILE (``-``: stdin), streamed when UTF-8 (with or without BOM); a file in another
    encoding (GBK …) is detected by the loaders, like every other input, and read whole. An empty file,
    binary data or a UTF-8 file broken further on is :class:`fazhi.errors.UnreadableFile` naming it."""
    import codecs
    import io
    from pathlib import Path

    from fazhi.errors import UnreadableFile

    if path == "-":
        yield from sys.stdin
        return
    p = Path(path)
    with p.open("rb") as fh:
        sample = fh.read(1 << 16)
        if not sample.strip():
            raise UnreadableFile(p, "empty file (no JSON lines)")
        try:
            codecs.getincrementaldecoder("utf-8")("strict").decode(sample, final=False)
            if b"\x00" in sample:  # valid UTF-8, but binary: the loaders say so
                raise UnicodeDecodeError("utf-8", sample, 0, 1, "NUL byte")
        except UnicodeDecodeError:
            from fazhi.corpora.loaders import load_text

            yield from load_text(p).splitlines()
            return
        fh.seek(0)
        n = 0
        try:
            for n, line in enumerate(io.TextIOWrapper(fh, encoding="utf-8-sig"), 1):
                yield line
        except UnicodeDecodeError as e:
            raise UnreadableFile(p, f"not valid UTF-8 after line {n} ({e.reason})") from e


@corpus.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, allow_dash=True))
@json_option
def import_(file, as_json):
    """Import JSON lines written by `fazhi corpus export`, keeping each line's id.

    FILE may be UTF-8 or another common Chinese encoding (GBK …), or - for stdin. Bad lines are reported
    and skipped; the exit code is 2 when any line (or the file) could not be imported.

    Example: fazhi corpus import mediation.jsonl
    """
    from fazhi.errors import UnreadableFile

    store = workspace().store()
    errors: list = []
    try:
        counts = store.import_jsonl(_jsonl_lines(file), source="<stdin>" if file == "-" else file, errors=errors)
    except UnreadableFile as e:
        store.close()
        fail(str(e), 2)
    if as_json:
        emit_json(dict(counts, errors=errors))
    else:
        click.echo(", ".join(f"{k} {v}" for k, v in counts.items()))
    for e in errors:  # on stderr with --json too
        click.echo(f"failed: {e}", err=True)
    exit_batch(len(errors))


@corpus.command("delete")
@click.argument("doc_ids", nargs=-1, required=True)
def delete(doc_ids):
    """Delete documents (and their earlier versions) from the store.

    An id not in the store is named on stderr; the others are deleted and the exit code is 2.

    Example: fazhi corpus delete doc-1a2b3c4d5e6f7a8b
    """
    store = workspace().store()
    missing = [d for d in doc_ids if not store.delete(d)]
    click.echo(f"deleted {len(doc_ids) - len(missing)}")
    for d in missing:
        click.echo(f"fazhi: error: {d}: not in the store {store.path}", err=True)
    exit_batch(len(missing))
