"""Segmentation: sentences with character offsets, from spaCy's tokenizer.

A period after a title or abbreviation common in conflict reporting ("Lt.",
"Gen.", "Sept.") does not end a sentence; line breaks always do, because scraped
headlines and datelines carry no final punctuation. The abbreviations are
checked here rather than added to spaCy as special cases, because special cases
holding punctuation switch the tokenizer to a matcher many times slower.
"""

from __future__ import annotations

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
_CLOSERS = {'"', "”", "’", "'", ")", "]"}


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    paragraph: int


@lru_cache(maxsize=1)
def tokenizer_nlp() -> "Language":
    """A blank English pipeline, loaded once per process (never at import time)."""
    import spacy

    return spacy.blank("en")


def segment(text: str) -> tuple[Sentence, ...]:
    tokens = tokenizer_nlp().tokenizer(text)
    sentences: list[Sentence] = []
    start: int | None = None
    end = 0
    paragraph = 0
    pending_end = False
    previous = ""
    for tok in tokens:
        t = tok.text
        if tok.is_space or not t.strip():
            if "\n" in t or "\n" in tok.whitespace_:
                if start is not None:
                    sentences.append(Sentence(start, end, paragraph))
                    start = None
                pending_end = False
                if t.count("\n") + tok.whitespace_.count("\n") >= 2 or "\n" in t:
                    paragraph += 1
            continue
        if pending_end and t not in _CLOSERS:
            if start is not None:
                sentences.append(Sentence(start, end, paragraph))
            start = None
            pending_end = False
        if start is None:
            start = tok.idx
        end = tok.idx + len(t)
        if t in _END:
            pending_end = previous.replace(".", "") not in _ABBREVIATIONS or "\n" in tok.whitespace_
        elif t[-1] in "!?" or (t[-1] == "." and len(t) > 1 and t.replace(".", "") not in _ABBREVIATIONS
                                  and not (len(t) <= 4 and t.count(".") >= 2)):
            pending_end = True
        previous = t
        if "\n" in tok.whitespace_:
            sentences.append(Sentence(start, end, paragraph))
            start = None
            pending_end = False
            paragraph += 1
    if start is not None:
        sentences.append(Sentence(start, end, paragraph))
    return tuple(sentences)


def sentence_spans(sentences: tuple[Sentence, ...]) -> list[Span]:
    return [(s.start, s.end) for s in sentences]
