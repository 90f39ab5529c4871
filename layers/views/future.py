"""The future-industries view: how many future industries each city or new area hosts, or, for one
industry, its host places; a toggleable layer of host markers per industry."""

from __future__ import annotations

import math
from typing import Any

from geo._errors import AtlasError
from geo.metrics import metric_values
from i18n import join, paren, t, unit_label
from layers import elements as el
from layers.classify import categorical, classify, palette
from layers.views.choropleth import class_labels
from layers.views.spec import Canvas, Legend, LegendRow, Rendered

MARKER_OFFSET = (0.17, 0.13)  # degrees east, north: markers of several industries sit around a host's centre


def render(canvas: Canvas) -> Rendered:
    view, lang, plans = canvas.view, canvas.lang, canvas.plans
    industries = [f for p in plans for f in p.future_industries]
    shown = [f for f in industries if f.id == view.industry] if view.industry else industries
    if view.industry and not shown:
        raise AtlasError(f"unknown future industry {view.industry!r}; known: {', '.join(f.id for f in industries)}")
    values = metric_values(canvas.atlas, plans, "future-industries", level="city")
    counts = {row.code: row for row in values.itertuples()}
    hosts_shown = {h for f in shown for h in f.hosts}
    if view.industry:  # one industry: its host places, not counts
        colour = categorical(industries.index(shown[0]))
        fills = {c: colour if counts[c].name_zh in hosts_shown else "#ffffff" for c in counts}
        legend_rows = [LegendRow(el.swatch_html(fill=colour), f"{t('host_places', lang)}: {shown[0].name(lang)}")]
        legend_title = t("future_industries", lang)
    else:
        classes = classify([counts[c].value for c in counts], scheme="quantiles", k=5)
        colours = palette(view.palette, classes.k)
        fills = {c: colours[cls] if cls >= 0 else "#ffffff" for c, cls in zip(counts, classes.classes, strict=True)}
        labels = class_labels(classes.bins, classes.distinct, "个", lang)
        legend_rows = [LegendRow(el.swatch_html(fill=c), label) for c, label in zip(colours, labels, strict=True)]
        legend_title = t("future_industries", lang) + paren(unit_label("个", lang) or t("count", lang), lang)
    styles, tooltips = {}, {}
    for code, row in counts.items():
        styles[code] = {"fill": fills[code], "fillOpacity": 0.55 if view.industry else 0.75}
        names = [e["industry"] if lang == "zh" else e["industry_en"] for e in row.evidence]
        tooltips[code] = {"title": row.name_zh if lang == "zh" else row.name_en,
                          "rows": [[t("future_industries", lang), join(names, lang) or "—"]]}  # fmt: skip
    city_codes = [c for c in counts if counts[c].level == "city"]
    area_codes = [c for c in counts if counts[c].level == "area"]
    canvas.fmap.add_child(el.AtlasLayer(canvas.geometry, {
        "object": "cities", "kind": "unit", "only": city_codes, "styles": styles, "tooltips": tooltips,
        "base": {"stroke": "#444", "weight": 1}}, name=t("future_industries", lang)))  # fmt: skip
    if area_codes:
        canvas.fmap.add_child(el.AtlasLayer(canvas.geometry, {
            "object": "areas", "kind": "unit", "only": area_codes, "styles": styles, "tooltips": tooltips,
            "base": {"stroke": "#111", "weight": 1.6}},
            name=join((counts[c].name_zh if lang == "zh" else counts[c].name_en for c in area_codes), lang)))  # fmt: skip
    centres = _host_centres(canvas)
    for index, industry in enumerate(industries):
        if industry not in shown:
            continue
        colour = categorical(index)
        angle = 2 * math.pi * index / max(len(industries), 1)
        points = [_marker(industry, centres[host], angle, colour, lang) for host in industry.hosts if host in centres]
        canvas.fmap.add_child(el.AtlasPoints(points, name=industry.name(lang)))
        legend_rows.append(LegendRow(el.swatch_html(fill=colour, stroke="#222", point=True), industry.name(lang)))
    subtitle = shown[0].name(lang) if view.industry else t("by_city_or_area", lang)
    return Rendered(t("view_future", lang), subtitle, Legend(legend_title, legend_rows))


def _host_centres(canvas: Canvas) -> dict[str, tuple[float, float]]:
    """A representative point (lon, lat) of every city and composite area, by Chinese name."""
    places = canvas.atlas.divisions[canvas.atlas.divisions["level"].isin(["city", "area"])]
    return {row.name_zh: (float(row.lon), float(row.lat)) for row in places.itertuples()}


def _marker(industry: Any, centre: tuple[float, float], angle: float, colour: str, lang: str) -> dict[str, Any]:
    lon, lat = centre
    dx, dy = MARKER_OFFSET
    focus = join(industry.focus_zh, lang) if lang == "zh" else join(industry.focus_en, lang)
    return {
        "lat": lat + dy * math.sin(angle), "lon": lon + dx * math.cos(angle), "color": colour, "radius": 7,
        "approximate": False,
        "tooltip": {"title": industry.name(lang), "rows": [
            [t("host_places", lang), industry.hosts_as_written], [t("focus", lang), focus],
            [t("source", lang), f"「{industry.quote}」"]]},
    }  # fmt: skip
