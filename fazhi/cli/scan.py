"""``fazhi classify`` and ``fazhi scan``: dispute type, risk signals and emerging-dispute scanning.

Thin over :mod:`fazhi.scan.classify` (:func:`~fazhi.scan.classify.classify_many`,
:func:`~fazhi.scan.classify.train_file`) and :func:`fazhi.scan.scanner.scan`.
"""
from __future__ import annotations

import json

import click

from fazhi.cli.common import (FazhiGroup, emit_json, exit_batch, fail, json_option, jsonl_option, progress,
                              read_text_arg, workspace)

__all__ = ["classify", "scan"]


class _ClassifyGroup(FazhiGroup):
    """``fazhi classify [FILE|-]`` classifies; ``fazhi classify train ...`` runs the subcommand."""

    allow_interspersed_args = True

    def parse_args(self, ctx, args):
        if args and args[0] in self.commands:
            click.Command.parse_args(self, ctx, [])  # the group's own options take their defaults
            ctx._protected_args, ctx.args = args[:1], args[1:]
            return ctx.args
        return super().parse_args(ctx, args)


class _SourceArgument(click.Argument):
    """The optional input of ``fazhi classify``; left out of the usage line of its subcommands."""

    def get_usage_pieces(self, ctx):
        own = ctx.command is not None and ctx.command.name == "classify"
        return super().get_usage_pieces(ctx) if own and not ctx.invoked_subcommand else []


def _public(result: dict, with_id: str | None = None) -> dict:
    """The classify JSON of one text: id (for --jsonl), type, probability, risk, then the extras."""
    out = {"id": with_id} if with_id is not None else {}
    risk = result["risk"]
    out.update(type=result["type"], probability=result["probability"],
               risk={"level": risk["level"], "signals": risk["signals"], "negated": risk["negated"],
                     "urgency": risk["urgency"]},
               urgency=result["urgency"], labels=result["labels"], explanation=result.get("explanation"))
    return out


@click.group("classify", cls=_ClassifyGroup, invoke_without_command=True)
@click.argument("source", required=False, metavar="[FILE|-|TEXT]", cls=_SourceArgument)
@json_option
@jsonl_option
@click.option("--model", "model_path", type=click.Path(dir_okay=False),
              help="A model from `fazhi classify train` (default: the shipped dispute-type model).")
@click.pass_context
def classify(ctx, source, as_json, as_jsonl, model_path):
    """Dispute type, probability, explanation and risk signals of a text.

    Reads FILE, - (stdin) or the TEXT itself. With --jsonl, reads {"id","text"} lines and writes one JSON
    line per input, in order; a bad line gives {"id" (its own or null), "line", "error"}, the batch goes on
    and the exit code is 2. `fazhi classify train FILE.jsonl --out MODEL` trains a model on your labels.

    \b
    Example:
        fazhi classify "楼上邻居天天半夜跺脚，再不解决我就报复他" --json
        fazhi classify posts.jsonl --jsonl > types.jsonl
        fazhi classify train mine.jsonl --out mine.joblib && fazhi classify note.txt --model mine.joblib
    """
    if ctx.invoked_subcommand is not None:
        return
    from fazhi.scan.classify import DisputeClassifier, classify_many, default_model

    model = DisputeClassifier.load(model_path) if model_path else default_model()
    if as_jsonl:
        _classify_jsonl(source, model)
        return
    text, name = read_text_arg(source)
    if not text.strip():
        fail(f"{name}: no text to classify")  # as extract, mask and plan: one line, exit 1
    result = _public(classify_many([text], model)[0])
    if as_json:
        emit_json(result)
        return
    click.echo(f"type: {result['type']} ({result['probability']:.0%})")
    words = ", ".join(w["term"] for w in result["explanation"]["words"])
    click.echo(f"because: {words}")
    for ex in result["explanation"]["examples"][:2]:
        click.echo(f"  like [{ex['label']}] {ex['text'][:50]}  (similarity {ex['similarity']:.2f})")
    risk = result["risk"]
    sig = "; ".join(f"{s['text']}@{s['start']} {s['cue']} severity {s['severity']}"
                    + (" conditional" if s["conditional"] else "") for s in risk["signals"])
    click.echo(f"risk: {risk['level']}  urgency: {risk['urgency']}" + (f"  signals: {sig}" if sig else ""))
    if risk["negated"]:
        click.echo("negated: " + ", ".join(s["text"] for s in risk["negated"]))


