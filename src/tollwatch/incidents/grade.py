"""Grades, like Airwars': how far the record supports that the incident caused harm, with the reason.

In order of precedence:

- ``discounted`` or any other grade an analyst set;
- ``confirmed``: the alleged perpetrator accepted that it caused harm (its own statement or investigation);
- ``contested``: a standing denial, or sources that blame different perpetrators;
- ``fair``: two or more independent sources;
- ``weak``: a single source, or none.
"""

from __future__ import annotations

from ..model import ClaimUse, Decision, Source
from ..settings import Settings
from .estimate import independent_sources, source_label
from .link import norm


def _voices(perpetrator: str, settings: Settings) -> list[str]:
    aliases = {k.lower(): v for k, v in settings.perpetrator_aliases.items()}
    return [norm(perpetrator), *(norm(a) for a in aliases.get(perpetrator.lower(), []))]


def speaks_for(source: Source, perpetrators: frozenset[str], settings: Settings) -> str | None:
    """The alleged perpetrator this source speaks for, if any."""
    said_by = f" {norm(' '.join(filter(None, (source.speaker, source.organization, source.role))))} "
    for p in sorted(perpetrators):
        if any(v and f" {v} " in said_by for v in _voices(p, settings)):
            return p
    return None


def grade(
    uses: tuple[ClaimUse, ...], perpetrators: frozenset[str], settings: Settings, analyst: Decision | None = None
) -> tuple[str, str]:
    """The grade and its reason. ``perpetrators`` are those the incident's reports and claims allege."""
    if analyst is not None and analyst.value:
        return analyst.value, f"set by {analyst.author}: {analyst.reason}"
    for u in uses:
        claim = u.claim.claim
        who = speaks_for(claim.source, perpetrators, settings)
        if u.used and who and claim.stance != "denied" and (claim.count.low or claim.count.qualifier == "vague"):
            said = f'{source_label(claim)}, {u.claim.document_id}: "{claim.evidence}"'
            return "confirmed", f"the alleged perpetrator ({who}) accepted harm: {said}"
    for u in uses:
        if u.reason.startswith("denial:"):
            return "contested", f"denied by {source_label(u.claim.claim)} in {u.claim.document_id}"
    blamed = sorted({u.claim.claim.alleged_perpetrator for u in uses if u.claim.claim.alleged_perpetrator})
    if len(blamed) > 1:
        return "contested", f"responsibility disputed: {' vs '.join(blamed)}"
    n = independent_sources(uses)
    if n >= 2:
        return "fair", f"{n} independent sources"
    return "weak", "a single source" if n == 1 else "no attributed casualty figure"
