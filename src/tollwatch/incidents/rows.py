"""Incidents as stored rows: written from built ``Incident`` objects, read back without rebuilding anything.

The read API, for the web app and the CLI (every query is parameterised SQLAlchemy Core and runs on
SQLite and PostgreSQL alike):

- ``list_incidents(store, filters=IncidentFilter(...), after=cursor, limit=50)`` -> ``IncidentPage``: light
  rows, newest first (date, then id, both descending), paged by an opaque keyset cursor, never OFFSET.
- ``iter_incidents(store, filters)``: every matching ``Incident``, in the same order.
- ``get_incident(store, ref)`` -> ``Incident``: by id, by the id of an incident since merged into it, or by a
  unique id prefix; one row read.
- ``incident_of_document(store, document_id)`` -> the id of the incident holding the document's main
  report (or, failing that, any report of it), or None.

Estimate columns of the ``incidents`` table hold the ``conservative`` policy (``DEFAULT_POLICY``); the JSON
in ``data`` (``incident_json``) holds every policy, every claim with its span and source, the timeline,
the grade's reason and the analysts' notes.
"""

from __future__ import annotations

import base64
import binascii
import dataclasses
import json
import weakref
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    Engine,
    Select,
    and_,
    column,
    exists,
    func,
    select,
    table,
    tuple_,
)

from ..errors import ConfigError, StoreError
from ..model import (
    GRADES,
    OUTCOMES,
    Claim,
    ClaimUse,
    Count,
    Decision,
    Estimate,
    Event,
    Incident,
    IncidentClaim,
    Place,
    Source,
    TimelineEntry,
    Totals,
    Victims,
)
from ..store.database import Store
from ..store.writes import jsonable
from .link import norm
from .tables import (
    SEARCH_FTS,
    incident_members,
    incident_outcomes,
    incident_redirects,
    incident_search,
    incidents,
)

__all__ = [
    "DEFAULT_POLICY",
    "IncidentFilter",
    "IncidentNotFoundError",
    "IncidentPage",
    "IncidentRow",
    "get_incident",
    "incident_of_document",
    "iter_incidents",
    "list_incidents",
]

DEFAULT_POLICY = "conservative"
MAX_LIMIT = 1000
UNDATED = date(1, 1, 1)  # sorts undated incidents last in the newest-first order
_ESTIMATE_OUTCOMES = ("killed", "civilians_killed", "injured")
_MAX_REDIRECTS = 50  # merged ids form chains; a loop would be a bug, never a reason to hang


class IncidentNotFoundError(StoreError):
    """No incident answers to a reference (or more than one does): the web app's 404."""


# --- JSON of the model ----------------------------------------------------------------------------------


def iso_date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _place(d: dict[str, Any] | None) -> Place | None:
    if d is None:
        return None
    return Place(d["name"], d.get("admin1"), d.get("country"), d.get("lat"), d.get("lon"), d.get("precision") or "",
                 tuple(d["span"]) if d.get("span") else None, d.get("geonameid"))


def event_from(d: dict[str, Any]) -> Event:
    return Event(
        d.get("type"), iso_date(d.get("date")), d.get("date_precision"), _place(d.get("place")),
        tuple(d.get("alleged_perpetrators") or ()),
        tuple(d["type_span"]) if d.get("type_span") else None,
        tuple(d["date_span"]) if d.get("date_span") else None,
        d.get("stage", "event.rules/1"),
    )


_CLAIM_FIELDS = frozenset(f.name for f in dataclasses.fields(Claim))
_VICTIM_FIELDS = frozenset(f.name for f in dataclasses.fields(Victims))


def claim_from(d: dict[str, Any]) -> Claim:
    v, c, s = d["victims"], d["count"], d["source"]
    return Claim(**{
        **{k: d[k] for k in _CLAIM_FIELDS if k in d},
        "victims": Victims(**{**{k: v[k] for k in _VICTIM_FIELDS if k in v}, "includes": tuple(v.get("includes", ()))}),
        "count": Count(**{k: c[k] for k in ("low", "high", "qualifier", "text", "vague_word") if k in c}),
        "source": Source(s.get("speaker"), s.get("role"), s.get("organization"), s["type"], tuple(s.get("via", ()))),
        "span": tuple(d["span"]),
    })


def _estimate(d: dict[str, Any] | None) -> Estimate | None:
    return None if d is None else Estimate(d["low"], d["best"], d["high"])


