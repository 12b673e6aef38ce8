"""incident rows: each current incident materialised, its members, outcomes, and the ids merged away

Revision ID: 0004
Revises: 0003

The rows are filled by ``tollwatch.incidents.storage``: the first ``update`` after this migration builds
every incident whose reports have no row (all of them, here), or ``tollwatch incidents --refresh`` does.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

_ID = sa.String(length=24)


def upgrade() -> None:
    estimates = [
        sa.Column(f"{outcome}_{bound}", sa.BigInteger(), nullable=True)
        for outcome in ("killed", "civilians_killed", "injured")
        for bound in ("low", "best", "high")
    ]
    op.create_table(
        "incidents",
        sa.Column("id", _ID, nullable=False, comment="stable: kept as reports join, by the larger side of a merge"),
        sa.Column("type", sa.String(length=64), nullable=True),
        sa.Column("date", sa.Date(), nullable=True),
        sa.Column("sort_date", sa.Date(), nullable=False, comment="date, or 0001-01-01 when unknown: the keyset order"),
        sa.Column("date_precision", sa.String(length=64), nullable=True),
        sa.Column("place_name", sa.Text(), nullable=True),
        sa.Column("admin1", sa.Text(), nullable=True),
        sa.Column("admin1_key", sa.Text(), nullable=True, comment="admin1 folded to lower-case ASCII, for filtering"),
        sa.Column("country", sa.String(length=64), nullable=True),
        sa.Column("lat", sa.Float(), nullable=True),
        sa.Column("lon", sa.Float(), nullable=True),
        sa.Column("geo_precision", sa.String(length=64), nullable=True),
        sa.Column("grade", sa.String(length=64), nullable=False),
        sa.Column("grade_reason", sa.Text(), nullable=False),
        *estimates,
        sa.Column("sources", sa.Integer(), nullable=False),
        sa.Column("n_documents", sa.Integer(), nullable=False),
        sa.Column("n_claims", sa.Integer(), nullable=False),
        sa.Column("first_reported", sa.Date(), nullable=True),
        sa.Column("last_reported", sa.Date(), nullable=True),
        sa.Column("search", sa.Text(), nullable=False,
                  comment="lower-case place, type, perpetrators, sources and outlets"),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False,
                  comment="the whole incident, as incidents.rows.incident_json writes it"),
        sa.PrimaryKeyConstraint("id", name="pk_incidents"),
    )
    op.create_index("ix_incidents_sort_date_id", "incidents", ["sort_date", "id"])
    for column in ("country", "admin1_key", "grade"):
        op.create_index(f"ix_incidents_{column}_sort_date_id", "incidents", [column, "sort_date", "id"])
    op.create_table(
        "incident_members",
        sa.Column("report_key", sa.String(length=64), nullable=False),
        sa.Column("incident_id", _ID, nullable=False),
        sa.Column("document_id", sa.String(length=40), nullable=False),
        sa.Column("machine_group", sa.String(length=64), nullable=False,
                  comment="first report key of its group before decisions"),
        sa.ForeignKeyConstraint(["incident_id"], ["incidents.id"], name="fk_incident_members_incident_id_incidents"),
        sa.PrimaryKeyConstraint("report_key", name="pk_incident_members"),
    )
    op.create_index("ix_incident_members_incident_id", "incident_members", ["incident_id"])
    op.create_index("ix_incident_members_document_id", "incident_members", ["document_id"])
    op.create_table(
        "incident_outcomes",
        sa.Column("incident_id", _ID, nullable=False),
        sa.Column("outcome", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(["incident_id"], ["incidents.id"], name="fk_incident_outcomes_incident_id_incidents"),
        sa.PrimaryKeyConstraint("incident_id", "outcome", name="pk_incident_outcomes"),
    )
    op.create_index("ix_incident_outcomes_outcome", "incident_outcomes", ["outcome"])
    op.create_table(
        "incident_redirects",
        sa.Column("old_id", _ID, nullable=False),
        sa.Column("new_id", _ID, nullable=False, comment="the incident it was merged into"),
        sa.Column("merged_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("old_id", name="pk_incident_redirects"),
    )
    op.create_index("ix_incident_redirects_new_id", "incident_redirects", ["new_id"])


def downgrade() -> None:
    op.drop_table("incident_redirects")
    op.drop_table("incident_outcomes")
    op.drop_table("incident_members")
    op.drop_table("incidents")
