"""The baseline for `make bench`: a minimal page with geopandas explore() and st_folium, default arguments.

Same data as the atlas (Tianditu counties, cluster counts per county); its CDN assets are served
from local copies by the benchmark's browser.
"""

from __future__ import annotations

import sys
from pathlib import Path

import streamlit as st
from streamlit_folium import st_folium

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from geo.boundaries import load_boundaries
from geo.metrics import metric_values
from geo.plans import load_plans

METRICS = ("clusters-any", "clusters-core", "clusters-radiating")


@st.cache_data
def counties():
    frame = load_boundaries("tianditu", "county")
    plans = load_plans()
    for metric in METRICS:
        values = metric_values(plans, metric, level="county").set_index("code")["value"]
        frame[metric] = frame["code"].map(values)
    return frame


metric = st.selectbox("metric", METRICS)
st_folium(counties().explore(column=metric, scheme="quantiles"))
