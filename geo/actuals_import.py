"""Import actual figures from CSV or XLSX: what a cluster reached in a year, with its source.

A planner who has a figure the bundled data lacks (a cluster's 2024 revenue from a city's report)
adds it from a spreadsheet. The file is read like a cluster list (``geo.tabular.read_table``: UTF-8,
UTF-8 with BOM or GB18030; XLSX streamed; bounded in size, rows and cells), every row is checked,
and the result is a list of ``Actual`` (``user_supplied``) that wins over a bundled figure of the
same cluster, metric, year and period, or, when anything is wrong, no figures at all and a report
naming each row and column.

Columns (English or Chinese headers):

* ``cluster`` / ``集群``: the cluster's id or its Chinese name exactly as the plan writes it; a name
  or id that clusters of several plans share is refused with the candidates, never guessed; the
  optional ``plan`` / ``规划`` column (a plan id) picks one;
* ``year`` / ``年份``; ``period`` / ``期间``: ``year`` (全年) or ``H1`` (上半年);
* ``metric`` / ``指标``: ``revenue`` (营业收入), ``investment`` (总投资), ``projects`` (重点项目),
  ``operating-servers`` (运营服务器), or any other metric of the plans' targets;
* ``value`` / ``数值``: in the target's own unit, as written: ``1050``, ``超1000``, ``约980``;
* ``source`` / ``来源`` (required), ``quote`` / ``原文``, ``url`` / ``网址``, ``date`` / ``日期`` (optional).
"""

from __future__ import annotations

import csv
import difflib
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from geo._errors import AtlasError
from geo.actuals import Actual, metric_units
from geo.figures import AmountError, Qualifier, parse_amount
from geo.files import megabytes, read_user_file
from geo.plans import Cluster, Plan, check_date
from geo.tabular import LIMITS, Problem, TableError, problem, read_table, shorten
from i18n import problem_text, where_text
from i18n.progress_words import PROGRESS_PROBLEMS, PROGRESS_TEXT

MAX_BYTES = LIMITS.max_bytes
FORMATS = (".csv", ".xlsx")
YEARS = (1990, 2100)

# Canonical column -> accepted headers (compared in lower case).
COLUMNS: dict[str, tuple[str, ...]] = {
    "plan": ("plan", "规划", "规划编号"),
    "cluster": ("cluster", "集群", "集群名称", "集群编号"),
    "year": ("year", "年份"),
    "period": ("period", "期间"),
    "metric": ("metric", "指标"),
    "value": ("value", "数值"),
    "source": ("source", "来源"),
    "quote": ("quote", "原文"),
    "url": ("url", "网址"),
    "date": ("date", "日期"),
}
REQUIRED = ("cluster", "year", "period", "metric", "value", "source")
# Metrics a cluster's target may have, their Chinese names and the unit a figure of them is in.
METRICS: dict[str, tuple[tuple[str, ...], str]] = {
    "revenue": (("营业收入", "营收"), "亿元"),
    "investment": (("总投资", "重点项目总投资"), "亿元"),
    "projects": (("重点项目", "重点项目数"), "个"),
    "operating-servers": (("运营服务器", "投运服务器"), "台"),
}
PERIOD_WORDS = {"year": "year", "全年": "year", "h1": "H1", "上半年": "H1"}
_UNIT_IN_TEXT = re.compile(r"亿元|亿|个|%|台|家")
_YEAR = re.compile(r"^(\d{4})(?:\.0+)?年?$")
_XLSX_DATE = re.compile(r"^(\d{4}-\d{2}-\d{2}) 00:00:00$")
_URL = re.compile(r"https?://[^\s<>\"'`]+")
_MARKUP = re.compile(r"<\s*[a-zA-Z/!?]|javascript:|&#", re.IGNORECASE)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
USER_ID_PREFIX = "u-"


UNIT_WORDS = {"亿元": "actuals_unit_yi", "台": "actuals_unit_servers", "个": "actuals_unit_count"}


def _word(key: str, lang: str, **fields: object) -> str:
    text = PROGRESS_TEXT[key]["en" if lang == "en" else "zh"]
    return text.format(**fields) if fields else text


