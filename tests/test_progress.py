"""The status rule (geo.progress): every branch on small hand-made plans and actuals."""

from __future__ import annotations

import dataclasses
import math

import pytest

from geo.actuals import Actual
from geo.figures import Qualifier
from geo.plans import Plan
from geo.progress import REASONS, STATUSES, ProgressRow, Rule, explain, path_value, progress
from i18n.progress_words import PROGRESS_TEXT

Q = Qualifier


def _cluster(cluster_id: str, name: str, targets: list[tuple[int, float, str]], metric: str = "revenue",
             unit: str = "亿元") -> dict[str, object]:  # fmt: skip
    return {
        "id": cluster_id, "name_zh": name, "name_en": cluster_id, "tier": "key", "city": "石家庄市",
        "core_zones": ["高新区"], "quote": "原文",
        "targets": [{"metric": metric, "year": y, "value": v, "unit": unit, "qualifier": q, "quote": "原文"}
                    for y, v, q in targets],
    }  # fmt: skip


def _plan(clusters: list[dict[str, object]], goals: list[dict[str, object]] = (), **extra: object) -> Plan:  # type: ignore[assignment]
    return Plan.model_validate({
        "id": "p", "title_zh": "测试规划", "title_en": "Test plan", "short_zh": "测试", "short_en": "Test",
        "issuer_zh": "测试", "period": [2023, 2027], "clusters": clusters, "goals": list(goals), **extra,
    })  # fmt: skip


def _one(targets: list[tuple[int, float, str]]) -> Plan:
    return _plan([_cluster("c1", "甲产业集群", targets)])


def _actual(year: int, value: float, qualifier: str = "exact", *, period: str = "year", cluster: str | None = "c1",
            goal: str | None = None, metric: str | None = "revenue", unit: str = "亿元", user: bool = False,
            threshold: float | None = None) -> Actual:  # fmt: skip
    return Actual.model_validate({
        "id": f"a-{cluster or goal}-{year}-{period.lower()}-{int(user)}", "plan": "p", "cluster": cluster, "goal": goal,
        "metric": metric, "year": year, "period": period, "value": value, "qualifier": qualifier, "unit": unit,
        "threshold": threshold, "publisher": "用户" if user else "测试来源", "user_supplied": user,
    })  # fmt: skip


def _row(plan: Plan, actuals: list[Actual], year: int, rule: Rule | None = None) -> ProgressRow:
    (row,) = [r for r in progress([plan], actuals, year=year, rule=rule or Rule()) if r.cluster_id == "c1"]
    return row


# ---- achieved / missed --------------------------------------------------------------------------------

@pytest.mark.parametrize(("target_q", "actual_value", "actual_q", "status"), [
    ("over", 1000, "exact", "achieved"),  # 超X: an actual of X achieves it
    ("over", 999.9, "exact", "missed"),
    ("passing", 1000, "exact", "achieved"),
    ("passing", 999, "passing", "missed"),  # 突破999 counts as 999
    ("reach", 1000, "over", "achieved"),  # 超1000 counts as 1000
    ("reach", 999.99, "over", "missed"),
    ("exact", 1000, "exact", "achieved"),
    ("exact", 999, "exact", "missed"),
    ("at_least", 1000, "exact", "achieved"),
    ("about", 950, "exact", "achieved"),  # 约X: 95 % is enough, exactly at the edge
    ("about", 949.99, "exact", "missed"),  # just under it
    ("about", 950, "over", "achieved"),
    ("about", 949, "about", "missed"),  # 约949 counts as 949
])  # fmt: skip
def test_a_full_year_actual_of_the_targets_year_decides(target_q: str, actual_value: float, actual_q: str,
                                                        status: str) -> None:  # fmt: skip
    plan = _one([(2025, 1000, target_q)])
    row = _row(plan, [_actual(2025, actual_value, actual_q)], 2025)
    assert row.status == status
    assert row.actual is not None and row.actual.value == actual_value and row.actual.year == 2025
    assert row.reason is None and row.required_growth is None and row.half_year is None


def test_the_tolerance_for_about_lives_in_the_rule() -> None:
    plan = _one([(2025, 1000, "about")])
    assert _row(plan, [_actual(2025, 920)], 2025).status == "missed"
    assert _row(plan, [_actual(2025, 920)], 2025, Rule(about_tolerance=0.9)).status == "achieved"
    with pytest.raises(dataclasses.FrozenInstanceError):
        Rule().about_tolerance = 0.5  # type: ignore[misc]