def incident_json(incident: Incident) -> dict[str, Any]:
    """Everything an incident page shows, as JSON: ``incident_from_json`` reads it back unchanged."""
    return jsonable({
        "id": incident.id,
        "event": incident.event,
        "document_ids": incident.document_ids,
        "claims": [
            {"document_id": u.claim.document_id, "published": u.claim.published, "outlet": u.claim.outlet,
             "source_key": u.claim.source_key, "claim": u.claim.claim,
             "used": u.used, "reason": u.reason, "flags": u.flags}
            for u in incident.claims
        ],
        "grade": incident.grade,
        "grade_reason": incident.grade_reason,
        "estimates": incident.estimates,
        "sources": incident.sources,
        "report_keys": incident.report_keys,
        "timeline": incident.timeline,
        "notes": incident.notes,
        "created": incident.created,
    })


def incident_from_json(d: dict[str, Any]) -> Incident:
    return Incident(
        id=d["id"],
        event=event_from(d["event"]),
        document_ids=tuple(d["document_ids"]),
        claims=tuple(
            ClaimUse(IncidentClaim(c["document_id"], claim_from(c["claim"]), iso_date(c["published"]), c["outlet"],
                                   c["source_key"]), c["used"], c["reason"], tuple(c["flags"]))
            for c in d["claims"]
        ),
        grade=d["grade"],
        grade_reason=d["grade_reason"],
        estimates=tuple(Totals(t["policy"], *(_estimate(t[o]) for o in _ESTIMATE_OUTCOMES)) for t in d["estimates"]),
        sources=d["sources"],
        report_keys=tuple(d["report_keys"]),
        timeline=tuple(TimelineEntry(**{**e, "reported": iso_date(e["reported"])}) for e in d["timeline"]),
        notes=tuple(Decision(**{**n, "at": datetime.fromisoformat(n["at"])}) for n in d["notes"]),
        created=datetime.fromisoformat(d["created"]) if d.get("created") else None,
    )


# --- Writing --------------------------------------------------------------------------------------------


def _search_text(incident: Incident) -> str:
    e, p = incident.event, incident.event.place
    words: set[str] = {e.type or "", *e.alleged_perpetrators}
    if p is not None:
        words |= {p.name, p.admin1 or "", p.country or ""}
    for u in incident.claims:
        s = u.claim.claim.source
        words |= {s.speaker or "", s.organization or "", s.role or "", *s.via, u.claim.outlet or "",
                  u.claim.claim.alleged_perpetrator or ""}
    return "\n".join(sorted(w.lower() for w in words if w))


def outcomes_of(incident: Incident) -> set[str]:
    """The outcomes an incident's claims report, leaving out claims an analyst rejected."""
    return {u.claim.claim.outcome for u in incident.claims if u.reason != "rejected by an analyst"}


def incident_row(incident: Incident, updated: datetime) -> dict[str, Any]:
    """The ``incidents`` row; ``incident.created`` must be set (when its id was first given)."""
    e, p = incident.event, incident.event.place
    reported = [u.claim.published for u in incident.claims if u.claim.published is not None]
    totals = incident.estimate(DEFAULT_POLICY)
    row: dict[str, Any] = {
        "id": incident.id, "type": e.type, "date": e.date, "sort_date": e.date or UNDATED,
        "date_precision": e.date_precision,
        "place_name": p.name if p else None, "admin1": p.admin1 if p else None,
        "admin1_key": norm(p.admin1) if p and p.admin1 else None,
        "country": p.country.upper() if p and p.country else None,
        "lat": p.lat if p else None, "lon": p.lon if p else None, "geo_precision": p.precision if p else None,
        "grade": incident.grade, "grade_reason": incident.grade_reason, "sources": incident.sources,
        "n_documents": len(incident.document_ids), "n_claims": len(incident.claims),
        "first_reported": min(reported, default=None), "last_reported": max(reported, default=None),
        "search": _search_text(incident), "created_at": incident.created, "updated_at": updated,
        "data": incident_json(incident),
    }
    for o in _ESTIMATE_OUTCOMES:
        est = getattr(totals, o) if totals is not None else None
        for bound in ("low", "best", "high"):
            row[f"{o}_{bound}"] = getattr(est, bound) if est is not None else None
    return row


# --- Reading --------------------------------------------------------------------------------------------


def as_date(value: date | str | None, name: str) -> date | None:
    """A date, or an ISO date string (as query strings and options give it), or None."""
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ConfigError(f"{name} must be a date (YYYY-MM-DD), got {value!r}") from None


