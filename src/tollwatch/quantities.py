"""Quantities: cardinal numbers, ranges, qualifiers and vague words, with offsets.

``QTY`` is a regular-expression fragment other stages embed where a count may
stand; ``parse_quantity`` turns its matched text into a ``Count``. What a count
is *of* (people, aircraft, years) is decided by the caller, which only accepts
a quantity bound to a victim noun or an outcome word. ``find_quantities`` lists
the standalone quantities of a text and leaves out ages, dates, times, years,
distances, money and ordinals, which are never tolls.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .lexicon import alternation
from .model import Count, Span

STAGE = "quantities.rules/1"

UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}
SCALES = {"hundred": 100, "thousand": 1000}
SPECIAL = {"a dozen": 12, "dozen": 12, "a couple of": 2, "a pair of": 2, "a score of": 20, "both": 2}

# Vague words, longest first; the value a policy gives each lives in Settings.vague_counts.
VAGUE = {
    "a large number of": "a number of", "a significant number of": "a number of", "a small number of": "a few",
    "large numbers of": "a number of", "a number of": "a number of", "a handful of": "a few", "a few": "a few", "several": "several",
    "multiple": "multiple", "numerous": "numerous", "many": "many", "tens of": "tens", "dozens of": "dozens",
    "dozens": "dozens", "scores of": "scores", "scores": "scores", "hundreds of": "hundreds",
    "hundreds": "hundreds", "thousands of": "thousands", "thousands": "thousands",
    # No figure at all, but it stands where a count does: "9 soldiers and an unknown number of militants".
    "an unknown number of": "unknown", "an undetermined number of": "unknown",
    "an unspecified number of": "unknown", "an unconfirmed number of": "unknown",
}

_U = alternation(UNITS, " ")
_T = alternation(TENS, " ")
_WORDNUM = rf"(?:(?:{_T})(?:[- ](?:{_U}))?|{_U})(?: (?:hundred|thousand)(?:(?: and)? (?:(?:{_T})(?:[- ](?:{_U}))?|{_U}))?)?|(?:a|one) (?:hundred|thousand)(?:(?: and)? (?:(?:{_T})(?:[- ](?:{_U}))?|{_U}))?"
_DIGITS = r"\d{1,3}(?:,\d{3})+(?!\d)|\d+(?![\d,.:]\d)"
_NUM = rf"(?:{_DIGITS}|(?:{_WORDNUM})\b|a dozen\b|a couple of\b|a pair of\b|a score of\b|both\b)"

QUALIFIERS = {
    "about": "about", "around": "about", "approximately": "about", "roughly": "about", "some": "about",
    "an estimated": "about", "estimated": "about", "nearly": "about", "almost": "about", "close to": "about",
    "a total of": "exact", "all": "exact", "an additional": "exact", "additional": "exact", "another": "exact",
    "the": "exact", "the other": "exact", "all but": "exact", "all of the": "exact", "at least": "at_least", "no fewer than": "at_least", "no less than": "at_least", "a minimum of": "at_least",
    "more than": "more_than", "over": "more_than", "upwards of": "more_than", "in excess of": "more_than",
    "up to": "at_most", "as many as": "at_most", "at most": "at_most", "no more than": "at_most",
    "not more than": "at_most", "fewer than": "fewer_than", "less than": "fewer_than", "under": "fewer_than",
}
_QUAL = alternation(QUALIFIERS, " ")
_VAGUE = alternation(VAGUE, " ")

RANGE_OPENERS = ("between", "from")

QTY = (
    rf"(?:(?:{'|'.join(RANGE_OPENERS)}) (?:{_NUM}) (?:and|to) (?:{_NUM})"
    rf"|(?:(?:{_QUAL}) )?(?:{_NUM})(?:(?: ?[-–] ?| to | or )(?:{_NUM}))?"
    rf"|(?:{_VAGUE})\b)"
)
QTY_RE = re.compile(QTY, re.IGNORECASE)
# Every word a ``QTY`` match can begin with, for callers that try the pattern only where one stands.
FIRST_WORDS = frozenset(
    w.split()[0] for w in [*UNITS, *TENS, *QUALIFIERS, *VAGUE, *SPECIAL, *RANGE_OPENERS, "a", "an", "one"]
)

_RANGE = re.compile(
    rf"^(?:between |from )?(?P<a>{_NUM})(?: ?[-–] ?| to | or | and )(?P<b>{_NUM})$", re.IGNORECASE
)
_QUAL_PREFIX = re.compile(rf"^(?P<q>{_QUAL}) (?P<rest>.+)$", re.IGNORECASE)


def number_value(text: str) -> int | None:
    """The value of a cardinal written in digits or words: '1,200', 'twenty-five', 'two hundred'."""
    t = text.strip().lower().replace("–", "-")
    if t in SPECIAL:
        return SPECIAL[t]
    if t.replace(",", "").isdigit():
        return int(t.replace(",", ""))
    total, current = 0, 0
    for word in re.split(r"[\s-]+", t.replace(" and ", " ")):
        if word in ("a", "an", "one") and current == 0:
            current = 1
        elif word in UNITS:
            current += UNITS[word]
        elif word in TENS:
            current += TENS[word]
        elif word in SCALES:
            current = max(current, 1) * SCALES[word]
            if word == "thousand":
                total, current = total + current, 0
        else:
            return None
    return total + current


@lru_cache(maxsize=4096)
def parse_quantity(text: str) -> Count | None:
    """A ``Count`` from text matched by ``QTY``; None when it is not a quantity after all. Cached: a few
    figures ("two", "at least 12") make most of a corpus's, and a ``Count`` is frozen."""
    t = " ".join(text.split())
    low = t.lower()
    if low in VAGUE:
        return Count(None, None, "vague", t, VAGUE[low])
    m = _QUAL_PREFIX.match(t)
    qualifier = "exact"
    body = t
    if m and m.group("q").lower() in QUALIFIERS:
        qualifier = QUALIFIERS[m.group("q").lower()]
        body = m.group("rest")
    n = number_value(body)
    r = None if n is not None else _RANGE.match(body)
    if r:
        a, b = number_value(r.group("a")), number_value(r.group("b"))
        if a is None or b is None or b <= a:
            return None
        return Count(a, b, "range", t)
    if n is None:
        return None
    if qualifier in ("exact", "about"):
        return Count(n, n, qualifier, t)  # type: ignore[arg-type]
    if qualifier == "at_least":
        return Count(n, None, "at_least", t)
    if qualifier == "more_than":
        return Count(n + 1, None, "more_than", t)
    if qualifier == "at_most":
        return Count(None, n, "at_most", t)
    return Count(None, max(n - 1, 0), "fewer_than", t)


