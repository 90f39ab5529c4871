"""Report maps (``layers.print``): page sizes, what a page shows, shared classes, colours, labels,
and the PDF, PNG and SVG Chromium makes of it (browser-marked; skipped where Chromium is missing)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import itertools
import json
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import numpy as np
import pytest
from branca.utilities import color_brewer

from geo._errors import AtlasError
from geo.atlas import Atlas
from layers.classify import CATEGORICAL, PALETTES, categorical, categorical_pattern
from layers.export import external_assets, find_chromium, render_html
from layers.print import print_bytes, print_files, print_html
from layers.print.layout import PageText, aspect_range, footer_mm, header_mm, plan_layout, region_aspect
from layers.print.pages import page_of
from layers.views import View, build_map
from tests.atlases import hebei
from tests.conftest import REPO, run_cli
from tests.test_language_purity import _foreign
from tests.test_layers import EVIL, _spec_of, evil_plans

NEIGHBOURS_ZH = {"北京", "天津", "山西", "内蒙古", "辽宁", "山东", "河南"}
NEIGHBOURS_EN = {"Beijing", "Tianjin", "Shanxi", "Inner Mongolia", "Liaoning", "Shandong", "Henan"}
REVENUE = View(metric="revenue", level="city", year=2027)
YEARS = (2023, 2025, 2027)

needs_chromium = pytest.mark.skipif(find_chromium() is None, reason="no Chromium (apt-get install chromium)")
needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="no poppler-utils (apt-get install poppler-utils)")


# ---- pages and layout (no browser) ----------------------------------------------------------


def test_page_sizes() -> None:
    a4 = page_of("A4-landscape")
    assert a4.pixels(300) == (3508, 2480) and a4.pixels(150) == (1754, 1240)
    assert a4.points == pytest.approx((841.9, 595.3), abs=0.1)
    assert page_of("A3-portrait").points == pytest.approx((841.9, 1190.6), abs=0.1)
    assert page_of("A4-portrait").viewport == (794, 1123)
    with pytest.raises(AtlasError, match="unknown page 'A5-landscape'"):
        page_of("A5-landscape")


@pytest.mark.parametrize("page", ["A4-landscape", "A4-portrait", "A3-landscape", "A3-portrait"])
@pytest.mark.parametrize("n_maps", [1, 3])
def test_layout_keeps_every_part_on_the_page_and_apart(page: str, n_maps: int) -> None:
    sheet = page_of(page)
    aspect = region_aspect(hebei().bounds())
    layout = plan_layout(sheet, aspect, n_maps, neighbours=True)
    boxes = [layout.header, *layout.maps, layout.key, layout.footer]
    for box in boxes:
        assert box.x >= 0 and box.y >= 0 and box.x + box.w <= sheet.width_mm + 1e-6 and box.y + box.h <= sheet.height_mm + 1e-6
    for a, b in itertools.combinations(boxes, 2):  # nothing overlaps the maps, nor anything else
        assert a.x + a.w <= b.x + 1e-6 or b.x + b.w <= a.x + 1e-6 or a.y + a.h <= b.y + 1e-6 or b.y + b.h <= a.y + 1e-6
    low, high = aspect_range(aspect, neighbours=True)
    for box in layout.maps:  # the region fills its box without showing past the neighbouring provinces
        assert low - 1e-9 <= box.w / box.h <= high + 1e-9
    assert layout.score > (100 if n_maps == 1 else 60)  # the region's height on paper, mm


def test_print_page_has_no_controls_and_escapes_names() -> None:
    # An atlas of its own: the atlas caches each set of plans' join by plan and cluster ids, which the
    # renamed plans share with the bundled ones.
    atlas = Atlas.load(REPO / "data")
    page = print_html(atlas, View(kind="cluster", clusters=("sjz-biomedicine",)), evil_plans(atlas.plans))
    assert EVIL not in page and "&lt;img src=x onerror=alert(1)&gt;" in page  # legend: HTML text
    assert "\\u003cimg src=x onerror=alert(1)\\u003e" in page  # labels and tooltips: JSON strings
    body = page.split("</head>", 1)[1]  # the maps' own scripts (Leaflet and atlas.js are in the head)
    for control in ("L.control.scale", "L.control.layers", "L.control.zoom", "L.control(", '"zoomControl": true'):
        assert control not in body
    assert '"zoomControl": false' in page and '"attributionControl": false' in page
    assert "@page { size: 297.0mm 210.0mm" in page and "内部用图" in page
    assert external_assets(page) == [] and "tileLayer" not in body  # no CDN, no tiles


def test_notice_is_the_regions_map_approval_number_when_it_has_one() -> None:
    atlas = hebei()
    approved = dataclasses.replace(atlas, region=atlas.region.model_copy(update={"map_approval": "冀S（2025）001号"}))
    page = print_html(approved, View(), atlas.plans)
    assert "审图号：冀S（2025）001号" in page and "内部用图" not in page
    english = print_html(approved, View(lang="en"), atlas.plans)
    assert "Map approval number: 冀S（2025）001号" in english and "For internal use" not in english


def test_years_side_by_side_need_a_yearly_metric_and_its_years() -> None:
    with pytest.raises(AtlasError, match="need the choropleth view of a yearly metric"):
        print_html(hebei(), View(), hebei().plans, years=YEARS)
    with pytest.raises(AtlasError, match="no figures for 2024"):
        print_html(hebei(), REVENUE, hebei().plans, years=(2023, 2024))
    page = print_html(hebei(), REVENUE, hebei().plans, years=YEARS)
    assert page.count('class="atlas-print-map"') == 3 and page.count('id="atlas-print-legend"') == 1
    assert all(f"{y} 年" in page for y in YEARS)


def test_years_side_by_side_name_the_years_shown() -> None:
    page = print_html(hebei(), REVENUE, hebei().plans, years=(2023, 2027))
    assert "同一分级用于 2023、2027 年" in page and "2023、2025、2027" not in page
    english = print_html(hebei(), REVENUE.with_(lang="en"), hebei().plans, years=(2023, 2027))
    assert "one set of classes for 2023, 2027," in english and "2023, 2025, 2027" not in english


def test_the_lower_bound_note_reads_plainly() -> None:
    built = build_map(hebei(), REVENUE.with_(lang="en"), hebei().plans)
    assert "each target is a minimum (over, passing), so their total is a minimum too" in built.legend.notes
    assert not any("the sum is one" in note for note in built.legend.notes)
    chinese = build_map(hebei(), REVENUE, hebei().plans).legend.notes
    assert "各项目标均为下限（超、突破），合计也是下限" in chinese
    assert any(note.startswith("分级：") for note in chinese)  # a full-width colon after a Chinese label


def test_header_and_footer_grow_with_their_text() -> None:
    short = PageText("标题", "副标题", ("来源：甲",), "内部用图", "含行政区界线")
    long = PageText("标题", "副标题 " * 60, ("来源：" + "很长的规划名称" * 60,), "内部用图", "含行政区界线")
    assert header_mm(long, 190) > header_mm(short, 190) + 8  # the subtitle's extra lines get their room
    assert footer_mm(long, 190, sources=True) > footer_mm(short, 190, sources=True) + 5
    sheet = page_of("A4-portrait")
    aspect = region_aspect(hebei().bounds())
    plain, wordy = (plan_layout(sheet, aspect, 1, neighbours=True, text=text) for text in (short, long))
    assert wordy.footer.h > plain.footer.h and wordy.header.h > plain.header.h
    assert wordy.maps[0].y >= wordy.header.y + wordy.header.h and wordy.key.y + wordy.key.h <= wordy.footer.y + 1e-6


# ---- shared classes and empty classes ---------------------------------------------------------


def _classes_and_fills(view: View) -> tuple[list[tuple[str, str]], set[str], str]:
    """(colour, label) of each legend class, the fills the map's units use, and the page."""
    built = build_map(hebei(), view, hebei().plans)
    page = built.map.get_root().render()
    found = [(re.search(r"background-color:(#[0-9a-fA-F]{6})", row.swatch), row.label) for row in built.legend.rows]
    rows = [(match.group(1), label) for match, label in found if match]
    fills = set()
    for spec in _spec_of(page, "unit"):
        fills |= {style["fill"] for style in spec["styles"].values() if "fill" in style}
    return rows, fills, page


