"""The sidebar: every map setting, initialised once from the URL and written back to it.

Each setting's value lives in ``st.session_state["v_<name>"]``, which survives runs where its
widget is not shown (the metric while the cluster view is on) and language switches. Widget keys
carry the language (``w_metric__zh``) because Streamlit keeps a keyed widget's option labels when
only its ``format_func`` changes; a new language makes new widgets, filled from the stored values.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import streamlit as st

from geo.metrics import metric_specs, metric_years
from geo.plans import DEFAULT_TIERS, Plan, TierSpec, all_tiers
from i18n import labelled, paren, pick, t
from layers._escape import markdown_text
from layers.basemap import usable_basemaps
from layers.classify import MAX_CLASSES, PALETTES, SCHEMES, BreaksError, parse_breaks
from layers.views import VIEWS, View
from layers.views.progress import target_years
from ui.actuals import actuals_panel
from ui.data import atlas, distinct_values
from ui.import_panel import import_panel
from ui.state import AppState, from_params, to_params
from ui.workspace import all_plans, current_token, imported_plan, open_workspace, plans_for, workspace_id, workspace_panel


def widget_key(name: str, lang: str) -> str:
    """The session-state key of a sidebar widget in one language."""
    return f"w_{name}__{lang}"


def value(name: str, default: Any = None) -> Any:
    """The current value of a setting."""
    return st.session_state.get(f"v_{name}", default)


def _widget(name: str, lang: str, render: Callable[[str], Any]) -> Any:
    """Render a widget for setting ``name``, starting from the stored value; store what it returns."""
    ss = st.session_state
    key = widget_key(name, lang)
    if key not in ss and f"v_{name}" in ss:
        ss[key] = ss[f"v_{name}"]
    result = render(key)
    ss[f"v_{name}"] = result
    return result


def _year_choice(label: str, years: list[int], lang: str) -> int:
    """A slider over the years, or, where there is only one, that year written out (a slider of one
    position cannot move and looks broken)."""
    if len(years) == 1:
        st.session_state["v_year"] = years[0]
        st.sidebar.markdown(markdown_text(labelled(label, str(years[0]), lang)))
        return years[0]
    return _widget("year", lang, lambda k: st.sidebar.select_slider(label, years, key=k))


def _set(name: str, new: Any) -> None:
    """Change a setting before its widget is drawn (e.g. a level the metric does not have)."""
    st.session_state[f"v_{name}"] = new
    for lang in ("zh", "en"):
        st.session_state.pop(widget_key(name, lang), None)


def _init_from_url() -> None:
    """On a session's first run, take the settings from the URL."""
    ss = st.session_state
    if ss.get("_initialised"):
        return
    workspace_problem = open_workspace(st.query_params.get("ws"))
    plans = all_plans(current_token())
    the_atlas = atlas()
    specs = metric_specs(plans)
    state = from_params(
        dict(st.query_params),
        plan_ids=[p.id for p in plans],
        cluster_ids=[c.id for p in plans for c in p.clusters],
        industry_ids=[f.id for p in plans for f in p.future_industries],
        sources=the_atlas.sources,
        counties=list(the_atlas.level("county")["code"]),
        basemaps=usable_basemaps(),
        years_of={metric: metric_years(plans, metric) for metric, spec in specs.items() if spec.by_year},
        metrics=specs,
        tiers=[tier.id for tier in tiers_of(plans)],
    )
    view = state.view
    settings = {
        "plans": [p.id for p in plans] if state.plan_ids is None else list(state.plan_ids),
        "tiers": [tier.id for tier in tiers_of(plans)] if state.tiers is None else list(state.tiers),
        "kind": view.kind, "metric": view.metric, "level": view.level, "scheme": view.scheme, "k": view.k,
        "breaks": ",".join(f"{b:g}" for b in view.breaks), "palette": view.palette, "clusters": list(view.clusters),
        "industry": view.industry or "", "basemap": view.basemap, "source": view.source or the_atlas.sources[0],
        "year": view.year,
    }  # fmt: skip
    ss.update({f"v_{name}": setting for name, setting in settings.items()})
    problems = [*state.problems, *([workspace_problem] if workspace_problem else [])]
    imported = imported_plan(current_token())
    ss.update(v_breaks_good=view.breaks, lang_en=view.lang == "en", county=state.county, v_tab=state.tab,
              at=state.at, _url_problems=problems, _initialised=True,
              _shown_import=imported.id if imported else None)  # fmt: skip
    if state.county and not state.at:  # a link naming a county and no extent: bring the county into view
        ss["focus_nonce"] = ss.get("focus_nonce", 0) + 1


def _choose_new_import(token: str) -> None:
    """A list that has just come into use (imported, or an older version restored) is shown at once."""
    imported = imported_plan(token)
    ss = st.session_state
    if imported and ss.get("_shown_import") != imported.id:
        ss["_shown_import"] = imported.id
        _set("plans", [*value("plans", []), imported.id])


