"""`fazhi demo --stage`: an unknown stage is a usage error naming the stages (before: it ran nothing, exit 0)."""
from click.testing import CliRunner

from fazhi.cli import cli
from fazhi.demo import STAGES


def test_unknown_stage_is_a_usage_error_naming_the_stages(tmp_path):
    r = CliRunner().invoke(cli, ["demo", "--keep", str(tmp_path / "ws"), "--stage", "grpah"])
    assert r.exit_code == 2
    assert all(f"'{name}'" in r.stderr for name, _ in STAGES)
    assert not (tmp_path / "ws").exists()  # nothing ran


def test_a_known_stage_runs_alone(tmp_path):
    r = CliRunner().invoke(cli, ["demo", "--keep", str(tmp_path / "ws"), "--stage", "corpus"])
    assert r.exit_code == 0, r.output
    assert r.stdout.startswith("== corpus ==") and "== crawl ==" not in r.stdout
