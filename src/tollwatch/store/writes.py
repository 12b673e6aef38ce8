"""Writing to the store: documents with their fingerprints, machine output, near-duplicate links, rejections.

Every insert ignores rows that already exist, so a batch redone after a crash,
or by a second process, adds nothing twice. Callers run each batch in one
transaction.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import cache
from typing import Any

from sqlalchemy import JSON, Connection, Table, any_, bindparam, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import DBAPIError

from ..dedup import METHOD, Fingerprint
from ..model import Claim, Document, Extraction, Rejection
from ..readers import content_id
from . import schema


@dataclass(frozen=True, slots=True)
class NewDocument:
    """A document about to be stored, with what deduplication found out about it."""

    document: Document
    raw: str | None
    text_hash: str
    fingerprint: Fingerprint
    twin: str | None = None
    similarity: float | None = None
    # The band keys to file it under; by default all of its own when it has no twin, none when it has one.
    filed_under: frozenset[int] | None = None

    def bands(self) -> frozenset[int]:
        if self.filed_under is not None:
            return self.filed_under
        return frozenset(self.fingerprint.bands) if self.twin is None else frozenset()


def document_key(document: Document) -> str:
    """The stored id: a hash of title and text, so a new headline over the same text is a new document."""
    return content_id(f"{document.title or ''}\n\n{document.text}")


def claim_key(document_id: str, claim: Claim) -> str:
    """A claim's stable id: the same span, outcome and victims in the same document, whichever extractor found it."""
    return content_id(f"{document_id}:{claim.span[0]}:{claim.span[1]}:{claim.outcome}:{claim.victims.group}")


def rejection_key(rejection: Rejection) -> str:
    return content_id(f"{rejection.input}\n{rejection.record}")


def _insert(connection: Connection, table: Table) -> Any:
    dialect = connection.dialect.name
    if dialect == "postgresql":
        return postgresql.insert(table)
    if dialect == "sqlite":
        return sqlite.insert(table)
    raise NotImplementedError(f"tollwatch stores in SQLite or PostgreSQL, not {dialect}")


def _insert_returning(
    connection: Connection, table: Table, rows: list[dict[str, Any]], returning: Sequence[str],
    conflict: Sequence[str] | None = None,
) -> list[tuple[Any, ...]]:
    """Insert ``rows`` and give ``returning`` of each row inserted; with ``conflict``, rows that clash with a
    stored one on those columns are skipped.

    On PostgreSQL the rows are copied into a temporary table first, and inserted from there. A multi-row
    INSERT holds a placeholder per value: psycopg parses so long a statement anew on every call (it is too
    long for its cache), and even passed as one array per column, the values cost psycopg's array
    formatting, in Python, more than COPY's. For the documents, extractions and events of each ingest
    batch, that was a third of the main process's time."""
    if not rows:
        return []
    if connection.dialect.driver != "psycopg":
        statement = _insert(connection, table)
        if conflict is not None:
            statement = statement.on_conflict_do_nothing(index_elements=list(conflict))
        return [tuple(r) for r in connection.execute(statement.returning(*(table.c[c] for c in returning)), rows)]
    from psycopg import sql

    columns = sql.SQL(", ").join(map(sql.Identifier, rows[0]))
    staged = f"staged_{table.name}"
    target, stage = sql.Identifier(table.name), sql.Identifier(staged)
    create = sql.SQL("CREATE TEMPORARY TABLE {} ON COMMIT DROP AS SELECT {} FROM {} WITH NO DATA").format(
        stage, columns, target
    )
    insert = sql.SQL("INSERT INTO {} ({}) SELECT {} FROM {} {} RETURNING {}").format(
        target, columns, columns, stage,
        sql.SQL("ON CONFLICT ({}) DO NOTHING").format(sql.SQL(", ").join(map(sql.Identifier, conflict)))
        if conflict is not None else sql.SQL(""),
        sql.SQL(", ").join(map(sql.Identifier, returning)),
    )
    with connection.connection.driver_connection.cursor() as cursor:  # type: ignore[union-attr]
        try:
            cursor.execute(create)
            _copy(cursor, table, staged, rows)
            found = cursor.execute(insert).fetchall()
            cursor.execute(sql.SQL("DROP TABLE {}").format(stage))
        except connection.dialect.loaded_dbapi.Error as exc:
            raise DBAPIError.instance(
                f"staged insert into {table.name}", None, exc, connection.dialect.loaded_dbapi.Error
            ) from exc
    return found


