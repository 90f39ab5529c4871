"""The sources tab: the plan texts, every figure with the words it rests on, and the data sources."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from geo.boundaries import provenance
from geo.gazetteer import load_gazetteer
from geo.plans import Plan
from geo.region import load_region
from layers._escape import markdown_text
from layers.i18n import t
from ui.state import AppState


def figure_table(plan: Plan, lang: str) -> pd.DataFrame:
    """Every figure of a plan: who it belongs to, year, the figure with its qualifier, and its quote."""
    rows = [
        {t("cluster", lang): c.name(lang), t("year_label", lang): tg.year, t("metric", lang): tg.metric,
         t("figure", lang): tg.label(lang), t("quote", lang): tg.quote}
        for c in plan.clusters
        for tg in c.targets
    ]  # fmt: skip
    rows += [
        {t("cluster", lang): t("goal", lang) + ": " + (g.label_zh if lang == "zh" else g.label_en),
         t("year_label", lang): g.year, t("metric", lang): g.metric, t("figure", lang): g.label(lang) or "—",
         t("quote", lang): g.quote}
        for g in plan.goals
    ]  # fmt: skip
    return pd.DataFrame(rows)


def zone_table() -> pd.DataFrame:
    """Development zones and new areas with their host counties (* part), confidence and basis."""
    rows = [
        {"zone": res.name, "city": res.city, "hosts": "、".join(c.name_zh + ("*" if c.part else "") for c in res.counties),
         "confidence": res.confidence, "basis": res.basis}
        for res in load_gazetteer().zones()
    ]  # fmt: skip
    return pd.DataFrame(rows)


def sources_tab(state: AppState, plans: list[Plan]) -> None:
    lang = state.view.lang
    st.subheader(t("plan_texts", lang))
    for plan in plans:
        with st.expander(markdown_text(plan.title_zh if lang == "zh" else plan.title_en)):
            note = plan.source_note_zh if lang == "zh" else plan.source_note_en
            st.caption(markdown_text(" · ".join(part for part in (plan.issuer_zh, plan.published, note) if part)))
            st.markdown(f"**{t('figures_and_quotes', lang)}**")
            st.dataframe(figure_table(plan, lang), hide_index=True, width="stretch", key=f"figures_{plan.id}")
            if plan.source_content:
                st.text_area(t("plan_texts", lang), plan.source_content, height=300, disabled=True, key=f"text_{plan.id}")
            else:
                st.caption(t("no_source_text", lang))
    st.subheader(t("boundary_provenance", lang))
    info = provenance()
    region = load_region()
    for key, source in region.boundaries.sources.items():
        vertices = info["sources"][key]["vertices"]["county"]
        label = source.label_zh if lang == "zh" else source.label_en
        st.markdown(f"- **{markdown_text(label)}** (`{key}`): {markdown_text(source.note)} {vertices:,} vertices")
    st.caption(f"{info['package']} (MIT) · {info['reader']} · {info['built']} · {info['crs']} · {t('provenance_note', lang)}")
    st.subheader(t("gazetteer_table", lang))
    st.dataframe(zone_table(), hide_index=True, width="stretch", key="zones_table")
