"""Progress against targets in the app and the CLI: the table, the view, the user's figures.

The rule's branches are tested on hand-made cases in tests/test_progress.py; here, what a planner
sees: the bundled figures beside the targets, a figure they add winning over a bundled one, a file
with any problem storing nothing, and ``cli.py progress``.
"""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pandas as pd
from streamlit.testing.v1 import AppTest

from geo.actuals_import import import_actuals_bytes
from geo.progress import progress
from geo.tables import table_bytes
from layers.views import View, build_map
from store import Store
from tests.atlases import hebei
from tests.conftest import REPO, run_cli
from tests.test_layers import _spec_of
from ui.targets_tab import progress_table, target_chart, target_frame

HEADER = "plan,cluster,year,period,metric,value,source,quote,url,date\n"
GOOD = HEADER + "strategic-emerging-2023-2027,石家庄生物医药产业集群,2025,year,revenue,超1600,某统计公报 p.3,,,\n"
BAD = HEADER + "strategic-emerging-2023-2027,石家庄生物医药产业集群,2025,quarter,revenue,很多,,,,\n"


def _targets_app(**params: str) -> AppTest:
    app = AppTest.from_file(str(REPO / "app.py"), default_timeout=180)
    app.query_params["tab"] = "targets"
    for key, value in params.items():
        app.query_params[key] = value
    app.run()
    assert not app.exception, app.exception
    return app


def _progress(app: AppTest):
    return next(d.value for d in app.dataframe if "进度" in d.value.columns and "此后所需年均增长" in d.value.columns)


def _row(table, subject: str, year: int):
    return table[(table["目标与实际"] == subject) & (table["年份"] == year) & (table["指标"] == "营业收入")].iloc[0]


def test_the_targets_tab_shows_each_target_beside_its_actual() -> None:
    app = _targets_app()
    table = _progress(app)
    row = _row(table, "石家庄生物医药产业集群", 2023)
    assert row["进度"] == "已完成" and "突破1000亿元" in row["实际"] and "sina" in row["数据来源"]
    later = _row(table, "石家庄生物医药产业集群", 2025)
    assert later["进度"] == "进度正常" and later["此后所需年均增长"] == "22.5%"
    assert _row(table, "张家口大数据产业集群", 2025)["进度"] == "无法判断"
    reconciliation = next(d.value for d in app.dataframe if "核对结果" in d.value.columns)
    assert "实际" in reconciliation.columns  # the reconciliation gains what the actuals say
    assert any("规模以上高新技术产业增加值" in g and "未完成" in a
               for g, a in zip(reconciliation["目标"], reconciliation["实际"], strict=True))  # fmt: skip
    assert any("实心菱形：全年实际数据" in c.value for c in app.caption)  # the chart marks the actual points


def test_a_users_figure_wins_and_a_bad_file_stores_nothing() -> None:
    app = _targets_app()
    app.file_uploader(key="actuals_upload").upload("bad.csv", BAD.encode(), "text/csv").run()
    assert not app.exception and app.sidebar.error
    assert "ws" not in app.query_params  # nothing stored: not even a workspace was made
    app.file_uploader(key="actuals_upload").upload("mine.csv", GOOD.encode(), "text/csv").run()
    assert not app.exception
    ws = app.query_params["ws"]
    assert [v.filename for v in Store().versions(ws, "actuals")] == ["mine.csv"]
    row = _row(_progress(app), "石家庄生物医药产业集群", 2025)
    assert row["进度"] == "已完成" and "超1600亿元" in row["实际"]  # the user's 2025 figure decides 2025
    app.file_uploader(key="actuals_upload").upload("bad2.csv", BAD.encode(), "text/csv").run()
    assert [v.number for v in Store().versions(ws, "actuals") if v.in_use] == [1]  # the version in use stays
    users = next(d.value for d in app.dataframe if "数值" in d.value.columns)  # the editable table, headers in Chinese
    assert list(users["数值"]) == ["超1600"]


