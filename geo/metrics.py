"""Map metrics: one value per county or per city (and composite area), with its evidence.

Each metric says at which levels it exists. Counts of clusters exist for counties and cities;
revenue targets, 2023 investment and projects are summed over the clusters of each *home city*
(so they exist by city only); future industries are counted per host city or area.

Sums keep the qualifiers honest: adding "超1000亿元" and "约250亿元" gives a lower bound or an
approximation, never an exact figure, and every unit's ``evidence`` lists each addend with its
qualifier and source quote.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import pandas as pd

from geo._errors import AtlasError
from geo.boundaries import load_divisions
from geo.figures import Qualifier
from geo.join import cluster_counties
from geo.plans import Plan

Level = Literal["county", "city"]


@dataclass(frozen=True)
class MetricSpec:
    """What a metric measures and where it exists."""

    key: str
    label_zh: str
    label_en: str
    unit: str  # the stored unit: 个, 亿元, 台
    levels: tuple[Level, ...]
    by_year: bool = False

    def label(self, lang: str) -> str:
        return self.label_zh if lang == "zh" else self.label_en


METRICS: dict[str, MetricSpec] = {
    spec.key: spec
    for spec in (
        MetricSpec("clusters-any", "产业集群数（核心或辐射）", "Clusters (core or radiating)", "个", ("county", "city")),
        MetricSpec("clusters-core", "作为核心承载区的集群数", "Clusters as core zone", "个", ("county", "city")),
        MetricSpec("clusters-radiating", "作为辐射区域的集群数", "Clusters as radiating area", "个", ("county", "city")),
        MetricSpec("revenue", "集群营业收入目标（按所在市合计）", "Cluster revenue target (sum by home city)", "亿元",
                   ("city",), by_year=True),
        MetricSpec("investment", "2023年重点项目总投资（按所在市合计）", "2023 project investment (sum by home city)", "亿元",
                   ("city",)),
        MetricSpec("projects", "2023年重点项目数（按所在市合计）", "2023 key projects (sum by home city)", "个", ("city",)),
        MetricSpec("future-industries", "未来产业数（按市或新区）", "Future industries (by city or new area)", "个", ("city",)),
    )
}  # fmt: skip
_ROLE_METRICS = {"clusters-any": None, "clusters-core": "core", "clusters-radiating": "radiating"}
_TARGET_METRICS = {"revenue": "revenue", "investment": "investment", "projects": "projects"}


def metric_spec(metric: str) -> MetricSpec:
    """The spec of a metric; a clear error lists the known ones."""
    if metric not in METRICS:
        raise AtlasError(f"unknown metric {metric!r}; choose from {', '.join(METRICS)}")
    return METRICS[metric]


def metric_years(plans: Sequence[Plan], metric: str) -> list[int]:
    """The years for which some cluster has a target of this metric (the plan's own steps)."""
    key = _TARGET_METRICS.get(metric)
    return sorted({t.year for p in plans for c in p.clusters for t in c.targets if t.metric == key}) if key else []


def metric_values(plans: Sequence[Plan], metric: str, *, level: Level = "county", year: int | None = None) -> pd.DataFrame:
    """One row per unit: ``code``, ``name_zh``, ``name_en``, ``value`` (NaN: no data), ``qualifier``, ``evidence``.

    ``qualifier`` says how to read a sum (``at_least``, ``about`` or ``exact``); ``evidence`` is a list
    of dicts (cluster, figure, quote or role) behind the value.
    """
    spec = metric_spec(metric)
    if level not in spec.levels:
        raise AtlasError(
            f"metric {metric!r} exists by {' and '.join(spec.levels)} only"
            + (" (summed over the clusters of each home city)" if metric in _TARGET_METRICS else "")
        )
    if spec.by_year:
        years = metric_years(plans, metric)
        if years and year not in years:
            raise AtlasError(f"metric {metric!r} needs --year, one of {', '.join(map(str, years))}")
        # No plan chosen has figures of this metric: every unit has no data, which the map says.
    units = _units(level, include_areas=metric in ("future-industries", *_TARGET_METRICS))
    if metric in _ROLE_METRICS:
        values = _cluster_counts(plans, units, level, _ROLE_METRICS[metric])
    elif metric == "future-industries":
        values = _future_industries(plans, units)
    else:
        values = _target_sums(plans, units, _TARGET_METRICS[metric], year)
    return values


def _units(level: Level, *, include_areas: bool) -> pd.DataFrame:
    divisions = load_divisions()
    levels = [level, "area"] if include_areas and level == "city" else [level]
    units = divisions[divisions["level"].isin(levels)][["code", "level", "name_zh", "name_en", "city_code"]]
    return units.reset_index(drop=True)


def _cluster_counts(plans: Sequence[Plan], units: pd.DataFrame, level: Level, role: str | None) -> pd.DataFrame:
    join = cluster_counties(plans)
    if role is not None:
        join = join[join["role"] == role]
    if level == "city":
        city_of = load_divisions().set_index("code")["city_code"]
        join = join.assign(unit_code=join["county_code"].map(city_of))
    else:
        join = join.assign(unit_code=join["county_code"])
    evidence: dict[str, list[dict[str, object]]] = {}
    clusters: dict[str, set[tuple[str, str]]] = {}
    for r in join.drop_duplicates(["unit_code", "plan_id", "cluster_id", "role"]).itertuples():
        evidence.setdefault(r.unit_code, []).append(
            {"cluster": r.cluster_name_zh, "cluster_en": r.cluster_name_en, "role": r.role, "places": r.places,
             "confidence": r.confidence}
        )  # fmt: skip
        clusters.setdefault(r.unit_code, set()).add((r.plan_id, r.cluster_id))
    return pd.DataFrame(
        [_row(unit, float(len(clusters.get(unit.code, ()))), "exact", evidence.get(unit.code, [])) for unit in units.itertuples()]
    )


def _future_industries(plans: Sequence[Plan], units: pd.DataFrame) -> pd.DataFrame:
    rows = []
    for unit in units.itertuples():
        hosted = [
            {"industry": f.name_zh, "industry_en": f.name_en, "quote": f.quote}
            for p in plans
            for f in p.future_industries
            if unit.name_zh in f.hosts
        ]
        rows.append(_row(unit, float(len(hosted)), "exact", hosted))
    return pd.DataFrame(rows)


def _target_sums(plans: Sequence[Plan], units: pd.DataFrame, metric: str, year: int | None) -> pd.DataFrame:
    rows = []
    for unit in units.itertuples():
        evidence = []
        for plan in plans:
            for cluster in plan.clusters:
                if cluster.city != unit.name_zh:
                    continue
                for target in cluster.targets_for(metric):
                    if year is None or target.year == year:
                        evidence.append(
                            {"cluster": cluster.name_zh, "cluster_en": cluster.name_en, "year": target.year,
                             "figure": target.label("zh"), "figure_en": target.label("en"), "quote": target.quote,
                             "qualifier": str(target.qualifier), "value": target.value}
                        )  # fmt: skip
        if not evidence:
            rows.append(_row(unit, float("nan"), "exact", []))
            continue
        total = sum(e["value"] for e in evidence)
        rows.append(_row(unit, total, _sum_qualifier([Qualifier(e["qualifier"]) for e in evidence]), evidence))
    return pd.DataFrame(rows)


def _sum_qualifier(qualifiers: list[Qualifier]) -> str:
    """How to read a sum: exact only if every addend is; about if any is; else at least."""
    if all(q is Qualifier.EXACT for q in qualifiers):
        return "exact"
    if any(q is Qualifier.ABOUT for q in qualifiers):
        return "about"
    return "at_least"


def _row(unit: object, value: float, qualifier: str, evidence: list[dict[str, object]]) -> dict[str, object]:
    return {
        "code": unit.code,  # type: ignore[attr-defined]
        "level": unit.level,  # type: ignore[attr-defined]
        "name_zh": unit.name_zh,  # type: ignore[attr-defined]
        "name_en": unit.name_en,  # type: ignore[attr-defined]
        "value": value,
        "qualifier": qualifier,
        "evidence": evidence,
    }