def words(code: str, fields: dict[str, object], lang: str) -> str:
    """A problem in words: this module's ``actual_*`` codes, else the catalogue's."""
    if code not in PROGRESS_PROBLEMS:
        return problem_text(code, fields, lang)
    values = dict(fields)
    if "candidates" in values and not isinstance(values["candidates"], str):
        values["candidates"] = "; ".join(str(c) for c in values["candidates"])  # type: ignore[union-attr]
    if values.get("unit") in UNIT_WORDS:  # a unit is typed in Chinese; English says what it means
        values["unit"] = _word(UNIT_WORDS[str(values["unit"])], lang)
    return PROGRESS_PROBLEMS[code]["en" if lang == "en" else "zh"].format(**values)


def problem_words(found: Problem, lang: str = "en") -> str:
    """Where and what, in ``lang`` (``Problem.text`` once the words are merged into the catalogue)."""
    where = where_text(found.row, found.column, lang)
    what = words(found.code, found.fields, lang)
    return f"{where}{'：' if lang == 'zh' else ': '}{what}" if where else what


@dataclass(frozen=True)
class ImportedRow:
    """One imported figure in the report."""

    row: int
    cluster: str
    plan: str
    metric: str
    year: int
    period: str
    value: str

    def text(self, lang: str) -> str:
        period = PROGRESS_TEXT[f"progress_period_{self.period}"]["en" if lang == "en" else "zh"]
        return words("actual_report_row", {"row": self.row, "cluster": self.cluster, "plan": self.plan,
                                           "metric": self.metric, "year": self.year, "period": period,
                                           "value": self.value}, lang)  # fmt: skip


@dataclass
class ActualsImport:
    """The imported figures (none if anything failed) and the report."""

    filename: str
    actuals: list[Actual] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    rows: list[ImportedRow] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return bool(self.actuals) and not self.problems

    def report(self, lang: str = "en") -> str:
        """What happened, row by row; at most ``LIMITS.max_reported_problems`` problems are listed."""
        name = display_filename(self.filename)
        if self.ok:
            head = words("actual_report_ok", {"name": name, "n": len(self.actuals)}, lang)
            return "\n".join([head, *(f"  {shorten(row.text(lang), 300)}" for row in self.rows[:200])])
        head = words("report_failed", {"name": name, "n": len(self.problems)}, lang)
        shown = self.problems[: LIMITS.max_reported_problems]
        lines = [head, *(f"  {shorten(problem_words(p, lang), 400)}" for p in shown)]
        if len(self.problems) > len(shown):
            lines.append("  " + words("report_more", {"n": len(self.problems) - len(shown)}, lang))
        return "\n".join(lines)


def display_filename(filename: str) -> str:
    """A file name as the report repeats it: no folders, no control characters, at most 80 characters."""
    base = re.split(r"[\\/]", filename)[-1]
    base = "".join(ch for ch in base if ch.isprintable())
    return shorten(base, 80) or "upload"


def import_actuals_file(path: Path, plans: Sequence[Plan]) -> ActualsImport:
    """Import actual figures from a file on disk (a regular file of at most ``MAX_BYTES``)."""
    try:
        data = read_user_file(path, max_bytes=MAX_BYTES)
    except AtlasError as error:
        return ActualsImport(path.name, problems=[problem(None, None, "file_unreadable", detail=str(error))])
    return import_actuals_bytes(data, path.name, plans)


def import_actuals_bytes(data: bytes, filename: str, plans: Sequence[Plan]) -> ActualsImport:
    """Import actual figures from the bytes of an uploaded file named ``filename``, checked against ``plans``."""
    filename = display_filename(filename)
    suffix = Path(filename).suffix.lower()
    if suffix not in FORMATS:
        found = problem(None, None, "unsupported_type", suffix=suffix or "(none)", formats=", ".join(FORMATS))
        return ActualsImport(filename, problems=[found])
    if len(data) > MAX_BYTES:
        too_big = problem(None, None, "file_too_big", size=megabytes(len(data)), limit=megabytes(MAX_BYTES))
        return ActualsImport(filename, problems=[too_big])
    if not data.strip():
        return ActualsImport(filename, problems=[problem(None, None, "empty_file")])
    try:
        header, rows = read_table(data, suffix)
    except TableError as error:
        return ActualsImport(filename, problems=[error.problem])
    return _import_rows(header, rows, filename, plans)


# ---- columns and rows --------------------------------------------------------------------------------


