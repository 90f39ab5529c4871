"""Actual figures a planner adds: a template, an upload and an editable table, kept in the workspace.

Each upload, and each save of the table, is a new version of the workspace's "actuals" file (the
table is saved as CSV); the importer checks it first, and a file with any problem stores nothing.
The region's own published figures (``atlas.actuals``) are shown apart from the user's and never
edited here; where both give the same figure, the user's wins (``geo.progress``).
"""

from __future__ import annotations

import csv
import hashlib
import io

import pandas as pd
import streamlit as st

from geo.actuals import Actual
from geo.actuals_import import COLUMNS, TEMPLATE_HEADER, ActualsImport, import_actuals_bytes, template_bytes, template_header
from geo.plans import Plan
from geo.tabular import LIMITS
from i18n import t
from ui.workspace import WS_KEY, store, workspace_id

EDITOR_COLUMNS = TEMPLATE_HEADER  # plan, cluster, year, period, metric, value, source, quote, url, date


def headers(lang: str) -> list[str]:
    """The table's headers in the reader's language (the importer reads both)."""
    return template_header(lang)


@st.cache_data(show_spinner=False, max_entries=32)
def _parse(digest: str, filename: str, plan_ids: tuple[str, ...], _data: bytes, _plans: list[Plan]) -> ActualsImport:
    return import_actuals_bytes(_data, filename, _plans)


def _current(plans: list[Plan]) -> tuple[bytes, str] | None:
    ws_id = workspace_id()
    if not ws_id:
        return None
    version = store().current_version(ws_id, "actuals")
    return (version.data, version.filename) if version else None


def user_actuals(plans: list[Plan]) -> list[Actual]:
    """The workspace's actual figures in use, checked against ``plans`` (none where they no longer fit)."""
    held = _current(plans)
    if held is None:
        return []
    data, filename = held
    result = _parse(hashlib.sha256(data).hexdigest(), filename, tuple(p.id for p in plans), data, plans)
    return result.actuals if result.ok else []


def actuals_panel(lang: str, plans: list[Plan]) -> None:
    """The sidebar expander: templates, upload, report, and the table of the workspace's figures."""
    ss = st.session_state
    with st.sidebar.expander(t("progress_import_title", lang), expanded=False):
        st.caption(t("progress_import_help", lang, mb=LIMITS.max_bytes // 2**20))
        st.download_button(t("template_csv_short", lang), lambda: template_bytes("csv", plans, lang),
                           f"actuals-template-{lang}.csv", "text/csv", key="actuals_template_csv", on_click="ignore",
                           width="stretch")  # fmt: skip
        st.download_button(t("template_xlsx_short", lang), lambda: template_bytes("xlsx", plans, lang),
                           f"actuals-template-{lang}.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                           key="actuals_template_xlsx", on_click="ignore", width="stretch")  # fmt: skip
        upload = st.file_uploader(t("upload", lang), type=["csv", "xlsx"], key="actuals_upload")
        if upload is not None and upload.file_id != ss.get("_actuals_upload_id"):
            ss["_actuals_upload_id"] = upload.file_id
            _keep(upload.getvalue(), upload.name, plans)
        result: ActualsImport | None = ss.get("_actuals_result")
        if result is not None:
            (st.success if result.ok else st.error)(t("progress_import_ok" if result.ok else "progress_import_failed", lang))
            if not result.ok:
                st.dataframe(pd.DataFrame({t("report_problem", lang): [p.text(lang) for p in result.problems[:50]]}),
                             hide_index=True, width="stretch")  # fmt: skip
        _editor(lang, plans)


def _keep(data: bytes, filename: str, plans: list[Plan]) -> None:
    """Check a file of figures; keep it as the workspace's new version only if it imports whole."""
    result = import_actuals_bytes(data, filename, plans)
    st.session_state["_actuals_result"] = result
    if not result.ok:
        return
    ws_id = workspace_id()
    if ws_id is None:
        ws_id = store().create_workspace(filename[:200]).id
        st.session_state[WS_KEY] = ws_id
        st.session_state["_ws_created"] = True
    store().add_version(ws_id, "actuals", filename=filename[:200], data=data, report=result.report("en"),
                        summary=f"{len(result.actuals)} figures")  # fmt: skip


def _editor(lang: str, plans: list[Plan]) -> None:
    """The workspace's figures as an editable table; saving checks and keeps them as a new version."""
    held = _current(plans)
    frame = _frame(held[0] if held else None)
    frame.columns = headers(lang)
    st.caption(t("actuals_editor_help", lang))
    edited = st.data_editor(frame, num_rows="dynamic", hide_index=True, key=f"actuals_editor__{lang}", width="stretch")
    if st.button(t("actuals_save", lang), key="actuals_save"):
        rows = edited.fillna("").astype(str).values.tolist()
        rows = [r for r in rows if any(cell.strip() for cell in r)]
        buffer = io.StringIO()
        csv.writer(buffer).writerows([headers(lang), *rows])
        _keep(buffer.getvalue().encode("utf-8-sig"), "table.csv", plans)
        st.rerun()


def _frame(data: bytes | None) -> pd.DataFrame:
    """The stored file as a table with the canonical columns (headers in either language are read)."""
    if not data:
        return pd.DataFrame(columns=EDITOR_COLUMNS)
    try:
        text = data.decode("utf-8-sig")
        frame = pd.read_csv(io.StringIO(text), dtype=str).fillna("")
    except (UnicodeDecodeError, ValueError, pd.errors.ParserError):
        return pd.DataFrame(columns=EDITOR_COLUMNS)  # an XLSX upload: edit a fresh table (the file stays as uploaded)
    canonical = {alias.lower(): name for name, aliases in COLUMNS.items() for alias in aliases}
    frame = frame.rename(columns=lambda c: canonical.get(str(c).strip().lower(), c))
    return frame.reindex(columns=EDITOR_COLUMNS, fill_value="")


def digest(actuals: tuple[Actual, ...] | list[Actual]) -> str:
    """A key for cached results that depend on the user's figures."""
    return hashlib.sha256(repr([a.model_dump() for a in actuals]).encode()).hexdigest()[:16]
