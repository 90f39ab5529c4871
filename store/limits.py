"""Size limits and input checks, applied before anything touches the database.

One shared database serves every planner of an office, so no single call may fill it or slow it
down: each limit below is generous for real plans and small enough to keep the store snappy.
Every check raises :class:`~store.errors.StoreInputError` with a message saying what to change.
Text may not hold NUL characters (PostgreSQL cannot store them, and no real name has one).
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from store.errors import StoreInputError
from store.records import KINDS, Kind

MAX_FILE_BYTES = 20 * 1024 * 1024  # one uploaded file (a cluster list or a file of actual figures)
MAX_NAME_CHARS = 200  # a workspace name, a view name, a file name
MAX_REPORT_CHARS = 1_000_000  # the importer's report on a file
MAX_SUMMARY_CHARS = 2_000  # a one-line description of a version
MAX_PARAMS = 64  # query parameters in one saved view
MAX_PARAM_KEY_CHARS = 100
MAX_PARAM_VALUE_CHARS = 4_000
MAX_VIEWS = 500  # saved views per workspace
MAX_BACKUP_BYTES = 512 * 1024 * 1024  # one export file given to import_workspace

# What new_workspace_id makes (32 chars) and anything as strong: at least 22 URL-safe base64
# characters (>= 128 bits). Anything else cannot be an id, so it is "not found" without a query.
_ID_RE = re.compile(r"[A-Za-z0-9_-]{22,64}")
_CONTROL_RE = re.compile(r"[\x00-\x1f\x7f]")


def looks_like_id(ws_id: object) -> bool:
    """Whether ``ws_id`` has the form of a workspace id (it may still not exist)."""
    return isinstance(ws_id, str) and _ID_RE.fullmatch(ws_id) is not None


def check_kind(kind: object) -> Kind:
    """``kind`` if it is one of :data:`~store.records.KINDS`."""
    if kind not in KINDS:
        raise StoreInputError(f"unknown kind of file {kind!r}: use one of {', '.join(KINDS)}")
    return kind  # type: ignore[return-value]


def check_name(value: object, what: str, *, required: bool = False) -> str:
    """A one-line name of at most :data:`MAX_NAME_CHARS` characters, surrounding spaces removed."""
    if not isinstance(value, str):
        raise StoreInputError(f"{what} must be text, not {type(value).__name__}")
    value = value.strip()
    if len(value) > MAX_NAME_CHARS:
        raise StoreInputError(f"{what} is {len(value)} characters long; the limit is {MAX_NAME_CHARS}")
    if _CONTROL_RE.search(value):
        raise StoreInputError(f"{what} must be one line without control characters")
    if required and not value:
        raise StoreInputError(f"{what} must not be empty")
    return value


def check_text(value: object, what: str, limit: int) -> str:
    """Free text (line breaks allowed) of at most ``limit`` characters."""
    if not isinstance(value, str):
        raise StoreInputError(f"{what} must be text, not {type(value).__name__}")
    if len(value) > limit:
        raise StoreInputError(f"{what} is {len(value):,} characters long; the limit is {limit:,}")
    if "\x00" in value:
        raise StoreInputError(f"{what} must not contain NUL characters")
    return value


def check_data(data: object) -> bytes:
    """File contents: bytes of at most :data:`MAX_FILE_BYTES`."""
    if not isinstance(data, bytes | bytearray | memoryview):
        raise StoreInputError(f"file contents must be bytes, not {type(data).__name__}")
    data = bytes(data)
    if len(data) > MAX_FILE_BYTES:
        raise StoreInputError(f"the file is {len(data) / 1024 / 1024:.1f} MB; the limit is {MAX_FILE_BYTES // 1024 // 1024} MB")
    return data


def check_params(params: object) -> dict[str, str]:
    """A view's query parameters: at most :data:`MAX_PARAMS` text keys and text values."""
    if not isinstance(params, Mapping):
        raise StoreInputError(f"view parameters must be a mapping of text to text, not {type(params).__name__}")
    if len(params) > MAX_PARAMS:
        raise StoreInputError(f"a view has {len(params)} parameters; the limit is {MAX_PARAMS}")
    checked: dict[str, str] = {}
    for key, value in params.items():
        if not isinstance(key, str) or not isinstance(value, str):
            raise StoreInputError("view parameters must be text keys with text values")
        if not key or len(key) > MAX_PARAM_KEY_CHARS or _CONTROL_RE.search(key):
            raise StoreInputError(
                f"view parameter name {key[:40]!r} must be 1 to {MAX_PARAM_KEY_CHARS} characters without control characters"
            )
        checked[key] = check_text(value, f"view parameter {key!r}", MAX_PARAM_VALUE_CHARS)
    return checked


def check_number(number: object) -> int:
    """A version number: a whole number from 1."""
    if isinstance(number, bool) or not isinstance(number, int) or number < 1:
        raise StoreInputError(f"a version number is a whole number from 1, not {number!r}")
    return number
