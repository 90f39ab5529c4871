"""The sidebar: every map setting, initialised once from the URL and written back to it."""

from __future__ import annotations

import streamlit as st

from geo.boundaries import available_sources, load_divisions
from geo.metrics import METRICS, metric_years
from geo.plans import TIERS, Plan
from layers.basemap import BASEMAPS, tianditu_key
from layers.classify import MAX_CLASSES, PALETTES, SCHEMES
from layers.i18n import t
from layers.views import VIEWS, View
from ui.data import all_plans, plans_for
from ui.state import AppState, from_params, to_params

_KEYS = ("lang_en", "plans", "tiers", "kind", "metric", "year", "level", "scheme", "k", "breaks", "palette",
         "clusters", "industry", "basemap", "source", "county")  # fmt: skip


def _init_from_url() -> None:
    """On a session's first run, put the URL's state into the widgets' keys."""
    if st.session_state.get("_initialised"):
        return
    plans = all_plans()
    divisions = load_divisions()
    state = from_params(
        dict(st.query_params),
        plan_ids=[p.id for p in plans],
        cluster_ids=[c.id for p in plans for c in p.clusters],
        industry_ids=[f.id for p in plans for f in p.future_industries],
        sources=available_sources(),
        counties=list(divisions.loc[divisions["level"] == "county", "code"]),
    )
    view = state.view
    st.session_state.update(
        lang_en=view.lang == "en", plans=list(state.plan_ids) or [p.id for p in plans], tiers=list(state.tiers) or list(TIERS),
        kind=view.kind, metric=view.metric, level=view.level, scheme=view.scheme, k=view.k,
        breaks=",".join(f"{b:g}" for b in view.breaks), palette=view.palette, clusters=list(view.clusters),
        industry=view.industry or "", basemap=view.basemap, source=view.source or available_sources()[0],
        county=state.county, _url_problems=state.problems, _url_year=view.year, _initialised=True,
    )  # fmt: skip


def sidebar() -> tuple[AppState, list[Plan]]:
    """Draw the sidebar; return the state it describes and the plans it selects."""
    _init_from_url()
    ss = st.session_state
    lang = "en" if st.sidebar.toggle(t("english", "zh"), key="lang_en") else "zh"
    plans = all_plans()
    side = st.sidebar
    side.multiselect(t("plans", lang), [p.id for p in plans], key="plans",
                     format_func=lambda pid: next(p.short_zh if lang == "zh" else p.short_en for p in plans if p.id == pid))  # fmt: skip
    side.multiselect(t("tiers", lang), list(TIERS), key="tiers", format_func=lambda tier: t(f"tier_{tier}", lang))
    chosen = plans_for(tuple(ss["plans"]), tuple(ss["tiers"]))
    side.subheader(t("map_settings", lang))
    kind = side.radio(t("view", lang), VIEWS, key="kind", format_func=lambda k: t(f"view_{k}", lang), horizontal=True)
    year = None
    if kind == "choropleth":
        metric = side.selectbox(t("metric", lang), list(METRICS), key="metric", format_func=lambda m: METRICS[m].label(lang))
        spec = METRICS[metric]
        if spec.by_year:
            years = metric_years(chosen, metric) or metric_years(plans, metric)
            if ss.get("year") not in years:
                wanted = ss.pop("_url_year", None)
                ss["year"] = wanted if wanted in years else years[-1]
            year = side.select_slider(t("year_label", lang), years, key="year")
        if ss.get("level") not in spec.levels:
            ss["level"] = spec.levels[0]
        side.radio(t("level", lang), spec.levels, key="level", format_func=lambda v: t(f"level_{v}", lang), horizontal=True)
        scheme = side.selectbox(t("scheme", lang), SCHEMES, key="scheme", format_func=lambda s: t(f"scheme_{s}", lang))
        if scheme == "user":
            side.text_input(t("breaks", lang), key="breaks", placeholder="500,1000,2000")
        else:
            side.slider(t("k", lang), 2, MAX_CLASSES, key="k")
        side.selectbox(t("palette", lang), PALETTES, key="palette")
    elif kind == "cluster":
        options = [c.id for p in chosen for c in p.clusters]
        names = {c.id: c.name(lang) for p in chosen for c in p.clusters}
        ss["clusters"] = [c for c in ss.get("clusters", []) if c in options]
        side.multiselect(t("choose_clusters", lang), options, key="clusters", format_func=lambda c: names[c])
    elif kind == "future":
        industries = {f.id: f.name(lang) for p in chosen for f in p.future_industries}
        if ss.get("industry") not in ("", *industries):
            ss["industry"] = ""
        side.selectbox(t("industry", lang), ["", *industries], key="industry",
                       format_func=lambda i: industries.get(i, t("all", lang)))  # fmt: skip
    basemaps = [b for b in BASEMAPS if b != "tianditu" or tianditu_key()]
    side.selectbox(t("basemap", lang), basemaps, key="basemap", format_func=lambda b: t(f"basemap_{b}", lang))
    side.selectbox(t("boundary_source", lang), available_sources(), key="source")
    state = AppState(view=_view(kind, year, lang), plan_ids=tuple(ss["plans"]), tiers=tuple(ss["tiers"]), county=ss.get("county"))
    _write_url(state, all_ids=[p.id for p in plans])
    return state, chosen


def _view(kind: str, year: int | None, lang: str) -> View:
    ss = st.session_state
    breaks: tuple[float, ...] = ()
    if kind == "choropleth" and ss["scheme"] == "user":
        try:
            breaks = tuple(float(b) for b in str(ss.get("breaks", "")).replace("，", ",").split(",") if b.strip())
        except ValueError:
            st.sidebar.error(t("breaks", lang) + ": 500,1000,2000")
    return View(
        kind=kind, metric=ss["metric"], year=year, level=ss["level"], scheme=ss["scheme"], k=ss["k"], breaks=breaks,
        palette=ss["palette"], clusters=tuple(ss.get("clusters") or ()), industry=ss.get("industry") or None,
        basemap=ss["basemap"], source=ss["source"] if ss["source"] != available_sources()[0] else None, lang=lang,
    )  # fmt: skip


def _write_url(state: AppState, *, all_ids: list[str]) -> None:
    """Mirror the state into the URL (defaults left out), only when it changed."""
    short = AppState(view=state.view, county=state.county,
                     plan_ids=() if sorted(state.plan_ids) == sorted(all_ids) else state.plan_ids,
                     tiers=() if sorted(state.tiers) == sorted(TIERS) else state.tiers)  # fmt: skip
    params = to_params(short)
    if params != dict(st.query_params):
        st.query_params.from_dict(params)
