"""Streamlit app of the Hebei Industry Cluster Atlas. Start it with ``make run``.

Thin by design: the sidebar builds the state (mirrored in the URL), each tab is a function in
``ui/``, and everything they show comes from ``geo/`` and ``layers/``. Works with no network:
Leaflet and our assets are served by Streamlit itself from ``static/``.
"""

from __future__ import annotations

import streamlit as st

from geo._errors import AtlasError
from layers.i18n import t
from ui.coverage_tab import coverage_tab
from ui.data import ensure_static
from ui.map_tab import map_tab
from ui.sidebar import sidebar
from ui.sources_tab import sources_tab
from ui.targets_tab import targets_tab

st.set_page_config(page_title="河北省产业集群地图 · Hebei Industry Cluster Atlas", layout="wide")
ensure_static()

try:
    state, plans = sidebar()
    lang = state.view.lang
    st.title(t("app_title", lang))
    problems = st.session_state.pop("_url_problems", [])
    if problems:
        st.warning(t("url_problems", lang) + " " + ", ".join(problems))
    tabs = st.tabs([t("tab_map", lang), t("tab_coverage", lang), t("tab_targets", lang), t("tab_sources", lang)])
    for tab, render in zip(tabs, (map_tab, coverage_tab, targets_tab, sources_tab), strict=True):
        with tab:
            render(state, plans)
except AtlasError as error:
    st.error(str(error))