# ---- half-year figures --------------------------------------------------------------------------------

def test_a_first_half_figure_never_decides() -> None:
    plan = _one([(2025, 1000, "reach")])
    row = _row(plan, [_actual(2025, 2000, period="H1")], 2025)  # twice the target, but only half a year
    assert (row.status, row.reason) == ("unknown", "only-half-year")
    assert row.actual is None and row.half_year is not None and row.half_year.value == 2000


def test_a_half_year_figure_is_shown_beside_a_growth_verdict() -> None:
    plan = _one([(2023, 1000, "reach"), (2025, 1210, "reach")])
    row = _row(plan, [_actual(2023, 1000), _actual(2024, 10, period="H1")], 2025)  # a tiny half-year changes nothing
    assert row.status == "green" and row.actual is not None and row.actual.year == 2023
    assert row.half_year is not None and (row.half_year.year, row.half_year.period) == (2024, "H1")


def test_an_older_half_year_figure_is_not_shown_once_a_full_year_is_known() -> None:
    plan = _one([(2025, 1000, "reach")])
    row = _row(plan, [_actual(2025, 1100), _actual(2025, 400, period="H1")], 2025)
    assert row.status == "achieved" and row.half_year is None


# ---- growth still needed: green / yellow / red --------------------------------------------------------

PATH = [(2023, 1000, "reach"), (2025, 1210, "reach")]  # the plan's own path grows 10 % a year


def _growth_row(actual_2023: float) -> ProgressRow:
    return _row(_one(PATH), [_actual(2023, actual_2023)], 2025)


def test_required_growth_equal_to_the_plans_is_green() -> None:
    row = _growth_row(1000)
    assert row.status == "green"
    assert row.required_growth == pytest.approx(0.10) and row.plan_growth == pytest.approx(0.10)


def test_just_above_the_plans_growth_is_yellow_and_the_3pp_edge_is_still_yellow() -> None:
    assert _growth_row(1000 * (1 - 1e-6)).status == "yellow"
    edge = 1210 / 1.13**2  # required exactly 13 %: the plan's 10 % + 3 pp
    row = _growth_row(edge)
    assert row.required_growth == pytest.approx(0.13) and row.status == "yellow"
    assert _growth_row(edge * (1 + 1e-6)).status == "yellow"
    assert _growth_row(edge * (1 - 1e-6)).status == "red"  # a hair beyond 3 pp


def test_ahead_of_the_plan_is_green_far_behind_is_red() -> None:
    assert _growth_row(1100).status == "green"
    row = _growth_row(800)
    assert row.status == "red"
    assert row.required_growth == pytest.approx((1210 / 800) ** 0.5 - 1)


def test_the_yellow_margin_lives_in_the_rule() -> None:
    row = _row(_one(PATH), [_actual(2023, 1210 / 1.15**2)], 2025, Rule(yellow_margin_pp=5.0))
    assert row.status == "yellow"
    assert _growth_row(1210 / 1.15**2).status == "red"


def test_the_plans_path_is_interpolated_geometrically_between_targets() -> None:
    targets = [(2023, 1000, "over"), (2027, 1000 * 1.1**4, "over")]
    assert path_value([(y, v) for y, v, _ in targets], 2025) == pytest.approx(1210)
    assert path_value([(2025, 1000.0)], 2024) is None and path_value([(2025, 1000.0)], 2025) == 1000
    assert math.isnan(path_value([(2023, 0.0), (2025, 10.0)], 2024))  # type: ignore[arg-type]
    row = _row(_one(targets), [_actual(2025, 1210)], 2027)
    assert row.plan_growth == pytest.approx(0.10) and row.status == "green"
    assert row.actual is not None and row.actual.year == 2025


def test_the_latest_full_year_actual_is_the_base() -> None:
    plan = _one(PATH)
    row = _row(plan, [_actual(2023, 500), _actual(2024, 1100)], 2025)
    assert row.actual is not None and row.actual.year == 2024
    assert row.required_growth == pytest.approx(1210 / 1100 - 1)
    assert row.plan_growth == pytest.approx(0.10)  # path(2024) = 1100
    assert row.status == "green"


# ---- unknown -------------------------------------------------------------------------------------------

def test_no_actual_at_all() -> None:
    row = _row(_one(PATH), [], 2025)
    assert (row.status, row.reason, row.actual, row.required_growth) == ("unknown", "no-actual", None, None)


