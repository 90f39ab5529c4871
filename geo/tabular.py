"""Read an uploaded table (CSV or XLSX) into a header and rows, within fixed limits.

Shared by every importer (cluster lists, actual figures). What a file may cost is bounded before
it is parsed, so one person's upload cannot take the server's memory or time from everyone else:

* at most ``LIMITS.max_bytes`` as uploaded, and for XLSX (a zip) at most ``LIMITS.max_expanded_bytes``
  once unpacked, judged from the zip's own directory before anything is decompressed;
* XLSX is read streaming (``read_only``) and stops at the row and column limits;
* at most ``LIMITS.max_rows`` data rows, ``LIMITS.max_columns`` columns, ``LIMITS.max_cell_chars``
  characters per cell.

Text is decoded as UTF-8 (with or without BOM) or GB18030, as Excel saves CSV in China. Every cell
is normalised (NFC, invisible format characters such as zero-width spaces removed), so two names
that look the same are the same. Problems are ``Problem`` objects naming row and column.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass, field

from geo.files import megabytes
from i18n import problem_text, where_text


@dataclass(frozen=True)
class Limits:
    """What one imported file may cost; stated in the README."""

    max_bytes: int = 20 * 1024 * 1024  # as uploaded
    max_expanded_bytes: int = 25 * 1024 * 1024  # an XLSX once unpacked
    max_zip_entries: int = 500
    max_rows: int = 2_000  # data rows (the 107 specialty clusters fit twenty times over)
    max_columns: int = 60
    max_cell_chars: int = 2_000
    max_name_chars: int = 200  # a cluster's name
    max_reported_problems: int = 50  # the report lists this many and counts the rest


LIMITS = Limits()
SEPARATORS = (",", "\t", ";")


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the file: where (row as the spreadsheet numbers it, column) and what.

    ``code`` and ``fields`` say what, so the CLI and the app word it in either language
    (``text(lang)``; the catalogue is ``i18n.catalogue.PROBLEMS``).
    """

    row: int | None
    column: str | None
    code: str
    fields: dict[str, object] = field(default_factory=dict)
    candidates: tuple[str, ...] = ()

    @property
    def message(self) -> str:
        """What is wrong, in English (for logs and tests)."""
        return problem_text(self.code, self.fields, "en")

    def text(self, lang: str = "en") -> str:
        """Where and what, in ``lang``."""
        where = where_text(self.row, self.column, lang)
        what = problem_text(self.code, self.fields, lang)
        return f"{where}{'：' if lang == 'zh' else ': '}{what}" if where else what

    def __str__(self) -> str:
        return self.text("en")


def problem(row: int | None, column: str | None, code: str, candidates: tuple[str, ...] = (), /,
            **fields: object) -> Problem:  # fmt: skip
    """A ``Problem`` from keyword fields (the positional ones cannot clash with a field's name)."""
    return Problem(row, column, code, fields, candidates)


class TableError(Exception):
    """The file cannot be read as a table at all (one problem, with row and column where known)."""

    def __init__(self, code: str, *, row: int | None = None, column: str | None = None, **fields: object) -> None:
        self.problem = problem(row, column, code, **fields)
        super().__init__(self.problem.message)


def clean_cell(text: str) -> str:
    """A cell as the atlas compares it: NFC, no invisible format characters, no outer spaces."""
    text = unicodedata.normalize("NFC", text)
    return "".join(ch for ch in text if unicodedata.category(ch) != "Cf").strip()