@dataclass(frozen=True, slots=True)
class IncidentFilter:
    """What ``list_incidents`` narrows to; every field is optional and they combine with AND.

    ``date_from``/``date_to`` bound the incident's date (an undated incident matches neither) and accept a
    date or an ISO string; ``country`` is an ISO code; ``admin1`` matches ignoring case and accents;
    ``outcome`` keeps incidents with a claim of that outcome; ``grade`` is one of ``model.GRADES``;
    ``text`` keeps incidents whose place, type, alleged perpetrators, claim sources or outlets contain
    every word of it, anywhere (words of three letters or more are found through a trigram index).
    A value that cannot match (an unknown grade, a malformed date) raises ``ConfigError``.
    """

    date_from: date | None = None
    date_to: date | None = None
    country: str | None = None
    admin1: str | None = None
    outcome: str | None = None
    grade: str | None = None
    text: str | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "date_from", as_date(self.date_from, "date_from"))
        object.__setattr__(self, "date_to", as_date(self.date_to, "date_to"))
        if self.outcome is not None and self.outcome not in OUTCOMES:
            raise ConfigError(f"outcome must be one of {', '.join(OUTCOMES)}, got {self.outcome!r}")
        if self.grade is not None and self.grade not in GRADES:
            raise ConfigError(f"grade must be one of {', '.join(GRADES)}, got {self.grade!r}")


@dataclass(frozen=True, slots=True)
class IncidentRow:
    """One incident as a list shows it; ``killed_*`` are the default (conservative) policy's estimate."""

    id: str
    type: str | None
    date: date | None
    date_precision: str | None
    place_name: str | None
    country: str | None
    admin1: str | None
    lat: float | None
    lon: float | None
    grade: str
    killed_low: int | None
    killed_best: int | None
    killed_high: int | None
    sources: int
    n_documents: int
    n_claims: int


@dataclass(frozen=True, slots=True)
class IncidentPage:
    """A page of ``list_incidents``; pass ``next`` as ``after`` for the following page (None: the last page)."""

    items: tuple[IncidentRow, ...]
    next: str | None


_ROW_COLUMNS = [incidents.c[f.name] for f in dataclasses.fields(IncidentRow)]


_FTS_TABLE = table(SEARCH_FTS, column("rowid"), column("search"))
_HAS_FTS: weakref.WeakKeyDictionary[Engine, bool] = weakref.WeakKeyDictionary()


def _has_fts(connection: Connection) -> bool:
    """Whether the store has SQLite's trigram index (migration 0005 makes it where the library can)."""
    if connection.dialect.name != "sqlite":
        return False
    engine = connection.engine
    if engine not in _HAS_FTS:
        _HAS_FTS[engine] = connection.execute(
            select(column("name")).select_from(table("sqlite_master")).where(column("name") == SEARCH_FTS)
        ).first() is not None
    return _HAS_FTS[engine]


_COMMON = 500  # trigram matches beyond which a word is common enough to find by walking the list in order


def _text(connection: Connection, words: list[str]) -> ColumnElement[bool]:
    """Incidents whose search text contains every word.

    PostgreSQL's pg_trgm index serves the LIKE on the narrow ``incident_search`` table. On SQLite the
    trigram FTS5 index finds words of three letters or more (quoted, a word is a substring query): when
    they match fewer than ``_COMMON`` incidents, those are fetched by id; when more, walking the list in
    order meets a match every few rows, so the words are checked there, as are words all shorter than
    three letters. Without either index, PostgreSQL scans the narrow table.
    """
    s = incident_search.c
    found = select(s.incident_id)
    indexed = [w for w in words if len(w) >= 3] if _has_fts(connection) else []
    if not indexed and connection.dialect.name == "sqlite":
        return and_(*(incidents.c.search.contains(w, autoescape=True) for w in words))
    if indexed:
        matches = select(_FTS_TABLE.c.rowid).where(
            _FTS_TABLE.c.search.match(" AND ".join('"' + w.replace('"', '""') + '"' for w in indexed)))
        if len(connection.execute(matches.limit(_COMMON)).all()) == _COMMON:
            return and_(*(incidents.c.search.contains(w, autoescape=True) for w in words))
        found = found.where(s.n.in_(matches))
    for word in words:
        if word not in indexed:
            found = found.where(s.search.contains(word, autoescape=True))
    return incidents.c.id.in_(found)


