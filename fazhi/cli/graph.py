"""``fazhi graph build|stats|export|impact``, ``fazhi check`` and ``fazhi review``: thin over fazhi.graph."""
from __future__ import annotations

import click

from fazhi.cli.common import BATCH_FAILED, emit_json, exit_batch, fail, json_option, progress, workspace

RANKS = ("宪法", "法律", "行政法规", "地方性法规", "自治条例和单行条例", "部门规章", "地方政府规章", "司法解释",
         "规范性文件")


@click.group()
def graph():
    """The law registry and citation graph.

    \b
    Example:
        fazhi graph build ../shared/data/laws
        fazhi graph impact 行政处罚法 --article 16
    """


@graph.command("build")
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--workers", type=int, default=None, help="Worker processes (default: all cores, at most 4).")
@json_option
def build_cmd(paths, workers, as_json):
    """Build the registry and graph from folders of law texts, or from the store when no PATH is given.

    A file that cannot be read is named on stderr with the reason and left out; the graph of the others is
    saved and the exit code is 2.

    \b
    Example:
        fazhi graph build ../shared/data/laws
    """
    from pathlib import Path

    from fazhi.graph.build import build_from_paths, build_from_store, save_graph

    missing = [p for p in paths if not Path(p).exists()]
    if missing:  # a mistyped folder would otherwise build a registry without its laws, silently
        fail(f"{', '.join(missing)}: no such file or directory")
    ws = workspace()
    with progress(None, "building the law graph") as advance:
        if paths:
            built = build_from_paths(paths, workers=workers, on_item=advance)
        else:
            store = ws.store()
            try:
                built = build_from_store(store, on_item=advance)
            finally:
                store.close()
    if not built.stats["documents"]:
        fail("no law texts found" + (f" in {', '.join(paths)}" if paths else " in the store; run fazhi ingest first"
                                     " or give a folder"))
    files = save_graph(built, ws.graph_dir)
    out = dict(built.stats, **files)
    s = built.stats
    if as_json:
        emit_json(out)
    else:
        click.echo(f"{s['documents']} documents -> {s['laws']} laws, {s['versions']} versions, "
                   f"{s['repeal_clauses']} repeal clauses; graph {s['nodes']} nodes, {s['edges']} edges "
                   f"({s['seconds']:.1f} s)")
    for e in s["errors"]:  # on stderr with --json too: each file left out, one line
        click.echo(f"failed: {e['file']}: {e['reason']}", err=True)
    if not as_json:
        click.echo(f"saved to {ws.graph_dir}")
    exit_batch(len(s["errors"]))


@graph.command("stats")
@json_option
def stats_cmd(as_json):
    """Counts of laws, versions, nodes and edges; laws by rank and status; the most cited laws.

    \b
    Example:
        fazhi graph stats --json
    """
    from fazhi.graph.queries import graph_stats, workspace_graph

    reg, g = workspace_graph(workspace())
    s = graph_stats(g, reg)
    if as_json:
        emit_json(s)
        return
    click.echo(f"laws {s['laws']} ({s['laws_in_corpus']} with text), versions {s['versions']}, "
               f"nodes {s['nodes']}, edges {s['edges']}")
    click.echo("by rank:   " + ", ".join(f"{k} {v}" for k, v in sorted(s["laws_by_rank"].items(), key=lambda x: -x[1])))
    click.echo("by status: " + ", ".join(f"{k} {v}" for k, v in s["laws_by_status"].items()))
    click.echo("edges:     " + ", ".join(f"{k} {v}" for k, v in s["edges_by_type"].items()))
    click.echo("most cited:")
    for m in s["most_cited"]:
        click.echo(f"  {m['citations']:6d}  {m['title']}")
    click.echo(f"repealed laws still cited by laws in force: {s['repealed_laws_still_cited']}")


@graph.command("export")
@click.option("--format", "fmt", type=click.Choice(["graphml", "gexf", "json"]), default="graphml", show_default=True)
@click.argument("out", type=click.Path(dir_okay=False))
def export_cmd(fmt, out):
    """Write the graph as GraphML / GEXF (Gephi) or node-link JSON.

    \b
    Example:
        fazhi graph export --format gexf laws.gexf
    """
    from fazhi.graph.queries import export_graph, workspace_graph

    _, g = workspace_graph(workspace())
    r = export_graph(g, out, fmt)
    click.echo(f"wrote {r['path']} ({r['nodes']} nodes, {r['edges']} edges, {r['bytes']:,} bytes)", err=True)


