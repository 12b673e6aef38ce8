"""Incidents from linked reports: the merged event, the claims, the estimates, the grade and the timeline."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping

from ..model import Event, Incident, IncidentClaim
from ..settings import Settings
from .decisions import Applied, Group
from .estimate import estimates, independent_sources, select, source_key
from .grade import grade
from .link import UnionFind
from .report import Report, jaccard
from .timeline import timeline

STAGE = "incidents.build/1"


def incident_id(keys: tuple[str, ...]) -> str:
    """Named after its first report, so the same reports always make the same id."""
    return "I" + hashlib.sha1(min(keys).encode()).hexdigest()[:10]


def stories(reports: list[Report], settings: Settings) -> dict[str, str]:
    """Each document's wire story: near duplicates share one, named after the first document id."""
    forest = UnionFind()
    docs = sorted({r.document_id: r for r in reports if not r.mention}.values(), key=lambda r: r.document_id)
    for i, a in enumerate(docs):
        forest.add(a.document_id)
        for b in docs[:i]:
            if a.fingerprint and len(a.fingerprint) == len(b.fingerprint) and \
                    jaccard(a.fingerprint, b.fingerprint) >= settings.near_duplicate_threshold:
                forest.union(a.document_id, b.document_id)
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


def build(group: Group, reports: Mapping[str, Report], applied: Applied, settings: Settings) -> Incident:
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
        id=incident_id(group.keys),
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
