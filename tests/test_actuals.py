"""Actual figures: the bundled file and its sources, the loader's refusals, and importing a user's figures."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import shutil
from pathlib import Path

import openpyxl
import pytest

from geo._errors import DataFileError
from geo._yaml import read_yaml
from geo.actuals import Actual, load_actuals
from geo.actuals_import import (
    ActualsImport,
    import_actuals_bytes,
    import_actuals_file,
    problem_words,
    template_bytes,
    template_rows,
)
from geo.figures import Qualifier
from geo.plans import Plan
from geo.progress import progress
from i18n.progress_words import PROGRESS_PROBLEMS, PROGRESS_TEXT

DATA = Path(__file__).resolve().parent.parent / "data"
ACTUALS = DATA / "actuals"
BUNDLED_FILE = "hebei-actuals.yaml"


def _squash(text: str) -> str:
    return "".join(text.split())


@pytest.fixture(scope="module")
def plans() -> list[Plan]:
    """The bundled plans' structure (ids, clusters, goals, targets); their own checks live in test_plans."""
    return [Plan.model_validate(read_yaml(path)) for path in sorted((DATA / "plans").glob("*.yaml"))]


@pytest.fixture(scope="module")
def bundled(plans: list[Plan]) -> list[Actual]:
    return load_actuals(ACTUALS, plans)


# ---- the bundled actuals -------------------------------------------------------------------------------

def test_the_bundled_actuals_load_and_every_quote_is_in_its_source(bundled: list[Actual]) -> None:
    assert {a.id for a in bundled} == {
        "specialty-clusters-revenue-2024", "specialty-clusters-revenue-2025-h1", "specialty-clusters-over-100bn-2025-h1",
        "zjk-servers-2023-h1", "zjk-servers-2025-h1", "high-tech-share-2023", "high-tech-share-2024-h1",
        "sjz-biomedicine-revenue-2023",
    }  # fmt: skip
    names = read_yaml(ACTUALS / BUNDLED_FILE)["source_texts"]
    for actual in bundled:
        text = (ACTUALS / names[actual.source_text]).read_text(encoding="utf-8")
        assert _squash(actual.quote) in _squash(text), actual.id  # checked here independently of the loader
        assert not actual.user_supplied and actual.publisher and actual.url and actual.date
    for path in (ACTUALS / "sources").glob("*.txt"):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("URL: http") and "Publisher:" in first and "Date:" in first, path.name


def test_the_bundled_figures_are_the_ones_the_research_confirmed(bundled: list[Actual]) -> None:
    by_id = {a.id: a for a in bundled}
    total = by_id["specialty-clusters-revenue-2024"]
    assert (total.goal, total.metric, total.value, total.unit, total.period) == (
        "cluster-revenue-2027", "cluster-revenue-total", 36000, "亿元", "year")  # fmt: skip
    count = by_id["specialty-clusters-over-100bn-2025-h1"]
    assert (count.value, count.threshold, count.period) == (7, 1000, "H1")
    servers = by_id["zjk-servers-2025-h1"]
    assert (servers.value, servers.unit, servers.period) == (1_720_000, "台", "H1")
    assert "183万台" in servers.scope_note_zh and "1.83 million" in servers.scope_note_en
    biomed = by_id["sjz-biomedicine-revenue-2023"]
    assert biomed.qualifier is Qualifier.PASSING and "高新区" in biomed.scope_note_zh
    assert by_id["high-tech-share-2023"].value == 21.4 and by_id["high-tech-share-2024-h1"].period == "H1"