def _article_option(ctx, param, value):
    """``--article``: a number, or an inserted article (133之一); refused when it cannot exist."""
    if value is None:
        return None
    from fazhi.graph.queries import parse_article

    try:
        number, _ = parse_article(value)
    except ValueError as e:
        raise click.BadParameter(str(e)) from None
    if number < 1:
        raise click.BadParameter(f"{value!r}: articles are numbered from 1")
    return value


def _cn_article(a) -> str:
    """第133条, or 第133条之一 for an inserted article ("133之一" in the JSON)."""
    number, _, sub = str(a).partition("之")
    return f"第{number}条" + (f"之{sub}" if sub else "")


def _cited_version_note(e: dict) -> str:
    """How the cited version stands today, when it is not the text in force: 依据2018-10-26版本，该版本已修改."""
    status = e.get("cited_version_status")
    if status in (None, "有效", "已废止"):  # 已废止 is said once, for the whole law
        return ""
    if status == "引用时已废止":
        return "；引用时该法已废止"
    if e.get("cited_version"):
        renumbered = "，所引条文序号可能已变" if e.get("cited_articles") else ""
        return f"；依据{e['cited_version']}版本，该版本{status}{renumbered}"
    check = "，所引条文应按当时的版本核对" if e.get("cited_articles") else ""
    return f"；引用时施行的版本{status}{check}"


@graph.command("impact")
@click.argument("title", required=False)
@click.option("--article", default=None, callback=_article_option, metavar="N",
              help="Only citations of this article (133, or 133之一 for an inserted article).")
@click.option("--depth", type=click.IntRange(min=1), default=3, show_default=True,
              help="How far to follow citing laws (1: the direct citers only).")
@click.option("--all-versions", is_flag=True, help="Also list versions no longer in force.")
@click.option("--amendment", "amendment", type=click.Path(dir_okay=False, allow_dash=True), default=None,
              metavar="FILE", help="Instead of TITLE: an amendment as issued (修改决定, a decision amending several "
              "laws, a law with the articles to change, or the revised full text; .txt/.docx/.pdf, - for stdin): "
              "list the citations of the articles it modifies, deletes or renumbers, with their new numbers.")
@json_option
def impact_cmd(title, article, depth, all_versions, amendment, as_json):
    """List the laws and articles that cite TITLE, directly and transitively (the 立改废释 cleanup list).

    With --amendment FILE, only the citations the amendment touches: an article modified, deleted, merged or
    renumbered (every article after an inserted or deleted one), or every citation of a law repealed or renamed.

    \b
    Examples:
        fazhi graph impact 行政处罚法 --article 16
        fazhi graph impact --amendment 关于修改《人民调解法》的决定.docx
    """
    from fazhi.graph.queries import impact, workspace_graph

    if amendment is not None:
        if title or article is not None:
            raise click.UsageError("give TITLE (with --article) or --amendment FILE, not both")
        _amendment_impact(amendment, all_versions, as_json)
        return
    if title is None or not title.strip(" 《》"):
        raise click.BadParameter("give a law's title, e.g. 行政处罚法 or 《中华人民共和国民法典》第十条", param_hint="TITLE")
    reg, g = workspace_graph(workspace())
    try:
        r = impact(g, reg, title, article=article, max_depth=depth, include_outdated=all_versions)
    except ValueError as e:  # an article no version of the law has
        raise click.BadParameter(str(e), param_hint="--article") from None
    if as_json:
        emit_json(r)
        return
    what = f"《{r['target']}》" + (_cn_article(r["article"]) if r["article"] is not None else "")
    if r.get("status") == "已废止":
        what += "（已废止" + (f"，{r['repealed_on']}起" if r.get("repealed_on") else "") + \
            (f"，由《{r['successor']}》取代" if r.get("successor") else "") + "）"
    n, k = r["counts"]["direct"], r["counts"]["citing_articles"]
    click.echo(f"{what}: {n} {'law cites' if n == 1 else 'laws cite'} it directly "
               f"({k} {'article' if k == 1 else 'articles'}), {r['counts']['transitive']} more transitively")
    for e in r["direct"]:
        arts = "、".join(_cn_article(a) for a in e["articles"]) or "(全文)"
        cited = ("，引用" + "、".join(_cn_article(a) for a in e["cited_articles"])) if e["cited_articles"] else ""
        repeals = "；废止该法，无需清理" if "repeals" in e["relations"] else ""
        click.echo(f"  {e['title']} ({e['version'] or '日期不详'}) {arts}{cited}{repeals or _cited_version_note(e)}")
    for t in r["transitive"]:
        click.echo(f"  [{t['depth']}] {t['title']} ({t['version'] or '日期不详'}) via {t['via']}")