def _insert_new(connection: Connection, table: Table, rows: list[dict[str, Any]]) -> None:
    """Insert rows that cannot exist yet: those of documents and extractions inserted in this transaction.

    On PostgreSQL they go through COPY. A multi-row INSERT costs psycopg a parse of the whole statement
    each time (too long for its cache); ingest writes some twenty such rows per document, and that parse was
    most of the main process's time."""
    if not rows:
        return
    if connection.dialect.driver != "psycopg":
        connection.execute(table.insert(), rows)
        return
    with connection.connection.driver_connection.cursor() as cursor:  # type: ignore[union-attr]
        _copy(cursor, table, table.name, rows)


def _copy(cursor: Any, table: Table, into: str, rows: list[dict[str, Any]]) -> None:
    """COPY ``rows`` of ``table`` into the table named ``into`` (``table`` itself, or a copy of its columns)."""
    from psycopg import sql

    columns = list(rows[0])
    as_json = {name for name in columns if isinstance(table.c[name].type, JSON)}
    statement = sql.SQL("COPY {} ({}) FROM STDIN").format(
        sql.Identifier(into), sql.SQL(", ").join(map(sql.Identifier, columns))
    )
    with cursor.copy(statement) as copy:
        for row in rows:
            copy.write_row([json.dumps(row[c]) if c in as_json else row[c] for c in columns])


def _chunks(connection: Connection, items: Sequence[Any], size: int = 500) -> Iterable[Sequence[Any]]:
    """``items`` in pieces small enough for one ``_among``.

    SQLite caps the parameters of one statement, and 500 per IN list stays well under the cap. PostgreSQL
    takes them all as one array parameter: one lookup per batch instead of eight, which matters while the
    planner still finds scanning a young table cheaper than probing its index 500 times.
    """
    if connection.dialect.name == "postgresql":
        size = max(size, len(items))
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _among(connection: Connection, column: Any, values: Sequence[Any]) -> Any:
    """``column IN values``; on PostgreSQL as ``= ANY`` of one array parameter, because psycopg parses a
    statement of hundreds of parameters anew on every call, and these lookups run for every ingest batch."""
    if connection.dialect.name == "postgresql":
        return column == any_(bindparam(None, list(values), type_=postgresql.ARRAY(column.type)))
    return column.in_(values)


def existing(
    connection: Connection, keys: Sequence[str], external: Sequence[tuple[str, str]]
) -> tuple[set[str], set[tuple[str, str]]]:
    """Which document ids, and which (external id, text hash) pairs, are stored already."""
    docs = schema.documents
    found_keys: set[str] = set()
    for chunk in _chunks(connection, keys):
        found_keys.update(connection.scalars(select(docs.c.id).where(_among(connection, docs.c.id, chunk))))
    found_pairs: set[tuple[str, str]] = set()
    wanted = set(external)
    # By external id alone, which its index serves on both backends; the text hash is compared here.
    for chunk in _chunks(connection, sorted({external_id for external_id, _ in wanted})):
        rows = connection.execute(
            select(docs.c.external_id, docs.c.text_hash).where(_among(connection, docs.c.external_id, chunk))
        )
        found_pairs.update(pair for r in rows if (pair := (r.external_id, r.text_hash)) in wanted)
    return found_keys, found_pairs


