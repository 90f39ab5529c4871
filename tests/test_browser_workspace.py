"""A workspace in a real browser: upload, reload, restart the server, open the shared link elsewhere."""

from __future__ import annotations

from pathlib import Path

import pytest

from layers.assets import copy_static
from tests.browser import MAP_FRAME, AppServer, chromium_available, open_page, screenshot
from tests.conftest import REPO

pytestmark = pytest.mark.browser
LOCAL = ("http://127.0.0.1", "http://localhost", "ws://127.0.0.1", "ws://localhost", "blob:")


def _idle(page) -> None:
    page.wait_for_function("!document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=60000)
    page.wait_for_timeout(300)


def test_upload_reload_restart_and_open_the_link_elsewhere(browser, tmp_path: Path) -> None:
    if not chromium_available():
        pytest.skip("no Chromium installed")
    copy_static(REPO / "static")
    server = AppServer(REPO, {"ATLAS_DATABASE_URL": f"sqlite:///{tmp_path / 'atlas.sqlite3'}"}).start()
    try:
        page, log = open_page(browser, server.url, allow=LOCAL, width=1500, height=1000)
        page.frame_locator(MAP_FRAME).first.locator("path.atlas-unit").first.wait_for(timeout=60000)
        page.get_by_text("导入集群清单").click()
        good = tmp_path / "南宫.csv"
        good.write_text("编号,集群名称,所在市,核心承载区,营业收入2027,来源\nnangong,南宫羊剪绒产业集群,邢台,南宫市,超100,县政府工作报告\n",
                        encoding="gb18030")  # fmt: skip
        page.locator(".st-key-upload input[type=file]").set_input_files(str(good))
        page.get_by_text("已建立工作区", exact=False).first.wait_for(timeout=30000)
        _idle(page)
        page.wait_for_url(lambda url: "ws=" in url, timeout=30000)
        bad = tmp_path / "bad.csv"  # a failed upload in between changes nothing
        bad.write_text("集群名称,所在市,核心承载区\n甲,石家庄,东区\n", encoding="utf-8")
        page.locator(".st-key-upload input[type=file]").set_input_files(str(bad))
        page.get_by_text("未导入", exact=False).first.wait_for(timeout=30000)
        _idle(page)
        page.get_by_role("radio", name="产业集群分布").click(force=True)
        _idle(page)
        chooser = page.get_by_role("combobox", name="选择产业集群")
        chooser.click()
        chooser.fill("南宫")
        page.get_by_role("option", name="南宫羊剪绒产业集群").click()
        page.frame_locator(MAP_FRAME).first.locator(".atlas-title-panel", has_text="南宫羊剪绒产业集群").wait_for(timeout=30000)
        _idle(page)
        page.wait_for_url(lambda url: "clusters=u-nangong" in url, timeout=30000)
        link = page.url
        page.reload()
        page.frame_locator(MAP_FRAME).first.locator(".atlas-title-panel", has_text="南宫羊剪绒产业集群").wait_for(timeout=60000)
        page.close()
        server.stop()
        server.start()  # the same database, a new process: nothing is lost
        context = browser.new_context(viewport={"width": 1500, "height": 1000})  # a colleague's browser
        other = context.new_page()
        other.route("**/*", lambda r: r.continue_() if r.request.url.startswith(LOCAL) or r.request.url.startswith("data:")
                    else r.abort())  # fmt: skip
        other.goto(link)
        frame = other.frame_locator(MAP_FRAME).first
        frame.locator(".atlas-title-panel", has_text="南宫羊剪绒产业集群").wait_for(timeout=60000)
        assert frame.locator("path.atlas-cluster").count() >= 1  # 南宫市 drawn as the cluster's core
        screenshot(other, "app-workspace-link")
        context.close()
        assert log.errors == [], log.errors
    finally:
        server.stop()
