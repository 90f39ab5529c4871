"""Are we on track? Each target beside the actual figures, with a status and the growth still needed.

The rule (thresholds in ``Rule``; the words in ``i18n/progress_words.py``, ``progress_rule``):

* **achieved / missed** — a target whose own year has a full-year actual. Achieved when the actual is
  at least the target's number, whatever the target's qualifier (超X, 突破X, 达到X, X以上 and a bare X
  alike), or at least ``about_tolerance`` (95 %) of it for 约X. An actual written 超Y, 突破Y or 约Y
  counts as Y.
* **half-year figures never decide**: a first-half figure (``period: H1``) is shown beside a target,
  marked as half-year, when it is newer than every full-year actual and not after the target's year.
* **green / yellow / red** — a target later than the latest full-year actual (value a, year y0): the
  yearly growth still needed is ``required = (X / a) ** (1 / (y - y0)) - 1``. The plan's own path is
  the geometric interpolation between its consecutive targets of the same quantity (a cluster's
  targets of one metric; a series of province goals); the growth the plan implies from there is
  ``(X / path(y0)) ** (1 / (y - y0)) - 1``. Green when required <= the plan's growth, yellow when at
  most ``yellow_margin_pp`` (3) percentage points above it, red beyond. When y0 is before the plan's
  first target year, path(y0) does not exist: unknown (``before-plan-path``), required still given.
* **unknown** — no actual at all (``no-actual``); only half-year figures (``only-half-year``); an
  earlier target whose own year has no full-year actual while a later year has one
  (``no-own-year-actual``); figures the formula cannot compare (an actual or a path of 0:
  ``not-comparable``).
* **counts of clusters** (a goal "N clusters with revenue over T") also count the clusters' own
  full-year revenue actuals of the goal's year: achieved when at least N (95 % of N for 约N) are
  known to pass T, missed when even the unknown ones could not make up N, otherwise unknown
  (``clusters-unknown``) with ``known``, ``unknown`` and ``meeting`` given. Only the clusters a goal
  names count, or else every cluster of the plan (all of ``cluster_total`` when the data names fewer).
  A direct full-year figure for the goal's own year decides first.

Only goals with a number for one year get a row: a rate or a sum over a period (年均增长8%,
新增20家 over 2025-2027) and a goal without a number are left out. A user-supplied actual wins over
a bundled one of the same quantity, year and period.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import Literal

from geo.actuals import Actual, actual_key, comparable_goal, goal_series, series_id
from geo.figures import Qualifier, format_figure
from geo.plans import Cluster, Goal, Plan, Target

Status = Literal["achieved", "missed", "green", "yellow", "red", "unknown"]
STATUSES: tuple[Status, ...] = ("achieved", "missed", "green", "yellow", "red", "unknown")
Reason = Literal["no-actual", "only-half-year", "no-own-year-actual", "before-plan-path", "not-comparable",
                 "clusters-unknown"]  # fmt: skip
REASONS: tuple[Reason, ...] = ("no-actual", "only-half-year", "no-own-year-actual", "before-plan-path", "not-comparable",
                               "clusters-unknown")  # fmt: skip
COUNTED_METRICS = {"clusters-revenue-over": "revenue"}  # a goal counting clusters -> the cluster metric it counts
_EPS = 1e-12  # float noise: a required growth equal to the plan's is green, an actual equal to the target achieves it


@dataclass(frozen=True)
class Rule:
    """The thresholds of the status rule, in one place."""

    about_tolerance: float = 0.95  # 约X is achieved from 95 % of X
    yellow_margin_pp: float = 3.0  # yellow: required growth at most this many percentage points above the plan's


@dataclass(frozen=True)
class ProgressRow:
    """One target (a cluster's, or a province goal) beside its actual figures."""

    plan_id: str
    cluster_id: str | None
    goal_id: str | None
    metric: str
    year: int
    target_value: float
    target_unit: str
    target_qualifier: Qualifier
    target_label_zh: str  # the figure as written: 超1500亿元
    target_label_en: str
    subject_zh: str  # what it is of: the cluster's name, or the goal's label
    subject_en: str
    status: Status
    reason: Reason | None = None  # why unknown
    actual: Actual | None = None  # the full-year figure the status rests on (own year, or the latest before it)
    half_year: Actual | None = None  # a newer first-half figure, shown beside and never deciding
    required_growth: float | None = None  # yearly, as a fraction
    plan_growth: float | None = None  # yearly, as a fraction
    expected: bool = False  # the target says 预计
    known: int | None = None  # counts of clusters: how many have a figure for the year
    unknown: int | None = None  # how many have none
    meeting: int | None = None  # how many of the known ones pass the threshold
    threshold_label_zh: str = ""  # counts of clusters: the threshold, 超1000亿元
    threshold_label_en: str = ""

    def to_dict(self) -> dict[str, object]:
        """A flat record (for tables, JSON and CSV)."""
        def fig(prefix: str, actual: Actual | None) -> dict[str, object]:
            a = actual
            return {
                prefix: a.value if a else None,
                f"{prefix}_unit": a.unit if a else None,
                f"{prefix}_qualifier": str(a.qualifier) if a else None,
                f"{prefix}_year": a.year if a else None,
                f"{prefix}_period": a.period if a else None,
                f"{prefix}_label_zh": a.label("zh") if a else None,
                f"{prefix}_label_en": a.label("en") if a else None,
                f"{prefix}_source": a.publisher if a else None,
                f"{prefix}_date": a.date if a else None,
                f"{prefix}_url": a.url if a else None,
                f"{prefix}_quote": a.quote if a else None,
                f"{prefix}_scope_note_zh": a.scope_note_zh if a else None,
                f"{prefix}_scope_note_en": a.scope_note_en if a else None,
                f"{prefix}_user_supplied": a.user_supplied if a else None,
            }

        return {
            "plan": self.plan_id, "cluster": self.cluster_id, "goal": self.goal_id, "metric": self.metric,
            "year": self.year, "target": self.target_value, "target_unit": self.target_unit,
            "target_qualifier": str(self.target_qualifier), "target_label_zh": self.target_label_zh,
            "target_label_en": self.target_label_en, "subject_zh": self.subject_zh, "subject_en": self.subject_en,
            "expected": self.expected, **fig("actual", self.actual), **fig("half_year", self.half_year),
            "status": self.status, "reason": self.reason, "required_growth": self.required_growth,
            "plan_growth": self.plan_growth, "known": self.known, "unknown": self.unknown, "meeting": self.meeting,
            "threshold_label_zh": self.threshold_label_zh or None, "threshold_label_en": self.threshold_label_en or None,
        }  # fmt: skip


@dataclass(frozen=True)
class Verdict:
    """What ``judge`` finds for one target: the status, why unknown, the figures it rests on, the growth rates."""

    status: Status
    reason: Reason | None = None
    actual: Actual | None = None
    half_year: Actual | None = None
    required: float | None = None
    plan: float | None = None


def progress(plans: Sequence[Plan], actuals: Sequence[Actual], *, year: int | None = None,
             rule: Rule = Rule()) -> list[ProgressRow]:  # fmt: skip
    """One row per target of ``plans`` (every cluster target; every goal with a number for one year).

    ``year`` keeps only the targets of that year. Actuals of plans not given are ignored.
    """
    by_id = {plan.id: plan for plan in plans}
    groups = _groups(actuals, by_id)
    rows: list[ProgressRow] = []
    for plan in plans:
        for cluster in plan.clusters:
            for metric in dict.fromkeys(t.metric for t in cluster.targets):
                targets = cluster.targets_for(metric)
                figures = groups.get((plan.id, "cluster", cluster.id, metric), [])
                path = [(t.year, t.value) for t in targets]
                for target in targets:
                    if year is None or target.year == year:
                        verdict = judge(path, figures, year=target.year, value=target.value, qualifier=target.qualifier,
                                        rule=rule)  # fmt: skip
                        rows.append(_cluster_row(plan, cluster, target, verdict))
        for goal in plan.goals:
            if comparable_goal(goal) and (year is None or goal.year == year):
                rows.append(_goal_row(plan, goal, groups, rule))
    return rows


def _groups(actuals: Sequence[Actual], by_id: dict[str, Plan]) -> dict[tuple[str, str, str, str], list[Actual]]:
    """Actuals by what they measure, one per year and period: a user's figure replaces a bundled one."""
    chosen: dict[tuple[str, str, str, str, int, str], Actual] = {}
    for actual in sorted(actuals, key=lambda a: a.user_supplied):  # stable: bundled first, then the user's in order
        if actual.plan in by_id:
            chosen[actual_key(actual, by_id)] = actual
    groups: dict[tuple[str, str, str, str], list[Actual]] = {}
    for (plan_id, kind, ident, metric, _, _), actual in chosen.items():
        groups.setdefault((plan_id, kind, ident, metric), []).append(actual)
    return groups


def judge(path: Sequence[tuple[int, float]], figures: Sequence[Actual], *, year: int, value: float,  # noqa: PLR0911
          qualifier: Qualifier, rule: Rule = Rule()) -> Verdict:  # fmt: skip
    """The status of the target (``year``, ``value``, ``qualifier``) on the plan's ``path`` of targets.

    ``figures`` are the actuals of the same quantity (at most one per year and period).
    """
    full = sorted((a for a in figures if a.period == "year"), key=lambda a: a.year)
    halves = sorted((a for a in figures if a.period == "H1"), key=lambda a: a.year)
    latest_full = full[-1].year if full else None
    beside = next((a for a in reversed(halves) if a.year <= year and (latest_full is None or a.year > latest_full)), None)
    own = next((a for a in full if a.year == year), None)
    if own is not None:
        return Verdict("achieved" if achieves(own, value, qualifier, rule) else "missed", actual=own)
    if not full:
        reason: Reason = "only-half-year" if beside else ("no-own-year-actual" if halves else "no-actual")
        return Verdict("unknown", reason, half_year=beside)
    latest = full[-1]
    if latest.year > year:
        return Verdict("unknown", "no-own-year-actual", half_year=beside)
    years = year - latest.year
    if latest.value <= 0 or value < 0:
        return Verdict("unknown", "not-comparable", actual=latest, half_year=beside)
    required = (value / latest.value) ** (1 / years) - 1
    start = path_value(path, latest.year)
    if start is None:
        return Verdict("unknown", "before-plan-path", actual=latest, half_year=beside, required=required)
    if not start > 0:
        return Verdict("unknown", "not-comparable", actual=latest, half_year=beside, required=required)
    planned = (value / start) ** (1 / years) - 1
    if required <= planned + _EPS:
        status: Status = "green"
    elif required <= planned + rule.yellow_margin_pp / 100 + _EPS:
        status = "yellow"
    else:
        status = "red"
    return Verdict(status, actual=latest, half_year=beside, required=required, plan=planned)


def achieves(actual: Actual, value: float, qualifier: Qualifier, rule: Rule = Rule()) -> bool:
    """Whether a full-year actual reaches a target: >= X (超/突破/达到/以上/exact alike), >= 95 % of X for 约X."""
    needed = value * rule.about_tolerance if qualifier is Qualifier.ABOUT else value
    return actual.value >= needed - _EPS * max(1.0, abs(needed))


def path_value(path: Sequence[tuple[int, float]], year: int) -> float | None:
    """The plan's path in ``year``: a target's value, or the geometric interpolation between two.

    None before the first target year or after the last; NaN where a target of 0 makes it undefined.
    """
    points = sorted(path)
    if not points or year < points[0][0] or year > points[-1][0]:
        return None
    for (y0, v0), (y1, v1) in pairwise(points):
        if y0 <= year <= y1:
            if year == y0:
                return v0
            if year == y1:
                return v1
            if v0 <= 0 or v1 <= 0:
                return math.nan
            return v0 * (v1 / v0) ** ((year - y0) / (y1 - y0))
    return points[0][1]  # a single target in exactly this year


def _cluster_row(plan: Plan, cluster: Cluster, target: Target, verdict: Verdict) -> ProgressRow:
    return ProgressRow(
        plan_id=plan.id, cluster_id=cluster.id, goal_id=None, metric=target.metric, year=target.year,
        target_value=target.value, target_unit=target.unit, target_qualifier=target.qualifier,
        target_label_zh=target.label("zh"), target_label_en=target.label("en"), subject_zh=cluster.name_zh,
        subject_en=cluster.name_en,
        expected=target.expected, **_verdict_fields(verdict),
    )  # fmt: skip


def _verdict_fields(verdict: Verdict) -> dict[str, object]:
    return {"status": verdict.status, "reason": verdict.reason, "actual": verdict.actual, "half_year": verdict.half_year,
            "required_growth": verdict.required, "plan_growth": verdict.plan}  # fmt: skip


def _goal_row(plan: Plan, goal: Goal, groups: dict[tuple[str, str, str, str], list[Actual]], rule: Rule) -> ProgressRow:
    assert goal.value is not None and goal.unit is not None and goal.qualifier is not None  # comparable_goal
    series = goal_series(plan, goal)
    figures = groups.get((plan.id, "goal", series_id(plan, goal), goal.metric), [])
    path = [(g.year, g.value) for g in series if g.value is not None]
    verdict = judge(path, figures, year=goal.year, value=goal.value, qualifier=goal.qualifier, rule=rule)
    counts: dict[str, object] = {}
    counted = COUNTED_METRICS.get(goal.metric)
    if counted is not None and goal.threshold is not None:
        known, unknown, meeting = count_clusters(plan, goal, groups, counted)
        counts = {"known": known, "unknown": unknown, "meeting": meeting}
        tq = goal.threshold_qualifier or Qualifier.EXACT
        counts["threshold_label_zh"] = format_figure(goal.threshold, goal.threshold_unit or "", tq, "zh")
        counts["threshold_label_en"] = format_figure(goal.threshold, goal.threshold_unit or "", tq, "en")
        verdict = _with_counts(verdict, goal, (known, unknown, meeting), rule)
    return ProgressRow(
        plan_id=plan.id, cluster_id=None, goal_id=goal.id, metric=goal.metric, year=goal.year, target_value=goal.value,
        target_unit=goal.unit, target_qualifier=goal.qualifier, target_label_zh=goal.label("zh"),
        target_label_en=goal.label("en"), subject_zh=goal.label_zh, subject_en=goal.label_en, expected=goal.expected,
        **_verdict_fields(verdict), **counts,  # type: ignore[arg-type]
    )  # fmt: skip


def count_clusters(plan: Plan, goal: Goal, groups: dict[tuple[str, str, str, str], list[Actual]],
                   metric: str) -> tuple[int, int, int]:  # fmt: skip
    """(known, unknown, meeting): the clusters with a full-year ``metric`` actual of the goal's year, those
    without, and the known ones that pass the goal's threshold."""
    assert goal.threshold is not None
    population = list(goal.named_clusters) or [c.id for c in plan.clusters]
    total = len(population)
    if not goal.named_clusters and plan.cluster_total is not None and plan.cluster_total.value > total:
        total = int(plan.cluster_total.value)
    known = meeting = 0
    for cluster_id in population:
        figures = groups.get((plan.id, "cluster", cluster_id, metric), [])
        own = next((a for a in figures if a.period == "year" and a.year == goal.year
                    and (goal.threshold_unit is None or a.unit == goal.threshold_unit)), None)  # fmt: skip
        if own is not None:
            known += 1
            meeting += passes(own, goal.threshold, goal.threshold_qualifier)
    return known, total - known, meeting


def passes(actual: Actual, threshold: float, qualifier: Qualifier | None) -> bool:
    """Whether an actual passes a threshold: strictly above one written 超T, at least any other.

    超Y passes 超T from Y >= T (the actual is above Y); every other actual counts as its number.
    """
    if qualifier is Qualifier.OVER:
        return actual.value >= threshold if actual.qualifier is Qualifier.OVER else actual.value > threshold
    return actual.value >= threshold


def _with_counts(verdict: Verdict, goal: Goal, counts: tuple[int, int, int], rule: Rule) -> Verdict:
    """A count goal's status: a direct own-year figure first, then the clusters' own figures, then growth."""
    assert goal.value is not None
    known, unknown, meeting = counts
    if verdict.status in ("achieved", "missed"):
        return verdict
    needed = goal.value * rule.about_tolerance if goal.qualifier is Qualifier.ABOUT else goal.value
    if meeting >= needed - _EPS:
        return Verdict("achieved", half_year=verdict.half_year)
    if known and meeting + unknown < needed - _EPS:
        return Verdict("missed", half_year=verdict.half_year)
    if verdict.status != "unknown":
        return verdict
    if verdict.reason in ("no-actual", "only-half-year"):
        return Verdict("unknown", "clusters-unknown", half_year=verdict.half_year)
    return verdict


# ---- words -------------------------------------------------------------------------------------------


def explain(row: ProgressRow, lang: str = "zh") -> str:
    """The row's status and why, in one line of ``lang`` (words from ``i18n.progress_words``)."""
    from i18n.progress_words import PROGRESS_TEXT  # noqa: PLC0415 (words only when wording)

    lang = "en" if lang == "en" else "zh"

    def word(key: str, **fields: object) -> str:
        text = PROGRESS_TEXT[key][lang]
        return text.format(**fields) if fields else text

    parts = [word(f"progress_status_{row.status}")]
    if row.actual is not None:
        parts.append(word("progress_actual_of", year=row.actual.year, value=row.actual.label(lang)))
    if row.required_growth is not None:
        parts.append(word("progress_required", pct=_pct(row.required_growth)))
    if row.plan_growth is not None:
        parts.append(word("progress_planned", pct=_pct(row.plan_growth)))
    if row.known is not None:
        parts.append(word("progress_counts", known=row.known, meeting=row.meeting, unknown=row.unknown))
    if row.reason is not None:
        parts.append(word(f"progress_reason_{row.reason}"))
    if row.half_year is not None:
        parts.append(word("progress_half_year_of", year=row.half_year.year, value=row.half_year.label(lang)))
    for actual in (row.actual, row.half_year):
        if actual is not None and actual.scope_note(lang):
            parts.append(actual.scope_note(lang))
    return ("；" if lang == "zh" else "; ").join(parts)


def _pct(fraction: float) -> str:
    return f"{fraction * 100:.1f}"
