"""Near-duplicate detection: MinHash signatures of word 5-shingles, banded for lookup (LSH).

A wire story republished under a new headline, with a byline or a sentence
changed, shares most of its 5-word shingles with the original. Each text gets a
64-value MinHash signature (datasketch); the signature is cut into 16 bands of
4 values and each band hashed to a 64-bit key. Two texts sharing any band key
are candidates (likely from a Jaccard similarity of about 0.5 up), and a
candidate whose estimated similarity reaches the threshold is a near duplicate.
The band keys live in the database, so lookups cost one indexed query per
batch and memory stays flat however many documents are stored.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

METHOD = "minhash.words5/1"
NUM_PERM = 64
BANDS = 16
ROWS = NUM_PERM // BANDS
SHINGLE = 5
# 32-bit hash values: stored signatures stay comparable only while this and the seed are unchanged.
SCHEME = "affine32"


@dataclass(frozen=True, slots=True)
class Fingerprint:
    """A text's MinHash signature and the LSH band keys made from it."""

    signature: bytes
    bands: tuple[int, ...]


@lru_cache(maxsize=1)
def _permutations() -> tuple[np.ndarray, np.ndarray]:
    """datasketch's random permutations, made once per process rather than for every signature."""
    from datasketch import MinHash

    return MinHash(num_perm=NUM_PERM, seed=1, scheme=SCHEME).permutations


