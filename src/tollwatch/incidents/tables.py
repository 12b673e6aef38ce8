"""The incident tables, on the store's metadata (``tollwatch.store.schema``), created by migration 0002.

Linking is kept as what it found: one row per report (its features and claims, so reading needs no
re-extraction) and one row per link made when a report was added. Incidents are the connected
components of those links, with analysts' decisions replayed over them; nothing pairwise is recomputed.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    Table,
    Text,
)

from ..store.schema import ID, SHORT, metadata

KEY = String(64)

incident_reports = Table(
    "incident_reports",
    metadata,
    Column("key", KEY, primary_key=True, comment="document id, or document id#date for a passing mention"),
    Column("document_id", ID, ForeignKey("documents.id"), nullable=False, index=True),
    Column("extraction_id", Integer, ForeignKey("extractions.id"), nullable=False, index=True),
    Column("window_start", Date),
    Column("window_end", Date),
    Column("loose", Boolean, nullable=False),
    Column("signature", LargeBinary, nullable=False, comment="content-word MinHash or embedding"),
    Column("fingerprint", LargeBinary, nullable=False, comment="the document's near-duplicate MinHash"),
    Column("data", JSON, nullable=False, comment="event, claims, sites, actors and named victims"),
    Column("linked_at", DateTime(timezone=True), nullable=False),
)

incident_links = Table(
    "incident_links",
    metadata,
    Column("a", KEY, ForeignKey("incident_reports.key", ondelete="CASCADE"), primary_key=True),
    Column("b", KEY, ForeignKey("incident_reports.key", ondelete="CASCADE"), primary_key=True, index=True),
    Column("score", Float, nullable=False),
)

incident_decisions = Table(
    "incident_decisions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("kind", SHORT, nullable=False),
    Column("author", Text, nullable=False),
    Column("decided_at", DateTime(timezone=True), nullable=False),
    Column("reason", Text, nullable=False),
    Column("target", KEY, nullable=False, index=True, comment="a report or document key in the incident"),
    Column("other", KEY, comment="the second report key of a merge or move, or a claim key"),
    Column("value", Text, comment="grade, note, or the report keys split off"),
    Column("undone_at", DateTime(timezone=True)),
    Column("undone_by", Text),
    Column("undo_reason", Text),
)
