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


def _word_hashes(text: str) -> np.ndarray:
    """A 64-bit polynomial hash of each word of the lower-cased text, computed in numpy without a Python loop.

    Word bytes are letters, digits and any non-ASCII byte. With prefix sums
    P[i] = sum(c[j] * B**j for j < i) (mod 2**64), the word c[s:e] hashes to
    (P[e] - P[s]) * B**-s, which does not depend on where the word stands.
    """
    data = np.frombuffer(text.lower().encode("utf-8"), dtype=np.uint8)
    if data.size == 0:
        return np.zeros(1, dtype=np.uint64)
    is_word = (
        (data >= 0x80) | ((data >= ord("a")) & (data <= ord("z"))) | ((data >= ord("0")) & (data <= ord("9")))
    )
    edges = np.flatnonzero(np.diff(np.concatenate(([False], is_word, [False])).astype(np.int8)))
    starts, ends = edges[0::2], edges[1::2]
    if starts.size == 0:
        return np.zeros(1, dtype=np.uint64)
    powers, inverses = _powers(data.size + 1)
    with np.errstate(over="ignore"):
        terms = data.astype(np.uint64) * powers[: data.size]
        prefix = np.concatenate((np.zeros(1, dtype=np.uint64), np.cumsum(terms, dtype=np.uint64)))
        return (prefix[ends] - prefix[starts]) * inverses[starts]


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


def _shingle_hashes(text: str) -> np.ndarray:
    """A 32-bit hash of each run of 5 words (one run for shorter texts), distinct values only."""
    words = _word_hashes(text)
    n = max(1, words.size - SHINGLE + 1)
    rolled = words[:n].copy()
    with np.errstate(over="ignore"):
        for k in range(1, min(SHINGLE, words.size)):
            rolled = rolled * np.uint64(1_000_003) + words[k : k + n]
    return np.unique((rolled ^ (rolled >> np.uint64(32))) & np.uint64(0xFFFFFFFF))


def fingerprint(text: str) -> Fingerprint:
    from datasketch import MinHash

    # The shingles arrive already hashed, so datasketch's hash function only has to pass them through.
    minhash = MinHash(num_perm=NUM_PERM, hashfunc=int, permutations=_permutations(), scheme=SCHEME)
    minhash.update_batch(_shingle_hashes(text))
    # affine32 keeps values below 2**32 in uint64; four bytes each is enough to store them.
    signature = minhash.hashvalues.astype("<u4").tobytes()
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
