"""incident reports, links and analyst decisions

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "incident_reports",
        sa.Column("key", sa.String(length=64), nullable=False,
                  comment="document id, or document id#date for a passing mention"),
        sa.Column("document_id", sa.String(length=40), nullable=False),
        sa.Column("extraction_id", sa.Integer(), nullable=False),
        sa.Column("window_start", sa.Date(), nullable=True),
        sa.Column("window_end", sa.Date(), nullable=True),
        sa.Column("loose", sa.Boolean(), nullable=False),
        sa.Column("signature", sa.LargeBinary(), nullable=False, comment="content-word MinHash or embedding"),
        sa.Column("fingerprint", sa.LargeBinary(), nullable=False, comment="the document's near-duplicate MinHash"),
        sa.Column("data", sa.JSON(), nullable=False, comment="event, claims, sites, actors and named victims"),
        sa.Column("linked_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["document_id"], ["documents.id"], name="fk_incident_reports_document_id_documents"),
        sa.ForeignKeyConstraint(["extraction_id"], ["extractions.id"],
                                name="fk_incident_reports_extraction_id_extractions"),
        sa.PrimaryKeyConstraint("key", name="pk_incident_reports"),
    )
    op.create_index("ix_incident_reports_document_id", "incident_reports", ["document_id"])
    op.create_index("ix_incident_reports_extraction_id", "incident_reports", ["extraction_id"])
    op.create_table(
        "incident_links",
        sa.Column("a", sa.String(length=64), nullable=False),
        sa.Column("b", sa.String(length=64), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.ForeignKeyConstraint(["a"], ["incident_reports.key"], name="fk_incident_links_a_incident_reports",
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["b"], ["incident_reports.key"], name="fk_incident_links_b_incident_reports",
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("a", "b", name="pk_incident_links"),
    )
    op.create_index("ix_incident_links_b", "incident_links", ["b"])
    op.create_table(
        "incident_decisions",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("kind", sa.String(length=64), nullable=False),
        sa.Column("author", sa.Text(), nullable=False),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("target", sa.String(length=64), nullable=False, comment="a report or document key in the incident"),
        sa.Column("other", sa.String(length=64), nullable=True,
                  comment="the second report key of a merge or move, or a claim key"),
        sa.Column("value", sa.Text(), nullable=True, comment="grade, note, or the report keys split off"),
        sa.Column("undone_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("undone_by", sa.Text(), nullable=True),
        sa.Column("undo_reason", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_incident_decisions"),
    )
    op.create_index("ix_incident_decisions_target", "incident_decisions", ["target"])


def downgrade() -> None:
    op.drop_table("incident_decisions")
    op.drop_table("incident_links")
    op.drop_table("incident_reports")
