"""The cluster view: one or several clusters; core zones filled, radiating areas hatched, development
zones drawn as their host counties plus an approximate point, county names when zoomed in.

With no cluster chosen it shows the clusters of the first tier the plans declare.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd

from geo._errors import AtlasError
from geo.gazetteer import Gazetteer
from geo.join import cluster_places
from geo.plans import Cluster, Plan, all_tiers
from i18n import join, pick, sep, t
from layers import elements as el
from layers.classify import categorical
from layers.views.frame_parts import context_layer
from layers.views.spec import Canvas, Legend, LegendRow, Rendered

MANY = 3  # more clusters than this are named in the legend only, not in the subtitle


def default_clusters(plans: Sequence[Plan]) -> list[str]:
    """The clusters the view shows when none is chosen: those of the first tier that has any."""
    for tier in all_tiers(list(plans)):
        ids = [c.id for p in plans for c in p.clusters if c.tier == tier.id]
        if ids:
            return ids
    return []


def render(canvas: Canvas) -> Rendered:
    view, lang, plans = canvas.view, canvas.lang, canvas.plans
    by_id = {c.id: (p, c) for p in plans for c in p.clusters}
    ids = list(view.clusters) or default_clusters(plans)
    unknown = [i for i in ids if i not in by_id]
    if unknown:
        raise AtlasError(f"unknown cluster {', '.join(unknown)}; known: {', '.join(by_id)}")
    joined = canvas.atlas.join(plans).cluster_counties
    context_layer(canvas, "counties", weight=0.4, color="#9a9a9a")
    context_layer(canvas, "cities", weight=1.2, color="#555")
    counties = canvas.atlas.level("county").set_index("code")
    rows: list[LegendRow] = []
    points: list[dict[str, Any]] = []
    for index, cluster_id in enumerate(ids):
        plan, cluster = by_id[cluster_id]
        colour = categorical(index)
        mine = joined[(joined["plan_id"] == plan.id) & (joined["cluster_id"] == cluster_id)]
        styles = {row.county_code: _style(row, colour) for row in mine.itertuples()}
        tooltips = {row.county_code: _tooltip(plan, cluster, row, lang) for row in mine.itertuples()}
        name = cluster.name(lang)
        spec: dict[str, Any] = {"object": "counties", "kind": "cluster", "only": list(styles), "styles": styles,
                                "tooltips": tooltips}  # fmt: skip
        if view.clusters:  # zoomed in on a few clusters: name their counties on the map
            spec["labels"] = _labels(counties, mine["county_code"], lang)
        canvas.fmap.add_child(el.AtlasLayer(canvas.geometry, spec, name=name))
        swatches = el.swatch_html(fill=colour, stroke=colour) + el.swatch_html(hatch=colour, stroke=colour, dash=True)
        rows.append(LegendRow(swatches, name))
        points += _zone_points(cluster, canvas.atlas.gazetteer, colour, lang)
    if view.clusters:  # a chosen few: zoom to them (with room for the panels)
        shown = canvas.atlas.boundaries(view.source, "county")
        selected = shown[shown["code"].isin(joined.loc[joined["cluster_id"].isin(ids), "county_code"])]
        if len(selected):
            canvas.fmap.add_child(el.FitBounds(tuple(selected.total_bounds), padding=90, max_zoom=10), name="fit_bounds")
    if points:
        canvas.fmap.add_child(el.AtlasPoints(points, name=t("approximate_point", lang)))
        rows.append(LegendRow(el.swatch_html(fill="#ffffff", stroke="#222", point=True, dash=True), t("approximate_point", lang)))
    notes = [t("legend_core_radiating", lang), f"{t('partial', lang)}: {t('partial_style', lang)}"]
    names = [by_id[i][1].name(lang) for i in ids]
    subtitle = t("n_clusters", lang, n=len(names)) if len(names) > MANY else join(names, lang)
    return Rendered(t("view_cluster", lang), subtitle, Legend(t("clusters", lang), rows, notes))


def _style(row: Any, colour: str) -> dict[str, Any]:
    if row.role == "core" and not row.partial:
        return {"fill": colour, "fillOpacity": 0.7, "stroke": colour, "weight": 1.5}
    if row.role == "core":
        return {"fill": colour, "fillOpacity": 0.3, "stroke": colour, "weight": 1.5, "dash": "4 3"}
    return {"hatch": colour, "fillOpacity": 0.9, "stroke": colour, "weight": 1.5, "dash": "4 3"}


def _labels(counties: pd.DataFrame, codes: Sequence[str], lang: str) -> dict[str, dict[str, Any]]:
    return {
        code: {"text": counties.loc[code, "name_zh" if lang == "zh" else "name_en"],
               "lat": float(counties.loc[code, "lat"]), "lon": float(counties.loc[code, "lon"])}
        for code in codes
    }  # fmt: skip


def targets_text(cluster: Cluster, lang: str) -> str:
    """A cluster's revenue targets, year by year."""
    return sep(lang).join(f"{tg.year} {tg.label(lang)}" for tg in cluster.targets_for("revenue"))


def _tooltip(plan: Plan, cluster: Cluster, row: Any, lang: str) -> dict[str, Any]:
    role = t(row.role, lang) + (f" · {t('partial', lang)}" if row.partial else "")
    rows = [
        [t("cluster", lang), cluster.name(lang)],
        [t("role", lang), role],
        [t("places", lang), row.places],
        [t("confidence", lang), t(f"conf_{row.confidence}", lang)],
    ]
    targets = targets_text(cluster, lang)
    if targets:
        rows.append([t("targets", lang), targets])
    rows.append([t("source", lang), pick(plan, "short", lang)])
    return {"title": row.county_name_zh if lang == "zh" else row.county_name_en, "rows": rows}


def _zone_points(cluster: Cluster, gazetteer: Gazetteer, colour: str, lang: str) -> list[dict[str, Any]]:
    points = []
    for role, place in cluster_places(cluster):
        try:
            res = gazetteer.resolve(place, cluster.city)
        except AtlasError:
            continue
        if res.kind not in ("zone", "new_area") or not res.centre:
            continue
        centre = res.centre
        approximate = not centre.get("sourced")
        points.append(
            {"lat": centre["lat"], "lon": centre["lon"], "color": colour, "approximate": approximate,
             "tooltip": {"title": f"≈ {place}" if approximate else place,
                         "rows": [[t("cluster", lang), cluster.name(lang)], [t("role", lang), t(role, lang)],
                                  ["", res.name], [t("confidence", lang), t(f"conf_{res.confidence}", lang)]],
                         "note": f"{t('approximate_point', lang)} · {pick(res, 'basis', lang)}"}}
        )  # fmt: skip
    return points
