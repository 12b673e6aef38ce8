"""Incidents in the database: link new and re-extracted documents incrementally, read incidents, record decisions.

``update`` finds documents whose latest extraction has no reports yet, drops their older reports (and the
links those made), rebuilds the linker from the stored reports and links (comparing nothing), adds the
new reports, and stores them with the links they made. ``load`` reads incidents: components of the
stored links, analysts' decisions replayed, estimates and grades built.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, delete, func, select
from sqlalchemy import update as sql_update

from ..errors import StoreError
from ..model import (
    Claim,
    Count,
    Decision,
    Document,
    Event,
    Extraction,
    Incident,
    Place,
    Source,
    Totals,
    Victims,
)
from ..settings import Settings
from ..store import schema
from ..store.database import Store
from ..store.queries import to_document
from ..store.writes import utcnow
from .build import build_all
from .decisions import apply, check
from .link import Linker
from .report import Report, reports_of
from .tables import incident_decisions, incident_links, incident_reports


def _place(d: dict[str, Any] | None) -> Place | None:
    if d is None:
        return None
    return Place(d["name"], d.get("admin1"), d.get("country"), d.get("lat"), d.get("lon"), d.get("precision") or "",
                 tuple(d["span"]) if d.get("span") else None, d.get("geonameid"))


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def event_from(d: dict[str, Any]) -> Event:
    return Event(
        d.get("type"), _date(d.get("date")), d.get("date_precision"), _place(d.get("place")),
        tuple(d.get("alleged_perpetrators") or ()),
        tuple(d["type_span"]) if d.get("type_span") else None,
        tuple(d["date_span"]) if d.get("date_span") else None,
        d.get("stage", "event.rules/1"),
    )


def claim_from(d: dict[str, Any]) -> Claim:
    fields = {f.name for f in dataclasses.fields(Claim)}
    v, c, s = d["victims"], d["count"], d["source"]
    victim_fields = {f.name for f in dataclasses.fields(Victims)}
    return Claim(**{
        **{k: d[k] for k in fields if k in d},
        "victims": Victims(**{**{k: v[k] for k in victim_fields if k in v}, "includes": tuple(v.get("includes", ()))}),
        "count": Count(**{k: c[k] for k in ("low", "high", "qualifier", "text", "vague_word") if k in c}),
        "source": Source(s.get("speaker"), s.get("role"), s.get("organization"), s["type"], tuple(s.get("via", ()))),
        "span": tuple(d["span"]),
    })


def _jsonable(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, frozenset, set)):
        return [_jsonable(v) for v in (sorted(value) if isinstance(value, (set, frozenset)) else value)]
    return value


def report_row(report: Report, extraction_id: int, now: datetime) -> dict[str, Any]:
    data = {
        "published": report.published, "outlet": report.outlet, "event": dataclasses.asdict(report.event),
        "claims": [dataclasses.asdict(c) for c in report.claims], "sites": report.sites, "actors": report.actors,
        "named_victims": report.named_victims, "mention": report.mention,
    }
    return {
        "key": report.key, "document_id": report.document_id, "extraction_id": extraction_id,
        "window_start": report.window[0] if report.window else None,
        "window_end": report.window[1] if report.window else None,
        "loose": report.loose, "signature": report.signature, "fingerprint": report.fingerprint,
        "data": _jsonable(data), "linked_at": now,
    }


def report_from(row: Any) -> Report:
    d = row.data
    return Report(
        key=row.key, document_id=row.document_id, published=_date(d["published"]), outlet=d["outlet"],
        event=event_from(d["event"]), claims=tuple(claim_from(c) for c in d["claims"]),
        window=(row.window_start, row.window_end) if row.window_start else None,
        sites=frozenset(d["sites"]), actors=frozenset(d["actors"]), named_victims=frozenset(d["named_victims"]),
        signature=bytes(row.signature), fingerprint=bytes(row.fingerprint), mention=d["mention"], loose=row.loose,
    )


def _extraction(connection: Connection, doc: Any, extraction_id: int) -> Extraction:
    claims = connection.execute(
        select(schema.claims.c.data).where(schema.claims.c.extraction_id == extraction_id)
        .order_by(schema.claims.c.ordinal)
    ).scalars().all()
    event = connection.execute(
        select(schema.events.c.data).where(schema.events.c.extraction_id == extraction_id)
    ).scalar_one_or_none()
    return Extraction(
        to_document(doc), tuple(claim_from(c) for c in claims),
        event_from(event) if event else Event(None, doc.published, "day" if doc.published else None, None),
        Totals("conservative", None, None, None),
    )


def _stale(connection: Connection) -> list[tuple[str, int]]:
    """Documents whose latest extraction has no reports yet, with that extraction's id."""
    ex = schema.extractions
    latest = select(ex.c.document_id, func.max(ex.c.id).label("extraction_id")).group_by(ex.c.document_id).subquery()
    linked = select(incident_reports.c.extraction_id).distinct()
    rows = connection.execute(
        select(latest.c.document_id, latest.c.extraction_id).where(latest.c.extraction_id.not_in(linked))
        .order_by(latest.c.document_id)
    ).all()
    return [(r.document_id, r.extraction_id) for r in rows]


