"""Versions of actual-figure files, and saved views.

Revision ID: 0002
Revises: 0001

Adds the kind "actuals" (so ``file_versions`` accepts files of actual figures) and creates
``saved_views``. Existing workspaces and cluster-list versions are left exactly as they are.
Downgrading removes the actual-figure versions and the saved views, and nothing else.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

_kinds = sa.table("version_kinds", sa.column("kind", sa.String(16)))
_versions = sa.table("file_versions", sa.column("kind", sa.String(16)))
_in_use = sa.table("versions_in_use", sa.column("kind", sa.String(16)))


def upgrade() -> None:
    op.bulk_insert(_kinds, [{"kind": "actuals"}])
    op.create_table(
        "saved_views",
        sa.Column("workspace_id", sa.String(64), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("params", sa.Text(), nullable=False),
        sa.Column("saved_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["workspace_id"], ["workspaces.id"], name="fk_saved_views_workspace_id_workspaces", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("workspace_id", "name", name="pk_saved_views"),
    )


def downgrade() -> None:
    op.drop_table("saved_views")
    op.execute(_in_use.delete().where(_in_use.c.kind == "actuals"))
    op.execute(_versions.delete().where(_versions.c.kind == "actuals"))
    op.execute(_kinds.delete().where(_kinds.c.kind == "actuals"))
