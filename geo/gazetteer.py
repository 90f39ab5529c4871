"""Resolve plan place names to county-level divisions, in the context of a city. Never fuzzy.

A plan writes places as it likes: full names (鹿泉区), names with their city (石家庄市鹿泉区),
development zones (石家庄高新区, or just 高新区 inside a sentence about 石家庄), new areas
(冀南新区, 雄安新区), short forms (营子区 for 鹰手营子矿区; 任丘 for 任丘市), old names (邢台 桥东区,
now 襄都区), titles (中国丝网之都) and whole cities. ``Gazetteer.resolve`` maps each to the county
codes it denotes, with the basis and confidence of that mapping, or raises ``UnknownPlaceError`` /
``AmbiguousPlaceError`` listing the candidates. Names are matched exactly, after aliases and city
context; a near miss is an error, not a guess. Cities are keyed by code.

When one name fits several places, a written name (full name, zone name or alias, old name, title)
wins over a derived short form, and a city's short form (承德 -> 承德市) over a county's (承德县 ->
承德); anything else left with more than one candidate is ambiguous.

The names come from the division table, the region's composite areas and the gazetteer data
(``gazetteer/places.yaml``), all handed in by ``geo.atlas``.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Literal

import pandas as pd

from geo._errors import AmbiguousPlaceError, UnknownPlaceError
from geo.gazetteer_data import GazetteerData
from geo.names import short_name
from geo.region import Region

Kind = Literal["county", "zone", "new_area", "city"]
Confidence = Literal["exact", "high", "medium-high", "medium", "low"]
CONFIDENCE_ORDER: tuple[Confidence, ...] = ("exact", "high", "medium-high", "medium", "low")

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
    cities: frozenset[str]  # codes of the cities (or areas) this name belongs to
    city_only: bool  # matches only when the city context names one of ``cities``
    rank: int = 0  # 0 a written name; 1 a city's short form (承德); 2 a county's short form (任丘)


@dataclass
class Gazetteer:
    """An index of every name a place can go by, keyed by division codes; built by ``build_gazetteer``.

    A city context is given as 石家庄, 石家庄市, 130100 or Shijiazhuang; internally it is the city's
    code (names can repeat across a country, codes cannot).
    """

    city_spellings: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))  # spelling -> city codes
    city_labels: dict[str, str] = field(default_factory=dict)  # city or area code -> its Chinese name
    _index: dict[str, list[_Entry]] = field(default_factory=lambda: defaultdict(list))

    def city_code(self, city: str | None) -> str | None:
        """The code of a city or area context given by name, short name, code or English name.

        An English spelling that names two cities (Suzhou: 苏州市, 宿州市) is an error listing both.
        """
        if city is None or not city.strip():
            return None
        key = city.strip()
        codes = self.city_spellings.get(key) or self.city_spellings.get(key.lower()) or set()
        if len(codes) == 1:
            return next(iter(codes))
        if len(codes) > 1:
            options = sorted(f"{self.city_labels[c]} ({c})" for c in codes)
            raise AmbiguousPlaceError(
                f"{city!r} names several cities: {'; '.join(options)}; give the Chinese name or the code",
                query=city, city=None, candidates=options, reason="ambiguous_city",
            )  # fmt: skip
        known = sorted(set(self.city_labels.values()))
        raise UnknownPlaceError(
            f"unknown city {city!r}; expected one of {', '.join(known)}", query=city, city=None, candidates=known,
            reason="unknown_city",
        )

    def normalise_city(self, city: str | None) -> str | None:
        """The Chinese name of a city or area context (see ``city_code``)."""
        code = self.city_code(city)
        return self.city_labels[code] if code else None

    def describe(self, entry: _Entry) -> str:
        """A candidate as a person reads it: 沧州市 沧州高新技术产业开发区 → 运河区、沧县."""
        res = entry.resolution
        where = "/".join(sorted(self.city_labels.get(c, c) for c in entry.cities))
        counties = "、".join(c.name_zh for c in res.counties[:4]) + ("…" if len(res.counties) > 4 else "")
        return f"{where} {res.name} → {counties}"

    def resolve(self, name: str, city: str | None = None) -> Resolution:
        """Resolve ``name`` in the context of ``city`` (optional); see the module docstring."""
        query = name
        name = "".join(name.split())
        context = self.city_code(city)
        label = self.city_labels.get(context) if context else None
        if not name:
            raise UnknownPlaceError("empty place name", query=query, city=label, candidates=[], reason="empty")
        found = self._match(name, context)
        if found is not None:
            return _with_query(found, query, label)
        prefixed = self._split_city_prefix(name)
        if prefixed is not None:
            prefix_city, rest = prefixed
            if context is not None and context != prefix_city:
                raise UnknownPlaceError(
                    f"{query!r} names {self.city_labels[prefix_city]} but the context is {label}",
                    query=query,
                    city=label,
                    candidates=[self.city_labels[prefix_city]],
                    reason="prefix_mismatch",
                )
            found = self._match(rest, prefix_city)
            if found is not None:
                res = _with_query(found, query, self.city_labels[prefix_city])
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
        if len({key[2] for key in distinct}) == 1:
            # One area under several names of a kind (东莞市, 儋州市: a city that is its own only county):
            # the same place, so no ambiguity; it is read as the county.
            distinct = {key: e for key, e in distinct.items() if key[0] == "county"} or distinct
            return next(iter(distinct.values())).resolution
        if len(distinct) > 1:
            options = sorted(self.describe(e) for e in distinct.values())
            label = self.city_labels.get(context) if context else None
            where = f" in {label}" if label else ""
            hint = "" if context else "; give the city"
            raise AmbiguousPlaceError(
                f"{name!r}{where} is ambiguous: {'; '.join(options)}{hint}",
                query=name,
                city=label,
                candidates=options,
                reason="ambiguous",
            )
        return next(iter(distinct.values())).resolution

    def _split_city_prefix(self, name: str) -> tuple[str, str] | None:
        for spelling in sorted(self.city_spellings, key=len, reverse=True):
            codes = self.city_spellings[spelling]
            if name.startswith(spelling) and len(name) > len(spelling) and not spelling.isascii() and len(codes) == 1:
                return next(iter(codes)), name[len(spelling) :]
        return None

    def _unknown(self, query: str, name: str, context: str | None) -> UnknownPlaceError:
        elsewhere = sorted(self.describe(e) for e in self._index.get(name, []))
        label = self.city_labels.get(context) if context else None
        if context is not None and elsewhere:
            return UnknownPlaceError(
                f"no place {name!r} in {label}; that name exists in: {'; '.join(elsewhere)}",
                query=query,
                city=label,
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
        where = f" in {label}" if label else ""
        return UnknownPlaceError(
            f"no place named {name!r}{where} (names are matched exactly, after known aliases; never guessed)",
            query=query,
            city=label,
            candidates=[],
        )

    def add(self, name: str, entry: _Entry) -> None:
        self._index[name].append(entry)

    def add_city(self, code: str, name_zh: str, spellings: set[str]) -> None:
        self.city_labels[code] = name_zh
        for spelling in spellings:
            if spelling:
                self.city_spellings[spelling].add(code)

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


def build_gazetteer(divisions: pd.DataFrame, data: GazetteerData, region: Region) -> Gazetteer:
    """Index every name of the division table, the region's composite areas and the gazetteer data."""
    counties = divisions[divisions["level"] == "county"]
    refs = {row.code: CountyRef(row.code, row.name_zh, row.name_en) for row in counties.itertuples()}
    gazetteer = Gazetteer()
    _add_cities(gazetteer, divisions, refs)
    _add_areas(gazetteer, region, refs, counties)
    _add_counties(gazetteer, counties, refs, region)
    _add_zones(gazetteer, data, refs, counties)
    _add_aliases(gazetteer, data, refs)
    return gazetteer


