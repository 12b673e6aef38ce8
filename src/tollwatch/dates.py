"""Dates: the reference date of a report and the date of the event it describes.

The *reference* is the day the report speaks from: its publication date, else a
dateline ("KABUL, Afghanistan (Jan. 25, 2013)"), else a date in its header
("Morning Operational Update May 30, 2011"). A dateline without a year takes it
from a release code ("2010-09-CA-005") or another year in the header; with only
a release code the reference is known to the month.

Date *mentions* are explicit ("On November 12, 1966", "Jan. 17", "2013-01-20")
or relative to the reference ("yesterday", "Thursday night", "last week",
"earlier this month", "during the past two days"). A weekday means the most
recent such day on or before the reference, as press releases use it. A
mention's precision is never finer than its reference's.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from .cues import CuePattern, Words, has_word, triggers, words
from .model import Span

STAGE = "dates.rules/1"

PRECISIONS: tuple[str, ...] = ("day", "week", "month", "year")

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}
_WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6}
_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "a": 1, "few": 3, "several": 3}

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)(?![a-z])\.?"
)
_YEAR = r"(?:19|20)\d\d"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])"

# One alternation, tried left to right: explicit dates first, then relative phrases. Each branch begins
# with a word listed in the triggers below, or a number, so that ``CuePattern`` tries it only there.
_MENTION_RE = re.compile(
    rf"\b(?P<iso_y>{_YEAR})-(?P<iso_m>0[1-9]|1[0-2])-(?P<iso_d>0[1-9]|[12]\d|3[01])\b"
    rf"|\b(?P<mdy_m>{_MONTH})\s+(?P<mdy_d>{_DAY})(?:st|nd|rd|th)?\b(?!\s*-?\s*(?:year|day|hour|week|month)s?\b)"
    rf"(?:(?:\s*[,.]\s*|\s+)(?P<mdy_y>{_YEAR})\b)?"
    rf"|\b(?P<dmy_d>{_DAY})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<dmy_m>{_MONTH})(?:,?\s+(?P<dmy_y>{_YEAR})\b)?"
    rf"|\b(?P<my_m>{_MONTH})\s+(?:of\s+)?(?P<my_y>{_YEAR})\b"
    rf"|(?:(?<=\bin )|(?<=\bsince )|(?<=\bduring ))(?P<y_only>{_YEAR})\b"
    r"|\b(?P<yesterday>yesterday|last\s+night|overnight|(?:previous|preceding)\s+(?:day|night))\b"
    r"|\b(?P<today>today|tonight|this\s+(?:morning|afternoon|evening))\b"
    r"|\b(?P<ago_n>\d|one|two|three|four|five|six|seven)\s+days?\s+ago\b"
    r"|\b(?:past|last)\s+(?P<past_n>\d|two|three|four|five|six|seven|few|several)"
    r"\s+days\b"
    r"|\b(?:(?:past|last)\s+24\s+hours)\b(?P<past_day>)"
    r"|\b(?P<last_week>(?:last|past|previous)\s+week)\b"
    r"|\b(?P<weekend>(?:last|past|previous|over\s+the)\s+weekend)\b"
    r"|\b(?P<this_week>(?:earlier\s+|later\s+)?this\s+week)\b"
    r"|\b(?P<last_month>last\s+month)\b"
    r"|\b(?P<this_month>(?:earlier\s+|later\s+)?this\s+month)\b"
    r"|\b(?P<last_year>last\s+year)\b"
    r"|\b(?P<this_year>(?:earlier\s+)?this\s+year)\b"
    r"|\b(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b",
    re.IGNORECASE,
)
_MENTION = CuePattern(
    _MENTION_RE,
    triggers(
        "jan january feb february mar march apr april may jun june jul july aug august sep sept september "
        "oct october nov november dec december monday tuesday wednesday thursday friday saturday sunday "
        "yesterday today tonight overnight last past previous preceding this earlier later over "
        "one two three four five six seven"
    ),
    digits=True,
    # A number word opens only "two days ago", and "over" only "over the weekend".
    only_before={**dict.fromkeys(("one", "two", "three", "four", "five", "six", "seven"), triggers("day days")),
                 "over": triggers("the")},
)
_YEAR_ANY = re.compile(rf"\b({_YEAR})\b")
# A release number that carries year and month: "2010-09-CA-005", "2013-01-S-022". Its leading "\b" is
# written as lookbehinds after the century so that the search, which reads at least the first 300
# characters of every report without a publication date, skips ahead to "19" and "20" instead of trying
# every position.
_RELEASE_CODE = re.compile(r"(?P<y>(?:19|20)(?<!\w19)(?<!\w20)\d\d)-(?P<m>0[1-9]|1[0-2])-[A-Z]{1,3}\b")
# "KABUL, Afghanistan (Jan. 25, 2013)", "KABUL, Afghanistan (Sept. 1) -", "PAKTIKA PROVINCE, Afghanistan –".
# The name opens with a capital not preceded by a word character, written "[A-Z](?<!\w[A-Z])" rather than
# "\b[A-Z]" so that the search skips ahead to capitals instead of trying every position.
_DATELINE = re.compile(
    r"(?P<place>[A-Z](?<!\w[A-Z])[A-Z'’.\-]+(?:\s+[A-Z][A-Z'’.\-]+){0,3}"
    r"(?:,\s+[A-Z][A-Za-z.]+(?:\s+[A-Z][A-Za-z.]+){0,2})?)"
    # Wires date the dateline outside the parenthesis: "KYIV, Jan. 5 (Reuters) -".
    # Or day first, as European and UN copy has it: "KHERSON, 4 May 2024 —".
    r"(?:,?\s+(?P<md>(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}(?:,\s*\d{4})?|"
    r"\d{1,2}\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?(?:\s+\d{4})?))?"
    r"(?:\s*\((?P<paren>[^()\n]{2,40})\)\s*(?:[–—]|-{1,2}\s|\|)?|\s*(?:[–—]|-{1,2}\s|\||:\s|$))",
    re.MULTILINE,
)
_LABEL_BEFORE = re.compile(r"\w:[ \t]+$")
_CODE_WINDOW = 300
# Every day of the month (``_DAY``) holds one of these.
_DAY_DIGIT = re.compile(r"[1-9]")
# "since Oct. 1", "the July 2 attack": a boundary or an earlier event, not this event's date.
_NOT_EVENT_DATE = re.compile(r"\b(?:since|until|till|before|after|the)\s+$", re.IGNORECASE)
_REPORTED_ON = re.compile(
    r"\b(?:said|says|told|announced|reported|stated|statement|confirmed|added|tweeted|news\s+conference|"
    r"press\s+conference|briefing)\b[^.;,\n]{0,20}$"
    # "Updated 14 March 2024: the toll was revised", "Original entry, 11 March 2024:": when a record was
    # written, not when its event happened.
    r"|\b(?:updated|update|posted|published|edited|corrected|revised|entry)\b[\s,:]{0,3}(?:on\s+)?$",
    re.IGNORECASE,
)
# The words that ``_REPORTED_ON`` begins with: searched only where one stands, as most dates have none before.
_REPORTED_WORDS = triggers("said says told announced reported stated statement confirmed added tweeted news press "
                           "briefing updated update posted published edited corrected revised entry")
_REPORTED_WINDOW = 60
# "the 2014 elections" dates something else; "the March 5 airstrike" dates the event.
_EVENT_NOUN_AFTER = re.compile(
    r"\s*,?\s*(?:\d{4}\s+)?(?:[a-z]+\s+)?(?:air\s*-?\s*strikes?|strikes?|attacks?|bombings?|blasts?|explosions?|raids?|"
    r"shootings?|massacres?|ambush(?:es)?|assaults?|operations?|incidents?|shelling|killings?)\b",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"[.!?][\"”’)]?\s*$")


@dataclass(frozen=True, slots=True)
class Reference:
    """The day a report speaks from, where it was found, and where its header ends."""

    date: date
    precision: str
    source: str
    span: Span | None = None
    header_end: int = 0


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date in the text. ``named_event`` marks "the March 5 airstrike": the date of an event the
    report names, which may be the incident or an earlier one that it recalls. ``reporting`` marks
    "said in a statement on Friday": when something was said, not when it happened."""

    date: date
    precision: str
    span: Span
    explicit: bool
    named_event: bool = False
    reporting: bool = False


