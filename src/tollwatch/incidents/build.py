"""Incidents from linked reports: the merged event, the claims, the estimates, the grade and the timeline.

Ids: a batch built in memory names each incident after its first report (``incident_id``). Stored
incidents keep the id they were first given as reports join, leave, merge and split (``assign_ids``).
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Container, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

import numpy as np

from ..model import Event, Incident, IncidentClaim
from ..settings import Settings
from .decisions import Applied, Group
from .estimate import estimates, independent_sources, select, source_key
from .grade import grade
from .link import UnionFind
from .report import Report
from .timeline import timeline

STAGE = "incidents.build/1"


def incident_id(keys: Iterable[str], attempt: int = 0) -> str:
    """Named after its first report, so the same reports always make the same id; ``attempt`` avoids a taken one."""
    first = min(keys) + (f"/{attempt}" if attempt else "")
    return "I" + hashlib.sha1(first.encode()).hexdigest()[:10]


@dataclass(frozen=True, slots=True)
class Previous:
    """A stored incident that a change touched: its id, its report keys and when the id was first given."""

    id: str
    keys: frozenset[str]
    created: datetime


@dataclass(frozen=True, slots=True)
class Ids:
    """``ids`` names each rebuilt group, in order; ``merged`` pairs each retired id with the id it went into."""

    ids: tuple[str, ...]
    merged: tuple[tuple[str, str], ...]


def assign_ids(groups: Sequence[tuple[str, ...]], previous: Iterable[Previous], taken: Container[str]) -> Ids:
    """Ids for rebuilt groups of report keys that keep the links analysts saved working.

    Previous incidents and groups that share reports are paired greedily: most shared reports first, then
    the larger previous incident, the older, the smaller id. So an incident keeps its id as reports join
    or leave it; when two merge, the larger (then the older) id survives and the other is recorded as
    merged into it; when one splits, the part holding most of its reports keeps the id and the others get
    new ones. A previous incident whose reports are all gone is dropped. New ids come from
    ``incident_id``, never one in ``taken`` (ids of incidents left as they were; only asked whether it
    holds an id, so it may be the store itself) or a previous one.
    """
    prior = {p.id: p for p in previous}
    owner = {k: p.id for p in prior.values() for k in p.keys}
    shared: Counter[tuple[str, int]] = Counter(
        (owner[k], i) for i, keys in enumerate(groups) for k in keys if k in owner
    )

    def rank(pair: tuple[str, int]) -> tuple[object, ...]:
        p = prior[pair[0]]
        return -shared[pair], -len(p.keys), p.created, p.id, pair[1]

    pairs = sorted(shared, key=rank)
    ids: dict[int, str] = {}
    kept: set[str] = set()
    for pid, i in pairs:
        if i not in ids and pid not in kept:
            ids[i] = pid
            kept.add(pid)
    given: set[str] = set()
    for i, keys in enumerate(groups):
        if i not in ids:
            attempt = 0
            while (candidate := incident_id(keys, attempt)) in prior or candidate in given or candidate in taken:
                attempt += 1
            ids[i] = candidate
            given.add(candidate)
    # A retired id goes where most of its reports went: the group it shares most with.
    merged: dict[str, str] = {}
    for pid, i in pairs:
        if pid not in kept and pid not in merged:
            merged[pid] = ids[i]
    return Ids(tuple(ids[i] for i in range(len(groups))), tuple(sorted(merged.items())))


def stories(reports: list[Report], settings: Settings) -> dict[str, str]:
    """Each document's wire story: near duplicates share one, named after the first document id.

    Every pair of signatures of one length is compared (``report.jaccard``, one numpy pass per document),
    so an incident of thousands of documents costs milliseconds, not the seconds of comparing pair by pair.
    """
    forest = UnionFind()
    docs = sorted({r.document_id: r for r in reports if not r.mention}.values(), key=lambda r: r.document_id)
    by_length: dict[int, list[Report]] = defaultdict(list)
    for r in docs:
        forest.add(r.document_id)
        if r.fingerprint:
            by_length[len(r.fingerprint)].append(r)
    for same in by_length.values():
        signatures = np.stack([np.frombuffer(r.fingerprint, dtype="<u4") for r in same])
        for i in range(1, len(same)):
            # The share of equal slots, as ``jaccard`` computes it (an exact count over the same length).
            shared = np.count_nonzero(signatures[:i] == signatures[i], axis=1) / signatures.shape[1]
            for j in np.flatnonzero(shared >= settings.near_duplicate_threshold):
                forest.union(same[i].document_id, same[j].document_id)
    return {r.document_id: forest.find(r.document_id) if r.document_id in forest.parent else r.document_id
            for r in reports}


def _precision(r: Report) -> tuple[object, ...]:
    """Most precise first: a narrow date window, a point place, then the first key."""
    width = (r.window[1] - r.window[0]).days if r.window else 10**6
    place = r.event.place
    point = place is not None and place.lat is not None
    return r.mention, width, not point, place is None, r.key


def merged_event(reports: list[Report]) -> Event:
    best = min(reports, key=_precision)
    typed = [r for r in sorted(reports, key=_precision) if r.event.type]
    placed = [r for r in sorted(reports, key=_precision) if r.event.place is not None]
    actors = sorted({a for r in reports if not r.mention for a in r.event.alleged_perpetrators})
    return Event(
        type=typed[0].event.type if typed else None,
        date=best.event.date,
        date_precision=best.event.date_precision,
        place=placed[0].event.place if placed else None,
        alleged_perpetrators=tuple(actors),
        stage=STAGE,
    )


def build(group: Group, reports: Mapping[str, Report], applied: Applied, settings: Settings,
          id: str | None = None) -> Incident:
    """One incident from its group of reports; ``id`` defaults to ``incident_id`` of its reports."""
    members = [reports[k] for k in group.keys]
    story = stories(members, settings)
    claims = tuple(
        IncidentClaim(r.document_id, c, r.published, r.outlet, source_key(c, story[r.document_id]))
        for r in sorted(members, key=lambda r: (r.published.toordinal() if r.published else 0, r.key))
        for c in r.claims
    )
    uses = select(claims, applied.rejected, applied.accepted)
    event = merged_event(members)
    perpetrators = frozenset(event.alleged_perpetrators) | {c.claim.alleged_perpetrator for c in claims
                                                            if c.claim.alleged_perpetrator}
    grade_, reason = grade(uses, frozenset(perpetrators), settings, group.grade)
    return Incident(
        id=id or incident_id(group.keys),
        event=event,
        document_ids=tuple(sorted({r.document_id for r in members})),
        claims=uses,
        grade=grade_,
        grade_reason=reason,
        estimates=estimates(uses, settings),
        sources=independent_sources(uses),
        report_keys=group.keys,
        timeline=timeline(uses),
        notes=group.notes,
    )


def build_all(reports: Mapping[str, Report], applied: Applied, settings: Settings) -> list[Incident]:
    return [build(g, reports, applied, settings) for g in applied.groups]
