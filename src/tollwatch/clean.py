"""Cleaning: blank out scraper noise while keeping every offset.

Photo credits, captions, tag lines and paragraphs the scraper repeated are
replaced by spaces (newlines are kept), so the clean text has the same length
as the input and the map back to the original offsets is the identity. Every
later stage can therefore hand out spans that index the text as it was given.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .model import Span
from .settings import Settings

STAGE = "clean.rules/1"

_CREDIT = re.compile(
    r"^\s*(?:©|\(c\)|copyright\b|photo(?:graph)?\s*(?:by|:|credit)|image\s*(?:by|:)|credit\s*:|"
    r"pictured\s*:|file photo)",
    re.IGNORECASE,
)
# A credit at the end of a caption: "/ AFP", "(AP Photo)".
_CREDIT_AGENCIES = ("AFP", "Reuters", "AP", "Getty Images", "EPA")
_PHOTO_AGENCIES = ("AFP", "Reuters", "AP")
_CREDIT_TAIL = re.compile(rf"(?:/\s*(?:{'|'.join(_CREDIT_AGENCIES)})|\((?:{'|'.join(_PHOTO_AGENCIES)}) Photo\))\s*$")
# How every line that ``_CREDIT_TAIL`` finds ends, once stripped: searching only those lines spares a scan of
# every paragraph for its slashes and brackets.
_CREDIT_TAIL_ENDS = (*_CREDIT_AGENCIES, "Photo)")
_BOILERPLATE = re.compile(
    r"^\s*(?:tags?\s*:|related\s*:|read more\b|(?:also|must)\s+read\b|read\s+also\b|see\s+also\b|"
    r"share (?:this|on)\b|follow us\b|sign up\b|subscribe\b|"
    r"advertisement\s*$|download pdf\s*$|click here\b)",
    re.IGNORECASE,
)
_CAPTION_CUE = re.compile(r"^\s*(?:caption\s*:|\(?photo\)?\s*:)", re.IGNORECASE)
_WORD = re.compile(r"[^\W\d_]+")
# A credit line with this many words or more is a caption with its credit ("Photo: Rescue workers carry ... — AFP"),
# not a bare credit ("© Bashir Khan Safi / Agence France Presse") whose caption stands on the line beside it.
_OWN_CAPTION_WORDS = 10


@dataclass(frozen=True, slots=True)
class Removal:
    span: Span
    reason: str


@dataclass(frozen=True, slots=True)
class CleanText:
    """The text with noise blanked; ``text`` has the input's length, so offsets map one to one."""

    text: str
    removed: tuple[Removal, ...]
    stage: str = STAGE

    def to_original(self, offset: int) -> int:
        return offset


def _lines(text: str) -> list[Span]:
    spans, start = [], 0
    for line in text.split("\n"):
        spans.append((start, start + len(line)))
        start += len(line) + 1
    return spans


def _is_tag_line(line: str) -> bool:
    """A short run of lower-case words with no sentence punctuation, e.g. 'civilian casualties kabul'."""
    stripped = line.strip()
    # Cheapest test first: most lines are paragraphs far longer than a tag line.
    return (
        len(stripped) < 60
        and stripped == stripped.lower()
        and not re.search(r"[.!?:;\"“”]", stripped)
        and 1 < len(_WORD.findall(stripped)) <= 6
    )


def clean(text: str, settings: Settings) -> CleanText:
    lines = [(s, e) for s, e in _lines(text) if text[s:e].strip()]
    reasons: dict[Span, str] = {}
    seen: set[str] = set()
    for i, (s, e) in enumerate(lines):
        line = text[s:e]
        key = " ".join(line.split())
        if _CREDIT.match(line) or (
            line.rstrip().endswith(_CREDIT_TAIL_ENDS) and _CREDIT_TAIL.search(line) and len(key) < 120
        ):
            reasons[(s, e)] = "photo_credit"
            if len(_WORD.findall(line)) >= _OWN_CAPTION_WORDS:
                continue  # it holds its own caption: the lines beside it are the report's text
            # A caption sits right beside its credit; it describes a picture, not the event's toll.
            for j in (i - 1, i + 1):
                if 0 <= j < len(lines) and lines[j] not in reasons and _looks_like_caption(text, lines[j], i == 0):
                    reasons[lines[j]] = "caption"
        elif _CAPTION_CUE.match(line):
            reasons[(s, e)] = "caption"
        elif _BOILERPLATE.match(line):
            reasons[(s, e)] = "boilerplate"
        elif i > 0 and _is_tag_line(line):
            reasons[(s, e)] = "tag_line"
        elif len(key) >= settings.repeat_min_chars:
            if key in seen:
                reasons[(s, e)] = "repeated_paragraph"
            seen.add(key)
    if not reasons:
        return CleanText(text, ())
    chars = list(text)
    removed = []
    for (s, e), reason in sorted(reasons.items()):
        for k in range(s, e):
            if chars[k] != "\n":
                chars[k] = " "
        removed.append(Removal((s, e), reason))
    return CleanText("".join(chars), tuple(removed))


def _looks_like_caption(text: str, span: Span, credit_first: bool) -> bool:
    line = text[span[0] : span[1]].strip()
    # One sentence, not a headline: captions are a single descriptive sentence.
    return 20 <= len(line) <= 300 and line.count(". ") == 0 and line.endswith((".", ")"))
