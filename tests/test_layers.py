"""Map layers rendered to HTML: content, escaping, offline assets, classification."""

from __future__ import annotations

import json
import math
import re

import numpy as np
import pytest
import shapely

from geo._errors import AtlasError
from geo.plans import Plan
from layers._escape import html_text, js_json
from layers.classify import classify, palette
from layers.export import external_assets, render_html
from layers.views import View, build_map, default_views
from tests.atlases import hebei

EVIL = "<img src=x onerror=alert(1)>"


@pytest.fixture(scope="module")
def plans() -> list[Plan]:
    return hebei().plans


def evil_plans(plans: list[Plan]) -> list[Plan]:
    """The bundled plans with the first cluster renamed to markup."""
    strategic = plans[0]
    first = strategic.clusters[0].model_copy(update={"name_zh": EVIL, "name_en": EVIL})
    return [strategic.model_copy(update={"clusters": [first, *strategic.clusters[1:]]}), *plans[1:]]


def _spec_of(page: str, kind: str) -> list[dict]:
    """The JSON specs passed to Atlas.layer for layers of ``kind``."""
    specs = []
    for match in re.finditer(r"Atlas\.layer\([\w]+, (\{.*?\})\);\n", page):
        spec = json.loads(match.group(1))
        if spec["kind"] == kind:
            specs.append(spec)
    return specs


def test_escape_functions() -> None:
    assert html_text(EVIL) == "&lt;img src=x onerror=alert(1)&gt;"
    js = js_json({"name": "</script><script>alert(1)</script>", "q": "it's", "ls": "\u2028"})
    assert "<" not in js and ">" not in js and "'" not in js and "\u2028" not in js
    assert json.loads(js)["name"] == "</script><script>alert(1)</script>"


def test_county_choropleth_html(plans: list[Plan]) -> None:
    page = render_html(hebei(), View(), plans)
    assert external_assets(page) == []
    for host in ("openstreetmap", "cartocdn", "autonavi", "tianditu.gov", "jsdelivr", "unpkg", "cdnjs"):
        assert host not in page  # no basemap chosen: no tiles, and never a CDN
    (spec,) = _spec_of(page, "unit")
    assert len(spec["only"]) == 167 and len(spec["styles"]) == 167
    assert spec["tooltips"]["130110"]["title"] == "鹿泉区"
    assert "石家庄新一代电子信息产业集群" in json.dumps(spec["tooltips"]["130110"], ensure_ascii=False)
    assert "产业集群数（核心或辐射）（个）" in page  # legend title with unit
    assert 'lang="zh-CN"' in page and "<title>" in page


def test_revenue_choropleth_keeps_qualifiers_and_sources(plans: list[Plan]) -> None:
    page = render_html(hebei(), View(metric="revenue", level="city", year=2027, lang="en"), plans)
    (spec, area) = _spec_of(page, "unit")
    shijiazhuang = spec["tooltips"]["130100"]["rows"]
    assert shijiazhuang[0][1] == "at least CNY 400 bn"  # 超2000 + 超2000 (亿元)
    assert any("over CNY 200 bn" in value and "预计超2000亿元" in value for _, value in shijiazhuang)
    assert spec["styles"]["130500"]["hatch"]  # 邢台: no key cluster, drawn as no data
    assert area["only"] == ["xiongan"]
    assert "each target is a minimum" in page
    assert "no data" in page


def test_cluster_view_core_radiating_and_zone_points(plans: list[Plan]) -> None:
    page = render_html(hebei(), View(kind="cluster", clusters=("sjz-biomedicine",)), plans)
    (spec,) = _spec_of(page, "cluster")
    styles = spec["styles"]
    assert styles["130108"]["fill"] and "hatch" not in styles["130108"]  # 裕华区 core
    assert styles["130133"]["hatch"]  # 赵县 radiating
    assert styles["130111"]["fillOpacity"] == 0.3  # 栾城区 only partly in the core zone
    rows = dict(spec["tooltips"]["130108"]["rows"])
    assert rows["目标"] == "2023 超1000亿元；2025 超1500亿元；2027 超2000亿元"
    assert rows["原文地名"] == "石家庄高新区"
    points = json.loads(re.search(r"Atlas\.points\((\{.*?\})\);", page).group(1))["points"]
    assert {p["tooltip"]["title"] for p in points} == {"≈ 石家庄高新区", "≈ 石家庄经济开发区"}
    assert all(p["approximate"] for p in points)


def test_cluster_names_are_escaped_everywhere(plans: list[Plan]) -> None:
    page = render_html(hebei(), View(kind="cluster", clusters=("sjz-biomedicine",)), evil_plans(plans))
    assert EVIL not in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page  # layer control and legend, as HTML text
    assert "\\u003cimg src=x onerror=alert(1)\\u003e" in page  # tooltip data, as a JSON string


def test_unknown_cluster_and_bad_options(plans: list[Plan]) -> None:
    with pytest.raises(AtlasError, match="unknown cluster nope"):
        build_map(hebei(), View(kind="cluster", clusters=("nope",)), plans)
    with pytest.raises(AtlasError, match="needs a key in the TIANDITU_KEY"):
        build_map(hebei(), View(basemap="tianditu"), plans)
    with pytest.raises(AtlasError, match="exists by city only"):
        build_map(hebei(), View(metric="investment", level="county"), plans)


