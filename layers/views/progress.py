"""The progress view: for one target year, each cluster's counties (or its home city) coloured by how
its target stands against the actual figures (``geo.progress``: achieved, missed, on track, slightly
behind, behind, unknown), with the actual, the target, the growth still needed and the sources in
the tooltip, and the rule in the legend.

The colours follow the green / yellow / red of target monitoring, in colour-blind-safe tones, and
the two that mean trouble (behind, missed) are also hatched, so a black-and-white print still reads.
"""

from __future__ import annotations

from typing import Any

from geo.progress import STATUSES, ProgressRow, progress
from i18n import labelled, paren, sep, t
from layers import elements as el
from layers.views.frame_parts import context_layer
from layers.views.spec import Canvas, Legend, LegendRow, Rendered

METRIC = "revenue"  # the view judges each cluster's revenue target of the chosen year
# Status -> style: fill colour, and hatch where the status means trouble (legible in black and white).
STATUS_STYLE: dict[str, dict[str, Any]] = {
    "achieved": {"fill": "#0072B2", "fillOpacity": 0.8},
    "green": {"fill": "#009E73", "fillOpacity": 0.75},
    "yellow": {"fill": "#E69F00", "fillOpacity": 0.8},
    "red": {"hatch": "#D55E00", "fillOpacity": 1.0},
    "missed": {"hatch": "#882255", "fillOpacity": 1.0},
    "unknown": {"fill": "#dddddd", "fillOpacity": 0.7},
}
SEVERITY = ("missed", "red", "yellow", "unknown", "green", "achieved")  # a county several clusters share shows the worst
# Counties (or cities) no cluster with a target of the year serves: white, with its own legend row.
NOT_TRACKED = {"fill": "#ffffff", "fillOpacity": 1.0}


def target_years(plans: list) -> list[int]:
    """The years some cluster has a revenue target of."""
    return sorted({tg.year for p in plans for c in p.clusters for tg in c.targets_for(METRIC)})


def render(canvas: Canvas) -> Rendered:
    view, lang, plans, atlas = canvas.view, canvas.lang, canvas.plans, canvas.atlas
    years = target_years(list(plans))
    year = view.year if view.year in years else (years[-1] if years else None)
    rows = [r for r in progress(plans, [*atlas.actuals, *canvas.actuals], year=year)
            if r.cluster_id and r.metric == METRIC] if year else []  # fmt: skip
    status_of = {(r.plan_id, r.cluster_id): r for r in rows}
    untracked = {"object": "counties", "kind": "context", "interactive": False,
                 "base": {**NOT_TRACKED, "stroke": "#9a9a9a", "weight": 0.4}}  # fmt: skip
    canvas.fmap.add_child(el.AtlasLayer(canvas.geometry, untracked, name="counties", control=False))
    context_layer(canvas, "cities", weight=1.2, color="#555")
    styles: dict[str, dict[str, Any]] = {}
    tooltips: dict[str, dict[str, Any]] = {}
    worst: dict[str, str] = {}
    names = {(r.level, r.code): r.name_zh if lang == "zh" else r.name_en for r in atlas.divisions.itertuples()}
    if view.level == "city":
        codes = {c.name_zh: c.code for c in atlas.level("city").itertuples()}
        for row in status_of.values():
            cluster = next(c for p in plans for c in p.clusters if c.id == row.cluster_id and p.id == row.plan_id)
            code = codes.get(cluster.city)
            if code:
                _add(code, names[("city", code)], row, (styles, tooltips, worst), lang, role="")
        obj = "cities"
    else:
        joined = atlas.join(plans).cluster_counties
        for county in joined.itertuples():
            row = status_of.get((county.plan_id, county.cluster_id))
            if row is not None:
                title = names[("county", county.county_code)]
                _add(county.county_code, title, row, (styles, tooltips, worst), lang, role=t(county.role, lang))
        obj = "counties"
    spec = {"object": obj, "kind": "progress", "only": list(styles), "styles": styles, "tooltips": tooltips,
            "base": {"stroke": "#555", "weight": 0.8}}  # fmt: skip
    canvas.fmap.add_child(el.AtlasLayer(canvas.geometry, spec, name=t("progress_title", lang)))
    counts = {status: sum(1 for r in rows if r.status == status) for status in STATUSES}
    legend = [
        LegendRow(_swatch(status), f"{t(f'progress_status_{status}', lang)}{paren(str(counts[status]), lang)}")
        for status in SEVERITY
    ]
    if year:
        legend.append(LegendRow(el.swatch_html(fill=NOT_TRACKED["fill"], stroke="#9a9a9a"),
                                t("progress_not_tracked", lang, year=year)))  # fmt: skip
    notes = [t("progress_legend_note", lang), t("progress_rule_line", lang)]
    sources = sorted({a.publisher for r in rows for a in (r.actual, r.half_year) if a is not None})
    if sources:
        notes.append(labelled(t("progress_source", lang), sep(lang).join(sources), lang))
    subtitle = f"{year} · {t('by_' + view.level, lang)}" if year else t("progress_no_targets", lang)
    return Rendered(t("progress_title", lang), subtitle, Legend(t("progress_legend_title", lang), legend, notes))


def _swatch(status: str) -> str:
    style = STATUS_STYLE[status]
    if "hatch" in style:
        return el.swatch_html(hatch=style["hatch"], stroke="#555")
    return el.swatch_html(fill=style["fill"], stroke="#555")


def _add(code: str, title: str, row: ProgressRow, drawn: tuple[dict, dict, dict], lang: str, *, role: str) -> None:
    """Colour a county (or city) by a cluster's status, keeping the worst where several clusters meet."""
    styles, tooltips, worst = drawn
    previous = worst.get(code)
    if previous is None or SEVERITY.index(row.status) < SEVERITY.index(previous):
        worst[code] = row.status
        styles[code] = dict(STATUS_STYLE[row.status])
    tip = tooltips.setdefault(code, {"title": title, "rows": []})
    subject = row.subject_zh if lang == "zh" else row.subject_en
    target = row.target_label_zh if lang == "zh" else row.target_label_en
    label = f"{subject}{paren(role, lang) if role else ''}"
    tip["rows"].append([label, f"{t(f'progress_status_{row.status}', lang)} · {t('progress_target', lang)} {target}"])
    if row.actual is not None:
        tip["rows"].append(["", t("progress_actual_of", lang, year=row.actual.year, value=row.actual.label(lang))])
    if row.required_growth is not None:
        planned = f" · {t('progress_planned', lang, pct=f'{row.plan_growth * 100:.1f}')}" if row.plan_growth is not None else ""
        tip["rows"].append(["", t("progress_required", lang, pct=f"{row.required_growth * 100:.1f}") + planned])
    if row.half_year is not None:
        tip["rows"].append(["", t("progress_half_year_of", lang, year=row.half_year.year, value=row.half_year.label(lang))])
    if row.status == "unknown" and row.reason:
        tip["rows"].append(["", t(f"progress_reason_{row.reason}", lang)])
    for actual in (row.actual, row.half_year):
        if actual is not None:
            tip["rows"].append([t("progress_source", lang), f"{actual.publisher} {actual.date or ''}".strip()])
    tip["note"] = t("progress_rule_line", lang)
