"""Load the committed boundary files of ``data/boundaries/`` (written by ``make boundaries``).

Each source (``tianditu``, ``amap``) is one GeoParquet file holding every level: ``province``,
``city``, ``county`` and composite ``area`` (e.g. 雄安新区). All are WGS-84 (EPSG:4326), so they
line up with OpenStreetMap-style tiles. Codes are strings: they are identifiers, not numbers.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

import geopandas as gpd
import pandas as pd
import shapely

from geo import settings
from geo._errors import BoundaryDataError
from geo.region import load_region

Level = Literal["province", "city", "county", "area"]
LEVELS: tuple[Level, ...] = ("province", "city", "county", "area")


def available_sources() -> list[str]:
    """Boundary sources listed in the region file, default first."""
    region = load_region()
    default = region.boundaries.default_source
    return [default, *(s for s in region.boundaries.sources if s != default)]


def load_boundaries(source: str | None = None, level: Level | None = None) -> gpd.GeoDataFrame:
    """Boundaries of one source (default: the region's default), optionally of one level.

    Returns a copy, so callers may modify it freely.
    """
    frame = _read_source(source or load_region().boundaries.default_source)
    if level is not None:
        if level not in LEVELS:
            raise BoundaryDataError(f"unknown level {level!r}; expected one of {', '.join(LEVELS)}")
        frame = frame[frame["level"] == level]
    return frame.reset_index(drop=True).copy()


def county_at(lon: float, lat: float, source: str | None = None) -> str | None:
    """Code of the county containing the WGS-84 point, or None outside the province."""
    frame, tree = _county_index(source or load_region().boundaries.default_source)
    hits = tree.query(shapely.Point(lon, lat), predicate="intersects")
    return str(frame["code"].iloc[int(hits[0])]) if len(hits) else None


@lru_cache(maxsize=4)
def _county_index(source: str) -> tuple[gpd.GeoDataFrame, shapely.STRtree]:
    counties = load_boundaries(source, "county")
    return counties, shapely.STRtree(counties.geometry.values)


def load_divisions() -> pd.DataFrame:
    """The division table (no geometry): code, level, names, city, representative point, areas."""
    return _read_divisions().copy()


def provenance() -> dict[str, Any]:
    """What ``make boundaries`` recorded: package versions, date, vertex counts, comparisons."""
    path = settings.boundaries_dir() / "provenance.json"
    return json.loads(path.read_text(encoding="utf-8"))


@lru_cache(maxsize=4)
def _read_source(source: str) -> gpd.GeoDataFrame:
    if source not in load_region().boundaries.sources:
        known = ", ".join(available_sources())
        raise BoundaryDataError(f"unknown boundary source {source!r}; available: {known}")
    path = settings.boundaries_dir() / f"{source}.parquet"
    if not path.exists():
        raise BoundaryDataError(f"{path} is missing; run `make boundaries` to regenerate it")
    return gpd.read_parquet(path)


@lru_cache(maxsize=1)
def _read_divisions() -> pd.DataFrame:
    path: Path = settings.boundaries_dir() / "divisions.csv"
    if not path.exists():
        raise BoundaryDataError(f"{path} is missing; run `make boundaries` to regenerate it")
    return pd.read_csv(path, dtype={"code": str, "city_code": str})
