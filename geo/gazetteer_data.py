"""Schema of ``data/gazetteer/places.yaml``: development zones, new areas and aliases.

Validated on load against the division table, so a host county's code, name and city must agree
with the boundaries: a typo fails with the file, the entry and the field named.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

import pandas as pd
from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator, model_validator

from geo._yaml import load_model
from geo.region import Region

ConfidenceLevel = Literal["high", "medium-high", "medium", "low"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _counties(info: ValidationInfo) -> dict[str, tuple[str, str]]:
    return (info.context or {}).get("counties", {})


def _check_county(code: str, name: str, city: str | None, info: ValidationInfo) -> None:
    """The county exists under this name, in ``city`` (a prefecture city, or a composite area holding it)."""
    counties = _counties(info)
    if not counties:
        return
    if code not in counties:
        raise ValueError(f"unknown county code {code!r}")
    known_name, known_city = counties[code]
    if known_name != name:
        raise ValueError(f"county {code} is {known_name}, not {name}")
    area = (info.context or {}).get("areas", {}).get(city)
    if city is not None and known_city != city and not (area and code in area):
        raise ValueError(f"county {code} {known_name} is in {known_city}, not {city}")


class Centre(_Strict):
    lat: float = Field(ge=-90, le=90)
    lon: float = Field(ge=-180, le=180)
    sourced: bool  # false: a rough estimate (+/- 3-5 km), to be shown as approximate
    note: str = ""


class Host(_Strict):
    code: str
    name: str
    part: bool = False  # the zone covers only part of this county
    note_zh: str = ""
    note_en: str = ""


class Zone(_Strict):
    """A development zone or new area and the county-level divisions that host it."""

    name: str
    city: str
    kind: Literal["zone", "new_area"]
    aliases: list[str] = []
    stat_code: str | None = None
    hosts: list[Host] = Field(min_length=1)
    basis_zh: str
    basis_en: str
    confidence: ConfidenceLevel
    centre: Centre | None = None

    @model_validator(mode="after")
    def _hosts_exist(self, info: ValidationInfo) -> Zone:
        for host in self.hosts:
            _check_county(host.code, host.name, self.city, info)
        return self


class Alias(_Strict):
    """Another name of one county: a short form, an old name or a title."""

    alias: str
    code: str
    name: str
    city: str
    kind: Literal["short_form", "old_name", "title"]
    basis_zh: str
    basis_en: str
    confidence: ConfidenceLevel

    @model_validator(mode="after")
    def _county_exists(self, info: ValidationInfo) -> Alias:
        _check_county(self.code, self.name, self.city, info)
        return self


class GazetteerData(_Strict):
    zones: list[Zone] = []
    aliases: list[Alias] = []

    @field_validator("zones")
    @classmethod
    def _unique_zone_names(cls, zones: list[Zone]) -> list[Zone]:
        names = [z.name for z in zones]
        duplicates = sorted({n for n in names if names.count(n) > 1})
        if duplicates:
            raise ValueError(f"duplicate zone names: {', '.join(duplicates)}")
        return zones


def read_gazetteer_data(path: Path, divisions: pd.DataFrame, region: Region) -> GazetteerData:
    """Read and validate the gazetteer data file against the division table (none: an empty gazetteer)."""
    if not path.exists():
        return GazetteerData()
    counties = divisions[divisions["level"] == "county"]
    areas = {area.name_zh: set(area.counties) for area in region.composite_areas}
    context = {"counties": {row.code: (row.name_zh, row.city_name_zh) for row in counties.itertuples()}, "areas": areas}
    return load_model(path, GazetteerData, context=context)