def test_one_set_of_classes_for_every_year_of_revenue() -> None:
    maps = {year: _classes_and_fills(REVENUE.with_(year=year)) for year in YEARS}
    classes = {year: [label.removesuffix("（无）") for _, label in rows] for year, (rows, _, _) in maps.items()}
    assert classes[2023] == classes[2025] == classes[2027]  # the same bins every year
    assert len(classes[2027]) == 5
    for rows, fills, page in maps.values():
        assert "同一分级用于 2023、2025、2027 年" in page
        for colour, label in rows:  # a class no city falls in says so; one that has cities does not
            assert (colour in fills) != label.endswith("（无）"), (colour, label, fills)
    # Shijiazhuang's 4000 (2027) and Baoding's 3200 share the top class, as Baoding's 2350 (2023) does not
    spec_2027 = _spec_of(maps[2027][2], "unit")[0]["styles"]
    spec_2023 = _spec_of(maps[2023][2], "unit")[0]["styles"]
    assert spec_2027["130100"]["fill"] == spec_2027["130600"]["fill"] != spec_2023["130600"]["fill"]


def test_user_breaks_are_kept_and_an_empty_class_says_so() -> None:
    rows, _, page = _classes_and_fills(REVENUE.with_(scheme="user", breaks=(500, 800, 1500), year=2027, lang="en"))
    labels = [label for _, label in rows]
    assert labels == ["≤ 50 (none)", "50 – 80", "80 – 150", "150 – 400"]  # CNY bn; the top class reaches 2027's 4000
    assert "one set of classes for 2023, 2025, 2027" in page


