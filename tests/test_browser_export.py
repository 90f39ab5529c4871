"""Exported maps in a real browser with every network request blocked."""

from __future__ import annotations

from pathlib import Path

import pytest

from layers.export import export_html
from layers.views import View
from tests.atlases import hebei
from tests.browser import open_page, screenshot
from tests.test_layers import EVIL, evil_plans

pytestmark = pytest.mark.browser


def _export(tmp_path: Path, view: View, plans=None) -> Path:
    return export_html(hebei(), view, plans or hebei().plans, tmp_path / "map.html")


def _hover_county(page, code: str) -> str:
    """Move the mouse over a point inside county ``code``; return the tooltip's text."""
    row = hebei().divisions.set_index("code").loc[code]
    x, y = page.evaluate(
        """([lat, lon]) => {
            const id = document.querySelector('.folium-map').id;
            const map = window[id];
            const p = map.latLngToContainerPoint([lat, lon]);
            const r = map.getContainer().getBoundingClientRect();
            return [p.x + r.left, p.y + r.top];
        }""",
        [float(row["lat"]), float(row["lon"])],
    )
    page.mouse.move(x, y)
    tooltip = page.wait_for_selector(".leaflet-tooltip:not(.atlas-label)", timeout=5000)
    return tooltip.inner_text()


def test_coverage_map_draws_every_county_offline(browser, tmp_path: Path) -> None:
    page, log = open_page(browser, _export(tmp_path, View(kind="coverage")).as_uri())
    page.wait_for_selector("html[data-atlas-drawn]", timeout=15000)
    assert page.locator("path.atlas-coverage").count() == 167
    legend = page.locator(".atlas-legend")
    assert legend.is_visible()
    box = legend.bounding_box()
    assert box and box["y"] + box["height"] <= 850 and box["x"] + box["width"] <= 1200
    assert "核心承载区" in legend.inner_text()
    text = _hover_county(page, "130110")  # 鹿泉区
    assert "鹿泉区" in text and "石家庄新一代电子信息产业集群" in text
    screenshot(page, "export-coverage")
    assert log.errors == [] and log.requests == [] and log.dialogs == []


def test_choropleth_draws_and_shows_qualified_figures(browser, tmp_path: Path) -> None:
    view = View(metric="revenue", level="city", year=2027, lang="en")
    page, log = open_page(browser, _export(tmp_path, view).as_uri())
    page.wait_for_selector("html[data-atlas-drawn]", timeout=15000)
    assert page.locator("path.atlas-unit").count() == 11 + 1  # cities and 雄安新区
    text = _hover_county(page, "130700")  # 张家口市
    assert "over CNY 120 bn" in text and "预计超1200亿元" in text
    assert "CNY bn" in page.locator(".atlas-legend").inner_text()
    screenshot(page, "export-revenue-2027-en")
    assert log.errors == [] and log.requests == []


def test_markup_in_a_cluster_name_shows_as_text_and_runs_nothing(browser, tmp_path: Path) -> None:
    view = View(kind="cluster", clusters=("sjz-biomedicine",))
    page, log = open_page(browser, _export(tmp_path, view, evil_plans(hebei().plans)).as_uri())
    page.wait_for_selector("html[data-atlas-drawn]", timeout=15000)
    text = _hover_county(page, "130108")  # 裕华区, core of the renamed cluster
    assert EVIL in text
    assert page.locator(".leaflet-tooltip img").count() == 0
    shown = set(page.locator(".atlas-label[data-atlas-label=shown]").all_inner_texts())
    assert {"裕华区", "栾城区", "藁城区", "赵县", "晋州市"} <= shown  # its counties, named on the map
    assert page.locator(".atlas-label-cluster").inner_text() == EVIL  # the cluster's name, as text
    assert EVIL in page.locator(".atlas-legend").inner_text()
    page.locator(".leaflet-control-layers").hover()
    assert EVIL in page.locator(".leaflet-control-layers-overlays").inner_text()
    assert page.locator("img[src=x]").count() == 0
    screenshot(page, "export-cluster-escaped")
    assert log.dialogs == [] and log.errors == [] and log.requests == []