def shorten(text: str, limit: int = 60) -> str:
    """Text cut to ``limit`` characters for a message (with … where cut)."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def read_table(data: bytes, suffix: str, limits: Limits = LIMITS) -> tuple[list[str], list[list[str]]]:
    """Header and data rows of a CSV or XLSX file; ``TableError`` when it cannot be read."""
    if len(data) > limits.max_bytes:
        raise TableError("file_too_big", size=megabytes(len(data)), limit=megabytes(limits.max_bytes))
    rows = _read_csv(data, limits) if suffix == ".csv" else _read_xlsx(data, limits)
    if not rows:
        raise TableError("empty_file")
    header, body = rows[0], rows[1:]
    return [clean_cell(h) for h in header], [[clean_cell(c) for c in row] for row in body]


def decode_text(data: bytes) -> str:
    """UTF-8 (BOM or not) or GB18030 text; ``TableError`` for anything else (UTF-16, binary)."""
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if "\x00" not in text:
            return text
    raise TableError("undecodable")


def _header_separator(first_line: str) -> str:
    """The separator of the header line: the one that splits it into the most cells."""
    counts = {sep: first_line.count(sep) for sep in SEPARATORS}
    best = max(counts, key=lambda sep: counts[sep])
    return best if counts[best] else ","


def _read_csv(data: bytes, limits: Limits) -> list[list[str]]:
    text = decode_text(data)
    first_line = next((line for line in text.splitlines() if line.strip()), "")
    separator = _header_separator(first_line)
    others = [s for s in SEPARATORS if s != separator]
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator)
    rows: list[list[str]] = []
    width = 0
    try:
        for line_number, row in enumerate(reader, start=1):
            if not any(cell.strip() for cell in row):
                continue
            _check_size(row, len(rows) + 1, limits)
            if not rows:
                width = len(row)
            elif len(row) == 1 and width > 1 and any(s in row[0] for s in others):
                used = next(s for s in others if s in row[0])
                raise TableError("mixed_separators", row=line_number, used=_name(used), header=_name(separator))
            rows.append(row)
    except csv.Error as error:
        raise TableError("csv_unreadable", detail=str(error)[:100]) from None
    return rows


def _name(separator: str) -> str:
    return {",": "commas", "\t": "tabs", ";": "semicolons"}[separator]  # i18n: sep_<name>


def _check_size(row: list[str], number: int, limits: Limits) -> None:
    if number > limits.max_rows + 1:
        raise TableError("too_many_rows", limit=limits.max_rows)
    if len(row) > limits.max_columns:
        raise TableError("too_many_columns", row=number, n=len(row), limit=limits.max_columns)
    for index, cell in enumerate(row):
        if len(cell) > limits.max_cell_chars:
            raise TableError("cell_too_long", row=number, column=f"#{index + 1}", n=len(cell), limit=limits.max_cell_chars)


def _check_zip(data: bytes, limits: Limits) -> None:
    """Refuse an XLSX whose unpacked size or entry count is over the limits, before unpacking it."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        raise TableError("xlsx_unreadable", detail="not a zip archive") from None
    if len(entries) > limits.max_zip_entries:
        raise TableError("xlsx_too_many_parts", n=len(entries))
    expanded = sum(entry.file_size for entry in entries)
    if expanded > limits.max_expanded_bytes:
        raise TableError("xlsx_too_big_unpacked", size=megabytes(expanded), limit=megabytes(limits.max_expanded_bytes),
                         rows=limits.max_rows)  # fmt: skip


_COLUMN = re.compile(r"^[A-Z]{1,3}$")


def _read_xlsx(data: bytes, limits: Limits) -> list[list[str]]:
    _check_zip(data, limits)
    import openpyxl  # noqa: PLC0415 (only for spreadsheets)

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception as error:  # openpyxl raises many kinds for a damaged file
        raise TableError("xlsx_unreadable", detail=type(error).__name__) from None
    try:
        if not book.worksheets:
            raise TableError("xlsx_no_sheets")
        sheet = book.worksheets[0]
        rows: list[list[str]] = []
        for r, cells in enumerate(sheet.iter_rows(max_col=limits.max_columns + 1), start=1):
            values = []
            for index, cell in enumerate(cells):
                if cell.value is None:
                    values.append("")
                    continue
                if getattr(cell, "data_type", None) == "f":
                    column = openpyxl.utils.get_column_letter(index + 1)
                    raise TableError("xlsx_formula", row=r, column=column)
                values.append(_cell_text(cell.value))
            while values and not values[-1]:
                values.pop()
            if any(v.strip() for v in values):
                _check_size(values, len(rows) + 1, limits)
                rows.append(values)
        return rows
    except TableError:
        raise
    except Exception as error:  # a damaged sheet part
        raise TableError("xlsx_unreadable", detail=type(error).__name__) from None
    finally:
        book.close()


def _cell_text(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def bounded_report(head: str, problems: list[Problem], lang: str = "en", limits: Limits = LIMITS) -> str:
    """A report that lists at most ``max_reported_problems`` problems and counts the rest."""
    shown = problems[: limits.max_reported_problems]
    lines = [head, *(f"  {shorten(p.text(lang), 400)}" for p in shown)]
    if len(problems) > len(shown):
        lines.append("  " + problem_text("report_more", {"n": len(problems) - len(shown)}, lang))
    return "\n".join(lines)
