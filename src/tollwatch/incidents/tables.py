"""The incident tables, on the store's metadata (``tollwatch.store.schema``), created by migrations 0002, 0004, 0005.

Linking is kept as what it found: one row per report (its features and claims, so reading needs no
re-extraction) and one row per link made when a report was added. Incidents are the connected
components of those links, with analysts' decisions replayed over them; nothing pairwise is recomputed.

Each current incident is also materialised (0004): one ``incidents`` row with the columns lists filter
and sort on and the whole incident as JSON, so a page is one row read; ``incident_members`` maps report
keys to it, ``incident_outcomes`` lists the outcomes its claims report, and ``incident_redirects`` keeps
the ids of incidents merged into another, so saved links still resolve. ``incidents.storage`` rewrites
the rows of the incidents a change touched, in the transaction that made the change.

So that an update costs what its batch costs, whatever the size of the store (0005): ``incident_blocks``
keeps the linker's blocking index as rows (``link.filed_blocks``), so an update reads back only the
stored reports its new ones can link or attach to; and ``incident_search`` holds each incident's search
text under a stable integer key, which a full-text index covers: a trigram FTS5 table on SQLite
(``incident_search_fts``, kept current by triggers), a pg_trgm GIN index on PostgreSQL. Those two live
outside this metadata (``include_name`` leaves them to the migration).
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Table,
    Text,
)

from ..store.schema import ID, SHORT, metadata

KEY = String(64)
INCIDENT_ID = String(24)

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

incidents = Table(
    "incidents",
    metadata,
    Column("id", INCIDENT_ID, primary_key=True, comment="stable: kept as reports join, by the larger side of a merge"),
    Column("type", SHORT),
    Column("date", Date),
    Column("sort_date", Date, nullable=False, comment="date, or 0001-01-01 when unknown: the keyset order"),
    Column("date_precision", SHORT),
    Column("place_name", Text),
    Column("admin1", Text),
    Column("admin1_key", Text, comment="admin1 folded to lower-case ASCII, for filtering"),
    Column("country", SHORT),
    Column("lat", Float),
    Column("lon", Float),
    Column("geo_precision", SHORT),
    Column("grade", SHORT, nullable=False),
    Column("grade_reason", Text, nullable=False),
    # Estimates under the default (conservative) policy, for sorting and map sizing; ``data`` holds every policy.
    *(Column(f"{outcome}_{bound}", BigInteger) for outcome in ("killed", "civilians_killed", "injured")
      for bound in ("low", "best", "high")),
    Column("sources", Integer, nullable=False),
    Column("n_documents", Integer, nullable=False),
    Column("n_claims", Integer, nullable=False),
    Column("first_reported", Date),
    Column("last_reported", Date),
    Column("search", Text, nullable=False, comment="lower-case place, type, perpetrators, sources and outlets"),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Column("data", JSON, nullable=False, comment="the whole incident, as incidents.rows.incident_json writes it"),
    # Each filter's column leads an index that goes on in list order, so a filtered page is one index range.
    Index("ix_incidents_sort_date_id", "sort_date", "id"),
    *(Index(f"ix_incidents_{c}_sort_date_id", c, "sort_date", "id") for c in ("country", "admin1_key", "grade")),
)

incident_members = Table(
    "incident_members",
    metadata,
    Column("report_key", KEY, primary_key=True),
    Column("incident_id", INCIDENT_ID, ForeignKey("incidents.id"), nullable=False, index=True),
    Column("document_id", ID, nullable=False, index=True),
    Column("machine_group", KEY, nullable=False, index=True, comment="first report key of its group before decisions"),
)

incident_outcomes = Table(
    "incident_outcomes",
    metadata,
    Column("incident_id", INCIDENT_ID, ForeignKey("incidents.id"), primary_key=True),
    Column("outcome", SHORT, primary_key=True, index=True),
)

incident_redirects = Table(
    "incident_redirects",
    metadata,
    Column("old_id", INCIDENT_ID, primary_key=True),
    Column("new_id", INCIDENT_ID, nullable=False, index=True, comment="the incident it was merged into"),
    Column("merged_at", DateTime(timezone=True), nullable=False),
)

incident_blocks = Table(
    "incident_blocks",
    metadata,
    Column("block", BigInteger, primary_key=True, comment="a blocking key and week (link.filed_blocks), hashed"),
    Column("report_key", KEY, primary_key=True, index=True),
    sqlite_with_rowid=False,
)

incident_search = Table(
    "incident_search",
    metadata,
    Column("n", Integer, primary_key=True, autoincrement=True, comment="stable: the full-text index's row id"),
    Column("incident_id", INCIDENT_ID, ForeignKey("incidents.id", ondelete="CASCADE"), nullable=False, unique=True),
    Column("search", Text, nullable=False, comment="the incident's search text, as incidents.search"),
)

SEARCH_FTS = "incident_search_fts"  # SQLite's trigram FTS5 table over incident_search, when the library has one
SEARCH_TRGM = "ix_incident_search_trgm"  # PostgreSQL's pg_trgm GIN index on incident_search.search


def include_name(name: str | None, type_: str, parent_names: object) -> bool:
    """Alembic's filter: the full-text index (and FTS5's own tables) belong to migration 0005, not the metadata."""
    return not (name and (name.startswith(SEARCH_FTS) or name == SEARCH_TRGM))