# ---- colours ----------------------------------------------------------------------------------


def _lab(hex_colour: str, matrix: np.ndarray) -> np.ndarray:
    rgb = np.array([int(hex_colour[i : i + 2], 16) for i in (1, 3, 5)]) / 255
    linear = np.where(rgb <= 0.04045, rgb / 12.92, ((rgb + 0.055) / 1.055) ** 2.4)
    to_xyz = np.array([[0.4124, 0.3576, 0.1805], [0.2126, 0.7152, 0.0722], [0.0193, 0.1192, 0.9505]])
    xyz = to_xyz @ np.clip(matrix @ linear, 0, 1)
    x = xyz / np.array([0.95047, 1.0, 1.08883])
    f = np.where(x > 0.008856, np.cbrt(x), 7.787 * x + 16 / 116)
    return np.array([116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])])


# Machado, Oliveira & Fernandes (2009), severity 1.0, on linear RGB.
VISION = {
    "normal": np.eye(3),
    "protan": np.array([[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216], [-0.003882, -0.048116, 1.051998]]),
    "deutan": np.array([[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413], [-0.011820, 0.042940, 0.968881]]),
    "tritan": np.array([[1.255528, -0.076749, -0.178779], [-0.078411, 0.930809, 0.147602], [0.004733, 0.691367, 0.303900]]),
}


def test_seventeen_qualitative_colours_stay_apart_for_colour_blind_readers() -> None:
    assert len(CATEGORICAL) == len(set(CATEGORICAL)) == 17
    for name, matrix in VISION.items():
        labs = [_lab(c, matrix) for c in CATEGORICAL]
        closest = min(float(np.linalg.norm(a - b)) for a, b in itertools.combinations(labs, 2))
        assert closest >= 9, (name, closest)
    assert [categorical_pattern(i) for i in (0, 16, 17, 34)] == [None, None, "cross", "dots"]


@pytest.mark.parametrize("palette", PALETTES)
def test_sequential_palettes_read_in_black_and_white(palette: str) -> None:
    for k in range(3, 10):
        lightness = [_lab(c, VISION["normal"])[0] for c in color_brewer(palette, k)]
        assert all(b < a - 3 for a, b in itertools.pairwise(lightness)), (palette, k, lightness)


def _cluster_fills(page: str) -> list[tuple[str, str | None]]:
    out = []
    for spec in _spec_of(page, "cluster"):
        styles = list(spec["styles"].values())
        colours = {s.get("fill") or s.get("hatch") for s in styles}
        patterns = {s.get("pattern") for s in styles if "fill" in s}
        assert len(colours) == 1
        out.append((colours.pop(), patterns.pop() if patterns else None))
    return out


