"""Do the province-wide goals add up from the cluster targets?

Each goal is compared with what the clusters' own targets imply, keeping the qualifiers:
a target of "超960亿元" (over 96 bn) might or might not pass 1000亿元, so it counts as *possible*,
while "超1000亿元" certainly passes it. A goal is

* ``consistent`` when the targets imply it (e.g. at least 6 clusters certainly pass 1000亿元 in
  2025 and the goal is "达6个"),
* ``inconsistent`` when they do not (the targets guarantee fewer, or allow fewer at most, than stated),
* ``not checkable`` when the cluster targets say nothing about it (high-tech share, firm counts,
  or a plan whose clusters carry no figures),

always with the figures on both sides.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from itertools import pairwise
from typing import Literal

import pandas as pd

from geo.figures import Qualifier, format_figure
from geo.plans import Cluster, Goal, Plan, Target

Status = Literal["consistent", "inconsistent", "not checkable"]
Meets = Literal["certain", "possible", "no"]

COUNT_METRIC = "clusters-revenue-over"
REVENUE = "revenue"
_OPEN_ENDED = {Qualifier.OVER, Qualifier.PASSING, Qualifier.REACH, Qualifier.AT_LEAST, Qualifier.ABOUT}

_NOT_FROM_CLUSTERS = {  # metric -> (reason, why in words)
    "high-tech-value-added-share": ("high-tech", "cluster targets do not cover high-tech value added"),
    "leading-firms-revenue-over": ("firms", "cluster targets do not cover firms"),
    "new-little-giant-firms": ("firms", "cluster targets do not cover firms"),
    "new-single-champion-firms": ("firms", "cluster targets do not cover firms"),
    "new-leader-firms-revenue-at-least": ("firms", "cluster targets do not cover firms"),
    "national-sme-clusters-rank": ("ranking", "a national ranking, stated without a number"),
}


@dataclass(frozen=True)
class GoalCheck:
    """One goal beside what the cluster targets imply."""

    plan_id: str
    goal_id: str
    label_zh: str
    label_en: str
    year: int
    stated_zh: str
    stated_en: str
    implied: str
    status: Status
    detail: str
    certain: list[str] = field(default_factory=list)  # cluster ids that certainly meet the threshold
    possible: list[str] = field(default_factory=list)  # cluster ids that may meet it
    reason: str = ""  # why not checkable: firms, high-tech, ranking, no-targets, no-rule
    base_year: int | None = None  # for a total with a growth rate: the year the rate starts from
    base_value: float | None = None  # and the value (亿元) it implies there

    def to_dict(self) -> dict[str, object]:
        return asdict(self)


def meets_threshold(target: Target, threshold: float, qualifier: Qualifier | None) -> Meets:
    """Whether a target certainly, possibly or never reaches a threshold (both in the same unit).

    A threshold qualified ``over`` is strict (> T); any other (突破 passing, 达 reach, bare) means >= T.
    """
    strict = qualifier is Qualifier.OVER
    value, q = target.value, target.qualifier
    if q is Qualifier.ABOUT:
        return "possible"
    # "over v" means revenue > v, so v >= T already clears even a strict threshold.
    lower_ok = value >= threshold if (q is Qualifier.OVER or not strict) else value > threshold
    if lower_ok:
        return "certain"
    return "possible" if q in _OPEN_ENDED else "no"


def reconcile(plans: Sequence[Plan]) -> list[GoalCheck]:
    """Check every goal of every plan against that plan's cluster targets."""
    return [_check(plan, goal) for plan in plans for goal in plan.goals]


def _check(plan: Plan, goal: Goal) -> GoalCheck:
    stated_zh, stated_en = _stated(goal, "zh"), _stated(goal, "en")
    base = {
        "plan_id": plan.id,
        "goal_id": goal.id,
        "label_zh": goal.label_zh,
        "label_en": goal.label_en,
        "year": goal.year,
        "stated_zh": stated_zh,
        "stated_en": stated_en,
    }
    if goal.metric in _NOT_FROM_CLUSTERS:
        reason, why = _NOT_FROM_CLUSTERS[goal.metric]
        return GoalCheck(**base, implied="", status="not checkable", detail=why, reason=reason)
    if goal.metric == COUNT_METRIC and goal.threshold is not None and goal.value is not None:
        return _check_count(plan, goal, base)
    if goal.metric in ("cluster-revenue-total", "cluster-revenue-growth"):
        return _check_total(plan, goal, base)
    return GoalCheck(**base, implied="", status="not checkable", detail=f"no rule for metric {goal.metric}", reason="no-rule")


