"""A corpus of hostile and broken inputs, made at test time (nothing of it is committed).

``corpus()`` returns small files by name; ``big_corpus()`` the generated large ones (a million-row
spreadsheet, a decompression bomb, lists over the row limit). Each entry says what the importer
must do with it: ``"ok"`` (imports) or the words its report must contain.
"""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass

import openpyxl

HEADER = ["编号", "集群名称", "所在市", "核心承载区", "辐射区域", "营业收入2025", "营业收入2027", "来源"]
ROW = ["anping", "安平丝网产业集群", "衡水", "安平县", "饶阳县", "约900", "超1000", "某市规划 p.3"]
# Names a person could type that mean something to Markdown or HTML: they must show as written.
HOSTILE_NAMES = (
    "**加粗** 集群",
    "[官网](http://evil.example/login) 集群",
    "![px](http://evil.example/pixel.png) 集群",
    "_斜体_ `代码` # 标题 | 表格 ~删除~ $x$",
)
MARKUP_NAMES = ("<img src=x onerror=alert(1)>", "[x](javascript:alert(1))")


@dataclass(frozen=True)
class Case:
    data: bytes
    expect: str  # "ok", or words the report must contain


def _csv(rows: list[list[str]], encoding: str = "utf-8", delimiter: str = ",") -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter).writerows(rows)
    return buffer.getvalue().encode(encoding)


def _row(**changes: str) -> list[str]:
    row = dict(zip(HEADER, ROW, strict=True))
    row.update(changes)
    return list(row.values())


def _xlsx(rows: list[list[object]], formula_at: str | None = None) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    if formula_at:
        sheet[formula_at] = "=1+1"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def corpus() -> dict[str, Case]:
    """Small hostile files, by file name."""
    mixed = ",".join(HEADER) + "\n" + ";".join(ROW) + "\n"
    zero_width = [HEADER, ROW, _row(编号="b", 集群名称="安平\u200b丝网产业集群")]
    many_dupes = [HEADER, *[_row(编号=f"r{i}") for i in range(1500)]]
    return {
        "ok_bom.csv": Case(_csv([HEADER, ROW], "utf-8-sig"), "ok"),
        "ok_gb18030.csv": Case(_csv([HEADER, ROW], "gb18030"), "ok"),
        "ok.xlsx": Case(_xlsx([HEADER, ROW]), "ok"),
        "hostile_names.csv": Case(_csv([HEADER, *[_row(编号=f"h{i}", 集群名称=n) for i, n in enumerate(HOSTILE_NAMES)]]), "ok"),
        "utf16.csv": Case(_csv([HEADER, ROW], "utf-16"), "save the file as CSV UTF-8"),
        "binary.csv": Case(bytes(range(256)) * 40, "save the file as CSV UTF-8"),
        "empty.csv": Case(b"", "the file is empty"),
        "blank.csv": Case(b" \n\t\n", "the file is empty"),
        "header_only.csv": Case(_csv([HEADER]), "header but no clusters"),
        "mixed_sep.csv": Case(mixed.encode(), "separated by semicolons but the header by commas"),
        "zero_width_dupe.csv": Case(_csv(zero_width), "duplicate cluster name"),
        "long_name.csv": Case(_csv([HEADER, _row(集群名称="长" * 10_000)]), "at most 2,000"),
        "name_over_200.csv": Case(_csv([HEADER, _row(集群名称="长" * 300)]), "at most 200"),
        "markup_img.csv": Case(_csv([HEADER, _row(集群名称=MARKUP_NAMES[0])]), "markup is not accepted"),
        "markup_js.csv": Case(_csv([HEADER, _row(集群名称=MARKUP_NAMES[1])]), "markup is not accepted"),
        "formula.csv": Case(_csv([HEADER, _row(集群名称='=HYPERLINK("http://x")')]), "may not start with '='"),
        "nines.csv": Case(_csv([HEADER, _row(营业收入2027="9" * 309)]), "too large"),
        "inf.csv": Case(_csv([HEADER, _row(营业收入2027="inf")]), "not an amount"),
        "nan.csv": Case(_csv([HEADER, _row(营业收入2027="nan")]), "not an amount"),
        "huge_sum.csv": Case(_csv([HEADER, *[_row(编号=f"s{i}", 集群名称=f"集群{i}", 营业收入2027="999999999")
                                             for i in range(50)]]), "ok"),
        "year1900.csv": Case(_csv([[*HEADER[:6], "营业收入1900", HEADER[7]], ROW]), "营业收入1900"),
        "year9999.csv": Case(_csv([[*HEADER[:6], "营业收入9999", HEADER[7]], ROW]), "营业收入9999"),
        "dup_ids.csv": Case(_csv([HEADER, ROW, _row(集群名称="另一个集群")]), "duplicate id 'anping' (also row 2)"),
        "wide.csv": Case(_csv([[*HEADER, *[f"c{i}" for i in range(100)]], ROW]), "at most 60 are read"),
        "big_cell.csv": Case(_csv([HEADER, [*ROW[:7], "y" * 3_000_000]]), "not a readable CSV"),
        "many_dupes.csv": Case(_csv(many_dupes), "more problems"),
        "formula.xlsx": Case(_xlsx([HEADER, ROW], formula_at="F2"), "formulas are not accepted"),
        "not_zip.xlsx": Case(b"PK\x03\x04 not really", "not a readable XLSX"),
        "text.xlsx": Case(b"just text", "not a readable XLSX"),
        "many_parts.xlsx": Case(_many_parts_zip(), "parts inside"),
        "dup_names.xlsx": Case(_xlsx([HEADER, ROW, ROW]), "duplicate cluster name"),
        "traversal.yaml": Case(_yaml_plan("source_text: ../../../../../../etc/hostname"), "cannot name a file"),
        "absolute.yaml": Case(_yaml_plan("source_text: /etc/hostname"), "cannot name a file"),
        "inf.yaml": Case(_yaml_plan(value=".inf"), "finite number"),
        "nan.yaml": Case(_yaml_plan(value=".nan"), "finite number"),
        "nines.yaml": Case(_yaml_plan(value="9" * 309), "valid number"),
        "bad_date.yaml": Case(_yaml_plan("published: 2025-13-45"), "not a date"),
        "big_year.yaml": Case(_yaml_plan(year="9" * 5000), "a value cannot be read"),
        "deep.yaml": Case(b"[" * 5000, "nested more than"),
        "laughs.yaml": Case(_laughs(), "aliases"),
        "python_tag.yaml": Case(b'!!python/object/apply:os.system ["echo pwned"]\n', "YAML syntax error"),
        "collide.yaml": Case(_yaml_plan(), "ok"),  # same ids as a bundled plan: imported under its own
        "period.yaml": Case(_yaml_plan(period="[2027, 1900]"), "period must be"),
        "list.yaml": Case(b"- a\n- b\n", "expected a mapping"),
        "latin1.yaml": Case("name: café".encode("latin-1"), "must be UTF-8"),
        "script.pdf": Case(b"%PDF-1.4", "unsupported file type .pdf"),
        "noext": Case(b"a,b", "unsupported file type (none)"),
    }


