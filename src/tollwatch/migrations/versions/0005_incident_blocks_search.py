"""incident blocks and text search: an update reads only what its batch can meet; search uses an index

Revision ID: 0005
Revises: 0004

- ``incident_blocks``: the linker's blocking index as rows (``incidents.link.filed_blocks``). It is empty
  here; the first update after this migration files every stored report (``incidents.storage``).
- ``ix_incident_members_machine_group``: an update reads the stored groups its new links reach.
- ``incident_search``: each incident's search text under a stable integer key (a plain rowid may change
  on VACUUM), with a full-text index over it where the database has one: a trigram FTS5 table kept by
  triggers on SQLite, a pg_trgm GIN index on PostgreSQL. Trigrams keep the meaning of the old
  ``LIKE '%word%'`` filter exactly. Without either, ``rows.list_incidents`` scans this narrow table.
"""

from __future__ import annotations

import sqlite3

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

_FTS = "incident_search_fts"
_TRGM = "ix_incident_search_trgm"
_FTS_TRIGGERS = {
    "incident_search_fts_insert": f"AFTER INSERT ON incident_search BEGIN "
    f"INSERT INTO {_FTS}(rowid, search) VALUES (new.n, new.search); END",
    "incident_search_fts_delete": f"AFTER DELETE ON incident_search BEGIN "
    f"INSERT INTO {_FTS}({_FTS}, rowid, search) VALUES ('delete', old.n, old.search); END",
    "incident_search_fts_update": f"AFTER UPDATE ON incident_search BEGIN "
    f"INSERT INTO {_FTS}({_FTS}, rowid, search) VALUES ('delete', old.n, old.search); "
    f"INSERT INTO {_FTS}(rowid, search) VALUES (new.n, new.search); END",
}


def _sqlite_has_trigram() -> bool:
    """Whether this process's SQLite library has FTS5 with the trigram tokenizer (3.34 and later, usually)."""
    probe = sqlite3.connect(":memory:")
    try:
        probe.execute("CREATE VIRTUAL TABLE t USING fts5(s, tokenize='trigram')")
        return True
    except sqlite3.OperationalError:
        return False
    finally:
        probe.close()


def _postgres_trigram(bind: sa.Connection) -> None:
    if bind.exec_driver_sql("SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm'").first() is None:
        return
    try:
        with bind.begin_nested():
            bind.exec_driver_sql("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    except sa.exc.DBAPIError:
        return  # not allowed to create extensions here: searches scan the narrow table
    bind.exec_driver_sql(f"CREATE INDEX {_TRGM} ON incident_search USING gin (search gin_trgm_ops)")


def upgrade() -> None:
    op.create_table(
        "incident_blocks",
        sa.Column("block", sa.BigInteger(), nullable=False,
                  comment="a blocking key and week (link.filed_blocks), hashed"),
        sa.Column("report_key", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("block", "report_key", name="pk_incident_blocks"),
        sqlite_with_rowid=False,
    )
    op.create_index("ix_incident_blocks_report_key", "incident_blocks", ["report_key"])
    op.create_index("ix_incident_members_machine_group", "incident_members", ["machine_group"])
    op.create_table(
        "incident_search",
        sa.Column("n", sa.Integer(), autoincrement=True, nullable=False, comment="stable: the full-text index's row id"),
        sa.Column("incident_id", sa.String(length=24), nullable=False),
        sa.Column("search", sa.Text(), nullable=False, comment="the incident's search text, as incidents.search"),
        sa.ForeignKeyConstraint(["incident_id"], ["incidents.id"], name="fk_incident_search_incident_id_incidents",
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("n", name="pk_incident_search"),
        sa.UniqueConstraint("incident_id", name="uq_incident_search_incident_id"),
    )
    bind = op.get_bind()
    if bind.dialect.name == "sqlite" and _sqlite_has_trigram():
        # External content: the FTS table keeps only the index; case_sensitive because both sides are lower-cased.
        op.execute(f"CREATE VIRTUAL TABLE {_FTS} USING fts5(search, content='incident_search', content_rowid='n', "
                   "tokenize='trigram case_sensitive 1')")
        for name, body in _FTS_TRIGGERS.items():
            op.execute(f"CREATE TRIGGER {name} {body}")
    elif bind.dialect.name == "postgresql":
        _postgres_trigram(bind)
    op.execute("INSERT INTO incident_search (incident_id, search) SELECT id, search FROM incidents")


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        for name in _FTS_TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
        op.execute(f"DROP TABLE IF EXISTS {_FTS}")
    op.drop_table("incident_search")
    op.drop_index("ix_incident_members_machine_group", table_name="incident_members")
    op.drop_table("incident_blocks")
