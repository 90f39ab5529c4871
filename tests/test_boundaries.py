"""The committed boundary files: completeness, validity, nesting, names and datum."""

from __future__ import annotations

import numpy as np
import pytest
import shapely

from geo.datum import geometries_to_gcj02
from geo.projection import equal_area_crs
from tests.atlases import hebei

SOURCES = ["tianditu", "amap"]

# County-level divisions per prefecture city (statistics bureau, 2023 division codes).
COUNTIES_PER_CITY = {
    "130100": 22, "130200": 14, "130300": 7, "130400": 18, "130500": 18, "130600": 24,
    "130700": 16, "130800": 11, "130900": 16, "131000": 10, "131100": 11,
}  # fmt: skip
KNOWN_CODES = {
    "130110": "鹿泉区",
    "130804": "鹰手营子矿区",
    "130502": "襄都区",  # formerly 邢台 桥东区
    "130503": "信都区",  # formerly 邢台 桥西区
    "130104": "桥西区",
    "130703": "桥西区",
    "130105": "新华区",
    "130902": "新华区",
    "130681": "涿州市",
    "131082": "三河市",
}


@pytest.fixture(params=SOURCES)
def source(request: pytest.FixtureRequest) -> str:
    return request.param


def test_default_source_is_tianditu_and_amap_is_offered() -> None:
    assert hebei().sources == ["tianditu", "amap"]


def test_county_list_matches_the_official_codes(source: str) -> None:
    counties = hebei().boundaries(source, "county")
    assert len(counties) == 167
    assert counties["code"].is_unique
    per_city = counties.groupby("city_code").size().to_dict()
    assert per_city == COUNTIES_PER_CITY
    names = dict(zip(counties["code"], counties["name_zh"], strict=True))
    for code, name in KNOWN_CODES.items():
        assert names[code] == name
    assert all(code.startswith(city[:4]) for code, city in zip(counties["code"], counties["city_code"], strict=True))


def test_both_sources_list_the_same_divisions() -> None:
    codes = [set(hebei().boundaries(s).query("level != 'neighbour'")["key"]) for s in SOURCES]
    assert codes[0] == codes[1]


def test_wgs84_and_inside_hebei(source: str) -> None:
    frame = hebei().boundaries(source).query("level != 'neighbour'")  # neighbours lie around Hebei
    assert frame.crs.to_epsg() == 4326
    minx, miny, maxx, maxy = frame.total_bounds
    assert 113.4 < minx < 113.6 and 119.8 < maxx < 119.95
    assert 36.0 < miny < 36.1 and 42.55 < maxy < 42.7


def test_counties_form_a_valid_coverage(source: str) -> None:
    counties = hebei().boundaries(source, "county")
    assert shapely.is_valid(counties.geometry.values).all()
    assert shapely.coverage_is_valid(counties.geometry.values)


def test_every_hole_in_the_province_is_a_neighbours_enclave(source: str) -> None:
    province = hebei().boundaries(source, "province").geometry.iloc[0]
    holes = [ring for part in getattr(province, "geoms", [province]) for ring in part.interiors]
    recorded = hebei().provenance["sources"][source]["holes_in_province"]
    assert len(holes) == len(recorded)
    assert all(hole["explained"] for hole in recorded), recorded


def _relative_difference(a: shapely.Geometry, b: shapely.Geometry) -> float:
    return shapely.symmetric_difference(a, b).area / a.area


def test_each_city_is_the_union_of_its_counties(source: str) -> None:
    counties = hebei().boundaries(source, "county")
    cities = hebei().boundaries(source, "city").set_index("code")
    assert sorted(cities.index) == sorted(COUNTIES_PER_CITY)
    for code, group in counties.groupby("city_code"):
        union = shapely.union_all(group.geometry.values)
        assert _relative_difference(union, cities.loc[code].geometry) < 1e-9, code


def test_province_is_the_union_of_its_cities(source: str) -> None:
    cities = hebei().boundaries(source, "city")
    province = hebei().boundaries(source, "province").geometry.iloc[0]
    assert _relative_difference(shapely.union_all(cities.geometry.values), province) < 1e-9


def test_xiongan_is_an_approximate_union_of_three_counties(source: str) -> None:
    frame = hebei().boundaries(source).query("level in ('county', 'area')").set_index("code")
    area = frame.loc["xiongan"]
    assert area["name_zh"] == "雄安新区" and area["level"] == "area"
    assert bool(area["approximate"]) is True
    members = frame.loc[["130629", "130632", "130638"]]
    assert set(members["name_zh"]) == {"容城县", "安新县", "雄县"}
    assert _relative_difference(shapely.union_all(members.geometry.values), area.geometry) < 1e-9


def test_areas_are_plausible(source: str) -> None:
    frame = hebei().boundaries(source).query("level in ('county', 'province')").set_index("code")
    # Hebei is about 188,800 km² (provincial statistics).
    assert 185_000 < frame.loc["130000", "area_km2"] < 192_000
    counties = frame[frame["level"] == "county"]
    assert counties["area_km2"].sum() == pytest.approx(frame.loc["130000", "area_km2"], rel=1e-3)


def test_english_names_follow_the_convention() -> None:
    divisions = hebei().divisions.set_index("key")
    divisions = divisions[divisions["level"] != "neighbour"].set_index("code")
    assert divisions.loc["130110", "name_en"] == "Luquan District"
    assert divisions.loc["130804", "name_en"] == "Yingshouyingzi Mining District"
    assert divisions.loc["130321", "name_en"] == "Qinglong Manchu Autonomous County"
    assert divisions.loc["130726", "name_en"] == "Yu County"  # 蔚县 reads Yù
    assert divisions.loc["130102", "name_en"] == "Chang'an District"
    assert divisions.loc["130981", "name_en"] == "Botou City"
    counties = divisions[divisions["level"] == "county"]
    suffixes = ("District", "County", "City")
    assert all(name.endswith(suffixes) for name in counties["name_en"])
    assert not counties.duplicated(["city_code", "name_en"]).any()


def test_division_table_agrees_with_the_geometries() -> None:
    divisions = hebei().divisions
    frame = hebei().boundaries()
    assert list(divisions["code"]) == list(frame["code"])
    points = shapely.points(divisions["lon"], divisions["lat"])
    assert shapely.contains(frame.geometry.values, points).all()


HEBEI_CRS = equal_area_crs((113.4, 36.0, 119.9, 42.6))


def _centroids_m(frame):
    return frame.to_crs(HEBEI_CRS).centroid


def test_sources_share_a_datum_and_gcj02_would_show_as_a_shift() -> None:
    tianditu = hebei().boundaries("tianditu", "county").set_index("code").sort_index()
    amap = hebei().boundaries("amap", "county").set_index("code").sort_index()
    a, b = _centroids_m(tianditu), _centroids_m(amap)
    dx, dy = np.median(b.x - a.x), np.median(b.y - a.y)
    # The two sources differ in detail, not in datum: no systematic shift.
    assert abs(dx) < 50 and abs(dy) < 50
    # A GCJ-02 copy (what raw Gaode data is) sits ~0.5 km east-north-east: the test can see it.
    shifted = amap.copy()
    shifted.geometry = geometries_to_gcj02(amap.geometry.values)
    c = _centroids_m(shifted)
    gx, gy = np.median(c.x - a.x), np.median(c.y - a.y)
    assert 350 < np.hypot(gx, gy) < 750
    assert gx > 300