def _amendment_text(path: str) -> str:
    """The text of an amendment file (any format the loaders read), or of stdin for ``-``."""
    if path == "-":
        return click.get_text_stream("stdin").read()
    from fazhi.corpora.loaders import load_path
    from fazhi.errors import UnreadableFile

    try:
        docs = list(load_path(path))
    except UnreadableFile as e:
        raise click.ClickException(str(e)) from None
    return "\n".join(d.text for d in docs)


def _amendment_impact(path: str, all_versions: bool, as_json: bool) -> None:
    from fazhi.graph.queries import amendment_impact, workspace_graph

    text = _amendment_text(path)
    if not text.strip():
        raise click.ClickException(f"{path}: empty file, no amendment to read")
    reg, g = workspace_graph(workspace())
    r = amendment_impact(g, reg, text, include_outdated=all_versions)
    if not r["laws"] and not r["unresolved"]:
        raise click.ClickException(f"{path}: no amended law found (a 修改决定, 《X法》第N条…, or a law's full text)")
    if as_json:
        emit_json(r)
        return
    for law in r["laws"]:
        ch = law["changes"]
        what = [f"{label}" + "、".join(_cn_article(a) for a in ch[key]) for key, label in
                (("modified", "修改"), ("deleted", "删去"), ("inserted", "新增"), ("listed", "列明"))
                if ch.get(key)]
        what += ["废止"] * bool(ch.get("repealed")) + ["名称修改"] * bool(ch.get("renamed")) + \
            ["全文修订"] * bool(ch.get("revised"))
        c = law["counts"]
        click.echo(f"《{law['target']}》({law['version'] or '日期不详'}) {'；'.join(what) or '未读出具体条文'}: "
                   f"{c['direct']} {'document' if c['direct'] == 1 else 'documents'} to clean up, "
                   f"{c['citations']} {'citation' if c['citations'] == 1 else 'citations'}")
        for e in law["direct"]:
            hits = []
            for h in e["affected"]:
                where = _cn_article(h["article"]) if h["article"] is not None else "全法"
                to = f"（修改后为第{h['new_article']}条）" if h.get("new_article") not in (None, h["article"]) else ""
                hits.append(f"{where}{h['change_cn']}{to}")
            click.echo(f"  {e['title']} ({e['version'] or '日期不详'}): {'；'.join(hits)}")
        if law["not_affected"]:
            click.echo(f"  not affected ({len(law['not_affected'])}): {'、'.join(law['not_affected'][:10])}"
                       + ("…" if len(law["not_affected"]) > 10 else ""))
    for t in r["unresolved"]:
        click.echo(f"《{t}》: not in the registry, not checked", err=True)


def _line_of(text: str, pos: int) -> int:
    return text.count("\n", 0, pos) + 1


@click.command()
@click.argument("file", type=click.Path())
@click.option("--kind", type=click.Choice(RANKS), default=None, help="The document's rank; detected when omitted.")
@click.option("--date", default=None, metavar="YYYY-MM-DD", help="Check citations against this date; detected "
              "(施行 or signing date) when omitted.")
