"""The coverage tab, for planners: the county x cluster matrix, gaps, overlaps, per-city shares,
far radiating areas; each table downloadable; a chosen row shown on the map beside it."""

from __future__ import annotations

import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from geo.plans import Plan
from geo.tables import table_bytes
from i18n import t
from i18n.tables import localise
from layers.views import build_map
from ui.data import STATIC_URL, atlas, county_cluster_matrix, coverage
from ui.state import AppState
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
                            key=f"csv_{name}")  # fmt: skip
        xlsx.download_button(t("download_xlsx", lang), lambda: table_bytes(named, "xlsx", sheet=name), f"{name}-{lang}.xlsx",
                             "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", key=f"xlsx_{name}")  # fmt: skip
    with right:
        view, highlight = _selection_view(state, name, frame, rows[0] if rows else None)
        built = build_map(atlas(), view, plans, static_url=STATIC_URL, highlight=highlight)
        st_folium(built.map, height=560, width="stretch", returned_objects=[], key="coverage_map")


def _selection_view(state: AppState, name: str, frame: pd.DataFrame, row: int | None):
    """The map for the selected row: its county highlighted, or its cluster shown."""
    view = state.view.with_(kind="coverage", clusters=())
    if row is None or row >= len(frame):
        return view, None
    record = frame.iloc[row]
    if name in ("clusters", "places"):
        return view.with_(kind="cluster", clusters=(record["cluster_id"],)), None
    if name == "cities":
        return view, ("cities", [record["city_code"]])
    code = record.get("county_code")
    return view, (("counties", [code]) if code else None)
