"""Which of an incident's claims its estimates rest on, and the estimates under each policy.

Selection, in order, each claim either used or set aside with its reason:

1. An analyst's rejection sets a claim aside; an analyst's acceptance keeps it whatever follows.
2. A denial is the perpetrator's assessment: kept in the record, never counted as a zero toll.
3. One source is one voice: a speaker relayed by three outlets, or one wire story in many copies, counts
   once. For each source, outcome and kind of victim, the latest report stands; earlier figures that
   differ are superseded, equal ones are the same figure relayed.
4. A hedged claim counts, flagged ``hedged``.

The arithmetic over the chosen claims (grouping per source, vague words, the policy's low/best/high) is
``tollwatch.summary.summarize``; this module only chooses what it is given.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import replace
from datetime import date

from ..model import POLICIES, Claim, ClaimUse, IncidentClaim, Source, Totals
from ..settings import Settings
from ..summary import summarize, victim_kind

# Institutions speak with one voice however many outlets quote "police said" (or an armed group's
# statement); a witness quoted by one outlet is that outlet's own reporting.
INSTITUTIONS = ("police", "military", "government", "local_government", "health_officials", "ngo_un", "armed_group")


def _name(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def source_key(claim: Claim, story: str) -> str:
    """The independent source behind a claim; ``story`` names the document's wire story (its near-duplicate group)."""
    s = claim.source
    if s.speaker:
        return f"speaker:{_name(s.speaker)}"
    if s.type in INSTITUTIONS:
        return f"{s.type}:{_name(s.organization or '')}"
    return f"story:{story}"


def source_label(claim: Claim) -> str:
    s = claim.source
    who = s.speaker or s.organization or s.role or f"({s.type})"
    return f"{who} via {', '.join(s.via)}" if s.via else who


def _figure(claim: Claim) -> tuple[object, ...]:
    c = claim.count
    return c.low, c.high, c.qualifier, c.vague_word, claim.stance


def _latest_first(ic: IncidentClaim) -> tuple[object, ...]:
    """Latest report first; on one day, the highest figure (tolls grow as counts finish); then by key."""
    return (
        -(ic.published or date.min).toordinal(),
        -(ic.claim.count.high or ic.claim.count.low or 0),
        ic.document_id,
    )


def select(claims: tuple[IncidentClaim, ...], rejected: frozenset[str] = frozenset(),
           accepted: frozenset[str] = frozenset()) -> tuple[ClaimUse, ...]:
    """Every claim with whether the estimates use it, and why. ``rejected``/``accepted`` hold claim keys."""
    decided: dict[str, ClaimUse] = {}
    groups: dict[tuple[str, str, str], list[IncidentClaim]] = defaultdict(list)
    for ic in claims:
        if ic.key in rejected:
            decided[ic.key] = ClaimUse(ic, False, "rejected by an analyst")
        elif ic.key in accepted:
            decided[ic.key] = ClaimUse(ic, True, "accepted by an analyst", _flags(ic))
        else:
            groups[(ic.source_key, ic.claim.outcome, victim_kind(ic.claim))].append(ic)
    for members in groups.values():
        ordered = sorted(members, key=_latest_first)
        standing = ordered[0].document_id
        kept: dict[tuple[object, ...], IncidentClaim] = {}
        for ic in ordered:
            if ic.document_id != standing:
                first = next(k for k in ordered if k.document_id == standing)
                if (ic.published or date.min) < (first.published or date.min) and _figure(ic.claim) != _figure(first.claim):
                    reason = f"superseded by the same source's later report in {standing}"
                else:
                    reason = f"same source, relayed again in {standing}"
                decided[ic.key] = ClaimUse(ic, False, reason)
            elif _figure(ic.claim) in kept and ic.claim.span != kept[_figure(ic.claim)].claim.span:
                decided[ic.key] = ClaimUse(ic, True, "restated in the same report", _flags(ic))
            elif ic.claim.stance == "denied":
                decided[ic.key] = ClaimUse(ic, False, "denial: recorded as the perpetrator's assessment, not a toll")
            else:
                kept[_figure(ic.claim)] = ic
                decided[ic.key] = ClaimUse(ic, True, "independent source's latest figure", _flags(ic))
    _retract_denials(decided)
    return tuple(decided[ic.key] for ic in claims)


def _retract_denials(decided: dict[str, ClaimUse]) -> None:
    """A denial its own source later takes back, by accepting harm of any kind, no longer stands."""
    admitted: dict[str, IncidentClaim] = {}
    for u in decided.values():
        c = u.claim
        harm = u.used and c.claim.stance != "denied" and (c.claim.count.low or 0) > 0
        if harm and (c.source_key not in admitted or _latest_first(c) < _latest_first(admitted[c.source_key])):
            admitted[c.source_key] = c
    for key, u in decided.items():
        later = admitted.get(u.claim.source_key)
        if u.claim.claim.stance == "denied" and later is not None and (u.claim.published or date.min) < (
            later.published or date.min
        ):
            decided[key] = ClaimUse(u.claim, False, f"denial withdrawn: the same source accepted harm in {later.document_id}")


def _flags(ic: IncidentClaim) -> tuple[str, ...]:
    return ("hedged",) if ic.claim.stance == "hedged" else ()


def _one_voice(ic: IncidentClaim) -> Claim:
    """The claim as ``summarize`` should group it: by the independent source chosen here, not by its own guess.

    Without this, two outlets' unnamed witnesses would look like one source to ``summarize``, and their
    figures would be read as one source's statements.
    """
    s = ic.claim.source
    return replace(ic.claim, source=Source(ic.source_key, s.role, s.organization, s.type, ()))


def estimates(uses: tuple[ClaimUse, ...], settings: Settings) -> tuple[Totals, ...]:
    """The incident's totals under every policy, from the claims selection kept."""
    chosen = tuple(_one_voice(u.claim) for u in uses if u.used)
    return tuple(summarize(chosen, settings.with_(policy=policy)) for policy in POLICIES)


def independent_sources(uses: tuple[ClaimUse, ...]) -> int:
    return len({u.claim.source_key for u in uses if u.used})
