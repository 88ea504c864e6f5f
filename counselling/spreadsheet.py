"""What every CSV and XLSX download of the portal shares: cells that never run as formulas and
the CSV dialect.

- A text cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is run as
  a formula by spreadsheet programs (``=HYPERLINK(…)`` typed as a centre's name in the admin).
  Such a cell gets a leading apostrophe, which the programs show as text (OWASP "CSV
  injection"). Numbers are numbers and stay as they are.
- CSV is written in the dialect German Excel opens with a double click: semicolons between the
  cells, a decimal comma, UTF-8 with a byte order mark (for the umlauts). ``?separator=comma``
  gives the international dialect (commas, decimal point), still with the byte order mark.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
SEPARATORS = {"semicolon": ";", "comma": ","}
DEFAULT_SEPARATOR = "semicolon"


def safe_cell(value):
    """``value`` as a cell no spreadsheet program runs as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def safe_row(row: Iterable) -> list:
    return [safe_cell(value) for value in row]


def separator_of(request) -> str:
    """The CSV separator the request asks for (``?separator=comma``); semicolon otherwise."""
    return SEPARATORS.get(request.GET.get("separator", ""), SEPARATORS[DEFAULT_SEPARATOR])


def _csv_value(value, separator: str):
    if separator == ";" and isinstance(value, float):
        return str(value).replace(".", ",")
    return value


def csv_text(rows: Iterable[Iterable], separator: str = ";") -> str:
    """The rows as CSV text with a byte order mark, every cell made safe."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer, delimiter=separator, lineterminator="\r\n")
    for row in rows:
        writer.writerow([_csv_value(safe_cell(value), separator) for value in row])
    return buffer.getvalue()
