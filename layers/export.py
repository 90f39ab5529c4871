"""Self-contained HTML export: one file per view that renders with no network at all.

Leaflet, our JS/CSS and the geometry are inlined (``layers.assets``, ``layers.geometry``); the only
URLs left in a page are tile templates, and only when a basemap was chosen. ``export_all`` writes
every view plus an ``index.html``; ``export_png`` takes a picture with headless Chromium.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from geo._errors import AtlasError
from geo.files import check_writable_target, write_atomic
from geo.plans import Plan
from i18n import pick, t
from layers._escape import html_text
from layers.views import BuiltView, View, build_map, default_views

if TYPE_CHECKING:
    from geo.actuals import Actual
    from geo.atlas import Atlas

CHROMIUM_ENV = "ATLAS_CHROMIUM"
_CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "chrome")
_ASSET_URL = re.compile(r"""<(?:script|link|img)\b[^>]*\b(?:src|href)\s*=\s*["']?(https?:)?//""", re.IGNORECASE)


def render_html(atlas: Atlas, view: View, plans: Sequence[Plan], *, actuals: Sequence[Actual] = ()) -> str:
    """The complete HTML page of ``view`` (``actuals``: figures a user added, for the progress view)."""
    return _render(atlas, view, plans, actuals)[0]


def _render(atlas: Atlas, view: View, plans: Sequence[Plan], actuals: Sequence[Actual] = ()) -> tuple[str, BuiltView]:
    built = build_map(atlas, view, plans, actuals=actuals)
    root = built.map.get_root()
    root.title = html_text(f"{built.title} · {built.subtitle}" if built.subtitle else built.title)
    page = root.render()
    lang = "zh-CN" if view.lang == "zh" else "en"
    page = page.replace("<html>", f'<html lang="{lang}">', 1)
    page = page.replace("<head>", '<head>\n<meta charset="utf-8">', 1)
    leaks = external_assets(page)
    if leaks:  # a guard, not an expectation: every asset is inlined
        raise AtlasError(f"export would load assets from the network: {leaks[:3]}")
    return page, built


MAX_STEM = 150


def view_file_stem(view: View, *, region: str, plan_ids: Sequence[str] | None = None,
                   tiers: Sequence[str] | None = None) -> str:  # fmt: skip
    """A file name (without extension) that names every choice that changes the map.

    ``region`` is the region's short name (``hebei``); ``plan_ids`` / ``tiers`` are given only when
    not every plan or tier is shown. Too long a name keeps its start and a hash of the whole.
    """
    parts = [region, "atlas", view.kind]
    if view.kind == "choropleth":
        parts += [view.metric, str(view.year) if view.year else "", view.level, view.palette]
        parts += [f"user{'_'.join(f'{b:g}' for b in view.breaks)}"] if view.scheme == "user" else [f"{view.scheme}{view.k}"]
    if view.kind == "cluster" and view.clusters:
        parts.append("+".join(view.clusters))
    if view.kind == "future" and view.industry:
        parts.append(view.industry)
    if view.basemap != "none":
        parts.append(view.basemap)
    if view.source:
        parts.append(view.source)
    if plan_ids is not None:
        parts.append("plans_" + ("+".join(plan_ids) or "none"))
    if tiers is not None:
        parts.append("tiers_" + ("+".join(tiers) or "none"))
    parts.append(view.lang)
    stem = re.sub(r"[^a-z0-9+_.-]+", "-", "-".join(p for p in parts if p).lower()).strip("-")
    if len(stem) > MAX_STEM:
        stem = f"{stem[: MAX_STEM - 9]}-{hashlib.sha256(stem.encode()).hexdigest()[:8]}"
    return stem


def external_assets(page: str) -> list[str]:
    """Script, stylesheet or image elements that would load something over the network."""
    return [m.group(0) for m in _ASSET_URL.finditer(page)]


def export_html(atlas: Atlas, view: View, plans: Sequence[Plan], path: Path) -> Path:
    """Write the view to ``path`` (folders must exist), whole or not at all; returns the path."""
    check_writable_target(path, (".html",))
    return write_atomic(path, render_html(atlas, view, plans), suffixes=(".html",))


def export_all(atlas: Atlas, plans: Sequence[Plan], directory: Path, *, lang: str = "zh", basemap: str = "none",
               source: str | None = None) -> list[Path]:  # fmt: skip
    """Every view into ``directory`` plus an ``index.html`` linking them; returns the files written."""
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise AtlasError(f"{directory}: cannot create the folder ({error.strerror})") from None
    written = []
    entries = []
    for stem, view in default_views(plans, lang):
        view = view.with_(basemap=basemap, source=source)  # noqa: PLW2901
        page, built = _render(atlas, view, plans)
        path = write_atomic(directory / f"{stem}.html", page)
        written.append(path)
        entries.append((view.kind, built.title, built.subtitle, path.name))
    region = pick(atlas.region.province, "short", lang)
    index = write_atomic(directory / "index.html", _index_page(entries, lang, region))
    return [index, *written]


def _index_page(entries: list[tuple[str, str, str, str]], lang: str, region: str) -> str:
    title = t("index_title", lang, region=region)
    sections = []
    for kind in ("choropleth", "cluster", "future", "coverage"):
        items = [e for e in entries if e[0] == kind]
        if not items:
            continue
        links = "".join(
            f'<li><a href="{html_text(name)}">{html_text(heading)}</a>'
            + (f" <span>· {html_text(sub)}</span>" if sub else "")
            + "</li>"
            for _, heading, sub, name in items
        )
        sections.append(f"<h2>{html_text(t('view_' + kind, lang))}</h2><ul>{links}</ul>")
    html_lang = "zh-CN" if lang == "zh" else "en"
    return (
        f'<!DOCTYPE html><html lang="{html_lang}"><head><meta charset="utf-8"><title>{html_text(title)}</title>'
        "<style>body{font:14px/1.5 'Noto Sans CJK SC','Microsoft YaHei',sans-serif;margin:2em;max-width:60em}"
        "li span{color:#666}</style></head>"
        f"<body><h1>{html_text(title)}</h1>{''.join(sections)}</body></html>\n"
    )


def find_chromium() -> str | None:
    """Path of a Chromium to take pictures with: ``$ATLAS_CHROMIUM`` or one on the PATH."""
    configured = os.environ.get(CHROMIUM_ENV)
    if configured:
        return configured if Path(configured).exists() else None
    return next((found for name in _CHROMIUM_NAMES if (found := shutil.which(name))), None)


def export_png(html_path: Path, png_path: Path, *, width: int = 1400, height: int = 1000) -> Path:
    """A PNG of an exported page as the screen shows it, taken by headless Chromium with no network,
    without the map's controls (zoom buttons, layer button, attribution link). For a sheet to paste
    into a report (page size, resolution, north arrow, scale bar), use ``layers.print``."""
    from layers.print.outputs import screenshot  # noqa: PLC0415 (Playwright only when taking pictures)

    check_writable_target(png_path, (".png",))
    return write_atomic(png_path, screenshot(html_path, width=width, height=height), suffixes=(".png",))
