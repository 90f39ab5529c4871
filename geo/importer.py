"""Import a cluster list from CSV, XLSX or the project's YAML plan format, safely.

Planners keep lists such as the 107 specialty clusters in spreadsheets. A file is read (CSV as
UTF-8, UTF-8 with BOM or GB18030, as Excel writes it in China; XLSX; YAML), every row is checked,
and every place resolves through the gazetteer in the context of the row's city. The result is a
``Plan`` that maps, joins, reconciles and exports like the bundled ones, or, when anything is
wrong, no plan at all and a report naming each row and column: nothing is imported halfway.

Refused, with a message: wrong encoding, missing or misspelled columns, duplicate names, an empty
file, a file over ``MAX_BYTES``, non-numeric or negative targets, markup in any cell, cells that
a spreadsheet would run as a formula (starting with ``=``, ``+``, ``-``, ``@``), places that do
not resolve or are ambiguous (with the candidates), unknown cities and tiers.
"""

from __future__ import annotations

import csv
import datetime as dt
import difflib
import hashlib
import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import ValidationError

from geo._errors import AtlasError, DataFileError, PlaceError
from geo.figures import AmountError, parse_amount
from geo.files import megabytes, read_user_file, write_atomic
from geo.gazetteer import Gazetteer
from geo.plans import DEFAULT_TIERS, Plan, TierSpec, all_tiers, load_plan, load_plan_text
from geo.tabular import LIMITS, Problem, TableError, bounded_report, problem, read_table, shorten
from i18n import problem_text, t

if TYPE_CHECKING:
    from geo.atlas import Atlas

MAX_BYTES = LIMITS.max_bytes
FORMATS = (".csv", ".xlsx", ".yaml", ".yml")
YEARS = (1990, 2100)  # target years outside these are typos

# Canonical column -> accepted headers (English and Chinese).
COLUMNS: dict[str, tuple[str, ...]] = {
    "id": ("id", "编号"),
    "name": ("name", "name_zh", "集群名称", "名称"),
    "name_en": ("name_en", "英文名称"),
    "city": ("city", "所在市", "城市"),
    "tier": ("tier", "类别"),
    "core_zones": ("core_zones", "核心承载区"),
    "radiating_areas": ("radiating_areas", "辐射区域"),
    "source": ("source", "来源"),
    "note": ("note", "备注"),
}
REQUIRED = ("name", "city", "core_zones")
# Target columns: revenue_2027 / 营业收入2027, investment_2023 / 总投资2023, projects_2023 / 重点项目2023.
TARGET_COLUMN = re.compile(r"^(revenue|investment|projects|营业收入|总投资|重点项目)[_ ]?(\d{4})$")
_TARGET_METRICS = {"营业收入": "revenue", "总投资": "investment", "重点项目": "projects"}
PLACE_SEPARATORS = re.compile(r"[、;；,，]")
_MARKUP = re.compile(r"<\s*[a-zA-Z/!?]|javascript:|&#", re.IGNORECASE)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
IMPORTED_ID_PREFIX = "u-"  # imported cluster ids never collide with the bundled plans' ids
IMPORTED_PLAN_PREFIX = "imported-"


@dataclass(frozen=True)
class ReportRow:
    """One imported cluster in the report: its row, name, city and how each place resolved."""

    row: int
    name: str
    city: str
    places: tuple[str, ...]  # 高新区→裕华区、栾城区

    def text(self, lang: str) -> str:
        return problem_text("report_row", {"row": self.row, "name": self.name, "city": self.city,
                                           "places": "; ".join(self.places)}, lang)  # fmt: skip


