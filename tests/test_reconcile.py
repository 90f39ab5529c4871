"""Reconciliation of province goals with cluster targets, checked by hand."""

from __future__ import annotations

import pytest

from geo.figures import Qualifier
from geo.plans import Plan, Target
from geo.reconcile import growth_table, meets_threshold, reconcile, sum_qualifier
from tests.atlases import hebei


def _target(value: float, qualifier: str) -> Target:
    return Target(metric="revenue", year=2025, value=value, unit="亿元", qualifier=qualifier, quote="x")


@pytest.mark.parametrize(
    ("value", "qualifier", "threshold", "threshold_qualifier", "expected"),
    [
        (1000, "over", 1000, Qualifier.PASSING, "certain"),  # 超1000 passes 千亿
        (960, "over", 1000, Qualifier.PASSING, "possible"),  # 超960 might
        (2000, "over", 2000, Qualifier.OVER, "certain"),  # 超2000 is over 2000
        (2000, "reach", 2000, Qualifier.OVER, "possible"),  # 达到2000 may be exactly 2000
        (2500, "passing", 2000, Qualifier.OVER, "certain"),
        (900, "exact", 1000, Qualifier.PASSING, "no"),
        (1100, "about", 1000, Qualifier.PASSING, "possible"),
    ],
)
def test_meets_threshold(value: float, qualifier: str, threshold: float, threshold_qualifier: Qualifier, expected: str) -> None:
    assert meets_threshold(_target(value, qualifier), threshold, threshold_qualifier) == expected


@pytest.fixture(scope="module")
def checks() -> dict[str, object]:
    return {(c.plan_id, c.goal_id): c for c in reconcile(hebei().plans)}


STRATEGIC = "strategic-emerging-2023-2027"


def test_strategic_goals_add_up(checks) -> None:
    c2023 = checks[(STRATEGIC, "clusters-over-100bn-2023")]
    assert c2023.status == "consistent"
    assert c2023.certain == ["sjz-biomedicine", "sjz-electronics", "bd-nev"]  # the three the text names
    assert "the same clusters" in c2023.detail
    c2025 = checks[(STRATEGIC, "clusters-over-100bn-2025")]
    # 超1500, 超1500, 超1000 (张家口), 超1050, 超1000 (唐山), 超2100
    assert c2025.status == "consistent" and len(c2025.certain) == 6
    assert set(c2025.possible) == {"lf-it-ai", "bd-new-energy-grid", "hd-functional-materials"}
    c2027 = checks[(STRATEGIC, "clusters-over-100bn-2027")]
    assert c2027.status == "consistent" and len(c2027.certain) == 7
    over200 = checks[(STRATEGIC, "clusters-over-200bn-2027")]
    assert over200.status == "consistent"
    assert over200.certain == ["sjz-biomedicine", "sjz-electronics", "bd-nev"]
    assert checks[(STRATEGIC, "high-tech-share-2025")].status == "not checkable"


def test_specialty_goals_are_not_checkable_but_show_what_they_imply(checks) -> None:
    total = checks[("specialty-2025-2027", "cluster-revenue-2027")]
    assert total.status == "not checkable"
    # 45000 / 1.08**3 = 35722
    assert "35,722亿元 in 2024" in total.implied
    count = checks[("specialty-2025-2027", "clusters-over-100bn-2026")]
    assert count.status == "not checkable" and "the plan covers 107" in count.detail


def _with_target(plan: Plan, cluster_id: str, year: int, value: float) -> Plan:
    clusters = []
    for cluster in plan.clusters:
        if cluster.id != cluster_id:
            clusters.append(cluster)
            continue
        targets = [
            t.model_copy(update={"value": value}) if t.metric == "revenue" and t.year == year else t for t in cluster.targets
        ]
        clusters.append(cluster.model_copy(update={"targets": targets}))
    return plan.model_copy(update={"clusters": clusters})


def test_a_lower_target_makes_the_goal_inconsistent() -> None:
    strategic = next(p for p in hebei().plans if p.id == STRATEGIC)
    changed = _with_target(strategic, "qhd-equipment", 2025, 900)  # 超1050 -> 超900
    check = next(c for c in reconcile([changed]) if c.goal_id == "clusters-over-100bn-2025")
    assert check.status == "inconsistent"
    assert check.implied == "5 certainly, up to 9 possibly"
    named = _with_target(strategic, "bd-nev", 2023, 900)  # a named cluster no longer certainly passes
    check = next(c for c in reconcile([named]) if c.goal_id == "clusters-over-100bn-2023")
    assert check.status == "consistent"  # 2 certain, up to 9 possible: 3 is still within reach
    assert "but the targets single out sjz-biomedicine, sjz-electronics" in check.detail


def test_implied_growth(checks) -> None:
    growth = growth_table(hebei().plans).set_index(["cluster_id", "from_year"])
    # (1500/1000) ** (1/2) - 1 = 22.47 %
    assert growth.loc[("sjz-biomedicine", 2023), "yearly_growth_pct"] == 22.5
    # (2500/2100) ** (1/2) - 1 = 9.11 %
    assert growth.loc[("bd-nev", 2025), "yearly_growth_pct"] == 9.1
    # sums of the nine key clusters: 7860 -> 10200 -> 12500
    total = growth.loc[("(sum)", 2023)]
    assert total["from_target"] == "7860亿元以上" and total["to_target"] == "1.02万亿元以上"


def test_a_sum_with_an_about_figure_is_about_not_a_lower_bound() -> None:
    assert sum_qualifier(["over", "about"]) is Qualifier.ABOUT
    assert sum_qualifier(["over", "passing"]) is Qualifier.AT_LEAST
    assert sum_qualifier(["exact", "exact"]) is Qualifier.EXACT
    growth = growth_table(hebei().plans).set_index("cluster_id")
    sums = growth.loc["(sum)"]
    assert all(label.endswith("以上") for label in sums["from_target"])  # the bundled targets are all 超/突破
