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
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import accumulate, chain, islice

_TOKEN = re.compile(r"[A-Za-z]+|\d+")
_LOWER_SPLIT = re.compile(r"([a-z]+|\d+)")


@dataclass(frozen=True, slots=True)
class Words:
    """Where each word of a text starts, and the word in lower case: scanned once, shared by all cues."""

    starts: tuple[int, ...]
    lowered: tuple[str, ...]


def words(text: str) -> Words:
    lowered = text.lower()
    if len(lowered) == len(text):  # true unless a character such as "İ" grows when lower-cased
        # One split, in C: the text alternates gap, word, gap, ..., and a word starts where the parts
        # before it end. Match objects for every word cost a third of this stage.
        parts = _LOWER_SPLIT.split(lowered)
        return Words(tuple(islice(accumulate(map(len, parts)), 0, len(parts) - 1, 2)), tuple(parts[1::2]))
    found = [(m.start(), m.group().lower()) for m in _TOKEN.finditer(text)]
    return Words(tuple(s for s, _ in found), tuple(w for _, w in found))


@dataclass(frozen=True, slots=True)
class CuePattern:
    """``pattern`` is tried where a word in ``triggers`` (lower case) or, with ``digits``, a number starts.

    A trigger in ``only_before`` opens a match only when the next word is one of the words it maps to
    ("the" in "the army"): tried before every "the", the pattern cost more than all its other triggers.
    """

    pattern: re.Pattern[str]
    triggers: frozenset[str]
    digits: bool = False
    only_before: dict[str, frozenset[str]] = field(default_factory=dict)

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
            following = self.only_before.get(span[k])
            if following is not None and (k + 1 == len(span) or span[k + 1] not in following):
                continue
            m = self.pattern.match(text, begin, stop)
            if m is not None and m.end() > begin:
                yield m
                resume = m.end()

    def search(self, text: str, start: int = 0, end: int | None = None, scanned: Words | None = None) -> (
        re.Match[str] | None
    ):
        return next(self.finditer(text, start, end, scanned), None)


_NUMBER = "#"  # the key under which SentenceWords indexes numbers; no word is spelt so


class SentenceWords:
    """The lower-case words of one text (``words``), with each span's word set built once and shared by
    every gate, and the lower-cased text itself when lower-casing keeps its offsets."""

    __slots__ = ("_found", "_index", "_where", "lowered", "scanned")

    def __init__(self, text: str, scanned: Words | None = None):
        self.scanned = scanned if scanned is not None else words(text)
        lowered = text.lower()
        self.lowered = lowered if len(lowered) == len(text) else None
        self._found: dict[tuple[int, int], frozenset[str]] = {}
        self._index: dict[tuple[int, int], dict[str, list[int]]] = {}
        self._where: dict[tuple[int, int, frozenset[str], bool], tuple[int, ...]] = {}

    def between(self, start: int, end: int) -> frozenset[str]:
        """The words that start inside ``[start, end)``."""
        found = self._found.get((start, end))
        if found is None:
            starts = self.scanned.starts
            first = bisect_left(starts, start)
            found = self._found[(start, end)] = frozenset(self.scanned.lowered[first : bisect_left(starts, end, first)])
        return found

    def where(self, vocabulary: frozenset[str], digits: bool, start: int, end: int) -> tuple[int, ...]:
        """Where a word of ``vocabulary`` (or, with ``digits``, a number) starts inside ``[start, end)``.
        Kept per span: the frames that open with a victim phrase all ask for the same places."""
        key = (start, end, vocabulary, digits)
        found = self._where.get(key)
        if found is None:
            index = self._index_of(start, end)
            # intersection() walks the span's few words; ``vocabulary & index.keys()`` walked the vocabulary.
            places = [at for word in vocabulary.intersection(index) for at in index[word]]
            if digits:
                places += index.get(_NUMBER, ())
            places.sort()
            found = self._where[key] = tuple(places)
        return found

    def last(self, vocabulary: frozenset[str], start: int, end: int, before: int | None = None) -> int:
        """Where the last word of ``vocabulary`` starts inside ``[start, end)``, or -1; with ``before``,
        the last that starts before it (the span's index serves, rather than one built for a new span)."""
        index = self._index_of(start, end)
        if before is None:
            return max((index[word][-1] for word in vocabulary.intersection(index)), default=-1)
        found = -1
        for word in vocabulary.intersection(index):
            places = index[word]
            k = bisect_left(places, before)
            if k and places[k - 1] > found:
                found = places[k - 1]
        return found

    def _index_of(self, start: int, end: int) -> dict[str, list[int]]:
        """Where each word starts inside ``[start, end)``, numbers under ``_NUMBER``: built once per span."""
        index = self._index.get((start, end))
        if index is None:
            index = self._index[(start, end)] = {}
            starts, lowered = self.scanned.starts, self.scanned.lowered
            first = bisect_left(starts, start)
            for k in range(first, bisect_left(starts, end, first)):
                index.setdefault(_NUMBER if lowered[k][0].isdigit() else lowered[k], []).append(starts[k])
        return index