@dataclass
class ImportResult:
    """The imported plan (None if anything failed) and the report."""

    filename: str
    plan: Plan | None = None
    problems: list[Problem] = field(default_factory=list)
    rows: list[ReportRow] = field(default_factory=list)  # one per imported cluster

    @property
    def ok(self) -> bool:
        return self.plan is not None and not self.problems

    def report(self, lang: str = "en") -> str:
        """What happened, row by row, in ``lang``; at most ``LIMITS.max_reported_problems`` problems are listed."""
        name = display_filename(self.filename)
        if self.ok:
            assert self.plan is not None
            head = problem_text("report_ok", {"name": name, "n": len(self.plan.clusters)}, lang)
            return "\n".join([head, *(f"  {shorten(row.text(lang), 300)}" for row in self.rows[:200])])
        head = problem_text("report_failed", {"name": name, "n": len(self.problems)}, lang)
        return bounded_report(head, self.problems, lang)


def display_filename(filename: str) -> str:
    """A file name as the atlas repeats it: no folders, no control characters, at most 80 characters."""
    base = re.split(r"[\\/]", filename)[-1]
    base = "".join(ch for ch in base if ch.isprintable())
    return shorten(base, 80) or "upload"


def import_file(path: Path, atlas: Atlas) -> ImportResult:
    """Import a cluster list from a file on disk (see module docstring)."""
    try:
        data = read_user_file(path, max_bytes=MAX_BYTES)
    except AtlasError as error:
        return ImportResult(path.name, problems=[problem(None, None, "file_unreadable", detail=str(error))])
    return import_bytes(data, path.name, atlas)


def region_tiers(atlas: Atlas) -> list[TierSpec]:
    """The tiers an imported list may use: those the region's plans declare, else the usual three."""
    return all_tiers(atlas.plans) or list(DEFAULT_TIERS)


def import_bytes(data: bytes, filename: str, atlas: Atlas) -> ImportResult:
    """Import a cluster list from the bytes of an uploaded file named ``filename``, for ``atlas``'s region."""
    filename = display_filename(filename)
    suffix = Path(filename).suffix.lower()
    if suffix not in FORMATS:
        found = problem(None, None, "unsupported_type", suffix=suffix or "(none)", formats=", ".join(FORMATS))
        return ImportResult(filename, problems=[found])
    if len(data) > MAX_BYTES:
        too_big = problem(None, None, "file_too_big", size=megabytes(len(data)), limit=megabytes(MAX_BYTES))
        return ImportResult(filename, problems=[too_big])
    if not data.strip():
        return ImportResult(filename, problems=[problem(None, None, "empty_file")])
    tag = hashlib.sha256(data).hexdigest()[:8]
    if suffix in (".yaml", ".yml"):
        return _import_yaml(data, filename, tag, atlas.places)
    try:
        header, rows = read_table(data, suffix)
    except TableError as error:
        return ImportResult(filename, problems=[error.problem])
    return _import_rows(header, rows, filename, _Context(atlas.gazetteer, region_tiers(atlas)), tag)


@dataclass(frozen=True)
class _Context:
    """What rows are checked against: the region's gazetteer and the tiers its plans declare."""

    gazetteer: Gazetteer
    tiers: list[TierSpec]

    def tier(self, text: str) -> str | None:
        """The tier id a cell names (its id or either label), or None."""
        wanted = text.strip().lower()
        for tier in self.tiers:
            if wanted in (tier.id, tier.label_zh.lower(), tier.label_en.lower()):
                return tier.id
        return None


