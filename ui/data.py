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


# Imported plans by token (a hash of the uploaded file), so cached results follow the upload.
_IMPORTED: dict[str, Plan] = {}


def register_import(plan: Plan, data: bytes) -> str:
    """Remember an imported plan; returns the token the cached functions take."""
    token = hashlib.sha256(data).hexdigest()[:16]
    _IMPORTED[token] = plan
    return token


@st.cache_resource
def bundled_plans() -> list[Plan]:
    return load_plans()


def all_plans(token: str = "") -> list[Plan]:
    """The bundled plans, plus the imported one when ``token`` names it."""
    imported = _IMPORTED.get(token)
    return [*bundled_plans(), imported] if imported else bundled_plans()


def plans_for(plan_ids: tuple[str, ...], tiers: tuple[str, ...], token: str = "") -> list[Plan]:
    """The chosen plans with only the chosen tiers' clusters (empty tuple: everything)."""
    return select_plans(all_plans(token), plan_ids=list(plan_ids) or None, tiers=list(tiers) or None)


@st.cache_data(show_spinner=False)
def coverage(plan_ids: tuple[str, ...], tiers: tuple[str, ...], source: str | None, token: str = "") -> dict[str, pd.DataFrame]:
    tables = coverage_tables(plans_for(plan_ids, tiers, token), source=source)
    tables["matrix"] = county_cluster_matrix(tables["counties"], tables["cluster_counties"])
    return tables


def county_cluster_matrix(counties: pd.DataFrame, join: pd.DataFrame) -> pd.DataFrame:
    """Every county (rows) x every cluster (columns): 核心 / 辐射 / empty."""
    labels = join.assign(mark=join["role"].map({"core": "核心", "radiating": "辐射"}))
    wide = labels.pivot_table(index="county_code", columns="cluster_name_zh", values="mark", aggfunc="first")
    base = counties[["county_code", "county_name_zh", "city", "status"]].set_index("county_code")
    return base.join(wide).fillna("").reset_index()


@st.cache_data(show_spinner=False)
def reconciliation(plan_ids: tuple[str, ...], tiers: tuple[str, ...], token: str = "") -> tuple[pd.DataFrame, pd.DataFrame]:
    plans = plans_for(plan_ids, tiers, token)
    checks = pd.DataFrame([c.to_dict() for c in reconcile(plans)])
    return checks, growth_table(plans)


@st.cache_data(show_spinner=False, max_entries=64)
def export_page(view: View, plan_ids: tuple[str, ...], tiers: tuple[str, ...], token: str = "") -> str:
    """The same self-contained HTML as ``cli.py export`` for this view."""
    return render_html(view, plans_for(plan_ids, tiers, token))
