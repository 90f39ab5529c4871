"""Write tables to CSV or XLSX, safe to open in a spreadsheet.

A cell whose text starts with ``=``, ``+``, ``-``, ``@`` (or a tab / carriage return) would run as a
formula in Excel or WPS; such text cells get a leading apostrophe. Numbers stay numbers.
"""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd

from geo._errors import AtlasError
from geo.files import write_atomic

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
FORMATS = (".csv", ".xlsx")


def neutralise(value: object) -> object:
    """A text cell made inert for spreadsheets; other values unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def safe_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` with every text cell (and column name) neutralised."""
    out = frame.copy()
    for column in out.columns:
        if out[column].dtype == object or pd.api.types.is_string_dtype(out[column]):
            out[column] = out[column].map(neutralise)
    out.columns = [neutralise(str(c)) for c in out.columns]
    return out


def write_tables(tables: dict[str, pd.DataFrame], path: Path) -> list[Path]:
    """Write ``tables`` to ``path``: one sheet each in an XLSX, or one ``<stem>-<name>.csv`` each.

    CSV is written as UTF-8 with BOM so Excel opens Chinese text correctly. Each file is written
    whole or not at all (``geo.files``). Returns the files written.
    """
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise AtlasError(f"{path}: unsupported extension {path.suffix or '(none)'}; use .csv or .xlsx")
    if suffix == ".xlsx":
        return [write_atomic(path, tables_xlsx_bytes(tables))]
    written = []
    for name, frame in tables.items():
        target = path if len(tables) == 1 else path.with_name(f"{path.stem}-{name}.csv")
        written.append(write_atomic(target, table_bytes(frame, "csv")))
    return written


def tables_xlsx_bytes(tables: dict[str, pd.DataFrame]) -> bytes:
    """Several tables as one XLSX (a sheet each), neutralised."""
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        for name, frame in tables.items():
            safe_frame(frame).to_excel(writer, sheet_name=name[:31], index=False)
    return buffer.getvalue()


def table_bytes(frame: pd.DataFrame, fmt: str, *, sheet: str = "table") -> bytes:
    """One table as CSV (UTF-8 with BOM) or XLSX bytes, neutralised, for a download button."""
    if fmt == "csv":
        return safe_frame(frame).to_csv(index=False).encode("utf-8-sig")
    if fmt == "xlsx":
        return tables_xlsx_bytes({sheet: frame})
    raise AtlasError(f"unsupported table format {fmt!r}; use csv or xlsx")
