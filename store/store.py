"""The workspace store: planners' workspaces, their versioned files and saved views, in a database.

A workspace has no owner account: its unguessable id is the key (the app puts it in the URL).
Each workspace keeps every version of two kinds of file — imported cluster lists ("clusters")
and files of actual figures ("actuals") — numbered 1, 2, 3… per kind, with at most one version
of each kind in use, and any number of named views (URL query parameters).

Every call is one database transaction: it happens whole or not at all. Writes to a workspace
first update its row (``updated_at``), which takes that row's lock on PostgreSQL; on SQLite a
write holds the database's write lock from its first statement. Writers to one workspace
therefore queue rather than race, and the primary key on (workspace, kind, number) plus a
retry catches whatever might still slip through. The store is safe to share between threads
and to open from several processes on one database.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from datetime import UTC, datetime
from typing import TypeVar

from sqlalchemy import and_, delete, func, select, update
from sqlalchemy.orm import Session

from geo import settings
from store import backup
from store.db import current_revision, make_engine, retrying, safe_url, upgrade, writer
from store.errors import StoreInputError, VersionNotFound, ViewNotFound, WorkspaceNotFound
from store.limits import (
    MAX_REPORT_CHARS,
    MAX_SUMMARY_CHARS,
    MAX_VIEWS,
    check_data,
    check_kind,
    check_name,
    check_number,
    check_params,
    check_text,
    looks_like_id,
)
from store.records import Kind, SavedView, Version, Workspace, new_workspace_id, short_id
from store.schema import FileVersionRow, SavedViewRow, VersionInUseRow, WorkspaceRow

log = logging.getLogger(__name__)
T = TypeVar("T")


def _now() -> datetime:
    return datetime.now(UTC)


class Store:
    """The workspace store on one database (see the module docstring).

    ``url`` is any SQLAlchemy URL; by default ``geo.settings.database_url()`` (``$ATLAS_DATABASE_URL``
    or a SQLite file under ``<repo>/var/``). Opening migrates the database to the newest schema.
    Call :meth:`close` (or use ``with Store() as store:``) to release its connections.
    """

    def __init__(self, url: str | None = None) -> None:
        self._engine = make_engine(url or settings.database_url())
        self._writer = writer(self._engine)
        try:
            upgrade(self._engine)
            self._revision = current_revision(self._engine)
        except BaseException:
            self._engine.dispose()
            raise

    def __repr__(self) -> str:
        return f"Store({safe_url(self._engine.url)!r})"

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the store's database connections (it reconnects if used again)."""
        self._engine.dispose()

    @property
    def schema_revision(self) -> str | None:
        """The migration the database was at once opened (the newest one this atlas knows)."""
        return self._revision

    # -- transactions ------------------------------------------------------------------------

    def _read(self, action: str, work: Callable[[Session], T], *, ws_id: str = "") -> T:
        def attempt() -> T:
            with Session(self._engine) as session, session.begin():
                return work(session)

        return retrying(action, attempt, hide=(ws_id,))

    def _write(self, action: str, work: Callable[[Session], T], *, ws_id: str = "") -> T:
        def attempt() -> T:
            with Session(self._writer) as session, session.begin():
                return work(session)

        return retrying(action, attempt, hide=(ws_id,))

    @staticmethod
    def _touch(session: Session, ws_id: str, now: datetime) -> None:
        """Mark the workspace changed, taking its row lock; :class:`WorkspaceNotFound` if none."""
        if not looks_like_id(ws_id):
            raise WorkspaceNotFound(f"no workspace {short_id(ws_id)}")
        result = session.execute(
            update(WorkspaceRow).where(WorkspaceRow.id == ws_id).values(updated_at=now),
            execution_options={"synchronize_session": False},
        )
        if result.rowcount != 1:  # type: ignore[attr-defined]
            raise WorkspaceNotFound(f"no workspace {short_id(ws_id)}")

    @staticmethod
    def _workspace_row(session: Session, ws_id: str) -> WorkspaceRow:
        row = session.get(WorkspaceRow, ws_id) if looks_like_id(ws_id) else None
        if row is None:
            raise WorkspaceNotFound(f"no workspace {short_id(ws_id)}")
        return row

    # -- workspaces --------------------------------------------------------------------------

    def create_workspace(self, name: str = "") -> Workspace:
        """A new, empty workspace with a fresh unguessable id."""
        name = check_name(name, "the workspace name")

        def work(session: Session) -> Workspace:
            now = _now()
            row = WorkspaceRow(id=new_workspace_id(), name=name, created_at=now, updated_at=now)
            session.add(row)
            session.flush()
            return _workspace(row)

        workspace = self._write("creating a workspace", work)
        log.info("created workspace %s", workspace.short_id)
        return workspace

    def get_workspace(self, ws_id: str) -> Workspace:
        """The workspace of that id; :class:`WorkspaceNotFound` if there is none."""
        return self._read("reading a workspace", lambda s: _workspace(self._workspace_row(s, ws_id)), ws_id=ws_id)

    def list_workspaces(self) -> list[Workspace]:
        """Every workspace, oldest first (for the local admin command: it shows full ids)."""

        def work(session: Session) -> list[Workspace]:
            rows = session.scalars(select(WorkspaceRow).order_by(WorkspaceRow.created_at, WorkspaceRow.id))
            return [_workspace(row) for row in rows]

        return self._read("listing workspaces", work)

    def rename_workspace(self, ws_id: str, name: str) -> Workspace:
        """Give the workspace a new name; returns it as it is now."""
        name = check_name(name, "the workspace name")

        def work(session: Session) -> Workspace:
            self._touch(session, ws_id, _now())
            row = self._workspace_row(session, ws_id)
            row.name = name
            session.flush()
            return _workspace(row)

        return self._write("renaming a workspace", work, ws_id=ws_id)

    def delete_workspace(self, ws_id: str) -> None:
        """Delete the workspace and everything of it: every version and every saved view."""

        def work(session: Session) -> None:
            self._touch(session, ws_id, _now())  # existence check, and the lock against writers
            session.execute(delete(VersionInUseRow).where(VersionInUseRow.workspace_id == ws_id))
            session.execute(delete(SavedViewRow).where(SavedViewRow.workspace_id == ws_id))
            session.execute(delete(FileVersionRow).where(FileVersionRow.workspace_id == ws_id))
            session.execute(delete(WorkspaceRow).where(WorkspaceRow.id == ws_id))

        self._write("deleting a workspace", work, ws_id=ws_id)
        log.info("deleted workspace %s", short_id(ws_id))

    # -- versioned files ---------------------------------------------------------------------

    def add_version(
        self, ws_id: str, kind: str, *, filename: str, data: bytes, report: str, summary: str = "", use: bool = True
    ) -> Version:
        """Store a new version of a file (numbered one above the newest); put it in use unless ``use=False``."""
        checked_kind = check_kind(kind)
        filename = check_name(filename, "the file name")
        data = check_data(data)
        report = check_text(report, "the report", MAX_REPORT_CHARS)
        summary = check_text(summary, "the summary", MAX_SUMMARY_CHARS)

        def work(session: Session) -> Version:
            now = _now()
            self._touch(session, ws_id, now)
            newest = session.scalar(
                select(func.max(FileVersionRow.number)).where(
                    FileVersionRow.workspace_id == ws_id, FileVersionRow.kind == checked_kind
                )
            )
            number = (newest or 0) + 1
            session.add(
                FileVersionRow(
                    workspace_id=ws_id, kind=checked_kind, number=number, filename=filename, data=data,
                    report=report, summary=summary, created_at=now,
                )
            )  # fmt: skip
            session.flush()
            if use:
                _set_in_use(session, ws_id, checked_kind, number)
            return Version(
                kind=checked_kind, number=number, filename=filename, data=data, report=report, summary=summary,
                created_at=now, in_use=use,
            )  # fmt: skip

        return self._write(f"storing a {checked_kind} version", work, ws_id=ws_id)

    def versions(self, ws_id: str, kind: str) -> list[Version]:
        """Every version of that kind of file, newest first."""
        checked_kind = check_kind(kind)

        def work(session: Session) -> list[Version]:
            self._workspace_row(session, ws_id)
            return _versions(session, ws_id, checked_kind)

        return self._read(f"reading {checked_kind} versions", work, ws_id=ws_id)

    def current_version(self, ws_id: str, kind: str) -> Version | None:
        """The version of that kind in use, or ``None`` if none is."""
        checked_kind = check_kind(kind)

        def work(session: Session) -> Version | None:
            self._workspace_row(session, ws_id)
            row = session.scalar(
                select(FileVersionRow).join(
                    VersionInUseRow,
                    and_(
                        VersionInUseRow.workspace_id == FileVersionRow.workspace_id,
                        VersionInUseRow.kind == FileVersionRow.kind,
                        VersionInUseRow.number == FileVersionRow.number,
                    ),
                ).where(FileVersionRow.workspace_id == ws_id, FileVersionRow.kind == checked_kind)
            )  # fmt: skip
            return None if row is None else _version(row, in_use=True)

        return self._read(f"reading the {checked_kind} version in use", work, ws_id=ws_id)

    def use_version(self, ws_id: str, kind: str, number: int) -> None:
        """Put version ``number`` in use (e.g. restore an older one); :class:`VersionNotFound` if none."""
        checked_kind = check_kind(kind)
        number = check_number(number)

        def work(session: Session) -> None:
            self._touch(session, ws_id, _now())
            if session.get(FileVersionRow, (ws_id, checked_kind, number)) is None:
                raise VersionNotFound(f"workspace {short_id(ws_id)} has no {checked_kind} version {number}")
            _set_in_use(session, ws_id, checked_kind, number)

        self._write(f"choosing a {checked_kind} version", work, ws_id=ws_id)

    def clear_current(self, ws_id: str, kind: str) -> None:
        """Put no version of that kind in use (the file leaves the view; its versions are kept)."""
        checked_kind = check_kind(kind)

        def work(session: Session) -> None:
            self._touch(session, ws_id, _now())
            session.execute(
                delete(VersionInUseRow).where(VersionInUseRow.workspace_id == ws_id, VersionInUseRow.kind == checked_kind)
            )

        self._write(f"clearing the {checked_kind} version in use", work, ws_id=ws_id)

    # -- saved views -------------------------------------------------------------------------

    def save_view(self, ws_id: str, name: str, params: dict[str, str]) -> None:
        """Save a view under ``name`` (replacing a view of the same name)."""
        name = check_name(name, "the view name", required=True)
        checked_params = check_params(params)
        encoded = json.dumps(checked_params, ensure_ascii=False)

        def work(session: Session) -> None:
            now = _now()
            self._touch(session, ws_id, now)
            row = session.get(SavedViewRow, (ws_id, name))
            if row is not None:
                row.params, row.saved_at = encoded, now
                return
            count = session.scalar(select(func.count()).select_from(SavedViewRow).where(SavedViewRow.workspace_id == ws_id)) or 0
            if count >= MAX_VIEWS:
                raise StoreInputError(f"a workspace keeps at most {MAX_VIEWS} views: delete one first")
            session.add(SavedViewRow(workspace_id=ws_id, name=name, params=encoded, saved_at=now))

        self._write("saving a view", work, ws_id=ws_id)

    def views(self, ws_id: str) -> list[SavedView]:
        """The workspace's saved views, by name."""

        def work(session: Session) -> list[SavedView]:
            self._workspace_row(session, ws_id)
            return _views(session, ws_id)

        return self._read("reading views", work, ws_id=ws_id)

    def delete_view(self, ws_id: str, name: str) -> None:
        """Delete the saved view of that name; :class:`ViewNotFound` if there is none."""
        name = check_name(name, "the view name", required=True)

        def work(session: Session) -> None:
            self._touch(session, ws_id, _now())
            result = session.execute(delete(SavedViewRow).where(SavedViewRow.workspace_id == ws_id, SavedViewRow.name == name))
            if result.rowcount != 1:  # type: ignore[attr-defined]
                raise ViewNotFound(f"workspace {short_id(ws_id)} has no view named {str(name)[:200]!r}")

        self._write("deleting a view", work, ws_id=ws_id)

    # -- backup ------------------------------------------------------------------------------

    def export_workspace(self, ws_id: str) -> bytes:
        """Everything of the workspace as one JSON file (see :mod:`store.backup`), read consistently."""

        def work(session: Session) -> bytes:
            workspace = _workspace(self._workspace_row(session, ws_id))
            versions = [v for kind in ("clusters", "actuals") for v in _versions(session, ws_id, kind)]
            return backup.encode(workspace, versions, _views(session, ws_id), schema=self._revision)

        data = self._read("exporting a workspace", work, ws_id=ws_id)
        log.info("exported workspace %s", short_id(ws_id))
        return data

    def import_workspace(self, data: bytes, *, new_id: bool = False) -> Workspace:
        """Restore a workspace from an export file, all or nothing.

        The workspace keeps its id unless ``new_id`` is true or a workspace of that id exists here
        already (then it gets a fresh one: an import never overwrites). A file that is not a
        backup, or is damaged, raises :class:`~store.errors.BackupFormatError` and stores nothing.
        """
        restored = backup.decode(data)
        source = restored.workspace

        def work(session: Session) -> Workspace:
            ws_id = source.id
            if new_id or session.get(WorkspaceRow, ws_id) is not None:
                ws_id = new_workspace_id()
            row = WorkspaceRow(id=ws_id, name=source.name, created_at=source.created_at, updated_at=source.updated_at)
            session.add(row)
            session.flush()
            for version in restored.versions:
                session.add(
                    FileVersionRow(
                        workspace_id=ws_id, kind=version.kind, number=version.number, filename=version.filename,
                        data=version.data, report=version.report, summary=version.summary,
                        created_at=version.created_at,
                    )
                )  # fmt: skip
            session.flush()
            for version in restored.versions:
                if version.in_use:
                    session.add(VersionInUseRow(workspace_id=ws_id, kind=version.kind, number=version.number))
            for view in restored.views:
                session.add(
                    SavedViewRow(
                        workspace_id=ws_id, name=view.name, params=json.dumps(view.params, ensure_ascii=False),
                        saved_at=view.saved_at,
                    )
                )  # fmt: skip
            session.flush()
            return _workspace(row)

        workspace = self._write("importing a workspace", work, ws_id=source.id)
        log.info("imported workspace %s (from %s)", workspace.short_id, short_id(source.id))
        return workspace


