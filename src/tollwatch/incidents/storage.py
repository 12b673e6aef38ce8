"""Incidents in the database: link new and re-extracted documents incrementally, keep incident rows current,
record decisions.

``update`` costs what its batch costs, not what the store holds:

1. documents whose latest extraction has no reports yet are stale: their older reports (and the links
   and block rows those made) are dropped, and their new reports built (``_link_new``);
2. the stored reports a new one can meet are read back through ``incident_blocks``, the linker's
   blocking index kept as rows; a linker over only those compares each new report with the candidates a
   linker over everything would, and stores the links it makes;
3. when no report was dropped (``_grown``), components only grow and merge: the stored machine groups
   the new links reach are read as keys, their anchors taken as one component each and joined by the
   new links, and only the loose groups that hold a new report or meet an anchor whose score or root
   may have changed are read and attached again; the others stay where they were. When reports were
   dropped (``_region``), the region the change touches is read whole: the stored machine groups of the
   dropped reports and of those the new links reach, and the groups of loose reports that watch an
   anchor of them. Their stored links rebuild their components, and each loose group in the region is
   attached again: to an anchor read in it, or to a stored incident outside it, read as the anchor a
   loose report may meet and its root only;
4. the groups that changed are written in the same transaction (``_sync``), with the analysts'
   decisions replayed over them and over every stored group a decision or a stored incident ties to
   them, which is what replaying them over every group gives.

So the incidents are those of linking everything at once, in any order; tests compare the two.
``decide`` and ``undo`` rewrite the incidents a decision touches the same way. ``refresh`` links every
stored report again (and files it again in ``incident_blocks``) and rebuilds every row, for a new
schema or changed settings (``tollwatch incidents --refresh``); an update does the same, once, when
reports lack incident rows (before the first update after migration 0004), block rows (0005), or are
gone (0006, which makes every stored report be compared again).

Writers of incident rows take a lock first (an advisory lock on PostgreSQL, SQLite's write lock), so two
processes never interleave their reads and writes of the same incidents.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Callable, Container, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, TypeVar

from sqlalchemy import Column, Connection, delete, false, func, select, text
from sqlalchemy import update as sql_update

from ..errors import StoreError
from ..model import Decision, Document, Event, Extraction, Incident, Totals
from ..settings import Settings
from ..store import schema
from ..store.database import Store
from ..store.queries import find_document, to_document
from ..store.writes import jsonable, utcnow
from .build import Previous, assign_ids, build
from .decisions import apply, check
from .link import (
    Linker,
    UnionFind,
    attach_blocks,
    candidate_blocks,
    filed_blocks,
    is_loose,
    norm,
    watcher_blocks,
)
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
    outcomes_of,
)
from .tables import (
    incident_blocks,
    incident_decisions,
    incident_links,
    incident_members,
    incident_outcomes,
    incident_redirects,
    incident_reports,
    incident_search,
    incidents,
)

_LOCK = 0x746F6C6C  # "toll": the advisory lock id of incident writers on PostgreSQL
_CHUNK = 500  # ids per IN list: under both backends' parameter limits
_PART = 2_000  # reports whose incidents are built and written at once
_LINK_PART = 250  # new reports linked at once
_T = TypeVar("_T")


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
        "published": report.published, "outlet": report.outlet, "event": report.event,
        "claims": report.claims, "sites": report.sites, "actors": report.actors,
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


# --- Reading what linking needs ----------------------------------------------------------------------------


def _in(connection: Connection, column: Column[Any], values: Iterable[Any], *columns: Any) -> Iterator[Any]:
    """Rows whose ``column`` is one of ``values``, in chunks under the backends' parameter limits."""
    for chunk in _chunks(sorted(set(values))):
        yield from connection.execute(select(*columns).where(column.in_(chunk)))


def _reports(connection: Connection, column: Column[Any], values: Iterable[Any]) -> dict[str, Report]:
    """Stored reports, without their claims, whose ``column`` is one of ``values``."""
    return {r.key: report_from(r, claims=False) for r in _in(connection, column, values, incident_reports)}


def _filed_under(connection: Connection, blocks: Iterable[int]) -> set[str]:
    """Keys of the stored reports filed under any of ``blocks`` (a superset: blocks are hashed)."""
    return {r.report_key for r in _in(connection, incident_blocks.c.block, blocks, incident_blocks.c.report_key)}


