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


class PlaceError(AtlasError):
    """A place name that does not resolve to county-level divisions.

    ``candidates`` lists what the name could mean (in other cities, or several in one city),
    each as a short human-readable string; it is empty when nothing of that name exists.
    """

    def __init__(self, message: str, *, query: str, city: str | None, candidates: list[str], reason: str = "none") -> None:
        super().__init__(message)
        self.query = query
        self.city = city
        self.candidates = candidates
        # Why it failed, for wording the message in either language (i18n.wording.place_problem):
        # empty, unknown_city, prefix_mismatch, elsewhere, needs_city, none, ambiguous.
        self.reason = reason


class UnknownPlaceError(PlaceError):
    """No place of that name (after aliases and city context); names are never fuzzy-matched."""


class AmbiguousPlaceError(PlaceError):
    """Several places share the name and the city context does not pick one."""
