"""The region description in ``data/region.yaml``: which province, which boundary sources.

Kept as data so another province can be mapped by editing files, not code.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from geo import settings
from geo._yaml import load_model


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Province(_Strict):
    adcode: str = Field(pattern=r"^\d{6}$")
    name_zh: str
    name_en: str


class BoundarySource(_Strict):
    label_zh: str
    label_en: str
    package: str
    note_zh: str
    note_en: str


class Boundaries(_Strict):
    default_source: str
    sources: dict[str, BoundarySource]


class CompositeArea(_Strict):
    """A place the plans name that is a union of county-level divisions (e.g. 雄安新区)."""

    code: str
    name_zh: str
    name_en: str
    counties: list[str] = Field(min_length=1)
    approximate: bool
    note_zh: str
    note_en: str
    basis_zh: str
    basis_en: str


class Region(_Strict):
    province: Province
    boundaries: Boundaries
    english_name_overrides: dict[str, str] = {}
    composite_areas: list[CompositeArea] = []


@lru_cache(maxsize=4)
def _load(path: Path) -> Region:
    return load_model(path, Region)


def load_region(path: Path | None = None) -> Region:
    """Read and validate the region description (cached per path)."""
    return _load(path or settings.region_file())
