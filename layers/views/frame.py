"""The frame every map view is drawn in: basemap, shared geometry, neighbouring provinces, place
names, the region's border, title, legend, sources, highlight.

``build_map(atlas, view, plans)`` makes the map, hands a ``Canvas`` to the view's own module
(``choropleth``, ``clusters``, ``future``, ``coverage``) and places what it returns. Nothing here
reads a file: the boundaries, topology and provenance come from the ``Atlas``.

``for_print=True`` builds the same map for a print page (``layers.print``): no panels, no controls
(zoom, layers, attribution, scale), no fitting of its own; the page places title, legend and notes
around it and fits the map into its box.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

import folium

from geo._errors import AtlasError
from i18n import join, labelled, paren, pick, sep, t
from layers import elements as el
from layers.basemap import datum_for, make_map
from layers.views import choropleth, clusters, coverage, future, progress
from layers.views.frame_parts import highlight_layer, neighbour_layer, outline_layer, place_labels
from layers.views.spec import VIEWS, BuiltView, Canvas, Rendered, View

if TYPE_CHECKING:
    from geo.actuals import Actual
    from geo.atlas import Atlas
    from geo.plans import Plan

RENDERERS: dict[str, Callable[[Canvas], Rendered]] = {
    "choropleth": choropleth.render, "cluster": clusters.render, "future": future.render, "coverage": coverage.render,
    "progress": progress.render,
}  # fmt: skip


def build_map(atlas: Atlas, view: View, plans: Sequence[Plan], *, static_url: str | None = None,
              highlight: tuple[str, Sequence[str]] | None = None, for_print: bool = False,
              actuals: Sequence[Actual] = ()) -> BuiltView:  # fmt: skip
    """The folium Map of ``view`` over ``plans``.

    ``highlight`` = (object, codes), e.g. ``("counties", ["130108"])``: outlined and zoomed to.
    ``for_print``: the bare map for a print page (see the module docstring).
    """
    if view.kind not in VIEWS:
        raise AtlasError(f"unknown view {view.kind!r}; choose from {', '.join(VIEWS)}")
    datum = datum_for(view.basemap)
    fmap = make_map(basemap=view.basemap, lang=view.lang, static_url=static_url, bounds=atlas.bounds(view.source))
    geometry = el.AtlasGeometry(atlas.topology(view.source, datum))
    fmap.add_child(geometry)
    canvas = Canvas(atlas, view, list(plans), fmap, geometry, datum, actuals)
    neighbour_layer(canvas)
    rendered = RENDERERS[view.kind](canvas)
    outline_layer(canvas)
    place_labels(canvas, counties=shows_counties(view))
    if highlight:
        highlight_layer(canvas, *highlight)
    if for_print:
        _strip_for_print(fmap)
        fmap.add_child(el.LabelPlacer())
        fmap.add_child(el.DrawnMarker())
        return BuiltView(fmap, rendered.title, rendered.subtitle, rendered.legend)
    lang = view.lang
    fmap.add_child(el.Panel(el.title_html(rendered.title, rendered.subtitle), position="topleft",
                            css_class="atlas-title-panel"))  # fmt: skip
    legend = rendered.legend
    rows = [(row.swatch, row.label) for row in legend.rows]
    fmap.add_child(el.Panel(el.legend_html(legend.title, rows, legend.notes), position="bottomright", css_class="atlas-legend"))
    summary = f"ⓘ {t('sources', lang)} · {labelled(t('datum', lang), 'GCJ-02' if datum == 'gcj02' else 'WGS-84', lang)}"
    footer = el.footer_html(summary, footer_lines(atlas, view, plans), open_=static_url is None)
    fmap.add_child(el.Panel(footer, position="bottomleft", css_class="atlas-footer"))
    folium.LayerControl(collapsed=True).add_to(fmap)
    fmap.add_child(el.ControlWords({"lang": lang, **{key: t(f"map_{key}", lang) for key in ("zoom_in", "zoom_out", "layers")}}))
    fmap.add_child(el.LabelPlacer())
    fmap.add_child(el.DrawnMarker())
    return BuiltView(fmap, rendered.title, rendered.subtitle, legend)


def shows_counties(view: View) -> bool:
    """Whether the view is about counties (their names and boundaries are then on the map)."""
    return view.kind in ("cluster", "coverage", "progress") or (view.kind == "choropleth" and view.level == "county")


def _strip_for_print(fmap: folium.Map) -> None:
    """No zoom buttons, no attribution, no scale control, no fitting: the print page does its own;
    no animations, and any zoom (zoomSnap 0), so the region fills its box exactly."""
    fmap.options.update(zoom_control=False, attribution_control=False, zoom_snap=0, fade_animation=False,
                        zoom_animation=False, marker_zoom_animation=False, inertia=False)  # fmt: skip
    for name, child in list(fmap._children.items()):
        if isinstance(child, el.MetricScale | el.FitBounds):
            del fmap._children[name]


def footer_lines(atlas: Atlas, view: View, plans: Sequence[Plan]) -> list[str]:
    """Sources, boundary provenance, datum and date, in the view's language (its colons, commas and
    brackets too)."""
    lang = view.lang
    region = atlas.region
    source = region.boundaries.sources[atlas.source(view.source)]
    info = atlas.provenance
    plan_names = sep(lang).join(pick(p, "short", lang) for p in plans) or t("no_plan_loaded_short", lang)
    datum = t("datum_gcj02" if datum_for(view.basemap) == "gcj02" else "datum_wgs84", lang)
    colon, comma = ("：", "，") if lang == "zh" else (": ", ", ")
    package = f"{info.get('package', '')}{paren('MIT', lang)}"
    return [
        f"{t('sources', lang)}{colon}{plan_names}{paren(pick(region.province, 'name', lang), lang)}",
        f"{t('boundaries', lang)}{colon}{pick(source, 'label', lang)}{comma}{package}{comma}{info.get('built', '')}",
        f"{t('datum', lang)}{colon}{datum} · {t('generated', lang)}{colon}{dt.date.today().isoformat()}",
    ]


def plan_labels(plans: Sequence[Plan], lang: str) -> str:
    return join((pick(p, "short", lang) for p in plans), lang)
