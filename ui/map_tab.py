"""The map tab: the chosen view, a county panel on click, and the HTML download."""

from __future__ import annotations

import streamlit as st

from geo._errors import AtlasError
from geo.datum import gcj02_to_wgs84
from geo.plans import Plan
from geo.profile import county_profile
from geo.progress import ProgressRow, explain, progress
from i18n import join, labelled, paren, pick, t, t_or
from layers._escape import markdown_text as _md
from layers.basemap import datum_for
from layers.export import view_file_stem
from layers.views import View
from ui.actuals import digest, user_actuals
from ui.county_search import county_search, search_labels
from ui.data import STATIC_DIR, atlas, export_page, geometry_url, live_view, region_slug
from ui.live_map import live_map
from ui.report import report_panel
from ui.state import AppState, parse_at
from ui.workspace import all_plans, imported_plan

MAP_HEIGHT = 640


def map_tab(state: AppState, plans: list[Plan]) -> None:
    view = state.view
    lang = view.lang
    _take_map_events(state, view)
    left, right = st.columns([3, 1.25], gap="medium")
    added = tuple(user_actuals(all_plans(state.token)))
    with left:
        the_atlas = atlas()
        county_search(_search_labels(lang), state.county, lang, lambda code: _choose(state, code))
        try:
            spec = live_view(view, state.plan_ids, state.tiers, state.token, digest(added), imported_plan(state.token),
                             added)  # fmt: skip
            geometry = geometry_url(view.source, datum_for(view.basemap))
        except AtlasError as error:
            st.error(_md(str(error)))
            return
        minx, miny, maxx, maxy = the_atlas.bounds(view.source)
        live_map(STATIC_DIR, spec=spec, geometry=geometry, bounds=[[miny, minx], [maxy, maxx]], at=state.at,
                 selected={"object": "counties", "codes": [state.county]} if state.county else None,
                 focus={"nonce": st.session_state.get("focus_nonce", 0)}, label=t("map_label", lang),
                 height=MAP_HEIGHT, key=MAP_KEY)  # fmt: skip
        stem = view_file_stem(view, region=region_slug(), plan_ids=state.plan_ids, tiers=state.tiers)
        st.download_button(
            t("download_html", lang),
            # Built only when clicked (deferred), so drawing the page never waits for it.
            data=lambda: export_page(view, state.plan_ids, state.tiers, state.token, digest(added),
                                     imported_plan(state.token), added),
            file_name=f"{stem}.html",
            mime="text/html",
            key="download_map",
            on_click="ignore",  # downloading needs no rerun
        )
        report_panel(view, plans, stem, added)
    with right:
        county_panel(state.county, plans, lang, progress_by_cluster(plans, added))


MAP_KEY = "live_map"


def _take_map_events(state: AppState, view: View) -> None:
    """What the user did on the map since the last run: moved it (kept, and put in the link) or
    clicked a county (selected, panel opened). Read before anything is drawn, so this run shows it."""
    ss = st.session_state
    event = ss.get(MAP_KEY) or {}
    at = parse_at(",".join(str(v) for v in event.get("at") or []) or None)
    if at and at != ss.get("at"):
        ss["at"] = state.at = at
    click = event.get("click") or {}
    if click and click.get("n") != ss.get("_click_seen"):
        ss["_click_seen"] = click.get("n")
        county = _county_at(float(click["lon"]), float(click["lat"]), view.basemap, view.source)
        if county:
            ss["county"] = state.county = county


def _choose(state: AppState, code: str | None) -> None:
    """A county chosen in the search box: selected, its panel open, brought into view (None: cleared)."""
    ss = st.session_state
    ss["county"] = state.county = code
    if code:
        ss["focus_nonce"] = ss.get("focus_nonce", 0) + 1


@st.cache_data(show_spinner=False)
def _search_labels(lang: str) -> dict[str, str]:
    the_atlas = atlas()
    return search_labels(the_atlas.level("county"), the_atlas.level("city"), lang)