@dataclass(frozen=True, slots=True)
class Dateline:
    """A dateline's place ("KABUL, Afghanistan") and where the dateline ends."""

    place: Span
    end: int
    date: date | None
    year_known: bool


def _month(token: str) -> int:
    return _MONTHS[token[:3].lower()]


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def find_dateline(text: str, limit: int = 600) -> Dateline | None:
    """The dateline within the first ``limit`` characters, if any."""
    for m in _DATELINE.finditer(text, 0, min(limit, len(text))):
        place = m.group("place")
        city = place.split(",")[0]
        if len(city.replace(" ", "")) < 3 or not any(c.isalpha() for c in city) or _LABEL_BEFORE.search(
            text, max(0, m.start() - 3), m.start()
        ):
            continue  # "Source: VOI 3 Feb.", "Side B: JNIM": a record's field, not where a report was filed
        paren = m.group("paren") or ""
        d, year_known = None, False
        said = m.group("md") or paren
        # A date holds its day's number: "(AP)", "(Reuters)" and no parenthesis at all are not searched.
        # The few characters are searched with the pattern itself: every match of it begins where one of
        # ``_MENTION``'s triggers does, so the two find the same, and scanning the words of so short a
        # text for triggers cost more than the search.
        explicit = _MENTION_RE.search(said) if _DAY_DIGIT.search(said) else None
        if explicit and (explicit.group("mdy_m") or explicit.group("dmy_m")):
            month = _month(explicit.group("mdy_m") or explicit.group("dmy_m"))
            day = int(explicit.group("mdy_d") or explicit.group("dmy_d"))
            year_text = explicit.group("mdy_y") or explicit.group("dmy_y")
            year_known = year_text is not None
            d = _safe_date(int(year_text) if year_text else 2000, month, day)
        elif paren and not re.fullmatch(r"\s*[A-Za-z.]{1,12}\s*", paren):
            continue  # a parenthesis that is neither a date nor an agency ("AP") is not a dateline
        return Dateline((m.start("place"), m.end("place")), m.end(), d, year_known)
    return None