def test_an_earlier_target_without_its_own_years_actual() -> None:
    plan = _one(PATH)
    actuals = [_actual(2024, 1100)]
    early = _row(plan, actuals, 2023)
    assert (early.status, early.reason) == ("unknown", "no-own-year-actual")
    assert early.required_growth is None
    assert _row(plan, actuals, 2025).status == "green"  # the later target still gets a verdict


def test_an_actual_before_the_plans_first_target_year_gives_required_growth_but_no_status() -> None:
    plan = _one([(2025, 1000, "over"), (2027, 1200, "over")])
    row = _row(plan, [_actual(2024, 900)], 2025)
    assert (row.status, row.reason) == ("unknown", "before-plan-path")
    assert row.required_growth == pytest.approx(1000 / 900 - 1) and row.plan_growth is None
    later = _row(plan, [_actual(2024, 900)], 2027)
    assert later.required_growth == pytest.approx((1200 / 900) ** (1 / 3) - 1) and later.status == "unknown"


def test_an_actual_of_zero_cannot_give_a_growth_rate() -> None:
    row = _row(_one(PATH), [_actual(2023, 0)], 2025)
    assert (row.status, row.reason) == ("unknown", "not-comparable")


# ---- user figures, rows, words -----------------------------------------------------------------------

def test_a_user_supplied_figure_wins_over_a_bundled_one() -> None:
    plan = _one([(2025, 1000, "reach")])
    bundled, user = _actual(2025, 900), _actual(2025, 1100, user=True)
    for actuals in ([bundled, user], [user, bundled]):
        row = _row(plan, actuals, 2025)
        assert row.status == "achieved" and row.actual is not None and row.actual.user_supplied
    # a user's half-year figure does not replace a bundled full year: they are different figures
    row = _row(plan, [bundled, _actual(2025, 1100, period="H1", user=True)], 2025)
    assert row.status == "missed" and not row.actual.user_supplied  # type: ignore[union-attr]


def _count_plan(n_clusters: int = 3, **extra: object) -> Plan:
    clusters = [_cluster(f"c{i}", f"集群{i}", [(2025, 1000, "over")]) for i in range(1, n_clusters + 1)]
    goal = {"id": "over-1000-2025", "metric": "clusters-revenue-over", "year": 2025, "value": 2, "unit": "个",
            "qualifier": "reach", "threshold": 1000, "threshold_unit": "亿元", "threshold_qualifier": "over",
            "label_zh": "营业收入超千亿元集群数", "label_en": "Clusters over CNY 100 bn", "quote": "原文"}  # fmt: skip
    return _plan(clusters, [goal], **extra)


def _goal_row(plan: Plan, actuals: list[Actual]) -> ProgressRow:
    (row,) = [r for r in progress([plan], actuals) if r.goal_id == "over-1000-2025"]
    return row


def test_a_count_goal_counts_the_clusters_and_says_how_many_are_unknown() -> None:
    plan = _count_plan()
    row = _goal_row(plan, [_actual(2025, 1200, cluster="c1"), _actual(2025, 900, cluster="c2")])
    assert (row.status, row.reason) == ("unknown", "clusters-unknown")
    assert (row.known, row.unknown, row.meeting) == (2, 1, 1)
    assert row.cluster_id is None and row.target_value == 2 and row.threshold_label_zh == "超1000亿元"
    achieved = _goal_row(plan, [_actual(2025, 1200, cluster="c1"), _actual(2025, 1500, cluster="c3")])
    assert achieved.status == "achieved" and achieved.meeting == 2 and achieved.unknown == 1
    three = [_actual(2025, 1200, cluster="c1"), _actual(2025, 900, cluster="c2"), _actual(2025, 800, cluster="c3")]
    missed = _goal_row(plan, three)
    assert missed.status == "missed" and (missed.known, missed.unknown, missed.meeting) == (3, 0, 1)


def test_a_count_over_a_strict_threshold_and_half_year_cluster_figures() -> None:
    plan = _count_plan(2)
    exact = _goal_row(plan, [_actual(2025, 1000, cluster="c1"), _actual(2025, 1000, "over", cluster="c2")])
    assert exact.meeting == 1  # exactly 1000 is not over 1000; 超1000 is
    halves = _goal_row(plan, [_actual(2025, 1200, cluster="c1", period="H1")])
    assert (halves.known, halves.unknown, halves.status) == (0, 2, "unknown")


def test_a_count_goal_counts_the_whole_plan_when_the_data_names_fewer_clusters() -> None:
    plan = _count_plan(3, cluster_total={"value": 107, "unit": "个", "qualifier": "exact", "quote": "原文"})
    row = _goal_row(plan, [_actual(2025, 1200, cluster="c1")])
    assert (row.known, row.unknown, row.meeting) == (1, 106, 1)


