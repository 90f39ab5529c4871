"""The four map views, each a folium Map ready to show in the app or export as one HTML file.

* ``choropleth``: a metric (``geo.metrics``) by county or city, classified with mapclassify.
* ``cluster``: one or several clusters; core zones filled, radiating areas hatched, development
  zones drawn as their host counties plus an approximate point.
* ``future``: the future industries' host places, one toggleable layer per industry.
* ``coverage``: counties by status (core / radiating / none), overlaps outlined.

``build_map(view, plans)`` returns the map and its title; nothing here writes files.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Literal

import folium

from geo._errors import AtlasError
from geo.boundaries import load_boundaries, load_divisions, provenance
from geo.coverage import county_table
from geo.figures import format_figure
from geo.gazetteer import load_gazetteer
from geo.join import cluster_counties, cluster_places
from geo.metrics import METRICS, Level, metric_spec, metric_values, metric_years
from geo.plans import Cluster, Plan
from geo.region import load_region
from i18n import display_amount, number, pick, t, unit_label
from layers import elements as el
from layers.basemap import datum_for, make_map
from layers.classify import NO_DATA_COLOR, categorical, classify, palette
from layers.geometry import bounds, topology

ViewKind = Literal["choropleth", "cluster", "future", "coverage"]
VIEWS: tuple[ViewKind, ...] = ("choropleth", "cluster", "future", "coverage")


@dataclass(frozen=True)
class View:
    """Everything that defines a map; the app keeps it in the URL, the CLI builds it from options."""

    kind: ViewKind = "choropleth"
    metric: str = "clusters-any"
    year: int | None = None
    level: Level = "county"
    scheme: str = "quantiles"
    k: int = 5
    breaks: tuple[float, ...] = ()
    palette: str = "YlGnBu"
    clusters: tuple[str, ...] = ()
    industry: str | None = None
    basemap: str = "none"
    source: str | None = None
    lang: str = "zh"

    def with_(self, **changes: Any) -> View:
        return replace(self, **changes)


@dataclass
class BuiltView:
    map: folium.Map
    title: str
    subtitle: str
    legend: list[tuple[str, str]] = field(default_factory=list)


def build_map(view: View, plans: Sequence[Plan], *, static_url: str | None = None,
              highlight: tuple[str, Sequence[str]] | None = None) -> BuiltView:  # fmt: skip
    """The folium Map of ``view`` over ``plans`` (see module docstring).

    ``highlight`` = (object, codes), e.g. ``("counties", ["130108"])``: outlined and zoomed to.
    """
    if view.kind not in VIEWS:
        raise AtlasError(f"unknown view {view.kind!r}; choose from {', '.join(VIEWS)}")
    datum = datum_for(view.basemap)
    fmap = make_map(basemap=view.basemap, lang=view.lang, static_url=static_url, bounds=bounds(view.source))
    geometry = el.AtlasGeometry(topology(view.source, datum))
    fmap.add_child(geometry)
    builder = {"choropleth": _choropleth, "cluster": _clusters, "future": _future, "coverage": _coverage}[view.kind]
    title, subtitle, legend_title, rows, notes = builder(fmap, geometry, view, list(plans), datum)
    if highlight:
        _highlight(fmap, geometry, view, *highlight)
    fmap.add_child(el.Panel(el.title_html(title, subtitle), position="topleft", css_class="atlas-title-panel"))
    fmap.add_child(el.Panel(el.legend_html(legend_title, rows, notes), position="bottomright", css_class="atlas-legend"))
    summary = f"ⓘ {t('sources', view.lang)} · {t('datum', view.lang)}: {'GCJ-02' if datum == 'gcj02' else 'WGS-84'}"
    footer = el.footer_html(summary, _footer(view, plans), open_=static_url is None)
    fmap.add_child(el.Panel(footer, position="bottomleft", css_class="atlas-footer"))
    folium.LayerControl(collapsed=True).add_to(fmap)
    fmap.add_child(el.DrawnMarker())
    return BuiltView(fmap, title, subtitle, rows)


# ---- shared pieces ------------------------------------------------------------------------------


def _highlight(fmap: folium.Map, geometry: el.AtlasGeometry, view: View, obj: str, codes: Sequence[str]) -> None:
    """Outline the highlighted units and zoom to them."""
    spec = {"object": obj, "kind": "highlight", "only": list(codes), "base": {"stroke": "#000", "weight": 3.5},
            "interactive": False}  # fmt: skip
    fmap.add_child(el.AtlasLayer(geometry, spec, name="highlight", control=False))
    level = {"counties": "county", "cities": "city", "areas": "area"}[obj]
    shapes = load_boundaries(view.source, level)
    shapes = shapes[shapes["code"].isin(codes)]
    if len(shapes):
        fmap.add_child(el.FitBounds(tuple(shapes.total_bounds), padding=90, max_zoom=9), name="fit_bounds")


def _name(row: Any, lang: str) -> str:
    return row.name_zh if lang == "zh" else row.name_en


def _context_layer(geometry: el.AtlasGeometry, obj: str, *, weight: float = 0.5, color: str = "#8a8a8a") -> el.AtlasLayer:
    """Thin outlines for orientation: not interactive, not in the layer control."""
    spec = {"object": obj, "kind": "context", "base": {"stroke": color, "weight": weight}, "interactive": False}
    return el.AtlasLayer(geometry, spec, name=obj, control=False)


def _footer(view: View, plans: Sequence[Plan]) -> list[str]:
    lang = view.lang
    region = load_region()
    source = view.source or region.boundaries.default_source
    info = provenance()
    label = region.boundaries.sources[source]
    plan_names = "；".join(p.short_zh if lang == "zh" else p.short_en for p in plans)
    datum = t("datum_gcj02" if datum_for(view.basemap) == "gcj02" else "datum_wgs84", lang)
    return [
        f"{t('sources', lang)}: {plan_names} ({region.province.name_zh if lang == 'zh' else region.province.name_en})",
        f"{t('boundaries', lang)}: {label.label_zh if lang == 'zh' else label.label_en}, "
        f"{info['package']} (MIT), {info['built']}",
        f"{t('datum', lang)}: {datum} · {t('generated', lang)}: {dt.date.today().isoformat()}",
    ]


def _plan_label(plan: Plan, lang: str) -> str:
    return plan.short_zh if lang == "zh" else plan.short_en


# ---- choropleth ---------------------------------------------------------------------------------


def _format_value(value: float, unit: str, qualifier: str, lang: str) -> str:
    if math.isnan(value):
        return t("no_data", lang)
    return format_figure(value, unit, qualifier, lang)


def _class_labels(bins: Sequence[float], distinct: bool, unit: str, lang: str) -> list[str]:
    shown = [display_amount(b, unit, lang) for b in bins]
    if distinct:
        return [number(b) for b in shown]
    labels = []
    for i, upper in enumerate(shown):
        labels.append(f"≤ {number(upper)}" if i == 0 else f"{number(shown[i - 1])} – {number(upper)}")
    return labels


def _choropleth(fmap, geometry, view: View, plans, datum):
    spec = metric_spec(view.metric)
    lang = view.lang
    year = view.year
    if spec.by_year and year is None:
        years = metric_years(plans, view.metric)
        year = years[-1] if years else None
    values = metric_values(plans, view.metric, level=view.level, year=year)
    classes = classify(values["value"].tolist(), scheme=view.scheme, k=view.k, breaks=view.breaks)
    colours = palette(view.palette, classes.k)
    styles, tooltips = {}, {}
    for row, cls in zip(values.itertuples(), classes.classes, strict=True):
        style = {"fill": colours[cls]} if cls >= 0 else {"hatch": NO_DATA_COLOR, "fillOpacity": 0.6}
        styles[row.code] = style
        tooltips[row.code] = _unit_tooltip(row, spec, year, lang)
    obj_units = {"county": "counties", "city": "cities"}[view.level]
    main = values[values["level"] == view.level]["code"].tolist()
    areas = values[values["level"] == "area"]["code"].tolist()
    layer_spec = {"object": obj_units, "kind": "unit", "only": main, "base": {"stroke": "#555", "weight": 0.6},
                  "styles": styles, "tooltips": tooltips}  # fmt: skip
    metric_label = spec.label(lang)
    fmap.add_child(el.AtlasLayer(geometry, layer_spec, name=metric_label))
    if areas:
        area_spec = {**layer_spec, "object": "areas", "only": areas, "base": {"stroke": "#222", "weight": 1.4}}
        fmap.add_child(
            el.AtlasLayer(
                geometry,
                area_spec,
                name=t("approximate", lang)
                + " · "
                + ", ".join(values.set_index("code").loc[areas, "name_zh" if lang == "zh" else "name_en"]),
            )
        )
    if view.level == "county":
        fmap.add_child(_context_layer(geometry, "cities", weight=1.4, color="#333"))
    unit = unit_label(spec.unit, lang)
    rows = [
        (el.swatch_html(fill=c), label)
        for c, label in zip(colours, _class_labels(classes.bins, classes.distinct, spec.unit, lang), strict=True)
    ]
    if (classes.classes and min(classes.classes) < 0) or not classes.bins:
        rows.append((el.swatch_html(hatch=NO_DATA_COLOR), t("no_data", lang)))
    scheme = t("scheme_distinct" if classes.distinct else f"scheme_{view.scheme}", lang)
    notes = [f"{t('classes_note', lang)}: {scheme}, k = {classes.k}"]
    quals = set(values.loc[values["value"].notna(), "qualifier"])
    if "at_least" in quals:
        notes.append(t("sum_at_least", lang))
    if "about" in quals:
        notes.append(t("sum_about", lang))
    legend_title = (
        metric_label + (f" · {year}" if year else "") + (f"（{unit}）" if lang == "zh" and unit else f" ({unit})" if unit else "")
    )
    title = t("view_choropleth", lang) + " · " + metric_label
    subtitle = (f"{year} · " if year else "") + ("按县（市、区）" if view.level == "county" and lang == "zh" else
                                                  "按市" if lang == "zh" else f"by {view.level}")  # fmt: skip
    return title, subtitle, legend_title, rows, notes


def _unit_tooltip(row: Any, spec: Any, year: int | None, lang: str) -> dict[str, Any]:
    title = _name(row, lang)
    label = spec.label(lang) + (f" ({year})" if year else "")
    rows: list[list[str]] = [[label, _format_value(row.value, spec.unit, row.qualifier, lang)]]
    for item in row.evidence:
        if "figure" in item:
            cluster = item["cluster"] if lang == "zh" else item["cluster_en"]
            figure = item["figure"] if lang == "zh" else item["figure_en"]
            rows.append([cluster, f"{figure} —「{item['quote']}」"])
        elif "industry" in item:
            rows.append(["", item["industry"] if lang == "zh" else item["industry_en"]])
        else:
            cluster = item["cluster"] if lang == "zh" else item["cluster_en"]
            rows.append([cluster, f"{t(item['role'], lang)} ({item['places']})"])
    return {"title": title, "rows": rows}


# ---- clusters -----------------------------------------------------------------------------------


def _targets_text(cluster: Cluster, lang: str) -> str:
    parts = [f"{tg.year} {tg.label(lang)}" for tg in cluster.targets_for("revenue")]
    return "；".join(parts) if lang == "zh" else "; ".join(parts)


def _clusters(fmap, geometry, view: View, plans, datum):
    lang = view.lang
    by_id = {c.id: (p, c) for p in plans for c in p.clusters}
    ids = list(view.clusters) or [c.id for p in plans for c in p.clusters if c.tier == "key"]
    unknown = [i for i in ids if i not in by_id]
    if unknown:
        raise AtlasError(f"unknown cluster {', '.join(unknown)}; known: {', '.join(by_id)}")
    join = cluster_counties([p for p in plans])
    fmap.add_child(_context_layer(geometry, "counties", weight=0.4, color="#9a9a9a"))
    fmap.add_child(_context_layer(geometry, "cities", weight=1.2, color="#555"))
    gazetteer = load_gazetteer()
    rows: list[tuple[str, str]] = []
    points = []
    for index, cluster_id in enumerate(ids):
        plan, cluster = by_id[cluster_id]
        colour = categorical(index)
        mine = join[(join["plan_id"] == plan.id) & (join["cluster_id"] == cluster_id)]
        styles, tooltips = {}, {}
        for row in mine.itertuples():
            if row.role == "core" and not row.partial:
                styles[row.county_code] = {"fill": colour, "fillOpacity": 0.7, "stroke": colour, "weight": 1.5}
            elif row.role == "core":
                styles[row.county_code] = {
                    "fill": colour,
                    "fillOpacity": 0.3,
                    "stroke": colour,
                    "weight": 1.5,
                    "dash": "4 3",
                }
            else:
                styles[row.county_code] = {
                    "hatch": colour,
                    "fillOpacity": 0.9,
                    "stroke": colour,
                    "weight": 1.5,
                    "dash": "4 3",
                }
            tooltips[row.county_code] = _cluster_tooltip(plan, cluster, row, lang)
        name = cluster.name(lang)
        spec = {"object": "counties", "kind": "cluster", "only": list(styles), "styles": styles, "tooltips": tooltips}
        if view.clusters:  # zoomed in on a few clusters: name their counties on the map
            spec["labels"] = _labels(mine["county_code"], lang)
        fmap.add_child(el.AtlasLayer(geometry, spec, name=name))
        swatches = el.swatch_html(fill=colour, stroke=colour) + el.swatch_html(hatch=colour, stroke=colour, dash=True)
        rows.append((swatches, name))
        points += _zone_points(cluster, gazetteer, colour, lang)
    if view.clusters:  # a chosen few: zoom to them (with room for the panels)
        shown = load_boundaries(view.source, "county")
        selected = shown[shown["code"].isin(join.loc[join["cluster_id"].isin(ids), "county_code"])]
        fmap.add_child(el.FitBounds(tuple(selected.total_bounds), padding=90, max_zoom=10), name="fit_bounds")
    if points:
        fmap.add_child(el.AtlasPoints(points, name=t("approximate_point", lang)))
        rows.append((el.swatch_html(fill="#ffffff", stroke="#222", point=True, dash=True), t("approximate_point", lang)))
    partial = t("partial", lang) + ": " + ("浅色虚线框" if lang == "zh" else "light fill, dashed outline")
    notes = [t("legend_core_radiating", lang), partial]
    title = t("view_cluster", lang)
    names = [by_id[i][1].name(lang) for i in ids]
    many = len(names) > 3  # name them in the legend only
    subtitle = t("n_clusters", lang).format(n=len(names)) if many else ("、" if lang == "zh" else ", ").join(names)
    return title, subtitle, t("clusters", lang), rows, notes


def _labels(codes: Sequence[str], lang: str) -> dict[str, dict[str, Any]]:
    divisions = load_divisions().set_index("code")
    return {
        code: {"text": divisions.loc[code, "name_zh" if lang == "zh" else "name_en"],
               "lat": float(divisions.loc[code, "lat"]), "lon": float(divisions.loc[code, "lon"])}
        for code in codes
    }  # fmt: skip


def _cluster_tooltip(plan: Plan, cluster: Cluster, row: Any, lang: str) -> dict[str, Any]:
    county = row.county_name_zh if lang == "zh" else row.county_name_en
    role = t(row.role, lang) + (f" · {t('partial', lang)}" if row.partial else "")
    rows = [
        [t("cluster", lang), cluster.name(lang)],
        [t("role", lang), role],
        [t("places", lang), row.places],
        [t("confidence", lang), t(f"conf_{row.confidence}", lang)],
    ]
    targets = _targets_text(cluster, lang)
    if targets:
        rows.append([t("targets", lang), targets])
    rows.append([t("source", lang), _plan_label(plan, lang)])
    return {"title": county, "rows": rows}


def _zone_points(cluster: Cluster, gazetteer: Any, colour: str, lang: str) -> list[dict[str, Any]]:
    points = []
    for role, place in cluster_places(cluster):
        try:
            res = gazetteer.resolve(place, cluster.city)
        except AtlasError:
            continue
        if res.kind not in ("zone", "new_area") or not res.centre:
            continue
        centre = res.centre
        note = t("approximate", lang) if not centre.get("sourced") else ""
        points.append(
            {"lat": centre["lat"], "lon": centre["lon"], "color": colour, "approximate": not centre.get("sourced"),
             "tooltip": {"title": f"≈ {place}" if note else place,
                         "rows": [[t("cluster", lang), cluster.name(lang)], [t("role", lang), t(role, lang)],
                                  ["", res.name], [t("confidence", lang), t(f"conf_{res.confidence}", lang)]],
                         "note": f"{t('approximate_point', lang)} · {pick(res, 'basis', lang)}"}}
        )  # fmt: skip
    return points


# ---- future industries --------------------------------------------------------------------------


def _future(fmap, geometry, view: View, plans, datum):
    lang = view.lang
    industries = [f for p in plans for f in p.future_industries]
    if view.industry:
        chosen = [f for f in industries if f.id == view.industry]
        if not chosen:
            raise AtlasError(f"unknown future industry {view.industry!r}; known: {', '.join(f.id for f in industries)}")
        industries_shown = chosen
    else:
        industries_shown = industries
    values = metric_values(plans, "future-industries", level="city")
    counts = {row.code: row for row in values.itertuples()}
    hosts_shown = {h for f in industries_shown for h in f.hosts}
    divisions = load_divisions()
    code_of = dict(zip(divisions["name_zh"], divisions["code"], strict=False))
    if view.industry:  # one industry: its host places, not counts
        colour = categorical(industries.index(industries_shown[0]))
        fills = {c: colour if counts[c].name_zh in hosts_shown else "#ffffff" for c in counts}
        count_rows = [(el.swatch_html(fill=colour), f"{t('host_places', lang)}: {industries_shown[0].name(lang)}")]
        legend_title = t("future_industries", lang)
    else:
        classes = classify([counts[c].value for c in counts], scheme="quantiles", k=5)
        colours = palette(view.palette, classes.k)
        fills = {c: colours[cls] if cls >= 0 else "#ffffff" for c, cls in zip(counts, classes.classes, strict=True)}
        count_rows = [(el.swatch_html(fill=c), label) for c, label in
                      zip(colours, _class_labels(classes.bins, classes.distinct, "个", lang), strict=True)]  # fmt: skip
        legend_title = t("future_industries", lang) + ("（个）" if lang == "zh" else " (count)")
    styles, tooltips = {}, {}
    for code, row in counts.items():
        styles[code] = {"fill": fills[code], "fillOpacity": 0.55 if view.industry else 0.75}
        names = [e["industry"] if lang == "zh" else e["industry_en"] for e in row.evidence]
        tooltips[code] = {"title": _name(row, lang), "rows": [[t("future_industries", lang), "、".join(names) or "—"]]}
    city_codes = [c for c in counts if counts[c].level == "city"]
    area_codes = [c for c in counts if counts[c].level == "area"]
    fmap.add_child(el.AtlasLayer(geometry, {"object": "cities", "kind": "unit", "only": city_codes, "styles": styles,
                                            "tooltips": tooltips, "base": {"stroke": "#444", "weight": 1}},
                                 name=t("future_industries", lang)))  # fmt: skip
    fmap.add_child(el.AtlasLayer(geometry, {"object": "areas", "kind": "unit", "only": area_codes, "styles": styles,
                                            "tooltips": tooltips, "base": {"stroke": "#111", "weight": 1.6}},
                                 name=", ".join(_name(counts[c], lang) for c in area_codes)))  # fmt: skip
    points_by_city = divisions.set_index("code")[["lon", "lat"]]
    rows = []
    for index, industry in enumerate(industries):
        if industry not in industries_shown:
            continue
        colour = categorical(index)
        angle = 2 * math.pi * index / max(len(industries), 1)
        points = []
        for host in industry.hosts:
            lon, lat = points_by_city.loc[code_of[host]]
            points.append({
                "lat": float(lat) + 0.13 * math.sin(angle), "lon": float(lon) + 0.17 * math.cos(angle),
                "color": colour, "radius": 7, "approximate": False,
                "tooltip": {"title": industry.name(lang), "rows": [
                    [t("host_places", lang), industry.hosts_as_written],
                    [t("focus", lang), "、".join(industry.focus_zh) if lang == "zh" else ", ".join(industry.focus_en)],
                    [t("source", lang), f"「{industry.quote}」"]]},
            })  # fmt: skip
        fmap.add_child(el.AtlasPoints(points, name=industry.name(lang)))
        rows.append((el.swatch_html(fill=colour, stroke="#222", point=True), industry.name(lang)))
    title = t("view_future", lang)
    subtitle = industries_shown[0].name(lang) if view.industry else ("按市或新区" if lang == "zh" else "by city or new area")
    return title, subtitle, legend_title, count_rows + rows, []


# ---- coverage -----------------------------------------------------------------------------------

STATUS_STYLE = {
    "core": {"fill": "#0072B2", "fillOpacity": 0.8},
    "radiating": {"hatch": "#56B4E9", "fillOpacity": 1.0},
    "none": {"fill": "#fbfbf7", "fillOpacity": 0.9},
}
OVERLAP_STROKE = {"stroke": "#D55E00", "weight": 2.6}


def _coverage(fmap, geometry, view: View, plans, datum):
    lang = view.lang
    table = county_table(cluster_counties(plans), plans)
    styles, tooltips = {}, {}
    for row in table.itertuples():
        style = dict(STATUS_STYLE[row.status])
        if row.n_clusters >= 2:
            style.update(OVERLAP_STROKE)
        styles[row.county_code] = style
        en = lang == "en"
        rows = [[t("city", lang), row.city_en if en else row.city], [t("status", lang), t(row.status, lang)]]
        for label, zh, english in (("core", row.core_clusters, row.core_clusters_en),
                                   ("radiating", row.radiating_clusters, row.radiating_clusters_en),
                                   ("future_industries", row.future_industries, row.future_industries_en)):  # fmt: skip
            if zh:
                rows.append([t(label, lang), english if en else zh])
        if row.weakest_confidence and row.weakest_confidence not in ("exact", "high"):
            rows.append([t("confidence", lang), t(f"conf_{row.weakest_confidence}", lang)])
        tooltips[row.county_code] = {"title": row.county_name_zh if lang == "zh" else row.county_name_en, "rows": rows}
    spec = {"object": "counties", "kind": "coverage", "base": {"stroke": "#666", "weight": 0.6}, "styles": styles,
            "tooltips": tooltips}  # fmt: skip
    fmap.add_child(el.AtlasLayer(geometry, spec, name=t("view_coverage", lang)))
    fmap.add_child(_context_layer(geometry, "cities", weight=1.4, color="#333"))
    counts = table["status"].value_counts()
    unit = t("counties", lang)
    rows = [
        (el.swatch_html(fill=STATUS_STYLE["core"]["fill"]), f"{t('core', lang)} ({counts.get('core', 0)} {unit})"),
        (el.swatch_html(hatch=STATUS_STYLE["radiating"]["hatch"]),
         f"{t('radiating', lang)} ({counts.get('radiating', 0)} {unit})"),
        (el.swatch_html(fill=STATUS_STYLE["none"]["fill"]), f"{t('none', lang)} ({counts.get('none', 0)} {unit})"),
        (el.swatch_html(fill="#ffffff", stroke=OVERLAP_STROKE["stroke"], weight=2.5),
         f"{t('overlap', lang)} ({int((table['n_clusters'] >= 2).sum())} {unit})"),
    ]  # fmt: skip
    title = t("view_coverage", lang)
    subtitle = ("、" if lang == "zh" else "; ").join(_plan_label(p, lang) for p in plans)
    return title, subtitle, t("status", lang), rows, []


def default_views(plans: Sequence[Plan], lang: str = "zh") -> list[tuple[str, View]]:
    """Every view the ``--all`` export writes, with a file stem each."""
    base = View(lang=lang)
    out: list[tuple[str, View]] = []
    for metric, spec in METRICS.items():
        levels = spec.levels
        for level in levels:
            if spec.by_year:
                for year in metric_years(plans, metric):
                    out.append((f"choropleth-{metric}-{year}-{level}", base.with_(metric=metric, year=year, level=level)))
            else:
                out.append((f"choropleth-{metric}-{level}", base.with_(metric=metric, level=level)))
    out.append(("clusters-key", base.with_(kind="cluster")))
    for plan in plans:
        for cluster in plan.clusters:
            out.append((f"cluster-{cluster.id}", base.with_(kind="cluster", clusters=(cluster.id,))))
    out.append(("future", base.with_(kind="future")))
    for plan in plans:
        for industry in plan.future_industries:
            out.append((f"future-{industry.id}", base.with_(kind="future", industry=industry.id)))
    out.append(("coverage", base.with_(kind="coverage")))
    return out
