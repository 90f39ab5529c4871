"""Opening a database: engine settings per backend, schema migrations, and retrying busy writes.

- SQLite (the default, one file): write-ahead logging so readers never wait for the writer, a
  busy timeout so a writer waits for another (other threads, other app processes) instead of
  failing, foreign keys enforced, and write transactions started with ``BEGIN IMMEDIATE`` so
  the write lock is taken before anything is read (no lock upgrades, so no instant "locked").
- PostgreSQL (an office server shared by several app processes): ordinary pooled connections,
  checked before use; migrations take an advisory lock so two processes starting at once do not
  both create the tables.
- Every backend: ``hide_parameters`` keeps statement values (workspace ids among them) out of
  SQLAlchemy's logs and error texts, and a filter on its engine logger blanks the result rows
  it would log at DEBUG level: a workspace id never reaches a log, however logging is set up.
"""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.util.exc import CommandError
from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, IntegrityError, NoSuchModuleError, SQLAlchemyError

from store.errors import StoreBusyError, StoreError
from store.records import short_id

log = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
VERSION_TABLE = "atlas_schema_version"  # Alembic's bookkeeping table (named so in migrations/env.py)
BUSY_TIMEOUT_S = 30  # how long a SQLite writer waits for the lock before giving up
WRITE_OPTION = "atlas_write"  # execution option that marks a write transaction
MAX_ATTEMPTS = 8  # tries of one write when it loses a race or meets a busy database
_MIGRATION_LOCK = 0x41544C53  # PostgreSQL advisory lock key ("ATLS") held while migrating
_TRANSIENT_SQLSTATES = {"40001", "40P01", "55P03", "23505"}  # serialization, deadlock, lock, unique race

T = TypeVar("T")


class _HideRows(logging.Filter):
    """Blank the rows SQLAlchemy logs at DEBUG level (they hold workspace ids and file contents)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.msg == "Row %r":
            record.args = ("(hidden by the workspace store)",)
        return True


_ENGINE_LOGGER = logging.getLogger("sqlalchemy.engine.Engine")
if not any(isinstance(f, _HideRows) for f in _ENGINE_LOGGER.filters):
    _ENGINE_LOGGER.addFilter(_HideRows())


def safe_url(url: str | URL) -> str:
    """``url`` with any password replaced by ``***``, for messages."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return "(not a database URL)"


def make_engine(url: str) -> Engine:
    """An engine for ``url`` set up as the module docstring says; the SQLite file's folder is created.

    ``postgresql://`` means psycopg 3 (``postgresql+psycopg://``), the driver the atlas installs.
    """
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise StoreError("the database URL is not valid (expected e.g. sqlite:///path or postgresql+psycopg://...)") from None
    if parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")
    try:
        if parsed.get_backend_name() == "sqlite":
            return _sqlite_engine(parsed)
        return create_engine(parsed, hide_parameters=True, pool_pre_ping=True)
    except (NoSuchModuleError, ImportError) as exc:
        raise StoreError(f"cannot use the database {safe_url(parsed)}: {exc}") from None


