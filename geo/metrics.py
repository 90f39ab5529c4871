"""Map metrics: one value per county or per city (and composite area), with its evidence.

Each metric says at which levels it exists. Counts of clusters exist for counties and cities;
each kind of cluster target the plans state (revenue, investment, projects, servers ...) is summed
per year over the clusters of each *home city* (so it exists by city only); future industries are
counted per host city or area. The metrics come from the plans: nothing here knows a province.

Sums keep the qualifiers honest: adding "超1000亿元" and "约250亿元" gives a lower bound or an
approximation, never an exact figure, and every unit's ``evidence`` lists each addend with its
qualifier and source quote.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

import pandas as pd

from geo._errors import AtlasError
from geo.plans import Plan
from geo.reconcile import sum_qualifier
from i18n import has, t, t_or

if TYPE_CHECKING:
    from geo.atlas import Atlas

Level = Literal["county", "city"]


@dataclass(frozen=True)
class MetricSpec:
    """What a metric measures and where it exists; its words come from the catalogue (``metric_<key>``)."""

    key: str
    unit: str  # the stored unit: 个, 亿元, 台
    levels: tuple[Level, ...]
    by_year: bool = False
    target: str | None = None  # for a sum of cluster targets: the targets' metric

    def label(self, lang: str) -> str:
        if has(f"metric_{self.key}"):
            return t(f"metric_{self.key}", lang)
        return t("metric_target_sum", lang, name=t_or(f"m_{self.key}", lang, self.key))


COUNT_METRICS: dict[str, MetricSpec] = {
    spec.key: spec
    for spec in (
        MetricSpec("clusters-any", "个", ("county", "city")),
        MetricSpec("clusters-core", "个", ("county", "city")),
        MetricSpec("clusters-radiating", "个", ("county", "city")),
        MetricSpec("future-industries", "个", ("city",)),
    )
}
_ROLE_METRICS = {"clusters-any": None, "clusters-core": "core", "clusters-radiating": "radiating"}
_UNIT_ORDER = ("revenue", "investment", "projects")  # targets the plans commonly state, listed first


def metric_specs(plans: Sequence[Plan]) -> dict[str, MetricSpec]:
    """Every metric a map can show for these plans: cluster counts, future industries, and one sum per
    kind of cluster target the plans state (revenue, investment, servers ...), by home city and year."""
    units: dict[str, str] = {}
    for plan in plans:
        for cluster in plan.clusters:
            for target in cluster.targets:
                units.setdefault(target.metric, target.unit)
    ordered = sorted(units, key=lambda m: (_UNIT_ORDER.index(m) if m in _UNIT_ORDER else len(_UNIT_ORDER), m))
    sums = {m: MetricSpec(m, units[m], ("city",), by_year=True, target=m) for m in ordered}
    return {**COUNT_METRICS, **sums}


def metric_spec(metric: str, plans: Sequence[Plan]) -> MetricSpec:
    """The spec of a metric; a clear error lists the known ones."""
    specs = metric_specs(plans)
    if metric not in specs:
        raise AtlasError(f"unknown metric {metric!r}; choose from {', '.join(specs)}")
    return specs[metric]


def metric_years(plans: Sequence[Plan], metric: str) -> list[int]:
    """The years for which some cluster has a target of this metric (the plan's own steps)."""
    return sorted({t.year for p in plans for c in p.clusters for t in c.targets if t.metric == metric})


def metric_values(atlas: Atlas, plans: Sequence[Plan], metric: str, *, level: Level = "county",
                  year: int | None = None) -> pd.DataFrame:  # fmt: skip
    """One row per unit: ``code``, ``name_zh``, ``name_en``, ``value`` (NaN: no data), ``qualifier``, ``evidence``.

    ``qualifier`` says how to read a sum (``at_least``, ``about`` or ``exact``); ``evidence`` is a list
    of dicts (cluster, figure, quote or role) behind the value.
    """
    spec = metric_spec(metric, [*atlas.plans, *plans])  # a metric of the region's plans exists with none chosen
    if level not in spec.levels:
        raise AtlasError(
            f"metric {metric!r} exists by {' and '.join(spec.levels)} only"
            + (" (summed over the clusters of each home city)" if spec.target else "")
        )
    if spec.by_year:
        years = metric_years(plans, metric)
        if years and year not in years:
            raise AtlasError(f"metric {metric!r} needs --year, one of {', '.join(map(str, years))}")
        # No plan chosen has figures of this metric: every unit has no data, which the map says.
    units = _units(atlas.divisions, level, include_areas=metric == "future-industries" or spec.target is not None)
    if metric in _ROLE_METRICS:
        return _cluster_counts(atlas, plans, units, level, _ROLE_METRICS[metric])
    if metric == "future-industries":
        return _future_industries(plans, units)
    return _target_sums(plans, units, metric, year)


def _units(divisions: pd.DataFrame, level: Level, *, include_areas: bool) -> pd.DataFrame:
    levels = [level, "area"] if include_areas and level == "city" else [level]
    units = divisions[divisions["level"].isin(levels)][["key", "code", "level", "name_zh", "name_en", "city_code"]]
    return units.reset_index(drop=True)


def _cluster_counts(atlas: Atlas, plans: Sequence[Plan], units: pd.DataFrame, level: Level, role: str | None) -> pd.DataFrame:
    join = atlas.join(plans).cluster_counties
    if role is not None:
        join = join[join["role"] == role]
    if level == "city":
        city_of = atlas.level("county").set_index("code")["city_code"]
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
        rows.append(_row(unit, total, str(sum_qualifier([e["qualifier"] for e in evidence])), evidence))
    return pd.DataFrame(rows)


def _row(unit: object, value: float, qualifier: str, evidence: list[dict[str, object]]) -> dict[str, object]:
    return {
        "key": unit.key,  # type: ignore[attr-defined]
        "code": unit.code,  # type: ignore[attr-defined]
        "level": unit.level,  # type: ignore[attr-defined]
        "name_zh": unit.name_zh,  # type: ignore[attr-defined]
        "name_en": unit.name_en,  # type: ignore[attr-defined]
        "value": value,
        "qualifier": qualifier,
        "evidence": evidence,
    }
