"""The app in a real browser: `streamlit run app.py`, Debian's chromium, all non-local network blocked."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from layers.assets import copy_static
from tests.browser import MAP_FRAME, chromium_available, open_page, screenshot
from tests.conftest import REPO

pytestmark = pytest.mark.browser
LOCAL = ("http://127.0.0.1", "http://localhost", "ws://127.0.0.1", "ws://localhost", "blob:")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def app_url() -> Iterator[str]:
    if not chromium_available():
        pytest.skip("no Chromium installed")
    copy_static(REPO / "static")
    port = _free_port()
    command = [sys.executable, "-m", "streamlit", "run", str(REPO / "app.py"), "--server.port", str(port),
               "--server.address", "127.0.0.1", "--server.headless", "true"]  # fmt: skip
    server = subprocess.Popen(command, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):
            try:
                if urllib.request.urlopen(f"{url}/_stcore/health", timeout=1).read() == b"ok":
                    break
            except OSError:
                time.sleep(0.5)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=20)


def _idle(page) -> None:
    """Wait until the app has finished its current run (download links change with every run)."""
    page.wait_for_function("!document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=60000)
    page.wait_for_timeout(300)


def _map(page):
    return page.frame_locator(MAP_FRAME).first


def _choose(page, label: str, option: str) -> None:
    page.get_by_role("combobox", name=label).click()
    page.get_by_role("option", name=option, exact=True).click()


def test_app_offline_map_metric_county_language_download(browser, app_url: str, tmp_path: Path) -> None:
    page, log = open_page(browser, app_url, allow=LOCAL, width=1500, height=1000)
    frame = _map(page)
    frame.locator("path.atlas-unit").first.wait_for(timeout=60000)
    assert frame.locator("path.atlas-unit").count() == 167
    assert "产业集群数（核心或辐射）" in frame.locator(".atlas-title-panel").inner_text()
    screenshot(page, "app-start")

    _choose(page, "指标", "作为核心承载区的集群数")
    frame.locator(".atlas-title-panel", has_text="作为核心承载区的集群数").wait_for(timeout=30000)
    assert frame.locator("path.atlas-unit").count() == 167
    page.wait_for_url(lambda url: "metric=clusters-core" in url, timeout=30000)  # written when the run ends

    frame.locator("path.atlas-code-130110").first.click(force=True)  # 鹿泉区
    page.get_by_text("石家庄新一代电子信息产业集群 — 核心承载区").wait_for(timeout=30000)
    page.wait_for_url(lambda url: "county=130110" in url, timeout=30000)  # written when the run ends
    screenshot(page, "app-county-panel")

    _idle(page)
    with page.expect_download(timeout=30000) as download:
        page.get_by_text("下载当前地图（HTML，可离线打开）").click()
    saved = tmp_path / "map.html"
    download.value.save_as(saved)
    html = saved.read_text(encoding="utf-8")
    assert "作为核心承载区的集群数" in html and "<script src=" not in html

    page.get_by_text("English", exact=True).click()
    page.get_by_role("heading", name="Hebei Industry Cluster Atlas").wait_for(timeout=30000)
    frame.locator(".atlas-title-panel", has_text="Clusters as core zone").wait_for(timeout=30000)
    assert page.get_by_role("combobox", name="Metric").input_value() == "Clusters as core zone"
    page.wait_for_url(lambda url: "lang=en" in url, timeout=30000)  # written when the run ends
    screenshot(page, "app-english")
    assert log.requests == [], log.requests  # nothing tried to leave the machine
    assert log.missing == [] and log.errors == [], (log.missing, log.errors)


def test_upload_a_cluster_list(browser, app_url: str, tmp_path: Path) -> None:
    page, log = open_page(browser, app_url, allow=LOCAL, width=1500, height=1000)
    _map(page).locator("path.atlas-unit").first.wait_for(timeout=60000)
    page.get_by_text("导入集群清单").click()
    bad = tmp_path / "bad.csv"
    bad.write_text("集群名称,所在市,核心承载区\n<b>甲</b>,石家庄,东区\n", encoding="utf-8")
    page.locator(".st-key-upload input[type=file]").set_input_files(str(bad))
    page.get_by_text("未导入", exact=False).first.wait_for(timeout=30000)
    # the report, in Chinese, in a table (a canvas grid: its cells are in the DOM for assistive technology)
    page.get_by_text("单元格中不接受标记代码", exact=False).first.wait_for(state="attached", timeout=30000)
    good = tmp_path / "good.csv"
    good.write_text("集群名称,所在市,核心承载区,营业收入2027,来源\n南宫羊剪绒产业集群,邢台,南宫市,超100,县政府工作报告\n",
                    encoding="gb18030")  # fmt: skip
    page.locator(".st-key-upload input[type=file]").set_input_files(str(good))
    page.get_by_text("已导入", exact=False).first.wait_for(timeout=30000)
    _idle(page)
    page.get_by_role("radio", name="产业集群分布").click(force=True)
    chooser = page.get_by_role("combobox", name="选择产业集群")
    chooser.wait_for(timeout=30000)
    _idle(page)  # as a user would: typed into the chooser once the view has changed, not during its rerun
    chooser.click()
    chooser.fill("南宫")
    page.get_by_role("option", name="南宫羊剪绒产业集群").click()
    _map(page).locator(".atlas-title-panel", has_text="南宫羊剪绒产业集群").wait_for(timeout=30000)
    screenshot(page, "app-imported")
    assert log.requests == [] and log.errors == []


def test_each_tab_opens_on_the_first_click_and_stays_in_the_url(browser, app_url: str) -> None:
    page, log = open_page(browser, app_url + "/?tab=targets", allow=LOCAL, width=1500, height=1000)
    page.get_by_role("tab", name="目标", selected=True).wait_for(timeout=60000)
    _idle(page)
    assert "tab=targets" in page.url  # the link's tab is kept
    for name, param in (("区域覆盖", "tab=coverage"), ("来源", "tab=sources"), ("地图", ""), ("目标", "tab=targets"),
                        ("区域覆盖", "tab=coverage")):  # fmt: skip
        page.get_by_role("tab", name=name).click()
        page.get_by_role("tab", name=name, selected=True).wait_for(timeout=30000)
        page.wait_for_url(lambda url, p=param: (p in url) if p else "tab=" not in url, timeout=30000)
        _idle(page)
        assert page.get_by_role("tab", name=name).get_attribute("aria-selected") == "true", name
    assert log.errors == [], log.errors


def test_offline_basemap_says_so_and_bad_breaks_keep_the_map(browser, app_url: str) -> None:
    page, log = open_page(browser, app_url + "/?basemap=osm&scheme=user&breaks=1,2", allow=LOCAL, width=1500, height=1000)
    frame = _map(page)
    frame.locator(".atlas-tile-error").wait_for(timeout=60000)  # tiles are blocked here, as offline
    assert "底图瓦片无法加载" in frame.locator(".atlas-tile-error").inner_text()
    field = page.get_by_label("分级断点（逗号分隔）")
    field.fill("3,2,1")
    field.press("Enter")
    page.get_by_text("分级断点须从小到大排列", exact=False).wait_for(timeout=30000)
    _idle(page)
    assert frame.locator("path.atlas-unit").count() == 167  # the map stays, with the classes before
    screenshot(page, "app-bad-breaks")
    assert any("tile.openstreetmap.org" in url for url in log.requests)  # only the tiles tried to leave
    assert all("tile.openstreetmap.org" in url for url in log.requests), log.requests


def test_progress_view_in_a_browser(browser, app_url: str) -> None:
    page, log = open_page(browser, app_url + "/?view=progress&year=2025", allow=LOCAL, width=1500, height=1000)
    frame = _map(page)
    frame.locator("path.atlas-progress").first.wait_for(timeout=60000)
    assert "目标完成进度" in frame.locator(".atlas-title-panel").inner_text()
    legend = frame.locator(".atlas-legend").inner_text()
    assert "进度正常" in legend and "无法判断" in legend
    frame.locator("path.atlas-code-130108").first.hover(force=True)  # 裕华区, core of 石家庄生物医药
    frame.locator(".atlas-tip", has_text="进度正常").first.wait_for(timeout=30000)
    screenshot(page, "app-progress")
    assert log.requests == [] and log.errors == []
