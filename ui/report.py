"""The report-map panel under the map: the view on screen as a PDF, PNG or SVG page for a report.

Printing takes Chromium a few seconds, so it runs when asked (a button), and the file it made is
offered for download as long as the settings that made it are unchanged. What this server cannot
make (no Chromium; SVG without pdftocairo) is said before anyone waits, in the UI's language.
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Sequence

import streamlit as st

from geo._errors import AtlasError
from geo.metrics import metric_spec, metric_years
from geo.plans import Plan
from i18n import t
from layers.print import PAGES, print_bytes
from layers.print.layout import MAX_YEARS
from layers.print.outputs import missing_tools
from layers.views import View
from ui.data import atlas

LOG = logging.getLogger(__name__)
OPEN_KEY = "_report_open"  # whether the panel was open, kept across languages (its widgets are keyed per language)
FORMATS = {"pdf": ("pdf", 300), "png300": ("png", 300), "png150": ("png", 150), "svg": ("svg", 300)}
MIMES = {"pdf": "application/pdf", "png": "image/png", "svg": "image/svg+xml"}


def report_panel(view: View, plans: list[Plan], stem: str, actuals: Sequence = ()) -> None:
    """Page, format and years for a report map of ``view``; a button makes it, another downloads it."""
    lang = view.lang
    panel = st.expander(t("report_panel", lang), expanded=bool(st.session_state.get(OPEN_KEY)),
                        key=f"report_panel__{lang}", on_change="rerun")  # fmt: skip
    st.session_state[OPEN_KEY] = bool(panel.open)  # the other language's panel opens as this one is
    with panel:
        if "chromium" in missing_tools(["pdf"]):
            st.info(t("report_no_chromium", lang))
            return
        st.caption(t("report_intro", lang))
        page = st.selectbox(t("report_page", lang), PAGES, format_func=lambda p: t(f"page_{p}", lang),
                            key=f"report_page__{lang}")  # fmt: skip
        choices = [f for f in FORMATS if f != "svg" or not missing_tools(["svg"])]
        choice = st.radio(t("report_format", lang), choices, format_func=lambda f: t(f"fmt_{f}", lang),
                          horizontal=True, key=f"report_format__{lang}")  # fmt: skip
        if len(choices) < len(FORMATS):
            st.caption(t("report_no_svg", lang))
        years = _years(view, plans)
        fmt, dpi = FORMATS[choice]
        settings = _settings_key(view, plans, page, choice, tuple(years), tuple(actuals))
        made = st.session_state.get("report_made")
        if st.button(t("report_make", lang), key=f"report_make__{lang}"):
            with st.spinner(t("report_making", lang)):
                try:
                    data = print_bytes(atlas(), view, plans, fmt=fmt, page=page, dpi=dpi, years=years,  # type: ignore[arg-type]
                                       actuals=tuple(actuals))  # fmt: skip
                except AtlasError as error:
                    LOG.warning("report map failed: %s", error)
                    st.error(t("report_failed", lang, error=_reason(error, lang)))
                    return
            made = st.session_state["report_made"] = {"key": settings, "data": data, "fmt": fmt}
        if made and made["key"] == settings:
            st.download_button(t("report_download", lang, fmt=fmt.upper()), data=made["data"],
                               file_name=report_file_name(stem, view, page=page, fmt=fmt, dpi=dpi, years=years), mime=MIMES[fmt],
                               key=f"report_download__{lang}", on_click="ignore")  # fmt: skip
        elif made:
            st.caption(t("report_stale", lang))


def report_file_name(stem: str, view: View, *, page: str, fmt: str, dpi: int, years: Sequence[int] = ()) -> str:
    """The file's name: the map's ``stem`` with the page (and a PNG's dpi); with years side by side,
    the years shown in place of the map's one year (``...-revenue-2023_2025_2027-...``)."""
    if years:
        shown = "_".join(str(y) for y in years)
        metric = re.escape(view.metric.lower())
        named, found = re.subn(rf"(^|-){metric}(-\d{{4}})?(?=-|$)", rf"\g<1>{view.metric.lower()}-{shown}", stem, count=1)
        stem = named if found else f"{stem}-{shown}"
    return f"{stem}-{page.lower()}{'-' + str(dpi) + 'dpi' if fmt == 'png' else ''}.{fmt}"


def _years(view: View, plans: list[Plan]) -> tuple[int, ...]:
    """Years side by side: offered for the choropleth of a yearly metric only."""
    if view.kind != "choropleth":
        return ()
    try:
        if not metric_spec(view.metric, [*atlas().plans, *plans]).by_year:
            return ()
    except AtlasError:
        return ()
    known = metric_years(plans, view.metric)
    if len(known) < 2:
        return ()
    chosen = st.multiselect(t("report_years", lang := view.lang), known, help=t("report_years_help", lang),
                            max_selections=MAX_YEARS, key=f"report_years__{lang}__{view.metric}")  # fmt: skip
    return tuple(sorted(chosen)) if len(chosen) >= 2 else ()


def _settings_key(view: View, plans: list[Plan], *choices: object) -> str:
    """What made a report file: a new map on screen (or new plans, figures) makes it stale."""
    text = repr((view, [p.model_dump_json() for p in plans], *choices))
    return hashlib.sha256(text.encode()).hexdigest()


def _reason(error: AtlasError, lang: str) -> str:
    """The failure in the UI's language: known causes by name, anything else as the general sentence."""
    text = str(error)
    if "Chromium" in text and "not installed" in text:
        return t("report_no_chromium", lang)
    if "pdftocairo" in text:
        return t("report_no_svg", lang)
    return text if lang == "en" else t("report_failed_other", lang)
