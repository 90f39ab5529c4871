"""A built view as data for the app's live map: what changed from one setting to the next, never
the geometry.

The exported page (``layers.export``) writes the folium map as one HTML file, geometry included.
The app instead keeps one Leaflet map in the browser (``ui/live_map``): it fetches the region's
topology once per boundary source and datum, and on every change receives only this spec (the same
layer specs, panels and tiles the page's script would get, built by the same view modules and
escaped by the same ``layers._escape`` path) and restyles its features in place.

``live_spec(built)`` lists the map's parts in drawing order. Parts the live map provides itself
(scale bar, layer control, label placement, the drawn marker) are left out; a part this module
does not know is an error, so a new element cannot silently go missing from the app.
"""

from __future__ import annotations

from typing import Any

import folium

from geo._errors import AtlasError
from layers import elements as el
from layers.views.spec import BuiltView

# Elements the live map does itself, or that only the exported page needs.
PROVIDED = (el.AtlasGeometry, el.LabelPlacer, el.MetricScale, el.DrawnMarker, folium.LayerControl)


def live_spec(built: BuiltView) -> dict[str, Any]:
    """The parts of ``built``'s map as JSON-able data: ``{"parts": [...], "fit": ...}``.

    Each part is ``{"type": "layer" | "points" | "labels" | "outline" | "panel" | "tiles" |
    "tile_errors", ...}``; ``fit`` is where the view asks to be fitted (the region, or a highlighted
    county), which the live map uses only when it has no extent of its own.
    """
    parts: list[dict[str, Any]] = []
    fit: dict[str, Any] | None = None
    for child in built.map._children.values():
        if isinstance(child, el.FitBounds):
            fit = child.live()
        elif isinstance(child, folium.TileLayer):
            parts.append(_tiles(child))
        elif hasattr(child, "live"):
            parts.append(child.live())
        elif not isinstance(child, PROVIDED):
            raise AtlasError(f"the live map does not know the map part {type(child).__name__}")
    return {"parts": parts, "fit": fit}


def _tiles(layer: folium.TileLayer) -> dict[str, Any]:
    options = {key: layer.options[key] for key in ("attribution", "subdomains", "max_zoom") if key in layer.options}
    return {"type": "tiles", "url": layer.tiles, "name": layer.layer_name, "show": layer.show, "options": options}

