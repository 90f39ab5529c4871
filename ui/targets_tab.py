"""The targets tab: each cluster's target path over the years, and the goal reconciliation."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from geo.plans import Plan
from geo.reconcile import GoalCheck
from i18n import display_amount, t, unit_label
from i18n.tables import localise
from i18n.wording import check_row
from ui.data import reconciliation
from ui.state import AppState
from ui.workspace import imported_plan


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


def target_chart(frame: pd.DataFrame, lang: str):
    """Each cluster's revenue path in a panel of its own, so paths that coincide never hide each other."""
    import altair as alt  # noqa: PLC0415 (only this tab draws a chart)

    unit = unit_label("亿元", lang)
    base = alt.Chart().encode(  # the data goes on the layer: a faceted chart holds it at its top
        x=alt.X("year:O", title=t("year_label", lang), axis=alt.Axis(labelAngle=0)),
        y=alt.Y("value:Q", title=f"{t('targets', lang)} ({unit})"),
        tooltip=[
            alt.Tooltip("cluster:N", title=t("cluster", lang)),
            alt.Tooltip("year:O", title=t("year_label", lang)),
            alt.Tooltip("figure:N", title=t("figure", lang)),
            alt.Tooltip("quote:N", title=t("quote", lang)),
        ],
    )
    line = base.mark_line(strokeDash=[5, 3], color="#0072B2")
    points = base.mark_point(filled=False, size=70, color="#0072B2")
    labels = base.mark_text(dy=-10, fontSize=11, color="#333").encode(text="figure:N")
    return (
        alt.layer(line, points, labels, data=frame)
        .properties(width=250, height=170)
        .facet(facet=alt.Facet("cluster:N", title=None, header=alt.Header(labelLimit=0, labelFontSize=12)), columns=3)
        .resolve_scale(y="shared")
    )


RECONCILIATION_COLUMNS = ("plan", "year", "goal", "result", "stated", "implied", "detail")  # the result early: it is the answer
_HEADERS = {"plan": "plan", "year": "year_label", "goal": "goal", "result": "check_result", "stated": "stated",
            "implied": "implied", "detail": "detail"}  # fmt: skip


def targets_tab(state: AppState, plans: list[Plan]) -> None:
    lang = state.view.lang
    st.subheader(t("target_paths", lang))
    frame = target_frame(plans, lang)
    if frame.empty:
        st.info(t("none_listed", lang))
    else:
        st.altair_chart(target_chart(frame, lang), width="content")
        st.caption(t("figures_keep_qualifiers", lang))
    checks, growth = reconciliation(state.plan_ids, state.tiers, state.token, imported_plan(state.token))
    st.subheader(t("reconciliation", lang))
    if checks:
        st.dataframe(reconciliation_table(checks, plans, lang), hide_index=True, width="stretch")
    st.subheader(t("implied_growth", lang))
    if not growth.empty:
        names = {c.id: c.name(lang) for p in plans for c in p.clusters} | {"(sum)": t("sum", lang)}
        growth = growth.assign(cluster_name_zh=growth["cluster_id"].map(names)).drop(columns=["plan_id", "cluster_id"])
        st.dataframe(localise(growth, lang), hide_index=True, width="stretch")


def reconciliation_table(checks: list[GoalCheck], plans: list[Plan], lang: str) -> pd.DataFrame:
    """The goal checks in the reader's language, the result beside the goal."""
    rows = [check_row(check, plans, lang) for check in checks]
    return pd.DataFrame([{t(_HEADERS[k], lang): row[k] for k in RECONCILIATION_COLUMNS} for row in rows])
