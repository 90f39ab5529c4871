"""Bring your own clusters: upload a list (CSV, XLSX or YAML), see the report, use it everywhere.

A file that fails is reported row by row and changes nothing: the list loaded before stays. The
sidebar holds the uploader; the report is shown wide, above the tabs (``import_report``), in the
reader's language.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from geo.importer import MAX_BYTES, ImportResult, import_bytes, template_bytes
from geo.tabular import LIMITS
from i18n import problem_text, t
from layers._escape import css_string, markdown_text
from ui.data import atlas
from ui.workspace import current_token, save_import, store, workspace_id

RESULT_KEY = "_import_result"


def import_panel(lang: str) -> str:
    """Draw the import expander in the sidebar; return the token of the workspace's list in use."""
    ss = st.session_state
    with st.sidebar.expander(t("import_title", lang), expanded=False):
        st.caption(t("import_help", lang).format(mb=MAX_BYTES // (1024 * 1024)))
        st.download_button(t("template_csv_short", lang), lambda: template_bytes("csv", atlas(), lang), "clusters-template.csv",
                           "text/csv", key="template_csv", on_click="ignore", width="stretch")  # fmt: skip
        st.download_button(t("template_xlsx_short", lang), lambda: template_bytes("xlsx", atlas(), lang),
                           "clusters-template.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                           key="template_xlsx", on_click="ignore", width="stretch")  # fmt: skip
        uploader_words(lang)
        upload = st.file_uploader(t("upload", lang), type=["csv", "xlsx", "yaml", "yml"], key="upload")
        if upload is not None and upload.file_id != ss.get("_upload_id"):
            ss["_upload_id"] = upload.file_id
            data = upload.getvalue()
            result = import_bytes(data, upload.name, atlas())
            ss[RESULT_KEY] = result
            if result.ok and result.plan is not None:  # kept in the workspace; a failed import stores nothing
                save_import(data, upload.name, result)
        result = ss.get(RESULT_KEY)
        if result is not None:
            (st.success if result.ok else st.error)(t("import_ok" if result.ok else "import_failed", lang))
        ws_id = workspace_id()
        if ws_id and current_token() and st.button(t("import_clear", lang), key="import_clear"):
            store().clear_current(ws_id, "clusters")  # the history stays: the list can be chosen again
            ss.pop(RESULT_KEY, None)
            for key in [k for k in ss if str(k).startswith("w_plans__")]:
                del ss[key]
    return current_token()


def uploader_words(lang: str) -> None:
    """Streamlit writes "Upload", "Drag and drop file here" and "Limit 20MB per file" in English and
    offers no setting for them: hide them and say it in the reader's language instead. The stylesheet
    applies to every uploader on the page (cluster list, actual figures, workspace backup)."""
    st.caption(t("uploader_help", lang))
    st.markdown(f"<style>{uploader_css(lang)}</style>", unsafe_allow_html=True)  # our own; its one string via css_string


def uploader_css(lang: str) -> str:
    """The stylesheet that relabels every file uploader in ``lang``: Streamlit 1.67 draws the button as
    an icon and a Markdown "Upload" (hidden, our word after it), and the drop zone's hint (hidden)."""
    zone = '[data-testid="stFileUploaderDropzone"]'
    return (
        f'{zone} [data-testid="stFileUploaderDropzoneInstructions"] {{ display: none; }}'
        f'{zone} button [data-testid="stMarkdownContainer"] {{ display: none; }}'
        # only the button that carries the hidden word (not a file chip's remove button, not the "+" after an upload)
        f'{zone} button:has([data-testid="stMarkdownContainer"])::after {{ content: {css_string(t("browse", lang))}; '
        f"margin-left: 0.5rem; font-size: 14px; white-space: nowrap; }}"
    )


def import_report(lang: str) -> None:
    """The last import's report, wide: every problem by row and column, or every imported cluster."""
    result: ImportResult | None = st.session_state.get(RESULT_KEY)
    if result is None:
        return
    with st.expander(f"{t('import_report', lang)} · {markdown_text(result.filename)}", expanded=not result.ok):
        st.markdown(markdown_text(result.report(lang).splitlines()[0]))
        st.dataframe(report_table(result, lang), hide_index=True, width="stretch", key="import_report_table")
        hidden = len(result.problems) - LIMITS.max_reported_problems
        if hidden > 0:
            st.caption(t("report_more_rows", lang, n=hidden))
        if st.button(t("dismiss", lang), key="import_report_close"):
            st.session_state.pop(RESULT_KEY, None)
            st.rerun()


def report_table(result: ImportResult, lang: str) -> pd.DataFrame:
    """The report as a table: problems (row, column, what, candidates), or the clusters imported."""
    if result.ok:
        rows = [{t("report_row", lang): r.row, t("report_cluster", lang): r.name, t("city", lang): r.city,
                 t("report_places", lang): "; ".join(r.places)} for r in result.rows]  # fmt: skip
        return pd.DataFrame(rows)
    rows = [{t("report_row", lang): p.row or "", t("report_column", lang): p.column or "",
             t("report_problem", lang): problem_text(p.code, p.fields, lang),
             t("report_candidates", lang): "; ".join(p.candidates)}
            for p in result.problems[: LIMITS.max_reported_problems]]  # fmt: skip
    return pd.DataFrame(rows)
