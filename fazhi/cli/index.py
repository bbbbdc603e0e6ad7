"""``fazhi index build``, ``fazhi search``, ``fazhi plan``: similar cases and mediation plans.

Thin over :mod:`fazhi.index` (``build_index``, ``search``, ``make_plan``). Only click and
fazhi.cli.common are imported at module level.
"""
from __future__ import annotations

import json

import click

from fazhi.cli.common import emit_json, json_option, print_table, progress, read_text_arg, workspace

MODES = ("hybrid", "dense", "lexical")
KIND_CHOICES = ("regulation", "judgment", "mediation", "post", "other", "all")


@click.group()
def index():
    """Build and inspect the similar-case search index (dense FAISS + tantivy lexical).

    Example: fazhi index build --kind mediation
    """


def backend_options(f):
    f = click.option("--index-name", default=None, help="Cluster index alias (default fazhi-cases).")(f)
    f = click.option("--url", default=None, help="Cluster URL, e.g. http://127.0.0.1:9200.")(f)
    f = click.option("--backend", type=click.Choice(["embedded", "elasticsearch", "opensearch"]), default=None,
                     help="Search backend (default: the workspace's, else embedded).")(f)
    return f


def _cluster(ws, backend, url, name):
    from fazhi.index.elastic import cluster_config

    try:
        cfg = cluster_config(ws, backend, url, name)
    except ValueError as e:
        raise click.BadParameter(str(e), param_hint="--backend/--url") from e
    if cfg is None and (url or name):  # the embedded index would answer: say so rather than ignore them
        raise click.BadParameter("--url and --index-name are for a cluster: add --backend elasticsearch or "
                                 "--backend opensearch", param_hint="--url/--index-name")
    return cfg


def _check_model(model: str | None) -> None:
    """Refuse an unknown encoder before the index is touched: a new model name rebuilds the dense side,
    so a mistyped one would drop the index first and fail afterwards."""
    if model is None:
        return
    from pathlib import Path

    from fazhi.index.embed import ENCODERS

    if model not in ENCODERS and not Path(model).is_dir():
        raise click.BadParameter(f"{model}: not a packaged encoder ({', '.join(ENCODERS)}) nor a local "
                                 "sentence-transformers model directory", param_hint="--model")


@index.command("build")
@click.option("--kind", "kinds", multiple=True, type=click.Choice(KIND_CHOICES),
              help="Index only these kinds (repeatable; remembered for later builds; 'all' resets).")
@click.option("--model", default=None,
              help="Encoder: use-m3, e5-small or a local sentence-transformers model directory "
                   "(default: the index's, else use-m3). A different model rebuilds the dense side.")
@click.option("--rebuild", is_flag=True, help="Drop the index and build it again.")
@backend_options
@json_option
def build(kinds, model, rebuild, backend, url, index_name, as_json):
    """Index the workspace's store; incremental: adds new and changed documents, deletes removed ones.

    With --backend elasticsearch|opensearch --url URL the documents go to that cluster (dense vectors
    stay in FAISS) and later `fazhi search` uses it; --backend embedded switches back.

    Example: fazhi index build --kind mediation --model e5-small
    """
    _check_model(model)
    ws = workspace()
    cfg = _cluster(ws, backend, url, index_name)
    if cfg is not None:
        from fazhi.index.elastic import build_cluster_index

        with progress(None, f"indexing into {cfg['backend']}") as advance:
            summary = build_cluster_index(ws, cfg, kinds=list(kinds) or None, model=model, progress=advance)
        if as_json:
            emit_json(summary)
        else:
            click.echo(f"{summary['backend']} index {summary['index']} at {summary['url']}: {summary['documents']} "
                       f"documents; {summary['added']} added, {summary['updated']} updated, {summary['removed']} "
                       f"removed, {summary['unchanged']} unchanged in {summary['seconds']} s")
        return
    if backend == "embedded":
        ws.set_config(search={"backend": "embedded"})
    from fazhi.index.hybrid import build_index

    with progress(None, "embedding passages") as advance:
        summary = build_index(ws, kinds=list(kinds) or None, model=model, rebuild=rebuild,
                              progress=advance)
    if as_json:
        emit_json(summary)
        return
    click.echo(f"index: {summary['documents']} documents ({summary['passages']} passages, encoder "
               f"{summary['encoder']}, dense {summary['dense']}); {summary['added']} added, "
               f"{summary['updated']} updated, {summary['removed']} removed, {summary['unchanged']} unchanged; "
               f"{summary['encoded']} passages encoded in {summary['seconds']} s")


@index.command("info")
@json_option
def info(as_json):
    """Show what the index holds (documents, passages, encoder, size).

    Example: fazhi index info --json
    """
    from fazhi.index.hybrid import index_info

    data = index_info(workspace())
    if as_json:
        emit_json(data)
    else:
        for k, v in data.items():
            click.echo(f"{k}: {v}")


