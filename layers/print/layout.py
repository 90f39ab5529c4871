"""The print page: one sheet of paper in HTML, the map in its own framed box, everything else around it.

The maps are the views' own maps (``build_map(..., for_print=True)``: same data, classes, colours,
labels and escaping as the HTML export), without any control. Around them, never over them:

* a header with the title (图名: region and subject) and subtitle (year(s), level, plans);
* beside the map (landscape, one map) or below the maps (portrait, or maps of several years side by
  side): the legend (图例) with the base map's lines and the neighbouring provinces, the notes, the
  north arrow (指北针) and the scale bar (比例尺) with its representative fraction;
* a footer with the data sources, boundary provenance, datum, projection and date, and the notice
  line: the region's 审图号 when it has one, else 内部用图.

The map box is sized from the region's shape so the region fills it without showing past the
neighbouring provinces the topology carries (``layers.geometry.NEIGHBOUR_MARGIN``); what is left
of the page goes to the legend. ``Atlas.printPage`` (atlas.js) then fits the region into each box,
places the labels, shrinks a legend that would overflow, draws the scale bar and marks the page
ready (``data-atlas-print-ready``).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from geo._errors import AtlasError
from geo.metrics import metric_spec, metric_years
from i18n import join, pick, sep, t
from layers import assets
from layers import elements as el
from layers._escape import html_text, js_json
from layers.geometry import NEIGHBOUR_MARGIN
from layers.print.measure import PT_MM, block_mm, text_mm
from layers.print.pages import Page, mm_to_px
from layers.views import BuiltView, Legend, LegendRow, View, build_map
from layers.views.choropleth import years_legend
from layers.views.frame import footer_lines, shows_counties
from layers.views.frame_parts import OUTLINE_STYLE

if TYPE_CHECKING:
    from geo.actuals import Actual
    from geo.atlas import Atlas
    from geo.plans import Plan

PRINT_CSS = Path(__file__).with_name("print.css")
MAX_YEARS = 4  # more maps side by side than this would be too small to read on A4
PAD = 0.045  # share of a map box left around the region (room for the neighbours' names)


@dataclass(frozen=True)
class Box:
    """A rectangle on the page, in mm."""

    x: float
    y: float
    w: float
    h: float

    def style(self) -> str:
        return f"left:{self.x:.2f}mm;top:{self.y:.2f}mm;width:{self.w:.2f}mm;height:{self.h:.2f}mm"


@dataclass(frozen=True)
class Layout:
    """Where everything goes on the sheet (mm): header, the map boxes, the key area, footer.

    ``mode``: where the key (legend, scale bar, north arrow) is: ``side`` (beside the maps; it then
    holds the sources too), ``band`` (below the maps) or ``cell`` (the grid's free cell).
    """

    header: Box
    maps: tuple[Box, ...]
    key: Box
    footer: Box
    mode: str
    scale: float  # type size relative to A4
    score: float = 0.0  # the region's height on paper (mm): larger is better

    @property
    def side(self) -> bool:
        """The key runs down beside the maps (side, or a grid cell): a column of boxes."""
        return self.mode in ("side", "cell")


@dataclass(frozen=True)
class PageText:
    """The text around the maps whose length decides how tall the header and footer must be."""

    title: str = ""
    subtitle: str = ""
    sources: tuple[str, ...] = ()
    notice: str = ""
    notice_note: str = ""


# Type sizes at A4 (pt; print.css scales them by --s), and line heights, as print.css sets them.
TITLE_PT, SUBTITLE_PT, SMALL_PT, NOTICE_PT, HEADING_PT = 16.0, 9.5, 6.6, 10.0, 9.0
TITLE_LH, TEXT_LH, NOTES_LH = 1.2, 1.35, 1.4


def header_mm(text: PageText, width: float) -> float:
    """The header's height at A4 size (mm) for its text in a box ``width`` mm wide: title, subtitle,
    the space between and under them, and the rule."""
    title = block_mm([text.title], TITLE_PT, width, line_height=TITLE_LH, spacing=0.02)
    subtitle = block_mm([text.subtitle], SUBTITLE_PT, width, line_height=TEXT_LH)
    return max(17.0, title + 0.8 + subtitle + 1.6 + 1.0)


def footer_mm(text: PageText, width: float, *, sources: bool) -> float:
    """The footer's height at A4 size (mm): the notice line at the right and, where the footer holds
    them (``sources``), the sources beside it, each wrapped in its own width."""
    main_w = text_mm(text.notice, NOTICE_PT, spacing=0.15)
    note_w = text_mm(text.notice_note, SMALL_PT)
    line, main_h = SMALL_PT * TEXT_LH * PT_MM, NOTICE_PT * TEXT_LH * PT_MM
    if not sources:  # the notice alone, main and note on one line where they fit
        one_line = main_w + 4 + note_w <= width
        notice_h = main_h if one_line else main_h + block_mm([text.notice_note], SMALL_PT, width, line_height=TEXT_LH)
        return max(9.0, 1.2 + notice_h + 1.0)
    notice_w = min(0.4 * width, max(main_w, note_w))
    notice_h = main_h + (block_mm([text.notice_note], SMALL_PT, notice_w, line_height=TEXT_LH) if text.notice_note else 0)
    sources_h = block_mm(list(text.sources), SMALL_PT, width - notice_w - 6, line_height=TEXT_LH)
    return max(15.0, 1.2 + max(notice_h, sources_h) + line * 0.3 + 1.0)


def notes_mm(text: PageText, width: float) -> float:
    """The notes box beside the maps (sources, boundary, datum, projection) at A4 size (mm)."""
    inner = width - 5
    body = block_mm(list(text.sources), SMALL_PT, inner, line_height=NOTES_LH) + 0.25 * SMALL_PT * PT_MM * len(text.sources)
    return 5 + HEADING_PT * 1.3 * PT_MM + 2.3 + body + 1.0


@dataclass(frozen=True)
class KeySize:
    """How much the key holds: legend rows, notes and the base map's rows."""

    rows: int = 8
    notes: int = 1
    base: int = 4


def region_aspect(bounds: tuple[float, float, float, float]) -> float:
    """Width over height of the region's box in Web Mercator (what the map shows)."""
    minx, miny, maxx, maxy = bounds

    def merc(lat: float) -> float:
        return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))

    return math.radians(maxx - minx) / max(merc(maxy) - merc(miny), 1e-9)


