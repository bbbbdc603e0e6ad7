"""Errors raised by fazhi.

Every error a user can cause is a :class:`FazhiError`; the CLI turns it into one line on stderr and a
non-zero exit code. Bad arguments to library functions raise :class:`ValueError` listing valid options.
"""
from __future__ import annotations

__all__ = [
    "FazhiError",
    "UnreadableFile",
    "FetchError",
    "OCRError",
    "ParseError",
    "UnknownLaw",
    "IndexUnavailable",
    "StoreError",
    "ModelUnavailable",
]


class FazhiError(Exception):
    """Base class of all errors fazhi raises on purpose."""


class UnreadableFile(FazhiError):
    """A file could not be read or decoded. The message names the file and the reason."""

    def __init__(self, path, reason: str):
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")


class FetchError(FazhiError):
    """A page or file could not be fetched."""


class OCRError(FazhiError):
    """OCR failed on a page or an image."""


class ParseError(FazhiError):
    """Input was read but does not have the expected structure."""


class UnknownLaw(FazhiError):
    """A law title is not in the registry."""


class IndexUnavailable(FazhiError):
    """A search index is missing, or its backend is not reachable."""


class StoreError(FazhiError):
    """The corpus store cannot be opened or written."""


class ModelUnavailable(FazhiError):
    """An optional model or engine is not installed or not configured."""