def _yaml_plan(extra: str = "", *, value: str = "900", year: str = "2025", period: str = "[2023, 2027]") -> bytes:
    """A small plan in the bundled format whose ids repeat the bundled strategic plan's."""
    text = f"""id: strategic-emerging-2023-2027
title_zh: 冒名的规划
title_en: Impostor plan
short_zh: 冒名
short_en: Impostor
issuer_zh: 某人
period: {period}
{extra}
clusters:
  - id: sjz-biomedicine
    name_zh: 冒名集群
    name_en: Impostor cluster
    tier: key
    city: 石家庄市
    core_zones: [高新区]
    quote: 冒名
    targets:
      - {{metric: revenue, year: {year}, value: {value}, unit: 亿元, qualifier: over, quote: 超{value[:10]}亿元}}
"""
    return text.encode()


def _laughs() -> bytes:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i, name in enumerate("bcdefghi"):
        previous = "abcdefghi"[i]
        lines.append(f"{name}: &{name} [{','.join(['*' + previous] * 9)}]")
    return ("\n".join(lines) + "\n").encode()


def _many_parts_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for i in range(1000):
            archive.writestr(f"x/{i}.xml", "")
    return buffer.getvalue()


# ---- generated large files --------------------------------------------------------------------------

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>'
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="xl/workbook.xml"/></Relationships>'
)
_WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
    '<sheet name="clusters" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
    'Target="worksheets/sheet1.xml"/></Relationships>'
)


def streamed_xlsx(rows: int, *, name: str = "集群") -> bytes:
    """An XLSX of ``rows`` data rows written straight as XML (openpyxl would take minutes for a million)."""

    def cell(ref: str, text: str) -> str:
        return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'

    def row(number: int, values: list[str]) -> str:
        return f'<row r="{number}">' + "".join(cell(f"{chr(65 + i)}{number}", v) for i, v in enumerate(values)) + "</row>"

    parts = [row(1, ["集群名称", "所在市", "核心承载区"])]
    parts += [row(n, [f"{name}{n}", "衡水", "安平县"]) for n in range(2, rows + 2)]
    sheet = ('<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
             "<sheetData>" + "".join(parts) + "</sheetData></worksheet>")  # fmt: skip
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _RELS)
        archive.writestr("xl/workbook.xml", _WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        archive.writestr("xl/worksheets/sheet1.xml", sheet)
    return buffer.getvalue()


def bomb_xlsx(expanded_mb: int = 400) -> bytes:
    """A zip that is small on disk and ``expanded_mb`` once unpacked (a decompression bomb)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        with archive.open("xl/worksheets/sheet1.xml", "w") as handle:
            block = b" " * (1024 * 1024)
            for _ in range(expanded_mb):
                handle.write(block)
    return buffer.getvalue()


def big_corpus() -> dict[str, Case]:
    """Large files, generated on the fly."""
    over_rows = [HEADER, *[_row(编号=f"r{i}", 集群名称=f"集群{i}") for i in range(2001)]]
    return {
        "million_rows.xlsx": Case(streamed_xlsx(1_000_000), "unpacks to"),
        "hundred_thousand_rows.xlsx": Case(streamed_xlsx(100_000), "more than 2,000 rows"),
        "bomb.xlsx": Case(bomb_xlsx(), "unpacks to"),
        "over_rows.csv": Case(_csv(over_rows), "more than 2,000 rows"),
    }


# For the app: a list of clusters with hostile (but legal) names, under a hostile file name.
HOSTILE_FILENAME = "**报告** [官网](http://evil.example) ![p](http://evil.example/p.png) <img onerror=alert(1)>.csv"
CORPUS_FOR_APP = corpus()["hostile_names.csv"].data