def test_the_bundled_statuses(plans: list[Plan], bundled: list[Actual]) -> None:
    rows = {(r.plan_id, r.cluster_id or r.goal_id, r.metric, r.year): r for r in progress(plans, bundled)}
    s, p = "strategic-emerging-2023-2027", "specialty-2025-2027"
    assert rows[(s, "sjz-biomedicine", "revenue", 2023)].status == "achieved"
    assert rows[(s, "sjz-biomedicine", "revenue", 2027)].status == "green"
    assert rows[(s, "high-tech-share-2023", "high-tech-value-added-share", 2023)].status == "missed"
    share = rows[(s, "high-tech-share-2025", "high-tech-value-added-share", 2025)]
    assert share.status == "yellow" and share.half_year is not None and share.half_year.value == 22
    servers = rows[(s, "zjk-big-data", "operating-servers", 2025)]
    assert (servers.status, servers.reason, servers.half_year.value) == ("unknown", "only-half-year", 1_720_000)  # type: ignore[union-attr]
    total = rows[(p, "cluster-revenue-2027", "cluster-revenue-total", 2027)]
    assert (total.status, total.reason) == ("unknown", "before-plan-path")
    assert total.required_growth == pytest.approx((45000 / 36000) ** (1 / 3) - 1)
    count = rows[(p, "clusters-over-100bn-2027", "clusters-revenue-over", 2027)]
    assert (count.status, count.known, count.unknown) == ("unknown", 0, 107) and count.half_year.value == 7  # type: ignore[union-attr]
    named = rows[(s, "clusters-over-100bn-2023", "clusters-revenue-over", 2023)]
    assert (named.known, named.unknown, named.meeting) == (1, 2, 1)


def test_a_missing_folder_means_no_actuals(plans: list[Plan], tmp_path: Path) -> None:
    assert load_actuals(tmp_path / "nowhere", plans) == []


# ---- the loader's refusals ------------------------------------------------------------------------------

def _broken(tmp_path: Path, plans: list[Plan], old: str, new: str) -> str:
    folder = tmp_path / "actuals"
    shutil.copytree(ACTUALS, folder)
    path = folder / BUNDLED_FILE
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")
    with pytest.raises(DataFileError) as caught:
        load_actuals(folder, plans)
    message = str(caught.value)
    assert str(path) in message
    return message


def test_a_tampered_quote_is_refused(tmp_path: Path, plans: list[Plan]) -> None:
    message = _broken(tmp_path, plans, "占规模以上工业比重为21.4%", "占规模以上工业比重为24.1%")
    assert "actuals[5] (id: high-tech-share-2023), field quote" in message
    assert "quote not found in source text 'hebtv-2023'" in message


@pytest.mark.parametrize("name", ["sources/../../plans/sources/specialty-2025-2027.txt", "../plans/sources/x.txt",
                                  "/etc/hostname", "hebei-actuals.yaml"])  # fmt: skip
def test_a_source_text_outside_sources_is_refused(tmp_path: Path, plans: list[Plan], name: str) -> None:
    message = _broken(tmp_path, plans, "sources/hebtv-hightech-2023.txt", name)
    assert "field source_texts.hebtv-2023" in message and "is outside sources/" in message


def test_an_unknown_cluster_id_is_refused(tmp_path: Path, plans: list[Plan]) -> None:
    message = _broken(tmp_path, plans, "cluster: sjz-biomedicine", "cluster: sjz-biomedicin")
    assert "actuals[7] (id: sjz-biomedicine-revenue-2023), field cluster" in message
    assert "no cluster 'sjz-biomedicin' in plan strategic-emerging-2023-2027" in message


def test_an_infinite_or_huge_value_is_refused(tmp_path: Path, plans: list[Plan]) -> None:
    message = _broken(tmp_path, plans, "value: 21.4", "value: .inf")
    assert "actuals[5] (id: high-tech-share-2023), field value" in message and "finite" in message
    huge = _broken(tmp_path / "2", plans, "value: 21.4", "value: 2e9")
    assert "field value" in huge and "less than or equal to 1000000000" in huge


def test_other_references_are_checked(tmp_path: Path, plans: list[Plan]) -> None:
    unit = _broken(tmp_path / "unit", plans, "value: 21.4\n    unit: \"%\"", "value: 21.4\n    unit: 亿元")
    assert "field unit" in unit and "the target is in %" in unit
    rate = _broken(tmp_path / "rate", plans, "goal: high-tech-share-2023  #", "goal: cluster-revenue-growth-2025-2027  #")
    assert "field goal" in rate  # a plan not having that goal, or a goal stated over a period
    goal = _broken(tmp_path / "goal", plans, "goal: high-tech-share-2025\n", "goal: high-tech-share-2030\n")
    assert "actuals[6] (id: high-tech-share-2024-h1), field goal: Value error, no goal 'high-tech-share-2030'" in goal
    period = _broken(tmp_path / "period", plans, "period: H1  # \"目前\"", "period: Q3  # \"目前\"")
    assert "actuals[3] (id: zjk-servers-2023-h1), field period" in period
    source = _broken(tmp_path / "source", plans, "source_text: hebtv-2023", "source_text: hebtv-2030")
    assert "field source_text" in source and "unknown source text 'hebtv-2030'" in source