def _pairs_among(connection: Connection, table: Table, value: str, key: str, keys: Sequence[Any]) -> list[tuple[Any, Any]]:
    """``(key, value)`` of the rows of ``table`` whose ``key`` is among ``keys``, read with the driver's own
    cursor: the near-duplicate lookups read dozens of rows a document, and SQLAlchemy's row objects cost as
    much as the query itself. ``table``, ``value`` and ``key`` are schema names, never outside text."""
    postgres = connection.dialect.name == "postgresql"
    cast = table.c[key].type.compile(connection.dialect)
    found: list[tuple[Any, Any]] = []
    cursor = connection.connection.cursor()
    try:
        for chunk in _chunks(connection, keys):
            if postgres:
                sql = f"SELECT {key}, {value} FROM {table.name} WHERE {key} = ANY(%s::{cast}[])"
                cursor.execute(sql, (list(chunk),))
            else:
                sql = f"SELECT {key}, {value} FROM {table.name} WHERE {key} IN ({','.join('?' * len(chunk))})"
                cursor.execute(sql, chunk)
            found.extend(cursor.fetchall())
    except connection.dialect.loaded_dbapi.Error as exc:
        raise DBAPIError.instance(sql, None, exc, connection.dialect.loaded_dbapi.Error) from exc
    finally:
        cursor.close()
    return found


def band_members(connection: Connection, band_keys: Sequence[int]) -> dict[int, list[str]]:
    """The stored first-of-family documents filed under each band key."""
    found: dict[int, list[str]] = {}
    for band_key, document_id in _pairs_among(
        connection, schema.document_bands, "document_id", "band_key", sorted(set(band_keys))
    ):
        found.setdefault(band_key, []).append(document_id)
    return found


def signatures(connection: Connection, document_ids: Iterable[str]) -> dict[str, bytes]:
    """The MinHash signatures of stored documents."""
    return {
        document_id: bytes(minhash)
        for document_id, minhash in _pairs_among(
            connection, schema.documents, "minhash", "id", sorted(set(document_ids))
        )
    }


def write_documents(connection: Connection, new: Sequence[NewDocument], now: datetime) -> set[str]:
    """Insert documents, their band keys and near-duplicate links; returns the ids actually inserted."""
    if not new:
        return set()
    docs = schema.documents
    rows = [
        {
            "id": n.document.id,
            "external_id": n.document.external_id,
            "text_hash": n.text_hash,
            "url": n.document.url,
            "outlet": n.document.outlet,
            "title": n.document.title,
            "published": n.document.published,
            "language": n.document.language,
            "raw": n.raw,
            "text": n.document.text,
            "source_path": n.document.source_path,
            "source_record": n.document.source_record,
            "ingested_at": now,
            "minhash": n.fingerprint.signature,
        }
        for n in new
    ]
    inserted = {row[0] for row in _insert_returning(connection, docs, rows, ["id"], conflict=["id"])}
    fresh = [n for n in new if n.document.id in inserted]
    # Only the first document of a family is indexed: copies are found through it, and a wire story
    # republished a thousand times costs one candidate per lookup, not a thousand.
    band_rows = [{"band_key": key, "document_id": n.document.id} for n in fresh for key in n.bands()]
    _insert_new(connection, schema.document_bands, band_rows)
    links = [
        {
            "document_id": n.document.id,
            "twin_id": n.twin,
            "similarity": n.similarity,
            "method": METHOD,
            "found_at": now,
        }
        for n in fresh
        if n.twin is not None
    ]
    if links:
        connection.execute(_insert(connection, schema.near_duplicates).on_conflict_do_nothing(), links)
    return inserted


def jsonable(value: Any) -> Any:
    """A value as JSON-ready data: dates and times as ISO strings, tuples as lists, sets as sorted lists, and
    dataclasses (the domain model) as dicts of their fields, as ``dataclasses.asdict`` gives them. Written
    out because ``asdict`` deep-copies every leaf, which made it most of the cost of storing an extraction."""
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    if isinstance(value, date):  # a datetime too
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [jsonable(v) for v in value]
    if isinstance(value, (set, frozenset)):
        return [jsonable(v) for v in sorted(value)]
    if isinstance(value, dict):
        return {k: jsonable(v) for k, v in value.items()}
    return {name: jsonable(getattr(value, name)) for name in _field_names(type(value))}