def test_cli_progress_json_and_errors(tmp_path: Path) -> None:
    result = run_cli("progress", "--json", "--year", "2025")
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    assert {"cluster", "metric", "year", "target", "actual", "actual_year", "status", "required_growth"} <= set(rows[0])
    biomedicine = next(r for r in rows if r["cluster"] == "sjz-biomedicine" and r["metric"] == "revenue")
    assert biomedicine["status"] == "green" and biomedicine["actual"] == 1000 and biomedicine["actual_year"] == 2023
    assert abs(biomedicine["required_growth"] - 0.2247) < 1e-3
    mine = tmp_path / "mine.csv"
    mine.write_text(GOOD, encoding="utf-8")
    added = json.loads(run_cli("progress", "--json", "--year", "2025", "--actuals", str(mine)).stdout)
    assert next(r for r in added if r["cluster"] == "sjz-biomedicine" and r["metric"] == "revenue")["status"] == "achieved"
    none = json.loads(run_cli("progress", "--json", "--no-bundled").stdout)
    assert {r["status"] for r in none} == {"unknown"}
    bad = tmp_path / "bad.csv"
    bad.write_text(BAD, encoding="utf-8")
    failed = run_cli("progress", "--actuals", str(bad), "--lang", "en")
    assert failed.returncode == 2 and "bad.csv" in failed.stderr and "row 2, column period" in failed.stderr
    assert "Traceback" not in failed.stderr
    chinese = run_cli("progress", "--year", "2025").stdout
    assert "[进度正常] 2025 石家庄生物医药产业集群" in chinese


def test_the_progress_view_colours_counties_by_status() -> None:
    from layers.export import render_html  # noqa: PLC0415
    from layers.views import View  # noqa: PLC0415

    atlas = hebei()
    page = render_html(atlas, View(kind="progress", year=2025), atlas.plans)
    assert "目标完成进度" in page and "进度正常" in page and "规则：有当年全年数据时" in page  # the rule is on the map
    english = render_html(atlas, View(kind="progress", year=2025, level="city", lang="en"), atlas.plans)
    assert "Progress against targets" in english and "on track" in english


def _bundled(app: AppTest, period: str) -> pd.DataFrame:
    return next(d.value for d in app.dataframe if period in d.value.columns and len(d.value) == len(hebei().actuals))


def test_a_half_year_figure_is_never_shown_as_a_full_years() -> None:
    app = _targets_app()
    bundled = _bundled(app, "期间")
    periods = dict(zip(bundled["实际"], bundled["期间"], strict=True))
    assert periods["1.74万亿元"] == periods["7个"] == periods["172万台"] == "上半年"  # 上半年…, 截至6月底
    assert periods["3.6万亿元"] == periods["突破1000亿元"] == "全年"
    assert list(bundled.columns[:3]) == ["目标与实际", "年份", "期间"]  # the period right after its year
    table = _progress(app)
    assert not table["实际"].str.contains("172万台|1.74万亿元|7个").any()  # the status column's figure is a year's
    servers = table[table["目标与实际"] == "张家口大数据产业集群"]
    assert "2025年上半年 172万台" in set(servers["半年数据（仅供参考）"])
    english = _bundled(_targets_app(lang="en"), "Period")
    assert dict(zip(english["Actual"], english["Period"], strict=True))["1.72 million servers"] == "First half"