def test_seventeen_clusters_at_once_get_seventeen_colours_then_patterns() -> None:
    strategic = hebei().plans[0]
    page = render_html(hebei(), View(kind="cluster", clusters=tuple(c.id for c in strategic.clusters)), hebei().plans)
    fills = _cluster_fills(page)
    assert len(fills) == 17 and len({colour for colour, _ in fills}) == 17
    by_name = {c.id: i for i, c in enumerate(strategic.clusters)}
    assert categorical(by_name["sjz-biomedicine"]) != categorical(by_name["hd-functional-materials"])
    every = tuple(c.id for p in hebei().plans for c in p.clusters)
    more = _cluster_fills(render_html(hebei(), View(kind="cluster", clusters=every), hebei().plans))
    assert len(more) == len(every) == 23 and len(set(more)) == 23  # past 17: the same colours, cross-hatched
    assert {pattern for _, pattern in more[17:]} == {"cross"}


def test_cluster_names_are_on_the_map() -> None:
    built = build_map(hebei(), View(kind="cluster"), hebei().plans)
    page = built.map.get_root().render()
    labels = [json.loads(m) for m in re.findall(r"Atlas\.labels\((\{.*?\})\);\n", page)]
    clusters = [item for spec in labels for item in spec["labels"] if item["kind"] == "cluster"]
    assert [item["text"] for item in clusters[:2]] == ["生物医药", "新一代电子信息"]
    assert all(item["around"] and item["color"] for item in clusters)


# ---- in the browser: labels, controls, layout -----------------------------------------------


def _open(browser, html: str, page_name: str = "A4-landscape"):
    width, height = page_of(page_name).viewport
    tab = browser.new_page(viewport={"width": width, "height": height})
    requests: list[str] = []

    def route(r) -> None:
        if r.request.url.startswith("data:"):
            r.continue_()
        else:
            requests.append(r.request.url)
            r.abort()

    tab.route("**/*", route)
    tab.set_content(html)
    tab.wait_for_selector("html[data-atlas-print-ready]", state="attached", timeout=20000)
    assert requests == []
    return tab


LABEL_BOXES = """() => Array.from(document.querySelectorAll('.atlas-label[data-atlas-label=shown]')).map(n => {
    const r = n.getBoundingClientRect(), box = n.closest('.atlas-print-map, .folium-map').getBoundingClientRect();
    return {text: n.textContent, kind: n.className, x: r.left, y: r.top, w: r.width, h: r.height,
            inside: r.left >= box.left && r.top >= box.top && r.right <= box.right && r.bottom <= box.bottom};
})"""


def _assert_apart(boxes: list[dict]) -> None:
    for a, b in itertools.combinations(boxes, 2):
        apart = a["x"] + a["w"] <= b["x"] or b["x"] + b["w"] <= a["x"] or a["y"] + a["h"] <= b["y"] or b["y"] + b["h"] <= a["y"]
        assert apart, (a["text"], b["text"])
    assert all(box["inside"] for box in boxes)


@pytest.mark.browser
@pytest.mark.parametrize("view", [View(), View(kind="cluster"), View(kind="coverage", lang="en")],
                         ids=["choropleth", "cluster", "coverage-en"])  # fmt: skip
def test_labels_never_cover_each_other_and_neighbours_are_named(browser, view: View) -> None:
    tab = _open(browser, print_html(hebei(), view, hebei().plans))
    boxes = tab.evaluate(LABEL_BOXES)
    _assert_apart(boxes)
    texts = {box["text"] for box in boxes}
    assert (NEIGHBOURS_ZH if view.lang == "zh" else NEIGHBOURS_EN) <= texts
    cities = set(hebei().level("city")["name_zh" if view.lang == "zh" else "name_en"].str.removesuffix(" City"))
    assert cities <= texts  # every city named at province scale
    skipped = tab.locator(".atlas-label[data-atlas-label=skipped]").count()
    assert skipped > 0 and len([b for b in boxes if "county" in b["kind"]]) > 40  # counties where they fit, no more
    if view.kind == "cluster":
        assert len([b for b in boxes if "cluster" in b["kind"]]) == 9
    assert tab.locator(".leaflet-control").count() == 0  # no zoom, layer or attribution control in print
    assert tab.locator("#atlas-print-legend").get_attribute("data-atlas-fits") == "yes"
    tab.close()


