"""The live map in a real browser (issue 15): it stays put. Zoom in, change the metric, the year and
the tab: the extent stays the same and the map never empties. The selected county is outlined and
brought into view from the search and from a link; the search, the map and the panel are reachable
with the keyboard. Network blocked; both languages.
"""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import unquote

import pytest

from layers.assets import copy_static
from tests.browser import MAP_FRAME, AppServer, chromium_available, open_page, screenshot
from tests.conftest import REPO

pytestmark = pytest.mark.browser
LOCAL = ("http://127.0.0.1", "http://localhost", "ws://127.0.0.1", "ws://localhost", "blob:")
EXTENT = "() => { const m = window.atlasLiveMap, c = m.getCenter(); return [c.lat, c.lng, m.getZoom()]; }"
# Every 25 ms, count the samples where the map holds no county (or city) polygon. The counter lives
# in the map's own window: if the map were thrown away and built again, it would be gone too.
SAMPLER = """() => { window.__samples = 0; window.__empty = 0;
  setInterval(() => { window.__samples++;
    if (!document.querySelector('path.atlas-unit')) { window.__empty++; } }, 25); }"""


FOCUSED = """() => { const a = document.activeElement;
  if (a.tagName === 'IFRAME') { const b = a.contentDocument.activeElement; return 'map:' + (b.id || b.title || b.className); }
  return (a.innerText || a.getAttribute('aria-label') || '').slice(0, 40); }"""


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[AppServer]:
    if not chromium_available():
        pytest.skip("no Chromium installed")
    copy_static(REPO / "static")
    folder = tmp_path_factory.mktemp("live-map")
    server = AppServer(REPO, {"ATLAS_DATABASE_URL": f"sqlite:///{folder / 'atlas.sqlite3'}"}).start()
    yield server
    server.stop()


