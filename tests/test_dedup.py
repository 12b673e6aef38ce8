"""MinHash fingerprints: near duplicates share bands and score high, different reports do not."""

from __future__ import annotations

from reports import report

from tollwatch.dedup import BANDS, fingerprint, similarities


def test_dedup_republished_story_is_similar() -> None:
    original = report(3)
    republished = "By a staff correspondent. " + original.replace("Tuesday morning", "Tuesday")
    a, b = fingerprint(original), fingerprint(republished)
    assert similarities(a.signature, [b.signature])[0] >= 0.7
    assert set(a.bands) & set(b.bands)


def test_dedup_different_reports_are_not() -> None:
    other = "The city council approved a new budget for parks and libraries after a long debate on Thursday."
    assert similarities(fingerprint(report(3)).signature, [fingerprint(other).signature])[0] < 0.2


def test_dedup_similarities_score_each_signature_in_order() -> None:
    base = report(4)
    prints = [fingerprint(t) for t in (base, "Unrelated text about a parks budget and libraries in the city.", base)]
    scores = similarities(prints[0].signature, [p.signature for p in prints])
    assert scores[0] == 1.0 and scores[2] == 1.0 and scores[1] < 0.2


def test_dedup_fingerprint_is_stable_and_case_blind() -> None:
    a, b = fingerprint(report(5)), fingerprint(report(5).upper())
    assert a == b and len(a.bands) == BANDS


def test_dedup_tiny_and_empty_texts() -> None:
    assert fingerprint("").signature == fingerprint("...").signature
    assert fingerprint("two words").signature != fingerprint("other words").signature