def aspect_range(aspect: float, *, neighbours: bool) -> tuple[float, float]:
    """The widths over heights a map box may have: the region with its padding fills it, and nothing
    past the neighbouring provinces' clipped outlines shows (a little to spare)."""
    if not neighbours:
        return 0.0, math.inf
    room = (1 + 2 * NEIGHBOUR_MARGIN) * (1 - 2 * PAD) * 0.96
    return aspect / room, aspect * room


ROW_MM = 4.7  # one legend row at A4 size
ELEMENTS_MM = 34  # the north arrow and scale bar box
SOURCES_MM = 30  # the notes box with the sources, when the key holds it


def plan_layout(page: Page, aspect: float, n_maps: int, *, neighbours: bool, key: KeySize | None = None,
                text: PageText | None = None) -> Layout:  # fmt: skip
    """Sizes and places of the page's parts: of every arrangement of the maps (columns x rows) and
    place of the key (beside, below, or in the grid's free cell) whose key has room, the one that
    shows the region largest. The header and footer are as tall as ``text`` needs in their width."""
    key, text = key or KeySize(), text or PageText()
    options = [
        layout
        for mode in ("side", "band", "cell")
        for cols in range(1, n_maps + 1)
        if (layout := _framed(page, aspect, n_maps, cols, mode=mode, neighbours=neighbours, key=key, text=text)) is not None
    ]
    if not options:  # nothing has room: the one with the most, the legend shrinks to fit (atlas.js)
        options = [_framed(page, aspect, n_maps, n_maps, mode="band", neighbours=neighbours, key=key, text=text,
                           strict=False)]  # type: ignore[list-item]  # fmt: skip
    return max(options, key=lambda o: o.score)


def _framed(page: Page, aspect: float, n_maps: int, cols: int, *, mode: str, neighbours: bool, key: KeySize,
            text: PageText, strict: bool = True) -> Layout | None:  # fmt: skip
    """``_arrange`` with a header and footer tall enough for ``text``: first as wide as the page's
    content, then, where the maps and key make a narrower group, as wide as that group."""
    s = min(page.width_mm, page.height_mm) / 210
    content_w = page.width_mm - 20 * s

    def frame(width: float) -> tuple[float, float]:
        return header_mm(text, width / s), footer_mm(text, width / s, sources=mode != "side")

    def arrange(heights: tuple[float, float]) -> Layout | None:
        return _arrange(page, aspect, n_maps, cols, mode=mode, neighbours=neighbours, key=key, strict=strict,
                        frame=heights, notes=notes_mm(text, 68))  # fmt: skip

    heights = frame(content_w)
    layout = arrange(heights)
    if layout is not None and layout.header.w < content_w - 1e-6:
        need = frame(layout.header.w)
        if need[0] > heights[0] + 1e-6 or need[1] > heights[1] + 1e-6:
            layout = arrange((max(need[0], heights[0]), max(need[1], heights[1])))
    return layout


