"""Join clusters to counties: every core zone and radiating area, resolved through the gazetteer.

Two tables come out:

* ``place_resolutions``: one row per place as the plan writes it, with what it resolved to (or
  why it did not), the basis and the confidence. Nothing that fails to resolve is dropped.
* ``cluster_counties``: the long table cluster x county with the role (core / radiating). A county
  reached both as core and as radiating is core; the row lists every place that led to it, and its
  confidence and ``partial`` flag are those of the mappings behind its role.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

import pandas as pd

from geo._errors import AmbiguousPlaceError, PlaceError
from geo.gazetteer import CONFIDENCE_ORDER, Gazetteer, Resolution
from geo.plans import Cluster, Plan

RESOLUTION_COLUMNS = [
    "plan_id", "cluster_id", "cluster_name_zh", "cluster_name_en", "city", "role", "place", "resolution",
    "kind", "matched_as", "resolved_name", "county_codes", "county_names", "partial_counties",
    "confidence", "basis_zh", "basis_en", "approximate", "reason", "candidates", "message",
]  # fmt: skip
JOIN_COLUMNS = [
    "plan_id", "cluster_id", "cluster_name_zh", "cluster_name_en", "tier", "cluster_city", "county_code",
    "county_name_zh", "county_name_en", "role", "places", "confidence", "partial", "approximate",
]  # fmt: skip


def cluster_places(cluster: Cluster) -> list[tuple[str, str]]:
    """``(role, place)`` for every place of a cluster, core zones first, as the text writes them."""
    return [("core", p) for p in cluster.core_zones] + [("radiating", p) for p in cluster.radiating_areas]


@dataclass(frozen=True)
class Join:
    """Both join tables of a set of plans (``geo.atlas.Atlas.join`` computes it once per set)."""

    cluster_counties: pd.DataFrame
    places: pd.DataFrame


def join_plans(plans: Sequence[Plan], gazetteer: Gazetteer) -> Join:
    """Resolve every place of every cluster once, and build both tables from the resolutions."""
    resolved = list(_each_place(plans, gazetteer))
    return Join(cluster_counties(resolved), place_resolutions(resolved))


Resolved = tuple[Plan, Cluster, str, str, Resolution | PlaceError]


def _each_place(plans: Iterable[Plan], gazetteer: Gazetteer) -> Iterator[Resolved]:
    """Every place of every cluster, resolved in its cluster's city: the resolution or the error."""
    for plan in plans:
        for cluster in plan.clusters:
            for role, place in cluster_places(cluster):
                try:
                    yield plan, cluster, role, place, gazetteer.resolve(place, cluster.city)
                except PlaceError as error:
                    yield plan, cluster, role, place, error


def place_resolutions(resolved: Iterable[Resolved]) -> pd.DataFrame:
    """One row per place as written; unresolved places are rows with the reason and candidates."""
    rows = []
    for plan, cluster, role, place, res in resolved:
        base = {
            "plan_id": plan.id,
            "cluster_id": cluster.id,
            "cluster_name_zh": cluster.name_zh,
            "cluster_name_en": cluster.name_en,
            "city": cluster.city,
            "role": role,
            "place": place,
        }
        if isinstance(res, PlaceError):
            status = "ambiguous" if isinstance(res, AmbiguousPlaceError) else "unresolved"
            rows.append({**base, "resolution": status, "reason": res.reason, "candidates": "; ".join(res.candidates),
                         "message": str(res)})  # fmt: skip
        else:
            rows.append({**base, **_resolved_fields(res)})
    return pd.DataFrame(rows, columns=RESOLUTION_COLUMNS)


def _resolved_fields(res: Resolution) -> dict[str, object]:
    return {
        "resolution": "resolved",
        "kind": res.kind,
        "matched_as": res.matched_as,
        "resolved_name": res.name,
        "county_codes": "、".join(res.codes()),
        "county_names": "、".join(c.name_zh for c in res.counties),
        "partial_counties": "、".join(c.name_zh for c in res.counties if c.part),
        "confidence": res.confidence,
        "basis_zh": res.basis_zh,
        "basis_en": res.basis_en,
        "reason": "",
        "candidates": "",
        "approximate": res.approximate,
        "message": "",
    }


def cluster_counties(resolved: Iterable[Resolved]) -> pd.DataFrame:
    """The long table cluster x county with role, places, confidence and whether only part is covered."""
    by_key: dict[tuple[str, str, str], dict[str, object]] = {}
    for plan, cluster, role, place, res in resolved:
        if isinstance(res, PlaceError):
            continue  # reported by place_resolutions
        for county in res.counties:
            _merge(by_key, plan=plan, cluster=cluster, role=role, place=place, res=res, county=county)
    frame = pd.DataFrame(list(by_key.values()), columns=JOIN_COLUMNS)
    return frame.sort_values(["plan_id", "cluster_id", "role", "county_code"], ignore_index=True)


def _merge(by_key, *, plan, cluster, role, place, res, county) -> None:
    key = (plan.id, cluster.id, county.code)
    row = by_key.get(key)
    if row is None:
        by_key[key] = {
            "plan_id": plan.id,
            "cluster_id": cluster.id,
            "cluster_name_zh": cluster.name_zh,
            "cluster_name_en": cluster.name_en,
            "tier": cluster.tier,
            "cluster_city": cluster.city,
            "county_code": county.code,
            "county_name_zh": county.name_zh,
            "county_name_en": county.name_en,
            "role": role,
            "places": place,
            "confidence": res.confidence,
            "partial": county.part,
            "approximate": res.approximate,
        }
        return
    if place not in str(row["places"]).split("、"):
        row["places"] = f"{row['places']}、{place}"
    if role == "core" and row["role"] == "radiating":  # core wins: take the core mapping's quality
        row.update(role="core", confidence=res.confidence, partial=county.part, approximate=res.approximate)
    elif role == row["role"]:
        row["confidence"] = _stronger(str(row["confidence"]), res.confidence)
        row["partial"] = bool(row["partial"]) and county.part
        row["approximate"] = bool(row["approximate"]) and res.approximate


def _stronger(a: str, b: str) -> str:
    return a if CONFIDENCE_ORDER.index(a) <= CONFIDENCE_ORDER.index(b) else b  # type: ignore[arg-type]