def test_two_figures_of_the_same_quantity_are_refused(tmp_path: Path, plans: list[Plan]) -> None:
    # the 2024 half-year figure made a 2023 full-year one: the same figure as high-tech-share-2023, named by the
    # other goal of the same series
    half, full = "year: 2024\n    period: H1\n    value: 22\n", "year: 2023\n    period: year\n    value: 22\n"
    message = _broken(tmp_path, plans, half, full)
    assert "actuals[6] (id: high-tech-share-2024-h1), field period: a second figure" in message
    assert "(also hebei-actuals.yaml id high-tech-share-2023)" in message
    folder = tmp_path / "dup"
    shutil.copytree(ACTUALS, folder)
    extra = (folder / BUNDLED_FILE).read_text(encoding="utf-8").split("source_texts:")[1]
    second = "source_texts:" + extra.replace("id: ", "id: copy-")
    (folder / "more.yaml").write_text(second, encoding="utf-8")
    with pytest.raises(DataFileError, match=r"more\.yaml: actuals\[0\] \(id: copy-specialty-clusters-revenue-2024\), "
                                            r"field period: a second figure"):  # fmt: skip
        load_actuals(folder, plans)


# ---- importing a user's figures ------------------------------------------------------------------------

def _cluster(cluster_id: str, name: str, targets: list[tuple[str, int, float, str, str]]) -> dict[str, object]:
    return {
        "id": cluster_id, "name_zh": name, "name_en": cluster_id, "tier": "key", "city": "石家庄市",
        "core_zones": ["高新区"], "quote": "原文",
        "targets": [{"metric": m, "year": y, "value": v, "unit": u, "qualifier": q, "quote": "原文"}
                    for m, y, v, u, q in targets],
    }  # fmt: skip


def _test_plan(plan_id: str, clusters: list[dict[str, object]]) -> Plan:
    return Plan.model_validate({
        "id": plan_id, "title_zh": "测试规划", "title_en": "Test plan", "short_zh": "测试", "short_en": "Test",
        "issuer_zh": "测试", "period": [2023, 2027], "clusters": clusters,
    })  # fmt: skip


@pytest.fixture(scope="module")
def mine() -> list[Plan]:
    """Two plans of made-up clusters; both name a cluster 共有产业集群."""
    first = _test_plan("plan-a", [
        _cluster("alpha", "甲产业集群", [("revenue", 2025, 1000, "亿元", "over"), ("revenue", 2027, 1200, "亿元", "over")]),
        _cluster("beta", "乙产业集群", [("operating-servers", 2025, 4_000_000, "台", "reach")]),
        _cluster("shared-a", "共有产业集群", [("revenue", 2025, 500, "亿元", "over")]),
    ])  # fmt: skip
    second = _test_plan("plan-b", [_cluster("shared-b", "共有产业集群", [("revenue", 2025, 600, "亿元", "over")])])
    return [first, second]


HEADER = ["cluster", "year", "period", "metric", "value", "source", "quote", "url", "date"]
GOOD = [
    ["甲产业集群", "2025", "year", "revenue", "超1050", "某市统计公报", "营业收入超1050亿元", "https://example.org/a",
     "2026-02-01"],
    ["beta", "2025", "H1", "operating-servers", "1720000", "某报", "", "", ""],
]  # fmt: skip


def _csv(rows: list[list[str]], encoding: str = "utf-8") -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    return buffer.getvalue().encode(encoding)


def _xlsx(rows: list[list[object]]) -> bytes:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _failed(data: bytes, plans: list[Plan], name: str = "figures.csv") -> ActualsImport:
    result = import_actuals_bytes(data, name, plans)
    assert not result.ok and result.actuals == []  # nothing is imported halfway
    assert result.problems
    return result


def _codes(result: ActualsImport) -> list[tuple[int | None, str | None, str]]:
    return [(p.row, p.column, p.code) for p in result.problems]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"])
