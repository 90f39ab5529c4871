"""Workspaces and their versions of imported cluster lists.

Revision ID: 0001
Revises: (none)

Creates ``workspaces``, ``version_kinds`` (with the one kind "clusters"), ``file_versions`` and
``versions_in_use``. The tables are written out here, not imported from ``store.schema``: a
migration must keep building the same schema however the models change later.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "workspaces",
        sa.Column("id", sa.String(64), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_workspaces"),
    )
    kinds = op.create_table(
        "version_kinds",
        sa.Column("kind", sa.String(16), nullable=False),
        sa.PrimaryKeyConstraint("kind", name="pk_version_kinds"),
    )
    op.bulk_insert(kinds, [{"kind": "clusters"}])
    op.create_table(
        "file_versions",
        sa.Column("workspace_id", sa.String(64), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("number", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("filename", sa.String(200), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.Column("report", sa.Text(), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("number >= 1", name="ck_file_versions_number_positive"),
        sa.ForeignKeyConstraint(
            ["workspace_id"], ["workspaces.id"], name="fk_file_versions_workspace_id_workspaces", ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(["kind"], ["version_kinds.kind"], name="fk_file_versions_kind_version_kinds"),
        sa.PrimaryKeyConstraint("workspace_id", "kind", "number", name="pk_file_versions"),
    )
    op.create_table(
        "versions_in_use",
        sa.Column("workspace_id", sa.String(64), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["workspace_id", "kind", "number"],
            ["file_versions.workspace_id", "file_versions.kind", "file_versions.number"],
            name="fk_versions_in_use_file_versions",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("workspace_id", "kind", name="pk_versions_in_use"),
    )


def downgrade() -> None:
    op.drop_table("versions_in_use")
    op.drop_table("file_versions")
    op.drop_table("version_kinds")
    op.drop_table("workspaces")
