"""Linking: which fictional reports become one incident, whatever the order they arrive in."""

from __future__ import annotations

import dataclasses
import random
from datetime import date

import pytest
from fictional import (
    DALMORA,
    DALMORA_EAST,
    KESTREL,
    VESSA,
    denial_then_admission,
    everything,
    evolving,
    extraction,
    fingerprints,
    passing_mention,
    same_town_same_day,
    wire_copies,
)

from tollwatch.incidents import incidents_of
from tollwatch.incidents.link import (
    NEAR_DUPLICATE,
    Linker,
    evidence,
    link,
    match,
    place_relation,
    types_compatible,
)
from tollwatch.incidents.report import reports_of
from tollwatch.model import Place
from tollwatch.settings import Settings

SETTINGS = Settings()


def _reports(xs):
    fps = fingerprints(*xs)
    return [r for x in xs for r in reports_of(x, SETTINGS, fps[x.document.id])]


def _doc_groups(xs) -> set[frozenset[str]]:
    return {frozenset(k.split("#")[0] for k in g) for g in link(_reports(xs), SETTINGS)}


@pytest.mark.parametrize(
    ("scenario", "expected"),
    [
        (wire_copies, {frozenset({"wire0", "wire1", "wire2"})}),
        (evolving, {frozenset({"grow1", "grow2", "grow3"})}),
        (denial_then_admission, {frozenset({"deny1", "deny2", "deny3"})}),
        (same_town_same_day, {frozenset({"mkt1", "mkt2"}), frozenset({"chk1", "chk2"})}),
    ],
)
def test_link_scenarios(scenario, expected) -> None:
    assert _doc_groups(scenario()) == expected


def test_link_keeps_different_sites_in_one_town_and_week_apart() -> None:
    # The market bombing (Monday) and the checkpoint attack (Tuesday) overlap in their date windows.
    groups = _doc_groups(wire_copies() + evolving())
    assert groups == {frozenset({"wire0", "wire1", "wire2"}), frozenset({"grow1", "grow2", "grow3"})}


def test_link_passing_mention_feeds_the_old_incident() -> None:
    groups = link(_reports(passing_mention()), SETTINGS)
    assert sorted(groups) == [("new1",), ("new1#2015-01-01", "old1")]


def test_link_result_does_not_depend_on_order() -> None:
    reports = _reports(everything())
    expected = link(reports, SETTINGS)
    for seed in range(5):
        shuffled = reports[:]
        random.Random(seed).shuffle(shuffled)
        assert link(shuffled, SETTINGS) == expected


def test_link_incremental_equals_batch() -> None:
    reports = _reports(everything())
    linker = Linker(SETTINGS)
    for i, r in enumerate(reports):
        linker.add(r)
        assert linker.groups() == link(reports[: i + 1], SETTINGS)


def test_link_far_places_never_join() -> None:
    xs = wire_copies()
    text = xs[0].document.text
    far = extraction("far", text, date(2016, 4, 4), list(xs[0].claims), place=KESTREL)
    assert _doc_groups([xs[0], far]) == {frozenset({"wire0"}), frozenset({"far"})}


def test_link_dates_apart_never_join() -> None:
    xs = wire_copies()
    later = extraction("later", xs[0].document.text, date(2016, 4, 20), list(xs[0].claims))
    assert _doc_groups([xs[0], later]) == {frozenset({"wire0"}), frozenset({"later"})}


@pytest.mark.parametrize(
    ("p", "q", "relation"),
    [
        (DALMORA, DALMORA, "same"),
        (DALMORA, DALMORA_EAST, "near"),
        (DALMORA, KESTREL, None),
        (DALMORA, VESSA, "area"),
        (DALMORA, Place("Dalmora", "Vessa", "YY", None, None, "town"), None),
    ],
)
def test_link_place_relation(p, q, relation) -> None:
    assert place_relation(p, q, SETTINGS) == relation
    assert place_relation(q, p, SETTINGS) == relation


@pytest.mark.parametrize(
    ("a", "b", "ok"),
    [("airstrike", "drone_strike", True), ("airstrike", "shooting", False), (None, "shooting", True),
     ("attack", "bombing", True), ("bombing", "suicide_bombing", True)],
)
def test_link_types_compatible(a, b, ok) -> None:
    assert types_compatible(a, b) is ok


def test_link_incidents_of_one_document_feeds_two_incidents() -> None:
    incidents = incidents_of(passing_mention(), SETTINGS)
    by_docs = {i.document_ids: i for i in incidents}
    old = by_docs[("new1", "old1")]
    assert [u.claim.claim.count.low for u in old.claims] == [40, 42]
    assert [u.claim.claim.count.low for u in by_docs[("new1",)].claims] == [4]


def test_link_unplaced_and_placed_loose_reports_meet_in_either_order() -> None:
    """Two month-dated reports of one shelling, one placed and one not, link on their text whichever comes first.

    A report without a place looks for others everywhere; the placed one used to look only near its place and so
    missed the unplaced one when it came second (found at random seeds of the storage test).
    """
    text = ("Shells fell on the ferry landing and the orchard road at dusk, burning two tankers and a barge, "
            "and the quarry workers fled across the river, killed 4 people.")
    placed = extraction("placed", text, date(2021, 3, 20), [], place=DALMORA, precision="month")
    unplaced = extraction("unplaced", text + " Reporting by the agency.", date(2021, 3, 22), [], place=None,
                          precision="month")
    for xs in ([placed, unplaced], [unplaced, placed]):
        assert link(_reports(xs), SETTINGS) == [("placed", "unplaced")]


def test_link_near_duplicates_outscore_any_evidence() -> None:
    """Attaching a loose group stops weighing an incident's anchors once one scores ``NEAR_DUPLICATE``, so no
    agreement of texts may score as high: here the texts agree on everything ``evidence`` weighs."""
    first = _reports(wire_copies())[0]
    agreeing = dataclasses.replace(first, sites=frozenset({"market:central"}), actors=frozenset({"militia"}),
                                   named_victims=frozenset({"amira haddad"}))
    copy = dataclasses.replace(agreeing, key="copy", document_id="copy")
    assert evidence(agreeing, copy, SETTINGS) < NEAR_DUPLICATE == match(agreeing, copy, SETTINGS)