def _groups_of(connection: Connection, keys: Iterable[str]) -> dict[str, list[str]]:
    """The stored machine groups holding ``keys``, by name (their first key), with every member."""
    m = incident_members.c
    names = {r.machine_group for r in _in(connection, m.report_key, keys, m.machine_group)}
    groups: dict[str, list[str]] = defaultdict(list)
    for r in _in(connection, m.machine_group, names, m.report_key, m.machine_group):
        groups[r.machine_group].append(r.report_key)
    return dict(groups)


def _anchors_among(connection: Connection, keys: Iterable[str]) -> set[str]:
    """Those of ``keys`` that are anchors (a precise date and a place), from the report rows' columns alone."""
    r = incident_reports.c
    return {row.key for row in _in(connection, r.key, keys, r.key, r.loose, r.window_start)
            if not row.loose and row.window_start is not None}


def _file(connection: Connection, reports: Iterable[Report]) -> None:
    rows = [{"block": block, "report_key": r.key} for r in reports for block in sorted(filed_blocks(r))]
    for start in range(0, len(rows), 5 * _CHUNK):
        connection.execute(incident_blocks.insert(), rows[start : start + 5 * _CHUNK])


def _drop(connection: Connection, keys: Iterable[str]) -> None:
    """Drop stored reports with the links they made and their block rows."""
    for chunk in _chunks(sorted(set(keys))):
        connection.execute(delete(incident_links).where(incident_links.c.a.in_(chunk) | incident_links.c.b.in_(chunk)))
        connection.execute(delete(incident_blocks).where(incident_blocks.c.report_key.in_(chunk)))
        connection.execute(delete(incident_reports).where(incident_reports.c.key.in_(chunk)))


def _stale(connection: Connection, limit: int | None = None) -> list[tuple[str, int]]:
    """Documents (up to ``limit``, when given, the oldest extractions first) whose latest extraction has no
    reports yet, with that extraction's id, in document order.

    SQLite has one writer at a time and the update holds the lock, so every extraction before the last one
    linked was there when it was linked: only documents with a later one are looked at. PostgreSQL's
    concurrent writers may commit ids out of order, so there every document is. Taking the oldest first
    keeps that true when a batch links only some of them.
    """
    ex, r = schema.extractions.c, incident_reports.c
    latest = select(ex.document_id, func.max(ex.id).label("extraction_id")).group_by(ex.document_id)
    if connection.dialect.name == "sqlite":
        last = connection.execute(select(func.max(r.extraction_id))).scalar()
        if last is not None:
            latest = latest.where(ex.document_id.in_(select(ex.document_id).where(ex.id > last)))
    found = latest.subquery()
    rows = connection.execute(
        select(found.c.document_id, found.c.extraction_id)
        .where(~select(r.key).where(r.extraction_id == found.c.extraction_id).exists())
        .order_by(found.c.extraction_id)
        .limit(limit)
    ).all()
    return sorted((row.document_id, row.extraction_id) for row in rows)


def _extractions(connection: Connection, stale: Sequence[tuple[str, int]]) -> Iterator[tuple[Extraction, int, bytes]]:
    """The stale documents' latest extractions, with their ids and the documents' near-duplicate signatures."""
    c, e = schema.claims.c, schema.events.c
    for chunk in _chunks(stale):
        ids = [x for _, x in chunk]
        docs = {r.id: r for r in _in(connection, schema.documents.c.id, [d for d, _ in chunk], schema.documents)}
        claims: dict[int, list[Any]] = defaultdict(list)
        for r in connection.execute(select(c.extraction_id, c.data).where(c.extraction_id.in_(ids))
                                    .order_by(c.extraction_id, c.ordinal)):
            claims[r.extraction_id].append(r.data)
        events = {r.extraction_id: r.data for r in _in(connection, e.extraction_id, ids, e.extraction_id, e.data)}
        for doc_id, extraction_id in chunk:
            doc = docs[doc_id]
            event = events.get(extraction_id)
            yield Extraction(
                to_document(doc), tuple(claim_from(d) for d in claims[extraction_id]),
                event_from(event) if event else Event(None, doc.published, "day" if doc.published else None, None),
                Totals("conservative", None, None, None),
            ), extraction_id, bytes(doc.minhash)


# --- Linking -------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Change:
    """What linking a batch did: the reports it added and dropped, and the links it made."""

    new: dict[str, Report]
    dropped: dict[str, Report]
    links: list[tuple[str, str, float]]