_NOT_TOLL_AFTER = re.compile(
    r"^(?:[- ]?(?:years?|months?|weeks?|days?)[- ]old\b|[- ]year-old|[- ]?(?:km|kilomet(?:er|re)s?|miles?|met(?:er|re)s?|"
    r"feet|foot|yards?|inches|percent|per cent|%|dollars?|euros?|pounds?|afghanis?|rupees?|a\.m\.|p\.m\.|am\b|pm\b|"
    r"o'clock|hours?|minutes?|seconds?|st\b|nd\b|rd\b|th\b)|(?:[- ](?:times|storey|story))\b|"
    r" (?:air ?|drone |missile )?(?:strikes?|raids?|drones?|helicopters?|aircraft|jets?|planes?|rockets?|missiles?|"
    # "twelve gun injuries", "three gun deaths": the harm a gun did, not a count of guns
    r"rounds?|shells?|bombs?|vehicles?|tanks?|rifles?|guns?(?![- ](?:injur|death|wound|fatalit|casualt|victim))|"
    r"weapons?)\b)",
    re.IGNORECASE,
)
# What the words just before a number make of it: money, an age, a page or a date. Each of these words
# ends where the text before the number does (but for spaces), so the pattern is matched once at the start
# of that text reversed, and spelt reversed; searched forward, it was tried at every character of it.
_MONTH_ABBREVIATIONS = ("Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec")
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")
_WORDS_BEFORE = ("age", "aged", "age of", "Rs", "Rs.", "USD", "No.", "number", "page", "route", "highway",
                 *_MONTH_ABBREVIATIONS, *(m + "." for m in _MONTH_ABBREVIATIONS), *_MONTHS)
_NOT_TOLL_BEFORE_REVERSED = re.compile(
    r"\s*(?:[$£€]|(?:"
    + "|".join(re.escape(w[::-1]) for w in sorted(_WORDS_BEFORE, key=len, reverse=True))
    + r")\b"
    # "a mother of two": her children, not a toll
    + r"|fo\s+s?(?:rehtom|rehtaf|tnerap|mom|dad))",
    re.IGNORECASE,
)
_MONTH_AFTER = re.compile(rf"^\s*(?:{'|'.join(_MONTHS)}|(?:{'|'.join(_MONTH_ABBREVIATIONS)})\b)")


@dataclass(frozen=True, slots=True)
class Quantity:
    span: Span
    count: Count


def is_toll_like(text: str, start: int, end: int) -> bool:
    """False for ages, dates, times, years, distances, money and ordinals around text[start:end]."""
    before = text[max(0, start - 12) : start]
    after = text[end : end + 14]
    if _NOT_TOLL_AFTER.match(after) or _NOT_TOLL_BEFORE_REVERSED.match(before[::-1]) or _MONTH_AFTER.match(after):
        return False
    digits = text[start:end].replace(",", "")
    if digits.isdigit() and len(digits) == 4 and 1800 <= int(digits) <= 2100:
        return False  # a year
    # Codes like 2010-09-CA-005, dates like 3/11, times like 3:30.
    return not (start > 0 and text[start - 1] in "-/:" or text[end : end + 1] in ("/", ":"))


def find_quantities(text: str) -> list[Quantity]:
    out = []
    for m in QTY_RE.finditer(text):
        if not is_toll_like(text, m.start(), m.end()):
            continue
        count = parse_quantity(m.group(0))
        if count is not None:
            out.append(Quantity((m.start(), m.end()), count))
    return out
