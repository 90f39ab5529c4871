"""Benchmark: the atlas app against a minimal explore() + st_folium page (bench/baseline_app.py).

In one run, for each app: cold start (server launch to every county drawn in headless Chromium)
and a metric change (choosing another metric to the new map drawn: for the baseline, the new
st_folium frame's counties all drawn; for the atlas's live map, which restyles its paths in place,
its ``data-atlas-version`` changed with every county drawn), two launches, two changes each, each
to a metric that page has not shown; medians. The baseline's CDN assets are served from local
copies (see bench_export.py, ``serve_cdn``) with the browser's HTTP cache on; tiles are blocked for
both. The finer measures of a metric change (blank time, bytes, national scale) are bench_live.py's.
Goals: metric change at most half the baseline's time; cold start no worse.
Servers listen on the first free port of 8650-8669 (``BENCH_PORTS=FIRST-LAST`` to change).
"""

from __future__ import annotations

import base64
import json
import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from playwright.sync_api import Error as PlaywrightError

from bench.bench_export import (
    CACHE,
    EXTRA_PACKAGES,
    _is_tile,
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
LIVE_MAP = "/component/ui.live_map.atlas_live_map/"  # the atlas's live map frame (ui/live_map)
# Counties drawn anew: the baseline's new (unmarked) paths; the live map's county paths once its
# version differs from `old` (it restyles the same paths, so only the version tells a new map).
NEW_PATHS = """(old) => {
  const live = document.querySelector('#map[data-atlas-version]');
  if (live) {
    return live.getAttribute('data-atlas-version') !== old ? document.querySelectorAll('path.atlas-unit').length : 0;
  }
  return document.querySelectorAll('path.leaflet-interactive:not([data-old])').length;
}"""
MARK_OLD = """() => { document.querySelectorAll('path').forEach(p => p.setAttribute('data-old', '1'));
  const live = document.querySelector('#map[data-atlas-version]');
  return live ? live.getAttribute('data-atlas-version') : null; }"""

APPS = {
    "baseline": {
        "script": REPO / "bench" / "baseline_app.py",
        "label": "metric",
        "options": ("clusters-core", "clusters-radiating"),
    },
    "atlas": {"script": REPO / "app.py", "label": "指标", "options": ("作为核心承载区的集群数", "作为辐射区域的集群数")},
}


def _port() -> int:
    """The first free port of BENCH_PORTS (default 8650-8669)."""
    first, last = (int(p) for p in os.environ.get("BENCH_PORTS", "8650-8669").split("-"))
    for port in range(first, last + 1):
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError(f"no free port in {first}-{last} (BENCH_PORTS)")


@contextmanager
def serve(script: Path, env: dict[str, str] | None = None) -> Iterator[str]:
    """A Streamlit server running ``script`` (extra environment ``env``), its URL once healthy; stopped after."""
    port = _port()
    server = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(script), "--server.port", str(port),
         "--server.address", "127.0.0.1", "--server.headless", "true", "--server.fileWatcherType", "none"],
        cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env={**os.environ, **(env or {})},
    )  # fmt: skip
    try:
        url = f"http://127.0.0.1:{port}"
        while True:
            if server.poll() is not None:
                raise RuntimeError(f"{script.name}: the server exited ({server.returncode})")
            try:
                urllib.request.urlopen(f"{url}/_stcore/health", timeout=1)
                break
            except OSError:
                time.sleep(0.05)  # no page yet: nothing to serve
        yield url
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def map_frames(page):
    """The map frames: st_folium's (the baseline) and the atlas's live map."""
    return [f for f in page.frames if "streamlit_folium" in f.url or LIVE_MAP in f.url]


def _wait_drawn(page, old: dict[str, str | None] | None = None, timeout: float = 60.0) -> float:
    """Seconds until a map frame holds every county drawn anew (see NEW_PATHS; ``old``: each frame's
    version before the change, by frame URL)."""
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        for frame in map_frames(page):
            try:
                if frame.evaluate(NEW_PATHS, (old or {}).get(frame.url)) >= COUNTIES:
                    return time.perf_counter() - start
            except Exception:
                continue
        page.wait_for_timeout(20)  # lets Playwright serve routed requests meanwhile
    raise TimeoutError("map not drawn")


def measure(name: str, spec: dict, browser) -> dict[str, float]:
    cold, changes = [], []
    for _ in range(2):
        launched = time.perf_counter()
        with serve(spec["script"]) as url:
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            serve_cdn(page)
            page.goto(url, wait_until="commit")
            _wait_drawn(page)
            cold.append(time.perf_counter() - launched)
            # Each change to a metric this page has not shown: Streamlit's message cache in the page
            # would otherwise answer it with a reference.
            for option in spec["options"]:
                old = {frame.url: frame.evaluate(MARK_OLD) for frame in map_frames(page)}
                page.get_by_role("combobox", name=spec["label"]).click()
                page.get_by_role("option", name=option, exact=True).click()
                changes.append(_wait_drawn(page, old))
            page.context.close()
    return {"cold_start_s": statistics.median(cold), "metric_change_s": statistics.median(changes)}


def serve_cdn(page, counted: Callable[[str, int], None] | None = None):
    """Answer the page's HTTPS requests (the baseline's CDN assets) from local npm copies, through a
    CDP session (``Fetch``), blocking tiles; ``counted(url, size)`` sees each answer. Unlike
    Playwright's routing this leaves the browser's HTTP cache on, as for a user: the answers carry
    the CDN's long cache lifetime. Returns the session."""
    cdp = page.context.new_cdp_session(page)

    def answer(method: str, params: dict) -> None:
        with suppress(PlaywrightError):  # the page closed with the request pending: nobody to answer
            cdp.send(method, params)

    def paused(event) -> None:
        url, request = event["request"]["url"], event["requestId"]
        if _is_tile(url):
            answer("Fetch.failRequest", {"requestId": request, "errorReason": "BlockedByClient"})
            return
        path = local_asset(url)
        body = path.read_bytes() if path else b""  # not on npm: empty, and counted as 0 bytes
        if counted:
            counted(url, len(body))
        kind = "application/javascript" if url.endswith(".js") else "text/css"
        headers = [{"name": "Content-Type", "value": kind}, {"name": "Cache-Control", "value": "public, max-age=31536000"},
                   {"name": "Access-Control-Allow-Origin", "value": "*"}]  # fmt: skip
        answer("Fetch.fulfillRequest", {"requestId": request, "responseCode": 200, "responseHeaders": headers,
                                        "body": base64.b64encode(body).decode()})  # fmt: skip

    cdp.on("Fetch.requestPaused", paused)
    cdp.send("Fetch.enable", {"patterns": [{"urlPattern": "https://*", "requestStage": "Request"}]})
    return cdp


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
