"""Everything the plans say about one county: what a planner sees when clicking it on the map."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from geo._errors import AtlasError
from geo.coverage import county_host_places
from geo.gazetteer import Gazetteer
from geo.plans import Plan

if TYPE_CHECKING:
    from geo.atlas import Atlas


@dataclass
class ClusterRole:
    plan_id: str
    cluster_id: str
    name_zh: str
    name_en: str
    tier: str
    role: str  # core / radiating
    places: str  # as the plan writes them
    confidence: str
    partial: bool
    targets: list[dict[str, object]]  # year, metric, label zh/en, quote
    source_zh: str
    source_en: str


@dataclass
class CountyProfile:
    code: str
    name_zh: str
    name_en: str
    city_zh: str
    city_en: str
    areas: list[str]  # composite areas it belongs to (雄安新区)
    clusters: list[ClusterRole] = field(default_factory=list)
    future_industries: list[dict[str, str]] = field(default_factory=list)
    zones: list[dict[str, object]] = field(default_factory=list)

    @property
    def status(self) -> str:
        roles = {c.role for c in self.clusters}
        return "core" if "core" in roles else ("radiating" if roles else "none")


def county_profile(atlas: Atlas, code: str, plans: Sequence[Plan]) -> CountyProfile:
    """The clusters a county serves (with targets and sources), its place's future industries, its zones."""
    counties = atlas.level("county").set_index("code")
    if code not in counties.index:
        raise AtlasError(f"unknown county code {code!r}")
    row = counties.loc[code]
    cities = atlas.level("city").set_index("code")
    city = cities.loc[row["city_code"]] if row["city_code"] in cities.index else row
    areas = [a.name_zh for a in atlas.region.composite_areas if code in a.counties]
    profile = CountyProfile(code, row["name_zh"], row["name_en"], city["name_zh"], city["name_en"], areas)
    by_id = {(p.id, c.id): (p, c) for p in plans for c in p.clusters}
    join = atlas.join(plans).cluster_counties
    for r in join[join["county_code"] == code].itertuples():
        plan, cluster = by_id[(r.plan_id, r.cluster_id)]
        targets = [
            {"year": t.year, "metric": t.metric, "zh": t.label("zh"), "en": t.label("en"), "quote": t.quote}
            for t in sorted(cluster.targets, key=lambda t: (t.metric, t.year))
        ]
        profile.clusters.append(
            ClusterRole(plan.id, cluster.id, cluster.name_zh, cluster.name_en, cluster.tier, r.role, r.places,
                        r.confidence, bool(r.partial), targets, plan.short_zh, plan.short_en)
        )  # fmt: skip
    host = county_host_places(atlas.divisions, atlas.region)[code]
    profile.future_industries = [
        {"zh": industry.name_zh, "en": industry.name_en, "quote": industry.quote, "host": host}
        for plan in plans
        for industry in plan.future_industries
        if host in industry.hosts
    ]
    profile.zones = zones_in(atlas.gazetteer, code)
    return profile


def zones_in(gazetteer: Gazetteer, code: str) -> list[dict[str, object]]:
    """Development zones and new areas hosted (wholly or partly) by a county, from the gazetteer data."""
    return [
        {"name": res.name, "part": county.part, "note_zh": county.note_zh, "note_en": county.note_en,
         "confidence": res.confidence, "basis_zh": res.basis_zh, "basis_en": res.basis_en}
        for res in gazetteer.zones()
        for county in res.counties
        if county.code == code
    ]
