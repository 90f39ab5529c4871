"""Offline assets: Leaflet from the installed ``xstatic-leaflet`` package, plus our own JS/CSS.

Exported maps inline them (one file, no network). The Streamlit app serves the same files itself
(``static/``, copied by ``make`` from the installed packages) so ``st_folium`` needs no CDN either.
"""

from __future__ import annotations

import base64
import re
import shutil
from functools import lru_cache
from pathlib import Path

import xstatic.pkg.leaflet as xleaflet

LEAFLET_DIR = Path(xleaflet.BASE_DIR)
OWN_DIR = Path(__file__).resolve().parent / "static"

# (name, file) in load order; names are folium's so they replace its CDN entries.
JS_FILES = [("leaflet", LEAFLET_DIR / "leaflet.js"), ("atlas", OWN_DIR / "atlas.js")]
CSS_FILES = [("leaflet_css", LEAFLET_DIR / "leaflet.css"), ("atlas_css", OWN_DIR / "atlas.css")]


def _inline_images(css: str, base: Path) -> str:
    """Replace ``url(images/x.png)`` with data URIs so the CSS needs no other file."""

    def data_uri(match: re.Match[str]) -> str:
        path = base / match.group(1)
        if not path.exists():
            return match.group(0)
        encoded = base64.b64encode(path.read_bytes()).decode("ascii")
        return f"url(data:image/png;base64,{encoded})"

    return re.sub(r"url\((images/[\w.-]+\.png)\)", data_uri, css)


@lru_cache(maxsize=1)
def inline_js() -> str:
    """Every script the map needs, concatenated, for a ``<script>`` element."""
    text = "\n".join(path.read_text(encoding="utf-8") for _, path in JS_FILES)
    return text.replace("</script", "<\\/script")  # cannot end the inline <script> early


@lru_cache(maxsize=1)
def inline_css() -> str:
    """Every stylesheet the map needs, with images as data URIs."""
    return "\n".join(_inline_images(path.read_text(encoding="utf-8"), path.parent) for _, path in CSS_FILES)


def copy_static(target: Path) -> list[Path]:
    """Copy the assets into ``target`` (Streamlit's ``static/`` folder); returns the files written."""
    target.mkdir(parents=True, exist_ok=True)
    written = []
    for _, path in [*JS_FILES, *CSS_FILES]:
        destination = target / path.name
        shutil.copyfile(path, destination)
        written.append(destination)
    images = target / "images"
    images.mkdir(exist_ok=True)
    for image in (LEAFLET_DIR / "images").glob("*.png"):
        shutil.copyfile(image, images / image.name)
        written.append(images / image.name)
    return written


if __name__ == "__main__":  # python -m layers.assets DIR: what `make` runs before starting the app
    import sys

    for written in copy_static(Path(sys.argv[1] if len(sys.argv) > 1 else "static")):
        print(written)