def _built(connection: Connection, stale: Sequence[tuple[str, int]], settings: Settings) -> list[tuple[Report, int]]:
    """The stale documents' new reports, each with its extraction's id."""
    return [(report, extraction_id) for x, extraction_id, fingerprint in _extractions(connection, stale)
            for report in reports_of(x, settings, fingerprint)]


def _add(connection: Connection, linker: Linker, made: Sequence[tuple[Report, int]],
         ) -> tuple[dict[str, Report], list[tuple[str, str, float]]]:
    """Link each new report into ``linker``, and store the reports, their block rows and the links they made."""
    links = [link for report, _ in made for link in linker.add(report)]
    _store(connection, made, links)
    return {report.key: report for report, _ in made}, links


def _store(connection: Connection, made: Sequence[tuple[Report, int]], links: Sequence[tuple[str, str, float]]) -> None:
    now = utcnow()
    rows = [report_row(report, extraction_id, now) for report, extraction_id in made]
    for start in range(0, len(rows), _CHUNK):
        connection.execute(incident_reports.insert(), rows[start : start + _CHUNK])
    _file(connection, (report for report, _ in made))
    for start in range(0, len(links), 5 * _CHUNK):
        connection.execute(incident_links.insert(),
                           [{"a": a, "b": b, "score": s} for a, b, s in links[start : start + 5 * _CHUNK]])


def _nearby(report: Report) -> tuple[object, ...]:
    """Reports of one place and time sort together, so a part of a batch meets few blocks."""
    place = report.event.place
    return (norm(place.country), norm(place.name)) if place else ("", ""), report.window or (), report.key


def _link_new(connection: Connection, settings: Settings, stale: Sequence[tuple[str, int]]) -> _Change:
    """Drop the stale documents' older reports, then link their new ones against the stored reports they can meet.

    The new reports are stored first; then they are linked ``_LINK_PART`` at a time, in order of place and
    time, each part against what the blocking index offers it, so the stored reports held at once are those
    of a few places and weeks, not those of every block the batch touches. Each new report is compared with
    the stored ones and with the new ones before it in document order, as linking them one by one would.
    """
    dropped = _reports(connection, incident_reports.c.document_id, [d for d, _ in stale])
    _drop(connection, dropped)
    made = _built(connection, stale, settings)
    reports = [report for report, _ in made]
    _store(connection, made, ())
    order = {report.key: n for n, report in enumerate(reports)}
    links: list[tuple[str, str, float]] = []
    nearby = sorted(reports, key=_nearby)
    for start in range(0, len(nearby), _LINK_PART):
        part = sorted(nearby[start : start + _LINK_PART], key=lambda r: order[r.key])
        wanted = set().union(*(candidate_blocks(r) for r in part))
        # Only what the blocking index offers is compared: the linker's own index sifts these again.
        linker = Linker.restore(settings, _reports(connection, incident_reports.c.key,
                                                   _filed_under(connection, wanted)).values(), ())
        for report in part:
            links += linker.compare(report, _Later(order, order[report.key]))
    if links:
        _store(connection, (), links)
    return _Change({r.key: r for r in reports}, dropped, links)


@dataclass(frozen=True, slots=True)
class _Later:
    """The keys of a batch's new reports from position ``after`` on, in document order."""

    order: dict[str, int]
    after: int

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self.order.get(key, -1) >= self.after


