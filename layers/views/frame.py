"""The frame every map view is drawn in: basemap, shared geometry, title, legend, sources, highlight.

``build_map(atlas, view, plans)`` makes the map, hands a ``Canvas`` to the view's own module
(``choropleth``, ``clusters``, ``future``, ``coverage``) and places what it returns. Nothing here
reads a file: the boundaries, topology and provenance come from the ``Atlas``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

import folium

from geo._errors import AtlasError
from i18n import join, pick, sep, t
from layers import elements as el
from layers.basemap import datum_for, make_map
from layers.views import choropleth, clusters, coverage, future
from layers.views.frame_parts import highlight_layer
from layers.views.spec import VIEWS, BuiltView, Canvas, Rendered, View

if TYPE_CHECKING:
    from geo.atlas import Atlas
    from geo.plans import Plan

RENDERERS: dict[str, Callable[[Canvas], Rendered]] = {
    "choropleth": choropleth.render, "cluster": clusters.render, "future": future.render, "coverage": coverage.render,
}  # fmt: skip


def build_map(atlas: Atlas, view: View, plans: Sequence[Plan], *, static_url: str | None = None,
              highlight: tuple[str, Sequence[str]] | None = None) -> BuiltView:  # fmt: skip
    """The folium Map of ``view`` over ``plans``.

    ``highlight`` = (object, codes), e.g. ``("counties", ["130108"])``: outlined and zoomed to.
    """
    if view.kind not in VIEWS:
        raise AtlasError(f"unknown view {view.kind!r}; choose from {', '.join(VIEWS)}")
    datum = datum_for(view.basemap)
    fmap = make_map(basemap=view.basemap, lang=view.lang, static_url=static_url, bounds=atlas.bounds(view.source))
    geometry = el.AtlasGeometry(atlas.topology(view.source, datum))
    fmap.add_child(geometry)
    canvas = Canvas(atlas, view, list(plans), fmap, geometry, datum)
    rendered = RENDERERS[view.kind](canvas)
    if highlight:
        highlight_layer(canvas, *highlight)
    lang = view.lang
    fmap.add_child(el.Panel(el.title_html(rendered.title, rendered.subtitle), position="topleft",
                            css_class="atlas-title-panel"))  # fmt: skip
    legend = rendered.legend
    rows = [(row.swatch, row.label) for row in legend.rows]
    fmap.add_child(el.Panel(el.legend_html(legend.title, rows, legend.notes), position="bottomright", css_class="atlas-legend"))
    summary = f"ⓘ {t('sources', lang)} · {t('datum', lang)}: {'GCJ-02' if datum == 'gcj02' else 'WGS-84'}"
    footer = el.footer_html(summary, footer_lines(atlas, view, plans), open_=static_url is None)
    fmap.add_child(el.Panel(footer, position="bottomleft", css_class="atlas-footer"))
    folium.LayerControl(collapsed=True).add_to(fmap)
    fmap.add_child(el.DrawnMarker())
    return BuiltView(fmap, rendered.title, rendered.subtitle, legend)


def footer_lines(atlas: Atlas, view: View, plans: Sequence[Plan]) -> list[str]:
    """Sources, boundary provenance, datum and date, in the view's language."""
    lang = view.lang
    region = atlas.region
    source = region.boundaries.sources[atlas.source(view.source)]
    info = atlas.provenance
    plan_names = sep(lang).join(pick(p, "short", lang) for p in plans) or t("no_plan_loaded_short", lang)
    datum = t("datum_gcj02" if datum_for(view.basemap) == "gcj02" else "datum_wgs84", lang)
    return [
        f"{t('sources', lang)}: {plan_names} ({pick(region.province, 'name', lang)})",
        f"{t('boundaries', lang)}: {pick(source, 'label', lang)}, {info.get('package', '')} (MIT), {info.get('built', '')}",
        f"{t('datum', lang)}: {datum} · {t('generated', lang)}: {dt.date.today().isoformat()}",
    ]


def plan_labels(plans: Sequence[Plan], lang: str) -> str:
    return join((pick(p, "short", lang) for p in plans), lang)