@cache
def _field_names(cls: Any) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(cls))


def write_extractions(connection: Connection, results: Sequence[Extraction], now: datetime) -> int:
    """Insert machine output, one extraction per document and extractor version; returns how many were new."""
    if not results:
        return 0
    rows = [
        {
            "document_id": r.document.id,
            "extractor": r.extractor,
            "extractor_version": r.extractor_version,
            "created_at": now,
            "totals": jsonable(r.totals),
        }
        for r in results
    ]
    ids = {
        document_id: extraction_id
        for extraction_id, document_id in _insert_returning(
            connection, schema.extractions, rows, ["id", "document_id"],
            conflict=["document_id", "extractor", "extractor_version"],
        )
    }
    written = [r for r in results if r.document.id in ids]
    if not written:
        return 0
    claim_rows = [
        _claim_row(r, ids[r.document.id], ordinal, claim)
        for r in written
        for ordinal, claim in enumerate(r.claims)
    ]
    _insert_new(connection, schema.claims, claim_rows)
    event_rows = [
        {
            "extraction_id": ids[r.document.id],
            "document_id": r.document.id,
            "extractor": r.extractor,
            "extractor_version": r.extractor_version,
            "type": r.event.type,
            "date": r.event.date,
            "date_precision": r.event.date_precision,
            "stage": r.event.stage,
            "data": jsonable(r.event),
        }
        for r in written
    ]
    event_ids = dict(_insert_returning(connection, schema.events, event_rows, ["extraction_id", "id"]))
    place_rows = [
        {
            "extraction_id": ids[r.document.id],
            "event_id": event_ids[ids[r.document.id]],
            "document_id": r.document.id,
            "extractor": r.extractor,
            "extractor_version": r.extractor_version,
            "name": p.name,
            "admin1": p.admin1,
            "country": p.country,
            "lat": p.lat,
            "lon": p.lon,
            "precision": p.precision,
            "span_start": p.span[0] if p.span else None,
            "span_end": p.span[1] if p.span else None,
            "geonameid": p.geonameid,
        }
        for r in written
        if (p := r.event.place) is not None
    ]
    _insert_new(connection, schema.places, place_rows)
    return len(written)


def _claim_row(result: Extraction, extraction_id: int, ordinal: int, claim: Claim) -> dict[str, Any]:
    return {
        "extraction_id": extraction_id,
        "document_id": result.document.id,
        "claim_key": claim_key(result.document.id, claim),
        "extractor": result.extractor,
        "extractor_version": result.extractor_version,
        "ordinal": ordinal,
        "outcome": claim.outcome,
        "victim_group": claim.victims.group,
        "count_low": claim.count.low,
        "count_high": claim.count.high,
        "qualifier": claim.count.qualifier,
        "stance": claim.stance,
        "speaker": claim.source.speaker,
        "source_type": claim.source.type,
        "span_start": claim.span[0],
        "span_end": claim.span[1],
        "evidence": claim.evidence,
        "stage": claim.stage,
        "data": jsonable(claim),
    }


def write_rejections(
    connection: Connection, rejections: Sequence[tuple[Rejection, str | None]], now: datetime
) -> None:
    """Record rejected inputs (with the document id when a stored document failed extraction), once each."""
    if not rejections:
        return
    rows = {
        rejection_key(r): {
            "key": rejection_key(r),
            "input": r.input,
            "record": r.record,
            "reason": r.reason,
            "document_id": document_id,
            "rejected_at": now,
        }
        for r, document_id in rejections
    }
    connection.execute(_insert(connection, schema.rejections).on_conflict_do_nothing(), list(rows.values()))


def utcnow() -> datetime:
    return datetime.now(UTC)
