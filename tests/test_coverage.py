"""The cluster x county join and the coverage tables, checked by hand against the plan text."""

from __future__ import annotations

import pandas as pd
import pytest
from pyproj import Geod

from geo.coverage import coverage_tables
from tests.atlases import hebei


@pytest.fixture(scope="module")
def tables() -> dict[str, pd.DataFrame]:
    return coverage_tables(hebei(), hebei().plans)


def _counties_of(join: pd.DataFrame, cluster_id: str, role: str) -> set[str]:
    rows = join[(join["cluster_id"] == cluster_id) & (join["role"] == role)]
    return set(rows["county_name_zh"])


def test_join_of_shijiazhuang_biomedicine(tables: dict[str, pd.DataFrame]) -> None:
    join = tables["cluster_counties"]
    # 核心: 石家庄高新区 (裕华区, part of 栾城区); 辐射: 石家庄经济开发区 (藁城区), 栾城区, 赵县, 晋州市.
    assert _counties_of(join, "sjz-biomedicine", "core") == {"裕华区", "栾城区"}
    assert _counties_of(join, "sjz-biomedicine", "radiating") == {"藁城区", "赵县", "晋州市"}
    luancheng = join[(join["cluster_id"] == "sjz-biomedicine") & (join["county_name_zh"] == "栾城区")].iloc[0]
    assert luancheng["partial"] and luancheng["places"] == "石家庄高新区、栾城区"


def test_join_of_zhangjiakou_big_data(tables: dict[str, pd.DataFrame]) -> None:
    join = tables["cluster_counties"]
    assert _counties_of(join, "zjk-big-data", "core") == {"怀来县", "张北县"}
    # 宣化区, 经济开发区 (桥东区; parts of 桥西区, 宣化区), 桥东区, 涿鹿县
    assert _counties_of(join, "zjk-big-data", "radiating") == {"宣化区", "桥东区", "桥西区", "涿鹿县"}


def test_a_county_both_core_and_radiating_counts_as_core(tables: dict[str, pd.DataFrame]) -> None:
    join = tables["cluster_counties"]
    # 秦皇岛经济技术开发区 (core) spans 海港区 and 山海关区, which are also listed as radiating.
    assert _counties_of(join, "qhd-equipment", "core") == {"海港区", "山海关区"}
    assert _counties_of(join, "qhd-equipment", "radiating") == {"昌黎县", "卢龙县"}
    assert not join.duplicated(["plan_id", "cluster_id", "county_code"]).any()


def test_every_cluster_covers_at_least_one_county(tables: dict[str, pd.DataFrame]) -> None:
    clusters = tables["clusters"]
    assert len(clusters) == 23
    assert (clusters["n_counties"] >= 1).all()
    assert (clusters["unresolved_places"] == "").all()
    cangzhou = clusters.set_index("cluster_id").loc["cz-new-materials"]
    assert "沧县（低）" in cangzhou["uncertain_counties"] and "运河区（低）" in cangzhou["uncertain_counties"]
    assert "Cang County (low)" in cangzhou["uncertain_counties_en"]
    partial = tables["cluster_counties"].set_index(["cluster_id", "county_name_zh"]).loc["cz-new-materials", "partial"]
    assert partial.loc["沧县"] and partial.loc["运河区"]  # 沧州高新区 is about 30 km² of the new town, in both


def test_county_statuses_add_up(tables: dict[str, pd.DataFrame]) -> None:
    counties = tables["counties"].set_index("county_name_zh")
    assert len(tables["counties"]) == 167
    counts = tables["counties"]["status"].value_counts().to_dict()
    assert sum(counts.values()) == 167
    assert len(tables["gaps"]) == counts["none"]
    assert counties.loc["长安区", "status"] == "none"
    assert counties.loc["鹿泉区", "status"] == "core"
    assert counties.loc["正定县", "status"] == "radiating"


def test_future_industries_per_county(tables: dict[str, pd.DataFrame]) -> None:
    counties = tables["counties"].set_index("county_code")
    # 雄县 is in 雄安新区: 空天信息, 先进算力, 鸿蒙欧拉, 基因与细胞.
    assert set(counties.loc["130638", "future_industries"].split("、")) == {
        "空天信息产业", "先进算力产业", "鸿蒙欧拉产业生态", "基因与细胞产业"
    }  # fmt: skip
    # 竞秀区 is in 保定市: 空天信息, 前沿新材料, 基因与细胞, 绿色氢能.
    assert set(counties.loc["130602", "future_industries"].split("、")) == {
        "空天信息产业", "前沿新材料产业", "基因与细胞产业", "绿色氢能产业"
    }  # fmt: skip
    assert counties.loc["130802", "future_industries"] == ""  # 承德 hosts none


def test_city_coverage_by_hand(tables: dict[str, pd.DataFrame]) -> None:
    cities = tables["cities"].set_index("city")
    # 邢台: 襄都区 and 沙河市 (邢台经济开发区), 宁晋县: 3 of 18, all core.
    assert cities.loc["邢台市", ["counties", "core", "radiating", "covered"]].tolist() == [18, 3, 0, 3]
    # 承德: 双滦区, 鹰手营子矿区 (营子区), 兴隆县.
    assert cities.loc["承德市", ["counties", "covered"]].tolist() == [11, 3]
    assert cities["counties"].sum() == 167


def test_overlaps(tables: dict[str, pd.DataFrame]) -> None:
    overlaps = tables["overlaps"].set_index("county_name_zh")
    assert overlaps.loc["徐水区", "n_clusters"] == 2 and overlaps.loc["徐水区", "n_core"] == 0
    assert overlaps.loc["任丘市", "n_core"] == 2  # 沧州新材料 and 任丘石油化工
    assert (tables["overlaps"]["n_clusters"] >= 2).all()


def test_radiating_distances_match_geodesic_distances(tables: dict[str, pd.DataFrame]) -> None:
    distances = tables["radiating_distances"].set_index(["cluster_id", "county_name_zh"])
    zhuozhou = distances.loc[("bd-nev", "涿州市")]
    assert zhuozhou["nearest_core_name_zh"] == "莲池区"
    shapes = hebei().boundaries(level="county").set_index("code")
    a = shapes.loc[zhuozhou["county_code"]].geometry.centroid
    b = shapes.loc[zhuozhou["nearest_core_code"]].geometry.centroid
    _, _, metres = Geod(ellps="WGS84").inv(a.x, a.y, b.x, b.y)
    assert zhuozhou["centroid_km"] == pytest.approx(metres / 1000, rel=0.01)
    assert distances.loc[("zjk-big-data", "宣化区"), "edge_km"] == 0  # borders 怀来县
    assert (distances["edge_km"] <= distances["centroid_km"]).all()


def test_an_edited_plan_under_the_same_ids_gets_its_own_join() -> None:
    """A list imported again with the same ids but other places (a new workspace version) is joined anew."""
    atlas = hebei()
    plan = atlas.plans[0]
    cluster = plan.clusters[0]
    moved = cluster.model_copy(update={"core_zones": ["赵县"], "radiating_areas": []})
    edited = plan.model_copy(update={"clusters": [moved, *plan.clusters[1:]]})
    before = atlas.join([plan]).cluster_counties
    after = atlas.join([edited]).cluster_counties
    core_before = set(before[(before["cluster_id"] == cluster.id) & (before["role"] == "core")]["county_name_zh"])
    core_after = set(after[(after["cluster_id"] == cluster.id) & (after["role"] == "core")]["county_name_zh"])
    assert core_after == {"赵县"} != core_before
