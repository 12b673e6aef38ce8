"""Fast cue search for the event and claims stages.

A regular expression made of many alternatives ("yesterday|last night|Jan. 17|...")
is slow to scan across a whole report with Python's ``re``: every alternative is
tried at every position. Cue patterns here are instead tried only where a word
that can begin them starts, found by one cheap scan for words; the pattern is
then matched at that position alone. This keeps the event stage at a fraction
of a millisecond per report.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass

_TOKEN = re.compile(r"[A-Za-z]+|\d+")
_LOWER_TOKEN = re.compile(r"[a-z]+|\d+")


@dataclass(frozen=True, slots=True)
class Words:
    """Where each word of a text starts, and the word in lower case: scanned once, shared by all cues."""

    starts: tuple[int, ...]
    lowered: tuple[str, ...]


def words(text: str) -> Words:
    lowered = text.lower()
    if len(lowered) == len(text):  # true unless a character such as "İ" grows when lower-cased
        return Words(tuple([m.start() for m in _LOWER_TOKEN.finditer(lowered)]), tuple(_LOWER_TOKEN.findall(lowered)))
    found = [(m.start(), m.group().lower()) for m in _TOKEN.finditer(text)]
    return Words(tuple(s for s, _ in found), tuple(w for _, w in found))


@dataclass(frozen=True, slots=True)
class CuePattern:
    """``pattern`` is tried where a word in ``triggers`` (lower case) or, with ``digits``, a number starts."""

    pattern: re.Pattern[str]
    triggers: frozenset[str]
    digits: bool = False

    def finditer(
        self, text: str, start: int = 0, end: int | None = None, scanned: Words | None = None
    ) -> Iterator[re.Match[str]]:
        """Non-overlapping matches inside ``text[start:end]``, in text order."""
        stop = len(text) if end is None else end
        scanned = scanned if scanned is not None else words(text[:stop])
        starts, lowered = scanned.starts, scanned.lowered
        first = bisect_left(starts, start)
        span = lowered[first : bisect_left(starts, stop, first)]
        # Set operations and comprehensions run in C: most sentences hold no trigger at all.
        if self.digits:
            hits = [k for k, w in enumerate(span) if w in self.triggers or w[0].isdigit()]
        elif self.triggers.isdisjoint(span):
            return
        else:
            hits = [k for k, w in enumerate(span) if w in self.triggers]
        resume = start
        for k in hits:
            begin = starts[first + k]
            if begin < resume:
                continue
            m = self.pattern.match(text, begin, stop)
            if m is not None and m.end() > begin:
                yield m
                resume = m.end()

    def search(self, text: str, start: int = 0, end: int | None = None, scanned: Words | None = None) -> (
        re.Match[str] | None
    ):
        return next(self.finditer(text, start, end, scanned), None)


def folded(text: str) -> str | None:
    """``text`` case-folded with every offset kept, or None when folding changes its length ('ß' -> 'ss')."""
    out = text.casefold()
    return out if len(out) == len(text) else None


class SentenceWords:
    """The case-folded words of spans of one text, each span scanned once and shared by every gate."""

    __slots__ = ("_found", "folded")

    def __init__(self, text: str):
        self.folded = folded(text)
        self._found: dict[tuple[int, int], frozenset[str]] = {}

    def between(self, start: int, end: int) -> frozenset[str] | None:
        """The words inside ``[start, end)``; None when the text cannot be folded in place (no gating)."""
        if self.folded is None:
            return None
        found = self._found.get((start, end))
        if found is None:
            found = self._found[(start, end)] = frozenset(_LOWER_TOKEN.findall(self.folded, start, end))
        return found


@dataclass(frozen=True, slots=True)
class Gated:
    """A slow case-insensitive ``pattern`` behind a gate of ``words``.

    Every match of the pattern holds one of ``words`` (and, when given, one of ``also``) as a whole word,
    so a span whose word set holds none cannot match, and the pattern is not run there: a set test costs
    nothing beside a scan of the pattern, and most sentences fail most gates. Matches are unchanged.
    """

    pattern: re.Pattern[str]
    words: frozenset[str]
    also: frozenset[str] = frozenset()

    def finditer(self, text: str, present: frozenset[str] | None, start: int, end: int) -> Iterator[re.Match[str]]:
        """Matches inside ``[start, end)``, where ``present`` is ``SentenceWords.between(start, end)``."""
        if present is not None and (self.words.isdisjoint(present) or (self.also and self.also.isdisjoint(present))):
            return iter(())
        return self.pattern.finditer(text, start, end)

    def search(self, text: str, present: frozenset[str] | None, start: int, end: int) -> re.Match[str] | None:
        return next(self.finditer(text, present, start, end), None)


def triggers(vocabulary: str) -> frozenset[str]:
    """A trigger set from a space-separated list of words."""
    return frozenset(vocabulary.lower().split())


def has_word(scanned: Words, start: int, end: int, vocabulary: frozenset[str]) -> bool:
    """Whether any word of ``vocabulary`` (lower case) starts inside ``[start, end)``."""
    first = bisect_left(scanned.starts, start)
    return not vocabulary.isdisjoint(scanned.lowered[first : bisect_left(scanned.starts, end, first)])
