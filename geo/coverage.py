"""Regional coverage: which counties the clusters reach, the gaps, the overlaps, the far-flung.

Everything is computed from the cluster x county join (``geo.join``) and the boundaries; the
tables are plain DataFrames so the CLI can write them and the app can show them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geo.gazetteer import CONFIDENCE_ORDER
from geo.plans import Plan
from geo.projection import equidistant_crs
from geo.region import Region
from i18n import join as join_words

if TYPE_CHECKING:
    from geo.atlas import Atlas
from i18n import paren, t


def coverage_tables(atlas: Atlas, plans: Sequence[Plan], *, source: str | None = None) -> dict[str, pd.DataFrame]:
    """Every coverage table, by name, in the order a planner reads them."""
    joined = atlas.join(plans)
    join, places = joined.cluster_counties, joined.places
    counties = county_table(join, plans, atlas.divisions, atlas.region)
    return {
        "clusters": cluster_table(join, plans, places, atlas.divisions),
        "counties": counties,
        "gaps": counties[counties["status"] == "none"].reset_index(drop=True),
        "overlaps": overlap_table(join, atlas.divisions),
        "cities": city_table(counties),
        "radiating_distances": radiating_distances(join, atlas.boundaries(source, "county")),
        "cluster_counties": join,
        "places": places,
    }


def _county_frame(divisions: pd.DataFrame) -> pd.DataFrame:
    city_en = divisions[divisions["level"] == "city"].set_index("code")["name_en"]
    counties = divisions[divisions["level"] == "county"][["code", "name_zh", "name_en", "city_code", "city_name_zh"]]
    return counties.assign(city_name_en=counties["city_code"].map(city_en).fillna(counties["city_name_zh"]))


def place_names_en(divisions: pd.DataFrame) -> dict[str, str]:
    """English names of the cities and composite areas, by Chinese name."""
    places = divisions[divisions["level"].isin(["city", "area"])]
    return dict(zip(places["name_zh"], places["name_en"], strict=True))


def _joined(names: Iterable[str], lang: str = "zh") -> str:
    return join_words(sorted(set(names)), lang)


def county_table(join: pd.DataFrame, plans: Sequence[Plan], divisions: pd.DataFrame, region: Region) -> pd.DataFrame:
    """One row per county: its status, the clusters it serves by role, its city's future industries."""
    counties = _county_frame(divisions).rename(columns={"code": "county_code", "name_zh": "county_name_zh"})
    counties = counties.rename(columns={"name_en": "county_name_en", "city_name_zh": "city", "city_name_en": "city_en"})
    per_role = {
        (role, lang): join[join["role"] == role].groupby("county_code")[f"cluster_name_{lang}"].agg(_joined, lang=lang)
        for role in ("core", "radiating") for lang in ("zh", "en")
    }  # fmt: skip
    counts = {role: join[join["role"] == role].groupby("county_code").size() for role in ("core", "radiating")}
    weakest = join.groupby("county_code")["confidence"].agg(lambda c: max(c, key=CONFIDENCE_ORDER.index))
    codes = counties["county_code"]
    table = counties.assign(
        core_clusters=[per_role["core", "zh"].get(c, "") for c in codes],
        core_clusters_en=[per_role["core", "en"].get(c, "") for c in codes],
        radiating_clusters=[per_role["radiating", "zh"].get(c, "") for c in codes],
        radiating_clusters_en=[per_role["radiating", "en"].get(c, "") for c in codes],
        n_core=[int(counts["core"].get(c, 0)) for c in codes],
        n_radiating=[int(counts["radiating"].get(c, 0)) for c in codes],
        weakest_confidence=[weakest.get(c, "") for c in codes],
    )
    table["n_clusters"] = table["n_core"] + table["n_radiating"]
    table["status"] = [
        "core" if core else ("radiating" if radiating else "none")
        for core, radiating in zip(table["n_core"], table["n_radiating"], strict=True)
    ]
    for lang, column in (("zh", "future_industries"), ("en", "future_industries_en")):
        hosts = county_host_places(divisions, region)
        table[column] = table["county_code"].map(_future_industries_by_county(plans, hosts, lang)).fillna("")
    columns = [
        "county_code", "county_name_zh", "county_name_en", "city_code", "city", "city_en", "status", "n_clusters",
        "n_core", "n_radiating", "core_clusters", "core_clusters_en", "radiating_clusters", "radiating_clusters_en",
        "weakest_confidence", "future_industries", "future_industries_en",
    ]  # fmt: skip
    return table[columns].reset_index(drop=True)