@dataclass(frozen=True, slots=True)
class Gated:
    """A slow case-insensitive ``pattern`` behind gates of words, so that it runs only where it can match.

    The words are those of ``words`` ([a-z]+ runs and numbers of the lower-cased text), so the gates hold
    for patterns whose letters are ASCII and texts whose letters lower-case to ASCII ("KILLED").

    - ``needs``: sets of words; every match holds, as whole words, one word of each set. A span whose
      words miss a set cannot match, and the pattern is not run there.
    - ``starts``: when given, every match begins where one of these words (or, with ``digits``, a number)
      begins; the pattern is then tried at those places only, instead of at every character.
    - ``ends``: with ``starts``, a set of words one of which every match holds after its first character
      (a passive frame's participle); places from the last of them on are not tried. Most places of a
      frame that begins at "the" or a number lie there, and failing costs the engine most.
    - ``holds``: with ``starts``, a set of words one of which every match holds from its first
      character on, before its ``ends`` word (the victim noun of "two civilians were killed"); places
      after the last of them are not tried. Most subjects a passive frame is tried at name no victim.
    - ``marks``: characters one of which every match holds (the colon of "Fatalities: 12"); a span
      without any is not tried.
    - ``begins``: instead of ``starts``, for a pattern with no fixed first word: a pattern that finds
      every place where a match can begin, besides the span's start; the pattern is tried there only.

    Matches are those of ``pattern.finditer`` over the span, unchanged.
    """

    pattern: re.Pattern[str]
    needs: tuple[frozenset[str], ...]
    starts: frozenset[str] | None = None
    digits: bool = False
    ends: frozenset[str] | None = None
    holds: frozenset[str] | None = None
    marks: str = ""
    begins: re.Pattern[str] | None = None

    def finditer(self, text: str, scanned: SentenceWords, start: int, end: int) -> Iterator[re.Match[str]]:
        """The matches inside ``[start, end)``, in text order. No generator: most frames are gated out of
        most sentences, and making one cost more than the gates."""
        present = scanned.between(start, end)
        for need in self.needs:
            if need.isdisjoint(present):
                return iter(())
        if self.marks and all(text.find(mark, start, end) < 0 for mark in self.marks):
            return iter(())
        if self.begins is not None:
            return iter(self._begun(text, start, end, self.begins))
        if self.starts is None:
            return self.pattern.finditer(text, start, end)
        return iter(self._anchored(text, scanned, start, end))

    def _begun(self, text: str, start: int, end: int, begins: re.Pattern[str]) -> list[re.Match[str]]:
        points = chain((start,), (b.start() for b in begins.finditer(text, start + 1, end)))
        return self._matched_at(text, points, start, end, end)

    def _anchored(self, text: str, scanned: SentenceWords, start: int, end: int) -> list[re.Match[str]]:
        stop = end if self.ends is None else scanned.last(self.ends, start, end)
        if self.holds is not None:
            stop = scanned.last(self.holds, start, end, stop) + 1
        points = scanned.where(self.starts, self.digits, start, end)  # type: ignore[arg-type]
        return self._matched_at(text, points, start, end, stop)

    def _matched_at(
        self, text: str, points: Iterable[int], start: int, end: int, stop: int
    ) -> list[re.Match[str]]:
        """The matches anchored at ``points`` (ascending, before ``stop``), none overlapping the one before."""
        found: list[re.Match[str]] = []
        resume = start
        for at in points:
            if at >= stop:
                break
            if at < resume:
                continue
            m = self.pattern.match(text, at, end)
            if m is not None:
                found.append(m)
                resume = m.end()
        return found

    def search(self, text: str, scanned: SentenceWords, start: int, end: int) -> re.Match[str] | None:
        return next(self.finditer(text, scanned, start, end), None)


def triggers(vocabulary: str) -> frozenset[str]:
    """A trigger set from a space-separated list of words."""
    return frozenset(vocabulary.lower().split())


def has_word(scanned: Words, start: int, end: int, vocabulary: frozenset[str]) -> bool:
    """Whether any word of ``vocabulary`` (lower case) starts inside ``[start, end)``."""
    first = bisect_left(scanned.starts, start)
    return not vocabulary.isdisjoint(scanned.lowered[first : bisect_left(scanned.starts, end, first)])