def _classify_jsonl(source, model):
    from fazhi.scan.classify import classify_many

    from fazhi.cli.common import JsonlInputError, jsonl_error_row, parse_jsonl_input, read_jsonl_lines

    lines, name = read_jsonl_lines(source)
    rows, failed = [], 0
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:  # a good line without an id is known by its line number; an error row's id is its own or null
            rid, text = parse_jsonl_input(line)
            if not text.strip():  # nothing to classify: the model would answer its prior (环境污染 9%)
                raise JsonlInputError('the "text" is blank', rid)
            rows.append((n if rid is None else rid, text, None, n))
        except JsonlInputError as e:
            rows.append((e.id, None, f"{name}:{n}: {e}", n))
    good = [r for r in rows if r[2] is None]
    results = iter(classify_many([r[1] for r in good], model) if good else [])
    with progress(len(rows), "classifying") as advance:
        for rid, text, err, n in rows:
            if err:
                failed += 1
                click.echo(f"fazhi: error: {err}", err=True)
                click.echo(jsonl_error_row(rid, n, err))  # the error row of every --jsonl reader
            else:
                click.echo(json.dumps(_public(next(results), rid), ensure_ascii=False))
            advance()
    exit_batch(failed)


@classify.command("train")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("--out", "out", required=True, type=click.Path(dir_okay=False), help="Where to write the model.")
@click.option("--C", "C", type=float, default=10.0, show_default=True, help="Inverse regularisation strength.")
@click.option("--embeddings", "embeddings", multiple=True, type=click.Choice(["e5-small", "use-m3"]),
              help="Add a packaged sentence encoder's vectors (repeatable; slower, better on small data).")
@click.option("--laws", "laws", multiple=True, type=click.Path(exists=True),
              help="Law texts (.md/.txt files or directories, repeatable) whose chapters become features: "
                   "a text is also described by the law chapters it resembles (better on small data).")
@click.option("--laws-exclude", "laws_exclude", multiple=True, metavar="DIR",
              help="With --laws: skip files under directories of this name (repeatable, e.g. DLC).")
@click.option("--head", type=click.Choice(["lr", "centroid"]), default=None,
              help="lr: logistic regression on all features; centroid: nearest class centroid of the "
                   "embeddings and law chapters (default with --embeddings or --laws).")
@json_option
def train(file, out, C, embeddings, laws, laws_exclude, head, as_json):
    """Train a classifier on {"text","labels":[...]} JSON lines (any label set).

    Bad lines (and unreadable --laws files) are reported and skipped; the model is still written and the exit
    code is 2. Prints the number of examples per label and a held-out accuracy.

    \b
    Example:
        fazhi classify train mine.jsonl --out mine.joblib
        fazhi classify train mine.jsonl --out mine.joblib --embeddings e5-small --embeddings use-m3
        fazhi classify train mine.jsonl --out mine.joblib --embeddings e5-small --embeddings use-m3 \\
            --laws ../shared/data/laws --laws-exclude DLC
    """
    from fazhi.scan.classify import train_file

    errors: list[str] = []
    law_errors: list[str] = []  # unreadable law files: reported, not counted as skipped training lines
    if head == "centroid" and not embeddings and not laws:
        raise click.UsageError("--head centroid needs --embeddings or --laws")
    if head == "lr" and laws:
        raise click.UsageError("--laws needs --head centroid")
    extra: dict = {"head": head}
    if embeddings:
        extra["embeddings"] = tuple(embeddings)
    if laws:
        from fazhi.scan.concepts import LawConcepts

        extra["laws"] = LawConcepts.from_paths(laws, exclude=laws_exclude, errors=law_errors)
    stats = train_file(file, out, errors=errors, C=C, **extra)
    errors = law_errors + errors
    for e in errors:
        click.echo(f"fazhi: error: {e}", err=True)
    if as_json:
        emit_json(dict(stats, errors=errors))
    else:
        acc = stats["holdout_accuracy"]
        click.echo(f"trained on {stats['examples']} examples, {len(stats['labels'])} labels"
                   + (f", held-out accuracy {acc:.1%}" if acc is not None else "") + f" -> {out}")
    exit_batch(len(errors))


def _date_option(ctx, param, value):
    """--since/--until as YYYY-MM-DD, refused before any work with the reason (not a traceback later)."""
    if value is None:
        return None
    from fazhi.dates import parse_date

    try:
        return parse_date(value, excel=False).isoformat()
    except ValueError as e:
        raise click.BadParameter(str(e)) from None


@click.command("scan")
@click.argument("file", required=False, type=click.Path(dir_okay=False))
@click.option("--store", "use_store", is_flag=True, help="Scan the workspace store's documents of kind post.")
@click.option("--since", callback=_date_option, help="Only posts on or after this date (YYYY-MM-DD).")
@click.option("--until", callback=_date_option, help="Only posts on or before this date (YYYY-MM-DD).")
@click.option("--report", "report_path", type=click.Path(dir_okay=False), help="Write an HTML report here.")
@click.option("--model", "model_path", type=click.Path(dir_okay=False), help="A classifier model to use.")
@click.option("--cases", "cases_path", type=click.Path(exists=True, dir_okay=False),
              help="Mediation cases (JSONL) to search for repeat parties (with --store: the stored cases).")