def _region(connection: Connection, settings: Settings, change: _Change,
            ) -> tuple[list[tuple[str, ...]], set[str], dict[str, Report]]:
    """The machine's groups where ``change``, which dropped reports (a re-extraction), may have changed them,
    the stored report keys they replace, and the reports read on the way.

    Every group returned is what linking everything at once makes of it; a stored group not returned is
    unchanged (see the module's docstring for why). Components may split here, so every stored group the
    change reaches is read whole and weighed again; ``_grown`` does less for a batch that dropped nothing.
    """
    known = dict(change.new)
    reached = {b for _, b, _ in change.links if b not in change.new}
    groups = _groups_of(connection, reached | set(change.dropped))
    region = {k for keys in groups.values() for k in keys} - set(change.dropped) | set(change.new)
    known.update(_reports(connection, incident_reports.c.key, region - set(known)))
    # Anchors whose component may have changed, before and after: a loose group watching one may attach elsewhere.
    moved = {k for k in region if not is_loose(known[k])}
    anchors = [known[k] for k in moved] + [r for r in change.dropped.values() if not is_loose(r)]
    watching = _filed_under(connection, set().union(*(watcher_blocks(a) for a in anchors))) - region
    for name, keys in _groups_of(connection, watching).items():
        if name not in groups:
            groups[name] = keys
            region.update(keys)
    known.update(_reports(connection, incident_reports.c.key, region - set(known)))
    links = [(r.a, r.b) for r in _in(connection, incident_links.c.a, region, incident_links.c.a, incident_links.c.b)
             if r.b in region]
    # Every loose group of the region weighs every anchor it meets, those outside it with their stored component.
    full = [k for k in region if is_loose(known[k])]
    near = _filed_under(connection, set().union(*(attach_blocks(known[k]) for k in full))) - region
    known.update(_reports(connection, incident_reports.c.key, near - set(known)))
    near_anchors = [known[k] for k in near if k in known and not is_loose(known[k])]
    outside = _groups_of(connection, (r.key for r in near_anchors))
    anchored = _anchors_among(connection, (k for keys in outside.values() for k in keys))
    owner = {k: name for name, keys in outside.items() for k in keys}
    linker = Linker.restore(
        settings, [*(known[k] for k in region), *near_anchors], links,
        [sorted(k for k in keys if k in anchored) for keys in outside.values()],
    )
    changed, replaced = [], set(groups)
    for group in linker.groups():
        names = {owner[k] for k in group if k in owner}
        if not names:
            changed.append(group)
            continue
        joined = [k for k in group if k in region]
        if joined:  # loose reports of the region attach to a stored incident outside it
            (name,) = names
            changed.append(tuple(sorted({*outside[name], *joined})))
            replaced.add(name)
    stale_keys = {k for name in replaced for k in (groups.get(name) or outside[name])} | set(change.dropped)
    return changed, stale_keys, known