def _columns(header: list[str]) -> tuple[dict[str, int], dict[int, tuple[str, int]], list[Problem]]:
    """Map headers to canonical columns and target (metric, year) columns; report unknown and missing ones."""
    lookup = {alias.lower(): name for name, aliases in COLUMNS.items() for alias in aliases}
    known: dict[str, int] = {}
    targets: dict[int, tuple[str, int]] = {}
    problems = []
    for index, raw in enumerate(header):
        title = raw.strip()
        if not title:
            continue
        match = TARGET_COLUMN.match(title)
        if match:
            year = int(match.group(2))
            if not YEARS[0] <= year <= YEARS[1]:
                problems.append(problem(1, title, "year_out_of_range", year=year, title=title, low=YEARS[0], high=YEARS[1]))
                continue
            targets[index] = (_TARGET_METRICS.get(match.group(1), match.group(1)), year)
        elif title.lower() in lookup:
            name = lookup[title.lower()]
            if name in known:
                problems.append(problem(1, title, "column_twice", name=name))
            known[name] = index
        else:
            accepted = [*sorted(lookup), "revenue_2027", "营业收入2027"]
            near = difflib.get_close_matches(title.lower(), accepted, n=2)
            if near:
                problems.append(problem(1, title, "unknown_column_near", title=title, near=" / ".join(near)))
            else:
                accepted = ", ".join(a for a, _ in _first_aliases())
                problems.append(problem(1, title, "unknown_column", title=title, accepted=accepted))
    for name in REQUIRED:
        if name not in known:
            problems.append(problem(1, None, "missing_column", name=name, aliases=" / ".join(COLUMNS[name])))
    return known, targets, problems


def _first_aliases() -> list[tuple[str, str]]:
    return [(aliases[0], aliases[-1]) for aliases in COLUMNS.values()]


def _cell_problem(text: str, row: int, column: str, *, numeric: bool = False) -> Problem | None:
    if _MARKUP.search(text):
        return problem(row, column, "markup", text=text[:40])
    if text.startswith(_FORMULA_START) and not (numeric and text.startswith("-")):
        return problem(row, column, "formula_start", char=text[0])
    return None


def _import_rows(header: list[str], rows: list[list[str]], filename: str, context: _Context, tag: str) -> ImportResult:
    result = ImportResult(filename)
    known, targets, problems = _columns(header)
    result.problems += problems
    if any(p.code == "missing_column" for p in problems):
        return result
    if not rows:
        result.problems.append(problem(None, None, "header_no_rows"))
        return result
    clusters = []
    seen: dict[str, dict[str, int]] = {"name": {}, "id": {}}
    for offset, cells in enumerate(rows):
        row_number = offset + 2  # the header is row 1
        cluster, row_problems, line = _row(cells, row_number, known, targets, header, context, seen)
        result.problems += row_problems
        if cluster is not None:
            clusters.append(cluster)
            result.rows.append(line)
    if result.problems:
        return result
    try:
        result.plan = _plan(clusters, filename, targets, tag, context.tiers)
    except AtlasError as error:  # a plan-level problem: reported like the rows', never raised
        result.problems.append(problem(None, None, "plan", detail=str(error)))
    return result


@dataclass
class _Row:
    """One data row being checked: its cells, where it is, and the problems found so far."""

    cells: list[str]
    number: int
    header: list[str]
    known: dict[str, int]
    targets: dict[int, tuple[str, int]]
    problems: list[Problem] = field(default_factory=list)

    def get(self, name: str) -> str:
        index = self.known.get(name)
        return self.cells[index].strip() if index is not None and index < len(self.cells) else ""

    def column(self, name: str) -> str:
        return self.header[self.known[name]] if name in self.known else name

    def fail(self, column: str, code: str, /, **fields: object) -> None:
        """Report a problem in this row's ``column`` (a canonical column name)."""
        self.problems.append(problem(self.number, self.column(column), code, **fields))

    def fail_place(self, column: str, error: PlaceError) -> None:
        """Report a place (or city) that does not resolve, with its candidates."""
        fields = {"query": error.query, "city": error.city, "candidates": list(error.candidates)}
        self.problems.append(problem(self.number, self.column(column), f"place_{error.reason}", tuple(error.candidates),
                                     **fields))  # fmt: skip