def test_gaode_basemap_shifts_vectors_to_gcj02(plans: list[Plan]) -> None:
    wgs = shapely.centroid(_decode(hebei().topology(None, "wgs84"), "counties"))
    gcj = shapely.centroid(_decode(hebei().topology(None, "gcj02"), "counties"))
    shift = np.median(shapely.get_x(gcj) - shapely.get_x(wgs))
    assert 0.004 < shift < 0.008  # Gaode's datum sits about 500 m east in Hebei
    page = render_html(hebei(), View(basemap="gaode"), plans)
    assert "autonavi.com" in page and "openstreetmap" not in page
    assert "GCJ-02" in page


def test_osm_basemap_offers_only_wgs84_tiles(plans: list[Plan]) -> None:
    page = render_html(hebei(), View(basemap="osm"), plans)
    assert "tile.openstreetmap.org" in page and "cartocdn" in page and "autonavi" not in page
    assert external_assets(page) == []


def _decode(topo: dict, name: str) -> list[shapely.Geometry]:
    """Decode TopoJSON polygons (a reference decoder, independent of atlas.js)."""
    sx, sy = topo["transform"]["scale"]
    tx, ty = topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)

    def ring(indexes: list[int]) -> list[tuple[float, float]]:
        out: list[tuple[float, float]] = []
        for i, index in enumerate(indexes):
            pts = arcs[~index][::-1] if index < 0 else arcs[index]
            out += pts[1:] if i else pts
        return out

    shapes = []
    for g in topo["objects"][name]["geometries"]:
        polys = [g["arcs"]] if g["type"] == "Polygon" else g["arcs"]
        shapes.append(shapely.MultiPolygon([shapely.Polygon(ring(p[0]), [ring(r) for r in p[1:]]) for p in polys]))
    return shapes


@pytest.mark.parametrize("source", ["tianditu", "amap"])
def test_compact_geometry_has_no_slivers_and_keeps_areas(source: str) -> None:
    topo = hebei().topology(source)
    shapes = _decode(topo, "counties")
    assert len(shapes) == 167
    assert shapely.coverage_is_valid(shapely.make_valid(shapes))
    original = hebei().boundaries(source, "county")
    assert shapely.area(shapes).sum() == pytest.approx(shapely.area(original.geometry.values).sum(), rel=2e-3)
    size = len(json.dumps(topo, separators=(",", ":")))
    assert size < 400_000


def test_classification() -> None:
    counts = classify([0, 0, 1, 2, 2, 3])
    assert counts.distinct and counts.bins == (0, 1, 2, 3)
    amounts = classify([100, 200, 300, 400, 500, 600, 700, 800, 900, math.nan], scheme="equal_interval", k=4)
    assert amounts.bins == (300, 500, 700, 900) and amounts.classes[-1] == -1
    user = classify([100, 600, 2500], scheme="user", breaks=[500, 1000])
    assert user.bins == (500, 1000, 2500) and user.classes == (0, 1, 2)
    with pytest.raises(AtlasError, match="breaks must increase"):
        classify([1, 2, 3], scheme="user", breaks=[5, 1])
    with pytest.raises(AtlasError, match="between 2 and 9"):
        classify([1, 2, 3], k=12)
    assert len(palette("YlGnBu", 5)) == 5 and len(set(palette("Blues", 2))) == 2


def test_every_default_view_renders(plans: list[Plan]) -> None:
    views = default_views(plans)
    assert len(views) == len({stem for stem, _ in views})
    for stem, view in views[:: max(1, len(views) // 8)]:
        page = render_html(hebei(), view, plans)
        assert external_assets(page) == [], stem
        assert "Atlas.markDrawn" in page


@pytest.mark.parametrize("source", ["tianditu", "amap"])
def test_committed_topology_is_current(source: str) -> None:
    from layers.geometry import encode_topology, prepared_frames  # noqa: PLC0415

    atlas = hebei()
    committed = json.loads((atlas.data_dir / "boundaries" / f"{source}.topo.json").read_text(encoding="utf-8"))
    areas = {area.code: area.counties for area in atlas.region.composite_areas}
    fresh = encode_topology(prepared_frames(atlas.boundaries(source), source=source, areas=areas))
    assert committed == json.loads(json.dumps(fresh)), "run `make boundaries`"


def test_future_view_for_one_industry_marks_its_hosts(plans: list[Plan]) -> None:
    page = render_html(hebei(), View(kind="future", industry="green-hydrogen"), plans)
    (cities, _area) = _spec_of(page, "unit")
    hosts = {code for code, style in cities["styles"].items() if style["fill"] != "#ffffff"}
    # 张家口、保定、衡水、邯郸、唐山市
    assert hosts == {"130700", "130600", "131100", "130400", "130200"}
    assert "承载地: 绿色氢能产业" in page
    points = json.loads(re.search(r"Atlas\.points\((\{.*?\})\);", page).group(1))["points"]
    assert len(points) == 5