def _add_cities(gazetteer: Gazetteer, divisions: pd.DataFrame, refs: dict[str, CountyRef]) -> None:
    counties = divisions[divisions["level"] == "county"]
    for row in divisions[divisions["level"] == "city"].itertuples():
        members = tuple(refs[c] for c in counties.loc[counties["city_code"] == row.code, "code"])
        res = Resolution(row.name_zh, row.name_zh, "city", row.name_zh, "exact", members, *_DIVISION_LIST, "exact")
        stem = row.name_zh.removesuffix("市")
        english = str(row.name_en)
        gazetteer.add_city(row.code, row.name_zh, {row.name_zh, stem, row.code, english.lower(),
                                                   english.removesuffix(" City").lower()})  # fmt: skip
        gazetteer.add(row.name_zh, _Entry(res, frozenset({row.code}), city_only=False))
        if stem != row.name_zh and len(stem) >= _MIN_SHORT_NAME:
            short = _replace(res, matched_as="short_form", confidence="high", basis_zh="市名省去“市”字",
                             basis_en="the city's name without 市")  # fmt: skip
            gazetteer.add(stem, _Entry(short, frozenset({row.code}), city_only=False, rank=1))


def _add_areas(gazetteer: Gazetteer, region: Region, refs: dict[str, CountyRef], counties: pd.DataFrame) -> None:
    city_of = dict(zip(counties["code"], counties["city_code"], strict=True))
    for area in region.composite_areas:
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
        gazetteer.add_city(area.code, area.name_zh, {area.name_zh, area.code, area.name_en.lower()})
        parents = {city_of[code] for code in area.counties}
        gazetteer.add(area.name_zh, _Entry(res, frozenset({area.code, *parents}), city_only=False))


