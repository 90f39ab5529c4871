"""The plans as validated data: clusters, targets, future industries and province-wide goals.

Plan files live in ``data/plans/*.yaml`` and are edited by hand, so every load validates them:
types, required fields, non-negative amounts, known home cities and host places, unique ids,
and that every quoted phrase appears verbatim in the plan's source text (``source_text``).
A broken file raises one ``DataFileError`` naming the file, the cluster and the field.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator, model_validator

from geo._errors import DataFileError
from geo._yaml import parse_yaml, read_yaml, validate_model
from geo.figures import MAX_VALUE, UNITS, Qualifier, format_figure

_ID = r"^[a-z0-9][a-z0-9-]*$"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _source_text(info: ValidationInfo) -> str | None:
    return (info.context or {}).get("source_text")


def _check_quote(quote: str, info: ValidationInfo) -> str:
    text = _source_text(info)
    if text is not None and _squash(quote) not in _squash(text):
        raise ValueError(f"quote not found in the plan's source text: {quote!r}")
    return quote


def _squash(text: str) -> str:
    return "".join(text.split())


class Figure(_Strict):
    """A number as the text states it: value, unit, qualifier, and the phrase it comes from."""

    value: float = Field(ge=0, le=MAX_VALUE, allow_inf_nan=False)
    unit: str
    qualifier: Qualifier
    expected: bool = False  # the text says 预计 (expected)
    quote: str = Field(min_length=1)

    @field_validator("unit")
    @classmethod
    def _known_unit(cls, unit: str | None) -> str | None:
        if unit is not None and unit not in UNITS:
            raise ValueError(f"unknown unit {unit!r}; expected one of {', '.join(UNITS)}")
        return unit

    @field_validator("quote")
    @classmethod
    def _quote_in_source(cls, quote: str, info: ValidationInfo) -> str:
        return _check_quote(quote, info)

    def label(self, lang: str = "zh") -> str:
        """``超1000亿元`` / ``over CNY 100 bn``; empty for a goal stated without a number."""
        if self.value is None or self.unit is None or self.qualifier is None:
            return ""
        return format_figure(self.value, self.unit, self.qualifier, lang)


class Target(Figure):
    """A cluster's figure for one year: revenue, 2023 investment and projects, servers ..."""

    metric: str = Field(pattern=_ID)
    year: int = Field(ge=1990, le=2100)


class Cluster(_Strict):
    """One industry cluster, with its places exactly as the text writes them."""

    id: str = Field(pattern=_ID)
    name_zh: str = Field(min_length=1)
    name_en: str = Field(min_length=1)
    tier: str = Field(pattern=_ID)  # one of its plan's tiers
    city: str
    chains_zh: list[str] = []
    chains_en: list[str] = []
    core_zones: list[str] = Field(min_length=1)
    radiating_areas: list[str] = []
    targets: list[Target] = []
    quote: str = Field(min_length=1)
    note_zh: str = ""
    note_en: str = ""

    @field_validator("city")
    @classmethod
    def _known_city(cls, city: str, info: ValidationInfo) -> str:
        return _check_place(city, info)

    @field_validator("quote")
    @classmethod
    def _quote_in_source(cls, quote: str, info: ValidationInfo) -> str:
        return _check_quote(quote, info)

    @model_validator(mode="after")
    def _places_and_figures_in_quote(self, info: ValidationInfo) -> Cluster:
        if _source_text(info) is None:
            return self  # an imported list has no paragraph to hold its places to
        paragraph = _squash(self.quote)
        for place in [*self.core_zones, *self.radiating_areas]:
            if _squash(place) not in paragraph:
                raise ValueError(f"place {place!r} does not appear in the cluster's quote")
        for target in self.targets:
            if _squash(target.quote) not in paragraph:
                raise ValueError(f"target quote {target.quote!r} does not appear in the cluster's quote")
        return self

    def targets_for(self, metric: str) -> list[Target]:
        """This cluster's targets of one metric, by year."""
        return sorted((t for t in self.targets if t.metric == metric), key=lambda t: t.year)

    def name(self, lang: str = "zh") -> str:
        return self.name_zh if lang == "zh" else self.name_en


