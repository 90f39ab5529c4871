"""Progress against targets in the app and the CLI: the table, the view, the user's figures.

The rule's branches are tested on hand-made cases in tests/test_progress.py; here, what a planner
sees: the bundled figures beside the targets, a figure they add winning over a bundled one, a file
with any problem storing nothing, and ``cli.py progress``.
"""

from __future__ import annotations

import json
from pathlib import Path

from streamlit.testing.v1 import AppTest

from store import Store
from tests.atlases import hebei
from tests.conftest import REPO, run_cli

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
    assert any("实心点" in c.value for c in app.caption)  # the chart marks the actual points


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
