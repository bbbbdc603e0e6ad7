"""fazhi (法治): Chinese legal text toolkit for justice-administration bureaus (司法行政).

The public API is re-exported here lazily so ``import fazhi`` stays fast.
"""
from __future__ import annotations

from fazhi.document import Citation, Document, Span
from fazhi.errors import FazhiError
from fazhi.workspace import Workspace

__all__ = ["Document", "Span", "Citation", "FazhiError", "Workspace", "__version__"]
__version__ = "0.1.0"
