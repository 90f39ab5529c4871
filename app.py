"""Streamlit app of the Hebei Industry Cluster Atlas (thin: reads widgets, calls geo/, shows results).

Start it with ``make run``.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from geo._errors import AtlasError
from geo.boundaries import load_divisions
from geo.plans import load_plans

st.set_page_config(page_title="河北省产业集群地图 | Hebei Industry Cluster Atlas", layout="wide")

lang = "en" if st.sidebar.toggle("English", value=False) else "zh"
T = {
    "title": {"zh": "河北省产业集群地图", "en": "Hebei Industry Cluster Atlas"},
    "clusters": {"zh": "产业集群", "en": "Clusters"},
    "goals": {"zh": "全省目标", "en": "Province-wide goals"},
    "divisions": {"zh": "行政区划", "en": "Divisions"},
}


def t(key: str) -> str:
    return T[key][lang]


@st.cache_data
def cluster_table(lang: str) -> pd.DataFrame:
    rows = []
    for plan in load_plans():
        for cluster in plan.clusters:
            rows.append(
                {
                    "plan": plan.short_zh if lang == "zh" else plan.short_en,
                    "cluster": cluster.name(lang),
                    "tier": cluster.tier,
                    "city": cluster.city,
                    "core": "、".join(cluster.core_zones),
                    "radiating": "、".join(cluster.radiating_areas),
                    "targets": "; ".join(f"{t.year} {t.metric} {t.label(lang)}" for t in cluster.targets),
                }
            )
    return pd.DataFrame(rows)


@st.cache_data
def goal_table(lang: str) -> pd.DataFrame:
    rows = [
        {
            "plan": plan.short_zh if lang == "zh" else plan.short_en,
            "year": goal.year,
            "goal": goal.label_zh if lang == "zh" else goal.label_en,
            "figure": goal.label(lang),
            "source": goal.quote,
        }
        for plan in load_plans()
        for goal in plan.goals
    ]
    return pd.DataFrame(rows)


st.title(t("title"))
try:
    clusters_tab, goals_tab, divisions_tab = st.tabs([t("clusters"), t("goals"), t("divisions")])
    clusters_tab.dataframe(cluster_table(lang), hide_index=True, use_container_width=True)
    goals_tab.dataframe(goal_table(lang), hide_index=True, use_container_width=True)
    divisions_tab.dataframe(load_divisions(), hide_index=True, use_container_width=True)
except AtlasError as error:
    st.error(str(error))