def _revenue_target(cluster: Cluster, year: int) -> Target | None:
    return next((t for t in cluster.targets_for(REVENUE) if t.year == year), None)


def _check_count(plan: Plan, goal: Goal, base: dict[str, object]) -> GoalCheck:
    assert goal.threshold is not None and goal.value is not None
    with_targets = [(c, _revenue_target(c, goal.year)) for c in plan.clusters]
    with_targets = [(c, t) for c, t in with_targets if t is not None]
    if not with_targets:
        detail = f"none of the {len(plan.clusters)} clusters in the data has a {goal.year} revenue target" + (
            f" (the plan covers {int(plan.cluster_total.value)})" if plan.cluster_total else ""
        )
        return GoalCheck(**base, implied="", status="not checkable", detail=detail, reason="no-targets")
    verdicts = {c.id: meets_threshold(t, goal.threshold, goal.threshold_qualifier) for c, t in with_targets}
    certain = [cid for cid, v in verdicts.items() if v == "certain"]
    possible = [cid for cid, v in verdicts.items() if v == "possible"]
    low, high = len(certain), len(certain) + len(possible)
    wanted = int(goal.value)
    # An exact count must lie within what the targets allow; 达到 / 突破 / 超 mean at least that many.
    ok = low <= wanted <= high if goal.qualifier is Qualifier.EXACT else low >= wanted
    status: Status = "consistent" if ok else "inconsistent"
    threshold = format_figure(goal.threshold, goal.threshold_unit or "亿元", goal.threshold_qualifier or "exact", "zh")
    implied = f"{low} certainly" + (f", up to {high} possibly" if high > low else "")
    detail = (
        f"{goal.year} revenue targets of {len(with_targets)} clusters: {low} certainly reach {threshold}"
        f" ({', '.join(certain) or 'none'})" + (f"; {len(possible)} might ({', '.join(possible)})" if possible else "")
    )
    if goal.named_clusters:
        named = set(goal.named_clusters)
        same = named == set(certain)
        detail += f"; the text names {', '.join(goal.named_clusters)}" + (
            ", the same clusters" if same else f", but the targets single out {', '.join(certain) or 'none'}"
        )
        if not same and named - set(certain) - set(possible):
            status = "inconsistent"
    return GoalCheck(**base, implied=implied, status=status, detail=detail, certain=certain, possible=possible)


def _check_total(plan: Plan, goal: Goal, base: dict[str, object]) -> GoalCheck:
    totals = revenue_totals(plan)
    if totals.empty:
        detail = f"the plan's clusters in the data carry no revenue targets ({len(plan.clusters)} named"
        detail += f" of {int(plan.cluster_total.value)})" if plan.cluster_total else ")"
        implied, base_year, base_value = _implied_from_sibling(plan)
        return GoalCheck(**base, implied=implied, status="not checkable", detail=detail, reason="no-targets",
                         base_year=base_year, base_value=base_value)  # fmt: skip
    return GoalCheck(**base, implied="", status="not checkable", detail="no matching cluster totals", reason="no-rule")


def _implied_from_sibling(plan: Plan) -> tuple[str, int | None, float | None]:
    """What a growth goal and a total goal of the same plan imply about each other: the base they start from."""
    growth = next((g for g in plan.goals if g.metric == "cluster-revenue-growth"), None)
    total = next((g for g in plan.goals if g.metric == "cluster-revenue-total"), None)
    if not growth or not total or growth.value is None or total.value is None or growth.start_year is None:
        return "", None, None
    years = total.year - growth.start_year + 1
    base_value = total.value / (1 + growth.value / 100) ** years
    text = (
        f"{format_figure(total.value, '亿元', 'exact')} in {total.year} at {growth.value:g}%/year over "
        f"{growth.start_year}-{total.year} implies about {base_value:,.0f}亿元 in {growth.start_year - 1}"
    )
    return text, growth.start_year - 1, round(base_value, 1)


