"""The database tables, as SQLAlchemy Core metadata.

Machine output is append-only and versioned: each run of an extractor over a
document is one ``extractions`` row (unique per document, extractor and
version), and its claims, event and place point to it and repeat the
extractor's name and version. Re-extracting with a new version adds rows and
keeps the old ones queryable.

Analyst decisions live in their own tables and refer to documents by id and to
claims by ``claim_key``, a stable id derived from the document, span, outcome
and victim group, so a decision survives re-extraction.

The migrations in ``tollwatch/migrations`` create these tables; a test checks
that the two agree. Change both together, in a new Alembic revision.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    BigInteger,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

# Named constraints, so later migrations can alter them on SQLite and PostgreSQL alike.
metadata = MetaData(
    naming_convention={
        "ix": "ix_%(column_0_label)s",
        "uq": "uq_%(table_name)s_%(column_0_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

ID = String(40)
SHORT = String(64)

documents = Table(
    "documents",
    metadata,
    Column("id", ID, primary_key=True, comment="content hash of title and text"),
    Column("external_id", Text, index=True, comment="the id the input gave, if any"),
    Column("text_hash", ID, nullable=False, index=True, comment="content hash of the text alone"),
    Column("url", Text),
    Column("outlet", Text, index=True),
    Column("title", Text),
    Column("published", Date, index=True),
    Column("language", SHORT),
    Column("raw", Text, comment="HTML page, JSON line or CSV row as read; NULL when it is the text itself"),
    Column("text", Text, nullable=False, comment="the main text; claim spans index into it"),
    Column("source_path", Text),
    Column("source_record", Integer),
    Column("ingested_at", DateTime(timezone=True), nullable=False),
    Column(
        "minhash", LargeBinary, nullable=False, comment="MinHash signature of the text, for near duplicates"
    ),
)

# LSH bands of the MinHash of each document that is not a near duplicate: sharing a band key makes a candidate.
document_bands = Table(
    "document_bands",
    metadata,
    Column("band_key", BigInteger, primary_key=True),
    Column("document_id", ID, ForeignKey("documents.id"), primary_key=True),
)

near_duplicates = Table(
    "near_duplicates",
    metadata,
    Column("document_id", ID, ForeignKey("documents.id"), primary_key=True),
    Column(
        "twin_id",
        ID,
        ForeignKey("documents.id"),
        nullable=False,
        index=True,
        comment="the earliest stored document this one repeats",
    ),
    Column("similarity", Float, nullable=False, comment="estimated Jaccard similarity of word 5-shingles"),
    Column("method", SHORT, nullable=False),
    Column("found_at", DateTime(timezone=True), nullable=False),
)

extractions = Table(
    "extractions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("document_id", ID, ForeignKey("documents.id"), nullable=False, index=True),
    Column("extractor", SHORT, nullable=False),
    Column("extractor_version", SHORT, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("totals", JSON, nullable=False),
    UniqueConstraint("document_id", "extractor", "extractor_version", name="uq_extractions_document_version"),
)

claims = Table(
    "claims",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("extraction_id", Integer, ForeignKey("extractions.id"), nullable=False, index=True),
    Column("document_id", ID, ForeignKey("documents.id"), nullable=False, index=True),
    Column(
        "claim_key", ID, nullable=False, index=True, comment="stable: document, span, outcome, victim group"
    ),
    Column("extractor", SHORT, nullable=False),
    Column("extractor_version", SHORT, nullable=False),
    Column("ordinal", Integer, nullable=False),
    Column("outcome", SHORT, nullable=False, index=True),
    Column("victim_group", SHORT, nullable=False),
    Column("count_low", BigInteger),
    Column("count_high", BigInteger),
    Column("qualifier", SHORT, nullable=False),
    Column("stance", SHORT, nullable=False, index=True),
    Column("speaker", Text),
    Column("source_type", SHORT, nullable=False),
    Column("span_start", Integer, nullable=False),
    Column("span_end", Integer, nullable=False),
    Column("evidence", Text, nullable=False),
    Column("stage", SHORT, nullable=False),
    Column("data", JSON, nullable=False, comment="the whole claim, every field of model.Claim"),
)

events = Table(
    "events",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("extraction_id", Integer, ForeignKey("extractions.id"), nullable=False, unique=True),
    Column("document_id", ID, ForeignKey("documents.id"), nullable=False, index=True),
    Column("extractor", SHORT, nullable=False),
    Column("extractor_version", SHORT, nullable=False),
    Column("type", SHORT),
    Column("date", Date, index=True),
    Column("date_precision", SHORT),
    Column("stage", SHORT, nullable=False),
    Column("data", JSON, nullable=False, comment="the whole event, every field of model.Event"),
)

places = Table(
    "places",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("extraction_id", Integer, ForeignKey("extractions.id"), nullable=False, index=True),
    Column("event_id", Integer, ForeignKey("events.id"), nullable=False, index=True),
    Column("document_id", ID, ForeignKey("documents.id"), nullable=False, index=True),
    Column("extractor", SHORT, nullable=False),
    Column("extractor_version", SHORT, nullable=False),
    Column("name", Text, nullable=False),
    Column("admin1", Text),
    Column("country", SHORT, index=True),
    Column("lat", Float),
    Column("lon", Float),
    Column("precision", SHORT, nullable=False),
    Column("span_start", Integer),
    Column("span_end", Integer),
    Column("geonameid", BigInteger),
)

document_decisions = Table(
    "document_decisions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("document_id", ID, ForeignKey("documents.id"), nullable=False, index=True),
    Column("decision", SHORT, nullable=False),
    Column("note", Text),
    Column("analyst", Text),
    Column("decided_at", DateTime(timezone=True), nullable=False),
)

claim_decisions = Table(
    "claim_decisions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("claim_key", ID, nullable=False, index=True),
    Column("document_id", ID, ForeignKey("documents.id"), nullable=False, index=True),
    Column("decision", SHORT, nullable=False),
    Column("note", Text),
    Column("analyst", Text),
    Column("decided_at", DateTime(timezone=True), nullable=False),
)

rejections = Table(
    "rejections",
    metadata,
    Column("key", ID, primary_key=True, comment="hash of input and record: a re-run adds nothing"),
    Column("input", Text, nullable=False),
    Column("record", Integer),
    Column("reason", Text, nullable=False),
    Column("document_id", ID, comment="set when a stored document failed extraction"),
    Column("rejected_at", DateTime(timezone=True), nullable=False),
)

# People who sign in to the web app (migration 0003). Decisions record the name as their author.
users = Table(
    "users",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", SHORT, nullable=False, unique=True),
    Column("password_hash", Text, nullable=False, comment="argon2id, as argon2-cffi writes it"),
    Column("role", SHORT, nullable=False, comment="analyst or admin"),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

Index("ix_claims_document_extraction", claims.c.document_id, claims.c.extraction_id)

# The incident tables live with the incident stage and register themselves on this metadata (migration 0002).
from ..incidents import tables as _incident_tables  # noqa: F401
