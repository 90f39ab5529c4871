"""Benchmark: the atlas's exported county choropleth against ``GeoDataFrame.explore()``.

Same data (the bundled Tianditu counties, number of clusters per county), in one run:

* total bytes needed to render: the HTML plus every asset it loads (explore's CDN assets are
  served from local copies fetched once from the npm registry; tiles are blocked for both);
* build time: data in memory -> HTML string (median of several runs; our geometry cache cleared);
* time until all county polygons are drawn in headless Chromium (median of several loads).

Goals: bytes <= 30 % of explore's; build time and time-to-drawn no worse (ratio <= 1).
Run with ``make bench``; prints a table of the ratios.
"""

from __future__ import annotations

import json
import re
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
import warnings
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from geo.atlas import Atlas
from geo.metrics import metric_values
from layers.export import render_html
from layers.views import View
from tests.browser import CHROMIUM, LAUNCH_ARGS

CACHE = Path(__file__).resolve().parent / ".cache"
RUNS = 5
COUNTIES = 167


# Where explore()'s and st_folium's CDN assets live on the npm registry: (host, path pattern, target).
_NPM_RULES: list[tuple[str, str, Callable[[re.Match[str]], tuple[str, str]]]] = [
    ("cdn.jsdelivr.net", r"npm/((?:@[^/]+/)?[^@/]+)@([^/]+)/(.+)", lambda m: (f"{m[1]}@{m[2]}", m[3])),
    ("code.jquery.com", r"jquery-([\d.]+)\.min\.js", lambda m: (f"jquery@{m[1]}", "dist/jquery.min.js")),
    # Leaflet.awesome-markers 2.0.2 is not on npm; 2.0.4 holds the same files.
    ("cdnjs.cloudflare.com", r"ajax/libs/Leaflet\.awesome-markers/[^/]+/(.+)",
     lambda m: ("leaflet.awesome-markers@2.0.4", f"dist/{m[1]}")),
    ("cdnjs.cloudflare.com", r"ajax/libs/([^/]+)/([^/]+)/(.+)", lambda m: (f"{m[1].lower()}@{m[2]}", m[3])),
    ("d3js.org", r"d3\.v4\.min\.js", lambda m: ("d3@4.13.0", "build/d3.min.js")),  # st_folium, with a colormap
]  # fmt: skip
# st_folium adds d3 v4 (above) when a branca colormap is on the map; fetched ahead like the rest.
EXTRA_PACKAGES = [("d3@4.13.0", "build/d3.min.js")]


def npm_source(url: str) -> tuple[str, str] | None:
    """(package@version, file) of a CDN asset on the npm registry, or None.

    None for the two files not published there (a Bootstrap 3 glyphicons sheet and a CSS file served
    from folium's GitHub repository); the benchmark counts those as 0 bytes.
    """
    parts = urlsplit(url)
    path = parts.path.lstrip("/")
    for host, pattern, target in _NPM_RULES:
        match = re.fullmatch(pattern, path) if parts.hostname == host else None
        if match:
            return target(match)
    return None


def asset_urls(page: str) -> list[str]:
    """The script and stylesheet URLs a page loads."""
    found = re.findall(r'(?:src|href)="(https://[^"]+)"', page)
    return sorted(set(found))


def _is_tile(url: str) -> bool:
    return bool(re.search(r"/\d+/\d+/\d+(@2x)?\.png", url))


DRAWN_OBSERVER = """
(() => {
  const count = () => document.querySelectorAll('path.leaflet-interactive, path.atlas-feature').length;
  const check = () => { if (!window.__drawnAt && count() >= COUNTIES) { window.__drawnAt = performance.now(); } };
  new MutationObserver(check).observe(document, {subtree: true, childList: true});
  document.addEventListener('DOMContentLoaded', check);
})();
""".replace("COUNTIES", str(COUNTIES))


def local_asset(url: str) -> Path | None:
    """A local copy of one of explore()'s CDN assets, fetched once with ``npm pack``."""
    target = npm_source(url)
    return npm_file(*target) if target else None


def npm_file(package: str, inner: str) -> Path | None:
    """A file of an npm package, fetched once into the cache with ``npm pack``."""
    folder = CACHE / package.replace("/", "_")
    if not folder.exists():
        folder.mkdir(parents=True)
        subprocess.run(["npm", "pack", package, "--silent"], cwd=folder, check=True, capture_output=True)
        for archive in folder.glob("*.tgz"):
            with tarfile.open(archive) as tar:
                tar.extractall(folder, filter="data")
    path = folder / "package" / inner
    return path if path.exists() else None


