"""The app's state as URL query parameters, so a copied link reopens the same view.

``from_params`` never fails: an unknown or malformed value falls back to its default and is
reported in ``AppState.problems`` for the app to show. No Streamlit here, so it is unit-tested.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, fields

from geo.metrics import COUNT_METRICS, MetricSpec
from layers.basemap import BASEMAPS
from layers.classify import MAX_CLASSES, PALETTES, SCHEMES, parse_breaks
from layers.views import VIEWS, View

TABS = ("map", "coverage", "targets", "sources")


@dataclass
class AppState:
    view: View = field(default_factory=View)
    plan_ids: tuple[str, ...] | None = None  # None: every plan; (): none (the user cleared the choice)
    tiers: tuple[str, ...] | None = None  # None: every tier; (): none
    county: str | None = None  # the selected county (panel open)
    at: tuple[float, float, float] | None = None  # the map's centre (lat, lon) and zoom, once the user moved it
    tab: str = "map"
    token: str = ""  # the workspace's cluster list in use ("" for none)
    workspace: str | None = None  # the workspace id (``ws`` in the URL), checked against the store by the app
    problems: list[str] = field(default_factory=list)


_CHOICES: dict[str, Sequence[str]] = {
    "kind": VIEWS, "level": ("county", "city"), "scheme": SCHEMES,
    "palette": PALETTES, "basemap": BASEMAPS, "lang": ("zh", "en"),
}  # fmt: skip
_PARAM = {"kind": "view"}  # URL name of a View field, where it differs


def from_params(params: Mapping[str, str], *, plan_ids: Sequence[str], cluster_ids: Sequence[str],
                industry_ids: Sequence[str], sources: Sequence[str], counties: Sequence[str],
                basemaps: Sequence[str] = BASEMAPS, years_of: Mapping[str, Sequence[int]] | None = None,
                metrics: Mapping[str, MetricSpec] = COUNT_METRICS, tiers: Sequence[str] = ()) -> AppState:  # fmt: skip
    """The state a URL describes, with what it could not use listed in ``problems``.

    ``basemaps`` are those usable here (Tianditu only with a key); ``years_of`` gives each yearly
    metric's years. A value is reported when it is unknown, malformed, or does not fit the rest of
    the link (a year the metric does not have, a level it does not exist at).
    """
    state = AppState()
    choices = {**_CHOICES, "basemap": tuple(basemaps), "metric": tuple(metrics)}
    changes: dict[str, object] = {}
    for name, options in choices.items():
        value = params.get(_PARAM.get(name, name))
        if value is None:
            continue
        if value in options:
            changes[name] = value
        else:
            _problem(state.problems, _PARAM.get(name, name), value)
    changes |= _numbers(params, state.problems)
    changes |= _lists(params, state.problems, clusters=cluster_ids)
    for name, known in (("industry", industry_ids), ("source", sources)):
        value = _one_of(params, name, known, state.problems)
        if value:
            changes[name] = value
    _fit_metric(changes, params, state.problems, years_of or {}, metrics)
    if changes.get("scheme") == "user" and not changes.get("breaks"):
        changes.pop("scheme")  # no usable breaks (reported above): keep a map with the default classes
    state.view = View().with_(**changes)
    state.plan_ids = _choice(params.get("plans"), plan_ids, "plans", state.problems)
    state.tiers = _choice(params.get("tiers"), tiers, "tiers", state.problems)
    state.county = _one_of(params, "county", counties, state.problems)
    state.at = parse_at(params.get("at"), state.problems)
    state.tab = _one_of(params, "tab", TABS, state.problems) or "map"
    state.workspace = params.get("ws") or None
    return state


MAX_SHOWN_VALUE = 60  # how much of a bad value the banner repeats


def _problem(problems: list[str], name: str, value: str) -> None:
    shown = value if len(value) <= MAX_SHOWN_VALUE else value[: MAX_SHOWN_VALUE - 1] + "…"
    problems.append(f"{name}={shown}")


def _fit_metric(changes: dict[str, object], params: Mapping[str, str], problems: list[str],
                years_of: Mapping[str, Sequence[int]], metrics: Mapping[str, MetricSpec]) -> None:  # fmt: skip
    """Drop a year or level the link's metric does not have, and say so."""
    spec = metrics[str(changes.get("metric", View().metric))]
    if "level" in changes and changes["level"] not in spec.levels:
        _problem(problems, "level", str(changes.pop("level")))
    if "year" in changes:
        if changes.get("kind") == "progress":  # the progress view's year is a target year of revenue
            years = years_of.get("revenue", ())
        else:
            years = years_of.get(spec.key, ()) if spec.by_year else ()
        if changes["year"] not in years:
            _problem(problems, "year", params["year"])
            changes.pop("year")