def _grown(connection: Connection, settings: Settings, change: _Change,
           ) -> tuple[list[tuple[str, ...]], set[str], dict[str, Report]]:
    """``_region`` for a batch that dropped no report, from keys, reading reports only where a loose group may move.

    Components then only grow and merge: the anchors of each stored group the new links reach are one
    component, which those links join to each other and to the new anchors. Their old anchors keep their
    scores, and their root (the smallest key) where a component neither merged nor took a smaller key, so
    a loose group can choose anew only if it holds a new report or meets a new anchor or one of a component
    that merged or took a new root ("moved"). In such a group a new report weighs every anchor it meets, a
    stored one only the moved ones and those of the incident it was in (``Linker.groups`` says why that is
    enough). Other loose groups stay where they are, so a stored group is read as keys, and its reports
    only where such a loose group meets them.
    """
    new = change.new
    groups = _groups_of(connection, {b for _, b, _ in change.links if b not in new})
    anchored = _anchors_among(connection, (k for keys in groups.values() for k in keys))
    forest = UnionFind()
    was: dict[str, str] = {}  # a stored group's name -> the root of its anchors
    for name, keys in groups.items():
        mine = sorted(k for k in keys if k in anchored)
        if mine:
            was[name] = mine[0]
            for k in mine:
                forest.add(k)
                forest.union(mine[0], k)
    for report in new.values():
        if not is_loose(report):
            forest.add(report.key)
    for a, b, _ in change.links:
        if not is_loose(new[a]):
            forest.union(a, b)
    merged: dict[str, list[str]] = defaultdict(list)
    for name, root in was.items():
        merged[forest.find(root)].append(name)
    moved = {k for k, r in new.items() if not is_loose(r)}
    for root, names in merged.items():
        if len(names) > 1 or was[names[0]] != root:
            moved.update(k for name in names for k in groups[name] if k in anchored)
    moved_reports = [*_reports(connection, incident_reports.c.key, moved - set(new)).values(),
                     *(new[k] for k in moved if k in new)]
    fitting = Linker.restore(settings, moved_reports, ())
    seeds = {b for a, b, _ in change.links if is_loose(new[a]) and b not in new}
    watchers = _filed_under(connection, set().union(*(watcher_blocks(a) for a in moved_reports))) - set(new)
    for chunk in _chunks(sorted(watchers)):
        seeds |= {k for k, r in _reports(connection, incident_reports.c.key, chunk).items()
                  if is_loose(r) and fitting.fits(r)}
    stored_groups = _loose_closure(connection, seeds)
    stored_loose: set[str] = set().union(*stored_groups)
    fresh = {k: r for k, r in new.items() if is_loose(r)}
    loose = stored_loose | set(fresh)
    homes = dict(groups)
    outside: dict[str, list[str]] = {}
    outside_root: dict[str, str] = {}  # an outside group's name -> the root of its anchors
    root_of: dict[str, str] = {}  # an anchor of an outside group -> its root

    def home(found: dict[str, list[str]]) -> None:
        """Take in stored groups outside the region: their keys, and their anchors' root."""
        homes.update(found)
        outside.update(found)
        mine = _anchors_among(connection, (k for keys in found.values() for k in keys))
        for name, keys in found.items():
            if any(k in mine for k in keys):
                outside_root[name] = min(k for k in keys if k in mine)
                root_of.update({k: outside_root[name] for k in keys if k in mine})

    home(_groups_of(connection, stored_loose - {k for keys in groups.values() for k in keys}))
    settled: dict[str, Container[str]] = {}
    for keys in homes.values():
        own = _Either(moved, {k for k in keys if k in anchored or k in root_of})
        settled.update({k: own for k in keys if k in stored_loose})
    loose_groups = _loose_groups(loose, [*_chained(stored_groups),
                                         *((a, b) for a, b, _ in change.links if a in fresh)])
    # Loose groups are attached a part at a time, those filed under the same blocks together, so the anchors
    # they may meet are held for a few places and weeks at once.
    near = {**_first_blocks(connection, stored_loose), **{k: min(filed_blocks(r), default=0) for k, r in fresh.items()}}
    placed: dict[str, str] = {}  # a loose report -> the key its group goes under (an anchor root, or its own)
    for part in _parts(sorted(loose_groups, key=lambda g: (min(near.get(k, 0) for k in g), min(g))), len,
                       _LINK_PART):
        inside: set[str] = set().union(*part)
        reports = {**_reports(connection, incident_reports.c.key, inside - fresh.keys()),
                   **{k: fresh[k] for k in inside & fresh.keys()}}
        wanted = set().union(*(attach_blocks(r) for r in reports.values()))
        candidates = {k: r for k, r in _reports(connection, incident_reports.c.key, _filed_under(connection, wanted)
                                                 ).items() if not is_loose(r)}
        home(_groups_of(connection, {k for k in candidates if k not in forest.parent and k not in root_of}))
        components: dict[str, list[str]] = defaultdict(list)
        for k in sorted(candidates):
            components[forest.find(k) if k in forest.parent else root_of[k]].append(k)
        linker = Linker.restore(settings, [*reports.values(), *candidates.values()], _chained(part),
                                [[root, *members] for root, members in components.items()])
        for together in linker.groups(settled):
            mine = [k for k in together if k in inside]
            anchors = [k for k in together if k not in loose]
            placed.update({k: min(anchors) if anchors else min(mine) for k in mine})
    out: dict[str, set[str]] = defaultdict(set)
    for name, keys in groups.items():
        stay = {k for k in keys if k not in loose}
        if stay:
            out[forest.find(was[name]) if name in was else name] |= stay
    for k, report in new.items():
        if not is_loose(report):
            out[forest.find(k)].add(k)
    for name, keys in outside.items():
        out[outside_root.get(name, name)] |= {k for k in keys if k not in loose}
    for k, under in placed.items():
        out[under].add(k)
    found = [tuple(sorted(keys)) for keys in out.values() if keys]
    # A stored group outside the region that neither lost nor gained a loose group is left as it is.
    kept = {frozenset(keys) for keys in outside.values()} & {frozenset(g) for g in found}
    replaced = {k for keys in homes.values() if frozenset(keys) not in kept for k in keys}
    return [g for g in found if frozenset(g) not in kept], replaced, dict(new)


def _loose_closure(connection: Connection, seeds: set[str]) -> list[set[str]]:
    """The stored loose groups holding ``seeds``: the loose reports linked to each, directly or not (a loose
    report links only to loose ones).

    Copies of one story link pairwise, so a group of n copies has some n²/2 links. A group is found one at a
    time as the keys its reports link to, so the database walks those links and hands back each key once.
    """
    c = incident_links.c
    groups: list[set[str]] = []
    found: set[str] = set()
    for seed in sorted(seeds):
        if seed in found:
            continue
        group, frontier = {seed}, {seed}
        while frontier:
            near: set[str] = set()
            for column, other in ((c.a, c.b), (c.b, c.a)):
                for chunk in _chunks(sorted(frontier)):
                    near.update(connection.execute(select(other).distinct().where(column.in_(chunk))).scalars())
            frontier = near - group
            group |= frontier
        found |= group
        groups.append(group)
    return groups


