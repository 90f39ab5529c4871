"""The app's state as URL query parameters, so a copied link reopens the same view.

``from_params`` never fails: an unknown or malformed value falls back to its default and is
reported in ``AppState.problems`` for the app to show. No Streamlit here, so it is unit-tested.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, fields

from geo.metrics import METRICS
from geo.plans import TIERS
from layers.basemap import BASEMAPS
from layers.classify import MAX_CLASSES, PALETTES, SCHEMES
from layers.views import VIEWS, View

TABS = ("map", "coverage", "targets", "sources")


@dataclass
class AppState:
    view: View = field(default_factory=View)
    plan_ids: tuple[str, ...] = ()  # empty: every plan
    tiers: tuple[str, ...] = ()  # empty: every tier
    county: str | None = None  # the selected county (panel open)
    tab: str = "map"
    token: str = ""  # the imported cluster list in use ("" for none)
    problems: list[str] = field(default_factory=list)


_CHOICES: dict[str, Sequence[str]] = {
    "kind": VIEWS, "metric": tuple(METRICS), "level": ("county", "city"), "scheme": SCHEMES,
    "palette": PALETTES, "basemap": BASEMAPS, "lang": ("zh", "en"),
}  # fmt: skip
_PARAM = {"kind": "view"}  # URL name of a View field, where it differs


def from_params(params: Mapping[str, str], *, plan_ids: Sequence[str], cluster_ids: Sequence[str],
                industry_ids: Sequence[str], sources: Sequence[str], counties: Sequence[str]) -> AppState:  # fmt: skip
    """The state a URL describes, with what it could not use listed in ``problems``."""
    state = AppState()
    changes: dict[str, object] = {}
    for name, choices in _CHOICES.items():
        value = params.get(_PARAM.get(name, name))
        if value is None:
            continue
        if value in choices:
            changes[name] = value
        else:
            state.problems.append(f"{_PARAM.get(name, name)}={value}")
    changes |= _numbers(params, state.problems)
    changes |= _lists(params, state.problems, clusters=cluster_ids)
    for name, known in (("industry", industry_ids), ("source", sources)):
        value = _one_of(params, name, known, state.problems)
        if value:
            changes[name] = value
    state.view = View().with_(**changes)
    state.plan_ids = _subset(params.get("plans"), plan_ids, "plans", state.problems)
    state.tiers = _subset(params.get("tiers"), TIERS, "tiers", state.problems)
    state.county = _one_of(params, "county", counties, state.problems)
    state.tab = _one_of(params, "tab", TABS, state.problems) or "map"
    return state


def _one_of(params: Mapping[str, str], name: str, known: Sequence[str], problems: list[str]) -> str | None:
    value = params.get(name)
    if value and value not in known:
        problems.append(f"{name}={value}")
        return None
    return value or None


def _numbers(params: Mapping[str, str], problems: list[str]) -> dict[str, object]:
    out: dict[str, object] = {}
    if params.get("year"):
        try:
            out["year"] = int(params["year"])
        except ValueError:
            problems.append(f"year={params['year']}")
    if params.get("k"):
        try:
            k = int(params["k"])
            if not 2 <= k <= MAX_CLASSES:
                raise ValueError
            out["k"] = k
        except ValueError:
            problems.append(f"k={params['k']}")
    if params.get("breaks"):
        try:
            out["breaks"] = tuple(float(b) for b in params["breaks"].split(","))
        except ValueError:
            problems.append(f"breaks={params['breaks']}")
    return out


def _lists(params: Mapping[str, str], problems: list[str], *, clusters: Sequence[str]) -> dict[str, object]:
    value = params.get("clusters")
    if not value:
        return {}
    return {"clusters": _subset(value, clusters, "clusters", problems)}


def _subset(value: str | None, known: Sequence[str], name: str, problems: list[str]) -> tuple[str, ...]:
    if not value:
        return ()
    items = [v for v in value.split(",") if v]
    bad = [v for v in items if v not in known]
    if bad:
        problems.append(f"{name}={','.join(bad)}")
    return tuple(v for v in items if v in known)


def to_params(state: AppState) -> dict[str, str]:
    """The query parameters of a state; defaults are left out to keep links short."""
    default = View()
    params: dict[str, str] = {}
    for f in fields(View):
        value = getattr(state.view, f.name)
        if value == getattr(default, f.name):
            continue
        key = _PARAM.get(f.name, f.name)
        if isinstance(value, tuple):
            params[key] = ",".join(str(v) for v in value)
        else:
            params[key] = str(value)
    if state.plan_ids:
        params["plans"] = ",".join(state.plan_ids)
    if state.tiers:
        params["tiers"] = ",".join(state.tiers)
    if state.county:
        params["county"] = state.county
    if state.tab != "map":
        params["tab"] = state.tab
    return params