def cluster_labels(plans: list[Plan], lang: str) -> dict[str, str]:
    """Each cluster's name for a picker; a name two plans share carries its plan's short name."""
    names = [c.name(lang) for p in plans for c in p.clusters]
    return {
        c.id: c.name(lang) + (paren(pick(p, "short", lang), lang) if names.count(c.name(lang)) > 1 else "")
        for p in plans
        for c in p.clusters
    }


def tiers_of(plans: list[Plan]) -> list[TierSpec]:
    """The tiers the plans declare (the usual three where no plan is loaded)."""
    return all_tiers(plans) or list(DEFAULT_TIERS)


def _choice(chosen: list[str], every: list[str]) -> tuple[str, ...] | None:
    """A multiselect's value as a choice: None when it holds every option (the default)."""
    return None if set(chosen) == set(every) else tuple(chosen)


def sidebar() -> tuple[AppState, list[Plan]]:
    """Draw the sidebar; return the state it describes and the plans it selects."""
    _init_from_url()
    side = st.sidebar
    lang = "en" if side.toggle(t("english", "zh"), key="lang_en") else "zh"
    token = import_panel(lang)
    workspace_panel(lang)
    plans = all_plans(token)
    actuals_panel(lang, plans)
    _choose_new_import(token)
    plan_names = {p.id: pick(p, "short", lang) for p in plans}
    if any(pid not in plan_names for pid in value("plans", [])):
        _set("plans", [pid for pid in value("plans", []) if pid in plan_names])
    plan_ids = _widget("plans", lang, lambda k: side.multiselect(
        t("plans", lang), list(plan_names), key=k, format_func=plan_names.__getitem__, placeholder=t("choose", lang),
        select_all=False))  # fmt: skip
    if not plan_ids:
        side.warning(t("no_plans", lang))
    tier_names = {tier.id: pick(tier, "label", lang) for tier in tiers_of(plans)}
    if any(tier not in tier_names for tier in value("tiers", [])):
        _set("tiers", [tier for tier in value("tiers", []) if tier in tier_names])
    tiers = _widget("tiers", lang, lambda k: side.multiselect(
        t("tiers", lang), list(tier_names), key=k, format_func=tier_names.__getitem__,
        placeholder=t("choose", lang), select_all=False))  # fmt: skip
    if not tiers:
        side.warning(t("no_tiers", lang))
    plan_choice, tier_choice = _choice(plan_ids, list(plan_names)), _choice(tiers, list(tier_names))
    chosen = plans_for(plan_choice, tier_choice, token)
    side.subheader(t("map_settings", lang))
    kind = _widget("kind", lang, lambda k: side.radio(t("view", lang), VIEWS, key=k, horizontal=True,
                                                      format_func=lambda v: t(f"view_{v}", lang)))  # fmt: skip
    year = None
    if kind == "choropleth":
        year = _choropleth_settings(lang, chosen, plans, (plan_choice, tier_choice, token))
    elif kind == "cluster":
        _cluster_settings(lang, chosen)
    elif kind == "progress":
        year = _progress_settings(lang, chosen, plans)
    elif kind == "future":
        _future_settings(lang, chosen)
    _widget("basemap", lang, lambda k: side.selectbox(t("basemap", lang), usable_basemaps(), key=k,
                                                      format_func=lambda b: t(f"basemap_{b}", lang)))  # fmt: skip
    labels = source_labels(lang)
    _widget("source", lang, lambda k: side.selectbox(t("boundary_source", lang), atlas().sources, key=k,
                                                     format_func=labels.__getitem__))  # fmt: skip
    state = AppState(view=_view(kind, year, lang), plan_ids=plan_choice, tiers=tier_choice,
                     county=st.session_state.get("county"), at=st.session_state.get("at"), tab=value("tab", "map"),
                     token=token,
                     workspace=workspace_id())  # fmt: skip
    return state, chosen


def _cluster_settings(lang: str, chosen: list[Plan]) -> None:
    names = cluster_labels(chosen, lang)
    if any(c not in names for c in value("clusters", [])):
        _set("clusters", [c for c in value("clusters", []) if c in names])
    first = next((tier for tier in all_tiers(chosen) if any(c.tier == tier.id for p in chosen for c in p.clusters)), None)
    placeholder = t("choose_clusters_placeholder", lang, tier=pick(first, "label", lang)) if first else t("choose", lang)
    _widget("clusters", lang, lambda k: st.sidebar.multiselect(
        t("choose_clusters", lang), list(names), key=k, format_func=names.__getitem__, placeholder=placeholder,
        select_all=False))  # fmt: skip


