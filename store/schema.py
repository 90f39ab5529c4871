"""The tables, as typed SQLAlchemy 2 ORM classes (the shape at the newest migration).

The migration scripts in ``store/migrations/versions`` create these tables step by step and are
what actually builds a database; this module is what the store's queries are written against.
``tests/test_store.py`` checks that the two agree (Alembic's autogenerate comparison finds no
difference), so a new column must be added in both places.

- ``workspaces``: one row per workspace.
- ``version_kinds``: the kinds of versioned file ("clusters", and "actuals" from 0002); the
  foreign key from ``file_versions.kind`` makes the database itself refuse an unknown kind.
- ``file_versions``: every uploaded file, keyed by (workspace, kind, number). The primary key is
  what makes concurrent writers unable to store two versions under one number.
- ``versions_in_use``: at most one row per (workspace, kind), pointing at the version shown.
- ``saved_views``: named views of a workspace, keyed by (workspace, name).
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import (
    CheckConstraint,
    DateTime,
    Dialect,
    ForeignKey,
    ForeignKeyConstraint,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    TypeDecorator,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

#: Constraint names fixed by convention, so migrations can refer to them on every backend.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

ID_LENGTH = 64
NAME_LENGTH = 200
KIND_LENGTH = 16


class UTCDateTime(TypeDecorator[datetime]):
    """A timestamp stored in UTC and always returned timezone-aware (UTC).

    PostgreSQL keeps the zone (``timestamptz``); SQLite has none, so UTC is stored without it and
    put back on reading. Naive datetimes are refused: they are a bug waiting to happen.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class WorkspaceRow(Base):
    __tablename__ = "workspaces"

    id: Mapped[str] = mapped_column(String(ID_LENGTH), primary_key=True)
    name: Mapped[str] = mapped_column(String(NAME_LENGTH))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())


class VersionKindRow(Base):
    __tablename__ = "version_kinds"

    kind: Mapped[str] = mapped_column(String(KIND_LENGTH), primary_key=True)


class FileVersionRow(Base):
    __tablename__ = "file_versions"
    __table_args__ = (CheckConstraint("number >= 1", name="number_positive"),)

    workspace_id: Mapped[str] = mapped_column(
        String(ID_LENGTH), ForeignKey("workspaces.id", ondelete="CASCADE"), primary_key=True
    )
    kind: Mapped[str] = mapped_column(String(KIND_LENGTH), ForeignKey("version_kinds.kind"), primary_key=True)
    number: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    filename: Mapped[str] = mapped_column(String(NAME_LENGTH))
    data: Mapped[bytes] = mapped_column(LargeBinary)
    report: Mapped[str] = mapped_column(Text)
    summary: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class VersionInUseRow(Base):
    __tablename__ = "versions_in_use"
    __table_args__ = (
        ForeignKeyConstraint(
            ["workspace_id", "kind", "number"],
            ["file_versions.workspace_id", "file_versions.kind", "file_versions.number"],
            name="fk_versions_in_use_file_versions",
            ondelete="CASCADE",
        ),
    )

    workspace_id: Mapped[str] = mapped_column(String(ID_LENGTH), primary_key=True)
    kind: Mapped[str] = mapped_column(String(KIND_LENGTH), primary_key=True)
    number: Mapped[int] = mapped_column(Integer)


class SavedViewRow(Base):
    __tablename__ = "saved_views"

    workspace_id: Mapped[str] = mapped_column(
        String(ID_LENGTH), ForeignKey("workspaces.id", ondelete="CASCADE"), primary_key=True
    )
    name: Mapped[str] = mapped_column(String(NAME_LENGTH), primary_key=True)
    params: Mapped[str] = mapped_column(Text)  # JSON object of text to text, keys in the order given
    saved_at: Mapped[datetime] = mapped_column(UTCDateTime())