def _columns(header: list[str]) -> tuple[dict[str, int], list[Problem]]:
    lookup = {alias.lower(): name for name, aliases in COLUMNS.items() for alias in aliases}
    known: dict[str, int] = {}
    problems = []
    for index, raw in enumerate(header):
        title = raw.strip()
        if not title:
            continue
        name = lookup.get(title.lower())
        if name is None:
            near = difflib.get_close_matches(title.lower(), sorted(lookup), n=2)
            if near:
                problems.append(problem(1, title, "unknown_column_near", title=title, near=" / ".join(near)))
            else:
                accepted = ", ".join(f"{a[0]} / {a[1]}" for a in COLUMNS.values())
                problems.append(problem(1, title, "unknown_column", title=title, accepted=accepted))
        elif name in known:
            problems.append(problem(1, title, "column_twice", name=name))
        else:
            known[name] = index
    for name in REQUIRED:
        if name not in known:
            problems.append(problem(1, None, "missing_column", name=name, aliases=" / ".join(COLUMNS[name])))
    return known, problems


@dataclass
class _Context:
    """What every row is checked against: the plans, their clusters by id and name, and the metrics."""

    plans: dict[str, Plan]
    by_key: dict[str, list[tuple[Plan, Cluster]]]
    units: dict[str, str]
    aliases: dict[str, str]

    @classmethod
    def of(cls, plans: Sequence[Plan]) -> _Context:
        by_key: dict[str, list[tuple[Plan, Cluster]]] = {}
        for plan in plans:
            for cluster in plan.clusters:
                for key in dict.fromkeys((cluster.id, cluster.name_zh)):
                    by_key.setdefault(key, []).append((plan, cluster))
        units = {metric: unit for metric, (_, unit) in METRICS.items()} | metric_units(plans)
        aliases = {metric: metric for metric in units}
        for metric, (names, _) in METRICS.items():
            aliases.update(dict.fromkeys(names, metric))
        return cls({p.id: p for p in plans}, by_key, units, aliases)


def _import_rows(header: list[str], rows: list[list[str]], filename: str, plans: Sequence[Plan]) -> ActualsImport:
    result = ActualsImport(filename)
    known, problems = _columns(header)
    result.problems += problems
    if any(p.code == "missing_column" for p in problems):
        return result
    if not rows:
        result.problems.append(problem(None, None, "actual_header_no_rows"))
        return result
    context = _Context.of(plans)
    seen: dict[tuple[str, str, str, int, str], int] = {}
    actuals = []
    for offset, cells in enumerate(rows):
        row = _Row(cells, offset + 2, header, known)  # the header is row 1
        actual, line = _row(row, context, seen)
        result.problems += row.problems
        if actual is not None and line is not None:
            actuals.append(actual)
            result.rows.append(line)
    if not result.problems:
        result.actuals = actuals
    return result


@dataclass
class _Row:
    """One data row being checked: its cells, where it is, and the problems found so far."""

    cells: list[str]
    number: int
    header: list[str]
    known: dict[str, int]
    problems: list[Problem] = field(default_factory=list)

    def get(self, name: str) -> str:
        index = self.known.get(name)
        return self.cells[index].strip() if index is not None and index < len(self.cells) else ""

    def column(self, name: str) -> str:
        return self.header[self.known[name]] if name in self.known else name

    def fail(self, column: str | None, code: str, candidates: tuple[str, ...] = (), /, **fields: object) -> None:
        self.problems.append(problem(self.number, self.column(column) if column else None, code, candidates, **fields))


