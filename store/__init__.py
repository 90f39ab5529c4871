"""The workspace store: planners' work kept in a real database (SQLite by default, or PostgreSQL).

>>> from store import Store
>>> with Store() as store:                       # $ATLAS_DATABASE_URL or <repo>/var/atlas.sqlite3
...     ws = store.create_workspace("Tangshan review")
...     store.add_version(ws.id, "clusters", filename="list.xlsx", data=b"...", report="ok")

See ``store/README.md`` for the model, the settings, running several app processes on one
PostgreSQL database, and backup/restore. Errors are :class:`store.errors.StoreError` (an
``AtlasError``): print ``str(error)``. A full workspace id is a secret: log ``short_id(id)``.
"""

from __future__ import annotations

from store.errors import (
    BackupFormatError,
    StoreBusyError,
    StoreError,
    StoreInputError,
    VersionNotFound,
    ViewNotFound,
    WorkspaceNotFound,
)
from store.records import KINDS, Kind, SavedView, Version, Workspace, short_id
from store.store import Store

__all__ = [
    "KINDS",
    "BackupFormatError",
    "Kind",
    "SavedView",
    "Store",
    "StoreBusyError",
    "StoreError",
    "StoreInputError",
    "Version",
    "VersionNotFound",
    "ViewNotFound",
    "Workspace",
    "WorkspaceNotFound",
    "short_id",
]