def test_the_chart_draws_a_first_half_figure_apart_from_the_years() -> None:
    atlas = hebei()
    row = "石家庄生物医药产业集群,2025,上半年,营业收入,约600,某市发布会\n"
    added = import_actuals_bytes(("集群,年份,期间,指标,数值,来源\n" + row).encode(), "h1.csv", atlas.plans).actuals
    frame = target_frame(atlas.plans, "zh", [*atlas.actuals, *added])
    half = frame[frame["kind"] == "half"]
    assert list(half["figure"]) == ["上半年 约600亿元"] and list(half["year"]) == [2025]
    assert set(frame.loc[frame["kind"] == "actual", "period"]) == {"全年"}  # only full years as filled points
    points = {layer["transform"][0]["filter"]: layer["mark"] for layer in target_chart(frame, "zh").to_dict()["spec"]["layer"]
              if layer["mark"]["type"] == "point"}  # fmt: skip
    assert points["(datum.kind === 'half')"]["shape"] == "triangle-up" and not points["(datum.kind === 'half')"]["filled"]
    assert points["(datum.kind === 'actual')"]["shape"] == "diamond" and points["(datum.kind === 'actual')"]["filled"]


def test_the_year_of_the_actual_is_a_whole_year_or_empty() -> None:
    app = _targets_app()
    shown = _progress(app)["实际数据年份"]
    assert set(shown) == {"", "2023", "2024"}, set(shown)  # not None, not 2023.0
    atlas = hebei()
    table = progress_table(progress(atlas.plans, atlas.actuals), "en")
    lines = table_bytes(table, "csv").decode("utf-8-sig").splitlines()
    column = lines[0].split(",").index("Year of the actual")
    years = {next(csv.reader([line]))[column] for line in lines[1:]}
    assert years == {"", "2023", "2024"}, years  # the download too: no 2023.0, no None


def test_the_progress_legend_says_what_it_counts_and_names_the_white_counties() -> None:
    atlas = hebei()
    for lang, title, white, source in (
        ("zh", "各集群进度（括号内为集群数）", "不涉及：没有集群在此有2025年营业收入目标", "数据来源："),
        ("en", "Status of each cluster (number of clusters)", "not tracked: no cluster here has a 2025 revenue target",
         "Source: "),
    ):  # fmt: skip
        legend = build_map(atlas, View(kind="progress", year=2025, lang=lang), atlas.plans).legend
        assert legend.title == title
        assert legend.rows[-1].label == white and "background-color:#ffffff" in legend.rows[-1].swatch
        assert sum(int(re.search(r"\d+", row.label).group()) for row in legend.rows[:-1]) == len(
            [r for r in progress(atlas.plans, atlas.actuals, year=2025) if r.cluster_id and r.metric == "revenue"])
        assert any(note.startswith(source) for note in legend.notes), legend.notes
    page = build_map(atlas, View(kind="progress", year=2025), atlas.plans).map.get_root().render()
    (white,) = [spec for spec in _spec_of(page, "context") if spec["object"] == "counties"]
    assert white["base"]["fill"] == "#ffffff"  # the counties no tracked cluster serves are the swatch's white


def test_cli_actuals_template_in_either_language_imports_once_filled(tmp_path: Path) -> None:
    zh, en = tmp_path / "zh.csv", tmp_path / "en.csv"
    assert run_cli("template", "--actuals", str(zh)).returncode == 0
    assert run_cli("template", "--actuals", "--lang", "en", str(en)).returncode == 0
    assert zh.read_text(encoding="utf-8-sig").splitlines()[0].startswith("规划,集群,年份,期间,指标,数值")
    assert en.read_text(encoding="utf-8-sig").splitlines()[0].startswith("plan,cluster,year,period,metric,value")
    lines = zh.read_text(encoding="utf-8-sig").splitlines()
    filled = lines[0] + "\n" + lines[1].replace(",全年,营业收入,,", ",全年,营业收入,超1100,某统计公报 p.3", 1) + "\n"
    (tmp_path / "filled.csv").write_text(filled, encoding="utf-8")
    result = run_cli("progress", "--json", "--actuals", str(tmp_path / "filled.csv"))
    assert result.returncode == 0, result.stderr
    rows = [r for r in json.loads(result.stdout) if r["actual"] == 1100 and r["actual_user_supplied"]]
    assert rows, "the filled row did not arrive"