def _chained(groups: Iterable[set[str]]) -> list[tuple[str, str]]:
    """Links enough to join each group's keys: each to the group's first."""
    return [(first, k) for group in groups for first in (min(group),) for k in group if k != first]


def _first_blocks(connection: Connection, keys: Iterable[str]) -> dict[str, int]:
    """The smallest block each of ``keys`` is filed under: reports of one place and time share it."""
    b = incident_blocks.c
    found: dict[str, int] = {}
    for chunk in _chunks(sorted(keys)):
        rows = connection.execute(select(b.report_key, func.min(b.block).label("first"))
                                  .where(b.report_key.in_(chunk)).group_by(b.report_key))
        found.update({r.report_key: r.first for r in rows})
    return found


def _loose_groups(loose: set[str], links: list[tuple[str, str]]) -> list[set[str]]:
    groups = UnionFind()
    for key in loose:
        groups.add(key)
    for a, b in links:
        groups.union(a, b)
    found: dict[str, set[str]] = defaultdict(set)
    for key in loose:
        found[groups.find(key)].add(key)
    return list(found.values())


@dataclass(frozen=True, slots=True)
class _Either:
    """Membership in either of two sets, without building their union."""

    first: Container[str]
    second: Container[str]

    def __contains__(self, item: object) -> bool:
        return item in self.first or item in self.second


def _restore(connection: Connection, settings: Settings) -> Linker:
    """The linker of every stored report and link, each report filed again in ``incident_blocks``: O(store)."""
    reports = [report_from(r, claims=False) for r in connection.execute(select(incident_reports))]
    edges = [(r.a, r.b) for r in connection.execute(select(incident_links.c.a, incident_links.c.b))]
    connection.execute(delete(incident_blocks))
    _file(connection, reports)
    return Linker.restore(settings, reports, edges)


def _relink(connection: Connection, settings: Settings) -> tuple[Linker, set[str]]:
    """Every stored report restored and the stale documents linked in: the linker, and those documents."""
    stale = _stale(connection)
    doc_ids = [d for d, _ in stale]
    _drop(connection, (r.key for r in _in(connection, incident_reports.c.document_id, doc_ids, incident_reports.c.key)))
    linker = _restore(connection, settings)
    _add(connection, linker, _built(connection, stale, settings))
    return linker, set(doc_ids)


def _relink_all(connection: Connection, settings: Settings, dirty: set[str]) -> int:
    """``_relink``, then the rows rewritten of every incident that changed or holds a document in ``dirty`` or
    one whose reports had no row; returns how many documents were linked."""
    unbuilt = _unbuilt(connection)
    linker, relinked = _relink(connection, settings)
    _sync(connection, linker.groups(), _every_member(connection), linker.reports, settings, dirty | relinked | unbuilt)
    return len(relinked)


def _unbuilt(connection: Connection) -> set[str]:
    """Documents with a report that no incident row holds: linked before incident rows existed, for one."""
    m = incident_members.c
    return set(connection.execute(
        select(incident_reports.c.document_id).distinct()
        .where(~select(m.report_key).where(m.report_key == incident_reports.c.key).exists())
    ).scalars())


def _needs_relink(connection: Connection) -> bool:
    """Whether some report lacks its incident row (migration 0004), the reports lack block rows (0005), or
    incident rows hold reports that are gone (0006).

    Outside those states each report has exactly one member row, and 0004 and 0006 leave one side short, so
    comparing the counts is enough.
    """
    counts = [connection.execute(select(func.count()).select_from(t)).scalar_one()
              for t in (incident_reports, incident_members)]
    if counts[0] != counts[1]:
        return True
    r = incident_reports.c
    placed = connection.execute(select(r.key).where(r.window_start.is_not(None)).limit(1)).first()
    return placed is not None and connection.execute(select(incident_blocks.c.block).limit(1)).first() is None


# --- Incident rows -------------------------------------------------------------------------------------------


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
    for r in _in(connection, incident_reports.c.key, set(keys) - set(out), incident_reports):
        out[r.key] = report_from(r)
    return out