def _header_end(text: str, dateline: Dateline | None) -> int:
    if dateline is not None:
        return dateline.end
    # Titles and release boilerplate come as leading lines without a sentence's closing period.
    end = 0
    for line in text[:600].split("\n"):
        if line.strip() and (_SENTENCE_END.search(line) or len(line) > 250):
            break
        end += len(line) + 1
    # A report that is all "header" is a bare line of prose without a final period, not a header.
    return end if end < len(text.rstrip()) else 0


# "Not passed": a dateline of None is an answer (the report has none), so it cannot mean "look for it".
_UNSET: Any = object()


def reference_date(
    text: str, published: date | None, dateline: Dateline | None = _UNSET, scanned: Words | None = None
) -> Reference | None:
    """The report's reference date: published, else dateline, else header; None when nothing says.

    ``dateline`` is ``find_dateline(text)`` (None when there is none) and ``scanned`` is ``words(text)``,
    passed in when the caller has them already.
    """
    dateline = find_dateline(text) if dateline is _UNSET else dateline
    header_end = _header_end(text, dateline)
    if published is not None:
        return Reference(published, "day", "published", None, header_end)
    header = text[:header_end]
    # Release numbers often open the first body line, just past a one-line title.
    code = _RELEASE_CODE.search(text, 0, max(header_end, _CODE_WINDOW))
    year: int | None = int(code.group("y")) if code else None
    if year is None:
        any_year = _YEAR_ANY.search(header)
        year = int(any_year.group(1)) if any_year else None
    if dateline is not None and dateline.date is not None:
        if dateline.year_known:
            return Reference(dateline.date, "day", "dateline", dateline.place, header_end)
        if year is not None:
            d = _safe_date(year, dateline.date.month, dateline.date.day)
            if d is not None:
                return Reference(d, "day", "dateline", dateline.place, header_end)
    for m in _MENTION.finditer(text, 0, header_end, scanned):
        month_token = m.group("mdy_m") or m.group("dmy_m")
        if m.group("iso_y"):
            return Reference(
                date(int(m.group("iso_y")), int(m.group("iso_m")), int(m.group("iso_d"))), "day", "header",
                m.span(), header_end,
            )
        if month_token:
            y = m.group("mdy_y") or m.group("dmy_y") or year
            d = _safe_date(int(y), _month(month_token), int(m.group("mdy_d") or m.group("dmy_d"))) if y else None
            if d is not None:
                return Reference(d, "day", "header", m.span(), header_end)
    if code is not None:
        return Reference(date(int(code.group("y")), int(code.group("m")), 1), "month", "release_code",
                         code.span(), header_end)
    return None


