"""The choropleth view: a metric (``geo.metrics``) by county or city, classified with mapclassify."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from geo.figures import format_figure
from geo.metrics import MetricSpec, metric_spec, metric_values, metric_years
from i18n import display_amount, join, number, paren, t, unit_label
from layers import elements as el
from layers.classify import NO_DATA_COLOR, classify, palette
from layers.views.frame_parts import context_layer
from layers.views.spec import Canvas, Legend, LegendRow, Rendered

UNIT_OBJECTS = {"county": "counties", "city": "cities"}


def render(canvas: Canvas) -> Rendered:
    view, lang, plans = canvas.view, canvas.lang, canvas.plans
    spec = metric_spec(view.metric, [*canvas.atlas.plans, *plans])
    year = view.year
    if spec.by_year and year is None:
        years = metric_years(plans, view.metric)
        year = years[-1] if years else None
    values = metric_values(canvas.atlas, plans, view.metric, level=view.level, year=year)
    classes = classify(values["value"].tolist(), scheme=view.scheme, k=view.k, breaks=view.breaks)
    colours = palette(view.palette, classes.k)
    styles, tooltips = {}, {}
    for row, cls in zip(values.itertuples(), classes.classes, strict=True):
        styles[row.code] = {"fill": colours[cls]} if cls >= 0 else {"hatch": NO_DATA_COLOR, "fillOpacity": 0.6}
        tooltips[row.code] = unit_tooltip(row, spec, year, lang)
    main = values[values["level"] == view.level]["code"].tolist()
    areas = values[values["level"] == "area"]
    layer_spec = {"object": UNIT_OBJECTS[view.level], "kind": "unit", "only": main, "base": {"stroke": "#555", "weight": 0.6},
                  "styles": styles, "tooltips": tooltips}  # fmt: skip
    metric_label = spec.label(lang)
    canvas.fmap.add_child(el.AtlasLayer(canvas.geometry, layer_spec, name=metric_label))
    if len(areas):
        area_spec = {**layer_spec, "object": "areas", "only": areas["code"].tolist(), "base": {"stroke": "#222", "weight": 1.4}}
        names = join(areas["name_zh" if lang == "zh" else "name_en"], lang)
        canvas.fmap.add_child(el.AtlasLayer(canvas.geometry, area_spec, name=f"{t('approximate', lang)} · {names}"))
    if view.level == "county":
        context_layer(canvas, "cities", weight=1.4, color="#333")
    labels = class_labels(classes.bins, classes.distinct, spec.unit, lang)
    rows = [LegendRow(el.swatch_html(fill=c), label) for c, label in zip(colours, labels, strict=True)]
    if (classes.classes and min(classes.classes) < 0) or not classes.bins:
        rows.append(LegendRow(el.swatch_html(hatch=NO_DATA_COLOR), t("no_data", lang)))
    scheme = t("scheme_distinct" if classes.distinct else f"scheme_{view.scheme}", lang)
    notes = [f"{t('classes_note', lang)}: {scheme}, k = {classes.k}"]
    qualifiers = set(values.loc[values["value"].notna(), "qualifier"])
    if "at_least" in qualifiers:
        notes.append(t("sum_at_least", lang))
    if "about" in qualifiers:
        notes.append(t("sum_about", lang))
    unit = unit_label(spec.unit, lang)
    legend_title = metric_label + (f" · {year}" if year else "") + (paren(unit, lang) if unit else "")
    title = f"{t('view_choropleth', lang)} · {metric_label}"
    subtitle = (f"{year} · " if year else "") + t(f"by_{view.level}", lang)
    return Rendered(title, subtitle, Legend(legend_title, rows, notes))


def format_value(value: float, unit: str, qualifier: str, lang: str) -> str:
    if math.isnan(value):
        return t("no_data", lang)
    return format_figure(value, unit, qualifier, lang)


def class_labels(bins: Sequence[float], distinct: bool, unit: str, lang: str) -> list[str]:
    """Legend labels of classes: one value each, or ranges ≤ a, a – b, ..."""
    shown = [display_amount(b, unit, lang) for b in bins]
    if distinct:
        return [number(b) for b in shown]
    return [f"≤ {number(upper)}" if i == 0 else f"{number(shown[i - 1])} – {number(upper)}" for i, upper in enumerate(shown)]


def unit_tooltip(row: Any, spec: MetricSpec, year: int | None, lang: str) -> dict[str, Any]:
    """A unit's value and the evidence behind it (each addend with its figure and quote, or each role)."""
    en = lang == "en"
    label = spec.label(lang) + (f" ({year})" if year else "")
    rows: list[list[str]] = [[label, format_value(row.value, spec.unit, row.qualifier, lang)]]
    for item in row.evidence:
        cluster = item.get("cluster_en" if en else "cluster", "")
        if "figure" in item:
            rows.append([cluster, f"{item['figure_en' if en else 'figure']} —「{item['quote']}」"])
        elif "industry" in item:
            rows.append(["", item["industry_en" if en else "industry"]])
        else:
            rows.append([cluster, f"{t(item['role'], lang)}{paren(item['places'], lang)}"])
    return {"title": row.name_en if en else row.name_zh, "rows": rows}