@json_option
def check(file, kind, date, as_json):
    """Check a draft or filed document: repealed or unknown laws, missing articles, rank, forbidden provisions.

    Exit code 1 when there is an error finding, 2 when FILE cannot be read or (a .jsonl/.csv of several
    documents) some of its rows cannot: each bad row is named on stderr and the others are checked.

    \b
    Example:
        fazhi check draft.docx --json
    """
    import sys

    from fazhi.errors import UnreadableFile
    from fazhi.graph.checks import check as run_check, checked_date
    from fazhi.graph.queries import workspace_registry

    if date is not None:
        try:
            checked_date(date)
        except ValueError as e:
            raise click.BadParameter(str(e), param_hint="--date") from None
    bad_rows: list = []  # (FILE:N, reason) of the rows of a .jsonl/.csv that cannot be read
    try:
        try:
            from fazhi.corpora.loaders import load_path
        except ImportError:  # pragma: no cover - corpora area missing
            load_path = None
        if load_path is not None:
            docs = list(load_path(file, errors=bad_rows))
        else:  # pragma: no cover
            from fazhi.document import Document

            docs = [Document(text=open(file, encoding="utf-8").read())]
    except UnreadableFile as e:
        fail(str(e), 2)
    except OSError as e:
        fail(f"{file}: {e.strerror or e}", 2)
    for where, reason in bad_rows:
        click.echo(f"fazhi: error: {where}: {reason}", err=True)
    if not docs:
        fail(f"{file}: no text", 2)
    ws = workspace()
    reg, dupes, where = workspace_registry(ws)
    if where == "bundled samples" and not as_json:
        click.echo("note: no graph in the workspace; checking against the bundled law samples "
                   "(run `fazhi graph build FOLDER` for the full registry)", err=True)
    results = [run_check(d, reg, kind=kind, date=date, duplicates=dupes) for d in docs]
    errors = sum(len(r.errors) for r in results)
    if as_json:
        if len(results) == 1:
            emit_json(results[0].to_dict())
        else:
            emit_json([dict(r.to_dict(), id=d.id) for d, r in zip(docs, results)])
    else:
        for d, r in zip(docs, results):
            # several rows of a .jsonl/.csv: say which row each block is (FILE#ID, as the store's source names it)
            name = f"{file}#{d.id}" if len(docs) > 1 else file
            click.echo(f"{name}: {r.title or d.id}  类别 {r.kind or '未知'}  日期 {r.date}  "
                       f"引用 {r.citations} 处  发现 {len(r.findings)} 个问题")
            for f in r.findings:
                click.echo(f"  {f.severity.upper():7s} {f.code}  第{_line_of(d.text, f.start)}行 “{f.quote[:40]}”")
                click.echo(f"          {f.message}")
                if f.suggestion:
                    click.echo(f"          建议：{f.suggestion}")
    # a row not checked outweighs the findings of the others: 2 says the check is incomplete
    sys.exit(BATCH_FAILED if bad_rows else 1 if errors else 0)


@click.command()
@click.argument("filings", type=click.Path())
@json_option
@click.option("--html", "html_out", type=click.Path(dir_okay=False), default=None, help="Also write an HTML report.")
@click.option("--as-of", "as_of", default=None, metavar="DATE",
              help="The day of the review (default today): a document not filed whose 30 days have not run out "
                   "by then is pending, not late. For statistics as of the end of a period: --as-of 2024-12-31.")
@click.option("--deadline", "deadline", type=click.Choice(["strict", "extend"]), default="strict", show_default=True,
              help="strict: 30 calendar days (报备日期 − 公布日期 ≤ 30); extend: a deadline ending on a weekend or "
                   "statutory holiday runs to the next working day (民法典第二百零三条; 调休 working days count "
                   "as working days).")
@click.option("--period", "period", default=None, metavar="PERIOD",
              help="Review only the documents published in a year (2026), quarter (2026Q1, 2026年第一季度), half "
                   "year (2026H1), month (2026-03) or range (2026-01-01..2026-06-30).")
@click.option("--days", "days", type=click.IntRange(1, 366), default=30, show_default=True,
              help="The local rule's filing deadline for 规范性文件 (and rows of no stated kind), counted from "
                   "publication; 法规 and 规章 keep the 30 days of 《法规规章备案审查条例》第四条.")