def test_a_good_csv_in_every_encoding_excel_writes(mine: list[Plan], encoding: str) -> None:
    result = import_actuals_bytes(_csv([HEADER, *GOOD], encoding), "figures.csv", mine)
    assert result.ok, result.report()
    first, second = result.actuals
    assert (first.plan, first.cluster, first.metric, first.year, first.period) == ("plan-a", "alpha", "revenue", 2025, "year")
    assert (first.value, first.qualifier, first.unit) == (1050, Qualifier.OVER, "亿元")
    assert first.user_supplied and first.publisher == "某市统计公报" and first.date == "2026-02-01"
    assert (second.value, second.unit, second.period, second.quote) == (1_720_000, "台", "H1", "")
    assert "2 actual figures imported" in result.report("en") and "已导入 2 个实际数据" in result.report("zh")


def test_a_good_xlsx(mine: list[Plan]) -> None:
    typed = ["alpha", 2026, "year", "revenue", 1180.5, "某报", None, None, dt.datetime(2027, 3, 1)]  # numbers and a date cell
    result = import_actuals_bytes(_xlsx([HEADER, *GOOD, typed]), "figures.xlsx", mine)
    assert result.ok, result.report()
    assert [a.value for a in result.actuals] == [1050, 1_720_000, 1180.5]
    assert (result.actuals[2].year, result.actuals[2].date) == (2026, "2027-03-01")


def test_chinese_headers_and_words(mine: list[Plan]) -> None:
    header = ["集群", "年份", "期间", "指标", "数值", "来源", "原文", "网址", "日期"]
    rows = [["甲产业集群", "2026", "上半年", "营业收入", "约560", "某市发布会", "上半年营收约560亿元", "", ""],
            ["alpha", "2026", "全年", "营业收入", "1100", "某市统计公报", "", "", ""]]  # fmt: skip
    result = import_actuals_bytes(_csv([header, *rows]), "数据.csv", mine)
    assert result.ok, result.report()
    found = [(a.period, a.qualifier, a.value) for a in result.actuals]
    assert found == [("H1", Qualifier.ABOUT, 560), ("year", Qualifier.EXACT, 1100)]


def test_an_import_with_errors_returns_nothing_and_names_row_and_column(mine: list[Plan]) -> None:
    rows = [GOOD[0],
            ["甲产业集群", "20x5", "year", "revenue", "abc", "", "", "ftp://x", "2025-13-01"],
            ["乙产业集群", "2025", "year", "revenue", "1000台", "某报", "", "", ""]]  # fmt: skip
    result = _failed(_csv([HEADER, *rows]), mine)
    assert _codes(result) == [
        (3, "year", "actual_year_invalid"), (3, "source", "actual_source_needed"), (3, "url", "actual_url_invalid"),
        (3, "date", "actual_date_invalid"), (3, "value", "actual_value_invalid"),
        (4, "value", "actual_unit_mismatch"),
    ]  # fmt: skip
    expected = "row 3, column year: the year '20x5' must be a whole number between 1990 and 2100"
    assert problem_words(result.problems[0], "en") == expected
    assert problem_words(result.problems[0], "zh").startswith("第3行，“year”列：年份“20x5”")
    report = result.report("en")
    assert "not imported, 6 problem(s)" in report
    assert "row 4, column value: '1000台' is not in the target's unit, 亿元 (100 million yuan)" in report


def test_an_ambiguous_cluster_name_lists_the_candidates_and_the_plan_column_picks_one(mine: list[Plan]) -> None:
    row = ["共有产业集群", "2025", "year", "revenue", "520", "某报", "", "", ""]
    result = _failed(_csv([HEADER, row]), mine)
    (found,) = result.problems
    assert (found.row, found.column, found.code) == (2, "cluster", "actual_ambiguous_cluster")
    assert found.candidates == ("plan-a: 共有产业集群 (shared-a)", "plan-b: 共有产业集群 (shared-b)")
    assert "plan-a: 共有产业集群 (shared-a); plan-b: 共有产业集群 (shared-b)" in problem_words(found)
    chosen = import_actuals_bytes(_csv([["plan", *HEADER], ["plan-b", *row]]), "figures.csv", mine)
    assert chosen.ok and chosen.actuals[0].cluster == "shared-b"
    wrong = _failed(_csv([["plan", *HEADER], ["plan-c", *row]]), mine)
    assert _codes(wrong) == [(2, "plan", "actual_unknown_plan")]


