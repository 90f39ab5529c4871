"""The atlas's own exceptions, all in one place.

Each carries a message written for the person who has to fix the input, so callers (the CLI,
the app) can print ``str(error)`` and stop, never a traceback.
"""

from __future__ import annotations


class AtlasError(ValueError):
    """Base class: bad input that a user can fix."""


class DataFileError(AtlasError):
    """A data file (plan, region, gazetteer) is missing, unreadable or fails its schema."""


class BoundaryDataError(AtlasError):
    """A boundary source is unknown or its committed files are missing."""
