"""The targets tab: each cluster's target path with its actual figures, the progress table (status and
growth still needed), the goal reconciliation with what the actuals say, and the figures behind them."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from geo.actuals import Actual
from geo.plans import Plan
from geo.progress import ProgressRow, explain, progress
from geo.reconcile import GoalCheck
from geo.tables import table_bytes
from i18n import display_amount, paren, pick, sep, t, t_or, unit_label
from i18n.tables import localise
from i18n.wording import check_row
from ui.actuals import user_actuals
from ui.data import atlas, reconciliation
from ui.state import AppState
from ui.workspace import all_plans, imported_plan


def target_frame(plans: list[Plan], lang: str, actuals: list[Actual] = ()) -> pd.DataFrame:  # type: ignore[assignment]
    """One row per revenue target (``kind`` target) and per revenue actual of a cluster with targets:
    ``kind`` actual for a full-year figure, ``half`` for a first-half one (never drawn as a year's).
    Columns: cluster, kind, year, period (in words), value in the language's unit, figure, qualifier, quote."""
    rows = [
        {
            "cluster": c.name(lang),
            "kind": "target",
            "year": tg.year,
            "period": "",
            "value": display_amount(tg.value, tg.unit, lang),
            "figure": tg.label(lang),
            "qualifier": str(tg.qualifier),
            "quote": tg.quote,
        }
        for p in plans
        for c in p.clusters
        for tg in c.targets_for("revenue")
    ]
    names = {(p.id, c.id): c.name(lang) for p in plans for c in p.clusters if c.targets_for("revenue")}
    rows += [
        {"cluster": names[(a.plan, a.cluster)], "kind": "actual" if a.period == "year" else "half", "year": a.year,
         "period": period_words(a.period, lang), "value": display_amount(a.value, a.unit, lang),
         "figure": a.label(lang) if a.period == "year" else f"{period_words(a.period, lang)} {a.label(lang)}",
         "qualifier": str(a.qualifier), "quote": a.quote}
        for a in actuals
        if a.cluster and a.metric == "revenue" and (a.plan, a.cluster) in names
    ]  # fmt: skip
    return pd.DataFrame(rows)


def period_words(period: str, lang: str) -> str:
    """全年 / 上半年, Full year / First half: what part of its year a figure covers."""
    return t(f"progress_period_cell_{period}", lang)


def target_chart(frame: pd.DataFrame, lang: str):
    """Each cluster's revenue path in a panel of its own, so paths that coincide never hide each other;
    full-year actuals as filled diamonds, first-half figures as hollow triangles labelled with their period."""
    import altair as alt  # noqa: PLC0415 (only this tab draws a chart)

    unit = unit_label("亿元", lang)
    base = alt.Chart().encode(  # the data goes on the layer: a faceted chart holds it at its top
        x=alt.X("year:O", title=t("year_label", lang), axis=alt.Axis(labelAngle=0)),
        y=alt.Y("value:Q", title=t("targets", lang) + paren(unit, lang)),
        tooltip=[
            alt.Tooltip("cluster:N", title=t("cluster", lang)),
            alt.Tooltip("year:O", title=t("year_label", lang)),
            alt.Tooltip("period:N", title=t("progress_period", lang)),
            alt.Tooltip("figure:N", title=t("figure", lang)),
            alt.Tooltip("quote:N", title=t("quote", lang)),
        ],
    )
    targets = base.transform_filter(alt.datum.kind == "target")
    line = targets.mark_line(strokeDash=[5, 3], color="#0072B2")
    points = targets.mark_point(filled=False, size=70, color="#0072B2")
    labels = targets.mark_text(dy=-10, fontSize=11, color="#333").encode(text="figure:N")
    actual = base.transform_filter(alt.datum.kind == "actual").mark_point(filled=True, size=110, color="#D55E00",
                                                                          shape="diamond")  # fmt: skip
    halves = base.transform_filter(alt.datum.kind == "half")
    half = halves.mark_point(filled=False, size=110, color="#D55E00", shape="triangle-up", strokeWidth=1.6)
    half_label = halves.mark_text(dy=14, fontSize=10, color="#D55E00").encode(text="period:N")
    return (
        alt.layer(line, points, labels, actual, half, half_label, data=frame)
        .properties(width=250, height=170)
        .facet(facet=alt.Facet("cluster:N", title=None, header=alt.Header(labelLimit=0, labelFontSize=12)), columns=3)
        .resolve_scale(y="shared")
    )


RECONCILIATION_COLUMNS = ("plan", "year", "goal", "result", "stated", "implied", "detail")  # the result early: it is the answer
_HEADERS = {"plan": "plan", "year": "year_label", "goal": "goal", "result": "check_result", "stated": "stated",
            "implied": "implied", "detail": "detail"}  # fmt: skip


def targets_tab(state: AppState, plans: list[Plan]) -> None:
    lang = state.view.lang
    added = user_actuals(all_plans(state.token))
    actuals = [*atlas().actuals, *added]
    st.subheader(t("target_paths", lang))
    frame = target_frame(plans, lang, actuals)
    if frame.empty:
        st.info(t("none_listed", lang))
    else:
        st.altair_chart(target_chart(frame, lang), width="content")
        st.caption(t("figures_keep_qualifiers", lang) + " " + t("progress_actual_points", lang))
    rows = progress(plans, actuals)
    progress_section(rows, lang)
    checks, growth = reconciliation(state.plan_ids, state.tiers, state.token, imported_plan(state.token))
    st.subheader(t("reconciliation", lang))
    if checks:
        st.dataframe(reconciliation_table(checks, plans, lang, rows), hide_index=True, width="stretch")
    st.subheader(t("implied_growth", lang))
    if not growth.empty:
        names = {c.id: c.name(lang) for p in plans for c in p.clusters} | {"(sum)": t("sum", lang)}
        growth = growth.assign(cluster_name_zh=growth["cluster_id"].map(names)).drop(columns=["plan_id", "cluster_id"])
        st.dataframe(localise(growth, lang), hide_index=True, width="stretch")
    actuals_tables(all_plans(state.token), atlas().actuals, added, lang)


def progress_table(rows: list[ProgressRow], lang: str) -> pd.DataFrame:
    """Each target, its latest full-year actual (the year a whole number, empty where there is none),
    a newer first-half figure apart, its status and the growth still needed, in the reader's language."""
    def pct(value: float | None) -> str:
        return "" if value is None else f"{value * 100:.1f}%"

    def half(row: ProgressRow) -> str:
        figure = row.half_year
        return t("progress_half_year_cell", lang, year=figure.year, value=figure.label(lang)) if figure else ""

    frame = pd.DataFrame([{
        t("progress_of_targets", lang): row.subject_zh if lang == "zh" else row.subject_en,
        t("metric", lang): t_or(f"m_{row.metric}", lang, row.metric),
        t("year_label", lang): row.year,
        t("progress_target", lang): row.target_label_zh if lang == "zh" else row.target_label_en,
        t("progress_actual", lang): row.actual.label(lang) if row.actual else "",
        t("progress_actual_year", lang): row.actual.year if row.actual else None,
        t("progress_half_year", lang): half(row),
        t("progress_status", lang): t(f"progress_status_{row.status}", lang),
        t("progress_required_growth", lang): pct(row.required_growth),
        t("progress_plan_growth", lang): pct(row.plan_growth),
        t("detail", lang): explain(row, lang),
        t("progress_source", lang): sep(lang).join(_source(a) for a in (row.actual, row.half_year) if a is not None),
    } for row in rows])  # fmt: skip
    if not frame.empty:
        year = t("progress_actual_year", lang)
        frame[year] = frame[year].astype("Int64")  # whole years; empty where there is no actual (not NaN)
    return frame


def shown(frame: pd.DataFrame) -> pd.DataFrame:
    """A table as the screen shows it: whole-number columns with gaps as text, so a gap is empty, not None."""
    out = frame.copy()
    for column in out.columns:
        if str(out[column].dtype) == "Int64" and out[column].isna().any():
            out[column] = out[column].map(lambda v: "" if pd.isna(v) else str(v))
    return out


def _source(actual: Actual) -> str:
    return f"{actual.publisher} {actual.date or ''} {actual.url or ''}".strip()


def progress_section(rows: list[ProgressRow], lang: str) -> None:
    """The progress table, the rule it follows, and its downloads."""
    st.subheader(t("progress_table", lang))
    st.caption(t("progress_rule", lang))
    table = progress_table(rows, lang)
    st.dataframe(shown(table), hide_index=True, width="stretch", key="progress_table")
    csv_col, xlsx_col = st.columns(2)
    csv_col.download_button(t("download_csv", lang), lambda: table_bytes(table, "csv"), f"progress-{lang}.csv", "text/csv",
                            key="progress_csv", on_click="ignore")  # fmt: skip
    xlsx_col.download_button(t("download_xlsx", lang), lambda: table_bytes(table, "xlsx", sheet="progress"),
                             f"progress-{lang}.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                             key="progress_xlsx", on_click="ignore")  # fmt: skip


def actuals_tables(plans: list[Plan], bundled: list[Actual], added: list[Actual], lang: str) -> None:
    """The figures the progress rests on: the verified published ones and the workspace's, apart."""
    for title, figures in (("progress_bundled_table", bundled), ("progress_user_table", added)):
        if figures:
            st.subheader(t(title, lang))
            st.dataframe(actuals_frame(plans, figures, lang), hide_index=True, width="stretch")


def actuals_frame(plans: list[Plan], figures: list[Actual], lang: str) -> pd.DataFrame:
    """Published figures as a table: what each is of, its year and period (a first-half figure says so
    beside its year), the figure, its words, source and scope."""
    names = {(p.id, c.id): c.name(lang) for p in plans for c in p.clusters}
    names |= {(p.id, g.id): pick(g, "label", lang) for p in plans for g in p.goals}
    return pd.DataFrame([{
        t("progress_of_targets", lang): names.get((a.plan, a.cluster or a.goal or ""), a.cluster or a.goal),
        t("year_label", lang): a.year,
        t("progress_period", lang): period_words(a.period, lang),
        t("progress_actual", lang): a.label(lang), t("quote", lang): a.quote,
        t("progress_source", lang): _source(a),
        t("progress_scope_note", lang): a.scope_note(lang),
    } for a in figures])  # fmt: skip


def reconciliation_table(checks: list[GoalCheck], plans: list[Plan], lang: str,
                         rows: list[ProgressRow] = ()) -> pd.DataFrame:  # type: ignore[assignment]
    """The goal checks in the reader's language, the result beside the goal, and what the actuals say."""
    actual = {(r.plan_id, r.goal_id): explain(r, lang) for r in rows if r.goal_id}
    table = [check_row(check, plans, lang) for check in checks]
    frame = pd.DataFrame([{t(_HEADERS[k], lang): row[k] for k in RECONCILIATION_COLUMNS} for row in table])
    frame.insert(4, t("progress_actual", lang), [actual.get((c.plan_id, c.goal_id), "") for c in checks])
    return frame