def _row(r: _Row, context: _Context, seen: dict[tuple[str, str, str, int, str], int]) -> tuple[Actual | None, ImportedRow | None]:
    """Check one row; return its figure and report line, or (None, None) with the problems in ``r``."""
    _check_cells(r)
    found = _cluster(r, context)
    year = _year(r)
    period = _period(r)
    metric = _metric(r, context)
    source = r.get("source")
    if not source:
        r.fail("source", "actual_source_needed")
    url = r.get("url") or None
    if url is not None and not _URL.fullmatch(url):
        r.fail("url", "actual_url_invalid", text=shorten(url, 60))
    date = _date(r)
    unit = _unit(found[1], metric, context) if found and metric else context.units.get(metric or "")
    amount = _value(r, unit)
    if r.problems or found is None or metric is None or unit is None or year is None or period is None or amount is None:
        return None, None
    plan, cluster = found
    key = (plan.id, cluster.id, metric, year, period)
    if key in seen:
        r.fail("year", "actual_duplicate", row=seen[key])
        return None, None
    seen[key] = r.number
    value, qualifier = amount
    ident = re.sub(r"[^a-z0-9-]+", "-", f"{USER_ID_PREFIX}{plan.id}-{cluster.id}-{metric}-{year}-{period}".lower())
    data = {
        "id": ident.strip("-"), "plan": plan.id, "cluster": cluster.id, "metric": metric, "year": year, "period": period,
        "value": value, "qualifier": qualifier.value, "unit": unit, "publisher": source, "date": date, "url": url,
        "quote": r.get("quote"), "user_supplied": True,
    }  # fmt: skip
    try:
        actual = Actual.model_validate(data, context={"plans": context.plans, "metric_units": context.units})
    except ValidationError as error:  # the row checks above should make this unreachable
        first = error.errors()[0]
        r.fail(None, "actual_invalid", detail=f"{'.'.join(str(p) for p in first['loc'])}: {first['msg']}"[:200])
        return None, None
    line = ImportedRow(r.number, cluster.name_zh, plan.id, metric, year, period, actual.label("zh"))
    return actual, line


def _check_cells(r: _Row) -> None:
    value_index = r.known.get("value")
    for index, cell in enumerate(r.cells):
        text = cell.strip()
        column = r.header[index] if index < len(r.header) else f"#{index + 1}"
        if _MARKUP.search(text):
            r.problems.append(problem(r.number, column, "markup", text=text[:40]))
        elif text.startswith(_FORMULA_START) and not (index == value_index and text.startswith("-")):
            r.problems.append(problem(r.number, column, "formula_start", char=text[0]))


def _cluster(r: _Row, context: _Context) -> tuple[Plan, Cluster] | None:
    query = r.get("cluster")
    plan_id = r.get("plan")
    if plan_id and plan_id not in context.plans:
        r.fail("plan", "actual_unknown_plan", plan=shorten(plan_id, 60), plans=", ".join(context.plans) or "(none)")
        return None
    if not query:
        r.fail("cluster", "actual_no_cluster")
        return None
    matches = context.by_key.get(query, [])
    if not matches:
        near = difflib.get_close_matches(query, list(context.by_key), n=2)
        if near:
            r.fail("cluster", "actual_unknown_cluster_near", query=shorten(query, 60), near=" / ".join(near))
        else:
            r.fail("cluster", "actual_unknown_cluster", query=shorten(query, 60))
        return None
    candidates = tuple(f"{p.id}: {c.name_zh} ({c.id})" for p, c in matches)
    if plan_id:
        chosen = [(p, c) for p, c in matches if p.id == plan_id]
        if not chosen:
            r.fail("cluster", "actual_cluster_not_in_plan", candidates, query=shorten(query, 60), plan=plan_id,
                   candidates=list(candidates))  # fmt: skip
            return None
        matches = chosen
    if len(matches) > 1:
        r.fail("cluster", "actual_ambiguous_cluster", candidates, query=shorten(query, 60), candidates=list(candidates))
        return None
    return matches[0]


def _year(r: _Row) -> int | None:
    text = r.get("year")
    match = _YEAR.match(text)
    if not match or not YEARS[0] <= int(match.group(1)) <= YEARS[1]:
        r.fail("year", "actual_year_invalid", text=shorten(text, 40), low=YEARS[0], high=YEARS[1])
        return None
    return int(match.group(1))


def _period(r: _Row) -> str | None:
    text = r.get("period")
    period = PERIOD_WORDS.get(text.lower())
    if period is None:
        r.fail("period", "actual_period_invalid", text=shorten(text, 40))
    return period


def _metric(r: _Row, context: _Context) -> str | None:
    text = r.get("metric")
    metric = context.aliases.get(text) or context.aliases.get(text.lower())
    if metric is None:
        described = ", ".join(f"{m} ({METRICS[m][0][0]})" if m in METRICS else m for m in context.units)
        r.fail("metric", "actual_unknown_metric", metric=shorten(text, 40), metrics=described)
    return metric


def _unit(cluster: Cluster, metric: str, context: _Context) -> str:
    own = cluster.targets_for(metric)
    return own[0].unit if own else context.units[metric]


