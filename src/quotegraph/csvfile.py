"""CSV that spreadsheets open right: ``--excel`` (UTF-8 with a byte-order mark, formulas defused).

Excel reads a CSV file without a byte-order mark in the machine's legacy code page, so that
"Zoë" shows as "ZoÃ«"; with the mark it reads UTF-8. A spreadsheet also runs a cell that starts
with ``=``, ``+``, ``-`` or ``@`` as a formula (a quote is text anyone may have written): with
``excel``, such a text cell gets a leading apostrophe, which spreadsheets show as text and do
not display. Without ``excel`` the CSV is plain UTF-8 and every value is written as it is.
"""
from __future__ import annotations

import csv
from typing import IO, Any, Iterable, Mapping, Sequence

BOM = "\ufeff"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def cell(value: Any, excel: bool) -> Any:
    """A value for a CSV cell: a text that a spreadsheet would run as a formula, defused."""
    if excel and isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


class Writer:
    """``csv.writer`` (or, with ``fields``, ``csv.DictWriter``) that writes the byte-order mark
    first and defuses formulas when ``excel`` is set."""

    def __init__(self, out: IO[str], excel: bool = False, fields: Sequence[str] | None = None, **kwargs):
        self.excel = excel
        kwargs.setdefault("lineterminator", "\n")
        if excel:
            out.write(BOM)
        self.rows = csv.writer(out, **kwargs) if fields is None else None
        self.dicts = csv.DictWriter(out, fieldnames=list(fields), **kwargs) if fields is not None else None

    def writeheader(self) -> None:
        self.dicts.writeheader()

    def writerow(self, row: Sequence[Any] | Mapping[str, Any]) -> None:
        if self.dicts is not None:
            self.dicts.writerow({k: cell(v, self.excel) for k, v in row.items()})
        else:
            self.rows.writerow([cell(v, self.excel) for v in row])

    def writerows(self, rows: Iterable) -> None:
        for r in rows:
            self.writerow(r)
