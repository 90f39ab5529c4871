"""Place-name resolution: every plan place, the traps, and never a fuzzy guess."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from geo._errors import AmbiguousPlaceError, PlaceError, UnknownPlaceError
from geo.gazetteer import Resolution
from tests.atlases import hebei


@pytest.fixture(scope="module")
def gaz():
    return hebei().gazetteer


def _names(res: Resolution, *, include_parts: bool = True) -> set[str]:
    return {c.name_zh for c in res.counties if include_parts or not c.part}


# (place as the plan writes it, the cluster's city) -> main host counties, per places.md.
PLAN_PLACES = {
    ("石家庄高新区", "石家庄市"): {"裕华区"},
    ("石家庄经济开发区", "石家庄市"): {"藁城区"},
    ("石家庄经开区", "石家庄市"): {"藁城区"},
    ("高新区", "石家庄市"): {"裕华区"},
    ("石家庄市鹿泉区", "石家庄市"): {"鹿泉区"},
    ("石家庄市桥西区", "石家庄市"): {"桥西区"},
    ("经济开发区", "张家口市"): {"桥东区"},
    ("张家口市宣化区", "张家口市"): {"宣化区"},
    ("秦皇岛经济技术开发区", "秦皇岛市"): {"海港区", "山海关区"},
    ("高新区", "唐山市"): {"路北区"},
    ("廊坊经济技术开发区", "廊坊市"): {"广阳区"},
    ("保定高新区", "保定市"): {"竞秀区"},
    ("保定经济技术开发区", "保定市"): {"莲池区"},
    ("邯郸经济技术开发区", "邯郸市"): {"丛台区"},
    ("沧州临港经济技术开发区", "沧州市"): {"黄骅市"},
    ("衡水高新区", "衡水市"): {"桃城区"},
    ("邢台经济开发区", "邢台市"): {"襄都区"},
    ("邯郸市冀南新区", "邯郸市"): {"邯山区"},
    ("雄安新区", "雄安新区"): {"雄县", "容城县", "安新县"},
    ("营子区", "承德市"): {"鹰手营子矿区"},
    ("任丘", "沧州市"): {"任丘市"},
    ("中国丝网之都", "衡水市"): {"安平县"},
    ("中国电线电缆之乡", "邢台市"): {"宁晋县"},
    ("中国玻璃城", "邢台市"): {"沙河市"},
    ("中国中药材之乡", "保定市"): {"安国市"},
}


@pytest.mark.parametrize(("place", "city"), sorted(PLAN_PLACES))
def test_plan_places_resolve_as_places_md_says(gaz, place: str, city: str) -> None:
    assert _names(gaz.resolve(place, city), include_parts=False) == PLAN_PLACES[(place, city)]


def test_partial_hosts_are_marked(gaz) -> None:
    res = gaz.resolve("石家庄高新区")
    assert [(c.name_zh, c.part, c.note_zh) for c in res.counties] == [("裕华区", False, ""), ("栾城区", True, "郄马镇")]
    assert res.kind == "zone" and res.confidence == "high" and res.approximate


def test_every_place_of_both_plans_resolves(gaz) -> None:
    table = hebei().join(hebei().plans).places
    assert len(table) == 68
    assert (table["resolution"] == "resolved").all(), table[table["resolution"] != "resolved"]
    uncertain = table[table["confidence"].isin(["medium", "low"])]
    assert set(uncertain["place"]) == {
        "保定经济技术开发区",
        "沧州临港经济技术开发区",
        "高新区",
        "衡水高新区",
        "中国中药材之乡",
    }
    assert set(uncertain.loc[uncertain["confidence"] == "low", "city"]) == {"沧州市"}


@pytest.mark.parametrize(
    ("name", "city", "expected"),
    [
        ("桥西区", "石家庄", "130104"),
        ("桥西区", "张家口市", "130703"),
        ("桥西区", "邢台", "130503"),  # old name of 信都区
        ("桥东区", "邢台市", "130502"),  # old name of 襄都区
        ("桥东区", "张家口", "130702"),
        ("新华区", "石家庄市", "130105"),
        ("新华区", "沧州市", "130902"),
        ("新华区", "130900", "130902"),
        ("新华区", "Cangzhou", "130902"),
    ],
)
def test_repeated_names_resolve_by_city(gaz, name: str, city: str, expected: str) -> None:
    assert gaz.resolve(name, city).codes() == [expected]


@pytest.mark.parametrize("name", ["桥西区", "桥东区", "新华区"])
def test_repeated_names_without_city_are_ambiguous_with_candidates(gaz, name: str) -> None:
    with pytest.raises(AmbiguousPlaceError) as info:
        gaz.resolve(name)
    assert len(info.value.candidates) >= 2
    assert "give the city" in str(info.value)


@pytest.mark.parametrize("name", ["高新区", "经济开发区", "经开区"])
def test_zone_aliases_need_a_city(gaz, name: str) -> None:
    with pytest.raises(UnknownPlaceError) as info:
        gaz.resolve(name)
    assert "needs a city" in str(info.value)
    assert any("石家庄" in c for c in info.value.candidates)


def test_name_in_the_wrong_city_lists_where_it_exists(gaz) -> None:
    with pytest.raises(UnknownPlaceError) as info:
        gaz.resolve("新华区", "保定")
    assert "no place '新华区' in 保定市" in str(info.value)
    assert len(info.value.candidates) == 2


@pytest.mark.parametrize(
    "name",
    ["东区", "开发区", "南开", "鹿泉市", "鹿泉", "石家庄高新技术开发区", "桥东", "营子", "高新", "Luquan", "鹿泉区区"],
)
def test_what_only_a_fuzzy_matcher_would_take_is_refused(gaz, name: str) -> None:
    with pytest.raises(PlaceError):
        gaz.resolve(name)


def test_city_prefix_must_agree_with_the_context(gaz) -> None:
    with pytest.raises(UnknownPlaceError, match="names 石家庄市 but the context is 张家口市"):
        gaz.resolve("石家庄市桥西区", "张家口")


def test_unknown_city_context(gaz) -> None:
    with pytest.raises(UnknownPlaceError, match="unknown city '北京'"):
        gaz.resolve("鹿泉区", "北京")


def test_cities_and_short_forms(gaz) -> None:
    city = gaz.resolve("唐山")
    assert city.kind == "city" and len(city.counties) == 14
    assert gaz.resolve("承德").kind == "city"  # a city's short form wins over 承德县's
    assert gaz.resolve("承德县").codes() == ["130821"]
    assert gaz.resolve("石家庄市").kind == "city"
    assert gaz.resolve("安国").codes() == ["130683"]
    assert gaz.resolve("青龙").codes() == ["130321"]


def test_new_area_kind(gaz) -> None:
    assert gaz.resolve("雄安新区").kind == "new_area"
    assert gaz.resolve("冀南新区", "邯郸").kind == "new_area"


KNOWN = sorted(hebei().gazetteer.names())


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=12))
def test_arbitrary_text_never_crashes(text: str) -> None:
    gaz = hebei().gazetteer
    try:
        res = gaz.resolve(text)
    except PlaceError:
        return
    # Whatever resolves is a known name, possibly behind a city prefix: never a near miss.
    squashed = "".join(text.split())
    assert any(squashed == n or squashed.endswith(n) for n in KNOWN)
    assert res.counties


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(KNOWN), st.text(min_size=1, max_size=3))
def test_a_known_name_with_extra_text_does_not_resolve_to_it(name: str, extra: str) -> None:
    gaz = hebei().gazetteer
    candidate = name + extra
    if "".join(candidate.split()) in KNOWN:
        return
    try:
        res = gaz.resolve(candidate)
    except PlaceError:
        return
    assert res.name != name or "".join(candidate.split()) == name


def test_zones_added_for_planners_lists() -> None:
    """白沟新城, 雄安高新区 (opened 2024) and 保定莲池高新区 resolve, with basis and confidence; 高新区 in 保定
    still means 保定高新区."""
    gazetteer = hebei().gazetteer
    baigou = gazetteer.resolve("白沟新城", "保定")
    assert [(c.name_zh, c.part) for c in baigou.counties] == [("高碑店市", True)] and baigou.confidence == "medium"
    xiongan = gazetteer.resolve("雄安高新区", "雄安新区")
    assert [(c.name_zh, c.part) for c in xiongan.counties] == [("雄县", True)] and "2024" in xiongan.basis_zh
    assert gazetteer.resolve("雄安高新区", "保定").name == "河北雄安高新技术产业开发区"  # named in 保定's sentences too
    lianchi = gazetteer.resolve("保定莲池高新区", "保定市")
    assert [c.name_zh for c in lianchi.counties] == ["莲池区"] and lianchi.confidence == "medium-high"
    assert gazetteer.resolve("高新区", "保定").name == "保定高新技术产业开发区"
    for zone in (baigou, xiongan, lianchi):
        assert zone.basis_zh and zone.basis_en and zone.approximate