@pytest.mark.browser
def test_interactive_map_names_neighbours_and_keeps_labels_apart(browser, tmp_path: Path) -> None:
    from layers.export import export_html  # noqa: PLC0415
    from tests.browser import open_page  # noqa: PLC0415

    path = export_html(hebei(), View(), hebei().plans, tmp_path / "map.html")
    tab, log = open_page(browser, path.as_uri())
    tab.wait_for_selector("html[data-atlas-drawn]", timeout=15000)
    tab.wait_for_timeout(200)
    boxes = tab.evaluate(LABEL_BOXES)
    _assert_apart(boxes)
    assert {"北京", "天津", "山西", "内蒙古", "辽宁", "山东"} <= {box["text"] for box in boxes}
    tab.mouse.wheel(0, -400)  # zoom in: placed again, still apart
    tab.wait_for_timeout(600)
    _assert_apart(tab.evaluate(LABEL_BOXES))
    assert log.errors == [] and log.requests == []


@pytest.mark.browser
def test_small_multiples_share_one_legend_on_one_page(browser) -> None:
    tab = _open(browser, print_html(hebei(), REVENUE, hebei().plans, years=YEARS))
    assert tab.locator(".atlas-print-map").count() == 3 and tab.locator(".atlas-print-legend").count() == 1
    zooms = tab.evaluate("Array.from(document.querySelectorAll('.folium-map')).map(n => window[n.id].getZoom())")
    assert len(set(zooms)) == 1  # one scale for the three maps, so one scale bar
    legend = tab.locator(".atlas-print-legend").inner_text()
    assert "同一分级用于 2023、2025、2027 年" in legend and "（无）" not in legend
    boxes = [tab.locator(".atlas-print-map").nth(i).bounding_box() for i in range(3)]
    assert boxes[0]["width"] == pytest.approx(boxes[2]["width"]) and boxes[0]["x"] < boxes[1]["x"] < boxes[2]["x"]
    tab.close()


TEXT_OUTSIDE = """() => {
    // Every piece of text on the sheet around the maps, as the browser laid it out: it stays inside its
    // box (header, legend, notes, scale, north arrow, caption, footer), and none but the footer's
    // reaches the rule above the footer.
    const boxes = '.atlas-print-header, .atlas-print-legend, .atlas-print-elements, .atlas-print-notes, '
        + '.atlas-print-footer, .atlas-print-caption, .atlas-print-scale, .atlas-print-north';
    const rule = document.querySelector('.atlas-print-footer').getBoundingClientRect();
    const bad = [];
    for (const box of document.querySelectorAll(boxes)) {
        const outer = box.getBoundingClientRect();
        const pieces = [];
        const walker = document.createTreeWalker(box, NodeFilter.SHOW_TEXT);
        while (walker.nextNode()) {
            const node = walker.currentNode;
            if (!node.textContent.trim() || node.parentElement.closest('svg')) continue;
            const range = document.createRange();
            range.selectNodeContents(node);
            for (const r of range.getClientRects()) pieces.push([node.textContent, r]);
        }
        box.querySelectorAll('svg, svg text').forEach(n => pieces.push([n.textContent || n.nodeName, n.getBoundingClientRect()]));
        for (const [text, r] of pieces) {
            if (!r.width || !r.height) continue;
            const where = box.className.split(' ')[0] + ': ' + text.trim().slice(0, 50);
            if (r.left < outer.left - 1 || r.right > outer.right + 1 || r.top < outer.top - 1 || r.bottom > outer.bottom + 1)
                bad.push('outside ' + where);
            if (!box.closest('.atlas-print-footer') && r.bottom > rule.top && r.top < rule.bottom && r.right > rule.left
                && r.left < rule.right) bad.push('crosses the footer rule ' + where);
        }
    }
    return bad;
}"""


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("page_name", ["A4-landscape", "A4-portrait", "A3-landscape", "A3-portrait"])
def test_no_text_leaves_its_box_or_crosses_the_footer_rule(browser, page_name: str, lang: str) -> None:
    for view, years in ((View(lang=lang), ()), (View(kind="cluster", lang=lang), ()),
                        (REVENUE.with_(lang=lang), YEARS), (REVENUE.with_(lang=lang), (2023, 2027))):  # fmt: skip
        tab = _open(browser, print_html(hebei(), view, hebei().plans, page=page_name, years=years), page_name)
        assert tab.evaluate(TEXT_OUTSIDE) == [], (view.kind, years)
        assert tab.locator("#atlas-print-legend").get_attribute("data-atlas-fits") == "yes"
        tab.close()


