"""Write docs/cli.md from the commands' --help (tests/test_docs.py checks it is current).

    python scripts/gen_cli_docs.py          # rewrite docs/cli.md
    python scripts/gen_cli_docs.py --check  # exit 1 when docs/cli.md is stale
"""
from __future__ import annotations

import sys
from pathlib import Path

import click
from click.testing import CliRunner

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))


#: The exit codes of every command, and what each batch command does with a bad item. One rule, ingest's:
#: finish the batch, write every good result, name each bad item on stderr in one line, exit 2 if any failed.
EXIT_CODES = """\
## Exit codes

| code | meaning |
|---|---|
| 0 | every item was read (and, for `fazhi check`, no error finding) |
| 1 | `fazhi check`: an error finding. Any command: the command as a whole failed (its input missing or unreadable, an optional part not installed, no index …): one line `fazhi: error: FILE: reason` on stderr, no traceback |
| 2 | a batch finished with bad items: every good result was written and each bad item named on stderr in one line. Also a usage error (unknown option, missing argument), and the one input file of `ingest`, `corpus import`, `check`, `review`, `ocr` or `search --queries` unreadable (a batch of one) |
| 130 | `fazhi crawl` interrupted (Ctrl-C); what was fetched is stored |

Batch commands go on past a bad item; each is one line on stderr naming the file (and line or row) and the
reason, also with `--json` (the JSON goes to stdout):

| command | items | a bad item on stderr | in the output |
|---|---|---|---|
| `fazhi ingest PATH...` | files; rows of .jsonl/.csv | `failed: FILE[:LINE]: reason` | `--json`: `failures` `[{file, reason}]` |
| `fazhi corpus import FILE` | lines | `failed: FILE:LINE: reason` | `--json`: `errors` `["FILE:LINE: reason"]` |
| `fazhi corpus delete ID...` | ids | `fazhi: error: ID: not in the store PATH` | |
| `fazhi extract --jsonl`, `fazhi classify --jsonl` | lines | `fazhi: error: FILE:LINE: reason` | error row `{"id", "line", "error"}` |
| `fazhi search --queries FILE` | lines | `fazhi: error: FILE:LINE: reason` | error row `{"id", "line", "hits": [], "error"}` |
| `fazhi classify train FILE` | lines; `--laws` files | `fazhi: error: FILE[:LINE]: reason` | `--json`: `errors` `["FILE:LINE: reason"]`; the model is written |
| `fazhi scan FILE` / `--store` | lines or rows; `--cases` lines; stored posts | `fazhi: error: FILE:LINE: reason` (`ID: reason`) | `--json`: `skipped` `["FILE:LINE: reason"]`; `--report` is written |
| `fazhi ocr FILE...` | files | `fazhi: error: FILE: reason` | the good files' results |
| `fazhi graph build PATH...` | files | `failed: FILE: reason` | `--json`: `errors` `[{file, reason}]`; the graph is saved |
| `fazhi check FILE` | rows of a .jsonl/.csv | `fazhi: error: FILE:LINE: reason` | the good rows' results; 2 outranks 1 (the check is incomplete) |
| `fazhi review FILINGS` | rows | `无法处理: FILINGS:LINE: TITLE: reason` | `--json`: `problems` `[{line, title, reason}]` |
| `fazhi crawl SPIDER` | pages, attachments | `fazhi: skipped URL: reason` (at most 50) | `--json`: `skipped` `[{url, reason, page}]`; pages robots.txt forbids are named but exit 0 (`skipped_refused` counts them) |

In JSON-lines output an error row stands in the bad line's place, so the output stays aligned with the input:
`"id"` is the line's own id, or null when it has none (a good line without an id gets its line number), `"line"`
is the 1-based input line and `"error"` is `FILE:LINE: reason` (FILE is `<stdin>` for standard input).
"""


def render() -> str:
    from fazhi.cli import cli

    runner = CliRunner()
    out = ["# fazhi command reference", "",
           "Generated from `--help` by `scripts/gen_cli_docs.py`; do not edit by hand.", "", EXIT_CODES]

    def walk(group, path):
        for name in group.list_commands(None):
            cmd = group.get_command(None, name)
            full = path + [name]
            res = runner.invoke(cli, [*full, "--help"], terminal_width=100)
            text = res.output.replace("Usage: cli ", "Usage: fazhi ")
            out.extend([f"{'#' * min(len(full) + 1, 4)} fazhi {' '.join(full)}", "", "```", text.rstrip(), "```", ""])
            if isinstance(cmd, click.Group):
                walk(cmd, full)

    res = runner.invoke(cli, ["--help"], terminal_width=100)
    out.extend(["## fazhi", "", "```", res.output.replace("Usage: cli ", "Usage: fazhi ").rstrip(), "```", ""])
    walk(cli, [])
    return "\n".join(out)


def main():
    text = render()
    target = REPO / "docs" / "cli.md"
    if "--check" in sys.argv:
        if not target.exists() or target.read_text(encoding="utf-8") != text:
            print("docs/cli.md is stale: run python scripts/gen_cli_docs.py", file=sys.stderr)
            sys.exit(1)
        return
    target.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
