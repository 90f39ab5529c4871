"""Pieces every view may draw: context outlines, neighbouring provinces, place names, a highlight."""

from __future__ import annotations

import weakref
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import shapely
from shapely.ops import polylabel

from geo.datum import wgs84_to_gcj02
from geo.names import short_name
from i18n import t
from layers import elements as el
from layers.views.spec import Canvas

if TYPE_CHECKING:
    from geo.atlas import Atlas

HIGHLIGHT_LEVELS = {"counties": "county", "cities": "city", "areas": "area"}

# Label priorities (lower is placed first, so it wins where two would overlap).
PRIORITY = {"city": 0, "cluster": 1, "area": 2, "neighbour": 3, "county": 4}
# Neighbouring provinces are named inside the part of them near the region: the region's box grown
# by each of these shares of its size in turn, until one position fits on the map.
NEIGHBOUR_RINGS = (0.1, 0.05, 0.18, 0.025)
NEIGHBOUR_OFFSETS = [[0, 0], [0, -16], [0, 16], [-28, 0], [28, 0]]  # px, around each anchor in turn
NEIGHBOUR_STYLE = {"fill": "#e6e6e1", "fillOpacity": 1, "stroke": "#a9a9a4", "weight": 0.8}
OUTLINE_STYLE = {"stroke": "#1f1f1f", "weight": 2.0}
_EN_LEVEL_WORDS = (" Autonomous Region", " Special Administrative Region", " Municipality", " Province", " City", " County")


def context_layer(canvas: Canvas, obj: str, *, weight: float = 0.5, color: str = "#8a8a8a") -> None:
    """Thin outlines for orientation: not interactive, not in the layer control."""
    spec = {"object": obj, "kind": "context", "base": {"stroke": color, "weight": weight}, "interactive": False}
    canvas.fmap.add_child(el.AtlasLayer(canvas.geometry, spec, name=obj, control=False))


def neighbour_layer(canvas: Canvas) -> None:
    """The neighbouring provinces as grey context (drawn first, under everything else)."""
    if "neighbours" not in _objects(canvas):
        return
    spec = {"object": "neighbours", "kind": "neighbour", "base": NEIGHBOUR_STYLE, "interactive": False}
    canvas.fmap.add_child(el.AtlasLayer(canvas.geometry, spec, name="neighbours", control=False))


def outline_layer(canvas: Canvas) -> None:
    """The region's own border (and coast), drawn over the views' layers."""
    if "cities" in _objects(canvas):
        canvas.fmap.add_child(el.Outline(canvas.geometry, {"object": "cities", **OUTLINE_STYLE}))


def _objects(canvas: Canvas) -> set[str]:
    return set(canvas.atlas.topology(canvas.view.source, canvas.datum).get("objects", {}))


def place_labels(canvas: Canvas, *, counties: bool) -> None:
    """Names of the cities, composite areas, neighbouring provinces and (``counties``) counties, as one
    layer; ``Atlas.placeLabels`` shows those that fit and leaves the rest out."""
    atlas, lang = canvas.atlas, canvas.lang
    items: list[dict[str, Any]] = []
    for level in ("city", "area", "county") if counties else ("city", "area"):
        rows = atlas.level(level)
        if level == "county":  # the largest first: they have room for a name, small districts rarely do
            area = next((c for c in rows.columns if c.startswith("area_km2")), None)
            rows = rows.sort_values(area, ascending=False) if area else rows
        items += [_item(division_label(row, lang), row.lon, row.lat, level) for row in rows.itertuples()]
    for code, anchors in neighbour_anchors(atlas, canvas.view.source).items():
        row = atlas.divisions.loc[atlas.divisions["key"] == f"neighbour:{code}"]
        if len(row) and anchors:
            item = _item(neighbour_label(row.iloc[0], lang), anchors[0][0], anchors[0][1], "neighbour")
            item["at"] = [[lat, lon] for lon, lat in anchors[1:]]
            item["offsets"] = NEIGHBOUR_OFFSETS
            items.append(item)
    if canvas.datum == "gcj02":
        items = [shift_to_gcj02(item) for item in items]
    canvas.fmap.add_child(el.AtlasLabels(items, name=t("print_place_names", lang)))