class FutureIndustry(_Strict):
    """A future industry and the places the plan asks to host it."""

    id: str = Field(pattern=_ID)
    name_zh: str
    name_en: str
    hosts: list[str] = Field(min_length=1)
    hosts_as_written: str
    focus_zh: list[str] = []
    focus_en: list[str] = []
    quote: str = Field(min_length=1)

    @field_validator("hosts")
    @classmethod
    def _known_hosts(cls, hosts: list[str], info: ValidationInfo) -> list[str]:
        return [_check_place(h, info) for h in hosts]

    @field_validator("quote")
    @classmethod
    def _quote_in_source(cls, quote: str, info: ValidationInfo) -> str:
        return _check_quote(quote, info)

    @model_validator(mode="after")
    def _hosts_in_quote(self) -> FutureIndustry:
        if _squash(self.hosts_as_written) not in _squash(self.quote):
            raise ValueError(f"hosts_as_written {self.hosts_as_written!r} does not appear in the quote")
        return self

    def name(self, lang: str = "zh") -> str:
        return self.name_zh if lang == "zh" else self.name_en


class Goal(Figure):
    """A province-wide goal: e.g. 7 clusters passing 1000亿元 by 2027, or 25 % high-tech share.

    A goal the text states without a number ("保持在全国前列") has no value, unit or qualifier.
    """

    value: float | None = Field(default=None, ge=0, le=MAX_VALUE, allow_inf_nan=False)  # type: ignore[assignment]
    unit: str | None = None  # type: ignore[assignment]
    qualifier: Qualifier | None = None  # type: ignore[assignment]
    id: str = Field(pattern=_ID)
    metric: str = Field(pattern=_ID)
    year: int = Field(ge=1990, le=2100)
    start_year: int | None = None  # for rates over a period
    # in threshold_unit, for counts of clusters/firms
    threshold: float | None = Field(default=None, ge=0, le=MAX_VALUE, allow_inf_nan=False)
    threshold_unit: str | None = None
    threshold_qualifier: Qualifier | None = None
    named_clusters: list[str] = []
    part_of: str | None = None  # "of which": id of the goal this one is a subset of
    label_zh: str
    label_en: str


class TierSpec(_Strict):
    """A tier of clusters a plan declares (重点支持 key-supported, 重点培育 to cultivate, ...)."""

    id: str = Field(pattern=_ID)
    label_zh: str
    label_en: str


# The tiers a plan has when it declares none (the importer's default is the last).
DEFAULT_TIERS = (
    TierSpec(id="key", label_zh="重点支持", label_en="key-supported"),
    TierSpec(id="cultivate", label_zh="重点培育", label_en="to cultivate"),
    TierSpec(id="specialty", label_zh="重点特色", label_en="specialty"),
)


class Plan(_Strict):
    """One plan document."""

    id: str = Field(pattern=_ID)
    title_zh: str
    title_en: str
    short_zh: str
    short_en: str
    issuer_zh: str
    issuer_en: str = ""
    period: tuple[int, int]
    published: str | None = None  # YYYY, YYYY-MM or YYYY-MM-DD
    source_text: str | None = None  # bundled plans: the file (in data/plans/) holding the text quoted
    source_content: str | None = None  # that text itself (read from source_text, or inside an upload)
    source_url: str | None = None  # where the plan or its report was published
    source_note_zh: str = ""
    source_note_en: str = ""
    tiers: tuple[TierSpec, ...] = DEFAULT_TIERS  # the tiers its clusters belong to, as the plan names them
    cluster_total: Figure | None = None  # how many clusters the plan covers (named or not)
    goals: list[Goal] = []
    clusters: list[Cluster] = []
    future_industries: list[FutureIndustry] = []

    @field_validator("period")
    @classmethod
    def _period_in_range(cls, period: tuple[int, int]) -> tuple[int, int]:
        start, end = period
        if not (1990 <= start <= end <= 2100):
            raise ValueError(f"period must be two years between 1990 and 2100, start first; got {start}-{end}")
        return period

    @field_validator("source_url")
    @classmethod
    def _web_address(cls, url: str | None) -> str | None:
        if url is not None and not re.fullmatch(r"https?://[^\s<>\"'`]+", url):
            raise ValueError("source_url must be a web address starting with http:// or https://")
        return url

    @field_validator("published")
    @classmethod
    def _published_is_a_date(cls, published: str | None) -> str | None:
        if published is not None:
            check_date(published)
        return published

    @model_validator(mode="after")
    def _tiers_declared(self) -> Plan:
        declared = {tier.id for tier in self.tiers}
        for cluster in self.clusters:
            if cluster.tier not in declared:
                raise ValueError(f"cluster {cluster.id!r} has tier {cluster.tier!r}; the plan declares {', '.join(declared)}")
        return self

    @model_validator(mode="after")
    def _ids_unique_and_referenced(self) -> Plan:
        for kind, items in (
            ("cluster", self.clusters),
            ("goal", self.goals),
            ("future industry", self.future_industries),
        ):
            seen: set[str] = set()
            for item in items:
                if item.id in seen:
                    raise ValueError(f"duplicate {kind} id {item.id!r}")
                seen.add(item.id)
        cluster_ids = {c.id for c in self.clusters}
        goal_ids = {g.id for g in self.goals}
        for goal in self.goals:
            unknown = [c for c in goal.named_clusters if c not in cluster_ids]
            if unknown:
                raise ValueError(f"goal {goal.id!r} names unknown clusters {unknown}")
            if goal.part_of and goal.part_of not in goal_ids:
                raise ValueError(f"goal {goal.id!r} is part_of unknown goal {goal.part_of!r}")
        return self

    def cluster(self, cluster_id: str) -> Cluster:
        """The cluster with this id; ``KeyError`` lists the known ids."""
        for cluster in self.clusters:
            if cluster.id == cluster_id:
                return cluster
        raise KeyError(f"no cluster {cluster_id!r} in plan {self.id}; known: {', '.join(c.id for c in self.clusters)}")