CITY_LABELS = """() => Array.from(document.querySelectorAll('.atlas-print-map')).map(m =>
    Array.from(m.querySelectorAll('.atlas-label-city[data-atlas-label=shown]')).map(n => n.textContent))"""


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("years", [(2023, 2027), YEARS], ids=["two", "three"])
def test_every_city_is_named_on_every_map_side_by_side(browser, years: tuple[int, ...], lang: str) -> None:
    cities = set(hebei().level("city")["name_zh" if lang == "zh" else "name_en"].str.removesuffix(" City"))
    tab = _open(browser, print_html(hebei(), REVENUE.with_(lang=lang), hebei().plans, page="A4-landscape", years=years))
    shown = tab.evaluate(CITY_LABELS)
    assert len(shown) == len(years)
    for names in shown:  # 廊坊市 beside 保定市 and 秦皇岛市 beside 唐山市 move off their centres, never left out
        assert set(names) == cities, cities - set(names)
    _assert_apart(tab.evaluate(LABEL_BOXES))
    tab.close()


SCALE_BAR = """() => {
    const map = window[document.querySelector('.folium-map').id], size = map.getSize(), y = size.y / 2;
    const west = map.containerPointToLatLng([size.x / 2 - 50, y]), east = map.containerPointToLatLng([size.x / 2 + 50, y]);
    const metresPerPx = west.distanceTo(east) / 100;
    const rects = Array.from(document.querySelectorAll('#atlas-print-scale svg rect')).map(r => r.getBoundingClientRect());
    const km = parseFloat(document.getElementById('atlas-print-scale').getAttribute('data-km'));
    return {drawn: rects[rects.length - 1].right - rects[0].left, expected: km * 1000 / metresPerPx};
}"""


@pytest.mark.browser
@pytest.mark.parametrize("page_name", ["A4-landscape", "A3-portrait"])
def test_the_scale_bar_is_as_long_as_its_kilometres_on_the_map(browser, page_name: str) -> None:
    tab = _open(browser, print_html(hebei(), View(), hebei().plans, page=page_name), page_name)
    bar = tab.evaluate(SCALE_BAR)
    assert bar["drawn"] == pytest.approx(bar["expected"], rel=0.02)  # on A3 too, where the type is larger
    tab.close()


# ---- the files: PDF, PNG, SVG ---------------------------------------------------------------


def _pdf_info(path: Path) -> dict[str, str]:
    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return dict(line.split(":", 1) for line in out.splitlines() if ":" in line)


def _pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout


@pytest.fixture(scope="module")
def a4_outputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    if find_chromium() is None:
        pytest.skip("no Chromium (apt-get install chromium)")
    folder = tmp_path_factory.mktemp("print")
    targets = {"pdf": folder / "map.pdf", "png": folder / "map.png"}
    if shutil.which("pdftocairo"):
        targets["svg"] = folder / "map.svg"
    return print_files(hebei(), View(), hebei().plans, targets, page="A4-landscape", dpi=300)  # type: ignore[arg-type]


def _page_size(info: dict[str, str]) -> tuple[float, float]:
    width, height = re.findall(r"[\d.]+", info["Page size"])[:2]
    return float(width), float(height)


@pytest.mark.browser
@needs_poppler
def test_a4_pdf_is_one_page_of_the_right_size_with_every_element(a4_outputs: dict[str, Path]) -> None:
    info = _pdf_info(a4_outputs["pdf"])
    assert info["Pages"].strip() == "1"
    assert _page_size(info) == pytest.approx((842, 595), abs=1)
    text = _pdf_text(a4_outputs["pdf"])
    squashed = re.sub(r"\s+", "", text)
    for word in ("河北省产业集群数（核心或辐射）", "图例", "比例尺", "北", "数据来源", "边界", "坐标系", "内部用图",
                 dt.date.today().isoformat(), "千米", *NEIGHBOURS_ZH):  # fmt: skip
        assert word in squashed, word
    for city in hebei().level("city")["name_zh"]:
        assert city in squashed, city
    assert "Leaflet" not in text and "+\n−" not in text  # no attribution, no zoom buttons
    assert re.search(r"1 : [\d,]+", text)  # the representative fraction
    assert not _foreign(text, "zh"), _foreign(text, "zh")


