"""Where the atlas finds its data: one place for every path and tunable.

``ATLAS_DATA_DIR`` points the whole atlas at another data folder (another province, or a test
fixture); it defaults to the ``data/`` folder of this repository.
"""

from __future__ import annotations

import os
from pathlib import Path

REPO_DIR = Path(__file__).resolve().parent.parent


def data_dir() -> Path:
    """The data folder: ``$ATLAS_DATA_DIR`` if set, else ``<repo>/data``."""
    return Path(os.environ.get("ATLAS_DATA_DIR", REPO_DIR / "data"))


def region_file() -> Path:
    """The region description (province, boundary sources, composite areas)."""
    return data_dir() / "region.yaml"


def boundaries_dir() -> Path:
    """Committed boundary files, written by ``make boundaries``."""
    return data_dir() / "boundaries"


def plans_dir() -> Path:
    """Plan files (YAML), one per plan, plus ``sources/`` with the texts they quote."""
    return data_dir() / "plans"


def database_url() -> str:
    """Where the workspace store (``store/``) keeps planners' work, as a SQLAlchemy URL.

    ``$ATLAS_DATABASE_URL`` if set (e.g. ``postgresql+psycopg://atlas@dbhost/atlas`` for an office
    server that several app processes share, or ``sqlite:///path/to/file``); otherwise a SQLite
    file in ``<repo>/var/``, a folder the store creates on first use (it is not committed).
    """
    url = os.environ.get("ATLAS_DATABASE_URL", "").strip()
    return url or f"sqlite:///{REPO_DIR / 'var' / 'atlas.sqlite3'}"
