"""The workspace backup file: one JSON document holding everything of one workspace.

Planners download it to keep a copy or to move a workspace to another office's server, and give
it back to ``Store.import_workspace``. Layout (``FORMAT_VERSION`` 1)::

    {"format": "hebei-cluster-atlas/workspace", "format_version": 1, "exported_at": "...",
     "workspace": {"id": "...", "name": "...", "created_at": "...", "updated_at": "..."},
     "versions": {"clusters": [{"number": 1, "filename": "...", "data": "<base64>", "report": "...",
                                "summary": "...", "created_at": "...", "in_use": true}, ...],
                  "actuals": [...]},
     "views": [{"name": "...", "params": {"k": "v"}, "saved_at": "..."}]}

Timestamps are ISO 8601 in UTC. :func:`decode` checks everything (types, limits, base64, one
version in use per kind at most) before anything is stored, so a broken or foreign file is
refused as a whole with a message saying what is wrong.
"""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from store.errors import BackupFormatError, StoreInputError
from store.limits import (
    MAX_BACKUP_BYTES,
    MAX_REPORT_CHARS,
    MAX_SUMMARY_CHARS,
    MAX_VIEWS,
    check_data,
    check_name,
    check_number,
    check_params,
    check_text,
    looks_like_id,
)
from store.records import KINDS, SavedView, Version, Workspace

FORMAT = "hebei-cluster-atlas/workspace"
FORMAT_VERSION = 1


@dataclass(frozen=True)
class Backup:
    """A decoded backup: the workspace as it was exported (its id may be replaced on import)."""

    workspace: Workspace
    versions: tuple[Version, ...]
    views: tuple[SavedView, ...]


def encode(workspace: Workspace, versions: list[Version], views: list[SavedView], *, schema: str | None) -> bytes:
    """The backup file for one workspace (``schema`` is the database migration, for information)."""
    document = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "database_schema": schema,
        "exported_at": _time(datetime.now(UTC)),
        "workspace": {
            "id": workspace.id,
            "name": workspace.name,
            "created_at": _time(workspace.created_at),
            "updated_at": _time(workspace.updated_at),
        },
        "versions": {
            kind: [
                {
                    "number": version.number,
                    "filename": version.filename,
                    "data": base64.b64encode(version.data).decode("ascii"),
                    "report": version.report,
                    "summary": version.summary,
                    "created_at": _time(version.created_at),
                    "in_use": version.in_use,
                }
                for version in sorted((v for v in versions if v.kind == kind), key=lambda v: v.number)
            ]
            for kind in KINDS
        },
        "views": [{"name": view.name, "params": view.params, "saved_at": _time(view.saved_at)} for view in views],
    }
    return json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8")


def decode(data: bytes) -> Backup:
    """Read and check a backup file; :class:`BackupFormatError` says what is wrong with it."""
    if not isinstance(data, bytes | bytearray | memoryview):
        raise BackupFormatError(f"a workspace backup is a file's bytes, not {type(data).__name__}")
    if len(data) > MAX_BACKUP_BYTES:
        raise BackupFormatError(f"the file is over {MAX_BACKUP_BYTES // 1024 // 1024} MB: not a workspace backup")
    try:
        document = json.loads(bytes(data).decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        raise BackupFormatError("the file is not a workspace backup (it is not JSON text)") from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise BackupFormatError("the file is not a workspace backup of the Hebei industry cluster atlas")
    version = document.get("format_version")
    if version != FORMAT_VERSION:
        if isinstance(version, int) and version > FORMAT_VERSION:
            raise BackupFormatError(f"the backup was made by a newer atlas (format {version}): update the atlas")
        raise BackupFormatError(f"unknown backup format version {version!r}")
    try:
        return _read(document)
    except StoreInputError as exc:
        raise BackupFormatError(f"the backup is damaged: {exc}") from None
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise BackupFormatError(f"the backup is damaged: {_what(exc)}") from None


def _read(document: dict[str, Any]) -> Backup:
    ws = _object(document["workspace"], "workspace")
    ws_id = ws["id"]
    if not looks_like_id(ws_id):
        raise StoreInputError("the workspace id is not of the form the atlas makes")
    workspace = Workspace(
        id=ws_id,
        name=check_name(ws["name"], "the workspace name"),
        created_at=_parse_time(ws["created_at"]),
        updated_at=_parse_time(ws["updated_at"]),
    )
    all_versions = _object(document["versions"], "versions")
    if set(all_versions) - set(KINDS):
        raise StoreInputError(f"unknown kinds of file {sorted(set(all_versions) - set(KINDS))}")
    versions: list[Version] = []
    for kind in KINDS:
        entries = all_versions.get(kind, [])
        if not isinstance(entries, list):
            raise StoreInputError(f"the {kind} versions are not a list")
        numbers: set[int] = set()
        for raw in entries:
            entry = _object(raw, f"a {kind} version")
            number = check_number(entry["number"])
            if number in numbers:
                raise StoreInputError(f"{kind} version {number} appears twice")
            numbers.add(number)
            if not isinstance(entry["in_use"], bool):
                raise StoreInputError(f"{kind} version {number}: in_use must be true or false")
            versions.append(
                Version(
                    kind=kind,
                    number=number,
                    filename=check_name(entry["filename"], f"{kind} version {number}: the file name"),
                    data=check_data(_base64(entry["data"], f"{kind} version {number}")),
                    report=check_text(entry["report"], f"{kind} version {number}: the report", MAX_REPORT_CHARS),
                    summary=check_text(entry["summary"], f"{kind} version {number}: the summary", MAX_SUMMARY_CHARS),
                    created_at=_parse_time(entry["created_at"]),
                    in_use=entry["in_use"],
                )
            )
        if sum(v.in_use for v in versions if v.kind == kind) > 1:
            raise StoreInputError(f"more than one {kind} version is marked in use")
    view_entries = document["views"]
    if not isinstance(view_entries, list) or len(view_entries) > MAX_VIEWS:
        raise StoreInputError(f"the views must be a list of at most {MAX_VIEWS}")
    views: list[SavedView] = []
    for raw in view_entries:
        entry = _object(raw, "a view")
        name = check_name(entry["name"], "a view name", required=True)
        if any(view.name == name for view in views):
            raise StoreInputError(f"the view {name!r} appears twice")
        views.append(SavedView(name=name, params=check_params(entry["params"]), saved_at=_parse_time(entry["saved_at"])))
    return Backup(workspace=workspace, versions=tuple(versions), views=tuple(views))


def _object(value: object, what: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise StoreInputError(f"{what} is not a JSON object")
    return value


def _base64(value: object, what: str) -> bytes:
    if not isinstance(value, str):
        raise StoreInputError(f"{what}: the file contents are not base64 text")
    try:
        return base64.b64decode(value.encode("ascii"), validate=True)
    except (binascii.Error, UnicodeEncodeError):
        raise StoreInputError(f"{what}: the file contents are not valid base64") from None


def _time(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat()


def _parse_time(value: object) -> datetime:
    if not isinstance(value, str):
        raise StoreInputError(f"a timestamp must be ISO 8601 text, not {type(value).__name__}")
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise StoreInputError(f"{value[:40]!r} is not an ISO 8601 timestamp") from None
    if moment.tzinfo is None:
        raise StoreInputError(f"the timestamp {value[:40]!r} has no time zone")
    return moment.astimezone(UTC)


def _what(exc: Exception) -> str:
    if isinstance(exc, KeyError):
        return f"the entry {exc.args[0]!r} is missing"
    return f"an entry has the wrong type ({type(exc).__name__})"
