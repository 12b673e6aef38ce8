"""Incidents in the database: link new and re-extracted documents incrementally, keep incident rows current,
record decisions.

``update`` finds documents whose latest extraction has no reports yet, drops their older reports (and the
links those made), rebuilds the linker from the stored reports and links (comparing nothing), adds the
new reports, and stores them with the links they made. Then, in the same transaction, it rewrites the
rows (``incidents.rows``) of every incident whose reports changed: its components after the analysts'
decisions are replayed, compared with the stored membership. ``decide`` and ``undo`` do the same for the
incidents a decision touches, so the rows are never stale. ``refresh`` rebuilds every row, for a new
database schema or changed settings (``tollwatch incidents --refresh``).

Writers of incident rows take a lock first (an advisory lock on PostgreSQL, SQLite's write lock), so two
processes never interleave their reads and writes of the same incidents.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, delete, false, func, select, text
from sqlalchemy import update as sql_update

from ..errors import StoreError
from ..model import Decision, Document, Event, Extraction, Incident, Totals
from ..settings import Settings
from ..store import schema
from ..store.database import Store
from ..store.queries import find_document, to_document
from ..store.writes import utcnow
from .build import Previous, assign_ids, build
from .decisions import apply, check
from .link import Linker
from .report import Report, reports_of
from .rows import (
    IncidentNotFoundError,
    claim_from,
    event_from,
    get_incident,
    incident_of_document,
    incident_row,
    iso_date,
    iter_incidents,
    jsonable,
    outcomes_of,
)
from .tables import (
    incident_decisions,
    incident_links,
    incident_members,
    incident_outcomes,
    incident_redirects,
    incident_reports,
    incidents,
)

_LOCK = 0x746F6C6C  # "toll": the advisory lock id of incident writers on PostgreSQL
_CHUNK = 500  # ids per IN list: under both backends' parameter limits


def _chunks(items: Sequence[Any]) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), _CHUNK):
        yield items[start : start + _CHUNK]


def _lock(connection: Connection) -> None:
    """Serialise writers of incidents for the rest of the transaction."""
    if connection.dialect.name == "postgresql":
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _LOCK})
    else:
        # pysqlite begins a transaction only at the first write, and a reader that later writes can be refused
        # outright; a write that changes nothing makes SQLite take (or wait for) its write lock now.
        r = incident_redirects.c
        connection.execute(sql_update(incident_redirects).where(false()).values(new_id=r.new_id))


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
        "data": jsonable(data), "linked_at": now,
    }


def report_from(row: Any, claims: bool = True) -> Report:
    """A stored report; without ``claims`` (all linking needs), it is read in a third of the time."""
    d = row.data
    return Report(
        key=row.key, document_id=row.document_id, published=iso_date(d["published"]), outlet=d["outlet"],
        event=event_from(d["event"]), claims=tuple(claim_from(c) for c in d["claims"]) if claims else (),
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
    """The linker of every stored report and link; reports without their claims (``_with_claims`` adds them)."""
    reports = [report_from(r, claims=False) for r in connection.execute(select(incident_reports))]
    edges = [(r.a, r.b) for r in connection.execute(select(incident_links.c.a, incident_links.c.b))]
    return Linker.restore(settings, reports, edges)


def _link_stale(connection: Connection, settings: Settings) -> tuple[Linker, set[str]]:
    """The linker with every document extracted since the last update linked in; and those documents."""
    stale = _stale(connection)
    doc_ids = [d for d, _ in stale]
    for chunk in _chunks(doc_ids):
        old = select(incident_reports.c.key).where(incident_reports.c.document_id.in_(chunk))
        connection.execute(delete(incident_links).where(incident_links.c.a.in_(old) | incident_links.c.b.in_(old)))
        connection.execute(delete(incident_reports).where(incident_reports.c.document_id.in_(chunk)))
    linker = _restore(connection, settings)
    if not stale:
        return linker, set()
    docs = {}
    for chunk in _chunks(doc_ids):
        docs.update({r.id: r for r in connection.execute(select(schema.documents).where(schema.documents.c.id.in_(chunk)))})
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
    return linker, set(doc_ids)


def _unbuilt(connection: Connection) -> set[str]:
    """Documents with a report that no incident row holds: linked before incident rows existed, for one."""
    m = incident_members.c
    return set(connection.execute(
        select(incident_reports.c.document_id).distinct()
        .where(~select(m.report_key).where(m.report_key == incident_reports.c.key).exists())
    ).scalars())


def _document_of(key: str) -> str:
    """The document a report key (``DOC#date``) or claim key (``DOC:start-end``) belongs to."""
    return key.split("#", 1)[0].split(":", 1)[0]


def _documents_named(d: Decision) -> set[str]:
    keys = [d.target, d.other or ""]
    if d.kind == "split":
        keys += (d.value or "").split(",")
    return {_document_of(k.strip()) for k in keys if k.strip()}


@dataclass(frozen=True, slots=True)
class Refreshed:
    """What a refresh rewrote: incidents rebuilt, incidents removed (merged away or emptied), ids merged."""

    rebuilt: int
    removed: int
    merged: tuple[tuple[str, str], ...]


def _with_claims(connection: Connection, keys: Iterable[str], known: dict[str, Report]) -> dict[str, Report]:
    """Whole reports for ``keys``: those in ``known`` as they are, the others read with their claims."""
    out = {k: known[k] for k in keys if k in known and known[k].claims}
    missing = sorted(set(keys) - set(out))
    for chunk in _chunks(missing):
        for r in connection.execute(select(incident_reports).where(incident_reports.c.key.in_(chunk))):
            out[r.key] = report_from(r)
    return out


def _stored_machine_groups(connection: Connection) -> list[tuple[str, ...]]:
    """The machine's groups as the last update left them: decisions never change them."""
    m = incident_members.c
    groups: dict[str, list[str]] = defaultdict(list)
    for key, root in connection.execute(select(m.report_key, m.machine_group)):
        groups[root].append(key)
    return sorted(tuple(sorted(keys)) for keys in groups.values())


def _sync(connection: Connection, machine: list[tuple[str, ...]], known: dict[str, Report], settings: Settings,
          dirty: set[str], *, everything: bool = False) -> Refreshed:
    """Rewrite the rows of incidents whose reports changed, or that hold a report of a ``dirty`` document.

    ``machine`` is every group the linker makes; with every decision replayed over them, the groups are
    exactly those of reading everything at once. Only the groups that differ from the stored membership
    (or are dirty) are built and written; ``known`` holds reports already in memory.
    """
    applied = apply(machine, _decisions(connection))
    m = incident_members.c
    root = {k: g[0] for g in machine for k in g}
    stored: dict[str, str] = {}
    members: dict[str, set[str]] = defaultdict(set)
    moved: set[str] = set()  # reports whose machine group changed, though decisions may hide it
    for key, incident_id, group in connection.execute(select(m.report_key, m.incident_id, m.machine_group)):
        stored[key] = incident_id
        members[incident_id].add(key)
        if root.get(key) != group:
            moved.add(key)
    changed = []
    for g in applied.groups:
        owners = {stored.get(k) for k in g.keys}
        owner = owners.pop() if len(owners) == 1 else None
        same = owner is not None and members[owner] == set(g.keys)
        if everything or not same or any(_document_of(k) in dirty or k in moved for k in g.keys):
            changed.append(g)
    touched = set(members) if everything else (
        {stored[k] for g in changed for k in g.keys if k in stored} | {i for k, i in stored.items() if k not in root}
    )
    created: dict[str, datetime] = {}
    for chunk in _chunks(sorted(touched)):
        # SQLite gives back naive datetimes; they were written in UTC.
        created.update({i: at if at.tzinfo else at.replace(tzinfo=UTC) for i, at in connection.execute(
            select(incidents.c.id, incidents.c.created_at).where(incidents.c.id.in_(chunk))
        )})
    now = utcnow()
    previous = [Previous(i, frozenset(members[i]), created.get(i, now)) for i in sorted(touched)]
    ids = assign_ids([g.keys for g in changed], previous, set(members) - touched)
    reports = _with_claims(connection, [k for g in changed for k in g.keys], known)
    built = [
        dataclasses.replace(build(g, reports, applied, settings, id), created=created.get(id, now))
        for g, id in zip(changed, ids.ids, strict=True)
    ]
    for chunk in _chunks(sorted(touched)):
        connection.execute(delete(incident_outcomes).where(incident_outcomes.c.incident_id.in_(chunk)))
        connection.execute(delete(incident_members).where(m.incident_id.in_(chunk)))
        connection.execute(delete(incidents).where(incidents.c.id.in_(chunk)))
    _write(connection, built, root, now)
    _redirect(connection, ids.merged, [i.id for i in built], now)
    return Refreshed(len(built), len(touched - set(ids.ids)), ids.merged)


def _write(connection: Connection, built: list[Incident], root: dict[str, str], now: datetime) -> None:
    if not built:
        return
    connection.execute(incidents.insert(), [incident_row(i, now) for i in built])
    connection.execute(incident_members.insert(), [
        {"report_key": k, "incident_id": i.id, "document_id": _document_of(k), "machine_group": root[k]}
        for i in built for k in i.report_keys
    ])
    outcomes = [{"incident_id": i.id, "outcome": o} for i in built for o in sorted(outcomes_of(i))]
    if outcomes:
        connection.execute(incident_outcomes.insert(), outcomes)


def _redirect(connection: Connection, merged: Sequence[tuple[str, str]], live: Sequence[str], now: datetime) -> None:
    """Record merged ids, point older redirects at the survivor, and drop redirects of ids live again."""
    r = incident_redirects.c
    for chunk in _chunks(sorted(live)):
        connection.execute(delete(incident_redirects).where(r.old_id.in_(chunk)))
    for old, new in merged:
        connection.execute(sql_update(incident_redirects).where(r.new_id == old).values(new_id=new))
    if merged:
        connection.execute(incident_redirects.insert(), [
            {"old_id": old, "new_id": new, "merged_at": now} for old, new in merged
        ])


def update(store: Store, settings: Settings) -> int:
    """Link every document extracted since the last update and rewrite the incidents that changed.

    Returns how many documents were linked.
    """
    with store.begin() as connection:
        _lock(connection)
        unbuilt = _unbuilt(connection)
        if not unbuilt and not _stale(connection):
            return 0
        linker, linked = _link_stale(connection, settings)
        _sync(connection, linker.groups(), linker.reports, settings, linked | unbuilt)
    return len(linked)


def refresh(store: Store, settings: Settings) -> Refreshed:
    """Link whatever is new, then rebuild every incident row (after a migration or a change of settings).

    Ids are kept, as in any other refresh.
    """
    with store.begin() as connection:
        _lock(connection)
        linker, _ = _link_stale(connection, settings)
        return _sync(connection, linker.groups(), linker.reports, settings, set(), everything=True)


def _resync(connection: Connection, settings: Settings, dirty: set[str]) -> None:
    """Rewrite the incidents of ``dirty`` documents after a decision, from the stored machine groups.

    Only before the first update after migration 0004 (reports without rows) is the linker restored.
    """
    if _unbuilt(connection):
        linker = _restore(connection, settings)
        _sync(connection, linker.groups(), linker.reports, settings, dirty)
    else:
        _sync(connection, _stored_machine_groups(connection), {}, settings, dirty)


def _decisions(connection: Connection) -> list[Decision]:
    return [_decision(r) for r in connection.execute(select(incident_decisions).order_by(incident_decisions.c.id))]


def decisions(store: Store) -> list[Decision]:
    with store.connect() as connection:
        return _decisions(connection)


def _decision(r: Any) -> Decision:
    return Decision(r.id, r.kind, r.author, r.decided_at, r.reason, r.target, r.other, r.value, r.undone_at is not None)


def audit(store: Store) -> Iterator[dict[str, Any]]:
    """Every decision with who made it, when and why, and whether and by whom it was undone."""
    with store.connect() as connection:
        for r in connection.execute(select(incident_decisions).order_by(incident_decisions.c.id)):
            yield dict(r._mapping)


def decide(store: Store, decision: Decision, settings: Settings | None = None) -> int:
    """Record a decision and rewrite the incidents it touches, in one transaction; returns the decision's id.

    ``settings`` (default: ``Settings()``) must be those the incidents were linked and built with.
    """
    check(decision)
    with store.begin() as connection:
        _lock(connection)
        number = int(connection.execute(
            incident_decisions.insert().returning(incident_decisions.c.id),
            {"kind": decision.kind, "author": decision.author, "decided_at": decision.at, "reason": decision.reason,
             "target": decision.target, "other": decision.other, "value": decision.value},
        ).scalar_one())
        _resync(connection, settings or Settings(), _documents_named(decision))
    return number


def undo(store: Store, decision_id: int, author: str, reason: str, settings: Settings | None = None) -> None:
    """Undo a decision (it stays in the audit log) and rewrite the incidents it touched, in one transaction."""
    d = incident_decisions.c
    with store.begin() as connection:
        _lock(connection)
        row = connection.execute(
            select(incident_decisions).where(d.id == decision_id, d.undone_at.is_(None))
        ).one_or_none()
        if row is None:
            raise StoreError(f"no decision {decision_id} to undo (unknown, or already undone)")
        connection.execute(
            sql_update(incident_decisions).where(d.id == decision_id)
            .values(undone_at=utcnow(), undone_by=author, undo_reason=reason)
        )
        _resync(connection, settings or Settings(), _documents_named(_decision(row)))


def documents_of(store: Store, incidents_: Iterable[Incident]) -> dict[str, Document]:
    """The documents of some incidents, by id (for exports that name outlets, titles and URLs)."""
    doc_ids = sorted({d for i in incidents_ for d in i.document_ids})
    found: dict[str, Document] = {}
    with store.connect() as connection:
        for chunk in _chunks(doc_ids):
            found.update({r.id: to_document(r) for r in connection.execute(
                select(schema.documents).where(schema.documents.c.id.in_(chunk)))})
    return found


def load(store: Store, settings: Settings) -> tuple[list[Incident], dict[str, Document]]:
    """Every incident, after linking whatever was extracted since the last call, and its documents."""
    update(store, settings)
    found = list(iter_incidents(store))
    return found, documents_of(store, found)


def resolve(store: Store, ref: str) -> str:
    """A report or claim key with its document named by id, external id or unique id prefix."""
    doc, sep, rest = ref.partition(":") if ":" in ref else ref.partition("#")
    try:
        return find_document(store, doc).document.id + sep + rest
    except StoreError:
        return ref


def find(store: Store, ref: str) -> Incident:
    """An incident by id (current or merged away), unique id prefix, or a report or document in it.

    Raises ``IncidentNotFoundError`` when nothing matches.
    """
    try:
        return get_incident(store, ref)
    except IncidentNotFoundError:
        key = resolve(store, ref)
        m = incident_members.c
        with store.connect() as connection:
            by_key = connection.execute(select(m.incident_id).where(m.report_key == key)).scalar_one_or_none()
        incident_id = by_key or incident_of_document(store, _document_of(key))
        if incident_id is None:
            raise
        return get_incident(store, incident_id)
