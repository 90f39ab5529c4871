"""Pieces every view may draw: context outlines and a highlight."""

from __future__ import annotations

from collections.abc import Sequence

from layers import elements as el
from layers.views.spec import Canvas

HIGHLIGHT_LEVELS = {"counties": "county", "cities": "city", "areas": "area"}


def context_layer(canvas: Canvas, obj: str, *, weight: float = 0.5, color: str = "#8a8a8a") -> None:
    """Thin outlines for orientation: not interactive, not in the layer control."""
    spec = {"object": obj, "kind": "context", "base": {"stroke": color, "weight": weight}, "interactive": False}
    canvas.fmap.add_child(el.AtlasLayer(canvas.geometry, spec, name=obj, control=False))



def highlight_layer(canvas: Canvas, obj: str, codes: Sequence[str]) -> None:
    """Outline the highlighted units and zoom to them."""
    spec = {"object": obj, "kind": "highlight", "only": list(codes), "base": {"stroke": "#000", "weight": 3.5},
            "interactive": False}  # fmt: skip
    canvas.fmap.add_child(el.AtlasLayer(canvas.geometry, spec, name="highlight", control=False))
    shapes = canvas.atlas.boundaries(canvas.view.source, HIGHLIGHT_LEVELS[obj])
    shapes = shapes[shapes["code"].isin(codes)]
    if len(shapes):
        canvas.fmap.add_child(el.FitBounds(tuple(shapes.total_bounds), padding=90, max_zoom=9), name="fit_bounds")
