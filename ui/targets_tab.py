"""The targets tab: each cluster's target path over the years, and the goal reconciliation."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from geo.plans import Plan
from layers.i18n import display_amount, t, unit_label
from ui.data import reconciliation
from ui.state import AppState


def target_frame(plans: list[Plan], lang: str) -> pd.DataFrame:
    """One row per revenue target: cluster, year, value in the language's unit, label, quote."""
    rows = [
        {
            "cluster": c.name(lang),
            "year": tg.year,
            "value": display_amount(tg.value, tg.unit, lang),
            "figure": tg.label(lang),
            "qualifier": str(tg.qualifier),
            "quote": tg.quote,
        }
        for p in plans
        for c in p.clusters
        for tg in c.targets_for("revenue")
    ]
    return pd.DataFrame(rows)


def targets_tab(state: AppState, plans: list[Plan]) -> None:
    lang = state.view.lang
    st.subheader(t("target_paths", lang))
    frame = target_frame(plans, lang)
    if frame.empty:
        st.info(t("none_listed", lang))
    else:
        unit = unit_label("亿元", lang)
        chart = (
            alt.Chart(frame)
            .mark_line(point=alt.OverlayMarkDef(filled=False, size=70), strokeDash=[5, 3])
            .encode(
                x=alt.X("year:O", title=t("year_label", lang)),
                y=alt.Y("value:Q", title=f"{t('targets', lang)} ({unit})"),
                color=alt.Color("cluster:N", title=t("cluster", lang), scale=alt.Scale(scheme="tableau10")),
                tooltip=[
                    alt.Tooltip("cluster:N", title=t("cluster", lang)),
                    alt.Tooltip("year:O", title=t("year_label", lang)),
                    alt.Tooltip("figure:N", title=t("figure", lang)),
                    alt.Tooltip("quote:N", title=t("quote", lang)),
                ],
            )
            .properties(height=380)
        )
        st.altair_chart(chart, use_container_width=True)
        st.caption(t("sum_at_least", lang))
    checks, growth = reconciliation(state.plan_ids, state.tiers)
    st.subheader(t("reconciliation", lang))
    if not checks.empty:
        shown = pd.DataFrame(
            {
                t("plan", lang): checks["plan_id"],
                t("year_label", lang): checks["year"],
                t("goal", lang): checks["label_zh" if lang == "zh" else "label_en"],
                t("stated", lang): checks["stated_zh" if lang == "zh" else "stated_en"],
                t("implied", lang): checks["implied"],
                t("status", lang): checks["status"].map(lambda s: t(f"status_{s}", lang)),
                t("detail", lang): checks["detail"],
            }
        )
        st.dataframe(shown, hide_index=True, use_container_width=True, key="reconcile_table")
    st.subheader(t("implied_growth", lang))
    if not growth.empty:
        st.dataframe(growth, hide_index=True, use_container_width=True, key="growth_table")
