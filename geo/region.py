"""The region description in ``region.yaml``: which province, which boundary sources.

Kept as data so another province can be mapped by adding a data folder (``cli.py region init``),
not by changing code.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from geo._yaml import load_model


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


_LEVEL_WORDS_EN = (" Province", " Autonomous Region", " Municipality", " City", " Special Administrative Region")


class Province(_Strict):
    adcode: str = Field(pattern=r"^\d{6}$")
    name_zh: str
    name_en: str
    slug: str = Field(default="", pattern=r"^[a-z0-9-]*$")  # for file names: hebei, beijing, china

    @property
    def short_zh(self) -> str:
        """The name as titles use it: 河北省 stays 河北省 (Chinese titles keep the level word)."""
        return self.name_zh

    @property
    def short_en(self) -> str:
        """The name without its level word: Hebei Province -> Hebei."""
        for word in _LEVEL_WORDS_EN:
            if self.name_en.endswith(word):
                return self.name_en.removesuffix(word)
        return self.name_en

    @property
    def file_slug(self) -> str:
        return self.slug or self.short_en.split()[0].lower() or self.adcode


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
    # A 审图号 (map approval number) where the boundaries come from an approved standard map; maps
    # made from other boundaries are marked 内部用图 (for internal use) instead.
    map_approval: str | None = None

    def sources(self) -> list[str]:
        """Boundary sources, default first."""
        default = self.boundaries.default_source
        return [default, *(s for s in self.boundaries.sources if s != default)]


def read_region(path: Path) -> Region:
    """Read and validate a region description."""
    return load_model(path, Region)
