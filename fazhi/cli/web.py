"""``fazhi serve`` and ``fazhi users``: the web page and API, and who may use it."""
from __future__ import annotations

import click

from fazhi.cli.common import emit_json, fail, json_option, print_table, workspace


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to bind. Only 127.0.0.1 unless you mean to serve a network.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535))
@click.option("--workers", default=1, show_default=True, type=click.IntRange(min=1),
              help="Worker processes (each opens the index once); 2 suits a 2-core machine under load.")
def serve(host, port, workers):
    """Serve the mediators' and reviewers' page and the JSON API.

    Every /api request needs a token from `fazhi users add`. The OpenAPI schema is at /openapi.json.

    Example: fazhi serve --port 8000
    """
    import uvicorn

    from fazhi.web.app import create_app
    from fazhi.web.auth import UserStore

    import socket

    try:  # say so now, in one line, rather than after loading the models (uvicorn's "[Errno 98] …", exit 3)
        with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            probe.bind((host, port))
    except OSError as e:
        fail(f"cannot serve on {host}:{port}: {e.strerror or e}"
             + ("; another program (or fazhi serve) is using the port: choose another with --port"
                if e.errno in (98, 48, 10048) else ""))
    ws = workspace()
    users = UserStore.for_workspace(ws)
    if not users.list():
        click.echo("fazhi: warning: no users yet; create one with `fazhi users add NAME --role mediator`", err=True)
    if host not in ("127.0.0.1", "localhost", "::1"):
        click.echo(f"fazhi: serving on {host}: reachable from the network", err=True)
    if workers > 1:
        import os

        os.environ["FAZHI_HOME"] = str(ws.home)
        uvicorn.run("fazhi.web.app:app_from_env", factory=True, workers=workers, host=host, port=port,
                    log_level="info")
    else:
        uvicorn.run(create_app(ws, users, warm=True), host=host, port=port, log_level="info")


@click.group()
def users():
    """Add, list and remove users of the web API; read the audit log."""


@users.command("add")
@click.argument("name")
@click.option("--role", type=click.Choice(["mediator", "reviewer", "admin"]), required=True)
@click.option("--days", type=click.IntRange(min=0), default=180, show_default=True,
              help="How many days the token works; 0 for no expiry.")
@json_option
def users_add(name, role, days, as_json):
    """Create a user (or renew their token) and print the new token as the last word.

    The old token of a renewed user stops working at once. With --json: {"name", "role", "token",
    "created_at", "expires_at"} (null: no expiry), for scripts that hand tokens out.

    Example: fazhi users add 王调解员 --role mediator --days 90
    """
    from fazhi.web.auth import UserStore

    users = UserStore.for_workspace(workspace())
    try:
        token = users.add(name, role, days=days or None)
    except ValueError as e:  # an empty name
        fail(str(e))
    name = " ".join(name.split())
    if as_json:
        row = next((u for u in users.list() if u["name"] == name), {})
        emit_json({"name": name, "role": role, "token": token, "created_at": row.get("created_at"),
                   "expires_at": row.get("expires_at")})
        return
    click.echo(f"user {name} ({role}) token: {token}")


@users.command("list")
@json_option
def users_list(as_json):
    """List users, their roles and when their tokens expire (tokens are never shown again).

    Example: fazhi users list --json
    """
    from fazhi.web.auth import UserStore

    rows = UserStore.for_workspace(workspace()).list()
    if as_json:
        emit_json(rows)
    else:
        print_table([{**r, "expires_at": (r["expires_at"] or "never") + (" (expired)" if r["expired"] else "")}
                     for r in rows], ["name", "role", "created_at", "expires_at"])


@users.command("remove")
@click.argument("name")
def users_remove(name):
    """Remove a user; their token stops working at once.

    Example: fazhi users remove 王调解员
    """
    from fazhi.web.auth import UserStore

    if not UserStore.for_workspace(workspace()).remove(name):
        fail(f"no user {name!r}")
    click.echo(f"removed {name}")


@users.command("audit")
@click.option("--limit", default=50, show_default=True, type=int)
@click.option("--user", "user_name", help="Only this user's requests.")
@json_option
def users_audit(limit, user_name, as_json):
    """Show the audit log: who asked what, when, and the answer's status.

    Example: fazhi users audit --user 王调解员 --limit 20
    """
    from fazhi.web.auth import UserStore

    if limit < 1:  # SQLite takes LIMIT -1 for "no limit": the whole log scrolled past
        fail(f"--limit must be at least 1, not {limit}")
    rows = UserStore.for_workspace(workspace()).audit_log(limit=limit, user=user_name)
    if as_json:
        emit_json(rows)
    else:
        print_table(rows, ["at", "user", "role", "method", "path", "status", "detail"])
