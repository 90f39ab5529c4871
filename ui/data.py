"""Cached data for the app: plans, coverage tables, exports. Keyed by plain values only."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pandas as pd
import streamlit as st

from geo.coverage import coverage_tables
from geo.plans import Plan, load_plans, select_plans
from geo.reconcile import growth_table, reconcile
from layers.assets import JS_FILES, copy_static
from layers.export import render_html
from layers.views import View

STATIC_DIR = Path(__file__).resolve().parent.parent / "static"
STATIC_URL = "/app/static"  # where Streamlit serves STATIC_DIR ([server] enableStaticServing)


def ensure_static() -> None:
    """Copy Leaflet and our assets into ``static/`` if they are missing (``make`` does it too)."""
    if not all((STATIC_DIR / path.name).exists() for _, path in JS_FILES):
        copy_static(STATIC_DIR)


IMPORT_KEY = "_imported"  # session state: the imported plan in use, as (token, Plan)


def register_import(plan: Plan, data: bytes) -> str:
    """Keep an imported plan in this session only (freed with it); returns its token.

    The token is a hash of the file, so cached results computed from it are right for any session
    that imports the same bytes, and never shown to another.
    """
    token = hashlib.sha256(data).hexdigest()[:16]
    st.session_state[IMPORT_KEY] = (token, plan)
    return token


def forget_import() -> None:
    st.session_state.pop(IMPORT_KEY, None)


def imported_plan(token: str) -> Plan | None:
    """This session's imported plan, if ``token`` names it."""
    held = st.session_state.get(IMPORT_KEY)
    return held[1] if held and token and held[0] == token else None


@st.cache_resource
def bundled_plans() -> list[Plan]:
    return load_plans()


def all_plans(token: str = "") -> list[Plan]:
    """The bundled plans, plus this session's imported one when ``token`` names it."""
    imported = imported_plan(token)
    return [*bundled_plans(), imported] if imported else bundled_plans()


def plans_for(plan_ids: tuple[str, ...], tiers: tuple[str, ...], token: str = "") -> list[Plan]:
    """The chosen plans with only the chosen tiers' clusters (empty tuple: everything)."""
    return select_plans(all_plans(token), plan_ids=list(plan_ids) or None, tiers=list(tiers) or None)


# Cached per (choice, token) with a bound, so no session's imports can fill the server's memory.
@st.cache_data(show_spinner=False, max_entries=32)
def coverage(plan_ids: tuple[str, ...], tiers: tuple[str, ...], source: str | None, token: str = "",
             _imported: Plan | None = None) -> dict[str, pd.DataFrame]:  # fmt: skip
    tables = coverage_tables(_select(plan_ids, tiers, _imported), source=source)
    tables["matrix"] = county_cluster_matrix(tables["counties"], tables["cluster_counties"])
    return tables


def county_cluster_matrix(counties: pd.DataFrame, join: pd.DataFrame) -> pd.DataFrame:
    """Every county (rows) x every cluster (columns): 核心 / 辐射 / empty."""
    labels = join.assign(mark=join["role"].map({"core": "核心", "radiating": "辐射"}))
    wide = labels.pivot_table(index="county_code", columns="cluster_name_zh", values="mark", aggfunc="first")
    base = counties[["county_code", "county_name_zh", "city", "status"]].set_index("county_code")
    return base.join(wide).fillna("").reset_index()


@st.cache_data(show_spinner=False, max_entries=32)
def reconciliation(plan_ids: tuple[str, ...], tiers: tuple[str, ...], token: str = "",
                   _imported: Plan | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:  # fmt: skip
    plans = _select(plan_ids, tiers, _imported)
    checks = pd.DataFrame([c.to_dict() for c in reconcile(plans)])
    return checks, growth_table(plans)


@st.cache_data(show_spinner=False, max_entries=16)
def export_page(view: View, plan_ids: tuple[str, ...], tiers: tuple[str, ...], token: str = "",
                _imported: Plan | None = None) -> str:  # fmt: skip
    """The same self-contained HTML as ``cli.py export`` for this view."""
    return render_html(view, _select(plan_ids, tiers, _imported))


def _select(plan_ids: tuple[str, ...], tiers: tuple[str, ...], imported: Plan | None) -> list[Plan]:
    plans = [*bundled_plans(), imported] if imported else bundled_plans()
    return select_plans(plans, plan_ids=list(plan_ids) or None, tiers=list(tiers) or None)