def _word_hashes(data: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """A 64-bit polynomial hash of each word of ``data`` (lower-cased UTF-8 bytes), and where each word starts,
    computed in numpy without a Python loop.

    Word bytes are letters, digits and any non-ASCII byte. With prefix sums
    P[i] = sum(c[j] * B**j for j < i) (mod 2**64), the word c[s:e] hashes to
    (P[e] - P[s]) * B**-s, which does not depend on where the word stands: texts
    joined into one buffer hash their words as each would alone.
    """
    is_word = (
        (data >= 0x80) | ((data >= ord("a")) & (data <= ord("z"))) | ((data >= ord("0")) & (data <= ord("9")))
    )
    edges = np.flatnonzero(np.diff(np.concatenate(([False], is_word, [False])).astype(np.int8)))
    starts, ends = edges[0::2], edges[1::2]
    powers, inverses = _powers(data.size + 1)
    with np.errstate(over="ignore"):
        terms = data.astype(np.uint64) * powers[: data.size]
        prefix = np.concatenate((np.zeros(1, dtype=np.uint64), np.cumsum(terms, dtype=np.uint64)))
        return (prefix[ends] - prefix[starts]) * inverses[starts], starts


_BASE = np.uint64(0x100000001B3)  # odd, so it has an inverse modulo 2**64
_BASE_INVERSE = np.uint64(pow(int(_BASE), -1, 1 << 64))
_power_cache: list[np.ndarray] = []


def _powers(n: int) -> tuple[np.ndarray, np.ndarray]:
    """BASE**i and BASE**-i (mod 2**64) for i < n, grown as longer texts arrive and kept for the process."""
    if not _power_cache or _power_cache[0].size < n:
        size = max(n, 2 * _power_cache[0].size if _power_cache else 1 << 16)
        with np.errstate(over="ignore"):
            one = np.ones(1, dtype=np.uint64)
            powers = np.concatenate(
                (one, np.cumprod(np.full(size - 1, _BASE, dtype=np.uint64), dtype=np.uint64))
            )
            inverses = np.concatenate(
                (one, np.cumprod(np.full(size - 1, _BASE_INVERSE, dtype=np.uint64), dtype=np.uint64))
            )
        _power_cache[:] = [powers, inverses]
    return _power_cache[0], _power_cache[1]


def _shingle_hashes(texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """A 32-bit hash of each run of 5 words of each text (one run of all its words for a shorter text, the
    value 0 for a text without words), and the index of the text each belongs to, in text order."""
    pieces = [t.lower().encode("utf-8") for t in texts]
    # A newline between texts: no word runs across it.
    data = np.frombuffer(b"\n".join(pieces), dtype=np.uint8)
    offsets = np.cumsum([0] + [len(p) + 1 for p in pieces[:-1]])
    words, starts = _word_hashes(data)
    first = np.searchsorted(starts, offsets)  # each text's first word
    count = np.diff(np.append(first, words.size))
    runs = np.maximum(count - SHINGLE + 1, 1)  # a text of fewer words is one run
    owner = np.repeat(np.arange(len(texts)), runs)
    begin = first[owner] + np.arange(owner.size) - np.repeat(np.cumsum(runs) - runs, runs)
    length = np.minimum(count, SHINGLE)[owner]
    padded = np.concatenate((words, np.zeros(SHINGLE, dtype=np.uint64)))
    rolled = np.where(length > 0, padded[begin], np.uint64(0))
    with np.errstate(over="ignore"):
        for k in range(1, SHINGLE):
            rolled = np.where(length > k, rolled * np.uint64(1_000_003) + padded[begin + k], rolled)
    return (rolled ^ (rolled >> np.uint64(32))) & np.uint64(0xFFFFFFFF), owner


def _fmix32(values: np.ndarray) -> np.ndarray:
    """MurmurHash3's finalizer, which datasketch's affine32 scheme applies to each input hash first."""
    with np.errstate(over="ignore"):
        values = values ^ (values >> np.uint32(16))
        values = values * np.uint32(0x85EBCA6B)
        values = values ^ (values >> np.uint32(13))
        values = values * np.uint32(0xC2B2AE35)
        return values ^ (values >> np.uint32(16))


# Shingles permuted at once: a (rows x NUM_PERM) uint32 matrix of at most 16 MB, whatever the texts' length.
_CHUNK = 1 << 16


def fingerprints(texts: Sequence[str]) -> list[Fingerprint]:
    """Each text's fingerprint: datasketch's MinHash (affine32 scheme, its seed-1 permutations) of the text's
    5-word shingles, computed for all the texts at once. One MinHash per text spent most of its time in
    numpy's per-call overhead, and ingest fingerprints every document it reads."""
    if not texts:
        return []
    shingles, owner = _shingle_hashes(texts)
    a, b = _permutations()
    mixed = _fmix32(shingles.astype(np.uint32))
    signatures = np.full((len(texts), NUM_PERM), np.iinfo(np.uint32).max, dtype=np.uint32)
    for lo in range(0, mixed.size, _CHUNK):
        owners = owner[lo : lo + _CHUNK]
        with np.errstate(over="ignore"):
            permuted = mixed[lo : lo + _CHUNK, None] * a + b
        # ``owner`` ascends, so each text's shingles in this chunk are one run of rows.
        firsts = np.flatnonzero(np.concatenate(([True], owners[1:] != owners[:-1])))
        ids = owners[firsts]
        signatures[ids] = np.minimum(signatures[ids], np.minimum.reduceat(permuted, firsts, axis=0))
    return [_fingerprint(row.astype("<u4").tobytes()) for row in signatures]


def fingerprint(text: str) -> Fingerprint:
    return fingerprints([text])[0]


def _fingerprint(signature: bytes) -> Fingerprint:
    bands = tuple(
        int.from_bytes(
            hashlib.blake2b(
                bytes([band]) + signature[band * ROWS * 4 : (band + 1) * ROWS * 4], digest_size=8
            ).digest(),
            "little",
            signed=True,
        )
        for band in range(BANDS)
    )
    return Fingerprint(signature, bands)


def similarities(signature: bytes, others: Sequence[bytes]) -> np.ndarray:
    """The estimated Jaccard similarity of one text's shingle set to each of ``others``', in one pass."""
    matrix = np.frombuffer(b"".join(others), dtype="<u4").reshape(len(others), NUM_PERM)
    return (matrix == np.frombuffer(signature, dtype="<u4")).mean(axis=1)
