"""Streamlit app of the Industry Cluster Atlas. Start it with ``make run``.

Thin by design: the sidebar builds the state (mirrored in the URL), each tab is a function in
``ui/``, and everything they show comes from ``geo/`` and ``layers/`` over one ``Atlas`` built from
the data folder (``$ATLAS_DATA_DIR``, default ``data/``: Hebei). Works with no network: Leaflet and
our assets are served by Streamlit itself from ``static/``.
"""

from __future__ import annotations

import streamlit as st

from geo._errors import AtlasError
from i18n import pick, t
from layers._escape import markdown_text
from ui.coverage_tab import coverage_tab
from ui.data import atlas, ensure_static
from ui.import_panel import import_report
from ui.map_tab import map_tab
from ui.sidebar import sidebar, write_url
from ui.sources_tab import sources_tab
from ui.state import TABS
from ui.targets_tab import targets_tab
from ui.workspace import all_plans

province = atlas().region.province
st.set_page_config(page_title=f"{t('app_title', 'zh', region=province.short_zh)} · "
                              f"{t('app_title', 'en', region=province.short_en)}", layout="wide")  # fmt: skip
ensure_static()

try:
    state, plans = sidebar()
    lang = state.view.lang
    st.title(t("app_title", lang, region=pick(province, "short", lang)))
    import_report(lang)
    if not any(plan.clusters for plan in all_plans(state.token)):
        st.info(t("no_plan_loaded", lang))
    problems = st.session_state.pop("_url_problems", [])
    if problems:
        st.warning(t("url_problems", lang) + " " + markdown_text(", ".join(problems)))
    # Lazy tabs: only the open tab runs (keyed per language, like the sidebar's widgets). The open
    # tab is set through session state, never through `default`: a default that changes from run to
    # run makes Streamlit treat the tabs as a new widget and drop the click.
    labels = {name: t(f"tab_{name}", lang) for name in TABS}
    tab_key = f"tabs__{lang}"
    if st.session_state.get(tab_key) not in labels.values():
        st.session_state[tab_key] = labels[state.tab]
    tabs = st.tabs(list(labels.values()), key=tab_key, on_change="rerun")
    renderers = {"map": map_tab, "coverage": coverage_tab, "targets": targets_tab, "sources": sources_tab}
    for name, tab in zip(TABS, tabs, strict=True):
        if tab.open:
            st.session_state["v_tab"] = state.tab = name
            with tab:
                renderers[name](state, plans)
    write_url(state)
except AtlasError as error:
    st.error(markdown_text(str(error)))
