"""Segmentation: sentences with character offsets, from spaCy's tokenizer.

spaCy's rule-based tokenizer is told about titles and abbreviations common in
conflict reporting ("Lt.", "Gen.", "Sept.") so that their periods do not end
sentences; line breaks always do, because scraped headlines and datelines
carry no final punctuation.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from .model import Span

if TYPE_CHECKING:
    from spacy.language import Language

STAGE = "segment.spacy/1"

_ABBREVIATIONS = (
    "Lt. Col. Gen. Brig. Maj. Capt. Sgt. Cpl. Pvt. Adm. Cmdr. Cdr. Lt.Col. Spc. Pfc. Sr. Jr. Mr. Mrs. Ms. Dr. "
    "Prof. Rev. Gov. Sen. Rep. Rs. St. Ft. Mt. No. Vol. Jan. Feb. Mar. Apr. Aug. Sep. Sept. Oct. Nov. Dec. "
    "Ala. Ariz. Ark. Calif. Colo. Conn. Del. Fla. Ga. Ill. Ind. Kan. Ky. La. Md. Mass. Mich. Minn. Miss. "
    "Mo. Mont. Neb. Nev. Okla. Ore. Pa. Tenn. Tex. Va. Vt. Wash. Wis. Wyo. N.D. S.D. N.C. S.C. N.Y. N.J. "
    "N.M. N.H. D.C. U.S. U.N. U.K. a.m. p.m. approx. vs. etc. Co. Corp. Inc. Ltd. Bros."
).split()

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
    from spacy.symbols import ORTH

    nlp = spacy.blank("en")
    for abbr in _ABBREVIATIONS:
        nlp.tokenizer.add_special_case(abbr, [{ORTH: abbr}])
    return nlp


def segment(text: str) -> tuple[Sentence, ...]:
    tokens = tokenizer_nlp().tokenizer(text)
    sentences: list[Sentence] = []
    start: int | None = None
    end = 0
    paragraph = 0
    pending_end = False
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
        if t in _END or (len(t) > 1 and t[-1] in "!?" and t[:-1].isalpha()):
            pending_end = True
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
