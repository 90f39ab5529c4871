"""The live map's data (layers/live.py, ui/live_map, ui/county_search), on several regions.

What the browser does with it (restyling in place, the extent kept, the county outlined) is
tested in tests/test_browser_live_map.py; here: what is sent, and what is not.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import folium
import pytest

from geo._errors import AtlasError
from geo.atlas import Atlas
from layers.live import live_spec
from layers.views import View, build_map, default_views
from tests.atlases import hebei
from tests.regions import ANY_REGIONS, region_atlas, with_template_plan
from ui.county_search import search_labels
from ui.live_map import geometry_file
from ui.state import format_at, from_params, parse_at, to_params

REGIONS = ("130000", "110000", "460000")
CJK = re.compile(r"[\u3400-\u9fff]")


@pytest.fixture(scope="module", params=ANY_REGIONS)
def atlas(request: pytest.FixtureRequest, region_dir: Callable[[str], Path]) -> Atlas:
    return region_atlas(request.param, region_dir)


def _keys(spec: dict) -> list[tuple]:
    """What the browser matches parts by to restyle them in place: type, object, kind, features."""
    return [(p["type"], p.get("spec", {}).get("object"), p.get("spec", {}).get("kind"),
             json.dumps(p.get("spec", {}).get("only"))) for p in spec["parts"] if p["type"] == "layer"]  # fmt: skip


def test_every_view_is_sent_without_its_geometry(atlas: Atlas) -> None:
    plans = with_template_plan(atlas)
    topology = json.dumps(atlas.topology(None, "wgs84"))
    for name, view in default_views(plans):
        spec = live_spec(build_map(atlas, view, plans))
        text = json.dumps(spec, ensure_ascii=False)  # JSON-able, as Streamlit sends it
        assert '"arcs"' not in text and '"transform"' not in text, name  # no topology in it
        assert len(text.encode()) < len(topology.encode()), name
        kinds = {p["type"] for p in spec["parts"]}
        assert {"layer", "panel", "outline"} <= kinds, (name, kinds)
        assert spec["fit"]["bounds"], name


def test_a_metric_change_keeps_every_layer_so_the_browser_restyles_in_place(atlas: Atlas) -> None:
    plans = with_template_plan(atlas)
    before = live_spec(build_map(atlas, View(metric="clusters-core"), plans))
    after = live_spec(build_map(atlas, View(metric="clusters-any"), plans))
    assert _keys(before) == _keys(after)
    assert before != after  # and yet the styles (or tooltips, legend) changed


def test_the_parts_carry_the_same_escaped_text_as_the_exported_page() -> None:
    atlas = hebei()
    spec = live_spec(build_map(atlas, View(lang="en"), atlas.plans))
    panels = [p["html"] for p in spec["parts"] if p["type"] == "panel"]
    assert panels and all("<script" not in html for html in panels)
    words = next(p["words"] for p in spec["parts"] if p["type"] == "control_words")
    assert words == {"lang": "en", "zoom_in": "Zoom in", "zoom_out": "Zoom out", "layers": "Layers"}
    zh = live_spec(build_map(atlas, View(), atlas.plans))
    assert next(p["words"] for p in zh["parts"] if p["type"] == "control_words")["zoom_in"] == "放大"


def test_a_map_part_the_live_map_does_not_know_is_an_error() -> None:
    atlas = hebei()
    built = build_map(atlas, View(), atlas.plans)
    built.map.add_child(folium.Marker([38, 115]))
    with pytest.raises(AtlasError, match="does not know the map part Marker"):
        live_spec(built)


def test_the_topology_file_is_named_by_its_content(tmp_path: Path) -> None:
    atlas = hebei()
    first = geometry_file(tmp_path, atlas.topology(None, "wgs84"))
    again = geometry_file(tmp_path, atlas.topology(None, "wgs84"))
    other = geometry_file(tmp_path, atlas.topology(None, "gcj02"))
    assert first == again != other
    assert re.fullmatch(r"topo/[0-9a-f]{16}\.json", first)
    assert json.loads((tmp_path / first).read_text(encoding="utf-8")) == atlas.topology(None, "wgs84")


def test_county_search_labels_hold_name_pinyin_initials_and_code(atlas: Atlas) -> None:
    counties, cities = atlas.level("county"), atlas.level("city")
    zh, en = search_labels(counties, cities, "zh"), search_labels(counties, cities, "en")
    assert set(zh) == set(en) == set(counties["code"].astype(str))
    for code, label in zh.items():
        assert label.endswith(code) and CJK.search(label)
    for code, label in en.items():
        assert label.endswith(code) and not CJK.search(label), label


def test_county_search_finds_hebei_counties_the_way_planners_type() -> None:
    atlas = hebei()
    zh = search_labels(atlas.level("county"), atlas.level("city"), "zh")
    assert "长安区（石家庄市）" in zh["130102"] and "changanqu" in zh["130102"] and "caq" in zh["130102"]
    assert [c for c, label in zh.items() if "桥西区" in label] == ["130104", "130703"]  # two cities, both shown
    en = search_labels(atlas.level("county"), atlas.level("city"), "en")
    assert en["130102"] == "Chang'an District (Shijiazhuang City) · 130102"


def test_the_extent_in_the_link() -> None:
    assert parse_at("38.2,114.8,8.5") == (38.2, 114.8, 8.5)
    assert format_at((38.123456, 114.87654, 8.25)) == "38.1235,114.8765,8.25"
    for bad in ("38.2,114.8", "nan,1,2", "91,0,5", "0,181,5", "0,0,25", "a,b,c", "1,2,3,4", "inf,0,1"):
        problems: list[str] = []
        assert parse_at(bad, problems) is None
        assert problems == [f"at={bad}"]
    state = from_params({"at": "38.2,114.8,8.5", "county": "130102"}, plan_ids=[], cluster_ids=[], industry_ids=[],
                        sources=["tianditu"], counties=["130102"])  # fmt: skip
    assert state.at == (38.2, 114.8, 8.5) and not state.problems
    assert to_params(state)["at"] == "38.2000,114.8000,8.5"


def test_large_parts_travel_as_files_and_styles_as_a_palette(tmp_path: Path) -> None:
    """What a change sends: colours (a few distinct styles and an index per county) and the names of
    files the browser fetches once; tooltips only when the pointer first rests on the layer."""
    from ui.live_map import pack  # noqa: PLC0415

    atlas = hebei()
    spec = live_spec(build_map(atlas, View(), atlas.plans))
    packed = pack(spec, tmp_path)
    index = next(i for i, p in enumerate(spec["parts"]) if p.get("spec", {}).get("tooltips"))  # the choropleth
    layer, packed_layer = spec["parts"][index]["spec"], packed["parts"][index]["spec"]
    styles = packed_layer["styles"]
    assert len(styles["$palette"]) <= 6  # a handful of classes, not one style per county
    assert {code: styles["$palette"][i] for code, i in styles["$index"].items()} == layer["styles"]
    lazy = packed_layer["tooltips"]["$lazy"]
    assert json.loads((tmp_path / lazy).read_text(encoding="utf-8")) == layer["tooltips"]
    labels = next(p for p in packed["parts"] if p["type"] == "labels")["spec"]["labels"]["$file"]
    assert json.loads((tmp_path / labels).read_text(encoding="utf-8")) == next(
        p for p in spec["parts"] if p["type"] == "labels")["spec"]["labels"]  # fmt: skip
    assert len(json.dumps(packed).encode()) < len(json.dumps(spec).encode()) / 5
    other = pack(live_spec(build_map(atlas, View(metric="clusters-core"), atlas.plans)), tmp_path)
    same_labels = next(p for p in other["parts"] if p["type"] == "labels")["spec"]["labels"]["$file"]
    assert same_labels == labels  # unchanged by a metric change: the browser has it already
