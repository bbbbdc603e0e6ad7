"""Helpers shared by the CLI modules: error handling, output formats, input reading, progress.

Nothing heavy is imported here: this module loads for ``fazhi --help``.
"""
from __future__ import annotations

import json
import re
import sys
from contextlib import contextmanager

import click

from fazhi.errors import FazhiError

__all__ = ["FazhiGroup", "json_option", "jsonl_option", "emit_json", "read_text_arg", "progress",
           "workspace", "fail"]


class FazhiGroup(click.Group):
    """A click group that turns a FazhiError into one line on stderr and exit code 1."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except FazhiError as e:
            click.echo(f"fazhi: error: {e}", err=True)
            ctx.exit(1)


def fail(message: str, code: int = 1):
    """Print one line on stderr and exit."""
    click.echo(f"fazhi: error: {message}", err=True)
    sys.exit(code)


json_option = click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
jsonl_option = click.option("--jsonl", "as_jsonl", is_flag=True,
                            help='Read {"id","text"} JSON lines, write one JSON line per input, in order.')


def emit_json(obj, indent: int | None = 2) -> None:
    click.echo(json.dumps(obj, ensure_ascii=False, indent=indent, default=str))


def workspace(ctx: click.Context | None = None):
    """The Workspace chosen by --home / $FAZHI_HOME."""
    ctx = ctx or click.get_current_context()
    return ctx.find_root().obj


#: an argument shaped like a file name (no spaces or Chinese punctuation, a document extension): when no
#: such file exists it is a mistyped path, not text to analyse
_PATH_LIKE = re.compile(r"[^\s，。；：！？、“”《》]+\.(?:txt|md|markdown|jsonl?|docx?|pdf|html?|xhtml|csv|tsv|xml|rtf|wps)",
                        re.IGNORECASE)


def read_text_arg(arg: str | None) -> tuple[str, str]:
    """Read ``FILE`` or ``-`` (stdin) or, when no such file exists and it is not a path-looking string,
    the argument itself as text. Returns (text, name).

    A missing path-looking argument (``notes.txt``, ``./cases/a.docx``) and an empty file are errors
    (:class:`fazhi.errors.UnreadableFile`): analysing the file name as text would answer the wrong question.
    """
    from pathlib import Path

    from fazhi.errors import UnreadableFile

    if arg is None or arg == "-":
        return sys.stdin.read(), "<stdin>"
    if not arg.strip():  # Path("") is the current directory: an empty argument is empty text
        return arg, "<argument>"
    p = Path(arg)
    try:
        exists = len(arg) < 1024 and "\n" not in arg and p.exists()
    except OSError:  # a long literal text is not a file name
        exists = False
    if exists:
        if p.is_dir():
            raise click.BadParameter(f"{arg} is a directory")
        from fazhi.corpora.loaders import load_text

        text = load_text(p)
        if not text.strip():
            raise UnreadableFile(p, "empty file (no text)")
        return text, str(p)
    if _PATH_LIKE.fullmatch(arg):
        raise UnreadableFile(arg, "no such file")
    return arg, "<argument>"


@contextmanager
def progress(total: int | None, description: str):
    """A rich progress bar on a terminal (stderr); silent in pipes. Yields ``advance(n=1)``."""
    if not sys.stderr.isatty():
        yield lambda n=1: None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                  transient=True, console=_stderr_console()) as bar:
        task = bar.add_task(description, total=total)
        yield lambda n=1: bar.advance(task, n)


def _stderr_console():
    from rich.console import Console

    return Console(stderr=True)


def print_table(rows: list[dict], columns: list[str] | None = None, title: str | None = None) -> None:
    """Print rows as a table on stdout (rich when on a terminal, tab-separated otherwise)."""
    if not rows:
        return
    columns = columns or list(rows[0])
    if not sys.stdout.isatty():
        click.echo("\t".join(columns))
        for r in rows:
            click.echo("\t".join("" if r.get(c) is None else str(r.get(c)) for c in columns))
        return
    from rich.console import Console
    from rich.table import Table

    t = Table(title=title)
    for c in columns:
        t.add_column(c)
    for r in rows:
        t.add_row(*("" if r.get(c) is None else str(r.get(c)) for c in columns))
    Console().print(t)