class _StoredIds:
    """The incident ids in the store, asked one at a time (``assign_ids`` checks a new id is free)."""

    def __init__(self, connection: Connection):
        self.connection = connection

    def __contains__(self, incident_id: object) -> bool:
        return self.connection.execute(select(incidents.c.id).where(incidents.c.id == incident_id)).first() is not None


@dataclass
class _Stored:
    """The stored rows of some report keys: their incident, their machine group, and each incident's members."""

    incident: dict[str, str] = dataclasses.field(default_factory=dict)
    group: dict[str, str] = dataclasses.field(default_factory=dict)
    members: dict[str, set[str]] = dataclasses.field(default_factory=lambda: defaultdict(set))

    def read(self, connection: Connection, keys: Iterable[str]) -> set[str]:
        """Read the rows of ``keys`` and of every incident holding one; returns the keys those incidents add."""
        m = incident_members.c
        for r in _in(connection, m.report_key, keys, m.report_key, m.incident_id, m.machine_group):
            self.incident[r.report_key], self.group[r.report_key] = r.incident_id, r.machine_group
        fresh = {self.incident[k] for k in keys if k in self.incident} - set(self.members)
        added = set()
        for r in _in(connection, m.incident_id, fresh, m.report_key, m.incident_id):
            self.members[r.incident_id].add(r.report_key)
            added.add(r.report_key)
        return added


def _tie(connection: Connection, groups: dict[str, tuple[str, ...]], keys: set[str], decisions: list[Decision],
         ) -> tuple[_Stored, list[Decision]]:
    """Add to ``groups`` every stored group that a decision or a stored incident ties to them, until none is
    left out; returns the stored rows of every key involved and the decisions that apply to them."""
    stored = _Stored()
    covered: set[str] = set()
    docs: set[str] = set()
    whole: set[str] = set()  # documents whose every stored report is tied in
    m = incident_members.c
    while keys - covered:
        fresh = keys - covered
        covered |= fresh
        tied = stored.read(connection, fresh)
        new_docs = {_document_of(k) for k in fresh} - docs
        docs |= new_docs
        # A decision naming a document finds it by any of its reports (its main one first), so every report of
        # each document it names is tied in, those of documents already met through another report too.
        named = {n for d in decisions if _documents_named(d) & new_docs for n in _documents_named(d)} - whole
        whole |= named
        tied |= {r.report_key for r in _in(connection, m.document_id, named, m.report_key)}
        for name, members in _groups_of(connection, tied - covered).items():
            groups.setdefault(name, tuple(sorted(members)))
            keys |= set(members)
    return stored, [d for d in decisions if _documents_named(d) & docs]


def _sync(connection: Connection, machine: list[tuple[str, ...]], replaced: set[str], known: dict[str, Report],
          settings: Settings, dirty: set[str], *, everything: bool = False) -> Refreshed:
    """Rewrite the rows of incidents whose reports changed, or that hold a report of a ``dirty`` document.

    ``machine`` holds the machine's groups where they may have changed (every group, for a refresh) and
    ``replaced`` the report keys whose stored groups they supersede, dropped reports among them. The
    stored groups that decisions or stored incidents tie to those join them, so that the decisions
    replayed over them give what replaying them over every group would. Only the groups that differ
    from the stored rows (or are dirty) are built and written; ``known`` holds reports already read.
    """
    groups = {g[0]: g for g in machine}
    live = [d for d in _decisions(connection) if not d.undone]
    stored, decisions = _tie(connection, groups, {k for g in machine for k in g} | replaced, live)
    applied = apply(sorted(groups.values()), decisions)
    root = {k: name for name, g in groups.items() for k in g}
    moved = {k for k, group in stored.group.items() if root.get(k) != group}  # decisions may hide such a change
    changed = []
    for g in applied.groups:
        owners = {stored.incident.get(k) for k in g.keys}
        owner = owners.pop() if len(owners) == 1 else None
        same = owner is not None and stored.members[owner] == set(g.keys)
        if everything or not same or any(_document_of(k) in dirty or k in moved for k in g.keys):
            changed.append(g)
    touched = {stored.incident[k] for g in changed for k in g.keys if k in stored.incident} | {
        i for k, i in stored.incident.items() if k not in root}
    created: dict[str, datetime] = {}
    for i, at in _in(connection, incidents.c.id, touched, incidents.c.id, incidents.c.created_at):
        created[i] = at if at.tzinfo else at.replace(tzinfo=UTC)  # SQLite gives back naive datetimes, written in UTC
    now = utcnow()
    previous = [Previous(i, frozenset(stored.members[i]), created.get(i, now)) for i in sorted(touched)]
    ids = assign_ids([g.keys for g in changed], previous, _StoredIds(connection))
    for chunk in _chunks(sorted(touched)):
        connection.execute(delete(incident_search).where(incident_search.c.incident_id.in_(chunk)))
        connection.execute(delete(incident_outcomes).where(incident_outcomes.c.incident_id.in_(chunk)))
        connection.execute(delete(incident_members).where(incident_members.c.incident_id.in_(chunk)))
        connection.execute(delete(incidents).where(incidents.c.id.in_(chunk)))
    for part in _parts(list(zip(changed, ids.ids, strict=True)), lambda item: len(item[0].keys), _PART):
        # A part at a time, so that the reports' claims and the incidents built from them are held for a few
        # thousand reports, not for every incident a batch touches.
        reports = _with_claims(connection, [k for g, _ in part for k in g.keys], known)
        _write(connection, [dataclasses.replace(build(g, reports, applied, settings, id), created=created.get(id, now))
                            for g, id in part], root, now)
    _redirect(connection, ids.merged, ids.ids, now)
    return Refreshed(len(changed), len(touched - set(ids.ids)), ids.merged)