def _item(text: str, lon: float, lat: float, kind: str) -> dict[str, Any]:
    return {"text": text, "lon": round(float(lon), 5), "lat": round(float(lat), 5), "kind": kind, "priority": PRIORITY[kind]}


def shift_to_gcj02(item: dict[str, Any]) -> dict[str, Any]:
    """A label's anchors moved to GCJ-02, as the vectors are under a Gaode basemap."""
    lons = [item["lon"], *(lon for _, lon in item.get("at", []))]
    lats = [item["lat"], *(lat for lat, _ in item.get("at", []))]
    x, y = wgs84_to_gcj02(lons, lats)
    moved = {**item, "lon": round(float(x[0]), 5), "lat": round(float(y[0]), 5)}
    if item.get("at"):
        moved["at"] = [[round(float(b), 5), round(float(a), 5)] for a, b in zip(x[1:], y[1:], strict=True)]
    return moved


def division_label(row: Any, lang: str) -> str:
    """A division's name as a map writes it: Chinese in full (石家庄市, 赞皇县); English without the
    words County and City (Zanhuang, Shijiazhuang), districts keep theirs (Chang'an District)."""
    if lang == "zh":
        return str(row.name_zh)
    name = str(row.name_en)
    for word in (" County", " City"):
        name = name.removesuffix(word)
    return name


def neighbour_label(row: Any, lang: str) -> str:
    """A neighbouring province by its short name: 北京, 内蒙古, 山西 / Beijing, Inner Mongolia, Shanxi."""
    if lang == "zh":
        return short_name(str(row["name_zh"])) or str(row["name_zh"])
    name = str(row["name_en"])
    for word in _EN_LEVEL_WORDS:
        name = name.removesuffix(word)
    return name


_ANCHORS: dict[tuple[int, str], tuple[weakref.ref[Atlas], dict[str, list[tuple[float, float]]]]] = {}


def neighbour_anchors(atlas: Atlas, source: str | None) -> dict[str, list[tuple[float, float]]]:
    """Where to name each neighbouring province: (lon, lat) points inside the part of it that lies
    within the region's box grown by each of ``NEIGHBOUR_RINGS`` (the pole of inaccessibility of that
    part, so the name sits in its middle). Computed once per atlas and source."""
    name = atlas.source(source)
    key = (id(atlas), name)
    cached = _ANCHORS.get(key)
    if cached and cached[0]() is atlas:
        return cached[1]
    frame = atlas.boundaries(name)
    neighbours = frame[frame["level"] == "neighbour"]
    anchors: dict[str, list[tuple[float, float]]] = {}
    if len(neighbours):
        minx, miny, maxx, maxy = frame[frame["level"] == "county"].total_bounds
        for row in neighbours.itertuples():
            points = []
            for ring in NEIGHBOUR_RINGS:
                dx, dy = (maxx - minx) * ring, (maxy - miny) * ring
                part = shapely.intersection(row.geometry, shapely.box(minx - dx, miny - dy, maxx + dx, maxy + dy))
                polygons = [g for g in getattr(part, "geoms", [part]) if g.geom_type == "Polygon" and not g.is_empty]
                if not polygons:
                    continue
                point = polylabel(max(polygons, key=lambda g: g.area), tolerance=0.01)
                if (round(point.x, 4), round(point.y, 4)) not in points:  # a neighbour inside the box: one point
                    points.append((round(point.x, 4), round(point.y, 4)))
            anchors[str(row.code)] = points
    _ANCHORS[key] = (weakref.ref(atlas), anchors)
    return anchors


def highlight_layer(canvas: Canvas, obj: str, codes: Sequence[str]) -> None:
    """Outline the highlighted units and zoom to them."""
    spec = {"object": obj, "kind": "highlight", "only": list(codes), "base": {"stroke": "#000", "weight": 3.5},
            "interactive": False}  # fmt: skip
    canvas.fmap.add_child(el.AtlasLayer(canvas.geometry, spec, name="highlight", control=False))
    shapes = canvas.atlas.boundaries(canvas.view.source, HIGHLIGHT_LEVELS[obj])
    shapes = shapes[shapes["code"].isin(codes)]
    if len(shapes):
        canvas.fmap.add_child(el.FitBounds(tuple(shapes.total_bounds), padding=90, max_zoom=9), name="fit_bounds")
