"""Segmentation: sentences with character offsets, from spaCy's tokenizer.

A period after a title or abbreviation common in conflict reporting ("Lt.",
"Gen.", "Sept.") does not end a sentence; line breaks always do, because scraped
headlines and datelines carry no final punctuation. The abbreviations are
checked here rather than added to spaCy as special cases, because special cases
holding punctuation switch the tokenizer to a matcher many times slower.
"""

from __future__ import annotations

import re
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
def tokenizer_nlp() -> Language:
    """A blank English pipeline, loaded once per process (never at import time)."""
    import spacy

    return spacy.blank("en")


_MARKS = re.compile(r"[.!?…]")
# "On May 20. 1999,": a period typed for the comma between a date's day and its year ends no sentence.
_MONTH_DAY = re.compile(
    r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+(?:[12]\d|3[01]|0?[1-9])\s*\.$"
)
_YEAR = re.compile(r"(?:19|20)\d\d\b")
_NOT_SPACE = re.compile(r"\S*")
_VISIBLE = re.compile(r"\S")


@lru_cache(maxsize=50_000)
def _pieces(run: str) -> tuple[int, ...]:
    """Where spaCy's tokenizer starts a token inside ``run``, a run of non-space characters.

    The tokenizer splits a text at whitespace first and then cuts each run on its own, so a run's tokens
    do not depend on its neighbours (spaCy caches them by run the same way).
    """
    return tuple(token.idx for token in tokenizer_nlp().tokenizer(run))


def _run_at(text: str, at: int) -> tuple[int, int]:
    """The run of non-space characters that holds ``text[at]``."""
    start = at
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    return start, _NOT_SPACE.match(text, at).end()


def _tokens(text: str, run: tuple[int, int]) -> list[Span]:
    start, end = run
    starts = [start + at for at in _pieces(text[start:end])]
    return list(zip(starts, [*starts[1:], end]))


def _breaks(text: str) -> list[int]:
    """Where each run of whitespace that holds a line break starts: it always ends a sentence, and starts a
    paragraph. Found from each line break, as a pattern for such runs (``\\s*\\n\\s*``) is tried at every
    character and cost nearly a third of this stage."""
    found: list[int] = []
    at = text.find("\n")
    while at >= 0:
        start = at
        while start > 0 and text[start - 1].isspace():
            start -= 1
        found.append(start)
        after = _VISIBLE.search(text, at)
        if after is None:  # whitespace to the end: any line break left is in this run
            break
        at = text.find("\n", after.start())
    return found


def _previous_token(text: str, at: int) -> str:
    """The token before ``text[at]``, across whitespace: '' at the start of the text."""
    while at > 0 and text[at - 1].isspace():
        at -= 1
    if at == 0:
        return ""
    start, end = _tokens(text, _run_at(text, at - 1))[-1]
    return text[start:end]


def _next_sentence(text: str, after: list[Span], at: int) -> int | None:
    """Where the sentence after a final mark begins: at the first token that is not a closing quote or
    bracket, from ``after`` (the tokens that follow the mark in its run, which ends at ``at``) on. None
    when a line break comes first (it cuts there anyway) or the text ends."""
    n = len(text)
    while True:
        for start, end in after:
            if text[start:end] not in _CLOSERS:
                return start
            at = end
        space_end = at
        while space_end < n and text[space_end].isspace():
            space_end += 1
        if space_end == n or "\n" in text[at:space_end]:
            return None
        if text[space_end] not in _CLOSERS or (
            # A straight quote between a space and a word ('said. "Nine') opens the next sentence.
            text[space_end] in "\"'" and space_end + 1 < n and not text[space_end + 1].isspace()
        ):
            return space_end  # a token that is a closer is the closing character alone
        after = _tokens(text, _run_at(text, space_end))


def segment(text: str) -> tuple[Sentence, ...]:
    """Sentences of ``text``. A sentence ends at a line break, and after a token (spaCy's) that ends in
    . ! ? and is no abbreviation, or is a lone mark, past any closing quotes and brackets.

    Only the runs of non-space characters that hold a mark, and their neighbours, are tokenized (see
    ``_pieces``): the rest of the text cannot move a sentence's end, and tokenizing all of it cost more
    than every later stage of the pipeline but one.
    """
    cuts: list[tuple[int, bool]] = [(at, True) for at in _breaks(text)]  # (where, line break)
    done = -1
    for m in _MARKS.finditer(text):
        if m.start() < done:
            continue
        run = _run_at(text, m.start())
        done = run[1]
        tokens = _tokens(text, run)
        for i, (start, end) in enumerate(tokens):
            t = text[start:end]
            if t in _END:
                previous = text[tokens[i - 1][0] : tokens[i - 1][1]] if i else _previous_token(text, start)
                if previous.replace(".", "") in _ABBREVIATIONS:
                    continue
            elif not (t[-1] in "!?" or (t[-1] == "." and len(t) > 1 and t.replace(".", "") not in _ABBREVIATIONS
                                        and not (len(t) <= 4 and t.count(".") >= 2))):
                continue
            following = _next_sentence(text, tokens[i + 1 :], run[1])
            if following is not None and not (
                _YEAR.match(text, following) and _MONTH_DAY.search(text, max(0, end - 16), end)
            ):
                cuts.append((following, False))
    cuts.sort()

    sentences: list[Sentence] = []
    paragraph = 0
    begin = 0
    for at, is_break in [*cuts, (len(text), False)]:
        part = text[begin:at]
        stripped = part.strip()
        if stripped:
            start = begin + len(part) - len(part.lstrip())
            sentences.append(Sentence(start, start + len(stripped), paragraph))
        paragraph += is_break
        begin = at
    return tuple(sentences)


def sentence_spans(sentences: tuple[Sentence, ...]) -> list[Span]:
    return [(s.start, s.end) for s in sentences]