def _restore(connection: Connection, settings: Settings) -> Linker:
    reports = [report_from(r) for r in connection.execute(select(incident_reports))]
    edges = [(r.a, r.b) for r in connection.execute(select(incident_links.c.a, incident_links.c.b))]
    return Linker.restore(settings, reports, edges)


def update(store: Store, settings: Settings) -> int:
    """Link every document extracted since the last update; returns how many documents were linked."""
    with store.begin() as connection:
        stale = _stale(connection)
        if not stale:
            return 0
        doc_ids = [d for d, _ in stale]
        old = select(incident_reports.c.key).where(incident_reports.c.document_id.in_(doc_ids))
        connection.execute(delete(incident_links).where(incident_links.c.a.in_(old) | incident_links.c.b.in_(old)))
        connection.execute(delete(incident_reports).where(incident_reports.c.document_id.in_(doc_ids)))
        linker = _restore(connection, settings)
        docs = {r.id: r for r in connection.execute(select(schema.documents).where(schema.documents.c.id.in_(doc_ids)))}
        now = utcnow()
        rows, links = [], []
        for doc_id, extraction_id in stale:
            doc = docs[doc_id]
            x = _extraction(connection, doc, extraction_id)
            for report in reports_of(x, settings, bytes(doc.minhash)):
                links += [{"a": a, "b": b, "score": s} for a, b, s in linker.add(report)]
                rows.append(report_row(report, extraction_id, now))
        connection.execute(incident_reports.insert(), rows)
        if links:
            connection.execute(incident_links.insert(), links)
    return len(stale)


def decisions(store: Store) -> list[Decision]:
    with store.connect() as connection:
        return [_decision(r) for r in connection.execute(select(incident_decisions).order_by(incident_decisions.c.id))]


def _decision(r: Any) -> Decision:
    return Decision(r.id, r.kind, r.author, r.decided_at, r.reason, r.target, r.other, r.value, r.undone_at is not None)


def audit(store: Store) -> Iterator[dict[str, Any]]:
    """Every decision with who made it, when and why, and whether and by whom it was undone."""
    with store.connect() as connection:
        for r in connection.execute(select(incident_decisions).order_by(incident_decisions.c.id)):
            yield dict(r._mapping)


def decide(store: Store, decision: Decision) -> int:
    """Record a decision; returns its id."""
    check(decision)
    with store.begin() as connection:
        return int(connection.execute(
            incident_decisions.insert().returning(incident_decisions.c.id),
            {"kind": decision.kind, "author": decision.author, "decided_at": decision.at, "reason": decision.reason,
             "target": decision.target, "other": decision.other, "value": decision.value},
        ).scalar_one())


def undo(store: Store, decision_id: int, author: str, reason: str) -> None:
    with store.begin() as connection:
        done = connection.execute(
            sql_update(incident_decisions)
            .where(incident_decisions.c.id == decision_id, incident_decisions.c.undone_at.is_(None))
            .values(undone_at=utcnow(), undone_by=author, undo_reason=reason)
        ).rowcount
    if not done:
        raise StoreError(f"no decision {decision_id} to undo (unknown, or already undone)")


def load(store: Store, settings: Settings) -> tuple[list[Incident], dict[str, Document]]:
    """Every incident, after linking whatever was extracted since the last call, and its documents."""
    update(store, settings)
    with store.connect() as connection:
        linker = _restore(connection, settings)
        doc_ids = sorted({r.document_id for r in linker.reports.values()})
        documents = {
            r.id: to_document(r)
            for r in connection.execute(select(schema.documents).where(schema.documents.c.id.in_(doc_ids)))
        } if doc_ids else {}
    applied = apply(linker.groups(), decisions(store))
    return build_all(linker.reports, applied, settings), documents


def resolve(store: Store, ref: str) -> str:
    """A report or claim key with its document named by id, external id or unique id prefix."""
    from ..store.queries import find_document

    doc, sep, rest = ref.partition(":") if ":" in ref else ref.partition("#")
    try:
        return find_document(store, doc).document.id + sep + rest
    except StoreError:
        return ref


def find(incidents: list[Incident], ref: str) -> Incident:
    """An incident by id, unique id prefix, or the key of a report or document in it."""
    hits = [i for i in incidents if i.id == ref or ref in i.report_keys or ref in i.document_ids]
    hits = hits or [i for i in incidents if i.id.startswith(ref)]
    if len(hits) != 1:
        raise StoreError(f"no incident {ref!r}" if not hits else f"{ref!r} matches more than one incident")
    return hits[0]
