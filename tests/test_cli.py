"""The command line as a user runs it: output, exit codes, and no tracebacks on bad input."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd

from tests.conftest import run_cli_env


def test_check_summarises_the_bundled_data(cli) -> None:
    result = cli("check")
    assert result.returncode == 0, result.stderr
    assert "boundaries tianditu: 11 cities, 167 counties, 1 composite areas" in result.stdout
    assert "plan strategic-emerging-2023-2027: 17 clusters (8 cultivate, 9 key), 6 goals, 6 future industries" in result.stdout
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
    assert data["confidence"] == "medium-high" and data["basis_zh"] and data["basis_en"]


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
    assert "石家庄生物医药产业集群 [重点支持]: 栾城区、裕华区 | 晋州市、藁城区、赵县" in result.stdout
    assert "邢台市: 3/18 (16.7%)" in result.stdout
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
    assert "[一致] 2025 营业收入突破千亿元的产业集群数: 达到6个（突破1000亿元）" in result.stdout
    assert "确定6个，最多9个" in result.stdout and "consistent" not in result.stdout  # Chinese by default, all of it
    english = cli("reconcile", "--lang", "en").stdout
    assert "[consistent] 2025 Clusters with revenue passing CNY 100 bn" in english and "一致" not in english
    out = tmp_path / "r.json"
    assert cli("reconcile", "--json", str(out)).returncode == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    statuses = {g["goal_id"]: g["status"] for g in data["goals"] if g["plan_id"].startswith("strategic")}
    assert statuses["clusters-over-200bn-2027"] == "consistent"
    assert statuses["high-tech-share-2023"] == "not checkable"
    assert json.loads(cli("reconcile", "--json").stdout)["growth"]


def test_export_writes_a_self_contained_map(cli, tmp_path: Path) -> None:
    out = tmp_path / "rev.html"
    result = cli("export", "--view", "choropleth", "--metric", "revenue", "--level", "city", "--year", "2025",
                 "--scheme", "user", "--breaks", "800,1500", "--lang", "en", "--out", str(out))  # fmt: skip
    assert result.returncode == 0, result.stderr
    page = out.read_text(encoding="utf-8")
    assert "<script src=" not in page and "Cluster revenue target (sum by home city) · 2025 (CNY bn)" in page


def test_export_all_writes_an_index(cli, tmp_path: Path) -> None:
    result = cli("export", "--all", str(tmp_path / "maps"))
    assert result.returncode == 0, result.stderr
    index = (tmp_path / "maps" / "index.html").read_text(encoding="utf-8")
    links = re.findall(r'href="([^"]+)"', index)
    assert "coverage.html" in links and "cluster-sjz-biomedicine.html" in links
    assert all((tmp_path / "maps" / link).exists() for link in links)


def test_export_bad_options_are_clear(cli, tmp_path: Path) -> None:
    county = cli("export", "--metric", "revenue", "--out", str(tmp_path / "x.html"))
    assert county.returncode == 2 and "exists by city only" in county.stderr
    breaks = cli("export", "--scheme", "user", "--breaks", "a,b", "--out", str(tmp_path / "x.html"))
    assert breaks.returncode == 2 and "--breaks: not numbers" in breaks.stderr
    cluster = cli("export", "--view", "cluster", "--cluster", "nope", "--out", str(tmp_path / "x.html"))
    assert cluster.returncode == 2 and "unknown cluster nope" in cluster.stderr
    folder = cli("export", "--out", str(tmp_path / "missing" / "x.html"))
    assert folder.returncode == 2 and "folder does not exist" in folder.stderr
    assert not list(tmp_path.glob("*.html"))
    assert "Traceback" not in county.stderr + breaks.stderr + cluster.stderr + folder.stderr


def test_png_needs_chromium_and_says_so(cli, tmp_path: Path) -> None:
    env_missing = {"ATLAS_CHROMIUM": str(tmp_path / "no-chromium")}
    result = run_cli_env(env_missing, "export", "--out", str(tmp_path / "m.html"), "--png", str(tmp_path / "m.png"))
    assert result.returncode == 2
    assert "PNG export needs Chromium" in result.stderr and (tmp_path / "m.html").exists()


def test_template_and_import(cli, tmp_path: Path) -> None:
    template = tmp_path / "t.csv"
    assert cli("template", str(template)).returncode == 0
    ok = cli("import", str(template))  # the unedited template imports: its rows are the region's own places
    assert ok.returncode == 0 and "已导入 2 个集群" in ok.stdout
    assert "2 clusters imported" in cli("import", str(template), "--lang", "en").stdout
    bad = tmp_path / "bad.csv"
    bad.write_text("集群名称,所在市,核心承载区\n甲,石家庄,桥东区\n", encoding="utf-8")
    result = cli("import", str(bad), "--lang", "en")
    assert result.returncode == 1
    assert "row 2, column 核心承载区: no place '桥东区' in 石家庄市" in result.stdout
    used = cli("coverage", "--plan", str(bad))
    assert used.returncode == 2 and "not imported" in used.stderr and "Traceback" not in used.stderr
    imported = cli("coverage", "--plan", str(template), "--table", "clusters", "--out", str(tmp_path / "c.csv"))
    assert imported.returncode == 0, imported.stderr
