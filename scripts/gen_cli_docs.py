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


def render() -> str:
    from fazhi.cli import cli

    runner = CliRunner()
    out = ["# fazhi command reference", "",
           "Generated from `--help` by `scripts/gen_cli_docs.py`; do not edit by hand.", ""]

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
