"""The choropleth view: a metric (``geo.metrics``) by county or city, classified with mapclassify.

A yearly metric (revenue targets) is classified once over every year's values, so one colour means
one range of amounts on the map of any year (``shared_classes``); a class no unit falls in says so
in the legend.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from geo._errors import AtlasError
from geo.figures import format_figure
from geo.metrics import MetricSpec, metric_spec, metric_values, metric_years
from i18n import display_amount, join, labelled, number, paren, t, unit_label
from layers import elements as el
from layers.classify import NO_DATA_COLOR, Classes, apply_bins, class_counts, classify, palette
from layers.views.frame_parts import context_layer
from layers.views.spec import Canvas, Legend, LegendRow, Rendered, View

if TYPE_CHECKING:
    from geo.atlas import Atlas
    from geo.plans import Plan

UNIT_OBJECTS = {"county": "counties", "city": "cities"}


def render(canvas: Canvas) -> Rendered:
    view, lang, plans = canvas.view, canvas.lang, canvas.plans
    spec = metric_spec(view.metric, [*canvas.atlas.plans, *plans])
    year = view.year
    if spec.by_year and year is None:
        years = metric_years(plans, view.metric)
        year = years[-1] if years else None
    values = metric_values(canvas.atlas, plans, view.metric, level=view.level, year=year)
    shared = shared_classes(canvas.atlas, plans, view, spec)
    classes = apply_bins(shared.bins, shared.distinct, values["value"].tolist()) if shared else classify(
        values["value"].tolist(), scheme=view.scheme, k=view.k, breaks=view.breaks)  # fmt: skip
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
    empty = [n == 0 for n in class_counts(classes)]
    qualifiers = set(values.loc[values["value"].notna(), "qualifier"])
    nodata = bool((classes.classes and min(classes.classes) < 0) or not classes.bins)
    legend = legend_of(spec, view, classes, empty=empty, nodata=nodata, qualifiers=qualifiers,
                       years=shared.years if shared else (), year=year)
    title = f"{t('view_choropleth', lang)} · {metric_label}"
    subtitle = (f"{year} · " if year else "") + t(f"by_{view.level}", lang)
    return Rendered(title, subtitle, legend)


@dataclass(frozen=True)
class SharedClasses:
    """One set of class bins for every year of a yearly metric, and the years it was made from."""

    bins: tuple[float, ...]
    distinct: bool
    years: tuple[int, ...]


def shared_classes(atlas: Atlas, plans: Sequence[Plan], view: View, spec: MetricSpec) -> SharedClasses | None:
    """Class bins over every year's values of a yearly metric at the view's level (None: not yearly).

    Classifying each year on its own moves the breaks from year to year, so one colour would mean
    different amounts on the 2023 and the 2027 map; classifying all the years' values together keeps
    a colour to one range of amounts. User breaks are kept as given (the last class reaches the
    largest value of any year).
    """
    if not spec.by_year:
        return None
    years = tuple(metric_years(plans, view.metric))
    if len(years) < 2:
        return None
    together = classify(classed_values(atlas, plans, view.metric, level=view.level, year=None),
                        scheme=view.scheme, k=view.k, breaks=view.breaks)  # fmt: skip
    return SharedClasses(together.bins, together.distinct, years)


def classed_values(atlas: Atlas, plans: Sequence[Plan], metric: str, *, level: str, year: int | None) -> list[float]:
    """The values a map's classes are made from: every year's for a metric with several target years
    (``shared_classes``), else the map's own (``year``); no-data rows included, as NaN."""
    years = metric_years(plans, metric)
    pooled: list[float] = []
    for each in years if len(years) > 1 else [year]:
        pooled += metric_values(atlas, plans, metric, level=level, year=each)["value"].tolist()
    return pooled


def legend_of(spec: MetricSpec, view: View, classes: Classes, *, empty: Sequence[bool], nodata: bool,
              qualifiers: set[str], years: Sequence[int], year: int | None) -> Legend:  # fmt: skip
    """The legend: one row per class (a class no unit falls in says so), no data, and notes.

    ``years``: the years whose values made the classes (empty: this map's values only); ``year``:
    the year in the legend's title (None: no year, as under small multiples, where each map is named).
    """
    lang = view.lang
    colours = palette(view.palette, classes.k)
    labels = class_labels(classes.bins, classes.distinct, spec.unit, lang)
    rows = [LegendRow(el.swatch_html(fill=c), label + (paren(t("print_class_empty", lang), lang) if none else ""))
            for c, label, none in zip(colours, labels, empty, strict=True)]  # fmt: skip
    if nodata:
        rows.append(LegendRow(el.swatch_html(hatch=NO_DATA_COLOR), t("no_data", lang)))
    scheme = t("scheme_distinct" if classes.distinct else f"scheme_{view.scheme}", lang)
    comma = "，" if lang == "zh" else ", "
    notes = [labelled(t("classes_note", lang), f"{scheme}{comma}k = {classes.k}", lang)]
    if years:
        notes.append(t("print_classes_shared", lang, years=join((str(y) for y in years), lang)))
    if "at_least" in qualifiers:
        notes.append(t("print_sum_at_least", lang))
    if "about" in qualifiers:
        notes.append(t("sum_about", lang))
    unit = unit_label(spec.unit, lang)
    title = spec.label(lang) + (f" · {year}" if year else "") + (paren(unit, lang) if unit else "")
    return Legend(title, rows, notes)


def years_legend(atlas: Atlas, view: View, plans: Sequence[Plan], years: Sequence[int]) -> Legend:
    """One legend for maps of ``years`` side by side (small multiples): the classes shared by every
    year, a class marked empty only when no unit of any of those years falls in it; its note names
    the years shown (the classes are made from every year's values, so they hold for these too)."""
    spec = metric_spec(view.metric, [*atlas.plans, *plans])
    if not spec.by_year:
        raise AtlasError(f"metric {view.metric!r} has no years; maps side by side need a yearly metric such as revenue")
    shared = shared_classes(atlas, plans, view, spec)
    empty: list[bool] | None = None
    nodata, qualifiers = False, set()
    for year in years:
        values = metric_values(atlas, plans, view.metric, level=view.level, year=year)
        if shared:
            classes = apply_bins(shared.bins, shared.distinct, values["value"].tolist())
        else:
            classes = classify(values["value"].tolist(), scheme=view.scheme, k=view.k, breaks=view.breaks)
        mine = [n == 0 for n in class_counts(classes)]
        empty = mine if empty is None else [a and b for a, b in zip(empty, mine, strict=True)]
        nodata = nodata or bool((classes.classes and min(classes.classes) < 0) or not classes.bins)
        qualifiers |= set(values.loc[values["value"].notna(), "qualifier"])
    return legend_of(spec, view, classes, empty=empty or [], nodata=nodata, qualifiers=qualifiers,
                     years=tuple(years) if shared else (), year=None)


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
    label = spec.label(lang) + (paren(str(year), lang) if year else "")
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
