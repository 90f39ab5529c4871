"""The sources tab: the plan texts, every figure with the words it rests on, and the data sources."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from geo.coverage import place_names_en
from geo.plans import Plan
from i18n import join, pick, t, t_or
from i18n.tables import localise
from layers._escape import markdown_text
from ui.data import atlas
from ui.state import AppState


def figure_table(plan: Plan, lang: str) -> pd.DataFrame:
    """Every figure of a plan: who it belongs to, year, what it measures, the figure with its qualifier, its quote."""
    rows = [
        {t("cluster", lang): c.name(lang), t("year_label", lang): tg.year, t("metric", lang): metric_label(tg.metric, lang),
         t("figure", lang): tg.label(lang), t("quote", lang): tg.quote}
        for c in plan.clusters
        for tg in c.targets
    ]  # fmt: skip
    rows += [
        {t("cluster", lang): t("goal", lang) + ": " + pick(g, "label", lang),
         t("year_label", lang): g.year, t("metric", lang): metric_label(g.metric, lang), t("figure", lang): g.label(lang) or "—",
         t("quote", lang): g.quote}
        for g in plan.goals
    ]  # fmt: skip
    return pd.DataFrame(rows)


def metric_label(metric: str, lang: str) -> str:
    """What a figure measures, in words; a metric the catalogue does not know keeps its id."""
    return t_or(f"m_{metric}", lang, metric)


def zone_table(lang: str) -> pd.DataFrame:
    """Development zones and new areas with their host counties (* part), confidence and basis."""
    the_atlas = atlas()
    places_en = place_names_en(the_atlas.divisions)
    rows = [
        {"zone": res.name, "city": res.city, "city_en": places_en.get(res.city or "", res.city),
         "hosts": join((pick(c, "name", lang) + ("*" if c.part else "") for c in res.counties), lang),
         "confidence": res.confidence, "basis_zh": res.basis_zh, "basis_en": res.basis_en}
        for res in the_atlas.gazetteer.zones()
    ]  # fmt: skip
    return localise(pd.DataFrame(rows), lang)


def sources_tab(state: AppState, plans: list[Plan]) -> None:
    lang = state.view.lang
    st.subheader(t("plan_texts", lang))
    for plan in plans:
        with st.expander(markdown_text(pick(plan, "title", lang))):
            parts = [pick(plan, "issuer", lang), f"{t('published', lang)} {plan.published}" if plan.published else "",
                     pick(plan, "source_note", lang)]  # fmt: skip
            st.caption(markdown_text(" · ".join(part for part in parts if part)))
            if plan.source_url:
                st.link_button(t("source_page", lang), plan.source_url)
            st.markdown(f"**{t('figures_and_quotes', lang)}**")
            st.dataframe(figure_table(plan, lang), hide_index=True, width="stretch", key=f"figures_{plan.id}")
            if plan.source_content:
                st.text_area(t("plan_texts", lang), plan.source_content, height=300, disabled=True, key=f"text_{plan.id}")
            else:
                st.caption(t("no_source_text", lang))
    st.subheader(t("boundary_provenance", lang))
    info = atlas().provenance
    region = atlas().region
    for key, source in region.boundaries.sources.items():
        vertices = info["sources"][key]["vertices"]["county"]
        label, note = pick(source, "label", lang), pick(source, "note", lang)
        st.markdown(f"- **{markdown_text(label)}**: {markdown_text(note)} {vertices:,} {t('county_vertices', lang)}")
    st.caption(markdown_text(f"{info['package']} (MIT) · {info['reader']} · {info['built']} · {info['crs']}") + " · "
               + t("provenance_note", lang))  # fmt: skip
    st.subheader(t("gazetteer_table", lang))
    st.dataframe(zone_table(lang), hide_index=True, width="stretch", key="zones_table")