def _sqlite_engine(url: URL) -> Engine:
    database = url.database or ""
    if database in ("", ":memory:") or database.startswith("file:") or url.query.get("mode") == "memory":
        raise StoreError("the store needs a SQLite file (sqlite:///path/to/file.sqlite3), not an in-memory database")
    Path(database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, hide_parameters=True, connect_args={"timeout": BUSY_TIMEOUT_S})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # the "begin" hook below issues BEGIN itself
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_S * 1000}")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = NORMAL")  # durable at each checkpoint; safe with WAL
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        write = connection.get_execution_options().get(WRITE_OPTION, False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")

    return engine


def writer(engine: Engine) -> Engine:
    """The same engine (same pool) with its transactions marked as writes."""
    return engine.execution_options(**{WRITE_OPTION: True})


def alembic_config() -> Config:
    """Alembic's configuration, made in code: the scripts are in ``store/migrations``."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR).replace("%", "%%"))
    config.set_main_option("path_separator", "os")
    return config


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Migrate the database to ``revision`` (default: the newest) in one transaction.

    Safe to call from several processes at once: SQLite's write lock (``BEGIN IMMEDIATE``) or
    PostgreSQL's advisory lock lets one migrate while the others wait and then find nothing to do.
    """
    _migrate(engine, lambda config: command.upgrade(config, revision))


def downgrade(engine: Engine, revision: str) -> None:
    """Migrate the database back to ``revision`` (for tests and for undoing a failed release)."""
    _migrate(engine, lambda config: command.downgrade(config, revision))


def _migrate(engine: Engine, run: Callable[[Config], None]) -> None:
    config = alembic_config()
    try:
        with writer(engine).begin() as connection:
            if connection.dialect.name == "postgresql":
                connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _MIGRATION_LOCK})
            config.attributes["connection"] = connection
            run(config)
    except CommandError as exc:
        raise StoreError(
            f"the database's schema cannot be brought up to date ({exc}); it may have been written by a newer "
            "version of the atlas: update the atlas"
        ) from None
    except SQLAlchemyError as exc:
        raise StoreError(f"cannot open the database {safe_url(engine.url)}: {describe(exc)}") from None


def current_revision(engine: Engine) -> str | None:
    """The migration the database is at (``None`` for an empty database)."""
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"version_table": VERSION_TABLE})
        return context.get_current_revision()


def describe(exc: SQLAlchemyError, *, hide: tuple[str, ...] = ()) -> str:
    """A short account of a database error that quotes no row values (so no workspace id).

    Only the first line of the driver's message is kept (PostgreSQL puts row values in DETAIL
    lines; SQLite names constraints and columns only), and each string in ``hide`` is replaced
    by its short form should it appear all the same.
    """
    orig = getattr(exc, "orig", None)
    if orig is None:
        return type(exc).__name__
    code = getattr(orig, "sqlstate", None)
    first_line = str(orig).splitlines()[0][:200] if str(orig) else ""
    for secret in hide:
        if secret:
            first_line = first_line.replace(secret, short_id(secret))
    return f"{type(orig).__name__}{f' [{code}]' if code else ''}: {first_line}"


def is_transient(exc: SQLAlchemyError) -> bool:
    """Whether trying the same transaction again may succeed: a lost race or a busy database."""
    if not isinstance(exc, DBAPIError):
        return False
    code = getattr(exc.orig, "sqlstate", None)
    if code in _TRANSIENT_SQLSTATES:
        return True
    message = str(exc.orig).lower()
    if isinstance(exc, IntegrityError):
        return "unique constraint failed" in message  # SQLite's wording for a key taken meanwhile
    return "database is locked" in message or "database is busy" in message or "database table is locked" in message


def retrying(action: str, attempt_once: Callable[[], T], *, hide: tuple[str, ...] = ()) -> T:
    """Run ``attempt_once`` (one whole transaction) again after a lost race or a busy database.

    Any other database error becomes a :class:`StoreError` that quotes no row values (nor any
    string in ``hide``); the original is not chained, as its text may hold them.
    """
    for attempt in range(1, MAX_ATTEMPTS + 1):
        try:
            return attempt_once()
        except SQLAlchemyError as exc:
            if not is_transient(exc):
                raise StoreError(f"the database failed while {action}: {describe(exc, hide=hide)}") from None
            if attempt == MAX_ATTEMPTS:
                raise StoreBusyError(
                    f"the database stayed busy while {action} ({MAX_ATTEMPTS} tries); nothing was stored, try again"
                ) from None
            log.debug("retrying (%d) %s after %s", attempt, action, type(exc).__name__)
            time.sleep(min(1.0, 0.01 * 2**attempt) * random.uniform(0.5, 1.5))  # jitter, not a secret
    raise AssertionError("unreachable")