@click.option("--items", is_flag=True, help="With --json, include every post's type and risk.")
@json_option
def scan(file, use_store, since, until, report_path, model_path, cases_path, items, as_json):
    """Scan posts for emerging disputes: bursts, clusters, new terms, repeat parties.

    FILE holds {"id","text","date","district",...} JSON lines; --store scans the workspace's posts
    (kind post, with published and region). Bad lines (also of --cases) are reported and skipped; the scan
    of the good ones is still printed and written, and the exit code is 2.

    \b
    Example:
        fazhi scan posts.jsonl --since 2024-03-01 --report report.html
        fazhi --home fazhi-data scan --store --json
    """
    from fazhi.scan.scanner import posts_from_store, read_posts
    from fazhi.scan.scanner import scan as run_scan

    if bool(file) == bool(use_store):
        raise click.UsageError("give a FILE of posts or --store (one of them)")
    if since and until and since > until:
        raise click.UsageError(f"--since {since} is after --until {until}: no day is in that range")
    errors: list[str] = []
    passed_over: list[str] = []  # repeated header lines, 合计 rows, page and footer lines of a table
    cases: list = []
    if use_store:
        from fazhi.scan.scanner import cases_from_store

        store = workspace().store()
        posts = posts_from_store(store, since=since, until=until, errors=errors)
        cases = cases_from_store(store)
        source = str(store.path)
    else:
        posts = read_posts(file, errors=errors, passed_over=passed_over)
        source = file
    if cases_path:
        import json as _json

        from fazhi.corpora.loaders import load_text

        for n, line in enumerate(load_text(cases_path).splitlines(), 1):
            if line.strip():
                try:
                    row = _json.loads(line)
                    cases.append((str(row.get("id", f"case-{n}")), str(row.get("facts") or row.get("text") or ""),
                                  row))
                except ValueError as e:
                    errors.append(f"{cases_path}:{n}: {e}")
    for e in errors:
        click.echo(f"fazhi: error: {e}", err=True)
    if passed_over:
        click.echo(f"fazhi: passed over {len(passed_over)} line{'s' * (len(passed_over) > 1)} that are no posts: "
                   + "; ".join(passed_over[:3]) + ("; …" if len(passed_over) > 3 else ""), err=True)
    if not posts:
        if use_store:  # posts ingested without --kind post are stored as another kind and not scanned
            fail(f"{source}: no posts to scan (--store reads the documents of kind post"
                 f"{' dated within --since/--until' if since or until else ''}; "
                 "store posts with `fazhi ingest FILE --kind post`)")
        fail(f"{source}: no posts to scan")
    with progress(len(posts), "classifying posts") as advance:
        result = run_scan(posts, model=model_path, since=since, until=until, cases=cases, progress=advance)
    result["skipped"] = errors
    if passed_over:
        result["passed_over"] = passed_over
    if not result["posts"]:  # every post fell outside --since/--until: say where the posts are
        first, last = min(p.date for p in posts), max(p.date for p in posts)
        click.echo(f"fazhi: no post dated {since or '…'} .. {until or '…'}; the {len(posts)} posts are dated "
                   f"{first.isoformat()} .. {last.isoformat()}", err=True)
    if report_path:
        from fazhi.scan.report import write_report

        write_report(result, report_path, title=f"fazhi scan — {source}")
        click.echo(f"report: {report_path}", err=True)
    if not items:
        result.pop("items", None)
    if as_json:
        emit_json(result)
    else:
        _print_summary(result)
    exit_batch(len(errors))


def _print_summary(r: dict) -> None:
    from fazhi.cli.common import print_table

    period = r["period"] or {}
    click.echo(f"{r['posts']} posts, {period.get('start') or '-'} .. {period.get('end') or '-'}; risk levels: "
               + ", ".join(f"{k} {v}" for k, v in r["risk"].get("levels", {}).items()))
    click.echo("alerts:")
    print_table([{"type": a["type"] or "*", "district": a["district"] or "*", "start": a["start"], "end": a["end"],
                  "count": a["count"], "baseline": a["baseline"], "score": a["score"], "risk": a["risk"]}
                 for a in r["alerts"]] or [{"none": "no alerts"}])
    click.echo("clusters:")
    print_table([{"size": c["size"], "district": c["district"], "date": c["date"], "risk": c["risk"],
                  "summary": c["summary"][:40]} for c in r["clusters"]] or [{"none": "no clusters"}])
    if r["new_terms"]:
        click.echo("new terms: " + ", ".join(f"{t['term']}({t['recent']})" for t in r["new_terms"][:10]))
    if r["repeat_parties"]:
        click.echo("repeat parties: " + "; ".join(f"{p['party']} ×{p['count']}" for p in r["repeat_parties"][:10]))