@pytest.mark.browser
def test_png_has_the_papers_pixels_and_resolution(a4_outputs: dict[str, Path]) -> None:
    from PIL import Image  # noqa: PLC0415

    with Image.open(a4_outputs["png"]) as image:
        assert image.size == (3508, 2480)
        assert image.info["dpi"] == pytest.approx((300, 300), abs=0.01)
        grey = np.asarray(image.convert("L"))
    assert grey.min() < 40 and grey.max() == 255 and grey.std() > 20  # drawn, not blank
    half = print_bytes(hebei(), View(), hebei().plans, fmt="png", dpi=150)
    with Image.open(io.BytesIO(half)) as image:
        assert image.size == (1754, 1240)


@pytest.mark.browser
def test_svg_parses_with_paths_and_text(a4_outputs: dict[str, Path]) -> None:
    if "svg" not in a4_outputs:
        pytest.skip("no pdftocairo (apt-get install poppler-utils)")
    root = ET.parse(a4_outputs["svg"]).getroot()
    ns = {"s": "http://www.w3.org/2000/svg"}
    assert root.get("width") == "841.91998pt" or root.get("width", "").startswith("841.9")
    assert len(root.findall(".//s:path", ns)) > 200  # the map's vectors and the glyphs
    assert root.find("s:title", ns).text == "河北省产业集群数（核心或辐射）"
    desc = root.find("s:desc", ns).text
    assert "内部用图" in desc and all(city in desc.replace(" ", "") for city in hebei().level("city")["name_zh"])


@pytest.mark.browser
@needs_poppler
def test_english_small_multiples_pdf_in_english_only(tmp_path: Path) -> None:
    if find_chromium() is None:
        pytest.skip("no Chromium")
    pdf = tmp_path / "rev.pdf"
    pdf.write_bytes(print_bytes(hebei(), REVENUE.with_(lang="en"), hebei().plans, fmt="pdf", page="A4-portrait", years=YEARS))
    info = _pdf_info(pdf)
    assert info["Pages"].strip() == "1" and _page_size(info) == pytest.approx((595, 842), abs=1)
    text = _pdf_text(pdf)
    assert "one set of classes for 2023, 2025, 2027" in " ".join(text.split())
    assert "For internal use" in text and all(n in text for n in NEIGHBOURS_EN)
    assert not _foreign(text, "en"), _foreign(text, "en")


@pytest.mark.browser
@needs_poppler
def test_cli_writes_a3_pdf_and_says_what_it_wrote(tmp_path: Path) -> None:
    if find_chromium() is None:
        pytest.skip("no Chromium")
    result = run_cli("export", "--view", "cluster", "--page", "A3-portrait", "--out", str(tmp_path / "c.html"),
                     "--pdf", str(tmp_path / "c.pdf"))  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert f"wrote {tmp_path / 'c.pdf'}" in result.stdout and (tmp_path / "c.html").exists()
    assert _page_size(_pdf_info(tmp_path / "c.pdf")) == pytest.approx((842, 1191), abs=1)
    text = re.sub(r"\s+", "", _pdf_text(tmp_path / "c.pdf"))
    assert "河北省产业集群分布" in text and "生物医药" in text and "石家庄生物医药产业集群" in text


def test_cli_refuses_years_without_a_print_output_and_bad_years(tmp_path: Path) -> None:
    revenue = ("export", "--metric", "revenue", "--level", "city")
    no_output = run_cli(*revenue, "--years", "2023,2027", "--out", str(tmp_path / "m.html"))
    assert no_output.returncode == 2 and "give --png, --pdf or --svg" in no_output.stderr
    bad = run_cli(*revenue, "--years", "2023,next", "--pdf", str(tmp_path / "m.pdf"))
    assert bad.returncode == 2 and "--years: not years" in bad.stderr
    assert not list(tmp_path.iterdir())
