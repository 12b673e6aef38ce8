"""Reading the store: documents, claims, one document with its claims, and counts.

Claims come from each document's latest extraction unless a filter names an
extractor version; older versions stay in the database and can be asked for.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Select, and_, exists, func, inspect, or_, select, table

from ..errors import StoreError
from ..model import Document
from . import schema
from .database import Store


@dataclass(frozen=True, slots=True)
class Filters:
    """What the reading commands narrow by. Every field is optional; all given must hold."""

    since: date | None = None
    until: date | None = None
    country: str | None = None
    outcome: str | None = None
    stance: str | None = None
    outlet: str | None = None
    extractor_version: str | None = None
    limit: int | None = None


@dataclass(frozen=True, slots=True)
class DocumentRow:
    id: str
    external_id: str | None
    published: date | None
    outlet: str | None
    title: str | None
    url: str | None
    source: str | None
    claims: int
    near_duplicate_of: str | None


@dataclass(frozen=True, slots=True)
class ClaimRow:
    claim_key: str
    document_id: str
    published: date | None
    outlet: str | None
    country: str | None
    outcome: str
    victims: str
    low: int | None
    high: int | None
    qualifier: str
    stance: str
    speaker: str | None
    source_type: str
    span: tuple[int, int]
    evidence: str
    extractor: str
    extractor_version: str
    data: dict[str, Any]


@dataclass(frozen=True, slots=True)
class DocumentDetail:
    document: Document
    ingested_at: Any
    near_duplicate_of: str | None
    extractor: str | None
    extractor_version: str | None
    claims: tuple[ClaimRow, ...]


@dataclass(frozen=True, slots=True)
class Stats:
    documents: int
    claims: int
    incidents: int
    rejected: int
    near_duplicates: int
    extractions: int

    def as_dict(self) -> dict[str, int]:
        return {
            "documents": self.documents,
            "claims": self.claims,
            "incidents": self.incidents,
            "rejected": self.rejected,
            "near_duplicates": self.near_duplicates,
            "extractions": self.extractions,
        }


def _extraction_ids(filters: Filters) -> Any:
    """The extractions to read claims from: each document's latest, or those of the version asked for."""
    ex = schema.extractions
    if filters.extractor_version is not None:
        return select(ex.c.id).where(ex.c.extractor_version == filters.extractor_version)
    return select(func.max(ex.c.id)).group_by(ex.c.document_id)


def _published_and_outlet(query: Select[Any], filters: Filters) -> Select[Any]:
    """The filters on the document itself, shared by document and claim listings."""
    docs = schema.documents
    if filters.since is not None:
        query = query.where(docs.c.published >= filters.since)
    if filters.until is not None:
        query = query.where(docs.c.published <= filters.until)
    if filters.outlet is not None:
        query = query.where(func.lower(docs.c.outlet) == filters.outlet.lower())
    return query


def _document_filters(query: Select[Any], filters: Filters) -> Select[Any]:
    docs, claims, places = schema.documents, schema.claims, schema.places
    query = _published_and_outlet(query, filters)
    if filters.country is not None:
        query = query.where(
            exists().where(
                and_(
                    places.c.document_id == docs.c.id,
                    func.upper(places.c.country) == filters.country.upper(),
                    places.c.extraction_id.in_(_extraction_ids(filters)),
                )
            )
        )
    if filters.outcome is not None or filters.stance is not None:
        conditions = [claims.c.document_id == docs.c.id, claims.c.extraction_id.in_(_extraction_ids(filters))]
        if filters.outcome is not None:
            conditions.append(claims.c.outcome == filters.outcome)
        if filters.stance is not None:
            conditions.append(claims.c.stance == filters.stance)
        query = query.where(exists().where(and_(*conditions)))
    return query


def documents(store: Store, filters: Filters) -> Iterator[DocumentRow]:
    """Stored documents, newest publication first, streamed."""
    docs, claims, near = schema.documents, schema.claims, schema.near_duplicates
    counts = (
        select(claims.c.document_id, func.count().label("n"))
        .where(claims.c.extraction_id.in_(_extraction_ids(filters)))
        .group_by(claims.c.document_id)
        .subquery()
    )
    query: Select[Any] = (
        select(
            docs.c.id,
            docs.c.external_id,
            docs.c.published,
            docs.c.outlet,
            docs.c.title,
            docs.c.url,
            docs.c.source_path,
            docs.c.source_record,
            func.coalesce(counts.c.n, 0).label("claims"),
            near.c.twin_id,
        )
        .outerjoin(counts, counts.c.document_id == docs.c.id)
        .outerjoin(near, near.c.document_id == docs.c.id)
        .order_by(docs.c.published.desc().nulls_last(), docs.c.id)
    )
    query = _document_filters(query, filters)
    if filters.limit is not None:
        query = query.limit(filters.limit)
    with store.connect() as connection:
        for r in connection.execution_options(yield_per=1000).execute(query):
            source = r.source_path if r.source_record is None else f"{r.source_path}:{r.source_record}"
            yield DocumentRow(
                r.id, r.external_id, r.published, r.outlet, r.title, r.url, source, r.claims, r.twin_id
            )


