"""The command line as a user runs it: output, exit codes, and no tracebacks on bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd


def test_check_summarises_the_bundled_data(cli) -> None:
    result = cli("check")
    assert result.returncode == 0, result.stderr
    assert "boundaries tianditu: 11 cities, 167 counties, 1 composite areas" in result.stdout
    assert (
        "plan strategic-emerging-2023-2027: 17 clusters (8 cultivate, 9 key), 6 goals, 6 future industries"
        in result.stdout
    )
    assert result.stdout.rstrip().endswith("ok")


def test_check_of_a_broken_plan_prints_one_clear_error(cli, tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text("id: Not An Id\n", encoding="utf-8")
    result = cli("check", "--plan", str(plan))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith(f"error: {plan}: field id: String should match pattern")


def test_missing_plan_file(cli, tmp_path: Path) -> None:
    result = cli("check", "--plan", str(tmp_path / "nope.yaml"))
    assert result.returncode == 2
    assert result.stderr.strip() == f"error: {tmp_path / 'nope.yaml'}: file not found"


def test_resolve_prints_json(cli) -> None:
    result = cli("resolve", "高新区", "--city", "唐山")
    assert result.returncode == 0
    data = json.loads(result.stdout)
    assert data["kind"] == "zone" and data["city"] == "唐山市"
    assert [(c["name_zh"], c["part"]) for c in data["counties"]] == [("路北区", False), ("丰润区", True)]
    assert data["confidence"] == "medium-high" and data["basis"]


def test_resolve_failure_exits_non_zero_with_candidates(cli) -> None:
    result = cli("resolve", "新华区")
    assert result.returncode == 1
    data = json.loads(result.stdout)
    assert len(data["candidates"]) == 2
    assert "Traceback" not in result.stderr
    unknown = cli("resolve", "东区")
    assert unknown.returncode == 1 and json.loads(unknown.stdout)["candidates"] == []


def test_coverage_summary_answers_the_planners_questions(cli) -> None:
    result = cli("coverage")
    assert result.returncode == 0, result.stderr
    assert "石家庄生物医药产业集群 [key]: 栾城区、裕华区 | 晋州市、藁城区、赵县" in result.stdout
    assert "邢台市: 3/18 (17%)" in result.stdout
    assert "Counties with no cluster (" in result.stdout
    assert "Places that do not resolve: 0" in result.stdout


def test_coverage_writes_xlsx_with_one_sheet_per_table(cli, tmp_path: Path) -> None:
    out = tmp_path / "coverage.xlsx"
    result = cli("coverage", "--out", str(out))
    assert result.returncode == 0, result.stderr
    sheets = pd.read_excel(out, sheet_name=None)
    assert list(sheets) == [
        "clusters", "counties", "gaps", "overlaps", "cities", "radiating_distances", "cluster_counties", "places"
    ]  # fmt: skip
    assert len(sheets["counties"]) == 167


def test_coverage_writes_csv_per_table(cli, tmp_path: Path) -> None:
    result = cli("coverage", "--out", str(tmp_path / "cov.csv"), "--table", "gaps", "--table", "cities")
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cov-cities.csv", "cov-gaps.csv"]
    cities = pd.read_csv(tmp_path / "cov-cities.csv", encoding="utf-8-sig")
    assert cities["counties"].sum() == 167


def test_coverage_rejects_bad_options(cli, tmp_path: Path) -> None:
    bad_ext = cli("coverage", "--out", str(tmp_path / "x.pdf"))
    assert bad_ext.returncode == 2 and "use .csv or .xlsx" in bad_ext.stderr
    bad_table = cli("coverage", "--table", "nope")
    assert bad_table.returncode == 2 and "unknown table nope" in bad_table.stderr
    assert "Traceback" not in bad_ext.stderr + bad_table.stderr


def test_reconcile_table_and_json(cli, tmp_path: Path) -> None:
    result = cli("reconcile")
    assert result.returncode == 0, result.stderr
    assert "[consistent] 2025 营业收入突破千亿元的产业集群数: 达到6个（突破1000亿元）" in result.stdout
    out = tmp_path / "r.json"
    assert cli("reconcile", "--json", str(out)).returncode == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    statuses = {g["goal_id"]: g["status"] for g in data["goals"] if g["plan_id"].startswith("strategic")}
    assert statuses["clusters-over-200bn-2027"] == "consistent"
    assert statuses["high-tech-share-2023"] == "not checkable"
    assert json.loads(cli("reconcile", "--json").stdout)["growth"]
