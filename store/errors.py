"""The store's exceptions: each message is written for the person who has to act on it.

All of them subclass :class:`geo._errors.AtlasError`, so the app and the CLI print ``str(error)``
and stop. A message names a workspace only by :func:`store.records.short_id`: a full id is a
capability (whoever knows it can open the workspace), so it never goes into a message or a log.
Database driver errors are translated into :class:`StoreError` *without* chaining the original,
since drivers quote the offending row (an id included) in their messages.
"""

from __future__ import annotations

from geo._errors import AtlasError


class StoreError(AtlasError):
    """Base class: the workspace store could not do what was asked."""


class WorkspaceNotFound(StoreError):  # noqa: N818 (the name says it all)
    """No workspace has that id (or it was deleted)."""


class VersionNotFound(StoreError):  # noqa: N818 (the name says it all)
    """The workspace has no version of that number for that kind of file."""


class ViewNotFound(StoreError):  # noqa: N818 (the name says it all)
    """The workspace has no saved view of that name."""


class StoreInputError(StoreError):
    """A value given to the store is of the wrong kind or over a size limit; nothing was stored."""


class BackupFormatError(StoreError):
    """A file given to ``import_workspace`` is not a workspace backup this atlas can read."""


class StoreBusyError(StoreError):
    """The database stayed busy (locked by other writers) for too long; nothing was stored."""
