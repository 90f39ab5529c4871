"""Compact geometry for the browser: quantized TopoJSON with shared edges stored once.

Counties, cities and composite areas of one boundary source go into one topology, so the edge two
neighbours share is one arc: they cannot drift apart (no slivers) and the file stays small. Detailed
sources are first simplified with ``shapely.coverage_simplify``, which keeps shared edges shared.
For Gaode basemaps the vertices are shifted to GCJ-02 first (``geo.datum``).
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

import geopandas as gpd
import shapely

from geo import settings
from geo.boundaries import load_boundaries
from geo.datum import geometries_to_gcj02
from geo.region import load_region

Datum = Literal["wgs84", "gcj02"]
OBJECTS = {"counties": "county", "cities": "city", "areas": "area"}

# Coverage simplification tolerance per source, in degrees (0.001 deg is about 100 m): the
# Tianditu copy is already coarse; the Amap outlines carry detail no province map shows.
SIMPLIFY_DEGREES: dict[str, float] = {"tianditu": 0.0, "amap": 0.001}
# Quantization grid: 1e5 steps across the province (about 6 m in Hebei).
QUANTIZATION = 100_000


def _prepared(source: str, datum: Datum) -> dict[str, gpd.GeoDataFrame]:
    frames = {}
    counties = load_boundaries(source, "county")
    tolerance = SIMPLIFY_DEGREES.get(source, 0.0)
    simplified = counties.geometry.values
    if tolerance:
        simplified = shapely.coverage_simplify(simplified, tolerance)
    if datum == "gcj02":
        simplified = geometries_to_gcj02(simplified)
    counties = counties.assign(geometry=simplified)
    frames["counties"] = counties
    for name, level in OBJECTS.items():
        if name == "counties":
            continue
        parent = load_boundaries(source, level)
        members = (
            counties.groupby("city_code")
            if level == "city"
            else {a.code: counties[counties["code"].isin(a.counties)] for a in load_region().composite_areas}.items()
        )
        shapes = {code: shapely.coverage_union_all(group.geometry.values) for code, group in members}
        frames[name] = parent.assign(geometry=parent["code"].map(shapes))
    return frames


def topology_file(source: str) -> Path:
    """Where ``make boundaries`` stores the pre-encoded WGS-84 topology of a source."""
    return settings.boundaries_dir() / f"{source}.topo.json"


@lru_cache(maxsize=8)
def topology(source: str | None = None, datum: Datum = "wgs84") -> dict[str, Any]:
    """The TopoJSON topology (as a dict) of one boundary source, objects counties/cities/areas.

    WGS-84 topologies are encoded once by ``make boundaries`` and read from ``data/boundaries/``;
    GCJ-02 ones (for Gaode tiles) are encoded on first use. Each geometry's ``id`` is its division
    code; properties are left out (views add their own).
    """
    source = source or load_region().boundaries.default_source
    path = topology_file(source)
    if datum == "wgs84" and path.exists():
        return json.loads(path.read_text(encoding="utf-8"))
    return encode_topology(source, datum)


def encode_topology(source: str, datum: Datum = "wgs84") -> dict[str, Any]:
    """Encode the topology of ``source`` from the boundary files (see module docstring)."""
    import topojson  # noqa: PLC0415 (only needed to encode; reading the committed topology needs nothing)

    frames = _prepared(source, datum)
    names = list(frames)
    data = [frames[n][["code", "geometry"]] for n in names]
    topo = topojson.Topology(data, object_name=names, prequantize=QUANTIZATION, topology=True).to_dict()
    for name in names:
        for geometry in topo["objects"][name]["geometries"]:
            geometry["id"] = geometry.pop("properties", {}).get("code")
            geometry.pop("bbox", None)
    topo.pop("bbox", None)
    return topo


def bounds(source: str | None = None) -> tuple[float, float, float, float]:
    """(minx, miny, maxx, maxy) of the province, for fitting the map."""
    minx, miny, maxx, maxy = load_boundaries(source, "province").total_bounds
    return float(minx), float(miny), float(maxx), float(maxy)