def _idle(page) -> None:
    page.wait_for_function("!document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=60000)
    page.wait_for_timeout(400)


def _frame(page):
    """The live map's document, once it has drawn its units."""
    handle = page.wait_for_selector(MAP_FRAME, timeout=60000)
    frame = handle.content_frame()
    frame.wait_for_selector("path.atlas-unit", state="attached", timeout=60000)
    return frame


def _version(frame) -> str:
    return frame.locator("#map").get_attribute("data-atlas-version") or ""


def _redrawn(frame, before: str) -> None:
    frame.wait_for_function(f"() => document.querySelector('#map').getAttribute('data-atlas-version') !== {before!r}",
                            timeout=60000)  # fmt: skip


def _same(a: list[float], b: list[float]) -> bool:
    """The same extent: the same zoom, the centre within a pixel (kept to 5 decimals, about 1 m)."""
    return abs(a[0] - b[0]) < 1e-4 and abs(a[1] - b[1]) < 1e-4 and a[2] == b[2]


def test_the_links_extent_holds_while_the_window_changes_size(browser, app: AppServer) -> None:
    """A new map frame is sized after its first render, and the window may change too: until the user
    moves the map, the link's extent is shown exactly (not a rounding pixel off) and not reported as a
    new one; no NaN centre while a frame has no size."""
    at = (38.8765, 115.4321, 8.5)
    page, log = open_page(browser, f"{app.url}/?at={at[0]},{at[1]},{at[2]:g}", allow=LOCAL, width=1500, height=1000)
    frame = _frame(page)
    _idle(page)
    for width, height in ((1111, 777), (1503, 1001), (1280, 720)):
        page.set_viewport_size({"width": width, "height": height})
        page.wait_for_timeout(500)
        assert _same(frame.evaluate(EXTENT), list(at)), (width, height)
    _idle(page)
    assert f"at={at[0]}%2C{at[1]}%2C{at[2]:g}" in page.url or f"at={at[0]},{at[1]},{at[2]:g}" in page.url
    frame.locator(".leaflet-control-zoom-in").click()  # the user's move: from now on the map is theirs
    page.wait_for_url(lambda url: f"{at[2] + 0.5:g}" in url.split("at=")[-1], timeout=30000)
    assert log.errors == [], log.errors


def test_zoom_in_then_change_metric_year_and_tab_the_map_stays_put(browser, app: AppServer) -> None:
    page, log = open_page(browser, f"{app.url}/?metric=revenue&level=city&year=2025", allow=LOCAL, width=1500, height=1000)
    frame = _frame(page)
    _idle(page)
    fitted = frame.evaluate(EXTENT)
    zoom_in = frame.locator(".leaflet-control-zoom-in")
    assert zoom_in.get_attribute("title") == "放大"  # Leaflet's buttons in the UI's language
    for step in (1, 2):
        zoom_in.click()
        frame.wait_for_function(f"() => window.atlasLiveMap.getZoom() === {fitted[2] + step * 0.5}", timeout=10000)
        page.wait_for_timeout(400)  # Leaflet ignores a zoom while one is still animating
    page.wait_for_url(lambda url: "at=" in url, timeout=30000)  # the extent goes into the link
    _idle(page)
    extent = frame.evaluate(EXTENT)
    assert extent[2] == fitted[2] + 1  # two clicks of half a level
    frame.evaluate(SAMPLER)

    before = _version(frame)  # another year: new colours, same map
    slider = page.get_by_role("slider").first
    slider.focus()
    page.keyboard.press("ArrowRight")
    _redrawn(frame, before)
    _idle(page)
    page.wait_for_url(lambda url: "year=2027" in url, timeout=30000)
    assert _same(frame.evaluate(EXTENT), extent)

    before = _version(frame)  # another metric
    page.get_by_role("combobox", name="指标").click()
    page.get_by_role("option", name="重点项目总投资（按所在市合计）").click()
    _redrawn(frame, before)
    _idle(page)
    page.wait_for_url(lambda url: "metric=investment" in url, timeout=30000)
    assert _same(frame.evaluate(EXTENT), extent)
    samples, empty = frame.evaluate("() => [window.__samples, window.__empty]")
    assert samples > 20 and empty == 0  # sampled throughout, never a frame without polygons

    page.get_by_role("tab", name="目标").click()  # away and back: the map comes back where it was
    page.wait_for_selector(MAP_FRAME, state="detached", timeout=60000)  # lazy tabs: only the open one runs
    _idle(page)
    page.get_by_role("tab", name="地图").click()
    frame = _frame(page)
    _idle(page)
    assert _same(frame.evaluate(EXTENT), extent)
    screenshot(page, "live-map-kept")
    assert log.requests == [] and log.errors == [], (log.requests, log.errors)


SEARCHES = {"zh": ("zhengding", "正定县（石家庄市）", "正定县"),
            "en": ("zhengding", "Zhengding County (Shijiazhuang City)", "Zhengding County")}  # typed, option, panel


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_find_a_county_it_is_selected_outlined_and_brought_into_view(browser, app: AppServer, lang: str) -> None:
    typed, option, name = SEARCHES[lang]
    page, log = open_page(browser, f"{app.url}/?lang={lang}", allow=LOCAL, width=1500, height=1000)
    frame = _frame(page)
    _idle(page)
    start = frame.evaluate(EXTENT)
    box = page.get_by_role("combobox", name="查找县（市、区）" if lang == "zh" else "Find a county")
    box.click()
    box.fill(typed)
    page.get_by_role("option", name=option).click()
    page.wait_for_url(lambda url: "county=130123" in url, timeout=30000)
    frame.locator("path.atlas-selected").wait_for(state="attached", timeout=30000)
    _idle(page)
    lat, lon, zoom = frame.evaluate(EXTENT)
    assert zoom > start[2]  # zoomed in on it
    assert 38.0 < lat < 38.4 and 114.4 < lon < 114.8  # 正定县
    page.locator("[data-testid='stMain']").get_by_text(name, exact=False).first.wait_for(timeout=30000)  # panel open
    screenshot(page, f"live-map-search-{lang}")

    frame.locator(".leaflet-control-zoom-out").click()  # the user moves on; the county stays selected
    frame.wait_for_function(f"() => window.atlasLiveMap.getZoom() === {zoom - 0.5}", timeout=10000)
    page.wait_for_url(lambda url: unquote(url).split("at=")[-1].endswith(f",{zoom - 0.5:g}"), timeout=30000)
    _idle(page)
    moved = frame.evaluate(EXTENT)
    other, back = ("目标", "地图") if lang == "zh" else ("Targets", "Map")
    page.get_by_role("tab", name=other).click()
    page.wait_for_selector(MAP_FRAME, state="detached", timeout=60000)
    _idle(page)
    page.get_by_role("tab", name=back).click()
    frame = _frame(page)
    frame.locator("path.atlas-selected").wait_for(state="attached", timeout=30000)  # still outlined
    _idle(page)
    assert _same(frame.evaluate(EXTENT), moved)  # where the user left it, not back on the county
    assert log.requests == [] and log.errors == [], (log.requests, log.errors)


def test_a_link_with_a_county_opens_on_it_and_a_link_with_an_extent_opens_there(browser, app: AppServer) -> None:
    page, _ = open_page(browser, f"{app.url}/?county=130102", allow=LOCAL, width=1500, height=1000)
    frame = _frame(page)
    frame.locator("path.atlas-selected").wait_for(state="attached", timeout=30000)
    _idle(page)
    lat, lon, zoom = frame.evaluate(EXTENT)
    assert zoom >= 9 and 37.9 < lat < 38.2 and 114.4 < lon < 114.7  # 长安区, 石家庄
    page.close()
    page, _ = open_page(browser, f"{app.url}/?at=39.5,116.5,9.5", allow=LOCAL, width=1500, height=1000)
    frame = _frame(page)
    _idle(page)
    lat, lon, zoom = frame.evaluate(EXTENT)
    assert zoom == 9.5 and abs(lat - 39.5) < 0.002 and abs(lon - 116.5) < 0.002  # to the pixel
    page.close()


def test_the_search_the_map_and_the_panel_are_reachable_with_the_keyboard(browser, app: AppServer) -> None:
    page, _ = open_page(browser, f"{app.url}/?county=130102", allow=LOCAL, width=1500, height=1000)
    frame = _frame(page)
    _idle(page)
    page.get_by_role("combobox", name="查找县（市、区）").focus()
    reached: list[str] = []
    for _ in range(20):  # from the search, through the map and its buttons, to the panel
        page.keyboard.press("Tab")
        reached.append(page.evaluate(FOCUSED))
        if any("石家庄新一代电子信息" in r or "核心" in r for r in reached[-1:]):
            break
    assert "map:map" in reached, reached  # the map itself takes focus (arrow keys pan, + and - zoom)
    assert "map:放大" in reached, reached
    assert not any(r.startswith("map:atlas-feature") for r in reached), reached  # no county paths to tab through
    index = reached.index("map:map")
    assert any(r and not r.startswith("map:") for r in reached[index + 1:]), reached  # and out again, to the page
    before = frame.evaluate(EXTENT)
    frame.locator("#map").focus()
    page.keyboard.press("+")
    frame.wait_for_function(f"() => window.atlasLiveMap.getZoom() > {before[2]}", timeout=10000)


CLEAR = """() => {
  const units = Array.from(document.querySelectorAll('path.atlas-unit')).map(p => p.getBoundingClientRect());
  const region = {left: Math.min(...units.map(r => r.left)), right: Math.max(...units.map(r => r.right)),
                  top: Math.min(...units.map(r => r.top)), bottom: Math.max(...units.map(r => r.bottom))};
  return Array.from(document.querySelectorAll('.atlas-title, .atlas-legend')).map(panel => {
    const r = panel.getBoundingClientRect();
    const overlap = r.left < region.right && r.right > region.left && r.top < region.bottom && r.bottom > region.top;
    return [panel.className, overlap];
  });
}"""


@pytest.mark.parametrize("query", ["", "?metric=revenue&level=city&year=2027"])
def test_the_first_view_keeps_the_region_clear_of_the_title_and_the_legend(browser, app: AppServer, query: str) -> None:
    """Fitted on opening, the region sits below the title and clear of the legend (above it or beside it)."""
    page, log = open_page(browser, f"{app.url}/{query}", allow=LOCAL, width=1500, height=1000)
    frame = _frame(page)
    _idle(page)
    panels = frame.evaluate(CLEAR)
    assert len(panels) == 2 and not any(overlap for _, overlap in panels), panels
    assert log.errors == [], log.errors
