"""One atlas, built once from a region's data folder and handed to everything that needs data.

``Atlas.load(folder)`` reads the region description, the division table, the gazetteer data and the
plans (and, lazily, each boundary source and its browser topology); nothing else in ``geo/`` or
``layers/`` reads a file. The cluster x county join of a set of plans is computed once, on first
use, and reused by the coverage tables, the maps and the county panel.

A data folder::

    region.yaml                 the province, its boundary sources, composite areas
    boundaries/                 divisions.csv, <source>.parquet, <source>.topo.json, provenance.json
    gazetteer/places.yaml       development zones, short forms, old names, titles (optional)
    plans/*.yaml, plans/sources the plans and the texts they quote (optional: a new region has none)
    actuals/*.yaml, actuals/sources  published actual figures and the texts they quote (optional)
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import geopandas as gpd
import pandas as pd

from geo import settings
from geo._errors import BoundaryDataError
from geo.actuals import Actual, load_actuals
from geo.boundaries import CountyLocator, read_boundaries, read_divisions, read_provenance, read_topology
from geo.gazetteer import Gazetteer, build_gazetteer
from geo.gazetteer_data import read_gazetteer_data
from geo.join import Join, join_plans
from geo.plans import Plan, read_plans
from geo.region import Region, read_region


@dataclass
class Atlas:
    """Everything the atlas knows about one region (see module docstring)."""

    data_dir: Path
    region: Region
    divisions: pd.DataFrame  # every level; ``key`` (level:code) is unique
    gazetteer: Gazetteer
    plans: list[Plan]  # the bundled plans
    provenance: dict[str, Any]
    actuals: list[Actual] = field(default_factory=list)  # published actual figures (``actuals/``), checked on load
    _boundaries: dict[str, gpd.GeoDataFrame] = field(default_factory=dict, repr=False)
    _topologies: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict, repr=False)
    _locators: dict[str, CountyLocator] = field(default_factory=dict, repr=False)
    _joins: dict[tuple[str, ...], Join] = field(default_factory=dict, repr=False)

    @classmethod
    def load(cls, data_dir: Path | None = None) -> Atlas:
        """Read a region's data folder (default: ``$ATLAS_DATA_DIR`` or the repository's ``data/``)."""
        folder = Path(data_dir or settings.data_dir())
        region = read_region(folder / "region.yaml")
        divisions = read_divisions(folder / "boundaries" / "divisions.csv")
        gazetteer = build_gazetteer(divisions, read_gazetteer_data(folder / "gazetteer" / "places.yaml", divisions, region),
                                    region)  # fmt: skip
        places = frozenset(divisions.loc[divisions["level"].isin(["city", "area"]), "name_zh"])
        plans = read_plans(folder / "plans", places)
        provenance = read_provenance(folder / "boundaries" / "provenance.json")
        actuals = load_actuals(folder / "actuals", plans)
        return cls(folder, region, divisions, gazetteer, plans, provenance, actuals)

    # ---- what the region holds ----------------------------------------------------------------

    @property
    def sources(self) -> list[str]:
        """Boundary sources, default first."""
        return self.region.sources()

    def source(self, source: str | None) -> str:
        """A boundary source by name (None: the default); an unknown one is an error naming the known."""
        chosen = source or self.region.boundaries.default_source
        if chosen not in self.region.boundaries.sources:
            raise BoundaryDataError(f"unknown boundary source {chosen!r}; available: {', '.join(self.sources)}")
        return chosen

    def level(self, level: str) -> pd.DataFrame:
        """The division table's rows of one level."""
        return self.divisions[self.divisions["level"] == level]

    @property
    def places(self) -> frozenset[str]:
        """Names a cluster's home city or a host place may take: the cities and composite areas."""
        return frozenset(self.divisions.loc[self.divisions["level"].isin(["city", "area"]), "name_zh"])

    def boundaries(self, source: str | None = None, level: str | None = None) -> gpd.GeoDataFrame:
        """One source's boundaries (read on first use), optionally of one level; a copy."""
        name = self.source(source)
        if name not in self._boundaries:
            self._boundaries[name] = read_boundaries(self.data_dir / "boundaries" / f"{name}.parquet")
        frame = self._boundaries[name]
        if level is not None:
            frame = frame[frame["level"] == level]
        return frame.reset_index(drop=True).copy()

    def topology(self, source: str | None = None, datum: str = "wgs84") -> dict[str, Any]:
        """The browser topology of a source: the one written with the boundaries, or encoded on first use."""
        from layers.geometry import encode_topology, prepared_frames  # noqa: PLC0415 (geometry for maps only)

        name = self.source(source)
        key = (name, datum)
        if key not in self._topologies:
            written = read_topology(self.data_dir / "boundaries" / f"{name}.topo.json") if datum == "wgs84" else None
            if written is None:
                areas = {area.code: area.counties for area in self.region.composite_areas}
                written = encode_topology(prepared_frames(self.boundaries(name), source=name, datum=datum, areas=areas))  # type: ignore[arg-type]
            self._topologies[key] = written
        return self._topologies[key]

    def bounds(self, source: str | None = None) -> tuple[float, float, float, float]:
        """(minx, miny, maxx, maxy) of the region's counties."""
        minx, miny, maxx, maxy = self.boundaries(source, "county").total_bounds
        return float(minx), float(miny), float(maxx), float(maxy)

    def county_at(self, lon: float, lat: float, source: str | None = None) -> str | None:
        """Code of the county containing a WGS-84 point, or None outside the region."""
        name = self.source(source)
        if name not in self._locators:
            self._locators[name] = CountyLocator(self.boundaries(name, "county"))
        return self._locators[name].county_at(lon, lat)

    # ---- plans and their join ------------------------------------------------------------------

    def join(self, plans: Sequence[Plan]) -> Join:
        """The cluster x county join of ``plans`` and their place resolutions, computed once per set of plans.

        Keyed by the plans' whole content, not their ids: an edited list imported again under the
        same ids (a new workspace version) must get a join of its own.
        """
        key = tuple(hashlib.sha256(plan.model_dump_json().encode()).hexdigest() for plan in plans)
        if key not in self._joins:
            if len(self._joins) >= 32:  # a bound: imports in many sessions must not grow this without end
                self._joins.pop(next(iter(self._joins)))
            self._joins[key] = join_plans(plans, self.gazetteer)
        return self._joins[key]
