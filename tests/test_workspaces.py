"""Workspaces in the app and the CLI: an import is kept, a link restores it, nothing leaks between them.

The app is driven with AppTest (the real script, the real store on a throw-away SQLite file); the
CLI as a user runs it. The store itself is tested on SQLite and PostgreSQL in tests/test_store.py.
"""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from store import Store
from tests.conftest import run_app, run_cli
from tests.hostile import corpus

GOOD = corpus()["ok_bom.csv"].data  # one cluster, 安平丝网产业集群 (id u-anping)
OTHER = GOOD.replace("安平丝网产业集群".encode(), "另一个集群".encode()).replace(b"anping", b"other")


def _upload(app: AppTest, name: str, data: bytes) -> None:
    app.file_uploader(key="upload").upload(name, data, "text/csv").run()
    assert not app.exception, app.exception


def _plan_options(app: AppTest) -> list[str]:
    return list(app.multiselect(key="w_plans__zh").options)


def test_the_first_import_creates_a_workspace_and_a_link_restores_it() -> None:
    app = run_app()
    _upload(app, "mine.csv", GOOD)
    ws = app.query_params["ws"]
    assert len(ws) >= 22  # at least 128 random bits, URL-safe
    assert any("已建立工作区" in s.value for s in app.sidebar.success)
    app.radio(key="w_kind__zh").set_value("cluster").run()
    app.multiselect(key="w_clusters__zh").set_value(["u-anping"]).run()  # by id; shown as 安平丝网产业集群（导入：mine.csv）
    link = dict(app.query_params)
    assert link["clusters"] == "u-anping"
    # the same link in another browser (a new session), and after the app restarts (a new store)
    st.cache_resource.clear()  # as a restart: the app's store and atlas are made again
    st.cache_data.clear()
    colleague = run_app(**link)
    assert colleague.multiselect(key="w_clusters__zh").value == ["u-anping"]
    assert not colleague.warning, "the link's parameters are all understood"
    assert any(o.startswith("导入：") for o in _plan_options(colleague))


def test_a_failed_import_stores_nothing_and_keeps_the_version_in_use() -> None:
    app = run_app()
    _upload(app, "mine.csv", GOOD)
    ws = app.query_params["ws"]
    before = Store().versions(ws, "clusters")
    _upload(app, "bad.yaml", b"[" * 5000)
    _upload(app, "dup.csv", "编号,集群名称,所在市,核心承载区\na,甲,衡水,安平县\na,乙,衡水,饶阳县\n".encode())
    after = Store().versions(ws, "clusters")
    assert [(v.number, v.in_use) for v in after] == [(v.number, v.in_use) for v in before] == [(1, True)]


def test_versions_can_be_chosen_and_an_older_one_restored() -> None:
    app = run_app()
    _upload(app, "first.csv", GOOD)
    _upload(app, "second.csv", OTHER)
    ws = app.query_params["ws"]
    assert [v.number for v in Store().versions(ws, "clusters") if v.in_use] == [2]
    app.selectbox(key="ws_version").set_value(1).run()  # the workspace panel lists both: choose the first
    app.button(key="ws_use").click().run()
    assert not app.exception
    assert [v.number for v in Store().versions(ws, "clusters") if v.in_use] == [1]
    app.radio(key="w_kind__zh").set_value("cluster").run()
    assert "安平丝网产业集群（导入：first.csv）" in app.multiselect(key="w_clusters__zh").options


def test_saved_views_are_listed_and_a_workspace_sees_nothing_of_another() -> None:
    first, second = run_app(), run_app()
    _upload(first, "a.csv", GOOD)
    _upload(second, "b.csv", OTHER)
    first.text_input(key="ws_view_name").set_value("我的视图").run()
    first.button(key="ws_view_save").click().run()
    ws_a, ws_b = first.query_params["ws"], second.query_params["ws"]
    assert ws_a != ws_b
    store = Store()
    assert [v.name for v in store.views(ws_a)] == ["我的视图"] and store.views(ws_b) == []
    assert [v.filename for v in store.versions(ws_b, "clusters")] == ["b.csv"]
    second.radio(key="w_kind__zh").set_value("cluster").run()
    assert not any("a.csv" in o for o in second.multiselect(key="w_clusters__zh").options)
    assert "另一个集群" in second.multiselect(key="w_clusters__zh").options


def test_an_unknown_workspace_is_reported_with_a_shortened_id() -> None:
    app = run_app(ws="A" * 32)
    (warning,) = app.warning
    assert "AAAAAA…" in warning.value and "A" * 7 not in warning.value


def test_the_id_is_never_logged_in_full(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    app = run_app()
    _upload(app, "mine.csv", GOOD)
    ws = app.query_params["ws"]
    assert ws not in caplog.text


def test_the_cli_uses_the_same_store(tmp_path: Path) -> None:
    created = run_cli("workspace", "create", "--name", "命令行")
    assert created.returncode == 0, created.stderr
    ws = created.stdout.strip()
    template = tmp_path / "t.csv"
    assert run_cli("template", str(template)).returncode == 0
    imported = run_cli("import", str(template), "--workspace", ws)
    assert imported.returncode == 0 and "kept as version 1" in imported.stdout and ws not in imported.stdout
    coverage = run_cli("coverage", "--workspace", ws, "--table", "clusters")
    assert "示例产业集群1" in coverage.stdout
    shown = run_cli("workspace", "show", ws)
    assert "clusters v1 (in use): t.csv" in shown.stdout
    backup = tmp_path / "ws.json"
    assert run_cli("workspace", "export", ws, str(backup)).returncode == 0
    restored = run_cli("workspace", "import", str(backup), "--new-id").stdout.strip()
    assert restored and restored != ws
    assert "clusters v1 (in use): t.csv" in run_cli("workspace", "show", restored).stdout
    missing = run_cli("workspace", "show", "x" * 32)
    assert missing.returncode == 2 and "x" * 7 not in missing.stderr and "Traceback" not in missing.stderr
    # a list imported on the command line shows in the app's link
    app = run_app(ws=ws)
    app.radio(key="w_kind__zh").set_value("cluster").run()
    assert "示例产业集群1" in app.multiselect(key="w_clusters__zh").options
