"""The app's live map: one Leaflet map per session that stays put while settings change.

Why a component of our own rather than ``st_folium``: ``st_folium`` sends the whole folium page
(all the geometry) on every change, and the browser rebuilds the map from nothing: a blank frame
and the zoom lost. This component (``index.html`` + ``live.js``, no build step) keeps its map; it
fetches the region's topology once per boundary source and datum, as a file the app writes under
``static/topo/`` named by its content, and each change sends only the view's parts
(``layers.live.live_spec``: layer styles, tooltips, labels, panels, tiles), which it restyles in
place. It reports the user's extent and clicks back; nothing else goes back.

Everything it loads is served by the app from ``static/`` (Leaflet, ``atlas.js``, these two
files): it works with no network.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from functools import cache
from pathlib import Path
from typing import Any

import streamlit.components.v1 as components

from geo.files import write_atomic

NAME = "atlas_live_map"
FRONTEND_FILES = (Path(__file__).parent / "index.html", Path(__file__).parent / "live.js")


def install(static_dir: Path) -> list[Path]:
    """Copy the component's page and script beside Leaflet and the atlas assets in ``static_dir``."""
    static_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for path in FRONTEND_FILES:
        shutil.copyfile(path, static_dir / path.name)
        written.append(static_dir / path.name)
    return written


def geometry_file(static_dir: Path, topology: dict[str, Any]) -> str:
    """Write ``topology`` as ``topo/<digest>.json`` in ``static_dir`` (once) and return that
    relative URL: the name changes with the content, so a browser never keeps an old one."""
    return _content_file(static_dir, "topo", json.dumps(topology, ensure_ascii=False, separators=(",", ":")))


def _content_file(static_dir: Path, folder: str, text: str) -> str:
    name = f"{folder}/{hashlib.sha256(text.encode()).hexdigest()[:16]}.json"
    target = static_dir / name
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(target, text.encode(), suffixes=(".json",))
    return name


# Parts of a view's spec that are large and often the same from one change to the next (which
# counties a layer draws, place names, points) go to files named by their content: the browser
# fetches each once. Tooltips go to files too, fetched only when the pointer first rests on the
# layer: a change of metric then sends its colours, not a tooltip for every county.
EAGER = ("only", "labels", "points")
LAZY = ("tooltips",)
MIN_FILE_BYTES = 4096


def pack(spec: dict[str, Any], static_dir: Path) -> dict[str, Any]:
    """``spec`` (``layers.live.live_spec``) as sent to the browser: large parts as files
    (``{"$file": url}``, ``{"$lazy": url}``), styles as a palette and an index per code."""
    parts = []
    for part in spec["parts"]:
        inner = part.get("spec")
        if isinstance(inner, dict):
            inner = dict(inner)
            if isinstance(inner.get("styles"), dict):
                inner["styles"] = _palette(inner["styles"])
            for key in (*EAGER, *LAZY):
                if key not in inner:
                    continue
                text = json.dumps(inner[key], ensure_ascii=False, separators=(",", ":"))
                if len(text.encode()) >= MIN_FILE_BYTES:
                    inner[key] = {"$lazy" if key in LAZY else "$file": _content_file(static_dir, "parts", text)}
            parts.append({**part, "spec": inner})
        else:
            parts.append(part)
    return {**spec, "parts": parts}


def _palette(styles: dict[str, Any]) -> dict[str, Any]:
    """Per-code styles as the few distinct styles they use and, per code, which one."""
    palette: list[Any] = []
    seen: dict[str, int] = {}
    index = {}
    for code, style in styles.items():
        key = json.dumps(style, sort_keys=True)
        if key not in seen:
            seen[key] = len(palette)
            palette.append(style)
        index[code] = seen[key]
    return {"$palette": palette, "$index": index}


@cache
def _component(static_dir: str):
    return components.declare_component(NAME, path=static_dir)


def live_map(static_dir: Path, *, spec: dict[str, Any], geometry: str, bounds: list[list[float]],
             at: tuple[float, float, float] | None, selected: dict[str, Any] | None,
             focus: dict[str, Any] | None, label: str, height: int, key: str) -> dict[str, Any] | None:  # fmt: skip
    """Draw the map; returns what the user did last (``{"at": [lat, lon, zoom], "click": {...}}``) or None.

    ``spec``: ``layers.live.live_spec`` of the view; ``geometry``: ``geometry_file``'s URL;
    ``bounds``: the region, fitted when there is no ``at`` (a link's or the user's extent) and the
    view asks for no fit of its own; ``selected``: ``{"object": "counties", "codes": [...]}``,
    outlined; ``focus``: ``{"nonce": n}``, bring the selection into view once per new nonce.
    """
    component = _component(str(static_dir))
    return component(spec=spec, geometry=geometry, bounds=bounds, at=list(at) if at else None, selected=selected,
                     focus=focus, label=label, height=height, key=key, default=None)  # fmt: skip