def _coarser(a: str, b: str) -> str:
    return a if PRECISIONS.index(a) >= PRECISIONS.index(b) else b


def _number(token: str) -> int:
    return int(token) if token.isdigit() else _NUMBERS[token.lower()]


def _resolve(m: re.Match[str], ref: Reference | None) -> tuple[date, str, bool] | None:
    """A mention's date, precision and whether it was explicit; None when it cannot be placed in time."""
    g = m.group
    if g("iso_y"):
        return date(int(g("iso_y")), int(g("iso_m")), int(g("iso_d"))), "day", True
    if g("mdy_m") or g("dmy_m"):
        month = _month(g("mdy_m") or g("dmy_m"))
        day = int(g("mdy_d") or g("dmy_d"))
        year_text = g("mdy_y") or g("dmy_y")
        if year_text:
            d = _safe_date(int(year_text), month, day)
            return (d, "day", True) if d else None
        if ref is None:
            return None
        # Without a year, the most recent such date on or before the reference.
        d = _safe_date(ref.date.year, month, day)
        if d is not None and ref.precision == "day" and d > ref.date:
            d = _safe_date(ref.date.year - 1, month, day)
        return (d, ref.precision if ref.precision != "month" else "day", True) if d else None
    if g("my_m"):
        return date(int(g("my_y")), _month(g("my_m")), 1), "month", True
    if g("y_only"):
        return date(int(g("y_only")), 1, 1), "year", True
    if ref is None:
        return None
    r = ref.date
    if ref.precision != "day" and not (g("last_month") or g("last_year") or g("this_year")):
        # Against a reference known only to the month, "yesterday" is only known to the month too.
        return r, ref.precision, False
    if g("weekday"):
        back = (r.weekday() - _WEEKDAYS[g("weekday").lower()]) % 7
        return r - timedelta(days=back), "day", False
    if g("yesterday"):
        return r - timedelta(days=1), "day", False
    if g("today") or g("past_day") is not None:
        return r, "day", False
    if g("ago_n"):
        return r - timedelta(days=_number(g("ago_n"))), "day", False
    if g("past_n"):
        # Coded from the first day of the span, as the event began then.
        n = _number(g("past_n"))
        return r - timedelta(days=n), "day" if n <= 1 else "week", False
    if g("last_week"):
        return r - timedelta(days=7), "week", False
    if g("weekend"):
        # Its Saturday: "over the weekend" told on a weekend is that one, else it and "last weekend" are
        # the one before the reference's week.
        if g("weekend").lower().startswith("over") and r.weekday() >= 5:
            return r - timedelta(days=r.weekday() - 5), "week", False
        return r - timedelta(days=r.weekday() + 2), "week", False
    if g("this_week"):
        if g("this_week").lower().startswith("earlier"):
            # "earlier this week": before the report, from the week's Monday on
            return r - timedelta(days=r.weekday() or 1), "week", False
        return r, "week", False
    if g("last_month"):
        first = r.replace(day=1) - timedelta(days=1)
        return first.replace(day=1), "month", False
    if g("this_month"):
        return r.replace(day=1), "month", False
    if g("last_year"):
        return date(r.year - 1, 1, 1), "year", False
    if g("this_year"):
        return date(r.year, 1, 1), "year", False
    return None


