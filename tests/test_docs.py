"""Docs that cannot go stale: docs/cli.md is generated from --help, and the README's Quick start is two commands."""
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def test_cli_reference_is_current():
    r = subprocess.run([sys.executable, str(REPO / "scripts" / "gen_cli_docs.py"), "--check"], capture_output=True,
                       text=True)
    assert r.returncode == 0, r.stderr


def test_every_command_is_in_the_cli_reference():
    from fazhi.cli import cli

    text = (REPO / "docs" / "cli.md").read_text(encoding="utf-8")
    for name in cli.list_commands(None):
        assert f"## fazhi {name}" in text


def test_readme_quick_start_is_two_commands_and_ci_runs_the_test_one():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    quick = readme.split("## Quick start", 1)[1].split("```bash", 1)[1].split("```", 1)[0]
    commands = [line.split("#")[0].strip() for line in quick.strip().splitlines() if line.split("#")[0].strip()]
    assert commands == ["make demo", "make test"]
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert re.search(r"^make test$", ci, re.M)


# The sample sessions the guides show (`$ fazhi …` followed by what it prints) are run as written, in a
# scratch directory that links the repository's fazhi/ and tests/ (so the relative paths of the docs work)
# and holds the default workspace ./fazhi-data. A line `...` or `…` alone stands for lines left out;
# timings "(0.5 s)" are compared as "(N s)"; `cat FILE.json` is compared as JSON.
JUDGMENT = ("江苏省南京市玄武区人民法院（2023）苏0102民初1234号。2022年3月1日下午3时许，原告张伟借给被告李娜人民币伍万元，"
            "约定于2022.6.30归还；被告住南京市玄武区中山路18号3栋201室，电话13812345678。"
            "依照《中华人民共和国民法典》第六百七十五条、第六百七十六条判决。")
SESSIONS = {
    "graph.md": ["fazhi graph build fazhi/corpora/data/laws", "fazhi graph stats", "fazhi graph impact 人民调解法",
                 "fazhi check fazhi/graph/data/sample_draft.txt", "fazhi review tests/fixtures/graph/filings.csv"],
    "scan.md": ['fazhi classify "村里征地补偿款被村干部截留了，村民们说如果月底再不发钱就集体去市政府上访"',
                "fazhi scan fazhi/corpora/data/posts.jsonl --report posts.html"],
    "nlp.md": ["fazhi mask judgment.txt --keep-map judgment.map.json", "cat judgment.map.json",
               "fazhi extract judgment.txt"],
}
_ELIDED = {"...", "…"}


def _sessions(text):
    """(command, expected lines) for every `$ ` line of the fenced blocks of a guide."""
    out = []
    for block in re.findall(r"^```[a-z]*\n(.*?)^```", text, re.S | re.M):
        current = None
        for line in block.splitlines():
            if line.startswith("$ "):
                current = (line[2:].split("  #")[0].strip(), [])
                out.append(current)
            elif current is not None:
                current[1].append(line)
    return out


def _norm(line):
    return re.sub(r"\(\d+(?:\.\d+)? s\)", "(N s)", line.rstrip())


def _matches(expected, actual):
    expected = [_norm(x) for x in expected]
    actual = [_norm(x) for x in actual]
    i = 0
    for k, line in enumerate(expected):
        if line.strip() in _ELIDED:
            rest = [x for x in expected[k + 1:] if x.strip() not in _ELIDED]
            if not rest:
                return True
            while i < len(actual) and actual[i] != rest[0]:
                i += 1
            continue
        if i >= len(actual) or actual[i] != line:
            return False
        i += 1
    return i == len(actual)


@pytest.mark.parametrize("guide", sorted(SESSIONS))
def test_guide_sessions_print_what_the_guide_shows(guide, tmp_path):
    import json
    import os
    import shutil

    (tmp_path / "fazhi").symlink_to(REPO / "fazhi")
    (tmp_path / "tests").symlink_to(REPO / "tests")
    (tmp_path / "judgment.txt").write_text(JUDGMENT, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "FAZHI_HOME"}
    sessions = dict(_sessions((REPO / "docs" / guide).read_text(encoding="utf-8")))
    for command in SESSIONS[guide]:
        assert command in sessions, f"docs/{guide} no longer shows `$ {command}`"
        expected = sessions[command]
        if command.startswith("cat ") and command.endswith(".json"):
            got = json.loads((tmp_path / command.split()[1]).read_text(encoding="utf-8"))
            assert got == json.loads("\n".join(expected)), f"docs/{guide}: `{command}`"
            continue
        argv = shlex.split(command)
        fazhi = shutil.which("fazhi", path=str(Path(sys.executable).parent))
        r = subprocess.run([fazhi, *argv[1:]], cwd=tmp_path, env=env, capture_output=True, text=True,
                           timeout=300)
        # 1: check's error findings; 2: a batch with a bad item (the review fixture's row 7), named on stderr
        assert r.returncode in (0, 1, 2), f"`{command}` exit {r.returncode}: {r.stderr}"
        actual = r.stdout.splitlines() + r.stderr.splitlines()
        assert _matches(expected, actual), (f"docs/{guide}: `{command}` prints\n" + "\n".join(actual)
                                            + "\n--- the guide shows\n" + "\n".join(expected))


def test_readme_demo_corpus_lines_are_what_the_demo_prints():
    """The corpus stage of the README's `fazhi demo` output follows the bundled samples (now 52 laws)."""
    import os
    import shutil

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    shown = readme.split("== corpus ==\n", 1)[1].split("== crawl ==", 1)[0].strip().splitlines()
    assert shown
    fazhi = shutil.which("fazhi", path=str(Path(sys.executable).parent))
    env = {k: v for k, v in os.environ.items() if k != "FAZHI_HOME"}
    r = subprocess.run([fazhi, "demo", "--stage", "corpus"], capture_output=True, text=True, env=env, timeout=300)
    assert r.returncode == 0, r.stderr
    printed = r.stdout.splitlines()
    for line in shown:
        assert line in printed, f"README shows `{line}`; the demo prints\n{r.stdout}"
