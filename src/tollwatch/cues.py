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
from functools import reduce
from itertools import accumulate, chain, compress, count, islice, repeat
from operator import or_

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
    One in ``or_before_name`` also opens one before a capitalised word ("attacked Yelwata village").
    """

    pattern: re.Pattern[str]
    triggers: frozenset[str]
    digits: bool = False
    only_before: dict[str, frozenset[str]] = field(default_factory=dict)
    or_before_name: frozenset[str] = frozenset()

    def finditer(
        self, text: str, start: int = 0, end: int | None = None, scanned: Words | None = None
    ) -> Iterator[re.Match[str]]:
        """Non-overlapping matches inside ``text[start:end]``, in text order."""
        stop = len(text) if end is None else end
        scanned = scanned if scanned is not None else words(text[:stop])
        starts, lowered = scanned.starts, scanned.lowered
        first = bisect_left(starts, start)
        span = lowered[first : bisect_left(starts, stop, first)]
        # Set operations and iterators run in C: most sentences hold no trigger at all.
        if self.digits:
            # A word is all letters or all digits.
            hits = compress(count(), map(or_, map(self.triggers.__contains__, span), map(str.isdigit, span)))
        elif self.triggers.isdisjoint(span):
            return
        else:
            hits = compress(count(), map(self.triggers.__contains__, span))
        resume = start
        for k in hits:
            begin = starts[first + k]
            if begin < resume:
                continue
            following = self.only_before.get(span[k])
            if following is not None and (k + 1 == len(span) or span[k + 1] not in following) and not (
                k + 1 < len(span) and span[k] in self.or_before_name and text[starts[first + k + 1]].isupper()
            ):
                continue
            m = self.pattern.match(text, begin, stop)
            if m is not None and m.end() > begin:
                yield m
                resume = m.end()

    def search(self, text: str, start: int = 0, end: int | None = None, scanned: Words | None = None) -> (
        re.Match[str] | None
    ):
        return next(self.finditer(text, start, end, scanned), None)


# Every vocabulary a gate asks about gets one bit, and every word the bits of the vocabularies it is in,
# so that a span's words say in one pass which gates they open: a gate is then one test of an integer.
# Bit 1 stands for numbers, which no vocabulary lists.
_NUMBER_BIT = 1
_BITS: dict[frozenset[str], int] = {}
_WORD_BITS: dict[str, int] = {}


def _bit(vocabulary: frozenset[str]) -> int:
    """The bit of ``vocabulary``, given to it the first time it is asked for."""
    bit = _BITS.get(vocabulary)
    if bit is None:
        bit = _BITS[vocabulary] = 2 << len(_BITS)
        for word in vocabulary:
            _WORD_BITS[word] = _WORD_BITS.get(word, 0) | bit
    return bit


class _View:
    """The words of one span: where each starts, and each one's vocabulary bits (``_bit``), numbers
    holding ``_NUMBER_BIT``; ``mask`` is the bits of them all."""

    __slots__ = ("_places", "known", "marked", "mask", "masks", "starts", "words")

    def __init__(self, starts: tuple[int, ...], words: tuple[str, ...]):
        self.starts, self.words = starts, words
        self.read()

    def read(self) -> None:
        """Gives each word its bits; again when a vocabulary has come since (see ``SentenceWords.view``)."""
        self.known = len(_BITS)
        # In C, word by word: a number is all digits, a word all letters.
        masks = list(map(or_, map(_WORD_BITS.get, self.words, repeat(0)), map(str.isdigit, self.words)))
        self.mask = reduce(or_, masks, 0)
        # Only the words with bits (a third of a sentence's words) are kept for ``places`` to look through.
        self.marked, self.masks = tuple(compress(self.starts, masks)), tuple(filter(None, masks))
        self._places: dict[int, tuple[int, ...]] = {}

    def places(self, bits: int) -> tuple[int, ...]:
        """Where a word holding any of ``bits`` starts, in text order: kept, since the frames that open
        with a victim phrase all ask for the same places."""
        found = self._places.get(bits)
        if found is None:
            if bits >> (self.known + 1):
                self.read()  # a vocabulary newer than the words' bits
            found = self._places[bits] = tuple(compress(self.marked, map(bits.__and__, self.masks)))
        return found

    def last(self, bits: int, before: int | None = None) -> int:
        """Where the last word holding any of ``bits`` starts, or -1; with ``before``, the last that
        starts before it."""
        places = self.places(bits)
        k = len(places) if before is None else bisect_left(places, before)
        return places[k - 1] if k else -1


class SentenceWords:
    """The lower-case words of one text (``words``), with each span's words and their gate bits found
    once and shared by every gate, and the lower-cased text itself when lower-casing keeps its offsets."""

    __slots__ = ("_found", "_views", "lowered", "scanned")

    def __init__(self, text: str, scanned: Words | None = None):
        self.scanned = scanned if scanned is not None else words(text)
        lowered = text.lower()
        self.lowered = lowered if len(lowered) == len(text) else None
        self._found: dict[tuple[int, int], frozenset[str]] = {}
        self._views: dict[tuple[int, int], _View] = {}

    def view(self, start: int, end: int) -> _View:
        """The words that start inside ``[start, end)``, built once per span (again if a vocabulary
        came after it)."""
        found = self._views.get((start, end))
        if found is None:
            starts = self.scanned.starts
            first = bisect_left(starts, start)
            last = bisect_left(starts, end, first)
            found = self._views[(start, end)] = _View(starts[first:last], self.scanned.lowered[first:last])
        elif found.known != len(_BITS):
            found.read()
        return found

    def between(self, start: int, end: int) -> frozenset[str]:
        """The words that start inside ``[start, end)``."""
        found = self._found.get((start, end))
        if found is None:
            starts = self.scanned.starts
            first = bisect_left(starts, start)
            found = self._found[(start, end)] = frozenset(self.scanned.lowered[first : bisect_left(starts, end, first)])
        return found


@dataclass(frozen=True, slots=True, eq=False)
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
    - ``tail``: a pattern every match ends with, after its first character ("and were killed" in
      "two men and a boy ... and were killed"); build the frame from the same string. A span where it
      does not occur is not tried, and with ``starts`` or ``begins`` no place from the start of its last
      occurrence on: a frame that must scan up to a phrase far after its start fails slowly at every
      place that lacks it.

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
    tail: re.Pattern[str] | None = None
    # The bits (see ``_bit``) of every set of ``needs``: a span's words open the gate when they hold them
    # all; and those of ``starts`` (with numbers, given ``digits``), ``ends`` and ``holds``, 0 when not given.
    _needs: int = field(init=False, repr=False, compare=False)
    _starts: int = field(init=False, repr=False, compare=False)
    _ends: int = field(init=False, repr=False, compare=False)
    _holds: int = field(init=False, repr=False, compare=False)
    # Every bit a span's words must hold for the pattern to be tried there at all: ``_needs``, and for a
    # pattern tried at ``starts``, the bits of ``ends`` and ``holds`` and, unless a number also opens a
    # match, of ``starts``, as the places of those words are looked up in the span's own words. A span
    # without one is turned away by one test, before the places are looked for.
    _gate: int = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_needs", reduce(or_, map(_bit, self.needs), 0))
        starts = (_bit(self.starts) if self.starts is not None else 0) | (_NUMBER_BIT if self.digits else 0)
        object.__setattr__(self, "_starts", starts)
        object.__setattr__(self, "_ends", _bit(self.ends) if self.ends is not None else 0)
        object.__setattr__(self, "_holds", _bit(self.holds) if self.holds is not None else 0)
        gate = self._needs
        if self.starts is not None and self.begins is None:
            gate |= self._ends | self._holds | (0 if self.digits else starts)
        object.__setattr__(self, "_gate", gate)

    def finditer(self, text: str, scanned: SentenceWords, start: int, end: int) -> Iterator[re.Match[str]]:
        """The matches inside ``[start, end)``, in text order. No generator: most frames are gated out of
        most sentences, and making one cost more than the gates."""
        view = scanned.view(start, end)
        if view.mask & self._gate != self._gate:
            return iter(())
        return self._run(text, view, start, end)

    def _run(self, text: str, view: _View, start: int, end: int) -> Iterator[re.Match[str]]:
        """The matches inside ``[start, end)``, once the span's words opened the gates of ``needs``."""
        if self.marks and all(text.find(mark, start, end) < 0 for mark in self.marks):
            return iter(())
        stop = end
        if self.tail is not None:
            stop = -1
            for m in self.tail.finditer(text, start, end):
                stop = m.start()
            if stop < 0:
                return iter(())
        if self.begins is not None:
            return iter(self._begun(text, start, end, stop, self.begins))
        if self.starts is None:
            return self.pattern.finditer(text, start, end)
        return iter(self._anchored(text, view, start, end, stop))

    def _begun(self, text: str, start: int, end: int, stop: int, begins: re.Pattern[str]) -> list[re.Match[str]]:
        # Scanned to ``end``, so that a lookahead of ``begins`` sees what it saw before; lazily, so no
        # further than ``stop``.
        points = chain((start,), (b.start() for b in begins.finditer(text, start + 1, end)))
        return self._matched_at(text, points, start, end, stop)

    def _anchored(self, text: str, view: _View, start: int, end: int, stop: int) -> list[re.Match[str]]:
        """The matches anchored at ``starts``, tried only before ``stop`` and the limits of ``ends`` and
        ``holds``."""
        if self._ends:
            stop = min(stop, view.last(self._ends))
        if self._holds:
            stop = view.last(self._holds, stop) + 1
        return self._matched_at(text, view.places(self._starts), start, end, stop)

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


