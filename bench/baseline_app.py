"""The baseline for `make bench`: a minimal page with geopandas explore() and st_folium, default arguments.

Same data as the atlas app: the counties of the region in ``$ATLAS_DATA_DIR`` (default: the bundled
Hebei data) with cluster counts per county, from the region's plans plus, when
``$BENCH_CLUSTERS`` names a cluster list (CSV/XLSX/YAML), that list, as the app shows a workspace's
list. Its CDN assets are served from local copies by the benchmark's browser.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import streamlit as st
from streamlit_folium import st_folium

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from geo import settings
from geo.atlas import Atlas
from geo.importer import load_any_plan
from geo.metrics import metric_values

METRICS = ("clusters-any", "clusters-core", "clusters-radiating")


@st.cache_data
def counties():
    atlas = Atlas.load(Path(settings.data_dir()))
    plans = list(atlas.plans)
    if os.environ.get("BENCH_CLUSTERS"):
        plans.append(load_any_plan(Path(os.environ["BENCH_CLUSTERS"]), atlas))
    frame = atlas.boundaries(None, "county")
    for metric in METRICS:
        values = metric_values(atlas, plans, metric, level="county").set_index("code")["value"]
        frame[metric] = frame["code"].map(values)
    return frame


metric = st.selectbox("metric", METRICS)
st_folium(counties().explore(column=metric, scheme="quantiles"))