def _filters(kind, items):
    from fazhi.index.base import Filters

    try:
        return Filters.parse(items, kind=kind or None)
    except ValueError as e:
        raise click.BadParameter(str(e), param_hint="--filter") from e


def _kinds_hint(ws, flt) -> str:
    """Why a --kind search found nothing when the index was built for other kinds only (it remembers them)."""
    from fazhi.index.hybrid import index_info

    held = index_info(ws).get("kinds")
    if not flt.kind or not isinstance(held, list) or set(flt.kind) & set(held):
        return ""
    wanted = " ".join(f"--kind {k}" for k in [*held, *flt.kind])
    return (f": the index holds only {', '.join(held)} documents (`fazhi index build {wanted}` or "
            f"`--kind all` adds the others)")


@click.command()
@click.argument("query", required=False)
@click.option("-k", "k", default=10, show_default=True, type=click.IntRange(1, 1000), help="Number of hits.")
@click.option("--kind", default=None, help="Only documents of this kind (mediation, judgment, ...).")
@click.option("--filter", "filters", multiple=True, metavar="FIELD=VALUE",
              help="kind, dispute_type, region (prefix), since, until, date=FROM..TO; repeatable; "
                   "several values: region=北京,上海.")
@click.option("--mode", type=click.Choice(MODES), default="hybrid", show_default=True,
              help="hybrid (RRF of both), dense (embeddings) or lexical (BM25).")
@click.option("--queries", type=click.Path(exists=True, dir_okay=False, allow_dash=True), default=None,
              help='Read {"id","text"} JSON lines (- for stdin); write one JSON line per query, in order.')
@backend_options
@json_option
def search(query, k, kind, filters, mode, queries, backend, url, index_name, as_json):
    """Find the documents most similar to QUERY (a dispute description).

    With --queries, a bad line gives {"id" (its own or null), "line", "hits": [], "error"}, the other queries
    are answered and the exit code is 2.

    Example: fazhi search "楼上卫生间漏水把我家天花板泡坏了" -k 5 --kind mediation
    """
    flt = _filters(kind, filters)
    if (query is None) == (queries is None):
        raise click.UsageError("give either QUERY or --queries FILE.jsonl")
    ws = workspace()
    cfg = _cluster(ws, backend, url, index_name)
    if cfg is not None:
        from fazhi.index.elastic import open_cluster_index

        idx = open_cluster_index(ws, cfg)
    else:
        from fazhi.index.hybrid import open_index

        idx = open_index(ws)
    if queries is None:
        hits = idx.search(query, k=k, filters=flt or None, mode=mode)
        if as_json:
            emit_json({"query": query, "mode": mode, "filters": flt.to_dict(),
                       "hits": [h.to_dict() for h in hits]})
            return
        if not hits:
            click.echo("no hits" + (_kinds_hint(ws, flt) if cfg is None else ""), err=True)
            return
        print_table([{"rank": i, "score": f"{h.score:.4f}", "doc_id": h.doc_id, "kind": h.kind,
                      "title": h.title[:30], "snippet": h.snippet[:60]} for i, h in enumerate(hits, 1)])
        return
    from fazhi.cli.common import JsonlInputError, exit_batch, jsonl_error_row, parse_jsonl_input, read_jsonl_lines

    lines, name = read_jsonl_lines(queries)  # any common encoding (GBK too), like every other input
    failed = 0
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            qid, text = parse_jsonl_input(line)
            hits = idx.search(text, k=k, filters=flt or None, mode=mode)
        except ValueError as e:  # a bad line, or e.g. an empty query text: this line fails, the batch goes on
            failed += 1
            err = f"{name}:{n}: {e}"
            click.echo(f"fazhi: error: {err}", err=True)
            qid = e.id if isinstance(e, JsonlInputError) else qid
            click.echo(jsonl_error_row(qid, n, err, hits=[]))
            continue
        click.echo(json.dumps({"id": qid, "hits": [h.to_dict() for h in hits]}, ensure_ascii=False))
    exit_batch(failed)


@click.command()
@click.argument("text_or_file")
@click.option("-k", "k", default=5, show_default=True, type=click.IntRange(3, 5), help="Similar cases (3-5).")
@click.option("--format", "fmt", type=click.Choice(["text", "md", "json"]), default="text", show_default=True,
              help="Output format.")
@json_option
def plan(text_or_file, k, fmt, as_json):
    """Draft a mediation plan (调解预案) for a dispute: type, parties, amounts, dates, laws, similar cases,
    steps and risks, each with its source. TEXT_OR_FILE is the description, a file, or - for stdin.

    Example: fazhi plan "邻居家卫生间漏水，把我家天花板泡坏了，协商赔偿未果" --format md
    """
    from fazhi.index.plan import make_plan, render_markdown, render_text

    text, _name = read_text_arg(text_or_file)
    result = make_plan(text, workspace(), k=k)
    if as_json or fmt == "json":
        emit_json(result)
    elif fmt == "md":
        click.echo(render_markdown(result))
    else:
        click.echo(render_text(result))
