"""documents, versioned machine output, near duplicates, analyst decisions, rejections

Revision ID: 0001
Revises: (none, the first revision)
Create Date: 2026-11-24 07:16:58.866663
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
        "documents",
        sa.Column("id", sa.String(length=40), nullable=False, comment="content hash of title and text"),
        sa.Column("external_id", sa.Text(), nullable=True, comment="the id the input gave, if any"),
        sa.Column(
            "text_hash", sa.String(length=40), nullable=False, comment="content hash of the text alone"
        ),
        sa.Column("url", sa.Text(), nullable=True),
        sa.Column("outlet", sa.Text(), nullable=True),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("published", sa.Date(), nullable=True),
        sa.Column("language", sa.String(length=64), nullable=True),
        sa.Column(
            "raw",
            sa.Text(),
            nullable=True,
            comment="HTML page, JSON line or CSV row as read; NULL when it is the text itself",
        ),
        sa.Column("text", sa.Text(), nullable=False, comment="the main text; claim spans index into it"),
        sa.Column("source_path", sa.Text(), nullable=True),
        sa.Column("source_record", sa.Integer(), nullable=True),
        sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column(
            "minhash",
            sa.LargeBinary(),
            nullable=False,
            comment="MinHash signature of the text, for near duplicates",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_documents")),
    )
    with op.batch_alter_table("documents", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_documents_external_id"), ["external_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_documents_outlet"), ["outlet"], unique=False)
        batch_op.create_index(batch_op.f("ix_documents_published"), ["published"], unique=False)
        batch_op.create_index(batch_op.f("ix_documents_text_hash"), ["text_hash"], unique=False)

    op.create_table(
        "rejections",
        sa.Column(
            "key",
            sa.String(length=40),
            nullable=False,
            comment="hash of input and record: a re-run adds nothing",
        ),
        sa.Column("input", sa.Text(), nullable=False),
        sa.Column("record", sa.Integer(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column(
            "document_id",
            sa.String(length=40),
            nullable=True,
            comment="set when a stored document failed extraction",
        ),
        sa.Column("rejected_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_rejections")),
    )
    op.create_table(
        "claim_decisions",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("claim_key", sa.String(length=40), nullable=False),
        sa.Column("document_id", sa.String(length=40), nullable=False),
        sa.Column("decision", sa.String(length=64), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("analyst", sa.Text(), nullable=True),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"], ["documents.id"], name=op.f("fk_claim_decisions_document_id_documents")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_claim_decisions")),
    )
    with op.batch_alter_table("claim_decisions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_claim_decisions_claim_key"), ["claim_key"], unique=False)
        batch_op.create_index(batch_op.f("ix_claim_decisions_document_id"), ["document_id"], unique=False)

    op.create_table(
        "document_bands",
        sa.Column("band_key", sa.BigInteger(), nullable=False),
        sa.Column("document_id", sa.String(length=40), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"], ["documents.id"], name=op.f("fk_document_bands_document_id_documents")
        ),
        sa.PrimaryKeyConstraint("band_key", "document_id", name=op.f("pk_document_bands")),
    )
    op.create_table(
        "document_decisions",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("document_id", sa.String(length=40), nullable=False),
        sa.Column("decision", sa.String(length=64), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("analyst", sa.Text(), nullable=True),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"], ["documents.id"], name=op.f("fk_document_decisions_document_id_documents")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_document_decisions")),
    )
    with op.batch_alter_table("document_decisions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_document_decisions_document_id"), ["document_id"], unique=False)

    op.create_table(
        "extractions",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("document_id", sa.String(length=40), nullable=False),
        sa.Column("extractor", sa.String(length=64), nullable=False),
        sa.Column("extractor_version", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("totals", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"], ["documents.id"], name=op.f("fk_extractions_document_id_documents")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_extractions")),
        sa.UniqueConstraint(
            "document_id", "extractor", "extractor_version", name="uq_extractions_document_version"
        ),
    )
    with op.batch_alter_table("extractions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_extractions_document_id"), ["document_id"], unique=False)

    op.create_table(
        "near_duplicates",
        sa.Column("document_id", sa.String(length=40), nullable=False),
        sa.Column(
            "twin_id",
            sa.String(length=40),
            nullable=False,
            comment="the earliest stored document this one repeats",
        ),
        sa.Column(
            "similarity",
            sa.Float(),
            nullable=False,
            comment="estimated Jaccard similarity of word 5-shingles",
        ),
        sa.Column("method", sa.String(length=64), nullable=False),
        sa.Column("found_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"], ["documents.id"], name=op.f("fk_near_duplicates_document_id_documents")
        ),
        sa.ForeignKeyConstraint(
            ["twin_id"], ["documents.id"], name=op.f("fk_near_duplicates_twin_id_documents")
        ),
        sa.PrimaryKeyConstraint("document_id", name=op.f("pk_near_duplicates")),
    )
    with op.batch_alter_table("near_duplicates", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_near_duplicates_twin_id"), ["twin_id"], unique=False)

    op.create_table(
        "claims",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("extraction_id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.String(length=40), nullable=False),
        sa.Column(
            "claim_key",
            sa.String(length=40),
            nullable=False,
            comment="stable: document, span, outcome, victim group",
        ),
        sa.Column("extractor", sa.String(length=64), nullable=False),
        sa.Column("extractor_version", sa.String(length=64), nullable=False),
        sa.Column("ordinal", sa.Integer(), nullable=False),
        sa.Column("outcome", sa.String(length=64), nullable=False),
        sa.Column("victim_group", sa.String(length=64), nullable=False),
        sa.Column("count_low", sa.BigInteger(), nullable=True),
        sa.Column("count_high", sa.BigInteger(), nullable=True),
        sa.Column("qualifier", sa.String(length=64), nullable=False),
        sa.Column("stance", sa.String(length=64), nullable=False),
        sa.Column("speaker", sa.Text(), nullable=True),
        sa.Column("source_type", sa.String(length=64), nullable=False),
        sa.Column("span_start", sa.Integer(), nullable=False),
        sa.Column("span_end", sa.Integer(), nullable=False),
        sa.Column("evidence", sa.Text(), nullable=False),
        sa.Column("stage", sa.String(length=64), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False, comment="the whole claim, every field of model.Claim"),
        sa.ForeignKeyConstraint(
            ["document_id"], ["documents.id"], name=op.f("fk_claims_document_id_documents")
        ),
        sa.ForeignKeyConstraint(
            ["extraction_id"], ["extractions.id"], name=op.f("fk_claims_extraction_id_extractions")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_claims")),
    )
    with op.batch_alter_table("claims", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_claims_claim_key"), ["claim_key"], unique=False)
        batch_op.create_index("ix_claims_document_extraction", ["document_id", "extraction_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_claims_document_id"), ["document_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_claims_extraction_id"), ["extraction_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_claims_outcome"), ["outcome"], unique=False)
        batch_op.create_index(batch_op.f("ix_claims_stance"), ["stance"], unique=False)

    op.create_table(
        "events",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("extraction_id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.String(length=40), nullable=False),
        sa.Column("extractor", sa.String(length=64), nullable=False),
        sa.Column("extractor_version", sa.String(length=64), nullable=False),
        sa.Column("type", sa.String(length=64), nullable=True),
        sa.Column("date", sa.Date(), nullable=True),
        sa.Column("date_precision", sa.String(length=64), nullable=True),
        sa.Column("stage", sa.String(length=64), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False, comment="the whole event, every field of model.Event"),
        sa.ForeignKeyConstraint(
            ["document_id"], ["documents.id"], name=op.f("fk_events_document_id_documents")
        ),
        sa.ForeignKeyConstraint(
            ["extraction_id"], ["extractions.id"], name=op.f("fk_events_extraction_id_extractions")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_events")),
        sa.UniqueConstraint("extraction_id", name=op.f("uq_events_extraction_id")),
    )
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_events_date"), ["date"], unique=False)
        batch_op.create_index(batch_op.f("ix_events_document_id"), ["document_id"], unique=False)

    op.create_table(
        "places",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("extraction_id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.String(length=40), nullable=False),
        sa.Column("extractor", sa.String(length=64), nullable=False),
        sa.Column("extractor_version", sa.String(length=64), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("admin1", sa.Text(), nullable=True),
        sa.Column("country", sa.String(length=64), nullable=True),
        sa.Column("lat", sa.Float(), nullable=True),
        sa.Column("lon", sa.Float(), nullable=True),
        sa.Column("precision", sa.String(length=64), nullable=False),
        sa.Column("span_start", sa.Integer(), nullable=True),
        sa.Column("span_end", sa.Integer(), nullable=True),
        sa.Column("geonameid", sa.BigInteger(), nullable=True),
        sa.ForeignKeyConstraint(
            ["document_id"], ["documents.id"], name=op.f("fk_places_document_id_documents")
        ),
        sa.ForeignKeyConstraint(["event_id"], ["events.id"], name=op.f("fk_places_event_id_events")),
        sa.ForeignKeyConstraint(
            ["extraction_id"], ["extractions.id"], name=op.f("fk_places_extraction_id_extractions")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_places")),
    )
    with op.batch_alter_table("places", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_places_country"), ["country"], unique=False)
        batch_op.create_index(batch_op.f("ix_places_document_id"), ["document_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_places_event_id"), ["event_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_places_extraction_id"), ["extraction_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("places", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_places_extraction_id"))
        batch_op.drop_index(batch_op.f("ix_places_event_id"))
        batch_op.drop_index(batch_op.f("ix_places_document_id"))
        batch_op.drop_index(batch_op.f("ix_places_country"))

    op.drop_table("places")
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_events_document_id"))
        batch_op.drop_index(batch_op.f("ix_events_date"))

    op.drop_table("events")
    with op.batch_alter_table("claims", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_claims_stance"))
        batch_op.drop_index(batch_op.f("ix_claims_outcome"))
        batch_op.drop_index(batch_op.f("ix_claims_extraction_id"))
        batch_op.drop_index(batch_op.f("ix_claims_document_id"))
        batch_op.drop_index("ix_claims_document_extraction")
        batch_op.drop_index(batch_op.f("ix_claims_claim_key"))

    op.drop_table("claims")
    with op.batch_alter_table("near_duplicates", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_near_duplicates_twin_id"))

    op.drop_table("near_duplicates")
    with op.batch_alter_table("extractions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_extractions_document_id"))

    op.drop_table("extractions")
    with op.batch_alter_table("document_decisions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_document_decisions_document_id"))

    op.drop_table("document_decisions")
    op.drop_table("document_bands")
    with op.batch_alter_table("claim_decisions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_claim_decisions_document_id"))
        batch_op.drop_index(batch_op.f("ix_claim_decisions_claim_key"))

    op.drop_table("claim_decisions")
    op.drop_table("rejections")
    with op.batch_alter_table("documents", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_documents_text_hash"))
        batch_op.drop_index(batch_op.f("ix_documents_published"))
        batch_op.drop_index(batch_op.f("ix_documents_outlet"))
        batch_op.drop_index(batch_op.f("ix_documents_external_id"))

    op.drop_table("documents")