def _county_at(lon: float, lat: float, basemap: str, source: str | None) -> str | None:
    if datum_for(basemap) == "gcj02":  # the map is drawn in GCJ-02: back to WGS-84 for the lookup
        lons, lats = gcj02_to_wgs84([lon], [lat])
        lon, lat = float(lons[0]), float(lats[0])
    return atlas().county_at(lon, lat, source)


METRIC_ORDER = ("revenue", "investment", "projects")  # the panel lists a cluster's targets in this order, then by year


def _target_order(target: dict[str, object]) -> tuple[int, str, int]:
    metric = str(target["metric"])
    rank = METRIC_ORDER.index(metric) if metric in METRIC_ORDER else len(METRIC_ORDER)
    return rank, metric, int(target["year"])  # type: ignore[call-overload]


def progress_by_cluster(plans: list[Plan], added: tuple) -> dict[tuple[str, str], list[ProgressRow]]:
    """Each cluster's targets beside the actual figures (the region's and the user's), by (plan, cluster)."""
    rows: dict[tuple[str, str], list[ProgressRow]] = {}
    for row in progress(plans, [*atlas().actuals, *added]):
        if row.cluster_id:
            rows.setdefault((row.plan_id, row.cluster_id), []).append(row)
    return rows


def county_panel(code: str | None, plans: list[Plan], lang: str,
                 progress_rows: dict[tuple[str, str], list[ProgressRow]] | None = None) -> None:  # fmt: skip
    """What the plans say about one county (and how its clusters' targets stand)."""
    st.subheader(t("county_panel", lang))
    if not code:
        st.info(t("click_hint", lang))
        return
    try:
        profile = county_profile(atlas(), code, plans)
    except AtlasError:  # a county only the other boundary source lists
        st.info(t("county_not_in_divisions", lang))
        return
    progress_rows = progress_rows or {}
    name = pick(profile, "name", lang)
    city = pick(profile, "city", lang)
    st.markdown(f"**{_md(name)}** · {_md(city)}" + (f" · {_md(join(profile.areas, lang))}" if profile.areas else ""))
    st.caption(labelled(t("status", lang), t(f"cov_{profile.status}", lang), lang))
    st.markdown(f"**{t('clusters_served', lang)}**")
    if not profile.clusters:
        st.write(t("no_clusters", lang))
    for role in profile.clusters:
        title = pick(role, "name", lang)
        label = t(role.role, lang) + (f" · {t('partial', lang)}" if role.partial else "")
        with st.expander(f"{_md(title)} — {_md(label)}", expanded=len(profile.clusters) <= 2):
            st.caption(f"{labelled(t('places', lang), _md(role.places), lang)} · "
                       f"{labelled(t('confidence', lang), t(f'conf_{role.confidence}', lang), lang)}")
            if role.targets:
                st.caption(t("cluster_figures_note", lang))
            status = {(r.metric, r.year): r for r in progress_rows.get((role.plan_id, role.cluster_id), [])}
            for target in sorted(role.targets, key=_target_order):
                metric = t_or(f"m_{target['metric']}", lang, str(target["metric"]))
                st.markdown(f"- {target['year']} {_md(metric)} **{_md(target[lang])}** —「{_md(target['quote'])}」")
                row = status.get((str(target["metric"]), int(target["year"])))  # type: ignore[call-overload]
                if row is not None and (row.actual is not None or row.half_year is not None):
                    st.caption(labelled(t("progress_status", lang), _md(explain(row, lang)), lang))
            st.caption(labelled(t("source", lang), _md(pick(role, "source", lang)), lang))
    st.markdown(f"**{t('future_of_city', lang)}**")
    industries = [f[lang] for f in profile.future_industries]
    st.markdown(_md(join(industries, lang) or t("none_listed", lang)))
    if profile.zones:
        st.markdown(f"**{t('zones_in', lang)}**")
        for zone in profile.zones:
            part = paren(t("part_of_county", lang), lang) if zone["part"] else ""
            confidence = t(f"conf_{zone['confidence']}", lang)
            st.markdown(f"- {_md(zone['name'])}{_md(part)} · {labelled(t('confidence', lang), confidence, lang)}")
