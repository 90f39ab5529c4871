"""Importing a cluster list: every bad input refused with row and column, round trips, properties."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from geo import importer
from geo.coverage import coverage_tables
from geo.figures import Qualifier
from geo.importer import import_bytes, import_file, parse_amount, template_bytes, write_template
from geo.reconcile import growth_table
from layers.export import render_html
from layers.views import View
from tests.atlases import hebei

HEADER = ["集群名称", "所在市", "核心承载区", "辐射区域", "营业收入2025", "营业收入2027", "来源"]
GOOD = ["安平丝网产业集群", "衡水", "安平县", "饶阳县；深州市", "约900", "超1000", "某市规划 p.3"]


def _csv(rows: list[list[str]], encoding: str = "utf-8") -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    return buffer.getvalue().encode(encoding)


def _messages(data: bytes, name: str = "list.csv") -> list[str]:
    result = import_bytes(data, name, hebei())
    assert result.plan is None and not result.ok  # nothing is imported halfway
    return [str(p) for p in result.problems]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"])
def test_csv_in_every_encoding_excel_writes(encoding: str) -> None:
    result = import_bytes(_csv([HEADER, GOOD], encoding), "list.csv", hebei())
    assert result.ok, result.report()
    (cluster,) = result.plan.clusters
    assert cluster.city == "衡水市" and cluster.core_zones == ["安平县"]
    assert cluster.radiating_areas == ["饶阳县", "深州市"]
    assert [(t.year, t.value, t.qualifier) for t in cluster.targets_for("revenue")] == [
        (2025, 900, Qualifier.ABOUT), (2027, 1000, Qualifier.OVER)
    ]  # fmt: skip
    assert cluster.targets[0].quote == "约900（某市规划 p.3）"


def test_wrong_encoding() -> None:
    (message,) = _messages(_csv([HEADER, GOOD], "utf-16"))
    assert "save the file as CSV UTF-8" in message


def test_empty_and_header_only_files() -> None:
    assert _messages(b"") == ["the file is empty"]
    assert _messages(b"\n \n") == ["the file is empty"]
    assert _messages(_csv([HEADER])) == ["the file has a header but no clusters"]


def test_missing_and_misspelled_columns() -> None:
    messages = _messages(_csv([["集群明称", "所在市", "核心承载区"], ["x", "衡水", "安平县"]]))
    assert any("row 1, column 集群明称: unknown column '集群明称'; did you mean 集群名称" in m for m in messages)
    assert any("missing column name" in m for m in messages)


def test_duplicate_names() -> None:
    messages = _messages(_csv([HEADER, GOOD, GOOD]))
    assert messages == ["row 3, column 集群名称: duplicate cluster name '安平丝网产业集群' (also row 2)"]


def test_file_over_the_size_limit(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(importer, "MAX_BYTES", 100)
    big = tmp_path / "big.csv"
    big.write_bytes(_csv([HEADER, *[GOOD] * 10]))
    result = import_file(big, hebei())
    assert not result.ok and "the limit is 0 MB" in str(result.problems[0])
    assert import_file(tmp_path / "missing.csv", hebei()).problems[0].message.endswith("file not found")


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("超abc", "row 2, column 营业收入2027: not an amount: '超abc'"),
        ("-5", "row 2, column 营业收入2027: negative amount '-5'"),
        ("1,000", None),  # thousands separators are fine
        ("突破2500亿元", None),
        ("1000亿元以上", None),
    ],
)
def test_targets(cell: str, expected: str | None) -> None:
    row = [*GOOD[:5], cell, GOOD[6]]
    result = import_bytes(_csv([HEADER, row]), "list.csv", hebei())
    if expected is None:
        assert result.ok, result.report()
    else:
        assert any(expected in str(p) for p in result.problems), result.report()


def test_figures_need_a_source() -> None:
    messages = _messages(_csv([HEADER, [*GOOD[:6], ""]]))
    assert messages == ["row 2, column 来源: figures need a source (column source / 来源)"]


@pytest.mark.parametrize(
    ("column", "cell", "expected"),
    [
        (0, "<img src=x onerror=alert(1)>", "markup is not accepted"),
        (3, "<script>alert(1)</script>", "markup is not accepted"),
        (0, '=HYPERLINK("http://x")', "a cell may not start with '='"),
        (0, "+cmd", "a cell may not start with '+'"),
        (0, "-cmd", "a cell may not start with '-'"),
        (6, "@SUM(A1)", "a cell may not start with '@'"),
    ],
)
def test_markup_and_formulas_are_refused(column: int, cell: str, expected: str) -> None:
    row = list(GOOD)
    row[column] = cell
    messages = _messages(_csv([HEADER, row]))
    assert any(f"row 2, column {HEADER[column]}: {expected}" in m for m in messages), messages


def test_places_resolve_in_the_rows_city_or_are_reported_with_candidates() -> None:
    rows = [
        HEADER,
        ["石家庄生物医药", "石家庄", "高新区", "石家庄经济开发区、栾城区", "", "", ""],
        ["张家口数据", "张家口市", "经济开发区", "桥东区", "", "", ""],
        ["错误地名", "保定", "新华区", "", "", "", ""],
        ["模糊地名", "沧州", "开发区", "", "", "", ""],
        ["未知城市", "北京", "东城区", "", "", "", ""],
    ]
    result = import_bytes(_csv(rows), "list.csv", hebei())
    assert not result.ok
    by_row = {p.row: p for p in result.problems}
    assert set(by_row) == {4, 5, 6}
    assert by_row[4].column == "核心承载区" and len(by_row[4].candidates) == 2  # 新华区 is in 石家庄 and 沧州
    assert "never guessed" in by_row[5].message
    assert by_row[6].column == "所在市" and "unknown city '北京'" in by_row[6].message


def test_unknown_tier() -> None:
    messages = _messages(_csv([[*HEADER, "类别"], [*GOOD, "重点"]]))
    assert any("column 类别: unknown tier '重点'" in m for m in messages)


def test_xlsx_with_a_formula_is_refused() -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(HEADER)
    sheet.append(GOOD)
    sheet["F2"] = "=1000+1"
    buffer = io.BytesIO()
    book.save(buffer)
    (message,) = _messages(buffer.getvalue(), "list.xlsx")
    assert message == "row 2, column F: formulas are not accepted; paste values only"


def test_not_a_spreadsheet() -> None:
    assert _messages(b"PK\x03\x04 garbage", "list.xlsx")[0].startswith("not a readable XLSX file")
    assert _messages(b"x", "list.pdf")[0].startswith("unsupported file type .pdf")


def test_yaml_plan_format() -> None:
    from geo import settings as atlas_settings  # noqa: PLC0415

    bundled = atlas_settings.plans_dir() / "strategic-emerging-2023-2027.yaml"
    source = (atlas_settings.plans_dir() / "sources" / "strategic-emerging-2023-2027.txt").read_text(encoding="utf-8")
    # An upload carries its source text inside (source_content); its quotes are checked against it.
    text = bundled.read_text(encoding="utf-8").replace("source_text: sources/strategic-emerging-2023-2027.txt",
                                                       "source_content: " + json.dumps(source, ensure_ascii=False))
    result = import_bytes(text.encode(), "plan.yaml", hebei())
    assert result.ok, result.report()
    assert len(result.plan.clusters) == 17 and result.plan.source_content == source
    broken = text.replace("value: 250", "value: -250", 1).encode()
    messages = _messages(broken, "plan.yaml")
    assert any("clusters[0] (id: sjz-biomedicine), field targets[1].value" in m for m in messages)
    misquoted = text.replace("总投资约250亿元", "总投资约260亿元", 1).encode()
    assert any("quote not found in the plan's source text" in m for m in _messages(misquoted, "plan.yaml"))


def test_round_trip_template_fill_import_export(tmp_path: Path) -> None:
    template = write_template(tmp_path / "template.xlsx", hebei())
    book = openpyxl.load_workbook(template)
    sheet = book["集群"]
    header = [c.value for c in sheet[1]]
    assert header[:6] == ["编号", "集群名称", "英文名称", "所在市", "类别", "核心承载区"]
    sheet.append(["nangong-felt", "南宫羊剪绒产业集群", "", "邢台市", "重点特色", "南宫市", "", "约80", "", "超100",
                  "县政府工作报告", ""])  # fmt: skip
    book.save(template)
    result = import_file(template, hebei())
    assert result.ok, result.report()
    plan = result.plan
    # the template's example rows come from the region's own divisions, and import unedited
    assert [c.id for c in plan.clusters] == ["u-example-1", "u-example-2", "u-nangong-felt"]
    assert [c.city for c in plan.clusters] == ["石家庄市", "唐山市", "邢台市"]
    page = render_html(hebei(), View(kind="cluster", clusters=("u-nangong-felt",)), [*hebei().plans, plan])
    assert "南宫羊剪绒产业集群" in page and "超100亿元" in page
    tables = coverage_tables(hebei(), [plan])
    assert set(tables["clusters"]["core_counties"]) == {"长安区", "路南区", "南宫市"}
    growth = growth_table([plan]).set_index("cluster_id")
    assert growth.loc["u-nangong-felt", "to_target"] == "超100亿元"
    csv_template = template_bytes("csv", hebei())
    assert csv_template.startswith(b"\xef\xbb\xbf") and import_bytes(csv_template, "t.csv", hebei()).ok


def test_template_in_english_reads_in_english_and_imports_unedited() -> None:
    """The English template: English headers, tier and guide (place names and units stay as written);
    the Chinese one has no English header; both import unedited."""
    english = openpyxl.load_workbook(io.BytesIO(template_bytes("xlsx", hebei(), "en")))
    assert english.sheetnames == ["clusters", "guide"]
    rows = [[c.value for c in row] for row in english["clusters"].iter_rows()]
    assert rows[0][:7] == ["id", "name", "name_en", "city", "tier", "core_zones", "radiating_areas"]
    assert rows[0][-2:] == ["source", "note"] and all(h.startswith("revenue_") for h in rows[0][7:-2])
    assert rows[1][1] == "Example Cluster 1" and rows[1][4] == "specialty"
    assert rows[1][-1] == "example: replace with a real cluster"
    guide = [[c.value for c in row] for row in english["guide"].iter_rows()]
    assert guide[0] == ["column", "meaning"] and "core_zones" in [r[0] for r in guide]
    assert all(re.fullmatch(r"[\x00-\x7f]+", r[0]) for r in guide)  # every column named in English
    chinese = openpyxl.load_workbook(io.BytesIO(template_bytes("xlsx", hebei(), "zh")))
    assert chinese.sheetnames == ["集群", "说明"]
    header = [c.value for c in chinese["集群"][1]]
    assert not any(re.search(r"[A-Za-z]", h) for h in header)
    guide_zh = [[c.value for c in row] for row in chinese["说明"].iter_rows()]
    assert not any(re.search(r"[A-Za-z]{3,}", meaning) for _, meaning in guide_zh)
    for lang in ("zh", "en"):
        for fmt in ("csv", "xlsx"):
            result = import_bytes(template_bytes(fmt, hebei(), lang), f"t.{fmt}", hebei())
            assert result.ok, result.report()
            assert result.plan.clusters[0].name_zh == ("Example Cluster 1" if lang == "en" else "示例产业集群1")


def test_parse_amount() -> None:
    assert parse_amount("超1000") == (1000, Qualifier.OVER)
    assert parse_amount("约 250 亿元") == (250, Qualifier.ABOUT)
    assert parse_amount("8左右") == (8, Qualifier.ABOUT)
    with pytest.raises(ValueError, match="negative"):
        parse_amount("-1")


KNOWN = set(hebei().gazetteer.names())
cells = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=20)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(cells, min_size=7, max_size=7), min_size=1, max_size=4))
def test_arbitrary_cells_never_crash_and_never_guess_a_place(rows: list[list[str]]) -> None:
    result = import_bytes(_csv([HEADER, *rows]), "fuzz.csv", hebei())
    if result.plan is None:
        assert result.problems
        return
    for cluster in result.plan.clusters:
        for place in [*cluster.core_zones, *cluster.radiating_areas]:
            squashed = "".join(place.split())
            assert squashed in KNOWN or any(squashed.endswith(name) for name in KNOWN), place


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=400))
def test_arbitrary_bytes_never_crash(data: bytes) -> None:
    for name in ("x.csv", "x.xlsx", "x.yaml"):
        result = import_bytes(data, name, hebei())
        assert result.ok or result.problems