def test_a_direct_count_figure_is_a_goal_actual_and_a_half_year_count_is_only_shown() -> None:
    plan = _count_plan()
    direct = _actual(2025, 3, cluster=None, goal="over-1000-2025", metric=None, unit="个", threshold=1000)
    assert _goal_row(plan, [direct]).status == "achieved"
    h1 = _actual(2025, 3, cluster=None, goal="over-1000-2025", metric=None, unit="个", threshold=1000, period="H1")
    row = _goal_row(plan, [h1])
    assert row.status == "unknown" and row.half_year is not None and row.half_year.value == 3


def _share_plan() -> Plan:
    def goal(year: int, value: float) -> dict[str, object]:
        return {"id": f"share-{year}", "metric": "high-tech-share", "year": year, "value": value, "unit": "%",
                "qualifier": "reach", "label_zh": "高新技术产业占比", "label_en": "High-tech share", "quote": "原文"}  # fmt: skip

    rate = {"id": "growth", "metric": "revenue-growth", "year": 2027, "start_year": 2025, "value": 8, "unit": "%",
            "qualifier": "about", "label_zh": "年均增长", "label_en": "Yearly growth", "quote": "原文"}  # fmt: skip
    return _plan([], [goal(2023, 22), goal(2025, 25), rate])


def test_goals_of_one_quantity_form_a_series_with_a_path() -> None:
    plan = _share_plan()
    actual = _actual(2023, 21.4, cluster=None, goal="share-2023", metric=None, unit="%")
    rows = {r.goal_id: r for r in progress([plan], [actual])}
    assert set(rows) == {"share-2023", "share-2025"}  # a rate over a period gets no row
    assert rows["share-2023"].status == "missed"
    later = rows["share-2025"]
    assert later.status == "yellow"  # needs 8.1 %/year where the plan's path implies 6.6 %
    assert later.required_growth == pytest.approx((25 / 21.4) ** 0.5 - 1)
    assert later.plan_growth == pytest.approx((25 / 22) ** 0.5 - 1)
    # the same figure named by the later goal of the series is the same figure
    again = _actual(2023, 21.4, cluster=None, goal="share-2025", metric=None, unit="%")
    assert progress([plan], [again], year=2025)[0].status == "yellow"


def test_rows_cover_every_target_and_the_year_filter() -> None:
    plan = _one(PATH)
    assert [(r.cluster_id, r.year) for r in progress([plan], [])] == [("c1", 2023), ("c1", 2025)]
    assert [r.year for r in progress([plan], [], year=2025)] == [2025]
    assert progress([plan], [], year=2030) == []
    other = _actual(2023, 1000).model_copy(update={"plan": "elsewhere"})
    assert _row(plan, [other], 2025).reason == "no-actual"  # actuals of plans not shown are ignored


def test_to_dict_has_the_fields_a_table_needs() -> None:
    record = _row(_one(PATH), [_actual(2023, 1000)], 2025).to_dict()
    assert record["cluster"] == "c1" and record["metric"] == "revenue" and record["year"] == 2025
    assert record["target"] == 1210 and record["actual"] == 1000 and record["actual_year"] == 2023
    assert record["status"] == "green" and record["required_growth"] == pytest.approx(0.10)
    empty = _row(_one(PATH), [], 2025).to_dict()
    assert empty["actual"] is None and empty["actual_year"] is None and empty["required_growth"] is None


def test_every_status_and_reason_has_words_in_both_languages() -> None:
    for key in [*(f"progress_status_{s}" for s in STATUSES), *(f"progress_reason_{r}" for r in REASONS), "progress_rule"]:
        assert PROGRESS_TEXT[key]["zh"] and PROGRESS_TEXT[key]["en"], key
    assert "95" in PROGRESS_TEXT["progress_rule"]["en"] and "3 percentage points" in PROGRESS_TEXT["progress_rule"]["en"]
    assert "95%" in PROGRESS_TEXT["progress_rule"]["zh"] and "3个百分点" in PROGRESS_TEXT["progress_rule"]["zh"]
    row = _row(_one(PATH), [_actual(2023, 800)], 2025)
    assert explain(row, "en").startswith("behind; actual 2023: CNY 80 bn; needs 23.0% a year")
    assert explain(row, "zh").startswith("明显落后；2023年实际800亿元；此后每年需增长23.0%")
