"""Helpers for tests in a real browser: Debian's chromium driven by Playwright, network blocked.

Tests that use ``browser_page`` skip (with the reason) only where no Chromium is installed;
``make test`` installs it where it can (Debian: apt-get install chromium).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

MAP_FRAME = "iframe[title='ui.live_map.atlas_live_map']"  # the app's live map (ui/live_map)
CHROMIUM = os.environ.get("ATLAS_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
LAUNCH_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync",
]  # fmt: skip
SHOTS = Path(os.environ.get("ATLAS_SHOTS", "/tmp/atlas-shots"))


@dataclass
class PageLog:
    """What a page did: console errors, uncaught errors, dialogs, and requests it tried to make."""

    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)  # URLs answered 404


def chromium_available() -> bool:
    return Path(CHROMIUM).exists()


def launch_browser() -> Iterator[object]:
    """One Chromium for the whole test session (the ``browser`` fixture in conftest.py)."""
    if not chromium_available():
        pytest.skip(f"no Chromium at {CHROMIUM} (apt-get install chromium)")
    from playwright.sync_api import sync_playwright  # noqa: PLC0415 (only where a browser exists)

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        yield instance
        instance.close()


def open_page(browser: object, url: str, *, allow: tuple[str, ...] = ("file://",), width: int = 1200,
              height: int = 850) -> tuple[object, PageLog]:  # fmt: skip
    """Open ``url`` with every request outside ``allow`` blocked and recorded."""
    page = browser.new_page(viewport={"width": width, "height": height})  # type: ignore[attr-defined]
    log = PageLog()
    page.on("console", lambda m: log.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: log.errors.append(str(e)))
    page.on("response", lambda r: log.missing.append(r.url) if r.status == 404 else None)

    def on_dialog(dialog: object) -> None:
        log.dialogs.append(dialog.message)  # type: ignore[attr-defined]
        dialog.dismiss()  # type: ignore[attr-defined]

    page.on("dialog", on_dialog)

    def route(r: object) -> None:
        request_url = r.request.url  # type: ignore[attr-defined]
        if request_url.startswith(allow) or request_url.startswith("data:"):
            r.continue_()  # type: ignore[attr-defined]
        else:
            log.requests.append(request_url)
            r.abort()  # type: ignore[attr-defined]

    page.route("**/*", route)
    page.goto(url)
    return page, log


def screenshot(page: object, name: str) -> Path:
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / f"{name}.png"
    page.screenshot(path=str(path))  # type: ignore[attr-defined]
    return path


class AppServer:
    """``streamlit run app.py`` on a free local port, with extra environment; can be restarted."""

    def __init__(self, repo: Path, env: dict[str, str] | None = None) -> None:
        import socket  # noqa: PLC0415

        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.repo, self.env = repo, env or {}
        self.url = f"http://127.0.0.1:{self.port}"
        self._process: object = None

    def start(self) -> AppServer:
        import subprocess  # noqa: PLC0415
        import sys  # noqa: PLC0415
        import time  # noqa: PLC0415
        import urllib.request  # noqa: PLC0415

        command = [sys.executable, "-m", "streamlit", "run", str(self.repo / "app.py"), "--server.port", str(self.port),
                   "--server.address", "127.0.0.1", "--server.headless", "true"]  # fmt: skip
        self._process = subprocess.Popen(command, cwd=self.repo, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                         env={**os.environ, **self.env})  # fmt: skip
        for _ in range(240):
            try:
                if urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=1).read() == b"ok":
                    return self
            except OSError:
                time.sleep(0.5)
        raise RuntimeError(f"the app did not start on {self.url}")

    def stop(self) -> None:
        if self._process is not None:
            self._process.terminate()  # type: ignore[attr-defined]
            self._process.wait(timeout=30)  # type: ignore[attr-defined]
            self._process = None