def _one_of(params: Mapping[str, str], name: str, known: Sequence[str], problems: list[str]) -> str | None:
    value = params.get(name)
    if value and value not in known:
        _problem(problems, name, value)
        return None
    return value or None


def _numbers(params: Mapping[str, str], problems: list[str]) -> dict[str, object]:
    out: dict[str, object] = {}
    if params.get("year"):
        try:
            out["year"] = int(params["year"][:6])
            if len(params["year"]) > 6:
                raise ValueError
        except ValueError:
            out.pop("year", None)
            _problem(problems, "year", params["year"])
    if params.get("k"):
        try:
            k = int(params["k"][:3])
            if not 2 <= k <= MAX_CLASSES:
                raise ValueError
            out["k"] = k
        except ValueError:
            _problem(problems, "k", params["k"])
    if "breaks" in params:
        try:
            out["breaks"] = parse_breaks(params["breaks"][:200])
        except ValueError:
            _problem(problems, "breaks", params["breaks"])
    return out


MAX_ZOOM = 20


def parse_at(value: str | None, problems: list[str] | None = None) -> tuple[float, float, float] | None:
    """``at=lat,lon,zoom`` (the map's centre and zoom) from a link, or None; a malformed or
    impossible one is reported and ignored (the map then fits the region)."""
    if not value:
        return None
    try:
        lat, lon, zoom = (float(part) for part in value[:64].split(","))
        if not (-90 <= lat <= 90 and -180 <= lon <= 180 and 0 <= zoom <= MAX_ZOOM):
            raise ValueError
    except ValueError:
        if problems is not None:
            _problem(problems, "at", value)
        return None
    return (lat, lon, zoom)


def format_at(at: tuple[float, float, float]) -> str:
    """The link's form of an extent: metres-level precision, zoom to a quarter step."""
    lat, lon, zoom = at
    return f"{lat:.4f},{lon:.4f},{zoom:g}"


def _lists(params: Mapping[str, str], problems: list[str], *, clusters: Sequence[str]) -> dict[str, object]:
    value = params.get("clusters")
    if not value:
        return {}
    return {"clusters": _subset(value, clusters, "clusters", problems)}


NONE = "none"  # in the URL: the user chose no plan (or tier) at all


def _choice(value: str | None, known: Sequence[str], name: str, problems: list[str]) -> tuple[str, ...] | None:
    """A chosen subset from the URL: None for every item (no parameter), () for ``none``."""
    if value is None or value == "":
        return None
    if value == NONE:
        return ()
    chosen = _subset(value, known, name, problems)
    return chosen or None


def _subset(value: str | None, known: Sequence[str], name: str, problems: list[str]) -> tuple[str, ...]:
    if not value:
        return ()
    items = [v for v in value.split(",") if v]
    bad = [v for v in items if v not in known]
    if bad:
        _problem(problems, name, ",".join(bad))
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
    if state.plan_ids is not None:
        params["plans"] = ",".join(state.plan_ids) or NONE
    if state.tiers is not None:
        params["tiers"] = ",".join(state.tiers) or NONE
    if state.county:
        params["county"] = state.county
    if state.at:
        params["at"] = format_at(state.at)
    if state.tab != "map":
        params["tab"] = state.tab
    if state.workspace:
        params["ws"] = state.workspace
    return params
