"""Documents and claims for the API, a page at a time, with keyset cursors.

A page is ordered newest publication first (undated last), then by id; the cursor is the sort key of the
last item, so the next page starts right after it however many rows were added before it: no OFFSET,
no item seen twice or skipped. Cursors are opaque to clients (URL-safe base64 of a JSON pair).
Claims come from each document's latest extraction. Every value reaches SQL as a bound parameter.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Generic, TypeVar

from sqlalchemy import ColumnElement, and_, exists, func, or_, select

from ..errors import ConfigError
from ..store import schema
from ..store.database import Store

T = TypeVar("T")
UNDATED = date(1, 1, 1)


@dataclass(frozen=True, slots=True)
class Filters:
    """What listings narrow by; every field optional, all given must hold. ``q`` is a case-blind substring."""

    since: date | None = None
    until: date | None = None
    country: str | None = None
    admin1: str | None = None
    outcome: str | None = None
    stance: str | None = None
    outlet: str | None = None
    q: str | None = None


@dataclass(frozen=True, slots=True)
class Page(Generic[T]):
    items: Sequence[T]
    next: str | None


def encode_cursor(key: Sequence[Any]) -> str:
    raw = json.dumps(list(key), separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str, types: Sequence[type]) -> list[Any]:
    """The sort key in a cursor, one value of each type; a ``ConfigError`` (400) when this API did not make it."""
    try:
        key = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
    except (binascii.Error, ValueError, UnicodeDecodeError):
        raise ConfigError(f"cursor {cursor[:40]!r} is not one this API gave out") from None
    if not isinstance(key, list) or len(key) != len(types) or not all(
        type(k) is t for k, t in zip(key, types, strict=True)
    ):
        raise ConfigError(f"cursor {cursor[:40]!r} is not one this API gave out")
    return key


def _latest(document_id: Any) -> Any:
    """The id of a document's latest extraction (a correlated subquery on the extractions index)."""
    ex = schema.extractions
    return select(func.max(ex.c.id)).where(ex.c.document_id == document_id).scalar_subquery()


def _day(value: Any) -> date:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise ConfigError(f"cursor date {value!r} is not a date") from None


def _after(day_key: ColumnElement[Any], id_column: ColumnElement[Any], id_type: type,
           cursor: str | None) -> ColumnElement[bool] | None:
    """Rows after the cursor in the order (day descending, id ascending)."""
    if cursor is None:
        return None
    day, last_id = decode_cursor(cursor, (str, id_type))
    return or_(day_key < _day(day), and_(day_key == _day(day), id_column > last_id))


def _page(result: Iterable[Any], limit: int, key: Callable[[Any], list[Any]]) -> tuple[list[Any], str | None]:
    rows = list(result)
    more = len(rows) > limit
    rows = rows[:limit]
    return rows, encode_cursor(key(rows[-1])) if more and rows else None


def _place_filters(filters: Filters, places: Any) -> list[ColumnElement[bool]]:
    found: list[ColumnElement[bool]] = []
    if filters.country is not None:
        found.append(func.upper(places.c.country) == filters.country.upper())
    if filters.admin1 is not None:
        found.append(func.lower(places.c.admin1) == filters.admin1.lower())
    return found


def _document_conditions(filters: Filters) -> list[ColumnElement[bool]]:
    docs, claims, places = schema.documents, schema.claims, schema.places
    found: list[ColumnElement[bool]] = []
    if filters.since is not None:
        found.append(docs.c.published >= filters.since)
    if filters.until is not None:
        found.append(docs.c.published <= filters.until)
    if filters.outlet is not None:
        found.append(func.lower(docs.c.outlet) == filters.outlet.lower())
    place = _place_filters(filters, places)
    if place:
        found.append(exists().where(places.c.document_id == docs.c.id,
                                    places.c.extraction_id == _latest(places.c.document_id), *place))
    claim = []
    if filters.outcome is not None:
        claim.append(claims.c.outcome == filters.outcome)
    if filters.stance is not None:
        claim.append(claims.c.stance == filters.stance)
    if claim:
        found.append(exists().where(claims.c.document_id == docs.c.id,
                                    claims.c.extraction_id == _latest(claims.c.document_id), *claim))
    return found