def _value(r: _Row, unit: str | None) -> tuple[float, Qualifier] | None:
    """The value and its qualifier as written; ``unit`` (None while unknown) is the one it must be in."""
    text = r.get("value")
    if not text:
        r.fail("value", "actual_value_empty")
        return None
    written = _UNIT_IN_TEXT.search(text)
    if unit is not None and written and {"亿": "亿元"}.get(written.group(0), written.group(0)) != unit:
        r.fail("value", "actual_unit_mismatch", text=shorten(text, 40), unit=unit)
        return None
    try:
        return parse_amount(text)
    except AmountError as error:
        if error.code == "amount_invalid":
            r.fail("value", "actual_value_invalid", text=shorten(text, 40), unit=unit or "?")
        else:
            r.fail("value", error.code, **error.fields)
        return None


def _date(r: _Row) -> str | None:
    text = r.get("date")
    if not text:
        return None
    match = _XLSX_DATE.match(text)  # a date cell of a spreadsheet
    text = match.group(1) if match else text
    try:
        check_date(text)
    except ValueError:
        r.fail("date", "actual_date_invalid", text=shorten(text, 40))
        return None
    return text


# ---- the template ------------------------------------------------------------------------------------

TEMPLATE_HEADER = ["plan", "cluster", "year", "period", "metric", "value", "source", "quote", "url", "date"]
TEMPLATE_METRIC = "revenue"  # an example row for each cluster with targets of this metric
TEMPLATE_PERIOD = {"zh": "全年", "en": "year"}  # how each language writes a full year (the importer reads both)


def template_header(lang: str = "en") -> list[str]:
    """The template's headers in ``lang``: ``plan, cluster, ...`` or ``规划, 集群, ...`` (the importer reads both)."""
    return list(TEMPLATE_HEADER) if lang == "en" else [COLUMNS[c][1] for c in TEMPLATE_HEADER]


def template_guide(lang: str = "en") -> list[list[str]]:
    """The XLSX guide sheet: each column, in ``lang``, with what goes in it."""
    header = template_header(lang)
    rows = [[_word("actuals_guide_column", lang), _word("actuals_guide_meaning", lang)]]
    for column, title in zip(TEMPLATE_HEADER, header, strict=True):
        rows.append([title, _word(f"actuals_guide_{column}", lang, low=YEARS[0], high=YEARS[1])])
    return rows


def template_rows(plans: Sequence[Plan], lang: str = "en") -> list[list[str]]:
    """The header and one example row for each cluster with revenue targets (its first target year),
    in ``lang``; no figure is filled in (none is invented). Where no cluster has revenue targets, one
    row for the first cluster with any target."""
    metric_name = {"en": TEMPLATE_METRIC, "zh": METRICS[TEMPLATE_METRIC][0][0]}
    period = TEMPLATE_PERIOD["en" if lang == "en" else "zh"]
    rows = [template_header(lang)]
    for plan in plans:
        for cluster in plan.clusters:
            targets = cluster.targets_for(TEMPLATE_METRIC)
            if targets:
                year = min(t.year for t in targets)
                rows.append([plan.id, cluster.name_zh, str(year), period, metric_name["en" if lang == "en" else "zh"],
                             "", "", "", "", ""])  # fmt: skip
    if len(rows) == 1:
        first = next(((p, c) for p in plans for c in p.clusters if c.targets), None)
        if first is not None:
            plan, cluster = first
            target = min(cluster.targets, key=lambda t: t.year)
            metric = METRICS[target.metric][0][0] if lang != "en" and target.metric in METRICS else target.metric
            rows.append([plan.id, cluster.name_zh, str(target.year), period, metric, "", "", "", "", ""])
    return rows


def template_bytes(fmt: str, plans: Sequence[Plan], lang: str = "en") -> bytes:
    """The template in ``lang`` as CSV (UTF-8 with BOM, as Excel opens it) or XLSX (with a guide sheet)."""
    rows = template_rows(plans, lang)
    if fmt == "csv":
        buffer = io.StringIO()
        csv.writer(buffer).writerows(rows)
        return buffer.getvalue().encode("utf-8-sig")
    if fmt != "xlsx":
        raise AtlasError(f"the template is written as csv or xlsx, not {fmt[:20]!r}")
    import openpyxl  # noqa: PLC0415 (only for spreadsheets)

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = _word("actuals_template_sheet", lang)
    for row in rows:
        sheet.append(row)
    guide = book.create_sheet(_word("actuals_guide_sheet", lang))
    for row in template_guide(lang):
        guide.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
