"""Alembic's environment for the workspace store, run by ``store.db.upgrade`` (no alembic.ini).

The store opens the connection, begins the transaction and takes the migration lock itself
(see ``store.db.upgrade``), then hands the connection over in ``config.attributes``: every
migration therefore runs in that one transaction, and a failing one leaves the database as it was.
"""

from __future__ import annotations

from alembic import context

from store.schema import Base

VERSION_TABLE = "atlas_schema_version"

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("run the store's migrations through store.db.upgrade(), which supplies the connection")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    version_table=VERSION_TABLE,
    render_as_batch=True,  # SQLite alters tables by copying them: autogenerate must say so
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