def test_an_unknown_cluster_or_metric_and_a_bad_period(mine: list[Plan]) -> None:
    rows = [["甲产业集", "2025", "year", "revenue", "1", "某报", "", "", ""],
            ["甲产业集群", "2025", "year", "profit", "1", "某报", "", "", ""],
            ["甲产业集群", "2025", "Q3", "revenue", "1", "某报", "", "", ""],
            ["甲产业集群", "2025", "", "revenue", "1", "某报", "", "", ""]]  # fmt: skip
    result = _failed(_csv([HEADER, *rows]), mine)
    assert _codes(result) == [(2, "cluster", "actual_unknown_cluster_near"), (3, "metric", "actual_unknown_metric"),
                              (4, "period", "actual_period_invalid"), (5, "period", "actual_period_invalid")]  # fmt: skip
    assert "did you mean 甲产业集群" in problem_words(result.problems[0])
    assert "revenue (营业收入)" in problem_words(result.problems[1])
    assert "the period 'Q3' must be year (全年) or H1 (上半年)" in problem_words(result.problems[2])


def test_duplicates_formulas_and_missing_columns(mine: list[Plan]) -> None:
    dup = _failed(_csv([HEADER, GOOD[0], ["alpha", *GOOD[0][1:]]]), mine)
    assert _codes(dup) == [(3, "year", "actual_duplicate")] and dup.problems[0].fields["row"] == 2
    formula = _failed(_csv([HEADER, ["=HYPERLINK(1)", *GOOD[0][1:]]]), mine)
    assert (2, "cluster", "formula_start") in _codes(formula)
    negative = _failed(_csv([HEADER, [*GOOD[0][:4], "-5", *GOOD[0][5:]]]), mine)
    assert _codes(negative) == [(2, "value", "amount_negative")]
    missing = _failed(_csv([["cluster", "year", "value"], ["alpha", "2025", "1"]]), mine)
    assert {p.fields.get("name") for p in missing.problems if p.code == "missing_column"} == {"period", "metric", "source"}
    assert _codes(_failed(_csv([HEADER]), mine)) == [(None, None, "actual_header_no_rows")]
    assert _codes(_failed(b"x", mine, "figures.txt")) == [(None, None, "unsupported_type")]
    assert _codes(_failed(b"", mine)) == [(None, None, "empty_file")]


def test_the_template_names_the_plans_own_clusters_and_imports_once_filled(mine: list[Plan], tmp_path: Path) -> None:
    rows = template_rows(mine)
    assert rows[0][:6] == ["plan", "cluster", "year", "period", "metric", "value"]
    # one example row for each cluster with revenue targets (乙, with servers only, has none), its first year
    assert [row[:5] for row in rows[1:]] == [["plan-a", "甲产业集群", "2025", "year", "revenue"],
                                             ["plan-a", "共有产业集群", "2025", "year", "revenue"],
                                             ["plan-b", "共有产业集群", "2025", "year", "revenue"]]  # fmt: skip
    assert all(row[5] == "" for row in rows[1:])  # no figure is invented
    unfilled = _failed(template_bytes("csv", mine), mine)
    assert {p.code for p in unfilled.problems} == {"actual_value_empty", "actual_source_needed"}
    filled = [rows[0], *[[*row[:5], "100", "某报", *row[7:]] for row in rows[1:]]]
    assert import_actuals_bytes(_csv(filled), "t.csv", mine).ok
    sheet = openpyxl.load_workbook(io.BytesIO(template_bytes("xlsx", mine))).worksheets
    assert [[c.value for c in r] for r in sheet[0].iter_rows(max_row=2)][1][:2] == ["plan-a", "甲产业集群"]
    assert [s.title for s in sheet] == ["actuals", "guide"]
    path = tmp_path / "figures.csv"
    path.write_bytes(_csv(filled))
    assert import_actuals_file(path, mine).ok


def test_the_bundled_plans_template_has_a_row_for_every_cluster_with_revenue_targets(plans: list[Plan]) -> None:
    rows = template_rows(plans, "zh")
    expected = [(p.id, c.name_zh) for p in plans for c in p.clusters if c.targets_for("revenue")]
    assert [(row[0], row[1]) for row in rows[1:]] == expected and len(expected) > 3


