"""The app's URL state: round trips, and bad links that fall back without failing."""

from __future__ import annotations

from layers.views import View
from ui.state import AppState, from_params, to_params

KNOWN = {
    "plan_ids": ["strategic-emerging-2023-2027", "specialty-2025-2027"],
    "cluster_ids": ["sjz-biomedicine", "bd-nev"],
    "industry_ids": ["green-hydrogen"],
    "sources": ["tianditu", "amap"],
    "counties": ["130108", "130606"],
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