def _year_from_text(text: str, m: re.Match[str], scanned: Words | None) -> tuple[date, str, bool] | None:
    """A month and day with no year and no reference date ("On Friday morning of March 13, ...") take the year
    of the nearest full date in the text ("found dead in his cell on May 31, 2015"): the date on or before it
    when it is told later, on or after it when it was told earlier, as a narrative tells events in order."""
    anchor: tuple[int, date] | None = None
    for other in _MENTION.finditer(text, 0, len(text), scanned):
        year = other.group("mdy_y") or other.group("dmy_y") or other.group("iso_y")
        resolved = _resolve(other, None) if year else None
        if resolved is not None and (anchor is None or abs(other.start() - m.start()) < abs(anchor[0] - m.start())):
            anchor = (other.start(), resolved[0])
    if anchor is None:
        return None
    at, full = anchor
    month, day = _month(m.group("mdy_m") or m.group("dmy_m")), int(m.group("mdy_d") or m.group("dmy_d"))
    d = _safe_date(full.year, month, day)
    if d is not None and at > m.start() and d > full:
        d = _safe_date(full.year - 1, month, day)
    elif d is not None and at < m.start() and d < full:
        d = _safe_date(full.year + 1, month, day)
    return (d, "day", True) if d is not None else None


def find_dates(
    text: str, span: Span, reference: Reference | None, scanned: Words | None = None
) -> tuple[DateMention, ...]:
    """Every date mention inside ``span`` that can be placed in time, in text order."""
    scanned = scanned if scanned is not None else words(text)
    found = []
    for m in _MENTION.finditer(text, span[0], span[1], scanned):
        explicit = m.group("iso_y") or m.group("mdy_m") or m.group("dmy_m") or m.group("my_m")
        named_event = text[max(0, m.start() - 4) : m.start()].lower() == "the " and bool(
            _EVENT_NOUN_AFTER.match(text, m.end())
        )
        if explicit and not named_event and _NOT_EVENT_DATE.search(text, max(0, m.start() - 8), m.start()):
            continue
        resolved = _resolve(m, reference)
        if resolved is None and reference is None and (m.group("mdy_m") or m.group("dmy_m")):
            resolved = _year_from_text(text, m, scanned)
        if resolved is None:
            continue
        d, precision, explicit = resolved
        if reference is not None and not explicit:
            precision = _coarser(precision, reference.precision)
        window = max(0, m.start() - _REPORTED_WINDOW)
        reporting = has_word(scanned, window, m.start(), _REPORTED_WORDS) and bool(
            _REPORTED_ON.search(text, window, m.start())
        ) and not _possessive_event(text, m)
        found.append(DateMention(d, precision, m.span(), explicit, named_event, reporting))
    return tuple(found)


def _possessive_event(text: str, m: re.Match[str]) -> bool:
    """"said Thursday's attack killed four": a day that owns the event names the event's day, not the
    statement's."""
    return text[m.end() : m.end() + 2] in ("'s", "’s") and bool(_EVENT_NOUN_AFTER.match(text, m.end() + 2))


# How long before the day a statement was made the event it tells of may be told elsewhere (see event_date).
_STATEMENT_LAG = timedelta(days=7)