class Frames:
    """Gated frames tried on the same spans. One test of a span's bits tells which of them can match
    there, and only those are run: calling each frame only for its gates to turn it away cost more than
    the gates themselves, most frames being gated out of most sentences."""

    __slots__ = ("_gates", "frames")

    def __init__(self, *frames: Gated):
        self.frames = frames
        self._gates = tuple((f._gate, f) for f in frames)

    def finditer(
        self, text: str, scanned: SentenceWords, start: int, end: int
    ) -> dict[Gated, Iterator[re.Match[str]]]:
        """Each frame whose gates the span's words open, with its matches inside ``[start, end)`` as
        ``Gated.finditer`` gives them; the others are left out."""
        view = scanned.view(start, end)
        mask = view.mask
        return {f: f._run(text, view, start, end) for gate, f in self._gates if mask & gate == gate}


def triggers(vocabulary: str) -> frozenset[str]:
    """A trigger set from a space-separated list of words."""
    return frozenset(vocabulary.lower().split())


def has_word(scanned: Words, start: int, end: int, vocabulary: frozenset[str]) -> bool:
    """Whether any word of ``vocabulary`` (lower case) starts inside ``[start, end)``."""
    first = bisect_left(scanned.starts, start)
    return not vocabulary.isdisjoint(scanned.lowered[first : bisect_left(scanned.starts, end, first)])