def _row(cells, row, known, targets, header, context, seen):  # noqa: PLR0917
    """Check one row; return the cluster's data (or None), its problems, and a report line."""
    r = _Row(cells, row, header, known, targets)
    _check_cells(r)  # reported with everything else the row gets wrong
    name, city, tier = _identity(r, context, seen)
    if city is None:
        return None, r.problems, ""
    places, resolved = _places(r, context.gazetteer, city)
    target_list = _targets(r)
    cluster_id = _row_id(r.get("id"), row, r, seen["id"])
    if r.problems:
        return None, r.problems, ""
    data = {
        "id": cluster_id, "name_zh": name, "name_en": r.get("name_en") or name, "tier": tier,
        "city": city, "core_zones": places["core_zones"], "radiating_areas": places["radiating_areas"],
        "targets": target_list, "quote": r.get("source") or name, "note_zh": r.get("note"),
    }  # fmt: skip
    return data, [], ReportRow(row, name, city, tuple(resolved))


def _check_cells(r: _Row) -> None:
    for index, text in enumerate(r.cells):
        column = r.header[index] if index < len(r.header) else f"#{index + 1}"
        problem = _cell_problem(text.strip(), r.number, column, numeric=index in r.targets)
        if problem:
            r.problems.append(problem)


def _identity(r: _Row, context: _Context, seen: dict[str, dict[str, int]]) -> tuple[str, str | None, str]:
    name = r.get("name")
    if not name:
        r.fail("name", "no_name")
        return name, None, ""
    if len(name) > LIMITS.max_name_chars:
        r.fail("name", "name_too_long", n=len(name), limit=LIMITS.max_name_chars)
        return name, None, ""
    names = seen["name"]
    if name in names:
        r.fail("name", "duplicate_name", name=shorten(name), row=names[name])
        return name, None, ""
    names[name] = r.number
    city = None
    try:
        city = context.gazetteer.normalise_city(r.get("city"))
        if city is None:
            r.fail("city", "city_empty")
    except PlaceError as error:
        r.fail_place("city", error)
    tier_text = r.get("tier")
    tier = context.tier(tier_text) if tier_text else context.tiers[-1].id  # empty: the last declared tier
    if tier is None:
        tier = ""
        names = ", ".join(f"{t.label_zh} / {t.id}" for t in context.tiers)
        r.fail("tier", "unknown_tier", tier=shorten(tier_text), tiers=names)
    return name, city, tier


def _places(r: _Row, gazetteer: Gazetteer, city: str) -> tuple[dict[str, list[str]], list[str]]:
    places: dict[str, list[str]] = {}
    resolved: list[str] = []
    for role in ("core_zones", "radiating_areas"):
        places[role] = [p.strip() for p in PLACE_SEPARATORS.split(r.get(role)) if p.strip()]
        for place in places[role]:
            try:
                resolution = gazetteer.resolve(place, city)
            except PlaceError as error:
                r.fail_place(role, error)
                continue
            resolved.append(f"{place}→{'、'.join(c.name_zh for c in resolution.counties)}")
    if not places["core_zones"]:
        r.fail("core_zones", "core_needed")
    return places, resolved


def _targets(r: _Row) -> list[dict[str, object]]:
    source = r.get("source")
    found = []
    for index, (metric, year) in r.targets.items():
        text = r.cells[index].strip() if index < len(r.cells) else ""
        if not text:
            continue
        try:
            value, qualifier = parse_amount(text)
        except AmountError as error:
            r.problems.append(problem(r.number, r.header[index], error.code, **error.fields))
            continue
        found.append({"metric": metric, "year": year, "value": value, "unit": "个" if metric == "projects" else "亿元",
                      "qualifier": qualifier.value, "quote": f"{text}（{source}）" if source else text})  # fmt: skip
    if found and not source:
        r.fail("source", "source_needed")
    return found


def _row_id(given: str, row: int, r: _Row, seen: dict[str, int]) -> str:
    """The cluster id: the file's own (as a slug) or one from the row number; a repeated id is a problem."""
    slug = re.sub(r"[^a-z0-9-]+", "-", given.lower()).strip("-")[:60].strip("-")
    cluster_id = IMPORTED_ID_PREFIX + (slug or f"row-{row}")
    if cluster_id in seen:
        r.fail("id", "duplicate_id", id=shorten(given), row=seen[cluster_id])
    seen[cluster_id] = row
    return cluster_id