def review(filings, as_json, html_out, as_of, deadline, period, days):
    """Filing review: 报备率, 及时率 (30 days) and 规范率 per issuer and quarter; checks the texts given.

    FILINGS is a CSV or .xlsx sheet with title, issuer, kind, published, filed, materials and an optional path
    column. A row that cannot be reviewed (a bad date, an unreadable text) is named on stderr as FILINGS:LINE
    and listed under "problems"; the other rows are reviewed and the exit code is 2.

    \b
    Example:
        fazhi review filings.csv --html review.html
        fazhi review 备案统计表.xlsx --as-of 2024-12-31 --json
    """
    from pathlib import Path

    from fazhi.errors import UnreadableFile
    from fazhi.graph.queries import workspace_registry
    from fazhi.graph.review import parse_period, read_filings, render_html, review_rows

    from fazhi.dates import parse_date

    today = None
    if as_of is not None:
        try:
            today = parse_date(as_of, excel=False)
        except ValueError as e:
            raise click.BadParameter(str(e), param_hint="--as-of") from None
    selected = None
    if period is not None:
        try:
            selected = parse_period(period)
        except ValueError as e:
            raise click.BadParameter(str(e), param_hint="--period") from None
    try:
        rows = read_filings(filings)
    except UnreadableFile as e:
        fail(str(e), 2)
    reg = dupes = None
    if any(r.get("path") for r in rows):
        reg, dupes, _ = workspace_registry(workspace())
    result = review_rows(rows, registry=reg, base=Path(filings).parent, duplicates=dupes, today=today,
                         deadline=deadline, period=selected, days=days)
    result["file"], result["rows"] = str(filings), len(rows)
    if html_out:
        Path(html_out).write_text(render_html(result), encoding="utf-8")
    if as_json:
        emit_json(result)
        _report_problems(filings, result["problems"])
    o = result["overall"]

    def pct(x):
        return "—" if x is None else f"{x * 100:.1f}%"

    click.echo(f"应报备 {o['should_file']}，已报备 {o['filed']}；报备率 {pct(o['filing_rate'])}，"
               f"及时率 {pct(o['timely_rate'])}，规范率 {pct(o['compliance_rate'])}")
    if result.get("period"):
        pr = result["period"]
        click.echo(f"统计期间 {pr['label']}（公布日期{pr['from']}至{pr['to']}；期外{pr['outside']}件不计）")
    if not result.get("materials_recorded", True):
        click.echo("（表中没有报备材料一列：规范率只按已审查的文本计，未给文本的不计）")
    for shown, written in result.get("issuer_variants", {}).items():
        click.echo(f"制定机关按一家计：{shown} ← {'、'.join(w for w in written if w != shown)}")
    for label, groups in (("按制定机关", result["by_issuer"]), ("按季度", result["by_quarter"])):
        click.echo(label + ":")
        for k, g in groups.items():
            click.echo(f"  {k}: {g['filed']}/{g['should_file']} 报备率 {pct(g['filing_rate'])} "
                       f"及时率 {pct(g['timely_rate'])} 规范率 {pct(g['compliance_rate'])}")
    for x in result["late"]:
        click.echo(f"逾期/未报备: {x['title']} ({x['issuer']}) {x['reason']}")
    for x in result.get("pending", ()):
        click.echo(f"尚未到期: {x['title']} ({x['issuer']}) {x['reason']}，应于{x['due']}前报备")
    for x in result["noncompliant"]:
        click.echo(f"不规范: {x['title']} ({x['issuer']}) {'；'.join(x['reasons'])}")
    for x in result.get("duplicates", ()):
        click.echo(f"重复登记: {x['title']} 第{x['line']}行与第{x['same_as']}行为同一文件，只计一次")
    if html_out:
        click.echo(f"wrote {html_out}", err=True)
    _report_problems(filings, result["problems"])


def _report_problems(filings, problems: list) -> None:
    """One line on stderr for each row that could not be reviewed (FILINGS:LINE), then exit 2 if any."""
    for p in problems:
        where = f"{filings}:{p['line']}" if p.get("line") is not None else str(filings)
        click.echo(f"无法处理: {where}: {p['title']}: {p['reason']}", err=True)
    exit_batch(len(problems))
