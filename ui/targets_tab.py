"""The targets tab: each cluster's target path over the years, and the goal reconciliation."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from geo.plans import Plan
from layers.i18n import columns, display_amount, t, unit_label
from ui.data import imported_plan, reconciliation
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
        import altair as alt  # noqa: PLC0415 (only this tab draws a chart)

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
        st.altair_chart(chart, width="stretch")
        st.caption(t("sum_at_least", lang))
    checks, growth = reconciliation(state.plan_ids, state.tiers, state.token, imported_plan(state.token))
    st.subheader(t("reconciliation", lang))
    if not checks.empty:
        st.dataframe(reconciliation_table(checks, plans, lang), hide_index=True, width="stretch")
    st.subheader(t("implied_growth", lang))
    if not growth.empty:
        names = {c.id: c.name(lang) for p in plans for c in p.clusters} | {"(sum)": "合计" if lang == "zh" else "Sum"}
        growth = growth.assign(cluster_name_zh=growth["cluster_id"].map(names)).drop(columns=["plan_id", "cluster_id"])
        st.dataframe(growth.rename(columns=columns(list(growth.columns), lang)), hide_index=True, width="stretch")


def reconciliation_table(checks: pd.DataFrame, plans: list[Plan], lang: str) -> pd.DataFrame:
    """The goal checks in the reader's language, built from their structured fields."""
    names = {c.id: c.name(lang) for p in plans for c in p.clusters}
    plan_names = {p.id: p.short_zh if lang == "zh" else p.short_en for p in plans}
    sep = "、" if lang == "zh" else ", "
    implied, detail = [], []
    for row in checks.itertuples():
        if row.status == "not checkable":
            total = next((int(p.cluster_total.value) for p in plans if p.id == row.plan_id and p.cluster_total), "?")
            detail.append(t(f"reason_{row.reason}", lang).format(total=total))
            base = ""
            if isinstance(row.base_value, float) and row.base_value == row.base_value:
                base = t("implied_base", lang).format(year=int(row.base_year), value=f"{row.base_value:,.0f}",
                                                      value_bn=f"{row.base_value / 10:,.0f}")  # fmt: skip
            implied.append(base)
            continue
        low, high = len(row.certain), len(row.certain) + len(row.possible)
        implied.append(t("implied_counts", lang).format(low=low, high=high))
        parts = [t("certain_list", lang).format(names=sep.join(names.get(c, c) for c in row.certain) or "—")]
        if row.possible:
            parts.append(t("possible_list", lang).format(names=sep.join(names.get(c, c) for c in row.possible)))
        detail.append("；".join(parts) if lang == "zh" else "; ".join(parts))
    return pd.DataFrame(
        {
            t("plan", lang): checks["plan_id"].map(plan_names),
            t("year_label", lang): checks["year"],
            t("goal", lang): checks["label_zh" if lang == "zh" else "label_en"],
            t("stated", lang): checks["stated_zh" if lang == "zh" else "stated_en"],
            t("implied", lang): implied,
            t("check_result", lang): checks["status"].map(lambda s: t(f"status_{s}", lang)),
            t("detail", lang): detail,
        }
    )
