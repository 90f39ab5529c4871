"""Workspaces in the app: a planner's imported lists, actual figures and saved views, kept in the store.

The workspace id travels in the URL (``?ws=…``): a reload or a shared link opens the same work.
Without a workspace the app runs on the region's own plans; the first import creates one and puts
it in the URL, saying so. Everything a session reads comes from the store, so a restart, another
app process or a colleague's browser sees the same workspace; nothing of one workspace appears in
another. The id is a secret: messages and logs show only ``short_id``.
"""

from __future__ import annotations

import hashlib

import streamlit as st

from geo import settings
from geo.importer import ImportResult, import_bytes
from geo.plans import Plan
from i18n import t
from layers._escape import markdown_text
from store import Store, StoreError, Version, WorkspaceNotFound, short_id
from ui.data import Choice, atlas, bundled_plans, select

WS_KEY = "ws"  # session state and URL: the workspace id


@st.cache_resource(show_spinner=False)
def _store(url: str) -> Store:
    return Store(url)


def store() -> Store:
    """The one store of this app process (``$ATLAS_DATABASE_URL`` or the SQLite file under ``var/``)."""
    return _store(settings.database_url())


def workspace_id() -> str | None:
    return st.session_state.get(WS_KEY)


def open_workspace(ws_id: str | None) -> str | None:
    """Take the workspace a link names; a problem to report (shortened) when it does not exist."""
    if not ws_id:
        return None
    try:
        store().get_workspace(ws_id)
    except WorkspaceNotFound:
        return f"ws={short_id(ws_id)}"
    st.session_state[WS_KEY] = ws_id
    return None


@st.cache_data(show_spinner=False, max_entries=32)
def _parse(digest: str, filename: str, _data: bytes) -> ImportResult:
    """A stored cluster list, imported again (cached by its content: the same bytes give the same plan)."""
    return import_bytes(_data, filename, atlas())


def current_list(ws_id: str | None) -> tuple[str, Plan] | None:
    """The workspace's cluster list in use as (token, plan), or None."""
    if not ws_id:
        return None
    try:
        version = store().current_version(ws_id, "clusters")
    except StoreError:
        return None
    if version is None:
        return None
    digest = hashlib.sha256(version.data).hexdigest()
    result = _parse(digest, version.filename, version.data)
    return (digest[:16], result.plan) if result.ok and result.plan is not None else None


def save_import(data: bytes, filename: str, result: ImportResult) -> str:
    """Keep a successful import as the workspace's new list version (creating the workspace first)."""
    ws_id = workspace_id()
    if ws_id is None:
        ws_id = store().create_workspace(filename[:200]).id
        st.session_state[WS_KEY] = ws_id
        st.session_state["_ws_created"] = True
    summary = f"{len(result.plan.clusters) if result.plan else 0} clusters"
    store().add_version(ws_id, "clusters", filename=filename[:200], data=data, report=result.report("en"), summary=summary)
    return ws_id


def workspace_panel(lang: str) -> None:
    """The sidebar's workspace expander: name, list versions, saved views, backup, delete."""
    ws_id = workspace_id()
    ss = st.session_state
    if ss.pop("_ws_created", False):
        st.sidebar.success(t("ws_created", lang))
    with st.sidebar.expander(t("ws_title", lang), expanded=False):
        if ws_id is None:
            st.caption(t("ws_none", lang))
            _restore(lang)
            return
        try:
            workspace = store().get_workspace(ws_id)
        except WorkspaceNotFound:
            ss.pop(WS_KEY, None)
            st.warning(t("ws_gone", lang))
            return
        st.caption(t("ws_link", lang))
        name = st.text_input(t("ws_name", lang), value=workspace.name, key="ws_name", max_chars=200)
        if name != workspace.name and st.button(t("ws_rename", lang), key="ws_rename"):
            store().rename_workspace(ws_id, name)
            st.rerun()
        _versions(ws_id, lang)
        _views(ws_id, lang)
        st.download_button(t("ws_export", lang), lambda: store().export_workspace(ws_id), "workspace.json",
                           "application/json", key="ws_export", on_click="ignore")  # fmt: skip
        _restore(lang)
        st.divider()
        if st.checkbox(t("ws_delete_confirm", lang), key="ws_delete_confirm") and st.button(
            t("ws_delete", lang), type="primary", key="ws_delete"
        ):
            store().delete_workspace(ws_id)
            ss.pop(WS_KEY, None)
            st.rerun()


def _versions(ws_id: str, lang: str) -> None:
    versions = store().versions(ws_id, "clusters")
    if not versions:
        return
    labels = {v.number: _version_label(v, lang) for v in versions}
    in_use = next((v.number for v in versions if v.in_use), None)
    chosen = st.selectbox(t("ws_versions", lang), list(labels), format_func=labels.__getitem__, key="ws_version",
                          index=list(labels).index(in_use) if in_use in labels else 0)  # fmt: skip
    if chosen != in_use and st.button(t("ws_use_version", lang), key="ws_use"):
        store().use_version(ws_id, "clusters", chosen)
        st.rerun()


def _version_label(version: Version, lang: str) -> str:
    when = version.created_at.strftime("%Y-%m-%d %H:%M")
    mark = t("ws_in_use", lang) if version.in_use else ""
    return f"v{version.number} · {version.filename} · {when} UTC {mark}".strip()


def _views(ws_id: str, lang: str) -> None:
    views = store().views(ws_id)
    for view in views:
        left, right = st.columns([3, 1])
        left.link_button(view.name, "?" + "&".join(f"{k}={v}" for k, v in view.params.items()))
        if right.button("✕", key=f"ws_view_delete_{view.name}", help=t("ws_view_delete", lang)):
            store().delete_view(ws_id, view.name)
            st.rerun()
    name = st.text_input(t("ws_view_name", lang), key="ws_view_name", max_chars=200)
    if st.button(t("ws_view_save", lang), key="ws_view_save", disabled=not name.strip()):
        store().save_view(ws_id, name.strip(), dict(st.query_params))
        st.success(t("ws_view_saved", lang, name=markdown_text(name.strip())))


def _restore(lang: str) -> None:
    upload = st.file_uploader(t("ws_import", lang), type=["json"], key="ws_import")
    if upload is not None and upload.file_id != st.session_state.get("_ws_import_id"):
        st.session_state["_ws_import_id"] = upload.file_id
        try:
            workspace = store().import_workspace(upload.getvalue(), new_id=True)
        except StoreError as error:
            st.error(markdown_text(str(error)))
            return
        st.session_state[WS_KEY] = workspace.id
        st.rerun()


def imported_plan(token: str) -> Plan | None:
    """The workspace's list in use, if ``token`` names it (tokens are content hashes)."""
    held = current_list(workspace_id())
    return held[1] if held and token and held[0] == token else None


def current_token() -> str:
    held = current_list(workspace_id())
    return held[0] if held else ""


def all_plans(token: str = "") -> list[Plan]:
    """The region's plans, plus the workspace's imported list when ``token`` names it."""
    imported = imported_plan(token)
    return [*bundled_plans(), imported] if imported else bundled_plans()


def plans_for(plan_ids: Choice, tiers: Choice, token: str = "") -> list[Plan]:
    """The chosen plans with only the chosen tiers' clusters (None: every plan or tier)."""
    return select(plan_ids, tiers, imported_plan(token))
