"""The typed spec every map view renders from, and what a view hands back to the frame around it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any, Literal

import folium

if TYPE_CHECKING:
    from geo.actuals import Actual
    from geo.atlas import Atlas
    from geo.plans import Plan
    from layers import elements as el

ViewKind = Literal["choropleth", "cluster", "future", "coverage", "progress"]
VIEWS: tuple[ViewKind, ...] = ("choropleth", "cluster", "future", "coverage", "progress")
Level = Literal["county", "city"]


@dataclass(frozen=True)
class View:
    """Everything that defines a map; the app keeps it in the URL, the CLI builds it from options."""

    kind: ViewKind = "choropleth"
    metric: str = "clusters-any"
    year: int | None = None
    level: Level = "county"
    scheme: str = "quantiles"
    k: int = 5
    breaks: tuple[float, ...] = ()
    palette: str = "YlGnBu"
    clusters: tuple[str, ...] = ()
    industry: str | None = None
    basemap: str = "none"
    source: str | None = None
    lang: str = "zh"

    def with_(self, **changes: Any) -> View:
        return replace(self, **changes)


@dataclass(frozen=True)
class LegendRow:
    """One legend row: a swatch (HTML built by ``layers.elements.swatch_html``) and its label (text)."""

    swatch: str
    label: str


@dataclass(frozen=True)
class Legend:
    title: str
    rows: list[LegendRow] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Rendered:
    """What a view drew: its title, subtitle and legend (the frame places them on the map)."""

    title: str
    subtitle: str
    legend: Legend


@dataclass
class Canvas:
    """What a view draws on: the map, the shared geometry, the spec, the data."""

    atlas: Atlas
    view: View
    plans: Sequence[Plan]
    fmap: folium.Map
    geometry: el.AtlasGeometry
    datum: str
    actuals: Sequence[Actual] = ()  # figures a user added (the region's own are ``atlas.actuals``)

    @property
    def lang(self) -> str:
        return self.view.lang


@dataclass
class BuiltView:
    map: folium.Map
    title: str
    subtitle: str
    legend: Legend