def band_mm(key: KeySize, width: float) -> float:
    """The height the key needs below the maps, at A4 size (mm), in a band ``width`` mm wide: the
    legend's rows in as many columns as fit beside the base map's rows and the scale box."""
    legend_w = width - (72 + 50 + 12)  # less the scale box and the base map's rows
    per_column = max(1, math.floor(legend_w / 50))
    return max(40, 14 + (2 + math.ceil(key.rows / per_column) + 1.3 * key.notes) * ROW_MM, 14 + key.base * ROW_MM, ELEMENTS_MM)


def _arrange(page: Page, aspect: float, n_maps: int, cols: int, *, mode: str, neighbours: bool, key: KeySize,
             frame: tuple[float, float], notes: float = SOURCES_MM, strict: bool = True) -> Layout | None:  # fmt: skip
    """One arrangement: ``cols`` columns of maps, the key ``mode``; ``frame``: the header's and footer's
    heights and ``notes`` the notes box's (beside the maps), at A4 size (mm)."""
    s = min(page.width_mm, page.height_mm) / 210  # A4 = 1, A3 = 1.41
    rows = math.ceil(n_maps / cols)
    if (mode == "side" and not page.landscape) or (mode == "cell" and rows * cols == n_maps):
        return None
    if cols > 1 and rows * cols - n_maps >= cols:  # an empty row
        return None
    margin, gap = 10 * s, 4 * s
    header_h, footer_h = frame[0] * s, frame[1] * s
    caption_h = 6.5 * s if n_maps > 1 else 0.0
    content_w = page.width_mm - 2 * margin
    body_y = margin + header_h + gap
    body_h = page.height_mm - 2 * margin - header_h - footer_h - 2 * gap
    low, high = aspect_range(aspect, neighbours=neighbours)
    # the key's own needs (mm at this page's type size)
    column_h = (14 + (2 + key.rows + 1.3 * key.notes + key.base) * ROW_MM + ELEMENTS_MM) * s
    if mode == "side":
        column_h += max(SOURCES_MM, notes) * s
    side_min, side_max = 68 * s, (96 if key.rows <= 10 else 130) * s  # a long legend: all the room there is
    grid_w, grid_h = content_w, body_h
    if mode == "side":
        grid_w = content_w - side_min - gap
    band_h = band_mm(key, content_w / s) * s
    if mode == "band":
        grid_h = body_h - band_h - gap
    cell_w = (grid_w - (cols - 1) * gap) / cols
    cell_h = (grid_h - (rows - 1) * gap) / rows - caption_h
    if cell_w <= 0 or cell_h <= 0:
        return None
    box_h = min(cell_h, cell_w / max(aspect, 1e-9))  # the region's own shape, where there is room
    box_w = min(cell_w, box_h * high)
    if box_w / box_h < low:  # a region much taller than wide: a shorter box
        box_h = box_w / low
    used_w, used_h = cols * box_w + (cols - 1) * gap, rows * (box_h + caption_h) + (rows - 1) * gap
    if mode == "side":
        key_w = min(side_max, content_w - used_w - gap)
        left = margin + (content_w - used_w - gap - key_w) / 2
        top = body_y + (body_h - used_h) / 2
        key_box = Box(left + used_w + gap, body_y, key_w, body_h)
        group = Box(left, 0, used_w + gap + key_w, 0)
    elif mode == "band":  # maps and key together in the middle; the key's boxes as tall as their content
        spare = max(0.0, body_h - used_h - gap - band_h)
        left, top = margin + (content_w - used_w) / 2, body_y + spare / 2
        key_box = Box(margin, top + used_h + gap, content_w, body_y + body_h - top - used_h - gap)
        group = Box(margin, 0, content_w, 0)
    else:
        left, top = margin + (content_w - used_w) / 2, body_y + (body_h - used_h) / 2
        free = rows * cols - n_maps
        key_box = Box(left + (cols - free) * (box_w + gap), top + (rows - 1) * (box_h + caption_h + gap),
                      free * box_w + (free - 1) * gap, box_h + caption_h)  # fmt: skip
        group = Box(margin, 0, content_w, 0)
    if strict and (key_box.w < 58 * s or (mode != "band" and column_h > key_box.h * 1.45)):
        return None  # no room for the key, even with its type shrunk
    maps = tuple(Box(left + (i % cols) * (box_w + gap), top + (i // cols) * (box_h + caption_h + gap) + caption_h, box_w, box_h)
                 for i in range(n_maps))  # fmt: skip
    header = Box(group.x, margin, group.w, header_h)
    footer = Box(group.x, page.height_mm - margin - footer_h, group.w, footer_h)
    return Layout(header, maps, key_box, footer, mode, s, score=min(box_h, box_w / max(aspect, 1e-9)))


def check_years(atlas: Atlas, view: View, plans: Sequence[Plan], years: Sequence[int]) -> tuple[int, ...]:
    """The years of small multiples, checked: a yearly metric of the choropleth view, its own years."""
    chosen = tuple(dict.fromkeys(int(y) for y in years))
    if not chosen:
        return ()
    if view.kind != "choropleth" or not metric_spec(view.metric, [*atlas.plans, *plans]).by_year:
        raise AtlasError("maps of several years side by side need the choropleth view of a yearly metric, e.g. --metric revenue")
    known = metric_years(plans, view.metric)
    unknown = [y for y in chosen if y not in known]
    if unknown:
        raise AtlasError(f"metric {view.metric!r} has no figures for {', '.join(map(str, unknown))}; "
                         f"its years: {', '.join(map(str, known))}")  # fmt: skip
    if len(chosen) > MAX_YEARS:
        raise AtlasError(f"at most {MAX_YEARS} years side by side, got {len(chosen)}")
    return tuple(sorted(chosen))


def print_page(atlas: Atlas, view: View, plans: Sequence[Plan], *, page: Page, years: Sequence[int] = (),
               actuals: Sequence[Actual] = ()) -> str:  # fmt: skip
    """The complete HTML of one print page of ``view`` (``years``: one map per year, side by side;
    ``actuals``: figures a user added, for the progress view)."""
    view = view.with_(basemap="none")  # no tiles: the page is made with the network blocked
    chosen = check_years(atlas, view, plans, years)
    if len(chosen) == 1:
        view, chosen = view.with_(year=chosen[0]), ()
    if chosen:
        built = [build_map(atlas, view.with_(year=year), plans, for_print=True, actuals=actuals) for year in chosen]
        legend = years_legend(atlas, view, plans, chosen)
        captions = [t("print_year", view.lang, year=year) for year in chosen]
    else:
        built = [build_map(atlas, view, plans, for_print=True, actuals=actuals)]
        legend, captions = built[0].legend, [""]
    title, subtitle = _titles(atlas, view, plans, built[0], chosen)
    bounds = atlas.bounds(view.source)
    neighbours = "neighbours" in atlas.topology(view.source).get("objects", {})
    legend, base = _print_legend(view, legend)
    size = KeySize(rows=len(legend.rows), notes=len(legend.notes), base=len(base))
    text = _page_text(atlas, view, plans, title, subtitle)
    layout = plan_layout(page, region_aspect(bounds), len(built), neighbours=neighbours, key=size, text=text)
    for each in built:
        _city_label_room(each)
    return _page_html(atlas, view, page=page, layout=layout, built=built, captions=captions, legend=legend, base=base,
                      text=text)  # fmt: skip


def _page_text(atlas: Atlas, view: View, plans: Sequence[Plan], title: str, subtitle: str) -> PageText:
    """The page's words around the maps: title, subtitle, sources and the notice line."""
    lang = view.lang
    approval = atlas.region.map_approval
    notice = t("print_notice_approval", lang, number=approval) if approval else t("print_notice_internal", lang)
    note = "" if approval else t("print_notice_note", lang)
    sources = (*footer_lines(atlas, view, plans), t("print_projection", lang))
    return PageText(title, subtitle, sources, notice, note)


# Where a city's name may go when its centre is taken (px from its anchor): above, below, left, right.
CITY_OFFSETS = [[0, 0], [0, -11], [0, 11], [0, -19], [0, 19]]


def _city_label_room(built: BuiltView) -> None:
    """Let city names move a little off their centres (up, down, sideways by about half their width,
    or both) where another city's name or the map's edge is there first: on small maps side by side, neighbouring cities'
    names (唐山市 and 秦皇岛市, 保定市 and 廊坊市) would otherwise overlap and the later one be left out."""
    for child in built.map._children.values():
        if isinstance(child, el.AtlasLabels):
            for item in child.spec["labels"]:
                if item.get("kind") == "city" and "offsets" not in item:
                    half = round(text_mm(item["text"], 9.75) / 25.4 * 96 / 2)  # 13 px type: about half its width
                    item["offsets"] = [*CITY_OFFSETS, [-half, 0], [half, 0],
                                       *([dx, dy] for dy in (-11, 11) for dx in (-half, half))]  # fmt: skip


def _titles(atlas: Atlas, view: View, plans: Sequence[Plan], built: BuiltView, years: Sequence[int]) -> tuple[str, str]:
    """图名 (region and subject) and subtitle (year or years, level, what is shown, plans)."""
    lang = view.lang
    region = pick(atlas.region.province, "name", lang) if lang == "zh" else atlas.region.province.short_en
    plan_names = sep(lang).join(pick(p, "short", lang) for p in plans) or t("no_plan_loaded_short", lang)
    if view.kind == "choropleth":
        spec = metric_spec(view.metric, [*atlas.plans, *plans])
        subject = spec.label(lang)
        shown = metric_years(plans, view.metric)[-1:] if spec.by_year and view.year is None else [view.year]
        if years:
            when = t("print_years", lang, years=join((str(y) for y in years), lang))
        else:
            when = t("print_year", lang, year=shown[0]) if spec.by_year and shown and shown[0] else ""
        parts = [when, t(f"by_{view.level}", lang), plan_names]
    else:
        subject = built.title
        parts = [built.subtitle, plan_names] if built.subtitle != plan_names else [plan_names]
    return t("print_title", lang, region=region, subject=subject), " · ".join(p for p in parts if p)


def _print_legend(view: View, legend: Legend) -> tuple[Legend, list[LegendRow]]:
    """The view's legend (a note added for cluster names) and the base map's rows: the region's
    border, city and county lines, the neighbouring provinces."""
    lang = view.lang
    base = [LegendRow(el.swatch_html(stroke=OUTLINE_STYLE["stroke"], weight=2.2, line=True), t("print_province_border", lang)),
            LegendRow(el.swatch_html(stroke="#444", weight=1.2, line=True), t("print_city_border", lang))]  # fmt: skip
    if shows_counties(view):
        base.append(LegendRow(el.swatch_html(stroke="#888", weight=0.6, line=True), t("print_county_border", lang)))
    base.append(LegendRow(el.swatch_html(fill="#e6e6e1", stroke="#a9a9a4"), t("print_neighbours", lang)))
    notes = list(legend.notes)
    if view.kind == "cluster":
        notes.append(t("print_cluster_names_note", lang))
    return Legend(legend.title, list(legend.rows), notes), base


def _map_parts(built: BuiltView) -> tuple[str, str, str]:
    """(id, div, script) of one folium map, rendered on its own."""
    root = built.map.get_root()
    root.render()
    return built.map.get_name(), root.html.render(), root.script.render()


NORTH_ARROW = (  # the view box starts above 0: the letter's line box reaches above its glyph
    '<svg class="atlas-north" viewBox="0 -4 40 68" role="img" aria-label="{label}">'
    '<text x="20" y="13" text-anchor="middle" font-size="13" font-weight="700">{letter}</text>'
    '<polygon points="20,17 31,60 20,51" fill="#222"/>'
    '<polygon points="20,17 9,60 20,51" fill="#fff" stroke="#222" stroke-width="1.2" stroke-linejoin="round"/>'
    "</svg>"
)


def _page_html(atlas: Atlas, view: View, *, page: Page, layout: Layout, built: list[BuiltView], captions: list[str],
               legend: Legend, base: list[LegendRow], text: PageText) -> str:  # fmt: skip
    lang = view.lang
    parts = [_map_parts(b) for b in built]
    title, subtitle, sources, notice, notice_note = text.title, text.subtitle, text.sources, text.notice, text.notice_note
    boxes = []
    for (map_id, div, _), box, caption in zip(parts, layout.maps, captions, strict=True):
        cap = (f'<div class="atlas-print-caption" style="left:{box.x:.2f}mm;top:{box.y - 6.5 * layout.scale:.2f}mm;'
               f'width:{box.w:.2f}mm">{html_text(caption)}</div>') if caption else ""  # fmt: skip
        boxes.append(f'{cap}<div class="atlas-print-map" id="box-{html_text(map_id)}" style="{box.style()}">{div}</div>')
    rows = [(row.swatch, row.label) for row in legend.rows]
    base_rows = "".join(f'<div class="atlas-legend-row">{row.swatch}<span>{html_text(row.label)}</span></div>' for row in base)
    north = NORTH_ARROW.format(label=html_text(t("print_north", lang)), letter=html_text(t("print_north", lang)))
    key_class = f"atlas-print-key atlas-print-key-{'side' if layout.side else 'band'} atlas-print-key-{layout.mode}"
    sources_html = f'<div class="atlas-print-sources">{"".join(f"<div>{html_text(line)}</div>" for line in sources)}</div>'
    notes = (f'<section class="atlas-print-notes"><div class="atlas-print-heading">{html_text(t("print_notes", lang))}</div>'
             f"{sources_html}</section>") if layout.mode == "side" else ""  # fmt: skip
    key_style, legend_style = layout.key.style(), ""
    if layout.mode == "band":  # each box as tall as its content, the legend up to the room there is
        key_style = key_style.replace(";height:", ";max-height:")
        legend_style = f' style="max-height:{layout.key.h:.2f}mm"'
    key = (
        f'<div class="{key_class}" style="{key_style}">'
        f'<section class="atlas-print-legend atlas-legend" id="atlas-print-legend"{legend_style}>'
        f'<div class="atlas-print-heading">{html_text(t("print_legend", lang))}</div><div class="atlas-print-legend-body">'
        f'<div class="atlas-print-legend-main">{el.legend_html(legend.title, rows, legend.notes)}</div>'
        f'<div class="atlas-print-legend-base">{base_rows}</div></div></section>'
        f'{notes}<section class="atlas-print-elements"><div class="atlas-print-north">{north}</div>'
        f'<div class="atlas-print-scale"><div class="atlas-print-heading">{html_text(t("print_scale", lang))}</div>'
        f'<div id="atlas-print-scale"></div></div></section></div>'
    )  # fmt: skip
    footer = (
        f'<footer class="atlas-print-footer" style="{layout.footer.style()}">{"" if layout.mode == "side" else sources_html}'
        f'<div class="atlas-print-notice"><div class="atlas-print-notice-main">{html_text(notice)}</div>'
        + (f'<div class="atlas-print-notice-note">{html_text(notice_note)}</div>' if notice_note else "")
        + "</div></footer>"
    )
    header = (
        f'<header class="atlas-print-header" style="{layout.header.style()}">'
        f'<h1 class="atlas-print-title">{html_text(title)}</h1>'
        f'<div class="atlas-print-subtitle">{html_text(subtitle)}</div></header>'
    )
    minx, miny, maxx, maxy = atlas.bounds(view.source)
    config = {
        "maps": [{"id": map_id, "bounds": [[miny, minx], [maxy, maxx]], "padding": round(mm_to_px(min(box.w, box.h)) * PAD, 1)}
                 for (map_id, _, _), box in zip(parts, layout.maps, strict=True)],
        "fit": ["atlas-print-legend"],
        "scale": {"id": "atlas-print-scale", "px": round(mm_to_px(32 * layout.scale)), "km": t("print_km", lang),
                  "note": t("print_scale_note", lang)},
    }  # fmt: skip
    width, height = page.width_mm, page.height_mm
    html_lang = "zh-CN" if lang == "zh" else "en"
    head = (
        f'<!DOCTYPE html><html lang="{html_lang}"><head><meta charset="utf-8"><title>{html_text(title)}</title>'
        "<script>var L_NO_TOUCH = true, L_DISABLE_3D = false;</script>"
        f"<style>{assets.inline_css()}</style><script>{assets.inline_js()}</script>"
        f"<style>{PRINT_CSS.read_text(encoding='utf-8')}</style>"
        f"<style>@page {{ size: {width}mm {height}mm; margin: 0; }} html, body {{ width: {width}mm; height: {height}mm; }}"
        f" :root {{ --s: {layout.scale:.4f}; }}</style></head>"
    )
    body = (
        f'<body><div class="atlas-print-page atlas-print-{page.orientation}" style="width:{width}mm;height:{height}mm">'
        f"{header}{''.join(boxes)}{key}{footer}</div>"
    )
    scripts = "".join(f"<script>{script}</script>" for _, _, script in parts)
    ready = f"<script>Atlas.printPage({js_json(config)});</script>"
    return f"{head}{body}{scripts}{ready}</body></html>\n"