def counties_with_values():
    """(the bundled atlas, its county frame with the number of clusters per county as ``value``)."""
    atlas = Atlas.load()
    frame = atlas.boundaries("tianditu", "county")
    values = metric_values(atlas, atlas.plans, "clusters-any", level="county").set_index("code")["value"]
    return atlas, frame.assign(value=frame["code"].map(values))


def build_explore(frame) -> str:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        fmap = frame.explore(column="value", scheme="quantiles")
    return fmap.get_root().render()


def build_atlas(atlas) -> str:
    atlas._topologies.clear()  # our geometry cache: encoded again, or read from the file written with the boundaries
    return render_html(atlas, View(source="tianditu"), atlas.plans)


def timed(function, *args) -> tuple[float, str]:
    times, result = [], ""
    for _ in range(RUNS):
        start = time.perf_counter()
        result = function(*args)
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def browser_measure(html: str, name: str) -> tuple[int, float, list[str]]:
    """(bytes loaded incl. HTML, median ms until all counties are drawn, assets missing locally)."""
    from playwright.sync_api import sync_playwright  # noqa: PLC0415

    workdir = Path(tempfile.mkdtemp())
    page_path = workdir / f"{name}.html"
    page_path.write_text(html, encoding="utf-8")
    missing: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        loads, sizes = [], []
        for _ in range(RUNS):
            loaded = [len(html.encode("utf-8"))]
            page = browser.new_page(viewport={"width": 1200, "height": 850})
            page.add_init_script(DRAWN_OBSERVER)
            page.route("**/*", _router(loaded, missing))
            page.goto(page_path.as_uri(), wait_until="commit")
            page.wait_for_function("window.__drawnAt !== undefined", timeout=30000, polling=50)
            loads.append(page.evaluate("window.__drawnAt"))
            sizes.append(sum(loaded))
            page.close()
        browser.close()
    return max(sizes), statistics.median(loads), missing


def _router(loaded: list[int], missing: list[str]):
    """A Playwright route handler serving explore()'s CDN assets locally and counting their bytes."""

    def route(r) -> None:
        url = r.request.url
        if url.startswith("file:") or url.startswith("data:"):
            r.continue_()
            return
        if urlsplit(url).scheme == "https" and not _is_tile(url):
            path = local_asset(url)
            if path is None:
                if url not in missing:
                    missing.append(url)
                r.fulfill(status=200, body="", content_type="text/css")
                return
            body = path.read_bytes()
            loaded.append(len(body))
            kind = "application/javascript" if url.endswith(".js") else "text/css"
            r.fulfill(status=200, body=body, content_type=kind)
            return
        r.abort()  # tiles and anything else: not needed to draw the polygons

    return route


def main() -> None:
    atlas, frame = counties_with_values()
    for url in asset_urls(build_explore(frame)):  # fetch explore()'s assets before anything is timed
        local_asset(url)
    for package, inner in EXTRA_PACKAGES:
        npm_file(package, inner)  # warm imports (matplotlib, mapclassify) once for both
    build_atlas(atlas)
    explore_build, explore_html = timed(build_explore, frame)
    atlas_build, atlas_html = timed(build_atlas, atlas)
    explore_bytes, explore_drawn, missing = browser_measure(explore_html, "explore")
    atlas_bytes, atlas_drawn, _ = browser_measure(atlas_html, "atlas")
    rows = [
        ("total bytes to render", explore_bytes, atlas_bytes, atlas_bytes / explore_bytes, 0.30),
        ("build time (s)", explore_build, atlas_build, atlas_build / explore_build, 1.0),
        ("time to all polygons drawn (ms)", explore_drawn, atlas_drawn, atlas_drawn / explore_drawn, 1.0),
    ]
    print(f"County choropleth, {COUNTIES} counties (Tianditu), median of {RUNS}; explore() = baseline\n")
    print("| measure | explore() | atlas export | ratio | goal | met |\n|---|---:|---:|---:|---:|:---:|")
    for name, base, ours, ratio, goal in rows:
        fmt = (lambda v: f"{v:,.0f}") if "bytes" in name or "ms" in name else (lambda v: f"{v:.3f}")
        print(f"| {name} | {fmt(base)} | {fmt(ours)} | {ratio:.2f} | <= {goal:.2f} | {'yes' if ratio <= goal else 'NO'} |")
    if missing:
        print("\nNot on the npm registry, counted as 0 bytes (understates explore()):")
        for url in missing:
            print(f"  {url}")
    result = {name: {"explore": base, "atlas": ours, "ratio": ratio, "goal": goal} for name, base, ours, ratio, goal in rows}
    (CACHE / "last.json").write_text(json.dumps(result, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
