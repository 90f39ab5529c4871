"""The cluster view: one or several clusters; core zones filled, radiating areas hatched, development
zones drawn as their host counties plus an approximate point, each cluster named on the map.

With no cluster chosen it shows the clusters of the first tier the plans declare. Every cluster shown
at once has its own colour (up to 17, ``layers.classify.CATEGORICAL``), then its own pattern; its
name on the map (short: the field without the place and the word 产业集群) keeps the map readable in
black and white and for readers who cannot tell two colours apart.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd
import shapely
from shapely.ops import polylabel

from geo._errors import AtlasError
from geo.gazetteer import Gazetteer
from geo.join import cluster_places
from geo.plans import Cluster, Plan, all_tiers
from i18n import join, labelled, pick, sep, t
from layers import elements as el
from layers.classify import categorical, categorical_pattern
from layers.views.frame_parts import PRIORITY, context_layer, shift_to_gcj02
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
    shapes = canvas.atlas.boundaries(view.source, "county").set_index("code")
    rows: list[LegendRow] = []
    points: list[dict[str, Any]] = []
    labels: list[dict[str, Any]] = []
    for index, cluster_id in enumerate(ids):
        plan, cluster = by_id[cluster_id]
        colour, pattern = categorical(index), categorical_pattern(index)
        mine = joined[(joined["plan_id"] == plan.id) & (joined["cluster_id"] == cluster_id)]
        styles = {row.county_code: _style(row, colour, pattern) for row in mine.itertuples()}
        tooltips = {row.county_code: _tooltip(plan, cluster, row, lang) for row in mine.itertuples()}
        name = cluster.name(lang)
        spec: dict[str, Any] = {"object": "counties", "kind": "cluster", "only": list(styles), "styles": styles,
                                "tooltips": tooltips}  # fmt: skip
        canvas.fmap.add_child(el.AtlasLayer(canvas.geometry, spec, name=name))
        core = el.swatch_html(fill=colour, stroke=colour, pattern=pattern)
        radiating = el.swatch_html(hatch=colour, stroke=colour, dash=True, pattern=pattern and "dots")
        rows.append(LegendRow(core + radiating, name))
        points += _zone_points(cluster, canvas.atlas.gazetteer, colour, lang)
        label = _cluster_label(cluster, mine, shapes, colour=colour, lang=lang, atlas=canvas.atlas)
        if label:
            labels.append(label)
    if labels:
        labels = [shift_to_gcj02(label) for label in labels] if canvas.datum == "gcj02" else labels
        canvas.fmap.add_child(el.AtlasLabels(labels, name=t("print_cluster_names", lang)))
    if view.clusters:  # a chosen few: zoom to them (with room for the panels)
        shown = canvas.atlas.boundaries(view.source, "county")
        selected = shown[shown["code"].isin(joined.loc[joined["cluster_id"].isin(ids), "county_code"])]
        if len(selected):
            canvas.fmap.add_child(el.FitBounds(tuple(selected.total_bounds), padding=90, max_zoom=10), name="fit_bounds")
    if points:
        canvas.fmap.add_child(el.AtlasPoints(points, name=t("approximate_point", lang)))
        rows.append(LegendRow(el.swatch_html(fill="#ffffff", stroke="#222", point=True, dash=True), t("approximate_point", lang)))
    notes = [t("legend_core_radiating", lang), labelled(t("partial", lang), t("partial_style", lang), lang)]
    names = [by_id[i][1].name(lang) for i in ids]
    subtitle = t("n_clusters", lang, n=len(names)) if len(names) > MANY else join(names, lang)
    return Rendered(t("view_cluster", lang), subtitle, Legend(t("clusters", lang), rows, notes))


def _style(row: Any, colour: str, pattern: str | None = None) -> dict[str, Any]:
    """Core filled (lighter where the county is only partly in the zone), radiating hatched; past the
    palette's colours, core zones take ``pattern`` and radiating areas dots."""
    if row.role == "core" and not row.partial:
        style = {"fill": colour, "fillOpacity": 0.7, "stroke": colour, "weight": 1.5}
    elif row.role == "core":
        style = {"fill": colour, "fillOpacity": 0.3, "stroke": colour, "weight": 1.5, "dash": "4 3"}
    else:
        style = {"hatch": colour, "fillOpacity": 0.9, "stroke": colour, "weight": 1.5, "dash": "4 3"}
    if pattern:
        style["pattern"] = pattern if row.role == "core" else "dots"
        style["fillOpacity"] = 0.95
    return style


def short_label(cluster: Cluster, atlas: Any, lang: str) -> str:
    """A cluster's name as the map writes it: without the leading place (city, county or zone) and the
    word for cluster, 石家庄生物医药产业集群 -> 生物医药, Handan High-End Equipment Cluster ->
    High-End Equipment; the full name where nothing is left."""
    name = cluster.name(lang)
    if lang == "zh":
        core = name.removesuffix("产业集群").removesuffix("集群")
        places = sorted({n for n in atlas.divisions["name_zh"] for n in (n, n[:-1])}, key=len, reverse=True)
        stem = next((core[len(p):] for p in places if len(p) >= 2 and core.startswith(p) and len(core) > len(p) + 1), core)
        return stem or name
    core = name.removesuffix(" Cluster")
    places = sorted({str(n) for n in atlas.divisions["name_en"]} | {str(n).rsplit(" ", 1)[0] for n in atlas.divisions["name_en"]},
                    key=len, reverse=True)  # fmt: skip
    stem = next((core[len(p):].strip() for p in places if p and core.startswith(p + " ") and len(core) > len(p) + 2), core)
    return stem or name


def _cluster_label(cluster: Cluster, mine: pd.DataFrame, shapes: pd.DataFrame, *, colour: str, lang: str,
                   atlas: Any) -> dict[str, Any] | None:  # fmt: skip
    """The cluster's name, beside the middle of its core zones (or of all its counties if it has no
    core), joined to it by a leader line, so the name does not hide the zone it names."""
    core = mine.loc[mine["role"] == "core", "county_code"].tolist() or mine["county_code"].tolist()
    core = [c for c in core if c in shapes.index]
    if not core:
        return None
    area = shapely.union_all(shapes.loc[core, "geometry"].values)
    polygons = [g for g in getattr(area, "geoms", [area]) if g.geom_type == "Polygon"]
    if not polygons:
        return None
    point = polylabel(max(polygons, key=lambda g: g.area), tolerance=0.005)
    return {"text": short_label(cluster, atlas, lang), "lat": round(point.y, 5), "lon": round(point.x, 5), "kind": "cluster",
            "priority": PRIORITY["cluster"], "around": True, "color": colour}  # fmt: skip


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