def county_host_places(divisions: pd.DataFrame, region: Region) -> dict[str, str]:
    """The place that hosts each county's future industries: its composite area if it has one, else its city.

    A county inside a composite area (雄安新区) takes the area's industries, not its parent city's:
    the plans name the area and the city as separate hosts.
    """
    area_of = {code: area.name_zh for area in region.composite_areas for code in area.counties}
    return {row.code: area_of.get(row.code, row.city_name_zh) for row in _county_frame(divisions).itertuples()}


def _future_industries_by_county(plans: Sequence[Plan], host_of: dict[str, str], lang: str) -> dict[str, str]:
    hosts: dict[str, set[str]] = {}
    for plan in plans:
        for industry in plan.future_industries:
            for host in industry.hosts:
                hosts.setdefault(host, set()).add(industry.name(lang))
    return {code: _joined(hosts.get(place, set()), lang) for code, place in host_of.items()}


def cluster_table(join: pd.DataFrame, plans: Sequence[Plan], places: pd.DataFrame, divisions: pd.DataFrame) -> pd.DataFrame:
    """One row per cluster: the counties it covers as core and as radiating, and unresolved places."""
    core: dict[tuple[str, str, str], list[str]] = defaultdict(list)
    radiating: dict[tuple[str, str, str], list[str]] = defaultdict(list)
    uncertain: dict[tuple[str, str, str], list[str]] = defaultdict(list)
    columns = ["plan_id", "cluster_id", "role", "county_name_zh", "county_name_en", "confidence"]
    for r in join[columns].itertuples(index=False):
        for lang in ("zh", "en"):
            key = (r.plan_id, r.cluster_id, lang)
            name = r.county_name_zh if lang == "zh" else r.county_name_en
            (core if r.role == "core" else radiating)[key].append(name)
            if r.confidence in ("medium", "low"):
                uncertain[key].append(name + paren(t(f"conf_{r.confidence}", lang), lang))
    unresolved: dict[tuple[str, str], list[str]] = defaultdict(list)
    for r in places.loc[places["resolution"] != "resolved", ["plan_id", "cluster_id", "place"]].itertuples(index=False):
        unresolved[(r.plan_id, r.cluster_id)].append(r.place)
    names_en = place_names_en(divisions)
    rows = []
    for plan in plans:
        for cluster in plan.clusters:
            key, key_en = (plan.id, cluster.id, "zh"), (plan.id, cluster.id, "en")
            tier = next((t for t in plan.tiers if t.id == cluster.tier), None)
            rows.append(
                {
                    "plan_id": plan.id,
                    "cluster_id": cluster.id,
                    "cluster_name_zh": cluster.name_zh,
                    "cluster_name_en": cluster.name_en,
                    "tier_id": cluster.tier,
                    "tier": tier.label_zh if tier else cluster.tier,  # as the plan names it
                    "tier_en": tier.label_en if tier else cluster.tier,
                    "city": cluster.city,
                    "city_en": names_en.get(cluster.city, cluster.city),
                    "core_counties": _joined(core[key]),
                    "core_counties_en": _joined(core[key_en], "en"),
                    "radiating_counties": _joined(radiating[key]),
                    "radiating_counties_en": _joined(radiating[key_en], "en"),
                    "n_counties": len(core[key]) + len(radiating[key]),
                    "uncertain_counties": _joined(uncertain[key]),
                    "uncertain_counties_en": _joined(uncertain[key_en], "en"),
                    "unresolved_places": "、".join(unresolved[key[:2]]),
                }
            )
    return pd.DataFrame(rows)


def overlap_table(join: pd.DataFrame, divisions: pd.DataFrame) -> pd.DataFrame:
    """Counties serving two or more clusters, with each cluster and its role (in both languages)."""
    def labels(lang: str) -> list[str]:
        names = join[f"cluster_name_{lang}"]
        return [name + paren(t(f"role_{role}", lang), lang) for name, role in zip(names, join["role"], strict=True)]

    labelled = join.assign(label=labels("zh"), label_en=labels("en"))
    grouped = labelled.groupby(["county_code", "county_name_zh", "county_name_en"]).agg(
        n_clusters=("cluster_id", "nunique"),
        n_core=("role", lambda r: int((r == "core").sum())),
        clusters=("label", _joined),
        clusters_en=("label_en", lambda labels: _joined(labels, "en")),
    )
    overlaps = grouped[grouped["n_clusters"] >= 2].reset_index()
    counties = _county_frame(divisions).set_index("code")
    overlaps.insert(3, "city", overlaps["county_code"].map(counties["city_name_zh"]))
    overlaps.insert(4, "city_en", overlaps["county_code"].map(counties["city_name_en"]))
    return overlaps.sort_values(["n_clusters", "county_code"], ascending=[False, True], ignore_index=True)


