"""An incident's claim timeline: every figure by date of report and by source."""

from __future__ import annotations

from datetime import date

from ..model import ClaimUse, TimelineEntry
from .estimate import source_label


def timeline(uses: tuple[ClaimUse, ...]) -> tuple[TimelineEntry, ...]:
    entries = [
        TimelineEntry(
            reported=u.claim.published,
            document_id=u.claim.document_id,
            outlet=u.claim.outlet,
            source=source_label(u.claim.claim),
            outcome=u.claim.claim.outcome,
            victims=u.claim.claim.victims.group,
            low=u.claim.claim.count.low,
            high=u.claim.claim.count.high,
            qualifier=u.claim.claim.count.qualifier,
            text=u.claim.claim.count.text,
            stance=u.claim.claim.stance,
            used=u.used,
            reason=u.reason,
        )
        for u in uses
    ]
    return tuple(sorted(entries, key=lambda e: (e.reported or date.min, e.source, e.document_id, e.outcome)))
