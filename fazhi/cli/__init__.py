"""The ``fazhi`` command line: a thin layer over the library.

Commands are loaded lazily, so ``fazhi --help`` imports neither models nor heavy libraries. Each command
lives in the module of its area (``fazhi/cli/<area>.py``) and calls one library function.
"""
from __future__ import annotations

import importlib
import sys

import click

from fazhi.cli.common import FazhiGroup

__all__ = ["cli", "COMMANDS"]

# name -> "module:attribute". Each area owns its module.
COMMANDS = {
    "demo": "fazhi.cli.demo:demo",
    "ingest": "fazhi.cli.corpus:ingest",
    "corpus": "fazhi.cli.corpus:corpus",
    "extract": "fazhi.cli.nlp:extract",
    "mask": "fazhi.cli.nlp:mask",
    "graph": "fazhi.cli.graph:graph",
    "check": "fazhi.cli.graph:check",
    "review": "fazhi.cli.graph:review",
    "index": "fazhi.cli.index:index",
    "search": "fazhi.cli.index:search",
    "plan": "fazhi.cli.index:plan",
    "crawl": "fazhi.cli.crawl:crawl",
    "ocr": "fazhi.cli.ocr:ocr",
    "classify": "fazhi.cli.scan:classify",
    "scan": "fazhi.cli.scan:scan",
    "serve": "fazhi.cli.web:serve",
    "users": "fazhi.cli.web:users",
}


class LazyGroup(FazhiGroup):
    def list_commands(self, ctx):
        return [name for name in COMMANDS if self._load(name) is not None]

    def get_command(self, ctx, name):
        return self._load(name)

    @staticmethod
    def _load(name):
        target = COMMANDS.get(name)
        if target is None:
            return None
        module, attr = target.split(":")
        try:
            mod = importlib.import_module(module)
        except ModuleNotFoundError as e:
            if e.name == module:  # that area's CLI is not part of this build
                return None
            raise
        return getattr(mod, attr, None)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.option("--home", type=click.Path(file_okay=False), envvar="FAZHI_HOME", default="fazhi-data",
              show_default=True, help="Workspace directory (store, graph, indexes). Also $FAZHI_HOME.")
@click.version_option(package_name="fazhi")
@click.pass_context
def cli(ctx, home):
    """fazhi (法治): Chinese legal text toolkit for justice-administration bureaus.

    \b
    Filing review:  fazhi check draft.docx     fazhi graph impact 行政处罚法
    Mediation:      fazhi search "邻居漏水"      fazhi plan dispute.txt
    Analysis:       fazhi scan posts.jsonl --report report.html
    Data:           fazhi ingest FOLDER        fazhi corpus stats
    """
    import logging

    from fazhi.workspace import Workspace

    # jieba announces every dictionary load on stderr through its own handler; the CLI (an
    # application, unlike the library) keeps the terminal for results and real warnings.
    # jieba sets its logger to DEBUG when imported (later), so a filter, not a level, is what holds.
    logging.getLogger("jieba").addFilter(lambda record: record.levelno >= logging.WARNING)
    ctx.obj = Workspace(home)


def main():  # pragma: no cover - entry point
    sys.exit(cli(prog_name="fazhi"))