def _plan(clusters: list[dict], filename: str, targets: dict[int, tuple[str, int]], tag: str,
          tiers: list[TierSpec]) -> Plan:  # fmt: skip
    """The imported plan; its id carries the file's hash, so two imports never share one."""
    years = sorted({year for _, year in targets.values()}) or [dt.date.today().year]
    stem = re.sub(r"[^a-z0-9]+", "-", Path(filename).stem.lower()).strip("-")[:40].strip("-") or "list"
    data = {
        "id": f"{IMPORTED_PLAN_PREFIX}{stem}-{tag}",
        "title_zh": f"导入的集群清单（{filename}）",
        "title_en": f"Imported cluster list ({filename})",
        "short_zh": f"导入：{filename}",
        "short_en": f"Imported: {filename}",
        "issuer_zh": "用户导入",
        "period": (years[0], years[-1]),
        "tiers": [t.model_dump() for t in tiers],
        "clusters": clusters,
    }
    try:
        return Plan.model_validate(data)
    except ValidationError as error:  # the row checks above should make this unreachable
        raise AtlasError(f"{filename}: {error.errors()[0]['msg']}") from None


def _import_yaml(data: bytes, filename: str, tag: str, places: frozenset[str]) -> ImportResult:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return ImportResult(filename, problems=[problem(None, None, "yaml_not_utf8")])
    try:
        plan = _as_imported(load_plan_text(text, filename, places), filename, tag)
    except DataFileError as error:
        problems = [problem(None, None, "yaml", detail=line) for line in str(error).splitlines()]
        return ImportResult(filename, problems=problems)
    rows = [ReportRow(i, c.name_zh, c.city, tuple(c.core_zones)) for i, c in enumerate(plan.clusters, start=1)]
    return ImportResult(filename, plan=plan, rows=rows)


def _as_imported(plan: Plan, filename: str, tag: str) -> Plan:
    """An uploaded YAML plan under ids of its own, so it is never taken for a bundled plan."""
    ids = {c.id: _imported_id(c.id) for c in plan.clusters}
    clusters = [c.model_copy(update={"id": ids[c.id]}) for c in plan.clusters]
    goals = [g.model_copy(update={"named_clusters": [ids[i] for i in g.named_clusters]}) for g in plan.goals]
    return plan.model_copy(update={
        "id": f"{IMPORTED_PLAN_PREFIX}{plan.id[:40]}-{tag}", "clusters": clusters, "goals": goals,
        "short_zh": f"导入：{plan.short_zh}（{filename}）", "short_en": f"Imported: {plan.short_en} ({filename})",
        "source_text": None,
    })  # fmt: skip


def _imported_id(cluster_id: str) -> str:
    return cluster_id if cluster_id.startswith(IMPORTED_ID_PREFIX) else IMPORTED_ID_PREFIX + cluster_id


def load_any_plan(path: Path, atlas: Atlas) -> Plan:
    """A plan from ``--plan FILE``: a plan file of the bundled format (YAML) or an importable list.

    Read as an upload is (size limits, regular files only). A YAML plan given on the command line
    may name its source text in a file beside it (``source_text``, never outside its folder).
    Raises ``DataFileError`` with the full report.
    """
    suffix = path.suffix.lower()
    if suffix in (".yaml", ".yml"):
        read_user_file(path, max_bytes=MAX_BYTES)  # the same checks as an upload before parsing
        return load_plan(path, atlas.places)
    result = import_file(path, atlas)
    if not result.ok:
        raise DataFileError(result.report())
    assert result.plan is not None
    return result.plan


# ---- the template ---------------------------------------------------------------------------------

