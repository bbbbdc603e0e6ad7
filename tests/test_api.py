"""The public API: every name fazhi exports resolves, and importing fazhi stays light."""
import subprocess
import sys

import fazhi


def test_every_exported_name_resolves():
    for name in fazhi.__all__:
        assert getattr(fazhi, name) is not None, name


def test_import_is_light():
    code = "import sys, fazhi; heavy = {'torch', 'faiss', 'onnxruntime', 'scrapy', 'tantivy', 'sklearn'} & set(sys.modules); print(sorted(heavy))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == "[]"
