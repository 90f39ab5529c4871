"""Load test of workspaces (not part of ``make test``; ``make load``): concurrent sessions in real browsers.

Two runs, loopback only, bounded in time:

1. 20 browser sessions at once against one app server on a SQLite store;
2. 20 sessions split over two app processes sharing one PostgreSQL database (a throw-away cluster
   started here with ``initdb``/``pg_ctl``, as the tests do).

Each session opens the app, uploads a cluster list of its own (a distinct cluster name), waits for
the workspace link, reloads that link and reads its list back in the plan picker. Afterwards the
store is read directly: a *lost write* is a session whose workspace does not hold exactly its one
version; an *error* is a session that failed, timed out or logged a page error. Both must be 0.
"""

from __future__ import annotations

import asyncio
import contextlib
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qs, urlparse

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from layers.assets import copy_static  # noqa: E402
from store import Store  # noqa: E402
from tests.browser import CHROMIUM, LAUNCH_ARGS, AppServer  # noqa: E402

SESSIONS = 20
TIMEOUT_MS = 240_000
LOCAL = ("http://127.0.0.1", "ws://127.0.0.1", "data:", "blob:")


@dataclass
class Outcome:
    index: int
    workspace: str = ""
    seconds: float = 0.0
    errors: list[str] = field(default_factory=list)


def _list(index: int) -> bytes:
    return (f"编号,集群名称,所在市,核心承载区\nload{index},负载测试集群{index},衡水,安平县\n").encode()


async def _session(browser: object, url: str, index: int, folder: Path) -> Outcome:
    outcome = Outcome(index)
    started = time.perf_counter()
    context = await browser.new_context(viewport={"width": 1300, "height": 900})  # type: ignore[attr-defined]
    page = await context.new_page()
    page.on("pageerror", lambda e: outcome.errors.append(f"page error: {e}"))

    async def route(r: object) -> None:
        if r.request.url.startswith(LOCAL):  # type: ignore[attr-defined]
            await r.continue_()  # type: ignore[attr-defined]
        else:
            await r.abort()  # type: ignore[attr-defined]

    await page.route("**/*", route)
    try:
        await page.goto(url, timeout=TIMEOUT_MS)
        await page.get_by_text("导入集群清单").click(timeout=TIMEOUT_MS)
        path = folder / f"list-{index}.csv"
        path.write_bytes(_list(index))
        await page.locator("input[type=file]").first.set_input_files(str(path), timeout=TIMEOUT_MS)
        await page.wait_for_url(lambda u: "ws=" in u, timeout=TIMEOUT_MS)
        outcome.workspace = parse_qs(urlparse(page.url).query)["ws"][0]
        await page.reload(timeout=TIMEOUT_MS)  # read it back through the link
        await page.get_by_text(f"导入：list-{index}.csv").first.wait_for(timeout=TIMEOUT_MS)
    except Exception as error:  # a timeout or a failed step is counted, not raised
        outcome.errors.append(f"{type(error).__name__}: {str(error).splitlines()[0]}")
    finally:
        outcome.seconds = round(time.perf_counter() - started, 1)
        await context.close()
    return outcome


async def _run(urls: list[str], folder: Path) -> list[Outcome]:
    from playwright.async_api import async_playwright  # noqa: PLC0415

    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        try:
            return await asyncio.gather(*(_session(browser, urls[i % len(urls)], i, folder) for i in range(SESSIONS)))
        finally:
            await browser.close()


def _count(outcomes: list[Outcome], database_url: str) -> tuple[int, int]:
    lost = 0
    with Store(database_url) as store:
        for outcome in outcomes:
            if not outcome.workspace:
                continue
            versions = store.versions(outcome.workspace, "clusters")
            if [v.filename for v in versions] != [f"list-{outcome.index}.csv"]:
                lost += 1
    errors = sum(1 for o in outcomes if o.errors or not o.workspace)
    return lost, errors


def _report(name: str, outcomes: list[Outcome], lost: int, errors: int, seconds: float) -> None:
    times = sorted(o.seconds for o in outcomes)
    print(f"{name}: {SESSIONS} sessions, lost writes {lost}, errors {errors}, {seconds:.0f} s in all, "
          f"session median {times[len(times) // 2]} s, slowest {times[-1]} s")  # fmt: skip
    for outcome in outcomes:
        for error in outcome.errors[:1]:
            print(f"  session {outcome.index}: {error}")


def run_sqlite(folder: Path) -> tuple[int, int]:
    url = f"sqlite:///{folder / 'load.sqlite3'}"
    server = AppServer(REPO, {"ATLAS_DATABASE_URL": url}).start()
    try:
        started = time.perf_counter()
        outcomes = asyncio.run(_run([server.url], folder))
        lost, errors = _count(outcomes, url)
        _report("one app process, SQLite", outcomes, lost, errors, time.perf_counter() - started)
        return lost, errors
    finally:
        server.stop()


def run_postgres(folder: Path) -> tuple[int, int] | None:
    from tests.pg import cluster, find_bin_dir  # noqa: PLC0415

    if find_bin_dir() is None:
        print("PostgreSQL is not installed: the two-process run is skipped (make postgres installs it)")
        return None
    clusters = cluster()
    pg = next(clusters)
    try:
        url = pg.new_database()
        Store(url).close()  # migrate once before the two processes start
        servers = [AppServer(REPO, {"ATLAS_DATABASE_URL": url}).start() for _ in range(2)]
        try:
            started = time.perf_counter()
            outcomes = asyncio.run(_run([s.url for s in servers], folder))
            lost, errors = _count(outcomes, url)
            _report("two app processes, one PostgreSQL", outcomes, lost, errors, time.perf_counter() - started)
            return lost, errors
        finally:
            for server in servers:
                server.stop()
    finally:
        with contextlib.suppress(StopIteration):
            next(clusters)


def main() -> int:
    copy_static(REPO / "static")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        only_postgres = "--postgres-only" in sys.argv
        results = [None if only_postgres else run_sqlite(folder), run_postgres(folder)]
    failed = any(r is not None and (r[0] or r[1]) for r in results)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
