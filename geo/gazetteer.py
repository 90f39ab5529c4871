"""Resolve plan place names to county-level divisions, in the context of a city. Never fuzzy.

A plan writes places as it likes: full names (鹿泉区), names with their city (石家庄市鹿泉区),
development zones (石家庄高新区, or just 高新区 inside a sentence about 石家庄), new areas
(冀南新区, 雄安新区), short forms (营子区 for 鹰手营子矿区; 任丘 for 任丘市), old names (邢台 桥东区,
now 襄都区), titles (中国丝网之都) and whole cities. ``Gazetteer.resolve`` maps each to the county
codes it denotes, with the basis and confidence of that mapping, or raises ``UnknownPlaceError`` /
``AmbiguousPlaceError`` listing the candidates. Names are matched exactly, after aliases and city
context; a near miss is an error, not a guess.

When one name fits several places, a written name (full name, zone name or alias, old name, title)
wins over a derived short form, and a city's short form (承德 -> 承德市) over a county's (承德县 ->
承德); anything else left with more than one candidate is ambiguous.

The names come from ``data/boundaries/divisions.csv`` and ``data/gazetteer/places.yaml``.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Literal

import pandas as pd

from geo import settings
from geo._errors import AmbiguousPlaceError, UnknownPlaceError
from geo.boundaries import load_divisions
from geo.gazetteer_data import GazetteerData, load_gazetteer_data
from geo.region import load_region

Kind = Literal["county", "zone", "new_area", "city"]
Confidence = Literal["exact", "high", "medium-high", "medium", "low"]
CONFIDENCE_ORDER: tuple[Confidence, ...] = ("exact", "high", "medium-high", "medium", "low")

# A county or county-level city without its level word: 任丘市 -> 任丘, 青龙满族自治县 -> 青龙.
# Districts keep theirs: their stems (桥东, 新华, 开平, 路南) are everyday words.
_LEVEL_SUFFIX = re.compile(r"(?:(?:满族|回族|蒙古族)+自治县|自治县|县|市)$")
_MIN_SHORT_NAME = 2  # one-character stems (赵 of 赵县) are too easily part of other words
_DIVISION_LIST = ("区划名单", "division list")  # the basis of a name taken from the division table


@dataclass(frozen=True)
class CountyRef:
    """A county-level division a place maps to; ``part`` when the place covers only part of it."""

    code: str
    name_zh: str
    name_en: str
    part: bool = False
    note_zh: str = ""
    note_en: str = ""


@dataclass(frozen=True)
class Resolution:
    """What a place name denotes, how it was matched, and how sure that is."""

    query: str
    city: str | None  # the city context used (from the argument or the name's own prefix)
    kind: Kind
    name: str  # the canonical name of what was found
    matched_as: str  # exact, short_form, old_name, title, zone_alias; "city_prefix+" before any of them
    counties: tuple[CountyRef, ...]
    basis_zh: str
    basis_en: str
    confidence: Confidence
    approximate: bool = False
    centre: dict[str, object] | None = None

    def codes(self, *, include_parts: bool = True) -> list[str]:
        return [c.code for c in self.counties if include_parts or not c.part]

    def to_dict(self) -> dict[str, object]:
        return {
            "query": self.query,
            "city": self.city,
            "kind": self.kind,
            "name": self.name,
            "matched_as": self.matched_as,
            "counties": [
                {"code": c.code, "name_zh": c.name_zh, "name_en": c.name_en, "part": c.part, "note_zh": c.note_zh,
                 "note_en": c.note_en}
                for c in self.counties
            ],
            "basis_zh": self.basis_zh,
            "basis_en": self.basis_en,
            "confidence": self.confidence,
            "approximate": self.approximate,
            "centre": self.centre,
        }


@dataclass(frozen=True)
class _Entry:
    """One way of naming a place, before city context is applied."""

    resolution: Resolution
    cities: frozenset[str]  # the city (or area) this name belongs to
    city_only: bool  # matches only when the city context names one of ``cities``
    rank: int = 0  # 0 a written name; 1 a city's short form (承德); 2 a county's short form (任丘)

    def describe(self) -> str:
        res = self.resolution
        where = "/".join(sorted(self.cities))
        counties = "、".join(c.name_zh for c in res.counties[:4]) + ("…" if len(res.counties) > 4 else "")
        return f"{where} {res.name} ({res.kind}: {counties})"


@dataclass
class Gazetteer:
    """An index of every name a place can go by; build it with ``load_gazetteer()``."""

    city_names: dict[str, str]  # every accepted spelling of a city or area context -> canonical name
    _index: dict[str, list[_Entry]] = field(default_factory=lambda: defaultdict(list))

    def normalise_city(self, city: str | None) -> str | None:
        """Canonical city/area name for a context given as 石家庄, 石家庄市, 130100 or Shijiazhuang."""
        if city is None or not city.strip():
            return None
        key = city.strip()
        if key in self.city_names:
            return self.city_names[key]
        if key.lower() in self.city_names:
            return self.city_names[key.lower()]
        known = sorted(set(self.city_names.values()))
        raise UnknownPlaceError(
            f"unknown city {city!r}; expected one of {', '.join(known)}", query=city, city=None, candidates=known,
            reason="unknown_city",
        )

    def resolve(self, name: str, city: str | None = None) -> Resolution:
        """Resolve ``name`` in the context of ``city`` (optional); see the module docstring."""
        query = name
        name = "".join(name.split())
        context = self.normalise_city(city)
        if not name:
            raise UnknownPlaceError("empty place name", query=query, city=context, candidates=[], reason="empty")
        found = self._match(name, context)
        if found is not None:
            return _with_query(found, query, context)
        prefixed = self._split_city_prefix(name)
        if prefixed is not None:
            prefix_city, rest = prefixed
            if context is not None and context != prefix_city:
                raise UnknownPlaceError(
                    f"{query!r} names {prefix_city} but the context is {context}",
                    query=query,
                    city=context,
                    candidates=[prefix_city],
                    reason="prefix_mismatch",
                )
            found = self._match(rest, prefix_city)
            if found is not None:
                res = _with_query(found, query, prefix_city)
                return _replace(res, matched_as=f"city_prefix+{res.matched_as}")
        raise self._unknown(query, name, context)

    def _match(self, name: str, context: str | None) -> Resolution | None:
        entries = self._index.get(name, [])
        # With a city, only names of that city; without, only names that need no city.
        entries = [e for e in entries if (context in e.cities if context is not None else not e.city_only)]
        if not entries:
            return None
        best = min(e.rank for e in entries)
        entries = [e for e in entries if e.rank == best]
        distinct = {(e.resolution.kind, e.resolution.name, tuple(e.resolution.codes())): e for e in entries}
        if len(distinct) > 1:
            options = sorted(e.describe() for e in distinct.values())
            where = f" in {context}" if context else ""
            hint = "" if context else "; give the city"
            raise AmbiguousPlaceError(
                f"{name!r}{where} is ambiguous: {'; '.join(options)}{hint}",
                query=name,
                city=context,
                candidates=options,
                reason="ambiguous",
            )
        return next(iter(distinct.values())).resolution

    def _split_city_prefix(self, name: str) -> tuple[str, str] | None:
        for spelling in sorted(self.city_names, key=len, reverse=True):
            if name.startswith(spelling) and len(name) > len(spelling) and not spelling.isascii():
                return self.city_names[spelling], name[len(spelling) :]
        return None

    def _unknown(self, query: str, name: str, context: str | None) -> UnknownPlaceError:
        elsewhere = sorted(e.describe() for e in self._index.get(name, []))
        if context is not None and elsewhere:
            return UnknownPlaceError(
                f"no place {name!r} in {context}; that name exists in: {'; '.join(elsewhere)}",
                query=query,
                city=context,
                candidates=elsewhere,
                reason="elsewhere",
            )
        if elsewhere:  # only city-bound aliases carry it, e.g. 高新区
            return UnknownPlaceError(
                f"{name!r} needs a city: it exists in {'; '.join(elsewhere)}",
                query=query,
                city=None,
                candidates=elsewhere,
                reason="needs_city",
            )
        where = f" in {context}" if context else ""
        return UnknownPlaceError(
            f"no place named {name!r}{where} (names are matched exactly, after known aliases; never guessed)",
            query=query,
            city=context,
            candidates=[],
        )

    def add(self, name: str, entry: _Entry) -> None:
        self._index[name].append(entry)

    def zones(self) -> list[Resolution]:
        """Every development zone and new area the gazetteer data describes, once each, by name."""
        found: dict[str, Resolution] = {}
        for entries in self._index.values():
            for entry in entries:
                res = entry.resolution
                if res.kind in ("zone", "new_area") and res.matched_as == "exact":
                    found.setdefault(res.name, res)
        return [found[name] for name in sorted(found)]

    def entries(self, name: str) -> list[_Entry]:
        """Every way the gazetteer knows ``name`` (before city context)."""
        return list(self._index.get(name, []))

    def names(self) -> list[str]:
        """Every name the gazetteer knows (for documentation and property tests)."""
        return sorted(self._index)


def _with_query(res: Resolution, query: str, context: str | None) -> Resolution:
    return _replace(res, query=query, city=context)


def _replace(res: Resolution, **changes: object) -> Resolution:
    values = {**res.__dict__, **changes}
    return Resolution(**values)  # type: ignore[arg-type]


def short_name(name: str) -> str | None:
    """A county's or county-level city's name without its level word, if long enough to stand alone."""
    stem = _LEVEL_SUFFIX.sub("", name)
    return stem if stem != name and len(stem) >= _MIN_SHORT_NAME else None


def build_gazetteer(divisions: pd.DataFrame, data: GazetteerData) -> Gazetteer:
    """Index every name of divisions.csv and of the gazetteer data."""
    refs = {
        row.code: CountyRef(row.code, row.name_zh, row.name_en) for row in divisions[divisions["level"] == "county"].itertuples()
    }
    city_names: dict[str, str] = {}
    gazetteer = Gazetteer(city_names=city_names)
    _add_cities(gazetteer, divisions, refs)
    _add_areas(gazetteer, divisions, refs)
    _add_counties(gazetteer, divisions, refs)
    _add_zones(gazetteer, data, refs, divisions)
    _add_aliases(gazetteer, data, refs)
    return gazetteer


def _add_cities(gazetteer: Gazetteer, divisions: pd.DataFrame, refs: dict[str, CountyRef]) -> None:
    counties = divisions[divisions["level"] == "county"]
    for row in divisions[divisions["level"] == "city"].itertuples():
        members = tuple(refs[c] for c in counties.loc[counties["city_code"] == row.code, "code"])
        res = Resolution(row.name_zh, row.name_zh, "city", row.name_zh, "exact", members, *_DIVISION_LIST, "exact")
        stem = row.name_zh.removesuffix("市")
        for spelling in {row.name_zh, stem, row.code, row.name_en.lower(), row.name_en.removesuffix(" City").lower()}:
            gazetteer.city_names[spelling] = row.name_zh
        gazetteer.add(row.name_zh, _Entry(res, frozenset({row.name_zh}), city_only=False))
        short = _replace(res, matched_as="short_form", confidence="high", basis_zh="市名省去“市”字",
                         basis_en="the city's name without 市")  # fmt: skip
        gazetteer.add(stem, _Entry(short, frozenset({row.name_zh}), city_only=False, rank=1))


def _add_areas(gazetteer: Gazetteer, divisions: pd.DataFrame, refs: dict[str, CountyRef]) -> None:
    for area in load_region().composite_areas:
        city = divisions.loc[divisions["code"] == area.code, "city_name_zh"]
        parent = city.iloc[0] if len(city) and isinstance(city.iloc[0], str) else None
        res = Resolution(
            area.name_zh,
            area.name_zh,
            "new_area",
            area.name_zh,
            "exact",
            tuple(refs[c] for c in area.counties),
            area.basis_zh + ("；近似：" + area.note_zh if area.approximate else ""),
            area.basis_en + ("; approximate: " + area.note_en if area.approximate else ""),
            "high",
            approximate=area.approximate,
        )
        gazetteer.city_names[area.name_zh] = area.name_zh
        gazetteer.city_names[area.name_en.lower()] = area.name_zh
        cities = frozenset({area.name_zh, *([parent] if parent else [])})
        gazetteer.add(area.name_zh, _Entry(res, cities, city_only=False))


def _add_counties(gazetteer: Gazetteer, divisions: pd.DataFrame, refs: dict[str, CountyRef]) -> None:
    areas_of = _areas_by_county()
    for row in divisions[divisions["level"] == "county"].itertuples():
        cities = frozenset({row.city_name_zh, *areas_of.get(row.code, ())})
        res = Resolution(row.name_zh, None, "county", row.name_zh, "exact", (refs[row.code],), *_DIVISION_LIST, "exact")
        gazetteer.add(row.name_zh, _Entry(res, cities, city_only=False))
        stem = short_name(row.name_zh)
        if stem:
            short = _replace(res, matched_as="short_form", confidence="high", basis_zh=f"{row.name_zh}省去层级字",
                             basis_en=f"{row.name_zh} without its level word")  # fmt: skip
            gazetteer.add(stem, _Entry(short, cities, city_only=False, rank=2))


def _areas_by_county() -> dict[str, list[str]]:
    areas: dict[str, list[str]] = defaultdict(list)
    for area in load_region().composite_areas:
        for code in area.counties:
            areas[code].append(area.name_zh)
    return areas


def _add_zones(gazetteer: Gazetteer, data: GazetteerData, refs: dict[str, CountyRef], divisions: pd.DataFrame) -> None:
    counties = divisions[divisions["level"] == "county"]
    city_of = dict(zip(counties["code"], counties["city_name_zh"], strict=True))
    area_names = {area.name_zh for area in load_region().composite_areas}
    for zone in data.zones:
        hosts = tuple(CountyRef(h.code, refs[h.code].name_zh, refs[h.code].name_en, part=h.part, note_zh=h.note_zh,
                                note_en=h.note_en) for h in zone.hosts)  # fmt: skip
        res = Resolution(
            zone.name,
            zone.city,
            zone.kind,
            zone.name,
            "exact",
            hosts,
            zone.basis_zh,
            zone.basis_en,
            zone.confidence,
            approximate=True,
            centre=zone.centre.model_dump() if zone.centre else None,
        )
        # A zone of a composite area (雄安新区) is also named in its counties' cities' sentences.
        cities = frozenset({zone.city, *(city_of[h.code] for h in zone.hosts if zone.city in area_names)})
        gazetteer.add(zone.name, _Entry(res, cities, city_only=False))
        alias = _replace(res, matched_as="zone_alias")
        for spelling in zone.aliases:
            gazetteer.add(spelling, _Entry(alias, cities, city_only=True))


def _add_aliases(gazetteer: Gazetteer, data: GazetteerData, refs: dict[str, CountyRef]) -> None:
    for alias in data.aliases:
        matched_as = alias.kind
        res = Resolution(
            alias.alias,
            alias.city,
            "county",
            alias.name,
            matched_as,
            (refs[alias.code],),
            alias.basis_zh,
            alias.basis_en,
            alias.confidence,
        )
        gazetteer.add(alias.alias, _Entry(res, frozenset({alias.city}), city_only=False))


@lru_cache(maxsize=2)
def _cached(path: Path) -> Gazetteer:
    return build_gazetteer(load_divisions(), load_gazetteer_data(path))


def load_gazetteer(path: Path | None = None) -> Gazetteer:
    """The gazetteer of the bundled data (cached)."""
    return _cached(path or settings.data_dir() / "gazetteer" / "places.yaml")