def _claims_query(filters: Filters) -> Select[Any]:
    docs, claims, places = schema.documents, schema.claims, schema.places
    query = (
        select(claims, docs.c.published, docs.c.outlet, places.c.country)
        .join(docs, docs.c.id == claims.c.document_id)
        .outerjoin(places, places.c.extraction_id == claims.c.extraction_id)
        .where(claims.c.extraction_id.in_(_extraction_ids(filters)))
    )
    query = _published_and_outlet(query, filters)
    if filters.country is not None:
        query = query.where(func.upper(places.c.country) == filters.country.upper())
    if filters.outcome is not None:
        query = query.where(claims.c.outcome == filters.outcome)
    if filters.stance is not None:
        query = query.where(claims.c.stance == filters.stance)
    return query


def _claim_row(r: Any) -> ClaimRow:
    return ClaimRow(
        r.claim_key,
        r.document_id,
        r.published,
        r.outlet,
        r.country,
        r.outcome,
        r.victim_group,
        r.count_low,
        r.count_high,
        r.qualifier,
        r.stance,
        r.speaker,
        r.source_type,
        (r.span_start, r.span_end),
        r.evidence,
        r.extractor,
        r.extractor_version,
        r.data,
    )


def claims(store: Store, filters: Filters) -> Iterator[ClaimRow]:
    """Claims, newest publication first, in document order within a document, streamed."""
    c = schema.claims
    query = _claims_query(filters).order_by(
        schema.documents.c.published.desc().nulls_last(), c.c.document_id, c.c.extraction_id, c.c.ordinal
    )
    if filters.limit is not None:
        query = query.limit(filters.limit)
    with store.connect() as connection:
        for r in connection.execution_options(yield_per=1000).execute(query):
            yield _claim_row(r)


def to_document(r: Any) -> Document:
    return Document(
        id=r.id,
        text=r.text,
        title=r.title,
        published=r.published,
        url=r.url,
        outlet=r.outlet,
        external_id=r.external_id,
        language=r.language,
        source_path=r.source_path,
        source_record=r.source_record,
    )


def find_document(store: Store, ref: str, extractor_version: str | None = None) -> DocumentDetail:
    """One document by id, external id or a unique id prefix, with the claims of one extraction."""
    docs, near, ex = schema.documents, schema.near_duplicates, schema.extractions
    with store.connect() as connection:
        rows = connection.execute(
            select(docs, near.c.twin_id)
            .outerjoin(near, near.c.document_id == docs.c.id)
            .where(
                or_(docs.c.id == ref, docs.c.external_id == ref, docs.c.id.startswith(ref, autoescape=True))
            )
            .limit(2)
        ).all()
        exact = [r for r in rows if ref in (r.id, r.external_id)]
        if exact:
            rows = exact[:1]
        if not rows:
            raise StoreError(f"no document {ref!r}")
        if len(rows) > 1:
            raise StoreError(f"{ref!r} matches more than one document; give more of the id")
        row = rows[0]
        chosen = select(ex).where(ex.c.document_id == row.id)
        if extractor_version is not None:
            chosen = chosen.where(ex.c.extractor_version == extractor_version)
        extraction = connection.execute(chosen.order_by(ex.c.id.desc()).limit(1)).first()
        found: tuple[ClaimRow, ...] = ()
        if extraction is not None:
            query = _claims_query(Filters()).where(schema.claims.c.extraction_id == extraction.id)
            query = query.order_by(schema.claims.c.ordinal)
            found = tuple(_claim_row(r) for r in connection.execute(query))
    return DocumentDetail(
        to_document(row),
        row.ingested_at,
        row.twin_id,
        extraction.extractor if extraction else None,
        extraction.extractor_version if extraction else None,
        found,
    )


def stats(store: Store) -> Stats:
    """Counts of what is stored. Claims are those of each document's latest extraction."""
    with store.connect() as connection:

        def count(table: Any, where: Any = None) -> int:
            query = select(func.count()).select_from(table)
            if where is not None:
                query = query.where(where)
            return connection.scalar(query) or 0

        # The incidents table comes in a later revision; until it exists there are none.
        incidents = count(table("incidents")) if inspect(connection).has_table("incidents") else 0
        return Stats(
            documents=count(schema.documents),
            claims=count(schema.claims, schema.claims.c.extraction_id.in_(_extraction_ids(Filters()))),
            incidents=incidents,
            rejected=count(schema.rejections),
            near_duplicates=count(schema.near_duplicates),
            extractions=count(schema.extractions),
        )
