"""MinHash fingerprints: near duplicates share bands and score high, different reports do not."""

from __future__ import annotations

import numpy as np
from datasketch import MinHash
from reports import report

from tollwatch.dedup import (
    BANDS,
    NUM_PERM,
    SCHEME,
    _permutations,
    _shingle_hashes,
    fingerprint,
    fingerprints,
    similarities,
)

# Texts of every length the batch must handle: none, no words, fewer words than a shingle, a report, non-ASCII.
TEXTS = ["", "...", "two words", "four small words here", report(1), "Ünïcödé wörds in Łódź ça", report(2).upper()]


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


def test_dedup_fingerprints_are_datasketch_minhashes_of_each_texts_shingles() -> None:
    for text, printed in zip(TEXTS, fingerprints(TEXTS)):
        minhash = MinHash(num_perm=NUM_PERM, hashfunc=int, permutations=_permutations(), scheme=SCHEME)
        minhash.update_batch(_shingle_hashes([text])[0])
        assert printed.signature == minhash.hashvalues.astype("<u4").tobytes(), text


def test_dedup_a_text_prints_the_same_alone_and_in_any_batch() -> None:
    # More shingles than one chunk of the permutation step, so a text's minimum spans two chunks.
    long = " ".join(f"w{i}" for i in range(70_000))
    texts = [*TEXTS, long, report(3)]
    alone = [fingerprint(t) for t in texts]
    assert fingerprints(texts) == alone
    assert fingerprints(texts[::-1]) == alone[::-1]
    assert fingerprints([]) == []


def test_dedup_signature_of_a_fixed_text_never_changes() -> None:
    # Signatures are stored: a change here makes every stored document unmatchable with new ones.
    text = "Four people were killed when a shell hit the market in the old town on Friday."
    assert np.frombuffer(fingerprint(text).signature, "<u4")[:4].tolist() == [221755054, 30670904, 429858921, 1605407121]