def _parts(items: list[_T], size: Callable[[_T], int], limit: int) -> Iterator[list[_T]]:
    """``items`` in runs of about ``limit`` reports, ``size`` giving each one's (a larger item is a run alone)."""
    part: list[_T] = []
    total = 0
    for item in items:
        if part and total + size(item) > limit:
            yield part
            part, total = [], 0
        part.append(item)
        total += size(item)
    if part:
        yield part


def _every_member(connection: Connection) -> set[str]:
    return set(connection.execute(select(incident_members.c.report_key)).scalars())


def _write(connection: Connection, built: list[Incident], root: dict[str, str], now: datetime) -> None:
    if not built:
        return
    rows = [incident_row(i, now) for i in built]
    connection.execute(incidents.insert(), rows)
    connection.execute(incident_search.insert(), [{"incident_id": r["id"], "search": r["search"]} for r in rows])
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


def update(store: Store, settings: Settings, on_progress: Callable[[int], None] | None = None) -> int:
    """Link every document extracted since the last update and rewrite the incidents that changed.

    Returns how many documents were linked. Reads only what the new reports can meet (see the module's
    docstring), except once after migrations 0004 to 0006, when it links every stored report again.
    Documents are linked ``link_batch_size`` at a time, each batch in its own transaction, so memory does
    not grow with a large ingest; ``on_progress`` hears how many each batch linked.
    """
    linked = 0
    while True:
        with store.begin() as connection:
            _lock(connection)
            if _needs_relink(connection):
                return linked + _relink_all(connection, settings, set())
            stale = _stale(connection, settings.link_batch_size)
            if not stale:
                return linked
            change = _link_new(connection, settings, stale)
            machine, replaced, known = (_region if change.dropped else _grown)(connection, settings, change)
            _sync(connection, machine, replaced, known, settings, {d for d, _ in stale})
        store.refresh_statistics()
        linked += len(stale)
        if on_progress is not None:
            on_progress(len(stale))


def refresh(store: Store, settings: Settings) -> Refreshed:
    """Link whatever is new, then rebuild every incident row (after a migration or a change of settings).

    Every stored report is filed again in the blocking index. Ids are kept, as in any other refresh.
    """
    with store.begin() as connection:
        _lock(connection)
        linker, _ = _relink(connection, settings)
        return _sync(connection, linker.groups(), _every_member(connection), linker.reports, settings, set(),
                     everything=True)


def _resync(connection: Connection, settings: Settings, dirty: set[str]) -> None:
    """Rewrite the incidents of ``dirty`` documents after a decision, from the stored machine groups.

    Only before the first update after migrations 0004 to 0006 is every report read again, and linked
    again where its rows are gone (0006), as that update would.
    """
    if _needs_relink(connection):
        _relink_all(connection, settings, dirty)
        return
    m = incident_members.c
    keys = {r.report_key for r in _in(connection, m.document_id, dirty, m.report_key)}
    _sync(connection, [tuple(sorted(g)) for g in _groups_of(connection, keys).values()], set(), {}, settings, dirty)


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