def city_table(counties: pd.DataFrame) -> pd.DataFrame:
    """Per prefecture city: how many of its counties are core, radiating, or not covered."""
    grouped = counties.groupby(["city_code", "city", "city_en"])
    table = grouped.agg(
        counties=("county_code", "size"),
        core=("status", lambda s: int((s == "core").sum())),
        radiating=("status", lambda s: int((s == "radiating").sum())),
        none=("status", lambda s: int((s == "none").sum())),
    ).reset_index()
    table["covered"] = table["core"] + table["radiating"]
    table["share_covered_pct"] = (100 * table["covered"] / table["counties"]).round(1)
    return table


def radiating_distances(join: pd.DataFrame, counties: gpd.GeoDataFrame) -> pd.DataFrame:
    """For each radiating county: km to the nearest core county of its cluster (edge and centroid).

    The nearest core county is the one with the shortest edge-to-edge distance (then centroid
    distance); both distances are to that county.

    Measured in an azimuthal equidistant projection centred on the province. ``edge_km`` is 0 for a
    county that touches a core county. Clusters without a resolved core give no rows. Each distinct
    pair of counties is measured once, in one vectorised call, however many clusters share it.
    """
    shapes = counties.set_index("code")
    crs = equidistant_crs(tuple(shapes.total_bounds))
    projected = gpd.GeoSeries(shapes.geometry, crs=shapes.crs).to_crs(crs)
    position = {code: i for i, code in enumerate(projected.index)}
    geoms = projected.values
    centres = np.column_stack([projected.centroid.x.to_numpy(), projected.centroid.y.to_numpy()])
    cores: dict[tuple[str, str], list[str]] = defaultdict(list)
    radiating: list[tuple[tuple[str, str], str, str, str, str]] = []
    columns = ["plan_id", "cluster_id", "role", "county_code", "county_name_zh", "cluster_name_zh", "cluster_name_en"]
    for r in join[columns].itertuples(index=False):
        if r.role == "core":
            cores[(r.plan_id, r.cluster_id)].append(r.county_code)
        else:
            radiating.append(((r.plan_id, r.cluster_id), r.county_code, r.county_name_zh, r.cluster_name_zh, r.cluster_name_en))
    wanted = [(*item, cores[item[0]]) for item in sorted(radiating) if cores[item[0]]]
    pairs = {(position[item[1]], position[c]) for item in wanted for c in item[-1]}
    if not wanted:
        return pd.DataFrame()
    left, right = (np.array(side) for side in zip(*sorted(pairs), strict=True))
    edge = dict(zip(zip(left, right, strict=True), shapely.distance(geoms[left], geoms[right]), strict=True))
    centre = dict(zip(zip(left, right, strict=True), np.hypot(*(centres[left] - centres[right]).T), strict=True))
    rows = []
    for (plan_id, cluster_id), code, county_name, cluster_name, cluster_en, core in wanted:
        here = position[code]
        nearest = min(core, key=lambda c: (edge[(here, position[c])], centre[(here, position[c])]))
        rows.append(
            {
                "plan_id": plan_id,
                "cluster_id": cluster_id,
                "cluster_name_zh": cluster_name,
                "cluster_name_en": cluster_en,
                "county_code": code,
                "county_name_zh": county_name,
                "county_name_en": shapes.loc[code, "name_en"],
                "nearest_core_code": nearest,
                "nearest_core_name_zh": shapes.loc[nearest, "name_zh"],
                "nearest_core_name_en": shapes.loc[nearest, "name_en"],
                "edge_km": round(float(edge[(here, position[nearest])]) / 1000, 1),
                "centroid_km": round(float(centre[(here, position[nearest])]) / 1000, 1),
            }
        )
    frame = pd.DataFrame(rows)
    return frame.sort_values("centroid_km", ascending=False, ignore_index=True)
