"""The first sheet of an Excel workbook (.xlsx) as rows of text, read with openpyxl.

Filing registers (备案统计表) and hotline exports (12345工单) arrive as workbooks; both readers
(:mod:`fazhi.graph.review`, :mod:`fazhi.scan.scanner`) want the cells as the sheet shows them, as text:

* a date cell (a serial number with a date style) as ``2024-03-01``, or ``2024-03-01 14:23:05`` with its time;
* a whole number stored as a float (a phone number that went through a spreadsheet: 13812345678.0) without
  its ``.0``; a logical cell as 是 / 否; a formula as its last computed value;
* a merged range (``fill_merged``): the value of its first cell given to the rows it covers — 制定机关 merged
  down over three documents names each of them — but across columns only on the rows below its first
  one, since a header merged across (报送备案情况 over 报备日期 | 材料是否齐全) names its first column and
  the sub-headers beneath name the rest.

Rows are numbered as Excel numbers them: ``rows[0]`` is row 1; an empty row is ``[]``.
"""
from __future__ import annotations

import io
import re
import zipfile
from datetime import date, datetime, time

__all__ = ["xlsx_rows", "xlsx_sheet_names", "OLE_MAGIC", "legacy_to_xlsx"]


#: the first bytes of an OLE compound file: a legacy Excel 97-2003 .xls (or a WPS .et)
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def legacy_to_xlsx(data: bytes, name) -> bytes:
    """The .xlsx bytes of a legacy .xls / .et workbook, converted by LibreOffice where it is installed
    (:func:`fazhi.corpora.loaders.convert_office`).

    Raises:
        UnreadableFile: LibreOffice is absent or the conversion failed; the reason says what to do.
    """
    from pathlib import Path

    from fazhi.corpora.loaders import convert_office
    from fazhi.errors import UnreadableFile

    from fazhi.corpora.loaders import ole_holds

    if not ole_holds(data, "xlsx"):  # LibreOffice would "convert" any OLE file, reading its bytes as one cell of text
        raise UnreadableFile(name, "damaged legacy Excel .xls: an OLE file with no Excel workbook inside; "
                                   "save it as .xlsx or .csv")
    suffix = Path(str(name)).suffix.lower()
    got = convert_office([(data, suffix if suffix in (".xls", ".et") else ".xls")])[0]
    if isinstance(got, bytes):
        return got
    raise UnreadableFile(name, f"legacy Excel .xls workbook ({got}): install LibreOffice, or save it as .xlsx or .csv")


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time() else value.isoformat(sep=" ", timespec="seconds")
    if isinstance(value, (date, time)):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e16:
        return str(int(value))
    return str(value)


def xlsx_sheet_names(data: bytes, name) -> list[str]:
    """The names of the workbook's sheets in tab order (an export may open with a cover sheet, 导出说明).

    Raises:
        UnreadableFile: ``data`` is not a workbook openpyxl can read.
    """
    import openpyxl

    from fazhi.errors import UnreadableFile

    try:
        wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as e:  # as in xlsx_rows
        raise UnreadableFile(name, f"not a readable .xlsx workbook ({type(e).__name__}: {e})") from None
    try:
        return list(wb.sheetnames)
    finally:
        wb.close()


_MERGE_REF = re.compile(rb"<(?:\w+:)?mergeCell\s+ref=\"([A-Z]{1,3})(\d+):([A-Z]{1,3})(\d+)\"")


def _column_number(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ch - 64
    return n


def _streamed_merges(data: bytes, ws) -> list[tuple[int, int, int, int]]:
    """The merged ranges ``(min_col, min_row, max_col, max_row)`` of a sheet opened read-only, which openpyxl
    does not read: from the ``<mergeCell ref="E5:E9"/>`` elements of the sheet's XML."""
    path = getattr(ws, "_worksheet_path", None)
    if not path:
        return []
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        try:
            xml = z.read(path)
        except KeyError:
            return []
    return [(_column_number(m[1]), int(m[2]), _column_number(m[3]), int(m[4])) for m in _MERGE_REF.finditer(xml)]


def xlsx_rows(data: bytes, name, fill_merged: bool = False, sheet: int = 0) -> list[list[str]]:
    """The cells of the first sheet (in tab order; ``sheet``: another one by its index) of the workbook
    ``data`` as text, row by row.

    ``fill_merged`` reads the whole sheet into memory to see its merged ranges (a filing register: a few
    hundred rows); without it the sheet is streamed (a year of hotline records: 100,000 rows) and its merged
    ranges are read from the sheet's XML and filled the same way (所属区县 merged down over the tickets of one
    district names each of them).

    Raises:
        UnreadableFile: ``data`` is not a workbook openpyxl can read (named by ``name``, with the reason).
    """
    import openpyxl

    from fazhi.errors import UnreadableFile

    try:
        wb = openpyxl.load_workbook(io.BytesIO(data), read_only=not fill_merged, data_only=True)
        ws = wb.worksheets[sheet]
        if not fill_merged:
            ws.reset_dimensions()  # some writers store a wrong sheet size, and streaming would stop at it
        rows = [[_text(v) for v in row] for row in ws.iter_rows(values_only=True)]
        merged = [r.bounds for r in ws.merged_cells.ranges] if fill_merged else _streamed_merges(data, ws)
    except Exception as e:  # openpyxl raises many kinds (zip, XML, KeyError, ValueError) on a damaged file
        raise UnreadableFile(name, f"not a readable .xlsx workbook ({type(e).__name__}: {e})") from None
    finally:
        if "wb" in locals():
            wb.close()
    for c0, r0, c1, r1 in merged:  # 1-based, inclusive
        value = rows[r0 - 1][c0 - 1] if r0 - 1 < len(rows) and c0 - 1 < len(rows[r0 - 1]) else ""
        for r in range(r0, r1 + 1):
            while len(rows) < r:
                rows.append([])
            row = rows[r - 1]
            for c in range(c0, c1 + 1):
                if c > c0 and r == r0:
                    continue
                row.extend([""] * (c - len(row)))
                row[c - 1] = value
    while rows and not any(v.strip() for v in rows[-1]):
        rows.pop()
    return [row if any(v.strip() for v in row) else [] for row in rows]
