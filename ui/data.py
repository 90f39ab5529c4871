"""The app's data: one ``Atlas`` per data folder (built once, shared by every session), this
session's imported list, and cached tables and exports keyed by plain values only."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import pandas as pd
import streamlit as st

from geo import settings
from geo._errors import AtlasError
from geo.atlas import Atlas
from geo.coverage import coverage_tables
from geo.plans import Plan, select_plans
from geo.reconcile import GoalCheck, growth_table, reconcile
from i18n import t
from layers.assets import copy_static
from layers.export import render_html
from layers.live import live_spec
from layers.views import View, build_map
from layers.views.choropleth import classed_values
from ui.live_map import geometry_file, pack
from ui.live_map import install as install_live_map

STATIC_DIR = Path(__file__).resolve().parent.parent / "static"
STATIC_URL = "/app/static"  # where Streamlit serves STATIC_DIR ([server] enableStaticServing)


@st.cache_resource(show_spinner=False)
def ensure_static() -> None:
    """Copy Leaflet, our assets and the live map's page into ``static/``, once per app process
    (``make`` copies the first two too): an upgraded checkout never serves an old script."""
    copy_static(STATIC_DIR)
    install_live_map(STATIC_DIR)


@st.cache_resource(show_spinner=False)
def geometry_url(source: str | None, datum: str) -> str:
    """The live map's topology for a boundary source and datum: written once, then only its URL."""
    the_atlas = atlas()
    return geometry_file(STATIC_DIR, the_atlas.topology(the_atlas.source(source), datum))


@st.cache_data(show_spinner=False, max_entries=64)
def live_view(view: View, plan_ids: Choice, tiers: Choice, token: str = "", actuals_key: str = "",
              _imported: Plan | None = None, _actuals: tuple = ()) -> dict:  # fmt: skip
    """What the live map needs for this view (``layers.live``), built once per set of choices, so a
    rerun that changes nothing on the map (a pan, a click) costs a lookup."""
    built = build_map(atlas(), view, select(plan_ids, tiers, _imported), static_url=STATIC_URL, actuals=_actuals)
    spec = pack(live_spec(built), STATIC_DIR)
    # The map marks itself with this once drawn (data-atlas-version), for people and tests waiting on it.
    spec["version"] = hashlib.sha256(json.dumps(spec, sort_keys=True, default=str).encode()).hexdigest()[:12]
    return spec


@st.cache_resource(show_spinner=False)
def _atlas(folder: str) -> Atlas:
    return Atlas.load(Path(folder))


def atlas() -> Atlas:
    """The atlas of the data folder the app serves (``$ATLAS_DATA_DIR`` or the repository's ``data/``)."""
    return _atlas(str(settings.data_dir().resolve()))


def bundled_plans() -> list[Plan]:
    return atlas().plans


Choice = tuple[str, ...] | None  # None: every item; (): none


# Cached per (choice, token) with a bound, so no session's imports can fill the server's memory.
@st.cache_data(show_spinner=False, max_entries=32)
def coverage(plan_ids: Choice, tiers: Choice, source: str | None, token: str = "",
             _imported: Plan | None = None) -> dict[str, pd.DataFrame]:  # fmt: skip
    return coverage_tables(atlas(), select(plan_ids, tiers, _imported), source=source)


def county_cluster_matrix(counties: pd.DataFrame, join: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Every county (rows) x every cluster (columns, named in ``lang``): core / radiating / empty, in words."""
    labels = join.assign(mark=[t(f"role_{role}", lang) for role in join["role"]])
    wide = labels.pivot_table(index="county_code", columns=f"cluster_name_{lang}", values="mark", aggfunc="first")
    base = counties[["county_code", "county_name_zh", "county_name_en", "city", "city_en", "status"]]
    return base.set_index("county_code").join(wide).fillna("").reset_index()


@st.cache_data(show_spinner=False, max_entries=32)
def reconciliation(plan_ids: Choice, tiers: Choice, token: str = "",
                   _imported: Plan | None = None) -> tuple[list[GoalCheck], pd.DataFrame]:  # fmt: skip
    plans = select(plan_ids, tiers, _imported)
    return reconcile(plans), growth_table(plans)


@st.cache_data(show_spinner=False, max_entries=16)
def export_page(view: View, plan_ids: Choice, tiers: Choice, token: str = "", actuals_key: str = "",
                _imported: Plan | None = None, _actuals: tuple = ()) -> str:  # fmt: skip
    """The same self-contained HTML as ``cli.py export`` for this view (``_actuals``: the user's figures)."""
    return render_html(atlas(), view, select(plan_ids, tiers, _imported), actuals=_actuals)


def select(plan_ids: Choice, tiers: Choice, imported: Plan | None) -> list[Plan]:
    plans = [*bundled_plans(), imported] if imported else bundled_plans()
    return select_plans(plans, plan_ids=None if plan_ids is None else list(plan_ids),
                        tiers=None if tiers is None else list(tiers))  # fmt: skip


@st.cache_data(show_spinner=False, max_entries=64)
def distinct_values(plan_ids: Choice, tiers: Choice, token: str, *, metric: str, level: str, year: int | None,
                    _imported: Plan | None = None) -> int:  # fmt: skip
    """How many different values a map's classes are made from (counts often take only a few: each is
    then a class); for a yearly metric, all its years' values, as its classes are."""
    try:
        values = classed_values(atlas(), select(plan_ids, tiers, _imported), metric, level=level, year=year)
    except AtlasError:
        return 0
    return int(pd.Series(values, dtype=float).dropna().nunique())


def region_slug() -> str:
    """The region's short name for file names (``hebei``), from its data."""
    return re.sub(r"[^a-z0-9-]+", "-", atlas().region.province.file_slug).strip("-")
