"""Selecting an incident's claims, and its estimates under each policy, on fictional multi-report incidents."""

from __future__ import annotations

import pytest
from fictional import (
    claim,
    denial_then_admission,
    evolving,
    fingerprints,
    same_town_same_day,
    source,
    wire_copies,
)

from tollwatch.incidents import incidents_of
from tollwatch.incidents.estimate import source_key
from tollwatch.model import Incident
from tollwatch.settings import Settings

SETTINGS = Settings()


def _one(xs) -> Incident:
    [incident] = incidents_of(xs, SETTINGS, fingerprints=fingerprints(*xs))
    return incident


def _uses(incident: Incident) -> dict[str, tuple[bool, str]]:
    return {u.claim.document_id: (u.used, u.reason) for u in incident.claims}


def test_estimate_wire_copies_are_one_source() -> None:
    incident = _one(wire_copies())
    assert incident.sources == 1
    assert sum(u.used for u in incident.claims) == 1
    assert all("relayed" in u.reason for u in incident.claims if not u.used)


def test_estimate_later_figure_supersedes_the_same_sources_earlier_one() -> None:
    incident = _one(evolving())
    uses = _uses(incident)
    assert uses["grow1"][0] is False and uses["grow1"][1].startswith("superseded by")
    assert uses["grow2"][0] and uses["grow3"][0]
    assert incident.sources == 2


@pytest.mark.parametrize(
    ("policy", "low", "high"),
    [("conservative", 12, 15), ("range", 12, 15), ("ucdp", 12, 15)],
)
def test_estimate_policies_over_selected_claims(policy, low, high) -> None:
    totals = _one(evolving()).estimate(policy)
    assert totals is not None and totals.killed is not None
    assert (totals.killed.low, totals.killed.high) == (low, high)


def test_estimate_denial_is_recorded_not_a_zero_toll() -> None:
    incident = _one(denial_then_admission()[:2])
    uses = _uses(incident)
    assert uses["deny2"] == (False, "denial: recorded as the perpetrator's assessment, not a toll")
    totals = incident.estimate("conservative")
    assert totals is not None and totals.civilians_killed is not None and totals.civilians_killed.low == 30


def test_estimate_admission_withdraws_the_denial() -> None:
    uses = _uses(_one(denial_then_admission()))
    assert uses["deny2"][0] is False and uses["deny2"][1].startswith("denial withdrawn")
    assert uses["deny3"][0] and uses["deny1"][0]


def test_estimate_hedged_claim_counts_and_is_flagged() -> None:
    from dataclasses import replace

    xs = evolving()
    hedged = replace(xs[2], claims=tuple(replace(c, stance="hedged") for c in xs[2].claims))
    incident = _one([*xs[:2], hedged])
    [use] = [u for u in incident.claims if u.claim.document_id == "grow3"]
    assert use.used and use.flags == ("hedged",)


def test_estimate_police_said_in_two_outlets_is_one_source() -> None:
    incidents = incidents_of(same_town_same_day(), SETTINGS)
    market = next(i for i in incidents if "mkt1" in i.document_ids)
    assert market.sources == 1


@pytest.mark.parametrize(
    "src, story, key",
    [
        (source(type="armed_group", organization="Free Valley Front"), "s1", "armed_group:free-valley-front"),
        (source(type="police", organization="Dalmora police"), "s2", "police:dalmora-police"),
        (source("Anan Veel", type="witness"), "s1", "speaker:anan-veel"),
        (source(type="witness"), "s3", "story:s3"),
    ],
)
def test_estimate_source_key_one_voice_for_an_institution_or_a_group(src, story, key) -> None:
    # A group's statement quoted by two outlets is one source, as "police said" is; an unnamed witness is
    # each story's own.
    assert source_key(claim("Two were killed.", "Two were killed", 2, src=src), story) == key
