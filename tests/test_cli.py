"""The command line as a user runs it: output, exit codes, and no tracebacks on bad input."""

from __future__ import annotations

from pathlib import Path


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
