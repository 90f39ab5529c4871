"""Bring your own clusters: upload a list (CSV, XLSX or YAML), see the report, use it everywhere.

A file that fails is reported row by row and changes nothing: the list loaded before stays.
"""

from __future__ import annotations

import streamlit as st

from geo.importer import MAX_BYTES, import_bytes, template_bytes
from i18n import t
from ui.data import forget_import, register_import


def import_panel(lang: str) -> str:
    """Draw the import expander in the sidebar; return the token of the imported list in use."""
    ss = st.session_state
    with st.sidebar.expander(t("import_title", lang), expanded=False):
        st.caption(t("import_help", lang).format(mb=MAX_BYTES // (1024 * 1024)))
        csv, xlsx = st.columns(2)
        csv.download_button(t("template_csv", lang), lambda: template_bytes("csv"), "clusters-template.csv", "text/csv",
                            key="template_csv", on_click="ignore")  # fmt: skip
        xlsx.download_button(t("template_xlsx", lang), lambda: template_bytes("xlsx"), "clusters-template.xlsx",
                             "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                             key="template_xlsx", on_click="ignore")  # fmt: skip
        upload = st.file_uploader(t("upload", lang), type=["csv", "xlsx", "yaml", "yml"], key="upload")
        if upload is not None and upload.file_id != ss.get("_upload_id"):
            ss["_upload_id"] = upload.file_id
            data = upload.getvalue()
            result = import_bytes(data, upload.name)
            ss["_import_report"] = (result.ok, result.report())
            if result.ok and result.plan is not None:
                ss["import_token"] = register_import(result.plan, data)
                ss["v_plans"] = [*ss.get("v_plans", []), result.plan.id]
                for key in [k for k in ss if str(k).startswith("w_plans__")]:
                    del ss[key]
        report = ss.get("_import_report")
        if report:
            ok, text = report
            (st.success if ok else st.error)(t("import_ok" if ok else "import_failed", lang))
            st.code(text, language=None)
        if ss.get("import_token") and st.button(t("import_clear", lang), key="import_clear"):
            ss.pop("import_token")
            forget_import()
            ss.pop("_import_report", None)
            for key in [k for k in ss if str(k).startswith("w_plans__")]:
                del ss[key]
    return ss.get("import_token", "")
