"""`fazhi users add --json`: the token and its term as JSON, for scripts that hand tokens out."""
import json

from click.testing import CliRunner

from fazhi.cli import cli


def test_users_add_json_gives_a_working_token_and_its_expiry(tmp_path):
    from fazhi.web.auth import UserStore
    from fazhi.workspace import Workspace

    home = str(tmp_path / "ws")
    r = CliRunner().invoke(cli, ["--home", home, "users", "add", "王调解员", "--role", "mediator", "--json"])
    assert r.exit_code == 0, r.output
    out = json.loads(r.stdout)
    assert set(out) == {"name", "role", "token", "created_at", "expires_at"}
    assert out["name"] == "王调解员" and out["role"] == "mediator" and out["expires_at"] > out["created_at"]
    r = CliRunner().invoke(cli, ["--home", home, "users", "add", "李审查", "--role", "reviewer", "--days", "0",
                                 "--json"])
    never = json.loads(r.stdout)
    assert never["expires_at"] is None
    users = UserStore.for_workspace(Workspace(home))
    assert users.authenticate(out["token"]).name == "王调解员"
    assert users.authenticate(never["token"]).role == "reviewer"
    # without --json: one line, the token as its last word (as docs/web.md scripts it)
    r = CliRunner().invoke(cli, ["--home", home, "users", "add", "王调解员", "--role", "mediator"])
    token = r.stdout.split()[-1]
    assert r.stdout.startswith("user 王调解员 (mediator) token: ") and users.authenticate(token).name == "王调解员"
    assert users.authenticate(out["token"]) is None  # renewed: the old token stops working
