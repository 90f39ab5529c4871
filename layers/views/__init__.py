"""The four map views, each a module rendering itself from the typed ``View`` spec.

* ``choropleth``: a metric (``geo.metrics``) by county or city, classified with mapclassify.
* ``clusters``: one or several clusters; core zones filled, radiating areas hatched.
* ``future``: the future industries' host places, one toggleable layer per industry.
* ``coverage``: counties by status (core / radiating / none), overlaps outlined.
* ``progress``: each cluster's counties (or city) by how its target of a year stands against the actuals.

``build_map(atlas, view, plans)`` (in ``frame``) returns the map with its title, legend and sources;
nothing here writes files.
"""

from __future__ import annotations

from collections.abc import Sequence

from geo.metrics import metric_specs, metric_years
from geo.plans import Plan
from layers.views.frame import build_map
from layers.views.spec import VIEWS, BuiltView, Legend, LegendRow, View, ViewKind

__all__ = ["VIEWS", "BuiltView", "Legend", "LegendRow", "View", "ViewKind", "build_map", "default_views"]


def default_views(plans: Sequence[Plan], lang: str = "zh") -> list[tuple[str, View]]:
    """Every view the ``--all`` export writes, with a file stem each."""
    base = View(lang=lang)
    out: list[tuple[str, View]] = []
    for metric, spec in metric_specs(plans).items():
        for level in spec.levels:
            if spec.by_year:
                for year in metric_years(plans, metric):
                    out.append((f"choropleth-{metric}-{year}-{level}", base.with_(metric=metric, year=year, level=level)))
            else:
                out.append((f"choropleth-{metric}-{level}", base.with_(metric=metric, level=level)))
    if any(p.clusters for p in plans):
        out.append(("clusters", base.with_(kind="cluster")))
    for plan in plans:
        for cluster in plan.clusters:
            out.append((f"cluster-{cluster.id}", base.with_(kind="cluster", clusters=(cluster.id,))))
    if any(p.future_industries for p in plans):
        out.append(("future", base.with_(kind="future")))
    for plan in plans:
        for industry in plan.future_industries:
            out.append((f"future-{industry.id}", base.with_(kind="future", industry=industry.id)))
    out.append(("coverage", base.with_(kind="coverage")))
    for year in sorted({tg.year for p in plans for c in p.clusters for tg in c.targets_for("revenue")}):
        out.append((f"progress-{year}", base.with_(kind="progress", year=year)))
    return out
