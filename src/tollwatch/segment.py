"""Segmentation: sentences with character offsets, from spaCy's tokenizer.

A period after a title or abbreviation common in conflict reporting ("Lt.",
"Gen.", "Sept.") does not end a sentence; line breaks always do, because scraped
headlines and datelines carry no final punctuation. The abbreviations are
checked here rather than added to spaCy as special cases, because special cases
holding punctuation switch the tokenizer to a matcher many times slower.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from .model import Span

if TYPE_CHECKING:
    from spacy.language import Language

STAGE = "segment.spacy/1"

_ABBREVIATIONS = frozenset(
    "Lt. Col. Gen. Brig. Maj. Capt. Sgt. Cpl. Pvt. Adm. Cmdr. Cdr. Lt.Col. Spc. Pfc. Sr. Jr. Mr. Mrs. Ms. Dr. "
    "Prof. Rev. Gov. Sen. Rep. Rs. St. Ft. Mt. No. Vol. Jan. Feb. Mar. Apr. Aug. Sep. Sept. Oct. Nov. Dec. "
    "Ala. Ariz. Ark. Calif. Colo. Conn. Del. Fla. Ga. Ill. Ind. Kan. Ky. La. Md. Mass. Mich. Minn. Miss. "
    "Mo. Mont. Neb. Nev. Okla. Ore. Pa. Tenn. Tex. Va. Vt. Wash. Wis. Wyo. N.D. S.D. N.C. S.C. N.Y. N.J. "
    "N.M. N.H. D.C. U.S. U.N. U.K. a.m. p.m. approx. vs. etc. Co. Corp. Inc. Ltd. Bros."
    .replace(".", "")
    .split()
)

_END = {".", "!", "?", "…"}
# spacy.attrs IDX, LENGTH and IS_SPACE: token offset, length in characters, and whether it is whitespace.
_COLUMNS: list[int | str] = ["IDX", "LENGTH", "IS_SPACE"]
_CLOSERS = {'"', "”", "’", "'", ")", "]"}


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    paragraph: int


@lru_cache(maxsize=1)
def tokenizer_nlp() -> Language:
    """A blank English pipeline, loaded once per process (never at import time)."""
    import spacy

    return spacy.blank("en")


# The characters that can end a sentence or a line: only the tokens holding one are looked at one by one.
_MARKS = re.compile(r"[.!?…\n]")


def segment(text: str) -> tuple[Sentence, ...]:
    """Sentences of ``text``. The tokenizer's offsets are read as arrays, and only the tokens that can end
    a sentence (ending in . ! ? or a lone …) and the whitespace holding a line break are visited, which
    keeps this stage near the cost of the tokenizer."""
    doc = tokenizer_nlp().tokenizer(text)
    n = len(doc)
    if n == 0:
        return ()
    starts, lengths, spaces = doc.to_array(_COLUMNS).T.tolist()
    ends = [a + b for a, b in zip(starts, lengths)]

    def token(k: int) -> str:
        return text[starts[k] : ends[k]]

    marked: list[int] = []  # tokens that end in a mark, or whitespace holding a line break, in order
    for m in _MARKS.finditer(text):
        k = bisect_right(starts, m.start()) - 1
        if (spaces[k] or ends[k] == m.end()) and (not marked or marked[-1] != k):
            marked.append(k)
    # Where sentences are cut: before token k ("split"), or at whitespace token k holding a line break.
    cuts: list[tuple[int, bool]] = []
    breaks = {k for k in marked if spaces[k]}
    for k in marked:
        if k in breaks:
            cuts.append((k, True))
            continue
        t = token(k)
        if t in _END:
            j = k - 1
            while j >= 0 and spaces[j]:
                j -= 1
            previous = token(j) if j >= 0 else ""
            pending = previous.replace(".", "") not in _ABBREVIATIONS
        elif t[-1] in "!?" or (t[-1] == "." and len(t) > 1 and t.replace(".", "") not in _ABBREVIATIONS
                                  and not (len(t) <= 4 and t.count(".") >= 2)):
            pending = True
        else:
            continue
        if not pending:
            continue
        # The sentence ends before the next token that is not a closing quote or bracket, unless a line
        # break comes first (it cuts anyway).
        j = k + 1
        while j < n and (spaces[j] and j not in breaks or not spaces[j] and token(j) in _CLOSERS):
            j += 1
        if j < n and not spaces[j]:
            cuts.append((j, False))

    sentences: list[Sentence] = []
    paragraph = 0
    begin = 0
    for k, is_break in [*cuts, (n, False)]:
        first, last = begin, k - 1
        while first <= last and spaces[first]:
            first += 1
        while last >= first and spaces[last]:
            last -= 1
        if first <= last:
            sentences.append(Sentence(starts[first], ends[last], paragraph))
        if is_break:
            paragraph += 1
            begin = k + 1
        else:
            begin = k
    return tuple(sentences)


def sentence_spans(sentences: tuple[Sentence, ...]) -> list[Span]:
    return [(s.start, s.end) for s in sentences]
