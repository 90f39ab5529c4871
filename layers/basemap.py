"""The base map: Leaflet without CDNs, a basemap choice, and the datum that goes with it.

Basemaps: ``none`` (works offline; the default for exports), ``osm``, ``carto`` (light), ``gaode``
and ``tianditu`` (needs a key in ``$TIANDITU_KEY``). Gaode tiles are drawn in GCJ-02, so choosing
them shifts the vectors to GCJ-02 (``datum_for``); the layer control offers only basemaps of the
same datum, so vectors and tiles always line up.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

import folium

from geo._errors import AtlasError
from i18n import t
from layers import assets
from layers.elements import FitBounds, MetricScale, RawHtml, TileErrorNotice
from layers.geometry import Datum

BASEMAPS = ("none", "osm", "carto", "gaode", "tianditu")
TIANDITU_KEY_ENV = "TIANDITU_KEY"


@dataclass(frozen=True)
class Basemap:
    key: str
    datum: Datum
    url: str
    attribution: str
    subdomains: str = "abc"
    max_zoom: int = 18


def tianditu_key() -> str | None:
    return os.environ.get(TIANDITU_KEY_ENV) or None


def _basemaps() -> dict[str, Basemap]:
    tk = tianditu_key() or ""
    return {
        "osm": Basemap("osm", "wgs84", "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
                       "&copy; OpenStreetMap contributors", subdomains="abc", max_zoom=19),
        "carto": Basemap("carto", "wgs84", "https://{s}.basemaps.cartocdn.com/light_all/{z}/{x}/{y}{r}.png",
                         "&copy; OpenStreetMap contributors &copy; CARTO", subdomains="abcd", max_zoom=20),
        "tianditu": Basemap("tianditu", "wgs84",
                            "https://t{s}.tianditu.gov.cn/vec_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0"
                            "&LAYER=vec&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX={z}&TILEROW={y}"
                            f"&TILECOL={{x}}&tk={tk}", "&copy; 天地图 Tianditu", subdomains="01234567"),
        "gaode": Basemap("gaode", "gcj02",
                         "https://webrd0{s}.is.autonavi.com/appmaptile?lang=zh_cn&size=1&scale=1&style=8&x={x}&y={y}&z={z}",
                         "&copy; 高德地图 AutoNavi", subdomains="1234"),
    }  # fmt: skip


def usable_basemaps() -> list[str]:
    """The basemaps that can be shown here: Tianditu only with a key."""
    return [b for b in BASEMAPS if b != "tianditu" or tianditu_key()]


def datum_for(basemap: str) -> Datum:
    """The datum vectors must be in to line up with ``basemap``."""
    check_basemap(basemap)
    return "wgs84" if basemap == "none" else _basemaps()[basemap].datum


def check_basemap(basemap: str) -> None:
    """Refuse unknown basemaps, and Tianditu without a key, with a clear message."""
    if basemap not in BASEMAPS:
        raise AtlasError(f"unknown basemap {basemap!r}; choose from {', '.join(BASEMAPS)}")
    if basemap == "tianditu" and not tianditu_key():
        raise AtlasError(f"the Tianditu basemap needs a key in the {TIANDITU_KEY_ENV} environment variable")


def make_map(*, basemap: str = "none", lang: str = "zh", static_url: str | None = None,
             bounds: tuple[float, float, float, float]) -> folium.Map:  # fmt: skip
    """An empty map fitted to ``bounds`` with offline assets and the chosen basemap.

    With ``static_url`` the assets are linked from there (the Streamlit app serves them);
    otherwise they are inlined into the page, which then needs no network at all.
    """
    check_basemap(basemap)
    minx, miny, maxx, maxy = bounds
    fmap = folium.Map(tiles=None, location=[(miny + maxy) / 2, (minx + maxx) / 2], zoom_start=7, zoom_snap=0.25)
    if static_url is None:
        fmap.default_js, fmap.default_css = [], []
        header = fmap.get_root().header
        header.add_child(RawHtml(f"<style>{assets.inline_css()}</style>"), name="atlas_css")
        header.add_child(RawHtml(f"<script>{assets.inline_js()}</script>"), name="atlas_js")
    else:
        base = static_url.rstrip("/")
        fmap.default_js = [(name, f"{base}/{path.name}") for name, path in assets.JS_FILES]
        fmap.default_css = [(name, f"{base}/{path.name}") for name, path in assets.CSS_FILES]
    _add_basemaps(fmap, basemap, lang)
    fmap.add_child(MetricScale())
    # Leave room for the title (top left) and the sources (bottom left) around the province.
    fmap.add_child(FitBounds(bounds, padding=70), name="fit_bounds")
    return fmap


def _add_basemaps(fmap: folium.Map, chosen: str, lang: str) -> None:
    if chosen == "none":
        return  # the page's own background (atlas.css) shows around the vectors
    datum = datum_for(chosen)
    options = [b for b in _basemaps().values() if b.datum == datum and (b.key != "tianditu" or tianditu_key())]
    for basemap in sorted(options, key=lambda b: b.key != chosen):
        folium.TileLayer(
            tiles=basemap.url,
            attr=basemap.attribution,
            name=t(f"basemap_{basemap.key}", lang),
            subdomains=basemap.subdomains,
            max_zoom=basemap.max_zoom,
            show=basemap.key == chosen,
            overlay=False,
        ).add_to(fmap)
    fmap.add_child(TileErrorNotice(t("tiles_failed", lang)))