def documents(store: Store, filters: Filters, after: str | None, limit: int) -> Page[dict[str, Any]]:
    """A page of documents, newest publication first, each with its number of claims."""
    docs, near, claims = schema.documents, schema.near_duplicates, schema.claims
    day = func.coalesce(docs.c.published, UNDATED)
    query = (
        select(docs.c.id, docs.c.external_id, docs.c.title, docs.c.published, docs.c.outlet, docs.c.url,
               near.c.twin_id, day.label("day"))
        .outerjoin(near, near.c.document_id == docs.c.id)
        .where(*_document_conditions(filters))
        .order_by(day.desc(), docs.c.id)
        .limit(limit + 1)
    )
    if filters.q:
        query = query.where(or_(docs.c.title.icontains(filters.q, autoescape=True),
                                docs.c.text.icontains(filters.q, autoescape=True)))
    if (cursor := _after(day, docs.c.id, str, after)) is not None:
        query = query.where(cursor)
    with store.connect() as connection:
        rows, next_cursor = _page(connection.execute(query), limit, lambda r: [_day(r.day).isoformat(), r.id])
        counts: dict[str, int] = {}
        if rows:
            counted = connection.execute(
                select(claims.c.document_id, func.count())
                .where(claims.c.document_id.in_([r.id for r in rows]),
                       claims.c.extraction_id == _latest(claims.c.document_id))
                .group_by(claims.c.document_id)
            )
            counts = {doc_id: n for doc_id, n in counted}
    items = [{
        "id": r.id, "external_id": r.external_id, "title": r.title,
        "published": r.published.isoformat() if r.published else None, "outlet": r.outlet, "url": r.url,
        "claims": counts.get(r.id, 0), "near_duplicate_of": r.twin_id,
    } for r in rows]
    return Page(items, next_cursor)


def claim_json(document_id: str, span: tuple[int, int], data: dict[str, Any], extractor: str,
               extractor_version: str) -> dict[str, Any]:
    """A stored claim as the API shows it: every field of the extractor's claim, plus where it stands.

    ``key`` (``DOCUMENT:START-END``) is how review decisions name a claim.
    """
    return {"key": f"{document_id}:{span[0]}-{span[1]}", "document_id": document_id, **data, "span": list(span),
            "extractor": extractor, "extractor_version": extractor_version}


def claims(store: Store, filters: Filters, after: str | None, limit: int) -> Page[dict[str, Any]]:
    """A page of claims from each document's latest extraction, newest publication first."""
    docs, claims_t, places = schema.documents, schema.claims, schema.places
    day = func.coalesce(docs.c.published, UNDATED)
    query = (
        select(claims_t, docs.c.published, docs.c.outlet, places.c.country, places.c.admin1, day.label("day"))
        .join(docs, docs.c.id == claims_t.c.document_id)
        .outerjoin(places, places.c.extraction_id == claims_t.c.extraction_id)
        .where(claims_t.c.extraction_id == _latest(claims_t.c.document_id))
        .order_by(day.desc(), claims_t.c.id)
        .limit(limit + 1)
    )
    conditions = _document_conditions(Filters(since=filters.since, until=filters.until, outlet=filters.outlet))
    conditions += _place_filters(filters, places)
    if filters.outcome is not None:
        conditions.append(claims_t.c.outcome == filters.outcome)
    if filters.stance is not None:
        conditions.append(claims_t.c.stance == filters.stance)
    if filters.q:
        conditions.append(or_(claims_t.c.evidence.icontains(filters.q, autoescape=True),
                              claims_t.c.speaker.icontains(filters.q, autoescape=True)))
    query = query.where(*conditions)
    if (cursor := _after(day, claims_t.c.id, int, after)) is not None:
        query = query.where(cursor)
    with store.connect() as connection:
        rows, next_cursor = _page(connection.execute(query), limit, lambda r: [_day(r.day).isoformat(), r.id])
    items = [{
        **claim_json(r.document_id, (r.span_start, r.span_end), r.data, r.extractor, r.extractor_version),
        "published": r.published.isoformat() if r.published else None,
        "outlet": r.outlet, "country": r.country, "admin1": r.admin1,
    } for r in rows]
    return Page(items, next_cursor)
