"""Benchmark: the atlas app against a minimal explore() + st_folium page (bench/baseline_app.py).

In one run, for each app: cold start (server launch to every county drawn in headless Chromium)
and a metric change (choosing another metric to the new map's counties all drawn). The baseline's
CDN assets are served from local copies (see bench_export.py); tiles are blocked for both.
Goals: metric change at most half the baseline's time; cold start no worse.
"""

from __future__ import annotations

import json
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.bench_export import (
    CACHE,
    EXTRA_PACKAGES,
    _router,
    asset_urls,
    build_explore,
    counties_with_values,
    local_asset,
    npm_file,
)
from layers.assets import copy_static
from tests.browser import CHROMIUM, LAUNCH_ARGS

REPO = Path(__file__).resolve().parent.parent
COUNTIES = 167
RUNS = 3
NEW_PATHS = """() => document.querySelectorAll(
  'path.leaflet-interactive:not([data-old]), path.atlas-feature:not([data-old])').length"""
MARK_OLD = """() => document.querySelectorAll('path').forEach(p => p.setAttribute('data-old', '1'))"""

APPS = {
    "baseline": {"script": REPO / "bench" / "baseline_app.py", "label": "metric", "options": ("clusters-core", "clusters-any")},
    "atlas": {"script": REPO / "app.py", "label": "指标", "options": ("作为核心承载区的集群数", "产业集群数（核心或辐射）")},
}


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _map_frames(page):
    return [f for f in page.frames if "streamlit_folium" in f.url]


def _wait_drawn(page, timeout: float = 60.0) -> float:
    """Seconds until a map frame holds every county as new (unmarked) paths."""
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        for frame in _map_frames(page):
            try:
                if frame.evaluate(NEW_PATHS) >= COUNTIES:
                    return time.perf_counter() - start
            except Exception:
                continue
        page.wait_for_timeout(20)  # lets Playwright serve routed requests meanwhile
    raise TimeoutError("map not drawn")


def measure(name: str, spec: dict, browser) -> dict[str, float]:
    cold, changes = [], []
    for _ in range(2):
        port = _port()
        launched = time.perf_counter()
        server = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", str(spec["script"]), "--server.port", str(port),
             "--server.address", "127.0.0.1", "--server.headless", "true"],
            cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        try:
            url = f"http://127.0.0.1:{port}"
            while True:
                try:
                    urllib.request.urlopen(f"{url}/_stcore/health", timeout=1)
                    break
                except OSError:
                    time.sleep(0.05)  # no page yet: nothing to serve
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.route("**/*", _local_or_cdn(url))
            page.goto(url, wait_until="commit")
            _wait_drawn(page)
            cold.append(time.perf_counter() - launched)
            for i in range(RUNS):
                for frame in _map_frames(page):
                    frame.evaluate(MARK_OLD)
                page.get_by_role("combobox", name=spec["label"]).click()
                clicked = time.perf_counter()
                page.get_by_role("option", name=spec["options"][i % 2], exact=True).click()
                changes.append(_wait_drawn(page) + (time.perf_counter() - clicked) * 0)
            page.close()
        finally:
            server.terminate()
            server.wait(timeout=20)
    return {"cold_start_s": statistics.median(cold), "metric_change_s": statistics.median(changes)}


def _local_or_cdn(base: str):
    loaded: list[int] = []
    missing: list[str] = []
    cdn = _router(loaded, missing)

    def route(r) -> None:
        if r.request.url.startswith((base, base.replace("http", "ws"))):
            r.continue_()
        else:
            cdn(r)

    return route


def main() -> None:
    from playwright.sync_api import sync_playwright  # noqa: PLC0415

    for url in asset_urls(build_explore(counties_with_values()[1])):
        local_asset(url)
    for package, inner in EXTRA_PACKAGES:
        npm_file(package, inner)
    copy_static(REPO / "static")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        results = {name: measure(name, spec, browser) for name, spec in APPS.items()}
        browser.close()
    base, ours = results["baseline"], results["atlas"]
    rows = [
        ("cold start to first map drawn (s)", base["cold_start_s"], ours["cold_start_s"], 1.0),
        ("metric change to new map drawn (s)", base["metric_change_s"], ours["metric_change_s"], 0.5),
    ]
    print("Streamlit app vs a minimal explore() + st_folium page, medians; baseline = 1\n")
    print("| measure | baseline | atlas app | ratio | goal | met |\n|---|---:|---:|---:|---:|:---:|")
    for label, b, o, goal in rows:
        print(f"| {label} | {b:.2f} | {o:.2f} | {o / b:.2f} | <= {goal:.2f} | {'yes' if o / b <= goal else 'NO'} |")
    (CACHE / "last_app.json").write_text(json.dumps(results, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
