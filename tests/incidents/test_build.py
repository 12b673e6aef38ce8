"""Stable incident ids: kept as reports join, the larger (then older) side of a merge survives, a split's new part
gets a new id. Wire stories: documents whose signatures pass the near-duplicate threshold, pair by pair, share one."""

from __future__ import annotations

import random
from datetime import UTC, datetime

import numpy as np
import pytest

from tollwatch.incidents.build import Previous, assign_ids, incident_id, stories
from tollwatch.incidents.link import UnionFind
from tollwatch.incidents.report import Report, jaccard
from tollwatch.model import Event
from tollwatch.settings import Settings

OLD, NEW = datetime(2016, 1, 1, tzinfo=UTC), datetime(2017, 1, 1, tzinfo=UTC)


def _prev(id: str, *keys: str, created: datetime = OLD) -> Previous:
    return Previous(id, frozenset(keys), created)


def test_build_ids_kept_when_an_earlier_report_joins() -> None:
    got = assign_ids([("a", "b", "c")], [_prev("Ib", "b", "c")], set())
    assert got.ids == ("Ib",) and got.merged == ()
    assert incident_id(("a", "b", "c")) != "Ib"


@pytest.mark.parametrize(("big", "small", "survivor"), [
    (_prev("Ix", "a", "b", "c"), _prev("Iy", "d"), "Ix"),
    (_prev("Iy", "a", "b", "c"), _prev("Ix", "d"), "Iy"),
    (_prev("Iy", "a", "b", created=OLD), _prev("Ix", "c", "d", created=NEW), "Iy"),
    (_prev("Ix", "a", "b", created=NEW), _prev("Iy", "c", "d", created=OLD), "Iy"),
])
def test_build_ids_merge_larger_then_older_survives(big: Previous, small: Previous, survivor: str) -> None:
    got = assign_ids([("a", "b", "c", "d")], [big, small], set())
    retired = ({big.id, small.id} - {survivor}).pop()
    assert got.ids == (survivor,) and got.merged == ((retired, survivor),)


def test_build_ids_split_part_without_the_id_is_new() -> None:
    got = assign_ids([("a",), ("b", "c")], [_prev("Ia", "a", "b", "c")], set())
    assert got.ids[1] == "Ia"
    assert got.ids[0] == incident_id(("a",)) and got.merged == ()


def test_build_ids_new_id_avoids_taken_and_previous_ones() -> None:
    taken = incident_id(("a",))
    got = assign_ids([("a",), ("b",)], [_prev("Ib", "b")], {taken})
    assert got.ids[1] == "Ib"
    assert got.ids[0] == incident_id(("a",), 1) != taken


def test_build_ids_vanished_incident_is_dropped_not_redirected() -> None:
    got = assign_ids([("a",)], [_prev("Ia", "a"), _prev("Iz", "z")], set())
    assert got.ids == ("Ia",) and got.merged == ()


def _doc(doc_id: str, fingerprint: bytes, mention: bool = False) -> Report:
    key = f"{doc_id}#2016-01-01" if mention else doc_id
    return Report(key, doc_id, None, None, Event(None, None, None, None), (), None, frozenset(), frozenset(),
                  frozenset(), b"", fingerprint, mention=mention)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_build_stories_join_every_pair_past_the_threshold(seed: int) -> None:
    """Copies of a few originals with some slots changed, some without a signature or with a shorter one,
    against the pair-by-pair definition."""
    rng = random.Random(seed)
    settings = Settings()
    originals = [np.array([rng.randrange(2**32) for _ in range(32)], dtype="<u4") for _ in range(4)]
    reports = []
    for n in range(40):
        slots = originals[rng.randrange(4)].copy()
        for i in rng.sample(range(32), rng.choice((0, 2, 8, 20))):
            slots[i] = rng.randrange(2**32)
        fingerprint = rng.choice((slots.tobytes(), slots.tobytes(), slots[:16].tobytes(), b""))
        reports.append(_doc(f"d{n:02d}", fingerprint))
    reports.append(_doc("d07", reports[7].fingerprint, mention=True))
    expected = UnionFind()
    docs = [r for r in reports if not r.mention]
    for a in docs:
        expected.add(a.document_id)
    for a in docs:
        for b in docs:
            if a.fingerprint and len(a.fingerprint) == len(b.fingerprint) and \
                    jaccard(a.fingerprint, b.fingerprint) >= settings.near_duplicate_threshold:
                expected.union(a.document_id, b.document_id)
    found = stories(reports, settings)
    assert found == {r.document_id: expected.find(r.document_id) for r in reports}
    assert len(set(found.values())) < len(docs)  # some copies did join
