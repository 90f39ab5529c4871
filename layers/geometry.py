"""Compact geometry for the browser: quantized TopoJSON with shared edges stored once.

Counties, cities and composite areas of one boundary source go into one topology, so the edge two
neighbours share is one arc: they cannot drift apart (no slivers) and the file stays small. Cities
and areas are rebuilt from the (simplified) counties, so they share those arcs. Neighbouring
provinces, drawn as grey context, are a fourth object. Detailed sources are first simplified with
``shapely.coverage_simplify``, which keeps shared edges shared. For Gaode basemaps the vertices are
shifted to GCJ-02 first (``geo.datum``).

Nothing here reads a file: the boundaries come in as a GeoDataFrame (``geo.atlas`` loads them).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Literal

import geopandas as gpd
import shapely

from geo.datum import geometries_to_gcj02

Datum = Literal["wgs84", "gcj02"]
OBJECTS = {"counties": "county", "cities": "city", "areas": "area", "neighbours": "neighbour"}

# Coverage simplification tolerance per source, in degrees (0.001 deg is about 100 m): the
# Tianditu copy is already coarse; the Amap outlines carry detail no province map shows.
SIMPLIFY_DEGREES: dict[str, float] = {"tianditu": 0.0, "amap": 0.001}
NEIGHBOUR_SIMPLIFY_DEGREES = 0.02  # grey context around the province needs no fine detail (about 2 km)
NEIGHBOUR_MARGIN = 0.25  # neighbours are clipped to the region's box grown by this share of its size
# Quantization grid: 1e5 steps across the extent (about 6 m for a province).
QUANTIZATION = 100_000


def prepared_frames(boundaries: gpd.GeoDataFrame, *, source: str, datum: Datum = "wgs84",
                    areas: Mapping[str, Sequence[str]] | None = None) -> dict[str, gpd.GeoDataFrame]:  # fmt: skip
    """The objects of a topology (code + geometry each), from one source's boundaries of every level.

    ``areas`` maps each composite area's code to its county codes.
    """
    counties = boundaries[boundaries["level"] == "county"]
    simplified = counties.geometry.values
    tolerance = SIMPLIFY_DEGREES.get(source, 0.0)
    if tolerance:
        simplified = shapely.coverage_simplify(simplified, tolerance)
    if datum == "gcj02":
        simplified = geometries_to_gcj02(simplified)
    counties = counties.assign(geometry=simplified)
    frames = {"counties": counties[["code", "geometry"]]}
    cities = counties.groupby("city_code")
    frames["cities"] = gpd.GeoDataFrame(
        {"code": [code for code, _ in cities], "geometry": [shapely.coverage_union_all(g.geometry.values) for _, g in cities]},
        crs=counties.crs,
    )
    members = {code: counties[counties["code"].isin(list(codes))] for code, codes in (areas or {}).items()}
    frames["areas"] = gpd.GeoDataFrame(
        {"code": list(members), "geometry": [shapely.coverage_union_all(g.geometry.values) for g in members.values()]},
        geometry="geometry", crs=counties.crs,
    )  # fmt: skip
    neighbours = boundaries[boundaries["level"] == "neighbour"]
    if len(neighbours):
        minx, miny, maxx, maxy = boundaries[boundaries["level"] == "county"].total_bounds
        dx, dy = (maxx - minx) * NEIGHBOUR_MARGIN, (maxy - miny) * NEIGHBOUR_MARGIN
        box = shapely.box(minx - dx, miny - dy, maxx + dx, maxy + dy)
        shapes = shapely.simplify(shapely.intersection(neighbours.geometry.values, box), NEIGHBOUR_SIMPLIFY_DEGREES,
                                  preserve_topology=True)  # fmt: skip
        if datum == "gcj02":
            shapes = geometries_to_gcj02(shapes)
        frames["neighbours"] = gpd.GeoDataFrame({"code": neighbours["code"].tolist(), "geometry": shapes}, crs=counties.crs)
    return {name: frame for name, frame in frames.items() if len(frame)}


def encode_topology(frames: Mapping[str, gpd.GeoDataFrame]) -> dict[str, Any]:
    """Encode ``prepared_frames`` as one quantized TopoJSON topology; each geometry's ``id`` is its code."""
    import topojson  # noqa: PLC0415 (only needed to encode; reading a committed topology needs nothing)

    names = list(frames)
    data = [frames[n][["code", "geometry"]] for n in names]
    topo = topojson.Topology(data, object_name=names, prequantize=QUANTIZATION, topology=True).to_dict()
    for name in names:
        for geometry in topo["objects"][name]["geometries"]:
            geometry["id"] = geometry.pop("properties", {}).get("code")
            geometry.pop("bbox", None)
    topo.pop("bbox", None)
    return topo


def total_bounds(boundaries: gpd.GeoDataFrame) -> tuple[float, float, float, float]:
    """(minx, miny, maxx, maxy) of the region (its counties), for fitting the map."""
    minx, miny, maxx, maxy = boundaries[boundaries["level"] == "county"].total_bounds
    return float(minx), float(miny), float(maxx), float(maxy)