def _where(query: Select[Any], filters: IncidentFilter, connection: Connection) -> Select[Any]:
    t = incidents.c
    # On sort_date, so the list-order index serves the range; undated incidents sort below any date asked for.
    if filters.date_from is not None:
        query = query.where(t.sort_date >= max(filters.date_from, UNDATED + timedelta(days=1)))
    if filters.date_to is not None:
        query = query.where(t.sort_date <= filters.date_to, t.sort_date > UNDATED)
    if filters.country:
        query = query.where(t.country == filters.country.strip().upper())
    if filters.admin1:
        query = query.where(t.admin1_key == norm(filters.admin1))
    if filters.grade:
        query = query.where(t.grade == filters.grade)
    if filters.outcome:
        o = incident_outcomes.c
        query = query.where(exists().where(o.incident_id == t.id, o.outcome == filters.outcome))
    words = (filters.text or "").lower().split()
    if words:
        query = query.where(_text(connection, words))
    return query


def _newest_first(query: Select[Any]) -> Select[Any]:
    return query.order_by(incidents.c.sort_date.desc(), incidents.c.id.desc())


def _cursor(sort_date: date, incident_id: str) -> str:
    raw = json.dumps([sort_date.isoformat(), incident_id]).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _decode_cursor(cursor: str) -> tuple[date, str]:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        day, incident_id = json.loads(raw)
        return date.fromisoformat(day), str(incident_id)
    except (binascii.Error, ValueError, TypeError, UnicodeDecodeError):
        raise ConfigError(f"not a cursor from list_incidents: {cursor[:40]!r}") from None


def list_incidents(store: Store, *, filters: IncidentFilter, after: str | None = None,
                   limit: int = 50) -> IncidentPage:
    """A page of light incident rows, newest first (date, then id, descending; undated last).

    ``after`` is the ``next`` of the previous page; paging is by keyset, so a page costs the same at
    any depth. ``limit`` is 1 to ``MAX_LIMIT``. Raises ``ConfigError`` for a bad cursor or limit.
    """
    if not 1 <= limit <= MAX_LIMIT:
        raise ConfigError(f"limit must be between 1 and {MAX_LIMIT}, got {limit}")
    cursor = _decode_cursor(after) if after is not None else None
    with store.connect() as connection:
        query = _newest_first(_where(select(*_ROW_COLUMNS, incidents.c.sort_date), filters, connection))
        if cursor is not None:
            query = query.where(tuple_(incidents.c.sort_date, incidents.c.id) < tuple_(*cursor))
        found = connection.execute(query.limit(limit + 1)).all()
    items = tuple(IncidentRow(*r[:-1]) for r in found[:limit])
    more = len(found) > limit
    return IncidentPage(items, _cursor(found[limit - 1].sort_date, items[-1].id) if more else None)


def iter_incidents(store: Store, filters: IncidentFilter | None = None) -> Iterator[Incident]:
    """Every incident matching ``filters``, whole, in ``list_incidents`` order."""
    with store.connect() as connection:
        query = _newest_first(_where(select(incidents.c.data), filters or IncidentFilter(), connection))
        for data in connection.execute(query).scalars():
            yield incident_from_json(data)


def _data(connection: Any, incident_id: str) -> dict[str, Any] | None:
    found: dict[str, Any] | None = connection.execute(
        select(incidents.c.data).where(incidents.c.id == incident_id)
    ).scalar_one_or_none()
    return found


def get_incident(store: Store, ref: str) -> Incident:
    """An incident by id, by an id since merged into another (followed to it), or by a unique id prefix.

    Raises ``IncidentNotFoundError`` when nothing, or more than one incident, answers to ``ref``.
    """
    ref = ref.strip()
    with store.connect() as connection:
        data = _data(connection, ref)
        current: str | None = ref
        for _ in range(_MAX_REDIRECTS):
            if data is not None or current is None:
                break
            current = connection.execute(
                select(incident_redirects.c.new_id).where(incident_redirects.c.old_id == current)
            ).scalar_one_or_none()
            data = None if current is None else _data(connection, current)
        if data is None and ref:
            matches = connection.execute(
                select(incidents.c.data).where(func.substr(incidents.c.id, 1, len(ref)) == ref).limit(2)
            ).scalars().all()
            if len(matches) > 1:
                raise IncidentNotFoundError(f"{ref!r} is the start of more than one incident id")
            data = matches[0] if matches else None
    if data is None:
        raise IncidentNotFoundError(f"no incident {ref!r}")
    return incident_from_json(data)


def incident_of_document(store: Store, document_id: str) -> str | None:
    """The id of the incident holding a document's main report, else one holding a passing mention in it."""
    m = incident_members.c
    with store.connect() as connection:
        found: str | None = connection.execute(
            select(m.incident_id).where(m.document_id == document_id)
            .order_by((m.report_key != document_id), m.report_key).limit(1)
        ).scalar_one_or_none()
    return found