def _add_counties(gazetteer: Gazetteer, counties: pd.DataFrame, refs: dict[str, CountyRef], region: Region) -> None:
    areas_of: dict[str, list[str]] = defaultdict(list)
    for area in region.composite_areas:
        for code in area.counties:
            areas_of[code].append(area.code)
    for row in counties.itertuples():
        cities = frozenset({row.city_code, *areas_of.get(row.code, ())})
        res = Resolution(row.name_zh, None, "county", row.name_zh, "exact", (refs[row.code],), *_DIVISION_LIST, "exact")
        gazetteer.add(row.name_zh, _Entry(res, cities, city_only=False))
        stem = short_name(row.name_zh)
        if stem:
            short = _replace(res, matched_as="short_form", confidence="high", basis_zh=f"{row.name_zh}省去层级字",
                             basis_en=f"{row.name_zh} without its level word")  # fmt: skip
            gazetteer.add(stem, _Entry(short, cities, city_only=False, rank=2))


def _add_zones(gazetteer: Gazetteer, data: GazetteerData, refs: dict[str, CountyRef], counties: pd.DataFrame) -> None:
    city_of = dict(zip(counties["code"], counties["city_code"], strict=True))
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
        home = gazetteer.city_code(zone.city)
        # A zone of a composite area (雄安新区) is also named in its counties' cities' sentences.
        cities = frozenset({home, *(city_of[h.code] for h in zone.hosts if home not in city_of.values())}) - {None}
        gazetteer.add(zone.name, _Entry(res, cities, city_only=False))
        alias = _replace(res, matched_as="zone_alias")
        for spelling in zone.aliases:
            gazetteer.add(spelling, _Entry(alias, cities, city_only=True))


def _add_aliases(gazetteer: Gazetteer, data: GazetteerData, refs: dict[str, CountyRef]) -> None:
    for alias in data.aliases:
        res = Resolution(
            alias.alias,
            alias.city,
            "county",
            alias.name,
            alias.kind,
            (refs[alias.code],),
            alias.basis_zh,
            alias.basis_en,
            alias.confidence,
        )
        gazetteer.add(alias.alias, _Entry(res, frozenset({gazetteer.city_code(alias.city)}), city_only=False))
