"""Actual figures as validated data: what a cluster or the province reached, with its source.

A plan states targets ("到2025年营业收入超1500亿元"); an *actual* is what was later published about
the same quantity ("2023年全市生物医药产业营收突破千亿元"). Each actual says what it measures:

* a cluster's metric: ``plan`` id, ``cluster`` id and ``metric`` (``revenue``, ``operating-servers``...),
  in the unit the cluster's targets of that metric use; or
* a province goal: ``plan`` id and ``goal`` id (its ``metric`` is the goal's). Goals of one plan that
  state the same quantity for different years (8, 9, 10 clusters over 1000亿元 in 2025, 2026, 2027)
  form a *series*: an actual naming any of them is an actual of the series.

and ``year``, ``period`` (``year``: the full year; ``H1``: the first half, or a point in time within it),
the value with its ``qualifier`` as written (超 over, 约 about, 突破 passing, 达到 reach, 以上 at least,
or exact), its ``unit``, and its source: ``publisher``, ``date``, ``url`` and a verbatim ``quote``.
``scope_note_zh`` / ``scope_note_en`` say where the figure may not match the target's scope (a
city-wide industry figure beside a cluster's target).

Bundled actuals live in ``data/actuals/*.yaml``. A file names its source texts (``source_texts``: a
key per source, a file in ``sources/`` beside it; an absolute name or one that climbs out of
``sources/`` is refused), and every actual names the key of the text its quote must appear in
(verbatim, ignoring whitespace). ``load_actuals`` validates every file and raises one
``DataFileError`` naming the file, the item and the field. Actuals a person imports
(``geo.actuals_import``) are ``user_supplied`` and carry no source text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator, model_validator

from geo._errors import DataFileError
from geo._yaml import read_yaml, validate_model
from geo.figures import MAX_VALUE, UNITS, Qualifier, format_figure
from geo.plans import Goal, Plan, check_date

Period = Literal["year", "H1"]
PERIODS: tuple[Period, ...] = ("year", "H1")
SOURCES_FOLDER = "sources"
_ID = r"^[a-z0-9][a-z0-9-]*$"
_URL = re.compile(r"https?://[^\s<>\"'`]+")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _squash(text: str) -> str:
    return "".join(text.split())


def _ctx(info: ValidationInfo) -> dict[str, Any]:
    return info.context or {}


class Actual(_Strict):
    """One published figure: what it measures, when, how much, and where it was published.

    Field order matters: each reference is checked against the ones before it (the plan first,
    then its cluster or goal, then the metric and the unit).
    """

    id: str = Field(pattern=_ID)
    plan: str = Field(pattern=_ID)
    cluster: str | None = Field(default=None, validate_default=True)
    goal: str | None = Field(default=None, validate_default=True)
    metric: str | None = Field(default=None, validate_default=True, pattern=_ID)
    year: int = Field(ge=1990, le=2100)
    period: Period
    value: float = Field(ge=0, le=MAX_VALUE, allow_inf_nan=False)
    qualifier: Qualifier
    unit: str
    # For a count of clusters: the revenue threshold (in the goal's threshold unit) the count is of.
    threshold: float | None = Field(default=None, ge=0, le=MAX_VALUE, allow_inf_nan=False, validate_default=True)
    publisher: str = Field(min_length=1, max_length=300)
    date: str | None = None  # YYYY, YYYY-MM or YYYY-MM-DD: when the source was published
    url: str | None = None
    source_text: str | None = Field(default=None, validate_default=True)  # key into the file's source_texts
    quote: str = Field(default="", max_length=2000, validate_default=True)
    scope_note_zh: str = ""
    scope_note_en: str = ""
    note_zh: str = ""
    note_en: str = ""
    user_supplied: bool = False

    @field_validator("plan")
    @classmethod
    def _known_plan(cls, plan_id: str, info: ValidationInfo) -> str:
        plans = _ctx(info).get("plans")
        if plans is not None and plan_id not in plans:
            raise ValueError(f"unknown plan {plan_id!r}; known: {', '.join(sorted(plans))}")
        return plan_id

    @field_validator("cluster")
    @classmethod
    def _known_cluster(cls, cluster_id: str | None, info: ValidationInfo) -> str | None:
        plan = _plan_of(info)
        if cluster_id is not None and plan is not None and cluster_id not in {c.id for c in plan.clusters}:
            known = ", ".join(c.id for c in plan.clusters) or "none"
            raise ValueError(f"no cluster {cluster_id!r} in plan {plan.id}; known: {known}")
        return cluster_id

    @field_validator("goal")
    @classmethod
    def _known_goal(cls, goal_id: str | None, info: ValidationInfo) -> str | None:
        cluster_id = info.data.get("cluster")
        if "cluster" in info.data:  # only when the cluster itself was valid
            if goal_id is None and cluster_id is None:
                raise ValueError("name either a cluster (with a metric) or a province goal")
            if goal_id is not None and cluster_id is not None:
                raise ValueError("name either a cluster or a goal, not both")
        plan = _plan_of(info)
        if goal_id is None or plan is None:
            return goal_id
        goal = next((g for g in plan.goals if g.id == goal_id), None)
        if goal is None:
            raise ValueError(f"no goal {goal_id!r} in plan {plan.id}; known: {', '.join(g.id for g in plan.goals) or 'none'}")
        if not comparable_goal(goal):
            period = f"is stated over a period ({goal.start_year}-{goal.year})"
            why = "is stated without a number" if goal.value is None else period
            raise ValueError(f"goal {goal_id!r} {why}: actual figures are compared only with a level in a year")
        return goal_id

    @field_validator("metric")
    @classmethod
    def _known_metric(cls, metric: str | None, info: ValidationInfo) -> str | None:
        goal = _goal_of(info)
        if goal is not None:
            if metric is not None and metric != goal.metric:
                raise ValueError(f"goal {goal.id!r} measures {goal.metric!r}, not {metric!r} (leave metric out)")
            return goal.metric
        if info.data.get("cluster") is None:
            return metric
        if metric is None:
            raise ValueError("a cluster's actual names its metric (e.g. revenue)")
        units = _ctx(info).get("metric_units")
        if units is not None and metric not in units:
            raise ValueError(f"unknown metric {metric!r}; the plans' targets use: {', '.join(sorted(units))}")
        return metric

    @field_validator("unit")
    @classmethod
    def _known_unit(cls, unit: str, info: ValidationInfo) -> str:
        if unit not in UNITS:
            raise ValueError(f"unknown unit {unit!r}; expected one of {', '.join(UNITS)}")
        expected = _expected_unit(info)
        if expected is not None and unit != expected:
            raise ValueError(f"the target is in {expected}, so its actual must be too (got {unit})")
        return unit

    @field_validator("threshold")
    @classmethod
    def _threshold_of_the_goal(cls, threshold: float | None, info: ValidationInfo) -> float | None:
        if _ctx(info).get("plans") is None or "goal" not in info.data:
            return threshold  # nothing to hold it to, or the goal is already reported
        goal = _goal_of(info)
        wanted = goal.threshold if goal is not None else None
        if wanted is None and threshold is not None:
            raise ValueError("a threshold belongs only to a count of clusters over a threshold")
        if wanted is not None and threshold != wanted:
            unit = goal.threshold_unit or ""  # type: ignore[union-attr]
            raise ValueError(f"goal {goal.id!r} counts clusters over {wanted:g}{unit}; "  # type: ignore[union-attr]
                             f"give the same threshold (got {threshold})")  # fmt: skip
        return threshold

    @field_validator("date")
    @classmethod
    def _date(cls, date: str | None) -> str | None:
        if date is not None:
            check_date(date)
        return date

    @field_validator("url")
    @classmethod
    def _web_address(cls, url: str | None) -> str | None:
        if url is not None and not _URL.fullmatch(url):
            raise ValueError("url must be a web address starting with http:// or https://")
        return url

    @field_validator("source_text")
    @classmethod
    def _known_source(cls, key: str | None, info: ValidationInfo) -> str | None:
        texts = _ctx(info).get("source_texts")
        if texts is None:  # an imported figure: no text on the server to hold it to
            return key
        if key is None:
            raise ValueError(f"name the source text the quote comes from: one of {', '.join(sorted(texts)) or '(none)'}")
        if key not in texts:
            raise ValueError(f"unknown source text {key!r}; the file's source_texts are: {', '.join(sorted(texts)) or '(none)'}")
        return key

    @field_validator("quote")
    @classmethod
    def _quote_in_source(cls, quote: str, info: ValidationInfo) -> str:
        texts = _ctx(info).get("source_texts")
        if texts is None:
            return quote
        if not quote.strip():
            raise ValueError("a bundled actual quotes its source verbatim")
        key = info.data.get("source_text")
        if key in texts and _squash(quote) not in _squash(texts[key]):
            raise ValueError(f"quote not found in source text {key!r}: {quote[:80]!r}")
        return quote

    @model_validator(mode="after")
    def _bundled_is_not_user_supplied(self, info: ValidationInfo) -> Actual:
        if _ctx(info).get("source_texts") is not None and self.user_supplied:
            raise ValueError("a bundled actual is not user_supplied")
        return self

    @property
    def key(self) -> tuple[str, str, str, str, int, str]:
        """What the figure is of: (plan, ``cluster`` or ``goal``, cluster or goal id, metric, year, period).

        Use ``actual_key`` with the plans to merge a goal's series.
        """
        kind, ident = ("cluster", self.cluster) if self.cluster is not None else ("goal", self.goal or "")
        return (self.plan, kind, ident, self.metric or "", self.year, self.period)

    def label(self, lang: str = "zh") -> str:
        """``突破1000亿元`` / ``passing CNY 100 bn``."""
        return format_figure(self.value, self.unit, self.qualifier, lang)

    def scope_note(self, lang: str = "zh") -> str:
        return self.scope_note_zh if lang == "zh" else (self.scope_note_en or self.scope_note_zh)


def _plan_of(info: ValidationInfo) -> Plan | None:
    plans = _ctx(info).get("plans")
    plan_id = info.data.get("plan")
    return plans.get(plan_id) if plans is not None and plan_id is not None else None


def _goal_of(info: ValidationInfo) -> Goal | None:
    plan = _plan_of(info)
    goal_id = info.data.get("goal")
    return next((g for g in plan.goals if g.id == goal_id), None) if plan is not None and goal_id else None


def _expected_unit(info: ValidationInfo) -> str | None:
    """The unit the actual must be in: the goal's, the cluster's targets' of the metric, or the metric's."""
    goal = _goal_of(info)
    if goal is not None:
        return goal.unit
    plan, cluster_id, metric = _plan_of(info), info.data.get("cluster"), info.data.get("metric")
    if plan is None or cluster_id is None or metric is None:
        return None
    cluster = next((c for c in plan.clusters if c.id == cluster_id), None)
    own = cluster.targets_for(metric) if cluster is not None else []
    if own:
        return own[0].unit
    return (_ctx(info).get("metric_units") or {}).get(metric)


# ---- goals, series and keys --------------------------------------------------------------------------


def comparable_goal(goal: Goal) -> bool:
    """Whether actual figures can be set beside a goal: a number for one year, not a rate or sum over a period."""
    return goal.value is not None and goal.unit is not None and goal.qualifier is not None and goal.start_year is None


def goal_series(plan: Plan, goal: Goal) -> list[Goal]:
    """The plan's goals stating the same quantity as ``goal`` for different years, by year.

    The same metric, unit and threshold (8 / 9 / 10 clusters over 1000亿元 in 2025 / 2026 / 2027).
    """
    def quantity(g: Goal) -> tuple[object, ...]:
        return (g.metric, g.unit, g.threshold, g.threshold_unit, g.threshold_qualifier)

    return sorted((g for g in plan.goals if comparable_goal(g) and quantity(g) == quantity(goal)), key=lambda g: (g.year, g.id))


def series_id(plan: Plan, goal: Goal) -> str:
    """The id that names a goal's series: its earliest goal's id."""
    series = goal_series(plan, goal)
    return series[0].id if series else goal.id


def actual_key(actual: Actual, plans_by_id: dict[str, Plan]) -> tuple[str, str, str, str, int, str]:
    """``actual.key`` with a goal replaced by its series, so two names of one quantity are one key."""
    plan_id, kind, ident, metric, year, period = actual.key
    plan = plans_by_id.get(plan_id)
    if kind == "goal" and plan is not None:
        goal = next((g for g in plan.goals if g.id == ident), None)
        if goal is not None:
            ident, metric = series_id(plan, goal), goal.metric
    return (plan_id, kind, ident, metric, year, period)


def metric_units(plans: Iterable[Plan]) -> dict[str, str]:
    """Each metric the plans' cluster targets use, and its unit (the first target's)."""
    units: dict[str, str] = {}
    for plan in plans:
        for cluster in plan.clusters:
            for target in cluster.targets:
                units.setdefault(target.metric, target.unit)
    return units


# ---- loading the bundled files -----------------------------------------------------------------------


class ActualsFile(_Strict):
    """One file of actuals: the texts its quotes come from, and the figures."""

    source_texts: dict[str, str] = {}
    actuals: list[Actual] = Field(default_factory=list)


def load_actuals(folder: Path, plans: Sequence[Plan]) -> list[Actual]:
    """Every actual in ``folder/*.yaml``, validated against ``plans`` and the source texts.

    A missing folder means no actuals. Each file's ids and figures must be unique across the folder:
    two figures of the same quantity, year and period are refused rather than one silently chosen.
    """
    if not folder.is_dir():
        return []
    by_id = {plan.id: plan for plan in plans}
    found: list[Actual] = []
    seen_ids: dict[str, str] = {}
    seen_keys: dict[tuple[str, str, str, str, int, str], str] = {}
    for path in sorted(folder.glob("*.yaml")):
        for index, actual in enumerate(load_actuals_file(path, plans).actuals):
            item = f"{path}: actuals[{index}] (id: {actual.id})"
            if actual.id in seen_ids:
                raise DataFileError(f"{item}, field id: duplicate id (also in {seen_ids[actual.id]})")
            key = actual_key(actual, by_id)
            if key in seen_keys:
                raise DataFileError(
                    f"{item}, field period: a second figure for the same {key[1]} {key[2]}, metric {key[3]}, "
                    f"{key[4]} {key[5]} (also {seen_keys[key]}); keep one and note the other in its scope note"
                )
            seen_ids[actual.id] = str(path)
            seen_keys[key] = f"{path.name} id {actual.id}"
            found.append(actual)
    return found


def load_actuals_file(path: Path, plans: Sequence[Plan]) -> ActualsFile:
    """Read and validate one file of actuals (see the module docstring)."""
    raw = read_yaml(path)
    texts = _read_source_texts(path, raw)
    context = {"plans": {plan.id: plan for plan in plans}, "source_texts": texts, "metric_units": metric_units(plans)}
    return validate_model(raw, ActualsFile, str(path), context=context)


def _read_source_texts(path: Path, raw: object) -> dict[str, str]:
    """The texts named in ``source_texts``: files in the ``sources/`` folder beside ``path``, nothing else."""
    names = raw.get("source_texts") if isinstance(raw, dict) else None
    if names is None:
        return {}
    if not isinstance(names, dict):
        raise DataFileError(f"{path}: field source_texts: expected a mapping of key: sources/file.txt")
    folder = (path.parent / SOURCES_FOLDER).resolve()
    texts: dict[str, str] = {}
    for key, name in names.items():
        where = f"{path}: field source_texts.{str(key)[:40]}"
        if not isinstance(name, str) or not name.strip():
            raise DataFileError(f"{where}: expected a file name in {SOURCES_FOLDER}/")
        text_path = (path.parent / name).resolve()
        if Path(name).is_absolute() or ".." in Path(name).parts or not text_path.is_relative_to(folder):
            raise DataFileError(f"{where}: {name[:80]!r} is outside {SOURCES_FOLDER}/ beside the file; name a file in it")
        try:
            texts[str(key)] = text_path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            raise DataFileError(f"{where}: cannot read {name[:80]!r}") from None
    return texts