def event_date(
    text: str, spans: Sequence[Span], reference: Reference | None, scanned: Words | None = None
) -> DateMention | None:
    """The event's date from the first span, in the given priority order, that states one.

    Within one sentence a full explicit date wins over a weekday beside it ("On Sunday evening of
    April 5"), and else the earliest of the finest, since a report's "today" is often when an earlier
    event was confirmed. The report's header and dateline are skipped: they date the report. A span that
    dates only a statement ("the military said on Friday") yields to a later span that dates a day in the
    week before it ("Thursday's attack happened near ..."): the event came before it was told.
    """
    skip = reference.header_end if reference is not None else 0
    scanned = scanned if scanned is not None else words(text)
    said: DateMention | None = None
    for start, end in spans:
        if end <= skip:
            continue
        mentions = find_dates(text, (max(start, skip), end), reference, scanned)
        if said is not None:
            earlier = [m for m in mentions if not m.reporting and m.precision == "day"
                       and said.date - _STATEMENT_LAG <= m.date <= said.date]
            if earlier:
                return earlier[0]
            continue
        # A plain date first; then "the July 2 attack", often an earlier attack recalled; last, the day
        # something was said.
        tiers = (
            [m for m in mentions if not m.named_event and not m.reporting],
            [m for m in mentions if m.named_event and not m.reporting],
        )
        chosen = next((t for t in tiers if t), None)
        if chosen:
            return _earliest_finest(chosen)
        if mentions:
            said = _earliest_finest(mentions)
    return said


# A record's own field for the date of its event: "Date: 2023-06-11", "Event date: 05 May 2024", "Date of
# incident: 12 May 2018", "date_start 2022-08-09". Conflict-event entries and incident logs say it there, and
# their narrative may then tell it only relatively ("overnight") or not at all.
_DATE_FIELD = re.compile(
    r"(?<![\w-])(?:(?:(?:event|incident|attack)\s+date|date(?:\s+of\s+(?:the\s+)?(?:incident|event|attack))?)"
    r"\s*[:=]|date_start)\s*",
    re.IGNORECASE,
)
_DATE_FIELD_WORDS = triggers("date date_start")


def field_date(text: str, reference: Reference | None, scanned: Words) -> DateMention | None:
    """The date in a record's date field, when it is a full date; None when the report has no such field."""
    if not has_word(scanned, 0, len(text), _DATE_FIELD_WORDS):
        return None  # news reports seldom say "date" at all
    for m in _DATE_FIELD.finditer(text):
        mention = _MENTION_RE.match(text, m.end())
        if mention is None or not (mention.group("iso_y") or mention.group("mdy_y") or mention.group("dmy_y")):
            continue
        resolved = _resolve(mention, reference)
        if resolved is not None:
            return DateMention(resolved[0], resolved[1], mention.span(), True)
    return None


def header_date(text: str, reference: Reference | None, scanned: Words) -> DateMention | None:
    """A full date in the report's header lines other than the one it is dated by: an assessment's "CS1021 —
    11 March 2017 — al-Mashlab" heads a narrative that tells no date. Read only when the body tells none."""
    if reference is None or reference.source != "published" or "\n" not in text[: reference.header_end]:
        # Only a header of lines above a report dated apart from it: a dateline or a header date that dates
        # the report leaves the rest of its header to titles and boilerplate.
        return None
    for m in _MENTION.finditer(text, 0, reference.header_end, scanned):
        if (m.group("iso_y") or m.group("mdy_y") or m.group("dmy_y")) and m.span() != reference.span:
            resolved = _resolve(m, reference)
            # The report's own day in its header ("Morning Operational Update May 30, 2011") dates the report:
            # the event stays known only to the week before it.
            if resolved is not None and resolved[0] != reference.date:
                return DateMention(resolved[0], resolved[1], m.span(), True)
    return None


def _earliest_finest(mentions: Sequence[DateMention]) -> DateMention:
    """The first full date of a day, else the earliest of the finest: "Today, officials confirmed an arrest
    on Sunday": the report's day yields to the event's."""
    explicit_days = [m for m in mentions if m.explicit and m.precision == "day"]
    return explicit_days[0] if explicit_days else min(mentions, key=lambda m: (PRECISIONS.index(m.precision), m.date))
