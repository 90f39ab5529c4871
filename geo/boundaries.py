"""Read the boundary files of a region's data folder (written by ``cli.py region init``).

Each source (``tianditu``, ``amap``) is one GeoParquet file holding every level: ``province``,
``city``, ``county``, composite ``area`` (e.g. 雄安新区) and ``neighbour`` (the provinces around, for
context). All are WGS-84 (EPSG:4326), so they line up with OpenStreetMap-style tiles. Codes are
strings: identifiers, not numbers. A code is unique within a level, not across levels (a
municipality's city has the province's code; 东莞 is a city and a county of the same code), so rows
are told apart by ``key`` = ``level:code``.

These readers are called only where the atlas is built (``geo.atlas``).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Literal

import geopandas as gpd
import pandas as pd
import shapely

from geo._errors import BoundaryDataError

Level = Literal["province", "city", "county", "area", "neighbour"]
LEVELS: tuple[Level, ...] = ("province", "city", "county", "area", "neighbour")


def division_key(level: str, code: str) -> str:
    """The key of a division: unique across levels."""
    return f"{level}:{code}"


def read_boundaries(path: Path) -> gpd.GeoDataFrame:
    """One source's boundaries (every level), with ``key`` = ``level:code``."""
    if not path.exists():
        raise BoundaryDataError(f"{path} is missing; run `cli.py region init` (or `make boundaries`) to write it")
    frame = gpd.read_parquet(path)
    frame["code"] = frame["code"].astype(str)
    if "key" not in frame.columns:
        frame["key"] = [division_key(level, code) for level, code in zip(frame["level"], frame["code"], strict=True)]
    return frame


def read_divisions(path: Path) -> pd.DataFrame:
    """The division table (no geometry): key, code, level, names, province and city, representative point, areas."""
    if not path.exists():
        raise BoundaryDataError(f"{path} is missing; run `cli.py region init` (or `make boundaries`) to write it")
    frame = pd.read_csv(path, dtype={"code": str, "city_code": str, "province_code": str})
    if "key" not in frame.columns:
        frame.insert(0, "key", [division_key(lv, code) for lv, code in zip(frame["level"], frame["code"], strict=True)])
    duplicated = frame["key"][frame["key"].duplicated()].tolist()
    if duplicated:
        raise BoundaryDataError(f"{path}: division keys repeat: {', '.join(duplicated[:5])}")
    return frame


def read_provenance(path: Path) -> dict[str, Any]:
    """What the builder recorded: package versions, date, vertex counts, comparisons."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        raise BoundaryDataError(f"{path} is missing or unreadable; run `cli.py region init` to write it") from None


def read_topology(path: Path) -> dict[str, Any] | None:
    """A pre-encoded WGS-84 topology, or None where it has not been written."""
    if not path.exists():
        return None
    return json.loads(path.read_text(encoding="utf-8"))


class CountyLocator:
    """Which county contains a point: an STRtree over one source's counties."""

    def __init__(self, counties: gpd.GeoDataFrame) -> None:
        self._codes = counties["code"].tolist()
        self._tree = shapely.STRtree(counties.geometry.values)

    def county_at(self, lon: float, lat: float) -> str | None:
        """Code of the county containing the WGS-84 point, or None outside the region."""
        hits = self._tree.query(shapely.Point(lon, lat), predicate="intersects")
        return str(self._codes[int(hits[0])]) if len(hits) else None