TEMPLATE_COLUMNS = ["id", "name", "name_en", "city", "tier", "core_zones", "radiating_areas"]
TEMPLATE_TAIL = ["source", "note"]
TEMPLATE_TARGETS = ("revenue", "investment", "projects")  # explained in the guide; the template offers revenue


def _header(column: str, lang: str) -> str:
    """A column's header as the template writes it in ``lang``: ``core_zones`` or ``核心承载区`` (the importer reads both)."""
    if lang == "en":
        return column
    return next(alias for alias in COLUMNS[column][1:] if not alias.isascii())


def _target_header(metric: str, year: int | str, lang: str) -> str:
    if lang == "en":
        return f"{metric}_{year}"
    return next(zh for zh, en in _TARGET_METRICS.items() if en == metric) + str(year)


def template_years(atlas: Atlas) -> list[int]:
    """The years the template offers: the latest plan's target years, else this year and the next two."""
    years = sorted({target.year for p in atlas.plans for c in p.clusters for target in c.targets_for("revenue")})
    if years:
        return years[-3:]
    this_year = dt.date.today().year
    return [this_year, this_year + 1, this_year + 2]


def template_guide(lang: str = "zh") -> list[list[str]]:
    """The XLSX guide sheet in ``lang``: each column, with what goes in it."""
    rows = [[t("template_guide_column", lang), t("template_guide_meaning", lang)]]
    for column in TEMPLATE_COLUMNS:
        rows.append([_header(column, lang), t(f"template_guide_{column}", lang)])
    for metric in TEMPLATE_TARGETS:
        rows.append([_target_header(metric, "YYYY", lang), t(f"template_guide_{metric}", lang)])
    for column in TEMPLATE_TAIL:
        rows.append([_header(column, lang), t(f"template_guide_{column}", lang)])
    return rows


def template_rows(atlas: Atlas, lang: str = "zh") -> list[list[str]]:
    """The header and two example rows made from the region's own divisions (a city and its counties),
    in ``lang``. Place names stay as the gazetteer knows them (Chinese), in either language."""
    years = template_years(atlas)
    header = [*(_header(c, lang) for c in TEMPLATE_COLUMNS), *(_target_header("revenue", y, lang) for y in years),
              *(_header(c, lang) for c in TEMPLATE_TAIL)]  # fmt: skip
    cities = atlas.level("city").sort_values("code")
    counties = atlas.level("county")
    tier = region_tiers(atlas)[-1]
    rows = [header]
    for number, city in enumerate(cities.head(2).itertuples(), start=1):
        mine = counties[counties["city_code"] == city.code]["name_zh"].tolist()
        if not mine:
            continue
        name = t("template_example_name", lang, n=number)
        rows.append([f"example-{number}", name, t("template_example_name", "en", n=number), city.name_zh,
                     tier.label_en if lang == "en" else tier.label_zh, mine[0], "、".join(mine[1:3]),
                     *("" for _ in years), "", t("template_example_note", lang)])  # fmt: skip
    return rows


def write_template(path: Path, atlas: Atlas, lang: str = "zh") -> Path:
    """Write the import template in ``lang`` (CSV UTF-8 with BOM, or XLSX with a guide sheet) to ``path``."""
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise AtlasError(f"{path}: the template is written as .csv or .xlsx")
    return write_atomic(path, template_bytes(suffix[1:], atlas, lang))


def template_bytes(fmt: str, atlas: Atlas, lang: str = "zh") -> bytes:
    """The template in ``lang`` as CSV or XLSX bytes (for the app's download button)."""
    rows = template_rows(atlas, lang)
    if fmt == "csv":
        buffer = io.StringIO()
        csv.writer(buffer).writerows(rows)
        return buffer.getvalue().encode("utf-8-sig")
    import openpyxl  # noqa: PLC0415

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = t("template_sheet", lang)
    for row in rows:
        sheet.append(row)
    guide = book.create_sheet(t("template_guide_sheet", lang))
    for row in template_guide(lang):
        guide.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
