from __future__ import annotations

import tempfile

import click

from fazhi.cli.common import emit_json, json_option
from fazhi.demo import STAGES  # names only: the stages' modules are imported when they run


@click.command()
@click.option("--keep", type=click.Path(file_okay=False), default=None,
              help="Use this workspace directory and keep it (default: a temporary one, removed after).")
@click.option("--stage", "stages", multiple=True, type=click.Choice([name for name, _ in STAGES]),
              help="Run only these stages (repeatable).")
@json_option
def demo(keep, stages, as_json):
    """Run every stage on the bundled sample data and report what each did.

    Example: fazhi demo --keep /tmp/fazhi-demo
    """
    from fazhi.demo import run_demo
    from fazhi.workspace import Workspace

    say = (lambda s: click.echo(s, err=True)) if as_json else click.echo
    parent = click.get_current_context().parent
    if not keep and parent is not None and parent.get_parameter_source("home") in (
            click.core.ParameterSource.COMMANDLINE, click.core.ParameterSource.ENVIRONMENT):
        # the sample data must not land in a real workspace unasked: say where it goes instead
        click.echo(f"fazhi: note: the demo runs in a temporary workspace, not in {parent.params['home']}; "
                   "`fazhi demo --keep DIR` runs it in DIR and keeps it", err=True)
    if keep:
        results = run_demo(Workspace(keep), only=list(stages) or None, say=say)
    else:
        with tempfile.TemporaryDirectory(prefix="fazhi-demo-") as tmp:
            results = run_demo(Workspace(tmp), only=list(stages) or None, say=say)
        say("(the temporary workspace is removed; `fazhi demo --keep DIR` keeps the store, the graph, the "
            "index and the scan report)")
    if as_json:
        emit_json(results)