def _progress_settings(lang: str, chosen: list[Plan], plans: list[Plan]) -> int | None:
    side = st.sidebar
    year = None
    years = target_years(chosen) or target_years(plans)
    if years:
        if value("year") not in years:
            _set("year", years[-1])
        year = _year_choice(t("progress_year", lang), years, lang)
    if value("level") not in ("county", "city"):
        _set("level", "county")
    _widget("level", lang, lambda k: side.radio(t("level", lang), ("county", "city"), key=k, horizontal=True,
                                                format_func=lambda v: t(f"level_{v}", lang)))  # fmt: skip
    side.caption(t("progress_rule_short", lang))
    return year


def _future_settings(lang: str, chosen: list[Plan]) -> None:
    industries = {f.id: f.name(lang) for p in chosen for f in p.future_industries}
    if value("industry", "") not in ("", *industries):
        _set("industry", "")
    options = ["", *industries]
    _widget("industry", lang, lambda k: st.sidebar.selectbox(
        t("industry", lang), options, key=k, format_func=lambda i: industries.get(i, t("all", lang))))  # fmt: skip


def source_labels(lang: str) -> dict[str, str]:
    """Each boundary source as the region's data names it, in ``lang``."""
    return {key: pick(source, "label", lang) for key, source in atlas().region.boundaries.sources.items()}


def _choropleth_settings(lang: str, chosen: list[Plan], plans: list[Plan], choice: tuple) -> int | None:
    side = st.sidebar
    specs = metric_specs(plans)
    if value("metric") not in specs:
        _set("metric", next(iter(specs)))
    metric = _widget("metric", lang, lambda k: side.selectbox(t("metric", lang), list(specs), key=k,
                                                              format_func=lambda m: specs[m].label(lang)))  # fmt: skip
    spec = specs[metric]
    year = None
    if spec.by_year:
        years = metric_years(chosen, metric) or metric_years(plans, metric)
        if value("year") not in years:
            _set("year", years[-1])
        year = _year_choice(t("year_label", lang), years, lang)
    if value("level") not in spec.levels:
        _set("level", spec.levels[0])
    level = _widget("level", lang, lambda k: side.radio(t("level", lang), spec.levels, key=k, horizontal=True,
                                                        format_func=lambda v: t(f"level_{v}", lang)))  # fmt: skip
    if len(spec.levels) == 1:
        side.caption(t(f"level_only_{spec.levels[0]}", lang))
    scheme = _widget("scheme", lang, lambda k: side.selectbox(t("scheme", lang), SCHEMES, key=k,
                                                              format_func=lambda s: t(f"scheme_{s}", lang)))  # fmt: skip
    if scheme == "user":
        _widget("breaks", lang, lambda k: side.text_input(t("breaks", lang), key=k, placeholder="500,1000,2000"))
    else:
        k_classes = _widget("k", lang, lambda k: side.slider(t("k", lang), 2, MAX_CLASSES, key=k))
        plan_ids, tiers, token = choice
        n = distinct_values(plan_ids, tiers, token, metric=metric, level=level, year=year, _imported=imported_plan(token))
        if 0 < n <= k_classes:  # fewer values than classes would merge them only where there are more than 2
            side.caption(t("classes_are_values" if n > 2 else "classes_are_values_few", lang, n=n))
    _widget("palette", lang, lambda k: side.selectbox(t("palette", lang), PALETTES, key=k,
                                                      format_func=lambda name: t(f"palette_{name}", lang)))  # fmt: skip
    return year


def _breaks(lang: str) -> tuple[float, ...]:
    """The typed breaks; when they cannot be used, the last good ones, and a message saying what to type."""
    ss = st.session_state
    try:
        breaks = parse_breaks(str(value("breaks", "")))
    except BreaksError as error:
        good = ss.get("v_breaks_good", ())
        kept = t("breaks_kept" if good else "breaks_default", lang)
        st.sidebar.error(f"{t(f'breaks_{error.code}', lang)} {kept}")
        return good
    ss["v_breaks_good"] = breaks
    return breaks


def _view(kind: str, year: int | None, lang: str) -> View:
    scheme = value("scheme")
    breaks = _breaks(lang) if kind == "choropleth" and scheme == "user" else ()
    if scheme == "user" and not breaks:
        scheme = "quantiles"  # nothing usable typed yet: the map keeps a classification (the message says so)
    source = value("source")
    return View(
        kind=kind, metric=value("metric"), year=year, level=value("level"), scheme=scheme, k=value("k"),
        breaks=breaks, palette=value("palette"), clusters=tuple(value("clusters") or ()),
        industry=value("industry") or None, basemap=value("basemap"),
        source=source if source != atlas().sources[0] else None, lang=lang,
    )  # fmt: skip


def write_url(state: AppState) -> None:
    """Mirror the final state of a run (settings, open tab, selected county) into the URL, when it changed."""
    params = to_params(state)
    if params != dict(st.query_params):
        st.query_params.from_dict(params)