def _stated(goal: Goal, lang: str) -> str:
    text = goal.label(lang)
    if goal.threshold is not None:
        threshold = format_figure(goal.threshold, goal.threshold_unit or "亿元", goal.threshold_qualifier or "exact", lang)
        text += f" ({threshold})" if lang == "en" else f"（{threshold}）"
    return text


def sum_qualifier(qualifiers: Sequence[Qualifier | str]) -> Qualifier:
    """How to read a sum of figures: exact only if every one is; about if any is about (约); else at least."""
    found = {Qualifier(q) for q in qualifiers}
    if found <= {Qualifier.EXACT}:
        return Qualifier.EXACT
    if Qualifier.ABOUT in found:
        return Qualifier.ABOUT
    return Qualifier.AT_LEAST


def revenue_totals(plan: Plan) -> pd.DataFrame:
    """Sum of the clusters' revenue targets per year, how to read it (``qualifier``), and how many clusters it covers."""
    rows = [
        {"year": t.year, "cluster_id": c.id, "value": t.value, "qualifier": str(t.qualifier)}
        for c in plan.clusters
        for t in c.targets_for(REVENUE)
    ]
    if not rows:
        return pd.DataFrame(columns=["year", "clusters", "sum", "qualifier"])
    frame = pd.DataFrame(rows)
    totals = frame.groupby("year").agg(clusters=("cluster_id", "nunique"), sum=("value", "sum"),
                                       qualifier=("qualifier", lambda q: str(sum_qualifier(list(q)))))  # fmt: skip
    return totals.reset_index()


def growth_table(plans: Sequence[Plan]) -> pd.DataFrame:
    """Each cluster's implied yearly growth between consecutive revenue target years.

    Also one row per plan for the sum of its clusters' targets, where every cluster has both years;
    a sum keeps its qualifier (a 约 figure makes it "about", 超 figures "at least").
    """
    rows = []
    for plan in plans:
        for cluster in plan.clusters:
            targets = cluster.targets_for(REVENUE)
            for a, b in pairwise(targets):
                rows.append(_growth_row(plan.id, cluster.id, cluster.name_zh, (a.year, a.value, a), (b.year, b.value, b)))
        totals = revenue_totals(plan)
        full = totals[totals["clusters"] == totals["clusters"].max()] if len(totals) else totals
        for a, b in pairwise(full.itertuples()):
            start = (a.year, a.sum, Qualifier(a.qualifier))
            rows.append(_growth_row(plan.id, "(sum)", "合计", start, (b.year, b.sum, Qualifier(b.qualifier))))
    return pd.DataFrame(rows)


def _growth_row(
    plan_id: str,
    cluster_id: str,
    name: str,
    start: tuple[int, float, Target | Qualifier],
    end: tuple[int, float, Target | Qualifier],
) -> dict[str, object]:
    """Implied yearly growth from ``start`` to ``end`` (year, value, the target it comes from or a sum's qualifier)."""
    (y0, v0, a), (y1, v1, b) = start, end
    rate = (v1 / v0) ** (1 / (y1 - y0)) - 1 if v0 > 0 and y1 > y0 else float("nan")

    def label(source: Target | Qualifier, value: float, lang: str) -> str:
        return source.label(lang) if isinstance(source, Target) else format_figure(value, "亿元", source, lang)

    return {
        "plan_id": plan_id,
        "cluster_id": cluster_id,
        "cluster_name_zh": name,
        "from_year": y0,
        "from_target": label(a, v0, "zh"),
        "from_target_en": label(a, v0, "en"),
        "to_year": y1,
        "to_target": label(b, v1, "zh"),
        "to_target_en": label(b, v1, "en"),
        "yearly_growth_pct": round(rate * 100, 1),
    }