def _check_place(name: str, info: ValidationInfo) -> str:
    known = (info.context or {}).get("places")
    if known is not None and name not in known:
        raise ValueError(f"unknown city or area {name!r}; expected one of {', '.join(sorted(known))}")
    return name


def check_date(text: str) -> None:
    """Accept ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` naming a real date; ``ValueError`` otherwise."""
    if not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", text):
        raise ValueError(f"not a date: {text[:40]!r} (write YYYY-MM-DD)")
    parts = [int(p) for p in text.split("-")]
    try:
        dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except ValueError:
        raise ValueError(f"not a date: {text!r}") from None


def load_plan(path: Path, places: frozenset[str]) -> Plan:
    """Read and validate one plan file (see module docstring); ``places`` are the region's cities and areas."""
    raw = read_yaml(path)
    if isinstance(raw, dict) and "source_content" in raw:
        raise DataFileError(f"{path}: field source_content: a bundled plan names its text file in source_text")
    content = _read_source_text(path, raw)
    if isinstance(raw, dict) and content is not None:
        raw = {**raw, "source_content": content}
    context = {"places": places, "source_text": content}
    return validate_model(raw, Plan, str(path), context=context)


def load_plan_text(text: str, label: str, places: frozenset[str]) -> Plan:
    """Validate a plan given as YAML text (an upload).

    An upload names no file on the server: a ``source_text`` field is refused. Its source text, if
    any, comes inside the upload as ``source_content``, and its quotes are checked against it.
    """
    raw = parse_yaml(text, label)
    if isinstance(raw, dict) and raw.get("source_text") is not None:
        raise DataFileError(
            f"{label}: field source_text: an uploaded plan cannot name a file on the server; "
            "put the text itself in source_content"
        )
    content = raw.get("source_content") if isinstance(raw, dict) else None
    context = {"places": places, "source_text": content if isinstance(content, str) else None}
    return validate_model(raw, Plan, label, context=context)


def _read_source_text(path: Path, raw: object) -> str | None:
    """The text the plan's quotes must come from: ``source_text``, a file inside the plan's folder.

    A name that is absolute or climbs out of the folder (``../``) is refused: plan files name
    texts beside them, nothing else on the machine.
    """
    name = raw.get("source_text") if isinstance(raw, dict) else None
    if not isinstance(name, str):
        return None  # the schema reports the missing field
    folder = path.parent.resolve()
    text_path = (folder / name).resolve()
    if Path(name).is_absolute() or not text_path.is_relative_to(folder):
        raise DataFileError(f"{path}: field source_text: {name[:80]!r} is outside the plan's folder; name a file in it")
    try:
        return text_path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        raise DataFileError(f"{path}: field source_text: cannot read {name[:80]!r}") from None


def read_plans(folder: Path, places: frozenset[str]) -> list[Plan]:
    """Every plan file (``*.yaml``) of a folder, validated, oldest period first; none for a missing folder."""
    files = sorted(folder.glob("*.yaml")) if folder.is_dir() else []
    return sorted((load_plan(p, places) for p in files), key=lambda plan: (plan.period, plan.id))


def all_tiers(plans: list[Plan]) -> list[TierSpec]:
    """The tiers the plans declare, each once, in the order they first appear."""
    seen: dict[str, TierSpec] = {}
    for plan in plans:
        for tier in plan.tiers:
            seen.setdefault(tier.id, tier)
    return list(seen.values())


def select_plans(plans: list[Plan], *, plan_ids: list[str] | None = None, tiers: list[str] | None = None) -> list[Plan]:
    """The plans with these ids (all if None), keeping only clusters of these tiers (all if None)."""
    chosen = [p for p in plans if plan_ids is None or p.id in plan_ids]
    if tiers is None:
        return chosen
    return [p.model_copy(update={"clusters": [c for c in p.clusters if c.tier in tiers]}) for p in chosen]