def _in_chinese(text: str) -> bool:
    """Nothing English in ``text`` but data: ids, codes, formats, web addresses."""
    words = set(re.findall(r"[A-Za-z][A-Za-z-]{3,}", re.sub(r"https?://\S*", "", text)))
    return words <= {"YYYY-MM-DD"}  # the format itself


def test_the_template_follows_the_language_and_either_imports(mine: list[Plan]) -> None:
    chinese = list(csv.reader(io.StringIO(template_bytes("csv", mine, "zh").decode("utf-8-sig"))))
    assert chinese[0] == ["规划", "集群", "年份", "期间", "指标", "数值", "来源", "原文", "网址", "日期"]
    assert chinese[1][:5] == ["plan-a", "甲产业集群", "2025", "全年", "营业收入"]
    english = list(csv.reader(io.StringIO(template_bytes("csv", mine, "en").decode("utf-8-sig"))))
    assert english[0][:4] == ["plan", "cluster", "year", "period"] and english[1][3:5] == ["year", "revenue"]
    for rows in (chinese, english):  # the importer reads either language's headers and words
        filled = [rows[0], *[[*row[:5], "超100", "某报", *row[7:]] for row in rows[1:]]]
        result = import_actuals_bytes(_csv(filled), "t.csv", mine)
        assert result.ok, result.report()
        first = result.actuals[0]
        assert (first.cluster, first.period, first.metric, first.qualifier) == ("alpha", "year", "revenue", Qualifier.OVER)
    books = {lang: openpyxl.load_workbook(io.BytesIO(template_bytes("xlsx", mine, lang))).worksheets for lang in ("zh", "en")}
    assert [s.title for s in books["zh"]] == ["实际数据", "说明"]
    guide_zh = [[c.value for c in r] for r in books["zh"][1].iter_rows()]
    assert guide_zh[0] == ["列", "说明"] and [row[0] for row in guide_zh[1:]] == chinese[0]
    assert all(_in_chinese(row[1]) for row in guide_zh), guide_zh
    guide_en = [[c.value for c in r] for r in books["en"][1].iter_rows()]
    assert guide_en[0] == ["column", "meaning"] and [row[0] for row in guide_en[1:]] == english[0]
    value = next(row[1] for row in guide_en if row[0] == "value")
    assert "超1000 (over 1000)" in value and "亿元, 100 million yuan" in value  # what the Chinese words mean


def test_an_english_error_explains_the_chinese_it_asks_for(mine: list[Plan]) -> None:
    result = _failed(_csv([HEADER, ["甲产业集群", "2025", "year", "revenue", "lots", "某报", "", "", ""]]), mine)
    english = problem_words(result.problems[0], "en")
    assert "超1000 (over 1000) or 约980 (about 980), in 亿元 (100 million yuan)" in english
    chinese = problem_words(result.problems[0], "zh")
    assert "不是数值：“lots”" in chinese and "单位为亿元" in chinese and "100 million" not in chinese


def test_imported_figures_win_over_bundled_ones_in_progress(plans: list[Plan], bundled: list[Actual]) -> None:
    row = ["石家庄生物医药产业集群", "2023", "year", "营业收入", "980", "某统计公报", "", "", ""]
    result = import_actuals_bytes(_csv([HEADER, row]), "mine.csv", plans)
    assert result.ok, result.report()
    (mine_row,) = [r for r in progress(plans, [*bundled, *result.actuals], year=2023)
                   if r.cluster_id == "sjz-biomedicine" and r.metric == "revenue"]  # fmt: skip
    assert mine_row.status == "missed" and mine_row.actual is not None and mine_row.actual.user_supplied


def test_every_problem_code_has_words_in_both_languages() -> None:
    for table in (PROGRESS_PROBLEMS, PROGRESS_TEXT):
        for key, words in table.items():
            assert set(words) == {"zh", "en"} and all(words.values()), key
    assert all(key.startswith("actual_") for key in PROGRESS_PROBLEMS)
    assert all(key.startswith(("progress_", "actuals_", "view_progress", "template_")) for key in PROGRESS_TEXT)