# -- rows to records ---------------------------------------------------------------------------


def _workspace(row: WorkspaceRow) -> Workspace:
    return Workspace(id=row.id, name=row.name, created_at=row.created_at, updated_at=row.updated_at)


def _version(row: FileVersionRow, *, in_use: bool) -> Version:
    return Version(
        kind=row.kind,  # type: ignore[arg-type]  (the database accepts only known kinds)
        number=row.number, filename=row.filename, data=bytes(row.data), report=row.report, summary=row.summary,
        created_at=row.created_at, in_use=in_use,
    )  # fmt: skip


def _versions(session: Session, ws_id: str, kind: Kind) -> list[Version]:
    in_use = session.scalar(
        select(VersionInUseRow.number).where(VersionInUseRow.workspace_id == ws_id, VersionInUseRow.kind == kind)
    )
    rows = session.scalars(
        select(FileVersionRow)
        .where(FileVersionRow.workspace_id == ws_id, FileVersionRow.kind == kind)
        .order_by(FileVersionRow.number.desc())
    )
    return [_version(row, in_use=row.number == in_use) for row in rows]


def _views(session: Session, ws_id: str) -> list[SavedView]:
    rows = session.scalars(select(SavedViewRow).where(SavedViewRow.workspace_id == ws_id).order_by(SavedViewRow.name))
    return [SavedView(name=row.name, params=json.loads(row.params), saved_at=row.saved_at) for row in rows]


def _set_in_use(session: Session, ws_id: str, kind: Kind, number: int) -> None:
    row = session.get(VersionInUseRow, (ws_id, kind))
    if row is None:
        session.add(VersionInUseRow(workspace_id=ws_id, kind=kind, number=number))
    else:
        row.number = number
    session.flush()
