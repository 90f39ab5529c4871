"""The app's URL state: round trips, and bad links that fall back without failing."""

from __future__ import annotations

from geo.metrics import metric_specs
from layers.views import View
from tests.atlases import hebei
from ui.state import AppState, from_params, to_params

KNOWN = {
    "plan_ids": ["strategic-emerging-2023-2027", "specialty-2025-2027"],
    "cluster_ids": ["sjz-biomedicine", "bd-nev"],
    "industry_ids": ["green-hydrogen"],
    "sources": ["tianditu", "amap"],
    "counties": ["130108", "130606"],
    "basemaps": ["none", "osm", "carto", "gaode"],  # no Tianditu key here
    "years_of": {"revenue": [2023, 2025, 2027]},
    "metrics": metric_specs(hebei().plans),
    "tiers": ["key", "cultivate", "specialty"],
}


def test_default_state_has_an_empty_url() -> None:
    assert to_params(AppState()) == {}
    assert from_params({}, **KNOWN) == AppState()


def test_round_trip() -> None:
    state = AppState(
        view=View(kind="choropleth", metric="revenue", year=2025, level="city", scheme="user", breaks=(500.0, 1000.0),
                  palette="Blues", basemap="osm", source="amap", lang="en"),
        plan_ids=("strategic-emerging-2023-2027",), tiers=("key",), county="130606", tab="coverage",
    )  # fmt: skip
    params = to_params(state)
    assert "view" not in params  # the default view is left out
    assert params["breaks"] == "500.0,1000.0" and params["tab"] == "coverage"
    assert from_params(params, **KNOWN) == state


def test_bad_values_fall_back_and_are_reported() -> None:
    state = from_params(
        {"view": "nope", "k": "99", "year": "20x5", "clusters": "bd-nev,<script>", "county": "999999", "tab": "x",
         "source": "cnmaps", "industry": "warp-drive", "breaks": "a,b"},
        **KNOWN,
    )  # fmt: skip
    assert state.view.kind == "choropleth" and state.view.k == 5 and state.view.year is None
    assert state.view.clusters == ("bd-nev",) and state.county is None and state.tab == "map"
    assert state.view.source is None and state.view.industry is None and state.view.breaks == ()
    assert set(state.problems) == {
        "view=nope", "k=99", "year=20x5", "clusters=<script>", "county=999999", "tab=x", "source=cnmaps",
        "industry=warp-drive", "breaks=a,b",
    }  # fmt: skip


def test_values_that_do_not_fit_the_link_are_reported_not_dropped_silently() -> None:
    cases = {
        "year=1999": {"metric": "revenue", "year": "1999"},
        "year=99999": {"metric": "revenue", "year": "99999"},
        "year=-1": {"metric": "revenue", "year": "-1"},
        "year=2025": {"year": "2025"},  # the default metric has no years
        "basemap=tianditu": {"basemap": "tianditu"},
        "level=county": {"metric": "future-industries", "level": "county"},
        "breaks=inf": {"scheme": "user", "breaks": "inf"},
        "breaks=1e309": {"scheme": "user", "breaks": "1e309"},
        "breaks=a,b": {"scheme": "user", "breaks": "a,b"},
        "breaks=,,,": {"scheme": "user", "breaks": ",,,"},
        "breaks=nan": {"scheme": "user", "breaks": "nan"},
        "breaks=3,2,1": {"scheme": "user", "breaks": "3,2,1"},
    }
    for problem, params in cases.items():
        state = from_params(params, **KNOWN)
        assert state.problems == [problem], (params, state.problems)
        assert state.view.breaks == () and state.view.basemap == "none" and state.view.scheme == "quantiles"
        assert state.view.year is None and state.view.level == "county"


def test_long_values_are_shortened_in_the_report() -> None:
    state = from_params({"view": "x" * 10_000, "clusters": "y" * 10_000}, **KNOWN)
    assert all(len(p) < 80 for p in state.problems) and len(state.problems) == 2
