"""The coverage tab, for planners: the county x cluster matrix, gaps, overlaps, per-city shares,
far radiating areas; each table downloadable; a chosen row shown on the map beside it."""

from __future__ import annotations

import json

import pandas as pd
import streamlit as st

from geo._errors import AtlasError
from geo.plans import Plan
from geo.tables import table_bytes
from i18n import t
from i18n.tables import localise
from layers._escape import markdown_text
from layers.basemap import datum_for
from layers.views import View
from ui.data import STATIC_DIR, atlas, county_cluster_matrix, coverage, geometry_url, live_view
from ui.live_map import live_map
from ui.state import AppState, parse_at
from ui.workspace import imported_plan

TABLES = ("matrix", "gaps", "overlaps", "cities", "radiating_distances", "clusters", "places")
# Columns shown per table, by their names in the analytical table (all columns go into the downloads).
_SHOWN = {
    "gaps": ["county_name_zh", "county_name_en", "city", "city_en", "future_industries", "future_industries_en"],
    "overlaps": ["county_name_zh", "county_name_en", "city", "city_en", "n_clusters", "n_core", "clusters", "clusters_en"],
    "cities": ["city", "city_en", "counties", "core", "radiating", "none", "covered", "share_covered_pct"],
    "radiating_distances": ["cluster_name_zh", "cluster_name_en", "county_name_zh", "county_name_en", "nearest_core_name_zh",
                            "nearest_core_name_en", "edge_km", "centroid_km"],
    "clusters": ["cluster_name_zh", "cluster_name_en", "tier", "tier_en", "city", "city_en", "core_counties", "core_counties_en",
                 "radiating_counties", "radiating_counties_en", "uncertain_counties", "uncertain_counties_en",
                 "unresolved_places"],
    "places": ["cluster_name_zh", "cluster_name_en", "role", "place", "resolution", "kind", "matched_as", "resolved_name",
               "county_names", "confidence", "basis_zh", "basis_en", "reason", "candidates", "city", "message"],
}  # fmt: skip


def coverage_tab(state: AppState, plans: list[Plan]) -> None:
    lang = state.view.lang
    tables = coverage(state.plan_ids, state.tiers, state.view.source, state.token, imported_plan(state.token))
    tables = {**tables, "matrix": county_cluster_matrix(tables["counties"], tables["cluster_counties"], lang)}
    # Keyed per language: Streamlit keeps option labels when only format_func changes.
    name = st.segmented_control(t("tables", lang), TABLES, key=f"coverage_table__{lang}",
                                default=st.session_state.get("v_coverage_table", "matrix"),
                                format_func=lambda n: t(f"table_{n}", lang)) or "matrix"  # fmt: skip
    st.session_state["v_coverage_table"] = name
    frame = tables[name]
    if name == "radiating_distances" and len(frame):
        threshold = st.slider(t("far_threshold", lang), 0, 100, 0, step=5, key="far_km")
        frame = frame[frame["centroid_km"] > threshold].reset_index(drop=True)
    left, right = st.columns([1.4, 1], gap="medium")
    with left:
        st.caption(t("select_row_hint", lang))
        shown = localise(frame[[c for c in _SHOWN[name] if c in frame.columns]] if name in _SHOWN else frame, lang)
        event = st.dataframe(shown, hide_index=True, width="stretch", height=520, on_select="rerun",
                             selection_mode="single-row", key=f"table_{name}")  # fmt: skip
        rows = event.selection.rows if event and event.selection else []
        csv, xlsx = st.columns(2)
        named = localise(frame, lang)
        csv.download_button(t("download_csv", lang), lambda: table_bytes(named, "csv"), f"{name}-{lang}.csv", "text/csv",
                            key=f"csv_{name}", on_click="ignore")  # fmt: skip
        xlsx.download_button(t("download_xlsx", lang), lambda: table_bytes(named, "xlsx", sheet=name), f"{name}-{lang}.xlsx",
                             "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", key=f"xlsx_{name}",
                             on_click="ignore")  # fmt: skip
    with right:
        view, selected = _selection_view(state, name, frame, rows[0] if rows else None)
        _coverage_map(state, view, selected)


COVERAGE_MAP = "coverage_map"


def _coverage_map(state: AppState, view: View, selected: dict | None) -> None:
    """The live map beside the table: the chosen row's county or city outlined and brought into view,
    the extent kept while the user moves between rows and tabs."""
    ss = st.session_state
    event = ss.get(COVERAGE_MAP) or {}
    at = parse_at(",".join(str(v) for v in event.get("at") or []) or None)
    if at:
        ss["coverage_at"] = at
    try:
        spec = live_view(view, state.plan_ids, state.tiers, state.token, "", imported_plan(state.token))
        geometry = geometry_url(view.source, datum_for(view.basemap))
    except AtlasError as error:
        st.error(markdown_text(str(error)))
        return
    minx, miny, maxx, maxy = atlas().bounds(view.source)
    live_map(STATIC_DIR, spec=spec, geometry=geometry, bounds=[[miny, minx], [maxy, maxx]], at=ss.get("coverage_at"),
             selected=selected, focus={"nonce": json.dumps(selected, sort_keys=True)} if selected else None,
             label=t("map_label", view.lang), height=560, key=COVERAGE_MAP)  # fmt: skip


def _selection_view(state: AppState, name: str, frame: pd.DataFrame, row: int | None) -> tuple[View, dict | None]:
    """The map for the selected row: its county (or city) outlined, or its cluster shown."""
    view = state.view.with_(kind="coverage", clusters=())
    if row is None or row >= len(frame):
        return view, None
    record = frame.iloc[row]
    if name in ("clusters", "places"):
        return view.with_(kind="cluster", clusters=(record["cluster_id"],)), None
    if name == "cities":
        return view, {"object": "cities", "codes": [str(record["city_code"])]}
    code = record.get("county_code")
    return view, ({"object": "counties", "codes": [str(code)]} if code else None)
